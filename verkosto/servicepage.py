"""The service map page: one offline HTML file with the matrix task × client group.

Like the network map (:mod:`verkosto.render`): a Jinja template with autoescape, the data in a
``<script type="application/json">`` element, and the page's own ES modules
(``verkosto/web/services.js``) inlined by :mod:`verkosto.bundle`. No request leaves the page,
and roster text is only ever set as text.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import jinja2
from markupsafe import Markup

from .analysis import Analysis
from .bundle import WEB, bundle
from .i18n import TEXTS, current_language, text
from .output import write_atomic
from .render import _script_json, page_template
from .schema import SERVICE_FORMS, SERVICE_LEVELS, label
from .services import ServiceMap

__all__ = ["PAYLOAD_VERSION", "services_payload", "to_html", "write_page"]

PAYLOAD_VERSION = 1
_TEXTS = ("services.", "column.", "season", "source", "map.generated")
SERVICE_ROW_COLUMNS = ["service", "organisation", "municipality", "task", "client_group", "level", "form", "place"]


def services_payload(services: ServiceMap, lang: str) -> dict:
    """The page's data: vocabularies with their names, municipalities, service rows and findings
    (canonical ids; names only in the ``label`` fields and ``texts``)."""
    vocabulary = services.vocabulary
    rows = services.services[SERVICE_ROW_COLUMNS]
    findings = services.to_dict()
    return {
        "version": PAYLOAD_VERSION,
        "tasks": [{"id": t, "label": vocabulary.label("task", t, lang)} for t in vocabulary.tasks],
        "client_groups": [{"id": c, "label": vocabulary.label("client_group", c, lang)} for c in vocabulary.client_groups],
        "not_applicable": sorted([list(cell) for cell in vocabulary.not_applicable]),
        "levels": [{"id": v, "label": label("service_level", v, lang)} for v in SERVICE_LEVELS],
        "forms": [{"id": v, "label": label("service_form", v, lang)} for v in SERVICE_FORMS],
        "municipalities": [{"name": m, "region": r} for m, r in
                           zip(services.municipalities["municipality"], services.municipalities["region"])],
        "regions": sorted({r for r in services.municipalities["region"] if r}),
        "services": {"columns": SERVICE_ROW_COLUMNS, "rows": [list(row) for row in rows.itertuples(index=False)]},
        **findings,
        "texts": {k: v for k, v in TEXTS[lang].items() if k.startswith(_TEXTS)},
    }


def _template() -> jinja2.Template:
    return page_template("services.html.j2")


def to_html(analysis: Analysis, *, lang: str | None = None, title: str | None = None,
            generated: str | None = None) -> str:
    """The service map page of *analysis* as one HTML document."""
    lang = lang or current_language()
    payload = services_payload(analysis.services, lang)
    return _template().render(
        lang=lang,
        title=title or text("services.page.title", lang),
        season=analysis.season or "",
        source=analysis.source,
        generated=generated or dt.date.today().isoformat(),
        texts=payload["texts"],
        payload_json=_script_json(payload),
        page_css=Markup((WEB / "services.css").read_text(encoding="utf-8")),
        page_js=Markup(bundle("services.js")),
    )


def write_page(analysis: Analysis, path: str | os.PathLike, *, lang: str | None = None, title: str | None = None,
               generated: str | None = None, protect=()) -> Path:
    """Write :func:`to_html` to *path* (atomically, never over the input roster)."""
    return write_atomic(path, to_html(analysis, lang=lang, title=title, generated=generated), protect=protect)
