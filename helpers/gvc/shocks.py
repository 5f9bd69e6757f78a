"""Shocks on the world input-output network: where a fall in one economy-industry's output spreads.

A supply shock cuts the gross output of a set ``K`` of country-industry pairs (the *origin*) by a
share ``s``: ``dx_K = -s x_K``. Its spread is computed with the origin's output held exogenous (the
"mixed" model of Miller & Blair 2009, section 2.6.6; Ghosh 1958 for the supply side) on the
Leontief system of one table (one LU factorisation of ``I - A``, :func:`helpers.gvc.model.io_model`):

- **upstream (Leontief, demand-driven)**: the origin buys fewer inputs, its suppliers produce less,
  ``dx = B[:, K] B_KK^-1 dx_K``. The loss of a pair ``i`` outside ``K`` is its *backward* exposure.
- **downstream (Ghosh, supply-driven)**: the origin sells fewer inputs, its customers produce less,
  ``dx' = dx_K' G_KK^-1 G[K, :]`` with ``G = (I - x^-1 Z)^-1 = x^-1 B x`` the Ghosh inverse, i.e.
  ``dx_j = x_j (dx_K / x_K)' B_KK^-1 B[K, j]``. The loss of a pair ``j`` is its *forward* exposure.

Both are linear in ``s``. Value added changes with fixed value-added coefficients,
``dva = v * dx``. For a single origin pair ``k`` the formulas reduce to ``dx_i = -s x_k B_ik / B_kk``
(upstream) and ``dx_j = -s x_j B_kj / B_kk`` (downstream).

The **hypothetical extraction method** (HEM; Miller & Lahr 2001; Dietzenbacher, van der Linden &
Steenge 1993) removes coefficients from the table and compares the solution with the original:
``loss = x - x_bar``. :func:`hypothetical_extraction` cuts the intermediate sales of the pairs
``K`` to a set of buyers ``J`` (all buyers: full extraction of ``K``'s sales; foreign buyers: a
"decoupling" of ``K`` from the rest of the world) in both models: in the Leontief model the buyers
obtain those inputs outside the system (backward loss), in the Ghosh model they lose them (forward
loss). The extracted solution is computed by the Sherman-Morrison-Woodbury identity on the stored
LU of the original table, so no second factorisation is needed; the tests recompute it by a direct
solve of the extracted system. Extracting the sales *and* purchases of ``K`` entirely reproduces the
mixed-model shock with ``s = 1`` for every pair outside ``K`` (partitioned inverse).

Limits, stated wherever the results are shown: the Ghosh model is implausible as a quantity model
(Oosterhaven 1988: it implies that output can rise without inputs of the other kinds); read its
losses as *exposure*, not forecasts. Fixed coefficients mean no substitution: buyers cannot switch
to another supplier, which is exactly what the formal model of :mod:`helpers.gvc.theory` relaxes.

References
----------
Ghosh (1958), *Economica* 25(97), 58-64. Oosterhaven (1988), *Journal of Regional Science* 28(2),
203-217. Dietzenbacher, van der Linden & Steenge (1993), *Economic Systems Research* 5(2), 185-206.
Miller & Lahr (2001), "A taxonomy of extractions", in Lahr & Miller (eds.), *Regional Science
Perspectives in Economic Analysis*, 407-441. Miller & Blair (2009), *Input-Output Analysis*, ch. 12.
Bems, Johnson & Yi (2011), *American Economic Review P&P* 101(3), 308-312.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..data.checks import check_choice, check_subset, check_years
from ..data.facts import manufacturing_codes
from ..data.wiot import WIOD_YEARS, WIOT, load_wiot
from .model import IOModel, io_model

SHOCK_COLUMNS = ("d_output_leontief", "d_va_leontief", "d_output_ghosh", "d_va_ghosh")


def _table(table: WIOT | int) -> WIOT:
    if isinstance(table, WIOT):
        return table
    if isinstance(table, (int, np.integer)) and not isinstance(table, bool):
        return load_wiot(int(table))
    raise ValueError(f"table={table!r}: give a WIOT (from load_wiot) or a WIOD year {WIOD_YEARS[0]}-{WIOD_YEARS[-1]}")


def pair_index(table: WIOT, pairs, *, name: str = "origin") -> np.ndarray:
    """Row positions of (country, industry) pairs in a table.

    Parameters
    ----------
    table : WIOT
        The table whose labels are searched.
    pairs : tuple of (str, str) or sequence of such tuples
        ``("CHN", "c14")`` or ``[("CHN", "c14"), ("TWN", "c14")]``. An industry ``"*"`` stands for
        every industry of that country.
    name : str
        Parameter name for error messages.

    Returns
    -------
    numpy.ndarray of int
        Sorted, unique positions (country-major order of the table).

    Raises
    ------
    ValueError
        If a country or an industry is not in the table, or no pair is given.
    """
    if isinstance(pairs, tuple) and len(pairs) == 2 and all(isinstance(p, str) for p in pairs):
        pairs = [pairs]
    pairs = list(pairs)
    if not pairs:
        raise ValueError(f"{name} is empty: give (country, industry) pairs, e.g. ('CHN', 'c14')")
    pos = []
    for p in pairs:
        if not (isinstance(p, tuple | list) and len(p) == 2):
            raise ValueError(f"{name}: {p!r} is not a (country, industry) pair")
        c, i = p
        check_choice(c, table.countries, name=f"{name} country")
        ci = table.countries.index(c)
        if i == "*":
            pos.extend(ci * table.N + k for k in range(table.N))
        else:
            check_choice(i, table.industries, name=f"{name} industry")
            pos.append(ci * table.N + table.industries.index(i))
    return np.array(sorted(set(pos)), dtype=int)


def _rows_cols_of_B(m: IOModel, K: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Columns ``B[:, K]`` (n x k) and rows ``B[K, :]`` (k x n) from two solves with the stored LU."""
    E = np.zeros((m.n, len(K)))
    E[K, np.arange(len(K))] = 1.0
    cols = m.solve(E)
    rows = m.solve(E, trans=True).T
    return cols, rows


def _changes(t: WIOT, m: IOModel, K: np.ndarray, d_up: np.ndarray, d_down: np.ndarray) -> pd.DataFrame:
    """The pair-level frame of a shock or an extraction."""
    flag = np.zeros(m.n, dtype=bool)
    flag[K] = True
    return pd.DataFrame({
        "country": t.index.get_level_values(0), "industry": t.index.get_level_values(1),
        "output": m.x, "va": m.vc * m.x, "origin": flag,
        "d_output_leontief": d_up, "d_va_leontief": m.vc * d_up,
        "d_output_ghosh": d_down, "d_va_ghosh": m.vc * d_down,
    })


def _labels(t: WIOT, K: np.ndarray) -> tuple[tuple[str, str], ...]:
    return tuple((str(t.index[k][0]), str(t.index[k][1])) for k in K)


def _check_size(size: float) -> float:
    if isinstance(size, bool) or not isinstance(size, (int, float, np.floating, np.integer)) or not np.isfinite(size):
        raise ValueError(f"size={size!r}: give the fall in output as a share in (0, 1], e.g. 0.2")
    if not 0 < float(size) <= 1:
        raise ValueError(f"size={size!r}: the fall in output must be a share in (0, 1]")
    return float(size)


@dataclass(frozen=True)
class ShockResult:
    """A supply shock propagated up- and downstream (:func:`supply_shock`).

    Parameters
    ----------
    pairs : pandas.DataFrame
        One row per country-industry pair: ``country, industry, output, va`` (US$ million, base
        table), ``origin`` (True for the shocked pairs), the changes ``d_output_leontief``,
        ``d_va_leontief`` (upstream), ``d_output_ghosh``, ``d_va_ghosh`` (downstream), US$ million,
        negative for a loss.
    origin : tuple of (str, str)
        The shocked (or extracted) pairs.
    size : float
        Fall in the origin's output, share (NaN for an extraction, whose size is set by the
        extracted coefficients).
    year : int
        Year of the table.
    kind : str
        ``"shock"`` (:func:`supply_shock`) or ``"extraction (<buyers> buyers)"``
        (:func:`hypothetical_extraction`).
    """

    pairs: pd.DataFrame
    origin: tuple[tuple[str, str], ...]
    size: float
    year: int
    kind: str = "shock"

    def summary(self, by: str = "country", *, exclude_origin: bool = True) -> pd.DataFrame:
        """Losses summed by country or by industry, absolute and relative.

        Parameters
        ----------
        by : {"country", "industry"}
        exclude_origin : bool
            Leave the shocked pairs' own fall out (the spillovers only).

        Returns
        -------
        pandas.DataFrame
            ``by``, ``output``, ``va`` and, for each model, the change (``d_output_leontief`` ...)
            and its share of the group's output or value added (``rel_output_leontief`` ...),
            sorted by the downstream output loss (largest first).

        Raises
        ------
        ValueError
            If ``by`` is not one of the choices.
        """
        check_choice(by, ("country", "industry"), name="by")
        d = self.pairs[~self.pairs["origin"]] if exclude_origin else self.pairs
        g = d.groupby(by, sort=False)[["output", "va", *SHOCK_COLUMNS]].sum()
        for model in ("leontief", "ghosh"):
            g[f"rel_output_{model}"] = g[f"d_output_{model}"] / g["output"].where(g["output"] > 0)
            g[f"rel_va_{model}"] = g[f"d_va_{model}"] / g["va"].where(g["va"] > 0)
        return g.sort_values("d_output_ghosh").reset_index()

    def totals(self) -> dict[str, float]:
        """World totals: the origin's own fall and the spillovers, by model (US$ million).

        Returns
        -------
        dict of str to float
            ``origin_output`` (the direct fall ``-s x_K``; for an extraction, the origin's own
            change in the Leontief model), ``spill_output_<model>`` and
            ``spill_va_<model>`` (other pairs), ``multiplier_<model>`` (total output change / direct
            change).
        """
        p = self.pairs
        o = p["origin"]
        direct = float(p.loc[o, "d_output_leontief"].sum())
        out = {"origin_output": direct}
        for model in ("leontief", "ghosh"):
            out[f"spill_output_{model}"] = float(p.loc[~o, f"d_output_{model}"].sum())
            out[f"spill_va_{model}"] = float(p.loc[~o, f"d_va_{model}"].sum())
            out[f"multiplier_{model}"] = float(p[f"d_output_{model}"].sum()) / direct
        return out


def supply_shock(table: WIOT | int = 2011, origin=("CHN", "c14"), size: float = 0.2) -> ShockResult:
    """Propagate a fall in one (or several) economy-industry's output up- and downstream.

    With ``dx_K = -s x_K`` held exogenous (mixed model, Miller & Blair 2009 section 2.6.6):

    - upstream (Leontief): ``dx = B[:, K] B_KK^-1 dx_K``;
    - downstream (Ghosh 1958): ``dx_j = x_j (dx_K / x_K)' B_KK^-1 B[K, j]``, which is
      ``dx' = dx_K' G_KK^-1 G[K, :]`` with the Ghosh inverse ``G = x^-1 B x``
      (Miller & Blair 2009 eq. 12.9);
    - value added ``dva = v * dx`` with the base table's value-added coefficients.

    Parameters
    ----------
    table : WIOT or int
        A table, or a WIOD year (1995-2011). Default 2011.
    origin : (str, str) or sequence of (str, str)
        Shocked pair(s), default China's electrical and optical equipment ``("CHN", "c14")``; an
        industry ``"*"`` shocks every industry of the country.
    size : float
        Fall in the origin's output, a share in (0, 1] (default 0.2).

    Returns
    -------
    ShockResult
        Pair-level changes of output and value added in both models, with the origin flagged.

    Raises
    ------
    ValueError
        For an unknown pair, a size outside (0, 1], or an origin with zero output.

    Notes
    -----
    The Ghosh results are exposure, not forecasts (Oosterhaven 1988); fixed coefficients mean no
    substitution between suppliers.

    Examples
    --------
    >>> r = supply_shock(2011, ("CHN", "c14"), 0.2)
    >>> r.pairs.loc[r.pairs["origin"], "d_output_leontief"].iloc[0] < 0
    True
    """
    size = _check_size(size)
    t = _table(table)
    K = pair_index(t, origin)
    m = io_model(t)
    x = m.x
    if np.any(x[K] <= 0):
        zero = [t.index[k] for k in K if x[k] <= 0]
        raise ValueError(f"origin: {zero} have zero output in {t.year}; a fall in output is not defined")
    cols, rows = _rows_cols_of_B(m, K)
    BKK = cols[K, :]
    dxK = -size * x[K]
    d_up = cols @ np.linalg.solve(BKK, dxK)
    d_down = x * (np.linalg.solve(BKK.T, dxK / x[K]) @ rows)
    return ShockResult(_changes(t, m, K, d_up, d_down), _labels(t, K), size, int(t.year))


EXTRACTION_BUYERS = ("all", "foreign", "domestic")


def hypothetical_extraction(table: WIOT | int = 2011, origin=("CHN", "c14"), buyers: str = "foreign"
                            ) -> ShockResult:
    """Hypothetical extraction of the intermediate sales of ``origin`` to a set of buyers.

    The coefficients of the rows ``K`` in the columns of the buyers ``J`` are set to zero, and the
    extracted economy is solved with the original final demand and value added:

    - Leontief (backward): ``x_bar = (I - A_bar)^-1 f``; buyers get the extracted inputs from
      outside the system, so the loss falls on the origin and its suppliers;
    - Ghosh (forward): ``x_bar' = v' (I - H_bar)^-1`` with allocation coefficients
      ``H = x^-1 Z``; buyers lose the extracted inputs, so the loss falls on them and their
      customers.

    Both use the Sherman-Morrison-Woodbury identity on the stored LU of ``I - A`` (rank ``|K|``):
    ``x_bar = x - B[:, K] (I + D B[:, K])^-1 D x`` with ``D = A[K, :]`` restricted to ``J``, and
    the transposed analogue for the Ghosh model (Miller & Lahr 2001; Dietzenbacher, van der Linden
    & Steenge 1993).

    Parameters
    ----------
    table : WIOT or int
        A table or a WIOD year.
    origin : (str, str) or sequence of (str, str)
        The pairs whose sales are extracted (``"*"`` as industry: every industry of a country).
    buyers : {"foreign", "all", "domestic"}
        Whose purchases from ``origin`` are cut: buyers in other economies (a decoupling of the
        origin from the rest of the world), every buyer, or buyers in the origin's own economy.

    Returns
    -------
    ShockResult
        ``pairs`` has one row per pair: ``country, industry, output, va, origin`` and the losses as
        changes ``d_output_leontief, d_va_leontief, d_output_ghosh, d_va_ghosh`` (US$ million,
        negative for a fall); ``size`` is NaN and ``kind`` names the buyers.

    Raises
    ------
    ValueError
        For an unknown pair or ``buyers`` value, or if the extraction leaves a singular system.
    """
    check_choice(buyers, EXTRACTION_BUYERS, name="buyers")
    t = _table(table)
    K = pair_index(t, origin)
    m = io_model(t)
    x = m.x
    same = m.cid[K][:, None] == m.cid[None, :]  # buyer in the seller's economy (k x n)
    mask = np.ones_like(same) if buyers == "all" else (~same if buyers == "foreign" else same)
    D = np.where(mask, m.A[K, :], 0.0)  # extracted coefficients, rows K
    cols, rows = _rows_cols_of_B(m, K)
    eye = np.eye(len(K))
    # Leontief: (I - A + E_K D)^-1 f = x - B E_K (I + D B E_K)^-1 D x
    cap = eye + D @ cols
    d_up = -cols @ np.linalg.solve(cap, D @ x)
    # Ghosh: allocation coefficients H = x^-1 Z, extracted rows D_H = D x / x_K (zero-output
    # columns carry no flow); G = x^-1 B x. v'(I - H + E_K D_H)^-1 = x' - x_K'(I + D_H G E_K)^-1 D_H G
    xs = np.where(x > 0, x, 1.0)
    DH = D * x[None, :] / x[K][:, None]
    GK = cols * x[K][None, :] / xs[:, None]  # G[:, K]
    DHG = m.solve((DH / xs[None, :]).T, trans=True).T * x[None, :]  # D_H x^-1 B x
    capg = eye + DH @ GK
    d_down = -np.linalg.solve(capg.T, x[K]) @ DHG
    if not (np.all(np.isfinite(d_up)) and np.all(np.isfinite(d_down))):
        raise ValueError(f"the extraction of {origin!r} ({buyers} buyers) leaves a singular system")
    return ShockResult(_changes(t, m, K, d_up, d_down), _labels(t, K), float("nan"), int(t.year),
                       f"extraction ({buyers} buyers)")


# ---------------------------------------------------------------------------------------------
# Bems, Johnson & Yi (2011): the demand collapse through the input-output network
# ---------------------------------------------------------------------------------------------

DEMAND_MODES = ("economy", "economy_industry", "full")


def _predicted_final_demand(base: WIOT, shock: WIOT, mode: str) -> np.ndarray:
    """Final demand vector (n) of the shock year as the chosen mode predicts it from the base table."""
    Yb, Ys = base.Y, shock.Y  # (n, G): rows pair of origin, columns destination economy
    if mode == "full":
        return Ys.sum(axis=1)
    if mode == "economy":
        g = Ys.sum(axis=0) / np.where(Yb.sum(axis=0) != 0, Yb.sum(axis=0), np.nan)
        return (Yb * np.nan_to_num(g, nan=1.0)[None, :]).sum(axis=1)
    # economy_industry: growth of each destination's final demand for each product industry
    G, N = base.G, base.N
    b = Yb.reshape(G, N, G).sum(axis=0)  # (product industry, destination)
    s = Ys.reshape(G, N, G).sum(axis=0)
    g = np.where(b != 0, s / np.where(b != 0, b, 1.0), 1.0)
    return (Yb.reshape(G, N, G) * g[None, :, :]).reshape(G * N, G).sum(axis=1)


def demand_collapse(base_year: int = 2008, shock_year: int = 2009, mode: str = "economy",
                    industries: Sequence[str] | None = None) -> pd.DataFrame:
    """Bems-Johnson-Yi check: the realised change in final demand through fixed coefficients.

    The shock year's final demand, as predicted by ``mode`` from the base year's, is fed through
    the base year's Leontief inverse, ``x_hat = B_base f_hat``, and value added follows with the
    base year's coefficients, ``va_hat = v_base * x_hat``. The prediction is compared with the
    realised output and value added of the shock year's table (Bems, Johnson & Yi 2011).

    Modes (how ``f_hat`` is built; sourcing shares are the base year's except in ``"full"``):

    - ``"economy"``: each destination economy's total final demand grows at its realised rate,
      ``f_hat = sum_d Y_base[:, d] * (F_d,shock / F_d,base)``;
    - ``"economy_industry"``: each destination's demand for each product industry grows at its
      realised rate (the composition shift towards or away from durables, which Bems, Johnson &
      Yi emphasise);
    - ``"full"``: the realised final-demand vector of the shock year (only the coefficients are
      held at the base year).

    Parameters
    ----------
    base_year, shock_year : int
        WIOD years (default 2008 and 2009).
    mode : {"economy", "economy_industry", "full"}
    industries : sequence of str, optional
        Industries summed for the comparison (default manufacturing, c3-c16).

    Returns
    -------
    pandas.DataFrame
        One row per region (``country``): ``output_base``, ``output_shock`` (realised),
        ``output_pred``; ``va_base``, ``va_shock``, ``va_pred`` (US$ million, current prices);
        growth rates ``g_output``, ``g_output_pred``, ``g_va``, ``g_va_pred``.

    Raises
    ------
    ValueError
        For years outside 1995-2011, equal years, an unknown mode or unknown industries.
    """
    base_year, = check_years(base_year, WIOD_YEARS, name="base_year")
    shock_year, = check_years(shock_year, WIOD_YEARS, name="shock_year")
    if base_year == shock_year:
        raise ValueError(f"base_year={base_year} and shock_year={shock_year}: give two different years")
    check_choice(mode, DEMAND_MODES, name="mode")
    b, s = load_wiot(base_year), load_wiot(shock_year)
    inds = manufacturing_codes() if industries is None else check_subset(industries, b.industries, name="industries")
    m = io_model(b)
    f_hat = _predicted_final_demand(b, s, mode)
    x_hat = m.solve(f_hat)
    sel = np.isin(np.tile(np.array(b.industries), b.G), inds)
    agg = m.P.T  # (G, n)
    out = pd.DataFrame({
        "country": list(b.countries),
        "output_base": agg @ (b.x * sel), "output_shock": agg @ (s.x * sel), "output_pred": agg @ (x_hat * sel),
        "va_base": agg @ (b.va * sel), "va_shock": agg @ (s.va * sel), "va_pred": agg @ (m.vc * x_hat * sel),
    })
    for v in ("output", "va"):
        base = out[f"{v}_base"].where(out[f"{v}_base"] > 0)
        out[f"g_{v}"] = out[f"{v}_shock"] / base - 1.0
        out[f"g_{v}_pred"] = out[f"{v}_pred"] / base - 1.0
    return out


# ---------------------------------------------------------------------------------------------
# A diversification scenario for the policy chapter (suggestion 4.2.4)
# ---------------------------------------------------------------------------------------------


def source_shares(table: WIOT, industries: Sequence[str] | None = None) -> pd.DataFrame:
    """Shares of each foreign source in the imported intermediate inputs of each economy's industries.

    ``M_ts = sum_i sum_{j in s, industries} Z[(t,i), j]`` for ``t != s``; the share divides by
    ``sum_{t != s} M_ts`` (the rest of the world included in the denominator).

    Parameters
    ----------
    table : WIOT
        The table.
    industries : sequence of str, optional
        Using industries (default manufacturing, c3-c16).

    Returns
    -------
    pandas.DataFrame
        One row per (``economy``, ``source``) pair of distinct regions: ``imports`` (US$ million)
        and ``share``.
    """
    inds = manufacturing_codes() if industries is None else check_subset(industries, table.industries,
                                                                         name="industries")
    G, N = table.G, table.N
    sel = np.isin(np.array(table.industries), inds)
    Z4 = table.Z.reshape(G, N, G, N)
    M = Z4[:, :, :, sel].sum(axis=(1, 3))  # (source, user economy)
    np.fill_diagonal(M, 0.0)
    tot = M.sum(axis=0)
    src, eco = np.meshgrid(np.arange(G), np.arange(G), indexing="ij")
    off = src != eco
    c = np.array(table.countries)
    share = np.where(tot[eco] > 0, M / np.where(tot[eco] > 0, tot[eco], 1.0), np.nan)
    return pd.DataFrame({"economy": c[eco[off]], "source": c[src[off]], "imports": M[off], "share": share[off]})


def _consistent_table(t: WIOT, A: np.ndarray, year: int, source: str) -> WIOT:
    """The table whose coefficients are ``A`` and whose final demand is ``t``'s: ``x = (I - A)^-1 f``."""
    f = t.F.sum(axis=1)
    x = np.linalg.solve(np.eye(t.n) - A, f)
    return WIOT(year, t.countries, t.industries, A * x[None, :], t.F.copy(), x, t.uses, source=source)


@dataclass(frozen=True)
class DiversificationResult:
    """Loss of an economy's manufacturing from a supply shock in its largest source, before and after diversifying.

    Parameters
    ----------
    economy, source : str
        The economy and its largest named foreign source of manufacturing inputs.
    share_before, share_after, target : float
        The source's share of the economy's imported manufacturing inputs, before and after, and
        the target share.
    binding : bool
        False when the share was already at or below the target (nothing changes).
    size : float
        Fall in every industry of the source economy.
    loss_before, loss_after : float
        Downstream (Ghosh) fall of the economy's manufacturing output, share of that output.
    loss_before_usd, loss_after_usd : float
        The same in US$ million.
    year : int
        Year of the table.
    """

    economy: str
    source: str
    share_before: float
    share_after: float
    target: float
    binding: bool
    size: float
    loss_before: float
    loss_after: float
    loss_before_usd: float
    loss_after_usd: float
    year: int

    @property
    def avoided(self) -> float:
        """Loss avoided, in shares of manufacturing output (``loss_before - loss_after``)."""
        return self.loss_before - self.loss_after


def diversification_scenario(table: WIOT | int = 2011, economy: str = "CHN", *, target_share: float | None = None,
                             size: float = 0.2) -> DiversificationResult:
    """Cut an economy's largest foreign source of manufacturing inputs to a target share, then shock it.

    1. The largest *named* foreign source ``t*`` of the economy's imported manufacturing inputs
       (:func:`source_shares`; the rest of the world is not a country and is never ``t*``) and its
       share ``sigma*``. The default target is the median, across the table's 40 economies, of
       each economy's largest named-source share.
    2. If ``sigma* > target``, every input coefficient from ``t*`` into the economy's
       manufacturing industries is scaled by ``target / sigma*`` and the removed inputs are bought
       from the other foreign sources of the same input industry, in proportion to what they
       already supply (from the rest of the world if nobody else does). Column sums of ``A``, and
       so the foreign share and value-added coefficients, are unchanged.
    3. Both the original and the diversified coefficients are solved for the outputs that meet the
       table's final demand (``x = (I - A)^-1 f``), and a fall ``size`` in the output of every
       industry of ``t*`` is propagated downstream with the Ghosh model (:func:`supply_shock`). The
       loss avoided is the difference in the economy's manufacturing loss.

    Like every Ghosh result this is exposure under fixed coefficients, not a forecast.

    Parameters
    ----------
    table : WIOT or int
        A table or a WIOD year (default 2011).
    economy : str
        Region code of the diversifying economy.
    target_share : float, optional
        Target share of the largest source in (0, 1); default the cross-economy median.
    size : float
        Fall of the source economy's output in the shock, in (0, 1].

    Returns
    -------
    DiversificationResult
        The source, its share before and after, and the economy's manufacturing loss before and after.

    Raises
    ------
    ValueError
        For an unknown economy, a target outside (0, 1) or a bad size.
    """
    size = _check_size(size)
    t = _table(table)
    check_choice(economy, [c for c in t.countries if c != "RoW"], name="economy")
    shares = source_shares(t)
    named = shares[(shares["source"] != "RoW") & (shares["economy"] != "RoW")]
    top = named.loc[named.groupby("economy")["share"].idxmax()]
    if target_share is None:
        target_share = float(top["share"].median())
    elif not 0 < float(target_share) < 1:
        raise ValueError(f"target_share={target_share!r}: give a share in (0, 1)")
    row = top.set_index("economy").loc[economy]
    source, sigma = str(row["source"]), float(row["share"])
    G, N = t.G, t.N
    xs = np.where(t.x > 0, t.x, 1.0)
    A = t.Z / xs[None, :]
    A_div = A.copy()
    binding = sigma > target_share
    if binding:
        e, s_ = t.countries.index(economy), t.countries.index(source)
        manuf = np.isin(np.array(t.industries), manufacturing_codes())
        cols = e * N + np.flatnonzero(manuf)
        others = [g for g in range(G) if g not in (e, s_)]
        row_idx = t.countries.index("RoW") if "RoW" in t.countries else others[-1]
        phi = target_share / sigma
        for i in range(N):
            src = s_ * N + i
            removed = (1 - phi) * A[src, cols]
            alt = np.array([g * N + i for g in others])
            w = A[np.ix_(alt, cols)]
            tot = w.sum(axis=0)
            fallback = np.zeros_like(w)
            fallback[others.index(row_idx), :] = 1.0
            w = np.where(tot[None, :] > 0, w / np.where(tot > 0, tot, 1.0)[None, :], fallback)
            A_div[src, cols] -= removed
            A_div[np.ix_(alt, cols)] += w * removed[None, :]
    base = _consistent_table(t, A, int(t.year), f"{t.source} (rebalanced)")
    div = _consistent_table(t, A_div, int(t.year), f"{t.source} (diversified {economy})") if binding else base
    after = source_shares(div)
    share_after = float(after[(after["economy"] == economy) & (after["source"] == source)]["share"].iloc[0])
    losses = []
    for tab in (base, div) if binding else (base,):
        k0 = t.countries.index(source) * N
        origin = [(source, ind) for k, ind in enumerate(t.industries) if tab.x[k0 + k] > 0]
        p = supply_shock(tab, origin, size).pairs
        m = (p["country"] == economy) & p["industry"].isin(manufacturing_codes())
        usd = -float(p.loc[m, "d_output_ghosh"].sum())
        losses.append((usd / float(p.loc[m, "output"].sum()), usd))
    after_loss = losses[-1]
    return DiversificationResult(economy, source, sigma, share_after, float(target_share), bool(binding), size,
                                 losses[0][0], after_loss[0], losses[0][1], after_loss[1], int(t.year))
