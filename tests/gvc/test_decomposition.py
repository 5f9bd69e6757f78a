"""GVC engine: oracle tests against decompr, exvatools and the leather fixture, plus identities on 1995."""

import numpy as np
import pandas as pd
import pytest

from helpers import (
    gvc_fixture_table,
    gvc_validation_table,
    io_model,
    kww,
    load_wiot,
    upstreamness,
    wwyz_gvc,
    wwz,
    wwz_to_kww,
)
from helpers.gvc.decomposition import KWW_TERMS, WWZ_TERMS
from helpers.gvc.validation import (
    EXVATOOLS_COLUMNS,
    EXVATOOLS_EXPECTED,
    ICIOTEST_GROUPS,
    NAFTA_GROUPS,
    _decompr_reference,
    exvatools_measures,
)

KEYS = ["Exporting_Country", "Exporting_Industry", "Importing_Country"]


@pytest.fixture(scope="module")
def t1995():
    return load_wiot(1995)


def _rel(a, b):
    a = np.asarray(a, float)
    b = np.asarray(b, float)
    return np.abs(a - b) / np.maximum(np.abs(b), 1e-6)


def test_kww_reproduces_decompr_every_cell(t1995):
    ref = _decompr_reference("kww")
    ours = kww(t1995)
    assert list(ours.columns) == list(ref.columns)
    assert ours["Country"].tolist() == ref["Country"].astype(str).tolist()
    for c in KWW_TERMS:
        assert _rel(ours[c], ref[c]).max() < 1e-6, c


def test_wwz_reproduces_decompr_every_cell(t1995):
    ref = _decompr_reference("wwz")
    ours = wwz(t1995)
    assert list(ours.columns) == list(ref.columns)
    for c in KEYS:
        assert (ours[c].to_numpy() == ref[c].astype(str).to_numpy()).all(), c
    for c in ref.columns[3:]:
        assert _rel(ours[c], ref[c]).max() < 1e-6, c


def test_kww_sums_to_exports_both_conventions(t1995):
    m = io_model(t1995)
    E = m.aggregate(m.E)
    for conv in ("decompr", "textbook"):
        k = kww(t1995, conv)
        np.testing.assert_allclose(k[list(KWW_TERMS)].sum(axis=1), E, rtol=1e-8)


def test_kww_textbook_domestic_identity_and_decompr_gap(t1995):
    """KWW eq. (36): DVA + RDV + DDC = V_s B_ss E_s*; decompr's domestic total is below it."""
    m = io_model(t1995)
    dc = m.aggregate((m.vc @ m.Bd) * m.E)
    dom = list(KWW_TERMS[:6])
    tb = kww(t1995, "textbook")[dom].sum(axis=1).to_numpy()
    np.testing.assert_allclose(tb, dc, rtol=1e-10)
    dp = kww(t1995, "decompr")[dom].sum(axis=1).to_numpy()
    assert (dp <= dc + 1e-6).all() and (dp < dc).any()
    assert np.max((dc - dp) / dc) < 0.01  # a rounding-size gap, not a different measure


def test_wwz_textbook_sums_to_exports(t1995):
    w = wwz(t1995, "textbook")
    tot = w[list(WWZ_TERMS)].sum(axis=1).to_numpy()
    e = w["texp"].to_numpy()
    assert np.all(np.abs(tot - e) <= 1e-8 * np.maximum(np.abs(e), 1.0))
    # the domestic block is exactly (V_s B_ss)' # E_sr (WWZ eq. 11)
    m = io_model(t1995)
    vbd = m.solve(m.vc[:, None] * m.P, trans=True)[np.arange(m.n), m.cid]
    dom = w[list(WWZ_TERMS[:8]) + ["DDC_FIN", "DDC_INT"]].sum(axis=1).to_numpy()
    np.testing.assert_allclose(dom, (vbd[:, None] * m.ESR).ravel(), rtol=1e-8, atol=1e-8)


def test_wwz_aggregates_to_kww(t1995):
    a = wwz_to_kww(wwz(t1995))
    b = kww(t1995)
    for c in KWW_TERMS[:-1]:  # FDC: KWW's residual vs WWZ's explicit terms differ by the rounding gap
        np.testing.assert_allclose(a[c], b[c], rtol=1e-9)


def test_leontief_inverse_and_vb(t1995):
    m = io_model(t1995)
    err = np.abs(m.B @ (np.eye(m.n) - m.A) - np.eye(m.n)).max()
    assert err < 1e-9
    produced = m.x > 0
    np.testing.assert_allclose((m.vc @ m.B)[produced], 1.0, atol=1e-10)


def test_leather_expected_values():
    t = gvc_fixture_table("leather")
    m = io_model(t)
    vbe = m.vc[:, None] * m.B * m.E[None, :]
    vbx = m.vc[:, None] * m.B * m.x[None, :]
    vby = (m.vc[:, None] * m.BY).ravel()
    np.testing.assert_allclose([vbe[0, 0], vbe[-1, -1]], [28.52278, 34.74381], rtol=1e-6)
    np.testing.assert_allclose([vbx[0, 0], vbx[-1, -1]], [66.75361799, 96.78316785], rtol=1e-8)
    np.testing.assert_allclose([vby[0], vby[19]], [24.3345824, 23.6841309], rtol=1e-8)


def test_leather_wwz_balanced_table_conventions_agree():
    t = gvc_fixture_table("leather")
    a, b = wwz(t), wwz(t, "textbook")
    assert a.shape == (27, 29)
    np.testing.assert_allclose(a[list(WWZ_TERMS)].sum(axis=1), a["texp"], rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(a[list(WWZ_TERMS)], b[list(WWZ_TERMS)], rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("exporter", ["ESP", "CHN", "NAFTA"])
def test_exvatools_iciotest_expected(exporter):
    t = gvc_fixture_table("iciotest")
    groups = NAFTA_GROUPS if exporter == "NAFTA" else ICIOTEST_GROUPS
    got = exvatools_measures(t, groups).loc[exporter, list(EXVATOOLS_COLUMNS)].to_numpy()
    np.testing.assert_allclose(got, EXVATOOLS_EXPECTED[exporter], atol=0.0051)  # published to 2 decimals


def test_collapsing_splits_changes_result():
    """SOURCE.md: treating MX1/CN1 as separate countries (no groups) gives another ESP domestic content."""
    t = gvc_fixture_table("iciotest")
    a = exvatools_measures(t, ICIOTEST_GROUPS).loc["ESP", "DC"]
    b = exvatools_measures(t, {}).loc["ESP", "DC"]
    assert a == pytest.approx(2165.17, abs=0.006)
    assert b == pytest.approx(a, rel=1e-12)  # ESP itself is not split: its DC does not depend on the grouping
    c = exvatools_measures(t, {}).loc["CHN", "DC"]
    assert abs(c - 4409.66) > 1.0  # CHN without its CN1/CN2 rows differs


def test_upstreamness_equals_forward_length_on_balanced_table():
    """Two independent routes: Ghosh upstreamness (AC 2018 eq. 5) = WWYZ forward length; D = backward."""
    t = gvc_fixture_table("leather")
    u = upstreamness(t, inventory_correction=False)
    w = wwyz_gvc(t, clip_negative_final=False)
    np.testing.assert_allclose(u["U"], w["plv"], rtol=1e-10)
    np.testing.assert_allclose(u["D"], w["ply"], rtol=1e-10)


def test_world_length_identity_and_bounds_1995(t1995):
    w = wwyz_gvc(t1995)
    fwd = w["xv"].sum() / w["va_decomp"].sum()
    bwd = w["xy"].sum() / w["y_decomp"].sum()
    assert fwd == pytest.approx(bwd, rel=1e-10)
    assert (w[["plv", "ply", "plv_gvc", "ply_gvc"]].dropna() >= 1 - 1e-12).all().all()
    shares = w[[c for c in w if c.startswith("gvc_f") or c.startswith("gvc_b")]]
    assert ((shares.fillna(0) >= -1e-12) & (shares.fillna(0) <= 1 + 1e-12)).all().all()


def test_bad_parameters_are_named(t1995):
    with pytest.raises(ValueError, match="convention"):
        kww(t1995, "oecd")
    with pytest.raises(ValueError, match="groups"):
        kww(t1995, groups={"XXX": "YYY"})
    with pytest.raises(TypeError, match="table"):
        kww(pd.DataFrame())


def test_validation_table_passes():
    v = gvc_validation_table()
    assert len(v) == 4 and v["passes"].all(), v
