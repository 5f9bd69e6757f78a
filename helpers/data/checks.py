"""Argument checks shared by every layer: one behaviour, one message style.

Every public function that takes years, a choice among named options or economies checks them
here and raises :class:`ValueError` naming the parameter, the offending value(s) and the valid
choices. Years may be given as one int or as any iterable of ints (``2011``, ``[2010, 2011]``,
``range(1995, 2012)``); a string is refused rather than guessed at.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np


def check_years(years, valid: Iterable[int], *, name: str = "years", allow_empty: bool = False) -> tuple[int, ...]:
    """Validate a year or a collection of years against the valid ones.

    Parameters
    ----------
    years : int or iterable of int
        The years asked for (duplicates are dropped).
    valid : iterable of int
        The years the data cover.
    name : str
        Parameter name used in the error message.
    allow_empty : bool
        Accept an empty collection.

    Returns
    -------
    tuple of int
        Sorted, unique years.

    Raises
    ------
    ValueError
        If a year is not an integer, not in ``valid``, or the collection is empty.

    Examples
    --------
    >>> check_years(2011, range(1995, 2012))
    (2011,)
    >>> check_years([2001, 1999, 2001], range(1995, 2012))
    (1999, 2001)
    """
    valid = tuple(int(v) for v in valid)
    span = f"{min(valid)}-{max(valid)}" if valid else "none"
    if isinstance(years, (str, bytes)) or isinstance(years, float):
        raise ValueError(f"{name}={years!r}: give an int or a list of ints, within {span}")
    items = [years] if isinstance(years, (int, np.integer)) else list(years)
    out = []
    for y in items:
        if isinstance(y, bool) or not isinstance(y, (int, np.integer)):
            raise ValueError(f"{name}={years!r}: {y!r} is not an integer year; valid years are {span}")
        out.append(int(y))
    bad = sorted({y for y in out if y not in valid})
    if bad:
        raise ValueError(f"{name}={years!r}: {bad} outside the valid years {span}")
    if not out and not allow_empty:
        raise ValueError(f"{name} is empty; choose years within {span}")
    return tuple(sorted(set(out)))


def check_year(year, valid: Iterable[int], *, name: str = "year") -> int:
    """Validate one year (an int, not a list or a string) against the valid ones.

    Parameters
    ----------
    year : int
        The year asked for.
    valid : iterable of int
        The years the data cover.
    name : str
        Parameter name used in the error message.

    Returns
    -------
    int
        The year.

    Raises
    ------
    ValueError
        If ``year`` is not one integer or not in ``valid``; the message names the parameter, the
        value and the valid span.

    Examples
    --------
    >>> check_year(2005, range(1995, 2012))
    2005
    """
    valid = tuple(int(v) for v in valid)
    span = f"{min(valid)}-{max(valid)}" if valid else "none"
    if isinstance(year, bool) or not isinstance(year, (int, np.integer)):
        raise ValueError(f"{name}={year!r}: give one year, an int within {span}")
    (y,) = check_years(year, valid, name=name)
    return y


def check_year_order(valid: Iterable[int], **years) -> tuple[int, ...]:
    """Validate years that must be valid and strictly increasing in the order given (e.g. a shock window).

    Parameters
    ----------
    valid : iterable of int
        The years the data cover.
    **years : int
        Parameter name -> year, in their required order (``peak=2008, trough=2009, end=2011``).

    Returns
    -------
    tuple of int
        The years, in the order given.

    Raises
    ------
    ValueError
        If a year is not valid or the years are not strictly increasing; the message names them all.

    Examples
    --------
    >>> check_year_order(range(1995, 2012), peak=2008, trough=2009, end=2011)
    (2008, 2009, 2011)
    """
    valid = tuple(valid)
    out = tuple(check_year(v, valid, name=k) for k, v in years.items())
    if any(b <= a for a, b in zip(out, out[1:], strict=False)):
        given = ", ".join(f"{k}={v}" for k, v in years.items())
        raise ValueError(f"{given}: must be strictly increasing ({' < '.join(years)}) within "
                         f"{min(valid)}-{max(valid)}")
    return out


def check_choice(value, choices: Iterable, *, name: str):
    """Validate that ``value`` is one of ``choices``.

    Parameters
    ----------
    value : object
        The value given.
    choices : iterable
        The valid values.
    name : str
        Parameter name used in the error message.

    Returns
    -------
    object
        ``value`` unchanged.

    Raises
    ------
    ValueError
        If ``value`` is not among ``choices``.
    """
    choices = list(choices)
    if value not in choices:
        raise ValueError(f"{name}={value!r}: choose one of {choices}")
    return value


def check_subset(values, choices: Iterable, *, name: str) -> list:
    """Validate that every element of ``values`` is one of ``choices``.

    Parameters
    ----------
    values : iterable
        The values given (a single string counts as one value).
    choices : iterable
        The valid values.
    name : str
        Parameter name used in the error message.

    Returns
    -------
    list
        ``values`` as a list, in the order given.

    Raises
    ------
    ValueError
        If some values are not valid, or none are given.
    """
    choices = list(choices)
    items = [values] if isinstance(values, str) else list(values)
    bad = [v for v in items if v not in choices]
    if bad:
        raise ValueError(f"{name}: {bad} are not valid; choose from {choices}")
    if not items:
        raise ValueError(f"{name} is empty; choose from {choices}")
    return items


def safe_divide(num, den, *, fill: float = 0.0, tol: float = 0.0) -> np.ndarray:
    """Element-wise ``num / den`` with ``fill`` where ``|den| <= tol`` (by default where ``den == 0``).

    Parameters
    ----------
    num, den : array_like
        Broadcastable arrays.
    fill : float
        Value where the denominator is zero (0 for accounting shares, NaN for ratios that are
        undefined).
    tol : float
        Denominators with absolute value at or below ``tol`` count as zero.

    Returns
    -------
    numpy.ndarray
        Float array of the broadcast shape.

    Examples
    --------
    >>> safe_divide([1.0, 2.0], [2.0, 0.0]).tolist()
    [0.5, 0.0]
    """
    num = np.asarray(num, dtype=float)
    den = np.asarray(den, dtype=float)
    out = np.full(np.broadcast(num, den).shape, fill, dtype=float)
    np.divide(num, den, out=out, where=np.abs(den) > tol)
    return out
