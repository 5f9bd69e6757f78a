"""Generated parts of the book's appendices: read from the manifest and the build, never typed.

Before the build (``python -m helpers pages``): MyST fragments that the data appendix and the
reproducibility page ``{include}`` (tables of sources, checksums, derived datasets, chapter
timings), written to ``book/_generated/`` (git-ignored).

After the build (from the book's Sphinx extension ``book/_ext/gvc_book.py``): the weight of every
page of the site, :func:`page_weights`, summarised by :func:`page_weight_html` on the
reproducibility page.
"""

from __future__ import annotations

import csv
import gzip
import html
import platform
import posixpath
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd

from ..data.manifest import REPO_ROOT, files_table, sources_table
from .format import fmt_int
from .registry import derived_datasets
from .tables import display_table

GENERATED = REPO_ROOT / "book" / "_generated"
TIMINGS = REPO_ROOT / ".stamps" / "timings.csv"


def _md_text(v) -> str:
    """A cell of a generated MyST table: no "|" or newline, and no "$" (dollarmath would open math)."""
    return str(v).replace("US$", "USD").replace("$", "\\$").replace("|", "\\|").replace("\n", " ")


def _md_table(header: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(_md_text(c) for c in r) + " |" for r in rows]
    return "\n".join(out) + "\n"


def sources_markdown() -> str:
    """Build the data appendix's sources and files: one entry per source, then every raw file.

    The sources are a definition list (one entry per source reads on a phone as well as on a wide
    screen); the files are a table inside a collapsed block (a sphinx-togglebutton admonition
    whose title has no backtick, which would break the fence).

    Returns
    -------
    str
        MyST markdown: for every source its title, publisher, vintage, coverage, licence,
        citation, file count and origin; then every file's size, SHA-256 prefix and pinned URL,
        all read from ``data/sources.toml``, with "US$" written USD and any other "$" escaped.
    """
    st = sources_table()
    entries = []
    for r in st.itertuples():
        origin = f"[repository]({r.repository})" if r.repository else "peer output (no public URL)"
        size = f"{r.megabytes:,.1f} MB" if r.megabytes >= 0.1 else "under 0.1 MB"
        details = " ".join(f"*{k}:* {_md_text(v).rstrip('.')}." for k, v in (
            ("Publisher", r.publisher), ("Vintage", r.vintage), ("Coverage", r.coverage),
            ("Licence", r.licence), ("Cite as", r.citation)))
        entries.append(f"`{r.source}`\n: **{_md_text(r.title)}.** {details} "
                       f"*Files:* {fmt_int(r.files)} ({size}), {origin}.\n")
    text = "\n".join(entries)
    ft = files_table()
    frows = [
        [f"`{r.source}`", f"`{r.name}`", f"{r.bytes:,}", f"`{r.sha256[:16]}…`",
         f"[link]({r.url})" if r.url else "—"]
        for r in ft.itertuples()
    ]
    # a collapsed admonition (sphinx-togglebutton); its title is plain text: a backtick in the
    # title line of a fence would end the fence and print the directive literally
    text += (f"\n:::{{admonition}} All {len(ft)} raw files with their SHA-256 "
             "(first 16 hex digits; full values in data/sources.toml)\n:class: dropdown\n\n")
    text += _md_table(["source", "file", "bytes", "sha256", "pinned URL"], frows) + ":::\n"
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
    body = [[f"`{nb}`", f"{float(s):.1f}"] for nb, (s, _) in sorted(latest.items())]
    total = sum(float(s) for s, _ in latest.values())
    body.append(["**all chapters**", f"**{total:.1f}**"])
    return ("The last run of each chapter in the checkout that built this site "
            f"({platform.machine()}, Python {platform.python_version()}):\n\n"
            + _md_table(["chapter", "seconds"], body))


def chapter_parameters(notebooks: Path = REPO_ROOT / "notebooks") -> pd.DataFrame:
    """The parameters of every chapter: the assignments of its code cell tagged ``parameters``.

    These are what ``make chapter NB=... PARAMS='-p NAME VALUE'`` (papermill) can override.

    Parameters
    ----------
    notebooks : Path
        The folder of the MyST chapter sources ``NN_*.md``.

    Returns
    -------
    pandas.DataFrame
        ``chapter`` (file stem), ``name``, ``default`` (the source text of the value) and
        ``meaning`` (the comment on the line, if any), in the order of the cell.

    Raises
    ------
    ValueError
        If a chapter has no cell tagged ``parameters``.
    """
    import ast

    import jupytext

    rows = []
    for md in sorted(Path(notebooks).glob("[0-9][0-9]_*.md")):
        cells = [c for c in jupytext.read(md).cells
                 if c.cell_type == "code" and "parameters" in c.metadata.get("tags", [])]
        if not cells:
            raise ValueError(f"{md.name} has no code cell tagged `parameters`")
        source = cells[0].source
        lines = source.splitlines()
        for node in ast.parse(source).body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                value = ast.get_source_segment(source, node.value)
                line = lines[node.end_lineno - 1]
                comment = line.split("#", 1)[1].strip() if "#" in line[node.value.end_col_offset:] else ""
                rows.append((md.stem, node.targets[0].id, value, comment))
    return pd.DataFrame(rows, columns=["chapter", "name", "default", "meaning"])


def parameters_markdown() -> str:
    """Build the table of every chapter's parameters for the reproducibility page.

    Returns
    -------
    str
        MyST markdown table ``chapter, parameter, default, meaning`` (:func:`chapter_parameters`).
    """
    p = chapter_parameters()
    rows = [[f"`{r.chapter}`", f"`{r.name}`", f"`{r.default}`", r.meaning] for r in p.itertuples()]
    return _md_table(["chapter", "parameter", "default", "meaning"], rows)


def write_pages(outdir: Path = GENERATED) -> list[Path]:
    """Write the generated fragments that the book's appendix pages include.

    Parameters
    ----------
    outdir : pathlib.Path
        Target folder (default ``book/_generated``, git-ignored).

    Returns
    -------
    list of pathlib.Path
        ``sources.md``, ``derived.md``, ``timings.md`` and ``parameters.md`` in ``outdir``.
    """
    outdir.mkdir(parents=True, exist_ok=True)
    out = []
    for name, text in (("sources.md", sources_markdown()), ("derived.md", derived_markdown()),
                       ("timings.md", timings_markdown()), ("parameters.md", parameters_markdown())):
        p = outdir / name
        p.write_text(text)
        out.append(p)
    return out


# -- page weight (after the build) -------------------------------------------------------------

_CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?["']?([^"')\s;]+)""")

WEIGHT_KINDS = ("page HTML", "MathJax", "figures", "theme")
"""Kinds of file a page loads: its HTML, MathJax, its figures, and the theme (scripts, style sheets,
search index, icon), which every page shares."""


def content_pages(html_dir: Path) -> list[str]:
    """The reader's pages of a built book: chapters (``notebooks/``) and appendices (``book/``).

    Parameters
    ----------
    html_dir : Path
        The built site (``_build/html``).

    Returns
    -------
    list of str
        Paths relative to ``html_dir``, sorted (``book/data.html``, ``notebooks/01_facts.html``...).
    """
    html_dir = Path(html_dir)
    return sorted(p.relative_to(html_dir).as_posix() for sub in ("book", "notebooks")
                  for p in (html_dir / sub).glob("*.html"))


class _Assets(HTMLParser):
    """The files an HTML page makes the browser fetch: scripts, style sheets, icons, images."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        rel = (a.get("rel") or "").lower().split()
        if tag == "script" and a.get("src"):
            self.urls.append(a["src"])
        elif tag == "link" and a.get("href") and ({"stylesheet", "icon"} & set(rel)
                                                   or ("preload" in rel and a.get("as") in ("script", "style"))):
            self.urls.append(a["href"])
        elif tag == "img" and a.get("src"):
            self.urls.append(a["src"])
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def page_resources(html_dir: Path, page: str) -> tuple[str, list[str]]:
    """The title of a built page and the local files it loads (the page first, each file once).

    Parameters
    ----------
    html_dir : Path
        The built site.
    page : str
        A page relative to ``html_dir``.

    Returns
    -------
    (str, list of str)
        The ``<title>`` up to its " — " site suffix, and paths relative to ``html_dir`` (query
        strings and fragments dropped; ``data:`` and external URLs skipped): the page, its
        scripts, style sheets and those they ``@import``, its icon and its images.

    Raises
    ------
    ValueError
        If ``page`` is not a file of ``html_dir``.
    """
    path = Path(html_dir) / page
    if not path.is_file():
        raise ValueError(f"page={page!r} is not a file of {html_dir}; pages: {content_pages(html_dir)[:10]}")
    parser = _Assets()
    parser.feed(path.read_text(encoding="utf-8"))
    files = [page]

    def add(base: str, url: str) -> None:
        if re.match(r"^(?:[a-z]+:|//)", url):
            return
        rel = posixpath.normpath(posixpath.join(posixpath.dirname(base), url.split("?")[0].split("#")[0]))
        if rel in files:
            return
        files.append(rel)
        if rel.endswith(".css") and (Path(html_dir) / rel).is_file():  # style sheets it imports
            for m in _CSS_IMPORT.finditer((Path(html_dir) / rel).read_text(encoding="utf-8", errors="replace")):
                add(rel, m.group(1))

    for url in parser.urls:
        add(page, url)
    return parser.title.split(" — ")[0].strip(), files


def _kind(file: str, page: str) -> str:
    if file == page:
        return "page HTML"
    if file.startswith("_static/mathjax/"):
        return "MathJax"
    if file.startswith("_images/"):
        return "figures"
    return "theme"


@cache
def _sizes(path: Path, mtime_ns: int) -> tuple[int, int]:
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=6, mtime=0))


def page_weights(html_dir: Path, pages: list[str] | None = None) -> pd.DataFrame:
    """Bytes of every file each page loads, as stored and as gzip-compressed.

    The files are read from the page's HTML (:func:`page_resources`); fonts that style sheets
    and MathJax fetch on demand are not included (the browser test measures them and checks that
    the browser loads exactly these files otherwise).

    Parameters
    ----------
    html_dir : Path
        The built site.
    pages : list of str, optional
        Pages relative to ``html_dir`` (default :func:`content_pages`).

    Returns
    -------
    pandas.DataFrame
        One row per page and file: ``page``, ``title``, ``file``, ``kind`` (one of
        :data:`WEIGHT_KINDS`), ``bytes`` and ``gzip_bytes`` (gzip level 6, what a server that
        compresses sends).

    Raises
    ------
    ValueError
        If a page is not in ``html_dir`` or a file it loads is missing.
    """
    html_dir = Path(html_dir)
    rows = []
    for page in content_pages(html_dir) if pages is None else pages:
        title, files = page_resources(html_dir, page)
        for f in files:
            p = html_dir / f
            if not p.is_file():
                raise ValueError(f"{page} loads {f}, which is not in {html_dir}")
            size, packed = _sizes(p, p.stat().st_mtime_ns)
            rows.append((page, title, f, _kind(f, page), size, packed))
    return pd.DataFrame(rows, columns=["page", "title", "file", "kind", "bytes", "gzip_bytes"])


def page_weight_summary(weights: pd.DataFrame) -> pd.DataFrame:
    """One row per page: total bytes, gzip bytes and bytes of each kind of file (kB = 1,000 bytes).

    Parameters
    ----------
    weights : pandas.DataFrame
        The output of :func:`page_weights`.

    Returns
    -------
    pandas.DataFrame
        Columns ``title``, ``total_kb``, ``gzip_kb`` and one column per kind of file, in kB;
        sorted by total, heaviest first.
    """
    by_kind = weights.pivot_table(index=["page", "title"], columns="kind", values="bytes", aggfunc="sum",
                                  fill_value=0).reindex(columns=list(WEIGHT_KINDS), fill_value=0)
    out = by_kind.div(1000)
    out.insert(0, "gzip_kb", weights.groupby(["page", "title"])["gzip_bytes"].sum() / 1000)
    out.insert(0, "total_kb", weights.groupby(["page", "title"])["bytes"].sum() / 1000)
    out = out.reset_index().sort_values(["total_kb", "page"], ascending=[False, True])
    return out.drop(columns="page").reset_index(drop=True)


def page_weight_html(weights: pd.DataFrame) -> str:
    """What the pages weigh and what dominates, as HTML for the reproducibility page.

    A generated summary sentence (the heaviest page, its largest kind of file, the largest single
    file and how many pages load it) and a table of :func:`page_weight_summary`.

    Parameters
    ----------
    weights : pandas.DataFrame
        The output of :func:`page_weights`.

    Returns
    -------
    str
        An HTML fragment (no script, no external resource).

    Raises
    ------
    ValueError
        If ``weights`` is empty.
    """
    if weights.empty:
        raise ValueError("weights is empty: no page was measured")
    summary = page_weight_summary(weights)
    n_pages = weights["page"].nunique()
    top = summary.iloc[0]
    kinds = top[list(WEIGHT_KINDS)].astype(float)
    main_kind = kinds.idxmax()
    files = weights.groupby("file").agg(bytes=("bytes", "first"), pages=("page", "nunique"))
    biggest = files.sort_values(["bytes"], ascending=False).iloc[0]
    everywhere = files[files["pages"] == n_pages]
    common = everywhere["bytes"].sum()
    text = (
        f"Measured on this build: {n_pages} pages. The heaviest, <em>{html.escape(top['title'])}</em>, "
        f"loads {fmt_int(round(top['total_kb']))} kB ({fmt_int(round(top['gzip_kb']))} kB gzip-compressed, "
        f"as a server that compresses sends it); its largest part is {main_kind} "
        f"({fmt_int(round(kinds[main_kind]))} kB, {100 * kinds[main_kind] / top['total_kb']:.0f}%). "
        f"The largest single file is <code>{html.escape(biggest.name)}</code> "
        f"({fmt_int(round(biggest['bytes'] / 1000))} kB), loaded by {fmt_int(biggest['pages'])} of the "
        f"{n_pages} pages. The {len(everywhere)} files every page loads (the theme's scripts and style "
        f"sheets, the search index, the icon) weigh {fmt_int(round(common / 1000))} kB; a browser caches "
        "them after the first page. "
        "Web fonts that style sheets and MathJax fetch on demand are not included."
    )
    table = display_table(
        summary, digits=0,
        headers={"title": "Page", "total_kb": "Total (kB)", "gzip_kb": "gzip (kB)", "page HTML": "HTML (kB)",
                 "MathJax": "MathJax (kB)", "figures": "Figures (kB)", "theme": "Theme (kB)"},
        caption="What each page loads, by kind of file (kB = 1,000 bytes)", scroll_rows=None)
    return f"<p>{text}</p>\n{table.to_html()}"
