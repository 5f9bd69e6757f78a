"""ADB MRIO manufacturing summaries and WGI estimates by WIOD region."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers import adb_manufacturing_gvc, adb_manufacturing_summary, read_indicator, wgi_by_region


def test_adb_summary_exports_are_output_minus_domestic_sales():
    cur = adb_manufacturing_summary("current")
    assert cur["iso3"].nunique() == 40 and set(cur["year"]) == {2000, *range(2007, 2023)}
    assert (cur["exports"] > 0).all() and (cur["exports"] < cur["output"]).all() and (cur["va"] < cur["output"]).all()
    # the 72-economy participation file is a different table; manufacturing exports agree closely in 2017
    g = adb_manufacturing_gvc().query("year == 2017").set_index("iso3")["exports"]
    c = cur.query("year == 2017").set_index("iso3")["exports"].reindex(g.index)
    assert np.corrcoef(np.log(g), np.log(c))[0, 1] > 0.99
    const = adb_manufacturing_summary("constant")
    assert set(const["year"]) == set(range(2007, 2023))
    with pytest.raises(ValueError, match="prices"):
        adb_manufacturing_summary("real")


def test_wgi_by_region_interpolates_and_weights_the_rest_of_the_world():
    w = wgi_by_region("pve", range(1995, 2004)).set_index(["wiod", "year"])["value"]
    assert len(w) == 41 * 9 and w.notna().all()
    assert w[("DEU", 1997)] == pytest.approx((w[("DEU", 1996)] + w[("DEU", 1998)]) / 2)
    assert w[("DEU", 1995)] == w[("DEU", 1996)]
    # RoW by hand: GDP-weighted mean over WGI economies outside WIOD, 2003 (np.interp inside each series)
    from helpers import data_path, wiod_to_iso3

    raw = pd.read_stata(data_path("wgi", "raw_data/wgidataset.dta")).dropna(subset=["pve"])
    raw["code"] = raw["code"].replace({"ROM": "ROU"})
    val = {}
    for code, g in raw.groupby("code"):
        yrs = g["year"].to_numpy(dtype=float)
        if yrs.min() <= 2003 <= yrs.max():
            val[code] = float(np.interp(2003, yrs, g["pve"].to_numpy(dtype=float)))
    val = pd.Series(val)
    gdp = read_indicator("gdp_usd").query("year == 2003").dropna().set_index("iso3")["value"]
    own = set(wiod_to_iso3(sorted(set(w.index.get_level_values(0)) - {"RoW"})))
    rest = [c for c in val.index if c not in own and c in gdp.index]
    expected = (val[rest] * gdp[rest]).sum() / gdp[rest].sum()
    assert w[("RoW", 2003)] == pytest.approx(expected, rel=1e-10)
    with pytest.raises(ValueError, match="field"):
        wgi_by_region("xyz")
    with pytest.raises(ValueError, match="years"):
        wgi_by_region("pve", [1990])
