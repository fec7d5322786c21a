"""Checks made on a workbook before the spreadsheet parser sees it.

python-calamine allocates the whole rectangle between a sheet's first and last cell up
front, so a 5 KB file whose single cell sits at XFD1048576 asks for ~550 GB and aborts the
interpreter: no exception reaches Python. Zip bombs and XML entity bombs are likewise
stopped here, by reading only the zip directory and bounded parts of the XML.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Message, column_letter

__all__ = ["WorkbookCheck", "check_workbook", "MAX_CELLS", "MAX_UNZIPPED_BYTES"]

MAX_CELLS = 5_000_000  # a sheet's bounding box; 250,000 rows x 20 columns
MAX_UNZIPPED_BYTES = 1 << 30
MAX_RATIO = 200  # zip members that expand more than this (and are large) are bombs
MAX_MEMBERS = 10_000

# First bytes of files that are not workbooks -> the catalogue key saying what they are.
SIGNATURES = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "file.encrypted"),
    (b"\x89PNG", "file.png"),
    (b"\xff\xd8\xff", "file.jpeg"),
    (b"%PDF", "file.pdf"),
    (b"GIF8", "file.gif"),
)

_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"')
_FORMULA_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3}[0-9]{1,7})"[^>]*(?<!/)>(.*?)</(?:\w+:)?c>', re.S)
_HAS_VALUE = re.compile(rb"<(?:\w+:)?v>[^<]")
_SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"')
_SHEET_REL = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"')
_SHEET_REL_REVERSED = re.compile(rb'<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"')


@dataclass
class WorkbookCheck:
    """What the check found: a reason to refuse the file, and warnings to pass on."""

    refusal: Message | None = None
    sheet: str | None = None
    formulas_without_values: dict[str, list[str]] = field(default_factory=dict)


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ch - 64
    return number


def _sheet_names(book: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet member path -> sheet name as shown in Excel."""
    try:
        workbook = book.read("xl/workbook.xml")
        rels = book.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets = {rid: target for rid, target in _SHEET_REL.findall(rels)}
    targets.update({rid: target for target, rid in _SHEET_REL_REVERSED.findall(rels)})
    names = {}
    for name, rid in _SHEET.findall(workbook):
        target = targets.get(rid, b"").decode("utf-8", "replace").lstrip("/")
        if not target.startswith("xl/"):
            target = "xl/" + target
        names[target] = _unescape(name.decode("utf-8", "replace"))
    return names


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'").replace("&amp;", "&")


def check_workbook(path: Path) -> WorkbookCheck:
    """Inspect a workbook file without parsing its sheets into memory.

    Returns a :class:`WorkbookCheck` whose ``refusal`` says, in one sentence, why the file
    must not be opened (``None`` when it may be): a catalogue message naming no file.
    """
    with open(path, "rb") as handle:
        head = handle.read(8)
    for signature, reason in SIGNATURES:
        if head.startswith(signature):
            return WorkbookCheck(Message(reason))
    if not head.startswith(b"PK"):
        return WorkbookCheck(Message("file.not_zip", suffix=path.suffix))
    try:
        book = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return WorkbookCheck(Message("file.broken_zip", suffix=path.suffix))
    with book:
        return _check_members(book)


def _check_members(book: zipfile.ZipFile) -> WorkbookCheck:
    members = book.infolist()
    if len(members) > MAX_MEMBERS:
        return WorkbookCheck(Message("file.too_many_members", count=len(members)))
    if sum(m.file_size for m in members) > MAX_UNZIPPED_BYTES:
        return WorkbookCheck(Message("file.too_large_unzipped"))
    for member in members:
        if member.file_size > 10_000_000 and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            return WorkbookCheck(Message("file.zip_bomb", ratio=MAX_RATIO))
    result = WorkbookCheck()
    names = _sheet_names(book)
    for member in members:
        if not member.filename.endswith(".xml") and not member.filename.endswith(".rels"):
            continue
        try:
            with book.open(member) as stream:
                head = stream.read(4096)
        except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError):
            return WorkbookCheck(Message("file.broken_part", part=member.filename))
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            return WorkbookCheck(Message("file.xml_entities"))
        if member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml"):
            sheet = names.get(member.filename, member.filename)
            refusal = _check_sheet(book.read(member), sheet, result)
            if refusal:
                return WorkbookCheck(refusal, sheet)
    return result


def _check_sheet(xml: bytes, sheet: str, result: WorkbookCheck) -> Message | None:
    rows, cols = [], []
    for letters, digits in _CELL.findall(xml):
        cols.append(_column_number(letters))
        rows.append(int(digits))
    if rows:
        height = max(rows) - min(rows) + 1
        width = max(cols) - min(cols) + 1
        if height * width > MAX_CELLS:
            first = f"{_letters(min(cols))}{min(rows)}"
            last = f"{_letters(max(cols))}{max(rows)}"
            return Message(
                "file.sheet_too_large", name=sheet, first=first, last=last, height=height, width=width
            )
    if b"<f" in xml:
        missing = [ref.decode() for ref, body in _FORMULA_CELL.findall(xml) if b"<f" in body and not _HAS_VALUE.search(body)]
        if missing:
            result.formulas_without_values[sheet] = missing
    return None


def _letters(number: int) -> str:
    return column_letter(number - 1)
