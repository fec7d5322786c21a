"""GEXF 1.3, as Gephi and Gephi Lite open it: attributes, the map's look and places, seasons as spells.

Written by networkx' :class:`~networkx.readwrite.gexf.GEXFWriter` (``version="1.3"``) from the
portable graph (:mod:`verkosto.formats._portable`), with what it gets wrong for 1.3 put right:
the XML Schema instance namespace, the ``z`` of positions, a ``name`` on ``<graph>`` and a
copy of the edge kind as ``networkx_key``.

The map's ``y`` grows downwards (screen pixels); Gephi's and Gephi Lite's grows upwards, so
``y`` is written negated and the picture opens the right way up. vis-network's shapes become
the nearest of GEXF's four: dot → disc, square → square, diamond → diamond, the hexagon of a
cross-cutting network and the star of a tier → triangle.
"""

from __future__ import annotations

import io
from pathlib import Path
from xml.etree.ElementTree import SubElement

import networkx as nx

from ..output import write_atomic

__all__ = ["GEXF_NAMESPACE", "SHAPES", "VIZ_NAMESPACE", "gexf_bytes", "write_gexf"]

GEXF_NAMESPACE = "http://gexf.net/1.3"
VIZ_NAMESPACE = "http://gexf.net/1.3/viz"
XSI_NAMESPACE = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"
#: vis-network shape -> GEXF viz shape (GEXF 1.3 knows disc, square, triangle, diamond, image).
SHAPES = {"dot": "disc", "square": "square", "diamond": "diamond", "hexagon": "triangle", "star": "triangle"}
_VIZ_KEYS = ("x", "y", "color", "shape", "size")


def _rgb(color: str) -> dict:
    color = color.lstrip("#")
    return {"r": int(color[0:2], 16), "g": int(color[2:4], 16), "b": int(color[4:6], 16), "a": 1.0}


def _gexf_graph(P: nx.Graph) -> nx.Graph:
    """A copy of the portable graph shaped as networkx' GEXF writer expects it."""
    G = P.__class__()
    G.graph["name"] = P.graph.get("network", "")
    for node, data in P.nodes(data=True):
        attrs = {k: v for k, v in data.items() if k not in _VIZ_KEYS}
        attrs["viz"] = {
            "color": _rgb(data["color"]),
            "size": data["size"],
            "shape": SHAPES.get(data["shape"], "disc"),
            "position": {"x": data["x"], "y": -data["y"] + 0.0, "z": 0.0},
        }
        G.add_node(node, **attrs)
    G.add_edges_from(P.edges(keys=True, data=True) if P.is_multigraph() else P.edges(data=True))
    return G


def gexf_bytes(P: nx.Graph, *, creator: str = "verkosto", date: str | None = None) -> bytes:
    """The GEXF 1.3 document of a portable graph (:func:`verkosto.formats.portable_graph`).

    Examples
    --------
    >>> P = nx.MultiDiGraph()
    >>> P.add_node("a", label="A", kind="person", x=1.0, y=2.0, color="#88CCEE", shape="dot", size=10.0)
    >>> doc = gexf_bytes(P, date="2025-01-01").decode()
    >>> '<viz:position x="1.0" y="-2.0" z="0.0"' in doc, 'version="1.3"' in doc
    (True, True)
    """
    from .. import __version__

    writer = nx.readwrite.gexf.GEXFWriter(version="1.3")
    root = writer.xml
    root.set("xmlns:xsi", XSI_NAMESPACE)  # networkx writes "http://w3.org/…", which is no namespace
    root.set("xsi:schemaLocation", SCHEMA_LOCATION)
    meta = root.find("meta")
    meta.find("creator").text = f"{creator} {__version__}"
    if date is not None:
        meta.set("lastmodifieddate", date)
    writer.add_graph(_gexf_graph(P))
    # GEXF's <graph> has no "name" (networkx writes one): the network is told in the meta.
    network = writer.graph_element.attrib.pop("name", "")
    if network:
        SubElement(meta, "description").text = network
    _drop_networkx_key(writer.graph_element)
    for attributes in writer.graph_element.findall("attributes"):
        # "static" is the default, and the mode of <attributes> is not in every 1.3 grammar
        # (the RELAX NG one has none): leave it out.
        if attributes.get("mode") == "static":
            del attributes.attrib["mode"]
    if P.is_multigraph():
        # GEXF 1.3's own edge kind (Gephi's edge type in a multigraph); the writer keeps
        # the graph's edge order.
        for edge, (_u, _v, kind) in zip(writer.graph_element.iter("edge"), P.edges(keys=True)):
            edge.set("kind", str(kind))
    stream = io.BytesIO()
    writer.write(stream)
    return stream.getvalue()


def _drop_networkx_key(graph) -> None:
    """networkx writes a multigraph's edge keys as the attribute "networkx_key"; the key is
    the edge's kind, which is its own attribute already, so the copy goes."""
    for attributes in graph.findall("attributes"):
        for attribute in attributes.findall("attribute"):
            if attribute.get("title") == "networkx_key":
                attributes.remove(attribute)
                key = attribute.get("id")
                for values in graph.iter("attvalues"):
                    for value in values.findall("attvalue"):
                        if value.get("for") == key:
                            values.remove(value)


def write_gexf(P: nx.Graph, path: str | Path, *, protect=(), date: str | None = None) -> Path:
    """Write a portable graph as a GEXF 1.3 file (see :func:`gexf_bytes`)."""
    return write_atomic(path, gexf_bytes(P, date=date), protect=protect)
