"""The views of the service map: tables in words, the Excel sheets, CSV, the page and the image.

:attr:`verkosto.analysis.Analysis.services` computes the map (:mod:`verkosto.services`);
every function here turns it into something a person reads, in Finnish or English.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from .analysis import Analysis
from .errors import OutputError
from .export import Sheet, to_csv, write_xlsx
from .i18n import current_language, text
from .present import headers
from .schema import label
from .services import ServiceMap

__all__ = [
    "SERVICE_FORMATS",
    "findings_frame",
    "findings_words",
    "summary",
    "opportunity_edges",
    "organisation_services",
    "service_sheets",
    "service_tables",
    "draw_services",
    "write_services",
]

SERVICE_FORMATS = (".html", ".xlsx", ".csv", ".png", ".svg", ".pdf")
FINDING_COLUMNS = ["finding", "municipality", "task", "client_group", "form", "level", "organisations"]


def findings_frame(services: ServiceMap) -> pd.DataFrame:
    """Gaps, overlaps and opportunities as one canonical table (``finding`` = ``gap``,
    ``overlap`` or ``opportunity``), as ``--format csv`` writes it."""
    parts = [
        services.gaps.assign(finding="gap", form="", level="", organisations=[()] * len(services.gaps)),
        services.overlaps.assign(finding="overlap"),
        services.opportunities.assign(finding="opportunity", form="", level=""),
    ]
    return pd.concat([p.reindex(columns=FINDING_COLUMNS) for p in parts], ignore_index=True)


def findings_words(services: ServiceMap, lang: str | None = None) -> pd.DataFrame:
    """:func:`findings_frame` in words, for the terminal."""
    return _words(services, findings_frame(services), lang or current_language())


def summary(services: ServiceMap, lang: str | None = None) -> str:
    """One line: how many gaps, overlaps and opportunities."""
    if not (len(services.gaps) or len(services.overlaps) or len(services.opportunities)):
        return text("services.none", lang)
    return text("services.summary", lang, gaps=len(services.gaps), overlaps=len(services.overlaps),
                opportunities=len(services.opportunities))


def _words(services: ServiceMap, frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A canonical table with tasks, client groups, levels, forms and sectors in words."""
    vocabulary = services.vocabulary
    frame = frame.copy()
    for column in ("task", "client_group"):
        if column in frame:
            frame[column] = frame[column].map(lambda v, c=column: vocabulary.label(c, v, lang))
    for column, name in (("level", "service_level"), ("form", "service_form"), ("sector", "sector")):
        if column in frame:
            frame[column] = frame[column].map(lambda v, n=name: label(n, v, lang) if v else "")
    if "finding" in frame:
        frame["finding"] = frame["finding"].map(lambda v: text(f"services.finding.{v}", lang))
    return frame


def matrix_words(services: ServiceMap, lang: str, **where) -> pd.DataFrame:
    """The task × client group counts (:meth:`ServiceMap.matrix`) with names for ids."""
    vocabulary = services.vocabulary
    matrix = services.matrix(**where)
    shown = matrix.rename(
        index=lambda v: vocabulary.label("task", v, lang), columns=lambda v: vocabulary.label("client_group", v, lang)
    )
    shown.index.name = text("services.matrix_corner", lang)
    shown.columns.name = None
    return shown


def organisation_services(services: ServiceMap, lang: str | None = None) -> dict[str, list[tuple[str, str]]]:
    """``{organisation node id: [(service, "tasks · client groups · municipalities"), ...]}``
    in words, for the network map's side panel; services in name order."""
    lang = lang or current_language()
    vocabulary = services.vocabulary
    every = len(services.municipalities)
    result: dict[str, list[tuple[str, str]]] = {}
    for (organisation, service), rows in services.services.groupby(["organisation", "service"], sort=True):
        tasks = ", ".join(vocabulary.label("task", t, lang) for t in dict.fromkeys(rows["task"]))
        groups = ", ".join(vocabulary.label("client_group", c, lang) for c in dict.fromkeys(rows["client_group"]))
        places = sorted(set(rows["municipality"]))
        where = text("services.all_municipalities", lang) if len(places) == every > 1 else ", ".join(places)
        result.setdefault(f"organisation:{organisation}", []).append((service, f"{tasks} · {groups} · {where}"))
    return result


def opportunity_edges(services: ServiceMap, lang: str | None = None) -> list[tuple[str, str, str]]:
    """One suggestion edge per pair of organisations with collaboration opportunities:
    ``(organisation node id, organisation node id, "municipality: task · client group; …")``."""
    lang = lang or current_language()
    vocabulary = services.vocabulary
    cells: dict[tuple[str, str], list[str]] = {}
    for row in services.opportunities.to_dict(orient="records"):
        a, b = row["organisations"]
        cells.setdefault((a, b), []).append(
            f"{row['municipality']}: {vocabulary.label('task', row['task'], lang)} · "
            f"{vocabulary.label('client_group', row['client_group'], lang)}"
        )
    heading = text("services.finding.opportunity", lang)
    return [(f"organisation:{a}", f"organisation:{b}", f"{heading}\n" + "\n".join(lines))
            for (a, b), lines in sorted(cells.items())]


def service_tables(services: ServiceMap, lang: str | None = None) -> dict[str, pd.DataFrame]:
    """The service map's tables in words, keyed ``services, service_matrix, service_gaps,
    service_overlaps, service_opportunities`` (canonical headers; see :func:`headers`)."""
    lang = lang or current_language()
    listed = services.services[["service", "organisation", "sector", "municipality", "region", "task", "client_group",
                                "level", "form", "place"]]
    return {
        "services": _words(services, listed, lang),
        "service_matrix": matrix_words(services, lang),
        "service_gaps": _words(services, services.gaps, lang),
        "service_overlaps": _words(services, services.overlaps, lang),
        "service_opportunities": _words(services, services.opportunities, lang),
    }


def service_sheets(analysis: Analysis, lang: str | None = None) -> dict[str, Sheet]:
    """The service map's sheets for a workbook, named in *lang* (the report adds them)."""
    lang = lang or current_language()
    names = headers(lang)
    sheets = {}
    for key, frame in service_tables(analysis.services, lang).items():
        matrix = key == "service_matrix"
        sheets[text(f"sheet.{key}", lang)] = Sheet(frame, names, highlight_zero=matrix, index=matrix)
    return sheets


def write_services(
    analysis: Analysis,
    path: str | os.PathLike,
    *,
    lang: str | None = None,
    title: str | None = None,
    generated: str | None = None,
    protect=(),
) -> Path:
    """Write the service map: an offline ``.html`` page, an ``.xlsx`` workbook, the findings as
    ``.csv`` (canonical ids), or the matrix as a ``.png``/``.svg``/``.pdf`` image.

    Raises
    ------
    OutputError
        For another suffix, a missing folder or the input roster as output.
    """
    from .output import write_atomic

    lang = lang or current_language()
    suffix = Path(path).suffix.lower()
    if suffix == ".html":
        from .servicepage import write_page

        return write_page(analysis, path, lang=lang, title=title, generated=generated, protect=protect)
    if suffix == ".xlsx":
        return write_xlsx(Path(path), service_sheets(analysis, lang), protect=protect)
    if suffix == ".csv":
        return write_atomic(path, to_csv(findings_frame(analysis.services)).encode("utf-8"), protect=protect)
    if suffix in (".png", ".svg", ".pdf"):
        return draw_services(analysis.services, path, lang=lang, title=title, protect=protect)
    raise OutputError("services.output_format", path=str(path), suffix=suffix, allowed=SERVICE_FORMATS)


def draw_services(services: ServiceMap, path: str | os.PathLike, *, lang: str | None = None,
                  title: str | None = None, protect=()) -> Path:
    """The matrix task × client group as an image (``.png``, ``.svg``, ``.pdf``): the number of
    services in each cell, and under it in red the number of municipalities with a gap; cells
    not applicable grey. Follows :mod:`verkosto.static`: DejaVu Sans, no math text, the same
    bytes for the same map."""
    import numpy as np
    from matplotlib.patches import Rectangle

    from .static import _CMAP, _GAP_COLOR, _TEXT_COLOR, _figure, _format_of, _save, short_label

    lang = lang or current_language()
    fmt = _format_of(path)
    vocabulary = services.vocabulary
    counts = services.matrix()
    gaps = services.gaps.groupby(["task", "client_group"]).size().to_dict()
    rows, cols = counts.shape
    fig = _figure((2.2 + 1.25 * cols, 1.6 + 0.62 * rows))
    ax = fig.add_axes((0.22, 0.06, 0.70, 0.72))
    values = counts.to_numpy(dtype=float)
    shown = values.copy()
    for r, task in enumerate(counts.index):
        for c, group in enumerate(counts.columns):
            if not vocabulary.applicable(task, group):
                shown[r, c] = np.nan
    top = max(float(np.nanmax(shown)) if not np.isnan(shown).all() else 1.0, 1.0)
    ax.imshow(np.ma.masked_invalid(shown), cmap=_CMAP, vmin=0, vmax=top * 1.6, aspect="auto", interpolation="nearest")
    ax.set_xticks(range(cols), [short_label(vocabulary.label("client_group", c, lang), 22) for c in counts.columns],
                  fontsize=7, rotation=30, ha="left")
    ax.xaxis.tick_top()
    ax.set_yticks(range(rows), [short_label(vocabulary.label("task", t, lang), 34) for t in counts.index], fontsize=7)
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    for r, task in enumerate(counts.index):
        for c, group in enumerate(counts.columns):
            if np.isnan(shown[r, c]):
                ax.add_patch(Rectangle((c - 0.5, r - 0.5), 1, 1, color="#eeeeee"))
                ax.text(c, r, "–", ha="center", va="center", fontsize=8, color="#888888")
                continue
            missing = gaps.get((task, group), 0)
            ax.text(c, r - (0.12 if missing else 0), f"{int(values[r, c])}", ha="center", va="center", fontsize=9,
                    fontweight="bold", color=_TEXT_COLOR)
            if missing:
                ax.add_patch(Rectangle((c - 0.46, r - 0.46), 0.92, 0.92, fill=False, edgecolor=_GAP_COLOR, linewidth=1.4))
                ax.text(c, r + 0.22, text("services.page.gap_badge", lang, n=missing), ha="center", va="center",
                        fontsize=5.5, color=_GAP_COLOR)
    fig.text(0.02, 0.97, title or text("services.page.title", lang), fontsize=13, fontweight="bold", va="top",
             color=_TEXT_COLOR)
    fig.text(0.02, 0.925, summary(services, lang), fontsize=8, va="top", color=_TEXT_COLOR)
    return _save(fig, path, fmt, protect)
