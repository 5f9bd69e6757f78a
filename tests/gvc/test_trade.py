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


def test_world_exports_equal_world_imports_real_table():
    s = trade_summary_panel([2011])
    assert (s["exports"] >= 0).all()
    assert s["foreign_input_share_manuf"].between(0, 1).all()
    assert s["supplier_hhi_manuf"].between(0, 1).all()


def test_bad_years():
    with pytest.raises(ValueError, match="1990"):
        trade_summary_panel([1990, 1995])


def test_wiot_rejects_bad_shapes():
    with pytest.raises(ValueError, match="Z has shape"):
        WIOT(2000, ("A", "B"), ("c1", "c3"), Z[:3, :3], F, x)
    with pytest.raises(ValueError, match="NaN"):
        WIOT(2000, ("A", "B"), ("c1", "c3"), Z * np.nan, F, x)
