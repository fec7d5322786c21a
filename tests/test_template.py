"""The empty roster workbook: sheets, headers, drop-down lists, and what the loader says of it."""

import pytest
from openpyxl import load_workbook

from verkosto.errors import RosterError
from verkosto.load import load_roster
from verkosto.template import write_template


def test_template_sheets_headers_and_lists(tmp_path):
    path = write_template(tmp_path / "pohja.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["Jäsenyydet", "Ryhmät", "Organisaatiot", "Yhteistyö", "Palvelut", "Luettelot"]
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
    assert book.sheetnames == ["Memberships", "Groups", "Organisations", "Collaboration", "Services", "Lists"]
    assert [c.value for c in book["Collaboration"][1]] == ["From", "To", "Type", "Weight"]


def test_empty_template_is_a_clear_error(tmp_path, english):
    path = write_template(tmp_path / "pohja.xlsx")
    with pytest.raises(RosterError) as info:
        load_roster(path)
    assert str(info.value) == "pohja.xlsx, sheet Jäsenyydet: no rows below the header; add one row per person per group"


def test_services_sheet_has_lists_of_tasks_client_groups_levels_and_forms(tmp_path):
    book = load_workbook(write_template(tmp_path / "pohja.xlsx"))
    services = book["Palvelut"]
    assert [c.value for c in services[1]] == [
        "Palvelu", "Organisaatio", "Sektori", "Tehtävä", "Asiakasryhmä", "Kunta", "Taso", "Muoto", "Paikka"
    ]
    lists = {str(dv.sqref).split(":")[0]: dv for dv in services.data_validations.dataValidation}
    assert lists["D2"].formula1 == "'Luettelot'!$A$1:$A$7"
    assert lists["E2"].formula1 == "'Luettelot'!$B$1:$B$8"
    assert not lists["D2"].showErrorMessage  # several tasks separated by ';' are allowed
    assert lists["G2"].formula1 == '"Universaali,Perustaso,Erityistaso"'
    assert lists["H2"].formula1 == '"Avoin toiminta,Vertaistuki,Varhainen tuki,Palvelu,Neuvonta,Digitaalinen palvelu"'
    hidden = book["Luettelot"]
    assert hidden.sheet_state == "hidden"
    assert hidden["A1"].value == "Hyvinvoinnin ja terveyden edistäminen"
    assert hidden["B2"].value == "Vauvaperheet"
