"""Opening an enterprise list file: a workbook (xlsx, xlsm, xls, WPS et, ods) or a CSV file.

A county clerk often has the list as CSV (saved from Excel or WPS, or exported from another
system). Chinese Excel writes CSV in GBK, "CSV UTF-8" writes UTF-8 with a BOM, other systems
UTF-8 without one; the encoding is detected, every cell stays text (a credit code or phone
number never becomes a number), and the rows then go through the same header recognition and
row checks as a workbook's. Whatever cannot be read becomes one `RosterFileError` saying what to
do, never a library's English.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qcdesk.models.held_files import read_head
from qcdesk.models.roster_reading import (
    HEADER_SCAN_ROWS,
    Column,
    best_sheet,
    fill_merged,
    find_header,
    header_labels,
    unread_columns,
)
from qcdesk.models.roster_writing import PROGRESS_EVERY
from qcdesk.models.sheet_extent import Extent, SheetLimits, column_letters, sheet_extents
from qcdesk.models.sheet_hidden import hidden_rows

CSV_SUFFIXES = (".csv", ".tsv", ".txt")
_SNIFF_CHARS = 64 * 1024


# A county's lists run to thousands of rows and a dozen or two columns; the template has 9.
ROSTER_LIMITS = SheetLimits(max_rows=100_000, max_columns=64)
CSV_MAX_BYTES = 100 * 1024 * 1024  # 100,000 rows of a generous 1 KB each
CSV_HEAD_BYTES = 1024 * 1024  # what the header scan reads of a larger CSV


def load_sheets(path: Path) -> list[tuple[str, list[list[Any]]]]:
    """(sheet name, rows) of every sheet in `path`; a CSV file is one sheet named after the file.
    Sheets too large to read (`ROSTER_LIMITS`) are left out."""
    from qcdesk.models.roster import RosterFileError

    path = _list_file(path)
    if path.suffix.lower() in CSV_SUFFIXES:
        return [(path.stem, read_csv_rows(path))]
    return [(name, rows()) for name, rows in _workbook_sheets(path, RosterFileError)[0]]


def pick_sheet(path: Path, columns: Sequence[Any], error: Callable[..., Exception]
               ) -> tuple[str, dict[str, list[int]], int, list[list[Any]]]:
    """The sheet of `path` whose header names the most `columns` (see `best_sheet`), every
    required column present. `error(rule, **params)` makes the list kind's own one-line refusal
    (``roster.no_header``, ``roster.missing_column``, ``roster.too_large``): each kind names its
    own columns. Headers are looked for in each sheet's first rows; only the sheet picked is
    read whole, and a sheet too large to read is refused before it is read at all."""
    cols: Sequence[Column] = columns
    path = _list_file(path)
    if path.suffix.lower() in CSV_SUFFIXES:
        best = best_sheet([(path.stem, read_csv_rows(path))], cols)
    else:
        sheets, too_large = _workbook_sheets(path, error)
        heads = [(name, rows(HEADER_SCAN_ROWS + 1)) for name, rows in sheets]
        best = best_sheet(heads, cols)
        if best is None and too_large is not None:  # the list itself is the sheet too large
            raise too_large
        if best is not None:
            whole = dict(sheets)[best[0]]()
            best = (best[0], best[1], best[2], whole)
    if best is None:
        raise error("roster.no_header", path=path)
    lacking = [c for c in columns if c.required and c.key not in best[1]]
    if lacking:
        accepted = "；".join(f"{c.header}：" + "、".join(f"“{a}”" for a in c.aliases[:4]) for c in lacking)
        raise error("roster.missing_column", path=path, columns="、".join(c.header for c in lacking),
                    accepted=accepted)
    return best


@dataclass
class SheetRead:
    """One sheet of the list, read whole: its header map, first data row and unread columns."""

    name: str
    header: dict[str, list[int]]
    first_data: int
    rows: list[list[Any]]
    unread: list[str] = field(default_factory=list)
    hidden: list[int] = field(default_factory=list)  # data rows Excel hides, read all the same


def pick_sheets(path: Path, columns: Sequence[Any], error: Callable[..., Exception]
                ) -> tuple[list[SheetRead], list[tuple[str, list[str]]]]:
    """Every sheet of `path` whose header has all required `columns` (a list kept one sheet per
    year, town or industry is read whole: keeping only the best sheet dropped the others without
    a word), and (name, missing headers) of the sheets whose header is recognised but lacks some.
    Refused as `pick_sheet` refuses when no sheet qualifies. Cells merged down over data rows
    take their range's value (`fill_merged`)."""
    path = _list_file(path)
    if path.suffix.lower() in CSV_SUFFIXES:
        sheets: list[tuple[str, SheetRows]] = [(path.stem, lambda nrows=None: read_csv_rows(path, nrows))]
        too_large = None
    else:
        sheets, too_large = _workbook_sheets(path, error)
    found = []
    for name, rows in sheets:
        header = find_header(rows(HEADER_SCAN_ROWS + 1), columns)
        if header is not None:
            found.append((name, rows, header))
    if not found:
        if too_large is not None:  # the list itself is the sheet too large
            raise too_large
        raise error("roster.no_header", path=path)
    lacking = {name: [c for c in columns if c.required and c.key not in header[0]]
               for name, _, header in found}
    complete = [item for item in found if not lacking[item[0]]]
    if not complete:
        best = max(found, key=lambda item: len(item[2][0]))  # the first of the best, as before
        missing = lacking[best[0]]
        accepted = "；".join(f"{c.header}：" + "、".join(f"“{a}”" for a in c.aliases[:4]) for c in missing)
        raise error("roster.missing_column", path=path, columns="、".join(c.header for c in missing),
                    accepted=accepted)
    read = [_read_whole(name, rows, header) for name, rows, header in complete]
    for sheet, rows_hidden in zip(read, _hidden_data(path, read), strict=True):
        sheet.hidden = rows_hidden
    others = [(name, [c.header for c in lacking[name]]) for name, _, _ in found if lacking[name]]
    return read, others


def _hidden_data(path: Path, sheets: list[SheetRead]) -> list[list[int]]:
    """The hidden rows holding data (below the header) of each sheet read (`sheet_hidden`)."""
    hidden = hidden_rows(path)
    return [[n for n in hidden.get(s.name, ()) if s.first_data < n <= len(s.rows)
             and any(str(c).strip() for c in s.rows[n - 1] if c is not None)] for s in sheets]


def _list_file(path: Path) -> Path:
    """`path`, refused when missing or an SQLite database (QCDesk's own, chosen by mistake): its
    header is read without dropping this process's locks on it (`held_files`), and calamine,
    which would open and close it, never sees it."""
    from qcdesk.models.roster import RosterFileError

    path = Path(path)
    if not path.is_file():
        raise RosterFileError("roster.not_found", path=path)
    try:
        head = read_head(path, 16)
    except OSError:
        head = b""  # reading it says why
    if head == b"SQLite format 3\x00":
        raise RosterFileError("roster.not_spreadsheet", path=path)
    return path


def _read_whole(name: str, rows: SheetRows, header: tuple[dict[str, list[int]], int, int]) -> SheetRead:
    found, index, height = header
    whole = rows()
    labels = header_labels(whole[index], whole[index + 1] if height == 2 else None)
    fill_merged(whole, getattr(rows, "merges", lambda: [])(), index + height)
    return SheetRead(name, found, index + height, whole, unread_columns(labels, found))


SheetRows = Callable[..., list[list[Any]]]


def _workbook_sheets(path: Path, error: Callable[..., Exception]
                     ) -> tuple[list[tuple[str, SheetRows]], Exception | None]:
    """(name, rows(nrows=None)) of each sheet of a workbook small enough to read, and the
    refusal of the first sheet too large (None when none is). The extent of an .xlsx/.ods sheet
    is measured in its XML before calamine builds it (`sheet_extent`): calamine makes a sheet
    one dense rectangle, and a stray value in XFD1048576 aborted the whole process."""
    extents = sheet_extents(path, ROSTER_LIMITS) or {}
    try:
        return _read_workbook(path, extents, error)
    except BaseException as exc:  # calamine raises several types; a Rust panic is a BaseException
        _reraise_unreadable(path, exc)
        return [(path.stem, lambda nrows=None: read_csv_rows(path, nrows))], None  # CSV named .xlsx


def _read_workbook(path: Path, extents: dict[str, Extent], error: Callable[..., Exception]
                   ) -> tuple[list[tuple[str, SheetRows]], Exception | None]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    sheets: list[tuple[str, SheetRows]] = []
    too_large: Exception | None = None
    for name in book.sheet_names:
        extent = extents.get(name)
        if extent is None or extent.within(ROSTER_LIMITS):  # (.xls: at most 65,536 × 256)
            sheet = book.get_sheet_by_name(name)
            end = sheet.end
            extent = Extent(end[0] + 1, end[1] + 1) if end is not None else Extent(0, 0)
        if not extent.within(ROSTER_LIMITS):
            too_large = too_large or error(
                "roster.too_large", path=path, sheet=name, row=extent.rows, column=extent.columns,
                letters=column_letters(extent.columns), max_rows=ROSTER_LIMITS.max_rows,
                max_columns=ROSTER_LIMITS.max_columns)
            continue
        sheets.append((name, _rows_of(path, sheet)))
    return sheets, too_large


def _rows_of(path: Path, sheet: Any) -> SheetRows:
    def rows(nrows: int | None = None) -> list[list[Any]]:
        try:
            return sheet.to_python(skip_empty_area=False, nrows=nrows)
        except BaseException as exc:  # noqa: BLE001 - see _reraise_unreadable
            _reraise_unreadable(path, exc)
            return read_csv_rows(path, nrows)

    def merges() -> list[Any]:
        try:
            return list(sheet.merged_cell_ranges or [])
        except Exception:  # noqa: BLE001 - a format without merge information: none filled
            return []
    rows.merges = merges  # type: ignore[attr-defined]
    return rows


def _reraise_unreadable(path: Path, exc: BaseException) -> None:
    """Raise the refusal for what calamine raised; return when the file is text (a CSV file saved
    under a workbook's name)."""
    from python_calamine import PasswordError

    from qcdesk.models.roster import RosterFileError

    if isinstance(exc, KeyboardInterrupt | SystemExit | MemoryError):
        raise exc
    if isinstance(exc, RosterFileError):
        raise exc
    if isinstance(exc, PasswordError):
        raise RosterFileError("roster.encrypted", path=path) from exc
    if "password" in str(exc).lower() or "encrypt" in str(exc).lower() or _is_ole_encrypted(path):
        raise RosterFileError("roster.encrypted", path=path) from exc
    if _web_table(path):  # a system's "导出Excel" that writes a web page named .xls
        raise RosterFileError("roster.web_table", path=path) from exc
    if not _looks_like_text(path):
        if path.suffix.lower() == ".et":  # WPS's own format, read when it is .xls inside; this one not
            raise RosterFileError("roster.et_unreadable", path=path) from exc
        raise RosterFileError("roster.not_spreadsheet", path=path) from exc


_WEB_STARTS = ("<!doctype html", "<html", "<table", "<meta", "<head")


def _head(path: Path, size: int = 4096) -> bytes:
    """The first `size` bytes: what a refused file is told apart by."""
    with open(path, "rb") as fh:
        return fh.read(size)


def _web_table(path: Path) -> bool:
    """An HTML table or an Excel 2003 XML workbook under a workbook's name: many systems'
    导出Excel write one. Exporting again gives the same file; saving it as .xlsx is what helps."""
    try:
        text = _decode(_head(path), partial=True).lstrip().lower()  # UTF-8, UTF-16, GBK alike
    except UnicodeDecodeError:
        return False
    return text.startswith(_WEB_STARTS) or (
        text.startswith("<?xml") and "urn:schemas-microsoft-com:office:spreadsheet" in text)


def _is_ole_encrypted(path: Path) -> bool:
    """An encrypted .xlsx is an OLE2 compound file holding an 'EncryptedPackage' stream."""
    head = _head(path, 1 << 16)
    return head.startswith(b"\xd0\xcf\x11\xe0") and "EncryptedPackage".encode("utf-16-le") in head


def _looks_like_text(path: Path) -> bool:
    head = _head(path)
    if not head or b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    try:
        text = _decode(head, partial=True)
    except UnicodeDecodeError:
        return False
    return any(sep in text for sep in ",\t;") and "\n" in text


def _decode(data: bytes, partial: bool = False) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK, which
    Chinese Excel writes). UnicodeDecodeError when none fits. `partial`: `data` may end inside
    a character (a file's first bytes)."""
    errors = "ignore" if partial else "strict"
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors)
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            if partial and exc.start >= len(data) - 3:  # cut inside the last character
                return data[:exc.start].decode(encoding)
    raise UnicodeDecodeError("gb18030", data, 0, 1, "neither UTF-8 nor GBK")


def read_csv_rows(path: Path, nrows: int | None = None) -> list[list[str]]:
    """Rows of a CSV (or tab-separated) file as text cells, the encoding detected; the first
    `nrows` only when given. Held to the workbooks' limit (`ROSTER_LIMITS`, and
    CSV_MAX_BYTES before it is read): a 300,000-row CSV took 50 s and 1 GB of memory."""
    from qcdesk.models.roster import RosterFileError

    limit = ROSTER_LIMITS.max_rows
    if Path(path).stat().st_size > CSV_MAX_BYTES:
        raise RosterFileError("roster.csv_too_large", path=path, max_rows=limit)
    if nrows is not None and (rows := _first_csv_rows(path, nrows)) is not None:
        return rows
    try:
        text = _decode(Path(path).read_bytes())
    except UnicodeDecodeError as exc:
        raise RosterFileError("roster.csv_encoding", path=path) from exc
    rows = _csv_rows(path, text, (limit + 1) if nrows is None else nrows)
    if nrows is None and len(rows) > limit:
        raise RosterFileError("roster.csv_too_large", path=path, max_rows=limit)
    return rows


def _csv_rows(path: Path, text: str, count: int) -> list[list[str]]:
    from qcdesk.models.roster import RosterFileError

    head = "\n".join(text[:_SNIFF_CHARS].splitlines()[:20])
    delimiter = max(",\t;", key=head.count)  # the Sniffer guesses wrong on short Chinese lines
    try:
        return list(itertools.islice(csv.reader(io.StringIO(text, newline=""),
                                                delimiter=delimiter), count))
    except csv.Error as exc:
        raise RosterFileError("roster.not_spreadsheet", path=path) from exc


def _first_csv_rows(path: Path, nrows: int) -> list[list[str]] | None:
    """The first `nrows` rows from the file's first bytes (the header scan's), or None when
    they do not hold them whole: the scan decoded up to 100 MB for a few dozen rows."""
    data = _head(path, CSV_HEAD_BYTES + 1)
    if len(data) <= CSV_HEAD_BYTES:
        return None  # the whole file: read as a whole, with its own checks
    try:
        rows = _csv_rows(path, _decode(data[:CSV_HEAD_BYTES], partial=True), nrows + 1)
    except (UnicodeDecodeError, ValueError):
        return None
    return rows[:nrows] if len(rows) > nrows else None  # the last row may be cut


def sheet_lines(sheets: Sequence[Any], progress: Callable[[int, int], object] | None = None,
                ) -> Iterator[tuple[int, list[Any], dict[str, list[int]], str]]:
    """Every data row of the sheets read, as (row number as Excel shows it, cells, the sheet's
    header, its name when a list spans several sheets), for every kind of list;
    `progress(done, total)` every PROGRESS_EVERY rows, and it may raise to stop."""
    total, done = sum(len(s.rows) - s.first_data for s in sheets), 0
    for sheet in sheets:
        tag = sheet.name if len(sheets) > 1 else ""
        for offset, raw in enumerate(sheet.rows[sheet.first_data:]):
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(done, total)
            done += 1
            yield sheet.first_data + 1 + offset, raw, sheet.header, tag
