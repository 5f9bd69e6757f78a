"""The book's own Sphinx extension (listed in ``_config.yml``, loaded from ``book/_ext``).

It does six things Jupyter Book 1.x has no setting for:

1. **Author-year bibliography labels.** The text cites author-year (``bibtex_reference_style:
   author_year``: "[Timmer et al., 2015]"), so the bibliography is labelled the same way
   (``bibtex_default_style: gvc_author_year``) instead of pybtex's alphabetic ``[TDL+15]``:
   one author "Ming, 2025", two "Antràs and Chor, 2018", three or more "Timmer et al., 2015",
   with "a", "b" appended when two entries would share a label. Sorted by author, year, title.
2. **A .md download button.** Chapters are rendered from their executed ``.ipynb``; the theme's
   download menu offers that file. The MyST source ``notebooks/NN_*.md`` (a jupytext pair: it
   opens as a notebook in JupyterLab) is copied next to it under ``_sources/`` and offered too.
3. **Page weight.** After the build, every content page's files (the HTML, its scripts, style
   sheets, images and icon) are summed by :func:`helpers.book.pages.page_weights`, and the
   table and summary of :func:`helpers.book.pages.page_weight_html` replace the placeholder
   ``<div id="gvc-page-weight"></div>`` of the reproducibility page. The browser test checks
   that this list of files is exactly what Chromium loads, fonts aside.
4. **MathJax only where there is math.** Sphinx loads MathJax (1.2 MB) on a page whose toctree
   *includes* a page with math, i.e. on the root page of the book, which has none; it is dropped
   from every page without an equation of its own.
5. **Code visibility.** Each chapter's code cells are tagged for the reader as they are read
   (:func:`helpers.book.visibility.reader_tags`): plumbing and nbval print cells removed, analysis
   code folded behind a toggle, a tag the author wrote kept. The executed notebook is not changed.
6. **Rebuild on a change of the book's own files.** Sphinx rewrites nothing (and copies no static
   file) when no source changed, so a change of ``book/_static``, ``book/_templates``, this file
   or the helpers it calls would not reach the site; a digest of those files, kept in the build
   environment, marks every page outdated when it changes.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections import Counter
from pathlib import Path

from pybtex.plugin import register_plugin
from pybtex.richtext import Text
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle

PLACEHOLDER = re.compile(r'<div id="gvc-page-weight">(?:</div>|.*?</div><!-- /gvc-page-weight -->)', re.S)
WEIGHT_PAGE = "book/reproducibility.html"


# -- 1. author-year labels ---------------------------------------------------------------------

def _surname(person) -> str:
    return Text.from_latex(" ".join(person.prelast_names + person.last_names)).render_as("text")


def author_year_label(entry) -> str:
    """``"Ming, 2025"``, ``"Antràs and Chor, 2018"``, ``"Timmer et al., 2015"`` for one bib entry."""
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    names = [_surname(p) for p in persons]
    if not names:
        who = Text.from_latex(entry.fields.get("organization", entry.key)).render_as("text")
    elif len(names) == 1:
        who = names[0]
    elif len(names) == 2:
        who = f"{names[0]} and {names[1]}"
    else:
        who = f"{names[0]} et al."
    return f"{who}, {entry.fields.get('year', 'n.d.')}"


class AuthorYearLabelStyle(BaseLabelStyle):
    """pybtex label style: author-year labels, disambiguated with a, b, ... in sorted order."""

    def format_labels(self, sorted_entries):
        labels = [author_year_label(e) for e in sorted_entries]
        count, seen = Counter(labels), Counter()
        for label in labels:
            if count[label] == 1:
                yield label
            else:
                seen[label] += 1
                yield label + "abcdefghijklmnopqrstuvwxyz"[seen[label] - 1]


class AuthorYearStyle(PlainStyle):
    """pybtex formatting style: plain entries, sorted by author-year-title, author-year labels."""

    default_label_style = "gvc_author_year"
    default_sorting_style = "author_year_title"


# -- 2. the .md twin of each chapter in the download menu --------------------------------------

def _md_twin(app, pagename: str) -> Path | None:
    if not pagename.startswith("notebooks/"):
        return None
    md = Path(app.srcdir) / f"{pagename}.md"
    return md if md.is_file() else None


def add_md_download(app, pagename, templatename, context, doctree):
    """Offer ``_sources/<page>.md`` beside the ``.ipynb`` in the download menu of a chapter."""
    if _md_twin(app, pagename) is None:
        return
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            group["buttons"].insert(1, {
                "type": "link",
                "url": f"{context['pathto']('_sources', 1)}/{pagename}.md",
                "text": ".md",
                "icon": "fas fa-file-lines",
                "tooltip": "Download the MyST source (.md; opens as a notebook with jupytext)",
                "label": "download-md-button",
            })


# -- 6. rebuild when the book's own files change -------------------------------------------------

def _own_files_digest(app) -> str:
    src = Path(app.srcdir)
    files = sorted([*src.glob("book/_static/**/*"), *src.glob("book/_templates/**/*"), Path(__file__),
                    src / "helpers" / "book" / "pages.py", src / "helpers" / "book" / "visibility.py",
                    src / "helpers" / "book" / "tables.py"])
    h = hashlib.sha256()
    for f in files:
        if f.is_file():
            h.update(str(f.relative_to(src) if f.is_relative_to(src) else f.name).encode())
            h.update(f.read_bytes())
    return h.hexdigest()


def outdated_when_own_files_change(app, env, added, changed, removed):
    """Every page is outdated when the book's CSS, templates, extension or page helpers changed."""
    digest = _own_files_digest(app)
    if getattr(env, "gvc_own_files_digest", None) == digest:
        return []
    env.gvc_own_files_digest = digest
    return sorted(env.found_docs)


# -- 5. code visibility --------------------------------------------------------------------------

def tag_cells_for_the_reader(app, docname, source):
    """Apply the book's code-visibility convention to an executed chapter as Sphinx reads it."""
    if not docname.startswith("notebooks/") or not str(app.env.doc2path(docname)).endswith(".ipynb"):
        return
    from helpers.book.visibility import reader_tags

    nb = json.loads(source[0])
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            meta = cell.setdefault("metadata", {})
            meta["tags"] = reader_tags(meta.get("tags", []), cell.get("outputs", []))
    source[0] = json.dumps(nb)


# -- 4. MathJax only on pages with math ----------------------------------------------------------

def drop_unused_mathjax(app, pagename, templatename, context, doctree):
    """Remove the MathJax script from a page that has no equation of its own."""
    if app.env.get_domain("math").data["has_equations"].get(pagename):
        return
    scripts = context.get("script_files")
    if scripts:  # in place: Sphinx restores the list after each page
        scripts[:] = [js for js in scripts if "mathjax" not in str(getattr(js, "filename", js)).lower()]


# -- 3. copy the twins, weigh the pages ---------------------------------------------------------

def finish(app, exception):
    """After an HTML build: copy the chapters' .md twins into _sources, write the page weights."""
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    for docname in app.env.found_docs:
        md = _md_twin(app, docname)
        if md is not None:
            dest = out / "_sources" / f"{docname}.md"
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(md, dest)
    target = out / WEIGHT_PAGE
    if not target.is_file() or 'id="gvc-page-weight"' not in target.read_text(encoding="utf-8"):
        return
    from helpers.book.pages import content_pages, page_weight_html, page_weights

    previous = None
    for _ in range(4):  # the table changes the size of its own page: iterate to a fixed point
        weights = page_weights(out, content_pages(out))
        block = page_weight_html(weights)
        if block == previous:
            break
        text = target.read_text(encoding="utf-8")
        replacement = f'<div id="gvc-page-weight">{block}</div><!-- /gvc-page-weight -->'
        start = PLACEHOLDER.search(text)
        target.write_text(text[:start.start()] + replacement + text[start.end():], encoding="utf-8")
        previous = block


def register_styles() -> None:
    """Register the pybtex styles as ``gvc_author_year`` (``bibtex_default_style`` in ``_config.yml``)."""
    register_plugin("pybtex.style.labels", "gvc_author_year", AuthorYearLabelStyle, force=True)
    register_plugin("pybtex.style.formatting", "gvc_author_year", AuthorYearStyle, force=True)


def setup(app):
    register_styles()
    app.connect("html-page-context", add_md_download, priority=900)
    app.connect("html-page-context", drop_unused_mathjax, priority=900)
    app.connect("source-read", tag_cells_for_the_reader)
    app.connect("env-get-outdated", outdated_when_own_files_change)
    app.connect("build-finished", finish)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
