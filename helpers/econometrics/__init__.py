"""Stage 4, econometrics: estimation on the panels of the earlier stages.

Holds two-way fixed-effects regressions computed by two implementations (linearmodels and
pyfixest) with their cross-check, and the two-way demeaning behind the Frisch-Waugh-Lovell
pictures (:mod:`.fe`); the estimation sample of the empirical chapter and the hypothesis tables
(:mod:`.hypotheses`); the designs with more power: the country-industry Rajan-Zingales design and
the recent window 2017-2022 (:mod:`.designs`) and bilateral structural gravity by PPML
(:mod:`.gravity`); fit statistics of predictions and the paired comparison of predictors
(:mod:`.prediction`); policy counterfactuals with intervals propagated from the estimates
(:mod:`.counterfactual`). Inference and mediation belong here too.

May import: :mod:`helpers.data`, :mod:`helpers.gvc`, :mod:`helpers.indices`.
"""

from .counterfactual import (
    Counterfactual,
    delta_method,
    linear_counterfactual,
    percentile_gap,
    policy_counterfactuals,
    simulate_counterfactual,
)
from .designs import (
    BOOTSTRAP_WEIGHTS,
    CR1_NESTED,
    DESIGN_COLUMNS,
    DESIGN_VERDICTS,
    INDUSTRY_OUTCOMES,
    RECENT_WINDOW_OUTCOMES,
    SHOCK_OUTCOMES,
    WINDOWS,
    design_tests,
    design_verdicts,
    industry_design,
    industry_design_sample,
    recent_window,
    recent_window_sample,
    shock_2020,
    standardised_dti,
    wild_bootstrap_absorbed,
)
from .fe import SE_NOTE, TwfeResult, twfe, two_way_demean
from .gravity import (
    BORDER_REGRESSORS,
    GRAVITY_OUTCOMES,
    JOINT_MEASURES,
    gravity_border,
    gravity_crosscheck,
    gravity_ppml,
    gravity_sample,
    ppml_dummies,
)
from .hypotheses import OUTCOMES, estimation_sample, hypothesis_table
from .prediction import (
    COLLAPSE_MODES,
    collapse_predictors,
    compare_predictors,
    demand_collapse_fits,
    ols_hc1,
    prediction_fit,
)

__all__ = [
    "BOOTSTRAP_WEIGHTS",
    "BORDER_REGRESSORS",
    "COLLAPSE_MODES",
    "CR1_NESTED",
    "Counterfactual",
    "DESIGN_COLUMNS",
    "DESIGN_VERDICTS",
    "GRAVITY_OUTCOMES",
    "INDUSTRY_OUTCOMES",
    "JOINT_MEASURES",
    "OUTCOMES",
    "RECENT_WINDOW_OUTCOMES",
    "SE_NOTE",
    "SHOCK_OUTCOMES",
    "TwfeResult",
    "WINDOWS",
    "collapse_predictors",
    "compare_predictors",
    "delta_method",
    "demand_collapse_fits",
    "design_tests",
    "design_verdicts",
    "estimation_sample",
    "gravity_border",
    "gravity_crosscheck",
    "gravity_ppml",
    "gravity_sample",
    "hypothesis_table",
    "industry_design",
    "industry_design_sample",
    "linear_counterfactual",
    "ols_hc1",
    "percentile_gap",
    "policy_counterfactuals",
    "ppml_dummies",
    "prediction_fit",
    "recent_window",
    "recent_window_sample",
    "shock_2020",
    "simulate_counterfactual",
    "standardised_dti",
    "twfe",
    "two_way_demean",
    "wild_bootstrap_absorbed",
]
