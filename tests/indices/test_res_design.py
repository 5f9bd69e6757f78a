"""The resilience index is built from vulnerability: no GVC outcome of H1-H2 among its inputs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers import (
    RES_DIRECTIONS,
    RES_FORBIDDEN_INPUTS,
    RES_INPUTS,
    RES_STRUCTURE,
    RES_STRUCTURES,
    gvc_codebook,
    martin_resilience,
    persistence_of_losses,
    res_input_violations,
    resilience_index,
)


def _indicators(variant):
    return [c for js in RES_STRUCTURES[variant].values() for c in js]


def test_default_design_has_no_participation_share_or_length_among_its_inputs():
    forbidden = set(RES_FORBIDDEN_INPUTS) | {f"{f}_mfg" for f in RES_FORBIDDEN_INPUTS}
    cols = [c for js in RES_STRUCTURE.values() for c in js]
    assert not set(cols) & forbidden
    for c in cols:
        assert not set(RES_INPUTS[c]) & forbidden, c
    assert res_input_violations("vulnerability") == []


def test_the_rule_catches_the_first_version():
    """The check can fail: the exposure-inclusive design carries backward participation three ways."""
    bad = res_input_violations("exposure_inclusive")
    flagged = {b.split(":")[0] for b in bad}
    assert flagged == {"dva_share", "top_supplier_share", "participation_volatility"}


def test_forbidden_list_covers_every_participation_and_length_column_of_the_gvc_dataset():
    cb = gvc_codebook()
    gvc_cols = cb.loc[cb["column"].str.match(r"^(gvc_[fb]|gvc_pos|pl[vy]|kpww_|vs_share|fva_final)"), "column"]
    assert len(gvc_cols) >= 15
    assert set(gvc_cols) <= set(RES_FORBIDDEN_INPUTS)


def test_every_indicator_has_inputs_and_a_direction():
    for v in RES_STRUCTURES:
        for c in _indicators(v):
            assert c in RES_INPUTS and RES_DIRECTIONS[c] in (1, -1), c


def test_unknown_variant_is_refused():
    with pytest.raises(ValueError, match="variant"):
        res_input_violations("participation")
    with pytest.raises(ValueError, match="variant"):
        resilience_index(variant="participation")


def test_persistence_of_losses_hand_computed():
    # log levels of 100, 110, 99, 99, 121: 110 is the running peak in years 3 and 4
    s = pd.Series(np.log([100.0, 110.0, 99.0, 99.0, 121.0]))
    expected = 2 * np.log(110 / 99) / 5
    assert persistence_of_losses(s, 5).iloc[-1] == pytest.approx(expected, rel=1e-12)
    # a fall reversed at once weighs less than the same fall that lasts
    quick = pd.Series(np.log([100.0, 90.0, 100.0, 100.0, 100.0]))
    lasting = pd.Series(np.log([100.0, 90.0, 90.0, 90.0, 90.0]))
    assert persistence_of_losses(quick, 5).iloc[-1] < persistence_of_losses(lasting, 5).iloc[-1]
    assert persistence_of_losses(pd.Series(np.log([1.0, 2.0, 3.0, 4.0])), 4).iloc[-1] == 0.0
    with pytest.raises(ValueError, match="window"):
        persistence_of_losses(s, 3)


def test_martin_resistance_hand_computed():
    d = pd.DataFrame({"iso3": list("AABBCC"), "year": [1, 2] * 3, "y": [100.0, 50, 100, 100, 200, 170]})
    # sample: 400 -> 320, g_N = -0.2; A: (-0.5 + 0.2)/0.2 = -1.5; B: +1; C: (-0.15 + 0.2)/0.2 = 0.25
    np.testing.assert_allclose(martin_resilience(d, "y", 1, 2).to_numpy(), [-1.5, 1.0, 0.25])
    with pytest.raises(ValueError, match="years"):
        martin_resilience(d, "y", 1, 3)


@pytest.mark.slow
def test_default_index_is_not_participation_in_disguise():
    """The design criterion of the chapter: |within-country correlation| < 0.5 with every GVC outcome."""
    from helpers import OVERLAP_OUTCOMES, res_overlap

    ov = res_overlap()
    new = ov.loc["vulnerability"].loc[["res", "security", "stability"], list(OVERLAP_OUTCOMES)]
    assert new.abs().max().max() < 0.5
    old = ov.loc["exposure_inclusive"].loc[["res", "security"], "gvc_b_mfg"]
    assert (old < -0.5).all()  # the first version was: the contrast the chapter reports


@pytest.mark.slow
def test_index_range_and_start_year():
    r = resilience_index()
    scores = r[["security", "stability", "res"]].dropna()
    assert ((scores >= 0) & (scores <= 1)).all().all()
    assert r.loc[r["res"].notna(), "year"].min() == 1998  # five-year window: three growth rates by 1998
    assert r.groupby("year")["res"].count().loc[1998:].eq(40).all()
