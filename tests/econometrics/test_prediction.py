"""Fit statistics of predictions and the paired comparison of predictors."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from helpers import collapse_predictors, compare_predictors, demand_collapse_fits, prediction_fit


def test_prediction_fit_on_a_toy_with_known_answers():
    realised = np.array([-0.3, -0.2, -0.1, 0.0, 0.1])
    f = prediction_fit(realised, realised + 0.05)  # too optimistic by 5 points, otherwise exact
    assert f["slope"] == pytest.approx(1.0) and f["intercept"] == pytest.approx(-0.05)
    assert f["r2"] == pytest.approx(1.0) and f["rmse"] == pytest.approx(0.05) and f["bias"] == pytest.approx(0.05)
    assert f["spearman"] == pytest.approx(1.0) and f["n"] == 5


def test_prediction_fit_slope_matches_scipy_linregress():
    rng = np.random.default_rng(1)
    p = rng.normal(size=60)
    r = 0.7 * p + rng.normal(scale=0.5, size=60)
    r[3] = np.nan  # incomplete pairs are dropped
    f = prediction_fit(r, p)
    ok = np.isfinite(r)
    lr = stats.linregress(p[ok], r[ok])
    assert f["n"] == 59
    assert f["slope"] == pytest.approx(lr.slope, rel=1e-10)
    assert f["intercept"] == pytest.approx(lr.intercept, rel=1e-10)
    assert f["r2"] == pytest.approx(lr.rvalue**2, rel=1e-10)


def test_compare_predictors_reference_and_ordering():
    rng = np.random.default_rng(2)
    y = rng.normal(size=80)
    d = pd.DataFrame({"y": y, "good": y + rng.normal(scale=0.3, size=80), "noise": rng.normal(size=80)})
    c = compare_predictors(d, "y", ["good", "noise"], n_boot=500, seed=5).set_index("predictor")
    assert c.loc["good", ["diff_spearman", "diff_lo", "diff_hi"]].tolist() == [0.0, 0.0, 0.0]
    assert c.loc["noise", "diff_hi"] < 0 < c.loc["good", "spearman"]  # the noise predictor is clearly worse
    assert c.loc["noise", "diff_lo"] <= c.loc["noise", "diff_spearman"] <= c.loc["noise", "diff_hi"]
    again = compare_predictors(d, "y", ["good", "noise"], n_boot=500, seed=5).set_index("predictor")
    assert again.equals(c)


def test_compare_predictors_bad_input():
    d = pd.DataFrame({"y": range(10), "x": range(10)})
    with pytest.raises(ValueError, match="columns"):
        compare_predictors(d, "y", ["z"])
    with pytest.raises(ValueError, match="n_boot"):
        compare_predictors(d, "y", ["x"], n_boot=10)
    with pytest.raises(ValueError, match="level"):
        compare_predictors(d, "y", ["x"], level=95)
    with pytest.raises(ValueError, match="equal length"):
        prediction_fit([1, 2, 3], [1, 2])


def test_demand_collapse_fits_cover_every_mode():
    f = demand_collapse_fits(2008, 2009)
    assert len(f) == 6 and set(f["mode"]) == {"economy", "economy_industry", "full"}
    assert (f["n"] == 40).all()
    # holding less of 2009 fixed at 2008 (more realised demand detail) never explains less here
    va = f[f["variable"] == "value added"].set_index("mode")["r2"]
    assert va["economy"] <= va["economy_industry"] <= va["full"]


@pytest.mark.slow
def test_collapse_predictors_on_the_2009_collapse():
    c = collapse_predictors(2008, 2009, (2005, 2006, 2007))
    assert set(c["outcome"]) == {"manufacturing output", "manufacturing value added",
                                 "domestic value added in manufacturing exports"}
    ref = c[c["predictor"] == "input-output prediction"]
    assert (ref["diff_spearman"] == 0).all() and len(ref) == 3
    with pytest.raises(ValueError, match="pre_years"):
        collapse_predictors(2008, 2009, (2008,))
