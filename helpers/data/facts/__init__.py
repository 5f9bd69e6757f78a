"""Facts that are data, not code: one CSV file each in this folder, read by the functions below.

- ``wiod_countries.csv``: the 41 WIOD 2013 regions (WIOD code, ISO3, name, region, EU member in 2011).
  WIOD codes Romania ``ROM``; every other source uses ISO3 ``ROU``: :func:`wiod_to_iso3` maps.
- ``wiod_industries.csv``: the 35 WIOD 2013 industries c1..c35 (ISIC rev.3 code, name, short
  name, manufacturing flag: c3-c16 are manufacturing).
- ``final_demand.csv``: the five WIOD final-use categories, in the order of the tables' columns.
- ``dti_dimensions.csv``: the four dimensions of the digital trade index (code, the paper's name, order;
  their labels are in ``labels.csv``).
- ``hypotheses.csv``: the hypotheses H1-H6 the book tests (theory chapter) and the designs that test
  them (empirics chapter).
- ``diagram_nodes.csv``: which node of the theory chapter's causal diagram each outcome variable feeds.
- ``eu_accession.csv``: the year each WIOD economy joined the European Union (and left it), with
  the enlargement it belonged to; economies never in the EU are absent (:func:`eu_member`).
- ``labels.csv``: readable table headers for column codes (:func:`helpers.book.tables.column_label`).
- ``indicators.csv``: the indicator catalogue of the country-year panel (read by
  :mod:`helpers.data.panel`).
- ``index_codebook.csv``: the codebook of the published index datasets.
- ``m49_iso3.csv``: UN M49 numeric codes to ISO3 (UN SDG files).
- ``palette.csv``: the Okabe-Ito colour-blind-safe palette used by every figure.

Column naming convention of every tidy frame in the package: ``wiod`` holds a WIOD 2013 region
code (``ROM`` for Romania, ``RoW``), ``iso3`` an ISO 3166 alpha-3 code (``ROU``), ``name`` the
English name. The word ``country`` is used only for a region label of a generic input-output
table (any table, not necessarily WIOD) and for decompr-compatible output (``Country``).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

import pandas as pd

FACTS = Path(__file__).resolve().parent
"""Folder of the facts files."""


@cache
def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(FACTS / name, keep_default_na=False, na_values=[""])


def read_fact(name: str) -> pd.DataFrame:
    """Read one facts file of this folder by file name.

    Parameters
    ----------
    name : str
        File name, e.g. ``"indicators.csv"``.

    Returns
    -------
    pandas.DataFrame
        A fresh copy (the parsed file is cached per process).

    Raises
    ------
    ValueError
        If no such facts file exists; the message lists the files that do.
    """
    if not (FACTS / name).is_file():
        known = sorted(p.name for p in FACTS.glob("*.csv"))
        raise ValueError(f"facts file {name!r} does not exist; facts files: {', '.join(known)}")
    return _read(name).copy()


def wiod_countries() -> pd.DataFrame:
    """The 41 WIOD 2013 regions in table order (40 economies, then ``RoW``).

    Returns
    -------
    pandas.DataFrame
        Columns ``wiod, iso3, name, region, eu_2011`` (see ``wiod_countries.csv``).
    """
    return _read("wiod_countries.csv").copy()


def wiod_industries() -> pd.DataFrame:
    """The 35 WIOD 2013 industries in table order, with names and the manufacturing flag.

    Returns
    -------
    pandas.DataFrame
        Columns ``code, isic3, name, short, manufacturing, sector``.
    """
    return _read("wiod_industries.csv").copy()


def final_demand_categories() -> list[str]:
    """The five WIOD final-use categories in column order.

    Returns
    -------
    list of str
        ``["CONS_h", "CONS_np", "CONS_g", "GFCF", "INVEN"]`` (households, non-profits, government,
        gross fixed capital formation, changes in inventories).
    """
    return _read("final_demand.csv")["code"].tolist()


def manufacturing_codes() -> list[str]:
    """WIOD industry codes of manufacturing, c3..c16 (ISIC rev.3 D).

    Returns
    -------
    list of str
        The 14 codes in table order.
    """
    ind = _read("wiod_industries.csv")
    return ind.loc[ind["manufacturing"], "code"].tolist()


def wiod_economies(include_row: bool = False) -> list[str]:
    """Return the WIOD codes of the 40 economies, in table order.

    Parameters
    ----------
    include_row : bool
        Append the rest of the world, ``RoW``.

    Returns
    -------
    list of str
        WIOD codes (``ROM`` for Romania), 40 or 41 of them.
    """
    codes = _read("wiod_countries.csv")["wiod"].tolist()
    return codes if include_row else [c for c in codes if c != "RoW"]


def wiod_to_iso3(codes: str | Iterable[str]) -> str | list[str]:
    """Map WIOD region codes to ISO3 (``ROM`` -> ``ROU``, ``RoW`` -> ``ROW``).

    Parameters
    ----------
    codes : str or iterable of str
        WIOD codes.

    Returns
    -------
    str or list of str
        One ISO3 code, or a list in the order of ``codes``.

    Raises
    ------
    ValueError
        If a code is not a WIOD 2013 region; the message lists the unknown codes and the valid ones.
    """
    wc = _read("wiod_countries.csv")
    m = dict(zip(wc["wiod"], wc["iso3"], strict=True))
    single = isinstance(codes, str)
    items = [codes] if single else list(codes)
    unknown = [c for c in items if c not in m]
    if unknown:
        raise ValueError(f"codes: {unknown} are not WIOD 2013 regions; valid codes: {', '.join(m)}")
    out = [m[c] for c in items]
    return out[0] if single else out


def iso3_to_wiod(codes: str | Iterable[str]) -> str | list[str]:
    """Map ISO3 codes of the WIOD economies to WIOD codes (``ROU`` -> ``ROM``); WIOD codes pass through.

    Parameters
    ----------
    codes : str or iterable of str
        ISO3 (or WIOD) codes.

    Returns
    -------
    str or list of str
        One WIOD code, or a list in the order of ``codes``.

    Raises
    ------
    ValueError
        If a code is neither the ISO3 nor the WIOD code of a WIOD 2013 region.
    """
    wc = _read("wiod_countries.csv")
    m = dict(zip(wc["iso3"], wc["wiod"], strict=True)) | {w: w for w in wc["wiod"]}
    single = isinstance(codes, str)
    items = [codes] if single else list(codes)
    unknown = [c for c in items if c not in m]
    if unknown:
        raise ValueError(f"codes: {unknown} are not WIOD 2013 economies; valid ISO3 codes: "
                         f"{', '.join(wc['iso3'])}")
    out = [m[c] for c in items]
    return out[0] if single else out


def dti_dimensions() -> pd.DataFrame:
    """The four dimensions of the digital trade index, in the paper's order.

    The readable label of each dimension is the one of ``labels.csv`` (one place for table and figure
    labels).

    Returns
    -------
    pandas.DataFrame
        Columns ``code, label, paper_name, order``.

    Raises
    ------
    ValueError
        If a dimension has no label in ``labels.csv``.
    """
    d = _read("dti_dimensions.csv").sort_values("order").reset_index(drop=True)
    labels = dict(zip(_read("labels.csv")["name"], _read("labels.csv")["label"], strict=True))
    missing = [c for c in d["code"] if c not in labels]
    if missing:
        raise ValueError(f"dimensions {missing} have no label in labels.csv")
    d.insert(1, "label", d["code"].map(labels))
    return d


def palette() -> list[str]:
    """Return the book's categorical palette (Okabe-Ito), as hex strings.

    Returns
    -------
    list of str
        Colours in the order figures use them (``palette.csv``); Okabe & Ito (2008), "Color
        Universal Design", colour-blind safe.
    """
    return _read("palette.csv")["hex"].tolist()


DIMENSIONS: tuple[str, ...] = tuple(dti_dimensions()["code"])
"""The four DTI dimensions (paper): digital innovation, digital trade capacity, infrastructure
environment, trade potential (codes of ``dti_dimensions.csv``)."""


def hypotheses() -> pd.DataFrame:
    """The hypotheses the book tests, one place for the theory and the empirics chapters.

    Returns
    -------
    pandas.DataFrame
        Columns ``id, label, statement, channels, outcomes, via, sign, evidence`` (facts file
        ``hypotheses.csv``): ``channels``, ``outcomes`` and ``via`` are ``;``-separated codes (DTI
        dimensions; outcome variables; the mediating outcomes of a mechanism hypothesis, empty
        otherwise), ``sign`` the predicted sign (``+``, ``-`` or ``0`` for "different from zero"),
        ``evidence`` the designs that test it.
    """
    return _read("hypotheses.csv").copy()


def diagram_nodes() -> pd.DataFrame:
    """Outcome variable -> node of the causal diagram (theory chapter).

    Returns
    -------
    pandas.DataFrame
        Columns ``code, node, layer`` (facts file ``diagram_nodes.csv``): ``layer`` is ``structure``
        (how GVCs are organised) or ``resilience`` (the security and stability sides, and the
        resistance and recovery realised in a shock). A code may feed several nodes (the resilience
        index ``res`` feeds both sides).
    """
    return _read("diagram_nodes.csv").copy()


def eu_accession() -> pd.DataFrame:
    """EU accession (and exit) years of the WIOD economies that have been members.

    Returns
    -------
    pandas.DataFrame
        Columns ``wiod, iso3, accession_year, exit_year`` (NaN while a member), ``source``.
    """
    return _read("eu_accession.csv").copy()


def eu_member(wiod: Iterable[str], year: Iterable[int]) -> list[bool]:
    """Whether each (economy, year) pair is an EU member: ``accession_year <= year < exit_year``.

    A member that joins during a year (1 May 2004) counts as a member from that year.

    Parameters
    ----------
    wiod : iterable of str
        WIOD codes.
    year : iterable of int
        Years, one per code.

    Returns
    -------
    list of bool
        True where the economy is an EU member in the year.

    Raises
    ------
    ValueError
        If the two have different lengths or a code is not a WIOD economy.
    """
    codes, years = list(wiod), list(year)
    if len(codes) != len(years):
        raise ValueError(f"wiod has {len(codes)} entries and year {len(years)}; give one year per code")
    known = set(_read("wiod_countries.csv")["wiod"])
    bad = sorted({c for c in codes if c not in known})
    if bad:
        raise ValueError(f"wiod: {bad} are not WIOD economies; valid: {sorted(known)}")
    acc = _read("eu_accession.csv").set_index("wiod")
    out = []
    for c, y in zip(codes, years, strict=True):
        if c not in acc.index:
            out.append(False)
            continue
        exit_year = acc.at[c, "exit_year"]
        out.append(bool(acc.at[c, "accession_year"] <= y and (pd.isna(exit_year) or y < exit_year)))
    return out
