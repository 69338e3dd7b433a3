"""Safe, fast, streaming .xlsx writer.

Why our own writer instead of openpyxl: the exchange export must stream a million visits in
bounded memory and be at least as fast as openpyxl's write-only mode, and it must guarantee
that no text ever becomes a formula.  This writer emits SpreadsheetML directly into the zip
member, never writes a ``<f>`` element, and never guesses a cell's type from its content:
each column declares its kind.

Safety rules (documented in docs/exchange-spreadsheet.md):

* Text is always a string cell — inline (``t="inlineStr"``) the first time a text occurs,
  from the shared-string table (``t="s"``, xlsx_parts.SharedStrings) when it repeats — so
  ``=1+1``, ``+``, ``-``, ``@``, full-width ``＝`` etc. stay text in Excel and WPS.
* Characters XML cannot hold are written as ``_xHHHH_``, reversibly (xlsx_text.py).
* A text longer than :data:`MAX_CELL_CHARS` (counted in UTF-16 units after escaping) keeps
  its first part in the cell; the rest goes, in order, to rows of the sheet
  :data:`OVERFLOW_SHEET` keyed by sheet name, row and column.  :func:`join_overflow` helps
  readers put it back.
* A sheet takes at most :data:`MAX_DATA_ROWS` data rows; further rows continue on
  ``name(2)``, ``name(3)`` … with the same header.

Every sheet prints as it is: A4, landscape when its columns are wider than a portrait page,
all columns scaled to one page wide (as many pages down as it takes), the header row
repeated on each page (the ``_xlnm.Print_Titles`` name, xlsx_parts), grid lines, narrow
margins, "第 &P 页，共 &N 页" in the footer and an optional page header; long free-text
columns wrap. All of it is per-sheet or per-column metadata, written once: no per-cell work.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from qcdesk.export.xlsx_fit import display_units, fitted
from qcdesk.export.xlsx_parts import (
    _NS_MAIN,
    _NS_REL,
    SharedStrings,
    Tabs,
    percent_style,
    write_package_parts,
)
from qcdesk.export.xlsx_text import (  # noqa: F401 - re-exported for readers of this module
    _SLOW_PATH,
    MAX_CELL_CHARS,
    _xml,
    decode_after_reader,
    escape_xstring,
    join_overflow,
    split_escaped,
    unescape_xstring,
)
from qcdesk.models.file_replace import name_target, replace_into_place, side_file

TEXT = "text"  # free text, general format
CODE = "code"  # identifiers kept as text (USCC, licence no., phone, jurisdiction code)
INT = "int"
FLOAT = "float"
PERCENT = "percent"  # a share 0…1 as a number cell: 92.3%, a `Percent` 94.97% (a rate, not text)
DATE = "date"  # datetime.date or ISO 'YYYY-MM-DD' -> date cell
DATETIME = "datetime"  # datetime.datetime or ISO string -> date-time cell
BOOL = "bool"
VALUE = "value"  # a 说明 sheet's mixed 内容: each cell by its Python type, text never parsed
KINDS = (TEXT, CODE, INT, FLOAT, PERCENT, DATE, DATETIME, BOOL, VALUE)

MAX_DATA_ROWS = 1_048_575
MAX_SHEET_NAME = 31
OVERFLOW_SHEET = "长文本续"
OVERFLOW_HEADERS = ("工作表", "行号", "列号", "序号", "内容")

_EPOCH = dt.date(1899, 12, 30)
_EPOCH_DT = dt.datetime(1899, 12, 30)
# Excel counts a fictitious 1900-02-29 (serial 60), so serials from _EPOCH are right only from
# 1900-03-01 on; earlier dates are kept as text, or Excel would show them a day late.
_FIRST_TRUE_SERIAL = dt.date(1900, 3, 1)
_INVALID_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")

WRAP_FROM_WIDTH = 30.0  # a free-text column at least this wide holds sentences: it wraps
PORTRAIT_MAX_WIDTH = 100.0  # column width units an A4 portrait page holds (narrow margins)
PAGE_FOOTER = "&C第 &P 页，共 &N 页"
_PAGE_MARGINS = ('<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.25"'
                 ' footer="0.25"/>')


def col_letter(index: int) -> str:
    """0-based column index -> 'A', 'B', … 'AA'."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass(frozen=True)
class Column:
    """One spreadsheet column: Chinese header, value kind, display width in characters, and
    whether its text wraps (None: a TEXT column :data:`WRAP_FROM_WIDTH` or wider does)."""

    header: str
    kind: str = TEXT
    width: float | None = None
    wrap: bool | None = None

    @property
    def wraps(self) -> bool:
        if self.wrap is not None:
            return self.wrap
        return self.kind in (TEXT, VALUE) and _width(self) >= WRAP_FROM_WIDTH

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")


# cellXfs indices in styles.xml
_S_HEADER, _S_CODE, _S_DATE, _S_DATETIME, _S_PERCENT, _S_WRAP = 1, 2, 3, 4, 5, 6


def _date_serial(value: Any) -> str | None:
    """Excel serial of a date, or None when the value is not an exact date (kept as text)."""
    if isinstance(value, str):
        if len(value) != 10:
            return None
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return None
    if isinstance(value, dt.datetime):
        return None
    if not isinstance(value, dt.date) or value < _FIRST_TRUE_SERIAL:
        return None
    return str((value - _EPOCH).days)


def _datetime_serial(value: Any) -> str | None:
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    if isinstance(value, dt.datetime):
        if value.date() < _FIRST_TRUE_SERIAL:
            return None
        if value.tzinfo is not None:
            value = value.replace(tzinfo=None)
        delta = value - _EPOCH_DT
        return repr(delta.days + delta.seconds / 86400 + delta.microseconds / 86400e6)
    return _date_serial(value)


class SheetWriter:
    """Appends rows to one logical sheet (which may span several physical sheets)."""

    def __init__(self, book: XlsxWriter, name: str, columns: Sequence[Column],
                 *, max_rows: int, landscape: bool | None = None, page_header: str = "") -> None:
        self._book = book
        self._shared = book._shared
        self.name = name
        self.columns = tuple(columns)
        self._max_rows = max_rows
        self._letters = [col_letter(i) for i in range(len(self.columns))]
        self._part = 0
        self._handle: IO[bytes] | None = None
        self._buf: list[str] = []
        self._row = 0  # last written row number on the current physical sheet
        self.rows_written = 0
        self.sheet_names: list[str] = []
        self._cell_fns: list[Callable[[str, Any], str]] = [
            self._cell_fn(c.kind, c.wraps) for c in self.columns
        ]
        self._print_setup = _print_setup(self.columns, landscape, page_header)
        self._open_part()

    # -- cell rendering ----------------------------------------------------------------
    def _cell_fn(self, kind: str, wrap: bool = False) -> Callable[[str, Any], str]:
        if kind in (TEXT, CODE):
            style = f' s="{_S_CODE}"' if kind == CODE else f' s="{_S_WRAP}"' if wrap else ""
            return lambda ref, v: self._text_cell(ref, v, style)
        text = self._text_cell

        def typed(render: Callable[[Any], str | None]) -> Callable[[str, Any], str]:
            # a value that does not fit the column's kind is kept exactly, as text
            def cell(ref: str, v: Any) -> str:
                out = render(v)
                return text(ref, v, "") if out is None else f'<c r="{ref}"{out}</v></c>'
            return cell

        if kind == VALUE:  # numbers, dates and times typed; every str stays text, unparsed
            fns = {k: self._cell_fn(k) for k in (INT, FLOAT, DATE, DATETIME)}
            plain = self._cell_fn(TEXT, wrap)

            def value(ref: str, v: Any) -> str:
                k = (None if isinstance(v, bool | str) else INT if isinstance(v, int) else FLOAT
                     if isinstance(v, float) else DATETIME if isinstance(v, dt.datetime)
                     else DATE if isinstance(v, dt.date) else None)
                return plain(ref, v) if k is None else fns[k](ref, v)
            return value
        if kind == INT:
            return typed(lambda v: f"><v>{v:d}" if isinstance(v, int) else None)
        if kind == FLOAT:
            return typed(lambda v: f"><v>{float(v)!r}"
                         if isinstance(v, int | float) and not isinstance(v, bool) else None)
        if kind == PERCENT:
            return typed(lambda v: f' s="{percent_style(v)}"><v>{float(v)!r}'
                         if isinstance(v, int | float) and not isinstance(v, bool) else None)
        if kind == BOOL:
            return typed(lambda v: f' t="b"><v>{1 if v else 0}'
                         if isinstance(v, bool | int) else None)
        if kind == DATE:
            return typed(lambda v: (lambda n: None if n is None else f' s="{_S_DATE}"><v>{n}')(
                _date_serial(v)))
        return typed(lambda v: (lambda n: None if n is None else f' s="{_S_DATETIME}"><v>{n}')(
            _datetime_serial(v)))

    def _text_cell(self, ref: str, value: Any, style: str) -> str:
        text = value if type(value) is str else str(value)
        if len(text) > MAX_CELL_CHARS // 2:
            chunks = split_escaped(text)
            if len(chunks) > 1:
                self._book._add_overflow(self.sheet_names[-1], self._row, ref, chunks[1:])
            text = _xml(chunks[0])
        else:
            if _SLOW_PATH.search(text) is not None:
                text = _xml(escape_xstring(text))
            if self._shared is not None:
                index = self._shared.ref(text)
                if index is not None:
                    return f'<c r="{ref}" t="s"{style}><v>{index}</v></c>'
        if text and (text[0] in " \t\n" or text[-1] in " \t\n"):
            return (f'<c r="{ref}" t="inlineStr"{style}><is><t xml:space="preserve">'
                    f"{text}</t></is></c>")
        return f'<c r="{ref}" t="inlineStr"{style}><is><t>{text}</t></is></c>'

    # -- parts -------------------------------------------------------------------------
    def _open_part(self) -> None:
        self._part += 1
        name = self.name if self._part == 1 else _part_name(self.name, self._part)
        self.sheet_names.append(name)
        self._handle = self._book._open_sheet_part(name, self.name)
        widths = "".join(  # code columns are text as a whole: a typed 0715… stays text too
            f'<col min="{i + 1}" max="{i + 1}" width="{_width(c):.1f}" customWidth="1"'
            + (f' style="{_S_CODE}"' if c.kind == CODE else
               f' style="{_S_WRAP}"' if c.kind in (TEXT, VALUE) and c.wraps else "") + "/>"
            for i, c in enumerate(self.columns)
        )
        head = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<worksheet xmlns="{_NS_MAIN}" xmlns:r="{_NS_REL}">'
            '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
            '<sheetViews><sheetView workbookViewId="0"'
            + (' tabSelected="1"' if self._book.tabs.selected(name, self._book._sheets) else "")
            + '><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/>'
            + (f"<cols>{widths}</cols>" if widths else "")
            + "<sheetData>"
        )
        self._row = 1
        header = "".join(
            f'<c r="{self._letters[i]}1" t="inlineStr" s="{_S_HEADER}"><is><t>'
            f"{_xml(escape_xstring(c.header))}</t></is></c>"
            for i, c in enumerate(self.columns)
        )
        self._buf = [head, f'<row r="1">{header}</row>']

    def _close_part(self) -> None:
        if self._handle is None:
            return
        tail = "</sheetData>"
        if self.columns:
            tail += f'<autoFilter ref="A1:{self._letters[-1]}{self._row}"/>'
        tail += self._print_setup + "</worksheet>"
        self._buf.append(tail)
        self._flush()
        self._handle.close()
        self._handle = None

    def _flush(self) -> None:
        if self._buf and self._handle is not None:
            self._handle.write("".join(self._buf).encode("utf-8", "surrogatepass"))
            self._buf = []

    # -- public ------------------------------------------------------------------------
    def append(self, row: Sequence[Any]) -> None:
        """Write one row; ``None`` and ``""`` leave the cell empty (readers see no difference,
        and leaving them out makes an exchange sheet a fifth smaller and faster to read)."""
        if self._handle is None:
            raise RuntimeError(f"sheet {self.name!r} is closed")
        if self._row - 1 >= self._max_rows:
            self._close_part()
            self._book._reopen(self)
            self._open_part()
        self._row += 1
        r = str(self._row)
        letters = self._letters
        fns = self._cell_fns
        cells = [
            fns[i](letters[i] + r, v) for i, v in enumerate(row) if v is not None and v != ""
        ]
        self._buf.append(f'<row r="{r}">{"".join(cells)}</row>')
        self.rows_written += 1
        if len(self._buf) >= 512:
            self._flush()

    def extend(self, rows: Iterable[Sequence[Any]]) -> None:
        for row in rows:
            self.append(row)

    def close(self) -> None:
        self._close_part()


def _print_setup(columns: Sequence[Column], landscape: bool | None, page_header: str) -> str:
    """printOptions … headerFooter of a sheet: A4, one page wide, grid lines, page numbers."""
    if landscape is None:
        landscape = sum(_width(c) for c in columns) > PORTRAIT_MAX_WIDTH
    head = f"<oddHeader>{_xml('&C' + page_header.replace('&', '&&'))}</oddHeader>" if page_header else ""
    return (
        '<printOptions gridLines="1"/>' + _PAGE_MARGINS
        + f'<pageSetup paperSize="9" orientation="{"landscape" if landscape else "portrait"}"'
        ' fitToWidth="1" fitToHeight="0"/>'
        f"<headerFooter>{head}<oddFooter>{_xml(PAGE_FOOTER)}</oddFooter></headerFooter>"
    )


def _width(column: Column) -> float:
    if column.width is not None:
        return column.width
    return max(8.0, min(60.0, display_units(column.header) + 4.0))  # a CJK character is two columns


def _part_name(name: str, part: int) -> str:
    suffix = f"({part})"
    return name[: MAX_SHEET_NAME - len(suffix)] + suffix


def check_sheet_name(name: str) -> str:
    """Excel's sheet-name rules: 1–31 chars, none of []:*?/\\, not starting/ending with '."""
    if not name or len(name) > MAX_SHEET_NAME or _INVALID_SHEET_CHARS.search(name) or \
            "'" in (name[0], name[-1]):
        raise ValueError(f"invalid sheet name {name!r}")
    return name


class XlsxWriter:
    """Write-only workbook: sheets are written one after another, then :meth:`close`.

    The file appears at ``path`` only when :meth:`close` succeeds (written to a temporary
    file in the same directory, then renamed); :meth:`abort` or an exception inside a
    ``with`` block leaves nothing behind.
    """

    def __init__(self, path: Path | str, *, compresslevel: int = 1,
                 max_rows: int = MAX_DATA_ROWS, shared_strings: bool = True,
                 tabs: Tabs | None = None) -> None:
        self.path, self.tabs = Path(path), tabs or Tabs()
        self._logical: dict[str, str] = {}  # sheet part -> the sheet it is a part of
        self._shared = SharedStrings() if shared_strings else None
        self._max_rows = max_rows
        self._tmp, self._zip = side_file(self.path, lambda side: zipfile.ZipFile(
            side, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel))
        self._sheets: list[str] = []  # physical sheet names in order
        self._current: SheetWriter | None = None
        # continuations of long texts, emitted as the last sheet on close
        self._overflow: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=8 << 20)  # noqa: SIM115
        self._overflow_rows = 0
        self._done = False

    def __enter__(self) -> XlsxWriter:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()

    def add_sheet(self, name: str, columns: Sequence[Column], *, landscape: bool | None = None,
                  page_header: str = "") -> SheetWriter:
        """Start a new sheet (closing the previous one: sheets are written in sequence).

        `landscape` None: landscape when the columns are wider than a portrait page; each
        printed page is headed `page_header` (e.g. what the list is and the day it is as of)."""
        check_sheet_name(name)
        if name in self._sheets or name == OVERFLOW_SHEET:
            raise ValueError(f"duplicate sheet name {name!r}")
        if self._current is not None:
            self._current.close()
        self._current = SheetWriter(self, name, columns, max_rows=self._max_rows,
                                    landscape=landscape, page_header=page_header)
        return self._current

    def write_sheet(self, name: str, columns: Sequence[Column], rows: Iterable[Sequence[Any]], *,
                    landscape: bool | None = None, page_header: str = "") -> SheetWriter:
        if isinstance(rows, Sequence):  # written whole: widths fitted to the values (xlsx_fit)
            columns = fitted(columns, rows)
        sheet = self.add_sheet(name, columns, landscape=landscape, page_header=page_header)
        sheet.extend(rows)
        sheet.close()
        return sheet

    def _reopen(self, sheet: SheetWriter) -> None:
        if self._current is not sheet:
            raise RuntimeError("only the most recent sheet can grow")

    def _open_sheet_part(self, name: str, logical: str | None = None) -> IO[bytes]:
        if name in self._sheets:
            raise ValueError(f"duplicate sheet name {name!r}")
        self._sheets.append(name)
        self._logical[name] = logical or name
        member = f"xl/worksheets/sheet{len(self._sheets)}.xml"
        return self._zip.open(member, "w", force_zip64=True)

    def _add_overflow(self, sheet: str, row: int, ref: str, chunks: list[str]) -> None:
        col = ref.rstrip("0123456789")
        col_no = 0
        for ch in col:
            col_no = col_no * 26 + ord(ch) - 64
        for seq, chunk in enumerate(chunks, start=1):
            self._overflow.write(("\x00".join(
                (escape_xstring(sheet), str(row), str(col_no), str(seq), chunk)
            ) + "\x01").encode("utf-8", "surrogatepass"))
            self._overflow_rows += 1

    def _write_overflow(self) -> None:
        if not self._overflow_rows:
            return
        cols = [Column(OVERFLOW_HEADERS[0], TEXT, 16), Column(OVERFLOW_HEADERS[1], INT, 10),
                Column(OVERFLOW_HEADERS[2], INT, 8), Column(OVERFLOW_HEADERS[3], INT, 8),
                Column(OVERFLOW_HEADERS[4], TEXT, 80)]
        sheet = SheetWriter(self, OVERFLOW_SHEET, cols, max_rows=self._max_rows)
        self._overflow.seek(0)
        data = self._overflow.read().decode("utf-8", "surrogatepass")
        for rec in data.split("\x01")[:-1]:
            name, row, col, seq, chunk = rec.split("\x00")
            # chunks are already escaped: emit them raw (bypass re-escaping)
            sheet._row += 1
            r = str(sheet._row)
            sheet._buf.append(
                f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{_xml(name)}</t></is></c>'
                f'<c r="B{r}"><v>{row}</v></c><c r="C{r}"><v>{col}</v></c>'
                f'<c r="D{r}"><v>{seq}</v></c><c r="E{r}" t="inlineStr" s="{_S_WRAP}"><is>'
                f'<t xml:space="preserve">{_xml(chunk)}</t></is></c></row>'
            )
            if len(sheet._buf) >= 64:
                sheet._flush()
        sheet.close()

    def close(self) -> Path:
        """Finish the workbook and move it into place; returns the final path."""
        if self._done:
            return self.path
        try:
            if self._current is not None:
                self._current.close()
                self._current = None
            self._write_overflow()
            if self._shared is not None and len(self._shared):
                self._shared.write(self._zip)
            tabs, active = self.tabs.positions(self._sheets, self._logical)
            write_package_parts(self._zip, self._sheets, self._shared, tabs=tabs, active=active)
            self._zip.close()
            self._overflow.close()
            replace_into_place(self._tmp, self.path)
        except BaseException as exc:
            self.abort()
            name_target(exc, self._tmp, self.path)  # the user's file, not the hidden side file
            raise
        self._done = True
        return self.path

    def abort(self) -> None:
        """Drop everything written so far; no file is left at ``path`` or beside it."""
        if self._done:
            return
        self._done = True
        if self._current is not None and self._current._handle is not None:
            with contextlib.suppress(Exception):  # a full disk fails this too
                self._current._handle.close()
        with contextlib.suppress(Exception):
            self._zip.close()
        # a close that failed half-way leaves the file open, and the garbage collector would
        # try again later and print a traceback long after the user saw the real message
        fp, self._zip.fp = self._zip.fp, None
        if fp is not None:
            with contextlib.suppress(Exception):
                fp.close()
        self._overflow.close()
        self._tmp.unlink(missing_ok=True)
