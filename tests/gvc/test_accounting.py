"""GVC engine: value-added accounting helpers (HIY, Timmer et al., VA by destination) on WIOD 1995."""

import numpy as np
import pytest

from helpers import (
    fva_final_output,
    io_model,
    kww,
    leontief_matrices,
    load_wiot,
    va_by_destination,
    va_origin_of_exports,
    vertical_specialisation,
)
from helpers.gvc.decomposition import KWW_TERMS


@pytest.fixture(scope="module")
def t():
    return load_wiot(1995)


def test_va_by_destination_sums_to_final_demand_content(t):
    d = va_by_destination(t)
    m = io_model(t)
    assert len(d) == m.n * m.C
    # column totals: V B Y summed over origins = (V B) Y; equals world final demand up to the
    # zero-output pairs that sell inputs (V B = u' within 1e-3 in WIOD 2013)
    world_fd = m.Y.sum()
    assert d["va"].sum() == pytest.approx(world_fd, rel=1e-3)


def test_va_origin_of_exports_domestic_part_is_kww_domestic_content(t):
    o = va_origin_of_exports(t)
    dom = o[o["source"] == o["exporter"]].set_index("exporter")["va"]
    k = kww(t, "textbook").set_index("Country")
    np.testing.assert_allclose(dom.loc[k.index], k[list(KWW_TERMS[:6])].sum(axis=1), rtol=1e-9)
    tot = o.groupby("exporter")["va"].sum()
    np.testing.assert_allclose(tot.loc[k.index], k[list(KWW_TERMS)].sum(axis=1), rtol=1e-3)


def test_vertical_specialisation_is_kww_foreign_content(t):
    vs = vertical_specialisation(t).groupby("country", sort=False)[["vs", "exports"]].sum()
    k = kww(t, "textbook").set_index("Country")
    fc = k[["FVA_FIN", "FVA_INT", "FDC"]].sum(axis=1)
    np.testing.assert_allclose(vs.loc[k.index, "vs"], fc, rtol=1e-3)
    share = vs["vs"] / vs["exports"]
    assert share.between(0, 1).all()


def test_timmer_fva_share_of_final_manufacturing(t):
    f = fva_final_output(t)
    assert len(f) == 41 and f["fva_share"].between(0, 1).all()
    # a small open economy relies more on foreign value added than the USA or Japan
    s = f.set_index("country")["fva_share"]
    assert s["LUX"] > s["USA"] and s["HUN"] > s["JPN"]
    with pytest.raises(ValueError, match="industries"):
        fva_final_output(t, industries=["c99"])


def test_leontief_matrices_labelled(t):
    mats = leontief_matrices(t)
    assert set(mats) == {"A", "B", "G", "L", "V"}
    assert mats["B"].index.names == ["country", "industry"]
    # the Ghosh inverse is the inverse of I - H with H = x^-1 Z the allocation coefficients (Miller &
    # Blair 2009 eq. 12.7-12.8), checked against Z and x directly rather than against G = x^-1 B x
    G = mats["G"].to_numpy()
    x = np.where(t.x > 0, t.x, 1.0)
    H = t.Z / x[:, None]
    np.testing.assert_allclose(G @ (np.eye(t.n) - H), np.eye(t.n), atol=1e-12)
    # and L holds the domestic inverses (I - A_ss)^-1 of the A it returns
    A, L = mats["A"].to_numpy(), mats["L"].to_numpy()
    deu = np.flatnonzero(mats["A"].index.get_level_values("country") == "DEU")
    blk = np.ix_(deu, deu)
    np.testing.assert_allclose(L[blk] @ (np.eye(len(deu)) - A[blk]), np.eye(len(deu)), atol=1e-12)


def test_country_aggregation_is_ratio_of_sums(t):
    from helpers import aggregate_gvc, gvc_country_industry, manufacturing_codes

    ci = gvc_country_industry(t)
    mfg = ci[ci["industry"].isin(manufacturing_codes())]
    a = aggregate_gvc(ci, by=["country"], industries=manufacturing_codes()).set_index("country")
    deu = mfg[mfg["country"] == "DEU"]
    assert a.loc["DEU", "gvc_b"] == pytest.approx((deu["y_gvc_s"] + deu["y_gvc_c"]).sum() / deu["y_decomp"].sum())
    assert a.loc["DEU", "plv"] == pytest.approx(deu["xv"].sum() / deu["va_decomp"].sum())
    assert a.loc["DEU", "U"] == pytest.approx((deu["U"] * deu["gross_output"]).sum() / deu["gross_output"].sum())
    with pytest.raises(ValueError, match="by"):
        aggregate_gvc(ci, by=["nope"])


def test_koopman_country_measures_match_kww_terms(t, io_ref):
    """Koopman et al.'s IV and FV (built from WWZ terms) against KWW's own terms (a separate code path).

    IV = KWW's DVA_INTrex exactly. FV = FVA_FIN + FVA_INT + FDC, where KWW's (decompr) FDC is the
    residual of gross exports: exact on the consistent table, within the rounding bound on WIOD.
    """
    from helpers import aggregate_gvc, gvc_country_industry

    for table, exact in ((t, False), (io_ref.consistent_table(t), True)):
        a = aggregate_gvc(gvc_country_industry(table), by=["country"]).set_index("country")
        k = kww(table).set_index("Country")
        a = a.loc[k.index]
        E = io_ref.gross_exports(table)
        np.testing.assert_allclose(a["exports"], E, rtol=1e-12)
        np.testing.assert_allclose(a["kpww_iv_share"] * E, k["DVA_INTrex"], rtol=1e-9)
        fv = (k["FVA_FIN"] + k["FVA_INT"] + k["FDC"]).to_numpy()
        gap = np.abs(a["kpww_fv_share"].to_numpy() * E - fv)
        if exact:
            assert (gap <= 1e-9 * E).all()
        else:
            assert (gap <= io_ref.rounding_bound(table)).all() and gap.max() > 1.0


def test_va_origin_of_exports_industry_filter(t):
    """Restricting to some industries' exports splits the total exactly; a bad code is refused."""
    from helpers import manufacturing_codes

    full = va_origin_of_exports(t)["va"].to_numpy()
    manuf = va_origin_of_exports(t, industries=manufacturing_codes())["va"].to_numpy()
    rest = [c for c in t.industries if c not in manufacturing_codes()]
    other = va_origin_of_exports(t, industries=rest)["va"].to_numpy()
    np.testing.assert_allclose(manuf + other, full, rtol=1e-10, atol=1e-6)
    with pytest.raises(ValueError, match="c99"):
        va_origin_of_exports(t, industries=["c99"])
