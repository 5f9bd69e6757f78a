"""What the reader sees of each code cell: the book's default, applied at build time.

The convention (also in the docstring of :mod:`helpers.book`):

- a cell with nothing to show (imports, ``glue`` plumbing: no output a reader can see) is removed
  from the page (``remove-cell``);
- a cell tagged ``parameters`` (and papermill's ``injected-parameters``) is removed;
- a cell tagged ``nbval-check-output`` is removed: it prints the chapter's key numbers, rounded,
  for nbval to compare, and the prose already states them;
- every other cell is *folded*: its output (figure, table) is shown and its code sits behind a
  "Show code" toggle (``hide-input``);
- a tag the author wrote wins: ``show-input`` keeps the code open; ``remove-input``,
  ``remove-cell``, ``hide-cell``, ``hide-input``, ``remove-output`` or ``hide-output`` are
  applied as written.

Tags change only the rendered page: papermill executes and nbval compares every cell, shown or
not. The rule is applied by the book's Sphinx extension (``book/_ext/gvc_book.py``) to the
executed notebooks as they are read; the notebooks themselves are not changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

AUTHOR_TAGS = frozenset({"show-input", "remove-input", "remove-cell", "hide-cell", "hide-input",
                         "remove-output", "hide-output"})
"""Tags by which a chapter decides a cell's visibility itself."""

REMOVED_TAGS = frozenset({"parameters", "injected-parameters", "nbval-check-output"})
"""Tags of cells removed from the page by default."""

_INVISIBLE_MIME = ("application/papermill.record/", "application/vnd.jupyter.widget-state")


def has_visible_output(outputs: Iterable[Mapping]) -> bool:
    """Whether a code cell's outputs show anything on the page.

    Parameters
    ----------
    outputs : iterable of mapping
        The cell's outputs, as in an ``.ipynb`` (``output_type``, ``data``, ``text``...).

    Returns
    -------
    bool
        True if an output is a stream, an error, or displays data other than a ``glue`` record.
    """
    for o in outputs:
        kind = o.get("output_type")
        if kind in ("stream", "error"):
            return True
        if kind in ("display_data", "execute_result"):
            if any(not m.startswith(_INVISIBLE_MIME) for m in o.get("data", {})):
                return True
    return False


def reader_tags(tags: Iterable[str], outputs: Iterable[Mapping]) -> list[str]:
    """The tags a code cell is rendered with, under the book's convention (see the module docstring).

    Parameters
    ----------
    tags : iterable of str
        The cell's own tags.
    outputs : iterable of mapping
        The cell's outputs.

    Returns
    -------
    list of str
        ``tags`` unchanged if the author set one of :data:`AUTHOR_TAGS`; else ``tags`` plus
        ``remove-cell`` (no visible output, or a tag of :data:`REMOVED_TAGS`) or ``hide-input``.

    Examples
    --------
    >>> reader_tags([], [])
    ['remove-cell']
    >>> reader_tags(["nbval-check-output"], [{"output_type": "stream", "text": "x"}])
    ['nbval-check-output', 'remove-cell']
    >>> reader_tags([], [{"output_type": "display_data", "data": {"image/svg+xml": "<svg/>"}}])
    ['hide-input']
    >>> reader_tags(["show-input"], [{"output_type": "stream", "text": "x"}])
    ['show-input']
    """
    tags = list(tags)
    if AUTHOR_TAGS & set(tags):
        return tags
    if REMOVED_TAGS & set(tags) or not has_visible_output(outputs):
        return [*tags, "remove-cell"]
    return [*tags, "hide-input"]
