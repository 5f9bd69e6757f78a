"""Every chapter checks every parameter, through one helper, right after its parameters cell."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import jupytext
import pytest

from helpers import PARAMETER_RULES, check_parameters

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.md"))


def _defaults(chapter: str) -> tuple[dict, str]:
    """The parameters cell's values (evaluated) and the source of the cell after it."""
    cells = [c for c in jupytext.read(ROOT / "notebooks" / f"{chapter}.md").cells if c.cell_type == "code"]
    i = next(k for k, c in enumerate(cells) if "parameters" in c.metadata.get("tags", []))
    ns: dict = {}
    exec(cells[i].source, {}, ns)  # literals only
    return ns, cells[i + 1].source


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_cell_after_the_parameters_checks_every_one(chapter):
    params, nxt = _defaults(chapter)
    call = next(n for n in ast.walk(ast.parse(nxt)) if isinstance(n, ast.Call)
                and getattr(n.func, "id", "") == "check_parameters")
    assert {k.arg for k in call.keywords} == set(params), "check_parameters must receive every parameter"
    assert all(isinstance(k.value, ast.Name) and k.value.id == k.arg for k in call.keywords)
    check_parameters(**params)  # the defaults are valid


@pytest.mark.parametrize("name, value, message", [
    ("YEAR", 1990, r"YEAR=1990: \[1990\] outside the valid years 1995-2011"),
    ("YEAR", "2005", r"YEAR='2005': give one year, an int within 1995-2011"),
    ("YEARS", 2005, r"YEARS=2005: give a list of years"),
    ("METHOD", "x", r"METHOD='x': choose one of \['entropy', 'equal', 'pca', 'critic'\]"),
    ("ECONOMY", "TWN", r"ECONOMY='TWN': choose one of \[.*\] \(not TWN: Taiwan has no digital trade index\)"),
    ("FOCUS", "XXX", r"FOCUS='XXX': choose one of \['AUS'"),
    ("SHOW", ["ROM"], r"SHOW: \['ROM'\] are not valid; choose from \['AUS'"),
    ("COUNTRIES", "CHN", r"COUNTRIES='CHN': give a list of codes"),
    ("CONTROLS", ["gdp"], r"CONTROLS: \['gdp'\] are not valid; choose from \['ln_gdp_pc', 'hc'\]"),
    ("SHOCK", (2009, 2008), r"SHOCK=\(2009, 2008\): give two increasing years"),
    ("ALPHA", 0.7, r"ALPHA=0.7: give a number in \(0, 0.5\)"),
    ("SHOCK_SIZE", 0, r"SHOCK_SIZE=0: give a number in \(0, 1\]"),
    ("REPS", 10, r"REPS=10: give an integer at least 99"),
    ("SHOCK_ORIGIN", ["CHN", "c99"], r"SHOCK_ORIGIN industry='c99': choose one of \['c1'"),
    ("INDUSTRY", "c0", r"INDUSTRY='c0': choose one of \['c1'"),
    ("WILD", "normal", r"WILD='normal': choose one of \['rademacher', 'webb'\]"),
])
def test_a_bad_value_is_named_with_the_valid_ones(name, value, message):
    with pytest.raises(ValueError, match=message):
        check_parameters(**{name: value})


def test_relations_between_parameters():
    with pytest.raises(ValueError, match=r"TABLE_YEAR=2005: \[2005\] outside the valid years 2000-2001"):
        check_parameters(YEARS=[2000, 2001], TABLE_YEAR=2005)
    with pytest.raises(ValueError, match=r"BASE_YEAR=2009 must precede SHOCK_YEAR_BJY=2009"):
        check_parameters(BASE_YEAR=2009, SHOCK_YEAR_BJY=2009)
    with pytest.raises(ValueError, match=r"PRE_YEARS=\[2006\]: every year must precede BASE_YEAR=2005"):
        check_parameters(PRE_YEARS=[2006], BASE_YEAR=2005)
    with pytest.raises(ValueError, match=r"SHOCK=\(2008, 2009\): \[2008, 2009\] outside the valid years 2000-2005"):
        check_parameters(YEARS=list(range(2000, 2006)), SHOCK=(2008, 2009))


def test_a_parameter_without_a_rule_is_refused():
    with pytest.raises(ValueError, match=r"no validation rule for parameter\(s\) \['NEW'\]"):
        check_parameters(NEW=1)
    assert all(re.fullmatch(r"[A-Z][A-Z0-9_]*", k) for k in PARAMETER_RULES)
