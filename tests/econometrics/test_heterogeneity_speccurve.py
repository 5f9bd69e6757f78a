"""Heterogeneity (group slopes, differences, EU membership facts), the specification curve, and the verdicts
of tests on the hypotheses."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import helpers.econometrics.speccurve as speccurve_module
from helpers import (
    collect_tests,
    control_set_name,
    eu_accession,
    eu_member,
    group_slopes,
    hypothesis_summary,
    income_groups,
    speccurve_summary,
    specification_curve,
    twfe,
    verdict_table,
    wiod_countries,
    within_ols,
)


def _panel(seed=0, slopes=None, t=10):
    rng = np.random.default_rng(seed)
    codes = ["DEU", "FRA", "POL", "HUN", "USA", "CAN", "JPN", "KOR", "CHN", "IND", "MEX", "BRA"]
    slopes = slopes or {}
    rows = []
    for i, c in enumerate(codes):
        a = rng.normal()
        for s in range(t):
            x = rng.normal() + a
            inc = 8 + i / 3 + 0.02 * s + 0.1 * rng.normal()
            rows.append(dict(wiod=c, year=1995 + s, dti_std=x, ln_gdp_pc=inc, hc=rng.normal(),
                             y=slopes.get(c, 0.2) * x + a + 0.1 * s + 0.3 * rng.normal()))
    return pd.DataFrame(rows)


def test_eu_membership_facts_agree_with_the_countries_file():
    wc = wiod_countries()
    assert eu_member(wc["wiod"], [2011] * len(wc)) == [bool(v) for v in wc["eu_2011"]]
    assert eu_member(["POL", "POL", "GBR", "GBR", "USA"], [2003, 2004, 2019, 2020, 2011]) == [
        False, True, True, False, False]
    assert set(eu_accession()["accession_year"]) == {1958, 1973, 1981, 1986, 1995, 2004, 2007}
    with pytest.raises(ValueError, match="XXX"):
        eu_member(["XXX"], [2000])


def test_group_slopes_recover_known_slopes_and_their_difference():
    slopes = {c: 1.0 for c in ["USA", "CAN", "MEX", "BRA"]}
    df = _panel(slopes=slopes)
    groups = df["wiod"].map(lambda c: "Americas" if c in slopes else "other")
    tab = group_slopes(df, "y", groups, controls=[], reference="other").set_index("group")
    assert abs(tab.loc["Americas", "coef"] - 1.0) < 4 * tab.loc["Americas", "se"]
    assert abs(tab.loc["other", "coef"] - 0.2) < 4 * tab.loc["other", "se"]
    # the difference is the same model reparametrised: exactly the gap between the slopes
    assert tab.loc["Americas", "diff"] == pytest.approx(tab.loc["Americas", "coef"] - tab.loc["other", "coef"])
    assert np.isnan(tab.loc["other", "diff"]) and tab["max_abs_diff"].max() < 1e-6
    # two groups: the joint test of equal slopes is the t-test of the difference
    assert tab["p_equal"].iloc[0] == pytest.approx(tab.loc["Americas", "diff_p"], rel=1e-8)


def test_time_varying_groups_get_a_main_effect():
    df = _panel()
    join = {"POL": 1999, "HUN": 2001, "DEU": 1990, "FRA": 1990}
    member = df["year"] >= df["wiod"].map(join).fillna(9999)
    groups = pd.Series(np.where(member, "member", "not"), index=df.index)
    tab = group_slopes(df, "y", groups, controls=[]).set_index("group")
    d = df.assign(s0=df["dti_std"] * member, s1=df["dti_std"] * ~member, m=member.astype(float))
    ref = twfe(d, "y", ["s0", "s1", "m"]).table  # staggered membership: the main effect is identified
    assert tab.loc["member", "coef"] == pytest.approx(ref.loc["s0", "coef"], rel=1e-8)
    # groups defined by year: the year effects absorb the main effect, which is left out
    by_year = pd.Series(np.where(df["year"] >= 2000, "late", "early"), index=df.index)
    tab = group_slopes(df, "y", by_year, controls=[]).set_index("group")
    ref = twfe(df.assign(s0=df["dti_std"] * (by_year == "early"), s1=df["dti_std"] * (by_year == "late")),
               "y", ["s0", "s1"]).table
    assert tab.loc["late", "coef"] == pytest.approx(ref.loc["s1", "coef"], rel=1e-8)


def test_income_groups_split_at_the_first_year_median():
    df = _panel()
    g = income_groups(df, 1995)
    first = df[df["year"] == 1995].set_index("wiod")["ln_gdp_pc"]
    poorer = set(first[first <= first.median()].index)
    assert set(df.loc[g == "poorer half", "wiod"]) == poorer and len(poorer) == 6
    with pytest.raises(ValueError, match="1990"):
        income_groups(df, 1990)


def test_group_slopes_errors():
    df = _panel()
    with pytest.raises(ValueError, match="at least two"):
        group_slopes(df, "y", pd.Series("one", index=df.index))
    with pytest.raises(ValueError, match="reference='x'"):
        group_slopes(df, "y", df["wiod"].str[0], reference="x")


@pytest.fixture
def toy_sample(monkeypatch):
    base = _panel(seed=5).rename(columns={"y": "out"})

    def fake(years, method="entropy"):
        shift = {"entropy": 0.0, "equal": 0.1, "pca": 0.2, "critic": 0.3}[method]
        return base.assign(out=base["out"] + shift * base["dti_std"])

    monkeypatch.setattr(speccurve_module, "estimation_sample", fake)
    return base


def test_specification_curve_crosses_every_choice(toy_sample):
    curve = specification_curve(["out"], list(range(1995, 2005)))
    assert len(curve) == 4 * 3 * 4 * 2 and curve["baseline"].sum() == 1
    base = curve[curve["baseline"]].iloc[0]
    ref = within_ols(toy_sample, "out", ["dti_std", "ln_gdp_pc"])
    assert base["coef"] == pytest.approx(ref.coef["dti_std"], rel=1e-10)
    eq = curve[(curve["method"] == "equal") & (curve["controls"] == "none") & (curve["sample"] == "all")
               & (curve["lag"] == 0)].iloc[0]
    assert eq["coef"] == pytest.approx(within_ols(toy_sample, "out", ["dti_std"]).coef["dti_std"] + 0.1, rel=1e-10)
    lagged = curve[(curve["method"] == "entropy") & (curve["controls"] == "none") & (curve["sample"] == "to 2007")
                   & (curve["lag"] == 1)].iloc[0]
    d = toy_sample.sort_values(["wiod", "year"]).assign(
        lag=lambda x: x.groupby("wiod")["dti_std"].shift(1))
    assert lagged["coef"] == pytest.approx(within_ols(d, "out", ["lag"]).coef["lag"], rel=1e-10)
    s = speccurve_summary(curve)
    assert s["n_specs"].iloc[0] == 96 and s["baseline_coef"].iloc[0] == pytest.approx(base["coef"])


def test_specification_curve_rejects_unknown_choices(toy_sample):
    with pytest.raises(ValueError, match="methods"):
        specification_curve(["out"], [1995], methods=["median"])
    with pytest.raises(ValueError, match="variant"):
        specification_curve(["out"], [1995], variants=["no_overlap"])
    assert control_set_name(["hc", "ln_gdp_pc"]) == "income + human capital"
    with pytest.raises(ValueError, match="not one of the control sets"):
        control_set_name(["hc"])


def test_verdicts_follow_the_expected_sign():
    tests = pd.DataFrame([
        dict(hypothesis="H1", test="a", design="d1", estimate=0.5, p=0.01),
        dict(hypothesis="H1", test="b", design="d1", estimate=-0.5, p=0.01, p_adj=0.2),
        dict(hypothesis="H2b", test="c", design="d2", estimate=-0.5, p=0.001),
        dict(hypothesis="H5", test="d", design="d3", estimate=-0.5, p=0.01, expected="-"),
        dict(hypothesis="H3", test="e", design="d1", estimate=-0.5, p=0.01),
    ])
    v = verdict_table(tests).set_index("test")["verdict"]
    assert list(v) == ["supports", "not significant", "supports", "supports", "runs against"]
    s = hypothesis_summary(tests).set_index("hypothesis")["overall"]
    assert s["H1"] == "supported" and s["H3"] == "contradicted" and s["H4"] == "not tested"
    mixed = pd.concat([tests, pd.DataFrame([dict(hypothesis="H1", test="f", design="d1", estimate=-1, p=0.001)])])
    assert hypothesis_summary(mixed).set_index("hypothesis").loc["H1", "overall"] == "mixed"
    with pytest.raises(ValueError, match="H9"):
        verdict_table(tests.assign(hypothesis="H9"))
    with pytest.raises(ValueError, match="expected"):
        verdict_table(tests.assign(expected="up"))


def test_collect_tests_maps_each_design():
    head = pd.DataFrame(dict(outcome=["gvc_f_mfg", "supplier_hhi"], regressor="dti_std", coef=[0.1, -0.2],
                             ci_low=0.0, ci_high=0.3, p_wild=[0.01, 0.02], p_rw=[0.03, 0.04]))
    lp = pd.DataFrame(dict(outcome="va_mfg", horizon=[2007, 2009], placebo=[True, False], coef=[0.1, 0.2],
                           ci_low=0.0, ci_high=0.4, p=[0.5, 0.01]))
    t = collect_tests(headline=head, projections=lp)
    assert list(t["hypothesis"]) == ["H2a", "H5", "H6"]
    assert list(t["p_adj"]) == [0.03, 0.04, 0.01] and t["interval_kind"].eq("bounded").all()
    v = verdict_table(t).set_index("outcome")["verdict"]
    assert v["supplier_hhi"] == "supports"  # concentration falls: diversification, the H5 direction


def test_estimation_codebook_defines_every_column_once():
    from helpers import DIMENSIONS, EXTRA_GVC, OUTCOMES, estimation_codebook

    cb = estimation_codebook()
    expected = {"wiod", "iso3", "year", *OUTCOMES, *EXTRA_GVC, "supplier_hhi", "dti", *DIMENSIONS, "ln_gdp_pc", "hc",
                "dti_std", *[f"{d}_std" for d in DIMENSIONS]}
    assert set(cb["column"]) == expected and cb["column"].is_unique
    assert cb["definition"].str.len().gt(10).all() and cb["unit"].notna().all()
    assert "log" in cb.set_index("column").at["ln_gdp_pc", "definition"].lower()
    with pytest.raises(ValueError, match="z_region"):
        estimation_codebook(pd.DataFrame(columns=["wiod", "z_region"]))


def test_estimation_codebook_has_no_dollar_sign():
    from helpers import estimation_codebook

    cb = estimation_codebook()
    assert not cb[["definition", "unit"]].apply(lambda c: c.str.contains("$", regex=False)).any().any()
    assert cb.set_index("column").at["va_mfg", "unit"] == "USD million"
