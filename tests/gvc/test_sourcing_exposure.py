"""The exposure measures of manufacturing sourcing (helpers.gvc.sourcing): toys and independent re-computation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers import load_wiot, manufacturing_codes, va_by_destination, va_origin_of_exports, wgi_by_region
from helpers.gvc.sourcing import manufacturing_va_exports, source_concentration

YEAR = 2005


def test_source_concentration_hand_computed_with_an_atomistic_source():
    # user 0 sources 0 from itself, 6 from A, 3 from B, 1 from the atomistic rest: total 10
    flows = np.array([[0.0], [6.0], [3.0], [1.0]])
    r = source_concentration(flows, atomistic=np.array([False, False, False, True]))
    assert r["total"][0] == 10.0
    assert r["hhi"][0] == pytest.approx(0.6**2 + 0.3**2)
    assert r["top"][0] == 1 and r["top_share"][0] == pytest.approx(0.6)
    # the atomistic source can never be the top one, even when it is the largest flow
    r2 = source_concentration(np.array([[2.0], [8.0]]), atomistic=np.array([False, True]))
    assert r2["top"][0] == 0 and r2["top_share"][0] == pytest.approx(0.2)


def test_composition_measures_do_not_depend_on_the_amount_sourced():
    rng = np.random.default_rng(0)
    flows = rng.uniform(0, 5, size=(6, 4))
    base = source_concentration(flows, atomistic=np.array([0, 0, 0, 0, 0, 1], dtype=bool))
    scaled = source_concentration(flows * np.array([0.1, 3.0, 17.0, 1.0]),
                                  atomistic=np.array([0, 0, 0, 0, 0, 1], dtype=bool))
    np.testing.assert_allclose(scaled["hhi"], base["hhi"], rtol=1e-12)
    np.testing.assert_allclose(scaled["top_share"], base["top_share"], rtol=1e-12)


def test_source_concentration_rejects_a_misshaped_mask():
    with pytest.raises(ValueError, match="atomistic"):
        source_concentration(np.ones((3, 2)), atomistic=np.array([True, False]))


@pytest.fixture(scope="module")
def year_frame():
    return manufacturing_va_exports(YEAR).set_index("wiod")


@pytest.fixture(scope="module")
def table():
    return load_wiot(YEAR)


def test_levels_match_the_table(year_frame, table):
    va = table.frame("va")
    x = table.frame("x")
    manuf = va.index.get_level_values("industry").isin(manufacturing_codes())
    mva = va[manuf].groupby(level="country").sum()
    out = x[manuf].groupby(level="country").sum()
    for c in ("DEU", "CHN", "MLT"):
        assert year_frame.loc[c, "mva"] == pytest.approx(mva[c], rel=1e-12)
        assert year_frame.loc[c, "output"] == pytest.approx(out[c], rel=1e-12)


def test_source_measures_recomputed_from_the_value_added_origin(year_frame, table):
    """Source HHI, top share and WGI-weighted stability from the long VA-origin frame, with pandas."""
    vo = va_origin_of_exports(table, industries=manufacturing_codes())
    fva = vo[vo["source"] != vo["exporter"]]
    pve = wgi_by_region("pve", YEAR).set_index("wiod")["value"]
    for c in ("DEU", "MEX", "LTU", "USA"):
        f = fva[fva["exporter"] == c].set_index("source")["va"]
        share = f / f.sum()
        named = share.drop("RoW")
        assert year_frame.loc[c, "source_hhi"] == pytest.approx((named**2).sum(), rel=1e-10)
        assert year_frame.loc[c, "top_source_share"] == pytest.approx(named.max(), rel=1e-10)
        assert year_frame.loc[c, "top_source"] == named.idxmax()
        assert year_frame.loc[c, "source_stability"] == pytest.approx((share * pve.reindex(share.index)).sum(),
                                                                      rel=1e-10)


def test_input_supply_concentration_recomputed_from_labelled_frames(year_frame, table):
    """World export HHI per product and the imported-input mix, with labelled pandas frames."""
    Z = table.frame("Z")
    F = table.frame("Y")
    rows_c = Z.index.get_level_values("country")
    # gross exports of every pair: intermediate and final sales to other countries
    foreign_z = Z.T.groupby(level="country").sum().T  # pair x user country
    exports = pd.Series(0.0, index=Z.index)
    for c in table.countries:
        mine = rows_c == c
        exports[mine] = foreign_z.loc[mine].drop(columns=c).sum(axis=1) + F.loc[mine].drop(columns=c).sum(axis=1)
    world = exports.unstack("industry")  # country x product
    share = world / world.sum()
    hhi = (share.drop(index="RoW") ** 2).sum()  # per product, RoW atomistic
    for c in ("DEU", "IRL", "IND"):
        cols = [(c, i) for i in manufacturing_codes()]
        imported = Z.loc[rows_c != c, cols].sum(axis=1).groupby(level="industry").sum()
        w = imported / imported.sum()
        expected = (w * hhi.reindex(w.index)).sum()
        assert year_frame.loc[c, "input_supply_hhi"] == pytest.approx(expected, rel=1e-9)


def test_destination_concentration_recomputed_from_value_added_by_destination(year_frame, table):
    vad = va_by_destination(table)
    vad = vad[vad["industry"].isin(manufacturing_codes())]
    for c in ("CAN", "MEX", "JPN"):
        v = vad[(vad["country"] == c) & (vad["destination"] != c)].groupby("destination")["va"].sum()
        share = v / v.sum()
        assert year_frame.loc[c, "vax_destination_hhi"] == pytest.approx((share.drop("RoW") ** 2).sum(), rel=1e-9)
