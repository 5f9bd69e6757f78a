"""Stage 1, data: from raw public files to labelled, verified objects.

Holds the manifest and the resolution of every raw file (environment variable, shared folder,
cache, checksum-verified download; :mod:`.manifest`), the disk cache of derived intermediates
(:mod:`.cache`), argument checks shared by every layer (:mod:`.checks`), the facts files and their
readers (:mod:`.facts`: countries, industries, indicator catalogue, palette), the world input-output
table object and its readers (:mod:`.wiot`: WIOD 2013, long-run WIOD, peer fixtures), the readers of
the country-year indicators (:mod:`.indicators`), the country-year panel with its missing-data
policy (:mod:`.panel`), the region and income groups of the economies (:mod:`.groups`) and the
ADB MRIO indicators of the recent window (:mod:`.adb`).

May import: the standard library and third-party packages only; nothing else of ``helpers``.
"""

from .adb import (
    ADB_PRICES,
    adb_manufacturing_gvc,
    adb_manufacturing_lengths,
    adb_manufacturing_summary,
)
from .cache import (
    cache_key,
    cached_frame,
    clear_derived_cache,
)
from .checks import (
    check_choice,
    check_subset,
    check_year,
    check_year_order,
    check_years,
    safe_divide,
)
from .facts import (
    DIMENSIONS,
    diagram_nodes,
    dti_dimensions,
    eu_accession,
    eu_member,
    final_demand_categories,
    hypotheses,
    iso3_to_wiod,
    manufacturing_codes,
    palette,
    read_fact,
    wiod_countries,
    wiod_economies,
    wiod_industries,
    wiod_to_iso3,
)
from .groups import (
    economy_groups,
)
from .indicators import (
    DTI_VARIANTS,
    WGI_ESTIMATES,
    indicator_catalogue,
    panel_countries,
    read_indicator,
    wgi_by_region,
)
from .manifest import (
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
from .panel import (
    PANEL_YEARS,
    country_year_panel,
    fill_report,
    fill_series,
    panel_codebook,
    panel_fill_flags,
    panel_schema,
    resolve_countries,
    validate_panel,
)
from .wiot import (
    WIOD_YEARS,
    WIOT,
    balance_table,
    gvc_fixture_table,
    load_longrun_wiot,
    load_wiot,
    load_wiots,
)

__all__ = [
    "ADB_PRICES",
    "ChecksumError",
    "DIMENSIONS",
    "DTI_VARIANTS",
    "DataError",
    "DataNotFoundError",
    "DataParseError",
    "PANEL_YEARS",
    "WGI_ESTIMATES",
    "WIOD_YEARS",
    "WIOT",
    "adb_manufacturing_gvc",
    "adb_manufacturing_lengths",
    "adb_manufacturing_summary",
    "balance_table",
    "cache_key",
    "cached_frame",
    "check_choice",
    "check_subset",
    "check_year",
    "check_year_order",
    "check_years",
    "clear_derived_cache",
    "country_year_panel",
    "data_path",
    "diagram_nodes",
    "dti_dimensions",
    "economy_groups",
    "eu_accession",
    "eu_member",
    "files_table",
    "fill_report",
    "fill_series",
    "final_demand_categories",
    "gvc_fixture_table",
    "hypotheses",
    "indicator_catalogue",
    "iso3_to_wiod",
    "load_longrun_wiot",
    "load_wiot",
    "load_wiots",
    "manufacturing_codes",
    "palette",
    "panel_codebook",
    "panel_countries",
    "panel_fill_flags",
    "panel_schema",
    "read_fact",
    "read_indicator",
    "resolve_countries",
    "safe_divide",
    "source_meta",
    "sources",
    "sources_table",
    "validate_panel",
    "verify_all",
    "wgi_by_region",
    "wiod_countries",
    "wiod_economies",
    "wiod_industries",
    "wiod_to_iso3",
]
