"""The Excel report for the steering group: key figures, centrality, brokers, coverage, findings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import networkx as nx
import pandas as pd

from . import coverage, metrics
from .export import Sheet, write_xlsx
from .schema import SECTORS, TIERS, label

__all__ = ["report_sheets", "write_report", "COLUMN_LABELS", "translate", "matrix_table"]

# Canonical column -> (Finnish, English) header.
COLUMN_LABELS: dict[str, tuple[str, str]] = {
    "node": ("Tunniste", "Id"),
    "label": ("Nimi", "Name"),
    "kind": ("Laji", "Kind"),
    "sector": ("Sektori", "Sector"),
    "organisation": ("Organisaatio", "Organisation"),
    "degree": ("Aste", "Degree"),
    "weighted_degree": ("Painotettu aste", "Weighted degree"),
    "betweenness": ("Välillisyys", "Betweenness"),
    "closeness": ("Läheisyys", "Closeness"),
    "eigenvector": ("Ominaisvektori", "Eigenvector"),
    "constraint": ("Rajoittuneisuus", "Constraint"),
    "effective_size": ("Tehokas koko", "Effective size"),
    "tiers": ("Tasot", "Tiers"),
    "regions": ("Alueet", "Regions"),
    "groups": ("Ryhmät", "Groups"),
    "n_tiers": ("Tasoja", "Tiers (n)"),
    "n_regions": ("Alueita", "Regions (n)"),
    "n_groups": ("Ryhmiä", "Groups (n)"),
    "group": ("Ryhmä", "Group"),
    "tier": ("Taso", "Tier"),
    "parent_group": ("Ylemmän tason ryhmä", "Group above"),
    "linkers": ("Yhdistävät henkilöt", "Linking persons"),
    "n_linkers": ("Yhdistäviä", "Linking (n)"),
    "cut_off_groups": ("Irti jäävät ryhmät", "Groups cut off"),
    "n_cut_off": ("Irti jääviä ryhmiä", "Groups cut off (n)"),
    "n_cut_off_persons": ("Irti jääviä henkilöitä", "Persons cut off (n)"),
    "scope": ("Rajaus", "Scope"),
    "persons": ("Henkilöitä", "Persons"),
    "organisations": ("Organisaatioita", "Organisations"),
    "memberships": ("Jäsenyyksiä", "Memberships"),
    "collaboration_ties": ("Yhteistyösuhteita", "Collaboration ties"),
    "density": ("Tiheys", "Density"),
    "components": ("Komponentteja", "Components"),
    "average_degree": ("Keskimääräinen aste", "Average degree"),
    "degree_centralization": ("Astekeskittyneisyys", "Degree centralisation"),
    "rule": ("Sääntö", "Rule"),
    "severity": ("Vakavuus", "Severity"),
    "subject": ("Kohde", "Subject"),
    "missing": ("Puuttuu", "Missing"),
    "message": ("Havainto", "Finding"),
    "municipality": ("Kunta", "Municipality"),
    "item": ("Tieto", "Item"),
    "value": ("Arvo", "Value"),
}

SHEETS = {
    "about": ("Tiedot", "About"),
    "summary": ("Yhteenveto", "Summary"),
    "persons": ("Henkilöt", "Persons"),
    "organisations": ("Organisaatiot", "Organisations"),
    "brokers": ("Välittäjät", "Brokers"),
    "tier_links": ("Tasolinkit", "Tier links"),
    "cut_points": ("Nivelhenkilöt", "Cut points"),
    "sector_tier": ("Sektori x taso", "Sector x tier"),
    "sector_group": ("Sektori x ryhmä", "Sector x group"),
    "municipality_sector": ("Kunta x sektori", "Municipality x sector"),
    "findings": ("Havainnot", "Findings"),
}

KINDS = {"person": ("Henkilö", "Person"), "organisation": ("Organisaatio", "Organisation"), "group": ("Ryhmä", "Group")}
SEVERITIES = {"gap": ("Puute", "Gap"), "risk": ("Riski", "Risk")}
SCOPES = {"overall": ("Koko verkosto", "Whole network"), "tier": ("Taso", "Tier"), "region": ("Alue", "Region")}

# Columns holding canonical values of a vocabulary: shown with their human labels.
_VOCABULARY_COLUMNS = {"sector": "sector", "tier": "tier", "tiers": "tier", "group_type": "group_type", "role": "role"}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "fi" else pair[1]


def _scope(value: str, lang: str) -> str:
    kind, _, name = value.partition(":")
    if kind == "tier":
        name = label("tier", name, lang)
    return _pick(SCOPES[kind], lang) + (f": {name}" if name else "")


def translate(frame: pd.DataFrame, lang: str = "fi") -> pd.DataFrame:
    """Canonical values (sectors, tiers, kinds, severities, scopes) as a person reads them."""
    frame = frame.copy()
    for column, vocabulary in _VOCABULARY_COLUMNS.items():
        if column in frame:
            frame[column] = frame[column].map(lambda v, voc=vocabulary: _label_value(voc, v, lang))
    if "missing" in frame:  # sectors, or municipality names
        frame["missing"] = frame["missing"].map(lambda vs: [label("sector", v, lang) if v in SECTORS else v for v in vs])
    if "kind" in frame:
        frame["kind"] = frame["kind"].map(lambda v: _pick(KINDS[v], lang) if v in KINDS else v)
    if "severity" in frame:
        frame["severity"] = frame["severity"].map(lambda v: _pick(SEVERITIES[v], lang) if v in SEVERITIES else v)
    if "scope" in frame:
        frame["scope"] = frame["scope"].map(lambda v: _scope(v, lang))
    return frame


def _label_value(vocabulary: str, value, lang: str):
    if isinstance(value, (list, tuple)):
        return [label(vocabulary, v, lang) for v in value]
    return label(vocabulary, value, lang) if isinstance(value, str) and value else value


def matrix_table(matrix: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A coverage matrix with human labels; its corner reads e.g. 'Sektori \\ Taso'."""
    vocabularies = {name: vocab for vocab, names in (("sector", SECTORS), ("tier", TIERS)) for name in names}

    def human(value):
        return label(vocabularies[value], value, lang) if value in vocabularies else value

    def axis(name):
        return _pick(COLUMN_LABELS[name], lang) if name in COLUMN_LABELS else str(name or "")

    renamed = matrix.rename(index=human, columns=human)
    renamed.index.name = f"{axis(matrix.index.name)} \\ {axis(matrix.columns.name)}"
    renamed.columns.name = None
    return renamed


def report_sheets(
    G: nx.MultiDiGraph,
    *,
    rules=None,
    lang: str = "fi",
    generated: str | None = None,
) -> dict[str, Sheet]:
    """The report's sheets, in order, named in *lang*; see :func:`write_report`."""
    headers = {key: _pick(pair, lang) for key, pair in COLUMN_LABELS.items()}
    persons = metrics.centrality(G, network="persons")
    organisations = metrics.centrality(G, network="organisations").merge(
        metrics.structural_holes(G)[["node", "constraint", "effective_size"]], on="node", how="left"
    )
    cover = coverage.coverage_report(G, rules, lang=lang)
    about = pd.DataFrame(
        {
            "item": ["Lähde", "Kausi", "Luotu", "Ohjelma"] if lang == "fi" else ["Source", "Season", "Generated", "Software"],
            "value": [
                G.graph.get("source") or "",
                G.graph.get("season") or "",
                generated or dt.date.today().isoformat(),
                "verkosto",
            ],
        }
    )
    tables = {
        "about": Sheet(about, headers),
        "summary": Sheet(translate(metrics.indicators(G), lang), {**headers, "groups": _pick(("Ryhmiä", "Groups"), lang)}),
        "persons": Sheet(translate(persons.drop(columns="node"), lang), headers),
        "organisations": Sheet(translate(organisations.drop(columns="node"), lang), headers),
        "brokers": Sheet(translate(metrics.brokerage(G).drop(columns="node"), lang), headers),
        "tier_links": Sheet(translate(metrics.tier_links(G), lang), headers),
        "cut_points": Sheet(translate(metrics.articulation_points(G).drop(columns="node"), lang), headers),
    }
    for name, matrix in cover["matrices"].items():
        tables[name] = Sheet(matrix_table(matrix, lang), headers, highlight_zero=True, index=True)
    tables["findings"] = Sheet(translate(cover["findings"], lang), headers)
    return {_pick(SHEETS[key], lang): sheet for key, sheet in tables.items()}


def write_report(
    G: nx.MultiDiGraph,
    path: str | Path,
    *,
    rules=None,
    lang: str = "fi",
    generated: str | None = None,
    protect=(),
) -> Path:
    """Write the planner's workbook.

    Sheets: about (source, season, date), summary (key figures overall, per tier and per
    region), centrality of persons and of organisations (with Burt's constraint and
    effective size), brokers (persons spanning tiers and groups), tier links, cut points,
    the coverage matrices with zero cells highlighted, and the rule findings. Headers are
    frozen, columns sized and filtered; every text cell is written as text, so a name such
    as ``=HYPERLINK(...)`` never becomes a formula.

    Parameters
    ----------
    G : MultiDiGraph
        From :func:`verkosto.graph.build_graph`.
    path : str or Path
        The ``.xlsx`` file to write.
    rules : path or list of Rule, optional
        Coverage rules (default: the shipped rules).
    lang : {"fi", "en"}
    generated : str, optional
        Date shown on the about sheet (default: today).
    protect : iterable of paths
        Files never to overwrite (the input roster).
    """
    return write_xlsx(path, report_sheets(G, rules=rules, lang=lang, generated=generated), protect=protect)
