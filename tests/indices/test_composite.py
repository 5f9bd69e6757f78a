"""Oracle and property tests of the composite-index machinery (helpers.indices.composite)."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from helpers.indices.composite import (
    aggregate,
    composite_index,
    critic_weights,
    entropy_weights,
    equal_weights,
    normalise,
    pca_weights,
    rank_stability,
)

# A 3 x 3 decision matrix (3 alternatives x 3 criteria), all criteria "benefit".
X = pd.DataFrame({"c1": [1.0, 2.0, 3.0], "c2": [2.0, 2.0, 8.0], "c3": [5.0, 1.0, 3.0]})


def _entropy_by_hand(z: np.ndarray) -> np.ndarray:
    """Shannon entropy weights written out element by element (the textbook recipe)."""
    n, m = z.shape
    d = []
    for j in range(m):
        s = sum(z[i, j] for i in range(n))
        e = 0.0
        for i in range(n):
            p = z[i, j] / s
            if p > 0:
                e -= p * np.log(p)
        e /= np.log(n)
        d.append(1.0 - e)
    d = np.array(d)
    return d / d.sum()


def test_normalise_minmax_and_direction():
    z = normalise(X, {"c1": 1, "c2": 1, "c3": -1})
    assert z["c1"].tolist() == [0.0, 0.5, 1.0]
    assert z["c2"].tolist() == [0.0, 0.0, 1.0]
    assert z["c3"].tolist() == [0.0, 1.0, 0.5]  # smaller is better: 1 is best, 5 worst
    assert ((z >= 0) & (z <= 1)).all().all()


def test_normalise_rejects_bad_direction():
    with pytest.raises(ValueError, match="directions must be"):
        normalise(X, {"c1": 1, "c2": 2, "c3": 1})
    with pytest.raises(KeyError, match="no direction"):
        normalise(X, {"c1": 1})


def test_entropy_weights_textbook_3x3():
    z = normalise(X)
    # hand computation on the normalised matrix:
    # c1 = (0, .5, 1): p = (0, 1/3, 2/3); c2 = (0, 0, 1): p = (0, 0, 1) -> e = 0;
    # c3 = (1, 0, .5): p = (2/3, 0, 1/3)  -> same entropy as c1.
    e1 = -(1 / 3 * np.log(1 / 3) + 2 / 3 * np.log(2 / 3)) / np.log(3)
    d = np.array([1 - e1, 1.0, 1 - e1])
    expected = d / d.sum()
    got = entropy_weights(z)
    np.testing.assert_allclose(got.to_numpy(), expected, rtol=1e-12)
    np.testing.assert_allclose(got.to_numpy(), _entropy_by_hand(z.to_numpy()), rtol=1e-12)


def test_entropy_weights_on_raw_positive_matrix():
    # the same formula on the raw (strictly positive) matrix
    np.testing.assert_allclose(entropy_weights(X).to_numpy(), _entropy_by_hand(X.to_numpy()), rtol=1e-12)


def test_constant_indicator_gets_zero_entropy_weight():
    data = X.assign(c4=7.0)
    z = normalise(data)
    assert (z["c4"] == 0.5).all()
    w = entropy_weights(z)
    assert w["c4"] == 0.0
    assert critic_weights(z)["c4"] == 0.0
    assert pca_weights(pd.concat([z] * 3, ignore_index=True) + 0)["c4"] == 0.0
    # the other weights are unchanged by adding a constant column
    np.testing.assert_allclose(w[["c1", "c2", "c3"]].to_numpy(), entropy_weights(normalise(X)).to_numpy())


@pytest.mark.parametrize("scale,shift", [(1000.0, 0.0), (0.01, 5.0), (3.0, -100.0)])
def test_rescaling_changes_nothing_after_normalisation(scale, shift):
    rng = np.random.default_rng(0)
    data = pd.DataFrame(rng.lognormal(size=(30, 4)), columns=list("abcd"))
    moved = data.copy()
    moved["b"] = moved["b"] * scale + shift
    dirs = {"a": 1, "b": -1, "c": 1, "d": 1}
    pd.testing.assert_frame_equal(normalise(data, dirs), normalise(moved, dirs))
    struct = {"x": ["a", "b"], "y": ["c", "d"]}
    for m in ("entropy", "equal", "pca", "critic"):
        r1 = composite_index(data, struct, dirs, m)
        r2 = composite_index(moved, struct, dirs, m)
        pd.testing.assert_frame_equal(r1.scores, r2.scores)


@pytest.mark.parametrize("fn", [entropy_weights, critic_weights, pca_weights, equal_weights])
def test_weights_sum_to_one_and_non_negative(fn):
    rng = np.random.default_rng(1)
    z = normalise(pd.DataFrame(rng.normal(size=(50, 5))))
    w = fn(z)
    assert w.sum() == pytest.approx(1.0)
    assert (w >= 0).all()


def test_critic_weights_published_example():
    """Tuş & Aytaç Adalı (2019), "The new combination with CRITIC and WASPAS methods for the time and attendance
    software selection problem", Opsearch 56(2), 528-538: five alternatives x six criteria and the printed
    CRITIC weights 0.157, 0.249, 0.168, 0.121, 0.154, 0.151 (transcribed from the test suite of pyrepo-mcda,
    Bączkiewicz & Kizielewicz, which checks its CRITIC against this example). The printed weights are
    reproduced with every criterion min-max normalised in the same direction (as that suite does)."""
    x = pd.DataFrame(
        [[5000, 3, 3, 4, 3, 2], [680, 5, 3, 2, 2, 1], [2000, 3, 2, 3, 4, 3], [600, 4, 3, 1, 2, 2],
         [800, 2, 4, 3, 3, 4]], columns=[f"C{j}" for j in range(1, 7)], dtype=float)
    w = critic_weights(normalise(x))
    np.testing.assert_allclose(w.to_numpy(), [0.157, 0.249, 0.168, 0.121, 0.154, 0.151], atol=0.0006)
    assert w.round(3).tolist() == [0.157, 0.249, 0.168, 0.121, 0.154, 0.151]


def test_entropy_weights_published_example():
    """Xu (2004), "A note on the subjective and objective integrated approach to determine attribute weights",
    European Journal of Operational Research 156(2), 530-532: entropy weights of a 4 x 4 matrix of positive
    values, 0.4630, 0.3992, 0.1378, 0.0000 (transcribed from pyrepo-mcda's tests, as above); entropy on the raw
    values (p_ij = x_ij / sum_i x_ij)."""
    x = pd.DataFrame([[30, 30, 38, 29], [19, 54, 86, 29], [19, 15, 85, 28.9], [68, 70, 60, 29]],
                     columns=list("abcd"), dtype=float)
    w = entropy_weights(x)
    assert w.round(4).tolist() == [0.4630, 0.3992, 0.1378, 0.0000]


def test_pca_single_dominant_factor_gives_near_equal_weights():
    rng = np.random.default_rng(2)
    f = rng.normal(size=500)
    z = normalise(pd.DataFrame({k: f + 0.05 * rng.normal(size=500) for k in "abc"}))
    np.testing.assert_allclose(pca_weights(z).to_numpy(), 1 / 3, atol=0.01)


def test_composite_in_unit_interval_and_direction():
    rng = np.random.default_rng(3)
    data = pd.DataFrame(rng.lognormal(size=(40, 6)), columns=list("abcdef"))
    dirs = dict.fromkeys("abcdef", 1) | {"f": -1}
    struct = {"x": ["a", "b", "c"], "y": ["d", "e", "f"]}
    for m in ("entropy", "equal", "pca", "critic"):
        r = composite_index(data, struct, dirs, m)
        s = r.scores
        assert ((s >= 0) & (s <= 1)).all().all()
        assert r.dimension_weights.sum() == pytest.approx(1.0)
        assert r.global_weights().sum() == pytest.approx(1.0)
    # improving a positive indicator raises the index; raising a negative one lowers it
    base = composite_index(data, struct, dirs, "equal").scores["index"]
    up = data.copy()
    up.loc[0, "a"] = data["a"].max()  # stays inside the pooled range
    up.loc[1, "f"] = data["f"].max()
    s2 = composite_index(up, struct, dirs, "equal").scores["index"]
    assert s2[0] >= base[0]
    assert s2[1] <= base[1]


def test_aggregate_renormalises_over_available_and_coverage():
    z = pd.DataFrame({"a": [1.0, np.nan, np.nan], "b": [0.0, 0.5, np.nan], "c": [0.5, 1.0, 1.0]})
    w = pd.Series({"a": 0.5, "b": 0.25, "c": 0.25})
    out = aggregate(z, w, min_coverage=0.5)
    assert out[0] == pytest.approx(0.5 * 1 + 0.25 * 0 + 0.25 * 0.5)
    assert out[1] == pytest.approx((0.25 * 0.5 + 0.25 * 1.0) / 0.5)
    assert np.isnan(out[2])  # 1 of 3 indicators < half


def test_rank_stability_hand_computed():
    # four economies, three years: 2000 -> 2001 keeps the order, 2001 -> 2002 reverses it;
    # d is missing in 2002, so the last pair and first-to-last use a, b, c only
    toy = pd.DataFrame({
        "wiod": list("abcd") * 3,
        "year": [2000] * 4 + [2001] * 4 + [2002] * 4,
        "x": [1.0, 2.0, 3.0, 4.0, 10.0, 20.0, 30.0, 40.0, 3.0, 2.0, 1.0, np.nan],
    })
    out = rank_stability(toy, "x")
    assert list(out["kind"]) == ["year on year", "year on year", "first to last"]
    assert list(zip(out["start"], out["end"], out["n"], strict=True)) == [(2000, 2001, 4), (2001, 2002, 3),
                                                                           (2000, 2002, 3)]
    assert out["spearman"].tolist() == pytest.approx([1.0, -1.0, -1.0])
    # one swap among three: d^2 = (1, 1, 0), rho = 1 - 6 * 2 / (3 * 8) = 0.5
    swap = pd.DataFrame({"wiod": list("abc") * 2, "year": [1] * 3 + [2] * 3, "x": [1, 2, 3, 2, 1, 3]})
    assert rank_stability(swap, "x")["spearman"].iloc[0] == pytest.approx(0.5)


def test_rank_stability_matches_scipy_with_ties():
    rng = np.random.default_rng(7)
    toy = pd.DataFrame({"wiod": np.tile(np.arange(30), 2), "year": np.repeat([1, 2], 30),
                        "x": rng.integers(0, 8, 60).astype(float)})  # many ties
    got = rank_stability(toy, "x")["spearman"].iloc[0]
    a, b = toy[toy["year"] == 1]["x"].to_numpy(), toy[toy["year"] == 2]["x"].to_numpy()
    assert got == pytest.approx(stats.spearmanr(a, b).statistic, abs=1e-12)


def test_rank_stability_bad_input():
    toy = pd.DataFrame({"wiod": list("abc"), "year": [1, 1, 1], "x": [1.0, 2.0, 3.0]})
    with pytest.raises(ValueError, match="at least 2 are needed"):
        rank_stability(toy, "x")
    with pytest.raises(ValueError, match=r"columns \['y'\]"):
        rank_stability(toy, "y")
    with pytest.raises(ValueError, match="min_entities=2"):
        rank_stability(toy, "x", min_entities=2)
