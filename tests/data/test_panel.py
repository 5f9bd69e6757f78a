"""Tests of the country-year panel (helpers.data.panel): readers, fill policy, schema on the real data."""

import numpy as np
import pandas as pd
import pytest

from helpers.data.facts import DIMENSIONS, read_fact
from helpers.data.indicators import (
    indicator_catalogue,
    panel_countries,
    read_ddf,
    read_indicator,
    read_wdi2018,
    read_wgi,
)
from helpers.data.manifest import data_path
from helpers.data.panel import (
    PANEL_YEARS,
    country_year_panel,
    fill_report,
    fill_series,
    panel_codebook,
    validate_panel,
)


def test_catalogue_is_consistent():
    cat = indicator_catalogue()
    assert cat["variable"].is_unique
    dti = indicator_catalogue(dti_only=True)
    for d in DIMENSIONS:
        assert 3 <= (dti["dimension"] == d).sum() <= 6, d
    assert set(dti["direction"]) <= {1, -1}
    assert (dti["justification"].str.len() > 10).all()
    assert (cat.loc[cat["variable"] == "tariff", "direction"] == -1).all()


def test_fill_series_policy():
    s = pd.Series([np.nan, 1.0, np.nan, np.nan, 4.0, np.nan, np.nan, np.nan, np.nan, np.nan],
                  index=range(2000, 2010))
    v, f = fill_series(s, max_gap=2, max_extrapolate=2)
    assert v[2002] == pytest.approx(2.0) and v[2003] == pytest.approx(3.0)
    assert f[2002] == "interpolated"
    assert v[2000] == 1.0 and f[2000] == "extrapolated"
    assert v[2006] == 4.0 and f[2006] == "extrapolated"  # flat, never a trend
    assert np.isnan(v[2007]) and f[2007] == "missing"
    # a gap longer than max_gap stays missing
    v2, f2 = fill_series(s, max_gap=1, max_extrapolate=0)
    assert v2[[2002, 2003]].isna().all() and (f2[[2002, 2003]] == "missing").all()


def test_wdi2018_zero_is_missing():
    """The file codes missing as 0 (SOURCE.md): the reader keeps exactly the non-zero rows, values unchanged."""
    file = "science-and-technology/science-and-technology.csv"
    field = "High-technology exports (% of manufactured exports)"
    raw = pd.read_csv(data_path("wdi_2018_zeningqu", file))
    nonzero = raw[pd.to_numeric(raw[field]) != 0]
    assert (pd.to_numeric(raw[field]) == 0).sum() > 1000  # the test exercises the rule
    d = read_wdi2018(file, field)
    assert len(d) == len(nonzero) > 1000
    assert (d["value"] != 0).all()
    np.testing.assert_array_equal(d["value"].to_numpy(), pd.to_numeric(nonzero[field]).to_numpy())
    assert d["iso3"].tolist() == nonzero["Country Code"].astype(str).tolist()


def test_wgi_romania_and_taiwan():
    d = read_wgi("raw_data/wgidataset.dta", "rqe")
    assert "ROU" in set(d["iso3"]) and "ROM" not in set(d["iso3"])
    assert "TWN" in set(d["iso3"])
    assert not {1997, 1999, 2001} & set(d["year"])


def test_m49_mapping_matches_un_names():
    ent = pd.read_csv(data_path("unsd_sdg_open_numbers", "ddf--entities--geo_area.csv"))
    m49 = read_fact("m49_iso3.csv")
    merged = m49.merge(ent, left_on="m49", right_on="geo_area")
    assert len(merged) == 39
    assert (merged["un_name"] == merged["name"]).all()


def test_unctad_units_and_taiwan():
    d = read_indicator("dig_serv_exp_usd")
    twn = d[(d["iso3"] == "TWN") & (d["year"] == 2015)]["value"]
    assert len(twn) == 1 and twn.iloc[0] > 1e9  # US$ (published in millions)


def test_ddf_reader_lowercase_geo():
    d = read_ddf("pwt_open_numbers", "ddf--datapoints--pop--by--country--year.csv", "pop")
    assert "TWN" in set(d["iso3"])


@pytest.fixture(scope="module")
def panel():
    return country_year_panel()


def test_panel_schema_on_real_data(panel):
    validate_panel(panel)
    assert len(panel) == 40 * len(PANEL_YEARS)
    assert set(panel.loc[panel["iso3"] == "ROU", "wiod"]) == {"ROM"}


def test_taiwan_never_invented(panel):
    twn = panel[panel["iso3"] == "TWN"]
    wdi = ["wdi_datahub", "wdi_open_numbers", "gapminder_systema_globalis"]
    wdi_vars = indicator_catalogue()[lambda c: c["source"].isin(wdi)]
    assert twn[wdi_vars["variable"]].isna().all().all()
    assert twn["regulatory_quality"].notna().all()


def test_derived_and_splice(panel):
    p = panel.dropna(subset=["exports_gdp", "imports_gdp"])
    np.testing.assert_allclose(p["trade_openness"], p["exports_gdp"] + p["imports_gdp"])
    q = panel.dropna(subset=["gdp_usd"])
    np.testing.assert_allclose(q["market_size"], np.log(q["gdp_usd"]))
    deu = panel[panel["iso3"] == "DEU"].set_index("year")
    assert deu.loc[2010, "hightech_share"] == pytest.approx(deu.loc[2010, "hightech_share_wdi"])
    assert deu.loc[2000, "hightech_share"] > deu.loc[2000, "hightech_share_wdi2018"]  # rescaled up


def test_fill_report_and_codebook(panel):
    """The fill report's counts against the panel itself: raw (fill=False) and filled values, counted here."""
    rep = fill_report(dti_only=True).set_index("variable")
    raw = country_year_panel(fill=False)
    assert len(rep) == len(indicator_catalogue(dti_only=True))
    assert (rep["total"] == len(panel_countries()) * len(PANEL_YEARS)).all()
    for v, r in rep.iterrows():
        assert r["observed"] + r["spliced"] + r["fallback"] == raw[v].notna().sum(), v
        assert r["missing"] == panel[v].isna().sum(), v
        assert r["interpolated"] + r["extrapolated"] == panel[v].notna().sum() - raw[v].notna().sum(), v
    assert rep.loc["hightech_share", "spliced"] > 0
    cb = panel_codebook().set_index("variable")
    assert set(cb.index) == set(indicator_catalogue()["variable"])
    np.testing.assert_allclose(cb.loc[rep.index, "share_missing"], rep["missing"] / rep["total"])
    np.testing.assert_allclose(cb["share_missing_raw"], raw[cb.index].isna().mean())
    assert (cb["share_missing"] <= cb["share_missing_raw"] + 1e-12).all()


def test_bad_inputs_raise_clear_errors():
    with pytest.raises(ValueError, match="unknown code"):
        country_year_panel(years=[2000], countries=["XXX"])
    with pytest.raises(ValueError, match=r"variables: \[.nope.\] are not valid"):
        country_year_panel(years=[2000], variables=["nope"])
    with pytest.raises(ValueError, match="years="):
        country_year_panel(years=[1900])
    assert len(panel_countries()) == 40


def test_fill_series_backfill_separate_from_forward_fill():
    s = pd.Series([np.nan, np.nan, 2.0, np.nan, 4.0, np.nan, np.nan], index=range(2000, 2007))
    v, f = fill_series(s, max_gap=5, max_extrapolate=1, max_backfill=0)
    assert np.isnan(v.iloc[0]) and np.isnan(v.iloc[1])
    assert f.tolist() == ["missing", "missing", "observed", "interpolated", "observed", "extrapolated", "missing"]
    assert v.iloc[3] == 3.0 and v.iloc[5] == 4.0
    v2, f2 = fill_series(s, max_gap=5, max_extrapolate=0, max_backfill=2)
    assert v2.iloc[0] == 2.0 and f2.iloc[0] == "extrapolated" and np.isnan(v2.iloc[5])
    with pytest.raises(ValueError, match="max_backfill"):
        fill_series(s, max_backfill=-1)
