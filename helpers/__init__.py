"""helpers: the code behind the book *Digital trade and the resilience of manufacturing GVCs*.

Chapters only ever write ``from helpers import ...``; the modules behind this
namespace are private.  The public API is listed in ``__all__``.
"""

from ._cache import cache_key, cached_frame
from ._facts import (
    final_demand_categories,
    manufacturing_codes,
    palette,
    wiod_countries,
    wiod_economies,
    wiod_industries,
    wiod_to_iso3,
)
from ._sources import (
    ChecksumError,
    DataError,
    DataNotFoundError,
    DataParseError,
    data_path,
    files_table,
    source_meta,
    sources,
    sources_table,
    verify_all,
)
from ._empirics import DIMENSIONS, OUTCOMES, estimation_sample, hypothesis_table
from ._glue import glue, verdict
from ._models import SE_NOTE, TwfeResult, two_way_demean, twfe
from ._plots import line_by_group, set_style
from ._trade import country_trade_summary, trade_summary_panel
from ._wiot import WIOD_YEARS, WIOT, load_wiot

__all__ = [
    "ChecksumError",
    "DataError",
    "DataNotFoundError",
    "DIMENSIONS",
    "DataParseError",
    "OUTCOMES",
    "SE_NOTE",
    "TwfeResult",
    "WIOD_YEARS",
    "WIOT",
    "cache_key",
    "cached_frame",
    "country_trade_summary",
    "data_path",
    "estimation_sample",
    "files_table",
    "final_demand_categories",
    "glue",
    "hypothesis_table",
    "line_by_group",
    "load_wiot",
    "manufacturing_codes",
    "palette",
    "set_style",
    "source_meta",
    "sources",
    "sources_table",
    "trade_summary_panel",
    "two_way_demean",
    "twfe",
    "verdict",
    "verify_all",
    "wiod_countries",
    "wiod_economies",
    "wiod_industries",
    "wiod_to_iso3",
]

# --- GVC engine (issue 3) exports: added below by its module ---
from ._gvc import (
    IOModel,
    fva_final_output,
    io_model,
    kww,
    leontief_matrices,
    va_by_destination,
    va_origin_of_exports,
    vertical_specialisation,
    wwz,
    wwz_to_kww,
)
from ._gvc_indicators import (
    aggregate_gvc,
    gvc_country_industry,
    koopman_position,
    upstreamness,
    wwyz_gvc,
)
from ._gvc_panel import (
    antras_chor_comparison,
    gvc_codebook,
    gvc_country_industry_year,
    gvc_country_year,
    gvc_fixture_table,
    gvc_validation_table,
    load_longrun_wiot,
    longrun_fva_comparison,
    write_gvc_datasets,
)

__all__ += [
    "IOModel",
    "fva_final_output",
    "io_model",
    "kww",
    "leontief_matrices",
    "va_by_destination",
    "va_origin_of_exports",
    "vertical_specialisation",
    "wwz",
    "wwz_to_kww",
    "aggregate_gvc",
    "gvc_country_industry",
    "koopman_position",
    "upstreamness",
    "wwyz_gvc",
    "antras_chor_comparison",
    "gvc_codebook",
    "gvc_country_industry_year",
    "gvc_country_year",
    "gvc_fixture_table",
    "gvc_validation_table",
    "load_longrun_wiot",
    "longrun_fva_comparison",
    "write_gvc_datasets",
]
# --- country-year panel and indices (issue 4) exports: added below by their modules ---
from ._indices import (  # noqa: E402 (appended block, see marker)
    CompositeIndex,
    composite_index,
    critic_weights,
    digital_trade_index,
    dti_ranking,
    dti_structure,
    entropy_weights,
    equal_weights,
    index_weights_table,
    normalise,
    pca_weights,
    rank_correlations,
)
from ._panel import (  # noqa: E402
    country_year_panel,
    fill_report,
    indicator_catalogue,
    panel_codebook,
    panel_fill_flags,
    panel_schema,
    validate_panel,
)
from ._resilience import (  # noqa: E402
    adb_manufacturing_gvc,
    manufacturing_gvc_panel,
    manufacturing_va_exports,
    recent_shock_resilience,
    resilience_index,
    resilience_indicators,
    resilience_validation,
    resilience_weights,
    shock_resilience,
    write_index_datasets,
)

__all__ += [
    "CompositeIndex",
    "composite_index",
    "country_year_panel",
    "critic_weights",
    "digital_trade_index",
    "dti_ranking",
    "dti_structure",
    "entropy_weights",
    "equal_weights",
    "fill_report",
    "index_weights_table",
    "indicator_catalogue",
    "normalise",
    "panel_codebook",
    "panel_fill_flags",
    "panel_schema",
    "pca_weights",
    "rank_correlations",
    "validate_panel",
    "adb_manufacturing_gvc",
    "manufacturing_gvc_panel",
    "manufacturing_va_exports",
    "recent_shock_resilience",
    "resilience_index",
    "resilience_indicators",
    "resilience_validation",
    "resilience_weights",
    "shock_resilience",
    "write_index_datasets",
]
