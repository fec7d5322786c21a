"""Tables written to xlsx and CSV: text stays text, formulas never appear."""

import re
import zipfile

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from verkosto.export import Sheet, to_csv, to_json, write_xlsx

HOSTILE = ['=HYPERLINK("http://x","y")', "+358401234567", "-x", "@x", "#N/A", "\t=1+1", "=1+1", "#DIV/0!"]


def sheet_xml(path):
    with zipfile.ZipFile(path) as book:
        return {n: book.read(n).decode() for n in book.namelist() if n.startswith("xl/worksheets/")}


def test_formula_like_names_are_text_cells(tmp_path):
    frame = pd.DataFrame({"label": HOSTILE, "n": range(len(HOSTILE))})
    path = write_xlsx(tmp_path / "r.xlsx", {"Henkilöt": frame})
    for xml in sheet_xml(path).values():
        assert "<f>" not in xml and "<f " not in xml and 't="e"' not in xml
    sheet = load_workbook(path)["Henkilöt"]
    assert [c.value for c in sheet["A"][1:]] == HOSTILE
    assert {c.data_type for c in sheet["A"][1:]} == {"s"}
    assert [c.value for c in sheet["B"][1:]] == list(range(len(HOSTILE)))


def test_header_labels_frozen_row_filter_and_zero_highlight(tmp_path):
    matrix = pd.DataFrame({"local": [2, 0], "regional": [1, 3]}, index=pd.Index(["ngo", "kela"], name="sector"))
    path = write_xlsx(tmp_path / "r.xlsx", {"Kattavuus": Sheet(matrix, {"sector": "Sektori"}, highlight_zero=True, index=True)})
    sheet = load_workbook(path)["Kattavuus"]
    assert [c.value for c in sheet[1]] == ["Sektori", "local", "regional"]
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref == "A1:C3"
    rules = sheet.conditional_formatting
    assert [str(r.sqref) for r in rules] == ["B2:C3"]
    assert [rule.formula for r in rules for rule in r.rules] == [["0"]]


def test_csv_defuses_formulas_and_json_keeps_lists():
    frame = pd.DataFrame({"label": ["=1+1", "Kela", "-x"], "groups": [["a", "b"], [], ["c"]]})
    assert to_csv(frame) == "label,groups\r\n'=1+1,\"a, b\"\r\nKela,\r\n'-x,c\r\n"
    assert to_csv(pd.DataFrame({"v": ["\r=2", "\t@x", "+1"]})) == "v\r\n\"'\r=2\"\r\n'\t@x\r\n'+1\r\n"
    assert to_json(frame) == (
        '[\n  {\n    "label": "=1+1",\n    "groups": [\n      "a",\n      "b"\n    ]\n  },\n'
        '  {\n    "label": "Kela",\n    "groups": []\n  },\n  {\n    "label": "-x",\n    "groups": [\n      "c"\n    ]\n  }\n]\n'
    )


TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=30)


@settings(max_examples=60, deadline=None)
@given(values=st.lists(TEXT | st.sampled_from(HOSTILE), min_size=1, max_size=8))
def test_every_string_reads_back_identical_and_never_a_formula(tmp_path_factory, values):
    path = write_xlsx(tmp_path_factory.mktemp("x") / "r.xlsx", {"T": pd.DataFrame({"v": values})})
    sheet = load_workbook(path)["T"]
    assert [c.value for c in sheet["A"][1:]] == values
    assert all(c.data_type == "s" for c in sheet["A"][1:])
    assert not any(re.search(r"<f[ >]", xml) for xml in sheet_xml(path).values())


def test_every_sheet_prints_landscape_one_page_wide_with_the_header_on_every_page(tmp_path):
    frame = pd.DataFrame({"label": ["Akaa", "Kela"], "n": [1, 2]})
    path = write_xlsx(tmp_path / "r.xlsx", {"A": frame, "B": frame}, footer="&A &P/&N")
    for sheet in load_workbook(path).worksheets:
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
        assert sheet.print_title_rows == "$1:$1"
        assert sheet.oddFooter.center.text == "&A &P/&N"


def test_whole_numbers_print_as_integers_and_other_numbers_with_three_decimals(tmp_path):
    frame = pd.DataFrame({"weighted_degree": [253.0, 4.0], "betweenness": [0.0, 0.076786], "degree": [181, 3]})
    sheet = load_workbook(write_xlsx(tmp_path / "r.xlsx", {"T": frame}))["T"]
    assert [(c.value, c.number_format) for c in sheet[2]] == [(253, "0"), (0, "0.000"), (181, "0")]
    assert [(c.value, c.number_format) for c in sheet[3]] == [(4, "0"), (0.076786, "0.000"), (3, "0")]
    assert isinstance(sheet["A2"].value, int)


def test_an_empty_sheet_says_why_and_long_texts_wrap_in_taller_rows(tmp_path):
    empty = Sheet(pd.DataFrame({"label": []}), {"label": "Nimi"}, note="Ei nivelhenkilöitä")
    long = Sheet(pd.DataFrame({"explanation": ["sana " * 60, "lyhyt"]}), wide=["explanation"])
    book = load_workbook(write_xlsx(tmp_path / "r.xlsx", {"E": empty, "L": long}))
    assert [[c.value for c in row] for row in book["E"].iter_rows()] == [["Nimi"], ["Ei nivelhenkilöitä"]]
    sheet = book["L"]
    assert sheet.column_dimensions["A"].width == 100  # WIDE_WIDTH
    assert sheet["A2"].alignment.wrap_text and not sheet["A3"].alignment.wrap_text
    assert sheet.row_dimensions[2].height == 15 * 3 and sheet.row_dimensions[3].height is None  # 300 letters, 107 a line
