"""Reading the exchange spreadsheet back into records (layout: exchange/workbook.py).

Rows are converted a chunk at a time, column by column. Why: a package of 100,000 visits
has some six million cells, and almost every column needs nothing at all (text without
``_xHHHH_`` escapes, no empty cells) or one conversion for all its cells (dates). Deciding
that once per column and chunk, with C-level scans, instead of once per cell, takes the
reader from the largest to a small part of an import. A sheet with long texts carried on
the continuation sheet is read row by row (`_plain_rows`), the rule the fast path keeps.
Coded columns (检查类型 …) hold labels, mapped back to codes a column at a time too
(`_labels_to_codes`); a column of codes (a package written before labels) is left as it is.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

from qcdesk.exchange.workbook import (
    CODE_SHAPE,
    EMPTY_MARK_SEP,
    LINEAGE_HEADERS,
    SPEC_BY_SHEET,
    Field,
    SheetFormatError,
    SheetSpec,
)
from qcdesk.export.xlsx_writer import (
    DATE,
    INT,
    OVERFLOW_SHEET,
    decode_after_reader,
    join_overflow,
)
from qcdesk.models.sheet_extent import Extent, ExtentsAhead, SheetLimits

AHEAD_ROWS = 200_000  # rows of sheets parsed ahead of the reader and held, at most
CHUNK_ROWS = 2000  # rows converted together
LINEAGE_KEYS = tuple(k for k in LINEAGE_HEADERS if k != "empty")
_code_shaped = CODE_SHAPE.fullmatch


@dataclass(slots=True)
class SheetRow:
    spec: SheetSpec
    uuid: str
    data: tuple[Any, ...]  # data fields in spec.data_names order, parents as uuids
    lineage: dict[str, str]  # origin, editor, base, ancestors, hash
    sheet: str
    rownum: int
    floats: bool = True  # False: every data value is str, int or None (no float)

    @property
    def values(self) -> dict[str, Any]:
        return dict(zip(self.spec.data_names, self.data, strict=True))

    @property
    def where(self) -> str:
        """"sheet!row", for messages."""
        return f"{self.sheet}!{self.rownum}"


@dataclass(slots=True)
class ColumnChunk:
    """Consecutive data rows of one sheet, column by column (rows without 记录ID left out):
    what the import checks and hashes a column at a time (exchange/sheet_feed.py)."""
    spec: SheetSpec
    sheet: str
    rownums: Sequence[int]
    ids: list[str]
    data: list[Sequence[Any]]  # one column per data field, in spec.data_names order
    lineage: list[Sequence[str]]  # one column per LINEAGE_KEYS entry
    floats: bool  # False: no data value is a float
    # (row index, data slot) of the first cell of each coded column that holds neither a
    # label nor a code (left as read; exchange/sheet_feed.py refuses the row)
    unknown: tuple[tuple[int, int], ...] = ()

    def rows(self) -> list[SheetRow]:
        return [SheetRow(self.spec, uid, data, dict(zip(LINEAGE_KEYS, lineage, strict=True)),
                         self.sheet, rownum, self.floats)
                for rownum, uid, data, lineage in zip(
                    self.rownums, self.ids, zip(*self.data, strict=True),
                    zip(*self.lineage, strict=True), strict=True)]

    @classmethod
    def of_rows(cls, rows: list[SheetRow]) -> ColumnChunk:
        """The rows of one sheet (the row-by-row reader's) as columns."""
        spec = rows[0].spec
        return cls(spec, rows[0].sheet, [r.rownum for r in rows], [r.uuid for r in rows],
                   [list(c) for c in zip(*(r.data for r in rows), strict=True)],
                   [[r.lineage[k] for r in rows] for k in LINEAGE_KEYS],
                   any(r.floats for r in rows))


def _cell_to_value(f: Field, cell: Any) -> Any:
    """A non-text cell as the stored value."""
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if f.kind == DATE else cell.isoformat()
    if isinstance(cell, dt.date | dt.time):
        return cell.isoformat()
    if isinstance(cell, dt.timedelta):
        return str(cell)
    if isinstance(cell, bool):
        return int(cell)
    if isinstance(cell, float):
        return int(cell) if f.kind == INT and cell.is_integer() else cell
    return cell


def read_rows(path: Path, spec_filter: set[str] | None = None) -> Iterator[SheetRow]:
    """Yield the data rows of every known sheet (see :func:`read_chunks`)."""
    for chunk in read_chunks(path, spec_filter):
        yield from chunk


def read_chunks(path: Path, spec_filter: set[str] | None = None) -> Iterator[list[SheetRow]]:
    """`read_column_chunks` as lists of `SheetRow`."""
    for chunk in read_column_chunks(path, spec_filter):
        yield chunk.rows()


def read_column_chunks(path: Path, spec_filter: set[str] | None = None
                       ) -> Iterator[ColumnChunk]:
    """Yield the data rows of every known sheet (continuation sheets included), in sheet
    order and in lists of up to CHUNK_ROWS, with long texts joined back and ``_xHHHH_``
    decoded (see `SheetReading`)."""
    yield from SheetReading(path, spec_filter).chunks()


@dataclass(frozen=True, slots=True)
class SheetGuard:
    """No sheet reaches calamine before it is measured within `limits` (calamine builds a sheet
    as one dense rectangle: one far cell made it ask for 549 GB and abort the process).
    `refusal(sheet, extent)`: the error for a sheet beyond them, or not measured (None)."""

    limits: SheetLimits
    refusal: Callable[[str, Extent | None], Exception]


class SheetReading:
    """A spreadsheet being read. calamine parses a whole sheet at once and lets go of the GIL
    meanwhile, so a helper thread parses the sheets ahead of the caller — from the moment this
    is made: an import makes it before its safety copy of the database, which then overlaps
    the parse. With a `guard`, another helper measures the sheets calamine will be asked for
    (`ExtentsAhead`), and each is parsed only once measured within its limits; a sheet beyond
    them is the guard's error where it would have been read. `chunks` reads it to the end;
    `close` stops it early."""

    def __init__(self, path: Path, spec_filter: set[str] | None = None,
                 guard: SheetGuard | None = None) -> None:
        self._book = CalamineWorkbook.from_path(str(path))
        self._names = list(self._book.sheet_names)
        self._wanted: list[tuple[str, SheetSpec]] = []
        for name in self._names:
            spec = SPEC_BY_SHEET.get(re.sub(r"\(\d+\)$", "", name))
            if spec is not None and (spec_filter is None or spec.table in spec_filter):
                self._wanted.append((name, spec))
        wanted = [name for name, _spec in self._wanted]
        self._guard, self.extents = guard, None
        if guard is not None:
            first = [OVERFLOW_SHEET] if OVERFLOW_SHEET in self._names else []
            self.extents = ExtentsAhead(Path(path), first + wanted, guard.limits)
        self._ahead = _ParseAhead(Path(path), wanted, self._refused)

    def _refused(self, name: str) -> Exception | None:
        """The guard's error for sheet `name` (waiting until it is measured), or None."""
        if self._guard is None or self.extents is None:
            return None
        extent = self.extents.extent(name)
        if extent is not None and extent.within(self._guard.limits):
            return None
        return self._guard.refusal(name, extent)

    def chunks(self) -> Iterator[ColumnChunk]:
        try:
            overflow: dict[tuple[str, int, int], str] = {}
            if OVERFLOW_SHEET in self._names:
                if (refused := self._refused(OVERFLOW_SHEET)) is not None:
                    raise refused
                rows = self._book.get_sheet_by_name(OVERFLOW_SHEET).to_python()
                overflow = join_overflow(rows[1:])
            for i, (name, spec) in enumerate(self._wanted):
                sheet = self._ahead.take(i)
                yield from _column_chunks(sheet, name, spec, overflow)
                del sheet  # a parsed sheet is large: see AHEAD_ROWS
        finally:
            self.close()

    def close(self) -> None:
        if self.extents is not None:  # first: a parse waiting for a measure then goes on
            self.extents.close()
        self._ahead.close()


class _ParseAhead:
    """Parses the wanted sheets in order on one helper thread, ahead of the reader for as long
    as the sheets parsed and not yet taken hold fewer than AHEAD_ROWS rows (the next sheet the
    reader needs is always parsed). Why rows, not sheets: a package begins with small sheets
    (inspectors, industries, enterprises…) and the visits come seventh; counted in sheets, the
    visits were parsed only once the enterprises were merged, and the merge then waited."""

    def __init__(self, path: Path, names: list[str],
                 refused: Callable[[str], Exception | None] = lambda _name: None) -> None:
        self._path, self._names, self._refused = path, names, refused
        self._cond = threading.Condition()
        self._parsed: dict[int, tuple[Any, int]] = {}  # index -> (sheet or error, rows)
        self._held = 0  # rows of the sheets parsed and not yet taken
        self._next = 0  # index of the sheet the reader takes next
        self._stop = False
        self._thread = threading.Thread(target=self._run, name="qcdesk-xlsx", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        book = None  # a calamine workbook serves one thread: this one opens its own
        for i, name in enumerate(self._names):
            with self._cond:
                while not self._stop and i > self._next and self._held >= AHEAD_ROWS:
                    self._cond.wait()
                if self._stop:
                    return
            try:
                if (refused := self._refused(name)) is not None:
                    raise refused  # never built: see SheetGuard
                if self._stop:
                    return
                if book is None:
                    book = CalamineWorkbook.from_path(str(self._path))
                sheet: Any = book.get_sheet_by_name(name)
                rows = int(sheet.height)
            except BaseException as exc:  # noqa: BLE001 - handed to the reader, raised there
                sheet, rows = exc, 0
            failed = isinstance(sheet, BaseException)
            with self._cond:
                self._parsed[i] = (sheet, rows)
                self._held += rows
                self._cond.notify_all()
            del sheet  # the reader's alone now: it frees the sheet once it has read it
            if failed:
                return

    def take(self, i: int) -> Any:
        """The parsed sheet `i` (waiting for it); raises what parsing it raised."""
        with self._cond:
            self._next = i
            self._cond.notify_all()
            while i not in self._parsed:
                self._cond.wait()
            sheet, rows = self._parsed.pop(i)
            self._held -= rows
            self._next = i + 1
            self._cond.notify_all()
        if isinstance(sheet, BaseException):
            raise sheet
        return sheet

    def close(self) -> None:
        """Stop parsing ahead; waits for a parse under way (calamine cannot be interrupted)."""
        with self._cond:
            self._stop = True
            self._parsed.clear()
            self._cond.notify_all()
        self._thread.join()


class _Layout:
    """Where each wanted column is in one sheet (reading goes by header text). A later-added
    column (`Field.later`) a sheet lacks — a package written before it — is None: read as its
    default; any other missing column is refused."""

    def __init__(self, name: str, spec: SheetSpec, header: list[str]) -> None:
        index = {h: i for i, h in enumerate(header)}
        if "记录ID" not in index:
            raise SheetFormatError(f"{name}: 缺少 记录ID 列")
        missing = [f.header for f in spec.data_fields if f.header not in index and not f.later]
        missing += [h for h in LINEAGE_HEADERS.values() if h not in index]
        if missing:
            raise SheetFormatError(f"{name}: 缺少列 {'、'.join(missing)}")
        self.width = len(header)
        self.id_col = index["记录ID"]
        self.data_cols: list[int | None] = [index.get(f.header) for f in spec.data_fields]
        self.lineage_cols = [index[LINEAGE_HEADERS[k]] for k in LINEAGE_KEYS]
        self.empty_col = index[LINEAGE_HEADERS["empty"]]


def _read_sheet(sheet: Any, name: str, spec: SheetSpec,
                overflow: dict[tuple[str, int, int], str]) -> Iterator[list[SheetRow]]:
    for chunk in _column_chunks(sheet, name, spec, overflow):
        yield chunk.rows()


def _column_chunks(sheet: Any, name: str, spec: SheetSpec,
                   overflow: dict[tuple[str, int, int], str]) -> Iterator[ColumnChunk]:
    rows = sheet.iter_rows()
    try:
        header = [decode_after_reader(str(h)) for h in next(rows)]
    except StopIteration:
        return
    layout = _Layout(name, spec, header)
    if any(k[0] == name for k in overflow):
        plain = _plain_rows(rows, name, spec, layout, overflow)
        while chunk := list(islice(plain, CHUNK_ROWS)):
            columns = ColumnChunk.of_rows(chunk)
            columns.unknown = _labels_to_codes(spec, columns.data)
            yield columns
        return
    first = 2
    while chunk := list(islice(rows, CHUNK_ROWS)):
        columns = _chunk(chunk, first, name, spec, layout)
        if columns.ids:
            yield columns
        first += len(chunk)


def _text_column(col: Sequence[Any]) -> Sequence[Any]:
    """Decode ``_xHHHH_`` where a column has any (it rarely has)."""
    try:
        joined = "\n".join(col)  # the usual column: text only
    except TypeError:
        joined = "\n".join([c for c in col if type(c) is str])
    if "_x" in joined:
        return [decode_after_reader(c) if type(c) is str else c for c in col]
    return col


def _chunk(chunk: list[list[Any]], first: int, name: str, spec: SheetSpec,
           layout: _Layout) -> ColumnChunk:
    width = layout.width
    for k, r in enumerate(chunk):
        if len(r) != width:  # calamine gives every row the sheet's width; be safe anyway
            chunk[k] = [*r, *[""] * (width - len(r))][:width]
    columns = list(zip(*chunk, strict=True))
    ids: Sequence[Any] = _text_column(columns[layout.id_col])
    rownums: Sequence[int] = range(first, first + len(chunk))
    if not all(ids):  # rows without a record id are no records: leave them out
        keep = [k for k, uid in enumerate(ids) if uid]
        columns = [[col[k] for k in keep] for col in columns]
        ids = [ids[k] for k in keep]
        rownums = [rownums[k] for k in keep]
    marks = _text_column(columns[layout.empty_col])
    empty: list[Any] | None = None
    if any(m != "" for m in marks):
        empty = [set(str(m).split(EMPTY_MARK_SEP)) if m != "" else () for m in marks]
    data_cols = [_data_column(f, _text_column(columns[i]), empty) if i is not None
                 else [f.default] * len(ids)
                 for f, i in zip(spec.data_fields, layout.data_cols, strict=True)]
    unknown = _labels_to_codes(spec, data_cols)
    # after conversion: a whole number in an INT column (calamine reads numbers as float) is
    # an int by now, and rows without floats are hashed without looking at every value
    floats = any(float in set(map(type, col)) for col in data_cols)
    lineage_cols = []
    for i in layout.lineage_cols:
        col = _text_column(columns[i])
        if set(map(type, col)) != {str}:
            col = ["" if c == "" else str(c) for c in col]
        lineage_cols.append(col)
    if set(map(type, ids)) != {str}:
        ids = [str(uid) for uid in ids]
    return ColumnChunk(spec, name, rownums, list(ids), data_cols, lineage_cols, floats, unknown)


def _labels_to_codes(spec: SheetSpec, data: list[Sequence[Any]]) -> tuple[tuple[int, int], ...]:
    """Coded columns of a chunk (in `data`, replaced) as stored codes: labels mapped, codes
    kept, also codes this version does not know (`CODE_SHAPE`). Returns (row index, slot) of
    the first cell of each such column that holds anything else, left as read. One C-level
    map per column, nothing per row; a column it cannot map is decided on its distinct values."""
    unknown: list[tuple[int, int]] = []
    for slot, to_code, codes in spec.coded_slots:
        col = data[slot]
        try:  # the usual column: labels, or codes (a package written before labels)
            data[slot] = list(map(to_code.__getitem__, col))
            continue
        except KeyError:
            pass
        held = set(col)
        other = held - codes
        strange = {v for v in other - to_code.keys()
                   if type(v) is not str or not _code_shaped(v)}
        if strange:
            unknown.append((next(k for k, c in enumerate(col) if c in strange), slot))
        if other & to_code.keys():  # labels to map
            mapping = {v: to_code.get(v, v) for v in held}
            data[slot] = list(map(mapping.__getitem__, col))
    return tuple(unknown)


def _data_column(f: Field, col: Sequence[Any], empty: list[Any] | None) -> Sequence[Any]:
    """One column of a chunk as stored values: cells that are not text converted, and empty
    cells as "" or NULL (a nullable column asks the row's 空串列 marks)."""
    types = set(map(type, col))
    if types != {str}:
        if types == {dt.date}:
            col = [c.isoformat() for c in col]
        elif types == {float} and f.kind == INT:
            col = [int(c) if c.is_integer() else c for c in col]
        else:
            col = [c if type(c) is str else _cell_to_value(f, c) for c in col]
    if "" not in col:
        return col
    if not f.nullable:
        blank = None if f.kind == INT else ""
        return [blank if c == "" else c for c in col]
    header = f.header
    if empty is None:
        return [None if c == "" else c for c in col]
    return [("" if header in e else None) if c == "" else c
            for c, e in zip(col, empty, strict=True)]


def _plain_rows(rows: Iterator[list[Any]], name: str, spec: SheetSpec, layout: _Layout,
                overflow: dict[tuple[str, int, int], str]) -> Iterator[SheetRow]:
    """Row by row, for a sheet some of whose texts continue on the overflow sheet."""
    width = layout.width
    for rownum, raw in enumerate(rows, start=2):
        row = [decode_after_reader(c) if type(c) is str and "_x" in c else c for c in raw]
        if len(row) < width:
            row += [""] * (width - len(row))
        for col in range(len(row)):
            extra = overflow.get((name, rownum, col + 1))
            if extra is not None:
                row[col] = str(row[col]) + extra
        uid = row[layout.id_col]
        if not uid:
            continue
        lineage = {k: ("" if row[i] == "" else str(row[i]))
                   for k, i in zip(LINEAGE_KEYS, layout.lineage_cols, strict=True)}
        marks = row[layout.empty_col]
        empty = set(str(marks).split(EMPTY_MARK_SEP)) if marks != "" else ()
        data = []
        for f, i in zip(spec.data_fields, layout.data_cols, strict=True):
            c = f.default if i is None else row[i]
            if i is None or type(c) is not str:
                data.append(_cell_to_value(f, c))
            elif c:
                data.append(c)
            elif f.nullable:
                data.append("" if f.header in empty else None)
            else:
                data.append(None if f.kind == INT else "")
        yield SheetRow(spec, str(uid), tuple(data), lineage, name, rownum)
