"""GVC accounting engine: participation, production length, position and upstreamness.

All measures are returned by country-industry (one row per pair) with the *numerators and
denominators* needed to aggregate them correctly (a ratio of sums, never a mean of ratios);
:func:`aggregate_gvc` sums them to countries or to manufacturing (WIOD c3-c16).

Notation as in :mod:`helpers.gvc.model`: ``V`` value-added coefficients, ``B`` global and ``L`` local
Leontief inverses, ``A^F`` the foreign blocks of ``A``, ``Y`` (vector) final demand for a pair's
output, ``Y^D`` its domestic and ``Y^F`` its foreign part.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import scipy.linalg as sla

from ..data.checks import check_subset, safe_divide
from ..data.facts import manufacturing_codes
from ..data.wiot import WIOT
from .decomposition import vertical_specialisation
from .model import IOModel, io_model


def _labels(table: WIOT) -> dict[str, np.ndarray]:
    idx = table.index
    return {"country": np.asarray(idx.get_level_values(0)), "industry": np.asarray(idx.get_level_values(1))}


def wwyz_gvc(table: WIOT, clip_negative_final: bool = True) -> pd.DataFrame:
    """Wang, Wei, Yu & Zhu (2017) GVC participation, production length and position by pair.

    **Participation** (WWYZ 2017a, "Measures of participation in global value chains and global
    business cycles", NBER w23222, eq. (4)-(6)): the value-added production matrix splits as

    ``V^ B Y^ = V^ L Y^D + V^ L Y^F + V^ L A^F L Y^D + V^ L A^F (B Y^ - L Y^D)``

    (purely domestic, traditional trade in final goods (RT), simple GVC, complex GVC).
    Row sums (forward, by the pair generating value added) and column sums (backward, by the pair
    producing the final good) give

    - ``gvc_f = (V_GVC_S + V_GVC_C) / Va``, ``gvc_f_simple``, ``gvc_f_complex``;
    - ``gvc_b = (Y_GVC_S + Y_GVC_C) / Y``, ``gvc_b_simple``, ``gvc_b_complex``;

    where ``Va`` (column ``va_decomp``) and ``Y`` (``y_decomp``) are the row and column totals of
    ``V^ B Y^`` (they equal value added and final output when the table is balanced).

    **Production length** (WWYZ 2017b, "Characterizing global value chains: production length
    and upstreamness", NBER w23261, eq. (10)-(11), (20)-(23)): ``Xv = V^ B B Y^`` counts each
    unit of value added once per production stage it passes.

    - forward ``PLv = (V^ B B Y u) / (V^ B Y u)``, backward ``PLy = (u' V^ B B Y^) / (u' V^ B Y^)``;
    - domestic ``PLv_D = V^ L L Y^D / V^ L Y^D``, RT ``PLv_RT = V^ L L Y^F / V^ L Y^F``;
    - GVC part: ``Xv_GVC = V^ L L A^F B Y^ + V^ L A^F B B Y^``, ``PLv_GVC = Xv_GVC u / V_GVC u``
      and ``PLy_GVC = u' Xv_GVC / u' V_GVC`` with ``V_GVC = V^ L A^F B Y^``;
    - position ``gvc_pos = PLv_GVC / PLy_GVC`` (WWYZ 2017b eq. (24)): > 1 upstream.

    Parameters
    ----------
    table : WIOT
        The world input-output table (e.g. ``load_wiot(1995)``).
    clip_negative_final : bool
        WIOD final demand includes net changes in inventories, so a few bilateral final-demand
        cells ``Y_sr`` are negative; with them the four parts are no longer non-negative and
        pair-level shares can leave [0, 1] (backward shares reached -1.9 and 2.2 in 1995).  By
        default such cells are set to 0 for these measures (the world identities below still hold
        exactly, for the clipped ``Y``); ``False`` keeps them.

    Returns
    -------
    DataFrame
        One row per (country, industry): levels (US$ million) ``va_decomp, va_d, va_rt,
        va_gvc_s, va_gvc_c, y_decomp, y_d, y_rt, y_gvc_s, y_gvc_c, xv, xv_gvc, xy, xy_gvc`` and
        ratios ``gvc_f, gvc_f_simple, gvc_f_complex, gvc_b, gvc_b_simple, gvc_b_complex, plv,
        plv_d, plv_rt, plv_gvc, ply, ply_gvc, gvc_pos`` (NaN where the denominator is 0).

    Examples
    --------
    >>> from helpers import load_wiot
    >>> g = wwyz_gvc(load_wiot(1995))
    >>> world_plv = g["xv"].sum() / g["va_decomp"].sum()  # = world backward length
    >>> bool(abs(world_plv - g["xy"].sum() / g["y_decomp"].sum()) < 1e-9)
    True
    """
    m = io_model(table)
    Yc = np.clip(m.Y, 0.0, None) if clip_negative_final else m.Y
    yD = (Yc * m.P).sum(axis=1)
    yF = (Yc * (1.0 - m.P)).sum(axis=1)
    f = _forward_parts(m, yD, yF)
    b = _backward_parts(m, yD, yF)
    plv_gvc = safe_divide(f["xv_gvc"], f["v_gvc"], fill=np.nan, tol=1e-12)
    ply_gvc = safe_divide(b["xy_gvc"], b["y_gvc"], fill=np.nan, tol=1e-12)
    return pd.DataFrame(
        _labels(table)
        | {k: f[k] for k in ("va_decomp", "va_d", "va_rt", "va_gvc_s", "va_gvc_c")}
        | {k: b[k] for k in ("y_decomp", "y_d", "y_rt", "y_gvc_s", "y_gvc_c")}
        | {"xv": f["xv"], "xv_gvc": f["xv_gvc"], "xy": b["xy"], "xy_gvc": b["xy_gvc"],
           "xv_d": f["xv_d"], "xv_rt": f["xv_rt"]}
        | _shares(f, b)
        | {
            "plv": _ratio(f["BBYt"], f["BYt"]),
            "plv_d": _ratio(f["LLyD"], f["LyD"]),
            "plv_rt": _ratio(f["LLyF"], f["LyF"]),
            "plv_gvc": plv_gvc,
            "ply": _ratio(b["vBB"], b["vB"]),
            "ply_gvc": ply_gvc,
            "gvc_pos": _ratio(plv_gvc, ply_gvc),
        }
    )


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """``num / den``, NaN where ``|den| <= 1e-12`` (a measure undefined for a pair without the flow)."""
    return safe_divide(num, den, fill=np.nan, tol=1e-12)


def _forward_parts(m: IOModel, yD: np.ndarray, yF: np.ndarray) -> dict[str, np.ndarray]:
    """Row sums of the four parts of ``V^ B Y^`` and of ``Xv`` (WWYZ 2017a eq. (4)-(6); 2017b eq. (10))."""
    vc, L, Am = m.vc, m.local, m.Am  # L(v) = L v, block by block (L is block diagonal)
    BYt = m.solve(yD + yF)  # B Y
    BBYt = m.solve(BYt)  # B B Y
    LyD, LyF = L(yD), L(yF)
    LAmBY = L(Am @ BYt)
    LLyD, LLyF = L(LyD), L(LyF)
    return {
        "va_d": vc * LyD,
        "va_rt": vc * LyF,
        "va_gvc_s": vc * L(Am @ LyD),
        "va_gvc_c": vc * L(Am @ (BYt - LyD)),
        "va_decomp": vc * BYt,
        "xv": vc * BBYt,
        "xv_gvc": vc * (L(LAmBY) + L(Am @ BBYt)),
        "v_gvc": vc * LAmBY,
        "xv_d": vc * LLyD,
        "xv_rt": vc * LLyF,
        "BYt": BYt, "BBYt": BBYt, "LyD": LyD, "LyF": LyF, "LLyD": LLyD, "LLyF": LLyF,
    }  # fmt: skip


def _backward_parts(m: IOModel, yD: np.ndarray, yF: np.ndarray) -> dict[str, np.ndarray]:
    """Column sums of the four parts of ``V^ B Y^`` and of ``Xy``, by the pair producing the final good."""
    vc, Am = m.vc, m.Am
    yT = yD + yF
    w = m.local(vc, trans=True)  # V L (block by block)
    wAF = w @ Am  # V L A^F
    wAFB = m.solve(wAF, trans=True)  # (V L A^F B)' via a B' solve
    vB = m.solve(vc, trans=True)  # V B (= u' except zero-output columns)
    vBB = m.solve(vB, trans=True)
    y_s = m.local(wAF, trans=True) * yD
    num_b = m.local(w, trans=True) @ Am  # V L L A^F
    return {
        "y_d": w * yD,
        "y_rt": w * yF,
        "y_gvc_s": y_s,
        "y_gvc_c": wAFB * yT - y_s,
        "y_decomp": vB * yT,
        "xy": vBB * yT,
        "xy_gvc": (m.solve(num_b, trans=True) + m.solve(wAFB, trans=True)) * yT,
        "y_gvc": wAFB * yT,
        "vB": vB, "vBB": vBB,
    }  # fmt: skip


def _shares(f: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Forward and backward participation shares (simple, complex, total) of the parts."""
    return {
        "gvc_f": _ratio(f["va_gvc_s"] + f["va_gvc_c"], f["va_decomp"]),
        "gvc_f_simple": _ratio(f["va_gvc_s"], f["va_decomp"]),
        "gvc_f_complex": _ratio(f["va_gvc_c"], f["va_decomp"]),
        "gvc_b": _ratio(b["y_gvc_s"] + b["y_gvc_c"], b["y_decomp"]),
        "gvc_b_simple": _ratio(b["y_gvc_s"], b["y_decomp"]),
        "gvc_b_complex": _ratio(b["y_gvc_c"], b["y_decomp"]),
    }


def upstreamness(table: WIOT, inventory_correction: bool = True) -> pd.DataFrame:
    """Upstreamness and downstreamness, Antràs, Chor, Fally & Hillberry (2012); Antràs & Chor (2018).

    Upstreamness ``U = (I - A~)^-1 x / x`` (ACFH 2012 eq. (8); Antràs & Chor 2018 eq. (5)): the
    average number of stages between a pair's output and final use, 1 for a pure final good.
    Downstreamness ``D = [x' (I - G~)^-1]' / x = u' (I - A~)^-1`` (Antràs & Chor 2018 eq. (7)): the
    average number of stages embodied in a pair's output (= column sums of the Leontief inverse).

    Net-inventory correction (ACFH 2012 sec. 3; Antràs & Chor 2018 sec. 2.2): sales of pair ``i``
    to users in country ``c`` are scaled by ``x_i / (x_i - N_ic)``, ``N_ic`` = inventory change of
    ``i``'s output in ``c`` (WIOD use INVEN), so ``Z~_ij = Z_ij x_i / (x_i - N_i,c(j))``,
    ``A~ = Z~ x^-1``, ``G~ = x^-1 Z~``; final demand ``FD`` excludes inventories and is scaled alike.
    Where the net inventory change is of the order of output the correction is extreme and U can
    fall below 1 (LTU c2 in 2011: U = -0.29, FD_GO = -0.49); the replication applies the same
    formula, so such cells are kept (without the correction, ``U >= 1`` always).

    Parameters
    ----------
    table : WIOT
        The world input-output table (e.g. ``load_wiot(1995)``).
    inventory_correction : bool
        Apply the correction (default, as in Antràs & Chor 2018); ``False`` gives the plain
        Ghosh-based measure ``U = G u`` (= WWYZ's forward ``PLv`` up to the balance of the table).

    Returns
    -------
    pandas.DataFrame
        ``country, industry, U, D, FD_GO, VA_GO`` (NaN where gross output is 0).

    Raises
    ------
    ValueError
        If ``inventory_correction`` is asked for a table without an ``INVEN`` final use.

    Examples
    --------
    >>> from helpers import load_wiot
    >>> u = upstreamness(load_wiot(2011))
    >>> bool(1.5 < u["U"].median() < 3)
    True
    """
    if "INVEN" not in table.uses and inventory_correction:
        raise ValueError("inventory_correction=True needs an INVEN final-use column in table.uses")
    n, G, K = table.n, table.G, len(table.uses)
    x = table.x
    F3 = table.F.reshape(n, G, K)
    if inventory_correction:
        k = table.uses.index("INVEN")
        inv = F3[:, :, k]
        fd = F3.sum(axis=2) - inv
        with np.errstate(divide="ignore", invalid="ignore"):
            corr = np.where(x[:, None] - inv != 0, x[:, None] / (x[:, None] - inv), 0.0)
        corr = np.where(x[:, None] > 0, corr, 0.0)
    else:
        fd = F3.sum(axis=2)
        corr = np.ones((n, G))
    fdc = (fd * corr).sum(axis=1)
    xs = np.where(x > 0, x, 1.0)
    # I - A~ with A~ = Z~ x^-1, built in place in one n x n array (same values as the textbook
    # expression, a fraction of its memory traffic): Z~ = Z # corr by using country, / x, columns
    # with x = 0 set to 0, negated, 1 added on the diagonal.
    M = np.repeat(corr, table.N, axis=1)
    M *= table.Z
    M /= xs[None, :]
    M[:, x <= 0] = 0.0
    np.negative(M, out=M)
    M[np.diag_indices(n)] += 1.0
    lu = sla.lu_factor(M, overwrite_a=True, check_finite=False)
    U = sla.lu_solve(lu, x, check_finite=False) / xs
    D = sla.lu_solve(lu, np.ones(n), trans=1, check_finite=False)
    pos = x > 0
    nan = np.full(n, np.nan)
    return pd.DataFrame(
        _labels(table)
        | {
            "U": np.where(pos, U, nan),
            "D": np.where(pos, D, nan),
            "FD_GO": np.where(pos, fdc / xs, nan),
            "VA_GO": np.where(pos, table.va / xs, nan),
        }
    )


def koopman_position(table: WIOT) -> pd.DataFrame:
    """Koopman, Powers, Wang & Wei (2010) GVC participation and position, by exporting pair.

    ``GVC_participation = IV/E + FV/E`` and ``GVC_position = ln(1 + IV/E) - ln(1 + FV/E)``
    (Koopman et al. 2010, NBER w16426, eq. (35)-(36)), with ``E`` gross exports, ``IV`` domestic
    value added in intermediate exports re-exported by the direct importer to third countries
    (WWZ terms ``DVA_INTrexF + DVA_INTrexI2`` = KWW's ``DVA_INTrex``) and ``FV`` foreign value
    added in exports incl. foreign double counting (WWZ terms 9-12, 15-16).  At pair level the
    measures follow the exporting sector (backward-linkage) perspective of WWZ.

    Parameters
    ----------
    table : WIOT
        The world input-output table (e.g. ``load_wiot(1995)``).

    Returns
    -------
    pandas.DataFrame
        ``country, industry, exports, iv, fv`` (US$ million), ``kpww_participation,
        kpww_position`` (NaN for pairs without exports).
    """
    m = io_model(table)
    # Summed over importers the WWZ terms need no inverse (decompr convention, as in :func:`wwz`):
    # DVA_INTrexF + DVA_INTrexI2 = (V_s L_ss)' # (A_sr B W_r(s)), W = sum_{u != s, t} Y_tu, so
    # iv_i = (V L)_i (A^F B W)[i, s(i)]; the six foreign terms share (sum_{t != s} V_t B_ts)_i, so
    # fv_i = fva_i (Y^F + A^F L Y^D + A^F L E)_i.
    ymtot = m.Ym.sum(axis=1)
    W = (ymtot[:, None] - m.Ym) * (1.0 - m.P)
    iv = m.local(m.vc, trans=True) * (m.Am @ m.solve(W))[np.arange(m.n), m.cid]
    fv = m.fva_coef * (ymtot + m.Am @ m.local(m.Yd.sum(axis=1)) + m.Am @ m.local(m.E))
    E = m.E
    a, b = safe_divide(iv, E), safe_divide(fv, E)
    ok = E > 0
    return pd.DataFrame(
        _labels(table)
        | {
            "exports": E,
            "iv": iv,
            "fv": fv,
            "kpww_participation": np.where(ok, a + b, np.nan),
            "kpww_position": np.where(ok, np.log1p(a) - np.log1p(b), np.nan),
        }
    )


# (ratio column, numerator expression, denominator column) for aggregation
_RATIOS = {
    "gvc_f": (("va_gvc_s", "va_gvc_c"), "va_decomp"),
    "gvc_f_simple": (("va_gvc_s",), "va_decomp"),
    "gvc_f_complex": (("va_gvc_c",), "va_decomp"),
    "gvc_b": (("y_gvc_s", "y_gvc_c"), "y_decomp"),
    "gvc_b_simple": (("y_gvc_s",), "y_decomp"),
    "gvc_b_complex": (("y_gvc_c",), "y_decomp"),
    "plv": (("xv",), "va_decomp"),
    "plv_d": (("xv_d",), "va_d"),
    "plv_rt": (("xv_rt",), "va_rt"),
    "plv_gvc": (("xv_gvc",), ("va_gvc_s", "va_gvc_c")),
    "ply": (("xy",), "y_decomp"),
    "ply_gvc": (("xy_gvc",), ("y_gvc_s", "y_gvc_c")),
    "vs_share": (("vs",), "exports"),
    "kpww_iv_share": (("iv",), "exports"),
    "kpww_fv_share": (("fv",), "exports"),
    "U": (("U_x",), "gross_output"),
    "D": (("D_x",), "gross_output"),
}


def aggregate_gvc(ci: pd.DataFrame, by: Iterable[str] = ("year", "wiod"), industries=None) -> pd.DataFrame:
    """Aggregate a country-industry GVC frame to ``by`` groups as ratios of sums.

    Participation shares and lengths are re-formed from summed numerators and denominators
    (e.g. ``PLv`` of a country = ``sum Xv / sum Va``, WWYZ 2017b eq. (12)); upstreamness and
    downstreamness are gross-output weighted means (Antràs & Chor 2018, sec. 3); the position
    indices are recomputed from the aggregated parts.

    Parameters
    ----------
    ci : DataFrame
        Output of :func:`gvc_country_industry` (or the panel).
    by : iterable of str
        Grouping columns.
    industries : list of str, optional
        Keep only these industries first (e.g. ``manufacturing_codes()``).

    Returns
    -------
    pandas.DataFrame
        One row per group: the ``by`` columns, the summed levels ``gross_output, va,
        final_output, exports`` and every ratio of the country-industry frame (``gvc_f``, ``plv``,
        ``U``, ``kpww_position``, ...), NaN where a denominator sums to 0.

    Raises
    ------
    ValueError
        If a ``by`` column is not in the frame or an industry is not in it.
    """
    if industries is not None:
        industries = check_subset(industries, sorted(set(ci["industry"])), name="industries")
    df = ci if industries is None else ci[ci["industry"].isin(industries)]
    by = list(by)
    missing = set(by) - set(df.columns)
    if missing:
        raise ValueError(f"by: columns {sorted(missing)} are not in the frame")
    df = df.assign(U_x=df["U"].fillna(0) * df["gross_output"], D_x=df["D"].fillna(0) * df["gross_output"])
    levels = sorted({c for num, den in _RATIOS.values() for c in (*num, *((den,) if isinstance(den, str) else den))})
    levels += [c for c in ("va", "final_output") if c not in levels]
    g = df.groupby(by, sort=False)[levels].sum()
    out = g[[c for c in ("gross_output", "va", "final_output", "exports") if c in g]].copy()
    for name, (num, den) in _RATIOS.items():
        nn = sum(g[c] for c in num)
        dd = g[den] if isinstance(den, str) else sum(g[c] for c in den)
        out[name] = (nn / dd.where(dd != 0)).astype(float)
    out["gvc_pos"] = out["plv_gvc"] / out["ply_gvc"]
    out["kpww_participation"] = out["kpww_iv_share"] + out["kpww_fv_share"]
    out["kpww_position"] = np.log1p(out["kpww_iv_share"]) - np.log1p(out["kpww_fv_share"])
    return out.reset_index()


def gvc_country_industry(table: WIOT) -> pd.DataFrame:
    """Every GVC indicator of one table by country-industry (one row per pair).

    Combines :func:`wwyz_gvc`, :func:`upstreamness` (with inventory correction),
    :func:`koopman_position` and the HIY vertical-specialisation share; column definitions are
    in :func:`helpers.gvc_codebook`.

    Parameters
    ----------
    table : WIOT
        The world input-output table (e.g. ``load_wiot(1995)``).

    Returns
    -------
    pandas.DataFrame
        One row per (country, industry): ``year``, ``manufacturing`` (flag), the columns of
        :func:`wwyz_gvc`, levels ``gross_output, va, final_output, exports, vs`` and the ratios
        ``vs_share, iv, fv, kpww_participation, kpww_position, U, D, FD_GO, VA_GO``.
    """
    w = wwyz_gvc(table)
    u = upstreamness(table)
    k = koopman_position(table)
    vs = vertical_specialisation(table)
    m = io_model(table)
    out = w.copy()
    out.insert(0, "year", table.year)
    out.insert(3, "manufacturing", out["industry"].isin(manufacturing_codes()))
    out["gross_output"] = table.x
    out["va"] = table.va
    out["final_output"] = m.Y.sum(axis=1)
    out["exports"] = k["exports"].to_numpy()
    out["vs"] = vs["vs"].to_numpy()
    out["vs_share"] = vs["vs_share"].where(out["exports"] > 0).to_numpy()
    for c in ("iv", "fv", "kpww_participation", "kpww_position"):
        out[c] = k[c].to_numpy()
    for c in ("U", "D", "FD_GO", "VA_GO"):
        out[c] = u[c].to_numpy()
    return out
