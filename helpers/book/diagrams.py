"""The causal diagram of the theory chapter, drawn from the hypotheses facts file (never by hand).

Nodes in three layers: the four channels (dimensions of the digital trade index), the organisation
of value chains (length, participation, position, diversified sourcing) and resilience (the
ex-ante security and stability sides, and the resistance and recovery realised in a shock). Every
edge carries the hypotheses that posit it (facts files ``hypotheses.csv`` and ``diagram_nodes.csv``),
so a change of a hypothesis there changes the figure.
"""

from __future__ import annotations

import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd

from ..data.facts import DIMENSIONS, diagram_nodes, hypotheses, palette
from .tables import column_label

LAYERS = ("channel", "structure", "resilience")


def _split(value) -> list[str]:
    return [v for v in str(value).split(";") if v and v != "nan"] if pd.notna(value) else []


def causal_graph(spec: pd.DataFrame | None = None) -> nx.DiGraph:
    """The hypotheses as a directed graph: channels -> value-chain organisation -> resilience.

    Parameters
    ----------
    spec : pandas.DataFrame, optional
        Hypotheses in the layout of :func:`helpers.data.facts.hypotheses` (default: that file).

    Returns
    -------
    networkx.DiGraph
        Nodes carry ``layer`` (``channel``, ``structure``, ``resilience``) and ``label``; edges carry
        ``hypotheses`` (list of ids). A hypothesis with mediators (``via``) adds channel -> mediator
        and mediator -> outcome edges instead of channel -> outcome.

    Raises
    ------
    ValueError
        If a hypothesis names a channel that is not a DTI dimension or an outcome without a node.
    """
    spec = hypotheses() if spec is None else spec
    nodes = diagram_nodes()
    node_of = nodes.groupby("code")["node"].apply(list).to_dict()
    layer_of = dict(zip(nodes["node"], nodes["layer"], strict=False))
    g = nx.DiGraph()
    for d in DIMENSIONS:
        g.add_node(d, layer="channel", label=column_label(d))
    for node, layer in layer_of.items():
        g.add_node(node, layer=layer, label=node)

    def targets(codes, hid):
        out = []
        for c in codes:
            if c not in node_of:
                raise ValueError(f"hypothesis {hid}: outcome {c!r} has no node in diagram_nodes.csv; "
                                 f"known outcomes: {sorted(node_of)}")
            out += [n for n in node_of[c] if n not in out]
        return out

    def add(u, v, hid):
        if g.has_edge(u, v):
            if hid not in g.edges[u, v]["hypotheses"]:
                g.edges[u, v]["hypotheses"].append(hid)
        else:
            g.add_edge(u, v, hypotheses=[hid])

    for h in spec.itertuples():
        chans = _split(h.channels)
        bad = [c for c in chans if c not in DIMENSIONS]
        if bad:
            raise ValueError(f"hypothesis {h.id}: channels {bad} are not DTI dimensions {list(DIMENSIONS)}")
        outs = targets(_split(h.outcomes), h.id)
        via = targets(_split(getattr(h, "via", None)), h.id)
        for c in chans:
            for v in (via or outs):
                add(c, v, h.id)
        for m in via:
            for o in outs:
                add(m, o, h.id)
    return g


def _layout(g: nx.DiGraph, spec: pd.DataFrame) -> tuple[dict, dict]:
    """Positions of the concept nodes and of one marker node per hypothesis (x in 0..4)."""

    def column(members, x, lo, hi):
        return {n: (x, hi - (hi - lo) * (k + 0.5) / len(members)) for k, n in enumerate(members)}

    layer = nx.get_node_attributes(g, "layer")
    chans = [n for n in g if layer[n] == "channel"]
    struct = [n for n in g if layer[n] == "structure"]
    resil = [n for n in g if layer[n] == "resilience"]
    pos = column(chans, 0.0, 0.05, 0.95) | column(struct, 2.0, 0.42, 1.0) | column(resil, 4.0, 0.0, 1.0)
    hpos, lower = {}, []
    for h in spec.itertuples():
        targets = [v for _, v, d in g.edges(data=True) if h.id in d["hypotheses"] and layer[v] == "resilience"]
        via = [u for u, _, d in g.edges(data=True) if h.id in d["hypotheses"] and layer[u] == "structure"]
        if via:
            ys = [pos[n][1] for n in via + targets]
            hpos[h.id] = (3.0, sum(ys) / len(ys))
        elif targets:
            lower.append(h.id)
        else:
            ys = [pos[v][1] for _, v, d in g.edges(data=True) if h.id in d["hypotheses"]]
            hpos[h.id] = (1.0, sum(ys) / len(ys))
    for k, hid in enumerate(lower):
        hpos[hid] = (2.0, 0.32 - 0.3 * (k + 0.5) / len(lower))
    # markers that share a point are spread vertically
    seen: dict[tuple, int] = {}
    for hid, (x, y) in list(hpos.items()):
        key = (x, round(y, 2))
        hpos[hid] = (x, y - 0.06 * seen.get(key, 0))
        seen[key] = seen.get(key, 0) + 1
    return pos, hpos


def causal_diagram(spec: pd.DataFrame | None = None, ax=None):
    """Draw :func:`causal_graph`: concepts as boxes, each hypothesis as a labelled marker.

    Grey lines run from the channels (or mediators) a hypothesis names into its marker; coloured
    arrows run from the marker to the outcomes it predicts.

    Parameters
    ----------
    spec : pandas.DataFrame, optional
        Hypotheses (default: the facts file).
    ax : matplotlib.axes.Axes, optional
        Draw into these axes (default: a new figure).

    Returns
    -------
    matplotlib.figure.Figure
        The figure holding the diagram.
    """
    spec = hypotheses() if spec is None else spec
    g = causal_graph(spec)
    if ax is None:
        fig, ax = plt.subplots(figsize=(10, 6.4))
    else:
        fig = ax.figure
    pos, hpos = _layout(g, spec)
    layer = nx.get_node_attributes(g, "layer")
    colours = palette()
    colour = {h: colours[k % len(colours)] for k, h in enumerate(spec["id"])}
    fill = {"channel": "#E8F1FA", "structure": "#FFF4DC", "resilience": "#E6F4EC"}
    box = {}
    for n, d in g.nodes(data=True):
        label = d["label"].replace(" ", "\n", 1) if len(d["label"]) > 14 else d["label"]
        box[n] = ax.text(*pos[n], label, ha="center", va="center", fontsize=9, zorder=3,
                         bbox=dict(boxstyle="round,pad=0.4", fc=fill[d["layer"]], ec="0.35", lw=0.8))
    for h in spec.itertuples():
        rgb = mcolors.to_rgb(colour[h.id])
        ink = "black" if 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2] > 0.6 else "white"
        marker = ax.text(*hpos[h.id], h.id, ha="center", va="center", fontsize=8.5, fontweight="bold",
                         color=ink, zorder=4, bbox=dict(boxstyle="circle,pad=0.25", fc=colour[h.id], ec="none"))
        edges = [(u, v) for u, v, d in g.edges(data=True) if h.id in d["hypotheses"]]
        has_via = any(layer[u] == "structure" for u, _ in edges)
        sources = sorted({u for u, _ in edges if (layer[u] == "structure") == has_via}, key=lambda n: -pos[n][1])
        targets = sorted({v for u, v in edges if (layer[u] == "structure") == has_via}, key=lambda n: -pos[n][1])
        for u in sources:
            ax.annotate("", xy=(0.5, 0.5), xycoords=marker, xytext=(1.0, 0.5), textcoords=box[u], zorder=1,
                        arrowprops=dict(arrowstyle="-", color="0.6", lw=0.9, shrinkA=0, shrinkB=4))
        for v in targets:
            ax.annotate("", xy=(0.0, 0.5), xycoords=box[v], xytext=(0.5, 0.5), textcoords=marker, zorder=2,
                        arrowprops=dict(arrowstyle="-|>", color=colour[h.id], lw=1.6, shrinkA=6, shrinkB=0))
    for x, title in ((0.0, "Channels\n(digital trade index)"), (2.0, "Organisation\nof GVCs"),
                     (4.0, "Resilience: ex ante (security, stability)\nand in a shock (resistance, recovery)")):
        ax.text(x, 1.08, title, ha="center", va="bottom", fontsize=9.5, fontweight="bold")
    handles = [plt.Line2D([], [], color=colour[h], lw=2.2, label=f"{h}: {lab}")
               for h, lab in zip(spec["id"], spec["label"], strict=True)]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncols=4, frameon=False, fontsize=8.5)
    ax.set_xlim(-0.55, 4.75)
    ax.set_ylim(-0.06, 1.18)
    ax.axis("off")
    fig.tight_layout()
    return fig
