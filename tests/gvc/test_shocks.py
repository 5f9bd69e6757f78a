"""Shock propagation on the input-output network: toy answers by hand, Ghosh/Leontief identities, HEM.

The hand-computed toy: two regions A and B with one industry each, x = (100, 200),
Z = [[20, 40], [10, 40]], so A = [[0.2, 0.2], [0.1, 0.2]], final demand f = (40, 150) and value
added v = (70, 120). A 50% fall in A's output:

- upstream (Leontief, x_A exogenous): dx_B = a_BA dx_A / (1 - a_BB) = 0.1 (-50) / 0.8 = -6.25;
- downstream (Ghosh, x_A exogenous): dx_B = h_AB dx_A / (1 - h_BB) with h_AB = z_AB / x_A = 0.4
  and h_BB = 0.2: 0.4 (-50) / 0.8 = -25.

Cutting A's sales to B (a_AB = 0, the "foreign" extraction):

- Leontief: x_A = 40 / 0.8 = 50, x_B = (150 + 0.1 * 50) / 0.8 = 193.75: changes (-50, -6.25);
- Ghosh (h_AB = 0): x_B = 120 / 0.8 = 150, x_A = (70 + 0.05 * 150) / 0.8 = 96.875: changes
  (-3.125, -50).
"""

import numpy as np
import pandas as pd
import pytest

from helpers import WIOT, demand_collapse, hypothetical_extraction, io_model, load_wiot, pair_index, supply_shock


def toy_table() -> WIOT:
    Z = np.array([[20.0, 40.0], [10.0, 40.0]])
    F = np.array([[30.0, 10.0], [50.0, 100.0]])
    x = np.array([100.0, 200.0])
    return WIOT(2000, ("A", "B"), ("c1",), Z, F, x, ("FD",), source="toy")


def random_table(G=3, N=2, seed=7) -> WIOT:
    rng = np.random.default_rng(seed)
    n = G * N
    Z = rng.uniform(1, 10, (n, n))
    F = rng.uniform(5, 30, (n, G))
    x = Z.sum(axis=1) + F.sum(axis=1)
    return WIOT(2000, tuple(f"R{g}" for g in range(G)), tuple(f"i{k}" for k in range(N)), Z, F, x, ("FD",), "toy")


@pytest.fixture(scope="module")
def wiot():
    return load_wiot(2011)


def test_toy_shock_matches_the_hand_computation():
    r = supply_shock(toy_table(), ("A", "c1"), 0.5).pairs.set_index("country")
    np.testing.assert_allclose(r["d_output_leontief"], [-50.0, -6.25])
    np.testing.assert_allclose(r["d_output_ghosh"], [-50.0, -25.0])
    np.testing.assert_allclose(r.loc["B", ["d_va_leontief", "d_va_ghosh"]], [-6.25 * 0.6, -25 * 0.6])
    assert r["origin"].tolist() == [True, False]


def test_toy_extraction_matches_the_hand_computation():
    r = hypothetical_extraction(toy_table(), ("A", "c1"), "foreign").pairs.set_index("country")
    np.testing.assert_allclose(r["d_output_leontief"], [-50.0, -6.25])
    np.testing.assert_allclose(r["d_output_ghosh"], [-3.125, -50.0])


def test_toy_summary_and_totals():
    r = supply_shock(toy_table(), ("A", "c1"), 0.5)
    s = r.summary("country").set_index("country")
    assert list(s.index) == ["B"]  # the origin is left out
    assert s.loc["B", "rel_output_ghosh"] == pytest.approx(-25 / 200)
    tot = r.totals()
    assert tot["origin_output"] == pytest.approx(-50)
    assert tot["multiplier_leontief"] == pytest.approx(56.25 / 50)
    assert tot["multiplier_ghosh"] == pytest.approx(75 / 50)


def _ghosh_inverse(t: WIOT) -> np.ndarray:
    """G = (I - x^-1 Z)^-1 by a dense inverse of the allocation system (independent of the engine)."""
    x = np.where(t.x > 0, t.x, 1.0)
    H = t.Z / x[:, None]
    return np.linalg.inv(np.eye(t.n) - H)


@pytest.mark.parametrize("origin", [("CHN", "c14"), [("CHN", "c14"), ("TWN", "c14"), ("KOR", "c14")]])
def test_shock_identities_on_wiod(wiot, origin):
    r = supply_shock(wiot, origin, 0.2).pairs
    m = io_model(wiot)
    K = pair_index(wiot, origin)
    out = np.setdiff1d(np.arange(wiot.n), K)
    x = wiot.x
    np.testing.assert_allclose(r["d_output_leontief"].to_numpy()[K], -0.2 * x[K], rtol=1e-10)
    np.testing.assert_allclose(r["d_output_ghosh"].to_numpy()[K], -0.2 * x[K], rtol=1e-10)
    # Leontief: the output change is the Leontief solve of a final-demand change located in K only
    d_up = r["d_output_leontief"].to_numpy()
    df = (np.eye(wiot.n) - m.A) @ d_up
    assert np.abs(df[out]).max() < 1e-8 * np.abs(d_up).max()
    df_K = np.zeros(wiot.n)
    df_K[K] = df[K]
    np.testing.assert_allclose(np.linalg.solve(np.eye(wiot.n) - m.A, df_K), d_up, atol=1e-6)
    # Ghosh: dx' = dx_K' G_KK^-1 G_K. with G from a dense inverse of I - x^-1 Z
    G = _ghosh_inverse(wiot)
    dxK = -0.2 * x[K]
    d_down = np.linalg.solve(G[np.ix_(K, K)].T, dxK) @ G[K, :]
    pos = x > 0
    np.testing.assert_allclose(r["d_output_ghosh"].to_numpy()[pos], d_down[pos], rtol=1e-7, atol=1e-6)


def test_engine_ghosh_inverse_is_x_inv_B_x(wiot):
    m = io_model(wiot)
    G = _ghosh_inverse(wiot)
    pos = wiot.x > 0
    np.testing.assert_allclose(m.ghosh[np.ix_(pos, pos)], G[np.ix_(pos, pos)], rtol=1e-7, atol=1e-10)


def test_shock_is_linear_in_size(wiot):
    a = supply_shock(wiot, ("CHN", "c14"), 0.1).pairs
    b = supply_shock(wiot, ("CHN", "c14"), 0.3).pairs
    for c in ("d_output_leontief", "d_output_ghosh", "d_va_ghosh"):
        np.testing.assert_allclose(3 * a[c], b[c], rtol=1e-10, atol=1e-9)


def _extracted_solves(t: WIOT, K, mask):
    """x_bar by dense solves of the extracted Leontief and Ghosh systems (no Woodbury, no stored LU)."""
    x = t.x
    xs = np.where(x > 0, x, 1.0)
    A = t.Z / xs[None, :]
    H = t.Z / xs[:, None]
    A_bar, H_bar = A.copy(), H.copy()
    for r, k in enumerate(K):
        A_bar[k, mask[r]] = 0.0
        H_bar[k, mask[r]] = 0.0
    f = x - t.Z.sum(axis=1)  # the final demand that reproduces x exactly
    v = x - t.Z.sum(axis=0)
    x_leontief = np.linalg.solve(np.eye(t.n) - A_bar, f)
    x_ghosh = np.linalg.solve((np.eye(t.n) - H_bar).T, v)
    return x_leontief - x, x_ghosh - x


@pytest.mark.parametrize("buyers", ["foreign", "all", "domestic"])
def test_extraction_equals_difference_of_two_dense_solves(buyers):
    t = random_table()
    origin = [("R0", "i1"), ("R2", "i0")]
    K = pair_index(t, origin)
    cid = np.repeat(np.arange(t.G), t.N)
    same = cid[K][:, None] == cid[None, :]
    mask = np.ones_like(same) if buyers == "all" else (~same if buyers == "foreign" else same)
    up, down = _extracted_solves(t, K, mask)
    r = hypothetical_extraction(t, origin, buyers).pairs
    np.testing.assert_allclose(r["d_output_leontief"], up, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(r["d_output_ghosh"], down, rtol=1e-9, atol=1e-9)


def test_extraction_on_wiod_matches_dense_solve(wiot):
    K = pair_index(wiot, ("CHN", "c14"))
    cid = np.repeat(np.arange(wiot.G), wiot.N)
    mask = cid[K][:, None] != cid[None, :]
    up, down = _extracted_solves(wiot, K, mask)
    r = hypothetical_extraction(wiot, ("CHN", "c14"), "foreign").pairs
    scale = wiot.x.max()
    assert np.abs(r["d_output_leontief"] - up).max() < 1e-9 * scale
    assert np.abs(r["d_output_ghosh"] - down).max() < 1e-9 * scale


def test_full_extraction_of_a_pair_is_the_shock_with_size_one(wiot):
    """Deleting K's rows and columns (Miller & Blair 2009, 12.2) loses what the s = 1 shock loses elsewhere."""
    K = pair_index(wiot, ("CHN", "c14"))
    o = np.setdiff1d(np.arange(wiot.n), K)
    m = io_model(wiot)
    f = wiot.x - wiot.Z.sum(axis=1)
    x_bar = np.linalg.solve(np.eye(len(o)) - m.A[np.ix_(o, o)], f[o])
    r = supply_shock(wiot, ("CHN", "c14"), 1.0).pairs
    np.testing.assert_allclose(r["d_output_leontief"].to_numpy()[o], x_bar - wiot.x[o], atol=1e-4)


def test_bad_arguments_raise_value_errors():
    t = toy_table()
    with pytest.raises(ValueError, match="origin country"):
        supply_shock(t, ("XXX", "c1"))
    with pytest.raises(ValueError, match="origin industry"):
        supply_shock(t, ("A", "c99"))
    with pytest.raises(ValueError, match="size"):
        supply_shock(t, ("A", "c1"), 1.5)
    with pytest.raises(ValueError, match="buyers"):
        hypothetical_extraction(t, ("A", "c1"), "neighbours")
    with pytest.raises(ValueError, match="table"):
        supply_shock("2011")
    with pytest.raises(ValueError, match="mode"):
        demand_collapse(mode="sector")
    with pytest.raises(ValueError, match="two different years"):
        demand_collapse(2009, 2009)


def test_pair_index_star_selects_every_industry():
    t = random_table()
    assert pair_index(t, ("R1", "*")).tolist() == [2, 3]


@pytest.mark.parametrize("mode", ["economy", "economy_industry", "full"])
def test_demand_collapse_prediction_is_a_leontief_solve(mode):
    from helpers.gvc.shocks import _predicted_final_demand

    b, s = load_wiot(2008), load_wiot(2009)
    f_hat = _predicted_final_demand(b, s, mode)
    # the modes redistribute the realised world final demand; they do not invent any
    assert f_hat.sum() == pytest.approx(s.Y.sum(), rel=1e-9)
    A = b.Z / np.where(b.x > 0, b.x, 1.0)[None, :]
    x_hat = np.linalg.solve(np.eye(b.n) - A, f_hat)
    d = demand_collapse(2008, 2009, mode).set_index("country")
    manuf = np.tile(np.isin(np.array(b.industries), [f"c{k}" for k in range(3, 17)]), b.G)
    chn = np.repeat(np.array(b.countries), b.N) == "CHN"
    assert d.loc["CHN", "output_pred"] == pytest.approx(x_hat[manuf & chn].sum(), rel=1e-9)
    assert d.loc["CHN", "output_shock"] == pytest.approx(s.x[manuf & chn].sum())
    assert isinstance(d, pd.DataFrame) and len(d) == b.G


def _three_region_table() -> WIOT:
    """Economy E buys manufacturing inputs from S (mostly), T and RoW; one manufacturing industry (c3)."""
    Z = np.array([[10.0, 2.0, 2.0, 1.0],     # E sells
                  [30.0, 5.0, 3.0, 2.0],     # S sells (E's largest named source)
                  [6.0, 3.0, 4.0, 1.0],      # T sells
                  [4.0, 2.0, 2.0, 3.0]])     # RoW sells
    F = np.array([[50.0, 5, 5, 5], [10, 60, 5, 5], [5, 5, 40, 5], [5, 5, 5, 30]])
    x = Z.sum(axis=1) + F.sum(axis=1)
    return WIOT(2011, ("E", "S", "T", "RoW"), ("c3",), Z, F, x, ("FD",), source="toy")


def test_diversification_scenario_on_a_toy():
    from helpers import diversification_scenario, source_shares

    t = _three_region_table()
    shares = source_shares(t).set_index(["economy", "source"])["share"]
    assert shares[("E", "S")] == pytest.approx(30 / 40)
    r = diversification_scenario(t, "E", target_share=0.25, size=0.5)
    assert r.source == "S" and r.binding
    assert r.share_before == pytest.approx(0.75) and r.share_after == pytest.approx(0.25)
    assert 0 < r.loss_after < r.loss_before and r.avoided == pytest.approx(r.loss_before - r.loss_after)
    # a target above the current share changes nothing
    same = diversification_scenario(t, "E", target_share=0.9, size=0.5)
    assert not same.binding and same.avoided == 0.0 and same.loss_before == pytest.approx(r.loss_before)


def test_diversification_loss_is_the_ghosh_loss_of_the_rebalanced_table():
    from helpers import diversification_scenario

    t = _three_region_table()
    r = diversification_scenario(t, "E", target_share=0.9, size=0.5)
    A = t.Z / t.x[None, :]
    x = np.linalg.solve(np.eye(4) - A, t.F.sum(axis=1))
    H = A * x[None, :] / x[:, None]
    G = np.linalg.inv(np.eye(4) - H)
    d = -0.5 * x[1] * G[1, :] / G[1, 1]  # shock S (pair 1), Ghosh downstream, dense inverse
    assert r.loss_before == pytest.approx(-d[0] / x[0], rel=1e-10)
    with pytest.raises(ValueError, match="economy"):
        diversification_scenario(t, "RoW")
