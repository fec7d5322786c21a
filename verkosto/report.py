"""The Excel report for the steering group: key figures, findings, centrality, brokers, coverage."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .analysis import Analysis
from .coverage import gap_cells
from .export import Sheet, write_xlsx
from .i18n import current_language, text
from .metrics import BROKER_ROLES as ROLES
from .present import broker_roles_guide, findings_table, headers, matrix_table, translate

__all__ = ["FIGURES", "figures_guide", "indicator_sheet", "report_sheets", "write_report"]

#: The report's sheets in order (catalogue keys ``sheet.<name>``).
SHEET_ORDER = (
    "about",
    "summary",
    "findings",
    "persons",
    "organisations",
    "brokers",
    "broker_roles",
    "broker_roles_guide",
    "tier_links",
    "cut_points",
    "sector_tier",
    "sector_group",
    "municipality_sector",
    "figures_guide",  # the network's sheets end with the guide; indicator and comparison sheets follow
)

#: The figures the guide sheet explains, with the sheets they appear on, in reading order.
FIGURES = (
    ("persons", ("summary",)),
    ("organisations", ("summary",)),
    ("groups", ("summary", "brokers")),
    ("memberships", ("summary",)),
    ("collaboration_ties", ("summary",)),
    ("density", ("summary",)),
    ("components", ("summary",)),
    ("average_degree", ("summary",)),
    ("degree_centralization", ("summary",)),
    ("degree", ("persons", "organisations")),
    ("weighted_degree", ("persons", "organisations")),
    ("betweenness", ("persons", "organisations")),
    ("closeness", ("persons", "organisations")),
    ("eigenvector", ("persons", "organisations")),
    ("constraint", ("organisations",)),
    ("effective_size", ("organisations",)),
    ("n_tiers", ("brokers",)),
    ("n_regions", ("brokers",)),
    ("n_groups", ("brokers",)),
    ("broker_roles", ("broker_roles", "broker_roles_guide")),
    ("n_linkers", ("tier_links",)),
    ("n_cut_off", ("cut_points",)),
    ("n_cut_off_persons", ("cut_points",)),
    ("coverage", ("sector_tier", "sector_group", "municipality_sector")),
)
#: Sheets that can have no rows, and so carry a note saying why (catalogue ``print.empty.<name>``).
_NOTES = ("findings", "brokers", "broker_roles", "tier_links", "cut_points")


def _about(analysis: Analysis, lang: str, generated: str | None):
    import pandas as pd

    rows = [
        ("source", analysis.source),
        ("season", analysis.season or ""),
        ("generated", generated or dt.date.today().isoformat()),
        ("software", "verkosto"),
        ("pseudonyms", text("about.pseudonyms_" + ("on" if analysis.pseudonymized else "off"), lang)),
    ]
    if analysis.pseudonymized:
        level = analysis.pseudonym_level or "organisation"
        from .privacy import IDENTIFYING

        unique = [p for p in analysis.warnings if p.key in IDENTIFYING.values()]
        rows += [
            ("pseudonym_level", text(f"about.pseudonym_level.{level}", lang)),
            ("pseudonyms_identifiable", unique[0].render(lang).partition(": ")[2] if unique else text("about.pseudonyms_safe", lang)),
        ]
    if analysis.municipal_indicators is not None:
        from .indicators import attribution

        rows.append(("indicators", attribution(analysis.municipal_indicators, lang)))
    items = [text("indicators.about" if k == "indicators" else f"about.{k}", lang) for k, _ in rows]
    return pd.DataFrame({"item": items, "value": [v for _, v in rows]})


def indicator_sheet(analysis: Analysis, lang: str | None = None) -> Sheet:
    """The municipal indicators sheet: each of the roster's municipalities × each indicator, with
    the latest year's value, the change since the first year, the trend and the county median;
    the last row names the source and licence."""
    import pandas as pd

    from .indicators import attribution, indicator_words

    data = analysis.municipal_indicators
    if data is None:
        raise ValueError("the analysis has no municipal indicators: analyse(..., indicators=path)")
    table, names = indicator_words(data, analysis.municipalities, lang)
    note = pd.DataFrame([{"indicator": attribution(data, lang)}], columns=table.columns)
    frame = pd.concat([table, note], ignore_index=True)
    frame[["latest_year", "first_year"]] = frame[["latest_year", "first_year"]].astype("Int64")
    return Sheet(frame, names)


#: The organisations' Gould–Fernandez roles in the report: counts, then z-scores.
BROKER_ROLE_COLUMNS = [
    "label",
    "sector",
    *ROLES,
    "total",
    *(f"{role}_z" for role in ROLES),
]


def figures_guide(lang: str | None = None):
    """The guide sheet: each figure of the report, the sheets showing it and what it means.

    Returns ``figure, where, explanation``, one row per entry of :data:`FIGURES`.
    """
    import pandas as pd

    lang = lang or current_language()
    names = {**headers(lang), "groups": text("column.group_count", lang)}
    names["broker_roles"] = text("sheet.broker_roles", lang)
    names["coverage"] = text("static.coverage_title", lang)
    rows = [
        {
            "figure": names[key],
            "where": ", ".join(text(f"sheet.{sheet}", lang) for sheet in sheets),
            "explanation": text(f"print.explain.{key}", lang),
        }
        for key, sheets in FIGURES
    ]
    return pd.DataFrame(rows, columns=["figure", "where", "explanation"])


def _gap_positions(matrix, cells) -> set[tuple[int, int]]:
    """(row, column) positions in a sector × … matrix of the (sector, column) gaps the rules find."""
    rows = {str(s): i for i, s in enumerate(matrix.index)}
    columns = {str(c): j for j, c in enumerate(matrix.columns)}
    return {(rows[s], columns[c]) for s, c in cells if s in rows and c in columns}


def _persons(analysis: Analysis):
    """The persons' centrality with each person's organisation beside the name."""
    persons = analysis.centrality("persons").merge(
        analysis.brokerage[["node", "organisation"]], on="node", how="left"
    )
    columns = list(persons.columns)
    columns.remove("organisation")
    columns.insert(columns.index("label") + 1, "organisation")
    return persons[columns]


def _broker_roles(analysis: Analysis):
    """The organisations' brokerage roles between sectors in the directed collaboration network."""
    return analysis.brokerage_roles("sector")[BROKER_ROLE_COLUMNS]


def report_sheets(
    analysis: Analysis,
    *,
    lang: str | None = None,
    generated: str | None = None,
    previous: Analysis | None = None,
) -> dict[str, Sheet]:
    """The report's sheets, in order, named in *lang*; see :func:`write_report`."""
    lang = lang or current_language()
    names = headers(lang)
    organisations = analysis.centrality("organisations").merge(
        analysis.structural_holes[["node", "constraint", "effective_size"]], on="node", how="left"
    )
    tables = {
        "about": Sheet(_about(analysis, lang, generated), names),
        "summary": Sheet(translate(analysis.indicators, lang), {**names, "groups": text("column.group_count", lang)}),
        "findings": Sheet(findings_table(analysis.findings, lang, analysis.rules), names),
        "persons": Sheet(translate(_persons(analysis).drop(columns="node"), lang), names),
        "organisations": Sheet(translate(organisations.drop(columns="node"), lang), names),
        "brokers": Sheet(translate(analysis.brokerage.drop(columns="node"), lang), names, wide=["groups"]),
        "broker_roles": Sheet(translate(_broker_roles(analysis), lang), names),
        "broker_roles_guide": Sheet(
            broker_roles_guide(analysis.brokerage_roles_overall("sector"), lang), names, wide=["explanation"]
        ),
        "tier_links": Sheet(translate(analysis.tier_links, lang), names),
        "cut_points": Sheet(translate(analysis.articulation_points.drop(columns="node"), lang), names),
        "figures_guide": Sheet(figures_guide(lang), names, wide=["explanation"]),
    }
    for name in _NOTES:
        tables[name].note = text(f"print.empty.{name}", lang)
    gaps = gap_cells(analysis.findings)
    for name, matrix in analysis.matrices.items():
        marks = _gap_positions(matrix, gaps.get(name, ()))
        if name == "sector_group":  # 63 groups read down a page, not across it: groups are the rows
            matrix, marks = matrix.T, {(c, r) for r, c in marks}
        cells = {(r, c + 1) for r, c in marks}  # the index is the sheet's first column
        tables[name] = Sheet(matrix_table(matrix, lang), names, highlight_zero=True, index=True, marks=cells)
    sheets = {text(f"sheet.{key}", lang): tables[key] for key in SHEET_ORDER}
    if analysis.municipal_indicators is not None:
        sheets[text("sheet.municipal_indicators", lang)] = indicator_sheet(analysis, lang)
    if previous is not None:
        from .season_views import comparison_sheets
        from .seasons import compare

        sheets.update(comparison_sheets(compare(previous, analysis), lang=lang))
    if analysis.roster is not None and len(analysis.roster.services):
        from .servicemap import service_sheets

        sheets.update(service_sheets(analysis, lang))  # format v1.1: only a roster with services
    return sheets


def write_report(
    analysis: Analysis,
    path: str | Path,
    *,
    lang: str | None = None,
    generated: str | None = None,
    previous: Analysis | None = None,
    protect=(),
) -> Path:
    """Write the planner's workbook.

    Sheets: about (source, season, date, whether names are pseudonymised), summary (key
    figures overall, per tier and per region), the rule findings (with the rules' titles),
    centrality of persons (with their organisation) and of organisations (with Burt's constraint and effective size),
    brokers (persons spanning tiers and groups), the organisations' Gould–Fernandez brokerage
    roles between sectors in the directed collaboration network (counts and z-scores) and a
    sheet explaining each role with the whole network's counts, tier links, cut points, the coverage
    matrices with zeros grey and the rules' gaps red (groups as rows), a sheet explaining each figure
    (:func:`figures_guide`), and — when the roster has a Services sheet — the service map's sheets
    (:func:`verkosto.servicemap.service_sheets`); a sheet with no rows says why. Every sheet prints
    on A4 landscape, one page wide, the header row repeated and the sheet's name and page in the
    footer; whole numbers are integers, other numbers have three decimals. Headers are frozen,
    columns sized and filtered;
    every text cell is written as text, so a name such as ``=HYPERLINK(...)`` never
    becomes a formula.

    Parameters
    ----------
    analysis : Analysis
        From :func:`verkosto.analyse`.
    path : str or Path
        The ``.xlsx`` file to write.
    lang : {"fi", "en"}, optional
        Default: the current language (:func:`verkosto.i18n.current_language`).
    generated : str, optional
        Date shown on the about sheet (default: today).
    previous : Analysis, optional
        The season before: the change sheets of :func:`verkosto.season_views.comparison_sheets`
        (key figures, actors, groups, roles, continuity risks, findings) follow the others.
    protect : iterable of paths
        Files never to overwrite (the input roster).
    """
    lang = lang or current_language()
    sheets = report_sheets(analysis, lang=lang, generated=generated, previous=previous)
    return write_xlsx(path, sheets, protect=protect, footer=text("print.footer", lang))
