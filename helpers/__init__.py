"""helpers: the code behind the book *Digital trade and the resilience of manufacturing GVCs*.

Chapters only ever write ``from helpers import ...``: this flat namespace re-exports the public API
of the five stages, each a subpackage that imports only the stages before it (checked by
import-linter, ``.importlinter``)::

    helpers.data          raw files -> verified, labelled objects (tables, indicators, panel, facts)
       |
    helpers.gvc           input-output arithmetic: Leontief system, KWW/WWZ, WWYZ, upstreamness
       |
    helpers.indices       composite indices: digital trade index, resilience index, shock measures
       |
    helpers.econometrics  estimation: fixed effects with a second implementation, hypothesis tables
       |
    helpers.book          glue, formatting, tables, figures, derived-data registry, pages, CLI

The public API of each stage is its ``__all__``; this package's ``__all__`` is their union.
"""

from . import book, data, econometrics, gvc, indices
from .book import *  # noqa: F403
from .data import *  # noqa: F403
from .econometrics import *  # noqa: F403
from .gvc import *  # noqa: F403
from .indices import *  # noqa: F403

__all__ = sorted({*data.__all__, *gvc.__all__, *indices.__all__, *econometrics.__all__, *book.__all__})
