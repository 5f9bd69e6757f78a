"""GVC engine, part 3: the tidy GVC dataset (1995-2011), its codebook, and validation tables."""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from ._cache import cached_frame
from ._facts import manufacturing_codes
from ._gvc import KWW_TERMS, io_model, kww, vertical_specialisation, wwz
from ._gvc_indicators import aggregate_gvc, gvc_country_industry
from ._sources import REPO_ROOT, data_path
from ._wiot import WIOD_YEARS, WIOT, load_wiot

_GVC_MODULES = ("_gvc", "_gvc_indicators", "_gvc_panel", "_wiot", "_facts")

# column, definition, unit, formula reference  (one place for every indicator's definition)
_CODEBOOK = [
    ("year", "Year of the WIOD 2013 table", "year", ""),
    ("country", "WIOD region code (ROM = Romania, RoW = rest of world)", "code", ""),
    ("industry", "WIOD 2013 industry code c1-c35", "code", ""),
    ("manufacturing", "Industry is manufacturing (c3-c16)", "bool", "ISIC rev.3 D"),
    ("gross_output", "Gross output x", "US$ million", "WIOD 2013"),
    ("va", "Value added x - column sum of Z (incl. net taxes and margins)", "US$ million", "WIOD 2013"),
    ("final_output", "Final demand for the pair's output, all destinations and uses", "US$ million", "WIOD 2013"),
    ("exports", "Gross exports E (intermediate + final, to foreign countries)", "US$ million", "KWW 2014 eq. (37)"),
    ("va_decomp", "Row total of V^BY^ (value added traced to final demand)", "US$ million", "WWYZ 2017a eq. (4)"),
    ("va_d", "VA absorbed domestically without crossing a border: V^LY^D", "US$ million", "WWYZ 2017a eq. (4)"),
    ("va_rt", "VA in traditional final-goods exports: V^LY^F", "US$ million", "WWYZ 2017a eq. (4)"),
    ("va_gvc_s", "VA in simple GVC trade (crosses one border): V^LA^F LY^D", "US$ million", "WWYZ 2017a eq. (4)"),
    ("va_gvc_c", "VA in complex GVC trade: V^LA^F(BY^ - LY^D)", "US$ million", "WWYZ 2017a eq. (4)"),
    ("y_decomp", "Column total of V^BY^ (final output, inventories < 0 clipped)", "US$ million", "WWYZ 2017a eq. (5)"),
    ("y_d", "Final output with domestic VA only, absorbed at home", "US$ million", "WWYZ 2017a eq. (5)"),
    ("y_rt", "Final output exported with domestic VA only", "US$ million", "WWYZ 2017a eq. (5)"),
    ("y_gvc_s", "Final output embodying simple-GVC foreign VA", "US$ million", "WWYZ 2017a eq. (5)"),
    ("y_gvc_c", "Final output embodying complex-GVC foreign VA", "US$ million", "WWYZ 2017a eq. (5)"),
    ("xv", "Production-stage-weighted VA, V^BBY^ u", "US$ million", "WWYZ 2017b eq. (10)"),
    ("xv_gvc", "GVC part of Xv: V^LLA^F BY^ + V^LA^F BBY^", "US$ million", "WWYZ 2017b eq. (20)"),
    ("xy", "Stage-weighted final output, u'V^BBY^", "US$ million", "WWYZ 2017b eq. (11)"),
    ("xy_gvc", "GVC part of Xy (column sums)", "US$ million", "WWYZ 2017b eq. (21)"),
    ("xv_d", "Domestic part of Xv, V^LLY^D", "US$ million", "WWYZ 2017b eq. (18)"),
    ("xv_rt", "RT part of Xv, V^LLY^F", "US$ million", "WWYZ 2017b eq. (19)"),
    ("gvc_f", "Forward GVC participation (va_gvc_s + va_gvc_c) / va_decomp", "share", "WWYZ 2017a eq. (6)"),
    ("gvc_f_simple", "Simple forward GVC participation", "share", "WWYZ 2017a eq. (6)"),
    ("gvc_f_complex", "Complex forward GVC participation", "share", "WWYZ 2017a eq. (6)"),
    ("gvc_b", "Backward GVC participation (y_gvc_s + y_gvc_c) / y_decomp", "share", "WWYZ 2017a eq. (7)"),
    ("gvc_b_simple", "Simple backward GVC participation", "share", "WWYZ 2017a eq. (7)"),
    ("gvc_b_complex", "Complex backward GVC participation", "share", "WWYZ 2017a eq. (7)"),
    ("plv", "Average forward production length of VA, xv / va_decomp", "stages", "WWYZ 2017b eq. (12)"),
    ("plv_d", "Forward length, purely domestic part", "stages", "WWYZ 2017b eq. (18)"),
    ("plv_rt", "Forward length, traditional-trade part", "stages", "WWYZ 2017b eq. (19)"),
    ("plv_gvc", "Forward length of GVC production, xv_gvc / V_GVC", "stages", "WWYZ 2017b eq. (22)"),
    ("ply", "Average backward production length of final goods, xy / y_decomp", "stages", "WWYZ 2017b eq. (13)"),
    ("ply_gvc", "Backward length of GVC production, xy_gvc / Y_GVC", "stages", "WWYZ 2017b eq. (23)"),
    ("gvc_pos", "GVC position index plv_gvc / ply_gvc (> 1: upstream)", "ratio", "WWYZ 2017b eq. (24)"),
    ("vs", "Foreign VA in gross exports (HIY vertical specialisation)", "US$ million", "HIY 2001; KWW 2014 eq. (9)"),
    ("vs_share", "vs / exports", "share", "HIY 2001"),
    ("iv", "Indirect VA exports: DVA re-exported to third countries", "US$ million", "Koopman et al. 2010"),
    ("fv", "Foreign VA in exports incl. double counting", "US$ million", "Koopman et al. 2010"),
    ("kpww_participation", "GVC participation iv/E + fv/E", "share", "Koopman et al. 2010 eq. (36)"),
    ("kpww_position", "GVC position ln(1 + iv/E) - ln(1 + fv/E)", "log points", "Koopman et al. 2010 eq. (35)"),
    ("U", "Upstreamness, net-inventory corrected", "stages", "Antràs & Chor 2018 eq. (5)"),
    ("D", "Downstreamness, net-inventory corrected", "stages", "Antràs & Chor 2018 eq. (7)"),
    ("FD_GO", "Final use (excl. inventories, corrected) / gross output", "share", "Antràs & Chor 2018 sec. 3"),
    ("VA_GO", "Value added / gross output", "share", "Antràs & Chor 2018 sec. 3"),
    ("kpww_iv_share", "iv / exports (country level)", "share", "Koopman et al. 2010"),
    ("kpww_fv_share", "fv / exports (country level)", "share", "Koopman et al. 2010"),
    ("fva_final_mfg", "Foreign VA share of final manufacturing output", "share", "Timmer et al. 2014 eq. (2)"),
]
_CODEBOOK += [(k, f"KWW term {k} (country total)", "US$ million", "KWW 2014 eq. (37)") for k in KWW_TERMS]


def gvc_codebook() -> pd.DataFrame:
    """Codebook of the GVC dataset: ``column, definition, unit, reference``.

    Country-year columns with suffix ``_mfg`` are the same measure over manufacturing
    industries (c3-c16) only; country-level ratios are ratios of summed levels (:func:`aggregate_gvc`).
    """
    return pd.DataFrame(_CODEBOOK, columns=["column", "definition", "unit", "reference"])


def _check_years(years) -> list[int]:
    years = list(WIOD_YEARS if years is None else years)
    bad = [y for y in years if y not in WIOD_YEARS]
    if bad or not years:
        raise ValueError(f"years={years!r}: choose from {WIOD_YEARS[0]}-{WIOD_YEARS[-1]}")
    return years


def _inputs(years):
    return [("wiod2013", f"wiot_{y}.RData") for y in years]


def gvc_country_industry_year(years: Iterable[int] | None = None) -> pd.DataFrame:
    """The GVC dataset by country-industry-year (41 x 35 rows per year), cached on disk.

    Parameters
    ----------
    years : iterable of int, optional
        WIOD years (default 1995-2011).

    Returns
    -------
    DataFrame
        One row per ``(year, country, industry)``; columns documented in :func:`gvc_codebook`.
    """
    years = _check_years(years)

    def compute():
        frames = []
        for y in years:
            frames.append(gvc_country_industry(load_wiot(y)))
            load_wiot(y)._cache.clear()  # free the Leontief matrices
        return pd.concat(frames, ignore_index=True)

    return cached_frame(
        "gvc_country_industry_year", compute, inputs=_inputs(years), params={"years": years}, modules=_GVC_MODULES
    )


def gvc_country_year(years: Iterable[int] | None = None) -> pd.DataFrame:
    """The GVC dataset by country-year, all industries and manufacturing (suffix ``_mfg``).

    Country measures are ratios of sums of the country-industry levels (:func:`aggregate_gvc`);
    adds the KWW (2014) nine terms (decompr convention) and the foreign value-added share of final
    manufacturing output (Timmer et al. 2014).  Columns in :func:`gvc_codebook`.
    """
    years = _check_years(years)

    def compute():
        ci = gvc_country_industry_year(years)
        tot = aggregate_gvc(ci)
        mfg = aggregate_gvc(ci, industries=manufacturing_codes())
        mfg = mfg.rename(columns={c: f"{c}_mfg" for c in mfg.columns if c not in ("year", "country")})
        out = tot.merge(mfg, on=["year", "country"], how="left")
        extra = []
        for y in years:
            t = load_wiot(y)
            k = kww(t).rename(columns={"Country": "country"})
            k.insert(0, "year", y)
            from ._gvc import fva_final_output

            f = fva_final_output(t)
            k["fva_final_mfg"] = f["fva_share"].to_numpy()
            extra.append(k)
            t._cache.clear()
        return out.merge(pd.concat(extra, ignore_index=True), on=["year", "country"], how="left")

    return cached_frame(
        "gvc_country_year", compute, inputs=_inputs(years), params={"years": years}, modules=_GVC_MODULES
    )


def write_gvc_datasets(outdir: str | Path | None = None, years: Iterable[int] | None = None) -> dict[str, Path]:
    """Write ``gvc_country_industry_year.csv`` and ``gvc_country_year.csv`` (+ codebook) to ``outdir``.

    Parameters
    ----------
    outdir : path, optional
        Target folder (default ``<repo>/data/derived``, gitignored).
    years : iterable of int, optional
        WIOD years (default 1995-2011).

    Returns
    -------
    dict of str to Path
        The written files.
    """
    out = Path(outdir) if outdir is not None else REPO_ROOT / "data" / "derived"
    out.mkdir(parents=True, exist_ok=True)
    paths = {
        "country_industry_year": out / "gvc_country_industry_year.csv",
        "country_year": out / "gvc_country_year.csv",
        "codebook": out / "gvc_codebook.csv",
    }
    gvc_country_industry_year(years).to_csv(paths["country_industry_year"], index=False)
    gvc_country_year(years).to_csv(paths["country_year"], index=False)
    gvc_codebook().to_csv(paths["codebook"], index=False)
    return paths


# ---------------------------------------------------------------------------------------------
# fixtures and references
# ---------------------------------------------------------------------------------------------


def _read_rda(source: str, name: str, obj: str):
    import rdata

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return rdata.conversion.convert(rdata.parser.parse_file(data_path(source, name)))[obj]


def gvc_fixture_table(name: str) -> WIOT:
    """A toy ICIO of the peer packages' tests as a :class:`WIOT`.

    Parameters
    ----------
    name : {"leather", "iciotest"}
        decompr's 3-country x 3-industry "leather" table (fixtures-decompr) or exvatools'
        ``iciotest_data`` (10 units incl. the MX1/MX2/CN1/CN2 splits x 3 sectors, final demand of
        6 countries x 2 uses; gross output = row sums, as in exvatools).
    """
    if name == "leather":
        d = _read_rda("fixtures-decompr", "leather.rda", "leather")
        Z = np.asarray(d["inter"], dtype=float)
        F = np.asarray(d["final"], dtype=float)
        x = np.asarray(d["out"], dtype=float)
        return WIOT(0, tuple(map(str, d["countries"])), tuple(map(str, d["industries"])), Z, F, x, ("FD",), "leather")
    if name == "iciotest":
        e = _read_rda("fixtures-exvatools", "iciotest_data.rda", "iciotest_data")
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
    raise ValueError(f"name={name!r}: choose 'leather' or 'iciotest'")


ICIOTEST_GROUPS = {"MX1": "MEX", "MX2": "MEX", "CN1": "CHN", "CN2": "CHN"}
NAFTA_GROUPS = {"MX1": "NAFTA", "MX2": "NAFTA", "CN1": "CHN", "CN2": "CHN", "MEX": "NAFTA", "USA": "NAFTA"}
# exvatools tests (SOURCE.md of fixtures-exvatools): exporter -> EXGR, DC, DVA, VAX, REF, DDC, FC, FVA(wwz), FDC(wwz)
EXVATOOLS_EXPECTED = {
    "ESP": (4666.96, 2165.17, 1880.60, 1624.18, 256.41, 284.58, 2501.78, 854.62, 1647.16),
    "CHN": (8575.51, 4409.66, 3469.40, 3117.58, 351.82, 940.27, 4165.85, 1563.79, 2602.05),
    "NAFTA": (10485.40, 6127.84, 4613.26, 3639.16, 974.09, 1514.58, 4357.56, 1714.09, 2643.47),
}
EXVATOOLS_COLUMNS = ("EXGR", "DC", "DVA", "VAX", "REF", "DDC", "FC", "FVA", "FDC")


def exvatools_measures(table: WIOT, groups, convention: str = "decompr") -> pd.DataFrame:
    """exvatools' aggregate measures from our KWW terms (EXGR, DC, DVA, VAX, REF, DDC, FC, FVA, FDC).

    ``VAX = DVA_FIN + DVA_INT + DVA_INTrex``, ``REF = RDV_FIN + RDV_INT``, ``DVA = VAX + REF``,
    ``DC = DVA + DDC``, ``FVA = FVA_FIN + FVA_INT``, ``FC = FVA + FDC``, ``EXGR`` = sum of the nine.
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
    t._cache.clear()
    # leather: decompr / gvc test values (upstream tolerance 0.002)
    lt = gvc_fixture_table("leather")
    m = io_model(lt)
    vbe = m.vc[:, None] * m.B * m.E[None, :]
    vbx = m.vc[:, None] * m.B * m.x[None, :]
    vby = (m.vc[:, None] * m.BY).ravel()
    got = [vbe[0, 0], vbe[-1, -1], vbx[0, 0], vbx[-1, -1], vby[0], vby[19]]
    exp = [28.52278, 34.74381, 66.75361799, 96.78316785, 24.3345824, 23.6841309]
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

    Returns
    -------
    DataFrame
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


def load_longrun_wiot(year: int) -> WIOT:
    """A long-run WIOD table (26 regions x 23 industries, full precision) as a :class:`WIOT`.

    ``xROW`` is renamed ``RoW``; the four final uses are ``CONS_h, CONS_g, GFCF, INVEN``.
    """
    if year not in (1990, *range(1995, 2001)):
        raise ValueError(f"year={year!r}: the long-run WIOD copy holds 1990 and 1995-2000")
    df = _read_rda("wiod-longrun-ionet", f"WIODlr_WIOT_{year}.rda", f"WIODlr_WIOT_{year}")
    body = df[df["Country"] != "xTOT"]
    n = len(body)
    countries = tuple("RoW" if c == "xROW" else str(c) for c in dict.fromkeys(body["Country"]))
    industries = tuple(str(c) for c in dict.fromkeys(body["IndustryCode_isic3"]))
    Z = body.iloc[:, 4 : 4 + n].to_numpy(dtype=float)
    F = body.iloc[:, 4 + n : 4 + n + 4 * len(countries)].to_numpy(dtype=float)
    x = body["xTOT_xGO"].to_numpy(dtype=float)
    return WIOT(year, countries, industries, Z, F, x, ("CONS_h", "CONS_g", "GFCF", "INVEN"), f"long-run WIOD {year}")


def longrun_fva_comparison(years: Iterable[int] = range(1995, 2001)) -> pd.DataFrame:
    """Foreign value-added share of gross exports by country: WIOD 2013 vs long-run WIOD.

    ``VS_s / E_s = sum_{j in s} (sum_{t != s} V_t B_ts)_j E_j / sum_j E_j`` (HIY 2001; KWW 2014
    eq. (9)) computed on both databases for the 25 economies they share.  Differences come from
    the classification (35 vs 23 industries: coarser tables understate VS), the rest-of-world
    composition (15 more economies are inside the long-run RoW), price and data vintages, and
    WIOD 2013's rounding to US$ million.

    Returns
    -------
    DataFrame
        ``year, country, vs_share_wiod2013, vs_share_longrun, diff``.
    """
    out = []
    for y in years:
        lr = load_longrun_wiot(y)
        a = vertical_specialisation(lr).groupby("country", sort=False)[["vs", "exports"]].sum()
        b = vertical_specialisation(load_wiot(y)).groupby("country", sort=False)[["vs", "exports"]].sum()
        load_wiot(y)._cache.clear()
        common = [c for c in a.index if c in b.index and c != "RoW"]
        f = pd.DataFrame(
            {
                "year": y,
                "country": common,
                "vs_share_wiod2013": (b.loc[common, "vs"] / b.loc[common, "exports"]).to_numpy(),
                "vs_share_longrun": (a.loc[common, "vs"] / a.loc[common, "exports"]).to_numpy(),
            }
        )
        out.append(f)
    res = pd.concat(out, ignore_index=True)
    res["diff"] = res["vs_share_wiod2013"] - res["vs_share_longrun"]
    return res
