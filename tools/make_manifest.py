"""Regenerate ``data/sources.toml`` from the SOURCE.md files beside the raw data.

This is a maintainer tool, run once when a data vintage changes::

    python tools/make_manifest.py ../shared/data > data/sources.toml

It hashes every raw file, checks each hash against the one its SOURCE.md states
(it refuses to write a manifest that disagrees), and records the pinned public
URL of every file.  The project itself only ever reads ``data/sources.toml``.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path
from urllib.parse import quote

RAW = "https://raw.githubusercontent.com/{repo}/{commit}/{path}"

# One entry per raw folder: upstream repository, pinned commit, path prefix in
# that repository, publisher, licence and citation (all from the SOURCE.md).
SOURCES = {
    "wiod2013": dict(
        repo="bquast/wiod",
        commit="e957ed7f6c07df8dbe7f819b94b5ca0529205c2a",
        prefix="data/",
        title="World Input-Output Database, 2013 release (world input-output tables 1995-2011)",
        publisher="WIOD consortium / University of Groningen; R data package bquast/wiod",
        licence="WIOD terms of use (free with citation); R packaging GPL-3",
        citation="Timmer, Dietzenbacher, Los, Stehrer & de Vries (2015), Review of International Economics 23(3)",
        vintage="WIOD 2013 release (November 2013)",
        coverage="40 economies + RoW, 35 industries, 1995-2011; values in US$ million rounded to integers",
    ),
    "wiod-longrun-ionet": dict(
        repo="Carol-seven/ionet_ext",
        commit="cfce85a91ddfbcb078fdba0a9d010c67db5ec6a9",
        prefix="WIOD long-run/",
        title="Long-run WIOD world input-output tables (1990, 1995-2000)",
        publisher="Groningen Growth and Development Centre (Woltjer, Gouma & Timmer)",
        licence="not stated upstream (GGDC academic use with citation)",
        citation="Woltjer, Gouma & Timmer (2021), Long-run WIOD, GGDC Research Memorandum 190",
        vintage="long-run WIOD (2021/2022)",
        coverage="25 economies + RoW, 23 ISIC rev.3 industries, full precision",
    ),
    "adb-mrio-indicators-ksreyes": dict(
        repo="ksreyes/mrio-processing",
        commit="9eb705a2eaa65d9531489ccf83dc5b81d3b153e7",
        prefix="data/",
        paths={"countries.xlsx": "data/raw/countries.xlsx"},
        commits={"sectors.csv": ("59c4832d2ac3e96bd4db47213d00d240bc8a02d9", "dicts/sectors.csv")},
        title="GVC indicators derived from the ADB multiregional input-output tables",
        publisher="Asian Development Bank MRIO; indicators computed by Kenneth S. Reyes",
        licence="MIT (repository); ADB data terms not stated",
        citation="Reyes, K. S., mrio-processing (2023), from ADB MRIO tables",
        vintage="2023-07 (ADB MRIO 2017-2022, 62-economy series 2000, 2007-2022)",
        coverage="62/72 economies x 35 sectors, 2000, 2007-2022",
    ),
    "antras-chor-2018-replication": dict(
        repo="floforsthuber/antras_chor_2018.jl",
        commit="7c520db82566fa75a6b2eb41ae0cab3ca26f522f",
        prefix="images/",
        title="Replication statistics of Antras & Chor (2018) on WIOD 2013",
        publisher="Florian Forsthuber (third-party replication)",
        licence="MIT",
        citation="Antras & Chor (2018), NBER WP 24185; replication by F. Forsthuber (2022)",
        vintage="2022-01-20",
        coverage="WIOD 2013, 1995-2011, 24,395 country-industry-years",
    ),
    "fixtures-decompr": dict(
        repo="bquast/decompr",
        commit="0a0b823a71cbce37a962730909674cb3afd8bcbe",
        prefix="data/",
        title="decompr example input-output table ('leather')",
        publisher="Bastiaan Quast et al., R package decompr 6.8.0",
        licence="GPL-3",
        citation="Quast & Kummritz (2015), decompr: Global Value Chain decomposition in R",
        vintage="decompr 6.8.0 (2023-11-10)",
        coverage="toy table, 3 countries x 3 industries",
    ),
    "fixtures-exvatools": dict(
        repo="cran/exvatools",
        commit="8e973b9f7aa0f28c3bcf8316f2da85aae3253630",
        prefix="data/",
        title="exvatools test input-output tables",
        publisher="Enrique Feas, R package exvatools 0.9.0",
        licence="GPL-3",
        citation="Feas (2024), exvatools: Value Added in Exports and Other Input-Output Table Analysis Tools",
        vintage="exvatools 0.9.0 (2024-09-16)",
        coverage="toy ICIO (10 regions x 3 sectors) and toy WIOD-type table (6 x 3)",
    ),
    "gapminder_systema_globalis": dict(
        repo="open-numbers/ddf--gapminder--systema_globalis",
        commit="c63631abeb62af6db3910f68be7c2b443beca50b",
        prefix="",
        title="Gapminder Systema Globalis (WDI-sourced series)",
        publisher="Gapminder, from World Bank WDI",
        licence="CC-BY-4.0",
        citation="Gapminder Foundation, Systema Globalis (2026)",
        vintage="2025-07 to 2026-02",
        coverage="world economies, 1960-2024; no Taiwan",
    ),
    "pwt_open_numbers": dict(
        repo="open-numbers/ddf--pwt--penn_world_table",
        commit="6584e2e8c7696c415bb3d7beebdeb5a6668593fd",
        prefix="",
        title="Penn World Table 10.01",
        publisher="Groningen Growth and Development Centre",
        licence="CC-BY-4.0",
        citation="Feenstra, Inklaar & Timmer (2015), American Economic Review 105(10)",
        vintage="PWT 10.01",
        coverage="183 economies incl. Taiwan, 1950-2019",
    ),
    "unctad_digital_services": dict(
        repo="jeancecilia/unctad-digital-services-trade-panel",
        commit="e91bc8bef4b3f89de5754b634975272717a41e6f",
        prefix="",
        title="UNCTAD trade in digitally-deliverable services and ICT use by businesses",
        publisher="UN Trade and Development (UNCTAD), via World Bank Data360",
        licence="CC-BY-4.0",
        citation="UNCTAD (2025), International trade in digitally-deliverable services",
        vintage="accessed 2025-12-18",
        coverage="207 areas incl. Taiwan, 2010-2023",
    ),
    "unsd_sdg_open_numbers": dict(
        repo="open-numbers/ddf--unstats--sdg_indicators",
        commit="1bfae15828a86ad30e86872411534f5c8136d784",
        prefix="",
        title="UN SDG Global Database, selected series",
        publisher="UN Statistics Division",
        licence="not stated (UN data terms)",
        citation="UNSD (2020), SDG Indicators Global Database",
        vintage="2020",
        coverage="world economies (M49 codes), 2000-2019; no Taiwan",
    ),
    "wdi_2018_zeningqu": dict(
        repo="ZeningQu/World-Bank-Data-by-Indicators",
        commit="15681ea974bfbf5ce758d3449ff88172b7ea3a30",
        prefix="",
        title="World Development Indicators 2018, Science & Technology topic",
        publisher="World Bank",
        licence="CC-BY-4.0 (WDI)",
        citation="World Bank (2018), World Development Indicators",
        vintage="WDI 2018",
        coverage="world economies, 1960-2017; zeros mean missing",
    ),
    "wdi_datahub": dict(
        repo="datasets/world-development-indicators",
        commit="4ebec5a2273f531ba238a34dbe440394dc5a6c4b",
        prefix="",
        title="World Development Indicators (per-indicator extracts)",
        publisher="World Bank",
        licence="CC-BY-4.0",
        citation="World Bank (2026), World Development Indicators",
        vintage="mid-2026",
        coverage="world economies, 1960-2025; no Taiwan",
    ),
    "wdi_open_numbers": dict(
        repo="open-numbers/ddf--open_numbers--world_development_indicators",
        commit=None,
        prefix="datapoints/",
        commits={
            "ddf--datapoints--bx_gsr_ccis_zs--by--geo--time.csv": "01a34e8b54d76160a61b0325d74254e22db06b93",
            "ddf--datapoints--tx_val_ictg_zs_un--by--geo--time.csv": "0b3bf62622cd68fb40c6a98ea4aeadfce6debede",
            "ddf--datapoints--tm_val_ictg_zs_un--by--geo--time.csv": "0b3bf62622cd68fb40c6a98ea4aeadfce6debede",
            "ddf--datapoints--tm_tax_mrch_wm_ar_zs--by--geo--time.csv": "537232e64beb9b02068253fc80ed1093ce3fb2c6",
            "ddf--datapoints--nv_ind_manf_zs--by--geo--time.csv": "0a0c5b5e59936efbd6e2f0b3ef33a74af1ed93f2",
            "ddf--datapoints--bx_gsr_ccis_cd--by--geo--time.csv": "339720c5e4d9456ea62a08c4583d0bc73aec1fc5",
            "ddf--datapoints--tx_val_othr_zs_wt--by--geo--time.csv": "057b728034085d772ba569623e7a2ed1a0a15214",
        },
        title="World Development Indicators (open-numbers DDF)",
        publisher="World Bank, via open-numbers",
        licence="CC-BY-4.0 (WDI)",
        citation="World Bank, World Development Indicators (open-numbers DDF, 2025)",
        vintage="2019-2025 (per file)",
        coverage="world economies; no Taiwan",
    ),
    "wgi": dict(
        repo="zjq1234567/replication-governance-indicators",
        commit="ed69a926eae5131554581af4f43965be808e4cca",
        prefix="",
        title="Worldwide Governance Indicators, 2022 update",
        publisher="World Bank (Kaufmann & Kraay)",
        licence="CC-BY-4.0",
        citation="Kaufmann, Kraay & Mastruzzi (2010), World Bank Policy Research WP 5430; WGI 2022 update",
        vintage="2022 update",
        coverage="214 economies incl. Taiwan, 1996-2021 (no 1997, 1999, 2001)",
    ),
    "decompr-wiod2013": dict(
        root="reference",
        repo=None,
        commit=None,
        prefix="",
        title="decompr 6.8.0 KWW and WWZ decompositions of WIOD 2013, year 1995 (peer reference output)",
        publisher="computed with the R package decompr 6.8.0 for this project",
        licence="derived from WIOD 2013; decompr GPL-3",
        citation="Quast & Kummritz (2015), decompr",
        vintage="decompr 6.8.0",
        coverage="41 regions x 35 industries, 1995",
    ),
}


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main(shared_data: str) -> None:
    base = Path(shared_data)
    out = ["# Manifest of every raw file the project reads. Generated by tools/make_manifest.py;",
           "# edit that script, not this file. sha256 = the bytes the project expects.", ""]
    for sid, meta in SOURCES.items():
        root = meta.get("root", "raw")
        folder = base / root / sid
        if not folder.is_dir():
            sys.exit(f"missing folder {folder}")
        stated = dict()
        source_md = folder / "SOURCE.md"
        text = source_md.read_text() if source_md.exists() else ""
        for line in text.splitlines():
            m = re.search(r"\b([0-9a-f]{64})\b", line)
            if m:
                stated.setdefault(m.group(1), line)
        out += [f"[{sid}]", f"root = {q(root)}"]
        for key in ("title", "publisher", "licence", "citation", "vintage", "coverage"):
            out.append(f"{key} = {q(meta[key])}")
        if meta.get("repo"):
            out.append(f"repository = {q('https://github.com/' + meta['repo'])}")
        out.append("")
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "SOURCE.md"):
            rel = path.relative_to(folder).as_posix()
            digest = sha256(path)
            if stated and digest not in stated and not rel.endswith("datapackage.json"):
                # every file whose hash SOURCE.md states must agree with it
                if any(rel.split("/")[-1] in ln for ln in stated.values()):
                    sys.exit(f"{sid}/{rel}: sha256 {digest} disagrees with SOURCE.md")
            url = ""
            if meta.get("repo"):
                commit = meta.get("commit")
                upath = meta.get("paths", {}).get(rel, meta["prefix"] + rel)
                override = meta.get("commits", {}).get(rel)
                if isinstance(override, tuple):
                    commit, upath = override
                elif override:
                    commit = override
                url = RAW.format(repo=meta["repo"], commit=commit, path=quote(upath))
            out += [f"[[{sid}.files]]", f"name = {q(rel)}", f"sha256 = {q(digest)}",
                    f"bytes = {path.stat().st_size}", f"url = {q(url)}", ""]
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
