"""The design rules of the digital trade index: overlap, one measure per concept, directions, base, fill."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import helpers.indices.dti as dti_module
from helpers import (
    DTI_BASE_YEARS,
    DTI_FILL,
    DTI_VARIANTS,
    digital_trade_index,
    dti_coverage,
    dti_direction_check,
    dti_structure,
    indicator_catalogue,
    normalise,
    overlaps_outcome_flows,
)

CURRENT = ("headline", "no_fdi_tariff", "all")


def _members(variant):
    return {j for js in dti_structure(variant).values() for j in js}


def test_headline_leaves_out_what_the_outcomes_and_controls_are_built_from():
    head, everything = _members("headline"), _members("all")
    assert not any(overlaps_outcome_flows(v) for v in head)
    assert {v for v in everything if overlaps_outcome_flows(v)} == {"trade_openness", "market_size"}
    assert everything - head == {"trade_openness", "market_size"}
    assert head - _members("no_fdi_tariff") == {"fdi_inflow_gdp", "tariff"}
    # GDP as the denominator of another flow is not an overlap; GDP itself and trade totals are
    assert overlaps_outcome_flows("gdp_usd") and overlaps_outcome_flows("exports_gdp")
    assert not overlaps_outcome_flows("ict_serv_exp_share")


def test_one_indicator_per_concept():
    cat = indicator_catalogue().set_index("variable")
    ict_services = {"ict_serv_exp_share", "ict_serv_exp_gdp", "comp_comm_serv_share"}  # one flow, three rows
    for v in CURRENT:
        m = _members(v)
        assert len(m & ict_services) == 1, v
        assert "fixed_lines_p100" not in m, v
    assert ict_services | {"fixed_lines_p100"} <= _members("first_version")
    assert set(cat.loc[cat["in_dti"]].index) == _members("all")


def test_every_variant_has_every_dimension():
    for v in DTI_VARIANTS:
        assert all(len(js) >= 1 for js in dti_structure(v).values()), v


@pytest.mark.parametrize("variant", CURRENT)
def test_directions_are_justified(variant):
    chk = dti_direction_check(variant)
    bad = chk.loc[~chk["justified"], "variable"].tolist()
    assert not bad, f"{variant}: {bad} move against their dimension within countries without a reason"
    assert ((chk["n"] > 500) | chk["within_corr"].isna()).all()  # NaN: alone in its dimension


def test_direction_check_fails_without_the_catalogue_reason(monkeypatch):
    real = indicator_catalogue

    def no_notes(dti_only=False):
        c = real(dti_only)
        c["direction_note"] = ""
        return c

    monkeypatch.setattr(dti_module, "indicator_catalogue", no_notes)
    chk = dti_direction_check("headline")
    assert not chk["justified"].all()
    assert set(chk.loc[~chk["justified"], "variable"]) == set(chk.loc[chk["within_corr"] < 0, "variable"])


def test_normalisation_on_a_base_hand_computed():
    x = pd.DataFrame({"up": [0.0, 5.0, 10.0, 20.0, 40.0], "down": [4.0, 2.0, 0.0, -2.0, 30.0]})
    base = np.array([True, True, True, False, False])
    z = normalise(x, {"up": 1, "down": -1}, base=base)
    np.testing.assert_allclose(z["up"], [0.0, 0.5, 1.0, 2.0, 2.0])  # 40 -> 4.0, capped at 2
    np.testing.assert_allclose(z["down"], [0.0, 0.5, 1.0, 1.5, -1.0])  # 30 -> -6.5, capped at -1
    with pytest.raises(ValueError, match="base"):
        normalise(x, base=np.zeros(5, dtype=bool))


@pytest.mark.slow
def test_the_regressor_window_does_not_depend_on_later_years():
    short = digital_trade_index(years=DTI_BASE_YEARS)
    long = digital_trade_index()
    a = short.set_index(["iso3", "year"])[["dti", "innovation", "potential"]]
    b = long.set_index(["iso3", "year"]).loc[a.index, ["dti", "innovation", "potential"]]
    pd.testing.assert_frame_equal(a, b)
    later = long[~long["in_base"]]
    assert (later[["innovation", "capacity", "infrastructure", "potential"]].max() <= 2.0).all()
    assert (later["dti"] > long.loc[long["in_base"], "dti"].max()).any()  # later years can leave [0, 1]


def test_pooled_base_is_a_different_index():
    pooled = digital_trade_index(base_years=range(1995, 2023))
    default = digital_trade_index()
    both = default.merge(pooled, on=["iso3", "year"], suffixes=("", "_pooled")).dropna(subset=["dti", "dti_pooled"])
    assert (both["dti"] - both["dti_pooled"]).abs().max() > 1e-3
    assert pooled["dti"].max() <= 1.0


@pytest.mark.slow
def test_no_value_is_carried_backwards():
    """Every filled value has a published value in the same or an earlier year (sources read from 1990)."""
    from helpers import country_year_panel

    cols = sorted(_members("all"))
    filled = country_year_panel(years=range(1990, 2023), **DTI_FILL).set_index(["iso3", "year"])[cols]
    raw = country_year_panel(years=range(1990, 2023), fill=False).set_index(["iso3", "year"])[cols]
    seen = raw.notna().groupby(level="iso3").cummax()
    assert not (filled.notna() & ~seen).any().any()
    # the first version's policy does carry values backwards: the check can fail
    old = country_year_panel(years=range(1990, 2023), max_backfill=3).set_index(["iso3", "year"])[cols]
    assert (old.notna() & ~seen).to_numpy().sum() > 100


def test_coverage_shares_sum_to_one():
    cov = dti_coverage()
    np.testing.assert_allclose(cov[["observed", "filled", "missing"]].sum(axis=1), 1.0)
    assert set(cov["variable"]) == _members("all")
    bb = cov[(cov["variable"] == "broadband_p100")].set_index("year")
    assert bb.loc[1997, "filled"] == 0.0  # the first version copied 2000 back to 1997-99


def test_first_version_settings_and_bad_arguments():
    fv = digital_trade_index(variant="first_version")
    assert fv["in_base"].all()  # pooled over every year
    with pytest.raises(ValueError, match="variant"):
        digital_trade_index(variant="everything")
    with pytest.raises(ValueError, match="fill"):
        digital_trade_index(fill={"max_forward": 2})
    with pytest.raises(ValueError, match="base_years"):
        digital_trade_index(years=range(2015, 2023), base_years=range(1995, 2000))


@pytest.mark.slow
def test_balanced_subsample_is_balanced():
    from helpers import NO_CARRY_FILL

    b = digital_trade_index(years=range(2000, 2012), base_years=range(2000, 2012), fill=NO_CARRY_FILL, balanced=True)
    per = b.groupby("iso3")["dti"].count()
    assert (per == 12).all() and len(per) >= 20
