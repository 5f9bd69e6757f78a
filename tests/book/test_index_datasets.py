"""The new index datasets (variants side by side, resilience validation) are documented column by column."""

from __future__ import annotations

import pytest

from helpers import index_variants, resilience_validation_table
from helpers.book.registry import derived_datasets, index_codebook


@pytest.mark.slow
def test_variant_and_validation_datasets_are_registered_and_documented():
    names = [n for n, _, _ in derived_datasets()]
    assert {"index_variants.csv", "resilience_validation.csv"} <= set(names)
    cb = index_codebook()
    for name, frame in (("index_variants.csv", index_variants()),
                        ("resilience_validation.csv", resilience_validation_table())):
        assert cb.loc[cb["dataset"] == name, "column"].tolist() == list(frame.columns), name
