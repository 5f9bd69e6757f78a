"""Bad arguments of the data stage raise ValueError naming the argument and the valid values."""

from __future__ import annotations

import pytest

from helpers import (
    balance_table,
    check_year,
    check_year_order,
    check_years,
    country_year_panel,
    iso3_to_wiod,
    load_longrun_wiot,
    load_wiot,
    resolve_countries,
    wiod_to_iso3,
)


@pytest.mark.parametrize("year", ["2005", 2005.0, [2005], 1994, 2012, True])
def test_load_wiot_names_the_year_and_the_span(year):
    with pytest.raises(ValueError, match=r"year=.*1995-2011"):
        load_wiot(year)


def test_load_wiot_says_a_string_is_not_a_year():
    with pytest.raises(ValueError, match=r"year='2005': give one year, an int within 1995-2011"):
        load_wiot("2005")


@pytest.mark.parametrize("year", [[1995, 1996], 2001, "1995"])
def test_load_longrun_wiot(year):
    with pytest.raises(ValueError, match=r"year=.*1990-2000"):
        load_longrun_wiot(year)


def test_balance_table_takes_an_int_or_years():
    assert balance_table(2005).equals(balance_table([2005]))
    with pytest.raises(ValueError, match=r"years=\[1990\]: \[1990\] outside the valid years 1995-2011"):
        balance_table([1990])


def test_country_year_panel_years_variables_countries():
    one = country_year_panel(years=2010, countries=["DEU"], variables=["pop"])
    assert one.equals(country_year_panel(years=[2010], countries=["DEU"], variables=["pop"]))
    with pytest.raises(ValueError, match=r"years=\[1980\]: \[1980\] outside the valid years 1990-2030"):
        country_year_panel(years=[1980])
    with pytest.raises(ValueError, match=r"variables: \['nope'\] are not valid; choose from \[.*'pop'"):
        country_year_panel(years=[2010], variables=["nope"])
    with pytest.raises(ValueError, match=r"countries: unknown code\(s\) \['XXX'\].*DEU"):
        country_year_panel(years=[2010], countries=["XXX"])


def test_country_codes():
    with pytest.raises(ValueError, match=r"\['XXX'\] are not WIOD 2013 regions; valid codes: AUS"):
        wiod_to_iso3(["XXX"])
    with pytest.raises(ValueError, match=r"\['XXX'\] are not WIOD 2013 economies; valid ISO3 codes: AUS"):
        iso3_to_wiod(["XXX"])
    with pytest.raises(ValueError, match=r"countries: unknown code\(s\) \['XXX'\]"):
        resolve_countries("XXX")


def test_year_checks():
    assert check_years(2011, range(1995, 2012)) == check_years([2011], range(1995, 2012)) == (2011,)
    assert check_years(range(2000, 2003), range(1995, 2012)) == (2000, 2001, 2002)
    with pytest.raises(ValueError, match=r"YEAR=\[2005\]: give one year, an int within 1995-2011"):
        check_year([2005], range(1995, 2012), name="YEAR")
    with pytest.raises(ValueError, match=r"peak=2011, trough=2008, end=2011: must be strictly increasing "
                                         r"\(peak < trough < end\) within 1995-2011"):
        check_year_order(range(1995, 2012), peak=2011, trough=2008, end=2011)
    with pytest.raises(ValueError, match=r"peak=2030: \[2030\] outside the valid years 2017-2022"):
        check_year_order(range(2017, 2023), peak=2030, trough=2020, end=2022)
