"""Bad arguments of the indices stage raise ValueError naming the argument and the valid values."""

from __future__ import annotations

import pytest

from helpers import (
    digital_trade_index,
    dti_ranking,
    index_weights_table,
    rank_correlations,
    recent_shock_resilience,
    recent_shock_validation,
    resilience_index,
    resilience_indicators,
    resilience_validation,
    resilience_weights,
    shock_resilience,
)


def test_resilience_index_needs_the_window_of_years():
    with pytest.raises(ValueError, match=r"years=\[2011\]: the stability indicators \(volatility over window=5 "
                                         r"years\) need at least 5 years within 1995-2011"):
        resilience_index(years=[2011])
    with pytest.raises(ValueError, match=r"years=2011: .*need at least 5 years"):
        resilience_index(years=2011)
    with pytest.raises(ValueError, match=r"years=\[1990\]: \[1990\] outside the valid years 1995-2011"):
        resilience_index(years=[1990])
    with pytest.raises(ValueError, match=r"method='x': choose one of \['entropy', 'equal', 'pca', 'critic'\]"):
        resilience_index(method="x")


def test_resilience_siblings():
    with pytest.raises(ValueError, match=r"years=\[2011\]: .*need at least 5 years"):
        resilience_weights(years=[2011])
    with pytest.raises(ValueError, match=r"window=3: give an int of at least 4 years"):
        resilience_indicators(window=3)
    with pytest.raises(ValueError, match=r"years=\[2030\]: \[2030\] outside the valid years 1995-2011"):
        resilience_indicators(years=[2030])


@pytest.mark.parametrize("kwargs, message", [
    (dict(pre_years=[1990]), r"pre_years=\[1990\]: \[1990\] outside the valid years 1995-2011"),
    (dict(pre_years=2009), r"pre_years=\(2009,\): the predictor must be measured before the 2008 peak"),
    (dict(method="x"), r"method='x': choose one of"),
    (dict(outcomes=["nope"]), r"outcomes: unknown \['nope'\]; available: \["),
    (dict(exclude=["XXX"]), r"exclude: \['XXX'\] are not valid; choose from \['AUS'"),
])
def test_resilience_validation(kwargs, message):
    with pytest.raises(ValueError, match=message):
        resilience_validation(**kwargs)


@pytest.mark.parametrize("kwargs, message", [
    (dict(peak=2011, trough=2008), r"peak=2011, trough=2008, end=2011: must be strictly increasing"),
    (dict(peak=1990), r"peak=1990: \[1990\] outside the valid years 1995-2011"),
    (dict(end="2011"), r"end='2011': give one year"),
])
def test_shock_resilience(kwargs, message):
    with pytest.raises(ValueError, match=message):
        shock_resilience(**kwargs)


@pytest.mark.parametrize("fn", [recent_shock_resilience, recent_shock_validation])
def test_recent_shock(fn):
    with pytest.raises(ValueError, match=r"peak=2030: \[2030\] outside the valid years 2017-2022"):
        fn(peak=2030)
    with pytest.raises(ValueError, match=r"peak=2020, trough=2019, end=2022: must be strictly increasing"):
        fn(peak=2020, trough=2019)


def test_digital_trade_index_takes_an_int_or_years():
    assert digital_trade_index(years=2011).equals(digital_trade_index(years=[2011]))
    with pytest.raises(ValueError, match=r"years=\[2031\]: \[2031\] outside the valid years 1990-2030"):
        digital_trade_index(years=[2031])
    with pytest.raises(ValueError, match=r"method='x': choose one of"):
        digital_trade_index(method="x")
    with pytest.raises(ValueError, match=r"years=\[2031\]: \[2031\] outside the valid years 1990-2030"):
        index_weights_table(years=[2031])


def test_rankings():
    frame = digital_trade_index(years=range(2009, 2012))
    with pytest.raises(ValueError, match=r"methods: \['x'\] are not valid; choose from \['entropy', 'equal'"):
        rank_correlations(frame, methods=["x"])
    with pytest.raises(ValueError, match=r"years=\[1995\]: \[1995\] outside the valid years 2009-2011"):
        rank_correlations(frame, years=[1995])
    with pytest.raises(ValueError, match=r"reference_year=2000: \[2000\] outside the valid years 2009-2011"):
        rank_correlations(frame, reference_year=2000)
    assert rank_correlations(frame, years=2010).equals(rank_correlations(frame, years=[2010]))
    with pytest.raises(ValueError, match=r"year=2000: \[2000\] outside the valid years 2009-2011"):
        dti_ranking(2000, frame)
