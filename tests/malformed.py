"""Makers of hostile and broken roster files, and the one line verkosto must answer each with."""

from __future__ import annotations

import zipfile
from pathlib import Path

from rosters import SMALL, write_xlsx


def _far_cell(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Jäsenyydet"
    sheet["A1"] = "Henkilö"
    sheet["XFD1048576"] = "x"
    book.save(path)
    return path


def _far_cell_hidden(path: Path, how: str) -> Path:
    """The far cell with no ``<dimension>``, its reference out of a regular expression's sight."""
    import re

    far = _far_cell(path.with_suffix(".far.xlsx"))
    with zipfile.ZipFile(far) as book:
        xml = re.sub(rb"<dimension[^>]*/>", b"", book.read("xl/worksheets/sheet1.xml"))
    if how == "quotes":
        xml = xml.replace(b'r="XFD1048576"', b"r='XFD1048576'")
    elif how == "entity":
        xml = xml.replace(b'r="XFD1048576"', b'r="&#88;FD1048576"')
    else:  # 16,384 cells without r in the last row: the last lands in column XFD
        cells = b'<c t="inlineStr"><is><t>x</t></is></c>' * 16384
        xml = re.sub(rb'<row r="1048576">.*?</row>', b'<row r="1048576">' + cells + b"</row>", xml)
    with zipfile.ZipFile(far) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item.filename, xml if item.filename == "xl/worksheets/sheet1.xml" else old.read(item.filename))
    far.unlink()
    return path


def _rewrite(path: Path, replace: dict[str, bytes]) -> Path:
    """Copy an xlsx, replacing some of its members."""
    source = write_xlsx(path.with_suffix(".src.xlsx"), {"Jäsenyydet": SMALL})
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item.filename, replace.get(item.filename, old.read(item.filename)))
        for name, data in replace.items():
            if name not in old.namelist():
                new.writestr(name, data)
    source.unlink()
    return path


LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"""


def _zip_bomb(path: Path) -> Path:
    return _rewrite(path, {"xl/worksheets/sheet1.xml": b"<worksheet>" + b" " * 60_000_000 + b"</worksheet>"})


def _ole(path: Path) -> Path:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4000)
    return path


def _png(path: Path) -> Path:
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    return path


def _random_csv(path: Path) -> Path:
    import random

    path.write_bytes(random.Random(7).randbytes(20_000))
    return path


def _empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


# file name -> (maker, the exact error line)
CASES = {
    "far.xlsx": (
        _far_cell,
        "far.xlsx: sheet Jäsenyydet spans A1:XFD1048576 (1,048,576 rows × 16,384 columns), too large to read; "
        "delete the rows and columns beyond the roster and save again",
    ),
    **{
        f"far-{how}.xlsx": (
            lambda p, how=how: _far_cell_hidden(p, how),
            f"far-{how}.xlsx: sheet Jäsenyydet spans A1:XFD1048576 (1,048,576 rows × 16,384 columns), too large to "
            "read; delete the rows and columns beyond the roster and save again",
        )
        for how in ("quotes", "entity", "sequence")
    },
    "laughs.xlsx": (
        lambda p: _rewrite(p, {"xl/worksheets/sheet1.xml": LAUGHS}),
        "laughs.xlsx: contains XML entity declarations (an XML bomb?); save the roster again from Excel or LibreOffice",
    ),
    "bomb.xlsx": (
        _zip_bomb,
        "bomb.xlsx: holds a part that expands more than 200-fold (a zip bomb?); this is not a roster workbook",
    ),
    "secret.xlsx": (
        _ole,
        "secret.xlsx: is an encrypted (password-protected) workbook or an old .xls file; open it in Excel "
        "or LibreOffice and save it as .xlsx without a password",
    ),
    "picture.xlsx": (_png, "picture.xlsx: is a PNG image, not a workbook"),
    "empty.xlsx": (_empty, "empty.xlsx: the file is empty; export the roster again with its header row"),
    "noise.csv": (
        _random_csv,
        "noise.csv: is not a text CSV file (it contains binary data); save the roster as CSV (UTF-8)",
    ),
}


def make(directory: Path, name: str) -> Path:
    return CASES[name][0](directory / name)


if __name__ == "__main__":  # used by the memory-limited subprocess test
    import resource
    import sys

    from verkosto.errors import RosterError
    from verkosto.load import load_roster

    limit = int(sys.argv[2]) << 20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        load_roster(sys.argv[1])
    except RosterError as err:
        print(err)
        sys.exit(1)
    sys.exit(0)
