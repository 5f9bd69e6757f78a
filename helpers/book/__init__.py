"""Stage 5, book: everything between the computations and the reader.

Holds glue and verdicts for the prose (:mod:`.prose`), the one formatter of numbers in prose
(:mod:`.format`: ``p < 0.001``, estimates, agreement of implementations), the one display helper
of tables (:mod:`.tables`) and the one renderer of regression tables (:mod:`.regtable`), the figure
style and shared figure helpers (:mod:`.plots`), the causal diagram drawn from the hypotheses facts
file (:mod:`.diagrams`), the registry of the derived datasets the book publishes and their writer
(:mod:`.registry`), the generated appendix pages (:mod:`.pages`) and the command line
``python -m helpers`` (:mod:`.cli`).

Figure convention: every figure is drawn in a code cell whose MyST options carry
``mystnb: {figure: {caption: ..., name: fig-...}, image: {alt: ...}}``; the caption says what to
look at, the name is what the prose cross-references (``{numref}`fig-...```), the alt text
describes the picture in words. Figures are SVG in the book's style (:func:`set_style`); a
test lists every figure cell that lacks one of the three (``tests/book/test_figures.py``).

Table convention: every table a reader sees goes through :func:`display_table` (readable headers
from ``helpers/data/facts/labels.csv``, one precision per column, thousands separators, no row
numbers; a long or wide table scrolls inside its own box). Give it a ``caption`` (what to read
in it) and a ``name`` (``tab-...``): the book numbers it ("Table 2") and the prose refers to it
with ``{numref}`tab-...```. Sources, corrections and significance stars go in ``notes``.

Code visibility convention (:mod:`.visibility`, applied when the book is built; tags change only
the page, papermill runs and nbval compares every cell):

- *plumbing is removed*: a cell with no visible output (imports, ``glue`` calls) and the
  ``parameters`` cell are not on the page;
- *print-for-nbval cells are removed*: a cell tagged ``nbval-check-output`` prints the key numbers
  the prose already states, for nbval only;
- *analysis code is folded*: every other cell shows its output and hides its code behind a
  "Show code" toggle;
- *the author can decide*: tag a cell ``show-input`` to keep its code open, or ``remove-input``,
  ``remove-cell``, ``hide-cell``, ``hide-output``, ``remove-output`` to apply that instead.
  Short code that is part of the argument (a one-line call the prose discusses) is worth
  ``show-input``.

Collapsible blocks in prose: an admonition with ``:class: dropdown`` (sphinx-togglebutton); the
book does not load sphinx-design. Never write "US$" in prose (``dollarmath``: "$" opens math):
write USD.

May import: every earlier stage (:mod:`helpers.data`, :mod:`helpers.gvc`, :mod:`helpers.indices`,
:mod:`helpers.econometrics`).
"""

from .diagrams import (
    causal_diagram,
    causal_graph,
)
from .format import (
    fmt_agreement,
    fmt_estimate,
    fmt_int,
    fmt_num,
    fmt_p,
    fmt_sci,
    fmt_share,
)
from .parameters import PARAMETER_RULES, check_parameters
from .plots import (
    annotated_heatmap,
    bump_chart,
    focus_frontier,
    heatmap,
    line_by_group,
    scatter_fit,
    set_style,
    shared_legend,
)
from .prose import (
    SUMMARY_COLUMNS,
    direction,
    glue,
    summary_sentence,
    to_python,
    verdict,
)
from .registry import (
    DERIVED_DIR,
    derived_datasets,
    index_codebook,
    write_derived,
    write_frame,
    write_gvc_datasets,
    write_index_datasets,
)
from .regtable import (
    STARS,
    fmt_set,
    regression_table,
    stars_for,
)
from .tables import (
    DisplayTable,
    column_label,
    display_table,
)

__all__ = [
    "DERIVED_DIR",
    "PARAMETER_RULES",
    "DisplayTable",
    "STARS",
    "SUMMARY_COLUMNS",
    "annotated_heatmap",
    "bump_chart",
    "causal_diagram",
    "causal_graph",
    "check_parameters",
    "column_label",
    "derived_datasets",
    "direction",
    "display_table",
    "fmt_agreement",
    "fmt_estimate",
    "fmt_int",
    "fmt_num",
    "fmt_p",
    "fmt_sci",
    "fmt_set",
    "fmt_share",
    "focus_frontier",
    "glue",
    "heatmap",
    "index_codebook",
    "line_by_group",
    "regression_table",
    "scatter_fit",
    "set_style",
    "shared_legend",
    "stars_for",
    "summary_sentence",
    "to_python",
    "verdict",
    "write_derived",
    "write_frame",
    "write_gvc_datasets",
    "write_index_datasets",
]
