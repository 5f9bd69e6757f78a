"""Validation of a chapter's parameters: one rule per parameter name, one helper for every chapter.

Each chapter's cell tagged ``parameters`` sets a few names (``YEAR``, ``METHOD``, ``FOCUS`` ...) that a
reader may override (``make chapter NB=05_policy PARAMS='-p ECONOMY DEU'``). The cell right after it
(and after papermill's injected cell) calls :func:`check_parameters` with every one of them, so a
bad value stops the run at once with a message that names the parameter, the value and the valid
choices, instead of a ``KeyError`` deep inside a computation. The rules live in
:data:`PARAMETER_RULES`, by name: a parameter means the same thing in every chapter. A rule sees
the other parameters of the call too, for relations between them (``TABLE_YEAR`` within
``YEARS``, ``BASE_YEAR`` before ``SHOCK_YEAR_BJY``).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable

from ..data.checks import check_choice, check_subset, check_year, check_years
from ..data.facts import wiod_countries, wiod_economies, wiod_industries
from ..data.wiot import WIOD_YEARS
from ..econometrics.hypotheses import OUTCOMES
from ..econometrics.inference import WILD_WEIGHTS
from ..econometrics.speccurve import CONTROL_SETS
from ..indices.composite import METHODS
from ..indices.dti import DTI_VARIANTS, DTI_YEARS
from ..indices.resilience import RES_VARIANTS

CONTROLS = tuple(dict.fromkeys(c for cs in CONTROL_SETS.values() for c in cs))
"""Controls of the regressions (those of the specification curve's control sets)."""

PRE_SHOCK_YEARS = tuple(y for y in WIOD_YEARS if y < 2008)
"""Years before the 2008-2009 trade collapse (for pre-shock averages)."""

Rule = Callable[[object, str, dict], None]


def _is_int(value) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _list(value, name: str, what: str) -> list:
    if isinstance(value, (str, bytes, numbers.Number)) or value is None:
        raise ValueError(f"{name}={value!r}: give a list of {what}")
    return list(value)


def _year(valid, *, within: str | None = None, before: str | None = None) -> Rule:
    """One year in ``valid`` (and in the parameter ``within``, before the parameter ``before``)."""

    def rule(value, name, params):
        y = check_year(value, valid, name=name)
        if within in params:
            check_year(y, _list(params[within], within, "years"), name=name)
        if before in params and y >= params[before]:
            raise ValueError(f"{name}={y} must precede {before}={params[before]}")

    return rule


def _years(valid, *, before: str | None = None) -> Rule:
    """A list of years in ``valid`` (all before the parameter ``before`` if given)."""

    def rule(value, name, params):
        ys = check_years(_list(value, name, "years"), valid, name=name)
        if before in params and max(ys) >= params[before]:
            raise ValueError(f"{name}={value!r}: every year must precede {before}={params[before]}")

    return rule


def _window(value, name, params):
    ys = _list(value, name, "two years (start, end)")
    valid = _list(params.get("YEARS", WIOD_YEARS), "YEARS", "years")
    if len(ys) != 2 or not all(_is_int(y) for y in ys) or not ys[0] < ys[1]:
        raise ValueError(f"{name}={value!r}: give two increasing years (start, end) within {min(valid)}-{max(valid)}")
    bad = [y for y in ys if y not in valid]
    if bad:
        raise ValueError(f"{name}={value!r}: {bad} outside the valid years {min(valid)}-{max(valid)}")


def _one_of(choices: Callable[[], list] | tuple, *, exclude=(), note: str = "") -> Rule:
    def rule(value, name, params):
        valid = [c for c in (choices() if callable(choices) else choices) if c not in exclude]
        try:
            check_choice(value, valid, name=name)
        except ValueError as err:
            raise ValueError(f"{err}{note}") from None

    return rule


def _some_of(choices: Callable[[], list] | tuple, *, empty_ok: bool = False) -> Rule:
    def rule(value, name, params):
        items = _list(value, name, "codes")
        if not items and empty_ok:
            return
        check_subset(items, choices() if callable(choices) else choices, name=name)

    return rule


def _int(low: int, high: float = math.inf) -> Rule:
    def rule(value, name, params):
        if not _is_int(value) or not low <= value <= high:
            span = f"at least {low}" if high == math.inf else f"within {low}-{high}"
            raise ValueError(f"{name}={value!r}: give an integer {span}")

    return rule


def _number(low: float, high: float = math.inf, *, low_open: bool = True, high_open: bool = True) -> Rule:
    def rule(value, name, params):
        ok = isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value)
        ok = ok and (value > low if low_open else value >= low) and (value < high if high_open else value <= high)
        if not ok:
            lo, hi = "(" if low_open else "[", ")" if high_open else "]"
            raise ValueError(f"{name}={value!r}: give a number in {lo}{low}, {high}{hi}")

    return rule


def _seed(value, name, params):
    if not _is_int(value) or value < 0:
        raise ValueError(f"{name}={value!r}: give a non-negative integer seed")


def _shock_origin(value, name, params):
    items = _list(value, name, "[economy, industry], e.g. ['CHN', 'c14']")
    if len(items) != 2:
        raise ValueError(f"{name}={value!r}: give [economy, industry], e.g. ['CHN', 'c14']")
    check_choice(items[0], wiod_countries()["wiod"].tolist(), name=f"{name} economy")
    check_choice(items[1], wiod_industries()["code"].tolist(), name=f"{name} industry")


def _variants(value, name, params):
    items = _list(value, name, "index variants (None: the default index)")
    if not items or not all(v is None or isinstance(v, str) for v in items):
        raise ValueError(f"{name}={value!r}: give a non-empty list of index variants (None: the default index)")


def _iso3() -> list[str]:
    return wiod_countries().query("wiod != 'RoW'")["iso3"].tolist()


def _industries() -> list[str]:
    return wiod_industries()["code"].tolist()


_NO_DTI = dict(exclude=("TWN",), note=" (not TWN: Taiwan has no digital trade index)")

PARAMETER_RULES: dict[str, Rule] = {
    # years
    "YEAR": _year(WIOD_YEARS),
    "YEARS": _years(WIOD_YEARS),
    "TABLE_YEAR": _year(WIOD_YEARS, within="YEARS"),
    "CF_YEAR": _year(WIOD_YEARS, within="YEARS"),
    "SHOCK_YEAR": _year(WIOD_YEARS),
    "BASE_YEAR": _year(WIOD_YEARS, before="SHOCK_YEAR_BJY"),
    "SHOCK_YEAR_BJY": _year(WIOD_YEARS),
    "PRE_YEARS": _years(PRE_SHOCK_YEARS, before="BASE_YEAR"),
    "SHOCK": _window,
    "LATEST": _year(DTI_YEARS),
    "DTI_YEAR": _year(DTI_YEARS),
    # economies and industries
    "COUNTRIES": _some_of(wiod_economies),
    "GVC_SHOW": _some_of(wiod_economies),
    "LABEL": _some_of(wiod_economies),
    "DROP": _some_of(wiod_economies, empty_ok=True),
    "SHOW": _some_of(_iso3),
    "FOCUS": _one_of(wiod_economies, **_NO_DTI),
    "ECONOMY": _one_of(wiod_economies, **_NO_DTI),
    "INDUSTRY": _one_of(_industries),
    "SHOCK_ORIGIN": _shock_origin,
    # methods and choices
    "METHOD": _one_of(METHODS),
    "DTI_VARIANT": _one_of(tuple(DTI_VARIANTS)),
    "RES_VARIANT": _one_of(tuple(RES_VARIANTS)),
    "CONTROLS": _some_of(CONTROLS, empty_ok=True),
    "OUTCOMES": _some_of(tuple(OUTCOMES)),
    "WILD": _one_of(WILD_WEIGHTS),
    "INDEX_VARIANTS": _variants,
    # counts, levels and model constants
    "TOP": _int(1),
    "FRONTIER_TOP": _int(1, 39),
    "INDUSTRY_TOP": _int(2, 41),
    "REPS": _int(99),
    "BOOT_REPS": _int(99),
    "FIRMS": _int(1),
    "SEED": _seed,
    "ALPHA": _number(0, 0.5),
    "PERCENTILE": _number(0, 100),
    "SHOCK_SIZE": _number(0, 1, high_open=False),
    "DISPERSION": _number(0, low_open=False),
    "THETA": _number(0),
    "PI": _number(0),
    "PHI": _number(0),
    "KAPPA0": _number(0),
    "RHO": _number(0, low_open=False),
    "BETA": _number(0, low_open=False),
}
"""Parameter name -> rule ``(value, name, parameters)``; a rule raises ``ValueError`` naming the parameter,
its value and what is valid."""


def check_parameters(**parameters) -> None:
    """Check a chapter's parameters against :data:`PARAMETER_RULES`; raise on the first bad one.

    Call it in the cell right after the chapter's ``parameters`` cell with every parameter:
    ``check_parameters(YEAR=YEAR, METHOD=METHOD)``.

    Parameters
    ----------
    **parameters
        Parameter name (as in the chapter) -> value.

    Returns
    -------
    None
        Nothing; the call returns only if every parameter is valid.

    Raises
    ------
    ValueError
        If a value breaks its rule (the message names the parameter, the value and the valid
        choices), or a name has no rule (add one to :data:`PARAMETER_RULES`).

    Examples
    --------
    >>> check_parameters(YEAR=2011, METHOD="entropy")
    >>> check_parameters(YEAR=1990)
    Traceback (most recent call last):
    ...
    ValueError: YEAR=1990: [1990] outside the valid years 1995-2011
    """
    unknown = sorted(set(parameters) - set(PARAMETER_RULES))
    if unknown:
        raise ValueError(f"no validation rule for parameter(s) {unknown}; parameters with a rule: "
                         f"{', '.join(PARAMETER_RULES)} (add one to helpers/book/parameters.py)")
    for name, value in parameters.items():
        try:
            PARAMETER_RULES[name](value, name, parameters)
        except TypeError:
            raise ValueError(f"{name}={value!r}: not a valid value (see the comment in the parameters cell)") from None
