"""Two-way fixed effects: against OLS with dummies, hand-computed demeaning, and the hypothesis tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf

from helpers import OUTCOMES, hypothesis_table, twfe, two_way_demean


def _panel(n_entities=12, n_periods=8, seed=1, unbalanced=False):
    rng = np.random.default_rng(seed)
    rows = []
    a = rng.normal(size=n_entities)
    g = rng.normal(size=n_periods)
    for i in range(n_entities):
        for t in range(n_periods):
            x1 = rng.normal() + a[i]  # correlated with the entity effect: pooled OLS would be biased
            x2 = rng.normal() + g[t]
            y = 0.7 * x1 - 0.3 * x2 + 2.0 * a[i] + 1.5 * g[t] + rng.normal(scale=0.5)
            rows.append(dict(wiod=f"C{i:02d}", year=2000 + t, y=y, x1=x1, x2=x2))
    df = pd.DataFrame(rows)
    if unbalanced:
        df = df.drop(index=rng.choice(len(df), size=len(df) // 7, replace=False)).reset_index(drop=True)
    return df


@pytest.mark.parametrize("unbalanced", [False, True])
def test_twfe_equals_ols_with_dummies(unbalanced):
    df = _panel(unbalanced=unbalanced)
    r = twfe(df, "y", ["x1", "x2"])
    ols = smf.ols("y ~ x1 + x2 + C(wiod) + C(year)", data=df).fit(
        cov_type="cluster", cov_kwds={"groups": pd.factorize(df["wiod"])[0]})
    np.testing.assert_allclose(r.table["coef"], ols.params[["x1", "x2"]], rtol=1e-10)
    # both implementations inside twfe agree with each other
    assert r.max_abs_diff < 1e-8  # pyfixest demeans iteratively (tolerance 1e-8) on unbalanced panels
    assert r.nobs == len(df) and r.entities == 12 and r.periods == 8
    # CR1 with K counting the absorbed effects: statsmodels' cluster-robust SE with the dummies in the
    # model uses (G/(G-1)) (N-1)/(N-K) with the same K, so the SEs agree as well
    np.testing.assert_allclose(r.table["se"], ols.bse[["x1", "x2"]], rtol=1e-8)


def test_twfe_recovers_known_coefficients_and_drops_missing_rows():
    df = _panel(n_entities=40, n_periods=15, seed=3)
    df.loc[[0, 5, 9], "x1"] = np.nan
    r = twfe(df, "y", ["x1", "x2"])
    assert r.nobs == len(df) - 3
    assert abs(r.table.loc["x1", "coef"] - 0.7) < 4 * r.table.loc["x1", "se"]
    assert abs(r.table.loc["x2", "coef"] + 0.3) < 4 * r.table.loc["x2", "se"]


def test_twfe_errors_name_the_problem():
    df = _panel()
    with pytest.raises(KeyError, match="nope"):
        twfe(df, "y", ["nope"])
    with pytest.raises(ValueError, match="too few observations"):
        twfe(df[df["wiod"].isin(["C00", "C01"])], "y", ["x1"])


def test_two_way_demean_by_hand_on_a_balanced_2x2():
    df = pd.DataFrame({"wiod": ["a", "a", "b", "b"], "year": [1, 2, 1, 2], "v": [1.0, 2.0, 3.0, 7.0]})
    d = two_way_demean(df, ["v"])
    # v_it - v_i. - v_.t + v_.. : grand mean 3.25; entity means 1.5, 5; period means 2, 4.5
    expected = [1 - 1.5 - 2 + 3.25, 2 - 1.5 - 4.5 + 3.25, 3 - 5 - 2 + 3.25, 7 - 5 - 4.5 + 3.25]
    np.testing.assert_allclose(d["v"], expected, atol=1e-12)


def test_demeaned_slope_is_the_twfe_coefficient_on_an_unbalanced_panel():
    df = _panel(unbalanced=True, seed=7)
    d = two_way_demean(df, ["y", "x1"])
    slope = np.polyfit(d["x1"], d["y"], 1)[0]
    assert slope == pytest.approx(twfe(df, "y", ["x1"]).table.loc["x1", "coef"], rel=1e-8)


def test_hypothesis_table_one_row_per_outcome_and_regressor():
    df = _panel()
    df["plv_gvc_mfg"] = df["y"]
    df["res"] = -df["y"] + 0.1 * df["x2"]
    tab = hypothesis_table(df, ["plv_gvc_mfg", "res"], ["x1", "x2"], [])
    assert list(tab["outcome"]) == ["plv_gvc_mfg", "plv_gvc_mfg", "res", "res"]
    assert list(tab["regressor"]) == ["x1", "x2", "x1", "x2"]
    assert list(tab["hypothesis"]) == [OUTCOMES["plv_gvc_mfg"][0]] * 2 + [OUTCOMES["res"][0]] * 2
    direct = twfe(df, "res", ["x1", "x2"]).table
    np.testing.assert_allclose(tab.loc[tab["outcome"] == "res", "coef"], direct["coef"], rtol=1e-12)
    with pytest.raises(ValueError, match="not columns of the sample"):
        hypothesis_table(df, ["gvc_f_mfg"], ["x1"], [])
