"""The book builds strictly, loads nothing from the internet, and reads as a finished book in a real browser.

The browser tests open every page of the built site in headless Chromium (fixtures in
``conftest.py``), at 1,280 px and at 390 px (a phone), and run ``page_checks.js`` in the page after
MathJax has typeset it. A page fails on what a reader would see as broken: raw TeX or a stray
``$``, words swallowed by inline math, literal MyST fences, directives or roles, ``nan`` in text or
output, images without real alt text or that did not load, anything wider than the text column
that does not scroll inside its own box, a page that scrolls sideways, a JavaScript error or a
failed load. Figures must show their tick labels at a readable size. The same page load checks
that the page weight the book reports (``helpers.book.pages.page_weights``) lists exactly the
files Chromium fetched, fonts aside. Screenshots of every chapter (1,280 px and 390 px, and
1,280 px in dark mode) are saved under ``_build/screenshots/``.

``test_checks_catch_broken_markup`` builds a scratch book with a deliberate "US$" and the other
breakages and shows the checks fail on each.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from urllib.parse import urlparse

import matplotlib
import pytest
import yaml

from helpers.book.pages import page_resources
from helpers.book.plots import MIN_TEXT_PX, style_rc

EXTERNAL = re.compile(r"""<(script|img|iframe|source|audio|video)\b[^>]*\bsrc=["'](https?:)?//""", re.I)
EXTERNAL_CSS = re.compile(r"""<link\b[^>]*rel=["']stylesheet["'][^>]*href=["'](https?:)?//""", re.I)
ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = ["01_facts", "02_theory", "03_measurement", "04_empirics", "05_policy"]
CHECKS_JS = (Path(__file__).with_name("page_checks.js")).read_text()
SCREENSHOTS = ROOT / "_build" / "screenshots"
WIDTHS = (1280, 390)
FIGURE_KINDS = ("image alt text is a file path", "image without alt text", "tick labels fall below")
TABLE_KINDS = ("table header is a variable code", "row numbers shown as an index column", "number in e-notation",
               "p = 0.000")


def _toc_pages() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]
    return [f"{f}.html" for f in files]


PAGES = _toc_pages()


@pytest.mark.slow
def test_build_is_clean(built_book):
    proc, html = built_book
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log[-4000:]
    assert "WARNING" not in log and "ERROR" not in log, log[-4000:]
    for page in PAGES:
        assert (html / page).is_file(), page
    # derived datasets are published with the site
    assert list((html / "_downloads").rglob("*.csv")), "derived datasets not copied into the site"
    # every chapter offers its MyST source beside the executed notebook
    for chapter in CHAPTERS:
        assert (html / "_sources" / "notebooks" / f"{chapter}.md").is_file(), chapter
        assert f"_sources/notebooks/{chapter}.md" in (html / "notebooks" / f"{chapter}.html").read_text()
    # the page weight was measured and written into the reproducibility page
    repro = (html / "book" / "reproducibility.html").read_text()
    assert '<div id="gvc-page-weight"><p>Measured on this build' in repro


@pytest.mark.slow
def test_html_loads_nothing_from_the_internet(built_book):
    _, html = built_book
    offenders = []
    for page in html.rglob("*.html"):
        text = page.read_text(errors="replace")
        offenders += [(page.name, m.group(0)[:120]) for m in EXTERNAL.finditer(text)]
        offenders += [(page.name, m.group(0)[:120]) for m in EXTERNAL_CSS.finditer(text)]
    assert not offenders, offenders[:10]
    assert (html / "_static" / "mathjax" / "tex-chtml.js").is_file(), "MathJax is not served locally"


@pytest.fixture(scope="module")
def site(built_book, book_tools):
    _, html = built_book
    server = book_tools.Server(html)
    yield html, server
    server.close()


def _min_tick_scale() -> float:
    """Smallest displayed/natural size of a figure at which its tick labels still show at MIN_TEXT_PX."""
    rc = style_rc()
    tick_pt = min(matplotlib.font_manager.FontProperties(size=rc[k]).get_size_in_points()
                  for k in ("xtick.labelsize", "ytick.labelsize"))
    return MIN_TEXT_PX / (tick_pt * 96 / 72)


def _local_path(url: str) -> str:
    return urlparse(url).path.lstrip("/")


def inspect(tools, browser, url: str, width: int) -> tuple[dict, list[dict], list[str]]:
    """Load a page at a width; return the checks' report, the page's requests and its console errors."""
    browser.resize(width)
    events = browser.open(url)
    report = browser.evaluate(CHECKS_JS)
    return report, tools.transfers(events), tools.console_errors(events)


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("page", PAGES)
def test_page_reads_as_finished_in_chromium(site, browser, book_tools, page):
    html, server = site
    failures = []
    for width in WIDTHS:
        report, loaded, errors = inspect(book_tools, browser, server.url(page), width)
        failures += [f"{width}px {p['kind']}: {p['detail']}" for p in report["problems"]]
        failures += [f"{width}px console: {e}" for e in errors]
        if width == 1280:
            assert report["title"].strip(), f"{page}: no title rendered"
            # figures: tick labels readable at the column width
            floor = _min_tick_scale()
            for fig in report["figures"]:
                if fig["natural"] and fig["shown"] / fig["natural"] < floor:
                    failures.append(f"figure {fig['alt'][:60]!r} is shown at {fig['shown']}/{fig['natural']} px: its "
                                    f"tick labels fall below {MIN_TEXT_PX} px (make it narrower than "
                                    f"{fig['shown'] / floor / 96:.1f} in)")
            # page weight: the files the book reports are exactly the files the browser fetched (fonts aside)
            fetched = {_local_path(t["url"]) for t in loaded if t["type"] != "Font" and t["status"] == 200}
            _, listed = page_resources(html, page)
            icon = {"_static/favicon.svg"}  # headless Chromium fetches the icon once per session, a browser once
            fetched, listed = fetched - icon, set(listed) - icon
            assert fetched == listed, (f"{page}: page_resources misses {sorted(fetched - listed)} "
                                       f"and lists unloaded {sorted(listed - fetched)}")
            assert not any("fontawesome.js" in f for f in fetched), "the theme's fontawesome.js is back"
            icons = browser.evaluate('document.fonts.check(\'900 16px "Font Awesome 6 Free"\')')
            assert icons, "the header icons' web font did not load"
        if page.startswith("notebooks/"):
            stem = Path(page).stem
            browser.screenshot(SCREENSHOTS / f"{stem}-{width}.png")
            if width == 1280:
                browser.call("Emulation.setEmulatedMedia", features=[{"name": "prefers-color-scheme",
                                                                      "value": "dark"}])
                browser.evaluate("localStorage.clear()")
                browser.open(server.url(page))
                browser.screenshot(SCREENSHOTS / f"{stem}-{width}-dark.png")
                browser.call("Emulation.setEmulatedMedia", features=[])
                browser.evaluate("localStorage.clear()")
    stem, pending = Path(page).stem, []
    for kinds, chapters, name in ((FIGURE_KINDS, book_tools.pending_figure_metadata, "PENDING_FIGURE_METADATA"),
                                  (TABLE_KINDS, book_tools.pending_tables_and_numbers, "PENDING_TABLES_AND_NUMBERS")):
        if stem in chapters:
            mine = [f for f in failures if any(k in f for k in kinds)]
            assert mine, f"{page} passes the {name} checks now: remove {stem} from {name} (conftest.py)"
            pending += mine
            failures = [f for f in failures if f not in mine]
    assert not failures, f"{page}:\n" + "\n".join(failures)
    if pending:
        pytest.xfail(f"{page}: chapter owners are finishing figures/tables ({len(pending)} items): "
                     + "; ".join(sorted(set(pending))[:12]))


# -- the checks catch what they are meant to catch -----------------------------------------------

SCRATCH_PAGE = r"""
# Scratch page

The table stores values rounded to whole US$ million. The accounting identity
$x = Z\mathbf{1} + F\mathbf{1}$ holds only up to rounding.

Prices rose from US$ 5 to US$ 6 in a year.

| indicator | value |
|---|---|
| exports | nan |

<div style="overflow: visible"><table style="width: 1600px"><tr><td>too wide</td></tr></table></div>

<img src="plot.svg" alt="_images/plot.svg">

A clean sentence with math $a + b$ and USD 5 million.

$$
\hat y \pm \text{95\% interval}
$$

```{dropdown} All files with their `sha256`
| a | b |
|---|---|
| 1 | 2 |
```
"""


@pytest.mark.slow
@pytest.mark.browser
def test_checks_catch_broken_markup(browser, book_tools, tmp_path):
    """A scratch book with a deliberate "US$" (and friends): every breakage is reported."""
    src = tmp_path / "scratch"
    src.mkdir()
    (src / "_config.yml").write_text(textwrap.dedent("""\
        title: scratch
        execute: {execute_notebooks: "off"}
        parse: {myst_enable_extensions: [dollarmath, colon_fence]}
        sphinx: {extra_extensions: [sphinx-mathjax-offline]}
        """))
    (src / "_toc.yml").write_text("format: jb-book\nroot: index\n")
    (src / "index.md").write_text(SCRATCH_PAGE)
    (src / "plot.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
                                  '<rect width="40" height="20"/></svg>')
    proc = book_tools.build_book(src, tmp_path / "out")
    html = tmp_path / "out" / "_build" / "html"
    assert (html / "index.html").is_file(), proc.stdout[-2000:] + proc.stderr[-2000:]
    server = book_tools.Server(html)
    try:
        report, _, _ = inspect(book_tools, browser, server.url("index.html"), 1280)
    finally:
        server.close()
    kinds = {p["kind"] for p in report["problems"]}
    expected = {
        "raw TeX",                                                       # \mathbf shown as text
        "unmatched $ (dollarmath opens math: write USD)",                # the "$" left over
        "words inside inline math (a stray $?)",                         # "US$ 5 to US$ 6"
        "literal MyST fence",                                            # backticks in a fence title
        "unrendered directive or role",                                  # {dropdown} printed
        "nan in text",
        "image alt text is a file path",
        "wider than the text column and not scrolling in its own box",
        "raw TeX inside \\text{} (shows literally)",                      # \% in \text{} is not processed
    }
    assert expected <= kinds, f"missed: {expected - kinds}; report: {report['problems']}"
    details = " ".join(p["detail"] for p in report["problems"])
    assert "clean sentence" not in details, "a clean sentence was reported"
