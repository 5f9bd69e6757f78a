"""Generated MyST fragments for the book's appendices (``python -m helpers pages``).

The data appendix and the reproducibility page ``{include}`` these files, so the
tables of sources, checksums, derived datasets and chapter timings are read from
the manifest and the build, never typed by hand.  They are written to
``book/_generated/`` (git-ignored) before every book build.
"""

from __future__ import annotations

import csv
import platform
from pathlib import Path

from ..data.manifest import REPO_ROOT, files_table, sources_table
from .registry import derived_datasets

GENERATED = REPO_ROOT / "book" / "_generated"
TIMINGS = REPO_ROOT / ".stamps" / "timings.csv"


def _md_table(header: list[str], rows: list[list[str]]) -> str:
    def esc(v) -> str:
        return str(v).replace("|", "\\|").replace("\n", " ")

    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(esc(c) for c in r) + " |" for r in rows]
    return "\n".join(out) + "\n"


def sources_markdown() -> str:
    """Build the data appendix's tables: every source, then (in a dropdown) every raw file.

    Returns
    -------
    str
        MyST markdown: a table of sources (id, title, publisher, vintage, coverage, licence,
        citation, origin) and a dropdown with every file's size, SHA-256 prefix and pinned URL, all
        read from ``data/sources.toml``.
    """
    st = sources_table()
    rows = [
        [f"`{r.source}`", r.title, r.publisher, r.vintage, r.coverage, r.licence, r.citation,
         f"[repository]({r.repository})" if r.repository else "peer output (no public URL)"]
        for r in st.itertuples()
    ]
    text = _md_table(["id", "title", "publisher", "vintage", "coverage", "licence", "citation", "origin"], rows)
    ft = files_table()
    frows = [
        [f"`{r.source}`", f"`{r.name}`", f"{r.bytes:,}", f"`{r.sha256[:16]}…`",
         f"[link]({r.url})" if r.url else "—"]
        for r in ft.itertuples()
    ]
    text += (f"\n```{{dropdown}} All {len(ft)} raw files with their SHA-256 "
             "(first 16 hex digits; full values in `data/sources.toml`)\n")
    text += _md_table(["source", "file", "bytes", "sha256", "pinned URL"], frows) + "```\n"
    return text


def derived_markdown() -> str:
    """Build the table of the derived datasets, each linked for download from the built site.

    Returns
    -------
    str
        MyST markdown table ``file, content`` over the registry of :func:`derived_datasets`.
    """
    rows = []
    for name, _, desc in derived_datasets():
        rows.append([f"{{download}}`{name} </data/derived/{name}>`", desc])
    return _md_table(["file", "content"], rows)


def timings_markdown() -> str:
    """Build the table of measured chapter run times of the last ``make book`` in this checkout.

    Returns
    -------
    str
        MyST markdown: the latest run time of each chapter (``.stamps/timings.csv``) and their
        total, with the machine and Python version; a sentence saying none were recorded if the
        file does not exist.
    """
    if not TIMINGS.exists():
        return ("*No chapter timings recorded in this checkout yet: they are written by `make book` "
                "(or `make chapter`), which executes the chapters.*\n")
    with TIMINGS.open() as fh:
        rows = list(csv.reader(fh))
    latest = {}
    for nb, seconds, when in rows:
        latest[nb] = (seconds, when)
    body = [[f"`{nb}`", f"{float(s):.1f}", when] for nb, (s, when) in sorted(latest.items())]
    total = sum(float(s) for s, _ in latest.values())
    body.append(["**all chapters**", f"**{total:.1f}**", ""])
    return (f"Measured on this machine ({platform.machine()}, Python {platform.python_version()}):\n\n"
            + _md_table(["chapter", "seconds", "run at (UTC)"], body))


def write_pages(outdir: Path = GENERATED) -> list[Path]:
    """Write the generated fragments that the book's appendix pages include.

    Parameters
    ----------
    outdir : pathlib.Path
        Target folder (default ``book/_generated``, git-ignored).

    Returns
    -------
    list of pathlib.Path
        ``sources.md``, ``derived.md`` and ``timings.md`` in ``outdir``.
    """
    outdir.mkdir(parents=True, exist_ok=True)
    out = []
    for name, text in (("sources.md", sources_markdown()), ("derived.md", derived_markdown()),
                       ("timings.md", timings_markdown())):
        p = outdir / name
        p.write_text(text)
        out.append(p)
    return out
