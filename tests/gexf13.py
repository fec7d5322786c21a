"""A structural check of GEXF 1.3 documents, written by hand from the GEXF 1.3 specification.

The official XML Schema (gexf.xsd, viz.xsd, dynamics.xsd …) is published on gexf.net, which
this project cannot reach, and no PyPI, npm or Debian package found ships it (gexfpy,
pygexf, simplegexf, gephipy, graphistry, graphology-gexf and gexf were looked into). So this
module checks what the schema says about the parts verkosto writes: the namespaces and
version, the order of ``meta`` and ``graph``, the graph's enumerated attributes, attribute
declarations and their types, that every ``attvalue`` refers to a declared attribute of its
class and its value parses as that type, ids unique, edge ends declared, ``viz`` elements and
their ranges, and spells in the graph's time format. Anything else found is a problem too:
unknown elements or attributes are reported, so the check fails closed.

The rules were cross-checked against the official GEXF 1.3 grammar in RELAX NG (gexf.rng and
dynamics.rng of the gexf repository; the 1.3 XSD there leaves node-content and viz.xsd
undefined, so it does not compile): verkosto's output, with the ``viz`` elements and the
XSD-only ``xsi:schemaLocation`` set aside, validated with lxml. Those files are not vendored
here because no package registry ships them.
"""

from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree as ET

GEXF = "{http://gexf.net/1.3}"
VIZ = "{http://gexf.net/1.3/viz}"
XSI = "{http://www.w3.org/2001/XMLSchema-instance}"

ATTRIBUTE_TYPES = {
    "integer", "long", "double", "float", "boolean", "string", "liststring", "anyURI",
    "listinteger", "listlong", "listfloat", "listdouble", "listboolean", "listbyte", "listshort",
    "listchar", "listbigdecimal", "listbiginteger", "byte", "short", "char", "bigdecimal", "biginteger",
}
GRAPH_ATTRIBUTES = {
    "defaultedgetype": {"directed", "undirected", "mutual"},
    "idtype": {"integer", "string"},
    "mode": {"static", "dynamic"},
    "timeformat": {"integer", "double", "date", "dateTime"},
    "timerepresentation": {"interval", "timestamp"},
}
NODE_SHAPES = {"disc", "square", "triangle", "diamond", "image"}
NODE_CHILDREN = {GEXF + "attvalues", GEXF + "spells", GEXF + "nodes", GEXF + "edges", GEXF + "parents",
                 VIZ + "color", VIZ + "position", VIZ + "size", VIZ + "shape"}
EDGE_CHILDREN = {GEXF + "attvalues", GEXF + "spells", VIZ + "color", VIZ + "thickness", VIZ + "shape"}


def _float(text) -> bool:
    try:
        float(text)
        return True
    except (TypeError, ValueError):
        return False


def _integer(text) -> bool:
    try:
        int(text)
        return True
    except (TypeError, ValueError):
        return False


_PARSES = {
    "integer": _integer, "long": _integer, "short": _integer, "byte": _integer, "biginteger": _integer,
    "double": _float, "float": _float, "bigdecimal": _float,
    "boolean": lambda t: t in ("true", "false", "1", "0"),
}


def _time(value: str, timeformat: str) -> bool:
    try:
        if timeformat == "date":
            dt.date.fromisoformat(value)
        elif timeformat == "dateTime":
            dt.datetime.fromisoformat(value)
        elif timeformat == "integer":
            int(value)
        else:
            float(value)
        return True
    except (TypeError, ValueError):
        return False


def check_gexf13(document: bytes) -> list[str]:
    """Every departure from GEXF 1.3 found in *document*; an empty list when there is none."""
    problems: list[str] = []
    root = ET.fromstring(document)
    if root.tag != GEXF + "gexf":
        return [f"root element is {root.tag}, not gexf in the GEXF 1.3 namespace"]
    if root.get("version") != "1.3":
        problems.append(f"version is {root.get('version')!r}, not '1.3'")
    for name in root.attrib:
        if name not in ("version", "variant", XSI + "schemaLocation"):
            problems.append(f"gexf has an unknown attribute {name}")
    children = [c.tag for c in root]
    if children not in ([GEXF + "graph"], [GEXF + "meta", GEXF + "graph"]):
        problems.append(f"gexf holds {children}, not an optional meta then one graph")
    meta = root.find(GEXF + "meta")
    if meta is not None:
        if meta.get("lastmodifieddate") is not None and not _time(meta.get("lastmodifieddate"), "date"):
            problems.append("meta lastmodifieddate is not a date")
        for child in meta:
            if child.tag not in (GEXF + "creator", GEXF + "keywords", GEXF + "description"):
                problems.append(f"meta holds {child.tag}")
    graph = root.find(GEXF + "graph")
    if graph is None:
        return problems
    for name, value in graph.attrib.items():
        if name in GRAPH_ATTRIBUTES:
            if value not in GRAPH_ATTRIBUTES[name]:
                problems.append(f"graph {name}={value!r} is not one of {sorted(GRAPH_ATTRIBUTES[name])}")
        elif name not in ("start", "end", "startopen", "endopen", "timezone"):
            problems.append(f"graph has an unknown attribute {name}")
    timeformat = graph.get("timeformat", "double")
    declared = {"node": {}, "edge": {}}
    order = [c.tag for c in graph]
    for i, tag in enumerate(order):
        if tag == GEXF + "attributes" and any(t != GEXF + "attributes" for t in order[:i]):
            problems.append("attributes come after nodes or edges")
        elif tag not in (GEXF + "attributes", GEXF + "nodes", GEXF + "edges"):
            problems.append(f"graph holds {tag}")
    for attributes in graph.findall(GEXF + "attributes"):
        cls = attributes.get("class")
        if cls not in declared:
            problems.append(f"attributes class={cls!r}")
            continue
        if attributes.get("mode", "static") not in ("static", "dynamic"):
            problems.append(f"attributes mode={attributes.get('mode')!r}")
        for attribute in attributes:
            if attribute.tag != GEXF + "attribute":
                problems.append(f"attributes holds {attribute.tag}")
                continue
            if attribute.get("id") is None or attribute.get("title") is None:
                problems.append("an attribute lacks its id or title")
            if attribute.get("type") not in ATTRIBUTE_TYPES:
                problems.append(f"attribute {attribute.get('title')!r} has type {attribute.get('type')!r}")
            if attribute.get("id") in declared[cls]:
                problems.append(f"attribute id {attribute.get('id')} declared twice for {cls}")
            declared[cls][attribute.get("id")] = attribute.get("type")

    def check_attvalues(element, cls, where):
        for attvalues in element.findall(GEXF + "attvalues"):
            for attvalue in attvalues:
                key, value = attvalue.get("for"), attvalue.get("value")
                if key not in declared[cls]:
                    problems.append(f"{where}: attvalue for undeclared attribute {key!r}")
                elif value is None:
                    problems.append(f"{where}: attvalue without a value")
                elif declared[cls][key] in _PARSES and not _PARSES[declared[cls][key]](value):
                    problems.append(f"{where}: {value!r} is not a {declared[cls][key]}")

    def check_spells(element, where):
        for spells in element.findall(GEXF + "spells"):
            for spell in spells:
                if spell.tag != GEXF + "spell":
                    problems.append(f"{where}: spells holds {spell.tag}")
                for end in ("start", "end"):
                    if spell.get(end) is not None and not _time(spell.get(end), timeformat):
                        problems.append(f"{where}: spell {end} {spell.get(end)!r} is not a {timeformat}")
                if spells is not None and graph.get("mode") != "dynamic":
                    problems.append(f"{where}: spells in a static graph")

    def check_color(element, where):
        for color in element.findall(VIZ + "color"):
            for channel in ("r", "g", "b"):
                value = color.get(channel)
                if not _integer(value) or not 0 <= int(value) <= 255:
                    problems.append(f"{where}: viz:color {channel}={value!r}")
            if color.get("a") is not None and not (_float(color.get("a")) and 0 <= float(color.get("a")) <= 1):
                problems.append(f"{where}: viz:color a={color.get('a')!r}")

    node_ids = set()
    nodes = graph.find(GEXF + "nodes")
    for node in nodes if nodes is not None else ():
        where = f"node {node.get('id')!r}"
        if node.tag != GEXF + "node":
            problems.append(f"nodes holds {node.tag}")
            continue
        if node.get("id") in node_ids or node.get("id") is None:
            problems.append(f"{where}: id missing or not unique")
        node_ids.add(node.get("id"))
        for name in node.attrib:
            if name not in ("id", "label", "pid", "start", "end", "startopen", "endopen"):
                problems.append(f"{where}: unknown attribute {name}")
        for child in node:
            if child.tag not in NODE_CHILDREN:
                problems.append(f"{where}: holds {child.tag}")
        check_attvalues(node, "node", where)
        check_spells(node, where)
        check_color(node, where)
        for position in node.findall(VIZ + "position"):
            for axis in ("x", "y", "z"):
                if position.get(axis) is not None and not _float(position.get(axis)):
                    problems.append(f"{where}: viz:position {axis}={position.get(axis)!r}")
            if position.get("x") is None or position.get("y") is None:
                problems.append(f"{where}: viz:position without x or y")
        for size in node.findall(VIZ + "size"):
            if not _float(size.get("value")) or float(size.get("value")) < 0:
                problems.append(f"{where}: viz:size {size.get('value')!r}")
        for shape in node.findall(VIZ + "shape"):
            if shape.get("value") not in NODE_SHAPES:
                problems.append(f"{where}: viz:shape {shape.get('value')!r}")
    edge_ids = set()
    edges = graph.find(GEXF + "edges")
    for edge in edges if edges is not None else ():
        where = f"edge {edge.get('id')!r}"
        if edge.tag != GEXF + "edge":
            problems.append(f"edges holds {edge.tag}")
            continue
        if edge.get("id") is None or edge.get("id") in edge_ids:
            problems.append(f"{where}: id missing or not unique")
        edge_ids.add(edge.get("id"))
        for end in ("source", "target"):
            if edge.get(end) not in node_ids:
                problems.append(f"{where}: {end} {edge.get(end)!r} is no node")
        for name, value in edge.attrib.items():
            if name == "type" and value not in ("directed", "undirected", "mutual"):
                problems.append(f"{where}: type={value!r}")
            elif name == "weight" and not _float(value):
                problems.append(f"{where}: weight={value!r}")
            elif name not in ("id", "source", "target", "type", "weight", "label", "kind", "start", "end",
                              "startopen", "endopen"):
                problems.append(f"{where}: unknown attribute {name}")
        for child in edge:
            if child.tag not in EDGE_CHILDREN:
                problems.append(f"{where}: holds {child.tag}")
        check_attvalues(edge, "edge", where)
        check_spells(edge, where)
        check_color(edge, where)
    return problems
