"""Stage 4, econometrics: estimation on the panels of the earlier stages.

Holds two-way fixed-effects regressions computed by two implementations (linearmodels and
pyfixest) with their cross-check, and the two-way demeaning behind the Frisch-Waugh-Lovell
pictures (:mod:`.fe`); the estimation sample of the empirical chapter and the hypothesis tables
(:mod:`.hypotheses`). Inference, mediation, designs at industry and bilateral level and policy
counterfactuals belong here too.

May import: :mod:`helpers.data`, :mod:`helpers.gvc`, :mod:`helpers.indices`.
"""

from .fe import SE_NOTE, TwfeResult, twfe, two_way_demean
from .hypotheses import OUTCOMES, estimation_sample, hypothesis_table

__all__ = [
    "OUTCOMES",
    "SE_NOTE",
    "TwfeResult",
    "estimation_sample",
    "hypothesis_table",
    "two_way_demean",
    "twfe",
]
