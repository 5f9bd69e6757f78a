"""Tests of the manufacturing GVC resilience index (helpers.indices.resilience)."""

import numpy as np
import pytest

from helpers import (
    RES_DIRECTIONS,
    RES_STRUCTURE,
    adb_manufacturing_gvc,
    manufacturing_va_exports,
    recent_shock_resilience,
    recent_shock_validation,
    resilience_index,
    resilience_validation,
)


def test_manufacturing_va_exports_accounting_identity():
    d = manufacturing_va_exports(2009)
    assert len(d) == 40
    # v B = 1': domestic + foreign value added exhaust gross manufacturing exports
    np.testing.assert_allclose(d["dva"] + d["fva"], d["exports"], rtol=1e-8)
    for c in ["supplier_hhi", "destination_hhi"]:
        assert d[c].between(0, 1).all()
    assert (d["top_supplier_share"] <= d["fva"] / d["exports"] + 1e-12).all()


def test_directions_cover_structure():
    cols = [c for js in RES_STRUCTURE.values() for c in js]
    assert set(cols) == set(RES_DIRECTIONS)


def test_adb_window_uses_exports_not_domestic_sales():
    d = adb_manufacturing_gvc()
    assert set(d["year"]) == set(range(2017, 2023))
    assert "TWN" in set(d["iso3"]) and "ROU" in set(d["iso3"])
    assert d["gvc_b_share"].between(0, 1).all()
    r = recent_shock_resilience()
    assert r["resistance_exports"].notna().sum() >= 39


@pytest.mark.slow
def test_resilience_index_full():
    r = resilience_index()
    assert not r.duplicated(["iso3", "year"]).any()
    v = r[["security", "stability", "res"]].dropna()
    assert ((v >= 0) & (v <= 1)).all().all()
    val = resilience_validation(index_frame=r)
    assert set(val["n"]) == {40}
    assert val["spearman"].between(-1, 1).all()


@pytest.mark.slow
def test_write_index_datasets(tmp_path):
    import pandas as pd

    from helpers.book.registry import write_index_datasets

    paths = write_index_datasets(tmp_path)
    assert {"digital_trade_index.csv", "resilience_index.csv", "panel_country_year.csv"} <= set(paths)
    dti = pd.read_csv(paths["digital_trade_index.csv"])
    assert {"innovation", "capacity", "infrastructure", "potential", "dti", "dti_entropy", "dti_equal",
            "dti_pca", "dti_critic"} <= set(dti.columns)


def test_recent_shock_validation_table():
    v = recent_shock_validation()
    assert list(v.index) == ["resistance_exports", "recovery_exports", "resistance_gvc", "recovery_gvc"]
    assert v["spearman"].between(-1, 1).all() and v["p"].between(0, 1).all()
    assert (v["n"] >= 39).all()
