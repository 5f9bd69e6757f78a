"""Regression tables: one renderer for every table of estimates in the book.

:func:`regression_table` turns tidy estimates (one row per model and term) and per-model statistics
into the familiar layout: one column per model, a coefficient row with significance stars and a row
with its standard error in parentheses (or its confidence interval in brackets) under it, then the
model statistics (observations, clusters, fixed effects, within R-squared, bootstrap p-values...).
The stars, the p-values they use and the standard-error convention are stated in the notes. The
result is a :class:`helpers.book.tables.DisplayTable` (self-contained HTML, plain text for nbval),
a pure function of its input.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .format import fmt_int, fmt_num, fmt_p
from .tables import DisplayTable, column_label

STARS = ((0.01, "***"), (0.05, "**"), (0.10, "*"))
"""Significance thresholds and their stars (smallest first)."""


def stars_for(p: float, stars: Sequence[tuple[float, str]] = STARS) -> str:
    """The stars of a p-value (``"***"`` below 0.01, ``"**"`` below 0.05, ``"*"`` below 0.10).

    Parameters
    ----------
    p : float
        A p-value (NaN gives no star).
    stars : sequence of (threshold, symbol)
        Smallest threshold first.

    Returns
    -------
    str
        ``""`` when not significant or NaN.

    Examples
    --------
    >>> stars_for(0.004), stars_for(0.03), stars_for(0.2)
    ('***', '**', '')
    """
    if p is None or not np.isfinite(p):
        return ""
    for threshold, symbol in stars:
        if p < threshold:
            return symbol
    return ""


def _stat_cell(v, digits: int) -> str:
    if isinstance(v, str):
        return v
    if v is None or (isinstance(v, float) and not np.isfinite(v)):
        return ""
    if isinstance(v, (bool, np.bool_)):
        return "yes" if v else "no"
    if isinstance(v, (int, np.integer)) or float(v) == round(float(v)) and abs(float(v)) >= 10:
        return fmt_int(v)
    return fmt_num(float(v), digits)


def regression_table(coefs: pd.DataFrame, stats: pd.DataFrame | None = None, *, model: str = "model",
                     term: str = "term", terms: Sequence[str] | None = None,
                     term_labels: Mapping[str, str] | None = None, model_labels: Mapping[str, str] | None = None,
                     show: str = "se", p: str = "p", p_note: str = "CR1 t(G-1) p-values",
                     stat_rows: Mapping[str, str] | None = None, pvalue_rows: Sequence[str] = (),
                     digits: int = 3, se_note: str = "", caption: str = "", notes: str = "",
                     name: str = "") -> DisplayTable:
    """Render estimates as a regression table.

    Parameters
    ----------
    coefs : DataFrame
        One row per (model, term) with ``coef``, ``se``, the p-value column ``p`` and, for
        ``show="ci"``, ``ci_low`` and ``ci_high``.
    stats : DataFrame, optional
        One row per model (column ``model``) with the statistics named in ``stat_rows``.
    model, term : str
        Columns naming the model and the term.
    terms : sequence of str, optional
        Terms to show, in order (default: every term, in order of appearance).
    term_labels, model_labels : mapping, optional
        Readable names (default :func:`helpers.book.tables.column_label`).
    show : {"se", "ci"}
        Under each coefficient: its standard error in parentheses or its interval in brackets.
    p : str
        The p-value column that sets the stars.
    p_note : str
        What that p-value is (for the notes).
    stat_rows : mapping, optional
        Statistic column of ``stats`` -> row label, in order. Strings are shown as they are,
        whole numbers with thousands separators, other numbers with ``digits`` decimals.
    pvalue_rows : sequence of str
        Statistic columns holding p-values (shown as ``< 0.001``).
    digits : int
        Decimals of coefficients and their standard errors.
    se_note : str
        The standard-error convention (for the notes).
    caption : str
        Shown above the table: what to read in it.
    notes : str
        Further notes, after the standard-error convention and the stars.
    name : str
        Label for cross-references (``tab-...``): the book numbers the table and the prose refers to
        it with ``{numref}``.

    Returns
    -------
    DisplayTable
        Coefficients with stars, standard errors or intervals, statistics and notes.

    Raises
    ------
    ValueError
        If a needed column is missing, ``show`` is unknown, or a term or statistic is not in the data.
    """
    if show not in ("se", "ci"):
        raise ValueError(f"show={show!r}: choose 'se' or 'ci'")
    need = [model, term, "coef", p] + (["se"] if show == "se" else ["ci_low", "ci_high"])
    missing = [c for c in need if c not in coefs.columns]
    if missing:
        raise ValueError(f"coefs: columns {missing} are missing; it has {list(coefs.columns)}")
    models = list(dict.fromkeys(coefs[model]))
    all_terms = list(dict.fromkeys(coefs[term]))
    terms = all_terms if terms is None else list(terms)
    bad = [t for t in terms if t not in all_terms]
    if bad:
        raise ValueError(f"terms {bad} are not in the estimates; it has {all_terms}")
    tl = {t: (term_labels or {}).get(t, column_label(t)) for t in terms}
    ml = {m: (model_labels or {}).get(m, column_label(m)) for m in models}
    idx = coefs.set_index([model, term])
    rows: list[list[str]] = []
    for t in terms:
        top, under = [tl[t]], [""]
        for m in models:
            if (m, t) not in idx.index:
                top.append("")
                under.append("")
                continue
            r = idx.loc[(m, t)]
            top.append(fmt_num(r["coef"], digits) + stars_for(r[p]))
            if show == "se":
                under.append(f"({fmt_num(r['se'], digits)})")
            else:
                under.append(f"[{fmt_num(r['ci_low'], digits)}, {fmt_num(r['ci_high'], digits)}]")
        rows += [top, under]
    if stats is not None and stat_rows:
        if model not in stats.columns:
            raise ValueError(f"stats: no column {model!r}")
        st = stats.set_index(model)
        miss = [c for c in stat_rows if c not in st.columns]
        if miss:
            raise ValueError(f"stats: columns {miss} are missing; it has {list(st.columns)}")
        for col, label in stat_rows.items():
            row = [label]
            for m in models:
                v = st.at[m, col] if m in st.index else None
                row.append(fmt_p(v, prefix=False) if col in pvalue_rows and v is not None else _stat_cell(v, digits))
            rows.append(row)
    header = [""] + [ml[m] for m in models]
    if len(set(header)) < len(header):  # two models with one label: keep them apart
        header = [""] + [f"({i + 1}) {ml[m]}" for i, m in enumerate(models)]
    cells = pd.DataFrame(rows, columns=header)
    star_note = "Stars: " + ", ".join(f"{s} p < {th:g}" for th, s in reversed(STARS)) + f" ({p_note})."
    under_note = "Standard errors in parentheses." if show == "se" else "Confidence intervals in brackets."
    note = " ".join(x for x in (under_note, se_note.rstrip(".") + "." if se_note else "", star_note, notes) if x)
    return DisplayTable(cells, ("left",) + ("right",) * len(models), caption, note, scroll_rows=None, name=name)


def fmt_set(low: float, high: float, kind: str = "bounded", digits: int = 3) -> str:
    """A confidence set for a table cell: ``[-0.012, 0.340]``, ``(-inf, -0.2] U [0.5, inf)``, ``whole line``.

    Parameters
    ----------
    low, high : float
        Bounds (``-inf``/``inf`` for an open side).
    kind : {"bounded", "two rays", "whole line", "empty"}
        As returned by :func:`helpers.econometrics.iv.iv_fe`.
    digits : int
        Decimals.

    Returns
    -------
    str
        The set as text.

    Raises
    ------
    ValueError
        For an unknown ``kind``.

    Examples
    --------
    >>> fmt_set(-0.0123, 0.34), fmt_set(-0.2, 0.5, "two rays", 1)
    ('[-0.012, 0.340]', '(-∞, -0.2] ∪ [0.5, ∞)')
    """
    if kind not in ("bounded", "two rays", "whole line", "empty"):
        raise ValueError(f"kind={kind!r}: choose 'bounded', 'two rays', 'whole line' or 'empty'")
    if kind == "whole line":
        return "whole line"
    if kind == "empty":
        return "empty"

    def b(v):
        return "∞" if v == np.inf else "-∞" if v == -np.inf else fmt_num(v, digits)

    if kind == "two rays":
        return f"(-∞, {b(low)}] ∪ [{b(high)}, ∞)"
    left = "(" if low == -np.inf else "["
    right = ")" if high == np.inf else "]"
    return f"{left}{b(low)}, {b(high)}{right}"
