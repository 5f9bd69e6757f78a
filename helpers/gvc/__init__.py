"""Stage 2, gvc: input-output arithmetic on world input-output tables.

Holds the Leontief system of a table, factorised once and cached (:mod:`.model`), value-added
accounting and the gross-exports decompositions of Koopman, Wang & Wei (2014) and Wang, Wei & Zhu
(2013) (:mod:`.decomposition`), the WWYZ participation, production-length and position measures,
upstreamness and the Koopman et al. (2010) indices (:mod:`.indicators`), direct trade accounting
from the blocks of the table (:mod:`.trade`), the value-added sourcing of manufacturing exports
and supply concentration (:mod:`.sourcing`), the GVC datasets 1995-2011 and their codebook
(:mod:`.datasets`), the bilateral GVC-related exports of the gravity design (:mod:`.bilateral`), the
industry digital intensity and country-industry panel of the Rajan-Zingales design (:mod:`.industry`),
and their validation against decompr, exvatools, Antràs-Chor and the long-run
WIOD (:mod:`.validation`).

May import: :mod:`helpers.data`.
"""

from .bilateral import GVC_PARTS, WWZ_GROUPS, bilateral_gvc_flows, bilateral_gvc_panel
from .datasets import gvc_codebook, gvc_country_industry_year, gvc_country_year
from .decomposition import (
    CONVENTIONS,
    KWW_TERMS,
    WWZ_TERMS,
    fva_final_output,
    kww,
    va_by_destination,
    va_origin_of_exports,
    vertical_specialisation,
    wwz,
    wwz_to_kww,
)
from .indicators import aggregate_gvc, gvc_country_industry, koopman_position, upstreamness, wwyz_gvc
from .industry import (
    INDUSTRY_GVC_COLUMNS,
    digital_intensity,
    industry_digital_intensity,
    industry_source_concentration,
    manufacturing_industry_panel,
    rolling_volatility,
)
from .model import IOModel, clear_model_cache, io_model, leontief_matrices, model_cache_size
from .sourcing import manufacturing_gvc_panel, manufacturing_va_exports, source_concentration
from .trade import country_trade_summary, trade_summary_panel
from .validation import (
    antras_chor_comparison,
    exvatools_measures,
    gvc_validation_table,
    longrun_fva_comparison,
)

__all__ = [
    "CONVENTIONS",
    "GVC_PARTS",
    "INDUSTRY_GVC_COLUMNS",
    "KWW_TERMS",
    "WWZ_GROUPS",
    "WWZ_TERMS",
    "IOModel",
    "aggregate_gvc",
    "antras_chor_comparison",
    "bilateral_gvc_flows",
    "bilateral_gvc_panel",
    "clear_model_cache",
    "country_trade_summary",
    "digital_intensity",
    "exvatools_measures",
    "fva_final_output",
    "gvc_codebook",
    "gvc_country_industry",
    "gvc_country_industry_year",
    "gvc_country_year",
    "gvc_validation_table",
    "industry_digital_intensity",
    "industry_source_concentration",
    "io_model",
    "koopman_position",
    "kww",
    "leontief_matrices",
    "longrun_fva_comparison",
    "manufacturing_gvc_panel",
    "manufacturing_industry_panel",
    "manufacturing_va_exports",
    "model_cache_size",
    "rolling_volatility",
    "source_concentration",
    "trade_summary_panel",
    "upstreamness",
    "va_by_destination",
    "va_origin_of_exports",
    "vertical_specialisation",
    "wwyz_gvc",
    "wwz",
    "wwz_to_kww",
]
