"""The world input-output table object and the WIOD 2013 reader.

A world input-output table (WIOT) with ``G`` regions and ``N`` industries has
``n = G * N`` country-industry pairs, ordered country-major (all industries of
the first country, then the next country...).  In the notation of Miller &
Blair (2009, ch. 2) and Wang, Wei & Zhu (2013):

- ``Z`` (n x n): intermediate deliveries, ``Z[i, j]`` = sales of pair i to pair j;
- ``F`` (n x G*K): final demand by destination country and use category
  (K = 5 WIOD uses: CONS_h, CONS_np, CONS_g, GFCF, INVEN), destination-major;
- ``Y`` (n x G): final demand summed over uses, by destination country;
- ``x`` (n): gross output;
- ``va`` (n): value added, ``va_j = x_j - sum_i Z[i, j]`` (WIOD 2013 has no
  separate value-added row in this distribution: the residual therefore also
  holds net taxes on products and international transport margins).

The WIOD 2013 tables as distributed in the R package ``wiod`` store ``Z`` and
``F`` as integers (US$ million, rounded to the nearest million) and ``x`` as a
whole number.  Rounding every cell to the nearest integer moves a row sum by at
most half a million per cell, so the row identity
``x_i = sum_j Z[i, j] + sum_d F[i, d]`` holds up to ``0.5 * (n + G*K + 1)``;
:meth:`WIOT.balance_bound` returns that bound and the tests check it for every
year.  Because positive cells below 0.5 are stored as 0, the residual is
positive in most rows (about +35 on average in 1995).
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .cache import cached_arrays
from .checks import check_choice, check_year, check_years
from .facts import final_demand_categories, wiod_industries
from .manifest import DataParseError, data_path

WIOD_YEARS = tuple(range(1995, 2012))


@dataclass(frozen=True, eq=False)
class WIOT:
    """A world input-output table with labels.

    A table with ``G`` regions and ``N`` industries has ``n = G * N`` country-industry pairs,
    country-major; notation as in the module docstring (Miller & Blair 2009, ch. 2). Build it with
    :func:`load_wiot`, :func:`load_longrun_wiot` or :func:`gvc_fixture_table`, or directly from arrays.

    Parameters
    ----------
    year : int
        Year of the table (0 for a toy table).
    countries : tuple of str
        ``G`` region codes in table order (WIOD codes: ``ROM`` for Romania, ``RoW`` last).
    industries : tuple of str
        ``N`` industry codes in table order (``c1`` ... ``c35`` for WIOD 2013).
    Z : numpy.ndarray, shape (n, n)
        Intermediate deliveries, float64, US$ million.
    F : numpy.ndarray, shape (n, G * K)
        Final demand by destination country (major) and use category (minor).
    x : numpy.ndarray, shape (n,)
        Gross output.
    uses : tuple of str
        The ``K`` final-use categories.
    source : str
        Where the table came from (for messages and provenance).

    Raises
    ------
    ValueError
        If ``Z``, ``F`` or ``x`` has the wrong shape for ``G`` regions and ``N`` industries, or holds
        NaN or infinite values.
    """

    year: int
    countries: tuple[str, ...]
    industries: tuple[str, ...]
    Z: np.ndarray
    F: np.ndarray
    x: np.ndarray
    uses: tuple[str, ...] = ("FD",)
    source: str = ""
    _memo: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        n = self.G * self.N
        if self.Z.shape != (n, n):
            raise ValueError(
                f"Z has shape {self.Z.shape}; expected ({n}, {n}) for {self.G} regions x {self.N} industries"
            )
        if self.F.shape != (n, self.G * len(self.uses)):
            raise ValueError(f"F has shape {self.F.shape}; expected ({n}, {self.G * len(self.uses)})")
        if self.x.shape != (n,):
            raise ValueError(f"x has shape {self.x.shape}; expected ({n},)")
        for name in ("Z", "F", "x"):
            arr = getattr(self, name)
            if not np.all(np.isfinite(arr)):
                raise ValueError(f"{name} of the {self.year} table ({self.source}) holds NaN or infinite values")

    # ---- sizes and labels -------------------------------------------------
    @property
    def G(self) -> int:
        """Number of regions."""
        return len(self.countries)

    @property
    def N(self) -> int:
        """Number of industries per region."""
        return len(self.industries)

    @property
    def n(self) -> int:
        """Number of country-industry pairs, ``G * N``."""
        return self.G * self.N

    @property
    def index(self) -> pd.MultiIndex:
        """Row/column labels: (country, industry), country-major."""
        return pd.MultiIndex.from_product([self.countries, self.industries], names=["country", "industry"])

    @property
    def final_columns(self) -> pd.MultiIndex:
        """Column labels of ``F``: (destination country, use)."""
        return pd.MultiIndex.from_product([self.countries, self.uses], names=["destination", "use"])

    # ---- derived blocks -----------------------------------------------------
    @property
    def Y(self) -> np.ndarray:
        """Final demand by destination country, shape (n, G): uses summed."""
        if "Y" not in self._memo:
            self._memo["Y"] = self.F.reshape(self.n, self.G, len(self.uses)).sum(axis=2)
        return self._memo["Y"]

    @property
    def va(self) -> np.ndarray:
        """Value added (incl. net taxes and margins), ``x - Z.sum(axis=0)``, shape (n,)."""
        return self.x - self.Z.sum(axis=0)

    def row_residual(self) -> np.ndarray:
        """Compute the row identity's residual ``x - Z u - F u``.

        Returns
        -------
        numpy.ndarray, shape (n,)
            Zero in an exact table; within :meth:`balance_bound` in absolute value for a table whose
            cells are rounded (WIOD 2013).
        """
        return self.x - self.Z.sum(axis=1) - self.F.sum(axis=1)

    def balance_bound(self) -> float:
        """Return the largest row residual that integer rounding of every cell (and of ``x``) can produce.

        Returns
        -------
        float
            ``0.5 * (n + G K + 1)``: half a unit for each of the ``n`` intermediate and ``G K`` final
            cells of a row and for the output itself.
        """
        return 0.5 * (self.Z.shape[1] + self.F.shape[1] + 1)

    def frame(self, name: str) -> pd.DataFrame | pd.Series:
        """Return a labelled copy of one block of the table.

        Parameters
        ----------
        name : {"Z", "F", "Y", "x", "va"}
            The block.

        Returns
        -------
        pandas.DataFrame or pandas.Series
            ``Z`` (n x n), ``F`` (n x G K) and ``Y`` (n x G) as frames with (country, industry) rows;
            ``x`` and ``va`` as series.

        Raises
        ------
        KeyError
            For another name.
        """
        idx = self.index
        if name == "Z":
            return pd.DataFrame(self.Z, index=idx, columns=idx)
        if name == "F":
            return pd.DataFrame(self.F, index=idx, columns=self.final_columns)
        if name == "Y":
            return pd.DataFrame(self.Y, index=idx, columns=pd.Index(self.countries, name="destination"))
        if name in ("x", "va"):
            return pd.Series(getattr(self, name), index=idx, name=name)
        raise KeyError(f"unknown block {name!r}; choose Z, F, Y, x or va")

    def industry_names(self) -> pd.Series:
        """Return the industry names of the table's codes.

        Returns
        -------
        pandas.Series
            Indexed by industry code: the WIOD 2013 name for ``c1`` ... ``c35``, the code itself for
            any other (toy tables).
        """
        ind = wiod_industries().set_index("code")["name"]
        return pd.Series([ind.get(c, c) for c in self.industries], index=list(self.industries), name="industry_name")

    def __repr__(self) -> str:
        return (
            f"WIOT(year={self.year}, regions={self.G}, industries={self.N}, uses={len(self.uses)}, "
            f"total output={self.x.sum():,.0f})"
        )


def read_rdata(source: str, name: str, obj: str):
    """Read one object of an R data file (``.RData`` / ``.rda``) of the manifest.

    Parameters
    ----------
    source, name : str
        Source id and file name in ``data/sources.toml``.
    obj : str
        Name of the R object inside the file.

    Returns
    -------
    object
        The converted object (dict, DataFrame or xarray, as the ``rdata`` package returns it).

    Raises
    ------
    DataParseError
        If the parser fails or the object is not in the file; the message names the file.
    """
    import rdata

    path = data_path(source, name)
    try:
        # the WIOD tables are lists of R class "iot", which rdata does not know: keep them as lists
        # (rdata would do so with a warning; a constructor instead of a warning filter keeps this
        # safe to call from several threads)
        classes = rdata.conversion.DEFAULT_CLASS_MAP | {"iot": lambda obj, attrs: obj}
        converted = rdata.conversion.convert(rdata.parser.parse_file(path), constructor_dict=classes)
    except Exception as err:
        raise DataParseError(f"the R data parser (rdata) failed on {path}: {type(err).__name__}: {err}") from err
    if obj not in converted:
        raise DataParseError(f"{path}: no R object {obj!r}; objects: {sorted(converted)}")
    return converted[obj]


def load_wiot(year: int) -> WIOT:
    """Load one WIOD 2013 world input-output table.

    Parameters
    ----------
    year : int
        1995 to 2011.

    Returns
    -------
    WIOT
        41 regions x 35 industries (n = 1435), five final-use categories, US$ million.
        Tables are cached per process (at most :data:`WIOT_CACHE_SIZE`; ``load_wiot.cache_clear()``
        empties the cache); treat the arrays as read-only.

    Raises
    ------
    ValueError
        For a year that is not an integer within 1995-2011.
    DataNotFoundError, ChecksumError, DataParseError
        From the data layer.

    References
    ----------
    Timmer, Dietzenbacher, Los, Stehrer & de Vries (2015), "An Illustrated User Guide to the
    World Input-Output Database: the Case of Global Automotive Production", Review of
    International Economics 23(3), 575-605.

    Examples
    --------
    >>> t = load_wiot(1995)
    >>> t.Z.shape, t.F.shape
    ((1435, 1435), (1435, 205))
    """
    return _load_wiot(check_year(year, WIOD_YEARS, name="year"))


WIOT_CACHE_SIZE = 20
"""Tables kept in memory by :func:`load_wiot` (each about 17 MB)."""


def _parse_wiot(year: int) -> dict[str, np.ndarray]:
    path = data_path("wiod2013", f"wiot_{year}.RData")
    d = read_rdata("wiod2013", f"wiot_{year}.RData", f"wiot_{year}")
    try:
        return {"countries": np.asarray([str(c) for c in d["countries"]]),
                "industries": np.asarray([str(c) for c in d["industries"]]),
                "Z": np.asarray(d["inter"], dtype=np.float64), "F": np.asarray(d["final"], dtype=np.float64),
                "x": np.asarray(d["output"], dtype=np.float64)}
    except KeyError as err:
        raise DataParseError(
            f"{path}: expected elements inter, final, output, countries, industries; missing {err}"
        ) from err


def _table_from_arrays(year: int, a: dict[str, np.ndarray], uses, source: str) -> WIOT:
    for k in ("Z", "F", "x"):
        a[k].setflags(write=False)
    return WIOT(year, tuple(str(c) for c in a["countries"]), tuple(str(c) for c in a["industries"]), a["Z"], a["F"],
                a["x"], tuple(uses), source=source)


@lru_cache(maxsize=WIOT_CACHE_SIZE)
def _load_wiot(year: int) -> WIOT:
    name = f"wiot_{year}.RData"
    arrays = cached_arrays(f"wiod2013-{year}", lambda: _parse_wiot(year), inputs=[("wiod2013", name)],
                           code=[Path(__file__)])
    return _table_from_arrays(year, arrays, final_demand_categories(), str(data_path("wiod2013", name)))


load_wiot.cache_clear = _load_wiot.cache_clear  # type: ignore[attr-defined]


def load_wiots(years=WIOD_YEARS) -> list[WIOT]:
    """Load several WIOD 2013 tables, reading the raw files in parallel threads.

    Reading a table is mostly bzip2 decompression, which releases the GIL, so on a cold start
    (no table in memory, no parsed copy in the cache) the files are read by up to
    ``os.cpu_count()`` threads at once; tables already loaded come from :func:`load_wiot`'s cache.

    Parameters
    ----------
    years : int or iterable of int
        WIOD years (default 1995-2011).

    Returns
    -------
    list of WIOT
        In the order of the sorted, unique years.

    Raises
    ------
    ValueError
        For a year outside 1995-2011.
    """
    years = check_years(years, WIOD_YEARS)
    workers = max(1, min(len(years), os.cpu_count() or 1, 4))
    if workers == 1:
        return [_load_wiot(y) for y in years]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_load_wiot, years))


LONGRUN_YEARS = (1990, *range(1995, 2001))
"""Years of the long-run WIOD copy (``wiod-longrun-ionet``)."""


def load_longrun_wiot(year: int) -> WIOT:
    """Load a long-run WIOD table (26 regions x 23 industries, full precision) as a :class:`WIOT`.

    ``xROW`` is renamed ``RoW``; the four final uses are ``CONS_h, CONS_g, GFCF, INVEN``.

    Parameters
    ----------
    year : int
        1990 or 1995-2000.

    Returns
    -------
    WIOT
        The table of ``year``, US$ million at current prices.

    Raises
    ------
    ValueError
        For a year the long-run copy does not hold.

    References
    ----------
    Woltjer, Gouma & Timmer (2021), "Long-run World Input-Output Database: Version 1.0 Sources and
    Methods", GGDC Research Memorandum 190.
    """
    year = check_year(year, LONGRUN_YEARS, name="year")
    name = f"WIODlr_WIOT_{year}.rda"

    def parse() -> dict[str, np.ndarray]:
        df = read_rdata("wiod-longrun-ionet", name, f"WIODlr_WIOT_{year}")
        body = df[df["Country"] != "xTOT"]
        n = len(body)
        countries = ["RoW" if c == "xROW" else str(c) for c in dict.fromkeys(body["Country"])]
        return {"countries": np.asarray(countries),
                "industries": np.asarray([str(c) for c in dict.fromkeys(body["IndustryCode_isic3"])]),
                "Z": body.iloc[:, 4 : 4 + n].to_numpy(dtype=float),
                "F": body.iloc[:, 4 + n : 4 + n + 4 * len(countries)].to_numpy(dtype=float),
                "x": body["xTOT_xGO"].to_numpy(dtype=float)}

    arrays = cached_arrays(f"longrun-{year}", parse, inputs=[("wiod-longrun-ionet", name)], code=[Path(__file__)])
    return _table_from_arrays(year, arrays, ("CONS_h", "CONS_g", "GFCF", "INVEN"), f"long-run WIOD {year}")


FIXTURES = ("leather", "iciotest")
"""Toy input-output tables of the peer packages' tests."""


def gvc_fixture_table(name: str) -> WIOT:
    """Load a toy ICIO of the peer packages' tests as a :class:`WIOT`.

    Parameters
    ----------
    name : {"leather", "iciotest"}
        decompr's 3-country x 3-industry "leather" table (fixtures-decompr) or exvatools'
        ``iciotest_data`` (10 units incl. the MX1/MX2/CN1/CN2 splits x 3 sectors, final demand of
        6 countries x 2 uses; gross output = row sums, as in exvatools).

    Returns
    -------
    WIOT
        ``year`` 0; the leather table with one final use ``FD``, the iciotest table with the uses
        ``CONS`` and ``INVST`` and zero final-demand columns for the four split units.

    Raises
    ------
    ValueError
        For an unknown fixture name.
    """
    check_choice(name, FIXTURES, name="name")
    if name == "leather":
        d = read_rdata("fixtures-decompr", "leather.rda", "leather")
        Z = np.asarray(d["inter"], dtype=float)
        F = np.asarray(d["final"], dtype=float)
        x = np.asarray(d["out"], dtype=float)
        return WIOT(0, tuple(map(str, d["countries"])), tuple(map(str, d["industries"])), Z, F, x, ("FD",), "leather")
    e = read_rdata("fixtures-exvatools", "iciotest_data.rda", "iciotest_data")
    M = np.asarray(e, dtype=float)
    rows = [str(v) for v in e.coords["dim_0"].values]
    cols = [str(v) for v in e.coords["dim_1"].values]
    units = list(dict.fromkeys(r.split("_")[0] for r in rows))
    inds = list(dict.fromkeys(r.split("_", 1)[1] for r in rows))
    n = len(rows)
    fcols = cols[n:]
    uses = list(dict.fromkeys(c.split("_")[1] for c in fcols))
    F = np.zeros((n, len(units) * len(uses)))
    for k, c in enumerate(fcols):
        cc, u = c.split("_")
        F[:, units.index(cc) * len(uses) + uses.index(u)] = M[:, n + k]
    Z = M[:, :n]
    return WIOT(0, tuple(units), tuple(inds), Z, F, Z.sum(1) + F.sum(1), tuple(uses), "iciotest")


def balance_table(years=WIOD_YEARS) -> pd.DataFrame:
    """Row identity of every table within rounding: one row per year.

    Parameters
    ----------
    years : int or iterable of int
        WIOD years (default 1995-2011).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``year``: ``max_abs_residual`` (max over rows of ``|x - Z1 - F1|``),
        ``mean_residual``, ``bound`` (:meth:`WIOT.balance_bound`), ``share_positive`` (share of rows
        with a positive residual) and ``min_va`` (smallest value added of any country-industry).
    """
    rows = []
    for t in load_wiots(years):
        y = t.year
        r = t.row_residual()
        rows.append({"year": int(y), "max_abs_residual": float(np.abs(r).max()), "mean_residual": float(r.mean()),
                     "bound": t.balance_bound(), "share_positive": float((r > 0).mean()),
                     "min_va": float(t.va.min())})
    return pd.DataFrame(rows).set_index("year")
