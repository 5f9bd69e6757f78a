"""A small model of sourcing and re-routing: digital trade lowers the cost of finding and switching suppliers.

The theory chapter states it in words and equations; this module holds its closed forms, a
numerical solution of the firm's problem that does not use them, and a simulation of economies of
heterogeneous firms. Pure NumPy/SciPy.

Setup (continuous time, one input, supply normalised to 1). A firm buys the input from ``n``
suppliers in equal shares. Disruption *events* arrive at rate ``pi``; each knocks out one supplier
(a plant fire, a lockdown in one economy), so a share ``1/n`` of supply goes missing. Missing supply
costs ``theta`` per unit share and unit of time. The firm re-routes: searching at intensity
``lambda`` (the rate at which missing supply is replaced) costs ``kappa lambda^2 / 2`` per unit of
missing share and time. Keeping a supplier relationship costs ``phi kappa`` per supplier and unit
of time. ``kappa`` is the cost of finding and switching suppliers; digital trade lowers it,
``kappa(D) = kappa_0 exp(-beta D)`` for a digital trade index ``D`` in [0, 1]. ``rho`` discounts.

Re-routing. With missing share ``m`` the Bellman equation ``rho V(m) = min_lambda [theta m +
kappa lambda^2 m / 2 - lambda m V'(m)]`` has the linear solution ``V = v m`` with
``lambda* = v / kappa`` and ``v^2 / (2 kappa) + rho v - theta = 0``, so

    lambda*(kappa) = sqrt(rho^2 + 2 theta / kappa) - rho,      v(kappa) = kappa lambda*(kappa).

Sourcing. The firm chooses ``n`` to minimise ``phi kappa n + pi v(kappa) / n``:

    n*(kappa) = sqrt(pi v / (phi kappa)) = sqrt(pi lambda* / phi)   (at least 1).

Outcomes: supplier concentration ``HHI = 1/n*``; loss on impact of an event ``L0 = 1/n*`` (share of
supply lost); recovery: the missing share decays as ``L0 exp(-lambda* t)``, half-life
``ln 2 / lambda*``; cumulative loss per event ``L0 / lambda*``.

Comparative statics (``S = sqrt(rho^2 + 2 theta / kappa)``, elasticities with respect to kappa):

    e(lambda*) = -(1 + rho / S) / 2  in [-1, -1/2)     (recovery faster when kappa is low)
    e(n*)      = e(lambda*) / 2                        (more suppliers when kappa is low)
    e(HHI) = e(L0) = -e(lambda*) / 2 in (1/4, 1/2]     (less concentrated, smaller impact)
    e(half-life) = -e(lambda*);  e(L0 / lambda*) = -3 e(lambda*) / 2

and ``d ln y / dD = -beta e(y)``: more digital trade means lower concentration, a smaller loss on
impact and a faster recovery. With ``kappa -> infinity`` the firm never re-routes
(``lambda* -> 0``): the fixed-coefficient input-output model of :mod:`helpers.gvc.shocks` is the
limit of this model with no substitution.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


def _positive(name: str, value, *, zero_ok: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(f"{name}={value!r}: give a number")
    v = float(value)
    if not np.isfinite(v) or (v < 0 if zero_ok else v <= 0):
        raise ValueError(f"{name}={value!r}: must be {'non-negative' if zero_ok else 'positive'} and finite")
    return v


@dataclass(frozen=True)
class SourcingModel:
    """Parameters and closed-form solution of the sourcing and re-routing model (module docstring).

    Parameters
    ----------
    theta : float
        Flow cost of a unit share of missing supply (per year).
    rho : float
        Discount rate (per year, >= 0).
    pi : float
        Rate of disruption events (per year); each knocks out one supplier.
    phi : float
        Cost of keeping a supplier relationship, per unit of ``kappa`` and year.
    kappa0 : float
        Search-and-switching cost without digital trade (``D = 0``).
    beta : float
        Semi-elasticity of the cost to digital trade, ``kappa(D) = kappa0 exp(-beta D)`` (>= 0).

    Raises
    ------
    ValueError
        If a parameter is not a finite positive number (``rho`` and ``beta`` may be zero).
    """

    theta: float = 1.0
    rho: float = 0.05
    pi: float = 0.5
    phi: float = 0.12
    kappa0: float = 2.0
    beta: float = 3.7

    def __post_init__(self):
        for name in ("theta", "pi", "phi", "kappa0"):
            object.__setattr__(self, name, _positive(name, getattr(self, name)))
        for name in ("rho", "beta"):
            object.__setattr__(self, name, _positive(name, getattr(self, name), zero_ok=True))

    # -- mapping from digital trade to the cost ------------------------------------------------
    def kappa(self, digital) -> np.ndarray:
        """Search-and-switching cost ``kappa0 exp(-beta D)`` at digital trade ``D``.

        Parameters
        ----------
        digital : float or array_like
            Digital trade index values (the book's index is in [0, 1]).

        Returns
        -------
        numpy.ndarray
            The cost at each value of ``digital``.
        """
        return self.kappa0 * np.exp(-self.beta * np.asarray(digital, dtype=float))

    # -- closed forms --------------------------------------------------------------------------
    def _S(self, kappa):
        kappa = np.asarray(kappa, dtype=float)
        if np.any(~np.isfinite(kappa)) or np.any(kappa <= 0):
            raise ValueError(f"kappa={kappa!r}: the cost must be positive and finite")
        return np.sqrt(self.rho**2 + 2.0 * self.theta / kappa)

    def recovery_rate(self, kappa) -> np.ndarray:
        """Optimal re-routing rate ``lambda* = sqrt(rho^2 + 2 theta / kappa) - rho`` (per year).

        Parameters
        ----------
        kappa : float or array_like
            Positive costs.

        Returns
        -------
        numpy.ndarray
            ``lambda*`` at each cost.
        """
        return self._S(kappa) - self.rho

    def suppliers(self, kappa) -> np.ndarray:
        """Optimal number of suppliers (continuous), ``n* = max(1, sqrt(pi lambda* / phi))``.

        Parameters
        ----------
        kappa : float or array_like
            Positive costs.

        Returns
        -------
        numpy.ndarray
            ``n*`` at each cost.
        """
        return np.maximum(1.0, np.sqrt(self.pi * self.recovery_rate(kappa) / self.phi))

    def outcomes(self, kappa) -> pd.DataFrame:
        """Closed-form outcomes at each cost.

        Parameters
        ----------
        kappa : float or array_like
            Positive costs.

        Returns
        -------
        pandas.DataFrame
            ``kappa``, ``recovery_rate`` (lambda*), ``suppliers`` (n*), ``hhi`` (= 1/n*),
            ``impact_loss`` (= 1/n*, share of supply lost when one supplier fails), ``half_life``
            (years, ``ln 2 / lambda*``) and ``cumulative_loss`` (share-years per event,
            ``L0 / lambda*``).
        """
        k = np.atleast_1d(np.asarray(kappa, dtype=float))
        lam = self.recovery_rate(k)
        n = self.suppliers(k)
        return pd.DataFrame({"kappa": k, "recovery_rate": lam, "suppliers": n, "hhi": 1.0 / n,
                             "impact_loss": 1.0 / n, "half_life": np.log(2.0) / lam,
                             "cumulative_loss": 1.0 / (n * lam)})

    def elasticities(self, kappa) -> pd.DataFrame:
        """Analytic elasticities of the outcomes with respect to ``kappa`` (interior ``n* > 1``).

        Parameters
        ----------
        kappa : float or array_like
            Positive costs.

        Returns
        -------
        pandas.DataFrame
            ``kappa`` and ``e_recovery_rate = -(1 + rho/S)/2``, ``e_suppliers``, ``e_hhi``,
            ``e_impact_loss``, ``e_half_life``, ``e_cumulative_loss``; multiply by ``-beta`` for the
            semi-elasticity with respect to digital trade ``D``.
        """
        k = np.atleast_1d(np.asarray(kappa, dtype=float))
        e_lam = -(1.0 + self.rho / self._S(k)) / 2.0
        return pd.DataFrame({"kappa": k, "e_recovery_rate": e_lam, "e_suppliers": e_lam / 2,
                             "e_hhi": -e_lam / 2, "e_impact_loss": -e_lam / 2, "e_half_life": -e_lam,
                             "e_cumulative_loss": -1.5 * e_lam})

    def comparative_statics(self, digital) -> pd.DataFrame:
        """Closed-form outcomes and their semi-elasticities along a grid of digital trade values.

        Parameters
        ----------
        digital : array_like
            Digital trade index values.

        Returns
        -------
        pandas.DataFrame
            ``digital`` and the columns of :meth:`outcomes`, plus ``d_ln_<outcome>_dD`` for
            ``hhi``, ``impact_loss``, ``half_life`` and ``recovery_rate``.
        """
        d = np.atleast_1d(np.asarray(digital, dtype=float))
        k = self.kappa(d)
        out = self.outcomes(k)
        el = self.elasticities(k)
        out.insert(0, "digital", d)
        for y in ("hhi", "impact_loss", "half_life", "recovery_rate"):
            out[f"d_ln_{y}_dD"] = -self.beta * el[f"e_{y}"].to_numpy()
        return out

    # -- numerical solution (does not use the closed forms) ------------------------------------
    def solve_firm(self, kappa, n_max: int = 500, iterations: int = 200) -> pd.DataFrame:
        """Solve the firm's problem numerically at each cost: minimised re-routing cost, integer suppliers.

        The present cost of a unit of missing share under a constant rate ``lambda`` is
        ``J(lambda) = (theta + kappa lambda^2 / 2) / (rho + lambda)``; it is minimised by a
        golden-section search (vectorised over costs), and the integer ``n`` minimises
        ``phi kappa n + pi J* / n`` over ``1..n_max``. The closed forms are not used.

        Parameters
        ----------
        kappa : float or array_like
            Positive costs.
        n_max : int
            Largest number of suppliers considered.
        iterations : int
            Golden-section iterations (200 shrink the bracket by a factor of about 1e-42).

        Returns
        -------
        pandas.DataFrame
            ``kappa``, ``recovery_rate``, ``unit_cost`` (``J*``) and ``suppliers`` (integer).

        Raises
        ------
        ValueError
            For a non-positive or non-finite ``kappa`` or ``n_max < 1``.
        """
        k = np.atleast_1d(np.asarray(kappa, dtype=float))
        if np.any(~np.isfinite(k)) or np.any(k <= 0):
            raise ValueError(f"kappa={kappa!r}: the cost must be positive and finite")
        if int(n_max) < 1:
            raise ValueError(f"n_max={n_max!r}: must be at least 1")

        def J(lam):
            return (self.theta + k * lam**2 / 2.0) / (self.rho + lam)

        lo = np.zeros_like(k)
        hi = 10.0 * np.sqrt(2.0 * self.theta / k) + 10.0 * self.rho + 1.0
        g = (np.sqrt(5.0) - 1.0) / 2.0
        a, b = lo + (1 - g) * (hi - lo), lo + g * (hi - lo)
        fa, fb = J(a), J(b)
        for _ in range(int(iterations)):
            left = fa < fb  # minimum in [lo, b]
            hi = np.where(left, b, hi)
            lo = np.where(left, lo, a)
            a_new = np.where(left, lo + (1 - g) * (hi - lo), b)
            b_new = np.where(left, a, lo + g * (hi - lo))
            a, b = a_new, b_new
            fa, fb = J(a), J(b)
        lam = (lo + hi) / 2.0
        cost = J(lam)
        n = np.arange(1, int(n_max) + 1, dtype=float)
        total = self.phi * k[:, None] * n[None, :] + self.pi * cost[:, None] / n[None, :]
        return pd.DataFrame({"kappa": k, "recovery_rate": lam, "unit_cost": cost,
                             "suppliers": n[np.argmin(total, axis=1)].astype(int)})


@dataclass(frozen=True)
class SourcingSimulation:
    """Result of :func:`simulate_sourcing`.

    Parameters
    ----------
    summary : pandas.DataFrame
        One row per simulated economy: ``digital``, ``kappa`` (geometric mean over firms),
        ``hhi`` (mean supplier HHI), ``impact_loss`` (share of the economy's input supply lost on
        impact), ``half_life`` (years until half the loss is recovered, read off the simulated
        path), ``cumulative_loss`` (share-years lost over the horizon).
    paths : pandas.DataFrame
        ``digital``, ``t`` (years after the shock), ``supply`` (share of pre-shock supply).
    """

    summary: pd.DataFrame
    paths: pd.DataFrame


def simulate_sourcing(model: SourcingModel, digital, *, firms: int = 2000, dispersion: float = 0.5,
                      horizon: float = 3.0, steps: int = 601, seed: int = 20110311) -> SourcingSimulation:
    """Simulate economies of heterogeneous firms hit by the failure of one supplier each.

    For each economy with digital trade ``D``, ``firms`` firms draw costs
    ``kappa_f = kappa(D) exp(dispersion z_f)``, ``z_f ~ N(0, 1)``; each solves its problem
    numerically (:meth:`SourcingModel.solve_firm`: integer suppliers, minimised re-routing cost),
    then loses one supplier at ``t = 0`` and replaces it after an exponential time with its rate.
    The economy's supply path, ``1 - mean_f(1{T_f > t} / n_f)``, gives the measured loss on
    impact, half-life and cumulative loss; none uses the closed forms.

    Parameters
    ----------
    model : SourcingModel
        Parameters of the model.
    digital : array_like
        Digital trade index of each simulated economy.
    firms : int
        Firms per economy.
    dispersion : float
        Standard deviation of log costs across firms within an economy (>= 0).
    horizon : float
        Years simulated after the shock.
    steps : int
        Points of the time grid.
    seed : int
        Seed of the random generator (results are reproducible).

    Returns
    -------
    SourcingSimulation
        Per-economy measured outcomes and the supply paths.

    Raises
    ------
    ValueError
        For non-positive ``firms``, ``horizon`` or ``steps < 2``, or a negative ``dispersion``.
    """
    if not isinstance(model, SourcingModel):
        raise ValueError(f"model={model!r}: give a SourcingModel")
    if int(firms) < 1 or int(steps) < 2:
        raise ValueError(f"firms={firms!r}, steps={steps!r}: need firms >= 1 and steps >= 2")
    horizon = _positive("horizon", horizon)
    dispersion = _positive("dispersion", dispersion, zero_ok=True)
    rng = np.random.default_rng(seed)
    t = np.linspace(0.0, horizon, int(steps))
    dgrid = np.atleast_1d(np.asarray(digital, dtype=float))
    rows, paths = [], []
    for d in dgrid:
        kap = model.kappa(d) * np.exp(dispersion * rng.standard_normal(int(firms)))
        sol = model.solve_firm(kap)
        lam = sol["recovery_rate"].to_numpy()
        n = sol["suppliers"].to_numpy(dtype=float)
        T = rng.exponential(1.0 / lam)
        missing = ((T[None, :] > t[:, None]) / n[None, :]).mean(axis=1)
        impact = float(missing[0])
        below = np.flatnonzero(missing <= impact / 2.0)
        half = float(t[below[0]]) if below.size else np.nan
        cum = float(np.sum((missing[1:] + missing[:-1]) / 2.0 * np.diff(t)))
        rows.append({"digital": float(d), "kappa": float(np.exp(np.log(kap).mean())), "hhi": float(np.mean(1.0 / n)),
                     "impact_loss": impact, "half_life": half, "cumulative_loss": cum})
        paths.append(pd.DataFrame({"digital": float(d), "t": t, "supply": 1.0 - missing}))
    return SourcingSimulation(pd.DataFrame(rows), pd.concat(paths, ignore_index=True))
