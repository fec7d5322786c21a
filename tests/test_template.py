"""The empty roster workbook: sheets, headers, drop-down lists, and what the loader says of it."""

import pytest
from openpyxl import load_workbook

from verkosto.errors import RosterError
from verkosto.load import load_roster
from verkosto.template import write_template


def test_template_sheets_headers_and_lists(tmp_path):
    path = write_template(tmp_path / "pohja.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["Jäsenyydet", "Ryhmät", "Organisaatiot", "Yhteistyö"]
    header = [c.value for c in book["Jäsenyydet"][1]]
    assert header == ["Henkilö", "Organisaatio", "Sektori", "Ryhmä", "Taso", "Rooli", "Kunta", "Alue", "Sähköposti", "Kausi"]
    assert book["Jäsenyydet"].freeze_panes == "A2"
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in book["Jäsenyydet"].data_validations.dataValidation}
    assert lists == {
        "C2": '"Kunta,Hyvinvointialue,Seurakunta,Järjestö,Kela,Oppilaitos,Tutkimuslaitos,Yritys,Perheet ja asukkaat,Muu"',
        "E2": '"Maakunnallinen,Alueellinen,Paikallinen"',
        "F2": '"Puheenjohtaja,Varapuheenjohtaja,Jäsen,Varajäsen,Yhdyshenkilö,Sihteeri,Koordinaattori,Asiantuntija"',
    }
    group_lists = [dv.formula1 for dv in book["Ryhmät"].data_validations.dataValidation]
    assert '"Ohjausryhmä,Koordinaatioryhmä,Asiantuntijaverkosto,Kohtaamispaikkaverkosto,Perheneuvoverkosto,Työryhmä,Muu"' in group_lists


def test_english_template(tmp_path):
    book = load_workbook(write_template(tmp_path / "template.xlsx", lang="en"))
    assert book.sheetnames == ["Memberships", "Groups", "Organisations", "Collaboration"]
    assert [c.value for c in book["Collaboration"][1]] == ["From", "To", "Type", "Weight"]


def test_empty_template_is_a_clear_error(tmp_path, english):
    path = write_template(tmp_path / "pohja.xlsx")
    with pytest.raises(RosterError) as info:
        load_roster(path)
    assert str(info.value) == "pohja.xlsx, sheet Jäsenyydet: no rows below the header; add one row per person per group"
