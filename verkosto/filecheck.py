"""Checks made on a workbook before the spreadsheet parser sees it.

python-calamine allocates the whole rectangle between a sheet's first and last cell up
front, so a 5 KB file whose single cell sits at XFD1048576 asks for ~550 GB and aborts the
interpreter: no exception reaches Python. Zip bombs and XML entity bombs are likewise
stopped here, by reading only the zip directory and bounded parts of the XML.

The extent of a sheet is measured from its cells, never from its ``<dimension>`` element
(which may be missing or lie), and streamed in slices of whole rows. Cells written as Excel,
LibreOffice and openpyxl write them (``<c r="B7" …>``) are measured with a regular
expression; a sheet with any other cell tag — an ``r`` in single quotes or as a character
reference, cells without ``r`` placed one after another, a duplicated attribute — is measured
again with a real XML parser (expat), as calamine would place its cells.
"""

from __future__ import annotations

import re
import xml.parsers.expat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
# Every cell start tag, and the cell start tags in the plain form: attributes in double
# quotes, one r with a cell reference among them. When the counts differ, expat measures.
_ANY_CELL = re.compile(rb"<(?:\w+:)?c[\s/>]")
_PLAIN_CELL = re.compile(
    rb'<(?:\w+:)?c(?:\s+(?!r=)[\w:.-]+="[^"<&]*")*\s+r="([A-Z]{1,3})([0-9]{1,7})"(?:\s+(?!r=)[\w:.-]+="[^"<&]*")*\s*/?>'
)
_ROW_END = re.compile(rb"</(?:\w+:)?row>")
_REFERENCE = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
SLICE_BYTES = 8 << 20  # a sheet is scanned this much at a time, cut after a row's end
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
        if member.filename.endswith(".xml") and _is_sheet(member.filename, names):
            sheet = names.get(member.filename, member.filename)
            try:
                refusal = _check_sheet(book, member, sheet, result)
            except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, xml.parsers.expat.ExpatError):
                refusal = Message("file.broken_part", part=member.filename)
            if refusal:
                return WorkbookCheck(refusal, sheet)
    return result


def _is_sheet(filename: str, names: dict[str, str]) -> bool:
    """A worksheet part: where Excel puts them, or wherever the workbook's relations point."""
    return filename.startswith("xl/worksheets/") or filename in names


class _Extent:
    """The smallest and largest row and column of the cells seen."""

    def __init__(self):
        self.rows = [None, None]
        self.cols = [None, None]

    def add(self, rows: list[int], cols: list[int]) -> None:
        if rows:
            lo, hi = min(rows), max(rows)
            self.rows = [lo if self.rows[0] is None else min(self.rows[0], lo), max(self.rows[1] or 0, hi)]
            lo, hi = min(cols), max(cols)
            self.cols = [lo if self.cols[0] is None else min(self.cols[0], lo), max(self.cols[1] or 0, hi)]

    def refusal(self, sheet: str) -> Message | None:
        if self.rows[0] is None:
            return None
        height = self.rows[1] - self.rows[0] + 1
        width = self.cols[1] - self.cols[0] + 1
        if height * width <= MAX_CELLS:
            return None
        first = f"{_letters(self.cols[0])}{self.rows[0]}"
        last = f"{_letters(self.cols[1])}{self.rows[1]}"
        return Message("file.sheet_too_large", name=sheet, first=first, last=last, height=height, width=width)


def _slices(book: zipfile.ZipFile, member: zipfile.ZipInfo):
    """The sheet's XML in slices that end after a ``</row>`` (the last one: wherever it ends)."""
    with book.open(member) as stream:
        carry = b""
        while True:
            data = stream.read(SLICE_BYTES)
            if not data:
                if carry:
                    yield carry
                return
            data = carry + data
            cut = None
            for cut in _ROW_END.finditer(data, max(0, len(data) - SLICE_BYTES - 16)):  # noqa: B007 (the last match)
                pass
            if cut is None and len(data) < 8 * SLICE_BYTES:
                carry = data  # no row ends here yet: read on (a row of 64 MB is measured by expat)
                continue
            end = cut.end() if cut is not None else len(data)
            yield data[:end]
            carry = data[end:]


def _check_sheet(book: zipfile.ZipFile, member: zipfile.ZipInfo, sheet: str, result: WorkbookCheck) -> Message | None:
    extent = _Extent()
    formulas: list[str] = []
    for part in _slices(book, member):
        plain = _PLAIN_CELL.findall(part)
        if len(plain) != len(_ANY_CELL.findall(part)):
            return _check_sheet_parsed(book, member, sheet)
        extent.add([int(digits) for _, digits in plain], [_column_number(letters) for letters, _ in plain])
        refusal = extent.refusal(sheet)
        if refusal:
            return refusal
        if b"<f" in part:
            formulas += [ref.decode() for ref, body in _FORMULA_CELL.findall(part)
                         if b"<f" in body and not _HAS_VALUE.search(body)]
    if formulas:
        result.formulas_without_values[sheet] = formulas
    return None


def _check_sheet_parsed(book: zipfile.ZipFile, member: zipfile.ZipInfo, sheet: str) -> Message | None:
    """The extent as a spreadsheet reader places the cells: a cell without ``r`` follows the
    one before it in its row, a row without ``r`` follows the row before it."""
    extent = _Extent()
    state: dict[str, Any] = {"row": 0, "col": 0, "rows": [], "cols": []}

    def start(name: str, attrs: dict) -> None:
        local = name.rpartition(" ")[2]
        if local == "row":
            r = attrs.get("r")
            state["row"] = int(r) if r and r.isdigit() else state["row"] + 1
            state["col"] = 0
        elif local == "c":
            r = attrs.get("r")
            match = _REFERENCE.fullmatch(r or "")
            if match:
                state["col"] = _column_number(match[1].encode())
                state["row"] = int(match[2])
            else:
                state["col"] += 1
            state["rows"].append(state["row"])
            state["cols"].append(state["col"])

    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    with book.open(member) as stream:
        while True:
            data = stream.read(1 << 20)
            parser.Parse(data, not data)
            extent.add(state["rows"], state["cols"])
            state["rows"], state["cols"] = [], []
            refusal = extent.refusal(sheet)
            if refusal or not data:
                return refusal


def _letters(number: int) -> str:
    return column_letter(number - 1)
