"""Direct trade accounting from the world input-output tables (no Leontief inverse).

These are the "first-look" facts of the book: gross exports and their split into
intermediate and final goods, the manufacturing share, the foreign share of
manufacturing's intermediate inputs, the concentration of foreign suppliers and
the digital-service intensity of manufacturing.  Everything here is a sum over
blocks of ``Z`` and ``F``; value-added measures that need the Leontief inverse
live in the GVC engine.

Notation (see :mod:`helpers.data.wiot`): ``Z[(s,i), (r,j)]`` are sales of industry i
in country s to industry j in country r; ``Y[(s,i), r]`` final sales to r.
For country s,

- gross exports  :math:`E_s = \\sum_{i}\\sum_{r\\neq s} (\\sum_j Z_{si,rj} + Y_{si,r})`,
- imported intermediates of manufacturing
  :math:`M_s = \\sum_{t\\neq s}\\sum_{i}\\sum_{j\\in\\mathcal{M}} Z_{ti,sj}`, with
  :math:`\\mathcal{M}` = c3..c16,
- supplier concentration :math:`HHI_s = \\sum_{t\\neq s} (M_{ts}/M_s)^2` (Herfindahl over
  source countries; RoW counts as one supplier, so it is a lower bound),
- digital-service intensity of manufacturing: inputs of post & telecommunications (c27)
  and of renting & other business activities (c30, which holds computer services) from any
  country, per unit of manufacturing gross output.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..data.cache import cached_frame
from ..data.checks import check_years
from ..data.facts import manufacturing_codes, wiod_to_iso3
from ..data.wiot import WIOD_YEARS, WIOT, load_wiot
from .sourcing import source_concentration

DIGITAL_SERVICE_INDUSTRIES = ("c27", "c30")


def country_trade_summary(table: WIOT) -> pd.DataFrame:
    """Direct trade and input-structure facts for every region of one table.

    Parameters
    ----------
    table : WIOT
        The world input-output table (e.g. ``load_wiot(1995)``).

    Returns
    -------
    pandas.DataFrame
        One row per region, columns: ``country, year, output, va, exports,
        exports_intermediate, exports_final, exports_manuf, output_manuf, va_manuf,
        inputs_manuf, imported_inputs_manuf, foreign_input_share_manuf,
        supplier_hhi_manuf, top_supplier, top_supplier_share, digital_inputs_manuf,
        digital_intensity_manuf`` (US$ million or shares in [0, 1]).
    """
    G, N = table.G, table.N
    Z4 = table.Z.reshape(G, N, G, N)  # source country, source ind, using country, using ind
    Y3 = table.Y.reshape(G, N, G)
    x2 = table.x.reshape(G, N)
    va2 = table.va.reshape(G, N)
    manuf = np.isin(np.array(table.industries), manufacturing_codes())
    digital = np.isin(np.array(table.industries), DIGITAL_SERVICE_INDUSTRIES)
    eye = np.eye(G, dtype=bool)

    off = (~eye)[:, None, :]  # (s, ., r): True where r != s
    ex_int = (Z4.sum(axis=3) * off).sum(axis=2)  # (s, i) exports of intermediates
    ex_fin = (Y3 * off).sum(axis=2)  # (s, i) exports of final goods
    exports_si = ex_int + ex_fin
    # inputs into manufacturing of each using country r, by source country t: (t, r)
    inputs_manuf_by_source = Z4[:, :, :, manuf].sum(axis=(1, 3))
    inputs_manuf = inputs_manuf_by_source.sum(axis=0)
    foreign = np.where(eye, 0.0, inputs_manuf_by_source)
    sup = source_concentration(foreign)  # shares of imported inputs (denominator: their total)
    imported, hhi, top_idx, top_share = sup["total"], sup["hhi"], sup["top"], sup["top_share"]
    with np.errstate(invalid="ignore", divide="ignore"):
        fshare = imported / inputs_manuf
        dig_in = Z4[:, digital][:, :, :, manuf].sum(axis=(0, 1, 3))
        out_manuf = x2[:, manuf].sum(axis=1)
        dig_int = dig_in / out_manuf
    return pd.DataFrame(
        dict(
            country=list(table.countries),
            year=table.year,
            output=x2.sum(axis=1),
            va=va2.sum(axis=1),
            exports=exports_si.sum(axis=1),
            exports_intermediate=ex_int.sum(axis=1),
            exports_final=ex_fin.sum(axis=1),
            exports_manuf=exports_si[:, manuf].sum(axis=1),
            output_manuf=out_manuf,
            va_manuf=va2[:, manuf].sum(axis=1),
            inputs_manuf=inputs_manuf,
            imported_inputs_manuf=imported,
            foreign_input_share_manuf=fshare,
            supplier_hhi_manuf=hhi,
            top_supplier=[table.countries[k] for k in top_idx],
            top_supplier_share=top_share,
            digital_inputs_manuf=dig_in,
            digital_intensity_manuf=dig_int,
        )
    )


def _wiod_frame(df: pd.DataFrame) -> pd.DataFrame:
    df = df.rename(columns={"country": "wiod"})
    df.insert(1, "iso3", wiod_to_iso3(df["wiod"].tolist()))
    return df


def trade_summary_panel(years: Iterable[int] = WIOD_YEARS) -> pd.DataFrame:
    """:func:`country_trade_summary` for several WIOD years, stacked (cached on data + code).

    Parameters
    ----------
    years : iterable of int
        WIOD 2013 years (1995-2011).

    Returns
    -------
    pandas.DataFrame
        One row per (``wiod``, ``year``), with ``iso3`` after ``wiod``; the other columns as in
        :func:`country_trade_summary`.
    """
    years = check_years(years, WIOD_YEARS)
    return cached_frame(
        "trade_summary",
        lambda: _wiod_frame(pd.concat([country_trade_summary(load_wiot(y)) for y in years], ignore_index=True)),
        inputs=[("wiod2013", f"wiot_{y}.RData") for y in years],
        params={"years": tuple(years)},
    )
