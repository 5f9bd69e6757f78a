"""Counterfactual intervals: closed forms, delta method against simulation, percentile gaps, the policy table."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from helpers import (
    delta_method,
    linear_counterfactual,
    ols_hc1,
    percentile_gap,
    policy_counterfactuals,
    simulate_counterfactual,
    twfe,
)


def test_linear_counterfactual_by_hand():
    c = linear_counterfactual(0.02, 0.01, -2.0)
    z = stats.norm.ppf(0.975)
    assert c.effect == pytest.approx(-0.04) and c.se == pytest.approx(0.02)
    assert (c.lo, c.hi) == pytest.approx((-0.04 - 0.02 * z, -0.04 + 0.02 * z))
    t = linear_counterfactual(0.02, 0.01, 1.0, df=10)
    assert t.hi - t.effect == pytest.approx(0.01 * stats.t.ppf(0.975, 10))
    with pytest.raises(ValueError, match="se"):
        linear_counterfactual(0.02, -1.0, 1.0)
    with pytest.raises(ValueError, match="level"):
        linear_counterfactual(0.02, 0.01, 1.0, level=95)


def test_delta_method_matches_the_analytic_product_rule():
    b = np.array([0.5, -2.0])
    V = np.array([[0.04, 0.01], [0.01, 0.09]])
    c = delta_method(lambda p: p[0] * p[1], b, V)
    grad = np.array([b[1], b[0]])
    assert c.effect == pytest.approx(-1.0)
    assert c.se == pytest.approx(np.sqrt(grad @ V @ grad), rel=1e-6)


def test_simulation_agrees_with_delta_for_a_linear_function():
    b = np.array([0.3, 0.1])
    V = np.array([[0.01, -0.002], [-0.002, 0.004]])
    w = np.array([1.5, -2.0])
    d = delta_method(lambda p: p @ w, b, V)
    s = simulate_counterfactual(lambda p: p @ w, b, V, draws=40000, seed=1)
    assert s.se == pytest.approx(d.se, rel=0.02)
    assert s.lo == pytest.approx(d.lo, abs=0.03 * d.se * 4) and s.hi == pytest.approx(d.hi, abs=0.03 * d.se * 4)
    again = simulate_counterfactual(lambda p: p @ w, b, V, draws=40000, seed=1)
    assert again == s
    with pytest.raises(ValueError, match="cov"):
        delta_method(lambda p: p[0], b, np.eye(3))
    with pytest.raises(ValueError, match="semi-definite"):
        delta_method(lambda p: p[0], b, np.array([[1.0, 2.0], [2.0, 1.0]]))


def test_percentile_gap():
    f = pd.DataFrame({"wiod": list("ABCDE"), "year": 2011, "x": [1.0, 2.0, 3.0, 4.0, 5.0]})
    g = percentile_gap(f, "x", "A", 2011, percentile=75)
    assert g == {"current": 1.0, "target": 4.0, "delta": 3.0, "n": 5}
    assert percentile_gap(f, "x", "E", 2011)["delta"] == 0.0  # above the target: nothing to raise
    with pytest.raises(ValueError, match="unit"):
        percentile_gap(f, "x", "Z", 2011)
    with pytest.raises(ValueError, match="year"):
        percentile_gap(f, "x", "A", 1999)


def test_ols_hc1_matches_the_sandwich_formula():
    rng = np.random.default_rng(3)
    d = pd.DataFrame({"x1": rng.normal(size=50), "x2": rng.normal(size=50)})
    d["y"] = 1 + 0.5 * d["x1"] - d["x2"] + rng.normal(size=50) * (1 + d["x1"].abs())
    r = ols_hc1(d, "y", ["x1", "x2"])
    X = np.column_stack([np.ones(50), d[["x1", "x2"]]])
    XtXi = np.linalg.inv(X.T @ X)
    b = XtXi @ X.T @ d["y"].to_numpy()
    e = d["y"].to_numpy() - X @ b
    V = 50 / (50 - 3) * XtXi @ (X.T * e**2) @ X @ XtXi
    np.testing.assert_allclose(r["coef"], b, rtol=1e-10)
    np.testing.assert_allclose(r["se"], np.sqrt(np.diag(V)), rtol=1e-10)


def _toy_policy_panel(slope):
    rng = np.random.default_rng(4)
    rows = []
    for k, c in enumerate("ABCDEFGHIJ"):
        for t in range(2000, 2010):
            x = rng.normal() + 0.1 * t - 200 + k
            rows.append({"wiod": c, "year": t, "x": x, "z": rng.normal(), "y": slope * x + k + rng.normal(scale=0.1)})
    return pd.DataFrame(rows)


def test_policy_counterfactuals_on_a_toy_panel():
    d = _toy_policy_panel(0.3)
    out = policy_counterfactuals(d, [{"suggestion": "raise x", "regressor": "x", "model": ["x"]}], ["y"],
                                 ["A", "J"], 2009, controls=["z"], reps=999, seed=1)
    assert len(out) == 2 and (out["coef"].sub(0.3).abs() < 0.05).all()
    # the estimate is chapter 4's: the same coefficient and CR1 standard error as linearmodels' two-way FE
    fe = twfe(d, "y", ["x", "z"]).table.loc["x"]
    assert out["coef"].iloc[0] == pytest.approx(fe["coef"], rel=1e-10)
    assert out["se"].iloc[0] == pytest.approx(fe["se"], rel=1e-10)
    a = out.set_index("economy").loc["A"]
    assert a["effect"] == pytest.approx(a["coef"] * a["delta"]) and a["lo"] < a["effect"] < a["hi"]
    # interval from t(G-1), G = 10 economies, as in chapter 4's tables
    assert a["hi"] - a["effect"] == pytest.approx(a["se"] * a["delta"] * stats.t.ppf(0.975, 9))
    assert a["p"] == pytest.approx(2 * stats.t.sf(abs(a["coef"] / a["se"]), 9))
    assert (a["first_year"], a["last_year"]) == (2000, 2009)
    assert a["p_wild"] < 0.05 and a["verdict"] == "supports"
    with pytest.raises(ValueError, match="not in its model"):
        policy_counterfactuals(d, [{"suggestion": "s", "regressor": "x", "model": ["z"]}], ["y"], ["A"], 2009)


def test_policy_verdicts_follow_the_wild_bootstrap_p_value():
    spec = [{"suggestion": "raise x", "regressor": "x", "model": ["x"]}]
    neg = policy_counterfactuals(_toy_policy_panel(-0.3), spec, ["y"], ["A"], 2009, controls=["z"], reps=999)
    assert neg["verdict"].iloc[0] == "contradicts"
    # a wild p-value at or above alpha is no significant association, whatever the CR1 p-value says
    flat = policy_counterfactuals(_toy_policy_panel(0.0), spec, ["y"], ["A"], 2009, controls=["z"], reps=999)
    p_wild = flat["p_wild"].iloc[0]
    strict = policy_counterfactuals(_toy_policy_panel(0.0), spec, ["y"], ["A"], 2009, controls=["z"], reps=999,
                                    alpha=min(p_wild, 0.5))
    assert strict["verdict"].iloc[0] == "no significant association"
