"""The digital trade index on the real panel."""

import numpy as np
import pytest

from helpers.data.facts import DIMENSIONS
from helpers.indices import DTI_YEARS, METHODS, digital_trade_index, index_weights_table, rank_correlations


@pytest.fixture(scope="module")
def dti():
    return digital_trade_index()


@pytest.fixture(scope="module")
def wtable():
    return index_weights_table()


def test_dti_shape_and_range(dti):
    cols = [*DIMENSIONS, "dti", *[f"dti_{m}" for m in METHODS]]
    v = dti.loc[dti["in_base"], cols]  # later years are on the 1995-2011 scale and may leave [0, 1]
    assert ((v.dropna() >= 0) & (v.dropna() <= 1)).all().all()
    assert not dti.duplicated(["iso3", "year"]).any()
    assert dti.loc[dti["year"] >= 2000, "dti"].notna().mean() > 0.9  # no backward fill: capacity starts in 2000
    assert tuple(sorted(dti["year"].unique())) == DTI_YEARS == tuple(range(1995, 2023))


@pytest.mark.parametrize("method", METHODS)
def test_index_is_the_weighted_sum_of_its_dimensions(method, dti, wtable):
    """Each method's index = sum_d W_d S_d, with the dimension weights of the weights table.

    The scores of ``method`` are recomputed by ``digital_trade_index(method=...)`` (dimension columns) and
    checked against its ``dti_<method>`` column and the published dimension weights: the three outputs
    must agree, and the index is missing exactly where a dimension is.
    """
    frame = dti if method == "entropy" else digital_trade_index(method=method)
    W = wtable.drop_duplicates("dimension").set_index("dimension")[f"dimension_{method}"]
    W = W.reindex(list(DIMENSIONS)).astype(float)
    assert W.sum() == pytest.approx(1.0)
    recomposed = frame[list(DIMENSIONS)].to_numpy() @ W.to_numpy()
    np.testing.assert_allclose(frame["dti"], recomposed, rtol=1e-12, atol=1e-14)  # NaN where a dimension is NaN
    np.testing.assert_allclose(frame["dti"], dti[f"dti_{method}"], rtol=1e-12, atol=1e-14)


def test_taiwan_flagged_not_invented(dti):
    twn = dti[dti["iso3"] == "TWN"]
    assert twn["dti"].isna().all()
    assert twn["note"].str.contains("Taiwan").all()
    without = digital_trade_index(include_taiwan=False)
    assert "TWN" not in set(without["iso3"])


def test_weights_table_sums(wtable):
    for m in METHODS:
        assert wtable[f"global_{m}"].sum() == pytest.approx(1.0)
        assert wtable.groupby("dimension", observed=True)[f"within_{m}"].sum().to_numpy() == pytest.approx(1.0)


def test_rank_correlations(dti):
    """Spearman and Kendall of each pair of methods against pandas' own rank correlations, year 2011."""
    rc = rank_correlations(dti, years=[2011])
    assert len(rc) == 6
    sub = dti[dti["year"] == 2011]
    for _, r in rc.iterrows():
        pair = sub[[f"dti_{r['a']}", f"dti_{r['b']}"]].dropna()
        assert r["n"] == len(pair) == 39  # Taiwan has no index
        assert r["spearman"] == pytest.approx(pair.corr(method="spearman").iloc[0, 1], rel=1e-12)
        assert r["kendall"] == pytest.approx(pair.corr(method="kendall").iloc[0, 1], rel=1e-12)
