"""GVC accounting engine: the Leontief system of a table (the one place where ``I - A`` is factorised).

Notation (Wang, Wei & Zhu 2013, WWZ; Koopman, Wang & Wei 2014, KWW).  A table has ``n``
country-industry pairs; ``s``, ``r``, ``t`` denote countries (blocks of rows), ``i``, ``j`` pairs.

- ``A = Z x^-1`` technical coefficients (columns with ``x_j = 0`` are zero);
- ``B = (I - A)^-1`` the global Leontief inverse; ``B_sr`` its blocks;
- ``L = diag(L_ss)``, ``L_ss = (I - A_ss)^-1`` the local (domestic) Leontief inverses;
- ``G = (I - x^-1 Z)^-1 = x^-1 B x`` the Ghosh inverse;
- ``V = va / x`` value-added coefficients, so that ``V B = u'`` (every unit of output is fully
  traced to value added somewhere);
- ``Y`` (n x C) final demand by destination country, ``E`` (n) gross exports, ``E_sr`` bilateral
  exports (intermediate ``A_sr x_r`` plus final ``Y_sr``).

The engine works with *groups*: rows are assigned to countries by a mapping, so the split
countries of an OECD-style ICIO (``MX1``, ``MX2`` inside ``MEX``; ``CN1``, ``CN2`` inside ``CHN``)
stay separate inside the inverse and are only treated as one economy for "domestic" vs
"foreign" (exvatools' convention).  Without a mapping each table country is its own group.

One factorisation of ``I - A`` (LU, :func:`scipy.linalg.lu_factor`) is computed per table and
reused for ``B`` and every solve; all bilateral terms are vectorised over country pairs
(n x n times n x C products), so the whole WWZ decomposition of a WIOD year costs one LU,
one inverse and a dozen matrix products.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import scipy.linalg as sla

from ..data.wiot import WIOT


@dataclass(frozen=True, eq=False)
class IOModel:
    """The Leontief system of one table, with its country (group) structure.

    Build it with :func:`io_model` (which computes every field from a table); all arrays are
    float64 and read-only by convention. Notation as in the module docstring.

    Parameters
    ----------
    labels : pandas.MultiIndex
        (country, industry) of the n pairs of the table it was built from (the model keeps no
        reference to the table, which memoises the model: no reference cycle).
    x : numpy.ndarray, shape (n,)
        Gross output.
    groups : tuple of str
        The ``C`` economies ("countries" of the decompositions), in order of first appearance.
    cid : numpy.ndarray of int, shape (n,)
        Group index of each row/column pair.
    A : numpy.ndarray, shape (n, n)
        Technical coefficients ``a_ij = z_ij / x_j`` (0 where ``x_j = 0``), Miller & Blair (2009) eq. (2.4).
    L : numpy.ndarray, shape (n, n)
        Block-diagonal local inverses ``L_ss = (I - A_ss)^-1`` (zero off the domestic blocks).
    vc : numpy.ndarray, shape (n,)
        Value-added coefficients ``v_j = va_j / x_j`` (0 where ``x_j = 0``).
    Y : numpy.ndarray, shape (n, C)
        Final demand by destination group.
    ESR : numpy.ndarray, shape (n, C)
        Bilateral gross exports ``E_sr`` (intermediate + final) of each pair to each foreign group.
    Eint : numpy.ndarray, shape (n, C)
        The intermediate part of ``ESR``, ``A_sr x_r`` summed over the importer's pairs.
    Efd : numpy.ndarray, shape (n, C)
        The final part of ``ESR``, ``Y_sr``.
    lu : tuple
        LU factors of ``I - A`` (:func:`scipy.linalg.lu_factor`), shared by every solve.

    Attributes
    ----------
    B : numpy.ndarray, shape (n, n)
        Global Leontief inverse ``(I - A)^-1``, Miller & Blair (2009) eq. (2.10); formed on
        first use from the LU factors (KWW and the WWYZ measures need only solves).
    """

    labels: pd.MultiIndex
    x: np.ndarray
    groups: tuple[str, ...]
    cid: np.ndarray
    A: np.ndarray
    L: np.ndarray
    vc: np.ndarray
    Y: np.ndarray
    ESR: np.ndarray
    Eint: np.ndarray
    Efd: np.ndarray
    lu: tuple = field(repr=False)
    _memo: dict = field(default_factory=dict, repr=False)

    # -- structure -------------------------------------------------------------
    @property
    def n(self) -> int:
        """Number of pairs."""
        return self.A.shape[0]

    @property
    def C(self) -> int:
        """Number of groups (economies)."""
        return len(self.groups)

    @property
    def P(self) -> np.ndarray:
        """Indicator matrix (n x C): ``P[i, s] = 1`` if pair i belongs to group s."""
        if "P" not in self._memo:
            self._memo["P"] = (self.cid[:, None] == np.arange(self.C)[None, :]).astype(float)
        return self._memo["P"]

    @property
    def own(self) -> np.ndarray:
        """Boolean (n x n): True on the domestic blocks."""
        if "own" not in self._memo:
            self._memo["own"] = self.cid[:, None] == self.cid[None, :]
        return self._memo["own"]

    @property
    def E(self) -> np.ndarray:
        """Total gross exports of each pair, ``E_s* = sum_r E_sr`` (n)."""
        return self.ESR.sum(axis=1)

    # -- derived blocks (memoised) ------------------------------------------------
    def _get(self, key, fn):
        if key not in self._memo:
            self._memo[key] = fn()
        return self._memo[key]

    @property
    def B(self) -> np.ndarray:
        """Global Leontief inverse ``(I - A)^-1`` from the stored LU factors (getrs against I)."""

        def f():
            B = sla.lu_solve(self.lu, np.eye(self.n), check_finite=False)
            if not np.all(np.isfinite(B)):
                raise np.linalg.LinAlgError("I - A is singular")
            return B

        return self._get("B", f)

    @property
    def Am(self) -> np.ndarray:
        """Foreign blocks of A (``A^F``): A with the domestic blocks set to zero."""
        return self._get("Am", lambda: np.where(self.own, 0.0, self.A))

    @property
    def Bd(self) -> np.ndarray:
        """Domestic blocks of the *global* inverse, ``diag(B_ss)``."""
        return self._get("Bd", lambda: np.where(self.own, self.B, 0.0))

    @property
    def Bm(self) -> np.ndarray:
        """Foreign blocks of the global inverse, ``B - diag(B_ss)``."""
        return self._get("Bm", lambda: np.where(self.own, 0.0, self.B))

    @property
    def Yd(self) -> np.ndarray:
        """Domestic final demand ``Y_ss`` (n x C, one non-zero column per row)."""
        return self._get("Yd", lambda: self.Y * self.P)

    @property
    def Ym(self) -> np.ndarray:
        """Final-goods exports ``Y_sr, r != s`` (n x C)."""
        return self._get("Ym", lambda: self.Y * (1.0 - self.P))

    @property
    def ghosh(self) -> np.ndarray:
        """Ghosh inverse ``G = x^-1 B x`` (rows/columns with zero output use 1), Miller & Blair (2009) eq. (12.9)."""

        def f():
            x = np.where(self.x > 0, self.x, 1.0)
            return self.B * (x[None, :] / x[:, None])

        return self._get("ghosh", f)

    @property
    def BY(self) -> np.ndarray:
        """``B Y`` (n x C): gross output by destination of final absorption (one LU solve)."""
        return self._get("BY", lambda: sla.lu_solve(self.lu, self.Y, check_finite=False))

    @property
    def VBP(self) -> np.ndarray:
        """``(V^ B)' P`` (n x C): ``[j, t] = sum_{i in t} v_i B_ij``, value added of economy t per unit of j's output.

        One transposed solve against ``V^ P`` (C right-hand sides): the value-added origin of every
        pair's output by source economy, without forming ``B``. Its rows sum to ``V B`` (= 1 where
        the table is balanced).
        """
        return self._get("VBP", lambda: self.solve(self.vc[:, None] * self.P, trans=True))

    @property
    def vbd(self) -> np.ndarray:
        """Domestic value-added content per unit of output, ``(V_s B_ss)_j`` for pair j of economy s (n)."""
        return self._get("vbd", lambda: self.VBP[np.arange(self.n), self.cid])

    @property
    def fva_coef(self) -> np.ndarray:
        """Foreign value-added content per unit of output, ``sum_{t != s} (V_t B_ts)_j`` (n); = ``V B_m``."""
        return self._get("fva_coef", lambda: self.VBP.sum(axis=1) - self.vbd)

    def own_block_solve(self, v: np.ndarray) -> np.ndarray:
        """``diag(B_ss) v``: each row's product with the domestic block of ``B`` only, by one solve.

        ``(B_ss v_s)_i = (B (v # P))[i, s(i)]``: ``B`` applied to ``v`` split by economy, read off
        each row's own economy; no inverse is formed.

        Parameters
        ----------
        v : numpy.ndarray, shape (n,)
            The vector (e.g. gross exports ``E``).

        Returns
        -------
        numpy.ndarray, shape (n,)
            ``sum_{j in s(i)} B_ij v_j`` for every pair ``i``.
        """
        return self.solve(np.asarray(v, dtype=float)[:, None] * self.P)[np.arange(self.n), self.cid]

    @property
    def _Lblocks(self) -> np.ndarray | None:
        """The C diagonal blocks of ``L`` as a (C, N, N) stack when the groups are equal contiguous blocks."""

        def f():
            sizes = np.bincount(self.cid, minlength=self.C)
            if not (np.all(np.diff(self.cid) >= 0) and np.all(sizes == sizes[0])):
                return None
            N = int(sizes[0])
            return np.stack([self.L[g * N:(g + 1) * N, g * N:(g + 1) * N] for g in range(self.C)])

        return self._get("Lblocks", f)

    def local(self, v: np.ndarray, trans: bool = False) -> np.ndarray:
        """``L v`` (or ``v' L`` with ``trans=True``), block by block.

        ``L`` is block diagonal, so the product touches its C blocks of N x N only (n N instead of
        n^2 multiplications); for uneven groups it falls back to the dense product.

        Parameters
        ----------
        v : numpy.ndarray, shape (n,) or (n, k)
            Vector or matrix to multiply.
        trans : bool
            Multiply by ``L'`` instead (``v' L`` for a vector).

        Returns
        -------
        numpy.ndarray
            Of the shape of ``v``.
        """
        v = np.asarray(v, dtype=float)
        Lb = self._Lblocks
        if Lb is None:
            return (v.T @ self.L).T if trans else self.L @ v
        C, N, _ = Lb.shape
        blocks = np.swapaxes(Lb, 1, 2) if trans else Lb
        return (blocks @ v.reshape(C, N, -1)).reshape(v.shape)

    def solve(self, rhs: np.ndarray, trans: bool = False) -> np.ndarray:
        """Multiply by the Leontief inverse without forming it: ``B rhs`` or ``B' rhs``.

        Parameters
        ----------
        rhs : numpy.ndarray, shape (n,) or (n, k)
            Right-hand side(s).
        trans : bool
            Solve with the transpose, ``B' rhs = (I - A')^-1 rhs`` (row vectors such as ``V B``).

        Returns
        -------
        numpy.ndarray
            Same shape as ``rhs``, from the stored LU factors (:func:`scipy.linalg.lu_solve`).
        """
        return sla.lu_solve(self.lu, rhs, trans=1 if trans else 0, check_finite=False)

    def aggregate(self, v: np.ndarray) -> np.ndarray:
        """Sum the rows of a pair-level array within groups (economies): ``P' v``.

        Parameters
        ----------
        v : numpy.ndarray, shape (n,) or (n, k)
            One value (or k values) per pair.

        Returns
        -------
        numpy.ndarray, shape (C,) or (C, k)
            Group totals in the order of :attr:`groups`.
        """
        return self.P.T @ v


def _group_ids(table: WIOT, groups: Mapping[str, str] | None) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
    """Group labels, per-pair group index (n) and per-table-country group index (G)."""
    groups = dict(groups or {})
    unknown = set(groups) - set(table.countries)
    if unknown:
        raise ValueError(f"groups: {sorted(unknown)} are not countries of the table ({table.countries})")
    label = [groups.get(c, c) for c in table.countries]
    order = list(dict.fromkeys(label))
    gix = np.array([order.index(g) for g in label])
    return tuple(order), np.repeat(gix, table.N), gix


def io_model(table: WIOT, groups: Mapping[str, str] | None = None) -> IOModel:
    """Build (once per table and grouping) the Leontief system of a table.

    Parameters
    ----------
    table : WIOT
        E.g. ``load_wiot(1995)``.
    groups : mapping of str to str, optional
        Table country -> economy, for split countries (``{"MX1": "MEX", "CN1": "CHN"}``).
        Pairs of one economy form a single domestic block; the inverse keeps every row.

    Returns
    -------
    IOModel
        ``A``, ``B = (I - A)^-1`` (LU of ``I - A``, Miller & Blair 2009 eq. 2.10), local inverses
        ``L_ss = (I - A_ss)^-1``, value-added coefficients ``V``, final demand and exports by group.
        Kept in a bounded cache (:func:`model_cache_size`), so the same call returns the same object.

    Raises
    ------
    TypeError
        If ``table`` is not a :class:`~helpers.data.wiot.WIOT`.
    ValueError
        If ``groups`` names a country the table does not have.

    Examples
    --------
    >>> from helpers import load_wiot
    >>> m = io_model(load_wiot(1995))
    >>> m.n, m.C
    (1435, 41)
    >>> float(np.abs(m.B @ (np.eye(m.n) - m.A) - np.eye(m.n)).max()) < 1e-12
    True
    """
    if not isinstance(table, WIOT):
        raise TypeError(f"table must be a WIOT (from load_wiot), got {type(table).__name__}")
    key = (id(table), tuple(sorted((groups or {}).items())))
    with _MODELS_LOCK:  # years may be computed in parallel threads (helpers.gvc.datasets.frames_by_year)
        pinned = _PINNED.get(key)
        if pinned is not None and pinned[1] is table:
            return pinned[2]
        hit = _MODELS.get(key)
        if hit is not None and hit[0] is table:
            _MODELS.move_to_end(key)
            return hit[1]
    names, cid, gix = _group_ids(table, groups)
    C = len(names)
    n = table.n
    x = table.x
    Z = table.Z
    xs = np.where(x != 0, x, 1.0)
    A = np.where(x[None, :] != 0, Z / xs[None, :], 0.0)
    vc = np.where(x != 0, (x - Z.sum(axis=0)) / xs, 0.0)
    IA = np.negative(A)  # I - A without a separate identity: same values, one n x n array fewer
    IA[np.diag_indices(n)] += 1.0
    lu = sla.lu_factor(IA, overwrite_a=True, check_finite=False)

    L = np.zeros((n, n))
    for g in range(C):
        idx = np.flatnonzero(cid == g)
        blk = np.ix_(idx, idx)
        L[blk] = sla.inv(np.eye(len(idx)) - A[blk], check_finite=False)
    # final demand by destination group: sum table destinations (and uses) into groups
    Pc = np.zeros((table.G, C))
    Pc[np.arange(table.G), gix] = 1.0
    Y = table.Y @ Pc
    P = (cid[:, None] == np.arange(C)[None, :]).astype(float)
    Zg = Z @ P  # intermediate sales by using group (n x C)
    foreign = 1.0 - P
    Eint = Zg * foreign
    Efd = Y * foreign
    ESR = Eint + Efd
    m = IOModel(table.index, x, names, cid, A, L, vc, Y, ESR, Eint, Efd, lu)
    with _MODELS_LOCK:
        _MODELS[key] = (table, m)
        while len(_MODELS) > _MODEL_CACHE["size"]:
            _MODELS.popitem(last=False)
    return m


# The bounded, public cache of Leontief systems: at most ``model_cache_size()`` models (each about
# 100-150 MB for a WIOD year once B and its blocks are formed) are kept, least recently used first
# out. Entries hold their table, so an id is never reused while its entry lives.
_MODELS: OrderedDict[tuple, tuple[WIOT, IOModel]] = OrderedDict()
_MODEL_CACHE = {"size": 2}
_MODELS_LOCK = threading.Lock()
# Models in use by a computation (:func:`pinned_model`): served whatever the LRU evicts meanwhile, so
# threads that compute different years at once never factorise a table twice. key -> [count, table, model]
_PINNED: dict[tuple, list] = {}


@contextmanager
def pinned_model(table: WIOT, groups: Mapping[str, str] | None = None) -> Iterator[IOModel]:
    """Keep a table's Leontief system served by :func:`io_model` for the duration of a block.

    The bounded cache of :func:`io_model` evicts the least recently used system; when several
    threads compute different years at once, one thread's insertions could evict the system another
    is still using, which would then be factorised again. Inside the block, every ``io_model(table,
    groups)`` returns the pinned system, whatever the cache holds. Pins nest (counted).

    Parameters
    ----------
    table : WIOT
        The table.
    groups : mapping of str to str, optional
        As in :func:`io_model`.

    Yields
    ------
    IOModel
        The table's system (``io_model(table, groups)``).

    Raises
    ------
    TypeError
        If ``table`` is not a :class:`~helpers.data.wiot.WIOT`.
    ValueError
        If ``groups`` names a country the table does not have.
    """
    m = io_model(table, groups)
    key = (id(table), tuple(sorted((groups or {}).items())))
    with _MODELS_LOCK:
        entry = _PINNED.setdefault(key, [0, table, m])
        entry[0] += 1
    try:
        yield m
    finally:
        with _MODELS_LOCK:
            entry[0] -= 1
            if entry[0] == 0:
                _PINNED.pop(key, None)


def model_cache_size(size: int | None = None) -> int:
    """Get (and optionally set) how many Leontief systems :func:`io_model` keeps in memory.

    Parameters
    ----------
    size : int, optional
        New maximum number of cached models (>= 0); older entries beyond it are dropped at once.

    Returns
    -------
    int
        The maximum in force after the call.

    Raises
    ------
    ValueError
        If ``size`` is negative or not an integer.
    """
    if size is not None:
        if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size < 0:
            raise ValueError(f"size={size!r}: give a non-negative integer")
        with _MODELS_LOCK:
            _MODEL_CACHE["size"] = int(size)
            while len(_MODELS) > _MODEL_CACHE["size"]:
                _MODELS.popitem(last=False)
    return _MODEL_CACHE["size"]


def clear_model_cache() -> None:
    """Drop every cached Leontief system of :func:`io_model` (frees their memory)."""
    with _MODELS_LOCK:
        _MODELS.clear()


# ---------------------------------------------------------------------------------------------
# Leontief-type value-added accounting
# ---------------------------------------------------------------------------------------------


def leontief_matrices(table: WIOT) -> dict[str, pd.DataFrame]:
    """Labelled ``A``, ``B``, ``G`` (Ghosh), ``L`` (local inverses) and ``V`` of a table.

    Convenience for the book (copies; for computation use :func:`io_model`). ``G = x^-1 B x`` is
    the Ghosh inverse ``(I - x^-1 Z)^-1`` (Miller & Blair 2009 eq. 12.9; rows and columns of pairs
    with zero output use ``x = 1``).

    Parameters
    ----------
    table : WIOT
        The world input-output table (e.g. ``load_wiot(1995)``).

    Returns
    -------
    dict of str to DataFrame
        Keys ``"A"``, ``"B"``, ``"G"``, ``"L"`` (n x n, (country, industry) labels) and ``"V"`` (n x 1).
    """
    m = io_model(table)
    idx = table.index
    out = {k: pd.DataFrame(getattr(m, a), index=idx, columns=idx) for k, a in (("A", "A"), ("B", "B"), ("L", "L"))}
    out["G"] = pd.DataFrame(m.ghosh, index=idx, columns=idx)
    out["V"] = pd.DataFrame({"V": m.vc}, index=idx)
    return out

