"""Bilateral GVC-related exports of manufacturing: the exporter x importer x year panel of the gravity design.

For exporter ``s``, importer ``r`` and the manufacturing industries ``i`` of ``s`` (WIOD c3-c16), the
Wang, Wei & Zhu (2013) decomposition (:func:`~helpers.gvc.decomposition.wwz`) splits gross exports
``E_sr`` into sixteen terms.  Their sum over manufacturing industries gives, per pair and year,

- ``davax = DVA_FIN + DVA_INT``: domestic value added absorbed by the *direct* importer (in final
  goods, or in intermediates that ``r`` turns into final goods it consumes) -- trade that crosses one
  border, the "traditional" part;
- ``dva_rex = DVA_INTrexI1 + DVA_INTrexF + DVA_INTrexI2``: domestic value added that ``r`` re-exports
  to third countries;
- ``rdv = RDV_INT + RDV_FIN + RDV_FIN2``: domestic value added that returns home;
- ``fva = OVA_FIN + MVA_FIN + OVA_INT + MVA_INT``: foreign value added (of ``r`` and of third
  countries) in ``s``'s exports;
- ``pdc = DDC_FIN + DDC_INT + ODC + MDC``: pure double counting (domestic and foreign);
- ``gvc_exports = dva_rex + rdv + fva + pdc = exports - davax``: **GVC-related exports** in WWZ's
  sense, the value that crosses at least two borders (Wang, Wei, Yu & Zhu 2017a; the same split as
  Borin & Mancini's (2019) ``GVC = E - DAVAX``, with ``dva_rex + rdv`` their forward and
  ``fva + pdc`` their backward GVC-related trade).

The decomposition is run in the ``"textbook"`` convention, in which the sixteen terms add up to
``E_sr`` exactly (the rounding gap of WIOD 2013 is carried by the double-counting residuals); ``davax``
is the same in both conventions.

Intra-national flows (``exporter == importer``) are added for the gross flow only: sales of the
economy's manufacturing output to its own industries and final users, ``sum_{i in M} (sum_j Z_{si,sj}
+ Y_{si,s})``, the domestic "trade" that structural gravity compares international trade with (Yotov,
Piermartini, Monteiro & Larch 2016, ch. 1 A.3); the WWZ terms are not defined for them (NaN).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..data.cache import cached_frame
from ..data.checks import check_years
from ..data.facts import manufacturing_codes, wiod_to_iso3
from ..data.wiot import WIOD_YEARS, WIOT, load_wiot
from .decomposition import wwz

#: component -> the WWZ (2013) terms it sums (one place for the grouping).
WWZ_GROUPS = {
    "davax": ("DVA_FIN", "DVA_INT"),
    "dva_rex": ("DVA_INTrexI1", "DVA_INTrexF", "DVA_INTrexI2"),
    "rdv": ("RDV_INT", "RDV_FIN", "RDV_FIN2"),
    "fva": ("OVA_FIN", "MVA_FIN", "OVA_INT", "MVA_INT"),
    "pdc": ("DDC_FIN", "DDC_INT", "ODC", "MDC"),
}
#: the components whose sum is GVC-related exports.
GVC_PARTS = ("dva_rex", "rdv", "fva", "pdc")


def bilateral_gvc_flows(table: WIOT, industries: Iterable[str] | None = None) -> pd.DataFrame:
    """GVC-related exports and their WWZ components for every exporter-importer pair of one table.

    ``gvc_exports_sr = sum_{i in M} (E_sr,i - DVA_FIN_sr,i - DVA_INT_sr,i)``, summed over the
    exporter's industries ``M`` (module docstring for the components).

    Parameters
    ----------
    table : WIOT
        A world input-output table.
    industries : iterable of str, optional
        Exporting industries summed over (default: manufacturing, c3-c16).

    Returns
    -------
    pandas.DataFrame
        One row per ordered pair, ``G x G`` rows (``G (G - 1)`` international, ``G`` intra-national):
        ``exporter, importer, domestic`` (bool), ``exports`` (gross; for intra-national rows the
        domestic sales of the industries), ``dva_fin, dva_int`` and the components of
        :data:`WWZ_GROUPS`, ``gvc_exports`` (US$ million; NaN on intra-national rows).

    Raises
    ------
    ValueError
        If an industry is not in the table.
    """
    ind = manufacturing_codes() if industries is None else list(industries)
    bad = sorted(set(ind) - set(table.industries))
    if bad:
        raise ValueError(f"industries: {bad} are not industries of the table ({table.industries[0]}.."
                         f"{table.industries[-1]})")
    w = wwz(table, convention="textbook")
    w = w[w["Exporting_Industry"].isin(ind)]
    terms = [t for parts in WWZ_GROUPS.values() for t in parts]
    g = w.groupby(["Exporting_Country", "Importing_Country"], sort=False)[[*terms, "texp"]].sum()
    out = pd.DataFrame(index=g.index)
    out["exports"] = g["texp"]
    out["dva_fin"] = g["DVA_FIN"]
    out["dva_int"] = g["DVA_INT"]
    for name, parts in WWZ_GROUPS.items():
        out[name] = g[list(parts)].sum(axis=1)
    out["gvc_exports"] = out[list(GVC_PARTS)].sum(axis=1)
    out = out.reset_index().rename(columns={"Exporting_Country": "exporter", "Importing_Country": "importer"})
    out = out[out["exporter"] != out["importer"]]
    # intra-national sales of the same industries: intermediate to domestic industries + domestic final use
    G, N = table.G, table.N
    mask = np.isin(np.array(table.industries), ind)
    z4 = table.Z.reshape(G, N, G, N).sum(axis=3)  # (s, i, r): sales of (s, i) to all industries of r
    y3 = table.Y.reshape(G, N, G)
    own = np.arange(G)
    dom = (z4[own, :, own] + y3[own, :, own])[:, mask].sum(axis=1)
    intra = pd.DataFrame({"exporter": list(table.countries), "importer": list(table.countries), "exports": dom})
    out = pd.concat([out, intra], ignore_index=True)
    out.insert(2, "domestic", out["exporter"] == out["importer"])
    order = {c: k for k, c in enumerate(table.countries)}
    out = out.sort_values(["exporter", "importer"], key=lambda s: s.map(order), kind="stable")
    return out.reset_index(drop=True)


def bilateral_gvc_panel(years: Iterable[int] | None = None) -> pd.DataFrame:
    """:func:`bilateral_gvc_flows` of manufacturing for every WIOD year, stacked and cached on disk.

    41 exporters x 41 importers (40 foreign partners and the intra-national flow) x 17 years; one
    WWZ decomposition per year.

    Parameters
    ----------
    years : iterable of int, optional
        WIOD years (default 1995-2011).

    Returns
    -------
    pandas.DataFrame
        ``year, exporter, exporter_iso3, importer, importer_iso3, domestic`` and the flow columns
        of :func:`bilateral_gvc_flows` (US$ million).

    Raises
    ------
    ValueError
        For years outside 1995-2011.
    """
    years = list(check_years(WIOD_YEARS if years is None else years, WIOD_YEARS))

    def compute():
        frames = []
        for y in years:
            f = bilateral_gvc_flows(load_wiot(y))
            f.insert(0, "year", y)
            frames.append(f)
        df = pd.concat(frames, ignore_index=True)
        df.insert(2, "exporter_iso3", wiod_to_iso3(df["exporter"].tolist()))
        df.insert(4, "importer_iso3", wiod_to_iso3(df["importer"].tolist()))
        return df

    return cached_frame("bilateral_gvc_panel", compute, inputs=[("wiod2013", f"wiot_{y}.RData") for y in years],
                        params={"years": years})
