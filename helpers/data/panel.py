"""The country-year panel of the 40 WIOD economies and its missing-data policy.

The indicators are read by :mod:`helpers.data.indicators` from the sources named in the
indicator catalogue; :func:`country_year_panel` combines and fills them into one tidy table,
one row per (economy, year).

Missing-data policy (documented, applied in this order)
-------------------------------------------------------
1. *Combination* of two sources of one concept, before anything is filled:
   ``splice`` (high-technology export share: current WDI series from 2007; before
   2007 the WDI 2018 vintage, rescaled by the country's mean ratio
   current/2018-vintage over the 2007-2009 overlap; the methodological break of
   2007 itself is *not* smoothed away) and ``fallback`` (a secondary source
   fills the primary's gaps, e.g. manufacturing share of Bulgaria from SDG 9.2.1).
2. *Interpolation*: interior gaps of a country's series are filled linearly in
   the year when the gap is at most ``max_gap`` years (default 5).
3. *Extrapolation*: beyond the first/last observation the nearest value is carried
   flat for at most ``max_extrapolate`` years after the last observation (default 3) and at most
   ``max_backfill`` years before the first (default: the same as ``max_extrapolate``); never a trend.
4. Everything else stays missing (NaN). Derived variables (ratios, sums, logs)
   are computed from the filled inputs and inherit the weakest flag of their inputs.
5. No value is ever invented for a country a source does not cover (Taiwan in WDI).

:func:`fill_report` tabulates, per variable, how many values were observed,
spliced, taken from a fallback, interpolated, extrapolated or left missing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .cache import cached_frame
from .checks import check_subset, check_years
from .indicators import _catalogue, _inputs, indicator_catalogue, panel_countries, read_indicator
from .manifest import DataParseError

PANEL_YEARS = tuple(range(1995, 2025))
"""Default years of the panel: the WIOD window 1995-2011 and as far as the indicators go."""

FLAG_ORDER = ("observed", "spliced", "fallback", "interpolated", "extrapolated", "missing")
"""Fill flags from best to worst; a derived value takes the worst flag of its inputs."""
_OBSERVED, _SPLICED, _FALLBACK, _INTERPOLATED, _EXTRAPOLATED, _MISSING = range(len(FLAG_ORDER))


# --------------------------------------------------------------------------------------------
# filling
# --------------------------------------------------------------------------------------------
def fill_array(values: np.ndarray, years, max_gap: int = 5, max_extrapolate: int = 3,
               max_backfill: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Fill every column of a year x series array by the panel's missing-data policy, at once.

    The policy of :func:`fill_series`, vectorised over the columns (no loop over series): per column,
    each missing year between two observations is interpolated linearly in the year if the run of
    missing years it belongs to is at most ``max_gap`` long; years after the last observation (at
    most ``max_extrapolate``) and before the first (at most ``max_backfill``) take that observation.

    Parameters
    ----------
    values : numpy.ndarray, shape (T, K)
        NaN = missing; rows are ``years``.
    years : array_like of int, shape (T,)
        Increasing years of the rows.
    max_gap, max_extrapolate, max_backfill : int
        As in :func:`fill_series` (``max_backfill`` defaults to ``max_extrapolate``).

    Returns
    -------
    values : numpy.ndarray, shape (T, K)
        The filled values (float).
    flags : numpy.ndarray, shape (T, K)
        The flag of each cell: ``observed``, ``interpolated``, ``extrapolated`` or ``missing``
        (object array).

    Raises
    ------
    ValueError
        If a limit is negative or ``years`` does not match the rows or is not increasing.
    """
    values, codes = _fill_codes(values, years, max_gap, max_extrapolate, max_backfill)
    return values, np.asarray(FLAG_ORDER, dtype=object)[codes]


def _fill_codes(values, years, max_gap, max_extrapolate, max_backfill):
    """:func:`fill_array` with flags as codes (positions in :data:`FLAG_ORDER`)."""
    max_backfill = max_extrapolate if max_backfill is None else max_backfill
    if max_gap < 0 or max_extrapolate < 0 or max_backfill < 0:
        raise ValueError(f"max_gap={max_gap}, max_extrapolate={max_extrapolate} and max_backfill={max_backfill} "
                         "must be >= 0")
    v = np.array(values, dtype=float, ndmin=2, copy=True)
    yr = np.asarray(years, dtype=float)
    T = v.shape[0]
    if yr.shape != (T,) or np.any(np.diff(yr) <= 0):
        raise ValueError(f"years must be {T} increasing years, one per row; got {list(years)}")
    obs = ~np.isnan(v)
    rows = np.arange(T)[:, None]
    prev = np.maximum.accumulate(np.where(obs, rows, -1), axis=0)  # last observed row at or before
    nxt = np.minimum.accumulate(np.where(obs, rows, T)[::-1], axis=0)[::-1]  # first observed row at or after
    has_prev, has_next = prev >= 0, nxt < T
    p, q = np.clip(prev, 0, T - 1), np.clip(nxt, 0, T - 1)
    cols = np.arange(v.shape[1])[None, :]
    vp, vq, yp, yq, y = v[p, cols], v[q, cols], yr[p], yr[q], yr[:, None]
    inner = ~obs & has_prev & has_next & (nxt - prev - 1 <= max_gap)
    with np.errstate(invalid="ignore", divide="ignore"):
        slope = (vq - vp) / (yq - yp)  # as numpy.interp (pandas' method="index"): slope * (x - x0) + y0
        interp = slope * (y - yp) + vp
    after = ~obs & has_prev & ~has_next & (y - yp <= max_extrapolate)
    before = ~obs & ~has_prev & has_next & (yq - y <= max_backfill)
    out = np.where(inner, interp, np.where(after, vp, np.where(before, vq, v)))
    codes = np.where(obs, _OBSERVED, np.where(inner, _INTERPOLATED, np.where(after | before, _EXTRAPOLATED, _MISSING)))
    return out, codes


def fill_series(s: pd.Series, max_gap: int = 5, max_extrapolate: int = 3,
                max_backfill: int | None = None) -> tuple[pd.Series, pd.Series]:
    """Fill one country's yearly series by the panel's missing-data policy.

    Interior gaps of at most ``max_gap`` years are interpolated linearly in the year; the last
    observation is carried forward flat for ``max_extrapolate`` years and the first backwards for
    ``max_backfill`` years; everything else stays missing (module docstring, steps 2-4).

    Parameters
    ----------
    s : pandas.Series
        Values indexed by increasing integer years (NaN = missing).
    max_gap : int
        Longest interior gap (years) filled by linear interpolation.
    max_extrapolate : int
        Years after the last observation filled with it (flat).
    max_backfill : int, optional
        Years before the first observation filled with it (flat); default ``max_extrapolate``.

    Returns
    -------
    values : pandas.Series
        The filled values.
    flags : pandas.Series
        A flag per year: ``observed``, ``interpolated``, ``extrapolated`` or ``missing``.

    Raises
    ------
    ValueError
        If ``max_gap``, ``max_extrapolate`` or ``max_backfill`` is negative.

    Examples
    --------
    >>> v, f = fill_series(pd.Series([1.0, None, 3.0, None], index=[2000, 2001, 2002, 2003]), 5, 1)
    >>> v.tolist(), f.tolist()
    ([1.0, 2.0, 3.0, 3.0], ['observed', 'interpolated', 'observed', 'extrapolated'])
    """
    vals, flags = fill_array(s.to_numpy(dtype=float)[:, None], s.index.to_numpy(), max_gap, max_extrapolate,
                             max_backfill)
    return (pd.Series(vals[:, 0], index=s.index, name=s.name),
            pd.Series(flags[:, 0], index=s.index, dtype=object))


def _wide(long: pd.DataFrame, iso: list[str], years: list[int]) -> pd.DataFrame:
    """Long ``iso3, year, value`` -> wide (index year, columns iso3), restricted and reindexed."""
    long = long[long["iso3"].isin(iso)]
    w = long.pivot(index="year", columns="iso3", values="value")
    w = w.reindex(index=pd.Index(years, name="year"), columns=pd.Index(iso, name="iso3")).astype(float)
    return w


def _splice(recent: pd.DataFrame, early: pd.DataFrame, overlap=(2007, 2009), break_year: int = 2007):
    """Ratio splice: recent series from ``break_year``; before it ``early * mean(recent/early over overlap)``.

    Countries without an overlap keep only the recent series (no unadjusted early values). Returns
    the values and their flag codes (positions in :data:`FLAG_ORDER`).
    """
    ov = [y for y in range(overlap[0], overlap[1] + 1) if y in recent.index and y in early.index]
    ratio = (recent.loc[ov] / early.loc[ov]).mean(axis=0)  # per country; NaN without overlap
    out = recent.copy()
    flags = _flag_codes(recent)
    pre = recent.index < break_year
    adj = early.loc[pre] * ratio
    out.loc[pre] = adj
    flags.loc[pre] = np.where(adj.notna(), _SPLICED, _MISSING)
    return out, flags


def _flag_codes(v: pd.DataFrame) -> pd.DataFrame:
    """Flag codes of raw values: observed where a value exists, else missing."""
    return pd.DataFrame(np.where(v.notna(), _OBSERVED, _MISSING), index=v.index, columns=v.columns)


def _worst(*flag_frames: pd.DataFrame) -> pd.DataFrame:
    """Element-wise worst flag code of several frames."""
    arr = np.max(np.stack([f.to_numpy() for f in flag_frames]), axis=0)
    return pd.DataFrame(arr, index=flag_frames[0].index, columns=flag_frames[0].columns)


def _build(years: tuple[int, ...], max_gap: int, max_extrapolate: int, fill: bool, max_backfill: int):
    """Build the wide panel: dict variable -> (values year x iso3, flags year x iso3)."""
    cat = _catalogue()
    iso = panel_countries()["iso3"].tolist()
    # read wide over a longer span so that fills near the window's edges use data outside it
    span = list(range(min(min(years), 1990), max(max(years), 2025) + 1))
    raw: dict[str, pd.DataFrame] = {}
    for _, r in cat.iterrows():
        if r["source"] != "derived":
            raw[r["variable"]] = _wide(read_indicator(r["variable"]), iso, span)
    vals: dict[str, pd.DataFrame] = {}
    flags: dict[str, pd.DataFrame] = {}  # codes of FLAG_ORDER; strings only at the end

    def _fill(v: pd.DataFrame, f: pd.DataFrame):
        if not fill:
            return v, f
        fv, fc = _fill_codes(v.to_numpy(dtype=float), v.index.to_numpy(), max_gap, max_extrapolate, max_backfill)
        codes = f.to_numpy()
        keep = ((codes == _SPLICED) | (codes == _FALLBACK)) & (fc == _OBSERVED)
        return (pd.DataFrame(fv, index=v.index, columns=v.columns),
                pd.DataFrame(np.where(keep, codes, fc), index=f.index, columns=f.columns))

    todo = list(cat["variable"])
    rows = cat.set_index("variable")
    while todo:
        progressed = False
        for var in list(todo):
            r = rows.loc[var]
            ins = _inputs(r)
            tr = r["transform"]
            if r["source"] != "derived" and tr == "":
                vals[var], flags[var] = _fill(raw[var], _flag_codes(raw[var]))
            elif tr == "fallback":
                prim = raw[var]
                fb = raw[ins[0]]
                v = prim.combine_first(fb)
                f = _flag_codes(prim).where(prim.notna(), np.where(fb.notna(), _FALLBACK, _MISSING))
                vals[var], flags[var] = _fill(v, f)
            elif tr == "splice":
                v, f = _splice(raw[ins[0]], raw[ins[1]])
                vals[var], flags[var] = _fill(v, f)
            else:
                if any(i not in vals for i in ins):
                    continue
                a = vals[ins[0]]
                if tr == "per_million_pop":
                    v, extra = a / vals["pop"] * 1e6, ["pop"]
                elif tr == "pct_gdp":
                    v, extra = a / vals["gdp_usd"] * 100.0, ["gdp_usd"]
                elif tr == "log":
                    v, extra = np.log(a.where(a > 0)), []
                elif tr == "sum":
                    v, extra = a + vals[ins[1]], []
                elif tr == "diff":
                    v, extra = a - vals[ins[1]], []
                else:  # pragma: no cover - guarded by _catalogue
                    raise ValueError(tr)
                f = _worst(*[flags[i] for i in ins + extra])
                f = f.where(v.notna(), _MISSING)
                vals[var], flags[var] = v, f
            todo.remove(var)
            progressed = True
        if not progressed:
            raise DataParseError(f"indicator catalogue: cannot resolve inputs of {todo}")
    yrs = list(years)
    names = np.asarray(FLAG_ORDER, dtype=object)
    return ({k: vals[k].loc[yrs] for k in cat["variable"]},
            {k: pd.DataFrame(names[flags[k].loc[yrs].to_numpy()], index=flags[k].loc[yrs].index,
                             columns=flags[k].columns) for k in cat["variable"]})


def _to_long(d: dict[str, pd.DataFrame], value_name: str | None = None) -> pd.DataFrame:
    pieces = []
    for var, w in d.items():
        s = w.stack(future_stack=True)
        s.name = var
        pieces.append(s)
    return pd.concat(pieces, axis=1).reset_index()


def _inputs_of_panel() -> list[tuple[str, str]]:
    cat = _catalogue()
    return sorted({(r["source"], r["file"]) for _, r in cat.iterrows() if r["source"] != "derived"})


PANEL_VALID_YEARS = tuple(range(1990, 2031))
"""Years the panel can be asked for (its sources cover 1990-2025 at most)."""


def _check_years(years) -> tuple[int, ...]:
    return check_years(years, PANEL_VALID_YEARS)


def _panel_and_flags(years, max_gap, max_extrapolate, fill, max_backfill=None):
    years = _check_years(years)
    max_backfill = max_extrapolate if max_backfill is None else int(max_backfill)
    # _build fills over the whole span (at least 1990-2025) whatever years are asked for and keeps the
    # asked-for rows at the end: the span is built (and cached) once, other years are rows of it
    span = tuple(range(min(min(years), 1990), max(max(years), 2025) + 1))
    params = dict(years=span, max_gap=max_gap, max_extrapolate=max_extrapolate, fill=fill, max_backfill=max_backfill)

    def compute():
        vals, flags = _build(span, max_gap, max_extrapolate, fill, max_backfill)
        v = _to_long(vals)
        f = _to_long(flags)
        f.columns = ["year", "iso3"] + [f"{c}__flag" for c in f.columns[2:]]
        return v.merge(f, on=["year", "iso3"])

    both = cached_frame("panel_country_year", compute, inputs=_inputs_of_panel(), params=params)
    return both[both["year"].isin(years)].reset_index(drop=True)


def country_year_panel(years=PANEL_YEARS, countries=None, fill: bool = True, *, max_gap: int = 5,
                       max_extrapolate: int = 3, variables=None, max_backfill: int | None = None) -> pd.DataFrame:
    """Return the tidy country-year panel of the 40 WIOD economies.

    Every variable of the indicator catalogue is read from its source, combined (splice, fallback),
    filled by the missing-data policy of the module docstring and, for derived variables, computed
    from its filled inputs. The result is cached on disk (key: raw files, code, parameters).

    Parameters
    ----------
    years : iterable of int
        Years to return (default 1995-2024). Fills use data outside the window too.
    countries : iterable of str, optional
        ISO3 codes (``ROU`` for Romania; WIOD codes such as ``ROM`` are accepted). Default: all 40.
    fill : bool
        Apply the missing-data policy (module docstring); ``False`` returns the raw values
        (splices and fallbacks are still applied, they define the variable).
    max_gap : int
        Longest interior gap (years) filled by linear interpolation.
    max_extrapolate : int
        Years after the last observation filled with it (flat).
    variables : iterable of str, optional
        Subset of catalogue variables (default: all).
    max_backfill : int, optional
        Years before the first observation filled with it (flat); default ``max_extrapolate``.

    Returns
    -------
    pandas.DataFrame
        One row per (economy, year): ``iso3``, ``wiod``, ``name``, ``year``, then one float
        column per catalogue variable (see :func:`panel_codebook`). Sorted by iso3, year.

    Raises
    ------
    ValueError
        For years outside the panel or unknown country codes.
    KeyError
        For a variable that is not in the catalogue.

    Examples
    --------
    >>> p = country_year_panel(years=[2010], countries=["DEU"])
    >>> p[["iso3", "wiod", "year"]].iloc[0].tolist()
    ['DEU', 'DEU', 2010]
    """
    both = _panel_and_flags(years, max_gap, max_extrapolate, fill, max_backfill)
    cat = _catalogue()
    keep = list(cat["variable"]) if variables is None else check_subset(variables, cat["variable"], name="variables")
    pc = panel_countries()
    out = both[["iso3", "year"] + keep].merge(pc, on="iso3", how="left")
    out = out[["iso3", "wiod", "name", "year"] + keep]
    if countries is not None:
        out = out[out["iso3"].isin(resolve_countries(countries))]
    out["year"] = out["year"].astype("int64")
    return out.sort_values(["iso3", "year"]).reset_index(drop=True)


def resolve_countries(countries) -> list[str]:
    """ISO3 codes of the given WIOD economies (ISO3 or WIOD codes accepted, e.g. ``ROM`` or ``ROU``).

    Parameters
    ----------
    countries : str or iterable of str
        Codes of WIOD economies.

    Returns
    -------
    list of str
        ISO3 codes in the order given.

    Raises
    ------
    ValueError
        If a code is not one of the 40 WIOD economies.
    """
    pc = panel_countries()
    m = dict(zip(pc["wiod"], pc["iso3"], strict=True)) | dict(zip(pc["iso3"], pc["iso3"], strict=True))
    if isinstance(countries, str):
        countries = [countries]
    bad = [c for c in countries if c not in m]
    if bad:
        raise ValueError(f"countries: unknown code(s) {bad}; use ISO3 or WIOD codes of the 40 WIOD economies: "
                         f"{', '.join(pc['iso3'])}")
    return [m[c] for c in countries]


def panel_fill_flags(years=PANEL_YEARS, *, max_gap: int = 5, max_extrapolate: int = 3,
                     max_backfill: int | None = None) -> pd.DataFrame:
    """Say how every value of the filled panel was obtained, one row per (economy, year, variable).

    Parameters
    ----------
    years : iterable of int
        Years of the panel (default 1995-2024).
    max_gap : int
        Longest interior gap (years) filled by linear interpolation.
    max_extrapolate : int
        Years after the last observation filled with it (flat).
    max_backfill : int, optional
        Years before the first observation filled with it (flat); default ``max_extrapolate``.

    Returns
    -------
    pandas.DataFrame
        Long frame ``iso3, year, variable, flag`` with ``flag`` one of :data:`FLAG_ORDER`
        (``observed, spliced, fallback, interpolated, extrapolated, missing``).
    """
    both = _panel_and_flags(years, max_gap, max_extrapolate, True, max_backfill)
    fl = both[["iso3", "year"] + [c for c in both.columns if c.endswith("__flag")]]
    long = fl.melt(id_vars=["iso3", "year"], var_name="variable", value_name="flag")
    long["variable"] = long["variable"].str.removesuffix("__flag")
    return long


def fill_report(years=PANEL_YEARS, *, max_gap: int = 5, max_extrapolate: int = 3, max_backfill: int | None = None,
                dti_only: bool = False,
                by_country: bool = False) -> pd.DataFrame:
    """Count what the missing-data policy filled, per variable (and country).

    Parameters
    ----------
    years : iterable of int
        Years of the panel (default 1995-2024).
    max_gap : int
        Longest interior gap (years) filled by linear interpolation.
    max_extrapolate : int
        Years after the last observation filled with it (flat).
    max_backfill : int, optional
        Years before the first observation filled with it (flat); default ``max_extrapolate``.
    dti_only : bool
        Only the indicators of the digital trade index.
    by_country : bool
        One row per variable and economy instead of per variable.

    Returns
    -------
    pandas.DataFrame
        One row per variable (or variable x ``iso3``) with the number of economy-years
        ``observed, spliced, fallback, interpolated, extrapolated, missing``, their ``total`` and
        ``share_filled`` (interpolated + extrapolated + fallback, of the total).
    """
    fl = panel_fill_flags(years, max_gap=max_gap, max_extrapolate=max_extrapolate, max_backfill=max_backfill)
    if dti_only:
        fl = fl[fl["variable"].isin(indicator_catalogue(dti_only=True)["variable"])]
    keys = ["variable", "iso3"] if by_country else ["variable"]
    tab = fl.groupby(keys + ["flag"]).size().unstack("flag", fill_value=0)
    tab = tab.reindex(columns=list(FLAG_ORDER), fill_value=0)
    tab["total"] = tab.sum(axis=1)
    tab["share_filled"] = (tab["interpolated"] + tab["extrapolated"] + tab["fallback"]) / tab["total"]
    order = {v: i for i, v in enumerate(_catalogue()["variable"])}
    tab = tab.reset_index()
    tab = tab.sort_values(keys, key=lambda s: s.map(order) if s.name == "variable" else s).reset_index(drop=True)
    tab.columns.name = None
    return tab


def panel_codebook(years=PANEL_YEARS, *, max_gap: int = 5, max_extrapolate: int = 3,
                   max_backfill: int | None = None) -> pd.DataFrame:
    """Return the codebook of :func:`country_year_panel`, one row per variable.

    Parameters
    ----------
    years : iterable of int
        Years over which the coverage shares are computed (default 1995-2024).
    max_gap : int
        Longest interior gap (years) filled by linear interpolation.
    max_extrapolate : int
        Years after the last observation filled with it (flat).
    max_backfill : int, optional
        Years before the first observation filled with it (flat); default ``max_extrapolate``.

    Returns
    -------
    pandas.DataFrame
        Columns ``variable, label, dimension, in_dti`` (in the widest digital trade index variant),
        ``dti_variants`` (the index variants that include it), ``direction, unit, definition, source,
        file, code`` (indicator code / field in the file, or the formula of a derived variable),
        ``first_year, last_year`` (years with a value after filling), ``share_missing_raw``,
        ``share_missing`` (after filling, over the 40 economies x ``years``), ``justification`` and
        ``direction_note`` (why an index indicator keeps its direction against its dimension).
    """
    cat = _catalogue()
    raw = country_year_panel(years, fill=False)
    filled = country_year_panel(years, fill=True, max_gap=max_gap, max_extrapolate=max_extrapolate,
                                max_backfill=max_backfill)
    rows = []
    for _, r in cat.iterrows():
        v = r["variable"]
        yrs = filled.loc[filled[v].notna(), "year"]
        code = r["field"] if r["source"] != "derived" else f"{r['transform']}({r['inputs'].replace(';', ', ')})"
        if r["transform"] in ("splice", "fallback") and r["source"] != "derived":
            code = f"{r['field']} + {r['transform']}({r['inputs']})"
        rows.append(dict(
            variable=v, label=r["label"], dimension=r["dimension"], in_dti=bool(r["in_dti"]),
            dti_variants=r["dti_variants"].replace(";", ", "),
            direction={1: "+", -1: "-", 0: ""}[int(r["direction"])], unit=r["unit"], definition=r["definition"],
            source=r["source"], file=r["file"], code=code,
            first_year=int(yrs.min()) if len(yrs) else pd.NA, last_year=int(yrs.max()) if len(yrs) else pd.NA,
            share_missing_raw=float(raw[v].isna().mean()), share_missing=float(filled[v].isna().mean()),
            justification=r["justification"], direction_note=r["direction_note"],
        ))
    out = pd.DataFrame(rows)
    out["first_year"] = out["first_year"].astype("Int64")
    out["last_year"] = out["last_year"].astype("Int64")
    return out


# --------------------------------------------------------------------------------------------
# schema
# --------------------------------------------------------------------------------------------
def panel_schema(years=PANEL_YEARS, variables=None):
    """Build the pandera schema of :func:`country_year_panel`.

    Types, admissible ranges from the catalogue (``valid_min``, ``valid_max``), finite values,
    unique keys, the 40 economies and every year present (a complete, balanced key set).

    Parameters
    ----------
    years : iterable of int
        Years the panel must hold (default 1995-2024).
    variables : iterable of str, optional
        Variable columns the panel holds (default: every catalogue variable).

    Returns
    -------
    pandera.pandas.DataFrameSchema
        A strict schema (no other columns allowed).
    """
    import pandera.pandas as pa

    cat = _catalogue().set_index("variable")
    iso = panel_countries()["iso3"].tolist()
    ys = list(_check_years(years))
    cols = {
        "iso3": pa.Column(str, pa.Check.isin(iso)),
        "wiod": pa.Column(str, pa.Check.str_length(3, 3)),
        "name": pa.Column(str),
        "year": pa.Column("int64", pa.Check.isin(ys)),
    }
    for v in cat.index if variables is None else variables:
        checks = []
        lo, hi = cat.loc[v, "valid_min"], cat.loc[v, "valid_max"]
        if pd.notna(lo):
            checks.append(pa.Check.ge(float(lo)))
        if pd.notna(hi):
            checks.append(pa.Check.le(float(hi)))
        checks.append(pa.Check(lambda s: np.isfinite(s.dropna()).all(), error="non-finite values"))
        cols[v] = pa.Column(float, checks, nullable=True)
    n = len(iso) * len(ys)
    return pa.DataFrameSchema(
        cols,
        unique=["iso3", "year"],
        checks=[
            pa.Check(lambda df: len(df) == n, error=f"panel must have {len(iso)} x {len(ys)} = {n} rows"),
            pa.Check(lambda df: set(df["iso3"]) == set(iso), error="not all 40 WIOD economies are present"),
            pa.Check(lambda df: set(df["year"]) == set(ys), error="not all years are present"),
        ],
        strict=True,
        name="country_year_panel",
    )


def validate_panel(panel: pd.DataFrame, years=PANEL_YEARS) -> pd.DataFrame:
    """Validate a panel with :func:`panel_schema`, reporting every failure at once.

    Parameters
    ----------
    panel : pandas.DataFrame
        Output of :func:`country_year_panel` (any subset of the variable columns).
    years : iterable of int
        Years the panel must hold (default 1995-2024).

    Returns
    -------
    pandas.DataFrame
        ``panel``, validated.

    Raises
    ------
    pandera.errors.SchemaErrors
        Listing every failed check (lazy validation).
    """
    var = [c for c in panel.columns if c not in ("iso3", "wiod", "name", "year")]
    return panel_schema(years, var).validate(panel, lazy=True)
