"""GVC engine: oracle tests against decompr, exvatools and the leather fixture; identities checked against
totals computed without the engine (exact on toy and consistent tables, within the rounding bound on WIOD)."""

import numpy as np
import pandas as pd
import pytest

from helpers import (
    CONVENTIONS,
    WIOT,
    gvc_fixture_table,
    gvc_validation_table,
    io_model,
    kww,
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
    LEATHER_EXPECTED,
    NAFTA_GROUPS,
    _decompr_reference,
    exvatools_measures,
)

KEYS = ["Exporting_Country", "Exporting_Industry", "Importing_Country"]
DOMESTIC_WWZ = [*WWZ_TERMS[:8], "DDC_FIN", "DDC_INT"]  # the ten terms of (V_s B_ss)' # E_sr (WWZ eq. 11)


def _rel(a, b):
    a = np.asarray(a, float)
    b = np.asarray(b, float)
    return np.abs(a - b) / np.maximum(np.abs(b), 1e-6)


def kww_by_blocks(t: WIOT, io_ref) -> pd.DataFrame:
    """The nine KWW (2014, eq. 36) terms written block by block, with numpy's dense inverse.

    A second implementation of the formulas in :func:`helpers.kww`'s docstring, country by country
    (no stacked right-hand sides, no LU factors, no residual term): every term -- FDC included -- is
    its formula, so the nine sum to gross exports only if the table is balanced and the formulas
    are right.
    """
    A, B = io_ref.leontief(t)
    c = io_ref.country_of(t)
    v = io_ref.va_coefficients(t)
    Y = t.Y
    G = t.G
    idx = [np.flatnonzero(c == s) for s in range(G)]

    def blk(M, a, b):
        return M[np.ix_(idx[a], idx[b])]

    L = [np.linalg.inv(np.eye(len(idx[s])) - blk(A, s, s)) for s in range(G)]
    # E_s* = sum_{r != s} (Z_sr u + Y_sr), by exporting pair of s
    E = [sum(blk(t.Z, s, r).sum(axis=1) + Y[idx[s], r] for r in range(G) if r != s) for s in range(G)]
    rows = []
    for s in range(G):
        S, Vs = idx[s], v[idx[s]]
        oth = [r for r in range(G) if r != s]
        ysr = sum(Y[S, r] for r in oth)
        fva = sum(v[idx[u]] @ blk(B, u, s) for u in oth)  # sum_{t != s} V_t B_ts, by pair of s
        rows.append({
            "DVA_FIN": Vs @ blk(B, s, s) @ ysr,
            "DVA_INT": sum(Vs @ blk(B, s, r) @ Y[idx[r], r] for r in oth),
            "DVA_INTrex": sum(Vs @ blk(B, s, r) @ Y[idx[r], u] for r in oth for u in oth if u != r),
            "RDV_FIN": sum(Vs @ blk(B, s, r) @ Y[idx[r], s] for r in oth),
            "RDV_INT": sum(Vs @ blk(B, s, r) @ blk(A, r, s) @ L[s] @ Y[S, s] for r in oth),
            "DDC": sum(Vs @ blk(B, s, r) @ blk(A, r, s) @ L[s] @ E[s] for r in oth),
            "FVA_FIN": fva @ ysr,
            "FVA_INT": sum(fva @ blk(A, s, r) @ L[r] @ Y[idx[r], r] for r in oth),
            "FDC": sum(fva @ blk(A, s, r) @ L[r] @ E[r] for r in oth),
        })
    return pd.DataFrame(rows, index=list(t.countries))[list(KWW_TERMS)]


@pytest.fixture(scope="module", params=["random", "leather"])
def toy(request, io_ref):
    return io_ref.random_balanced_table() if request.param == "random" else gvc_fixture_table("leather")


def test_kww_terms_are_their_formulas_and_sum_to_exports_on_balanced_toys(toy, io_ref):
    """Exact on balanced tables: our nine terms equal the block formulas, and those sum to E (KWW's identity)."""
    ref = kww_by_blocks(toy, io_ref)
    E = io_ref.gross_exports(toy)
    np.testing.assert_allclose(ref.sum(axis=1), E, rtol=1e-12)
    assert CONVENTIONS == ("decompr", "textbook")
    for conv in CONVENTIONS:
        ours = kww(toy, conv).set_index("Country")
        np.testing.assert_allclose(ours[list(KWW_TERMS)], ref, rtol=1e-10, atol=1e-12 * E.max(), err_msg=conv)


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


def test_kww_foreign_double_counting_against_its_formula_on_wiod(t1995, t1995c, io_ref):
    """decompr's FDC is the residual ``E - (other eight)``; WWZ's ``ODC + MDC`` is its formula.

    On the consistent 1995 table they agree to machine precision (so the nine terms sum to gross
    exports because each is right, not by construction); on the published table their gap -- the
    amount by which the nine formulas miss gross exports -- stays within the rounding bound, itself
    below 1% of every country's exports.
    """
    for t, exact in ((t1995c, True), (t1995, False)):
        E = io_ref.gross_exports(t)
        residual = kww(t).set_index("Country")["FDC"].to_numpy()
        formula = wwz_to_kww(wwz(t)).set_index("Country")["FDC"].to_numpy()
        gap = np.abs(residual - formula)
        if exact:
            assert (gap <= 1e-9 * E).all(), (gap / E).max()
        else:
            bound = io_ref.rounding_bound(t)
            assert (gap <= bound).all(), (gap / bound).max()
            assert (bound < 0.01 * E).all() and gap.max() > 1.0  # rounding-size, and not hidden by the bound


def test_kww_domestic_content_identity(t1995, t1995c, io_ref):
    """KWW eq. (36): DVA + RDV + DDC (decompr: each by its formula) = V_s B_ss E_s*, computed here from B.

    Exact on the consistent table (where the textbook convention's residual DDC then equals the DDC
    formula); on the published table decompr's domestic total is below ``V_s B_ss E_s*`` by at
    most the rounding bound.
    """
    for t, exact in ((t1995c, True), (t1995, False)):
        dc = np.bincount(io_ref.country_of(t), weights=io_ref.domestic_vb(t) * io_ref.pair_exports(t))
        dom = list(KWW_TERMS[:6])
        dp = kww(t, "decompr")[dom].sum(axis=1).to_numpy()
        if exact:
            np.testing.assert_allclose(dp, dc, rtol=1e-9)
            tb = kww(t, "textbook").set_index("Country")
            np.testing.assert_allclose(tb["DDC"], kww(t).set_index("Country")["DDC"], rtol=1e-9)
        else:
            gap = dc - dp
            assert (gap >= -1e-6).all() and (gap > 0).any()
            assert (gap <= io_ref.rounding_bound(t)).all()


def test_wwz_formula_terms_sum_to_bilateral_exports_when_output_is_BY(t1995c, io_ref):
    """On the consistent WIOD 1995 table, cell by cell (58,835 exporter-industry-importer rows):

    the sixteen formula terms (decompr convention) sum to ``E_sr``; the ten domestic ones equal
    ``(V_s B_ss)' # E_sr`` with ``B`` from numpy; the textbook residuals DDC_INT, MDC and ODC equal
    their formulas.
    """
    t = t1995c
    w = wwz(t)
    e = w["texp"].to_numpy()
    tol = 1e-9 * np.maximum(e, 1.0)
    assert (np.abs(w[list(WWZ_TERMS)].sum(axis=1).to_numpy() - e) <= tol).all()
    vbd = io_ref.domestic_vb(t)
    assert (np.abs(w[DOMESTIC_WWZ].sum(axis=1).to_numpy() - np.repeat(vbd, t.G) * e) <= tol).all()
    tb = wwz(t, "textbook")
    for k in ("DDC_INT", "MDC", "ODC"):
        assert (np.abs(tb[k].to_numpy() - w[k].to_numpy()) <= tol).all(), k


def test_wwz_aggregates_to_kww(t1995):
    a = wwz_to_kww(wwz(t1995))
    b = kww(t1995)
    for c in KWW_TERMS[:-1]:  # FDC: KWW's residual vs WWZ's formula, see the foreign-double-counting test
        np.testing.assert_allclose(a[c], b[c], rtol=1e-9)


def test_split_countries_wwz_and_kww_agree_exactly():
    """exvatools' table with split MEX/CHN (uneven, non-contiguous groups: the engine's loop branch)."""
    t = gvc_fixture_table("iciotest")
    w = wwz(t, groups=ICIOTEST_GROUPS)
    e = w["texp"].to_numpy()
    np.testing.assert_allclose(w[list(WWZ_TERMS)].sum(axis=1), e, rtol=1e-10, atol=1e-9)
    np.testing.assert_allclose(wwz(t, "textbook", groups=ICIOTEST_GROUPS)[list(WWZ_TERMS)], w[list(WWZ_TERMS)],
                               rtol=1e-9, atol=1e-9)
    k = kww(t, groups=ICIOTEST_GROUPS).set_index("Country")
    a = wwz_to_kww(w).set_index("Country").loc[k.index]
    np.testing.assert_allclose(a[list(KWW_TERMS)], k[list(KWW_TERMS)], rtol=1e-9, atol=1e-9)
    assert list(k.index) == ["ESP", "FRA", "MEX", "USA", "CHN", "ROW"]


def test_leontief_inverse_and_vb(t1995):
    m = io_model(t1995)
    err = np.abs(m.B @ (np.eye(m.n) - m.A) - np.eye(m.n)).max()
    assert err < 1e-9
    produced = m.x > 0
    np.testing.assert_allclose((m.vc @ m.B)[produced], 1.0, atol=1e-10)


def test_leather_expected_values(io_ref):
    """decompr's and gvc's test values (``LEATHER_EXPECTED``), recomputed here from their definitions with numpy."""
    t = gvc_fixture_table("leather")
    _, B = io_ref.leontief(t)
    v = io_ref.va_coefficients(t)
    E = io_ref.pair_exports(t)
    vbe = v[:, None] * B * E[None, :]
    vbx = v[:, None] * B * t.x[None, :]
    vby = (v[:, None] * (B @ t.Y)).ravel()
    got = {"VBE[1, 1]": vbe[0, 0], "VBE[9, 9]": vbe[-1, -1], "VBX[1, 1]": vbx[0, 0], "VBX[9, 9]": vbx[-1, -1],
           "VBY[1]": vby[0], "VBY[20]": vby[19]}
    assert set(got) == set(LEATHER_EXPECTED)
    for k, expected in LEATHER_EXPECTED.items():
        assert got[k] == pytest.approx(expected, rel=1e-6), k
    row = gvc_validation_table().set_index("reference").loc["decompr leather (tests)"]
    assert row["passes"] and row["max_rel_dev"] < 1e-6


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


def _collapse_splits(t: WIOT, groups: dict[str, str]) -> WIOT:
    """Sum the split units' rows and columns into their economy *before* any inverse is taken."""
    names = list(dict.fromkeys(groups.get(c, c) for c in t.countries))
    P = np.zeros((t.n, len(names) * t.N))
    for k, c in enumerate(t.countries):
        g = names.index(groups.get(c, c))
        P[k * t.N:(k + 1) * t.N, g * t.N:(g + 1) * t.N] = np.eye(t.N)
    K = len(t.uses)
    F = (P.T @ t.F)[:, : len(names) * K]  # the split units have no final-demand columns of their own
    assert np.all(t.F[:, len(names) * K:] == 0)
    return WIOT(0, tuple(names), t.industries, P.T @ t.Z @ P, F, P.T @ t.x, t.uses, "iciotest collapsed")


def test_collapsing_splits_first_changes_the_result():
    """SOURCE.md of fixtures-exvatools: to reproduce exvatools, MX1/MX2/CN1/CN2 must stay separate rows of
    the inverse and only be summed into MEX/CHN afterwards; collapsing them into one row first gives
    DC(ESP) = 2162.79 instead of 2165.17."""
    t = gvc_fixture_table("iciotest")
    kept = exvatools_measures(t, ICIOTEST_GROUPS).loc["ESP", "DC"]
    collapsed = exvatools_measures(_collapse_splits(t, ICIOTEST_GROUPS), {}).loc["ESP", "DC"]
    assert kept == pytest.approx(2165.17, abs=0.006)
    assert collapsed == pytest.approx(2162.79, abs=0.006)
    # the grouping itself only decides what is "domestic": ESP is not split, so its DC does not depend on it
    assert exvatools_measures(t, {}).loc["ESP", "DC"] == pytest.approx(kept, rel=1e-12)


def test_ungrouped_split_units_export_to_each_other():
    """Without groups CHN, CN1 and CN2 are three economies: their gross exports add the flows among them."""
    t = gvc_fixture_table("iciotest")
    grouped = exvatools_measures(t, ICIOTEST_GROUPS).loc["CHN", "EXGR"]
    alone = exvatools_measures(t, {}).loc[["CHN", "CN1", "CN2"], "EXGR"].sum()
    units = ("CHN", "CN1", "CN2")
    rows = {u: np.arange(t.N) + t.N * t.countries.index(u) for u in units}
    among = sum(t.Z[np.ix_(rows[a], rows[b])].sum() for a in units for b in units if a != b)
    among += sum(t.Y[rows[a], t.countries.index(b)].sum() for a in units for b in units if a != b)
    assert among > 0
    assert grouped == pytest.approx(8575.51, abs=0.006)
    assert alone == pytest.approx(grouped + among, rel=1e-12)


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
