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
    if pd.api.types.is_integer_dtype(df[x]):
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if title:
        ax.set_title(title)
    ax.legend(frameon=False, ncols=min(4, len(groups)), fontsize=9)
    fig.tight_layout()
    return fig


def shared_legend(fig, axes, *, ncols: int | None = None) -> None:
    """Replace the legends of several panels by one legend below the figure.

    The entries are those of the first panel that has a legend; every panel's own legend is removed.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure that receives the legend.
    axes : iterable of matplotlib.axes.Axes
        The panels whose legends are removed.
    ncols : int, optional
        Columns of the legend (default: one row).
    """
    axes = list(getattr(axes, "flat", axes))
    handles, labels = [], []
    for ax in axes:
        if ax.get_legend() is not None:
            if not handles:
                handles, labels = ax.get_legend_handles_labels()
            ax.get_legend().remove()
    if handles:
        fig.legend(handles, labels, loc="lower center", ncols=ncols or len(labels), frameon=False, fontsize=9)
        fig.tight_layout(rect=(0, 0.08, 1, 1))


def scatter_fit(
    df: pd.DataFrame,
    x: str,
    y: str,
    *,
    label: str | None = None,
    annotate: Sequence[str] | None = None,
    ax=None,
    band: bool = True,
    identity: bool = False,
    level: float = 0.95,
    title: str = "",
    xlabel: str | None = None,
    ylabel: str | None = None,
):
    """Scatter of ``y`` on ``x`` with point labels, the OLS line and its confidence band.

    The band is the pointwise ``level`` confidence interval of the fitted mean (statsmodels
    ``get_prediction``), not a prediction interval for single points.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per point.
    x, y : str
        Column names.
    label : str, optional
        Column with point labels.
    annotate : sequence of str, optional
        Labels to write next to their points (default: all when ``label`` is given).
    ax : matplotlib.axes.Axes, optional
        Draw into these axes (default: a new figure).
    band : bool
        Draw the fitted line and its band.
    identity : bool
        Draw the 45-degree line (for predictions against outcomes).
    level : float
        Coverage of the band.
    title, xlabel, ylabel : str
        Axes title and labels (default labels: the column names).

    Returns
    -------
    matplotlib.figure.Figure
        The figure holding the axes.

    Raises
    ------
    ValueError
        If a column is missing or fewer than 3 complete points remain.
    """
    import numpy as np
    import statsmodels.api as sm

    cols = [x, y] + ([label] if label else [])
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise ValueError(f"columns {missing} are not in the frame; it has {list(df.columns)}")
    d = df[cols].dropna()
    if len(d) < 3:
        raise ValueError(f"only {len(d)} complete points of ({x}, {y}); need at least 3")
    if ax is None:
        fig, ax = plt.subplots()
    else:
        fig = ax.figure
    colours = palette()
    ax.scatter(d[x], d[y], s=26, alpha=0.85, color=colours[0], zorder=3)
    if band:
        fit = sm.OLS(d[y].to_numpy(float), sm.add_constant(d[x].to_numpy(float))).fit()
        grid = np.linspace(d[x].min(), d[x].max(), 100)
        pred = fit.get_prediction(sm.add_constant(grid)).summary_frame(alpha=1 - level)
        ax.plot(grid, pred["mean"], color=colours[5], lw=1.8, zorder=2, label="OLS fit")
        ax.fill_between(grid, pred["mean_ci_lower"], pred["mean_ci_upper"], color=colours[5], alpha=0.18, lw=0,
                        zorder=1, label=f"{round(100 * level)}% confidence band")
    if identity:
        lo = min(d[x].min(), d[y].min())
        hi = max(d[x].max(), d[y].max())
        ax.plot([lo, hi], [lo, hi], color="0.4", lw=1, ls="--", zorder=1, label="45-degree line")
    if label:
        show = set(d[label]) if annotate is None else set(annotate)
        for _, r in d[d[label].isin(show)].iterrows():
            ax.annotate(str(r[label]), (r[x], r[y]), textcoords="offset points", xytext=(3, 3), fontsize=7.5)
    ax.set_xlabel(xlabel if xlabel is not None else x)
    ax.set_ylabel(ylabel if ylabel is not None else y)
    if title:
        ax.set_title(title)
    if band or identity:
        ax.legend(frameon=False, fontsize=8.5)
    fig.tight_layout()
    return fig


def focus_frontier(
    df: pd.DataFrame,
    columns: Sequence[str],
    focus: str,
    *,
    labels: dict[str, str] | None = None,
    entity: str = "wiod",
    time: str = "year",
    top: int = 5,
    ncols: int = 2,
    ylabel: str = "",
    focus_label: str | None = None,
):
    """One panel per column: the focus economy against the frontier and the distribution.

    Each panel shows, year by year, the median across economies with the interquartile range as a
    band, the frontier (mean of the ``top`` highest values of the year) and the focus economy.

    Parameters
    ----------
    df : DataFrame
        Long panel with ``entity``, ``time`` and ``columns``.
    columns : sequence of str
        Variables, one panel each.
    focus : str
        Value of ``entity`` to highlight.
    labels : dict, optional
        Panel titles by column.
    entity, time : str
        Names of the economy and year columns.
    top : int
        Economies averaged for the frontier (>= 1).
    ncols : int
        Panels per row.
    ylabel : str
        Label of the vertical axes.
    focus_label : str, optional
        Legend entry of the focus economy (default ``focus``).

    Returns
    -------
    matplotlib.figure.Figure
        The figure holding the panels.

    Raises
    ------
    ValueError
        If a column is missing, ``focus`` is not in the data or ``top < 1``.
    """
    import math

    missing = [c for c in [entity, time, *columns] if c not in df.columns]
    if missing:
        raise ValueError(f"columns {missing} are not in the frame; it has {list(df.columns)}")
    if focus not in set(df[entity]):
        raise ValueError(f"focus={focus!r} is not a value of {entity!r}")
    if top < 1:
        raise ValueError(f"top={top!r}: need at least 1 economy for the frontier")
    colours = palette()
    nrows = math.ceil(len(columns) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(4.2 * ncols, 2.9 * nrows), sharex=True, squeeze=False)
    for ax, col in zip(axes.flat, columns, strict=False):
        g = df.groupby(time)[col]
        q = g.quantile([0.25, 0.5, 0.75]).unstack()
        front = g.apply(lambda s: s.nlargest(top).mean())
        f = df[df[entity] == focus].set_index(time)[col].sort_index()
        ax.fill_between(q.index, q[0.25], q[0.75], color="0.85", lw=0, label="interquartile range")
        ax.plot(q.index, q[0.5], color="0.45", lw=1.4, label="median")
        ax.plot(front.index, front, color=colours[0], lw=1.8, label=f"frontier (top-{top} mean)")
        ax.plot(f.index, f, color=colours[5], lw=2.2, label=focus_label or focus)
        ax.set_title((labels or {}).get(col, col), fontsize=10.5)
        ax.set_ylabel(ylabel)
    for ax in list(axes.flat)[len(columns):]:
        ax.axis("off")
    axes.flat[0].legend(frameon=False, fontsize=8)
    fig.tight_layout()
    return fig


def bump_chart(df: pd.DataFrame, time: str, rank: str, entity: str, entities: Sequence[str], *, ax=None,
               title: str = "", ylabel: str = "rank (1 = highest)"):
    """Ranks over time for a few economies, rank 1 on top, labels at the right end.

    Parameters
    ----------
    df : DataFrame
        Long panel with ``time``, ``rank`` and ``entity``.
    time, rank, entity : str
        Column names.
    entities : sequence of str
        Economies drawn.
    ax : matplotlib.axes.Axes, optional
        Draw into these axes (default: a new figure).
    title, ylabel : str
        Axes title and vertical label.

    Returns
    -------
    matplotlib.figure.Figure
        The figure holding the axes.

    Raises
    ------
    ValueError
        If an economy is not in the data.
    """
    missing = [e for e in entities if e not in set(df[entity])]
    if missing:
        raise ValueError(f"entities {missing} are not values of {entity!r}")
    if ax is None:
        fig, ax = plt.subplots()
    else:
        fig = ax.figure
    colours = palette()
    for k, e in enumerate(entities):
        d = df[(df[entity] == e) & df[rank].notna()].sort_values(time)
        if d.empty:
            continue
        ax.plot(d[time], d[rank], marker="o", ms=2.5, lw=1.6, color=colours[k % len(colours)])
        ax.annotate(str(e), (d[time].iloc[-1], d[rank].iloc[-1]), textcoords="offset points", xytext=(4, -3),
                    fontsize=8, color=colours[k % len(colours)])
    ax.invert_yaxis()
    ax.set_xlabel(time)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


def annotated_heatmap(matrix: pd.DataFrame, *, ax=None, title: str = "", xlabel: str = "", ylabel: str = "",
            cbar_label: str = "", fmt: str = ".0f", annotate: bool = True):
    """A labelled heat map of a small matrix (rows and columns in the given order).

    Parameters
    ----------
    matrix : DataFrame
        Values; the index labels the rows, the columns the columns.
    ax : matplotlib.axes.Axes, optional
        Draw into these axes (default: a new figure).
    title, xlabel, ylabel, cbar_label : str
        Axes title, axis labels and colour-bar label.
    fmt : str
        Format of the cell annotations.
    annotate : bool
        Write the value in each cell.

    Returns
    -------
    matplotlib.figure.Figure
        The figure holding the axes.
    """
    if ax is None:
        fig, ax = plt.subplots(figsize=(0.55 * matrix.shape[1] + 2.5, 0.4 * matrix.shape[0] + 1.6))
    else:
        fig = ax.figure
    sns.heatmap(matrix, ax=ax, cmap="Blues", annot=annotate, fmt=fmt, annot_kws={"fontsize": 7.5},
                cbar_kws={"label": cbar_label}, linewidths=0.4, linecolor="white")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


def heatmap(
    df: pd.DataFrame,
    *,
    ax=None,
    cmap: str = "RdBu",
    vmin: float = -1.0,
    vmax: float = 1.0,
    marks: pd.DataFrame | None = None,
    title: str = "",
    xlabel: str = "",
    ylabel: str = "",
    colorbar: str = "",
    labels=None,
):
    """A labelled heat map of a numeric table (rows x columns), with optional marks (e.g. significance).

    Parameters
    ----------
    df : pandas.DataFrame
        Values; NaN cells are left blank.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on (default: a new figure sized to the table).
    cmap : str
        A colour-blind-safe diverging map by default (``RdBu``).
    vmin, vmax : float
        Colour range.
    marks : pandas.DataFrame of bool, optional
        Same shape; a dot is drawn in the True cells.
    title, xlabel, ylabel, colorbar : str
        Texts (``colorbar``: its label; empty: no colour bar).
    labels : callable, optional
        Maps a row or column code to its tick label (e.g. :func:`helpers.book.tables.column_label`).

    Returns
    -------
    matplotlib.figure.Figure
        The figure holding the heat map.

    Raises
    ------
    ValueError
        If ``marks`` does not have the shape of ``df``.
    """
    if marks is not None and marks.shape != df.shape:
        raise ValueError(f"marks has shape {marks.shape}; the table has {df.shape}")
    if ax is None:
        fig, ax = plt.subplots(figsize=(0.5 * df.shape[1] + 3.5, 0.32 * df.shape[0] + 1.6))
    else:
        fig = ax.figure
    im = ax.imshow(df.to_numpy(dtype=float), cmap=cmap, vmin=vmin, vmax=vmax, aspect="auto")
    lab = labels or (lambda s: s)
    ax.set_xticks(range(df.shape[1]), [lab(c) for c in df.columns], rotation=90, fontsize=8)
    ax.set_yticks(range(df.shape[0]), [lab(r) for r in df.index], fontsize=8)
    ax.grid(False)
    if marks is not None:
        rr, cc = marks.to_numpy(dtype=bool).nonzero()
        ax.scatter(cc, rr, s=9, color="black", marker="o")
    if colorbar:
        fig.colorbar(im, ax=ax, label=colorbar, shrink=0.8)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    return fig
