"""Stage 2, gvc: input-output arithmetic on world input-output tables.

Holds the Leontief system of a table, factorised once and cached (:mod:`.model`), value-added
accounting and the gross-exports decompositions of Koopman, Wang & Wei (2014) and Wang, Wei & Zhu
(2013) (:mod:`.decomposition`), the WWYZ participation, production-length and position measures,
upstreamness and the Koopman et al. (2010) indices (:mod:`.indicators`), direct trade accounting
from the blocks of the table (:mod:`.trade`), the value-added sourcing of manufacturing exports
and supply concentration (:mod:`.sourcing`), shocks on the network (Ghosh and Leontief propagation,
hypothetical extraction, the Bems-Johnson-Yi demand-collapse check, a diversification scenario;
:mod:`.shocks`), the formal sourcing and re-routing model of the theory chapter (:mod:`.theory`), the
GVC datasets 1995-2011 and their codebook (:mod:`.datasets`), the bilateral GVC-related exports of the
gravity design (:mod:`.bilateral`), the industry digital intensity and country-industry panel of the
Rajan-Zingales design (:mod:`.industry`), and their validation against decompr, exvatools, Antràs-Chor
and the long-run
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
from .shocks import (
    DiversificationResult,
    ShockResult,
    demand_collapse,
    diversification_scenario,
    hypothetical_extraction,
    pair_index,
    source_shares,
    supply_shock,
)
from .sourcing import manufacturing_gvc_panel, manufacturing_va_exports, source_concentration
from .theory import SourcingModel, SourcingSimulation, simulate_sourcing
from .trade import country_trade_summary, industry_trade, industry_trade_panel, trade_summary_panel
from .validation import (
    antras_chor_comparison,
    exvatools_measures,
    gvc_validation_table,
    longrun_fva_comparison,
)

__all__ = [
    "CONVENTIONS",
    "DiversificationResult",
    "GVC_PARTS",
    "INDUSTRY_GVC_COLUMNS",
    "IOModel",
    "KWW_TERMS",
    "ShockResult",
    "SourcingModel",
    "SourcingSimulation",
    "WWZ_GROUPS",
    "WWZ_TERMS",
    "aggregate_gvc",
    "antras_chor_comparison",
    "bilateral_gvc_flows",
    "bilateral_gvc_panel",
    "clear_model_cache",
    "country_trade_summary",
    "demand_collapse",
    "digital_intensity",
    "diversification_scenario",
    "exvatools_measures",
    "fva_final_output",
    "gvc_codebook",
    "gvc_country_industry",
    "gvc_country_industry_year",
    "gvc_country_year",
    "gvc_validation_table",
    "hypothetical_extraction",
    "industry_digital_intensity",
    "industry_source_concentration",
    "industry_trade",
    "industry_trade_panel",
    "io_model",
    "koopman_position",
    "kww",
    "leontief_matrices",
    "longrun_fva_comparison",
    "manufacturing_gvc_panel",
    "manufacturing_industry_panel",
    "manufacturing_va_exports",
    "model_cache_size",
    "pair_index",
    "rolling_volatility",
    "simulate_sourcing",
    "source_concentration",
    "source_shares",
    "supply_shock",
    "trade_summary_panel",
    "upstreamness",
    "va_by_destination",
    "va_origin_of_exports",
    "vertical_specialisation",
    "wwyz_gvc",
    "wwz",
    "wwz_to_kww",
]
