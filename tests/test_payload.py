"""The map's data contract (verkosto.payload): its JSON Schema, every rendered payload checked
against it, the page script's view of it, and the bundling of the page's modules."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import networkx as nx
import pandas as pd
import pytest
from conftest import (
    XSS_ORGANISATION,
    XSS_PERSON,
    build_large_network,
    build_small_network,
    embedded_json,
    records,
)
from typer.testing import CliRunner

from cli import app
from verkosto import payload as contract
from verkosto.bundle import WEB, BundleError, bundle
from verkosto.coverage import FINDING_COLUMNS
from verkosto.render import page_texts, to_html, vis_version

VALIDATOR = jsonschema.Draft202012Validator(contract.json_schema())
# The service map page's own modules share the folder (tests/test_services_page.py).
SERVICE_PAGE_MODULES = {"services.js", "servicematrix.js"}
MAP_MODULES = [path for path in sorted(WEB.glob("*.js")) if path.name not in SERVICE_PAGE_MODULES]
METRICS = {"person:Aino Aalto": {"degree": 7, "betweenness": 0.25}, "group:Akaa: ohjausryhmä": {"degree": 5}}


def findings_frame() -> pd.DataFrame:
    return pd.DataFrame(
        [
            ("local-sectors", "gap", "group:Akaa: ohjausryhmä", "Akaa: ohjausryhmä", ["municipality"], "Akaa: ei kuntaa"),
            ("tier-sectors", "risk", None, "regional", [], f"Alueellinen taso {XSS_ORGANISATION}"),
        ],
        columns=["rule", "severity", "node", "subject", "missing", "message"],
    )


def page_payload(G, **kwargs) -> dict:
    """The payload as the page reads it: parsed back from the rendered HTML."""
    return embedded_json(to_html(G, generated="2025-01-15", **kwargs), "verkosto-payload")


def assert_valid(payload: dict) -> None:
    errors = sorted(VALIDATOR.iter_errors(payload), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


# --- the schema ------------------------------------------------------------------------------


def test_schema_is_valid_draft_2020_12_and_printed_by_the_module():
    schema = contract.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    printed = subprocess.run(
        [sys.executable, "-m", "verkosto.payload"], capture_output=True, text=True, check=True,
        cwd=Path(__file__).parents[1],
    )
    assert json.loads(printed.stdout) == schema
    assert schema["properties"]["schema_version"] == {"const": contract.SCHEMA_VERSION}
    # Every field is required but the change map's (verkosto.seasons) and the service map's (only
    # for a roster with a Services sheet).
    optional = {"changes", "services", "suggestions"}
    assert set(schema["required"]) == set(contract.Payload.__annotations__) - optional
    assert set(contract.Payload.__optional_keys__) == optional


def test_tables_are_generated_from_the_row_definitions():
    defs = contract.json_schema()["$defs"]
    assert defs["NodeTable"]["properties"]["columns"] == {"const": list(contract.NodeRow._fields)}
    assert defs["EdgeTable"]["properties"]["rows"] == {"type": "array", "items": {"$ref": "#/$defs/Edge"}}
    edge = defs["Edge"]
    assert edge["prefixItems"] == [{"type": "integer"}] * 3
    assert (edge["items"], edge["minItems"]) == (False, 3)
    assert defs["Finding"]["prefixItems"][1] == {"enum": ["gap", "risk", "note"]}
    assert defs["Facet"]["required"] == ["name", "label", "values", "labels", "of"]  # colors optional


@pytest.mark.parametrize(
    "graph, options",
    [
        (build_small_network, {}),
        (build_small_network, {"lang": "en", "layout": "force"}),
        (build_small_network, {"findings": findings_frame(), "metrics": METRICS, "size_by": "degree"}),
        (build_small_network, {"findings": pd.DataFrame(columns=FINDING_COLUMNS)}),
        (build_small_network, {"metrics": METRICS, "betweenness_sources": {"person": 500}}),
        (build_large_network, {}),
        (nx.MultiDiGraph, {}),
    ],
    ids=["small", "small-en-force", "small-findings-metrics", "no-findings", "estimated", "large", "empty"],
)
def test_rendered_payloads_match_the_schema(graph, options):
    assert_valid(page_payload(graph(), **options))


def test_the_metrics_say_how_betweenness_was_computed():
    estimated = page_payload(build_small_network(), metrics=METRICS, betweenness_sources={"person": 500})
    assert estimated["metrics"]["betweenness_sources"] == {"person": 500}
    assert "betweenness_sources" not in page_payload(build_small_network(), metrics=METRICS)["metrics"]
    broken = json.loads(json.dumps(estimated))
    broken["metrics"]["betweenness_sources"]["person"] = "500"
    assert [list(e.absolute_path) for e in VALIDATOR.iter_errors(broken)] == [["metrics"]]  # Metrics or null


def test_hostile_names_payload_matches_the_schema():
    G = build_small_network()
    G.graph["source"] = f"{XSS_ORGANISATION}.xlsx"
    G.nodes["person:Aino Aalto"]["label"] = "<!--</script>"
    findings = findings_frame()
    findings.loc[0, "message"] = XSS_PERSON
    payload = page_payload(G, findings=findings, title=XSS_PERSON)
    assert_valid(payload)
    assert records(payload["findings"])[0]["message"] == XSS_PERSON
    assert payload["source"] == f"{XSS_ORGANISATION}.xlsx"


def test_example_map_payload_matches_the_schema(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["map", "--size-by", "betweenness", "-o", "kartta.html"])
    assert result.exit_code == 0, result.output
    payload = embedded_json((tmp_path / "kartta.html").read_text(encoding="utf-8"), "verkosto-payload")
    assert_valid(payload)
    # 2025-2026: 473 persons, 83 organisations, 65 groups, 3 tiers
    assert len(payload["nodes"]["rows"]) == 624
    assert payload["findings"] is not None and payload["metrics"]["names"][0] == "degree"


def test_the_schema_rejects_what_the_page_cannot_read():
    payload = page_payload(build_small_network())
    broken = json.loads(json.dumps(payload))
    broken["nodes"]["columns"][0] = "identifier"
    broken["edges"]["rows"][0] = broken["edges"]["rows"][0][:2]
    broken["memberships"]["rows"][0][2] = "chair"
    broken["extra"] = 1
    paths = sorted(".".join(map(str, e.absolute_path)) for e in VALIDATOR.iter_errors(broken))
    assert paths == ["", "edges.rows.0", "memberships.rows.0.2", "nodes.columns"]
    assert not list(VALIDATOR.iter_errors(payload))


# --- the page script's side --------------------------------------------------------------------


def js_list(source: str, name: str) -> list[str]:
    return json.loads(re.search(rf"export const {name} = (\[.*?\]);", source).group(1))


def test_the_script_reads_the_version_and_columns_python_writes():
    table = (WEB / "table.js").read_text(encoding="utf-8")
    assert int(re.search(r"export const SCHEMA_VERSION = (\d+);", table).group(1)) == contract.SCHEMA_VERSION
    model = (WEB / "model.js").read_text(encoding="utf-8")
    assert js_list(model, "NODE_COLUMNS") == list(contract.NodeRow._fields)
    assert js_list(model, "LOOK_COLUMNS") == list(contract.LookRow._fields)
    assert js_list(model, "EDGE_COLUMNS") == list(contract.EdgeRow._fields)
    assert js_list(model, "EDGE_STYLE_COLUMNS") == list(contract.EdgeStyleRow._fields)
    assert js_list(model, "MEMBERSHIP_COLUMNS") == list(contract.MembershipRow._fields)
    assert js_list(model, "FINDING_COLUMNS") == list(contract.FindingRow._fields)
    assert js_list(model, "NOTE_COLUMNS") == list(contract.NoteRow._fields)


def test_every_string_the_script_names_is_sent_in_both_languages():
    source = "".join(path.read_text(encoding="utf-8") for path in MAP_MODULES)
    keys = set(re.findall(r'texts\["([\w.]+)"\]', source))
    prefixes = set(re.findall(r'texts\["([\w.]+\.)" \+', source))
    assert len(keys) > 20 and prefixes == {"kind.", "severity.", "field."}
    for lang in ("fi", "en"):
        sent = page_texts(lang)
        assert keys <= set(sent), keys - set(sent)
        assert all(any(k.startswith(p) for k in sent) for p in prefixes)
        assert not any(k.startswith(("static.", "legend")) for k in sent)  # only what the script shows


def test_vis_version_comes_from_the_bundle_banner():
    assert vis_version() == "9.1.2"
    settings = embedded_json(to_html(build_small_network()), "verkosto-settings")
    assert settings["vis_version"] == "9.1.2"
    assert set(settings) == {"options", "texts", "vis_version"}


# --- bundling ------------------------------------------------------------------------------------


def test_bundle_inlines_every_module_once_without_module_syntax():
    script = bundle()
    files = sorted(path.name for path in MAP_MODULES)
    assert sorted(re.findall(r"^// module \./(\S+)$", script, re.MULTILINE)) == files
    assert not re.search(r"^\s*(import|export)\b", script, re.MULTILINE)
    assert "</script" not in script.lower() and "<!--" not in script
    order = re.findall(r"^// module \./(\S+)$", script, re.MULTILINE)
    assert order.index("table.js") < order.index("model.js") < order.index("main.js") == len(order) - 1
    assert script == bundle.__wrapped__()  # the same text every time


def write_modules(folder: Path, modules: dict[str, str]) -> Path:
    for name, source in modules.items():
        (folder / name).write_text(source, encoding="utf-8")
    return folder


def test_bundle_renames_imports_and_runs_in_node(tmp_path):
    folder = write_modules(
        tmp_path,
        {
            "a.js": 'export const A = 2;\nexport function twice(x) { return x * A; }\n',
            "b.js": 'import { twice as double, A } from "./a.js";\nexport class B { get value() { return double(A); } }\n',
            "main.js": 'import { B } from "./b.js";\nimport {\n  A,\n} from "./a.js";\nglobalThis.result = [new B().value, A];\n',
        },
    )
    script = bundle.__wrapped__("main.js", folder)
    node = subprocess.run(["node", "-e", script + "\nconsole.log(JSON.stringify(globalThis.result));"],
                          capture_output=True, text=True, check=False)
    assert (node.returncode, node.stdout) == (0, "[4,2]\n"), node.stderr
    assert script.count("// module ./a.js") == 1


@pytest.mark.parametrize(
    "source, message",
    [
        ("export default function f() {}\n", r"x\.js, line 1: unsupported export"),
        ('import * as a from "./a.js";\n', r"x\.js, line 1: unsupported import"),
        ('import { a } from "https://example.org/a.js";\n', r"x\.js, line 1: unsupported import"),
        ("const a = 1;\nexport { a };\n", r"x\.js, line 2: unsupported export"),
        ('const s = "</script>";\n', r"x\.js: holds '</script'"),
    ],
)
def test_bundle_refuses_what_it_cannot_inline(tmp_path, source, message):
    folder = write_modules(tmp_path, {"main.js": 'import { a } from "./x.js";\n', "x.js": source})
    with pytest.raises(BundleError, match=message):
        bundle.__wrapped__("main.js", folder)


def test_bundle_refuses_an_import_cycle(tmp_path):
    folder = write_modules(
        tmp_path,
        {"main.js": 'import { a } from "./a.js";\n', "a.js": 'import { b } from "./b.js";\nexport const a = 1;\n',
         "b.js": 'import { a } from "./a.js";\nexport const b = 2;\n'},
    )
    with pytest.raises(BundleError, match=r"import cycle: main\.js -> a\.js -> b\.js -> a\.js"):
        bundle.__wrapped__("main.js", folder)


def test_the_script_never_parses_text_as_html():
    # ESLint refuses these too (eslint.config.js); this holds when only pytest runs.
    for path in sorted(WEB.glob("*.js")):
        code = re.sub(r"//.*", "", path.read_text(encoding="utf-8"))
        assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(", code), path.name
