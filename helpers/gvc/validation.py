"""Validation of the GVC engine against peer software, fixtures and a second database.

- decompr 6.8.0 KWW and WWZ on WIOD 1995 (every cell);
- the expected values of decompr's "leather" tests and of exvatools' ``iciotest`` tests;
- Antràs & Chor (2018) upstreamness statistics (third-party replication);
- the long-run WIOD (full precision, 23 industries) for the foreign value-added share of exports.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import numpy as np
import pandas as pd

from ..data.checks import check_years
from ..data.manifest import data_path
from ..data.wiot import WIOT, gvc_fixture_table, load_longrun_wiot, load_wiot
from .datasets import frames_by_year, gvc_country_industry_year
from .decomposition import KWW_TERMS, kww, vertical_specialisation, wwz
from .model import io_model

ICIOTEST_GROUPS = {"MX1": "MEX", "MX2": "MEX", "CN1": "CHN", "CN2": "CHN"}
NAFTA_GROUPS = {"MX1": "NAFTA", "MX2": "NAFTA", "CN1": "CHN", "CN2": "CHN", "MEX": "NAFTA", "USA": "NAFTA"}
# exvatools tests (SOURCE.md of fixtures-exvatools): exporter -> EXGR, DC, DVA, VAX, REF, DDC, FC, FVA(wwz), FDC(wwz)
EXVATOOLS_EXPECTED = {
    "ESP": (4666.96, 2165.17, 1880.60, 1624.18, 256.41, 284.58, 2501.78, 854.62, 1647.16),
    "CHN": (8575.51, 4409.66, 3469.40, 3117.58, 351.82, 940.27, 4165.85, 1563.79, 2602.05),
    "NAFTA": (10485.40, 6127.84, 4613.26, 3639.16, 974.09, 1514.58, 4357.56, 1714.09, 2643.47),
}
EXVATOOLS_COLUMNS = ("EXGR", "DC", "DVA", "VAX", "REF", "DDC", "FC", "FVA", "FDC")
# decompr's tests on the "leather" table (tests/testthat of bquast/decompr, SOURCE.md of fixtures-decompr):
# element -> expected value (upstream tolerance 0.002)
LEATHER_EXPECTED = {
    "VBE[1, 1]": 28.52278,
    "VBE[9, 9]": 34.74381,
    "VBX[1, 1]": 66.75361799,
    "VBX[9, 9]": 96.78316785,
    "VBY[1]": 24.3345824,
    "VBY[20]": 23.6841309,
}


def exvatools_measures(table: WIOT, groups, convention: str = "decompr") -> pd.DataFrame:
    """The aggregate measures of exvatools (EXGR, DC, DVA, VAX, REF, DDC, FC, FVA, FDC) from our KWW terms.

    ``VAX = DVA_FIN + DVA_INT + DVA_INTrex``, ``REF = RDV_FIN + RDV_INT``, ``DVA = VAX + REF``,
    ``DC = DVA + DDC``, ``FVA = FVA_FIN + FVA_INT``, ``FC = FVA + FDC``, ``EXGR`` = sum of the nine
    (Feás, exvatools 0.9.0, ``make_exgr_dc`` and friends; KWW 2014 eq. 36-37).

    Parameters
    ----------
    table : WIOT
        The table (e.g. ``gvc_fixture_table("iciotest")``).
    groups : mapping of str to str
        Split units merged into one economy (``ICIOTEST_GROUPS``, ``NAFTA_GROUPS``; ``{}`` for none).
    convention : {"decompr", "textbook"}
        KWW convention (see :func:`kww`).

    Returns
    -------
    pandas.DataFrame
        Indexed by exporting economy; columns ``EXGR, DC, DVA, VAX, REF, DDC, FC, FVA, FDC``.
    """
    k = kww(table, convention, groups=groups).set_index("Country")
    o = pd.DataFrame(index=k.index)
    o["EXGR"] = k[list(KWW_TERMS)].sum(axis=1)
    o["VAX"] = k[["DVA_FIN", "DVA_INT", "DVA_INTrex"]].sum(axis=1)
    o["REF"] = k["RDV_FIN"] + k["RDV_INT"]
    o["DVA"] = o["VAX"] + o["REF"]
    o["DDC"] = k["DDC"]
    o["DC"] = o["DVA"] + o["DDC"]
    o["FVA"] = k["FVA_FIN"] + k["FVA_INT"]
    o["FDC"] = k["FDC"]
    o["FC"] = o["FVA"] + o["FDC"]
    return o[list(EXVATOOLS_COLUMNS)]


def _rel_dev(a, b, floor=1e-6):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return np.abs(a - b) / np.maximum(np.abs(b), floor)


@cache
def _decompr_reference(kind: str) -> pd.DataFrame:
    return pd.read_parquet(data_path("decompr-wiod2013", f"decompr_{kind}_1995.parquet"))


def gvc_validation_table() -> pd.DataFrame:
    """Maximum deviations of the engine from every reference, for the book.

    Rows: decompr 6.8.0 KWW and WWZ on WIOD 1995 (every cell; relative deviation
    ``|ours - ref| / max(|ref|, 1e-6)``, i.e. absolute below US$ 1), the decompr "leather"
    expected values and the exvatools ``iciotest`` expected values (relative to the published,
    2-decimal-rounded values).

    Returns
    -------
    DataFrame
        ``reference, object, cells, max_abs_dev, max_rel_dev, tolerance, passes``.
    """
    rows = []
    t = load_wiot(1995)
    ref = _decompr_reference("kww")
    ours = kww(t)
    dev = np.concatenate([_rel_dev(ours[c], ref[c]) for c in KWW_TERMS])
    ab = np.concatenate([np.abs(ours[c].to_numpy() - ref[c].to_numpy()) for c in KWW_TERMS])
    rows.append(("decompr 6.8.0, WIOD 1995", "KWW 9 terms x 41 countries", dev.size, ab.max(), dev.max(), 1e-6))
    ref = _decompr_reference("wwz")
    ours = wwz(t)
    cols = [c for c in ref.columns if c not in ("Exporting_Country", "Exporting_Industry", "Importing_Country")]
    dev = np.concatenate([_rel_dev(ours[c], ref[c]) for c in cols])
    ab = np.concatenate([np.abs(ours[c].to_numpy() - ref[c].to_numpy(dtype=float)) for c in cols])
    rows.append(
        ("decompr 6.8.0, WIOD 1995", "WWZ 16 terms + 10 diagnostics x 58,835 rows", dev.size, ab.max(), dev.max(), 1e-6)
    )
    # leather: decompr / gvc test values (upstream tolerance 0.002)
    lt = gvc_fixture_table("leather")
    m = io_model(lt)
    vbe = m.vc[:, None] * m.B * m.E[None, :]
    vbx = m.vc[:, None] * m.B * m.x[None, :]
    vby = (m.vc[:, None] * m.BY).ravel()
    got = [vbe[0, 0], vbe[-1, -1], vbx[0, 0], vbx[-1, -1], vby[0], vby[19]]
    exp = list(LEATHER_EXPECTED.values())
    d = _rel_dev(got, exp)
    rows.append(
        (
            "decompr leather (tests)",
            "Leontief decomposition, 6 values",
            6,
            np.abs(np.subtract(got, exp)).max(),
            d.max(),
            1e-6,
        )
    )
    # exvatools
    it = gvc_fixture_table("iciotest")
    a = exvatools_measures(it, ICIOTEST_GROUPS).loc[["ESP", "CHN"]]
    b = exvatools_measures(it, NAFTA_GROUPS).loc[["NAFTA"]]
    got = pd.concat([a, b]).to_numpy().ravel()
    exp = np.array([EXVATOOLS_EXPECTED[c] for c in ("ESP", "CHN", "NAFTA")]).ravel()
    rows.append(
        (
            "exvatools 0.9.0 iciotest (tests)",
            "EXGR..FDC for ESP, CHN, NAFTA",
            exp.size,
            np.abs(got - exp).max(),
            _rel_dev(got, exp).max(),
            0.005 / 250,  # published values rounded to 0.01; smallest value 256.41
        )
    )
    out = pd.DataFrame(rows, columns=["reference", "object", "cells", "max_abs_dev", "max_rel_dev", "tolerance"])
    out["passes"] = out["max_rel_dev"] <= out["tolerance"]
    return out


# ---------------------------------------------------------------------------------------------
# Antràs & Chor (2018) replication statistics; long-run WIOD cross-check
# ---------------------------------------------------------------------------------------------


def antras_chor_comparison(years: Iterable[int] | None = None) -> pd.DataFrame:
    """Our U, D, FD_GO, VA_GO summary statistics next to the Antràs-Chor (2018) replication.

    Follows the replication's recipe (SOURCE.md of antras-chor-2018-replication): values rounded to
    3 decimals, NaN set to 0, p10/median/p90 with linear interpolation, std with n-1, over all
    41 x 35 x 17 = 24,395 country-industry-years, goods = c1-c16, services = c17-c35.

    Parameters
    ----------
    years : iterable of int, optional
        WIOD years of our dataset (default 1995-2011, the replication's sample).

    Returns
    -------
    pandas.DataFrame
        ``variable, sector_dummy, stat, ours, replication, diff``.
    """
    ci = gvc_country_industry_year(years)
    ref = pd.read_html(data_path("antras-chor-2018-replication", "summary_stats_country_industry_GVC.txt"))[0]
    goods = {f"c{i}" for i in range(1, 17)}
    rows = []
    for _, r in ref.iterrows():
        v = ci[r["variable"]].round(3).fillna(0.0)
        sel = {
            "all industries": slice(None),
            "goods": ci["industry"].isin(goods),
            "services": ~ci["industry"].isin(goods),
        }
        x = v[sel[r["sector_dummy"]]].to_numpy()
        stats = {
            "nrow": x.size,
            "perc_10": np.percentile(x, 10),
            "median": np.median(x),
            "perc_90": np.percentile(x, 90),
            "mean": x.mean(),
            "std": x.std(ddof=1),
        }
        for s, val in stats.items():
            rows.append((r["variable"], r["sector_dummy"], s, float(val), float(r[s])))
    out = pd.DataFrame(rows, columns=["variable", "sector_dummy", "stat", "ours", "replication"])
    out["diff"] = out["ours"] - out["replication"]
    return out


def longrun_fva_comparison(years: Iterable[int] = range(1995, 2001)) -> pd.DataFrame:
    """Foreign value-added share of gross exports by country: WIOD 2013 vs long-run WIOD.

    ``VS_s / E_s = sum_{j in s} (sum_{t != s} V_t B_ts)_j E_j / sum_j E_j`` (HIY 2001; KWW 2014
    eq. (9)) computed on both databases for the 25 economies they share.  Differences come from
    the classification (35 vs 23 industries: coarser tables understate VS), the rest-of-world
    composition (15 more economies are inside the long-run RoW), price and data vintages, and
    WIOD 2013's rounding to US$ million.

    Parameters
    ----------
    years : iterable of int
        Years both databases cover (default 1995-2000).

    Returns
    -------
    pandas.DataFrame
        ``year, wiod, vs_share_wiod2013, vs_share_longrun, diff`` (WIOD 2013 minus long-run).

    Raises
    ------
    ValueError
        For a year outside 1995-2000 (the long-run copy has 1990 and 1995-2000; WIOD 2013 starts in 1995).
    """
    years = check_years(years, range(1995, 2001))
    out = []
    # vs, exports by pair from each year's one LU (a cold start computes the WIOD 2013 years in parallel)
    for y, wiod in zip(years, frames_by_year(years, "country_industry"), strict=True):
        lr = load_longrun_wiot(y)
        a = vertical_specialisation(lr).groupby("country", sort=False)[["vs", "exports"]].sum()
        b = wiod.groupby("country", sort=False)[["vs", "exports"]].sum()
        common = [c for c in a.index if c in b.index and c != "RoW"]
        f = pd.DataFrame(
            {
                "year": y,
                "wiod": common,
                "vs_share_wiod2013": (b.loc[common, "vs"] / b.loc[common, "exports"]).to_numpy(),
                "vs_share_longrun": (a.loc[common, "vs"] / a.loc[common, "exports"]).to_numpy(),
            }
        )
        out.append(f)
    res = pd.concat(out, ignore_index=True)
    res["diff"] = res["vs_share_wiod2013"] - res["vs_share_longrun"]
    return res
