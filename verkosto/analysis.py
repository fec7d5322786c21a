"""One analysis of a roster, shared by every view: the graph, its projections, metrics and findings.

:func:`analyse` reads (or takes) a roster and returns an :class:`Analysis`. Nothing is computed
until a view asks for it, and nothing is computed twice: the map, the report, the coverage
and metrics tables, the static images and a notebook all read the same object.

>>> from verkosto import analyse
>>> a = analyse()                              # the bundled example's latest season
>>> a.graph.number_of_nodes() > 500, a.network("persons") is a.network("persons")
(True, True)
>>> sorted(a.findings["rule"].unique())[:2]
['contact-person', 'local-sectors']
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import networkx as nx
import pandas as pd

from . import coverage, graph, metrics, services
from .errors import Problem
from .indicators import IndicatorData, missing_municipalities, read_indicators, roster_municipalities
from .load import Roster, load_roster

__all__ = ["MAP_SAMPLE", "MAP_SEED", "Analysis", "MapMetrics", "analyse"]

#: The map's side panel estimates a network's betweenness from this many sampled sources when
#: the network has more nodes (exact values cost all pairs of shortest paths: on a national
#: roster of 15,000 persons nearly the whole run). The bundled example's networks are smaller.
MAP_SAMPLE = 500
#: The seed of that sample, fixed so that the same roster gives the same map byte for byte.
MAP_SEED = 0

_KINDS = {"persons": "person", "organisations": "organisation", "groups": "group"}


class MapMetrics(NamedTuple):
    """The metrics of the map's side panel (:meth:`Analysis.map_metrics`)."""

    #: node id -> ``{metric: value}``, as :attr:`Analysis.node_metrics`.
    values: dict[str, dict[str, float]]
    #: node kind -> number of sampled sources, for the kinds whose betweenness is estimated.
    betweenness_sources: dict[str, int]


@dataclass(eq=False)
class Analysis:
    """The graph of a roster and everything measured on it, each computed once on demand.

    Build one with :func:`analyse`. Tables are canonical (English snake_case columns,
    canonical values, graph node ids); :mod:`verkosto.present` turns them into words.

    Attributes
    ----------
    roster : Roster
        The roster, already pseudonymised when asked.
    rules : list of Rule
        The coverage rules checked.
    weighted : bool
        Whether centrality follows tie strengths (distance ``1/weight``).
    sample : int or None
        Betweenness estimated from this many sampled sources, exact when None.
    pseudonymized : bool
        Whether person names were replaced by pseudonyms.
    indicators_source : path, IndicatorData or None
        The municipal indicators read beside the roster (:attr:`municipal_indicators`).
    pseudonym_level : str or None
        What the pseudonyms tell besides their number (:data:`verkosto.privacy.PSEUDONYM_LEVELS`),
        None when names are shown.
    services_vocabulary : ServiceVocabulary or None
        The tasks and client groups of the service map; None for the shipped ones.
    """

    roster: Roster | None
    rules: list[coverage.Rule]
    weighted: bool = False
    sample: int | None = None
    pseudonymized: bool = False
    indicators_source: str | Path | IndicatorData | None = None
    pseudonym_level: str | None = None
    services_vocabulary: services.ServiceVocabulary | None = None
    _networks: dict[str, nx.Graph] = field(default_factory=dict, repr=False)
    _centrality: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)
    _estimated: dict[tuple[str, int], pd.DataFrame] = field(default_factory=dict, repr=False)
    _roles: dict[tuple, pd.DataFrame] = field(default_factory=dict, repr=False)

    @classmethod
    def from_graph(
        cls, G: nx.MultiDiGraph, *, rules=None, weighted: bool = False, sample: int | None = None
    ) -> Analysis:
        """The analysis of a graph built elsewhere (by hand, or by :func:`verkosto.graph.build_graph`)."""
        rule_list = coverage.load_rules(rules) if rules is None or isinstance(rules, (str, Path)) else list(rules)
        analysis = cls(None, rule_list, weighted=weighted, sample=sample)
        analysis.__dict__["graph"] = G  # the cached_property's slot
        return analysis

    @functools.cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The network of persons, organisations, groups and tiers (:func:`verkosto.graph.build_graph`)."""
        if self.roster is None:
            raise ValueError("an Analysis made from_graph has its graph already")
        graph.check_size(self.roster)
        return graph.build_graph(self.roster)

    @property
    def season(self) -> str | None:
        return self.graph.graph.get("season")

    @property
    def source(self) -> str:
        return self.graph.graph.get("source") or ""

    @property
    def warnings(self) -> list:
        """The warnings of the roster and of the indicator file, for every view to show."""
        found = [p for p in self.roster.problems if p.severity == "warning"] if self.roster else []
        return found + (self.municipal_indicators.problems if self.municipal_indicators else [])

    @functools.cached_property
    def municipal_indicators(self) -> IndicatorData | None:
        """THL's (or other) municipal indicators given with ``indicators=``, None without them.

        Not :attr:`indicators`, which are the network's own key figures.
        """
        source = self.indicators_source
        if source is None or isinstance(source, IndicatorData):
            return source
        data = read_indicators(source, municipalities=self.municipalities)
        missing = missing_municipalities(data, self.municipalities)
        if missing:
            data.problems.append(Problem("warning", data.file, "indicators.missing_municipalities", {"names": tuple(missing)}))
        return data

    @property
    def municipalities(self) -> list[str]:
        """The municipalities the roster names (its groups, members and organisations), sorted."""
        if self.roster is not None:
            return roster_municipalities(self.roster)
        G = self.graph
        return sorted({str(m) for _, m in G.nodes(data="municipality") if m})

    def network(self, name: str) -> nx.Graph:
        """A projection: ``persons``, ``organisations``, ``groups`` or ``collaboration``."""
        if name not in self._networks:
            self._networks[name] = graph.project(self.graph, name)
        return self._networks[name]

    def centrality(self, network: str = "persons") -> pd.DataFrame:
        """:func:`verkosto.metrics.centrality` of one network, with this analysis' options."""
        if network not in self._centrality:
            self._centrality[network] = metrics.centrality(
                self.network(network), weighted=self.weighted, sample=self.sample
            )
        return self._centrality[network]

    @functools.cached_property
    def node_metrics(self) -> dict[str, dict[str, float]]:
        """Metrics of every person, organisation and group, each in its own network."""
        return metrics.node_metrics(self.graph, tables={n: self.centrality(n) for n in _KINDS})

    def map_metrics(self, *, exact: bool = False) -> MapMetrics:
        """The metrics the map's side panel shows, and how its betweenness was computed.

        With *exact*, :attr:`node_metrics`, as the analysis computes them for its tables (exact
        unless it samples betweenness itself). Otherwise a network of more than :data:`MAP_SAMPLE`
        nodes has its betweenness estimated from that many sources drawn with the seed
        :data:`MAP_SEED` (networkx' ``betweenness_centrality(P, k=MAP_SAMPLE, seed=MAP_SEED)``)
        and no closeness, which needs all pairs of shortest paths; smaller networks are exact.
        Betweenness the analysis itself samples (``analyse(..., sample=...)``) is reported too.
        """
        if exact:
            sources = {
                _KINDS[n]: self.sample for n in _KINDS if self.sample is not None and self.sample < len(self.network(n))
            }
            return MapMetrics(self.node_metrics, sources)
        k = MAP_SAMPLE if self.sample is None else min(self.sample, MAP_SAMPLE)
        tables, sources = {}, {}
        for network, kind in _KINDS.items():
            if len(self.network(network)) <= k:  # also when the analysis samples: k is its sample or less
                tables[network] = self.centrality(network)
                continue
            if (network, k) not in self._estimated:
                self._estimated[network, k] = metrics.centrality(
                    self.network(network), weighted=self.weighted, sample=k, seed=MAP_SEED, closeness=False
                )
            tables[network], sources[kind] = self._estimated[network, k], k
        if not sources:
            return MapMetrics(self.node_metrics, sources)
        return MapMetrics(metrics.node_metrics(self.graph, tables=tables), sources)

    @functools.cached_property
    def structural_holes(self) -> pd.DataFrame:
        """Burt's constraint and effective size of the organisations."""
        return metrics.structural_holes(self.graph)

    @functools.cached_property
    def brokerage(self) -> pd.DataFrame:
        return metrics.brokerage(self.graph)

    def brokerage_roles(
        self, by: str = "sector", *, network: str = "collaboration", directed: bool | None = None
    ) -> pd.DataFrame:
        """Gould–Fernandez brokerage roles of every node (:func:`verkosto.metrics.brokerage_roles`)."""
        return self._brokerage_roles("nodes", by, network, directed)

    def brokerage_roles_overall(
        self, by: str = "sector", *, network: str = "collaboration", directed: bool | None = None
    ) -> pd.DataFrame:
        """The whole network's brokerage roles (:func:`verkosto.metrics.brokerage_roles_overall`)."""
        return self._brokerage_roles("overall", by, network, directed)

    def _brokerage_roles(self, level: str, by: str, network: str, directed: bool | None) -> pd.DataFrame:
        key = (level, by, network, directed)
        if key not in self._roles:
            # The projections are the analysis' own; the directed collaboration is built from the graph.
            G = self.graph if network == "collaboration" else self.network(network)
            function = metrics.brokerage_roles if level == "nodes" else metrics.brokerage_roles_overall
            self._roles[key] = function(G, network=network, by=by, directed=directed)
        return self._roles[key]

    @functools.cached_property
    def tier_links(self) -> pd.DataFrame:
        return metrics.tier_links(self.graph)

    @functools.cached_property
    def articulation_points(self) -> pd.DataFrame:
        return metrics.articulation_points(self.graph, projection=self.network("persons"))

    @functools.cached_property
    def indicators(self) -> pd.DataFrame:
        return metrics.indicators(self.graph, projection=self.network("persons"))

    @functools.cached_property
    def services(self) -> services.ServiceMap:
        """The service map (:func:`verkosto.services.service_map`): the matrix task × client
        group, its gaps, overlaps and collaboration opportunities."""
        if self.roster is None:
            raise ValueError("an Analysis made from_graph has no roster, so no services")
        return services.service_map(self.roster, self.graph, self.services_vocabulary)

    @functools.cached_property
    def _coverage(self) -> dict:
        return coverage.coverage_report(self.graph, self.rules)

    @property
    def findings(self) -> pd.DataFrame:
        """Canonical rule findings (:func:`verkosto.coverage.check_rules`)."""
        return self._coverage["findings"]

    @property
    def matrices(self) -> dict[str, pd.DataFrame]:
        """The coverage matrices: ``sector_tier``, ``sector_group``, ``municipality_sector``."""
        return self._coverage["matrices"]


def analyse(
    roster: Roster | str | Path | None = None,
    *,
    season: str | None = None,
    rules: list[coverage.Rule] | str | Path | None = None,
    weighted: bool = False,
    sample: int | None = None,
    pseudonymize: bool = False,
    key: bytes | None = None,
    indicators: str | Path | IndicatorData | None = None,
    pseudonym_level: str = "organisation",
    services_vocabulary: services.ServiceVocabulary | str | Path | None = None,
) -> Analysis:
    """The analysis of a roster: a :class:`Roster`, a roster file, or None for the bundled example.

    Parameters
    ----------
    roster : Roster, path or None
        A loaded roster, a roster file (``.xlsx``, ``.xlsm``, ``.ods``, ``.csv``), or None for
        the bundled example's latest season (or *season*).
    season : str, optional
        The season to keep when the roster file holds several.
    rules : list of Rule or path, optional
        Coverage rules; by default the shipped ``data/rules.toml``.
    weighted : bool
        Centrality along tie strengths (distance ``1/weight``) instead of hops.
    sample : int, optional
        Estimate betweenness from this many sampled sources.
    pseudonymize : bool
        Replace every person's name by a pseudonym before anything is computed.
    key : bytes, optional
        Secret of keyed pseudonyms (:func:`verkosto.privacy.read_key`), the same in every
        season; implies *pseudonymize*.
    indicators : path or IndicatorData, optional
        Municipal indicators to show beside the network (:func:`verkosto.indicators.read_indicators`),
        read when first asked for: :attr:`Analysis.municipal_indicators`.
    pseudonym_level : {"organisation", "sector", "none"}
        What a pseudonym tells besides its number: ``"#17 · Kela"``, ``"#17 · kela"`` or
        ``"#17"`` (:func:`verkosto.privacy.pseudonymize`).
    services_vocabulary : ServiceVocabulary or path, optional
        The tasks and client groups of the roster's Services sheet and of the service map
        (:func:`verkosto.services.load_vocabulary`); by default ``data/palvelukartta.toml``.

    Raises
    ------
    RosterError
        When the roster file cannot be read or is invalid (the message names file, sheet,
        row and column).
    RulesError
        When the rules file is invalid.
    IndicatorError
        When the indicator file is invalid (when first read).
    """
    if services_vocabulary is not None and not isinstance(services_vocabulary, services.ServiceVocabulary):
        services_vocabulary = services.load_vocabulary(services_vocabulary)
    if roster is None or isinstance(roster, (str, Path)):
        from .example import example_path

        path = roster if roster is not None else example_path(season)
        roster = load_roster(path, season=season, services_vocabulary=services_vocabulary)
    if pseudonymize or key is not None:
        from .privacy import pseudonymize as pseudonymized

        roster = pseudonymized(roster, key=key, level=pseudonym_level)
    rule_list = coverage.load_rules(rules) if rules is None or isinstance(rules, (str, Path)) else list(rules)
    hidden = pseudonymize or key is not None
    return Analysis(roster, rule_list, weighted=weighted, sample=sample, pseudonymized=hidden,
                    pseudonym_level=pseudonym_level if hidden else None, indicators_source=indicators,
                    services_vocabulary=services_vocabulary)
