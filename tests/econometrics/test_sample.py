"""The estimation sample on the real data: keys, merges against each source, standardisation (slow)."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import (
    DIMENSIONS,
    OUTCOMES,
    WIOD_YEARS,
    country_year_panel,
    digital_trade_index,
    estimation_sample,
    gvc_country_year,
    resilience_index,
    wiod_economies,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample():
    return estimation_sample()


def test_keys_one_row_per_economy_year(sample):
    assert len(sample) == 40 * len(WIOD_YEARS)
    assert not sample.duplicated(["wiod", "year"]).any()
    assert sorted(sample["wiod"].unique()) == sorted(wiod_economies())
    assert set(sample["year"]) == set(WIOD_YEARS)
    rom = sample[sample["wiod"] == "ROM"]
    assert (rom["iso3"] == "ROU").all() and len(rom) == len(WIOD_YEARS)


def test_every_column_is_its_source_value(sample):
    """Each merged column equals its source at the same (economy, year): no row shifted by a merge."""
    s = sample.set_index(["wiod", "year"])
    gvc = gvc_country_year().set_index(["wiod", "year"])
    outcomes = [k for k in OUTCOMES if k in gvc.columns]
    assert outcomes  # the GVC outcomes are in the sample
    np.testing.assert_allclose(s[outcomes], gvc.loc[s.index, outcomes])
    dti = digital_trade_index().set_index(["wiod", "year"])
    np.testing.assert_allclose(s[["dti", *DIMENSIONS]], dti.reindex(s.index)[["dti", *DIMENSIONS]])
    res = resilience_index().set_index(["wiod", "year"])
    np.testing.assert_allclose(s[["res", "security", "stability"]],
                               res.reindex(s.index)[["res", "security", "stability"]])
    panel = country_year_panel().set_index(["wiod", "year"]).reindex(s.index)
    np.testing.assert_allclose(s["ln_gdp_pc"], np.log(panel["gdp_pc_ppp"]))
    np.testing.assert_allclose(s["hc"], panel["hc_pwt"])
    assert s["dti"].isna().groupby("wiod").all().loc["TWN"]  # Taiwan: no index, never imputed


def test_standardised_regressors(sample):
    """``<x>_std = (x - mean) / sd`` with mean and sd over the rows where the *index* ``dti`` is observed.

    For ``dti`` this gives mean 0 and sd 1 over its observed rows. The four dimensions are standardised over
    the same rows (the DTI estimation sample), not over their own observed rows: where a dimension is
    observed but the index is not (another dimension missing), its standardised value is off that scale.
    """
    ok = sample["dti"].notna()
    for col in ["dti", *DIMENSIONS]:
        x, z = sample[col], sample[f"{col}_std"]
        assert z.notna().equals(x.notna())
        assert z[ok].mean() == pytest.approx(0.0, abs=1e-12)
        assert z[ok].std(ddof=1) == pytest.approx(1.0, rel=1e-12)
        np.testing.assert_allclose(z.dropna(), ((x - x[ok].mean()) / x[ok].std()).dropna(), rtol=1e-12)
    assert (sample["innovation"].notna() & ~ok).any()  # such rows exist in the sample


def test_year_window_and_bad_years():
    s = estimation_sample(years=[2000, 2001])
    assert set(s["year"]) == {2000, 2001} and len(s) == 80
    with pytest.raises(ValueError, match="years"):
        estimation_sample(years=[1990])
