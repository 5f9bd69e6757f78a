"""Industry digital intensity, look-through supplier concentration and volatility on toy inputs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers import (
    WIOT,
    digital_intensity,
    industry_digital_intensity,
    industry_source_concentration,
    rolling_volatility,
)

# Two countries A, B; industries c3 (manufacturing), c27 (telecom), c30 (business services).
Z = np.array(
    [  # to A.c3, A.c27, A.c30, B.c3, B.c27, B.c30
        [4.0, 1.0, 0.0, 2.0, 0.0, 0.0],  # A.c3
        [3.0, 0.0, 1.0, 1.0, 0.0, 0.0],  # A.c27
        [5.0, 0.0, 0.0, 2.0, 1.0, 0.0],  # A.c30
        [2.0, 0.0, 0.0, 6.0, 0.0, 1.0],  # B.c3
        [0.0, 0.0, 0.0, 4.0, 0.0, 0.0],  # B.c27
        [1.0, 0.0, 0.0, 8.0, 0.0, 0.0],  # B.c30
    ]
)
F = np.array([[20.0, 5.0], [10.0, 2.0], [12.0, 3.0], [6.0, 30.0], [1.0, 15.0], [2.0, 20.0]])
x = Z.sum(axis=1) + F.sum(axis=1)


@pytest.fixture
def toy():
    return WIOT(2000, ("A", "B"), ("c3", "c27", "c30"), Z, F, x, ("FD",), source="toy")


def test_digital_intensity_by_hand(toy):
    w = digital_intensity(toy).set_index("industry")
    # A.c3 buys 3 (A.c27) + 0 (B.c27) telecom, 5 + 1 business; B.c3 buys 1 + 4 telecom, 2 + 8 business
    out_c3 = x[0] + x[3]
    assert w.loc["c3", "telecom_inputs"] == 3 + 0 + 1 + 4
    assert w.loc["c3", "business_inputs"] == 5 + 1 + 2 + 8
    assert w.loc["c3", "digital_intensity"] == pytest.approx((8 + 16) / out_c3)
    a = digital_intensity(toy, "A").set_index("industry")
    assert a.loc["c3", "digital_intensity"] == pytest.approx((3 + 0 + 5 + 1) / x[0])
    assert a.loc["c3", "telecom_intensity"] == pytest.approx(3 / x[0])
    b = digital_intensity(toy, "B").set_index("industry")
    assert b.loc["c3", "business_intensity"] == pytest.approx((2 + 8) / x[3])
    # the world intensity is the output-weighted mean of the economies' intensities
    assert w.loc["c3", "digital_intensity"] == pytest.approx(
        (a.loc["c3", "digital_intensity"] * x[0] + b.loc["c3", "digital_intensity"] * x[3]) / out_c3)


def test_digital_intensity_errors(toy):
    with pytest.raises(ValueError, match="reference"):
        digital_intensity(toy, "USA")
    t = WIOT(2000, ("A", "B"), ("c3", "c4", "c5"), Z, F, x, ("FD",), source="toy")
    with pytest.raises(ValueError, match="c27"):
        digital_intensity(t)
    with pytest.raises(ValueError, match="reference"):
        industry_digital_intensity(1995, "XYZ")
    with pytest.raises(ValueError, match="year"):
        industry_digital_intensity(1990)


def test_industry_digital_intensity_real():
    w = industry_digital_intensity(1995)
    assert len(w) == 14 and w["digital_intensity"].between(0.005, 0.3).all()
    u = industry_digital_intensity(1995, "USA")
    # the ranking of industries is broadly shared between the world and the US
    assert np.corrcoef(w["digital_intensity"], u["digital_intensity"])[0, 1] > 0.5


def test_source_concentration_three_countries():
    rng = np.random.default_rng(3)
    n = 6  # three countries x two industries
    Zt = rng.uniform(0.5, 4.0, (n, n))
    Ft = rng.uniform(2.0, 8.0, (n, 3))
    xt = Zt.sum(axis=1) + Ft.sum(axis=1)
    t = WIOT(2000, ("A", "B", "C"), ("c3", "c4"), Zt, Ft, xt, ("FD",), source="toy")
    got = industry_source_concentration(t)
    B = np.linalg.inv(np.eye(n) - Zt / xt[None, :])
    v = (xt - Zt.sum(axis=0)) / xt
    vb = v[:, None] * B  # [i, j]: value added of i per unit of j
    by_source = np.vstack([vb[2 * k : 2 * k + 2].sum(axis=0) for k in range(3)])  # (3 sources, 6 pairs)
    assert by_source.sum(axis=0) == pytest.approx(np.ones(n))  # V B = u'
    for j in range(n):
        own = j // 2
        f = np.delete(by_source[:, j], own)
        s = f / f.sum()
        assert got.loc[j, "fva_per_unit"] == pytest.approx(f.sum())
        assert got.loc[j, "supplier_hhi"] == pytest.approx((s**2).sum())
        assert got.loc[j, "top_source_share"] == pytest.approx(s.max())


def test_rolling_volatility_by_hand():
    v = pd.Series([100.0, 110.0, 99.0, 120.0, 130.0, 125.0])
    g = pd.Series(["a"] * 6)
    out = rolling_volatility(v, g, window=5)
    growth = np.diff(np.log(v.to_numpy()))
    assert np.isnan(out.iloc[2])  # two growth rates only
    assert out.iloc[3] == pytest.approx(np.std(growth[0:3], ddof=1))
    assert out.iloc[5] == pytest.approx(np.std(growth[1:5], ddof=1))
    with pytest.raises(ValueError, match="window"):
        rolling_volatility(v, g, window=3)
