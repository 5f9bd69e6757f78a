"""Mediation: the OLS identity c = c' + ab, the vectorised pairs cluster bootstrap against an explicit
resample, and statsmodels' Mediation as a second implementation of the indirect effect."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from helpers import ClusterCrossProducts, mediation_effects, mediation_table, pairs_bootstrap_counts, within_ols


def _panel(g=30, t=10, a=0.5, b=0.8, c_direct=0.2, seed=2):
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(g):
        fe_x, fe_m, fe_y = rng.normal(size=3)
        for s in range(t):
            x = rng.normal() + fe_x
            w = rng.normal()
            m = a * x + 0.3 * w + fe_m + 0.05 * s + rng.normal()
            y = c_direct * x + b * m - 0.2 * w + fe_y + 0.1 * s + rng.normal()
            rows.append(dict(wiod=f"C{i:02d}", year=2000 + s, dti_std=x, med=m, out=y, ln_gdp_pc=w))
    return pd.DataFrame(rows).drop(index=[3, 17, 44]).reset_index(drop=True)


def test_paths_and_identity_total_equals_direct_plus_indirect():
    df = _panel()
    r = mediation_effects(df, "out", "med", reps=199)
    assert r["total"] == pytest.approx(r["direct"] + r["indirect"], abs=1e-12)
    assert r["a"] == pytest.approx(within_ols(df, "med", ["dti_std", "ln_gdp_pc"]).coef["dti_std"], rel=1e-12)
    assert r["b"] == pytest.approx(within_ols(df, "out", ["med", "dti_std", "ln_gdp_pc"]).coef["med"], rel=1e-12)
    assert r["ci_low"] < 0.5 * 0.8 < r["ci_high"]  # the true indirect effect a*b is covered
    assert r["share"] == pytest.approx(r["indirect"] / r["total"])


def test_unit_weights_reproduce_the_point_estimates():
    df = _panel()
    cp = ClusterCrossProducts(df, ["out", "med", "dti_std", "ln_gdp_pc"])
    got = cp.coefficients("out", ["med", "dti_std", "ln_gdp_pc"], np.ones((1, 30)))[0]
    ref = within_ols(df, "out", ["med", "dti_std", "ln_gdp_pc"]).coef.to_numpy()
    np.testing.assert_allclose(got, ref, rtol=1e-10)


def test_a_bootstrap_draw_equals_pyfixest_on_the_explicitly_resampled_panel():
    """Counts as weights = economies drawn with replacement, each copy its own economy effect."""
    df = _panel(g=12)
    counts = pairs_bootstrap_counts(12, 99, seed=4)
    cp = ClusterCrossProducts(df, ["out", "med", "dti_std", "ln_gdp_pc"])
    got = cp.coefficients("out", ["med", "dti_std", "ln_gdp_pc"], counts[:3])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pyfixest as pf
    labels = sorted(df["wiod"].unique())
    for b in range(3):
        parts = [df[df["wiod"] == lab].assign(wiod=f"{lab}_{k}") for lab, n in zip(labels, counts[b], strict=True)
                 for k in range(int(n))]
        boot = pd.concat(parts, ignore_index=True)
        fx = pf.feols("out ~ med + dti_std + ln_gdp_pc | wiod + year", data=boot)
        np.testing.assert_allclose(got[b], fx.coef()[["med", "dti_std", "ln_gdp_pc"]], rtol=1e-8)


@pytest.mark.slow
def test_statsmodels_mediation_agrees_on_the_indirect_effect():
    """statsmodels' Mediation (Imai et al. algorithm 1, simulation) on the model with dummies."""
    import statsmodels.api as sm
    from statsmodels.stats.mediation import Mediation

    df = _panel(g=12, t=6, seed=6)
    ours = mediation_effects(df, "out", "med", reps=199)
    outcome = sm.OLS.from_formula("out ~ med + dti_std + ln_gdp_pc + C(wiod) + C(year)", df)
    mediator = sm.OLS.from_formula("med ~ dti_std + ln_gdp_pc + C(wiod) + C(year)", df)
    res = Mediation(outcome, mediator, "dti_std", "med").fit(n_rep=100, rng=np.random.default_rng(0))
    acme = res.summary().loc["ACME (average)", "Estimate"]
    # statsmodels averages a*b over 100 draws of the parameters: allow a few simulation standard errors
    se_ab = np.hypot(ours["se_a"] * ours["b"], ours["a"] * ours["se_b"])
    assert abs(acme - ours["indirect"]) < 4 * se_ab / np.sqrt(100)


def test_mediation_table_and_errors():
    df = _panel()
    tab = mediation_table(df, ["out"], ["med"], reps=199)
    assert list(tab["mediator"]) == ["med"] and tab["countries"].iloc[0] == 30
    with pytest.raises(ValueError, match="level=1.5"):
        mediation_effects(df, "out", "med", level=1.5)
    with pytest.raises(ValueError, match="nope"):
        mediation_table(df, ["out"], ["nope"], reps=199)
    with pytest.raises(ValueError, match="reps=5"):
        pairs_bootstrap_counts(10, 5)
