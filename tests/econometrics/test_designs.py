"""The country-industry (Rajan-Zingales) design and the recent window: toy data with known
coefficients, the second implementation (linearmodels AbsorbingLS), identities on the samples."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers import (
    DESIGN_COLUMNS,
    INDUSTRY_OUTCOMES,
    WINDOWS,
    digital_trade_index,
    industry_design,
    industry_design_sample,
    recent_window,
    recent_window_sample,
    shock_2020,
    standardisation_span,
    standardised_dti,
    trade_summary_panel,
    window_label,
    wiod_economies,
)


def _toy_panel(beta=0.5, noise=0.0, seed=11):
    """Country x industry x year data with y = beta z_ct s_j + a_ct + g_jt + d_cj (+ noise)."""
    rng = np.random.default_rng(seed)
    C, J, T = 8, 5, 6
    c, j, t = np.meshgrid(np.arange(C), np.arange(J), np.arange(T), indexing="ij")
    c, j, t = c.ravel(), j.ravel(), t.ravel()
    z = rng.normal(size=(C, T))
    s = rng.normal(size=J)
    a, g, d = rng.normal(size=(C, T)), rng.normal(size=(J, T)), rng.normal(size=(C, J))
    x = z[c, t] * s[j]
    y = beta * x + a[c, t] + g[j, t] + d[c, j] + noise * rng.normal(size=c.size)
    df = pd.DataFrame({"wiod": [f"C{k}" for k in c], "industry": [f"c{k + 3}" for k in j], "year": 2000 + t,
                       "dti_x_intensity": x, "gvc_f": y})
    df["cell"] = df["wiod"] + ":" + df["industry"]
    return df


def test_known_coefficient_without_noise():
    r = industry_design(_toy_panel(), ["gvc_f"]).iloc[0]
    assert r["coef"] == pytest.approx(0.5, abs=1e-10)
    assert r["max_abs_diff"] < 1e-10
    assert list(industry_design(_toy_panel(), ["gvc_f"]).columns) == [*DESIGN_COLUMNS, "p_wcb"]


def test_known_coefficient_with_noise_and_second_implementation():
    for fe in ("ct+jt+cj", "ct+jt"):
        for cl in ("wiod", "cell"):
            r = industry_design(_toy_panel(noise=0.3), ["gvc_f"], fixed_effects=fe, cluster=cl).iloc[0]
            assert abs(r["coef"] - 0.5) < 4 * r["se"]
            assert r["ci_low"] < r["coef"] < r["ci_high"]
            assert r["max_abs_diff"] < 1e-10
            assert r["clusters"] == (8 if cl == "wiod" else 40)


def test_country_year_regressor_is_absorbed():
    # a regressor that varies only by country-year is collinear with the country-year effects:
    # pyfixest drops it, so the design cannot run on the index alone (why the interaction is needed)
    df = _toy_panel()
    df["dti_x_intensity"] = df.groupby(["wiod", "year"])["dti_x_intensity"].transform("mean")
    with pytest.raises(Exception):  # noqa: B017 -- pyfixest raises on an all-collinear design
        industry_design(df, ["gvc_f"], check=False)


def test_bad_arguments():
    df = _toy_panel()
    with pytest.raises(ValueError, match="outcomes"):
        industry_design(df, ["nope"])
    with pytest.raises(ValueError, match="fixed_effects"):
        industry_design(df, ["gvc_f"], fixed_effects="ct")
    with pytest.raises(ValueError, match="cluster"):
        industry_design(df, ["gvc_f"], cluster="year")
    with pytest.raises(ValueError, match="reference"):
        industry_design_sample(reference="XYZ")


def test_standardised_dti_moments():
    d = standardised_dti()
    base = d[d["year"].between(1995, 2011)]["dti_std"]
    assert base.mean() == pytest.approx(0.0, abs=1e-12)
    assert base.std() == pytest.approx(1.0, rel=1e-12)
    assert d["wiod"].nunique() == 39  # Taiwan has no index


@pytest.mark.slow
def test_real_sample_and_second_implementation():
    s = industry_design_sample()
    assert s["industry"].nunique() == 14 and s["wiod"].nunique() == 39
    assert s["intensity_std"].drop_duplicates().std() == pytest.approx(1.0, rel=1e-9)
    assert np.allclose(s["dti_x_intensity"], s["dti_std"] * s["intensity_std"])
    r = industry_design(s)
    assert set(r["outcome"]) == set(INDUSTRY_OUTCOMES)
    assert (r["max_abs_diff"] < 1e-8).all()
    assert (r["clusters"] == 39).all()
    usa = industry_design_sample(reference="USA")
    assert "USA" not in set(usa["wiod"])


def test_shock_2020_second_implementation():
    rs = recent_window_sample()
    r = shock_2020(rs).set_index("outcome")
    # OLS and HC1 by hand: (X'X)^-1 X' diag(e^2) X (X'X)^-1 x n/(n-k)
    adb = rs[rs["source"] == "ADB MRIO"]
    w = adb.pivot(index="wiod", columns="year", values="ln_exports")
    pre = adb[adb["year"] == 2019].set_index("wiod")
    d = pd.DataFrame({"y": w[2020] - w[2019], "z": pre["dti_std"], "g": pre["ln_gdp_pc"]}).dropna()
    X = np.column_stack([np.ones(len(d)), d["z"], d["g"]])
    b, *_ = np.linalg.lstsq(X, d["y"].to_numpy(), rcond=None)
    e = d["y"].to_numpy() - X @ b
    xtx = np.linalg.inv(X.T @ X)
    V = xtx @ (X.T * e**2) @ X @ xtx * len(d) / (len(d) - 3)
    assert r.loc["d_ln_exports_fall", "coef"] == pytest.approx(b[1], rel=1e-10)
    assert r.loc["d_ln_exports_fall", "se"] == pytest.approx(np.sqrt(V[1, 1]), rel=1e-10)
    with pytest.raises(ValueError, match="peak"):
        shock_2020(rs, peak=2020, trough=2019)


@pytest.mark.slow
def test_recent_window_sample_identities():
    rs = recent_window_sample()
    assert set(rs["source"]) == {"WIOD 2013", "ADB MRIO"}
    assert rs["gvc_share"].between(0, 1).all()
    assert np.allclose(rs["gvc_share"], rs["gvc_b_share"] + rs["gvc_f_share"])
    # WIOD manufacturing exports summed over partners equal the direct block sums of the tables
    w = rs[rs["source"] == "WIOD 2013"].set_index(["wiod", "year"])["exports"]
    t = trade_summary_panel().set_index(["wiod", "year"])["exports_manuf"]
    common = w.index.intersection(t.index)
    assert len(common) == 40 * 17
    assert np.allclose(w.loc[common], t.loc[common], rtol=1e-10)
    assert rs.loc[rs["source"] == "ADB MRIO", "year"].between(2017, 2022).all()


def test_recent_window_runs_both_windows():
    rs = recent_window_sample()
    r = recent_window(rs, ["gvc_share"])
    assert len(r) == 3 and set(r["window"]) == {"WIOD", "ADB", "ADB, before 2020"}
    # the label names the years the regression uses, read from the rows with the index, not the years requested
    for row in r.itertuples():
        src, years = WINDOWS[row.window]
        used = rs[(rs["source"] == src) & rs["year"].isin(years)].dropna(subset=["gvc_share", "dti_std", "ln_gdp_pc"])
        assert (row.first_year, row.last_year) == (used["year"].min(), used["year"].max())
        assert row.window_label == f"{used['year'].min()}-{used['year'].max()} ({row.window})"
    first, last = standardisation_span()
    dti = digital_trade_index()
    observed = dti[dti["wiod"].isin(wiod_economies()) & dti["year"].between(1995, 2011)].dropna(subset=["dti"])
    assert (first, last) == (observed["year"].min(), observed["year"].max())
    assert r.set_index("window").loc["WIOD", "first_year"] >= first  # no year without the index is labelled
    assert (r["max_abs_diff"] < 1e-8).all()  # linearmodels and pyfixest agree
    assert (r["within_sd"] > 0).all()
    with pytest.raises(ValueError, match="windows"):
        recent_window(rs, windows=["1990s"])


def test_design_verdicts_holm_by_hand():
    from helpers import design_tests, design_verdicts

    f = pd.DataFrame({"design": ["a", "a", "a", "b", "b"], "outcome": ["y1", "y2", "y3", "y4", "y5"],
                      "regressor": "x", "coef": [0.2, -0.1, 0.3, -0.4, 1.0], "ci_low": 0.0, "ci_high": 1.0,
                      "p": [0.01, 0.02, 0.04, 0.03, 0.0], "expected_sign": ["+", "+", "-", "-", "+"],
                      "hypothesis": ["H1", "H1", "H3", "H5", ""]})
    t = design_tests(f)
    assert len(t) == 4  # the row without a hypothesis is context, not a test
    # Holm in family a: sorted 0.01, 0.02, 0.04 -> 0.03, 0.04, 0.04 (monotone); family b alone: 0.03
    assert t["p_adj"].tolist() == pytest.approx([0.03, 0.04, 0.04, 0.03])
    assert t["test"].tolist()[0] == "y1 on x"
    v = design_verdicts(f, 0.05)
    assert v["verdict"].tolist() == ["supports", "runs against", "runs against", "supports"]
    assert design_verdicts(f, 0.035)["verdict"].tolist() == ["supports", "not significant", "not significant",
                                                              "supports"]
    with pytest.raises(ValueError, match="alpha"):
        design_verdicts(f, 1.5)
    with pytest.raises(ValueError, match="p_wcb"):
        design_tests(f, pvalue="p_wcb")


def test_wild_bootstrap_draws_match_brute_force():
    """Each vectorised draw equals a full pyfixest re-estimation on the bootstrap outcome."""
    import pyfixest as pf
    from pyfixest.estimation import demean

    from helpers.econometrics.designs import _wild_draws

    d = _toy_panel(beta=0.0, noise=1.0)
    fes = [("wiod", "year"), ("industry", "year"), ("wiod", "industry")]
    fl = np.column_stack([pd.factorize(d[list(c)].astype(str).agg("|".join, axis=1))[0] for c in fes]).astype(np.uint64)
    yx, _ = demean(d[["gvc_f", "dti_x_intensity"]].to_numpy(float), fl, np.ones(len(d)), tol=1e-12)
    g = pd.factorize(d["wiod"])[0]
    t0, tb, bb, V = _wild_draws(yx[:, 0], yx[:, 1], fl, g, reps=5, seed=1, weights="webb")
    fml = "ystar ~ dti_x_intensity | wiod^year + industry^year + wiod^industry"
    raw = pf.ssc(k_adj=False, G_adj=False)
    fit0 = pf.feols(fml.replace("ystar", "gvc_f"), data=d, vcov={"CRV1": "wiod"}, ssc=raw)
    assert t0 == pytest.approx(fit0.tstat().iloc[0], rel=1e-6)
    fitted_r = d["gvc_f"].to_numpy() - yx[:, 0]  # fitted values of the restricted (fixed effects only) model
    for b in range(5):
        dd = d.assign(ystar=fitted_r + yx[:, 0] * V[g, b])
        fit = pf.feols(fml, data=dd, vcov={"CRV1": "wiod"}, ssc=raw)
        assert bb[b] == pytest.approx(fit.coef().iloc[0], rel=1e-6, abs=1e-9)
        assert tb[b] == pytest.approx(fit.tstat().iloc[0], rel=1e-6)


def test_wild_bootstrap_p_value_and_errors():
    from helpers import wild_bootstrap_absorbed

    fes = [("wiod", "year"), ("industry", "year"), ("wiod", "industry")]
    strong = _toy_panel(beta=0.5, noise=0.1)
    assert wild_bootstrap_absorbed(strong, "gvc_f", "dti_x_intensity", fes, "wiod", reps=199) < 0.05
    p1 = wild_bootstrap_absorbed(_toy_panel(beta=0.0, noise=1.0), "gvc_f", "dti_x_intensity", fes, "wiod", reps=199)
    p2 = wild_bootstrap_absorbed(_toy_panel(beta=0.0, noise=1.0), "gvc_f", "dti_x_intensity", fes, "wiod", reps=199)
    assert p1 == p2  # seeded
    with pytest.raises(ValueError, match="weights"):
        wild_bootstrap_absorbed(strong, "gvc_f", "dti_x_intensity", fes, "wiod", weights="mammen")
    with pytest.raises(ValueError, match="reps"):
        wild_bootstrap_absorbed(strong, "gvc_f", "dti_x_intensity", fes, "wiod", reps=10)


def test_window_label_by_hand():
    assert window_label("WIOD", [2011, 2000, 2000, 2005]) == "2000-2011 (WIOD)"
    assert window_label("x", [2019]) == "2019 (x)"
    with pytest.raises(ValueError, match="years"):
        window_label("WIOD", [])
