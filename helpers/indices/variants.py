"""Both indices under every variant side by side (the published comparison of designs)."""

from __future__ import annotations

import pandas as pd

from ..data.checks import check_choice
from ..data.indicators import DTI_VARIANTS
from .composite import METHODS
from .dti import digital_trade_index
from .resilience import RES_VARIANTS, resilience_index, resilience_validation


def index_variants(method: str = "entropy") -> pd.DataFrame:
    """The digital trade index and the resilience index under every variant, by economy and year.

    Parameters
    ----------
    method : {"entropy", "equal", "pca", "critic"}
        Weighting of every column.

    Returns
    -------
    pandas.DataFrame
        ``iso3, wiod, year`` (1995-2022; the resilience index ends in 2011), one column
        ``dti_<variant>`` per DTI variant (``headline``, ``no_fdi_tariff``, ``all``, ``first_version``:
        :data:`helpers.data.indicators.DTI_VARIANTS`, each with its own normalisation base and fill)
        and ``res_<variant>`` per resilience design (``vulnerability``, ``exposure_inclusive``).

    Raises
    ------
    ValueError
        If ``method`` is unknown.
    """
    check_choice(method, METHODS, name="method")
    out = None
    for v in DTI_VARIANTS:
        d = digital_trade_index(method=method, variant=v)[["iso3", "wiod", "year", "dti"]]
        d = d.rename(columns={"dti": f"dti_{v}"})
        out = d if out is None else out.merge(d, on=["iso3", "wiod", "year"], how="outer")
    for v in RES_VARIANTS:
        r = resilience_index(method=method, variant=v)[["iso3", "year", "res"]].rename(columns={"res": f"res_{v}"})
        out = out.merge(r, on=["iso3", "year"], how="left")
    return out.sort_values(["iso3", "year"]).reset_index(drop=True)


def resilience_validation_table(method: str = "entropy") -> pd.DataFrame:
    """The validation of every resilience predictor against the 2009 and the 2020 shocks, in one table.

    Parameters
    ----------
    method : str
        Weighting of the composites.

    Returns
    -------
    pandas.DataFrame
        :func:`helpers.indices.resilience.resilience_validation` for ``shock=2009`` and ``shock=2020``
        stacked (column ``shock``).

    Raises
    ------
    ValueError
        If ``method`` is unknown.
    """
    check_choice(method, METHODS, name="method")
    frames = {v: resilience_index(method=method, variant=v) for v in RES_VARIANTS}
    return pd.concat([resilience_validation(method=method, shock=s, frames=frames) for s in (2009, 2020)],
                     ignore_index=True)
