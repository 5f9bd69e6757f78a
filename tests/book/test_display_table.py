"""The one display helper of tables: headers from the codebook, precision per column, no index."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers import DisplayTable, column_label, display_table, dti_dimensions, read_fact


def test_column_labels_come_from_the_labels_file():
    lab = read_fact("labels.csv").set_index("name")["label"]
    assert column_label("coef") == lab["coef"]
    assert column_label("not_a_code") == "not_a_code"
    dims = dti_dimensions()
    assert [column_label(c) for c in dims["code"]] == dims["label"].tolist()  # one place for dimension labels


def test_display_table_by_hand():
    df = pd.DataFrame({"coef": [0.04321, -0.0001], "p": [0.0004, 0.2], "nobs": [622.0, 1500.0],
                       "share": [0.1234, np.nan], "wiod": ["DEU", "ROM"]})
    t = display_table(df, pvalues=["p"], percent=["share"], caption="Cap", notes="Note")
    assert isinstance(t, DisplayTable)
    assert list(t.cells.columns) == [column_label(c) for c in df.columns]
    assert t.cells.iloc[:, 0].tolist() == ["0.043", "0.000"]  # 3 decimals, no negative zero
    assert t.cells.iloc[:, 1].tolist() == ["< 0.001", "0.200"]
    assert t.cells.iloc[:, 2].tolist() == ["622", "1,500"]  # whole numbers as integers
    assert t.cells.iloc[:, 3].tolist() == ["12.3%", "–"]
    assert t.cells.iloc[:, 4].tolist() == ["DEU", "ROM"]
    assert t.align == ("right", "right", "right", "right", "left")
    text = t.to_text().splitlines()
    assert text[0] == "Cap" and text[-1] == "Note" and len(text) == 5  # caption, header, two rows, notes
    html = t.to_html()
    assert html.count("<tr>") == 3 and "<caption>Cap</caption>" in html and "<script" not in html
    assert display_table(df).to_html() == display_table(df).to_html()  # same frame, same bytes


def test_display_table_index_and_errors():
    df = pd.DataFrame({"v": [1.5, 2.25]}, index=pd.Index(["a", "b"], name="key"))
    assert list(display_table(df).cells.columns) == [column_label("key"), column_label("v")]
    assert display_table(df, digits={"v": 1}).cells.iloc[:, 1].tolist() == ["1.5", "2.2"]
    with pytest.raises(ValueError, match="pvalues"):
        display_table(df, pvalues=["p"])
    with pytest.raises(ValueError, match="columns"):
        display_table(df, columns=["nope"])
