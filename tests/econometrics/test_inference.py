"""Inference with few clusters: exact within transformation, CR1 conventions, the wild cluster bootstrap
(against pyfixest's wildboottest and against an explicit resampling loop), multiple testing, Driscoll-Kraay."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf

from helpers import (
    WithinTransform,
    adjust_pvalues,
    chance_significant,
    cr1_scale,
    driscoll_kraay,
    romano_wolf,
    se_conventions,
    twfe,
    wild_cluster_bootstrap,
    wild_weights,
    within_ols,
)


def _pyfixest():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pyfixest as pf
    return pf


def _panel(g=12, t=8, seed=1, drop=0, hetero=False):
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(g):
        a = rng.normal()
        for s in range(t):
            x1 = rng.normal() + a
            x2 = rng.normal()
            e = rng.normal() * ((1 + i / 3) if hetero else 1.0)
            rows.append(dict(wiod=f"C{i:02d}", year=2000 + s, x1=x1, x2=x2, y=0.3 * x1 - 0.2 * x2 + a + 0.1 * s + e))
    df = pd.DataFrame(rows)
    if drop:
        df = df.drop(index=rng.choice(len(df), size=drop, replace=False)).reset_index(drop=True)
    return df


def test_within_transform_equals_residuals_of_the_dummy_regression():
    df = _panel(drop=13)
    m = WithinTransform(df, ["wiod", "year"])
    got = m(df[["y", "x1"]].to_numpy())
    for j, col in enumerate(["y", "x1"]):
        resid = smf.ols(f"{col} ~ C(wiod) + C(year)", data=df).fit().resid.to_numpy()
        np.testing.assert_allclose(got[:, j], resid, atol=1e-10)
    assert m.rank == 12 + 7  # 12 economies + 7 more years (one year is the constant's)


def test_within_ols_matches_linearmodels_and_pyfixest_with_g_minus_1_dof():
    df = _panel(drop=10)
    fit = within_ols(df, "y", ["x1", "x2"])
    ref = twfe(df, "y", ["x1", "x2"]).table
    np.testing.assert_allclose(fit.coef, ref["coef"], rtol=1e-10)
    np.testing.assert_allclose(fit.se, ref["se"], rtol=1e-8)
    pf = _pyfixest()
    fx = pf.feols("y ~ x1 + x2 | wiod + year", data=df, vcov={"CRV1": "wiod"},
                  ssc=pf.ssc(k_adj=True, k_fixef="full", G_adj=True))
    np.testing.assert_allclose(fit.p, fx.pvalue()[["x1", "x2"]], rtol=1e-6)  # pyfixest: t(G-1) as well
    assert fit.nobs == len(df) and fit.clusters == 12


def test_cr1_scale_by_hand():
    assert cr1_scale(100, 10, 5) == pytest.approx(5 / 4 * 99 / 90)


def test_singletons_are_dropped_everywhere():
    df = _panel()
    df = pd.concat([df, pd.DataFrame([dict(wiod="ZZZ", year=2001, x1=1.0, x2=0.0, y=5.0)])], ignore_index=True)
    assert within_ols(df, "y", ["x1"]).clusters == 12
    assert twfe(df, "y", ["x1"]).entities == 12


@pytest.mark.parametrize("convention,k_fixef", [("cr1_full", "full"), ("cr1_nonnested", "nonnested"),
                                                 ("cr1_sss", "none")])
def test_se_conventions_match_pyfixest(convention, k_fixef):
    df = _panel(drop=7)
    tab = se_conventions(df, "y", ["x1", "x2"], "x1").set_index("convention")
    pf = _pyfixest()
    fx = pf.feols("y ~ x1 + x2 | wiod + year", data=df, vcov={"CRV1": "wiod"},
                  ssc=pf.ssc(k_adj=True, k_fixef=k_fixef, G_adj=True))
    assert tab.loc[convention, "se"] == pytest.approx(fx.se()["x1"], rel=1e-7)


def test_sss_convention_is_smaller_by_the_dof_ratio():
    df = _panel()
    tab = se_conventions(df, "y", ["x1", "x2"], "x1").set_index("convention")
    n, k_fe = len(df), 12 + 7
    assert tab.loc["cr1_sss", "ratio_to_full"] == pytest.approx(math.sqrt((n - 2 - k_fe) / (n - 2)))


def test_wild_bootstrap_enumeration_equals_pyfixest_wildboottest():
    """With 8 clusters and 2^8 < B every Rademacher pattern is enumerated: both must give the same t*."""
    df = _panel(g=8, t=6, seed=5, drop=3, hetero=True)
    mine = wild_cluster_bootstrap(df, "y", ["x1", "x2"], "x1", reps=9999)
    assert mine.reps == 256
    pf = _pyfixest()
    df = df.assign(cl=pd.factorize(df["wiod"])[0])
    fx = pf.feols("y ~ x1 + x2 | cl + year", data=df, vcov={"CRV1": "cl"})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res, tb = fx.wildboottest(param="x1", reps=9999, seed=1, return_bootstrapped_t_stats=True)
    tb = np.asarray(tb).ravel()
    # pyfixest's t uses its own small-sample factor: compare t*/t, which is free of it
    np.testing.assert_allclose(np.sort(np.abs(mine.t_boot / mine.t)), np.sort(np.abs(tb / float(res["t value"]))),
                               rtol=1e-8)
    assert mine.t == pytest.approx(within_ols(df, "y", ["x1", "x2"]).t["x1"], rel=1e-10)


def test_wild_bootstrap_t_star_equals_an_explicit_resampling_loop():
    """t*_b from the vectorised formula = t of a regression on y* = y^_r + u_r v_b, estimated by pyfixest."""
    df = _panel(g=10, seed=3, drop=5, hetero=True)
    w = wild_weights(sorted(df["wiod"].unique()), 99, "webb", seed=7)
    mine = wild_cluster_bootstrap(df, "y", ["x1", "x2"], "x1", weights=w)
    pf = _pyfixest()
    restricted = pf.feols("y ~ x2 | wiod + year", data=df)
    yhat_r, u_r = df["y"] - restricted.resid(), restricted.resid()
    for b in range(5):
        ystar = yhat_r + u_r * df["wiod"].map(w[b]).to_numpy()
        fx = pf.feols("ystar ~ x1 + x2 | wiod + year", data=df.assign(ystar=ystar), vcov={"CRV1": "wiod"},
                      ssc=pf.ssc(k_adj=True, k_fixef="full", G_adj=True))
        assert mine.t_boot[b] == pytest.approx(fx.tstat()["x1"], rel=1e-6)


def test_wild_bootstrap_p_is_close_to_the_analytic_p_with_many_homogeneous_clusters():
    df = _panel(g=60, t=10, seed=11)
    fit = within_ols(df, "y", ["x1", "x2"])
    wb = wild_cluster_bootstrap(df, "y", ["x1", "x2"], "x2", reps=4999, seed=3)
    assert abs(wb.p - fit.p["x2"]) < 0.05


def test_webb_weights_take_six_values_with_unit_variance():
    w = wild_weights(range(40), 2000, "webb", seed=1).to_numpy()
    assert set(np.round(np.unique(w) ** 2, 12)) == {0.5, 1.0, 1.5}
    assert abs(w.mean()) < 0.02 and abs(w.var() - 1) < 0.02


def test_wild_bootstrap_errors_name_the_problem():
    df = _panel()
    with pytest.raises(ValueError, match="param='x9'"):
        wild_cluster_bootstrap(df, "y", ["x1"], "x9")
    with pytest.raises(ValueError, match="kind='normal'"):
        wild_weights(["a", "b", "c"], 999, "normal")
    with pytest.raises(ValueError, match="reps=10"):
        wild_weights(["a", "b", "c"], 10)
    with pytest.raises(ValueError, match="no draws for clusters"):
        wild_cluster_bootstrap(df, "y", ["x1"], "x1", weights=wild_weights(["C00"], 99))


def test_romano_wolf_single_and_duplicated_hypotheses():
    rng = np.random.default_rng(0)
    tb = rng.standard_normal((1, 5000))
    single = romano_wolf([1.7], tb)[0]
    assert single == pytest.approx(np.mean(np.abs(tb[0]) > 1.7))
    # two identical statistics with identical draws: no multiplicity penalty (perfect dependence)
    both = romano_wolf([1.7, 1.7], np.vstack([tb, tb]))
    np.testing.assert_allclose(both, single)


def test_romano_wolf_lies_between_the_single_test_and_bonferroni_for_independent_tests():
    rng = np.random.default_rng(1)
    tb = rng.standard_normal((4, 20000))
    t = np.array([2.8, 2.2, 1.0, 0.3])
    rw = romano_wolf(t, tb)
    raw = np.array([np.mean(np.abs(tb[j]) > t[j]) for j in range(4)])
    assert np.all(rw >= raw - 1e-12)
    assert np.all(rw <= np.minimum(1, 4 * raw) + 0.01)
    assert np.all(np.diff(rw[np.argsort(-t)]) >= 0)  # monotone in the order of the statistics


def test_adjust_pvalues_by_hand():
    p = [0.01, 0.04, 0.03, 0.005]
    # Holm: sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1 = 0.02, 0.03, 0.06, 0.04 -> running max
    np.testing.assert_allclose(adjust_pvalues(p, "holm"), [0.03, 0.06, 0.06, 0.02])
    # BH: m p / rank = 0.02, 0.02, 0.04, 0.04 -> running min from the top
    np.testing.assert_allclose(adjust_pvalues(p, "bh"), [0.02, 0.04, 0.04, 0.02])
    out = adjust_pvalues([0.01, np.nan, 0.02], "bonferroni")
    assert np.isnan(out[1]) and out[0] == pytest.approx(0.02)
    with pytest.raises(ValueError, match="method='sidak'"):
        adjust_pvalues(p, "sidak")


def test_chance_significant_is_the_binomial_tail():
    c = chance_significant(32, 5, 0.05)
    tail = 1 - sum(math.comb(32, k) * 0.05**k * 0.95 ** (32 - k) for k in range(5))
    assert c["expected"] == pytest.approx(1.6)
    assert c["p_at_least"] == pytest.approx(tail) and round(c["p_at_least"], 2) == 0.02


def test_driscoll_kraay_by_hand():
    """DK: V = A (sum_{|l|<=L} w_l Gamma_l) A, h_t = sum_i x~_it u_it, Bartlett w_l = 1 - l/(L+1)."""
    df = _panel(g=15, t=12, seed=4)
    dk = driscoll_kraay(df, "y", ["x1", "x2"], bandwidth=2)
    m = WithinTransform(df, ["wiod", "year"])
    z = m(df[["y", "x1", "x2"]].to_numpy())
    y, x = z[:, 0], z[:, 1:]
    a = np.linalg.inv(x.T @ x)
    u = y - x @ (a @ x.T @ y)
    h = pd.DataFrame(x * u[:, None]).groupby(df["year"].to_numpy()).sum().to_numpy()
    s = h.T @ h
    for lag in (1, 2):
        g = h[lag:].T @ h[:-lag]
        s += (1 - lag / 3) * (g + g.T)
    se = np.sqrt(np.diag(a @ s @ a))
    ratio = dk["se_dk"].to_numpy() / se
    # linearmodels may apply one scalar small-sample factor; the structure must match exactly
    np.testing.assert_allclose(ratio, ratio[0], rtol=1e-8)
    assert 0.9 < ratio[0] < 1.2
