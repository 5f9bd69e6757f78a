"""Manufacturing GVC resilience index (RES): built from vulnerability, not from participation.

Design (fixed from theory before any validation number was looked at)
--------------------------------------------------------------------
The paper defines the resilience of manufacturing value chains as the capacity to keep operating
under a shock, to recover quickly and to keep developing, and builds it from two sides, *security*
and *stability*. The first version of this index (kept as the variant ``"exposure_inclusive"``)
measured security mainly by the domestic value-added share of exports, which is one minus backward
GVC participation: "more participation, less resilience" was then arithmetic, and the index could
not test the paper's mechanism (digital trade -> GVC length and division of labour -> resilience).
The default variant ``"vulnerability"`` is rebuilt so that no GVC outcome of hypotheses H1-H2
enters it:

Rule (checked by :func:`res_input_violations` and the tests)
    The participation shares (forward, backward, foreign or domestic value-added share of exports
    or output) and the production lengths (:data:`RES_FORBIDDEN_INPUTS`) are outcomes of H1-H2.
    None of them is an input of the index, neither directly nor as foreign or domestic value
    added relative to exports or output (:data:`RES_INPUTS` names what every indicator is computed
    from).

Security: exposure of manufacturing to the failure of a foreign source, measured on the value-added
origin of manufacturing exports traced through the global Leontief inverse (look-through exposure,
Baldwin, Freeman & Theodorakopoulos 2022; formulas in :mod:`helpers.gvc.sourcing`). Every measure
describes the *composition* of foreign value added or imported inputs, never its amount:

- ``source_hhi`` (-): Herfindahl index of foreign value added across source economies;
- ``top_source_share`` (-): the largest single source's share of *foreign* value added;
- ``source_stability`` (+): the sources' WGI political stability, weighted by their shares of
  foreign value added (the rest of the world: the GDP-weighted mean of the economies outside WIOD);
- ``input_supply_hhi`` (-): how concentrated world supply is of the inputs manufacturing imports
  (Herfindahl index of world exports of each product across exporters, weighted by the economy's
  imported-input mix): inputs that few economies export are hard to replace (Korniyenko, Pinat &
  Dew 2017).

Stability: how steadily manufacturing activity evolves (ex-ante counterparts of Martin's 2012
resistance and recovery), measured on levels and their growth, never on participation ratios, over
a rolling window of ``window`` years ending in ``t`` (growth rates ``t-window+2 .. t``, at least 3):

- ``va_volatility``, ``output_volatility``, ``dva_volatility`` (-): standard deviation of the annual
  log growth of manufacturing value added, gross output and domestic value added in manufacturing
  exports;
- ``va_persistence`` (-): persistence of losses, the mean log shortfall of manufacturing value added
  below its running peak within the window, ``(1/W) sum_tau [max_{u <= tau} ln MVA_u - ln MVA_tau]``:
  a fall reversed the next year adds little, a fall that lasts adds in every year it lasts;
- ``vax_destination_hhi`` (-): Herfindahl index, across foreign destinations, of the manufacturing
  value added absorbed abroad (Johnson & Noguera 2012): a concentrated market is a single point of
  failure on the demand side.

All levels are WIOD current USD, so volatility includes exchange-rate movements against the dollar.
With the default five-year window the stability indicators, and hence the index, start in 1998.

Composite: the machinery of :mod:`helpers.indices.composite` (pooled direction-aware min-max over
the 40 economies and the years computed, entropy weights as primary, equal/PCA/CRITIC as
alternatives).

Validation (also fixed in advance): the mean of each composite, dimension score and indicator over
the pre-shock years predicts realised resilience, Martin (2012) resistance and recovery
(:mod:`helpers.indices.shocks`), in the 2008-2011 Great Trade Collapse (WIOD, and ADB MRIO constant
prices) and in the 2019-2022 shock (ADB MRIO); Spearman rank correlations, every predictor
oriented so that a positive correlation is the one the design expects.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from ..data.checks import check_choice, check_subset, check_years
from ..data.facts import wiod_economies, wiod_to_iso3
from ..data.wiot import WIOD_YEARS
from ..gvc.sourcing import manufacturing_gvc_panel
from .composite import METHODS, composite_index
from .shocks import (
    adb_shock_resilience,
    adb_stability_indicators,
    persistence_of_losses,
    recent_shock_resilience,
    shock_resilience,
)

RES_VARIANTS = ("vulnerability", "exposure_inclusive")
"""Variants of the resilience index: the default, and the first version (which contains participation)."""

RES_STRUCTURES = {
    "vulnerability": {
        "security": ["source_hhi", "top_source_share", "source_stability", "input_supply_hhi"],
        "stability": ["va_volatility", "output_volatility", "dva_volatility", "va_persistence",
                      "vax_destination_hhi"],
    },
    "exposure_inclusive": {
        "security": ["dva_share", "supplier_hhi", "top_supplier_share"],
        "stability": ["export_volatility", "participation_volatility", "destination_hhi"],
    },
}
"""Indicators of each dimension, per variant."""

RES_STRUCTURE = RES_STRUCTURES["vulnerability"]
"""Indicators of each dimension of the default index."""

RES_DIRECTIONS = {
    "source_hhi": -1, "top_source_share": -1, "source_stability": 1, "input_supply_hhi": -1,
    "va_volatility": -1, "output_volatility": -1, "dva_volatility": -1, "va_persistence": -1,
    "vax_destination_hhi": -1,
    "dva_share": 1, "supplier_hhi": -1, "top_supplier_share": -1,
    "export_volatility": -1, "participation_volatility": -1, "destination_hhi": -1,
}
"""+1: more is more resilient; -1: less is more resilient (every indicator of every variant)."""

RES_INPUTS = {
    "source_hhi": ("fva_by_source",),
    "top_source_share": ("fva_by_source",),
    "source_stability": ("fva_by_source", "wgi_political_stability"),
    "input_supply_hhi": ("imported_inputs_by_product", "world_exports_by_product"),
    "va_volatility": ("mva",),
    "output_volatility": ("output",),
    "dva_volatility": ("dva",),
    "va_persistence": ("mva",),
    "vax_destination_hhi": ("vax_by_destination",),
    "dva_share": ("dva", "exports"),
    "supplier_hhi": ("fva_by_source",),
    "top_supplier_share": ("fva_by_source", "exports"),
    "export_volatility": ("exports",),
    "participation_volatility": ("fva_share",),
    "destination_hhi": ("exports_by_destination",),
}
"""What each indicator is computed from (the quantities of :mod:`helpers.gvc.sourcing`)."""

RES_FORBIDDEN_INPUTS = (
    # WWYZ participation and production lengths, position (GVC dataset columns, and their _mfg forms)
    "gvc_f", "gvc_f_simple", "gvc_f_complex", "gvc_b", "gvc_b_simple", "gvc_b_complex",
    "plv", "plv_d", "plv_rt", "plv_gvc", "ply", "ply_gvc", "gvc_pos",
    # value-added shares of exports or output (HIY, Koopman et al., Timmer et al.)
    "vs_share", "kpww_participation", "kpww_position", "kpww_iv_share", "kpww_fv_share", "fva_final_mfg",
    "fva_share", "dva_share",
)
"""GVC outcomes of H1-H2 that must not enter the index (also with the suffix ``_mfg``)."""

_VA_CONTENT = {"dva", "fva", "fva_by_source"}
_SCALE = {"exports", "output", "mva"}


def res_input_violations(variant: str = "vulnerability") -> list[str]:
    """Indicators of a variant that break the rule of the module docstring, with the reason.

    An indicator breaks the rule if it is itself a forbidden GVC outcome, if one of its inputs
    (:data:`RES_INPUTS`) is, or if it combines value-added content (domestic or foreign value added)
    with a measure of scale (exports, output, value added), i.e. is a participation ratio.

    Parameters
    ----------
    variant : {"vulnerability", "exposure_inclusive"}

    Returns
    -------
    list of str
        One ``"indicator: reason"`` per violation (empty for a valid design).

    Raises
    ------
    ValueError
        If ``variant`` is unknown, or an indicator has no entry in :data:`RES_INPUTS`.

    Examples
    --------
    >>> res_input_violations("vulnerability")
    []
    >>> res_input_violations("exposure_inclusive")[0]
    'dva_share: is a GVC outcome (participation share or length)'
    """
    check_choice(variant, RES_VARIANTS, name="variant")
    forbidden = set(RES_FORBIDDEN_INPUTS) | {f"{f}_mfg" for f in RES_FORBIDDEN_INPUTS}
    out = []
    for dim, cols in RES_STRUCTURES[variant].items():
        for c in cols:
            if c not in RES_INPUTS:
                raise ValueError(f"indicator {c!r} of dimension {dim!r} has no entry in RES_INPUTS")
            ins = set(RES_INPUTS[c])
            if c in forbidden:
                out.append(f"{c}: is a GVC outcome (participation share or length)")
            elif ins & forbidden:
                out.append(f"{c}: computed from {sorted(ins & forbidden)}")
            elif ins & _VA_CONTENT and ins & _SCALE:
                out.append(f"{c}: value-added content {sorted(ins & _VA_CONTENT)} relative to {sorted(ins & _SCALE)}")
    return out


def _check_index_years(years, window: int) -> tuple[int, ...]:
    """WIOD years of a resilience index: the stability indicators need ``window`` years of history."""
    checked = check_years(years, WIOD_YEARS)
    if len(checked) < window:
        raise ValueError(f"years={years!r}: the stability indicators (volatility over window={window} years) need at "
                         f"least {window} years within {WIOD_YEARS[0]}-{WIOD_YEARS[-1]}; give more years")
    return checked


def _rolling_sd(s: pd.Series, window: int) -> pd.Series:
    return s.rolling(window - 1, min_periods=3).std()


def resilience_indicators(years=WIOD_YEARS, window: int = 5) -> pd.DataFrame:
    """Every RES indicator of every variant per (economy, year), see the module docstring.

    Parameters
    ----------
    years : int or iterable of int
        WIOD years (default 1995-2011); rolling indicators need the years before ``t`` in the list.
    window : int
        Years of the rolling window of the stability indicators (at least 4).

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`helpers.gvc.sourcing.manufacturing_gvc_panel` plus the rolling
        indicators ``va_volatility, output_volatility, dva_volatility, va_persistence,
        export_volatility, participation_volatility``, sorted by iso3 and year.

    Raises
    ------
    ValueError
        If ``window`` < 4 or a year is not a WIOD year.
    """
    years = check_years(years, WIOD_YEARS)
    if isinstance(window, bool) or not isinstance(window, int) or window < 4:
        raise ValueError(f"window={window!r}: give an int of at least 4 years (3 growth rates)")
    df = manufacturing_gvc_panel(years).sort_values(["iso3", "year"]).reset_index(drop=True)
    g = df.groupby("iso3", group_keys=False)
    for col, name in (("mva", "va_volatility"), ("output", "output_volatility"), ("dva", "dva_volatility"),
                      ("exports", "export_volatility")):
        growth = g[col].transform(lambda s: np.log(s).diff())
        df[name] = growth.groupby(df["iso3"]).transform(lambda s: _rolling_sd(s, window))
    d_share = g["fva_share"].transform(lambda s: s.diff())
    df["participation_volatility"] = d_share.groupby(df["iso3"]).transform(lambda s: _rolling_sd(s, window))
    df["va_persistence"] = g["mva"].transform(lambda s: persistence_of_losses(np.log(s), window))
    return df


def _composites(years, window, variant, clip):
    ind = resilience_indicators(years, window)
    struct = RES_STRUCTURES[variant]
    return ind, {m: composite_index(ind, struct, RES_DIRECTIONS, m, clip=clip) for m in METHODS}


def resilience_index(years=WIOD_YEARS, method: str = "entropy", *, variant: str = "vulnerability", window: int = 5,
                     clip=None) -> pd.DataFrame:
    """The manufacturing GVC resilience index of the 40 WIOD economies.

    Two-stage composite (:func:`helpers.indices.composite.composite_index`): the indicators of
    ``variant`` are normalised (pooled min-max over the economies and ``years``, direction-aware),
    weighted within security and stability, and the two scores weighted into the index; all
    scores lie in [0, 1].

    Parameters
    ----------
    years : int or iterable of int
        WIOD years (default 1995-2011); the pool of the normalisation and the weights.
    method : {"entropy", "equal", "pca", "critic"}
        Weighting of the headline columns ``security``, ``stability``, ``res``.
    variant : {"vulnerability", "exposure_inclusive"}
        ``"vulnerability"`` (default): the design of the module docstring, no GVC outcome among its
        inputs. ``"exposure_inclusive"``: the first version (domestic value-added share of exports,
        supplier concentration with RoW as one source, the largest supplier's value added relative
        to exports; volatility of exports and of the foreign value-added share, gross destination
        concentration); it contains backward participation and is kept for comparison.
    window : int
        Years of the rolling window of the stability indicators (default 5: the index starts in 1998).
    clip : (float, float), optional
        Winsorising quantiles of the normalisation.

    Returns
    -------
    pandas.DataFrame
        ``iso3, wiod, year``, the indicators of ``variant``, ``security``, ``stability``, ``res``
        (method ``method``), ``res_<m>`` for every method, ``variant``, and (when 2008-2011 are
        among ``years``) the shock-based measures of :func:`shock_resilience` (constant within an
        economy).

    Raises
    ------
    ValueError
        If ``method`` or ``variant`` is unknown, ``window`` < 4 or a year is not a WIOD year.
    """
    check_choice(method, METHODS, name="method")
    check_choice(variant, RES_VARIANTS, name="variant")
    years = _check_index_years(years, window)
    ind, res = _composites(years, window, variant, clip)
    cols = [c for js in RES_STRUCTURES[variant].values() for c in js]
    out = ind[["iso3", "wiod", "year", *cols]].copy()
    out["security"] = res[method].scores["security"].to_numpy()
    out["stability"] = res[method].scores["stability"].to_numpy()
    out["res"] = res[method].scores["index"].to_numpy()
    for m in METHODS:
        out[f"res_{m}"] = res[m].scores["index"].to_numpy()
    out["variant"] = variant
    if {2008, 2009, 2011} <= set(ind["year"]):
        out = out.merge(shock_resilience().drop(columns="wiod"), on="iso3", how="left")
    return out


def resilience_weights(years=WIOD_YEARS, *, variant: str = "vulnerability", window: int = 5) -> pd.DataFrame:
    """Within-dimension and dimension weights of the RES indicators under every method.

    Parameters
    ----------
    years : int or iterable of int
        WIOD years pooled (default 1995-2011).
    variant : {"vulnerability", "exposure_inclusive"}
    window : int
        Rolling window of the stability indicators.

    Returns
    -------
    pandas.DataFrame
        One row per method and indicator: ``method, dimension, variable, direction, within``
        (weight inside the dimension), ``dimension_weight`` and ``weight`` (their product).

    Raises
    ------
    ValueError
        If ``variant`` is unknown.
    """
    check_choice(variant, RES_VARIANTS, name="variant")
    _, res = _composites(_check_index_years(years, window), window, variant, None)
    rows = []
    for m in METHODS:
        r = res[m]
        gw = r.global_weights()
        for d, js in RES_STRUCTURES[variant].items():
            for j in js:
                rows.append(dict(method=m, dimension=d, variable=j, direction=RES_DIRECTIONS[j],
                                 within=r.indicator_weights[j], dimension_weight=r.dimension_weights[d],
                                 weight=gw[j]))
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------
# validation against realised resilience
# --------------------------------------------------------------------------------------------
SHOCK_YEARS = {2009: (2008, 2009, 2011), 2020: (2019, 2020, 2022)}
"""Shocks of the validation: trough year -> (peak, trough, end)."""

SHOCK_PRE_YEARS = {2009: (2005, 2006, 2007), 2020: (2009, 2010, 2011)}
"""Years averaged for each shock's predictors: the three years before the 2008 peak, and for 2020 the
last three WIOD years (the index cannot be computed after 2011: a long-horizon test)."""


def resilience_predictors(pre_years, method: str = "entropy", *, frames: dict | None = None) -> pd.DataFrame:
    """Every composite, dimension score and indicator of both variants, averaged over ``pre_years``.

    Each indicator is multiplied by its direction (:data:`RES_DIRECTIONS`), so that for every
    column a larger value means *more* resilient by design.

    Parameters
    ----------
    pre_years : iterable of int
        WIOD years averaged.
    method : str
        Weighting of the composites.
    frames : dict, optional
        ``{variant: resilience_index(...) frame}`` to reuse (computed if omitted).

    Returns
    -------
    pandas.DataFrame
        Indexed by iso3; columns ``res, security, stability`` (default variant),
        ``res_exposure_inclusive, security_exposure_inclusive, stability_exposure_inclusive`` and one
        column per indicator.

    Raises
    ------
    ValueError
        If a year is not a WIOD year or ``method`` is unknown.
    """
    pre_years = check_years(pre_years, WIOD_YEARS, name="pre_years")
    check_choice(method, METHODS, name="method")
    frames = dict(frames or {})
    out = []
    for v in RES_VARIANTS:
        f = frames.get(v)
        if f is None:
            f = resilience_index(method=method, variant=v)
        pre = f[f["year"].isin(pre_years)]
        cols = [c for js in RES_STRUCTURES[v].values() for c in js]
        suffix = "" if v == "vulnerability" else f"_{v}"
        comp = pre.groupby("iso3")[[f"res_{method}", "security", "stability"]].mean()
        comp.columns = [f"res{suffix}", f"security{suffix}", f"stability{suffix}"]
        ind = pre.groupby("iso3")[cols].mean() * pd.Series(RES_DIRECTIONS)[cols]
        out += [comp, ind]
    return pd.concat(out, axis=1)


def shock_outcomes(shock: int = 2009) -> pd.DataFrame:
    """Realised resilience (Martin 2012) of each WIOD economy in one shock, every outcome measured.

    Parameters
    ----------
    shock : {2009, 2020}
        The trough year: 2009 (peak 2008, end 2011) or 2020 (peak 2019, end 2022).

    Returns
    -------
    pandas.DataFrame
        Indexed by iso3; ``resistance_<y>`` and ``recovery_<y>`` columns. 2009: WIOD (current USD)
        ``va`` (manufacturing value added), ``output``, ``dva`` (domestic value added in
        manufacturing exports), ``gvc`` (foreign value added in them); ADB MRIO constant prices
        ``va_adb``, ``output_adb``, ``exports_adb``. 2020: ADB MRIO constant prices ``va``,
        ``output``, ``exports``, and ``gvc`` (Borin-Mancini GVC-related trade, current USD).

    Raises
    ------
    ValueError
        If ``shock`` is not 2009 or 2020.
    """
    check_choice(shock, tuple(SHOCK_YEARS), name="shock")
    peak, trough, end = SHOCK_YEARS[shock]
    if shock == 2009:
        w = shock_resilience(peak, trough, end).set_index("iso3")
        cols = [f"{k}_{y}" for y in ("va", "output", "dva", "gvc") for k in ("resistance", "recovery")]
        a = adb_shock_resilience(peak, trough, end, prices="constant").set_index("iso3")
        a = a.rename(columns={c: f"{c}_adb" for c in a.columns})
        return w[cols].join(a, how="left")
    r = recent_shock_resilience(peak, trough, end).set_index("iso3")
    cols = [f"{k}_{y}" for y in ("va", "output", "exports", "gvc") for k in ("resistance", "recovery")]
    return r[cols]


def resilience_validation(pre_years=None, method: str = "entropy", *, shock: int = 2009, index_frame=None,
                          frames: dict | None = None, outcomes=None, exclude=()) -> pd.DataFrame:
    """How well the pre-shock index, its dimensions and its indicators predict realised resilience.

    For each predictor of :func:`resilience_predictors` (oriented: larger = more resilient by design)
    and each outcome of :func:`shock_outcomes`: Spearman's rho and Kendall's tau with two-sided
    p-values, Pearson's r, and the OLS slope of the outcome on the standardised predictor with its
    HC1 standard error. A predictor *predicts* an outcome when rho > 0 with p < 0.05; rho < 0 with
    p < 0.05 is a significant failure (the wrong sign). For the 2020 shock the table adds the
    stability indicators recomputed from ADB MRIO for 2015-2019 (:func:`adb_stability_indicators`).

    Parameters
    ----------
    pre_years : iterable of int, optional
        WIOD years averaged for the predictors (default :data:`SHOCK_PRE_YEARS` of the shock; before 2008
        for the 2009 shock).
    method : str
        Weighting of the composites.
    shock : {2009, 2020}
        The shock (trough year).
    index_frame : DataFrame, optional
        :func:`resilience_index` output of the default variant to reuse.
    frames : dict, optional
        ``{variant: frame}`` of both variants to reuse.
    outcomes : iterable of str, optional
        Subset of the outcome columns (default all).
    exclude : iterable of str
        ISO3 codes left out (reported in the ``excluded`` column).

    Returns
    -------
    pandas.DataFrame
        One row per predictor and outcome: ``shock, predictor, kind`` (composite, dimension or
        indicator), ``variant, outcome, n, spearman, spearman_p, kendall, kendall_p, pearson,
        slope_per_sd, se_hc1, p_hc1, verdict`` (``predicts``, ``wrong sign`` or ``no signal``) and
        ``excluded``.

    Raises
    ------
    ValueError
        If ``shock`` is unknown, a pre-shock year is not before the shock's peak, or an outcome is
        unknown.
    """
    import statsmodels.api as sm

    check_choice(shock, tuple(SHOCK_YEARS), name="shock")
    peak = SHOCK_YEARS[shock][0]
    pre_years = SHOCK_PRE_YEARS[shock] if pre_years is None else pre_years
    pre_years = check_years(pre_years, WIOD_YEARS, name="pre_years")
    if max(pre_years) >= peak:
        raise ValueError(f"pre_years={pre_years}: the predictor must be measured before the {peak} peak")
    if isinstance(exclude, str) or len(list(exclude)):
        exclude = check_subset(exclude, wiod_to_iso3(wiod_economies()), name="exclude")
    frames = dict(frames or {})
    if index_frame is not None:
        frames.setdefault("vulnerability", index_frame)
    pred = resilience_predictors(pre_years, method, frames=frames)
    kinds = {"res": "composite", "security": "dimension", "stability": "dimension"}
    variant_of = {}
    for v in RES_VARIANTS:
        suffix = "" if v == "vulnerability" else f"_{v}"
        for k in kinds:
            variant_of[f"{k}{suffix}"] = v
        for c in [c for js in RES_STRUCTURES[v].values() for c in js]:
            variant_of.setdefault(c, v)
    if shock == 2020:
        adb = -adb_stability_indicators(end=peak)  # all four are "less is more resilient"
        pred = pred.join(adb, how="left")
        for c in adb.columns:
            variant_of[c] = "ADB 2015-2019"
    out_frame = shock_outcomes(shock)
    ys = list(out_frame.columns) if outcomes is None else list(outcomes)
    unknown = [o for o in ys if o not in out_frame.columns]
    if unknown:
        raise ValueError(f"outcomes: unknown {unknown}; available: {list(out_frame.columns)}")
    data = pred.join(out_frame[ys], how="inner").drop(index=list(exclude), errors="ignore")
    rows = []
    for p in pred.columns:
        kind = kinds.get(p.removesuffix("_exposure_inclusive"), "indicator")
        for y in ys:
            d = data[[p, y]].dropna()
            x = d[p]
            if len(d) < 5 or x.std() == 0:
                continue
            xs = (x - x.mean()) / x.std(ddof=1)
            ols = sm.OLS(d[y], sm.add_constant(xs)).fit(cov_type="HC1")
            sp = stats.spearmanr(x, d[y])
            kt = stats.kendalltau(x, d[y])
            verdict = ("predicts" if sp.statistic > 0 else "wrong sign") if sp.pvalue < 0.05 else "no signal"
            rows.append(dict(shock=shock, predictor=p, kind=kind, variant=variant_of[p], outcome=y, n=len(d),
                             spearman=sp.statistic, spearman_p=sp.pvalue, kendall=kt.statistic,
                             kendall_p=kt.pvalue, pearson=float(np.corrcoef(x, d[y])[0, 1]),
                             slope_per_sd=ols.params.iloc[1], se_hc1=ols.bse.iloc[1], p_hc1=ols.pvalues.iloc[1],
                             verdict=verdict, excluded=",".join(exclude)))
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------
# face validity
# --------------------------------------------------------------------------------------------
_PHRASES = {
    "source_hhi": ("diversified foreign sources", "concentrated foreign sources"),
    "top_source_share": ("no dominant foreign source", "a dominant foreign source"),
    "source_stability": ("politically stable sources", "politically unstable sources"),
    "input_supply_hhi": ("easily replaced imported inputs", "hard-to-replace imported inputs"),
    "va_volatility": ("steady manufacturing value added", "volatile manufacturing value added"),
    "output_volatility": ("steady manufacturing output", "volatile manufacturing output"),
    "dva_volatility": ("steady value-added exports", "volatile value-added exports"),
    "va_persistence": ("losses quickly reversed", "persistent losses"),
    "vax_destination_hhi": ("diversified export markets", "concentrated export markets"),
    "dva_share": ("high domestic value-added share", "low domestic value-added share"),
    "supplier_hhi": ("diversified suppliers", "concentrated suppliers"),
    "top_supplier_share": ("no dominant supplier", "a dominant supplier"),
    "export_volatility": ("steady exports", "volatile exports"),
    "participation_volatility": ("steady foreign content", "volatile foreign content"),
    "destination_hhi": ("diversified destinations", "concentrated destinations"),
}


def resilience_profile(pre_years=(2005, 2006, 2007), n: int = 10, method: str = "entropy", *,
                       variant: str = "vulnerability") -> pd.DataFrame:
    """The ``n`` most and least resilient economies over ``pre_years``, each with the reason in one line.

    The reason is computed, not typed: an indicator's contribution to an economy's index is its
    weight in the composite times the deviation of the economy's normalised score from the
    cross-country mean, ``c_ij = W_{d(j)} w_j (z_ij - mean_i z_ij)`` (averaged over ``pre_years``);
    the line names the two indicators that lift a top economy most (or pull a bottom one down
    most), with the economy's raw value and the mean of all economies (the normalisation is linear,
    so an indicator lifts an economy exactly when its raw value is on the better side of the mean).

    Parameters
    ----------
    pre_years : iterable of int
        WIOD years averaged (default 2005-2007, before the 2008 shock).
    n : int
        Economies at each end.
    method : str
        Weighting method.
    variant : {"vulnerability", "exposure_inclusive"}

    Returns
    -------
    pandas.DataFrame
        ``group`` (most or least resilient), ``rank`` (1 = most resilient), ``iso3, res, security,
        stability, reason``.

    Raises
    ------
    ValueError
        If ``method`` or ``variant`` is unknown, ``n`` < 1 or a year is not a WIOD year.
    """
    check_choice(method, METHODS, name="method")
    check_choice(variant, RES_VARIANTS, name="variant")
    pre_years = check_years(pre_years, WIOD_YEARS, name="pre_years")
    if int(n) < 1:
        raise ValueError(f"n={n}: need at least 1")
    ind, res = _composites(WIOD_YEARS, 5, variant, None)
    r = res[method]
    rows = ind["year"].isin(pre_years).to_numpy()
    gw = r.global_weights()
    cols = list(gw.index)
    z = r.normalised.loc[rows, cols].groupby(ind.loc[rows, "iso3"]).mean()
    contrib = (z - z.mean()) * gw
    raw = ind.loc[rows, ["iso3", *cols]].groupby("iso3").mean()
    avg = raw.mean()
    sc = r.scores.loc[rows].groupby(ind.loc[rows, "iso3"]).mean()
    sc = sc.rename(columns={"index": "res"}).sort_values("res", ascending=False)
    sc["rank"] = np.arange(1, len(sc) + 1)
    out = []
    for group, part, sign in (("most resilient", sc.head(n), 1), ("least resilient", sc.tail(n), -1)):
        for iso, row in part.iterrows():
            c = contrib.loc[iso].sort_values(ascending=sign < 0)
            top = c.index[:2]
            bits = [f"{_PHRASES[j][0 if sign > 0 else 1]} ({raw.loc[iso, j]:.3g} vs mean {avg[j]:.3g})" for j in top]
            out.append(dict(group=group, rank=int(row["rank"]), iso3=iso, res=row["res"], security=row["security"],
                            stability=row["stability"], reason="; ".join(bits)))
    return pd.DataFrame(out)
