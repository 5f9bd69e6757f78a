"""Stage 5, book: everything between the computations and the reader.

Holds glue and verdicts for the prose (:mod:`.prose`), the one formatter of numbers in prose
(:mod:`.format`: ``p < 0.001``, estimates, agreement of implementations), the one display helper
of tables (:mod:`.tables`), the figure style (:mod:`.plots`), the registry of the derived datasets
the book publishes and their writer (:mod:`.registry`), the generated appendix pages
(:mod:`.pages`) and the command line ``python -m helpers`` (:mod:`.cli`).

Figure convention: every figure is drawn in a code cell whose MyST options carry
``mystnb: {figure: {caption: ..., name: fig-...}, image: {alt: ...}}``; the caption says what to
look at, the name is what the prose cross-references, the alt text describes the picture in words.

May import: every earlier stage (:mod:`helpers.data`, :mod:`helpers.gvc`, :mod:`helpers.indices`,
:mod:`helpers.econometrics`).
"""

from .format import fmt_agreement, fmt_estimate, fmt_int, fmt_num, fmt_p, fmt_sci, fmt_share
from .plots import line_by_group, set_style
from .prose import glue, to_python, verdict
from .registry import (
    DERIVED_DIR,
    derived_datasets,
    index_codebook,
    write_derived,
    write_frame,
    write_gvc_datasets,
    write_index_datasets,
)
from .tables import DisplayTable, column_label, display_table

__all__ = [
    "DERIVED_DIR",
    "DisplayTable",
    "column_label",
    "derived_datasets",
    "display_table",
    "fmt_agreement",
    "fmt_estimate",
    "fmt_int",
    "fmt_num",
    "fmt_p",
    "fmt_sci",
    "fmt_share",
    "glue",
    "index_codebook",
    "line_by_group",
    "set_style",
    "to_python",
    "verdict",
    "write_derived",
    "write_frame",
    "write_gvc_datasets",
    "write_index_datasets",
]
