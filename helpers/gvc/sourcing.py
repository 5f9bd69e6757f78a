"""Where manufacturing exports get their value added, and how exposed that makes them to a source's failure.

For exporter ``s`` and year ``t`` let ``E^M_j`` be gross exports of pair ``j`` if ``j`` is a
manufacturing industry of ``s`` (0 otherwise) and ``VAE_{r s} = sum_{i in r} sum_j v_i B_ij E^M_j``
the value added of source economy ``r`` embodied in them (KWW 2014 eq. 8; ``sum_r VAE_rs = E^M_s``
because ``v B = 1'``). Then ``DVA_s = VAE_ss`` and ``FVA_rs = VAE_rs, r != s``. The value added is
traced through the whole chain (the global Leontief inverse), not only through direct inputs
("look-through" exposure, Baldwin, Freeman & Theodorakopoulos 2022).

Exposure measures (inputs of the resilience index, :mod:`helpers.indices.resilience`)
    Each is a property of the *composition* of what an economy sources abroad or sells abroad,
    never of its amount: multiplying all foreign value added (all imported inputs, all value
    added absorbed abroad) of an economy by a constant leaves it unchanged, so none is a GVC
    participation ratio in disguise.

    - ``source_hhi = sum_{r in K} (FVA_rs / FVA_s)^2`` and ``top_source_share =
      max_{r in K} FVA_rs / FVA_s``: concentration of foreign value added across source
      economies, and the largest single source's share of *foreign* value added (not of exports).
      ``K`` holds the other WIOD economies; the rest of the world (``RoW``, about 150 economies)
      is counted in ``FVA_s`` but treated as atomistic (many small sources: it adds nothing to the
      sum of squares and cannot be the largest source), so both are lower bounds.
    - ``source_stability = sum_{r != s} (FVA_rs / FVA_s) PS_rt``: the political stability of the
      sources, ``PS`` the WGI "political stability and absence of violence" estimate (RoW: the
      GDP-weighted mean over the economies outside WIOD, :func:`helpers.data.indicators.wgi_by_region`).
    - ``input_supply_hhi = sum_i w_is H_i``: how hard the imported inputs are to replace. ``w_is``
      is product ``i``'s (a WIOD industry's) share in the intermediate inputs that ``s``'s
      manufacturing imports directly, ``M_is = sum_{r != s} sum_{j in s, manuf.} Z_{(r,i),j}``;
      ``H_i = sum_{r in K'} (X_ri / X_i)^2`` the concentration of world exports of product ``i``
      across exporting economies (``X_ri`` gross exports of industry ``i`` of ``r``, ``K'`` the 40
      WIOD economies, RoW atomistic). Inputs that few economies export are harder to source
      elsewhere (Korniyenko, Pinat & Dew 2017).
    - ``vax_destination_hhi = sum_{d in K} (VAX_sd / VAX_s)^2``: concentration across foreign
      destinations of the manufacturing value added of ``s`` absorbed abroad,
      ``VAX_sd = sum_{i in s, manuf.} v_i (B Y)_{id}`` (Johnson & Noguera 2012), RoW atomistic.

Levels (for the stability side): ``mva`` manufacturing value added, ``output`` manufacturing gross
output, ``dva`` domestic value added in manufacturing exports (USD million, current prices).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..data.cache import cached_frame
from ..data.checks import check_year, check_years
from ..data.facts import manufacturing_codes, wiod_economies, wiod_to_iso3
from ..data.indicators import wgi_by_region
from ..data.manifest import DataParseError
from ..data.wiot import WIOD_YEARS, load_wiot
from .decomposition import va_origin_of_exports
from .model import io_model


def source_concentration(flows: np.ndarray, denominator: np.ndarray | None = None, *,
                         atomistic: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Concentration of supply across sources, column by column.

    For a matrix of flows ``f_{tr}`` from source ``t`` to user ``r`` (zero where a source is the
    user itself, if domestic flows are to be left out):

    - ``total_r = sum_t f_tr``;
    - ``hhi_r = sum_{t not atomistic} (f_tr / total_r)^2`` (Herfindahl-Hirschman index over sources);
    - ``top_r = argmax_{t not atomistic} f_tr`` and ``top_share_r = max_{t not atomistic} f_tr / D_r``
      with ``D_r`` the ``denominator`` (default ``total_r``: the largest source's share of all
      sourced flows).

    An *atomistic* source is an aggregate of many small ones (WIOD's rest of the world): it counts in
    the total but adds nothing to the sum of squares and cannot be the top source, so ``hhi`` and
    ``top_share`` are lower bounds of the concentration across the true sources.

    Parameters
    ----------
    flows : numpy.ndarray, shape (sources, users)
        Non-negative flows.
    denominator : numpy.ndarray, shape (users,), optional
        Denominator of the top share (e.g. gross exports instead of imported inputs).
    atomistic : numpy.ndarray of bool, shape (sources,), optional
        Sources treated as atomistic (default none).

    Returns
    -------
    dict of str to numpy.ndarray
        ``total``, ``hhi``, ``top`` (row index of the largest non-atomistic source) and ``top_share``;
        NaN where the denominator is zero.

    Raises
    ------
    ValueError
        If ``flows`` is not 2-D or ``atomistic`` does not have one entry per source.

    Examples
    --------
    >>> r = source_concentration(np.array([[3.0], [1.0]]))
    >>> float(r["hhi"][0]), float(r["top_share"][0])
    (0.625, 0.75)
    >>> r = source_concentration(np.array([[3.0], [1.0]]), atomistic=np.array([True, False]))
    >>> float(r["hhi"][0]), float(r["top_share"][0])
    (0.0625, 0.25)
    """
    flows = np.asarray(flows, dtype=float)
    if flows.ndim != 2:
        raise ValueError(f"flows must be a 2-D (sources x users) array; got shape {flows.shape}")
    named = np.ones(flows.shape[0], dtype=bool)
    if atomistic is not None:
        atomistic = np.asarray(atomistic, dtype=bool)
        if atomistic.shape != (flows.shape[0],):
            raise ValueError(f"atomistic must have one entry per source ({flows.shape[0]}); got shape "
                             f"{atomistic.shape}")
        named = ~atomistic
    total = flows.sum(axis=0)
    den = total if denominator is None else np.asarray(denominator, dtype=float)
    kept = flows[named]
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = kept / total[None, :]
        hhi = (shares**2).sum(axis=0)
        hhi = np.where(total > 0, hhi, np.nan)
        top_share = kept.max(axis=0) / den
    top = np.flatnonzero(named)[kept.argmax(axis=0)]
    return {"total": total, "hhi": hhi, "top": top, "top_share": top_share}


def _source_risk(year: int, groups) -> np.ndarray:
    """WGI political stability of each table region in ``year`` (RoW: GDP-weighted rest of the world)."""
    w = wgi_by_region("pve", year).set_index("wiod")["value"]
    missing = [g for g in groups if g not in w.index]
    if missing:
        raise DataParseError(f"no WGI political stability for regions {missing} in {year}")
    return w.reindex(list(groups)).to_numpy()


def manufacturing_va_exports(year: int) -> pd.DataFrame:
    """Value-added origin, exposure and destinations of each economy's manufacturing, one year.

    ``VAE_{r s} = sum_{i in r} sum_{j in s, manuf} v_i B_ij E_j``, the engine's
    :func:`~helpers.gvc.decomposition.va_origin_of_exports` restricted to manufacturing exports, and
    the exposure measures of the module docstring.

    Parameters
    ----------
    year : int
        WIOD year, 1995-2011.

    Returns
    -------
    pandas.DataFrame
        One row per exporter (WIOD code ``wiod``) with ``year`` and, in USD million,
        ``exports`` (manufacturing gross exports), ``dva``, ``fva``, ``mva`` (manufacturing value
        added), ``output`` (manufacturing gross output); the exposure measures ``source_hhi``,
        ``top_source_share``, ``top_source`` (WIOD code of the largest named source),
        ``fva_row_share`` (RoW's share of foreign value added), ``source_stability``,
        ``input_supply_hhi`` and ``vax_destination_hhi``; and the measures of the first
        (exposure-inclusive) resilience index: ``supplier_hhi`` (HHI of foreign value added with
        RoW as one source), ``top_supplier_share`` (largest source's foreign value added / exports)
        and ``destination_hhi`` (HHI of gross exports over destinations, RoW as one).

    Raises
    ------
    ValueError
        If ``year`` is not a WIOD year.
    DataParseError
        If the table does not have the WIOD 2013 structure (one group per country).
    """
    year = check_year(year, WIOD_YEARS, name="year")
    t = load_wiot(year)
    m = io_model(t)
    manuf = np.isin(np.tile(np.array(t.industries), t.G), manufacturing_codes())
    if len(manuf) != m.n or m.C != t.G:
        raise DataParseError(f"unexpected table structure for {year}: {m.C} groups, {t.G} countries")
    groups = list(m.groups)
    row = np.array([g == "RoW" for g in groups])
    origin = va_origin_of_exports(t, industries=manufacturing_codes())
    vae = origin["va"].to_numpy().reshape(m.C, m.C)  # C(source) x C(exporter)
    Pm = m.P * manuf[:, None]  # n x C: manufacturing pairs of each economy
    exports = m.E @ Pm
    dva = np.diag(vae).copy()
    fva_mat = vae.copy()
    np.fill_diagonal(fva_mat, 0.0)
    old = source_concentration(fva_mat, exports)
    new = source_concentration(fva_mat, atomistic=row)
    with np.errstate(invalid="ignore", divide="ignore"):
        fshare = fva_mat / new["total"][None, :]
    stability = (fshare * _source_risk(year, groups)[:, None]).sum(axis=0)
    # imported intermediate inputs of manufacturing, by product (source industry) and user economy
    imp = t.Z @ Pm  # n x C
    imp = np.where(m.cid[:, None] == np.arange(m.C)[None, :], 0.0, imp)
    by_product = imp.reshape(t.G, t.N, m.C).sum(axis=0)  # N x C
    world = m.E.reshape(t.G, t.N)  # exporter x product
    h_prod = source_concentration(world, atomistic=row)["hhi"]  # N
    with np.errstate(invalid="ignore", divide="ignore"):
        w_prod = by_product / by_product.sum(axis=0)[None, :]
    input_hhi = np.nansum(w_prod * np.nan_to_num(h_prod)[:, None], axis=0)
    # manufacturing value added absorbed abroad, by destination (Johnson & Noguera 2012)
    vax = Pm.T @ (m.vc[:, None] * m.BY)  # C(origin) x C(destination)
    np.fill_diagonal(vax, 0.0)
    dest = source_concentration(vax.T, atomistic=row)
    dest_gross = (m.ESR * manuf[:, None]).T @ m.P  # C(dest) x C(exporter)
    out = pd.DataFrame({
        "wiod": groups, "year": year, "exports": exports, "dva": dva, "fva": old["total"],
        "mva": t.va @ Pm, "output": t.x @ Pm,
        "source_hhi": new["hhi"], "top_source_share": new["top_share"],
        "top_source": np.array(groups)[new["top"]], "fva_row_share": fshare[row].sum(axis=0),
        "source_stability": stability, "input_supply_hhi": input_hhi, "vax_destination_hhi": dest["hhi"],
        "supplier_hhi": old["hhi"], "top_supplier_share": old["top_share"],
        "destination_hhi": source_concentration(dest_gross)["hhi"],
    })
    return out[out["wiod"].isin(wiod_economies())].reset_index(drop=True)


def manufacturing_gvc_panel(years=WIOD_YEARS) -> pd.DataFrame:
    """:func:`manufacturing_va_exports` for every year (cached on disk), with ``iso3`` and shares.

    Parameters
    ----------
    years : int or iterable of int
        WIOD years (default 1995-2011).

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`manufacturing_va_exports` plus ``iso3``, ``dva_share = dva / exports``
        and ``fva_share = fva / exports``.

    Raises
    ------
    ValueError
        If a year is not a WIOD year.
    """
    years = check_years(years, WIOD_YEARS)

    def compute():
        from .datasets import frames_by_year  # a year read once, factorised once; years in parallel

        return pd.concat(frames_by_year(years, "manufacturing_va_exports"), ignore_index=True)

    inputs = [("wiod2013", f"wiot_{y}.RData") for y in years]
    inputs += [("wgi", "raw_data/wgidataset.dta"), ("wdi_datahub", "indicators/ny.gdp.mktp.cd/data.csv")]
    df = cached_frame("manufacturing_va_exports", compute, params={"years": years}, inputs=inputs)
    df["iso3"] = wiod_to_iso3(df["wiod"].tolist())
    df["dva_share"] = df["dva"] / df["exports"]
    df["fva_share"] = df["fva"] / df["exports"]
    return df
