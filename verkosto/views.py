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

__all__ = [
    "MAP_FORMATS", "IMAGE_FORMATS", "broker_notes", "organisation_services", "opportunity_edges", "write_map",
    "write_coverage_image", "write_indicators",
]

IMAGE_FORMATS = (".png", ".svg", ".pdf")
MAP_FORMATS = (".html", *IMAGE_FORMATS)
# Sizing nodes by these needs every node's exact value: an estimate would reorder the sizes.
_EXACT_SIZE_BY = ("betweenness", "closeness")


def broker_notes(analysis: Analysis, lang: str | None = None) -> dict[str, str]:
    """Each organisation's dominant Gould–Fernandez role between sectors, in words
    ("portinvartija sektorille Järjestö"), for the map's side panel; brokers only."""
    from .present import broker_role_text

    roles = analysis.brokerage_roles("sector")
    texts = {r["node"]: broker_role_text(r, lang, by="sector") for r in roles.to_dict("records")}
    return {node: line for node, line in texts.items() if line}


def organisation_services(analysis: Analysis, lang: str | None = None) -> dict[str, list[tuple[str, str]]] | None:
    """The services of each organisation for the map's side panel, or None when the roster has
    no Services sheet (:func:`verkosto.servicemap.organisation_services`)."""
    if analysis.roster is None or not len(analysis.roster.services):
        return None
    from .servicemap import organisation_services as services_of

    return services_of(analysis.services, lang)


def opportunity_edges(analysis: Analysis, lang: str | None = None) -> list[tuple[str, str, str]] | None:
    """The service map's collaboration opportunities as suggestion edges for the map, or None
    when the roster has no Services sheet (:func:`verkosto.servicemap.opportunity_edges`)."""
    if analysis.roster is None or not len(analysis.roster.services):
        return None
    from .servicemap import opportunity_edges as edges_of

    return edges_of(analysis.services, lang)


def write_map(
    analysis: Analysis,
    path: str | os.PathLike,
    *,
    layout: str = "tiers",
    lang: str | None = None,
    title: str | None = None,
    size_by: str | None = None,
    generated: str | None = None,
    views: str | os.PathLike | None = None,
    paper: str | None = None,
    exact: bool = False,
    protect=(),
) -> Path:
    """Draw the network map: an interactive ``.html`` page, or a ``.png``/``.svg``/``.pdf`` image.

    The page shows every node's metrics and the groups' findings, and with
    ``analyse(..., indicators=...)`` the municipal indicators in the side panels of local groups
    and municipalities; all come from *analysis*, computed once. See :func:`verkosto.render.to_html`
    and :func:`verkosto.static.draw_map` for *layout*, *title*, *size_by* and *generated*; *views* is a
    TOML file of the planner's saved views for the page (:func:`verkosto.saved_views.load_views`);
    *paper* (``slide``, ``a4``, ``a3``) is the page of an image, which marks the nodes with findings
    as the page does.

    On a network of more than :data:`verkosto.analysis.MAP_SAMPLE` nodes the side panel's
    betweenness is estimated from a seeded sample of sources and closeness is left out, and the
    page says so (:meth:`verkosto.analysis.Analysis.map_metrics`); *exact*, or a *size_by* of
    betweenness or closeness, computes every value exactly. An image needs metrics only to size
    its nodes.

    Raises
    ------
    OutputError
        For another file suffix, a missing folder, the input roster as output, or a *paper*
        for an ``.html`` page (a page has no paper size).
    ViewsError
        For a views file that cannot be read or holds an invalid view.
    """
    lang = lang or current_language()
    suffix = Path(path).suffix.lower()

    exact = exact or size_by in _EXACT_SIZE_BY

    def common(metrics) -> dict:
        """What the page and the image share: the analysis' findings (computed once), and *metrics*."""
        return dict(layout=layout, lang=lang, title=title, size_by=size_by, metrics=metrics,
                    findings=analysis.findings, protect=protect)

    if suffix == ".html":
        from .indicators import map_section
        from .render import write_html
        from .saved_views import load_views

        if paper is not None:
            raise OutputError(text("output.paper_html", lang, path=str(path)))
        data = analysis.municipal_indicators
        panel = analysis.map_metrics(exact=exact)
        return write_html(
            analysis.graph,
            path,
            **common(panel.values),
            betweenness_sources=panel.betweenness_sources or None,
            notes=broker_notes(analysis, lang),
            services=organisation_services(analysis, lang),
            suggestions=opportunity_edges(analysis, lang),
            views=None if views is None else load_views(views, analysis.graph),
            generated=generated,
            indicators=None if data is None else map_section(data, analysis.municipalities, lang),
        )
    if suffix in IMAGE_FORMATS:
        from .static import draw_map

        metrics = None if size_by is None else analysis.map_metrics(exact=exact).values
        return draw_map(analysis.graph, path, **common(metrics), paper=paper or "slide")
    raise OutputError(text("output.map_format", lang, path=str(path), suffix=suffix))


def write_coverage_image(
    analysis: Analysis, path: str | os.PathLike, *, lang: str | None = None, protect=()
) -> Path:
    """The coverage matrices as heatmaps with the first findings beside them (``.png/.svg/.pdf``)."""
    from .static import draw_coverage

    return draw_coverage(
        analysis.matrices, path, lang=lang or current_language(), findings=analysis.findings, protect=protect
    )


def write_indicators(
    analysis: Analysis,
    path: str | os.PathLike,
    *,
    highlight=(),
    lang: str | None = None,
    protect=(),
) -> Path:
    """The analysis' municipal indicators: a small-multiples chart (``.png/.svg/.pdf``), a
    workbook (``.xlsx``, the report's indicator sheet) or the canonical table (``.csv``, ``.json``).

    The county is the roster's municipalities; *highlight* names those drawn in colour.

    Raises
    ------
    OutputError
        For another suffix, a missing folder or the input roster as output.
    ValueError
        If the analysis has no indicators (``analyse(..., indicators=...)``).
    """
    from .indicators import latest_table

    data = analysis.municipal_indicators
    if data is None:
        raise ValueError("the analysis has no municipal indicators: analyse(..., indicators=path)")
    lang = lang or current_language()
    suffix = Path(path).suffix.lower()
    if suffix in IMAGE_FORMATS:
        from .static import draw_indicators

        return draw_indicators(data, path, municipalities=analysis.municipalities, highlight=highlight, lang=lang,
                               protect=protect)
    if suffix == ".xlsx":
        from .export import write_xlsx
        from .report import indicator_sheet

        return write_xlsx(Path(path), {text("sheet.municipal_indicators", lang): indicator_sheet(analysis, lang)},
                          protect=protect)
    if suffix in (".csv", ".json"):
        from .export import to_csv, to_json
        from .output import write_atomic

        table = latest_table(data, analysis.municipalities)
        return write_atomic(path, to_csv(table) if suffix == ".csv" else to_json(table), protect=protect)
    raise OutputError("output.indicators_format", file=str(path), suffix=suffix)
