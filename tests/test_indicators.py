"""verkosto.indicators: municipal indicators in Sotkanet's shapes and in a long table."""

import json
import shutil
from pathlib import Path

import pytest
from rosters import write_csv, write_xlsx

from verkosto import analyse
from verkosto.errors import IndicatorError
from verkosto.i18n import language
from verkosto.indicators import (
    MunicipalityIndex,
    county_medians,
    example_indicators_path,
    latest_table,
    map_section,
    read_indicators,
    read_municipalities,
)

RECORDED = Path(__file__).parent / "sotkanet"
LONG_HEADER = ["Kunta", "Indikaattori", "Vuosi", "Arvo"]


def records(data):
    return [tuple(r) for r in data.values.itertuples(index=False)]


def lines(err_or_problems, lang="en"):
    problems = err_or_problems.problems if isinstance(err_or_problems, IndicatorError) else err_or_problems
    return [p.render(lang) for p in problems]


# ------------------------------------------------------------------------ municipalities


def test_municipality_list_has_the_official_numbers_of_the_example():
    from verkosto.example import MUNICIPALITIES

    codes = {fi: code for code, fi, _ in read_municipalities()}
    assert {name for name, *_ in MUNICIPALITIES} <= set(codes)
    assert (codes["Tampere"], codes["Akaa"], codes["Valkeakoski"], codes["Ylöjärvi"]) == ("837", "020", "908", "980")
    assert len(set(codes.values())) == len(codes)


@pytest.mark.parametrize("given", ["Tampere", "tampere ", "TAMMERFORS", "837", "Tammerfors"])
def test_municipalities_match_by_number_finnish_or_swedish_name(given):
    assert MunicipalityIndex.default().match(given) == ("837", "Tampere")


def test_municipality_numbers_and_dashes_are_normalised():
    index = MunicipalityIndex.default()
    assert index.match("20") == ("020", "Akaa")
    assert index.match("Mänttä – Vilppula") == ("508", "Mänttä-Vilppula")


# ------------------------------------------------------------------------------ shapes


def test_long_table_in_finnish_with_comma_decimals(tmp_path):
    path = write_csv(tmp_path / "i.csv", [
        LONG_HEADER,
        ["Tampere", "Syntyvyys", "2023", "8,8"],
        ["Tammerfors", "Syntyvyys", "2024", "8,6"],
        ["20", "Syntyvyys", "2024", "8.2"],
        ["Akaa", "Syntyvyys", "2023", ""],  # no value: left out, no problem
    ])
    data = read_indicators(path)
    assert records(data) == [
        ("020", "Akaa", "Syntyvyys", 2024, 8.2),
        ("837", "Tampere", "Syntyvyys", 2023, 8.8),
        ("837", "Tampere", "Syntyvyys", 2024, 8.6),
    ]
    assert data.problems == [] and data.source is None and data.title("Syntyvyys") == "Syntyvyys"


def test_long_table_in_english_by_municipality_code_in_a_workbook(tmp_path):
    path = write_xlsx(tmp_path / "i.xlsx", {"Data": [
        ["Municipality code", "Indicator", "Year", "Value"],
        ["908", "Births", 2024, 6.9],
        ["837", "Births", 2024, 8.6],
    ]})
    assert records(read_indicators(path)) == [
        ("837", "Tampere", "Births", 2024, 8.6),
        ("908", "Valkeakoski", "Births", 2024, 6.9),
    ]


def test_sotkanet_csv_export_keeps_the_totals(tmp_path):
    path = write_csv(tmp_path / "sotkanet.csv", [
        ["indicator", "region", "year", "gender", "primary value", "absolute value"],
        ["9101", "Tampere", "2024", "total", "8,6", "2100"],
        ["9101", "Tampere", "2024", "male", "8,9", "1100"],
        ["9101", "Tammerfors", "2023", "total", "8,8", "2150"],
    ])
    data = read_indicators(path)
    assert records(data) == [("837", "Tampere", "9101", 2023, 8.8), ("837", "Tampere", "9101", 2024, 8.6)]
    assert (data.source, data.licence) == ("Sotkanet, THL", "CC BY 4.0")


def test_sotkanet_csv_region_ids_need_the_regions_list(tmp_path):
    path = write_csv(tmp_path / "sotkanet.csv", [
        ["indicator", "region", "year", "gender", "primary value", "absolute value"],
        ["9101", "837", "2024", "total", "8,6", "2100"],  # Sotkanet's id 837, not Tampere's number
    ])
    with pytest.raises(IndicatorError) as err:
        read_indicators(path)
    assert err.value.render("en").startswith(
        "sotkanet.csv, row 2, column region: the regions are Sotkanet ids but the regions list")


def test_sotkanet_csv_with_region_ids_and_the_regions_list_beside_it(tmp_path):
    shutil.copy(RECORDED / "regions.json", tmp_path / "regions.json")
    path = write_csv(tmp_path / "sotkanet.csv", [
        ["indicator", "region", "year", "gender", "primary value", "absolute value"],
        ["9101", "5002", "2024", "total", "8,2", ""],
        ["9101", "5100", "2024", "total", "8,2", ""],  # a wellbeing services county: left out
    ])
    assert records(read_indicators(path)) == [("020", "Akaa", "9101", 2024, 8.2)]


def test_sotkanet_json_with_the_regions_list_beside_it(tmp_path):
    shutil.copy(RECORDED / "data_9101.json", tmp_path / "data.json")
    shutil.copy(RECORDED / "regions.json", tmp_path / "regions.json")
    data = read_indicators(tmp_path / "data.json")
    assert sorted(set(data.values["municipality"])) == ["Akaa", "Tampere", "Turku", "Valkeakoski"]
    assert records(data)[:3] == [("020", "Akaa", "9101", 2022, 8.0), ("020", "Akaa", "9101", 2023, 8.2),
                                 ("020", "Akaa", "9101", 2024, 8.2)]
    assert data.problems == []


def test_sotkanet_json_with_region_codes_already_resolved(tmp_path):
    path = tmp_path / "resolved.json"
    path.write_text(json.dumps([
        {"indicator": 9101, "region": {"code": "837", "category": "KUNTA"}, "year": 2024, "gender": "total",
         "value": 8.6, "absValue": 2100},
        {"indicator": 9101, "region": {"code": "HVA-1", "category": "HYVINVOINTIALUE"}, "year": 2024,
         "gender": "total", "value": 8.2, "absValue": None},
        {"indicator": 9101, "region": "908", "year": 2024, "gender": "total", "value": None, "absValue": None},
    ]))
    assert records(read_indicators(path)) == [("837", "Tampere", "9101", 2024, 8.6)]


def test_sotkanet_ids_without_a_regions_list_are_one_clear_error(tmp_path):
    shutil.copy(RECORDED / "data_9101.json", tmp_path / "data.json")
    with pytest.raises(IndicatorError) as err:
        read_indicators(tmp_path / "data.json")
    assert str(err.value.render("en")) == (
        "data.json: the regions are Sotkanet ids but the regions list is missing; save Sotkanet's "
        "/rest/1.1/regions as regions.json in the same folder, or fetch the data with verkosto indicators fetch"
    )


def test_the_example_file_is_invented_and_covers_the_example(tmp_path):
    data = read_indicators(example_indicators_path())
    document = json.loads(example_indicators_path().read_text(encoding="utf-8"))
    assert "INVENTED NUMBERS" in document["note"] and "keksitty" in data.source
    assert data.indicators == ["9001", "9002", "9003"]
    assert data.values["municipality"].nunique() == 23  # the county's own region is left out
    assert set(data.values["year"]) == set(range(2020, 2025))
    assert data.title("9001", "fi") == "Elävänä syntyneet / 1 000 asukasta (keksitty)"


# ---------------------------------------------------------------------------- problems


def test_unknown_municipality_is_a_warning_with_a_suggestion(tmp_path):
    path = write_csv(tmp_path / "i.csv", [
        LONG_HEADER,
        ["Tampre", "Syntyvyys", "2024", "8,6"],
        ["Tampre", "Syntyvyys", "2023", "8,8"],
        ["Akaa", "Syntyvyys", "2024", "8,2"],
    ])
    data = read_indicators(path)
    assert lines(data.problems) == [
        "i.csv, row 2, column Kunta: unknown municipality 'Tampre' (did you mean Tampere?); the row is left "
        "out. Write the municipality's name or number (e.g. Tampere or 837)"
    ]
    with language("fi"):
        assert str(data.problems[0]) == (
            "i.csv, rivi 2, sarake Kunta: tuntematon kunta 'Tampre' (tarkoititko Tampere?); rivi jätetään pois. "
            "Kirjoita kunnan nimi tai kuntanumero (esim. Tampere tai 837)"
        )
    assert records(data) == [("020", "Akaa", "Syntyvyys", 2024, 8.2)]


def test_roster_municipalities_are_known_even_when_the_list_lacks_them(tmp_path):
    path = write_csv(tmp_path / "i.csv", [LONG_HEADER, ["Inari", "Syntyvyys", "2024", "6,1"]])
    assert records(read_indicators(path, municipalities=["Inari"])) == [(None, "Inari", "Syntyvyys", 2024, 6.1)]


def test_a_repeated_row_is_a_warning_and_a_conflicting_one_an_error(tmp_path):
    rows = [LONG_HEADER, ["Tampere", "Syntyvyys", "2024", "8,6"], ["837", "Syntyvyys", "2024", "8.6"]]
    data = read_indicators(write_csv(tmp_path / "same.csv", rows))
    assert lines(data.problems) == [
        "same.csv, row 3: the same municipality (Tampere), indicator (Syntyvyys) and year (2024) with the same "
        "value as row 2; the repeated row is left out"
    ]
    with pytest.raises(IndicatorError) as err:
        read_indicators(write_csv(tmp_path / "other.csv", [*rows[:2], ["Tampere", "Syntyvyys", "2024", "9,1"]]))
    assert lines(err.value) == [
        "other.csv, row 3: Tampere, indicator Syntyvyys, year 2024 already has the value 8.6 on row 2, "
        "here 9.1; keep only one of them"
    ]


def test_every_value_that_is_not_a_number_is_reported(tmp_path):
    path = write_csv(tmp_path / "i.csv", [
        LONG_HEADER,
        ["Tampere", "Syntyvyys", "2024", "paljon"],
        ["Akaa", "Syntyvyys", "v. 2024", "8,2"],
    ])
    with pytest.raises(IndicatorError) as err:
        read_indicators(path)
    assert lines(err.value) == [
        "i.csv, row 2, column Arvo: 'paljon' is not a number; write the value in digits (e.g. 12.3) or leave "
        "the cell empty when there is none",
        "i.csv, row 3, column Vuosi: 'v. 2024' is not a year; write the year in four digits (e.g. 2023)",
    ]
    with language("fi"):
        assert str(err.value).startswith("i.csv, rivi 2, sarake Arvo: 'paljon' ei ole luku;")


def test_missing_columns_are_named(tmp_path):
    path = write_csv(tmp_path / "i.csv", [["Kunta", "Vuosi"], ["Tampere", "2024"]])
    with pytest.raises(IndicatorError) as err:
        read_indicators(path)
    assert err.value.render("en") == (
        "i.csv, row 1: the header row has no Indicator, Value; an indicator table has the columns "
        "Municipality (or Municipality code), Indicator, Year and Value"
    )


def test_broken_json_and_unknown_suffix(tmp_path):
    (tmp_path / "x.json").write_text("[{")
    with pytest.raises(IndicatorError) as err:
        read_indicators(tmp_path / "x.json")
    assert err.value.render("en").startswith("x.json: is not valid JSON (")
    (tmp_path / "x.parquet").write_bytes(b"PAR1")
    with pytest.raises(IndicatorError) as err:
        read_indicators(tmp_path / "x.parquet")
    assert err.value.render("en") == "x.parquet: cannot read indicators from a '.parquet' file; use a .json, .csv, .xlsx or .ods file"


# --------------------------------------------------------------------------- summaries


def test_latest_value_trend_and_county_median_worked_by_hand(tmp_path):
    path = write_csv(tmp_path / "i.csv", [
        LONG_HEADER,
        ["Tampere", "A", "2022", "9,1"], ["Tampere", "A", "2024", "8,6"],
        ["Akaa", "A", "2022", "8,0"], ["Akaa", "A", "2024", "8,2"],
        ["Valkeakoski", "A", "2024", "6,9"],
        ["Turku", "A", "2024", "1,0"],  # not in the roster: not in the county's median
    ])
    data = read_indicators(path)
    table = latest_table(data, ["Tampere", "Akaa", "Valkeakoski"])
    assert table[["municipality", "latest_year", "value", "trend"]].values.tolist() == [
        ["Akaa", 2024, 8.2, "up"], ["Tampere", 2024, 8.6, "down"], ["Valkeakoski", 2024, 6.9, "flat"],
    ]
    assert table["county_median"].tolist() == [8.2, 8.2, 8.2]  # median of 8.6, 8.2, 6.9
    assert table["change"].round(6).tolist() == [0.2, -0.5, 0.0]
    medians = county_medians(data, ["Tampere", "Akaa", "Valkeakoski"])
    assert medians.values.tolist() == [["A", 2022, 8.55, 2], ["A", 2024, 8.2, 3]]


def test_analysis_reads_the_indicators_beside_the_roster():
    analysis = analyse(indicators=example_indicators_path())
    data = analysis.municipal_indicators
    assert data is analysis.municipal_indicators  # read once
    assert set(data.values["municipality"]) == set(analysis.municipalities)
    assert analyse().municipal_indicators is None


def test_map_section_follows_the_rosters_spelling_and_the_years(tmp_path):
    path = write_csv(tmp_path / "i.csv", [
        LONG_HEADER,
        ["Tampere", "A", "2022", "9,1"], ["Tampere", "A", "2024", "8,6"],
        ["Akaa", "A", "2023", "8,0"], ["Akaa", "A", "2024", "8,2"],
        ["Turku", "A", "2024", "1,0"],
    ])
    section = map_section(read_indicators(path), ["tampere", "Akaa", "Inari"], "fi")
    assert section["years"] == [2022, 2023, 2024]
    assert section["indicators"] == [{"id": "A", "label": "A", "decimals": 1}]
    assert section["series"]["rows"] == [["Akaa", 0, [None, 8.0, 8.2]], ["tampere", 0, [9.1, None, 8.6]]]
    assert section["median"] == [[9.1, 8.0, 8.4]]
    assert section["attribution"] == "Lähde: tiedosto i.csv. Lisenssi: ei tiedossa."


def test_the_rosters_municipalities_without_values_are_one_warning(tmp_path):
    path = write_csv(tmp_path / "i.csv", [LONG_HEADER, ["Tampere", "A", "2024", "8,6"], ["Akaa", "A", "2024", "8,2"]])
    analysis = analyse(indicators=path)
    lines_ = lines(analysis.warnings)
    assert len(lines_) == 1 and lines_[0].startswith("i.csv: the roster's municipalities Hämeenkyrö, Ikaalinen, ")
    assert lines_[0].endswith("Ylöjärvi have no value; add them to the file or fetch the data again (verkosto indicators fetch)")
    assert "Tampere" not in lines_[0] and "Akaa," not in lines_[0]


def test_text_from_an_indicator_file_stays_text_in_the_report_and_chart(tmp_path):
    from openpyxl import load_workbook

    from verkosto.report import write_report
    from verkosto.static import draw_indicators

    hostile = ['=HYPERLINK("http://x")', r"$\alpha$ <img src=x onerror=alert(1)>"]
    path = write_csv(tmp_path / "i.csv", [LONG_HEADER, *[["Tampere", name, "2024", "1"] for name in hostile]])
    analysis = analyse(indicators=path)
    write_report(analysis, tmp_path / "r.xlsx", lang="en")
    sheet = load_workbook(tmp_path / "r.xlsx")["Municipal indicators"]
    cells = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert cells[:2] == hostile
    assert all(c.data_type == "s" for c in sheet["A"][1:3])
    svg = draw_indicators(analysis.municipal_indicators, tmp_path / "k.svg").read_text(encoding="utf-8")
    assert r"$\alpha$ &lt;img src=x onerror=alert(1)&gt;" in svg and "=HYPERLINK" in svg


def test_the_chart_is_the_same_file_every_time(tmp_path):
    from verkosto.static import draw_indicators

    data = read_indicators(example_indicators_path())
    first = draw_indicators(data, tmp_path / "a.svg", highlight=["Tampere"], lang="en").read_bytes()
    again = draw_indicators(data, tmp_path / "b.svg", highlight=["Tampere"], lang="en").read_bytes()
    assert first == again
    svg = first.decode("utf-8")
    assert svg.count("0–17-year-olds placed outside the home, %") == 1  # its title, wrapped before "(invented)"
    assert "County median" in svg and "Municipalities (23)" in svg and "Tampere" in svg


def test_numbers_outside_the_list_are_one_warning(tmp_path):
    rows = [["Kuntanumero", "Indikaattori", "Vuosi", "Arvo"]]
    rows += [[str(code), "9101", "2024", "1"] for code in range(700, 715)]  # 702 Ruovesi is known
    data = read_indicators(write_csv(tmp_path / "koko_maa.csv", rows))
    assert records(data) == [("702", "Ruovesi", "9101", 2024, 1.0)]
    assert lines(data.problems) == [
        "koko_maa.csv: municipality numbers that are not in data/kunnat.csv were left out (14): 700, 701, 703, "
        "704, 705, 706, 707, 708, 709, 710 and 4 more; add the roster's municipalities there if they are among them"
    ]
