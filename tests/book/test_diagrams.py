"""The causal diagram is drawn from the hypotheses facts file."""

import matplotlib
import pytest

from helpers import DIMENSIONS, causal_diagram, causal_graph, hypotheses

matplotlib.use("Agg")


def test_graph_follows_the_facts_file():
    g = causal_graph()
    hyp = hypotheses()
    for h in hyp.itertuples():
        tagged = [e for e in g.edges(data=True) if h.id in e[2]["hypotheses"]]
        assert tagged, h.id
        for c in h.channels.split(";"):
            assert any(u == c for u, _, _ in tagged), (h.id, c)
    # the mechanism hypothesis runs through its mediators
    assert "H4" in g.edges["GVC length", "Security"]["hypotheses"]
    direct = g.get_edge_data("infrastructure", "Security", default={"hypotheses": []})["hypotheses"]
    assert "H4" not in direct
    assert {n for n, d in g.nodes(data=True) if d["layer"] == "channel"} == set(DIMENSIONS)


def test_changing_the_spec_changes_the_graph():
    spec = hypotheses()
    spec.loc[spec["id"] == "H1", "channels"] = "innovation"
    g = causal_graph(spec)
    assert "H1" in g.edges["innovation", "GVC length"]["hypotheses"]
    assert "H1" not in g.get_edge_data("infrastructure", "GVC length", default={"hypotheses": []})["hypotheses"]


def test_bad_spec_raises():
    spec = hypotheses()
    spec.loc[0, "channels"] = "telepathy"
    with pytest.raises(ValueError, match="not DTI dimensions"):
        causal_graph(spec)
    spec = hypotheses()
    spec.loc[0, "outcomes"] = "happiness"
    with pytest.raises(ValueError, match="no node"):
        causal_graph(spec)


def test_diagram_draws_one_marker_per_hypothesis():
    fig = causal_diagram()
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert set(hypotheses()["id"]) <= texts
