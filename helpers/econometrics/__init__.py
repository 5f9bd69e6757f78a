"""Stage 4, econometrics: estimation on the panels of the earlier stages.

Holds two-way fixed-effects regressions computed by two implementations (linearmodels and
pyfixest) with their cross-check, and the two-way demeaning behind the Frisch-Waugh-Lovell
pictures (:mod:`.fe`); the estimation sample of the empirical chapter, the headline estimates with
every inference the chapter reports, and the verdicts of the tests on the hypotheses
(:mod:`.hypotheses`); inference with few clusters: the exact within transformation, CR1 with t(G-1),
the restricted wild cluster bootstrap, standard-error conventions, Driscoll-Kraay, Holm,
Benjamini-Hochberg and Romano-Wolf (:mod:`.inference`); mediation with a cluster bootstrap
(:mod:`.mediation`); leads and lags and local projections of the 2009 collapse (:mod:`.dynamics`);
instrumental variables with weak-IV-robust Anderson-Rubin sets (:mod:`.iv`); heterogeneity by
groups of economies (:mod:`.heterogeneity`); the specification curve (:mod:`.speccurve`).
Estimation only: presentation belongs to :mod:`helpers.book`.

May import: :mod:`helpers.data`, :mod:`helpers.gvc`, :mod:`helpers.indices`.
"""

from .dynamics import add_leads_lags, crisis_projections, hc3_ols, leads_lags_table
from .fe import SE_NOTE, TwfeResult, twfe, two_way_demean
from .heterogeneity import (
    eu_groups,
    group_slopes,
    heterogeneity_table,
    income_groups,
    initial_gvc_groups,
    region_groups,
)
from .hypotheses import (
    EXTRA_GVC,
    OUTCOMES,
    VERDICTS,
    collect_tests,
    estimation_codebook,
    estimation_sample,
    headline_estimates,
    hypothesis_of,
    hypothesis_summary,
    hypothesis_table,
    verdict_table,
    within_sd,
)
from .inference import (
    CR1_NOTE,
    P_ADJUST,
    SE_CONVENTIONS,
    WILD_WEIGHTS,
    WildResult,
    WithinFit,
    WithinTransform,
    adjust_pvalues,
    chance_significant,
    complete_rows,
    cr1_scale,
    driscoll_kraay,
    drop_singletons,
    estimation_rows,
    fe_residualise,
    romano_wolf,
    se_conventions,
    wild_cluster_bootstrap,
    wild_weights,
    within_ols,
)
from .iv import ar_set_by_grid, historical_telecom_instrument, iv_fe, iv_pyfixest, iv_table, regional_loo_instrument
from .mediation import MEDIATORS, ClusterCrossProducts, mediation_effects, mediation_table, pairs_bootstrap_counts
from .speccurve import (
    CONTROL_SETS,
    SAMPLE_RULES,
    SMALL_ECONOMIES,
    WEIGHT_METHODS,
    control_set_name,
    speccurve_summary,
    specification_curve,
)

__all__ = [
    "CONTROL_SETS",
    "CR1_NOTE",
    "ClusterCrossProducts",
    "EXTRA_GVC",
    "MEDIATORS",
    "OUTCOMES",
    "P_ADJUST",
    "SAMPLE_RULES",
    "SE_CONVENTIONS",
    "SE_NOTE",
    "SMALL_ECONOMIES",
    "TwfeResult",
    "VERDICTS",
    "WEIGHT_METHODS",
    "WILD_WEIGHTS",
    "WildResult",
    "WithinFit",
    "WithinTransform",
    "add_leads_lags",
    "adjust_pvalues",
    "ar_set_by_grid",
    "chance_significant",
    "collect_tests",
    "complete_rows",
    "control_set_name",
    "cr1_scale",
    "crisis_projections",
    "driscoll_kraay",
    "drop_singletons",
    "estimation_codebook",
    "estimation_rows",
    "estimation_sample",
    "eu_groups",
    "fe_residualise",
    "group_slopes",
    "hc3_ols",
    "headline_estimates",
    "heterogeneity_table",
    "historical_telecom_instrument",
    "hypothesis_of",
    "hypothesis_summary",
    "hypothesis_table",
    "income_groups",
    "initial_gvc_groups",
    "iv_fe",
    "iv_pyfixest",
    "iv_table",
    "leads_lags_table",
    "mediation_effects",
    "mediation_table",
    "pairs_bootstrap_counts",
    "regional_loo_instrument",
    "region_groups",
    "romano_wolf",
    "se_conventions",
    "speccurve_summary",
    "specification_curve",
    "two_way_demean",
    "twfe",
    "verdict_table",
    "wild_cluster_bootstrap",
    "wild_weights",
    "within_ols",
    "within_sd",
]
