"""Tests of the manufacturing GVC resilience index and the shock measures (helpers.indices)."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from helpers import (
    RECENT_OUTCOMES,
    RES_DIRECTIONS,
    RES_STRUCTURE,
    adb_manufacturing_gvc,
    data_path,
    iso3_to_wiod,
    manufacturing_va_exports,
    martin_resilience,
    recent_shock_resilience,
    recent_shock_validation,
    resilience_index,
    resilience_validation,
    shock_resilience,
)


def test_manufacturing_va_exports_accounting_identity():
    d = manufacturing_va_exports(2009)
    assert len(d) == 40
    # v B = 1': domestic + foreign value added exhaust gross manufacturing exports
    np.testing.assert_allclose(d["dva"] + d["fva"], d["exports"], rtol=1e-8)
    for c in ["supplier_hhi", "destination_hhi"]:
        assert d[c].between(0, 1).all()
    assert (d["top_supplier_share"] <= d["fva"] / d["exports"] + 1e-12).all()


def test_directions_cover_structure():
    from helpers import RES_STRUCTURES  # every variant's indicators (the default is RES_STRUCTURE)

    cols = [c for s in RES_STRUCTURES.values() for js in s.values() for c in js]
    assert set(cols) == set(RES_DIRECTIONS) and set(RES_STRUCTURE["security"]) <= set(cols)


def test_adb_window_uses_exports_not_domestic_sales():
    """Manufacturing exports = ADB's ``Exports`` (gvcp.parquet), which equals output minus domestic sales
    ``x - e`` in the independent summary file (SOURCE.md: ``e`` holds domestic sales in this vintage)."""
    d = adb_manufacturing_gvc()
    assert set(d["year"]) == set(range(2017, 2023))
    assert "TWN" in set(d["iso3"]) and "ROU" in set(d["iso3"])
    assert d["gvc_b_share"].between(0, 1).all()
    summ = pd.read_parquet(data_path("adb-mrio-indicators-ksreyes", "summary.parquet"))
    summ = summ[summ["i"].between(3, 16)]
    countries = pd.read_excel(data_path("adb-mrio-indicators-ksreyes", "countries.xlsx"), sheet_name="Consolidated")
    countries = countries.dropna(subset=["mrio"])
    code = dict(zip(countries["mrio"].astype(int), countries["iso_a3"], strict=True))
    summ = summ.assign(iso3=summ["s"].map(code), exports=summ["x"] - summ["e"])
    ref = summ.groupby(["iso3", "t"])[["exports", "e"]].sum()
    got = d.set_index(["iso3", "year"])
    ref = ref.loc[got.index]
    np.testing.assert_allclose(got["exports"], ref["exports"], rtol=1e-9)
    assert (np.abs(got["exports"] / ref["e"] - 1) > 0.01).mean() > 0.9  # domestic sales would be another series
    r = recent_shock_resilience()
    assert r["resistance_exports"].notna().sum() >= 39


def test_martin_resilience_by_hand():
    """Three economies, outcome 100/50/10 in t0 and 80/60/10 in t1: the sample falls from 160 to 150,
    g_N = -1/16; A: g = -0.2 -> (-0.2 + 0.0625) / 0.0625 = -2.2; B: g = 0.2 -> 4.2; C: g = 0 -> 1.0."""
    df = pd.DataFrame({"iso3": ["A", "B", "C"] * 2, "year": [2008] * 3 + [2009] * 3,
                       "y": [100.0, 50.0, 10.0, 80.0, 60.0, 10.0]})
    r = martin_resilience(df, "y", 2008, 2009)
    np.testing.assert_allclose(r.loc[["A", "B", "C"]], [-2.2, 4.2, 1.0], rtol=1e-12)
    with pytest.raises(ValueError, match="t1"):
        martin_resilience(df, "y", 2008, 2010)
    with pytest.raises(ValueError, match="col"):
        martin_resilience(df, "z", 2008, 2009)


def test_shock_resilience_great_trade_collapse():
    """The 2008-2009-2011 measures are Martin's formula on the engine's manufacturing value added, recomputed
    here from the growth rates the function reports; codes follow the column convention."""
    from helpers import manufacturing_gvc_panel

    s = shock_resilience().set_index("iso3")
    assert len(s) == 40 and s.loc["ROU", "wiod"] == "ROM"
    assert list(s["wiod"]) == iso3_to_wiod(list(s.index))
    p = manufacturing_gvc_panel((2008, 2009, 2010, 2011)).pivot(index="iso3", columns="year", values="dva")
    gn = p[2009].sum() / p[2008].sum() - 1
    np.testing.assert_allclose(s["g_dva_fall"], (p[2009] / p[2008] - 1).loc[s.index], rtol=1e-12)
    np.testing.assert_allclose(s["resistance_dva"], (s["g_dva_fall"] - gn) / abs(gn), rtol=1e-12)
    assert gn < 0  # the collapse: world manufacturing DVA exports fell in 2009


@pytest.mark.slow
def test_resilience_index_full():
    r = resilience_index()
    assert not r.duplicated(["iso3", "year"]).any()
    v = r[["security", "stability", "res"]].dropna()
    assert ((v >= 0) & (v <= 1)).all().all()
    val = resilience_validation(index_frame=r)
    assert set(val["n"]) == {40}
    # the correlations against pandas on the same data: pre-shock means of the predictor vs each outcome
    from helpers import resilience_predictors, shock_outcomes

    data = resilience_predictors((2005, 2006, 2007), frames={"vulnerability": r}).join(shock_outcomes(2009))
    for _, row in val.iterrows():
        pair = data[[row["predictor"], row["outcome"]]].dropna()
        assert row["spearman"] == pytest.approx(pair.corr(method="spearman").iloc[0, 1], rel=1e-10)
        assert row["kendall"] == pytest.approx(pair.corr(method="kendall").iloc[0, 1], rel=1e-10)


@pytest.mark.slow
def test_write_index_datasets(tmp_path):
    from helpers.book.registry import write_index_datasets

    paths = write_index_datasets(tmp_path)
    assert {"digital_trade_index.csv", "resilience_index.csv", "panel_country_year.csv"} <= set(paths)
    dti = pd.read_csv(paths["digital_trade_index.csv"])
    assert {"innovation", "capacity", "infrastructure", "potential", "dti", "dti_entropy", "dti_equal",
            "dti_pca", "dti_critic"} <= set(dti.columns)


def test_recent_shock_validation_table():
    """Spearman's rho by pandas and its p-value by the t approximation (n - 2 df) that scipy documents."""
    v = recent_shock_validation()
    assert tuple(v.index) == RECENT_OUTCOMES == ("resistance_exports", "recovery_exports", "resistance_gvc",
                                                 "recovery_gvc")
    r = recent_shock_resilience()
    for o, row in v.iterrows():
        pair = r[["gvc_b_share_pre", o]].dropna()
        n = len(pair)
        rho = pair.corr(method="spearman").iloc[0, 1]
        t = rho * np.sqrt((n - 2) / (1 - rho**2))
        assert row["n"] == n >= 39
        assert row["spearman"] == pytest.approx(rho, rel=1e-12)
        assert row["p"] == pytest.approx(2 * stats.t.sf(abs(t), n - 2), rel=1e-9)
