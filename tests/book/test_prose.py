"""Verdicts and the formatting of numbers in prose."""

from __future__ import annotations

import math

import numpy as np
import pytest

from helpers import (
    direction,
    fmt_agreement,
    fmt_estimate,
    fmt_int,
    fmt_num,
    fmt_p,
    fmt_sci,
    fmt_share,
    glue,
    verdict,
)
from helpers.book.prose import to_python


@pytest.mark.parametrize(("estimate", "p", "expected"), [
    (0.5, 0.01, "predicts"),
    (-0.5, 0.01, "is inversely related to"),
    (0.5, 0.05, "does not predict"),  # p equal to alpha is not significant
    (0.5, 0.2, "does not predict"),
    (0.5, math.nan, "does not predict"),
])
def test_verdict(estimate, p, expected):
    assert verdict(estimate, p, 0.05) == expected


def test_verdict_custom_phrases_and_alpha():
    assert verdict(1.0, 0.08, 0.10, positive="rises", negative="falls", none="flat") == "rises"
    assert verdict(-1.0, 0.08, 0.05, positive="rises", negative="falls", none="flat") == "flat"


@pytest.mark.parametrize(("before", "after", "tol", "expected"), [
    (0.168, 0.262, 0.0, "rose"),
    (0.262, 0.221, 0.0, "fell"),
    (0.5, 0.5, 0.0, "did not change"),
    (0.5, 0.5004, 0.001, "did not change"),  # within the tolerance
    (0.5, 0.502, 0.001, "rose"),
    (np.float64(3.0), np.int64(1), 0.0, "fell"),  # NumPy scalars as the chapters pass them
])
def test_direction(before, after, tol, expected):
    assert direction(before, after, tol=tol) == expected


def test_direction_custom_phrases_and_bad_input():
    assert direction(1, 2, up="widened", down="narrowed") == "widened"
    assert direction(2, 1, up="widened", down="narrowed") == "narrowed"
    with pytest.raises(ValueError, match="before=nan"):
        direction(math.nan, 1.0)
    with pytest.raises(ValueError, match="after='x'"):
        direction(1.0, "x")
    with pytest.raises(ValueError, match="tol=-0.1"):
        direction(1.0, 2.0, tol=-0.1)


def test_p_values_never_show_zero():
    assert fmt_p(0.0) == "p < 0.001"
    assert fmt_p(1e-12) == "p < 0.001"
    assert fmt_p(0.0004999) == "p < 0.001"
    assert fmt_p(0.001) == "p = 0.001"
    assert fmt_p(0.04321) == "p = 0.043"
    assert fmt_p(0.04321, prefix=False) == "0.043"
    assert fmt_p(float("nan")) == "p not defined"


def test_numbers():
    assert fmt_num(1234567.891, 1) == "1,234,567.9"
    assert fmt_num(-0.0004, 3) == "0.000"  # no negative zero
    assert fmt_num(0.0432, 3, sign=True) == "+0.043"
    assert fmt_int(622.0) == "622" and fmt_int(24395) == "24,395"
    with pytest.raises(ValueError, match="not a whole number"):
        fmt_int(2.5)
    assert fmt_share(0.12345) == "12.3%"
    assert fmt_sci(8.149073e-10) == "8.1 × 10⁻¹⁰"
    assert fmt_sci(9.96e-5) == "1.0 × 10⁻⁴"
    assert fmt_sci(1.113585e7) == "1.1 × 10⁷"
    assert fmt_agreement(4.2e-17) == "to machine precision"
    assert fmt_agreement(5.6e-9) == "to within 5.6 × 10⁻⁹"
    assert fmt_estimate(0.0432, 0.012, 0.0004) == "b = +0.043 (se 0.012, p < 0.001)"


def test_glue_values_are_plain_python():
    assert type(to_python(np.float64(0.5))) is float
    assert type(to_python(np.int64(3))) is int
    assert type(to_python(np.array(2.0))) is float
    assert to_python("x") == "x"
    glue("test_value", np.float64(0.25))  # outside a kernel myst-nb's glue only displays metadata


def _summary(rows):
    import pandas as pd

    return pd.DataFrame(rows, columns=["hypothesis", "topic", "n_tests", "n_supports", "n_against", "overall"])


def test_summary_sentence_names_each_verdict_with_its_counts():
    from helpers import summary_sentence

    s = _summary([("H1", "Length", 8, 0, 0, "not supported"), ("H3", "Resilience", 11, 0, 1, "contradicted"),
                  ("H6", "Shock response", 16, 1, 0, "supported"), ("H2b", "Position", 4, 2, 1, "mixed")])
    assert summary_sentence(s) == (
        "significant tests with the predicted sign, and none against, support H6 (shock response: 1 of 16 tests "
        "significant); significant tests run against H3 (resilience: 1 of 11 tests significant), and none supports "
        "them; the tests are mixed for H2b (position: 3 of 4 tests significant); the other hypotheses have no "
        "significant test")
    nothing = _summary([("H1", "Length", 8, 0, 0, "not supported")])
    assert summary_sentence(nothing) == ("no hypothesis of the paper is supported by a significant test with the "
                                         "predicted sign; the hypotheses have no significant test")


def test_summary_sentence_rejects_a_frame_that_is_not_a_summary():
    from helpers import summary_sentence

    with pytest.raises(ValueError, match=r"columns \['overall'\] are missing"):
        summary_sentence(_summary([("H1", "Length", 8, 0, 0, "x")]).drop(columns="overall"))
    with pytest.raises(ValueError, match=r"summary overall: \['great'\] are not valid"):
        summary_sentence(_summary([("H1", "Length", 8, 0, 0, "great")]))
