"""Within-country correlations (two-way demeaned) against a dummy regression and against two_way_demean."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers import two_way_demean, within_correlations


def test_within_correlation_matches_alternating_projections_on_an_unbalanced_panel():
    rng = np.random.default_rng(1)
    rows = [(c, t) for c in "ABCDEFG" for t in range(2000, 2010)]
    d = pd.DataFrame(rows, columns=["wiod", "year"])
    fe_c = d["wiod"].map({c: rng.normal(0, 5) for c in "ABCDEFG"})
    fe_t = d["year"].map({t: rng.normal(0, 3) for t in range(2000, 2010)})
    e = rng.normal(size=len(d))
    d["x"] = fe_c + fe_t + e
    d["y"] = 2 * fe_c - fe_t - 0.5 * e + rng.normal(size=len(d))
    d = d.drop(index=rng.choice(len(d), 9, replace=False)).reset_index(drop=True)  # unbalanced
    got = within_correlations(d, ["x"], ["y"], min_obs=10).iloc[0, 0]
    dm = two_way_demean(d, ["x", "y"])  # a second implementation: pandas, iterated country and year demeaning
    assert got == pytest.approx(np.corrcoef(dm["x"], dm["y"])[0, 1], abs=1e-8)
    X = pd.get_dummies(d[["wiod", "year"]].astype(str)).to_numpy(dtype=float)  # a third: least squares on dummies
    res = d[["x", "y"]].to_numpy() - X @ np.linalg.lstsq(X, d[["x", "y"]].to_numpy(), rcond=None)[0]
    assert got == pytest.approx(np.corrcoef(res[:, 0], res[:, 1])[0, 1], abs=1e-8)
    assert got < -0.2  # the fixed effects alone would give a positive raw correlation
    assert np.corrcoef(d["x"], d["y"])[0, 1] > 0


def test_pairs_use_their_common_rows_and_bad_names_are_refused():
    d = pd.DataFrame({"wiod": list("AABBCC"), "year": [1, 2] * 3, "x": [1.0, 2, 3, 5, 2, 2],
                      "y": [1.0, np.nan, 2, 3, 4, 4]})
    r = within_correlations(d, ["x"], ["y", "x"], min_obs=50)
    assert np.isnan(r.loc["x", "y"]) and r.loc["x", "x"] == 1.0
    with pytest.raises(ValueError, match="columns"):
        within_correlations(d, ["x"], ["nope"])
