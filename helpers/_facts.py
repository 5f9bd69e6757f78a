"""Facts that are data, not code: one file each under ``helpers/facts/``.

- ``wiod_countries.csv``: the 41 WIOD 2013 regions (WIOD code, ISO3, name, region, EU member in 2011).
  WIOD codes Romania ``ROM``; every other source uses ISO3 ``ROU``: :func:`wiod_to_iso3` maps.
- ``wiod_industries.csv``: the 35 WIOD 2013 industries c1..c35 (ISIC rev.3 code, name, short
  name, manufacturing flag: c3-c16 are manufacturing).
- ``final_demand.csv``: the five WIOD final-use categories, in the order of the tables' columns.
- ``palette.csv``: the Okabe-Ito colour-blind-safe palette used by every figure.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

FACTS = Path(__file__).resolve().parent / "facts"


@cache
def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(FACTS / name, keep_default_na=False, na_values=[""])


def wiod_countries() -> pd.DataFrame:
    """The 41 WIOD 2013 regions in table order (40 economies, then ``RoW``)."""
    return _read("wiod_countries.csv").copy()


def wiod_industries() -> pd.DataFrame:
    """The 35 WIOD 2013 industries in table order, with names and the manufacturing flag."""
    return _read("wiod_industries.csv").copy()


def final_demand_categories() -> list[str]:
    """The five WIOD final-use categories in column order (CONS_h, CONS_np, CONS_g, GFCF, INVEN)."""
    return _read("final_demand.csv")["code"].tolist()


def manufacturing_codes() -> list[str]:
    """WIOD industry codes of manufacturing, c3..c16 (ISIC rev.3 D)."""
    ind = _read("wiod_industries.csv")
    return ind.loc[ind["manufacturing"], "code"].tolist()


def wiod_economies(include_row: bool = False) -> list[str]:
    """WIOD codes of the 40 economies (plus ``RoW`` if asked)."""
    codes = _read("wiod_countries.csv")["wiod"].tolist()
    return codes if include_row else [c for c in codes if c != "RoW"]


def wiod_to_iso3(codes):
    """Map WIOD region codes to ISO3 (``ROM`` -> ``ROU``, ``RoW`` -> ``ROW``); unknown codes raise KeyError."""
    m = dict(zip(_read("wiod_countries.csv")["wiod"], _read("wiod_countries.csv")["iso3"], strict=True))
    if isinstance(codes, str):
        return m[codes]
    return [m[c] for c in codes]


def palette() -> list[str]:
    """The book's categorical palette (Okabe-Ito), as hex strings."""
    return _read("palette.csv")["hex"].tolist()
