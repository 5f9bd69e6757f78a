"""The book builds strictly, loads nothing from the internet, and renders in a real browser."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = ["01_facts", "02_theory", "03_measurement", "04_empirics", "05_policy"]
PAGES = [f"notebooks/{c}.html" for c in CHAPTERS] + ["book/intro.html", "book/data.html", "book/reproducibility.html"]
EXTERNAL = re.compile(r"""<(script|img|iframe|source|audio|video)\b[^>]*\bsrc=["'](https?:)?//""", re.I)
EXTERNAL_CSS = re.compile(r"""<link\b[^>]*rel=["']stylesheet["'][^>]*href=["'](https?:)?//""", re.I)


@pytest.fixture(scope="session")
def built_book():
    """Build the book exactly as `make book` does (derived data, generated pages, strict build)."""
    out = Path(tempfile.mkdtemp(prefix="gvc-book-"))
    for cmd in (["-m", "helpers", "derive"], ["-m", "helpers", "pages"]):
        subprocess.run([sys.executable, *cmd], cwd=ROOT, check=True, capture_output=True)
    jb = Path(sys.executable).with_name("jupyter-book")
    proc = subprocess.run([str(jb), "build", str(ROOT), "--path-output", str(out), "-W", "-n", "--keep-going"],
                          cwd=ROOT, capture_output=True, text=True)
    yield proc, out / "_build" / "html"
    shutil.rmtree(out, ignore_errors=True)


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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output readable
        pass


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_renders_in_chromium(built_book, chapter, tmp_path):
    browser = _chromium()
    if browser is None:
        pytest.skip("no Chromium on this machine: install Debian's `chromium` "
                    "(apt-get install chromium) to run browser tests")
    _, html = built_book
    handler = functools.partial(_QuietHandler, directory=str(html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/notebooks/{chapter}.html"
    try:
        proc = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0",
             "--virtual-time-budget=5000", "--dump-dom", url],
            capture_output=True, text=True, timeout=120,
        )
    finally:
        server.shutdown()
    dom, log = proc.stdout, proc.stderr
    assert proc.returncode == 0, log[-2000:]
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", dom, re.S)
    assert heading and re.sub(r"<[^>]+>", "", heading.group(1)).strip(), "no chapter title rendered"
    assert re.search(r"<img[^>]+src=\"[^\"]*(\.png|data:image/png)", dom), "no figure rendered"
    console = [ln for ln in log.splitlines() if "CONSOLE" in ln]
    errors = [ln for ln in console if re.search(r"error|uncaught|failed", ln, re.I)]
    assert not errors, errors
