"""The indicator catalogue and the readers of the country-year sources.

Every country-year variable of the book is described by one row of
``helpers/data/facts/indicators.csv`` (the *indicator catalogue*): its name, the
dimension of the digital trade index it belongs to (or ``control``), whether it
enters the index, its direction (+1: more is better, -1: less is better), the
raw source and file, the field inside the file, an optional transform of other
variables, unit, admissible range, definition and a one-line justification.
:func:`helpers.data.panel.country_year_panel` reads it and builds one tidy table.

Readers (one per raw format), each returning a long frame ``iso3, year, value``
-------------------------------------------------------------------------------
- WDI datahub CSV (``Country Name,Country Code,Year,Value``; ISO3; aggregates dropped);
- DDF datapoints CSV (open-numbers WDI, Gapminder, Penn World Table: ``geo|country, time|year, value``,
  lower-case ISO3; UN SDG: ``geo_area`` = M49 code mapped with ``facts/m49_iso3.csv``);
- WDI 2018 vintage CSV (wide; **0 means missing** and is read as NaN);
- UNCTAD Data360 SDMX-CSV (``REF_AREA, INDICATOR, TIME_PERIOD, OBS_VALUE, UNIT_MULT``;
  values are multiplied by ``10**UNIT_MULT``, so US$ million become US$);
- WGI Stata ``.dta`` (Romania coded ``ROM`` and mapped to ``ROU``; no 1997/1999/2001).
"""


from __future__ import annotations

from functools import cache

import pandas as pd

from .checks import check_choice, check_years
from .facts import DIMENSIONS, FACTS, wiod_countries
from .manifest import DataParseError, data_path

_CAT_COLUMNS = [
    "variable", "label", "dimension", "dti_variants", "direction", "source", "file", "field", "transform",
    "inputs", "unit", "valid_min", "valid_max", "definition", "justification", "direction_note",
]

DTI_VARIANTS = {
    "headline": "every indicator that is not built from the trade or output totals the GVC outcomes or the "
                "controls are computed from (trade openness and market size leave)",
    "no_fdi_tariff": "the headline without FDI inflows and tariffs, the two trade-policy and investment measures "
                     "closest to GVC integration",
    "all": "the headline plus trade openness and market size (every admissible indicator)",
    "first_version": "the 19 indicators of the first version, including fixed telephone lines and ICT services "
                     "counted three times (with that version's normalisation and fill: reproduces it)",
}
"""Variants of the digital trade index; the catalogue's ``dti_variants`` column says which include each
indicator. ``in_dti`` (derived) marks the indicators of the widest current variant, ``all``."""
_TRANSFORMS = {"", "per_million_pop", "pct_gdp", "log", "sum", "diff", "splice", "fallback"}


# --------------------------------------------------------------------------------------------
# catalogue
# --------------------------------------------------------------------------------------------
@cache
def _catalogue() -> pd.DataFrame:
    path = FACTS / "indicators.csv"
    cat = pd.read_csv(path, keep_default_na=False, na_values={"valid_min": [""], "valid_max": [""]})
    missing = [c for c in _CAT_COLUMNS if c not in cat.columns]
    if missing:
        raise DataParseError(f"{path}: missing columns {missing}")
    if cat["variable"].duplicated().any():
        dups = cat.loc[cat["variable"].duplicated(), "variable"].tolist()
        raise DataParseError(f"{path}: duplicated variables {dups}")
    bad = sorted(set(cat["transform"]) - _TRANSFORMS)
    if bad:
        raise DataParseError(f"{path}: unknown transform(s) {bad}; allowed {sorted(_TRANSFORMS)}")
    cat["dti_variants"] = cat["dti_variants"].astype(str)
    unknown = sorted({v for vs in cat["dti_variants"] for v in vs.split(";") if v} - set(DTI_VARIANTS))
    if unknown:
        raise DataParseError(f"{path}: unknown DTI variant(s) {unknown}; allowed {list(DTI_VARIANTS)}")
    cat.insert(cat.columns.get_loc("dti_variants"), "in_dti", cat["dti_variants"].map(lambda v: "all" in v.split(";")))
    cat["direction"] = cat["direction"].astype(int)
    known = set(cat["variable"])
    for _, r in cat.iterrows():
        for inp in _inputs(r):
            if inp not in known:
                raise DataParseError(f"{path}: variable {r['variable']!r} uses unknown input {inp!r}")
        if r["dti_variants"] and r["dimension"] not in DIMENSIONS:
            raise DataParseError(f"{path}: DTI variable {r['variable']!r} has dimension {r['dimension']!r}")
        if r["dti_variants"] and r["direction"] not in (1, -1):
            raise DataParseError(f"{path}: DTI variable {r['variable']!r} needs direction +1 or -1")
    return cat


def _inputs(row) -> list[str]:
    return [s for s in str(row["inputs"]).split(";") if s]


def indicator_catalogue(dti_only: bool = False) -> pd.DataFrame:
    """Return the indicator catalogue (``helpers/data/facts/indicators.csv``), one row per panel variable.

    Parameters
    ----------
    dti_only : bool
        Keep only the indicators of the digital trade index (``in_dti``: those of its widest current
        variant, ``all``).

    Returns
    -------
    pandas.DataFrame
        Columns ``variable, label, dimension, in_dti, dti_variants`` (``;``-separated variants of
        :data:`DTI_VARIANTS` that include the indicator), ``direction, source, file, field, transform,
        inputs, unit, valid_min, valid_max, definition, justification, direction_note`` (why an
        indicator keeps its direction although it moves against the rest of its dimension within
        countries; empty if it does not).

    Raises
    ------
    DataParseError
        If the facts file is malformed (missing columns, duplicated variables, unknown transform or
        input or DTI variant, a DTI variable without a dimension or a direction).
    """
    cat = _catalogue().copy()
    return cat[cat["in_dti"]].reset_index(drop=True) if dti_only else cat


def panel_countries() -> pd.DataFrame:
    """Return the 40 WIOD economies of the country-year panel.

    Returns
    -------
    pandas.DataFrame
        Columns ``iso3`` (ISO3, ``ROU`` for Romania), ``wiod`` (WIOD code, ``ROM``) and ``name``,
        in WIOD table order.
    """
    wc = wiod_countries()
    wc = wc[wc["wiod"] != "RoW"]
    return wc[["iso3", "wiod", "name"]].reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# readers: each returns a long frame iso3, year, value for one field
# --------------------------------------------------------------------------------------------
def _read_csv(source: str, file: str, **kw) -> pd.DataFrame:
    path = data_path(source, file)
    try:
        return pd.read_csv(path, **kw)
    except Exception as err:  # re-raised with the file named
        raise DataParseError(f"cannot parse {path} (source {source!r}): {type(err).__name__}: {err}") from err


def _need(df: pd.DataFrame, cols, source: str, file: str) -> None:
    miss = [c for c in cols if c not in df.columns]
    if miss:
        raise DataParseError(f"{source}/{file}: expected column(s) {miss}; found {list(df.columns)[:12]}")


def read_wdi_datahub(file: str, field: str | None = None) -> pd.DataFrame:
    """Read one WDI datahub indicator (``Country Name,Country Code,Year,Value``).

    World Bank aggregates (EUU, WLD, ...) are kept; they drop out when the panel keeps the 40
    economies.

    Parameters
    ----------
    file : str
        File name in the ``wdi_datahub`` source of the manifest.
    field : str, optional
        Unused (one indicator per file); accepted so that every reader has the same signature.

    Returns
    -------
    pandas.DataFrame
        Long frame ``iso3, year, value`` (one row per economy-year with a value).

    Raises
    ------
    DataParseError
        If the file cannot be parsed or lacks the expected columns.
    """
    d = _read_csv("wdi_datahub", file)
    _need(d, ["Country Code", "Year", "Value"], "wdi_datahub", file)
    return pd.DataFrame(
        {"iso3": d["Country Code"].astype(str), "year": d["Year"].astype(int), "value": pd.to_numeric(d["Value"])}
    )


def read_ddf(source: str, file: str, field: str) -> pd.DataFrame:
    """Read a DDF datapoints CSV (open-numbers WDI, Gapminder, PWT or UN SDG).

    Geo keys are lower-case ISO3 (``geo`` or ``country``) or UN M49 numbers (``geo_area``,
    mapped to ISO3 through ``helpers/data/facts/m49_iso3.csv``).

    Parameters
    ----------
    source : str
        Source id of the manifest (``wdi_open_numbers``, ``gapminder_systema_globalis``,
        ``pwt_open_numbers`` or ``unsd_sdg_open_numbers``).
    file : str
        File name inside the source.
    field : str
        Column holding the values.

    Returns
    -------
    pandas.DataFrame
        Long frame ``iso3, year, value`` (one row per economy-year with a value).

    Raises
    ------
    DataParseError
        If the file cannot be parsed, lacks the time, geo or value column, or has more than one row
        per (geo, year).
    """
    d = _read_csv(source, file)
    time = "time" if "time" in d.columns else "year"
    _need(d, [time, field], source, file)
    if "geo_area" in d.columns:
        m49 = pd.read_csv(FACTS / "m49_iso3.csv")
        iso = d["geo_area"].map(dict(zip(m49["m49"], m49["iso3"], strict=True)))
    else:
        geo = "geo" if "geo" in d.columns else "country"
        _need(d, [geo], source, file)
        iso = d[geo].astype(str).str.upper()
    out = pd.DataFrame({"iso3": iso, "year": d[time].astype(int), "value": pd.to_numeric(d[field])})
    out = out.dropna(subset=["iso3"])
    dup = out.duplicated(["iso3", "year"])
    if dup.any():
        raise DataParseError(f"{source}/{file}: {int(dup.sum())} duplicated (geo, year) keys for {field!r}")
    return out


def read_wdi2018(file: str, field: str) -> pd.DataFrame:
    """Read one column of the WDI 2018 science and technology CSV, where **zeros are missing**.

    The 2018 vintage codes a missing value as 0 (SOURCE.md of ``wdi_2018_zeningqu``): those rows are
    dropped, every other value is kept unchanged.

    Parameters
    ----------
    file : str
        File name in the ``wdi_2018_zeningqu`` source.
    field : str
        Column holding the indicator (its full WDI name).

    Returns
    -------
    pandas.DataFrame
        Long frame ``iso3, year, value`` (one row per economy-year with a value).

    Raises
    ------
    DataParseError
        If the file cannot be parsed or lacks ``Country Code``, ``Year`` or ``field``.
    """
    d = _read_csv("wdi_2018_zeningqu", file)
    _need(d, ["Country Code", "Year", field], "wdi_2018_zeningqu", file)
    v = pd.to_numeric(d[field]).where(lambda s: s != 0)
    out = pd.DataFrame({"iso3": d["Country Code"].astype(str), "year": d["Year"].astype(int), "value": v})
    return out.dropna(subset=["value"])


def read_unctad(file: str, field: str) -> pd.DataFrame:
    """Read one indicator of the UNCTAD Data360 SDMX-CSV, in US$.

    ``value = OBS_VALUE * 10**UNIT_MULT`` (the file publishes US$ million with ``UNIT_MULT = 6``).

    Parameters
    ----------
    file : str
        File name in the ``unctad_digital_services`` source.
    field : str
        The ``INDICATOR`` code to keep.

    Returns
    -------
    pandas.DataFrame
        Long frame ``iso3, year, value`` (one row per economy-year with a value).

    Raises
    ------
    DataParseError
        If the file lacks the SDMX columns, holds no row for ``field`` or more than one per
        (``REF_AREA``, ``TIME_PERIOD``).
    """
    d = _read_csv("unctad_digital_services", file)
    _need(d, ["REF_AREA", "INDICATOR", "TIME_PERIOD", "OBS_VALUE", "UNIT_MULT"], "unctad_digital_services", file)
    d = d[d["INDICATOR"] == field]
    if d.empty:
        raise DataParseError(f"unctad_digital_services/{file}: no rows for INDICATOR {field!r}")
    val = pd.to_numeric(d["OBS_VALUE"]) * 10.0 ** pd.to_numeric(d["UNIT_MULT"]).fillna(0)
    out = pd.DataFrame({"iso3": d["REF_AREA"].astype(str), "year": d["TIME_PERIOD"].astype(int), "value": val})
    if out.duplicated(["iso3", "year"]).any():
        raise DataParseError(f"unctad_digital_services/{file}: duplicated (REF_AREA, TIME_PERIOD) for {field!r}")
    return out


@cache
def _wgi_frame() -> pd.DataFrame:
    path = data_path("wgi", "raw_data/wgidataset.dta")
    try:
        d = pd.read_stata(path)
    except Exception as err:
        raise DataParseError(f"cannot read Stata file {path}: {type(err).__name__}: {err}") from err
    d["code"] = d["code"].astype(str).replace({"ROM": "ROU"})  # WGI codes Romania ROM
    return d


def read_wgi(file: str, field: str) -> pd.DataFrame:
    """Read one Worldwide Governance Indicators variable (e.g. ``rqe``) from the Stata file.

    WGI codes Romania ``ROM``; it is mapped to ISO3 ``ROU``. WGI has no values for 1997, 1999 and
    2001.

    Parameters
    ----------
    file : str
        File name in the ``wgi`` source (``raw_data/wgidataset.dta``).
    field : str
        WGI variable (column of the Stata file).

    Returns
    -------
    pandas.DataFrame
        Long frame ``iso3, year, value`` (one row per economy-year with a value).

    Raises
    ------
    DataParseError
        If the Stata file cannot be read or lacks ``code``, ``year`` or ``field``.
    """
    d = _wgi_frame()
    _need(d, ["code", "year", field], "wgi", file)
    out = pd.DataFrame({"iso3": d["code"], "year": d["year"].astype(int), "value": d[field].astype(float)})
    return out.dropna(subset=["value"])


def read_indicator(variable: str) -> pd.DataFrame:
    """Read the raw (unfilled) series of one catalogue variable with the reader of its source.

    Parameters
    ----------
    variable : str
        A non-derived variable of :func:`indicator_catalogue`.

    Returns
    -------
    pandas.DataFrame
        Long frame ``iso3, year, value`` (one row per economy-year with a value).

    Raises
    ------
    KeyError
        If ``variable`` is not in the catalogue.
    ValueError
        If ``variable`` is derived from others (it has no raw series) or its source has no reader.
    DataParseError
        From the reader.
    """
    cat = _catalogue().set_index("variable")
    if variable not in cat.index:
        raise KeyError(f"unknown panel variable {variable!r}; see indicator_catalogue()")
    r = cat.loc[variable]
    src, file, field = r["source"], r["file"], r["field"]
    if src == "derived":
        raise ValueError(f"{variable!r} is derived ({r['transform']}) from {r['inputs']!r}; it has no raw reader")
    if src == "wdi_datahub":
        return read_wdi_datahub(file, field)
    if src in ("wdi_open_numbers", "gapminder_systema_globalis", "pwt_open_numbers", "unsd_sdg_open_numbers"):
        return read_ddf(src, file, field)
    if src == "wdi_2018_zeningqu":
        return read_wdi2018(file, field)
    if src == "unctad_digital_services":
        return read_unctad(file, field)
    if src == "wgi":
        return read_wgi(file, field)
    raise ValueError(f"no reader for source {src!r} (variable {variable!r})")




WGI_ESTIMATES = ("vae", "pve", "gee", "rqe", "rle", "cce")
"""The six WGI estimates: voice and accountability, political stability and absence of violence,
government effectiveness, regulatory quality, rule of law, control of corruption."""

WGI_REGION_YEARS = tuple(range(1995, 2022))
"""Years :func:`wgi_by_region` covers: 1995 (carried back from 1996) to 2021, the last WGI year."""


def wgi_by_region(field: str = "pve", years=WGI_REGION_YEARS) -> pd.DataFrame:
    """One WGI estimate for each WIOD 2013 region and year: the 40 economies and the rest of the world.

    WGI is published for 1996, 1998, 2000 and every year from 2002. Each economy's series is
    made annual by linear interpolation between published years (1997, 1999, 2001) and 1995 takes the
    1996 value (the one year before the first publication). The rest of the world (``RoW``) is the
    GDP-weighted mean over the WGI economies outside the 40 WIOD economies:
    ``WGI_RoW,t = sum_k GDP_kt WGI_kt / sum_k GDP_kt`` over the economies ``k`` with both values in
    ``t`` (GDP in current USD, WDI ``NY.GDP.MKTP.CD``), so that large economies weigh as they do in the
    rest of the world's value added.

    Parameters
    ----------
    field : str
        One of :data:`WGI_ESTIMATES` (default ``"pve"``, political stability and absence of violence).
    years : int or iterable of int
        Years within 1995-2021.

    Returns
    -------
    pandas.DataFrame
        ``wiod, iso3, year, value``: 41 regions x ``years`` rows (``RoW`` has iso3 ``ROW``).

    Raises
    ------
    ValueError
        If ``field`` is not a WGI estimate or a year is outside 1995-2021.

    Examples
    --------
    >>> w = wgi_by_region("pve", [2005])
    >>> len(w), sorted(w["wiod"])[-1]
    (41, 'USA')
    """
    check_choice(field, WGI_ESTIMATES, name="field")
    years = check_years(years, WGI_REGION_YEARS)
    raw = read_wgi("raw_data/wgidataset.dta", field)
    span = list(range(min(WGI_REGION_YEARS), max(WGI_REGION_YEARS) + 1))
    wide = raw.pivot_table(index="year", columns="iso3", values="value").reindex(span)
    wide = wide.interpolate(method="index", limit_area="inside")
    wide.loc[1995] = wide.loc[1995].fillna(wide.loc[1996])  # 1995 <- 1996 only (WGI starts in 1996)
    wc = wiod_countries()
    own = wc[wc["wiod"] != "RoW"]
    missing = sorted(set(own["iso3"]) - set(wide.columns))
    if missing:
        raise DataParseError(f"wgi: no {field!r} estimate for WIOD economies {missing}")
    gdp = read_indicator("gdp_usd").pivot_table(index="year", columns="iso3", values="value").reindex(span)
    rest = [c for c in wide.columns if c not in set(own["iso3"]) and c in gdp.columns]
    v, w = wide[rest], gdp[rest].where(wide[rest].notna())
    row = (v * w).sum(axis=1) / w.sum(axis=1).where(w.sum(axis=1) > 0)
    rows = [pd.DataFrame({"wiod": r.wiod, "iso3": r.iso3, "year": span, "value": wide[r.iso3].to_numpy()})
            for r in own.itertuples()]
    rows.append(pd.DataFrame({"wiod": "RoW", "iso3": "ROW", "year": span, "value": row.to_numpy()}))
    out = pd.concat(rows, ignore_index=True)
    return out[out["year"].isin(years)].reset_index(drop=True)
