"""Tests of verkosto.static: map and coverage images in PNG, SVG and PDF."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest
from conftest import (
    TEMPLATE_GROUP,
    XSS_ORGANISATION,
    XSS_PERSON,
    add_group,
    add_person,
    build_large_network,
    build_small_network,
)
from PIL import Image

from verkosto import static
from verkosto.errors import OutputError
from verkosto.static import MAX_LABEL, draw_coverage, draw_map, short_label

SVG = "{http://www.w3.org/2000/svg}"
MATH_NAMES = (r"$\frac{1}{2}$", "$x$", r"broken $\frac{1}$ math", "a$b$c")


def svg_texts(path: Path) -> list[str]:
    """The text of every <text> element, in document order (the SVG must parse as XML)."""
    root = ET.parse(path).getroot()
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


def all_text(path: Path) -> str:
    # A label broken on two lines is two consecutive <text> elements, split at a space.
    return " ".join(svg_texts(path))


def png_stats(path: Path) -> tuple[tuple[int, int], float, int]:
    """Size, standard deviation of the grey values and number of distinct colours."""
    image = Image.open(path)
    grey = np.asarray(image.convert("L"), dtype=float)
    colours = len(image.convert("RGB").getcolors(maxcolors=1 << 24))
    return image.size, float(grey.std()), colours


def group_labels(G) -> list[str]:
    return sorted(d["label"] for _, d in G.nodes(data=True) if d["kind"] == "group")


@pytest.fixture(scope="module")
def large():
    return build_large_network()


@pytest.fixture(scope="module")
def large_images(tmp_path_factory, large):
    """The ~600-node map in every format, drawn once; the time of each draw is printed."""
    folder = tmp_path_factory.mktemp("large")
    paths, seconds = {}, {}
    for suffix in (".png", ".svg", ".pdf"):
        start = time.perf_counter()
        paths[suffix] = draw_map(large, folder / f"kartta{suffix}")
        seconds[suffix] = time.perf_counter() - start
    print(
        f"\ndraw_map, {large.number_of_nodes()} nodes: "
        + ", ".join(f"{s} {t:.2f} s" for s, t in seconds.items())
    )
    return paths, seconds


# --- the map: formats and content ---------------------------------------------------------


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_small_map_in_every_format(tmp_path, small_network, suffix):
    path = draw_map(small_network, tmp_path / f"kartta{suffix}")
    assert path == tmp_path / f"kartta{suffix}"
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"kartta{suffix}"]  # no temporary file left


def test_small_png_is_a_16_by_9_slide_and_not_blank(tmp_path, small_network):
    size, spread, colours = png_stats(draw_map(small_network, tmp_path / "kartta.png"))
    assert size == (3200, 1800)  # 16 x 9 in at 200 dpi
    assert spread > 10
    assert colours > 200


def test_large_png_is_not_blank(large_images):
    size, spread, colours = png_stats(large_images[0][".png"])
    assert size == (3200, 1800)
    assert spread > 20
    assert colours > 500


def test_large_map_takes_a_couple_of_seconds(large_images):
    assert large_images[1][".png"] < 8.0


def test_large_svg_holds_every_group_label_as_text(large_images, large):
    text = all_text(large_images[0][".svg"])
    for label in group_labels(large):
        assert label in text
    # 462 persons: too many to label
    assert "Henkilö 001" not in text


def test_large_pdf(large_images):
    data = large_images[0][".pdf"].read_bytes()
    assert data.startswith(b"%PDF-")
    assert len(data) > 50_000


def test_small_svg_labels_everything_and_escapes_markup(tmp_path, small_network):
    path = draw_map(small_network, tmp_path / "kartta.svg")
    texts = svg_texts(path)
    text = " ".join(texts)
    for label in group_labels(small_network):
        assert label in text
    # Fewer than 150 nodes: persons and organisations are labelled, attack strings literally.
    assert "Aino Aalto" in texts
    assert XSS_PERSON in texts
    assert XSS_ORGANISATION in texts
    assert TEMPLATE_GROUP in texts
    raw = path.read_text(encoding="utf-8")
    assert "<img" not in raw
    assert "<script" not in raw
    assert "&lt;img src=x onerror=alert(1)&gt;" in raw


def test_heading_legend_and_key_figures(tmp_path, small_network):
    texts = svg_texts(draw_map(small_network, tmp_path / "kartta.svg"))
    start = texts.index("Verkostokartta")  # the side panel comes after the map
    assert texts[start : start + 4] == [
        "Verkostokartta",
        "Kausi 2024-2025 · Lähde: pirkanmaa_2024-2025.xlsx",
        "Henkilöitä\u00a020 · Organisaatioita\u00a06 · Ryhmiä\u00a08 ·",
        "Yhteistyösuhteita\u00a04",
    ]
    legend = ("Sektorit", "Järjestö", "Tasot", "Solmut", "Yhteydet", "Yhteistyö", "Alueellinen", "Etelä")
    assert set(legend) <= set(texts)


def test_english_map(tmp_path, small_network):
    texts = svg_texts(draw_map(small_network, tmp_path / "map.svg", lang="en", title="Pirkanmaa 2025"))
    start = texts.index("Pirkanmaa 2025")
    assert texts[start + 1] == "Season 2024-2025 · Source: pirkanmaa_2024-2025.xlsx"
    for label in ("Sectors", "NGO", "Wellbeing services county", "Collaboration", "Regional"):
        assert label in texts
    assert "Järjestö" not in texts


def test_force_layout_labels_groups_and_tiers(tmp_path, small_network):
    texts = svg_texts(draw_map(small_network, tmp_path / "kartta.svg", layout="force"))
    assert {"Maakunnallinen", "Alueellinen", "Paikallinen"} <= set(texts)  # tier nodes, no rings
    assert "Etelä" not in texts  # region names belong to the tier rings


def test_finnish_letters_in_dejavu_sans(tmp_path, small_network):
    add_group(small_network, "Äänekoski", "local", "steering_group", region="Etelä", municipality="Äänekoski")
    add_person(small_network, "Öljy Åkerlund", "MLL Pirkanmaa", {"Äänekoski": "member"})
    path = draw_map(small_network, tmp_path / "kartta.svg")
    texts = svg_texts(path)
    assert {"Järjestö", "Äänekoski", "Öljy Åkerlund"} <= set(texts)
    root = ET.parse(path).getroot()
    fonts = {e.get("style").split("font-family: ")[1].split(";")[0] for e in root.iter(f"{SVG}text")}
    assert fonts == {"'DejaVu Sans', sans-serif"}


# --- text from the roster is never markup -------------------------------------------------


def math_network():
    G = build_small_network()
    for name in MATH_NAMES:
        add_person(G, name, "MLL Pirkanmaa", {"Akaa: ohjausryhmä": "member"})
    add_group(G, "$\\alpha$-ryhmä", "regional", "working_group", region="Etelä")
    return G


def test_dollar_signs_are_never_mathtext(tmp_path):
    G = math_network()
    texts = svg_texts(draw_map(G, tmp_path / "kartta.svg"))
    for name in (*MATH_NAMES, "$\\alpha$-ryhmä"):
        assert name in texts
    # mathtext would have drawn "x" and "2" as separate glyphs in a math font
    assert "x" not in texts


@pytest.mark.parametrize(("suffix", "magic"), [(".png", b"\x89PNG"), (".pdf", b"%PDF")])
def test_invalid_math_renders_without_error(tmp_path, suffix, magic):
    # r"$\frac{1}$" is not valid mathtext: parsing it would raise ValueError while drawing.
    assert draw_map(math_network(), tmp_path / f"kartta{suffix}").read_bytes().startswith(magic)


def test_every_text_has_mathtext_and_tex_off(tmp_path):
    fig = static._map_figure(
        math_network(), layout="tiers", lang="fi", title="$T$", size_by=None, metrics=None
    )
    static._literal(fig)
    from matplotlib.text import Text

    texts = fig.findobj(Text)
    assert len(texts) > 40
    assert not any(t.get_parse_math() or t.get_usetex() for t in texts)


def test_control_characters_and_long_labels(tmp_path, small_network):
    long_name = "Pirkanmaan perhekeskuksen maakunnallinen asiantuntijaverkosto"
    add_group(small_network, long_name, "provincial", "expert_network")
    add_person(small_network, "Anna\x00\x1b[31m Virta\u200b", "MLL Pirkanmaa", {long_name: "member"})
    path = draw_map(small_network, tmp_path / "kartta.svg")  # parses: no control characters in the XML
    text = all_text(path)
    assert "Anna[31m Virta" in svg_texts(path)
    assert short_label(long_name) == "Pirkanmaan perhekeskuksen maakunnalline…"  # for file names and tables
    assert len(short_label(long_name)) == MAX_LABEL
    # The map never cuts a name: it is wrapped on lines, two consecutive <text> elements.
    assert long_name in text and "…" not in text
    assert {"Pirkanmaan perhekeskuksen", "maakunnallinen", "asiantuntijaverkosto"} <= set(svg_texts(path))


def ids(path: Path, prefix: str) -> list[str]:
    root = ET.parse(path).getroot()
    return [e.get("id") for e in root.iter() if (e.get("id") or "").startswith(prefix)]


def test_the_example_map_has_every_group_whole_and_marks_the_findings(tmp_path):
    from verkosto import analyse
    from verkosto.views import write_map

    a = analyse(season="2024-2025")  # its four findings, asserted below
    path = write_map(a, tmp_path / "kartta.svg")
    texts = svg_texts(path)
    lines = " ".join(texts)
    for label in group_labels(a.graph):
        assert label in lines, label  # whole, on one line or wrapped at spaces
    assert "…" not in lines
    # Four gaps on four groups: a ring and a numbered badge each, the key numbered alike.
    assert ids(path, "finding-ring-") == [f"finding-ring-{n}" for n in (1, 2, 3, 4)]
    assert ids(path, "finding-badge-") == [f"finding-badge-{n}" for n in (1, 2, 3, 4)]
    key = texts[texts.index("Havainnot"):]
    assert key[1] == "Katvealue (punainen rengas)" and "Riski (oranssi katkoviiva)" not in key
    assert key[2:6] == ["1", "Kuhmoisten perhekeskuksen ohjausryhmä: ei edustajaa sektorilta", "Seurakunta", "2"]
    assert [m["node"] for m in static.finding_marks(a.graph, a.findings)] == list(a.findings["node"])


def test_a_risk_is_dashed_orange_with_a_square_badge(tmp_path, small_network):
    group = next(n for n, d in small_network.nodes(data=True) if d["kind"] == "group")
    findings = pd.DataFrame(
        [{"rule": "tier-link", "severity": "risk", "node": group, "subject": small_network.nodes[group]["label"],
          "missing": [], "params": {"kind": "tier_link_risk", "parents": ["Ylä"]}},
         {"rule": "x", "severity": "gap", "node": "group:ei kartalla", "subject": "ei kartalla", "missing": [],
          "params": {"kind": "contact_person", "roles": ["contact"]}}]
    )
    marks = static.finding_marks(small_network, findings)
    assert [(m["number"], m["node"], m["severity"]) for m in marks] == [(1, group, "risk")]
    path = draw_map(small_network, tmp_path / "k.svg", findings=findings)
    root = ET.parse(path).getroot()
    ring = next(e for e in root.iter() if e.get("id") == "finding-ring-1")
    style = " ".join(p.get("style", "") for p in ring.iter(f"{SVG}path"))
    assert "stroke: #d35400" in style and "stroke-dasharray" in style
    assert "Riski (oranssi katkoviiva)" in svg_texts(path)
    again = draw_map(small_network, tmp_path / "k2.svg", findings=findings)
    assert again.read_bytes() == path.read_bytes()  # the marks keep the file the same every time


def test_a3_poster_is_a3_landscape_and_larger_text(tmp_path, small_network):
    import re

    pdf = draw_map(small_network, tmp_path / "juliste.pdf", paper="a3").read_bytes()
    box = [float(v) for v in re.search(rb"/MediaBox \[ *([\d. ]+)\]", pdf).group(1).split()]
    assert box == [0, 0, pytest.approx(16.54 * 72), pytest.approx(11.69 * 72)]  # A3 landscape, 420 x 297 mm
    assert png_stats(draw_map(small_network, tmp_path / "a4.png", paper="a4"))[0] == (2338, 1654)
    slide = ET.parse(draw_map(small_network, tmp_path / "s.svg")).getroot()
    poster = ET.parse(draw_map(small_network, tmp_path / "p.svg", paper="a3")).getroot()

    def title_size(root):
        title = next(e for e in root.iter(f"{SVG}text") if "".join(e.itertext()) == "Verkostokartta")
        return float(re.search(r"font-size: ([\d.]+)px", title.get("style")).group(1))

    assert title_size(poster) == pytest.approx(title_size(slide) * 11.69 / 9, abs=0.01)
    with pytest.raises(ValueError, match="paper='b5': use one of slide, a4, a3"):
        draw_map(small_network, tmp_path / "x.png", paper="b5")


# --- determinism, global state ------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".svg", ".pdf", ".png"])
def test_same_graph_same_bytes(tmp_path, suffix):
    first = draw_map(build_small_network(), tmp_path / f"a{suffix}").read_bytes()
    second = draw_map(build_small_network(), tmp_path / f"b{suffix}").read_bytes()
    assert first == second


def test_svg_and_pdf_carry_no_date(tmp_path, small_network):
    svg = draw_map(small_network, tmp_path / "a.svg").read_text(encoding="utf-8")
    pdf = draw_map(small_network, tmp_path / "a.pdf").read_bytes()
    assert "<dc:date>" not in svg
    assert b"/CreationDate" not in pdf


def test_global_matplotlib_settings_untouched(tmp_path, small_network):
    before = dict(matplotlib.rcParams)
    draw_map(small_network, tmp_path / "a.svg")
    draw_coverage({"sector_tier": pd.DataFrame({"local": [0]}, index=["ngo"])}, tmp_path / "b.svg")
    assert dict(matplotlib.rcParams) == before


def test_pyplot_is_never_imported(tmp_path):
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from conftest import build_small_network
        from verkosto.static import draw_map
        draw_map(build_small_network(), {str(tmp_path / "a.png")!r})
        print("matplotlib.pyplot" in sys.modules)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent.parent,
    )
    assert result.stdout == "False\n"


# --- options and errors -------------------------------------------------------------------


def test_size_by_a_metric(tmp_path, small_network):
    metrics = {"group:Akaa: ohjausryhmä": {"betweenness": 0.8}, "person:Aino Aalto": {"betweenness": 0.2}}
    plain = draw_map(small_network, tmp_path / "a.svg")
    sized = draw_map(small_network, tmp_path / "b.svg", size_by="betweenness", metrics=metrics)
    assert plain.read_bytes() != sized.read_bytes()
    texts = svg_texts(sized)
    assert "Koko" in texts and "Koko" not in svg_texts(plain)
    assert "Välillisyys: pienin 0.200 – suurin" in all_text(sized)


def test_size_by_takes_a_metrics_frame(tmp_path, small_network):
    metrics = pd.DataFrame({"node": ["person:Aino Aalto", "person:Eero Ekholm"], "degree": [3, 1]})
    texts = svg_texts(
        draw_map(small_network, tmp_path / "a.svg", lang="en", size_by="degree", metrics=metrics)
    )
    assert "Size" in texts
    assert "Degree: smallest 1.000 –" in texts


def test_size_by_needs_a_metric_column(tmp_path, small_network):
    with pytest.raises(ValueError) as info:
        draw_map(small_network, tmp_path / "a.png", size_by="degree")
    assert str(info.value) == "size_by='degree' needs metrics"
    metrics = pd.DataFrame({"node": ["person:Aino Aalto"], "betweenness": [1.0], "closeness": [0.5]})
    with pytest.raises(ValueError) as info:
        draw_map(small_network, tmp_path / "a.png", size_by="degree", metrics=metrics)
    assert str(info.value) == (
        "size_by: no node has the metric 'degree'; the metrics hold: betweenness, closeness"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["kartta.gif", "kartta", "kartta.svgz"])
def test_unknown_suffix(tmp_path, small_network, name):
    path = tmp_path / name
    with pytest.raises(OutputError) as info:
        draw_map(small_network, path)
    suffix = Path(name).suffix
    assert (
        str(info.value)
        == f"{path}: cannot write an image with the suffix '{suffix}'; use one of .png, .svg, .pdf"
    )
    assert list(tmp_path.iterdir()) == []


def test_suffix_in_capitals(tmp_path, small_network):
    assert draw_map(small_network, tmp_path / "KARTTA.PNG").read_bytes().startswith(b"\x89PNG")


def test_missing_folder(tmp_path, small_network, english):
    path = tmp_path / "puuttuu" / "kartta.png"
    with pytest.raises(OutputError) as info:
        draw_map(small_network, path)
    assert str(info.value) == (
        f"{path}: the folder '{tmp_path / 'puuttuu'}' does not exist; create it or choose another output path"
    )


def test_never_overwrites_the_roster(tmp_path, small_network, english):
    roster = tmp_path / "roster.svg"
    roster.write_text("input", encoding="utf-8")
    with pytest.raises(OutputError) as info:
        draw_map(small_network, roster, protect=[roster])
    assert str(info.value) == f"{roster}: is the input roster; choose another output path"
    assert roster.read_text(encoding="utf-8") == "input"


def test_unknown_language_and_layout(tmp_path, small_network):
    with pytest.raises(ValueError, match="unknown language 'sv'; choose one of: fi, en"):
        draw_map(small_network, tmp_path / "a.png", lang="sv")
    with pytest.raises(ValueError, match="unknown layout 'circle'; choose one of: force, tiers"):
        draw_map(small_network, tmp_path / "a.png", layout="circle")
    assert list(tmp_path.iterdir()) == []


# --- coverage heatmaps --------------------------------------------------------------------


SECTORS = ["municipality", "wellbeing_county", "parish", "ngo", "kela"]


def sector_tier() -> pd.DataFrame:
    frame = pd.DataFrame(
        [[1, 3, 12], [1, 1, 1], [2, 0, 9], [4, 2, 11], [1, 1, 0]],
        index=pd.Index(SECTORS, name="sector"),
        columns=pd.Index(["provincial", "regional", "local"], name="tier"),
    )
    return frame


def sector_group(n: int) -> pd.DataFrame:
    groups = [f"Kunta {i:02d}: ohjausryhmä" for i in range(n)]
    values = [[(s * 7 + g * 3) % 4 for g in range(n)] for s in range(len(SECTORS))]
    return pd.DataFrame(
        values, index=pd.Index(SECTORS, name="sector"), columns=pd.Index(groups, name="group")
    )


FINDINGS = pd.DataFrame(
    [
        ["local-sectors", "gap", "group:Kunta 01: ohjausryhmä", "Kunta 01: ohjausryhmä", ["parish"], {"kind": "sectors"}],
        [
            "tier-link",
            "risk",
            "group:Kunta 02: ohjausryhmä",
            "Kunta 02: ohjausryhmä",
            [],
            {"kind": "tier_link_risk", "parents": ["Eteläinen koordinaatioryhmä"]},
        ],
    ],
    columns=["rule", "severity", "node", "subject", "missing", "params"],
)


def test_coverage_png_not_blank(tmp_path):
    path = draw_coverage({"sector_tier": sector_tier(), "sector_group": sector_group(8)}, tmp_path / "k.png")
    size, spread, colours = png_stats(path)
    assert size == (3200, 1200)  # 16 x 6 in: both matrices fit the smallest image
    assert spread > 10
    assert colours > 100


def test_coverage_svg_in_finnish(tmp_path):
    path = draw_coverage(
        {"sector_tier": sector_tier(), "sector_group": sector_group(8)}, tmp_path / "k.svg", findings=FINDINGS
    )
    texts = svg_texts(path)
    assert {"Kunta", "Hyvinvointialue", "Seurakunta", "Järjestö", "Kela"} <= set(texts)
    assert {"Maakunnallinen", "Alueellinen", "Paikallinen"} <= set(texts)
    assert {"Sektori × taso", "Sektori × ryhmä", "Havainnot", "Kunta 07: ohjausryhmä", "12"} <= set(texts)
    assert "● Kunta 01: ohjausryhmä: ei edustajaa sektorilta Seurakunta" in all_text(path)
    assert (
        "○ Kunta 02: ohjausryhmä: vain yksi jäsen istuu myös ylemmän tason ryhmässä (Eteläinen koordinaatioryhmä)"
        in " ".join(all_text(path).split())
    )


def test_coverage_svg_in_english(tmp_path):
    texts = svg_texts(draw_coverage({"sector_tier": sector_tier()}, tmp_path / "k.svg", lang="en"))
    assert {"Municipality", "Wellbeing services county", "Parish", "NGO", "Kela"} <= set(texts)
    assert {"Provincial", "Regional", "Local", "Sector × tier"} <= set(texts)
    assert "Järjestö" not in texts


def hatches(path: Path) -> list[str]:
    """The SVG ids of the hatched cells, in document order."""
    root = ET.parse(path).getroot()
    return [e.get("id") for e in root.iter(f"{SVG}g") if (e.get("id") or "").startswith("gap-")]


def test_only_the_gaps_the_rules_find_are_hatched(tmp_path):
    matrices = {"sector_tier": sector_tier(), "sector_group": sector_group(8)}
    tier_gap = pd.DataFrame(
        [["sectors-every-tier", "gap", "tier:regional", "regional", ["parish"], {"kind": "sectors_on_every_tier"}]],
        columns=FINDINGS.columns,
    )
    findings = pd.concat([FINDINGS, tier_gap], ignore_index=True)
    path = draw_coverage(matrices, tmp_path / "a.svg", findings=findings)
    # parish is row 2; regional column 1 of the tiers; "Kunta 01: ohjausryhmä" column 1 of the groups.
    # The tier-link risk names no cell, and the other zeros are no gaps.
    assert hatches(path) == ["gap-sector_tier-2-1", "gap-sector_group-2-1"]
    assert sector_tier().iloc[2, 1] == 0 and (sector_tier().to_numpy() == 0).sum() == 2
    assert (sector_group(8).to_numpy() == 0).sum() > 2
    assert hatches(draw_coverage(matrices, tmp_path / "b.svg")) == []
    svg = (tmp_path / "b.svg").read_text(encoding="utf-8")
    assert "<pattern" not in svg
    # Every count is drawn, a 0 included, grey where it is no gap (cells use 8 pt, the bar 7 pt).
    root = ET.parse(tmp_path / "b.svg").getroot()
    zeros = [e for e in root.iter(f"{SVG}text") if "font-size: 8px" in e.get("style") and e.text == "0"]
    assert len(zeros) == 2 + (sector_group(8).to_numpy() == 0).sum()
    assert all("fill: #9a9a9a" in e.get("style") for e in zeros)


def test_gap_cells_from_the_example_findings():
    from verkosto import analyse

    a = analyse(season="2024-2025")
    assert {k: sorted(v) for k, v in static.gap_cells(a.findings).items()} == {
        "sector_tier": [],
        "sector_group": [("kela", "Läntisen alueen koordinaatioryhmä"), ("parish", "Kuhmoisten perhekeskuksen ohjausryhmä")],
    }


def test_many_groups_are_rows_with_their_whole_names(tmp_path):
    matrices = {"sector_tier": sector_tier(), "sector_group": sector_group(80)}
    matrices["sector_group"].columns = [f"{c} ja sen hyvin pitkä nimi, jota ei lyhennetä" for c in matrices["sector_group"].columns]
    png = draw_coverage(matrices, tmp_path / "k.png", findings=FINDINGS)
    size, spread, _ = png_stats(png)
    assert size[1] == round((1.2 + 1.3 + 0.24 * 80 + 0.3) * 200)  # heading, sector names, 0.24 in a group
    assert spread > 10
    texts = svg_texts(draw_coverage(matrices, tmp_path / "k.svg"))
    for group in matrices["sector_group"].columns:
        assert group in texts


def test_coverage_findings_are_capped(tmp_path):
    many = pd.concat([FINDINGS] * 10, ignore_index=True)
    texts = svg_texts(draw_coverage({"sector_tier": sector_tier()}, tmp_path / "k.svg", findings=many))
    assert "… ja 6 muuta havaintoa" in texts
    assert sum(t.startswith(("● ", "○ ")) for t in texts) == 14


def test_coverage_group_names_are_literal(tmp_path):
    matrix = sector_group(3)
    matrix.columns = ["$x$", r"$\frac{1}{2}$", "<b>ryhmä</b>"]
    texts = svg_texts(draw_coverage({"sector_group": matrix}, tmp_path / "k.svg"))
    assert {"$x$", r"$\frac{1}{2}$", "<b>ryhmä</b>"} <= set(texts)


def test_coverage_same_bytes_and_errors(tmp_path):
    matrices = {"sector_tier": sector_tier(), "sector_group": sector_group(20)}
    assert (
        draw_coverage(matrices, tmp_path / "a.pdf").read_bytes()
        == draw_coverage(matrices, tmp_path / "b.pdf").read_bytes()
    )
    with pytest.raises(OutputError, match=r"cannot write an image with the suffix '\.jpg'"):
        draw_coverage(matrices, tmp_path / "a.jpg")
    message = (
        "matrices holds no non-empty 'sector_tier' or 'sector_group'; pass coverage_report(G)['matrices']"
    )
    for wrong in ({"municipality_sector": sector_tier()}, {"sector_group": sector_group(0)}):
        with pytest.raises(ValueError) as info:
            draw_coverage(wrong, tmp_path / "a.png")
        assert str(info.value) == message


def test_coverage_leaves_out_an_empty_matrix(tmp_path):
    texts = svg_texts(
        draw_coverage({"sector_tier": sector_tier(), "sector_group": sector_group(0)}, tmp_path / "k.svg")
    )
    assert "Sektori × taso" in texts
    assert "Sektori × ryhmä" not in texts
