"""``glue`` for the chapters: myst-nb's glue with NumPy scalars turned into Python numbers.

NumPy 2 prints scalars as ``np.float64(0.5)``, which myst-nb cannot format with a
``{glue:text}`name:.2f``` role. Every number quoted in prose goes through this.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from ..data.checks import check_subset
from .format import fmt_int

GLUE_SIGNIFICANT_DIGITS = 10
"""Glued floats are stored rounded to this many significant digits (last-digit BLAS noise dropped)."""

GLUE_PREFIX = "application/papermill.record/"
"""MIME prefix of a glued value that is stored but not displayed (as myst_nb.glue writes it)."""


def to_python(value):
    """Convert NumPy scalars (and 0-d arrays) to the matching Python scalar; leave other values.

    Parameters
    ----------
    value : object
        Any value (a glued number, string, figure or table).

    Returns
    -------
    object
        A Python ``int``, ``float``, ``bool`` or ``str`` for NumPy scalars; ``value`` otherwise.
    """
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    return value


def glue(name: str, value, display: bool = False):
    """Record ``value`` under ``name`` for ``{glue:text}`` roles (not displayed by default).

    Parameters
    ----------
    name : str
        Key used in the chapter's prose.
    value : object
        A number (NumPy scalars are converted; a float is stored rounded to
        :data:`GLUE_SIGNIFICANT_DIGITS` significant digits, far beyond what prose shows, so the
        executed notebook does not change with last-digit floating-point noise), a string, a
        figure or a table.
    display : bool
        Also show the value in the cell's output.

    Returns
    -------
    None
        Nothing: the value is recorded in the cell's output (myst-nb ``glue``).
    """
    # myst_nb.glue's output format, written here: importing myst_nb.ext.glue pulls in nbformat and
    # jsonschema (about a second of imports in every chapter's kernel) for two lines of IPython.
    from IPython.core.formatters import format_display_data
    from IPython.display import display as ipy_display

    value = to_python(value)
    if isinstance(value, float) and math.isfinite(value):  # beyond any precision the prose shows
        value = float(f"{value:.{GLUE_SIGNIFICANT_DIGITS}g}")
    mimebundle, metadata = format_display_data(value)
    prefix = "" if display else GLUE_PREFIX
    metadata["scrapbook"] = dict(name=name, mime_prefix=prefix)
    ipy_display({prefix + k: v for k, v in mimebundle.items()}, raw=True, metadata=metadata)


def verdict(estimate: float, p_value: float, alpha: float = 0.05, *, positive: str = "predicts",
            negative: str = "is inversely related to", none: str = "does not predict") -> str:
    """A phrase for prose that states what a test found, so no verdict is typed by hand.

    Parameters
    ----------
    estimate : float
        The estimate (its sign decides between ``positive`` and ``negative``).
    p_value : float
        Its p-value (NaN counts as not significant).
    alpha : float
        Significance level.
    positive, negative, none : str
        The phrases.

    Returns
    -------
    str
        ``positive`` if ``p_value < alpha`` and ``estimate > 0``, ``negative`` if significant and
        negative (or zero), else ``none``.
    """
    if not np.isfinite(p_value) or p_value >= alpha:
        return none
    return positive if estimate > 0 else negative


#: columns of :func:`helpers.econometrics.hypotheses.hypothesis_summary` that :func:`summary_sentence` reads.
SUMMARY_COLUMNS = ("hypothesis", "topic", "n_tests", "n_supports", "n_against", "overall")


def summary_sentence(summary) -> str:
    """The closing verdict on the hypotheses, computed from the summary table of every test.

    Each clause names the hypotheses of one overall verdict with how many of their tests are
    significant: "significant tests with the predicted sign, and none against, support H6 (shock
    response: 1 of 16 tests significant); significant tests run against H3 (resilience: 1 of 11
    tests significant), and none supports them; the other hypotheses have no significant test".

    Parameters
    ----------
    summary : pandas.DataFrame
        One row per hypothesis with the columns of :data:`SUMMARY_COLUMNS` (the output of
        :func:`helpers.econometrics.hypotheses.hypothesis_summary`); ``overall`` one of "supported",
        "contradicted", "mixed", "not supported", "not tested".

    Returns
    -------
    str
        The clauses joined by semicolons, without a capital or a final full stop.

    Raises
    ------
    ValueError
        If a column is missing or an ``overall`` verdict is unknown.
    """
    missing = [c for c in SUMMARY_COLUMNS if c not in summary.columns]
    if missing:
        raise ValueError(f"summary: columns {missing} are missing; a hypothesis summary has {list(SUMMARY_COLUMNS)}")
    check_subset(list(summary["overall"].unique()),
                 ["supported", "contradicted", "mixed", "not supported", "not tested"], name="summary overall")

    def named(v: str) -> str:
        rows = summary[summary["overall"] == v]
        return " and ".join(f"{r.hypothesis} ({str(r.topic).lower()}: {fmt_int(r.n_supports + r.n_against)} of "
                            f"{fmt_int(r.n_tests)} tests significant)" for r in rows.itertuples())

    has = {v: bool((summary["overall"] == v).any()) for v in ("supported", "contradicted", "mixed", "not supported")}
    clauses = ["significant tests with the predicted sign, and none against, support " + named("supported")
               if has["supported"] else "no hypothesis of the paper is supported by a significant test with the "
               "predicted sign"]
    if has["contradicted"]:
        clauses.append("significant tests run against " + named("contradicted") + ", and none supports them")
    if has["mixed"]:
        clauses.append("the tests are mixed for " + named("mixed"))
    if has["not supported"]:
        clauses.append(("the other hypotheses have" if has["supported"] or has["contradicted"] or has["mixed"]
                        else "the hypotheses have") + " no significant test")
    return "; ".join(clauses)


def direction(before: float, after: float, *, up: str = "rose", down: str = "fell", same: str = "did not change",
              tol: float = 0.0) -> str:
    """A phrase for the direction of a change, so no "rose" or "fell" is typed by hand.

    Parameters
    ----------
    before, after : float
        The value at the start and at the end of the change.
    up, down, same : str
        The phrases for ``after > before``, ``after < before`` and no change.
    tol : float
        Changes with ``abs(after - before) <= tol`` count as no change (>= 0).

    Returns
    -------
    str
        ``up``, ``down`` or ``same``.

    Raises
    ------
    ValueError
        If ``before`` or ``after`` is not a finite number, or ``tol`` is negative or not finite.
    """
    for name, v in (("before", before), ("after", after), ("tol", tol)):
        if isinstance(v, bool) or not isinstance(to_python(v), numbers.Real) or not math.isfinite(v):
            raise ValueError(f"{name}={v!r}: a finite number is needed")
    if tol < 0:
        raise ValueError(f"tol={tol!r}: must be >= 0")
    if abs(after - before) <= tol:
        return same
    return up if after > before else down
