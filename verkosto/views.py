"""The views of one :class:`~verkosto.analysis.Analysis`: the map, the images, the tables.

Each function takes the analysis and writes or returns one view; the command line calls
exactly one of them per command, and a notebook can call the same.
"""

from __future__ import annotations

import os
from pathlib import Path

from .analysis import Analysis
from .errors import OutputError
from .i18n import current_language, text

__all__ = ["MAP_FORMATS", "IMAGE_FORMATS", "broker_notes", "write_map", "write_coverage_image"]

IMAGE_FORMATS = (".png", ".svg", ".pdf")
MAP_FORMATS = (".html", *IMAGE_FORMATS)


def broker_notes(analysis: Analysis, lang: str | None = None) -> dict[str, str]:
    """Each organisation's dominant Gould–Fernandez role between sectors, in words
    ("portinvartija sektorille Järjestö"), for the map's side panel; brokers only."""
    from .present import broker_role_text

    roles = analysis.brokerage_roles("sector")
    texts = {r["node"]: broker_role_text(r, lang, by="sector") for r in roles.to_dict("records")}
    return {node: line for node, line in texts.items() if line}


def write_map(
    analysis: Analysis,
    path: str | os.PathLike,
    *,
    layout: str = "tiers",
    lang: str | None = None,
    title: str | None = None,
    size_by: str | None = None,
    generated: str | None = None,
    paper: str | None = None,
    protect=(),
) -> Path:
    """Draw the network map: an interactive ``.html`` page, or a ``.png``/``.svg``/``.pdf`` image.

    The page shows every node's metrics and the groups' findings; both come from *analysis*,
    computed once. See :func:`verkosto.render.to_html` and :func:`verkosto.static.draw_map`
    for *layout*, *title*, *size_by* and *generated*; *paper* (``slide``, ``a4``, ``a3``)
    is the page of an image, which marks the nodes with findings as the page does.

    Raises
    ------
    OutputError
        For another file suffix, a missing folder, the input roster as output, or a *paper*
        for an ``.html`` page (a page has no paper size).
    """
    lang = lang or current_language()
    suffix = Path(path).suffix.lower()
    if suffix == ".html":
        from .render import write_html

        if paper is not None:
            raise OutputError(text("output.paper_html", lang, path=str(path)))
        return write_html(
            analysis.graph,
            path,
            layout=layout,
            lang=lang,
            title=title,
            size_by=size_by,
            metrics=analysis.node_metrics,
            findings=analysis.findings,
            notes=broker_notes(analysis, lang),
            generated=generated,
            protect=protect,
        )
    if suffix in IMAGE_FORMATS:
        from .static import draw_map

        return draw_map(
            analysis.graph,
            path,
            layout=layout,
            lang=lang,
            title=title,
            size_by=size_by,
            metrics=analysis.node_metrics,
            findings=analysis.findings,
            paper=paper or "slide",
            protect=protect,
        )
    raise OutputError(text("output.map_format", lang, path=str(path), suffix=suffix))


def write_coverage_image(
    analysis: Analysis, path: str | os.PathLike, *, lang: str | None = None, protect=()
) -> Path:
    """The coverage matrices as heatmaps with the first findings beside them (``.png/.svg/.pdf``)."""
    from .static import draw_coverage

    return draw_coverage(
        analysis.matrices, path, lang=lang or current_language(), findings=analysis.findings, protect=protect
    )
