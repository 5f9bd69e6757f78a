"""The shared argument checks (helpers.data.checks): one behaviour and one message style everywhere."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import check_choice, check_subset, check_years, safe_divide


def test_check_years_sorts_deduplicates_and_accepts_int_or_iterable():
    assert check_years(2011, range(1995, 2012)) == (2011,)
    assert check_years([2001, 1999, 2001], range(1995, 2012)) == (1999, 2001)
    assert check_years(np.int64(2000), [2000]) == (2000,)
    assert check_years(range(1995, 1998), range(1995, 2012)) == (1995, 1996, 1997)
    assert check_years([], [2000], allow_empty=True) == ()


@pytest.mark.parametrize(("years", "match"), [
    ("2011", r"years='2011': give an int or a list of ints, within 1995-2011"),
    (2011.0, "give an int"),
    ([2000, True], r"True is not an integer year; valid years are 1995-2011"),
    ([1994, 2000, 2012], r"\[1994, 2012\] outside the valid years 1995-2011"),
    ([], "years is empty; choose years within 1995-2011"),
])
def test_check_years_refuses_with_the_parameter_value_and_valid_span(years, match):
    with pytest.raises(ValueError, match=match):
        check_years(years, range(1995, 2012))


def test_check_years_uses_the_given_name():
    with pytest.raises(ValueError, match=r"^year=1990"):
        check_years(1990, range(1995, 2012), name="year")


def test_check_choice():
    assert check_choice("pca", ("entropy", "pca"), name="method") == "pca"
    with pytest.raises(ValueError, match=r"method='PCA': choose one of \['entropy', 'pca'\]"):
        check_choice("PCA", ("entropy", "pca"), name="method")


def test_check_subset_keeps_order_and_names_every_bad_value():
    assert check_subset(["b", "a"], "abc", name="cols") == ["b", "a"]
    assert check_subset("a", ["a", "ab"], name="cols") == ["a"]  # one string is one value, not its letters
    with pytest.raises(ValueError, match=r"cols: \['x', 'y'\] are not valid; choose from \['a', 'b'\]"):
        check_subset(["a", "x", "y"], ["a", "b"], name="cols")
    with pytest.raises(ValueError, match="cols is empty"):
        check_subset([], ["a"], name="cols")


def test_safe_divide_fill_and_tolerance():
    assert safe_divide([1.0, 2.0, 3.0], [2.0, 0.0, -4.0]).tolist() == [0.5, 0.0, -0.75]
    out = safe_divide([1.0, 1.0, 1.0], [1e-13, 1e-11, 0.0], fill=np.nan, tol=1e-12)
    assert np.isnan(out[0]) and out[1] == pytest.approx(1e11) and np.isnan(out[2])
    assert safe_divide(np.ones((2, 3)), np.array([1.0, 2.0, 0.0])).tolist() == [[1.0, 0.5, 0.0]] * 2  # broadcasts
    assert safe_divide([1.0, np.nan], [np.nan, 2.0], fill=-1.0).tolist()[0] == -1.0  # a NaN denominator gets fill
    assert np.isnan(safe_divide([np.nan], [2.0])[0])  # a NaN numerator stays NaN
