"""Figure helpers: inputs checked, the drawn content what the arguments ask for."""

import matplotlib
import numpy as np
import pandas as pd
import pytest

from helpers import annotated_heatmap, bump_chart, focus_frontier, scatter_fit, shared_legend

matplotlib.use("Agg")


@pytest.fixture
def panel():
    rng = np.random.default_rng(0)
    rows = [{"wiod": c, "year": y, "a": rng.uniform(), "b": rng.uniform()}
            for c in "ABCDEFG" for y in range(2000, 2006)]
    return pd.DataFrame(rows)


def test_scatter_fit_line_is_the_ols_fit(panel):
    fig = scatter_fit(panel, "a", "b", label="wiod", annotate=["A"])
    ax = fig.axes[0]
    line = [ln for ln in ax.get_lines() if ln.get_label() == "OLS fit"][0]
    slope, icept = np.polyfit(panel["a"], panel["b"], 1)
    x, y = line.get_data()
    np.testing.assert_allclose(y, icept + slope * x, rtol=1e-10)
    assert sum(t.get_text() == "A" for t in ax.texts) == (panel["wiod"] == "A").sum()
    with pytest.raises(ValueError, match="columns"):
        scatter_fit(panel, "a", "zzz")


def test_focus_frontier_draws_the_focus_and_the_frontier(panel):
    fig = focus_frontier(panel, ["a", "b"], "C", top=2)
    ax = fig.axes[0]
    lines = {ln.get_label(): ln for ln in ax.get_lines()}
    np.testing.assert_allclose(lines["C"].get_ydata(), panel[panel["wiod"] == "C"].sort_values("year")["a"])
    front = panel.groupby("year")["a"].apply(lambda s: s.nlargest(2).mean())
    np.testing.assert_allclose(lines["frontier (top-2 mean)"].get_ydata(), front)
    with pytest.raises(ValueError, match="focus"):
        focus_frontier(panel, ["a"], "Z")


def test_bump_chart_puts_rank_one_on_top(panel):
    panel["rank"] = panel.groupby("year")["a"].rank(ascending=False)
    fig = bump_chart(panel, "year", "rank", "wiod", ["A", "B"])
    lo, hi = fig.axes[0].get_ylim()
    assert lo > hi
    with pytest.raises(ValueError, match="entities"):
        bump_chart(panel, "year", "rank", "wiod", ["Q"])


def test_annotated_heatmap_and_shared_legend(panel):
    m = panel.pivot(index="wiod", columns="year", values="a")
    fig = annotated_heatmap(m, fmt=".2f")
    assert len(fig.axes[0].texts) == m.size
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2)
    for ax in axes:
        ax.plot([0, 1], [0, 1], label="x")
        ax.legend()
    shared_legend(fig, axes)
    assert all(ax.get_legend() is None for ax in axes) and len(fig.legends) == 1
