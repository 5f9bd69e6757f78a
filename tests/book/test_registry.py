"""The registry of published derived datasets and their codebooks."""

from __future__ import annotations

from helpers import digital_trade_index, resilience_index
from helpers.book.pages import derived_markdown
from helpers.book.registry import derived_datasets, index_codebook


def test_registry_names_unique_and_linked_from_the_appendix():
    names = [n for n, _, _ in derived_datasets()]
    assert len(names) == len(set(names))
    md = derived_markdown()
    for n in names:
        assert f"/data/derived/{n}" in md, n
    assert {"gvc_country_industry_year.csv", "gvc_country_year.csv", "digital_trade_index.csv",
            "resilience_index.csv", "panel_country_year.csv"} <= set(names)


def test_index_codebook_documents_every_published_column():
    cb = index_codebook()
    for name, frame in (("digital_trade_index.csv", digital_trade_index()),
                        ("resilience_index.csv", resilience_index())):
        documented = cb.loc[cb["dataset"] == name, "column"].tolist()
        assert documented == list(frame.columns), name
