"""One figure style for the whole book: seaborn theme, Okabe-Ito palette, labelled axes.

Call :func:`set_style` once at the top of a chapter.  Figure helpers return the
``matplotlib.figure.Figure`` so the chapter can ``glue`` it or let it display.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from ..data.facts import palette


def set_style() -> None:
    """Apply the book's figure style (seaborn ``whitegrid``, Okabe-Ito colours, 110 dpi, PNG output)."""
    sns.set_theme(style="whitegrid", context="notebook", palette=palette())
    plt.rcParams.update(
        {
            "figure.dpi": 110,
            "savefig.dpi": 110,
            "figure.figsize": (7.5, 4.2),
            "axes.titlesize": 12,
            "axes.titleweight": "bold",
            "axes.spines.top": False,
            "axes.spines.right": False,
            "svg.hashsalt": "gvc-book",
        }
    )
    try:
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("png")
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
