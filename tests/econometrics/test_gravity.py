"""Structural gravity by PPML: toy flows with a known coefficient, pyfixest fepois against
statsmodels' GLM Poisson with explicit dummies, and what the fixed effects absorb."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers import gravity_border, gravity_crosscheck, gravity_ppml, gravity_sample, ppml_dummies
from helpers.econometrics.gravity import _fepois


def _toy_flows(beta=0.3, poisson=False, seed=5):
    """Flows exp(beta J + pi_it + chi_jt + mu_ij) for 6 economies x 5 years (international pairs)."""
    rng = np.random.default_rng(seed)
    C, T = 6, 5
    z = rng.normal(size=(C, T))
    pi, chi, mu = rng.normal(size=(C, T)), rng.normal(size=(C, T)), rng.normal(size=(C, C))
    rows = []
    for i in range(C):
        for j in range(C):
            if i == j:
                continue
            for t in range(T):
                joint = z[i, t] * z[j, t]
                m = np.exp(beta * joint + pi[i, t] + chi[j, t] + mu[i, j] + 3.0)
                rows.append(dict(exporter=f"E{i}", importer=f"E{j}", year=2000 + t, domestic=False,
                                 z_exporter=z[i, t], z_importer=z[j, t], joint_product=joint,
                                 joint_min=min(z[i, t], z[j, t]), gvc_exports=m))
    df = pd.DataFrame(rows)
    df["pair"] = df["exporter"] + ":" + df["importer"]
    if poisson:
        df["gvc_exports"] = rng.poisson(df["gvc_exports"]).astype(float)
    return df


def test_ppml_recovers_known_coefficient():
    r = gravity_ppml(_toy_flows(), ["gvc_exports"]).iloc[0]
    assert r["coef"] == pytest.approx(0.3, abs=1e-6)
    assert r["clusters"] == 30 and r["countries"] == 6 and r["negative_set_to_zero"] == 0


def test_ppml_equals_glm_with_dummies_on_toy():
    d = _toy_flows(poisson=True)
    d["_y"] = d["gvc_exports"]
    import pyfixest as pf

    fit = _fepois(d, "_y", ["joint_product"], "pair", ssc=pf.ssc(k_adj=False, G_adj=True))
    glm = ppml_dummies(d, "_y", "joint_product")
    assert glm["coef"] == pytest.approx(fit.coef()["joint_product"], abs=1e-7)
    assert glm["se"] == pytest.approx(fit.se()["joint_product"], rel=1e-5)
    assert abs(glm["coef"] - 0.3) < 4 * glm["se"]


def test_own_index_is_absorbed():
    # the exporter's own index varies only by exporter-year: collinear with the exporter-year dummies
    d = _toy_flows()
    d["_y"] = d["gvc_exports"]
    with pytest.raises(ValueError, match="collinear"):
        ppml_dummies(d, "_y", "z_exporter")
    with pytest.raises(ValueError, match="collinear"):
        ppml_dummies(d, "_y", "z_importer")
    # the joint term is not: it survives the same dummies
    assert ppml_dummies(d, "_y", "joint_product")["rank"] > 0


def test_negative_flows_are_refused_by_glm_and_zeroed_by_ppml():
    d = _toy_flows()
    d.loc[0, "gvc_exports"] = -1.0
    with pytest.raises(ValueError, match="non-negative"):
        ppml_dummies(d, "gvc_exports", "joint_product")
    assert gravity_ppml(d, ["gvc_exports"]).iloc[0]["negative_set_to_zero"] == 1


def test_bad_arguments():
    d = _toy_flows()
    with pytest.raises(ValueError, match="outcomes"):
        gravity_ppml(d, ["nope"])
    with pytest.raises(ValueError, match="joint"):
        gravity_ppml(d, joint="max")
    with pytest.raises(ValueError, match="interval"):
        gravity_sample(interval=0)
    with pytest.raises(ValueError, match="outcome"):
        gravity_border(d, outcome="gvc_exports")


@pytest.mark.slow
def test_real_sample_and_crosscheck():
    g = gravity_sample()
    intl = g[~g["domestic"]]
    assert np.allclose(intl["joint_product"], intl["z_exporter"] * intl["z_importer"])
    assert g["exporter"].nunique() == 39  # RoW and Taiwan have no index
    # every fourth year from 1995, of those with the index (the headline index starts in 2000)
    assert sorted(gravity_sample(interval=4)["year"].unique()) == [2003, 2007, 2011]
    c = gravity_crosscheck(g, ["DEU", "FRA", "ITA", "USA", "JPN", "CHN", "KOR", "POL"], range(2003, 2009))
    a, b = c.iloc[0], c.iloc[1]
    assert a["nobs"] == b["nobs"] and a["clusters"] == b["clusters"]
    assert b["coef"] == pytest.approx(a["coef"], abs=1e-7)
    assert b["se"] == pytest.approx(a["se"], rel=1e-5)
    r = gravity_ppml(g, ["gvc_exports", "exports"])
    assert (r["clusters"] > 1400).all() and (r["nobs"] > 15000).all()  # 2000-2011: the years with the index
    border = gravity_border(g)
    assert set(border["regressor"]) == {"intl_joint", "intl_z_own"}
    assert border["nobs"].iloc[0] > r["nobs"].max()  # the domestic flows are in
