"""Structural gravity on bilateral GVC-related exports: does trade between digitally developed
economies grow more (H5, "digital trade widens the network")?

Following Yotov, Piermartini, Monteiro & Larch (2016), *An Advanced Guide to Trade Policy Analysis:
The Structural Gravity Model* (WTO/UNCTAD), the flow from exporter ``i`` to importer ``j`` in year ``t``
is estimated in levels by Poisson pseudo-maximum likelihood (PPML; Santos Silva & Tenreyro 2006),
which keeps zero flows and is consistent under heteroskedasticity:

.. math:: X_{ijt} = \\exp\\big(\\beta\\, J_{ijt} + \\pi_{it} + \\chi_{jt} + \\mu_{ij}\\big) \\times \\varepsilon_{ijt},

with exporter-year effects ``pi_it`` (the exporter's output and outward multilateral resistance),
importer-year effects ``chi_jt`` (expenditure and inward multilateral resistance) and pair effects
``mu_ij`` (every time-invariant bilateral cost: distance, language, borders, past colonial ties;
Yotov et al. ch. 1, A.3-A.4), standard errors clustered by pair.

**What is identified.**  Any regressor that varies only by exporter-year -- such as the exporter's
own digital trade index -- is a linear combination of the exporter-year dummies, and the same holds
for the importer's index and the importer-year effects: each economy's own index is absorbed, and with
it every country-level confounder (GDP, prices, exchange rates).  Only a *joint* term, which varies
by pair and year and is not additive in the two indices, is identified: the product of the
standardised indices ``J = z_it z_jt`` (headline; its additive parts are absorbed, so the product of
raw indices identifies the same coefficient up to scale) or their minimum ``min(z_it, z_jt)``
(sensitivity).  ``beta`` is then the semi-elasticity of the flow to the joint term: with pair effects,
whether a pair's trade grows more when both economies become digitally developed together.

**Intra-national flows** (gross manufacturing trade only; WWZ's GVC-related trade has no domestic
counterpart).  With domestic sales ``X_iit`` in the sample, an economy's own index interacted with
the international border, ``INTL_ij z_it``, is identified against the domestic flow (Heid, Larch &
Yotov 2021): whether an economy's digital development raises its international trade relative to its
domestic sales ("non-discriminatory" effects).  Only one such term is identified: modulo the
exporter-year and importer-year effects ``INTL_ij z_it = -D_ij z_it`` and ``INTL_ij z_jt = -D_ij z_jt``,
and on the domestic rows (``D_ij = 1``) ``z_it = z_jt``, so the two are collinear and the coefficient of
``INTL_ij z_it`` is the sum of the exporter-side and importer-side effects.

The design was fixed before any estimate was seen: headline all 17 years, product of the
standardised indices, GVC-related exports of manufacturing, clustering by pair; sensitivities: the
minimum, 4-year intervals (Yotov et al. recommend intervals because flows adjust slowly), the WWZ
components, gross exports and the value added absorbed by the direct importer (``davax``).
Flows that rounding makes slightly negative are set to zero (their number is reported).
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import scipy.linalg as sla

from ..data.checks import check_choice, check_subset, check_years
from ..data.wiot import WIOD_YEARS
from ..gvc.bilateral import bilateral_gvc_panel
from .designs import CR1_NESTED, DESIGN_COLUMNS, _quiet_pyfixest, _row, standardised_dti

#: outcome -> (hypothesis, supporting sign, label).
GRAVITY_OUTCOMES = {
    "gvc_exports": ("H5", "+", "GVC-related exports (E - DVA_FIN - DVA_INT)"),
    "dva_rex": ("H5", "+", "component: domestic VA re-exported by the importer"),
    "rdv": ("H5", "+", "component: domestic VA returning home"),
    "fva": ("H5", "+", "component: foreign VA"),
    "pdc": ("H5", "+", "component: pure double counting"),
    "davax": ("H5", "0", "not GVC-related: domestic VA absorbed by the direct importer"),
    "exports": ("H5", "+", "gross manufacturing exports"),
}
#: joint digital development measures (identified with exporter-year and importer-year effects).
JOINT_MEASURES = {"product": "joint_product", "min": "joint_min"}
GRAVITY_FE = "exporter^year + importer^year + pair"
BORDER_REGRESSORS = ("intl_joint", "intl_z_own")


def gravity_sample(years: Sequence[int] = WIOD_YEARS, *, interval: int = 1, method: str = "entropy",
                   dti_kwargs: Mapping | None = None) -> pd.DataFrame:
    """The bilateral panel of manufacturing flows with both economies' standardised index.

    Parameters
    ----------
    years : sequence of int
        WIOD years (1995-2011).
    interval : int
        Keep every ``interval``-th year from the first (e.g. 4: 1995, 1999, 2003, 2007, 2011).
    method : str
        Weighting method of the digital trade index.
    dti_kwargs : mapping, optional
        Further arguments of :func:`digital_trade_index`.

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`helpers.gvc.bilateral.bilateral_gvc_panel` (international and intra-national)
        where both economies have the index, with ``z_exporter, z_importer`` (index standardised on
        1995-2011), ``joint_product = z_exporter z_importer``, ``joint_min``, ``pair`` (exporter:importer),
        ``intl`` (1 for international rows) and the border interactions ``intl_joint``
        (``intl x joint_product``) and ``intl_z_own`` (``intl x z_exporter``, module docstring).

    Raises
    ------
    ValueError
        For years outside 1995-2011 or ``interval < 1``.
    """
    years = check_years(years, WIOD_YEARS)
    if not isinstance(interval, (int, np.integer)) or interval < 1:
        raise ValueError(f"interval={interval!r}: give a positive integer number of years")
    years = years[::interval]
    b = bilateral_gvc_panel()
    b = b[b["year"].isin(years)]
    z = standardised_dti(method, dti_kwargs)[["wiod", "year", "dti_std"]]
    out = (b.merge(z.rename(columns={"wiod": "exporter", "dti_std": "z_exporter"}), on=["exporter", "year"])
             .merge(z.rename(columns={"wiod": "importer", "dti_std": "z_importer"}), on=["importer", "year"]))
    out["joint_product"] = out["z_exporter"] * out["z_importer"]
    out["joint_min"] = np.minimum(out["z_exporter"], out["z_importer"])
    out["pair"] = out["exporter"] + ":" + out["importer"]
    out["intl"] = (~out["domestic"]).astype(float)
    out["intl_joint"] = out["intl"] * out["joint_product"]
    out["intl_z_own"] = out["intl"] * out["z_exporter"]
    return out.sort_values(["exporter", "importer", "year"]).reset_index(drop=True)


def _fepois(d: pd.DataFrame, y: str, x: Sequence[str], cluster: str, ssc=None):
    pf = _quiet_pyfixest()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pf.fepois(f"{y} ~ {' + '.join(x)} | {GRAVITY_FE}", data=d, vcov={"CRV1": cluster},
                         **({} if ssc is None else {"ssc": ssc}))


def _flows(sample: pd.DataFrame, y: str) -> tuple[pd.DataFrame, int]:
    d = sample.dropna(subset=[y]).reset_index(drop=True)
    neg = int((d[y] < 0).sum())
    d["_y"] = d[y].clip(lower=0.0)
    return d, neg


def gravity_ppml(sample: pd.DataFrame, outcomes: Sequence[str] | None = None, *, joint: str = "product",
                 cluster: str = "pair") -> pd.DataFrame:
    """PPML structural gravity with exporter-year, importer-year and pair effects (pyfixest ``fepois``).

    International flows only; one regression per outcome on the joint term (module docstring).

    Parameters
    ----------
    sample : pandas.DataFrame
        Output of :func:`gravity_sample`.
    outcomes : sequence of str, optional
        Columns of :data:`GRAVITY_OUTCOMES` (default all).
    joint : {"product", "min"}
        The joint digital development measure.
    cluster : {"pair", "exporter"}
        Cluster by pair (Yotov et al.) or by exporting economy (sensitivity).

    Returns
    -------
    pandas.DataFrame
        :data:`DESIGN_COLUMNS` (``design = "bilateral gravity"``; ``clusters`` = pairs, ``countries`` =
        economies; ``r2_within`` NaN; ``max_abs_diff`` NaN: the second implementation is
        :func:`ppml_dummies`, run on a subsample by :func:`gravity_crosscheck`) plus ``negative_set_to_zero``
        and ``exp_coef_minus_1`` (the proportional change of the flow per unit of the joint term).

    Raises
    ------
    ValueError
        For an unknown outcome, joint measure or cluster.
    """
    outcomes = check_subset(list(outcomes or GRAVITY_OUTCOMES), GRAVITY_OUTCOMES, name="outcomes")
    check_choice(joint, JOINT_MEASURES, name="joint")
    check_choice(cluster, ("pair", "exporter"), name="cluster")
    x = JOINT_MEASURES[joint]
    intl = sample[~sample["domestic"]]
    rows = []
    for y in outcomes:
        d, neg = _flows(intl, y)
        fit = _fepois(d, "_y", [x], cluster)
        used = fit._data  # the rows pyfixest kept (groups with only zero flows are dropped)
        g = int(used[cluster].nunique())
        row = _row("bilateral gravity", y, GRAVITY_OUTCOMES[y], x, fit.coef()[x], fit.se()[x], fit.tstat()[x],
                   fit.pvalue()[x], fit.confint().loc[x], fit._N, g,
                   pd.unique(used[["exporter", "importer"]].to_numpy().ravel()).size, np.nan,
                   f"exporter-year + importer-year + pair ({joint})", cluster,
                   CR1_NESTED.format(cluster=cluster, G=g), np.nan)
        row["negative_set_to_zero"] = neg
        row["exp_coef_minus_1"] = float(np.expm1(row["coef"]))
        rows.append(row)
    return pd.DataFrame(rows, columns=[*DESIGN_COLUMNS, "negative_set_to_zero", "exp_coef_minus_1"])


def gravity_border(sample: pd.DataFrame, outcome: str = "exports", cluster: str = "pair") -> pd.DataFrame:
    """PPML gravity with intra-national flows: the border interactions of the indices (module docstring).

    ``X_ijt = exp(b1 INTL z_i z_j + b2 INTL z_i + pi_it + chi_jt + mu_ij)`` on international *and*
    domestic flows of gross manufacturing trade; ``b2`` (the exporter-side plus the importer-side
    effect of an economy's own index on its international relative to its domestic trade) is
    identified against the domestic flow (Heid, Larch & Yotov 2021).

    Parameters
    ----------
    sample : pandas.DataFrame
        Output of :func:`gravity_sample`.
    outcome : {"exports"}
        Only gross exports have an intra-national counterpart.
    cluster : {"pair", "exporter"}

    Returns
    -------
    pandas.DataFrame
        One row per regressor of :data:`BORDER_REGRESSORS`, columns as :func:`gravity_ppml`.
    """
    check_choice(outcome, ("exports",), name="outcome")
    check_choice(cluster, ("pair", "exporter"), name="cluster")
    d, neg = _flows(sample, outcome)
    fit = _fepois(d, "_y", list(BORDER_REGRESSORS), cluster)
    used = fit._data
    g = int(used[cluster].nunique())
    rows = []
    ci = fit.confint()
    for x in BORDER_REGRESSORS:
        row = _row("bilateral gravity, with intra-national flows", outcome, GRAVITY_OUTCOMES[outcome], x,
                   fit.coef()[x], fit.se()[x], fit.tstat()[x], fit.pvalue()[x], ci.loc[x], fit._N, g,
                   used["exporter"].nunique(), np.nan, "exporter-year + importer-year + pair (incl. domestic)",
                   cluster, CR1_NESTED.format(cluster=cluster, G=g), np.nan)
        row["negative_set_to_zero"] = neg
        row["exp_coef_minus_1"] = float(np.expm1(row["coef"]))
        rows.append(row)
    return pd.DataFrame(rows, columns=[*DESIGN_COLUMNS, "negative_set_to_zero", "exp_coef_minus_1"])


def ppml_dummies(d: pd.DataFrame, y: str, x: str, cluster: str = "pair") -> dict[str, float]:
    """PPML by statsmodels' GLM Poisson with explicit exporter-year, importer-year and pair dummies.

    The second implementation of :func:`gravity_ppml`, for subsamples (the dummy matrix is dense).
    A basis of the dummies is chosen by a column-pivoted QR decomposition (rank tolerance ``1e-9`` of
    the largest pivot); the regressor must add to its rank (else it is absorbed by the dummies).  The
    clustered covariance is the sandwich with the ``G/(G-1)`` factor only, which pyfixest reproduces with
    ``ssc(k_adj=False, G_adj=True)``.

    Parameters
    ----------
    d : pandas.DataFrame
        International rows of :func:`gravity_sample` (``exporter, importer, year, pair`` and the columns).
    y, x : str
        Outcome (non-negative) and regressor.
    cluster : str
        Column of the clusters (default the pair).

    Returns
    -------
    dict
        ``coef``, ``se`` (G/(G-1) correction), ``nobs``, ``clusters``, ``rank`` (columns of the design:
        the regressor and the basis of the dummies).

    Raises
    ------
    ValueError
        If ``y`` has negative values or ``x`` is collinear with the fixed effects.
    """
    import statsmodels.api as sm

    if (d[y] < 0).any():
        raise ValueError(f"y={y!r}: PPML needs non-negative flows; {int((d[y] < 0).sum())} are negative")
    yr = d["year"].astype(str)
    D = pd.get_dummies(pd.DataFrame({"ey": d["exporter"] + yr, "iy": d["importer"] + yr, "pr": d["pair"]}),
                       dtype=float).to_numpy()
    _, r, piv = sla.qr(D, mode="economic", pivoting=True)
    diag = np.abs(np.diag(r))
    rank = int((diag > 1e-9 * diag[0]).sum())
    A = np.column_stack([d[x].to_numpy(float), D[:, np.sort(piv[:rank])]])  # x and a basis of the dummies
    if np.linalg.matrix_rank(A) <= rank:
        raise ValueError(f"x={x!r} is collinear with the exporter-year, importer-year and pair dummies")
    groups = pd.factorize(d[cluster])[0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # the flows are divided by their mean: the slope and the clustered SE are scale-invariant in
        # PPML, and IRLS converges in a few iterations instead of a hundred on USD-million magnitudes
        yv = d[y].to_numpy(float)
        res = sm.GLM(yv / yv.mean(), A, family=sm.families.Poisson()).fit(
            cov_type="cluster", cov_kwds={"groups": groups, "use_correction": False}, tol=1e-11, maxiter=200)
    G = int(np.unique(groups).size)
    return {"coef": float(res.params[0]), "se": float(res.bse[0] * np.sqrt(G / (G - 1))), "nobs": len(d),
            "clusters": G, "rank": rank + 1}


def gravity_crosscheck(sample: pd.DataFrame, economies: Sequence[str], years: Sequence[int],
                       outcome: str = "gvc_exports", joint: str = "product") -> pd.DataFrame:
    """PPML by pyfixest and by explicit-dummy GLM on a subsample of economies and years.

    Parameters
    ----------
    sample : pandas.DataFrame
        Output of :func:`gravity_sample`.
    economies : sequence of str
        WIOD codes; pairs among them are kept.
    years : sequence of int
        Years kept.
    outcome : str
        A flow of :data:`GRAVITY_OUTCOMES`.
    joint : {"product", "min"}

    Returns
    -------
    pandas.DataFrame
        One row per implementation (``pyfixest fepois``, ``statsmodels GLM + dummies``): ``coef``, ``se``
        (CR1 by pair with the G/(G-1) factor only), ``nobs``, ``clusters``.
    """
    check_subset(outcome, GRAVITY_OUTCOMES, name="outcome")
    check_choice(joint, JOINT_MEASURES, name="joint")
    x = JOINT_MEASURES[joint]
    sub = sample[~sample["domestic"] & sample["exporter"].isin(list(economies))
                 & sample["importer"].isin(list(economies)) & sample["year"].isin(list(years))]
    d, _ = _flows(sub, outcome)
    # the pairs with a positive flow in some year (PPML drops the others, as pyfixest does)
    d = d[d.groupby("pair")["_y"].transform("sum") > 0].reset_index(drop=True)
    pf = _quiet_pyfixest()
    fit = _fepois(d, "_y", [x], "pair", ssc=pf.ssc(k_adj=False, G_adj=True))
    glm = ppml_dummies(d, "_y", x)
    return pd.DataFrame([
        {"implementation": "pyfixest fepois", "coef": float(fit.coef()[x]), "se": float(fit.se()[x]),
         "nobs": int(fit._N), "clusters": int(d["pair"].nunique())},
        {"implementation": "statsmodels GLM + dummies", "coef": glm["coef"], "se": glm["se"], "nobs": glm["nobs"],
         "clusters": glm["clusters"]},
    ])
