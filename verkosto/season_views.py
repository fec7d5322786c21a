"""Seasons in words and pictures: the change summary, change sheets, the key-figure charts.

:mod:`verkosto.seasons` computes (canonical tables); this module puts them into the words of
the catalogue (``verkosto/messages/seasons.toml``) and writes them out.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .analysis import Analysis
from .errors import OutputError
from .export import Sheet, to_csv, to_json, write_xlsx
from .i18n import catalogue, current_language, text
from .output import write_atomic
from .present import finding_message, headers, translate
from .schema import SECTORS, label
from .seasons import FIGURES, Comparison, trends

__all__ = [
    "COMPARE_FORMATS",
    "TRENDS_FORMATS",
    "comparison_sheets",
    "figure_label",
    "summary",
    "change_notes",
    "trends_table",
    "write_change_map",
    "write_season_maps",
    "write_comparison",
    "write_trends",
]

COMPARE_FORMATS = (".html", ".json", ".xlsx", ".png", ".svg", ".pdf")
TRENDS_FORMATS = (".csv", ".xlsx", ".json", ".png", ".svg", ".pdf")
#: The figures drawn in the charts: counts on one panel, shares on the other.
CHART_COUNTS = ("persons", "organisations", "groups", "memberships", "collaboration_ties")
CHART_SHARES = ("density", "degree_centralization", "groups_with_findings")
_SHOWN_TURNOVER = 5
_SHOWN_NAMES = 12


def figure_label(figure: str, lang: str | None = None) -> str:
    """A key figure's name, e.g. ``figure_label("collaboration_ties") == "Yhteistyösuhteet"``."""
    lang = lang or current_language()
    what, _, sector = figure.partition(":")
    if sector:
        return text(f"figure.{what}_of_sector", lang, sector=label("sector", sector, lang) if sector in SECTORS else sector)
    key = f"figure.{figure}"
    return text(key, lang) if key in catalogue() else figure


def _number(value: float, lang: str, *, sign: bool = False) -> str:
    if float(value).is_integer() and (abs(value) >= 1 or value == 0):
        shown = f"{value:+.0f}" if sign else f"{value:.0f}"
    else:
        shown = f"{value:+.3f}" if sign else f"{value:.3f}"
    return shown.replace(".", ",").replace("-", "−") if lang == "fi" else shown


def _names(ids, labels: dict[str, str], lang: str) -> str:
    names = [labels.get(i, i.partition(":")[2]) for i in ids]
    if not names:
        return text("season.summary.nobody", lang)
    shown = ", ".join(names[:_SHOWN_NAMES])
    return shown + (f" … (+{len(names) - _SHOWN_NAMES})" if len(names) > _SHOWN_NAMES else "")


def risk_message(risk: dict, labels: dict[str, str], lang: str | None = None) -> str:
    """One continuity risk (a row of :attr:`Comparison.risks`) in words."""
    lang = lang or current_language()
    params = risk["params"]
    subject = labels.get(risk["subject"], risk["subject"])
    if risk["risk"] == "leaders_replaced":
        return text("season.risk.leaders_replaced", lang, subject=subject, role=label("role", params["role"], lang).lower(),
                    before=_names(risk["nodes"], labels, lang), after=_names(params["after"], labels, lang))
    if risk["risk"] == "tier_link_lost":
        return text("season.risk.tier_link_lost", lang, subject=subject, parent=labels.get(params["parent"], params["parent"]),
                    before=params["before"])
    vocabulary = "tier" if params["between"] == "tiers" else "sector"
    return text(f"season.risk.broker_left.{params['between']}", lang, person=_names(risk["nodes"], labels, lang),
                first=label(vocabulary, params["first"], lang), second=label(vocabulary, params["second"], lang))


def summary(comparison: Comparison, lang: str | None = None) -> str:
    """What changed, as a steering group reads it: counts, the new and the gone, turnover,
    role changes, continuity risks, findings and the key figures (lines ending in ``\\n``)."""
    lang = lang or current_language()
    c, labels = comparison, comparison.labels
    lines = [text("season.summary.title", lang, before=c.seasons[0], after=c.seasons[1]), ""]
    for kind in ("persons", "organisations", "groups"):
        changes = getattr(c, kind)
        lines.append(text(f"season.summary.{kind}", lang, joined=len(changes.joined), left=len(changes.left),
                          stayed=len(changes.stayed)))
        if changes.joined:
            lines.append(text("season.summary.joined_list", lang, names=_names(changes.joined, labels, lang)))
        if changes.left:
            key = "season.summary.ended_list" if kind == "groups" else "season.summary.left_list"
            lines.append(text(key, lang, names=_names(changes.left, labels, lang)))
    stayed = c.group_changes[(c.group_changes["status"] == "stayed") & (c.group_changes["left"] > 0)]
    if len(stayed):
        top = stayed.sort_values(["turnover", "group"], ascending=[False, True], kind="mergesort").head(_SHOWN_TURNOVER)
        lines += ["", text("season.summary.turnover", lang)]
        for row in top.to_dict("records"):
            share = _number(round(100 * row["turnover"]), lang)
            lines.append(text("season.summary.turnover_row", lang, group=labels[row["group"]], share=share,
                              left=row["left"], before=row["before"]))
    lines += ["", text("season.summary.roles", lang, count=len(c.roles))]
    for row in c.roles.to_dict("records"):
        lines.append(text("season.summary.role_row", lang, group=labels[row["group"]], role=label("role", row["role"], lang),
                          before=_names(row["before"], labels, lang), after=_names(row["after"], labels, lang)))
    lines.append("")
    if len(c.risks):
        lines.append(text("season.summary.risks", lang, count=len(c.risks)))
        lines += ["  " + risk_message(r, labels, lang) for r in c.risks.to_dict("records")]
    else:
        lines.append(text("season.summary.no_risks", lang))
    counts = c.findings["status"].value_counts()
    lines += ["", text("season.summary.findings", lang, **{s: int(counts.get(s, 0)) for s in ("resolved", "new", "persisting")})]
    for row in c.findings.to_dict("records"):
        message = finding_message(row, lang)
        lines.append(text(f"season.summary.finding_{row['status']}", lang, message=message))
    lines += ["", text("season.summary.figures", lang)]
    overall = c.figures[(c.figures["scope"] == "overall") & c.figures["figure"].isin(FIGURES)]
    for row in overall.to_dict("records"):
        lines.append(text("season.summary.figure_row", lang, figure=figure_label(row["figure"], lang),
                          before=_number(row["before"], lang), after=_number(row["after"], lang),
                          change=_number(row["change"], lang, sign=True)))
    return "\n".join(lines) + "\n"


def _translated_changes(c: Comparison, lang: str) -> dict[str, pd.DataFrame]:
    def status(frame, column="status"):
        frame = frame.copy()
        frame[column] = frame[column].map(lambda v: text(f"value.status.{v}", lang))
        return frame

    actors = []
    for kind in ("persons", "organisations", "groups"):
        changes = getattr(c, kind)
        for st, ids in (("joined", changes.joined), ("left", changes.left), ("stayed", [n for _, n in changes.stayed])):
            actors += [{"kind": kind[:-1], "label": c.labels.get(i, i), "status": st} for i in ids]
    actors_frame = status(pd.DataFrame(actors, columns=["kind", "label", "status"]))
    groups = status(c.group_changes.assign(group=c.group_changes["group"].map(c.labels)))
    roles = c.roles.assign(
        group=c.roles["group"].map(c.labels),
        before=[[c.labels.get(p, p) for p in ps] for ps in c.roles["before"]],
        after=[[c.labels.get(p, p) for p in ps] for ps in c.roles["after"]],
    )
    risks = pd.DataFrame({
        "risk": [risk_message(r, c.labels, lang) for r in c.risks.to_dict("records")],
    })
    findings = status(c.findings.assign(
        message=[finding_message(r, lang) for r in c.findings.to_dict("records")]
    ).drop(columns=["node", "rule", "params"]))
    figures = c.figures.assign(figure=c.figures["figure"].map(lambda f: figure_label(f, lang)))
    return {
        "changes_figures": translate(figures, lang),
        "changes_actors": translate(actors_frame, lang),
        "changes_groups": groups,
        "changes_roles": translate(roles, lang),
        "changes_risks": risks,
        "changes_findings": translate(findings, lang),
    }


def comparison_sheets(comparison: Comparison, *, lang: str | None = None) -> dict[str, Sheet]:
    """The change sheets of a workbook (key figures, actors, groups, roles, risks, findings),
    named in *lang*; :func:`verkosto.report.write_report` adds them with ``previous=``."""
    lang = lang or current_language()
    names = {**headers(lang), "label": text("column.label", lang), "risk": text("column.risk", lang)}
    return {text(f"sheet.{key}", lang): Sheet(frame, names) for key, frame in _translated_changes(comparison, lang).items()}


def _chart(frame_by_figure: dict[str, list[float]], seasons: list[str], path: Path, title: str, lang: str, protect):
    from .static import draw_figures

    labels = {f: figure_label(f, lang) for f in frame_by_figure}
    labels.update(counts=text("season.chart.counts", lang), shares=text("season.chart.shares", lang),
                  season=text("season.chart.season", lang), decimal="," if lang == "fi" else ".")
    counts = {f: frame_by_figure[f] for f in CHART_COUNTS if f in frame_by_figure}
    shares = {f: frame_by_figure[f] for f in CHART_SHARES if f in frame_by_figure}
    return draw_figures(counts, shares, seasons, path, title=title, labels=labels, protect=protect)


def write_comparison(comparison: Comparison, path: str | Path, *, lang: str | None = None, protect=()) -> Path:
    """Write a comparison: ``.json`` (:meth:`Comparison.as_dict`), ``.xlsx`` (the change
    sheets) or ``.png``/``.svg``/``.pdf`` (the key figures of both seasons as a chart)."""
    lang = lang or current_language()
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".html":
        raise OutputError(text("season.error.map_needs_analyses", lang, file=path.name))
    if suffix == ".json":
        return write_atomic(path, to_json(comparison.as_dict()).encode("utf-8"), protect=protect)
    if suffix == ".xlsx":
        return write_xlsx(path, comparison_sheets(comparison, lang=lang), protect=protect)
    if suffix in (".png", ".svg", ".pdf"):
        overall = comparison.figures[comparison.figures["scope"] == "overall"]
        series = {f: [b, a] for f, b, a in zip(overall["figure"], overall["before"], overall["after"])}
        title = text("season.chart.compare_title", lang, before=comparison.seasons[0], after=comparison.seasons[1])
        return _chart(series, list(comparison.seasons), path, title, lang, protect)
    raise OutputError(text("season.error.format", lang, file=path.name, allowed=", ".join(COMPARE_FORMATS)))


def trends_table(analyses: list[Analysis], lang: str | None = None) -> pd.DataFrame:
    """:func:`verkosto.seasons.trends` with scopes and figure names in words."""
    lang = lang or current_language()
    table = trends(analyses)
    return translate(table.assign(figure=table["figure"].map(lambda f: figure_label(f, lang))), lang)


def write_trends(analyses: list[Analysis], path: str | Path, *, lang: str | None = None, protect=()) -> Path:
    """Write the key figures per season: ``.csv``/``.json`` (canonical), ``.xlsx`` (in words)
    or ``.png``/``.svg``/``.pdf`` (line charts of the whole network's figures)."""
    lang = lang or current_language()
    path = Path(path)
    suffix = path.suffix.lower()
    table = trends(analyses)
    seasons = list(table.columns[2:])
    if suffix == ".csv":
        return write_atomic(path, to_csv(table).encode("utf-8"), protect=protect)
    if suffix == ".json":
        return write_atomic(path, to_json(table).encode("utf-8"), protect=protect)
    if suffix == ".xlsx":
        return write_xlsx(path, {text("sheet.trends", lang): Sheet(trends_table(analyses, lang), headers(lang))},
                          protect=protect)
    if suffix in (".png", ".svg", ".pdf"):
        overall = table[table["scope"] == "overall"]
        series = {row["figure"]: [row[s] for s in seasons] for row in overall.to_dict("records")}
        return _chart(series, seasons, path, text("season.chart.trends_title", lang), lang, protect)
    raise OutputError(text("season.error.format", lang, file=path.name, allowed=", ".join(TRENDS_FORMATS)))


def change_notes(U, comparison: Comparison, stayed: dict[str, str], lang: str | None = None) -> dict[str, list[str]]:
    """What changed for each node of a change graph (:func:`verkosto.seasons.change_graph`),
    as lines for the map's side panel: its status, then for a person the groups joined and
    left and the roles gained and given up, for a group its members and role holders before
    and after and its findings resolved and new."""
    lang = lang or current_language()
    before, after = comparison.seasons
    old_to_new = {o: n for n, o in stayed.items()}

    def name(node):
        return comparison.labels.get(node, node.partition(":")[2])

    notes: dict[str, list[str]] = {}
    for node, data in U.nodes(data=True):
        if data.get("kind") == "tier":
            continue
        notes[node] = [text(f"season.map.{data['change']}", lang, before=before, after=after)]
    for u, v, key, data in U.edges(keys=True, data=True):
        if key == "member_of" and data["change"] != "stayed" and U.nodes[u]["change"] == "stayed":
            notes[u].append(text(f"season.map.group_{data['change']}", lang, group=name(v)))
    for row in comparison.roles.to_dict("records"):
        role = label("role", row["role"], lang)
        was = {old_to_new.get(p, p) for p in row["before"]}
        for person in sorted(set(row["after"]) - was):
            if person in notes:
                notes[person].append(text("season.map.role_gained", lang, role=role, group=name(row["group"])))
        for person in sorted(was - set(row["after"])):
            if person in notes:
                notes[person].append(text("season.map.role_given_up", lang, role=role, group=name(row["group"])))
        if row["group"] in notes:
            notes[row["group"]].append(text("season.map.role_holders", lang, role=role,
                                            before=_names(row["before"], comparison.labels, lang),
                                            after=_names(row["after"], comparison.labels, lang)))
    for row in comparison.group_changes.to_dict("records"):
        if row["status"] == "stayed" and row["group"] in notes:
            notes[row["group"]].insert(1, text("season.map.members", lang, before=row["before"], after=row["after"],
                                               joined=row["joined"], left=row["left"]))
    for row in comparison.findings.to_dict("records"):
        node = old_to_new.get(row["node"], row["node"]) if row["status"] == "resolved" else row["node"]
        if row["status"] != "persisting" and node in notes:
            notes[node].append(text(f"season.summary.finding_{row['status']}", lang,
                                    message=finding_message(row, lang)).strip())
    return notes


def write_change_map(
    old: Analysis,
    new: Analysis,
    path: str | Path,
    *,
    comparison: Comparison | None = None,
    lang: str | None = None,
    title: str | None = None,
    generated: str | None = None,
    protect=(),
) -> Path:
    """One offline HTML map of both seasons: every node and edge marked joined, left or stayed
    (outline colour, width and dashes; the filter "Muutos"), the side panel saying what changed.

    Nodes are placed by the tier layout of the union of both seasons
    (:func:`verkosto.seasons.change_graph`), so a node that stayed has one place.
    """
    from .layout import compute_layout, tier_guides
    from .render import to_html
    from .seasons import change_graph, compare

    lang = lang or current_language()
    comparison = comparison or compare(old, new)
    U, stayed = change_graph(old, new, comparison)
    heading = title or text("season.map.title", lang, before=comparison.seasons[0], after=comparison.seasons[1])
    html = to_html(U, lang=lang, title=heading, generated=generated,
                   changes={"notes": change_notes(U, comparison, stayed, lang)},
                   positions=compute_layout(U, "tiers"), guides=tier_guides(U))
    return write_atomic(path, html.encode("utf-8"), protect=protect)


def write_season_maps(
    old: Analysis,
    new: Analysis,
    paths: tuple[str | Path, str | Path],
    *,
    comparison: Comparison | None = None,
    lang: str | None = None,
    generated: str | None = None,
    protect=(),
) -> tuple[Path, Path]:
    """Each season's own map, placed by the layout of both seasons' union: a node that stayed
    is in the same place on both maps (and on the change map), so the eye can compare them."""
    from .layout import compute_layout, tier_guides
    from .render import write_html
    from .seasons import change_graph, compare

    lang = lang or current_language()
    comparison = comparison or compare(old, new)
    U, _ = change_graph(old, new, comparison)
    union = compute_layout(U, "tiers")
    guides = tier_guides(U)
    written = []
    for analysis, path, ids in ((old, paths[0], U.graph["old_ids"]), (new, paths[1], {})):
        G = analysis.graph
        positions = {n: union[ids.get(n, n)] for n in G}
        written.append(write_html(G, path, lang=lang, generated=generated, positions=positions, guides=guides,
                                  metrics=analysis.node_metrics, findings=analysis.findings, protect=protect))
    return written[0], written[1]
