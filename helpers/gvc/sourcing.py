"""Where manufacturing exports get their value added: origin by source economy, concentration.

For exporter ``s`` and year ``t`` let ``E^M_j`` be gross exports of pair ``j`` if ``j`` is a
manufacturing industry of ``s`` (0 otherwise) and ``VAE_{r s} = sum_{i in r} sum_j v_i B_ij E^M_j``
the value added of source economy ``r`` embodied in them (KWW 2014 eq. 8; ``sum_r VAE_rs = E^M_s``
because ``v B = 1'``). Then ``DVA_s = VAE_ss`` and ``FVA_rs = VAE_rs, r != s``. The value added is
traced through the whole chain (the global Leontief inverse), not only through direct inputs
("look-through" exposure, Baldwin, Freeman & Theodorakopoulos 2022).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..data.cache import cached_frame
from ..data.checks import check_years
from ..data.facts import manufacturing_codes, wiod_economies, wiod_to_iso3
from ..data.manifest import DataParseError
from ..data.wiot import WIOD_YEARS, load_wiot
from .decomposition import va_origin_of_exports
from .model import io_model


def source_concentration(flows: np.ndarray, denominator: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Concentration of supply across sources, column by column.

    For a matrix of flows ``f_{tr}`` from source ``t`` to user ``r`` (zero where a source is the
    user itself, if domestic flows are to be left out):

    - ``total_r = sum_t f_tr``;
    - ``hhi_r = sum_t (f_tr / total_r)^2`` (Herfindahl-Hirschman index over sources);
    - ``top_r = argmax_t f_tr`` and ``top_share_r = max_t f_tr / D_r`` with ``D_r`` the
      ``denominator`` (default ``total_r``: the largest source's share of all sourced flows).

    Parameters
    ----------
    flows : numpy.ndarray, shape (sources, users)
        Non-negative flows.
    denominator : numpy.ndarray, shape (users,), optional
        Denominator of the top share (e.g. gross exports instead of imported inputs).

    Returns
    -------
    dict of str to numpy.ndarray
        ``total``, ``hhi``, ``top`` (row index of the largest source) and ``top_share``; NaN where
        the denominator is zero.

    Raises
    ------
    ValueError
        If ``flows`` is not two-dimensional.

    Examples
    --------
    >>> r = source_concentration(np.array([[3.0], [1.0]]))
    >>> float(r["hhi"][0]), float(r["top_share"][0])
    (0.625, 0.75)
    """
    flows = np.asarray(flows, dtype=float)
    if flows.ndim != 2:
        raise ValueError(f"flows must be a 2-D (sources x users) array; got shape {flows.shape}")
    total = flows.sum(axis=0)
    den = total if denominator is None else np.asarray(denominator, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = flows / total[None, :]
        hhi = (shares**2).sum(axis=0)
        top_share = flows.max(axis=0) / den
    return {"total": total, "hhi": hhi, "top": flows.argmax(axis=0), "top_share": top_share}


def manufacturing_va_exports(year: int) -> pd.DataFrame:
    """Value-added origin and destinations of each economy's manufacturing gross exports, one year.

    ``VAE_{r s} = sum_{i in r} sum_{j in s, manuf} v_i B_ij E_j``, the engine's
    :func:`~helpers.gvc.decomposition.va_origin_of_exports` restricted to manufacturing exports.

    Parameters
    ----------
    year : int
        WIOD year, 1995-2011.

    Returns
    -------
    pandas.DataFrame
        One row per exporter (WIOD code ``wiod``) with ``year``, ``exports`` (manufacturing gross
        exports, US$ million), ``dva``, ``fva``, ``supplier_hhi`` (HHI of foreign value added over
        source economies), ``top_supplier_share`` (largest source's foreign value added / exports)
        and ``destination_hhi`` (HHI of gross exports over destinations).

    Raises
    ------
    ValueError
        For a year outside 1995-2011.
    DataParseError
        If the table does not have the WIOD 2013 structure (one group per country).
    """
    (year,) = check_years(year, WIOD_YEARS, name="year")
    t = load_wiot(year)
    m = io_model(t)
    manuf = np.isin(np.tile(np.array(t.industries), t.G), manufacturing_codes())
    if len(manuf) != m.n or m.C != t.G:
        raise DataParseError(f"unexpected table structure for {year}: {m.C} groups, {t.G} countries")
    origin = va_origin_of_exports(t, industries=manufacturing_codes())
    vae = origin["va"].to_numpy().reshape(m.C, m.C)  # C(source) x C(exporter)
    exports = (m.E * manuf) @ m.P
    dva = np.diag(vae).copy()
    fva_mat = vae.copy()
    np.fill_diagonal(fva_mat, 0.0)
    sup = source_concentration(fva_mat, exports)
    dest = (m.ESR * manuf[:, None]).T @ m.P  # C(dest) x C(exporter)
    out = pd.DataFrame({"wiod": list(m.groups), "year": year, "exports": exports, "dva": dva, "fva": sup["total"],
                        "supplier_hhi": sup["hhi"], "top_supplier_share": sup["top_share"],
                        "destination_hhi": source_concentration(dest)["hhi"]})
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
    """
    years = check_years(years, WIOD_YEARS)

    def compute():
        return pd.concat([manufacturing_va_exports(y) for y in years], ignore_index=True)

    df = cached_frame("manufacturing_va_exports", compute, params={"years": years},
                      inputs=[("wiod2013", f"wiot_{y}.RData") for y in years])
    df["iso3"] = wiod_to_iso3(df["wiod"].tolist())
    df["dva_share"] = df["dva"] / df["exports"]
    df["fva_share"] = df["fva"] / df["exports"]
    return df
