"""Direct trade accounting on a toy table with answers worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import WIOT, country_trade_summary, trade_summary_panel

# Two countries A, B; industries c1 (not manufacturing) and c3 (manufacturing); one final use.
Z = np.array(
    [  # to A.c1, A.c3, B.c1, B.c3
        [1.0, 2.0, 0.0, 4.0],  # A.c1
        [0.0, 3.0, 1.0, 2.0],  # A.c3
        [5.0, 6.0, 1.0, 1.0],  # B.c1
        [0.0, 4.0, 0.0, 2.0],  # B.c3
    ]
)
F = np.array([[10.0, 3.0], [5.0, 7.0], [2.0, 20.0], [1.0, 9.0]])  # final demand in A, in B
x = Z.sum(axis=1) + F.sum(axis=1)


@pytest.fixture
def toy():
    return WIOT(2000, ("A", "B"), ("c1", "c3"), Z, F, x, ("FD",), source="toy")


def test_toy_answers(toy):
    s = country_trade_summary(toy).set_index("country")
    # A exports: intermediates 0+4+1+2 = 7, final 3+7 = 10
    assert s.loc["A", "exports_intermediate"] == 7 and s.loc["A", "exports_final"] == 10
    assert s.loc["A", "exports_manuf"] == 1 + 2 + 7
    # inputs into A's manufacturing (column A.c3): from A 2+3, from B 6+4 -> foreign share 10/15
    assert s.loc["A", "foreign_input_share_manuf"] == pytest.approx(10 / 15)
    assert s.loc["A", "supplier_hhi_manuf"] == pytest.approx(1.0)  # one foreign supplier
    assert s.loc["A", "top_supplier"] == "B"
    # B.c3 column: from A 4+2 = 6, from B 1+2 = 3
    assert s.loc["B", "foreign_input_share_manuf"] == pytest.approx(6 / 9)
    # no c27/c30 in the toy: digital inputs zero
    assert s["digital_inputs_manuf"].eq(0).all()
    assert s["va"].sum() == pytest.approx(x.sum() - Z.sum())


def _imports_by_country(t: WIOT) -> np.ndarray:
    """Imports of each country from the columns of the table: foreign rows into its Z columns and Y column."""
    c = np.repeat(np.arange(t.G), t.N)
    zin = np.bincount(c, weights=(t.Z * (c[:, None] != c[None, :])).sum(axis=0), minlength=t.G)
    yin = (t.Y * (c[:, None] != np.arange(t.G)[None, :])).sum(axis=0)
    return zin + yin


def test_toy_imports(toy):
    # A imports: from B into A's columns 5+6+0+4 = 15, final goods 2+1 = 3; B imports 4+1+2 + 3+7 = 17 = A's exports
    m = _imports_by_country(toy)
    assert m.tolist() == [18.0, 17.0]
    s = country_trade_summary(toy).set_index("country")
    assert s["exports"].sum() == m.sum()


def test_world_exports_equal_world_imports_real_table():
    """2011: the summary's exports (row blocks) summed over the world equal imports read from the columns."""
    from helpers import load_wiot

    t = load_wiot(2011)
    s = trade_summary_panel([2011])
    imports = _imports_by_country(t)
    assert s["exports"].sum() == pytest.approx(imports.sum(), rel=1e-12)
    assert not np.allclose(s["exports"].to_numpy(), imports)  # bilateral balances differ, only the world nets out
    # imported inputs of manufacturing, also from the columns (foreign rows into c3-c16 columns)
    c = np.repeat(np.arange(t.G), t.N)
    manuf = np.tile(np.isin(np.array(t.industries), [f"c{k}" for k in range(3, 17)]), t.G)
    foreign_in = (t.Z * (c[:, None] != c[None, :]))[:, manuf].sum(axis=0)
    np.testing.assert_allclose(s["imported_inputs_manuf"], np.bincount(c[manuf], weights=foreign_in), rtol=1e-12)
    assert (s["exports"] >= 0).all()


def test_bad_years():
    with pytest.raises(ValueError, match="1990"):
        trade_summary_panel([1990, 1995])


def test_wiot_rejects_bad_shapes():
    with pytest.raises(ValueError, match="Z has shape"):
        WIOT(2000, ("A", "B"), ("c1", "c3"), Z[:3, :3], F, x)
    with pytest.raises(ValueError, match="NaN"):
        WIOT(2000, ("A", "B"), ("c1", "c3"), Z * np.nan, F, x)


def test_industry_trade_toy_answers(toy):
    from helpers import industry_trade

    t = industry_trade(toy, "c3").set_index(["exporter", "importer"])
    # A.c3 sells to B: intermediates 1 + 2 = 3, final 7; B.c3 sells to A: intermediates 0 + 4 = 4, final 1
    assert t.loc[("A", "B"), ["intermediate", "final", "total"]].tolist() == [3.0, 7.0, 10.0]
    assert t.loc[("B", "A"), ["intermediate", "final", "total"]].tolist() == [4.0, 1.0, 5.0]
    assert len(t) == 2  # no domestic pairs
    with pytest.raises(ValueError, match="industry"):
        industry_trade(toy, "c99")


def test_industry_trade_adds_up_to_country_exports():
    from helpers import industry_trade, load_wiot

    t = load_wiot(2011)
    total = sum(industry_trade(t, i).groupby("exporter")["total"].sum() for i in t.industries)
    s = country_trade_summary(t).set_index("country")["exports"]
    np.testing.assert_allclose(total.reindex(s.index), s, rtol=1e-12)


def test_industry_trade_panel_shares():
    from helpers import industry_trade_panel

    p = industry_trade_panel("c14", [2008, 2009])
    assert np.allclose(p.groupby("year")["export_share"].sum(), 1.0)
    assert np.allclose(p.groupby("year")["output_share"].sum(), 1.0)
    assert (p["exports_intermediate"] <= p["exports"]).all()
    with pytest.raises(ValueError, match="industry"):
        industry_trade_panel("c36", [2008])
