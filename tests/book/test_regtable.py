"""The one renderer of regression tables: layout, stars, conventions in the notes, determinism."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers import fmt_set, regression_table, stars_for


def _coefs():
    return pd.DataFrame({"model": ["m1", "m1", "m2"], "term": ["x", "w", "x"], "coef": [0.0431, -1.2, 0.5],
                         "se": [0.01, 0.9, 0.4], "p": [0.004, 0.2, 0.07], "ci_low": [0.02, -3.0, -0.3],
                         "ci_high": [0.06, 0.6, 1.3]})


def test_layout_coefficient_row_then_standard_error_row_then_statistics():
    stats = pd.DataFrame({"model": ["m1", "m2"], "nobs": [622, 524], "fe": "economy, year", "r2": [0.0123, 0.5],
                          "p_wild": [0.0004, 0.31]})
    t = regression_table(_coefs(), stats, term_labels={"x": "Index", "w": "Income"},
                         model_labels={"m1": "Length", "m2": "Resilience"},
                         stat_rows={"nobs": "Observations", "fe": "Fixed effects", "r2": "Within R²",
                                    "p_wild": "p, wild"}, pvalue_rows=["p_wild"], se_note="CR1 by economy")
    cells = t.cells
    assert list(cells.columns) == ["", "Length", "Resilience"]
    assert list(cells.iloc[:, 0]) == ["Index", "", "Income", "", "Observations", "Fixed effects", "Within R²",
                                      "p, wild"]
    assert list(cells["Length"]) == ["0.043***", "(0.010)", "-1.200", "(0.900)", "622", "economy, year", "0.012",
                                     "< 0.001"]
    assert list(cells["Resilience"])[:4] == ["0.500*", "(0.400)", "", ""]  # a term the model lacks stays empty
    assert "CR1 by economy." in t.notes and "*** p < 0.01" in t.notes and "Standard errors in parentheses" in t.notes
    assert t.to_html() == regression_table(_coefs(), stats, term_labels={"x": "Index", "w": "Income"},
                                           model_labels={"m1": "Length", "m2": "Resilience"},
                                           stat_rows={"nobs": "Observations", "fe": "Fixed effects",
                                                      "r2": "Within R²", "p_wild": "p, wild"},
                                           pvalue_rows=["p_wild"], se_note="CR1 by economy").to_html()


def test_confidence_intervals_and_a_chosen_p_value_for_the_stars():
    c = _coefs().assign(p_boot=[0.2, 0.2, 0.001])
    t = regression_table(c, show="ci", p="p_boot", p_note="bootstrap p-values", terms=["x"], caption="Est.",
                         name="tab-toy")
    assert ":name: tab-toy" in t.to_markdown() and t.name == "tab-toy"
    assert list(t.cells.iloc[:, 1]) == ["0.043", "[0.020, 0.060]"]
    assert list(t.cells.iloc[:, 2]) == ["0.500***", "[-0.300, 1.300]"]
    assert "(bootstrap p-values)" in t.notes and "Confidence intervals in brackets" in t.notes


def test_errors_name_the_problem():
    with pytest.raises(ValueError, match="show='t'"):
        regression_table(_coefs(), show="t")
    with pytest.raises(ValueError, match="terms"):
        regression_table(_coefs(), terms=["z"])
    with pytest.raises(ValueError, match="se"):
        regression_table(_coefs().drop(columns="se"))
    with pytest.raises(ValueError, match="nobs"):
        regression_table(_coefs(), pd.DataFrame({"model": ["m1"]}), stat_rows={"nobs": "N"})


def test_stars_and_sets():
    assert [stars_for(p) for p in (0.0099, 0.01, 0.049, 0.0999, 0.1, np.nan)] == ["***", "**", "**", "*", "", ""]
    assert fmt_set(-0.01234, 0.5) == "[-0.012, 0.500]"
    assert fmt_set(-np.inf, 0.5) == "(-∞, 0.500]"
    assert fmt_set(-0.2, 0.5, "two rays", 1) == "(-∞, -0.2] ∪ [0.5, ∞)"
    assert fmt_set(np.nan, np.nan, "whole line") == "whole line"
    with pytest.raises(ValueError, match="kind='ray'"):
        fmt_set(0, 1, "ray")
