"""Economy groups (region from the facts file, income from data) and the ADB manufacturing lengths."""

import numpy as np
import pandas as pd
import pytest

from helpers import adb_manufacturing_lengths, data_path, economy_groups


def test_income_groups_are_equal_sized_and_ordered():
    g = economy_groups(2011, 3)
    counts = g["income_group"].value_counts()
    assert counts.max() - counts.min() <= 1
    bounds = g.dropna(subset=["income_group"]).groupby("income_group", observed=True)["gdp_pc_ppp"].agg(["min", "max"])
    assert (bounds["max"].iloc[:-1].to_numpy() < bounds["min"].iloc[1:].to_numpy()).all()
    assert pd.isna(g.set_index("wiod").loc["TWN", "income_group"])  # Taiwan is not in WDI
    assert set(g["region"]) <= {"Americas", "Asia-Pacific", "Europe"}


def test_income_groups_bad_arguments():
    with pytest.raises(ValueError, match="n_income"):
        economy_groups(2011, 7)
    with pytest.raises(ValueError, match="year"):
        economy_groups(1900)


def test_adb_lengths_are_value_added_weighted_means():
    d = adb_manufacturing_lengths().set_index(["iso3", "year"])
    lengths = pd.read_parquet(data_path("adb-mrio-indicators-ksreyes", "lengths.parquet"))
    g = pd.read_parquet(data_path("adb-mrio-indicators-ksreyes", "gvcp.parquet"))
    c = pd.read_excel(data_path("adb-mrio-indicators-ksreyes", "countries.xlsx"), sheet_name="Consolidated")
    s = int(c.loc[c["iso_a3"] == "DEU", "mrio"].iloc[0])
    num = den = 0.0
    for i in range(3, 17):  # by hand: sector by sector for Germany, 2020
        ln = lengths[(lengths["t"] == 2020) & (lengths["s"] == s) & (lengths["agg"] == 35) & (lengths["i"] == i)]
        va = g[(g["t"] == 2020) & (g["s"] == s) & (g["agg"] == 35) & (g["i"] == i)]["va"].item()
        num += ln["PLv_GVC"].item() * va
        den += va
    assert d.loc[("DEU", 2020), "plv_gvc"] == pytest.approx(num / den, rel=1e-12)
    assert d["gvc_pos"].between(0.5, 2).all() and np.isfinite(d["ply_gvc"]).all()
    assert d.index.get_level_values("year").min() == 2017
