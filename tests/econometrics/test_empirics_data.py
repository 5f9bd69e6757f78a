"""The chapter's estimates on the real panel, each against a second implementation (slow: builds the sample)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from helpers import (
    OUTCOMES,
    estimation_sample,
    headline_estimates,
    historical_telecom_instrument,
    iv_table,
    mediation_table,
    regional_loo_instrument,
    specification_curve,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample():
    return estimation_sample()


def test_headline_three_implementations_and_two_wild_bootstraps(sample):
    main = headline_estimates(sample, list(OUTCOMES), reps=9999, seed=1).set_index("outcome")
    assert main["max_abs_diff"].max() < 1e-6  # linearmodels, pyfixest, exact within transformation
    # 39 economies (Taiwan has no index); the headline index starts in 2000 (no backward fill): 39 x 12 - 9
    assert main["countries"].eq(39).all() and main["nobs"].max() == len(sample.dropna(subset=["dti", "ln_gdp_pc"]))
    assert (0 < main["within_share"]).all() and (main["within_share"] < 1).all()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pyfixest as pf
    d = sample.dropna(subset=["gvc_f_mfg", "dti_std", "ln_gdp_pc"]).reset_index(drop=True)
    d["cl"] = pd.factorize(d["wiod"])[0]
    fx = pf.feols("gvc_f_mfg ~ dti_std + ln_gdp_pc | cl + year", data=d, vcov={"CRV1": "cl"},
                  ssc=pf.ssc(k_adj=True, k_fixef="full", G_adj=True))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = fx.wildboottest(param="dti_std", reps=9999, seed=7)
    # different random draws: equal within a few Monte Carlo standard errors (sd ~ 0.003 at p ~ 0.1)
    assert abs(main.loc["gvc_f_mfg", "p_wild"] - float(ref["Pr(>|t|)"])) < 0.015
    assert main.loc["gvc_f_mfg", "t"] == pytest.approx(float(ref["t value"]), rel=1e-8)


def test_iv_by_hand_equals_pyfixest_on_the_real_panel(sample):
    s = historical_telecom_instrument(regional_loo_instrument(sample))
    iv = iv_table(s, ["gvc_f_mfg", "res"], {"region": ["z_region"], "telecom": ["z_telecom"]},
                  controls={"region": ["ln_gdp_pc"], "telecom": ["ln_gdp_pc", "income_trend"]})
    assert iv["max_rel_diff"].max() < 1e-4
    assert iv["first_f"].notna().all() and iv["countries"].eq(39).all()


def test_mediation_identity_on_the_real_panel(sample):
    med = mediation_table(sample, ["res"], reps=199)
    np.testing.assert_allclose(med["total"], med["direct"] + med["indirect"], atol=1e-10)
    assert (med["ci_low"] <= med["ci_high"]).all()


def test_specification_curve_baseline_is_the_headline_estimate(sample):
    curve = specification_curve(["gvc_f_mfg"], list(range(1995, 2012)), methods=["entropy"], samples=["all"],
                                lags=[0], controls=["income"])
    main = headline_estimates(sample, ["gvc_f_mfg"], reps=99)
    assert curve.loc[curve["baseline"], "coef"].iloc[0] == pytest.approx(main["coef"].iloc[0], rel=1e-10)


def test_every_column_of_the_sample_is_in_the_codebook(sample):
    from helpers import estimation_codebook

    assert list(estimation_codebook(sample)["column"]) == list(sample.columns)
