"""One figure style for the whole book: seaborn theme, Okabe-Ito palette, labelled axes, SVG output.

Call :func:`set_style` once at the top of a chapter.  Figure helpers return the
``matplotlib.figure.Figure`` so the chapter can ``glue`` it or let it display.

Figures are SVG: vector, so sharp on a high-density screen and at any zoom, and smaller than a
PNG of the same sharpness for line and bar charts. They stay bit-stable from build to build: the
ids matplotlib writes are seeded by a fixed ``svg.hashsalt`` and the date is left out of the
metadata (:data:`SVG_METADATA`).

Size: an SVG is drawn at its natural size (points) unless it is wider than the text column, when
it is scaled down with its text. The default figure, :data:`FIGSIZE` (7 x 4 in = 672 x 384 CSS px),
is about the column width at 1,280 px (688 px), so the 11 pt tick labels show at about 14 px. A
figure up to about 11 in wide (two panels side by side) still shows its tick labels at 9 px or
more; the browser test fails on a wider one (``tests/book/test_build.py``, :data:`MIN_TEXT_PX`).
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from ..data.facts import palette

FIGSIZE = (7.0, 4.0)
"""Default figure size in inches: about the width of the text column at 1,280 px."""

SVG_METADATA = {"Date": None}
"""Metadata of every SVG: no creation date, so the same figure gives the same bytes."""

MIN_TEXT_PX = 9.0
"""Smallest size (CSS px) a tick label may show at in the text column; checked by the browser test."""


def style_rc() -> dict:
    """The matplotlib settings of the book's style (on top of seaborn's ``whitegrid``/``notebook``).

    Returns
    -------
    dict
        rcParams: figure size, SVG output with a fixed hash salt and text as paths, type sizes,
        no top/right spines.
    """
    return {
        "figure.figsize": FIGSIZE,
        "figure.dpi": 100,
        "savefig.format": "svg",
        "svg.hashsalt": "gvc-book",   # fixed ids: bit-stable SVG
        "svg.fonttype": "path",       # glyphs as paths: the same look in every browser
        "font.size": 11,
        "axes.titlesize": 12,
        "axes.titleweight": "bold",
        "axes.labelsize": 11,
        "xtick.labelsize": 11,
        "ytick.labelsize": 11,
        "legend.fontsize": 10,
        "legend.title_fontsize": 10,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }


def set_style() -> None:
    """Apply the book's figure style: seaborn ``whitegrid``, Okabe-Ito colours, SVG output.

    Sets :func:`style_rc` and, inside a notebook kernel, makes the inline backend emit SVG
    without a date (:data:`SVG_METADATA`), so re-executing a chapter gives the same figure bytes.
    """
    sns.set_theme(style="whitegrid", context="notebook", palette=palette())
    plt.rcParams.update(style_rc())
    try:
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("svg", metadata=SVG_METADATA)
    except ImportError:  # pragma: no cover
        pass


def line_by_group(
    df: pd.DataFrame,
    x: str,
    y: str,
    group: str,
    *,
    groups: Sequence[str] | None = None,
    title: str = "",
    xlabel: str | None = None,
    ylabel: str | None = None,
    ax=None,
    shade: Sequence[tuple[float, float]] = (),
):
    """Draw lines of ``y`` against ``x``, one per ``group`` value, in the book palette.

    Parameters
    ----------
    df : pandas.DataFrame
        Long format: one row per (group, x).
    x, y, group : str
        Column names.
    groups : sequence of str, optional
        Subset and order of groups to draw (default: all, sorted); colours follow this order.
    title : str
        Axes title (none by default: the figure caption says what to look at).
    xlabel, ylabel : str, optional
        Axis labels (default: the column names).
    ax : matplotlib.axes.Axes, optional
        Draw into these axes (default: a new figure).
    shade : sequence of (float, float)
        x-intervals to shade (e.g. the 2008-2009 trade collapse).

    Returns
    -------
    matplotlib.figure.Figure
        The figure holding the axes.

    Raises
    ------
    ValueError
        If a name of ``groups`` is not a value of the ``group`` column.
    """
    if ax is None:
        fig, ax = plt.subplots()
    else:
        fig = ax.figure
    groups = list(groups) if groups is not None else sorted(df[group].unique())
    missing = [g for g in groups if g not in set(df[group])]
    if missing:
        raise ValueError(f"groups {missing} are not in column {group!r}; available: {sorted(df[group].unique())[:20]}")
    colours = palette()
    for k, g in enumerate(groups):
        d = df[df[group] == g].sort_values(x)
        ax.plot(d[x], d[y], marker="o", ms=3, lw=1.8, color=colours[k % len(colours)], label=str(g))
    for a, b in shade:
        ax.axvspan(a, b, color="0.85", zorder=0, lw=0)
    ax.set_xlabel(xlabel if xlabel is not None else x)
    ax.set_ylabel(ylabel if ylabel is not None else y)
    if title:
        ax.set_title(title)
    ax.legend(frameon=False, ncols=min(4, len(groups)), fontsize=9)
    fig.tight_layout()
    return fig
