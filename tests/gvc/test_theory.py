"""The sourcing and re-routing model: closed forms against numerical solutions and the simulation."""

import numpy as np
import pytest
from scipy import optimize, stats

from helpers import SourcingModel, simulate_sourcing

KAPPAS = np.geomspace(0.01, 20.0, 15)


@pytest.mark.parametrize("rho", [0.0, 0.05, 0.5])
def test_numerical_recovery_rate_matches_closed_form(rho):
    m = SourcingModel(rho=rho)
    num = m.solve_firm(KAPPAS)
    np.testing.assert_allclose(num["recovery_rate"], m.recovery_rate(KAPPAS), rtol=1e-7)
    # a second optimiser (scipy's bounded Brent) agrees on the minimised cost
    for k in KAPPAS[::5]:
        r = optimize.minimize_scalar(lambda lam, k=k: (m.theta + k * lam**2 / 2) / (rho + lam),
                                     bounds=(1e-9, 100.0), method="bounded", options={"xatol": 1e-10})
        assert num.loc[num["kappa"] == k, "unit_cost"].item() == pytest.approx(r.fun, rel=1e-8)
        # the unit cost is v = kappa lambda* (the linear value function of the Bellman equation)
        assert r.fun == pytest.approx(k * m.recovery_rate(k).item(), rel=1e-6)


def test_integer_suppliers_bracket_the_continuous_optimum():
    m = SourcingModel()
    n_int = m.solve_firm(KAPPAS)["suppliers"].to_numpy()
    n_star = m.suppliers(KAPPAS)
    assert np.all((n_int == np.floor(n_star)) | (n_int == np.ceil(n_star)))


@pytest.mark.parametrize("rho", [0.0, 0.05, 0.5])
def test_analytic_elasticities_match_finite_differences(rho):
    m = SourcingModel(rho=rho, pi=5.0)  # pi large enough that n* > 1 on the grid
    k = np.geomspace(0.05, 5.0, 9)
    h = 1e-6
    el = m.elasticities(k)
    up, dn = m.outcomes(k * np.exp(h)), m.outcomes(k * np.exp(-h))
    assert (m.suppliers(k) > 1).all()
    for y in ("recovery_rate", "suppliers", "hhi", "impact_loss", "half_life", "cumulative_loss"):
        fd = (np.log(up[y]) - np.log(dn[y])) / (2 * h)
        np.testing.assert_allclose(el[f"e_{y}"], fd, rtol=1e-5, atol=1e-8)


def test_elasticities_without_discounting_are_the_textbook_powers():
    el = SourcingModel(rho=0.0).elasticities([0.1, 1.0, 10.0])
    np.testing.assert_allclose(el["e_recovery_rate"], -0.5)
    np.testing.assert_allclose(el["e_hhi"], 0.25)
    np.testing.assert_allclose(el["e_cumulative_loss"], 0.75)


def test_comparative_statics_signs_in_digital_trade():
    cs = SourcingModel().comparative_statics(np.linspace(0, 1, 21))
    for y in ("hhi", "impact_loss", "half_life", "cumulative_loss"):
        assert (np.diff(cs[y]) < 0).all(), y
    assert (np.diff(cs["recovery_rate"]) > 0).all()
    assert (cs["d_ln_hhi_dD"] < 0).all() and (cs["d_ln_recovery_rate_dD"] > 0).all()


def test_simulation_reproduces_closed_forms_for_identical_firms():
    m = SourcingModel()
    d = np.array([0.0, 0.5, 1.0])
    sim = simulate_sourcing(m, d, firms=20000, dispersion=0.0, horizon=3.0, steps=3001).summary
    exact = m.solve_firm(m.kappa(d))
    # impact loss is exactly 1 / n for identical firms; the half-life is ln 2 / lambda up to Monte Carlo error
    np.testing.assert_allclose(sim["impact_loss"], 1.0 / exact["suppliers"])
    np.testing.assert_allclose(sim["half_life"], np.log(2) / exact["recovery_rate"], rtol=0.03)
    lam, horizon = exact["recovery_rate"], 3.0  # loss cumulated up to the horizon: (1 - e^(-lambda T)) / (n lambda)
    np.testing.assert_allclose(sim["cumulative_loss"], (1 - np.exp(-lam * horizon)) / (exact["suppliers"] * lam),
                               rtol=0.03)


def test_simulated_comparative_statics_have_the_derived_signs():
    m = SourcingModel()
    sim = simulate_sourcing(m, np.linspace(0, 1, 11), firms=1000).summary
    for y, sign in (("hhi", -1), ("impact_loss", -1), ("half_life", -1), ("cumulative_loss", -1)):
        rho = stats.spearmanr(sim["digital"], sim[y]).statistic
        assert np.sign(rho) == sign and abs(rho) > 0.9, (y, rho)


def test_simulation_is_reproducible():
    m = SourcingModel()
    a = simulate_sourcing(m, [0.2, 0.8], firms=200, seed=3)
    b = simulate_sourcing(m, [0.2, 0.8], firms=200, seed=3)
    assert a.summary.equals(b.summary) and a.paths.equals(b.paths)


def test_bad_parameters_raise_value_errors():
    with pytest.raises(ValueError, match="theta"):
        SourcingModel(theta=0)
    with pytest.raises(ValueError, match="rho"):
        SourcingModel(rho=-0.1)
    with pytest.raises(ValueError, match="kappa"):
        SourcingModel().recovery_rate(-1.0)
    with pytest.raises(ValueError, match="kappa"):
        SourcingModel().solve_firm([1.0, np.nan])
    with pytest.raises(ValueError, match="firms"):
        simulate_sourcing(SourcingModel(), [0.5], firms=0)
    with pytest.raises(ValueError, match="model"):
        simulate_sourcing("model", [0.5])
