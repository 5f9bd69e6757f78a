"""Validation of the resilience index against realised resilience (Martin 2012) in 2009 and 2020."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers import (
    RES_DIRECTIONS,
    RES_STRUCTURES,
    manufacturing_gvc_panel,
    resilience_index,
    resilience_predictors,
    resilience_profile,
    resilience_validation,
    shock_outcomes,
)


@pytest.fixture(scope="module")
def frames():
    return {v: resilience_index(variant=v) for v in RES_STRUCTURES}


def test_predictors_are_oriented_means_of_the_pre_shock_years(frames):
    pred = resilience_predictors((2005, 2006, 2007), frames=frames)
    f = frames["vulnerability"]
    pre = f[f["year"].between(2005, 2007)]
    for c in ("source_hhi", "source_stability", "va_volatility"):
        expected = pre.groupby("iso3")[c].mean() * RES_DIRECTIONS[c]
        pd.testing.assert_series_equal(pred[c], expected, check_names=False)
    np.testing.assert_allclose(pred["res"], pre.groupby("iso3")["res_entropy"].mean())
    assert {"res_exposure_inclusive", "dva_share"} <= set(pred.columns)


def test_outcomes_of_both_shocks():
    o9 = shock_outcomes(2009)
    assert {"resistance_va", "recovery_output", "resistance_dva", "resistance_gvc", "resistance_exports_adb"} <= set(o9)
    assert len(o9) == 40
    # resistance of manufacturing value added recomputed from the levels
    p = manufacturing_gvc_panel((2008, 2009)).pivot(index="iso3", columns="year", values="mva")
    g, gn = p[2009] / p[2008] - 1, p[2009].sum() / p[2008].sum() - 1
    np.testing.assert_allclose(o9["resistance_va"], ((g - gn) / abs(gn)).reindex(o9.index))
    o20 = shock_outcomes(2020)
    assert {"resistance_va", "recovery_exports", "resistance_gvc"} <= set(o20) and len(o20) == 40
    with pytest.raises(ValueError, match="shock"):
        shock_outcomes(2015)


@pytest.mark.slow
def test_validation_table_and_verdicts(frames):
    v9 = resilience_validation(frames=frames)
    assert set(v9["n"]) == {40}
    assert v9["spearman"].between(-1, 1).all() and v9["spearman_p"].between(0, 1).all()
    sig = v9["spearman_p"] < 0.05
    assert (v9.loc[sig & (v9["spearman"] > 0), "verdict"] == "predicts").all()
    assert (v9.loc[sig & (v9["spearman"] < 0), "verdict"] == "wrong sign").all()
    assert (v9.loc[~sig, "verdict"] == "no signal").all()
    assert set(v9["kind"]) == {"composite", "dimension", "indicator"}
    v20 = resilience_validation(shock=2020, frames=frames)
    assert "ADB 2015-2019" in set(v20["variant"])
    with pytest.raises(ValueError, match="pre_years"):
        resilience_validation(pre_years=(2007, 2008), frames=frames)


def test_face_validity_reasons_are_computed_from_the_components():
    prof = resilience_profile(n=10)
    assert list(prof["group"].value_counts()) == [10, 10]
    top = prof[prof["group"] == "most resilient"]
    assert list(top["rank"]) == list(range(1, 11))
    assert (prof["reason"].str.count(" vs mean ") == 2).all()
    assert prof["res"].is_monotonic_decreasing
