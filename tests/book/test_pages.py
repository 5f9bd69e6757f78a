"""Generated parts of the appendices: page weight, chapter parameters, the sources listing."""

from __future__ import annotations

import gzip
import re

import pytest

from helpers.book.pages import (
    chapter_parameters,
    content_pages,
    page_resources,
    page_weight_html,
    page_weight_summary,
    page_weights,
    sources_markdown,
)


@pytest.fixture
def site(tmp_path):
    """A two-page toy site: one page with a figure and math, one without."""
    (tmp_path / "_static" / "mathjax").mkdir(parents=True)
    (tmp_path / "_images").mkdir()
    (tmp_path / "book").mkdir()
    (tmp_path / "notebooks").mkdir()
    files = {
        "_static/theme.css": '@import "base.css";\nbody{}' + "x" * 900,
        "_static/base.css": "p{}" + "y" * 400,
        "_static/app.js": "var a=1;" + "z" * 1992,
        "_static/mathjax/tex-chtml.js": "m" * 5000,
        "_static/icon.svg": "<svg/>",
        "_images/fig.svg": "<svg>" + "f" * 3000 + "</svg>",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    head = ('<head><title>{t} — Site</title><link rel="stylesheet" href="../_static/theme.css?v=1">'
            '<link rel="icon" href="../_static/icon.svg"><script src="../_static/app.js"></script>'
            '<link rel="preload" as="script" href="../_static/app.js">{extra}</head>')
    (tmp_path / "notebooks" / "01_a.html").write_text(
        head.format(t="1. A", extra='<script src="../_static/mathjax/tex-chtml.js"></script>')
        + '<body><img src="../_images/fig.svg" alt="a figure"><img src="data:image/png;base64,AAAA">'
        '<script src="https://example.org/x.js"></script></body>')
    (tmp_path / "book" / "b.html").write_text(head.format(t="B", extra="") + "<body>text</body>")
    return tmp_path


def test_page_resources_lists_each_loaded_file_once(site):
    title, files = page_resources(site, "notebooks/01_a.html")
    assert title == "1. A"
    assert files == ["notebooks/01_a.html", "_static/theme.css", "_static/base.css", "_static/icon.svg",
                     "_static/app.js", "_static/mathjax/tex-chtml.js", "_images/fig.svg"]
    with pytest.raises(ValueError, match="page='nope.html'"):
        page_resources(site, "nope.html")


def test_page_weights_sum_the_files_on_disk(site):
    assert content_pages(site) == ["book/b.html", "notebooks/01_a.html"]
    w = page_weights(site)
    a = w[w["page"] == "notebooks/01_a.html"]
    expected = sum((site / f).stat().st_size for f in a["file"])
    assert a["bytes"].sum() == expected
    assert a.set_index("file").loc["_static/theme.css", "gzip_bytes"] == len(
        gzip.compress((site / "_static/theme.css").read_bytes(), compresslevel=6, mtime=0))
    kinds = a.set_index("file")["kind"].to_dict()
    assert kinds["_static/mathjax/tex-chtml.js"] == "MathJax" and kinds["_images/fig.svg"] == "figures"
    assert kinds["notebooks/01_a.html"] == "page HTML" and kinds["_static/base.css"] == "theme"
    s = page_weight_summary(w)
    assert s["title"].tolist() == ["1. A", "B"]  # heaviest first
    assert s.loc[0, "MathJax"] == pytest.approx(5.0) and s.loc[1, "MathJax"] == 0


def test_page_weight_text_is_generated_from_the_measurement(site):
    w = page_weights(site)
    text = page_weight_html(w)
    total_a = w[w["page"] == "notebooks/01_a.html"]["bytes"].sum() / 1000
    assert f"loads {round(total_a):,} kB" in text
    assert "its largest part is MathJax" in text          # 5 kB of 12: the largest kind on page A
    assert "<code>_static/mathjax/tex-chtml.js</code> (5 kB), loaded by 1 of the 2 pages" in text
    common = sum((site / f).stat().st_size for f in ("_static/theme.css", "_static/base.css", "_static/app.js",
                                                      "_static/icon.svg")) / 1000
    assert f"The 4 files every page loads (the theme's scripts and style sheets, the search index, the icon) " \
           f"weigh {round(common)} kB" in text
    assert '<table class="gvc-table table">' in text and "<script" not in text
    with pytest.raises(ValueError, match="empty"):
        page_weight_html(w.iloc[0:0])


def test_chapter_parameters_read_the_tagged_cell(tmp_path):
    (tmp_path / "07_toy.md").write_text(
        "---\njupytext:\n  text_representation:\n    extension: .md\n    format_name: myst\n"
        "kernelspec:\n  display_name: Python 3\n  language: python\n  name: python3\n---\n\n"
        "# Toy\n\n```{code-cell} ipython3\n:tags: [parameters]\n\n"
        'YEAR = 2011   # the year\nSHOW = ["A", "B"]\nx = {"a": 1}  # a dict # with a hash\n```\n')
    p = chapter_parameters(tmp_path)
    assert p.to_dict("records") == [
        {"chapter": "07_toy", "name": "YEAR", "default": "2011", "meaning": "the year"},
        {"chapter": "07_toy", "name": "SHOW", "default": '["A", "B"]', "meaning": ""},
        {"chapter": "07_toy", "name": "x", "default": '{"a": 1}', "meaning": "a dict # with a hash"},
    ]
    (tmp_path / "08_none.md").write_text("# none\n")
    with pytest.raises(ValueError, match="08_none.md has no code cell tagged `parameters`"):
        chapter_parameters(tmp_path)


def test_sources_page_has_no_dollar_and_no_backtick_in_a_fence_title():
    md = sources_markdown()
    assert "US$" not in md and not re.search(r"(?<!\\)\$", md)
    for line in md.splitlines():
        if line.startswith((":::", "```")):
            assert "`" not in line.lstrip(":`").split("}", 1)[-1], line
    assert ":class: dropdown" in md
