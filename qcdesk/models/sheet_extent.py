"""How far each sheet of a workbook reaches, read from the file before calamine is asked for it.

Why: calamine makes a sheet one dense rectangle, from its first to its last cell holding a
value. One stray "x" in XFD1048576 below a one-row list asks for 17 billion cells (549 GB):
the allocation fails and Rust aborts the whole process — nothing to catch, unsaved work lost.
A stray value in I1048576 costs 22 s and half a GB. So the cells holding a value are found in
the sheet's XML (streamed; a cell with only a style or a formula without a cached result
counts as calamine counts it: not at all) and an absurd extent is refused before calamine
builds the sheet. `.xlsx`/`.xlsm` and `.ods` are measured; `.xls` cannot exceed 65,536 rows by
256 columns and is left to calamine.
"""

from __future__ import annotations

import posixpath
import re
import threading
import time
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from qcdesk.export.xlsx_writer import col_letter

_CHUNK = 1 << 16
_SCAN_CHUNK = 1 << 23  # the scan's pieces: few, as each unzip lets go of the GIL and must win it back
_CELL_REF = re.compile(r"([A-Za-z]{1,3})(\d+)$")
_ANY_REF = re.compile(rb' r="([A-Za-z]{1,3})([0-9]{1,12})"')
_XLSX_SUFFIXES = (".xlsx", ".xlsm")
_ODS_SUFFIXES = (".ods",)
_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass(frozen=True, slots=True)
class SheetLimits:
    """The largest sheet read; rows × columns is the rectangle calamine builds (about 32 bytes
    a cell there, more once in Python)."""

    max_rows: int
    max_columns: int


@dataclass(frozen=True, slots=True)
class Extent:
    """Last row and column (1-based) holding a value; (0, 0) for an empty sheet."""

    rows: int
    columns: int

    def within(self, limits: SheetLimits) -> bool:
        return self.rows <= limits.max_rows and self.columns <= limits.max_columns


def column_letters(column: int) -> str:
    """1 → A, 16384 → XFD (the writer's `col_letter`, counted from 1 as sheet extents are)."""
    return col_letter(column - 1)


def _column_number(letters: str) -> int:
    """A → 1, XFD → 16384."""
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - 64
    return number


def sheet_extents(path: Path, limits: SheetLimits) -> dict[str, Extent] | None:
    """The extent of every sheet of an .xlsx/.xlsm/.ods file (or an .et holding an .xlsx) by sheet
    name; None for another format or a file that cannot be measured (calamine then says what is
    wrong with it). An .xlsx sheet is first searched for a cell not led by a reference within
    `limits` (`_suspect`: one regular expression over the XML, no object per cell); only a sheet
    where one is found is measured cell by cell. Its extent within limits is then given as
    (0, 0): "nothing beyond the limits"."""
    suffix = Path(path).suffix.lower()
    if suffix not in _XLSX_SUFFIXES + _ODS_SUFFIXES + (".et",):  # an .et may hold an .xlsx (else no zip)
        return None
    try:
        with zipfile.ZipFile(path) as zf:
            return _ods_extents(zf) if suffix in _ODS_SUFFIXES else _xlsx_extents(zf, limits)
    except Exception:  # noqa: BLE001 - zipfile/zlib/expat on a damaged file raise many types
        return None


def _not_greater(limit: str, alphabet: str) -> str:
    """A pattern for the strings of `alphabet` (in order; no leading first letter when
    `alphabet` is digits) that stand for at most `limit`: shorter, or as long and not greater."""
    lead = alphabet[1:] if alphabet[0] == "0" else alphabet
    parts = [f"[{lead[0]}-{lead[-1]}][{alphabet[0]}-{alphabet[-1]}]{{0,{len(limit) - 2}}}"
             ] if len(limit) > 1 else []
    for i, ch in enumerate(limit):
        pool = lead if i == 0 else alphabet
        below = pool[:pool.index(ch)]
        if below:
            parts.append(f"{limit[:i]}[{below[0]}-{below[-1]}][{alphabet[0]}-{alphabet[-1]}]"
                         f"{{{len(limit) - i - 1}}}")
    return "|".join([*parts, limit])


def _suspect(limits: SheetLimits) -> re.Pattern[bytes]:
    """A cell element not led by a reference within `limits` as Excel writes it: `<c r="B7"`.
    Why this shape: calamine places a cell by its own `r` (its row element does not matter
    then), and a cell without one after the cell before it. The search only stops at `<c`
    (a C-level scan for the literal), and there a cell written as every writer writes it is
    passed by one short look-ahead; anything else (a reference past the limits, lower case, a
    leading zero, another attribute first, a cell without its reference) is suspect and the
    sheet is then measured cell by cell. `<col`, `<cols`, `<cfRule`… are other elements."""
    cols = _not_greater(column_letters(limits.max_columns), "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    rows = _not_greater(str(limits.max_rows), "0123456789")
    return re.compile(rf'<c(?:[\t\n\r/>]| (?!r="(?:{cols})(?:{rows})"))'.encode())


# a cell element with a namespace prefix (`<x:c r=…`): calamine goes by the local name
_PREFIXED_CELL = re.compile(rb":c[\s/>]")


def _xlsx_far(zf: zipfile.ZipFile, member: str, suspect: re.Pattern[bytes]) -> bool:
    """True when the sheet has a cell `suspect` finds, or one with a namespace prefix. Read in
    large pieces cut after a `>`: neither pattern spans one, so no match is cut in two."""
    tail = b""
    with zf.open(member) as fh:
        while chunk := fh.read(_SCAN_CHUNK):
            data = tail + chunk if tail else chunk
            cut = data.rfind(b">") + 1
            data, tail = data[:cut], data[cut:]
            if suspect.search(data) or _PREFIXED_CELL.search(data):
                return True
    return bool(tail.strip())


def _feed(zf: zipfile.ZipFile, member: str, parser: expat.XMLParserType) -> None:
    with zf.open(member) as fh:
        while chunk := fh.read(_CHUNK):
            parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1].rsplit(":", 1)[-1]


def xlsx_members(zf: zipfile.ZipFile) -> list[tuple[str, str | None]]:
    """(sheet name, its XML member, or None when the file has no such member) of each sheet
    of an .xlsx in workbook order."""
    sheets: list[tuple[str, str]] = []  # (name, relationship id)
    targets: dict[str, str] = {}

    def workbook_start(name: str, attrs: dict[str, str]) -> None:
        if _local(name) == "sheet":
            rid = next((v for k, v in attrs.items() if k.endswith(" id") or k == "r:id"), "")
            sheets.append((attrs.get("name", ""), rid))

    def rels_start(name: str, attrs: dict[str, str]) -> None:
        if _local(name) == "Relationship":
            targets[attrs.get("Id", "")] = attrs.get("Target", "")

    for member, handler in (("xl/workbook.xml", workbook_start),
                            ("xl/_rels/workbook.xml.rels", rels_start)):
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartElementHandler = handler
        _feed(zf, member, parser)
    names = set(zf.namelist())
    members: list[tuple[str, str | None]] = []
    for sheet, rid in sheets:
        target = targets.get(rid, "")
        member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join("xl", target))
        members.append((sheet, member if member in names else None))
    return members


def _xlsx_extent(zf: zipfile.ZipFile, member: str, suspect: re.Pattern[bytes]) -> Extent:
    """(0, 0) when the fast scan finds nothing `suspect`, else the sheet measured."""
    return _measured(zf, member) if _xlsx_far(zf, member, suspect) else Extent(0, 0)


def _xlsx_extents(zf: zipfile.ZipFile, limits: SheetLimits) -> dict[str, Extent]:
    suspect = _suspect(limits)
    return {sheet: _xlsx_extent(zf, member, suspect)
            for sheet, member in xlsx_members(zf) if member is not None}


class ExtentsAhead:
    """The named sheets of a workbook measured in order on a helper thread, each handed out
    (`extent`) as soon as it is measured. Why: the import's reader must not let calamine build
    a sheet before it is known to be within the limits, but measuring every sheet first held
    the whole import back (about the time of the reference read itself). Measured ahead, a
    sheet is waited for only until it is measured, and the later sheets are measured while
    calamine parses the earlier ones (unzipping lets go of the GIL). Stops after a sheet
    beyond `limits`; a sheet not measured (not found, a damaged file, stopped) is None."""

    def __init__(self, path: Path, names: Sequence[str], limits: SheetLimits) -> None:
        self._path, self._names, self._limits = Path(path), list(names), limits
        self._cond = threading.Condition()
        self._done: dict[str, Extent | None] = {}
        self._stop = False
        self.held_back = 0.0  # seconds callers of `extent` waited (what the check delayed)
        self._thread = threading.Thread(target=self._run, name="qcdesk-extent", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._measure()
        except Exception:  # noqa: BLE001, S110 - a damaged file: its sheets are None (not measured)
            pass
        finally:
            with self._cond:
                for name in self._names:
                    self._done.setdefault(name, None)
                self._cond.notify_all()

    def _measure(self) -> None:
        suffix = self._path.suffix.lower()
        with zipfile.ZipFile(self._path) as zf:
            if suffix in _ODS_SUFFIXES:
                extents = _ods_extents(zf)
                self._publish({name: extents.get(name) for name in self._names})
                return
            if suffix not in _XLSX_SUFFIXES:
                return
            members = dict(xlsx_members(zf))
            suspect = _suspect(self._limits)
            for name in self._names:
                with self._cond:
                    if self._stop:
                        return
                member = members.get(name)
                extent = _xlsx_extent(zf, member, suspect) if member is not None else None
                self._publish({name: extent})
                if extent is None or not extent.within(self._limits):
                    return

    def _publish(self, extents: dict[str, Extent | None]) -> None:
        with self._cond:
            self._done.update(extents)
            self._cond.notify_all()

    def extent(self, name: str) -> Extent | None:
        """The extent of sheet `name` ((0, 0): nothing beyond the limits), waiting until it is
        measured; None when it was not (then nothing is known about it)."""
        start = time.perf_counter()
        with self._cond:
            while name not in self._done and name in self._names:
                self._cond.wait()
            self.held_back += time.perf_counter() - start
            return self._done.get(name)

    def close(self) -> None:
        """Stop measuring (after the sheet under way)."""
        with self._cond:
            self._stop = True
        self._thread.join()


def _measured(zf: zipfile.ZipFile, member: str) -> Extent:
    """The sheet's extent cell by cell; where its XML is too broken for expat (calamine may be
    more lenient), the farthest cell reference of any kind, so that it is refused all the same."""
    try:
        return _xlsx_sheet_extent(zf, member)
    except expat.ExpatError:
        rows = columns = 0
        tail = b""
        with zf.open(member) as fh:
            while chunk := fh.read(_CHUNK * 16):
                data = tail + chunk
                cut = data.rfind(b">") + 1
                data, tail = data[:cut], data[cut:]
                for letters, digits in _ANY_REF.findall(data):
                    rows = max(rows, int(digits))
                    columns = max(columns, _column_number(letters.decode()))
        return Extent(max(rows, 1), max(columns, 1))


def _xlsx_sheet_extent(zf: zipfile.ZipFile, member: str) -> Extent:
    state = {"row": 0, "col": 0, "cell_row": 0, "cell_col": 0, "max_row": 0, "max_col": 0, "in_v": 0}

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        if tag == "row":
            r = attrs.get("r")
            state["row"] = int(r) if r and r.isdigit() else state["row"] + 1
            state["col"] = 0
        elif tag == "c":
            match = _CELL_REF.match(attrs.get("r", ""))
            if match:
                state["row"], state["col"] = int(match.group(2)), _column_number(match.group(1))
            else:
                state["col"] += 1
            state["cell_row"], state["cell_col"] = state["row"], state["col"]
        elif tag == "is":  # an inline string: calamine places the cell
            place()
        elif tag == "v":  # a value, unless empty (a formula never calculated)
            state["in_v"] = 1

    def end(name: str) -> None:
        if state["in_v"] and _local(name) == "v":
            state["in_v"] = 0

    def text(data: str) -> None:
        if state["in_v"] and data.strip():
            place()

    def place() -> None:
        state["max_row"] = max(state["max_row"], state["cell_row"])
        state["max_col"] = max(state["max_col"], state["cell_col"])

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    _feed(zf, member, parser)
    return Extent(state["max_row"], state["max_col"])


def _ods_extents(zf: zipfile.ZipFile) -> dict[str, Extent]:
    """Rows and cells repeat (`number-rows-repeated`, `number-columns-repeated`): one element
    can stand for a million empty rows, and a value after them is placed that far down."""
    extents: dict[str, Extent] = {}
    state = {"row": 0, "col": 0, "max_row": 0, "max_col": 0, "rows_repeat": 1, "first": 0}
    current: list[str] = []

    def place(last_col: int) -> None:
        state["max_row"] = max(state["max_row"], state["row"] + state["rows_repeat"] - 1)
        state["max_col"] = max(state["max_col"], last_col)

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        if tag == "table":
            current[:] = [next((v for k, v in attrs.items() if _local(k) == "name"), "")]
            state.update(row=0, col=0, max_row=0, max_col=0)
        elif tag == "table-row":
            state["rows_repeat"] = _repeat(attrs, "number-rows-repeated")
            state["row"] += 1
            state["col"] = 0
        elif tag in ("table-cell", "covered-table-cell"):
            state["first"] = state["col"] + 1
            state["col"] += _repeat(attrs, "number-columns-repeated")
            if any(_local(k) == "value-type" for k in attrs):
                place(state["col"])
        elif tag == "p" and state["first"]:  # text without a value type: counted all the same
            place(state["col"])

    def end(name: str) -> None:
        tag = _local(name)
        if tag in ("table-cell", "covered-table-cell"):
            state["first"] = 0
        elif tag == "table-row":
            state["row"] += state["rows_repeat"] - 1
            state["rows_repeat"] = 1
        elif tag == "table" and current:
            extents[current[0]] = Extent(state["max_row"], state["max_col"])

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    _feed(zf, "content.xml", parser)
    return extents


def _repeat(attrs: dict[str, str], key: str) -> int:
    value = next((v for k, v in attrs.items() if _local(k) == key), "1")
    return int(value) if value.isdigit() and int(value) > 0 else 1
