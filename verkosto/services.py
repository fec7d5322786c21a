"""The service map (palvelukartta): services by family-centre task and client group.

The roster's optional ``Palvelut`` sheet (format v1.1) lists services; each serves one or
several tasks and client groups in one or several municipalities. :func:`service_map` lays
them out as the matrix task × client group — overall, per municipality and per region — and
finds what planners discuss:

- ``gap`` (katvealue): a municipality with no service in an applicable cell;
- ``overlap`` (päällekkäisyys): two or more services of the same form and level from
  different organisations in the same municipality and cell;
- ``opportunity`` (yhteistyömahdollisuus): two organisations serving the same cell in the
  same municipality that share no group and have no collaboration tie in the roster.

Tasks and client groups are a county's own lists, read from a TOML file
(``data/palvelukartta.toml`` ships the national model's defaults; :func:`load_vocabulary`).
Everything here is canonical (ids, not names); :mod:`verkosto.present` and the views put it
into words.
"""

from __future__ import annotations

import itertools
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pandas as pd

from .errors import VerkostoError
from .schema import fold

__all__ = [
    "ServiceVocabulary",
    "ServiceMap",
    "VocabularyError",
    "default_vocabulary_path",
    "load_vocabulary",
    "service_map",
    "ALL_MUNICIPALITIES",
]

#: The words for "every municipality of the roster" in the Kunta column.
ALL_MUNICIPALITIES = ("kaikki", "all", "kaikki kunnat", "all municipalities")

SERVICE_COLUMNS = ["service", "organisation", "sector", "tasks", "client_groups", "municipalities", "level", "form", "place"]
CELL_COLUMNS = ["task", "client_group"]


class VocabularyError(VerkostoError):
    """A services vocabulary file cannot be read or is invalid; the message names the file."""


@dataclass(frozen=True)
class ServiceVocabulary:
    """The rows (tasks) and columns (client groups) of the service map.

    ``tasks`` and ``client_groups`` map a canonical id to ``(Finnish name, English name,
    aliases)`` in the file's order; ``not_applicable`` holds the ``(task, client_group)``
    cells that are never gaps. ``source`` is the file it was read from.
    """

    tasks: dict[str, tuple[str, str, tuple[str, ...]]]
    client_groups: dict[str, tuple[str, str, tuple[str, ...]]]
    not_applicable: frozenset[tuple[str, str]] = frozenset()
    source: str = ""

    def entries(self, kind: str) -> dict[str, tuple[str, str, tuple[str, ...]]]:
        """``tasks`` or ``client_groups`` by the kind's singular name (``task``, ``client_group``)."""
        return self.tasks if kind == "task" else self.client_groups

    def aliases(self, kind: str) -> dict[str, str]:
        """Every accepted spelling (folded) of a task or client group -> its id."""
        table: dict[str, str] = {}
        for canonical, (fi, en, extra) in self.entries(kind).items():
            for name in (canonical, canonical.replace("_", " "), fi, en, *extra):
                table[fold(name)] = canonical
        return table

    def label(self, kind: str, canonical: str, lang: str = "fi") -> str:
        entry = self.entries(kind).get(canonical)
        if entry is None:
            return canonical
        return entry[0] if lang == "fi" else entry[1]

    def applicable(self, task: str, client_group: str) -> bool:
        return (task, client_group) not in self.not_applicable

    @property
    def cells(self) -> list[tuple[str, str]]:
        """Every cell of the matrix, in order."""
        return list(itertools.product(self.tasks, self.client_groups))


def default_vocabulary_path() -> Path:
    """The vocabulary shipped with verkosto: ``verkosto/data/palvelukartta.toml`` in an
    installed wheel, ``data/palvelukartta.toml`` of the repository in a checkout."""
    package = Path(__file__).resolve().parent
    data = package / "data"
    if not data.is_dir():
        data = package.parent / "data"
    return data / "palvelukartta.toml"


def load_vocabulary(path: str | Path | None = None) -> ServiceVocabulary:
    """Read a services vocabulary (TOML): ``[task.<id>]``, ``[client_group.<id>]`` tables
    with ``fi``, ``en`` and ``aliases``, and ``[not_applicable]`` ``task = [client groups]``.

    Raises
    ------
    VocabularyError
        When the file cannot be read, is not TOML or names something unknown.

    Examples
    --------
    >>> vocabulary = load_vocabulary()
    >>> list(vocabulary.tasks)[:2], vocabulary.label("client_group", "infants", "en")
    (['promotion', 'early_support'], 'Families with infants')
    >>> vocabulary.applicable("separation", "expecting")
    False
    """
    path = Path(path) if path is not None else default_vocabulary_path()
    source = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise VocabularyError("file.not_found", file=source) from None
    except (OSError, UnicodeDecodeError) as err:
        raise VocabularyError("services.vocabulary.unreadable", file=source, error=type(err).__name__) from err
    except tomllib.TOMLDecodeError as err:
        raise VocabularyError("services.vocabulary.not_toml", file=source, detail=" ".join(str(err).split())) from err
    for key in data:
        if key not in ("task", "client_group", "not_applicable"):
            raise VocabularyError("services.vocabulary.unknown_top_level", file=source, option=key)
    kinds = {}
    for kind in ("task", "client_group"):
        tables = data.get(kind)
        if not isinstance(tables, dict) or not tables:
            raise VocabularyError("services.vocabulary.none", file=source, kind=kind)
        entries = {}
        for canonical, table in tables.items():
            fi, en, extra = (table.get(k) for k in ("fi", "en", "aliases")) if isinstance(table, dict) else (None,) * 3
            if not isinstance(fi, str) or not isinstance(en, str) or not isinstance(extra or [], list):
                raise VocabularyError("services.vocabulary.bad_entry", file=source, entry=f"{kind}.{canonical}")
            entries[canonical] = (fi, en, tuple(str(a) for a in extra or ()))
        kinds[kind] = entries
    cells = set()
    for task, groups in (data.get("not_applicable") or {}).items():
        for client_group in groups if isinstance(groups, list) else [groups]:
            if task not in kinds["task"] or client_group not in kinds["client_group"]:
                raise VocabularyError("services.vocabulary.unknown_cell", file=source, task=task,
                                      client_group=str(client_group))
            cells.add((task, client_group))
    return ServiceVocabulary(kinds["task"], kinds["client_group"], frozenset(cells), source)


# ------------------------------------------------------------------------------ analysis


@dataclass(frozen=True)
class ServiceMap:
    """The service map of a roster; every table canonical.

    Attributes
    ----------
    vocabulary : ServiceVocabulary
    municipalities : DataFrame
        ``municipality, region``: every municipality of the roster, sorted.
    services : DataFrame
        One row per service, municipality, task and client group: ``service, organisation,
        sector, municipality, region, task, client_group, level, form, place``.
    cells : DataFrame
        One row per municipality and cell of the matrix: ``municipality, region, task,
        client_group, applicable, count, services, organisations`` (tuples, sorted).
    gaps : DataFrame
        ``municipality, task, client_group``.
    overlaps : DataFrame
        ``municipality, task, client_group, form, level, organisations, services``.
    opportunities : DataFrame
        ``municipality, task, client_group, organisations`` (a sorted pair).
    """

    vocabulary: ServiceVocabulary
    municipalities: pd.DataFrame
    services: pd.DataFrame
    cells: pd.DataFrame
    gaps: pd.DataFrame
    overlaps: pd.DataFrame
    opportunities: pd.DataFrame
    _matrices: dict = field(default_factory=dict, repr=False, compare=False)

    def matrix(self, *, municipality: str | None = None, region: str | None = None,
               what: str = "count") -> pd.DataFrame:
        """The task × client group matrix: for every cell the number of services (``count``),
        or the tuple of ``services`` or ``organisations``; overall, or of one municipality or
        region. Rows and columns are the vocabulary's ids in order.

        """
        key = (municipality, region, what)
        if key not in self._matrices:
            rows = self.services
            if municipality is not None:
                rows = rows[rows["municipality"] == municipality]
            if region is not None:
                rows = rows[rows["region"] == region]
            vocabulary = self.vocabulary
            cells: dict[tuple[str, str], set] = defaultdict(set)
            column = "organisation" if what == "organisations" else "service"
            for task, client_group, value in zip(rows["task"], rows["client_group"], rows[column]):
                cells[task, client_group].add(value)
            frame = pd.DataFrame(
                [[len(cells[t, c]) if what == "count" else tuple(sorted(cells[t, c])) for c in vocabulary.client_groups]
                 for t in vocabulary.tasks],
                index=pd.Index(list(vocabulary.tasks), name="task"),
                columns=pd.Index(list(vocabulary.client_groups), name="client_group"),
            )
            self._matrices[key] = frame
        return self._matrices[key]

    def to_dict(self) -> dict:
        """The findings as ``--format json`` prints them: canonical ids, sorted."""
        return {
            "gaps": self.gaps[["municipality", "task", "client_group"]].to_dict(orient="records"),
            "overlaps": [
                {**row, "organisations": list(row["organisations"])}
                for row in self.overlaps[["municipality", "task", "client_group", "form", "level", "organisations"]]
                .to_dict(orient="records")
            ],
            "opportunities": [
                {**row, "organisations": list(row["organisations"])}
                for row in self.opportunities.to_dict(orient="records")
            ],
        }


def _municipalities(roster) -> pd.DataFrame:
    """Every municipality named in the roster and its region (the most frequent one given)."""
    regions: dict[str, Counter] = defaultdict(Counter)
    for frame in (roster.memberships, roster.organisations, roster.groups):
        if frame is None or "municipality" not in frame:
            continue
        for municipality, region in zip(frame["municipality"], frame["region"]):
            if isinstance(municipality, str) and municipality:
                regions[municipality][region if isinstance(region, str) else ""] += 1
    rows = []
    for municipality in sorted(regions):
        named = [(n, r) for r, n in regions[municipality].items() if r]
        rows.append({"municipality": municipality, "region": max(named, key=lambda x: (x[0], x[1]))[1] if named else ""})
    return pd.DataFrame(rows, columns=["municipality", "region"])


def _explode(services: pd.DataFrame, region_of: dict[str, str]) -> pd.DataFrame:
    rows = []
    for record in services.to_dict(orient="records"):
        for municipality, task, client_group in itertools.product(
            record["municipalities"], record["tasks"], record["client_groups"]
        ):
            rows.append({
                "service": record["service"], "organisation": record["organisation"], "sector": record["sector"],
                "municipality": municipality, "region": region_of.get(municipality, ""),
                "task": task, "client_group": client_group,
                "level": record["level"], "form": record["form"], "place": record["place"],
            })
    columns = ["service", "organisation", "sector", "municipality", "region", "task", "client_group", "level", "form", "place"]
    return pd.DataFrame(rows, columns=columns).drop_duplicates().reset_index(drop=True)


def _ties(G: nx.MultiDiGraph) -> set[frozenset[str]]:
    """Pairs of organisations that share a group or have a collaboration tie (person ties
    count for the persons' organisations)."""
    groups: dict[str, set[str]] = defaultdict(set)
    organisation_of: dict[str, str] = {}
    pairs: set[frozenset[str]] = set()
    for node, data in G.nodes(data=True):
        if data.get("kind") == "person" and data.get("organisation"):
            organisation_of[node] = f"organisation:{data['organisation']}"
    for source, target, kind, data in G.edges(keys=True, data=True):
        if kind == "member_of" and data.get("organisation"):
            groups[target].add(data["organisation"])
        elif kind == "collaborates":
            ends = [organisation_of.get(n, n) for n in (source, target)]
            names = [e.split(":", 1)[1] for e in ends if e.startswith("organisation:")]
            if len(names) == 2 and names[0] != names[1]:
                pairs.add(frozenset(names))
    for members in groups.values():
        for a, b in itertools.combinations(sorted(members), 2):
            pairs.add(frozenset((a, b)))
    return pairs


def service_map(roster, G: nx.MultiDiGraph, vocabulary: ServiceVocabulary | None = None) -> ServiceMap:
    """The service map of a roster (its ``services`` table) and its network *G*.

    Parameters
    ----------
    roster : Roster
        A roster read by :func:`verkosto.load.load_roster`; without a Services sheet the map
        has no services and every applicable cell of every municipality is a gap.
    G : MultiDiGraph
        The roster's graph (:func:`verkosto.graph.build_graph`): who shares a group, who
        collaborates.
    vocabulary : ServiceVocabulary, optional
        Tasks and client groups; by default the shipped ones.
    """
    vocabulary = vocabulary or load_vocabulary()
    municipalities = _municipalities(roster)
    region_of = dict(zip(municipalities["municipality"], municipalities["region"]))
    services = getattr(roster, "services", None)
    if services is None:
        services = pd.DataFrame(columns=SERVICE_COLUMNS)
    named = sorted({m for ms in services["municipalities"] for m in ms} - set(region_of))
    if named:  # a service's own municipality the other sheets do not name
        extra = pd.DataFrame({"municipality": named, "region": [""] * len(named)})
        municipalities = pd.concat([municipalities, extra]).sort_values("municipality").reset_index(drop=True)
    rows = _explode(services, region_of)

    by_cell: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for record in rows.to_dict(orient="records"):
        by_cell[record["municipality"], record["task"], record["client_group"]].append(record)
    ties = _ties(G)

    cells, gaps, overlaps, opportunities = [], [], [], []
    for municipality, region in zip(municipalities["municipality"], municipalities["region"]):
        for task, client_group in vocabulary.cells:
            here = by_cell.get((municipality, task, client_group), [])
            applicable = vocabulary.applicable(task, client_group)
            organisations = sorted({r["organisation"] for r in here})
            cells.append({
                "municipality": municipality, "region": region, "task": task, "client_group": client_group,
                "applicable": applicable, "count": len({r["service"] for r in here}),
                "services": tuple(sorted({r["service"] for r in here})), "organisations": tuple(organisations),
            })
            where = {"municipality": municipality, "task": task, "client_group": client_group}
            if not here and applicable:
                gaps.append(where)
            same: dict[tuple[str, str], list[dict]] = defaultdict(list)
            for r in here:
                if r["form"]:
                    same[r["form"], r["level"]].append(r)
            for (form, level), group in sorted(same.items()):
                providers = sorted({r["organisation"] for r in group})
                if len(providers) > 1:
                    overlaps.append({**where, "form": form, "level": level, "organisations": tuple(providers),
                                     "services": tuple(sorted({r["service"] for r in group}))})
            for a, b in itertools.combinations(organisations, 2):
                if frozenset((a, b)) not in ties:
                    opportunities.append({**where, "organisations": (a, b)})

    return ServiceMap(
        vocabulary=vocabulary,
        municipalities=municipalities,
        services=rows,
        cells=pd.DataFrame(cells, columns=["municipality", "region", "task", "client_group", "applicable", "count", "services", "organisations"]),
        gaps=_sorted(gaps, ["municipality", "task", "client_group"]),
        overlaps=_sorted(overlaps, ["municipality", "task", "client_group", "form", "level", "organisations", "services"]),
        opportunities=_sorted(opportunities, ["municipality", "task", "client_group", "organisations"]),
    )


def _sorted(records: list[dict], columns: list[str]) -> pd.DataFrame:
    """Rows in the order ``--format json`` promises: by every column, as text."""
    records = sorted(records, key=lambda r: tuple(str(r[c]) if not isinstance(r[c], tuple) else r[c] for c in columns))
    return pd.DataFrame(records, columns=columns)
