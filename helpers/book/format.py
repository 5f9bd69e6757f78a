"""Numbers in prose, formatted once: p-values, estimates, counts, shares, agreement of implementations.

Every number the chapters quote in a sentence goes through one of these functions and is glued as
text, so the prose never shows ``p = 0.000``, ``4.2e-17`` or ``622.0``, and the glued value is the
rounded string (stable from build to build).
"""

from __future__ import annotations

import math
import numbers

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _finite(x) -> bool:
    return isinstance(x, numbers.Real) and math.isfinite(float(x))


def fmt_p(p: float, *, digits: int = 3, prefix: bool = True) -> str:
    """A p-value for prose: ``p < 0.001`` below the display precision, else ``p = 0.032``.

    Parameters
    ----------
    p : float
        The p-value.
    digits : int
        Decimals shown (the threshold is ``10**-digits``).
    prefix : bool
        Start with ``p`` (``"p < 0.001"``) or not (``"< 0.001"``, for table cells).

    Returns
    -------
    str
        ``"p not defined"`` (or ``"–"`` without prefix) for NaN.

    Examples
    --------
    >>> fmt_p(0.00004), fmt_p(0.0321), fmt_p(0.0321, prefix=False)
    ('p < 0.001', 'p = 0.032', '0.032')
    """
    if not _finite(p):
        return "p not defined" if prefix else "–"
    p = float(p)
    if p < 10 ** (-digits):
        core = f"< {10 ** (-digits):.{digits}f}"
        return f"p {core}" if prefix else core
    core = f"{p:.{digits}f}"
    return f"p = {core}" if prefix else core


def fmt_num(x: float, digits: int = 3, *, sign: bool = False) -> str:
    """A number with fixed decimals and thousands separators (``1,234.5``); ``–`` for NaN.

    Parameters
    ----------
    x : float
        The number.
    digits : int
        Decimals shown.
        Decimals.
    sign : bool
        Always show the sign (``+0.043``), for estimates.

    Returns
    -------
    str
        The formatted number (never ``-0.000``), ``–`` for NaN or infinity.

    Examples
    --------
    >>> fmt_num(1234.5678, 1), fmt_num(0.04321, 3, sign=True)
    ('1,234.6', '+0.043')
    """
    if not _finite(x):
        return "–"
    x = float(x)
    if round(x, digits) == 0:
        x = 0.0  # no "-0.000"
    return f"{x:{'+' if sign else ''},.{digits}f}"


def fmt_int(n) -> str:
    """A count with thousands separators (``24,395``); ``–`` for a missing value.

    Parameters
    ----------
    n : int or float
        A whole number (a float like ``622.0`` is shown as ``622``).

    Returns
    -------
    str
        The count, ``–`` for NaN.

    Raises
    ------
    ValueError
        If ``n`` is not a whole number.
    """
    if not _finite(n):
        return "–"
    if float(n) != round(float(n)):
        raise ValueError(f"n={n!r} is not a whole number; use fmt_num for measurements")
    return f"{int(round(float(n))):,}"


def fmt_share(x: float, digits: int = 1) -> str:
    """A share in [0, 1] as a percentage (``0.1234`` -> ``12.3%``); ``–`` for NaN.

    Parameters
    ----------
    x : float
        The share (0.1234 for 12.34%).
    digits : int
        Decimals of the percentage.

    Returns
    -------
    str
        The percentage, ``–`` for NaN.
    """
    if not _finite(x):
        return "–"
    return f"{100 * float(x):.{digits}f}%"


def fmt_sci(x: float, sig: int = 2) -> str:
    """A small or large number in readable scientific notation (``8.1 × 10⁻¹⁰``).

    Parameters
    ----------
    x : float
        The number.
    sig : int
        Significant digits.

    Returns
    -------
    str
        Mantissa with ``sig`` significant digits times a power of ten in superscript (no power
        for exponent 0); ``"0"`` for zero, ``"–"`` for NaN.

    Examples
    --------
    >>> fmt_sci(8.149073e-10)
    '8.1 × 10⁻¹⁰'
    """
    if not _finite(x):
        return "–"
    x = float(x)
    if x == 0:
        return "0"
    exp = int(math.floor(math.log10(abs(x))))
    mant = x / 10**exp
    if round(abs(mant), sig - 1) >= 10:  # 9.96 -> 10.0 -> 1.0 x 10^(exp+1)
        exp += 1
        mant = x / 10**exp
    if exp == 0:
        return f"{mant:.{sig - 1}f}"
    return f"{mant:.{sig - 1}f} × 10{str(exp).translate(_SUPERSCRIPT)}"


MACHINE_PRECISION = 1e-12
"""Relative gap below which two floating-point results are said to agree to machine precision."""


def fmt_agreement(diff: float, scale: float = 1.0) -> str:
    """How closely two implementations agree, for prose ("... agree {fmt_agreement(d)}").

    Parameters
    ----------
    diff : float
        Largest absolute difference.
    scale : float
        Typical magnitude of the compared numbers (the gap is judged relative to it).

    Returns
    -------
    str
        ``"to machine precision"`` when ``diff <= 1e-12 * max(scale, 1)``, else
        ``"to within 2.1 × 10⁻⁹"``.

    Examples
    --------
    >>> fmt_agreement(4.2e-17), fmt_agreement(2.13e-9)
    ('to machine precision', 'to within 2.1 × 10⁻⁹')
    """
    if not _finite(diff):
        return "(not compared)"
    if abs(float(diff)) <= MACHINE_PRECISION * max(abs(float(scale)), 1.0):
        return "to machine precision"
    return f"to within {fmt_sci(abs(float(diff)))}"


def fmt_estimate(coef: float, se: float | None = None, p: float | None = None, digits: int = 3) -> str:
    """An estimate for prose: ``b = +0.043 (se 0.012, p = 0.003)``.

    Parameters
    ----------
    coef : float
        The estimate (shown with its sign).
    se, p : float, optional
        Standard error and p-value, shown if given.
    digits : int
        Decimals of the coefficient and the standard error.

    Returns
    -------
    str
        ``b = +0.043``, followed by ``(se ..., p ...)`` for the parts given.
    """
    parts = []
    if se is not None:
        parts.append(f"se {fmt_num(se, digits)}")
    if p is not None:
        parts.append(fmt_p(p))
    tail = f" ({', '.join(parts)})" if parts else ""
    return f"b = {fmt_num(coef, digits, sign=True)}{tail}"
