"""GVC accounting engine: value-added accounting and the gross-exports decompositions (KWW, WWZ).

Notation as in :mod:`helpers.gvc.model`. Every function takes a :class:`~helpers.data.wiot.WIOT`
and reads the Leontief system of :func:`~helpers.gvc.model.io_model` (one LU factorisation per
table and grouping, shared by every measure).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from ..data.checks import check_choice, safe_divide
from ..data.facts import manufacturing_codes
from ..data.wiot import WIOT
from .model import IOModel, io_model

KWW_TERMS = ("DVA_FIN", "DVA_INT", "DVA_INTrex", "RDV_FIN", "RDV_INT", "DDC", "FVA_FIN", "FVA_INT", "FDC")
WWZ_TERMS = (
    "DVA_FIN", "DVA_INT", "DVA_INTrexI1", "DVA_INTrexF", "DVA_INTrexI2", "RDV_INT", "RDV_FIN", "RDV_FIN2",
    "OVA_FIN", "MVA_FIN", "OVA_INT", "MVA_INT", "DDC_FIN", "DDC_INT", "ODC", "MDC",
)  # fmt: skip
WWZ_DIAGNOSTICS = (
    "texp", "texpint", "texpfd", "texpdiff", "texpdiffpercent", "texpfddiff", "texpfddiffpercent",
    "texpintdiff", "texpintdiffpercent", "DViX_Fsr",
)  # fmt: skip
CONVENTIONS = ("decompr", "textbook")



def _check_convention(convention: str) -> None:
    check_choice(convention, CONVENTIONS, name="convention")


def va_by_destination(table: WIOT) -> pd.DataFrame:
    """Value-added origin of final demand: ``V^ B Y`` in long form.

    Row ``(country, industry)`` of origin, column destination country ``d``:
    ``VAD_id = v_i (B Y)_id`` = value added generated in pair i and absorbed by final demand
    in ``d`` (Johnson & Noguera 2012, "Accounting for intermediates", JIE 86(2), eq. 3; WWZ 2013
    eq. 8). Off-diagonal sums are value-added exports (VAX).

    Parameters
    ----------
    table : WIOT
        The world input-output table (e.g. ``load_wiot(1995)``).

    Returns
    -------
    pandas.DataFrame
        Columns ``country, industry, destination, va`` (US$ million), n x C rows.
    """
    m = io_model(table)
    vad = m.vc[:, None] * m.BY
    idx = table.index
    return pd.DataFrame(
        {
            "country": np.repeat(idx.get_level_values(0), m.C),
            "industry": np.repeat(idx.get_level_values(1), m.C),
            "destination": np.tile(m.groups, m.n),
            "va": vad.ravel(),
        }
    )


def va_origin_of_exports(table: WIOT, groups: Mapping[str, str] | None = None,
                         industries: Sequence[str] | None = None) -> pd.DataFrame:
    """Value-added origin of each country's gross exports, ``V^ B E^`` aggregated to countries.

    ``VAE_ts = sum_{i in t} sum_{j in s} v_i B_ij E_j`` (KWW 2014 eq. 8: the columns of ``V B E^``
    sum to gross exports because ``V B = u'``). The foreign part (``t != s``) is Hummels, Ishii
    & Yi's (2001) vertical specialisation ``VS`` in its ICIO form; the domestic part is
    ``V_s B_ss E_s*``.

    Parameters
    ----------
    table : WIOT
        The world input-output table (e.g. ``load_wiot(1995)``).
    groups : mapping of str to str, optional
        Split countries merged into one economy (``{"MX1": "MEX"}``, see :func:`io_model`).
    industries : sequence of str, optional
        Keep only the exports ``E_j`` of these industries (e.g. ``manufacturing_codes()``);
        value added is still traced through every industry of every country.

    Returns
    -------
    pandas.DataFrame
        Columns ``source, exporter, va`` (US$ million), C x C rows.

    Raises
    ------
    ValueError
        If an industry code is not in the table, or ``groups`` names a country the table lacks.
    """
    m = io_model(table, groups)
    e = m.E
    if industries is not None:
        unknown = sorted(set(industries) - set(table.industries))
        if unknown:
            raise ValueError(
                f"industries {unknown} are not in the table ({table.industries[0]}..{table.industries[-1]})"
            )
        e = e * np.isin(np.tile(np.array(table.industries), table.G), list(industries))
    vbe = m.VBP.T  # C x n: value added of origin economy t per unit of each pair's output
    mat = vbe @ (e[:, None] * m.P)  # C x C
    return pd.DataFrame({"source": np.repeat(m.groups, m.C), "exporter": np.tile(m.groups, m.C), "va": mat.ravel()})


def vertical_specialisation(table: WIOT, groups: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Hummels-Ishii-Yi (2001) vertical specialisation by exporting country-industry.

    For exports ``E_j`` of pair ``j`` in country ``s`` (Hummels, Ishii & Yi 2001, "The nature and
    growth of vertical specialization in world trade", JIE 54(1)):

    - ``dva_j = (V_s B_ss)_j E_j`` domestic value-added content (KWW 2014 eq. 8, first term);
    - ``vs_j = (sum_{t != s} V_t B_ts)_j E_j`` foreign content, HIY's VS (eq. 1 of HIY in its
      inter-country form, KWW 2014 eq. 9);
    - ``vs1_j = v_j (sum_{r != s} B_sr E_r*)_j``: value added of pair ``j`` embodied in other
      countries' exports (HIY's VS1, KWW 2014 eq. 10), by origin pair.

    Parameters
    ----------
    table : WIOT
        The world input-output table (e.g. ``load_wiot(1995)``).
    groups : mapping of str to str, optional
        Split countries merged into one economy (``{"MX1": "MEX"}``, see :func:`io_model`).

    Returns
    -------
    pandas.DataFrame
        Columns ``country, industry, exports, dva, vs, vs_share, vs1, vs1_share`` (US$ million;
        shares of the pair's exports, 0 where it exports nothing).
    """
    m = io_model(table, groups)
    vbd = m.vbd  # (V_s B_ss)_j, by solves (no inverse)
    fva = m.fva_coef  # sum_{t != s} (V_t B_ts)_j
    E = m.E
    # VS1_i = v_i sum_{r != s} (B_sr E_r*) : value added of i in foreign exports; B_m E = B E - diag(B_ss) E
    vs1 = m.vc * (m.solve(E) - m.own_block_solve(E))
    idx = table.index
    return pd.DataFrame(
        {
            "country": idx.get_level_values(0),
            "industry": idx.get_level_values(1),
            "exports": E,
            "dva": vbd * E,
            "vs": fva * E,
            "vs_share": safe_divide(fva * E, E),
            "vs1": vs1,
            "vs1_share": safe_divide(vs1, E),
        }
    )


def fva_final_output(table: WIOT, industries=None) -> pd.DataFrame:
    """Foreign value added in final output, Timmer, Erumban, Los, Stehrer & de Vries (2014).

    "Slicing up global value chains" (J. Econ. Perspectives 28(2)), eq. (1)-(2): the value of final
    products of pair ``j`` (all final demand, domestic and foreign, ``y_j``) is split by origin,
    ``V B y^``; the foreign share is ``f_j = sum_{t != s} (V_t B_ts)_j = 1 - (V_s B_ss)_j``.

    Parameters
    ----------
    table : WIOT
        The world input-output table (e.g. ``load_wiot(1995)``).
    industries : list of str, optional
        Industries to aggregate over (default: manufacturing c3-c16, as in Timmer et al.).

    Returns
    -------
    pandas.DataFrame
        One row per country: ``country, final_output, fva, fva_share`` (final-output weighted).

    Raises
    ------
    ValueError
        If an industry code is not in the table.
    """

    m = io_model(table)
    ind = manufacturing_codes() if industries is None else list(industries)
    bad = set(ind) - set(table.industries)
    if bad:
        raise ValueError(f"industries: {sorted(bad)} are not industries of the table")
    mask = np.isin(np.tile(np.array(table.industries), table.G), ind).astype(float)
    y = m.Y.sum(axis=1) * mask
    fva = m.fva_coef * y
    Fy = m.aggregate(y)
    Ff = m.aggregate(fva)
    return pd.DataFrame({"country": m.groups, "final_output": Fy, "fva": Ff, "fva_share": safe_divide(Ff, Fy)})


# ---------------------------------------------------------------------------------------------
# KWW (2014): nine terms of each country's gross exports
# ---------------------------------------------------------------------------------------------


def _kww_arrays(m: IOModel, convention: str) -> dict[str, np.ndarray]:
    # One product B @ [stacked right-hand sides]; domestic-block products are read off the
    # own-country column (B_ss v_s = (B (v * P))[i, s(i)]) so no masked copy of B is formed.
    vc, Am, P = m.vc, m.Am, m.P
    Ym, Yd, cid, C = m.Ym, m.Yd, m.cid, m.C
    rows = np.arange(m.n)
    ymtot = Ym.sum(axis=1)
    ydvec = Yd.sum(axis=1)
    E = m.E
    AmLYd = Am @ m.local(Yd)  # A_sr L_rr Y_rr (n x C)
    AmLE = Am @ m.local(E[:, None] * P)  # A_sr L_rr E_r* (n x C)
    rhs = np.concatenate([ymtot[:, None] * P, ydvec[:, None] * P, Ym, AmLYd, AmLE, m.Y, ydvec[:, None]], axis=1)
    R = m.solve(rhs)  # B @ rhs from the LU factors: no inverse needed for KWW
    blk = [R[:, k * C : (k + 1) * C] for k in range(6)]
    BY = blk[5]
    vae = vc * (BY.sum(axis=1) - BY[rows, cid])  # V_s sum_{r!=s} sum_t B_st Y_tr
    t1 = vc * blk[0][rows, cid]  # V_s B_ss sum_{r!=s} Y_sr
    t2 = vc * (R[:, -1] - blk[1][rows, cid])  # V_s sum_{r!=s} B_sr Y_rr
    t3 = vae - t1 - t2
    t4 = vc * blk[2][rows, cid]  # V_s sum_{r!=s} B_sr Y_rs (Y_ss excluded from Ym)
    t5 = vc * blk[3][rows, cid]  # V_s sum B_sr A_rs L_ss Y_ss
    t6 = vc * blk[4][rows, cid]  # V_s sum B_sr A_rs L_ss E_s*
    vbd = m.vbd  # (V_s B_ss)_j, from the model's one transposed solve against V^ P
    fva = m.fva_coef  # sum_{t!=s} V_t B_ts (by column)
    t7 = fva * ymtot
    t8 = fva * AmLYd.sum(axis=1)
    agg = m.aggregate(np.column_stack([t1, t2, t3, t4, t5, t6, t7, t8, vae, E]))
    T1, T2, T3, T4, T5, T6, T7, T8, VAE, EX = agg.T
    if convention == "decompr":
        T9 = EX - (VAE + T4 + T5 + T6 + T7 + T8)
    else:
        dc = m.aggregate(vbd * E)  # V_s B_ss E_s*, KWW eq. (36)
        T6 = dc - (VAE + T4 + T5)
        T9 = EX - (dc + T7 + T8)  # = sum_t V_t B_ts E_s* - FVA when V B = u
    return dict(zip(KWW_TERMS, (T1, T2, T3, T4, T5, T6, T7, T8, T9), strict=True)) | {"texp": EX}


def kww(table: WIOT, convention: str = "decompr", groups: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Koopman, Wang & Wei (2014) decomposition of each country's gross exports into nine terms.

    With ``E_s* = sum_{r != s} (A_sr X_r + Y_sr)`` (KWW 2014, AER 104(2), eq. (36)-(37), Figure 1):

    ====================  ===============================================================
    ``DVA_FIN``           ``V_s B_ss sum_{r!=s} Y_sr``
    ``DVA_INT``           ``V_s sum_{r!=s} B_sr Y_rr``
    ``DVA_INTrex``        ``V_s sum_{r!=s} sum_{t!=s,r} B_sr Y_rt`` (= VAX - the two above)
    ``RDV_FIN``           ``V_s sum_{r!=s} B_sr Y_rs``
    ``RDV_INT``           ``V_s sum_{r!=s} B_sr A_rs L_ss Y_ss``
    ``DDC``               ``V_s sum_{r!=s} B_sr A_rs L_ss E_s*``
    ``FVA_FIN``           ``sum_{t!=s} V_t B_ts sum_{r!=s} Y_sr``
    ``FVA_INT``           ``sum_{t!=s} V_t B_ts sum_{r!=s} A_sr L_rr Y_rr``
    ``FDC``               foreign double counting (see ``convention``)
    ====================  ===============================================================

    Parameters
    ----------
    table : WIOT
        The world input-output table (e.g. ``load_wiot(1995)``).
    convention : {"decompr", "textbook"}
        ``"decompr"`` (default) reproduces decompr 6.8.0: every term by the formula above and
        ``FDC = E_s* - (the other eight)``, so the nine terms sum to gross exports exactly.  In a
        table whose output is not exactly ``B Y`` (WIOD 2013 cells are rounded to US$ million),
        the KWW identity ``DVA + RDV + DDC = V_s B_ss E_s*`` then fails slightly: decompr's
        domestic total is a little *below* ``V_s B_ss E_s*`` and its FDC correspondingly above
        ``sum_t V_t B_ts E_s* - FVA``.  ``"textbook"`` enforces KWW eq. (36): domestic content
        ``DVA + RDV + DDC = V_s B_ss E_s*`` exactly, ``DDC`` being the residual of the domestic
        block, and ``FDC = E_s* - V_s B_ss E_s* - FVA``, which equals KWW's foreign content
        ``sum_{t!=s} V_t B_ts E_s* - FVA`` whenever ``V B = u'``.  (In WIOD 2013 ``V B = u'``
        fails by up to 1e-4 because a few pairs with zero recorded output sell inputs -- rounding
        artefacts whose value added is not in the table; closing on ``E`` keeps the identity.)
        The nine terms sum to ``E_s*`` in both conventions.
    groups : mapping, optional
        Split countries to merge into one economy (see :func:`io_model`).

    Returns
    -------
    DataFrame
        One row per exporting economy: ``Country`` and the nine terms (US$ million), decompr's
        column names and order.

    Examples
    --------
    >>> from helpers import load_wiot
    >>> k = kww(load_wiot(1995))
    >>> list(k.columns[:3])
    ['Country', 'DVA_FIN', 'DVA_INT']
    """
    _check_convention(convention)
    m = io_model(table, groups)
    d = _kww_arrays(m, convention)
    out = pd.DataFrame({"Country": list(m.groups)} | {k: d[k] for k in KWW_TERMS})
    out.attrs["convention"] = convention
    return out


# ---------------------------------------------------------------------------------------------
# WWZ (2013): sixteen terms of bilateral sector exports
# ---------------------------------------------------------------------------------------------


def _wwz_arrays(m: IOModel, convention: str) -> dict[str, np.ndarray]:
    """The 16 terms as (n x C) arrays: row = exporting pair i in s, column = importer r."""
    # dense products with L here (not the block-wise IOModel.local): the textbook residual terms are of
    # the order of machine precision and chapter 4 counts their signs, so their bits are kept as they were
    vc, Bd, Bm, Am, L, P = m.vc, m.Bd, m.Bm, m.Am, m.L, m.P
    Ym, Yd, x, C = m.Ym, m.Yd, m.x, m.C
    ymtot = Ym.sum(axis=1)
    ydvec = Yd.sum(axis=1)
    vbd = vc @ Bd  # (V_s B_ss)_i
    vl = vc @ L  # (V_s L_ss)_i
    out: dict[str, np.ndarray] = {}
    out["DVA_FIN"] = vbd[:, None] * Ym  # (V_s B_ss)' # Y_sr                      WWZ eq. (19) term 1
    # Terms 2-8 and 13 all have the form (V_s L_ss)' # (A_sr Q_r(s)): for exporter s, importer r,
    # sum_{j in r} A_ij Q[j, s].  Q (n x C, indexed [j, s]) for each term:
    W = (ymtot[:, None] - Ym) * (1.0 - P)  # sum_{u != t, s} Y_tu for row in t (0 if t = s)
    BmYd = Bm @ Yd
    Q = {
        "DVA_INT": np.repeat((Bd @ ydvec)[:, None], C, axis=1),  # B_rr Y_rr
        "DVA_INTrexI1": (Bm @ ydvec)[:, None] - BmYd,  # sum_{t!=s,r} B_rt Y_tt
        "DVA_INTrexF": Bd @ W,  # B_rr sum_{t!=s,r} Y_rt
        "DVA_INTrexI2": Bm @ W,  # sum_{t!=r} B_rt sum_{u!=s,t} Y_tu (t != s)
        "RDV_INT": BmYd,  # B_rs Y_ss
        "RDV_FIN": Bd @ Ym,  # B_rr Y_rs
        "RDV_FIN2": Bm @ Ym,  # sum_{t!=r} B_rt Y_ts
        "DDC_FIN": Bm @ (ymtot[:, None] * P),  # B_rs sum_{u!=s} Y_su
    }
    names = list(Q)
    res = _foreign_block_products(m, np.stack([Q[k] for k in names], axis=2))
    res *= vl[:, None, None]
    for k, name in enumerate(names):
        out[name] = res[:, :, k]
    out["DDC_INT"] = (vbd - vl)[:, None] * ((Am * x[None, :]) @ P)  # (V_s B_ss - V_s L_ss)' # A_sr X_r
    VBc = (P.T @ (vc[:, None] * Bm)).T  # (n x C): [i, r] = (V_r B_rs)_i
    fva = VBc.sum(axis=1)  # sum_{t != s} (V_t B_ts)_i
    oth = fva[:, None] - VBc  # sum_{t != s, r}
    AmLYd = Am @ (L @ Yd)  # A_sr L_rr Y_rr
    AmLE = Am @ (L @ (m.E[:, None] * P))  # A_sr L_rr E_r*
    out["MVA_FIN"] = VBc * Ym
    out["OVA_FIN"] = oth * Ym
    out["MVA_INT"] = VBc * AmLYd
    out["OVA_INT"] = oth * AmLYd
    out["MDC"] = VBc * AmLE
    out["ODC"] = oth * AmLE
    if convention == "textbook":
        dom = [k for k in WWZ_TERMS[:8]] + ["DDC_FIN"]
        out["DDC_INT"] = vbd[:, None] * m.ESR - sum(out[k] for k in dom)
        out["MDC"] = VBc * m.ESR - out["MVA_FIN"] - out["MVA_INT"]
        rest = [k for k in WWZ_TERMS if k != "ODC"]
        out["ODC"] = m.ESR - sum(out[k] for k in rest)  # = oth' # E_sr - OVA when V B = u'
    out["_DViX_Fsr"] = vc[:, None] * (L @ m.ESR)
    return out


def _foreign_block_products(m: IOModel, Qs: np.ndarray) -> np.ndarray:
    """``R[i, r, k] = sum_{j in r} A_ij Qs[j, s(i), k]`` over the foreign blocks ``A_sr`` (n x C x K)."""
    Am, P, C, cid = m.Am, m.P, m.C, m.cid
    K = Qs.shape[2]
    sizes = np.bincount(cid, minlength=C)
    contiguous = np.all(np.diff(cid) >= 0)
    if contiguous and np.all(sizes == sizes[0]):
        # equal, contiguous blocks: one batched product of the (s, r) blocks A_sr (N x N) with
        # Q_r(s) (N x K) -- n^2 K flops in all
        N = sizes[0]
        A4 = Am.reshape(C, N, C, N).transpose(0, 2, 1, 3)  # [s, r, i, j]
        Q4 = Qs.reshape(C, N, C, K).transpose(2, 0, 1, 3)  # [s, r, j, k] = Q[r-block j, s, k]
        return np.matmul(A4, Q4).transpose(0, 2, 1, 3).reshape(m.n, C, K)  # [s i, r, k]
    res = np.zeros((m.n, C, K))  # uneven groups (split countries): loop over exporters
    for s in range(C):
        rows = np.flatnonzero(cid == s)
        q = Qs[:, s, :]  # (n, K)
        # sum_{j in r} A_ij q_jk  ->  (ns, C, K)
        R = Am[rows] @ (P[:, :, None] * q[:, None, :]).reshape(m.n, C * K)
        res[rows] = R.reshape(len(rows), C, K)
    return res


def wwz(table: WIOT, convention: str = "decompr", groups: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Wang, Wei & Zhu (2013) decomposition of bilateral sector exports into sixteen terms.

    For exports ``E_sr`` of sector ``i`` of country ``s`` to country ``r`` (WWZ 2013, NBER
    w19677, eq. (19) and Table A2; ``#`` is the element-wise product, ``'`` transposition):

    ==================  ================================================================
    1  ``DVA_FIN``       ``(V_s B_ss)' # Y_sr``
    2  ``DVA_INT``       ``(V_s L_ss)' # (A_sr B_rr Y_rr)``
    3  ``DVA_INTrexI1``  ``(V_s L_ss)' # (A_sr sum_{t!=s,r} B_rt Y_tt)``
    4  ``DVA_INTrexF``   ``(V_s L_ss)' # (A_sr B_rr sum_{t!=s,r} Y_rt)``
    5  ``DVA_INTrexI2``  ``(V_s L_ss)' # (A_sr sum_{t!=s,r} B_rt sum_{u!=s,t} Y_tu)``
    6  ``RDV_INT``       ``(V_s L_ss)' # (A_sr B_rs Y_ss)``
    7  ``RDV_FIN``       ``(V_s L_ss)' # (A_sr B_rr Y_rs)``
    8  ``RDV_FIN2``      ``(V_s L_ss)' # (A_sr sum_{t!=s,r} B_rt Y_ts)``
    9  ``OVA_FIN``       ``(sum_{t!=s,r} V_t B_ts)' # Y_sr``
    10 ``MVA_FIN``       ``(V_r B_rs)' # Y_sr``
    11 ``OVA_INT``       ``(sum_{t!=s,r} V_t B_ts)' # (A_sr L_rr Y_rr)``
    12 ``MVA_INT``       ``(V_r B_rs)' # (A_sr L_rr Y_rr)``
    13 ``DDC_FIN``       ``(V_s L_ss)' # (A_sr B_rs sum_{u!=s} Y_su)``
    14 ``DDC_INT``       ``(V_s B_ss - V_s L_ss)' # (A_sr X_r)``
    15 ``ODC``           ``(sum_{t!=s,r} V_t B_ts)' # (A_sr L_rr E_r*)``
    16 ``MDC``           ``(V_r B_rs)' # (A_sr L_rr E_r*)``
    ==================  ================================================================

    Parameters
    ----------
    table : WIOT
        The world input-output table (e.g. ``load_wiot(1995)``).
    convention : {"decompr", "textbook"}
        ``"decompr"`` (default): every term by its formula, as decompr 6.8.0; the sixteen terms
        then sum to ``E_sr`` only when output equals ``B Y`` exactly -- on WIOD 2013 (rounded
        cells) the gap is reported, as in decompr, by ``texpdiff`` (its sign and size follow
        the row residual ``x - Z u - Y u``).  ``"textbook"``: the three blocks are forced to
        WWZ eq. (11)'s split ``E_sr = (V_s B_ss)' # E_sr + (V_r B_rs)' # E_sr +
        (sum_{t!=s,r} V_t B_ts)' # E_sr``, the rounding gap going to ``DDC_INT``, ``MDC`` and
        ``ODC`` (residuals of their blocks; ``ODC`` closes on ``E_sr``, see :func:`kww` on
        ``V B = u'``); the terms then sum to ``E_sr`` to machine precision.
    groups : mapping, optional
        Split countries merged into one economy (see :func:`io_model`).

    Returns
    -------
    DataFrame
        One row per (Exporting_Country, Exporting_Industry, Importing_Country), 29 columns as in
        decompr: the three keys, the 16 terms (US$ million), ``texp``, ``texpint``, ``texpfd``
        (gross, intermediate and final exports), the differences ``texpdiff`` (16 terms minus
        ``texp``), ``texpfddiff`` (terms 1, 9, 10 minus ``texpfd``), ``texpintdiff`` (the other
        13 minus ``texpint``), each also in percent (rounded to 4 decimals, as decompr does,
        under ``convention="decompr"``; unrounded otherwise), and
        ``DViX_Fsr = v_i (L_ss E_sr)_i`` (value added of pair i in country s's exports to r
        through domestic production only, by *origin* pair).

    Examples
    --------
    >>> from helpers import load_wiot
    >>> w = wwz(load_wiot(1995))
    >>> w.shape
    (58835, 29)
    """
    _check_convention(convention)
    m = io_model(table, groups)
    d = _wwz_arrays(m, convention)
    C, n = m.C, m.n
    row_c = np.array(m.groups)[m.cid]
    row_i = np.asarray(m.labels.get_level_values(1))
    cols = {
        "Exporting_Country": np.repeat(row_c, C),
        "Exporting_Industry": np.repeat(row_i, C),
        "Importing_Country": np.tile(np.array(m.groups), n),
    }
    for k in WWZ_TERMS:
        cols[k] = d[k].ravel()
    texp, tint, tfd = m.ESR.ravel(), m.Eint.ravel(), m.Efd.ravel()
    tot = sum(cols[k] for k in WWZ_TERMS)
    fd = cols["DVA_FIN"] + cols["OVA_FIN"] + cols["MVA_FIN"]
    cols |= {"texp": texp, "texpint": tint, "texpfd": tfd}
    cols["texpdiff"] = tot - texp
    cols["texpdiffpercent"] = safe_divide(100 * (tot - texp), texp)
    cols["texpfddiff"] = fd - tfd
    cols["texpfddiffpercent"] = safe_divide(100 * (fd - tfd), tfd)
    cols["texpintdiff"] = (tot - fd) - tint
    cols["texpintdiffpercent"] = safe_divide(100 * ((tot - fd) - tint), tint)
    cols["DViX_Fsr"] = d["_DViX_Fsr"].ravel()
    if convention == "decompr":  # decompr rounds its six diagnostics to 4 decimals
        for k in WWZ_DIAGNOSTICS[3:9]:
            cols[k] = np.round(cols[k], 4)
    out = pd.DataFrame(cols)
    out.attrs["convention"] = convention
    return out


def wwz_to_kww(w: pd.DataFrame, aggregate: bool = True) -> pd.DataFrame:
    """Map the 16 WWZ terms to the 9 KWW terms (WWZ 2013, appendix Table E2).

    ``DVA_INT = DVA_INT + DVA_INTrexI1``; ``DVA_INTrex = DVA_INTrexF + DVA_INTrexI2``;
    ``RDV_FIN = RDV_FIN + RDV_FIN2``; ``DDC = DDC_FIN + DDC_INT``; ``FVA_FIN = OVA_FIN + MVA_FIN``;
    ``FVA_INT = OVA_INT + MVA_INT``; ``FDC = ODC + MDC``.

    Parameters
    ----------
    w : pandas.DataFrame
        Output of :func:`wwz`.
    aggregate : bool
        Sum to exporting countries (default) or keep (exporter, industry, importer) rows.

    Returns
    -------
    pandas.DataFrame
        With ``aggregate``: one row per exporting economy, ``Country`` and the nine KWW terms (the
        layout of :func:`kww`); without: the three WWZ keys and the nine terms.

    Raises
    ------
    ValueError
        If ``w`` lacks any of the sixteen WWZ columns.
    """
    missing = set(WWZ_TERMS) - set(w.columns)
    if missing:
        raise ValueError(f"w: not a WWZ decomposition, missing columns {sorted(missing)}")
    keys = ["Exporting_Country", "Exporting_Industry", "Importing_Country"]
    k = w[keys].copy()
    k["DVA_FIN"] = w["DVA_FIN"]
    k["DVA_INT"] = w["DVA_INT"] + w["DVA_INTrexI1"]
    k["DVA_INTrex"] = w["DVA_INTrexF"] + w["DVA_INTrexI2"]
    k["RDV_FIN"] = w["RDV_FIN"] + w["RDV_FIN2"]
    k["RDV_INT"] = w["RDV_INT"]
    k["DDC"] = w["DDC_FIN"] + w["DDC_INT"]
    k["FVA_FIN"] = w["OVA_FIN"] + w["MVA_FIN"]
    k["FVA_INT"] = w["OVA_INT"] + w["MVA_INT"]
    k["FDC"] = w["ODC"] + w["MDC"]
    if not aggregate:
        return k
    out = k.groupby("Exporting_Country", sort=False)[list(KWW_TERMS)].sum().reset_index()
    return out.rename(columns={"Exporting_Country": "Country"})
