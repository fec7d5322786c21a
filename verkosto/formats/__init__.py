"""Other tools' formats: Gephi and Gephi Lite (GEXF), GraphML, Cytoscape (JSON) and Kumu, in and out.

:func:`export` writes one analysis — or several seasons' analyses as one timeline — in the
format its file suffix names (:data:`FORMATS`). Each format is one module over the portable
graph of :func:`portable_graph`; :func:`~verkosto.formats.kumu.import_kumu` turns a Kumu
map back into a roster.

>>> from verkosto import analyse
>>> P = portable_graph(analyse(), "organisations")
>>> sorted(P.nodes["organisation:Kela"])[:4], P.nodes["organisation:Kela"]["color"]
(['betweenness', 'closeness', 'color', 'degree'], '#332288')
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import networkx as nx

from ..errors import OutputError
from ._portable import NETWORKS, portable_graph, season_graph, season_spell
from .kumu import KumuImport, import_kumu, read_kumu

__all__ = [
    "FORMATS",
    "NETWORKS",
    "KumuImport",
    "export",
    "format_of",
    "import_kumu",
    "portable_graph",
    "read_kumu",
    "season_graph",
    "season_spell",
]

#: File suffix -> format name, longest suffix first (``.kumu.xlsx`` before anything shorter).
FORMATS = {".kumu.xlsx": "kumu", ".gexf": "gexf", ".graphml": "graphml", ".cyjs": "cytoscape", ".json": "cytoscape"}
_SEASON = re.compile(r"^\d{4}-\d{4}$")


def format_of(path: str | os.PathLike) -> str:
    """The format a file name asks for.

    >>> format_of("kartta.gexf"), format_of("Kartta.KUMU.xlsx"), format_of("x.cyjs")
    ('gexf', 'kumu', 'cytoscape')

    Raises
    ------
    OutputError
        For any other suffix; the message lists the suffixes known.
    """
    name = Path(path).name.lower()
    for suffix, name_of_format in FORMATS.items():
        if name.endswith(suffix):
            return name_of_format
    raise OutputError("export.format", file=str(path), suffix=Path(path).suffix, allowed=tuple(FORMATS))


def _writer(fmt: str) -> Callable[..., Path]:
    from . import cytoscape, gexf, graphml, kumu

    return {"gexf": gexf.write_gexf, "graphml": graphml.write_graphml, "cytoscape": cytoscape.write_cytoscape,
            "kumu": kumu.write_kumu}[fmt]


def _seasons_graph(analyses: Sequence, network: str, layout: str, lang: str | None) -> nx.Graph:
    seasons = []
    for analysis in analyses:
        season = analysis.season
        if not season or not _SEASON.match(season):
            raise OutputError("export.no_season", file=analysis.source or None)
        if season in seasons:
            raise OutputError("export.same_season", file=analysis.source or None, season=season)
        seasons.append(season)
    from ..layout import compute_layout

    # One picture for every season: the map of all seasons' networks together, so a node
    # stays where it is while the timeline plays.
    union = nx.compose_all([a.graph for a in analyses])
    positions = compute_layout(union, layout)
    return season_graph([portable_graph(a, network, layout=layout, lang=lang, positions=positions) for a in analyses])


def export(
    analyses,
    path: str | os.PathLike,
    *,
    network: str = "full",
    layout: str = "tiers",
    lang: str | None = None,
    date: str | None = None,
    protect=(),
) -> Path:
    """Write the network in the format of *path*'s suffix (see :data:`FORMATS`).

    Parameters
    ----------
    analyses : Analysis or sequence of Analysis
        One roster's analysis, or several seasons' (each roster of one season): nodes and
        edges are matched by id across seasons and carry the seasons they exist in (in
        GEXF as time spells, which Gephi's timeline plays; elsewhere as ``seasons``).
    path : path
        ``.gexf``, ``.graphml``, ``.cyjs`` / ``.json`` or ``.kumu.xlsx``.
    network : str
        ``full`` (persons, organisations, groups and tiers) or a projection: ``persons``,
        ``organisations``, ``groups``, ``collaboration``.
    layout : str
        Whose positions the nodes get: the map's ``tiers`` (default) or ``force`` layout.
    lang : str, optional
        Language of the tiers' labels and of Kumu's descriptions.
    date : str, optional
        The GEXF file's ``lastmodifieddate`` (default: today).
    protect : iterable of paths
        Files never to overwrite (the input rosters).

    Raises
    ------
    OutputError
        For an unknown suffix, rosters without a season (or two of one season) when several
        are given, or a file that cannot be written.
    """
    fmt = format_of(path)
    if network not in NETWORKS:
        raise ValueError(f"unknown network {network!r}; choose one of: {', '.join(NETWORKS)}")
    analyses = [analyses] if not isinstance(analyses, (list, tuple)) else list(analyses)
    if len(analyses) == 1:
        P = portable_graph(analyses[0], network, layout=layout, lang=lang)
    else:
        P = _seasons_graph(analyses, network, layout, lang)
    write = _writer(fmt)
    if fmt == "gexf":
        return write(P, path, protect=protect, date=date)
    if fmt == "kumu":
        return write(P, path, protect=protect, lang=lang)
    return write(P, path, protect=protect)
