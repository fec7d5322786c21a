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
    "service_sheets",
    "service_tables",
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
        return write_xlsx(path, service_sheets(analysis, lang), protect=protect)
    if suffix == ".csv":
        return write_atomic(path, to_csv(findings_frame(analysis.services)).encode("utf-8"), protect=protect)
    if suffix in (".png", ".svg", ".pdf"):
        from .static import draw_services

        return draw_services(analysis.services, path, lang=lang, title=title, protect=protect)
    raise OutputError("services.output_format", path=str(path), suffix=suffix, allowed=SERVICE_FORMATS)
