"""Stage 3, indices: the paper's two composite indices and the shock measures that validate them.

Holds the composite-index machinery (direction-aware normalisation; entropy, equal, PCA and CRITIC
weights; two-stage aggregation; :mod:`.composite`), the digital trade development index and its
diagnostics (:mod:`.dti`), the manufacturing GVC resilience index, its weights and its validation
(:mod:`.resilience`), and the Martin (2012) resistance and recovery measures of the 2009 and 2020
shocks (:mod:`.shocks`).

May import: :mod:`helpers.data`, :mod:`helpers.gvc`.
"""

from .composite import (
    METHODS,
    CompositeIndex,
    aggregate,
    composite_index,
    critic_weights,
    entropy_weights,
    equal_weights,
    normalise,
    pca_weights,
    weights,
)
from .dti import DTI_YEARS, digital_trade_index, dti_ranking, dti_structure, index_weights_table, rank_correlations
from .resilience import (
    RES_DIRECTIONS,
    RES_STRUCTURE,
    resilience_index,
    resilience_indicators,
    resilience_validation,
    resilience_weights,
)
from .shocks import (
    RECENT_OUTCOMES,
    martin_resilience,
    recent_shock_resilience,
    recent_shock_validation,
    shock_resilience,
)

__all__ = [
    "DTI_YEARS",
    "METHODS",
    "RECENT_OUTCOMES",
    "RES_DIRECTIONS",
    "RES_STRUCTURE",
    "CompositeIndex",
    "aggregate",
    "composite_index",
    "critic_weights",
    "digital_trade_index",
    "dti_ranking",
    "dti_structure",
    "entropy_weights",
    "equal_weights",
    "index_weights_table",
    "martin_resilience",
    "normalise",
    "pca_weights",
    "rank_correlations",
    "recent_shock_resilience",
    "recent_shock_validation",
    "resilience_index",
    "resilience_indicators",
    "resilience_validation",
    "resilience_weights",
    "shock_resilience",
    "weights",
]
