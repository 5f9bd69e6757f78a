"""The digital trade index on the real panel."""

import pytest

from helpers.data.facts import DIMENSIONS
from helpers.indices import METHODS, digital_trade_index, index_weights_table, rank_correlations


@pytest.fixture(scope="module")
def dti():
    return digital_trade_index()


def test_dti_shape_and_range(dti):
    cols = [*DIMENSIONS, "dti", *[f"dti_{m}" for m in METHODS]]
    v = dti[cols]
    assert ((v.dropna() >= 0) & (v.dropna() <= 1)).all().all()
    assert not dti.duplicated(["iso3", "year"]).any()
    assert dti["dti"].notna().mean() > 0.9
    assert (dti["dti"] == dti["dti_entropy"]).where(dti["dti"].notna(), True).all()


def test_taiwan_flagged_not_invented(dti):
    twn = dti[dti["iso3"] == "TWN"]
    assert twn["dti"].isna().all()
    assert twn["note"].str.contains("Taiwan").all()
    without = digital_trade_index(include_taiwan=False)
    assert "TWN" not in set(without["iso3"])


def test_weights_table_sums():
    w = index_weights_table()
    for m in METHODS:
        assert w[f"global_{m}"].sum() == pytest.approx(1.0)
        assert w.groupby("dimension", observed=True)[f"within_{m}"].sum().to_numpy() == pytest.approx(1.0)


def test_rank_correlations(dti):
    rc = rank_correlations(dti, years=[2011])
    assert len(rc) == 6
    assert rc["spearman"].between(-1, 1).all()
