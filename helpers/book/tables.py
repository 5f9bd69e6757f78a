"""One display helper for every table of the book.

:func:`display_table` turns a DataFrame into a :class:`DisplayTable`: readable headers (from
:func:`column_label`: the labels facts file, then the indicator catalogue), consistent precision per
column, thousands separators, p-values as ``< 0.001``, no index column, missing values as ``–``,
an optional caption, notes and name. It renders three ways, each a pure function of the input
(the same frame gives the same bytes):

- in the book, as MyST (a ``{table}`` directive, ``text/markdown``; ``_config.yml`` makes the book
  prefer it to HTML): a numbered table ("Table 2: ...") that the prose cross-references with
  ``{numref}`tab-...``` when it has a ``name``, styled by ``book/_static/gvc.css``, scrolling
  inside its own box when it is wider (or, beyond ``scroll_rows``, longer) than the text column;
- in JupyterLab, as self-contained HTML (``text/html``) with the same caption and notes;
- as aligned plain text for ``print`` and nbval.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from ..data.facts import read_fact
from ..data.indicators import indicator_catalogue
from .format import fmt_p, fmt_sci


@cache
def _labels() -> dict[str, str]:
    out = dict(zip(indicator_catalogue()["variable"], indicator_catalogue()["label"], strict=True))
    lab = read_fact("labels.csv")
    out.update(dict(zip(lab["name"], lab["label"], strict=True)))
    return out


def column_label(name: str) -> str:
    """Return the readable header of a column code (``plv_gvc_mfg`` -> "Forward GVC length (mfg)").

    Looks in the facts file ``labels.csv``, then in the indicator catalogue; a name found in
    neither is returned unchanged.

    Parameters
    ----------
    name : str
        Column code.

    Returns
    -------
    str
        Its label, or ``name`` itself.
    """
    return _labels().get(str(name), str(name))


@dataclass(frozen=True)
class DisplayTable:
    """A formatted table: strings only, ready to render (made by :func:`display_table`).

    Parameters
    ----------
    cells : pandas.DataFrame
        Formatted cells (all strings), columns already renamed to their headers.
    align : tuple of str
        ``"left"`` or ``"right"`` per column.
    caption : str
        Shown above the table.
    notes : str
        Shown below the table.
    scroll_rows : int or None
        Above this many rows the table scrolls vertically inside its box (None: never).
    name : str
        Label for cross-references (``tab-...``); empty for an unnamed table.
    """

    cells: pd.DataFrame
    align: tuple[str, ...]
    caption: str = ""
    notes: str = ""
    scroll_rows: int | None = 20
    name: str = ""

    @property
    def long(self) -> bool:
        """Whether the table scrolls vertically (more rows than ``scroll_rows``)."""
        return self.scroll_rows is not None and len(self.cells) > self.scroll_rows

    def to_markdown(self) -> str:
        """The table as MyST: a ``{table}`` directive (numbered, named) and the notes below it.

        Every ASCII punctuation character of a cell is backslash-escaped, so no value can start
        markup (a "$" opening math, a "|" splitting a cell, a "*" emphasis).

        Returns
        -------
        str
            A ``{table}`` fence (caption as its title, ``:name:`` if named, class ``gvc-table``
            and ``gvc-long`` beyond ``scroll_rows``) and a ``gvc-table-notes`` container.
        """
        head = "| " + " | ".join(_md_escape(c) for c in self.cells.columns) + " |"
        rule = "|" + "|".join(":---" if a == "left" else "---:" for a in self.align) + "|"
        rows = ["| " + " | ".join(_md_escape(v) for v in row) + " |" for row in self.cells.itertuples(index=False)]
        opts = [f":name: {self.name}"] if self.name else []
        opts.append(":class: gvc-table" + (" gvc-long" if self.long else ""))
        out = "\n".join([f"````{{table}} {_md_escape(self.caption)}".rstrip(), *opts, "", head, rule, *rows, "````"])
        if self.notes:
            out += f"\n\n````{{container}} gvc-table-notes\n{_md_escape(self.notes)}\n````"
        return out + "\n"

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def to_html(self) -> str:
        """Render the table as an HTML fragment (no script, no external resource).

        Returns
        -------
        str
            A ``<div>`` that scrolls horizontally when the table is wider than the text column (and
            vertically beyond ``scroll_rows`` rows), holding the ``<table>`` with caption and notes.
        """
        style = "overflow-x:auto;max-width:100%"
        if self.long:
            style += ";max-height:32em;overflow-y:auto"
        out = [f'<div class="gvc-table-wrap" style="{style}">', '<table class="gvc-table table">']
        if self.caption:
            out.append(f"<caption>{html.escape(self.caption)}</caption>")
        out.append("<thead><tr>")
        for col, al in zip(self.cells.columns, self.align, strict=True):
            out.append(f'<th style="text-align:{al}">{html.escape(str(col))}</th>')
        out.append("</tr></thead><tbody>")
        for row in self.cells.itertuples(index=False):
            out.append("<tr>" + "".join(
                f'<td style="text-align:{al}">{html.escape(str(v))}</td>'
                for v, al in zip(row, self.align, strict=True)) + "</tr>")
        out.append("</tbody></table>")
        if self.notes:
            out.append(f'<p class="gvc-table-notes"><small>{html.escape(self.notes)}</small></p>')
        out.append("</div>")
        return "\n".join(out)

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_text(self) -> str:
        """Render the table as aligned plain text (caption first, notes last).

        Returns
        -------
        str
            Right-justified columns without an index, as ``print`` and nbval show it.
        """
        body = self.cells.to_string(index=False, justify="right") if len(self.cells.columns) else ""
        parts = [self.caption, body, self.notes]
        return "\n".join(p for p in parts if p)

    def __repr__(self) -> str:
        return self.to_text()


_MD_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")


def _md_escape(value) -> str:
    """Text that MyST shows literally: ASCII punctuation backslash-escaped, newlines as spaces."""
    return _MD_PUNCT.sub(r"\\\1", str(value).replace("\n", " "))


def _is_integral(s: pd.Series) -> bool:
    v = pd.to_numeric(s, errors="coerce").dropna()
    return len(v) > 0 and bool(np.all(np.isfinite(v)) and np.all(v == np.round(v)))


def _auto_digits(s: pd.Series) -> int | str:
    v = pd.to_numeric(s, errors="coerce").abs().replace([np.inf], np.nan).dropna()
    v = v[v > 0]
    if v.empty:
        return 3
    med, top = float(v.median()), float(v.max())
    if top < 1e-3:
        return "sci"
    if med >= 1000:
        return 0
    if med >= 100:
        return 1
    if med >= 10:
        return 2
    return 3


def _format_column(s: pd.Series, digits, kind: str) -> tuple[list[str], str]:
    if kind == "p":
        return [fmt_p(v, prefix=False) if pd.notna(v) else "–" for v in s], "right"
    if kind == "percent":
        d = 1 if digits is None else int(digits)
        return [f"{100 * float(v):.{d}f}%" if pd.notna(v) else "–" for v in s], "right"
    if pd.api.types.is_bool_dtype(s):
        return [("yes" if v else "no") if pd.notna(v) else "–" for v in s], "left"
    if pd.api.types.is_numeric_dtype(s):
        if digits is None and (pd.api.types.is_integer_dtype(s) or _is_integral(s)):
            return [f"{int(round(float(v))):,}" if pd.notna(v) else "–" for v in s], "right"
        d = _auto_digits(s) if digits is None else digits
        if d == "sci":
            return [fmt_sci(v) if pd.notna(v) and math.isfinite(float(v)) else "–" for v in s], "right"
        d = int(d)
        out = []
        for v in s:
            if pd.isna(v) or not math.isfinite(float(v)):
                out.append("–")
            else:
                x = 0.0 if round(float(v), d) == 0 else float(v)
                out.append(f"{x:,.{d}f}")
        return out, "right"
    return ["–" if (v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA) else str(v)
            for v in s], "left"


def display_table(
    df: pd.DataFrame,
    *,
    headers: Mapping[str, str] | None = None,
    digits: int | Mapping[str, int | str] | None = None,
    pvalues: Iterable[str] = (),
    percent: Iterable[str] = (),
    columns: Iterable[str] | None = None,
    caption: str = "",
    notes: str = "",
    index: bool | None = None,
    scroll_rows: int | None = 20,
    name: str = "",
) -> DisplayTable:
    """Format a DataFrame for the book.

    Parameters
    ----------
    df : pandas.DataFrame
        The table. A named index, or an unnamed one of labels (strings, dates), is turned into
        leading column(s); an unnamed integer index (``0..n-1``, or the positions a filtered or
        sorted frame kept) is dropped.
    headers : mapping, optional
        Column -> header, overriding :func:`column_label`.
    digits : int or mapping, optional
        Decimals of every float column, or per column (an int, or ``"sci"`` for scientific
        notation). Default per column: integers with thousands separators when all values are
        whole numbers; otherwise 3 decimals, fewer for large magnitudes, scientific notation
        when every value is below 0.001 in absolute value.
    pvalues : iterable of str
        Columns holding p-values (``< 0.001``).
    percent : iterable of str
        Columns holding shares in [0, 1], shown as percentages.
    columns : iterable of str, optional
        Columns to keep, in order (default all).
    caption, notes : str
        Shown above and below the table.
    index : bool, optional
        Force keeping (True) or dropping (False) the index.
    scroll_rows : int or None
        Above this many rows the table scrolls inside its box (None: never).
    name : str
        Label of the table for cross-references, ``tab-`` then lowercase letters, digits and
        hyphens (``tab-dti-weights``): the prose writes ``{numref}`tab-dti-weights```.

    Returns
    -------
    DisplayTable
        The formatted cells, their alignment, caption and notes; renders as HTML in a notebook and
        as text with ``print``.

    Raises
    ------
    ValueError
        If a named column is not in the frame, or ``name`` is not of the form ``tab-...``.

    Examples
    --------
    >>> t = display_table(pd.DataFrame({"coef": [0.04321], "p": [0.0004], "nobs": [622.0]}), pvalues=["p"])
    >>> print(t)
     Coefficient p-value Observations
           0.043 < 0.001          622
    """
    if name and not re.fullmatch(r"tab-[a-z0-9]+(?:-[a-z0-9]+)*", name):
        raise ValueError(f"name={name!r} is not a table label: use 'tab-' and lowercase words joined by '-'")
    if not isinstance(df, pd.DataFrame):
        df = pd.DataFrame(df)
    d = df.copy()
    # an index is shown only when it says something: named, or labels that are not row numbers
    # (a filtered or sorted frame keeps its old integer positions, which mean nothing to a reader)
    unnamed = all(n is None for n in d.index.names)
    row_numbers = unnamed and d.index.nlevels == 1 and pd.api.types.is_integer_dtype(d.index.dtype)
    if index is True or (index is None and not row_numbers and not (unnamed and isinstance(d.index, pd.RangeIndex))):
        d = d.reset_index()
    if columns is not None:
        columns = list(columns)
        missing = [c for c in columns if c not in d.columns]
        if missing:
            raise ValueError(f"columns {missing} are not in the table; it has {list(d.columns)}")
        d = d[columns]
    pvalues, percent = set(pvalues), set(percent)
    for arg, group in (("pvalues", pvalues), ("percent", percent)):
        missing = sorted(group - set(d.columns))
        if missing:
            raise ValueError(f"{arg}: columns {missing} are not in the table; it has {list(d.columns)}")
    per_col = digits if isinstance(digits, Mapping) else {}
    if isinstance(digits, Mapping):
        missing = sorted(set(digits) - set(d.columns))
        if missing:
            raise ValueError(f"digits: columns {missing} are not in the table; it has {list(d.columns)}")
    cells, align = {}, []
    heads = dict(headers or {})
    for c in d.columns:
        kind = "p" if c in pvalues else "percent" if c in percent else "value"
        dg = per_col.get(c) if isinstance(digits, Mapping) else digits
        vals, al = _format_column(d[c], dg, kind)
        head = heads.get(c, column_label(c))
        if head in cells:  # two columns with one label: keep them apart
            head = f"{head} ({c})"
        cells[head] = vals
        align.append(al)
    return DisplayTable(pd.DataFrame(cells), tuple(align), caption, notes, scroll_rows, name)
