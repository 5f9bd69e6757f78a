"""Tables and reference quantities shared by the GVC tests, computed without the engine.

The accounting identities of KWW (2014) and WWZ (2013) hold exactly only in a table whose output is
exactly ``B Y``: every row sums to gross output and no pair with zero output trades. WIOD 2013 is
not such a table: its cells are rounded to US$ 1 million (row residual ``x - Z u - F u`` up to
about 100) and a few pairs with zero recorded output still sell or buy inputs. So the tests

- check exactness on toy tables (decompr's "leather", exvatools' ``iciotest``, a random balanced
  table) and on a *consistent* version of a WIOD year (:func:`consistent_table`: rows and columns
  of zero-output pairs cleared, each row residual moved into the producer's own domestic final
  demand, which leaves every export flow unchanged);
- check the published table against :func:`rounding_bound`: the identities assume ``x = B Y u``,
  while the published output is ``x = B (Y u + r~)`` with ``r~`` the row residual plus the sales to
  zero-output pairs; the intermediate exports the formulas attribute therefore miss at most
  ``sum_{i in s} (A^F B |r~|)_i`` for exporter ``s`` -- the size of the rounding, propagated.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from helpers import WIOT, load_wiot


def consistent_table(t: WIOT) -> WIOT:
    """The table with zero-output pairs cleared and row residuals moved into own final demand."""
    zero = t.x <= 0
    Z = np.where(zero[:, None] | zero[None, :], 0.0, t.Z)
    F = np.where(zero[:, None], 0.0, t.F)
    r = t.x - Z.sum(axis=1) - F.sum(axis=1)
    own_col = np.repeat(np.arange(t.G), t.N) * len(t.uses)  # first use of the producer's own country
    F[np.arange(t.n), own_col] += r
    return WIOT(t.year, t.countries, t.industries, Z, F, t.x.copy(), t.uses, source=f"consistent {t.source}")


def leontief(t: WIOT):
    """``A`` and ``B = (I - A)^-1`` by numpy (dense inverse), independent of the engine's LU."""
    x = t.x
    A = np.where(x[None, :] > 0, t.Z / np.where(x > 0, x, 1.0)[None, :], 0.0)
    return A, np.linalg.inv(np.eye(t.n) - A)


def country_of(t: WIOT) -> np.ndarray:
    """Country index of every pair (country-major tables)."""
    return np.repeat(np.arange(t.G), t.N)


def pair_exports(t: WIOT) -> np.ndarray:
    """Gross exports of each pair straight from the blocks: its sales in the foreign columns of Z and Y."""
    c = country_of(t)
    return (t.Z * (c[:, None] != c[None, :])).sum(axis=1) + (t.Y * (c[:, None] != np.arange(t.G)[None, :])).sum(axis=1)


def gross_exports(t: WIOT) -> np.ndarray:
    """Gross exports of each country: :func:`pair_exports` summed over its pairs."""
    return np.bincount(country_of(t), weights=pair_exports(t), minlength=t.G)


def va_coefficients(t: WIOT) -> np.ndarray:
    """``v_j = (x_j - sum_i Z_ij) / x_j`` (0 where ``x_j = 0``)."""
    return np.where(t.x > 0, (t.x - t.Z.sum(axis=0)) / np.where(t.x > 0, t.x, 1.0), 0.0)


def domestic_vb(t: WIOT) -> np.ndarray:
    """``(V_s B_ss)_j``: value added of the exporter's own country per unit of pair ``j``'s output."""
    _, B = leontief(t)
    c = country_of(t)
    return ((va_coefficients(t)[:, None] * B) * (c[:, None] == c[None, :])).sum(axis=0)


def rounding_bound(t: WIOT) -> np.ndarray:
    """Per exporter, ``sum_{i in s} (A^F B |r~|)_i``: how far rounding can move an export identity."""
    zero = t.x <= 0
    r = t.row_residual() + (t.Z * zero[None, :]).sum(axis=1)
    A, B = leontief(t)
    c = country_of(t)
    AF = np.where(c[:, None] != c[None, :], A, 0.0)
    return np.bincount(c, weights=AF @ (B @ np.abs(r)), minlength=t.G)


def random_balanced_table(seed: int = 7, G: int = 3, N: int = 2, K: int = 2) -> WIOT:
    """A small dense table with positive cells whose rows sum exactly to output."""
    rng = np.random.default_rng(seed)
    n = G * N
    Z = rng.uniform(0.5, 5.0, size=(n, n))
    F = rng.uniform(1.0, 10.0, size=(n, G * K))
    countries = tuple(f"C{k}" for k in range(G))
    industries = tuple(f"i{k}" for k in range(N))
    uses = tuple(f"u{k}" for k in range(K))
    return WIOT(0, countries, industries, Z, F, Z.sum(axis=1) + F.sum(axis=1), uses, source="random balanced")


@pytest.fixture(scope="session")
def io_ref():
    """The reference helpers above, for the test modules (conftest functions are not importable)."""
    return SimpleNamespace(consistent_table=consistent_table, leontief=leontief, country_of=country_of,
                           gross_exports=gross_exports, pair_exports=pair_exports, va_coefficients=va_coefficients,
                           domestic_vb=domestic_vb, rounding_bound=rounding_bound,
                           random_balanced_table=random_balanced_table)


@pytest.fixture(scope="session")
def t1995():
    return load_wiot(1995)


@pytest.fixture(scope="session")
def t1995c(t1995):
    return consistent_table(t1995)
