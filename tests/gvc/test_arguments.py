"""Bad arguments of the GVC stage raise ValueError naming the argument and the valid values."""

from __future__ import annotations

import pytest

from helpers import (
    aggregate_gvc,
    gvc_country_industry_year,
    gvc_country_year,
    kww,
    load_wiot,
    manufacturing_gvc_panel,
    manufacturing_va_exports,
    trade_summary_panel,
    va_origin_of_exports,
    wwz,
)
from helpers.gvc.datasets import year_frame, year_frames


@pytest.mark.parametrize("fn", [gvc_country_industry_year, gvc_country_year, manufacturing_gvc_panel,
                                trade_summary_panel])
def test_multi_year_datasets_take_an_int_and_refuse_other_years(fn):
    assert fn(2005).equals(fn([2005]))
    with pytest.raises(ValueError, match=r"years=\[1990\]: \[1990\] outside the valid years 1995-2011"):
        fn([1990])
    with pytest.raises(ValueError, match=r"years='2005': give an int or a list of ints, within 1995-2011"):
        fn("2005")


@pytest.mark.parametrize("fn", [manufacturing_va_exports, year_frames])
def test_one_year_functions(fn):
    with pytest.raises(ValueError, match=r"year=\[2005\]: give one year, an int within 1995-2011"):
        fn([2005])
    with pytest.raises(ValueError, match=r"year=2012: \[2012\] outside the valid years 1995-2011"):
        fn(2012)


def test_year_frames_families():
    with pytest.raises(ValueError, match=r"families: \['nope'\] are not valid; choose from \['country_industry'"):
        year_frames(2005, ["nope"])
    with pytest.raises(ValueError, match=r"family='nope': choose one of \['country_industry'"):
        year_frame(2005, "nope")
    assert year_frame(2005, "trade_summary").equals(year_frames(2005)["trade_summary"])


def test_conventions_and_industries():
    t = load_wiot(1995)
    for fn in (kww, wwz):
        with pytest.raises(ValueError, match=r"convention='x': choose one of \['decompr', 'textbook'\]"):
            fn(t, convention="x")
    with pytest.raises(ValueError, match=r"industries \['c99'\] are not in the table"):
        va_origin_of_exports(t, industries=["c99"])
    ci = gvc_country_industry_year(1995)
    with pytest.raises(ValueError, match=r"industries: \['c99'\] are not valid; choose from \['c1', 'c10'"):
        aggregate_gvc(ci, industries=["c99"])
    with pytest.raises(ValueError, match=r"by: columns \['nope'\] are not in the frame"):
        aggregate_gvc(ci, by=("nope",))
