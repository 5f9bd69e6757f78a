"""The WIOD 2013 reader: shapes, labels, and the accounting identity within rounding."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers import WIOD_YEARS, data_path, final_demand_categories, load_wiot, manufacturing_codes, wiod_countries


def test_shapes_and_labels():
    t = load_wiot(1995)
    assert (t.G, t.N, t.n) == (41, 35, 1435)
    assert t.Z.shape == (1435, 1435) and t.F.shape == (1435, 205) and t.Y.shape == (1435, 41)
    assert t.countries == tuple(wiod_countries()["wiod"])
    assert t.countries[-1] == "RoW" and "ROM" in t.countries and "TWN" in t.countries
    assert t.industries == tuple(f"c{k}" for k in range(1, 36))
    assert t.uses == tuple(final_demand_categories())
    assert t.index[0] == ("AUS", "c1") and t.index[-1] == ("RoW", "c35")
    assert np.allclose(t.Y.sum(axis=1), t.F.sum(axis=1))
    assert t.frame("Y").loc[("CHN", "c14"), "USA"] == t.Y[6 * 35 + 13, 39]
    assert manufacturing_codes() == [f"c{k}" for k in range(3, 17)]


def test_industry_names_agree_with_adb_sector_list():
    """Our WIOD industry list (one facts file) matches the independent ADB MRIO 35-sector list."""
    adb = pd.read_csv(data_path("adb-mrio-indicators-ksreyes", "sectors.csv"))
    names = load_wiot(1995).industry_names()
    assert len(adb) == 35 == len(names)

    def words(s):
        return {w.strip(",;.").lower() for w in s.split()} - {"and", "of", "other", "n.e.c", "nec", "the"}

    overlap = [len(words(a) & words(b)) / max(1, len(words(b))) for a, b in zip(adb["c_name"], names, strict=True)]
    assert min(overlap) > 0.3, list(zip(adb["c_name"], names, overlap, strict=True))


def test_bad_year():
    with pytest.raises(ValueError, match="year=1994"):
        load_wiot(1994)


def test_tables_are_read_only():
    with pytest.raises(ValueError):
        load_wiot(1995).Z[0, 0] = 1.0


@pytest.mark.slow
@pytest.mark.parametrize("year", WIOD_YEARS)
def test_row_identity_within_rounding_every_year(year):
    """x = Z1 + F1 up to 0.5 per stored cell (values rounded to whole US$ million)."""
    t = load_wiot(year)
    r = t.row_residual()
    assert np.abs(r).max() <= t.balance_bound()
    # rounding of small positive cells to zero biases the residual upwards
    assert (r > 0).mean() > 0.5
    assert np.all(t.va >= 0)
    assert np.all(t.Z >= 0) and np.all(t.x >= 0)
    assert np.all(np.equal(np.mod(t.Z, 1), 0))
