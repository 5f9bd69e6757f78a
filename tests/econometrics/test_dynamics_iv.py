"""Leads and lags, local projections, and IV: hand-checked shifts, HC3 against statsmodels, 2SLS against
pyfixest and linearmodels, Anderson-Rubin sets against grid inversion and explicit reduced-form tests."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy import stats

from helpers import (
    add_leads_lags,
    ar_set_by_grid,
    crisis_projections,
    hc3_ols,
    iv_fe,
    iv_pyfixest,
    leads_lags_table,
    regional_loo_instrument,
    twfe,
    within_ols,
)


def test_leads_and_lags_by_hand_with_a_gap():
    df = pd.DataFrame({"wiod": ["A"] * 4 + ["B"] * 2, "year": [2000, 2001, 2002, 2004, 2000, 2001],
                       "v": [1.0, 2.0, 3.0, 5.0, 10.0, 20.0]})
    out = add_leads_lags(df, "v", leads=1, lags=2).set_index(["wiod", "year"])
    assert out.loc[("A", 2001), "v_lead1"] == 3.0 and out.loc[("A", 2001), "v_lag1"] == 1.0
    assert np.isnan(out.loc[("A", 2002), "v_lead1"])  # 2003 is missing: no filling across the gap
    assert out.loc[("A", 2004), "v_lag2"] == 3.0 and np.isnan(out.loc[("A", 2004), "v_lag1"])
    assert out.loc[("B", 2001), "v_lag1"] == 10.0 and np.isnan(out.loc[("B", 2000), "v_lag1"])
    with pytest.raises(ValueError, match="leads=-1"):
        add_leads_lags(df, "v", leads=-1)


def _panel(g=25, t=12, seed=3):
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(g):
        a = rng.normal()
        x = np.cumsum(rng.normal(size=t)) + a
        for s in range(t):
            y = 0.5 * x[s] + (0.3 * x[s - 1] if s else 0) + a + rng.normal()
            rows.append(dict(wiod=f"C{i:02d}", year=2000 + s, dti_std=x[s], y=y, ln_gdp_pc=rng.normal()))
    return pd.DataFrame(rows)


def test_leads_lags_table_is_the_direct_regression():
    df = _panel()
    tab = leads_lags_table(df, ["y"], "dti_std", 1, 1, ["ln_gdp_pc"]).set_index("term")
    ref = twfe(add_leads_lags(df, "dti_std", 1, 1), "y", ["dti_std_lead1", "dti_std", "dti_std_lag1", "ln_gdp_pc"])
    np.testing.assert_allclose(tab["coef"], ref.table.loc[tab.index, "coef"], rtol=1e-8)
    assert list(tab["k"]) == [-1, 0, 1]
    assert abs(tab.loc["dti_std_lag1", "coef"] - 0.3) < 4 * tab.loc["dti_std_lag1", "se"]


def test_hc3_matches_statsmodels():
    rng = np.random.default_rng(0)
    x = np.column_stack([np.ones(40), rng.normal(size=(40, 2))])
    y = x @ [1.0, 0.5, -0.2] + rng.normal(size=40) * (1 + np.abs(x[:, 1]))
    b, se = hc3_ols(y, x)
    ref = sm.OLS(y, x).fit(cov_type="HC3")
    np.testing.assert_allclose(b, ref.params, rtol=1e-12)
    np.testing.assert_allclose(se, ref.bse, rtol=1e-10)


def test_crisis_projection_is_the_regression_of_explicit_changes():
    rng = np.random.default_rng(8)
    rows = []
    for i in range(30):
        d, inc = rng.normal(), rng.normal()
        for yr in range(2004, 2012):
            rows.append(dict(wiod=f"C{i:02d}", year=yr, dti=d + 0.01 * rng.normal(), ln_gdp_pc=inc,
                             out=np.exp(1 + 0.1 * d * (yr >= 2009) + 0.05 * rng.normal())))
    df = pd.DataFrame(rows)
    lp = crisis_projections(df, ["out"], "dti", horizons=(2007, 2010), log_outcomes=["out"]).set_index("horizon")
    w = df.pivot(index="wiod", columns="year", values="out")
    pre = df[df["year"].isin([2005, 2006, 2007])].groupby("wiod")[["dti", "ln_gdp_pc"]].mean()
    z = (pre["dti"] - pre["dti"].mean()) / pre["dti"].std()
    x = sm.add_constant(np.column_stack([z, pre["ln_gdp_pc"]]))
    ref = sm.OLS(np.log(w[2010]) - np.log(w[2008]), x).fit(cov_type="HC3")
    assert lp.loc[2010, "coef"] == pytest.approx(ref.params.iloc[1], rel=1e-10)
    assert lp.loc[2010, "se"] == pytest.approx(ref.bse.iloc[1], rel=1e-10)
    assert lp.loc[2007, "placebo"] and not lp.loc[2010, "placebo"]
    with pytest.raises(ValueError, match="base year 2008"):
        crisis_projections(df, ["out"], "dti", horizons=(2008, 2010))


def _iv_panel(g=40, t=10, strength=1.0, beta=0.7, seed=1):
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(g):
        a = rng.normal()
        for s in range(t):
            z = rng.normal()
            v = rng.normal()
            x = strength * z + a + v
            y = beta * x + 0.2 * s + a + 0.8 * v + rng.normal()  # x endogenous through v
            rows.append(dict(wiod=f"C{i:02d}", year=2000 + s, dti_std=x, z=z, z2=rng.normal() + 0.5 * z, y=y,
                             ln_gdp_pc=rng.normal()))
    return pd.DataFrame(rows)


def test_2sls_equals_pyfixest_and_recovers_the_effect():
    df = _iv_panel()
    r = iv_fe(df, "y", "dti_std", ["z"], ["ln_gdp_pc"])
    ref = iv_pyfixest(df, "y", "dti_std", ["z"], ["ln_gdp_pc"])
    assert r["coef"] == pytest.approx(ref["coef"], rel=1e-8)
    assert r["se"] == pytest.approx(ref["se"], rel=1e-6)
    assert abs(r["coef"] - 0.7) < 4 * r["se"] and r["ols"] > r["coef"]  # OLS biased upwards
    assert r["ar_kind"] == "bounded" and r["ar_low"] < r["coef"] < r["ar_high"]


def test_2sls_coefficient_equals_linearmodels_with_dummies():
    from linearmodels.iv import IV2SLS

    df = _iv_panel(g=20, t=6)
    r = iv_fe(df, "y", "dti_std", ["z", "z2"], ["ln_gdp_pc"])
    ref = IV2SLS.from_formula("y ~ 1 + ln_gdp_pc + C(wiod) + C(year) + [dti_std ~ z + z2]", df).fit()
    assert r["coef"] == pytest.approx(ref.params["dti_std"], rel=1e-8)


def test_first_stage_f_is_the_squared_cluster_t_of_the_instrument():
    df = _iv_panel(strength=0.3)
    r = iv_fe(df, "y", "dti_std", ["z"], ["ln_gdp_pc"])
    fs = within_ols(df, "dti_std", ["z", "ln_gdp_pc"])
    assert r["first_f"] == pytest.approx(fs.t["z"] ** 2, rel=1e-10)
    assert r["first_stage"] == pytest.approx(fs.coef["z"], rel=1e-10)


@pytest.mark.parametrize("strength", [1.0, 0.15, 0.0])
def test_anderson_rubin_bounds_are_where_the_reduced_form_test_has_p_equal_to_alpha(strength):
    df = _iv_panel(strength=strength, seed=4)
    r = iv_fe(df, "y", "dti_std", ["z"], ["ln_gdp_pc"])
    g = r["countries"]
    for b0 in (r["ar_low"], r["ar_high"]):
        if np.isfinite(b0):
            fit = within_ols(df.assign(yb=df["y"] - b0 * df["dti_std"]), "yb", ["z", "ln_gdp_pc"])
            assert 2 * stats.t.sf(abs(fit.t["z"]), g - 1) == pytest.approx(0.05, abs=1e-8)
    fit0 = within_ols(df, "y", ["z", "ln_gdp_pc"])  # AR test of b = 0 is the reduced-form test
    assert r["ar_p0"] == pytest.approx(fit0.p["z"], rel=1e-8)
    if strength == 0.0:
        assert r["ar_kind"] in ("whole line", "two rays")


def test_analytic_ar_set_equals_grid_inversion():
    df = _iv_panel(strength=0.2, seed=9)
    r = iv_fe(df, "y", "dti_std", ["z"], ["ln_gdp_pc"])

    def stat(b0):
        fit = within_ols(df.assign(yb=df["y"] - b0 * df["dti_std"]), "yb", ["z", "ln_gdp_pc"])
        return fit.t["z"] ** 2

    crit = stats.f.ppf(0.95, 1, r["countries"] - 1)
    low, high, kind = ar_set_by_grid(stat, crit, r["coef"], r["se"], width=20, points=201)
    assert kind == r["ar_kind"]
    for got, ref in ((low, r["ar_low"]), (high, r["ar_high"])):
        assert got == pytest.approx(ref, rel=1e-6) if np.isfinite(ref) else got == ref


def test_regional_leave_one_out_by_hand():
    df = pd.DataFrame({"wiod": ["DEU", "FRA", "ITA", "USA", "CAN"], "year": 2000,
                       "dti_std": [1.0, 2.0, 4.0, 3.0, 5.0]})
    out = regional_loo_instrument(df).set_index("wiod")["z_region"]
    assert out["DEU"] == pytest.approx(3.0) and out["ITA"] == pytest.approx(1.5)
    assert out["USA"] == pytest.approx(5.0) and out["CAN"] == pytest.approx(3.0)
    with pytest.raises(ValueError, match="col='nope'"):
        regional_loo_instrument(df, "nope")


def test_iv_errors():
    df = _iv_panel(g=10)
    with pytest.raises(ValueError, match="instruments is empty"):
        iv_fe(df, "y", "dti_std", [])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(ValueError, match="nope"):
            iv_fe(df, "y", "dti_std", ["nope"])
