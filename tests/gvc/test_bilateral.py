"""Bilateral GVC-related exports: the WWZ identity checked against an independent computation.

GVC-related exports of the module are the sum of the fourteen WWZ terms other than DVA_FIN and
DVA_INT.  Here gross exports ``E_sr`` are summed directly from the blocks of the table and DVA_FIN and
DVA_INT are computed from their definitions with explicit inverses (no engine code), so the identity
``gvc_exports = E_sr - DVA_FIN - DVA_INT`` can only hold if the decomposition is complete.
"""

from __future__ import annotations

import numpy as np
import pytest

from helpers import WIOT, bilateral_gvc_flows, bilateral_gvc_panel, load_wiot, manufacturing_codes
from helpers.gvc.bilateral import GVC_PARTS, WWZ_GROUPS


def _independent(table: WIOT, industries):
    """Gross exports, DVA_FIN and DVA_INT by (exporter, importer), summed over ``industries``."""
    G, N = table.G, table.N
    n = G * N
    x = table.x
    A = table.Z / np.where(x > 0, x, 1.0)[None, :]
    B = np.linalg.inv(np.eye(n) - A)
    v = np.where(x > 0, table.va / np.where(x > 0, x, 1.0), 0.0)
    Y = table.Y
    blk = [slice(k * N, (k + 1) * N) for k in range(G)]
    keep = np.isin(np.array(table.industries), list(industries))
    out = {}
    for s in range(G):
        Ass = A[blk[s], blk[s]]
        Lss = np.linalg.inv(np.eye(N) - Ass)
        vBss = v[blk[s]] @ B[blk[s], blk[s]]  # (V_s B_ss)_i
        vLss = v[blk[s]] @ Lss  # (V_s L_ss)_i
        for r in range(G):
            if r == s:
                continue
            e = table.Z[blk[s], blk[r]].sum(axis=1) + Y[blk[s], r]
            dva_fin = vBss * Y[blk[s], r]
            dva_int = vLss * (A[blk[s], blk[r]] @ (B[blk[r], blk[r]] @ Y[blk[r], r]))
            out[(table.countries[s], table.countries[r])] = (e[keep].sum(), dva_fin[keep].sum(), dva_int[keep].sum())
    return out


def _toy() -> WIOT:
    rng = np.random.default_rng(7)
    countries, industries = ("A", "B", "C"), ("c1", "c3", "c4")
    n = 9
    Z = rng.uniform(0.0, 5.0, (n, n))
    F = rng.uniform(1.0, 10.0, (n, 3))
    return WIOT(2000, countries, industries, Z, F, Z.sum(axis=1) + F.sum(axis=1), ("FD",), "toy")


@pytest.mark.parametrize("industries", [["c3", "c4"], ["c1", "c3", "c4"]])
def test_gvc_exports_identity_toy(industries):
    t = _toy()
    f = bilateral_gvc_flows(t, industries).set_index(["exporter", "importer"])
    ref = _independent(t, industries)
    for pair, (e, dfin, dint) in ref.items():
        row = f.loc[pair]
        assert row["exports"] == pytest.approx(e, rel=1e-12)
        assert row["dva_fin"] == pytest.approx(dfin, rel=1e-10)
        assert row["dva_int"] == pytest.approx(dint, rel=1e-10)
        assert row["gvc_exports"] == pytest.approx(e - dfin - dint, rel=1e-10)
        assert sum(row[p] for p in GVC_PARTS) == pytest.approx(row["gvc_exports"], rel=1e-12)
    # three countries: every component is strictly positive in a dense toy table
    intl = f[~f["domestic"]]
    assert (intl[list(WWZ_GROUPS)] > 0).all().all()


def test_intra_national_rows_toy():
    t = _toy()
    f = bilateral_gvc_flows(t, ["c3", "c4"]).set_index(["exporter", "importer"])
    # B's domestic sales of c3 and c4 (rows 4, 5): to B's three industries (columns 3-5) + B's final demand
    expected = t.Z[4:6, 3:6].sum() + t.Y[4:6, 1].sum()
    assert f.loc[("B", "B"), "exports"] == pytest.approx(expected, rel=1e-12)
    assert bool(f.loc[("B", "B"), "domestic"])
    assert np.isnan(f.loc[("B", "B"), "gvc_exports"])
    assert len(f) == 9


@pytest.mark.slow
def test_gvc_exports_identity_real_table():
    t = load_wiot(2011)
    ind = manufacturing_codes()
    f = bilateral_gvc_flows(t).set_index(["exporter", "importer"])
    ref = _independent(t, ind)
    gap = max(abs(f.loc[p, "gvc_exports"] - (e - a - b)) / max(e, 1.0) for p, (e, a, b) in ref.items())
    assert gap < 1e-9
    # the same holds for the sum of the fourteen terms (textbook convention closes on E_sr)
    intl = f[~f["domestic"]]
    assert np.allclose(intl[list(GVC_PARTS)].sum(axis=1), intl["exports"] - intl["davax"], rtol=1e-9, atol=1e-6)


def test_bad_industries():
    with pytest.raises(ValueError, match="industries"):
        bilateral_gvc_flows(_toy(), ["c99"])


@pytest.mark.slow
def test_panel_shape_and_totals():
    p = bilateral_gvc_panel()
    assert len(p) == 41 * 41 * 17
    assert p.groupby("year").size().eq(41 * 41).all()
    intl = p[~p["domestic"]]
    share = intl["gvc_exports"].sum() / intl["exports"].sum()
    assert 0.2 < share < 0.8  # GVC-related trade is a large minority of manufacturing exports
    assert set(p["exporter_iso3"]) >= {"ROU", "DEU", "CHN"}
