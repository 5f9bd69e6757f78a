"""What the reader sees: code visibility, bibliography labels, SVG figures."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import matplotlib
import pytest

from helpers.book.plots import SVG_METADATA, set_style, style_rc
from helpers.book.visibility import has_visible_output, reader_tags

matplotlib.use("Agg")
ROOT = Path(__file__).resolve().parents[2]

STREAM = {"output_type": "stream", "name": "stdout", "text": "x = 1\n"}
GLUE = {"output_type": "display_data", "data": {"application/papermill.record/text/plain": "1"}, "metadata": {}}
FIGURE = {"output_type": "display_data", "data": {"image/svg+xml": "<svg/>", "text/plain": "<Figure>"}}
TABLE = {"output_type": "execute_result", "data": {"text/html": "<table/>", "text/plain": "t"}}


@pytest.mark.parametrize(("tags", "outputs", "expected"), [
    ([], [], ["remove-cell"]),                                       # imports: nothing to show
    ([], [GLUE, GLUE], ["remove-cell"]),                             # glue plumbing
    (["parameters"], [], ["parameters", "remove-cell"]),
    (["nbval-check-output"], [STREAM], ["nbval-check-output", "remove-cell"]),
    ([], [FIGURE], ["hide-input"]),                                  # analysis: folded
    ([], [GLUE, TABLE], ["hide-input"]),
    ([], [STREAM], ["hide-input"]),
    (["show-input"], [FIGURE], ["show-input"]),                      # the author decides
    (["remove-input"], [TABLE], ["remove-input"]),
    (["nbval-check-output", "hide-output"], [STREAM], ["nbval-check-output", "hide-output"]),
])
def test_reader_tags(tags, outputs, expected):
    assert reader_tags(tags, outputs) == expected


def test_visible_output():
    assert not has_visible_output([GLUE])
    assert has_visible_output([GLUE, FIGURE])
    assert has_visible_output([{"output_type": "error", "ename": "E", "evalue": "", "traceback": []}])


def _extension():
    spec = importlib.util.spec_from_file_location("gvc_book", ROOT / "book" / "_ext" / "gvc_book.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_bibliography_labels_are_author_year():
    from pybtex.database import parse_string

    bib = parse_string(r"""
        @article{one, author = {Ming, Xing}, title = {T}, journal = {J}, year = {2025}}
        @article{two, author = {Antr{\`a}s, Pol and Chor, Davin}, title = {T}, journal = {J}, year = {2018}}
        @article{many, author = {Timmer, M. and Dietz, E. and Los, B.}, title = {T}, journal = {J}, year = {2015}}
        @article{many2, author = {Timmer, M. and Erumban, A. and Los, B.}, title = {U}, journal = {J}, year = {2015}}
        @article{von, author = {de Vries, Gaaitzen}, title = {T}, journal = {J}, year = {2010}}
    """, "bibtex")
    ext = _extension()
    e = bib.entries
    assert ext.author_year_label(e["one"]) == "Ming, 2025"
    assert ext.author_year_label(e["two"]) == "Antràs and Chor, 2018"
    assert ext.author_year_label(e["many"]) == "Timmer et al., 2015"
    assert ext.author_year_label(e["von"]) == "de Vries, 2010"
    labels = list(ext.AuthorYearLabelStyle().format_labels([e["many"], e["many2"], e["one"]]))
    assert labels == ["Timmer et al., 2015a", "Timmer et al., 2015b", "Ming, 2025"]


def test_book_bibliography_has_no_alphabetic_labels():
    """The style the book uses labels every entry of references.bib author-year."""
    from pybtex.database import parse_file

    ext = _extension()
    ext.register_styles()
    style = ext.AuthorYearStyle()
    entries = list(parse_file(ROOT / "book" / "references.bib").entries.values())
    labels = list(style.format_labels(style.sort(entries)))
    assert all(label.rstrip("ab").split(", ")[-1].isdigit() for label in labels), labels
    assert len(set(labels)) == len(labels)


def _svg(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata=SVG_METADATA)
    return buf.getvalue()


def test_figures_are_bit_stable_svg():
    import matplotlib.pyplot as plt

    set_style()
    assert matplotlib.rcParams["svg.hashsalt"] == style_rc()["svg.hashsalt"]
    out = []
    for _ in range(2):
        fig, ax = plt.subplots()
        ax.plot([1995, 2011], [0.1, 0.3], label="a")
        ax.legend()
        out.append(_svg(fig))
        plt.close(fig)
    assert out[0] == out[1]
    assert b"<dc:date>" not in out[0]
    width_pt = float(out[0].split(b'width="')[1].split(b"pt")[0])
    assert width_pt == pytest.approx(72 * style_rc()["figure.figsize"][0])


def test_display_table_drops_row_numbers_but_keeps_labels():
    import pandas as pd

    from helpers import column_label, display_table

    df = pd.DataFrame({"coef": [0.5, 0.25, 0.125], "wiod": ["DEU", "FRA", "ITA"]}, index=[7, 3, 11])
    # the filtered positions 7, 3, 11 are not shown
    assert display_table(df).cells.columns.tolist() == [column_label("coef"), column_label("wiod")]
    named = display_table(df.set_index("wiod"))
    assert named.cells.iloc[:, 0].tolist() == ["DEU", "FRA", "ITA"]  # a named index is a column
    labels = display_table(pd.DataFrame({"coef": [1.5]}, index=["DEU"]))
    assert labels.cells.iloc[0, 0] == "DEU"                      # unnamed labels are kept too
    assert len(display_table(df, index=True).cells.columns) == 3


def test_display_table_as_myst_is_numbered_named_and_escaped():
    import pandas as pd

    from helpers import display_table

    df = pd.DataFrame({"coef": [0.04321, -1.5], "wiod": ["DEU", "US$ *x* | `y`"]})
    t = display_table(df, caption="Estimates (USD)", notes="p < 0.05", name="tab-estimates")
    md = t.to_markdown()
    lines = md.splitlines()
    assert lines[0] == "````{table} Estimates \\(USD\\)" and lines[1] == ":name: tab-estimates"
    assert lines[2] == ":class: gvc-table"
    assert "|---:|:---|" in md                                    # numbers right, text left
    assert "| \\-1\\.500 | US\\$ \\*x\\* \\| \\`y\\` |" in md    # nothing in a cell starts markup
    assert md.rstrip().endswith("````{container} gvc-table-notes\np \\< 0\\.05\n````")
    assert t._repr_markdown_() == md and "<caption>Estimates (USD)</caption>" in t._repr_html_()
    long = display_table(pd.DataFrame({"v": range(30)}), scroll_rows=20)
    assert ":class: gvc-table gvc-long" in long.to_markdown()
    assert "{table}" in display_table(df).to_markdown() and ":name:" not in display_table(df).to_markdown()
    with pytest.raises(ValueError, match="name='Table 1' is not a table label"):
        display_table(df, name="Table 1")
