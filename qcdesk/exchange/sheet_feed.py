"""The rows of an import, read and checked a chunk and a column at a time.

Why: an import of a county's package checks and hashes some 235,000 rows; done a column at a
time (required values, stated hashes, ancestors, the search index's tokens), the merge gets
rows it only has to write (exchange/importer.py). A spreadsheet calamine cannot read is a
`SheetFormatError` with the reason, like any other malformed sheet.

Reading in a helper *process* was measured and dropped: on a two-core machine the merge and
the helper slowed each other down (memory traffic of both), and the import took longer than
reading in this process (docs/engineering.md).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from python_calamine import CalamineError

from qcdesk.exchange.legacy_hash import legacy_hash_of
from qcdesk.exchange.merge import content_hashes, format_ancestors, parse_ancestors
from qcdesk.exchange.sheet_reader import ColumnChunk, SheetGuard, SheetReading
from qcdesk.exchange.workbook import Field, SheetFormatError
from qcdesk.models.search_text import SEARCHED_FIELDS, record_tokens
from qcdesk.models.sheet_extent import Extent, SheetLimits, column_letters

# A package's sheets are ours: at most Excel's rows, a few dozen columns (the widest, 抽样, has
# 42). A value far outside (XFD1048576) made calamine ask for 549 GB and abort the process.
PACKAGE_SHEET_LIMITS = SheetLimits(max_rows=1_048_576, max_columns=64)

# One checked row: uuid, data fields (in spec.data_names order, parents as
# uuids), origin, editor, base, ancestors as written, ancestors normalised, version id.
FedRow = tuple[str, Sequence[Any], str, str, str, str, str, str]
# table, sheet, rows, search-index tokens of each row (enterprises and findings) or None,
# the error of the row after the last one (None: the chunk is whole)
FedChunk = tuple[str, str, list[FedRow], list[str] | None, str | None]


def prepare(chunk: ColumnChunk, signer: str) -> FedChunk:
    """(table, sheet, rows, search tokens or None, error or None) of one chunk, its rows
    checked: required values present, content hash as the sheet states it (by today's recipe
    or, in a package of a QCDesk before 2026-11-29 19:32, by the old one: `legacy_hash`; the
    version id is today's either way, as the upgraded lineage holds it). At a bad row the chunk
    ends, with the error to raise once the rows before it are merged — as a row-by-row check
    would, so the first bad row of any kind is the one reported. `signer` stands in for an
    empty origin or editor."""
    spec = chunk.spec
    table = spec.table
    rows = list(zip(*chunk.data, strict=True))
    ids = chunk.ids
    digests = content_hashes(table, ids, rows, floats=chunk.floats)
    # (row, order within the row, slot, what): in a row, a value no code stands for comes
    # first (its hash cannot match either), then a missing value, then the hash
    bad = [(k, -1, slot, _UNKNOWN) for k, slot in chunk.unknown]
    bad += [(chunk.data[i].index(None), n, i, _MISSING)
            for n, i in enumerate(spec.required_slots) if None in chunk.data[i]]
    origins, editors, bases, ancestors, stated = chunk.lineage  # order of LINEAGE_KEYS
    if stated != digests:  # a package made before 2026-11-29 19:32 states the old recipe's
        bad += [(k, len(spec.required_slots), -1, _HASH)
                for k, (h, d) in enumerate(zip(stated, digests, strict=True))
                if h and h != d and h != legacy_hash_of(table, ids[k], rows[k])][:1]
    revisions = chunk.data[spec.data_names.index("revision")]
    error = None
    if bad:
        k, _, slot, what = min(bad)
        where = f"{chunk.sheet}!{chunk.rownums[k]}"
        if what == _UNKNOWN:
            error = unknown_value(where, spec.data_fields[slot], chunk.data[slot][k])
        elif what == _MISSING:
            error = f"{where}: {spec.data_fields[slot].header} 为空 (required value missing)"
        else:
            error = f"{where}: 内容哈希不符 (content hash mismatch)"
        rows, ids, digests, revisions = rows[:k], ids[:k], digests[:k], revisions[:k]
        origins, editors, bases, ancestors = origins[:k], editors[:k], bases[:k], ancestors[:k]
    normalised: Sequence[str] = ancestors
    if any(ancestors):
        normalised = [format_ancestors(parse_ancestors(a)) if a else "" for a in ancestors]
    fed = list(zip(ids, rows, [o or signer for o in origins],
                   [e or signer for e in editors], bases, ancestors, normalised,
                   [f"{r}-{d}" for r, d in zip(revisions, digests, strict=True)], strict=True))
    search = None
    if table in SEARCHED_FIELDS:
        names = spec.data_names
        search = [record_tokens(table, dict(zip(names, data, strict=True)).get) for data in rows]
    return table, chunk.sheet, fed, search, error


_UNKNOWN, _MISSING, _HASH = 0, 1, 2


def unknown_value(where: str, field: Field, value: Any) -> str:
    """The message for a coded cell holding neither a label nor a code: the sheet and row,
    the column, the value as read (shortened), and the labels the column takes."""
    text = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in str(value)[:40])
    text += "…" if len(str(value)) > 40 else ""
    labels = "、".join(label for _code, label in field.labels)
    told = f"{field.header} 为空" if value == "" else f"{field.header} 的值“{text}”无法识别"
    return (f"{where}: {told}，应为以下之一：{labels} "
            f"(unknown value {text!r} in column {field.header})")


def fed_chunks(path: Path, signer: str, reading: SheetReading | None = None
               ) -> Iterator[FedChunk]:
    """Every data row of the spreadsheet at `path`, checked, in sheet order and chunks (see
    `prepare`); from `reading` when the caller started it early (`start_reading`). A sheet
    beyond `PACKAGE_SHEET_LIMITS` is refused where it would be read, never built."""
    try:
        for chunk in (reading or SheetReading(Path(path), guard=PACKAGE_GUARD)).chunks():
            yield prepare(chunk, signer)
    except BaseException as exc:
        if _calamine_failed(exc):  # a file that is no spreadsheet after all
            raise _unreadable(f"{type(exc).__name__}: {exc}") from exc
        raise


def start_reading(path: Path) -> SheetReading | None:
    """Start parsing a verified spreadsheet now, for `fed_chunks` later; None when calamine
    cannot open it (`fed_chunks` then says why, in its place)."""
    try:
        return SheetReading(Path(path), guard=PACKAGE_GUARD)
    except BaseException as exc:
        if _calamine_failed(exc):
            return None
        raise


def _calamine_failed(exc: BaseException) -> bool:
    """calamine's own errors, and a panic in its Rust code (a BaseException)."""
    return isinstance(exc, CalamineError) or type(exc).__name__ == "PanicException"


def _unreadable(detail: str) -> SheetFormatError:
    return SheetFormatError(f"数据表无法读取，文件不是有效的电子表格 (the spreadsheet cannot be "
                            f"read: {detail[:200]})")


def too_large(sheet: str, extent: Extent | None) -> SheetFormatError:
    """The refusal of a sheet whose values reach beyond `PACKAGE_SHEET_LIMITS` (measured in the
    file before calamine builds the sheet as one dense rectangle: `sheet_extent`), or that could
    not be measured at all (None: not where the workbook says, or the file is damaged)."""
    limits = PACKAGE_SHEET_LIMITS
    if extent is None:
        return _unreadable(f"sheet {sheet} could not be measured in the file")
    return SheetFormatError(
        f"数据表过大：工作表“{sheet}”第 {extent.rows} 行/第 {extent.columns} 列"
        f"（{column_letters(extent.columns)} 列）仍有内容，超出数据包数据表的范围（至多 "
        f"{limits.max_rows} 行、{limits.max_columns} 列），文件已损坏或被改动，未导入；"
        f"请发送方重新导出后再发送 (sheet {sheet} has values as far as row {extent.rows}, "
        f"column {extent.columns}: too large to read, nothing imported)")


PACKAGE_GUARD = SheetGuard(PACKAGE_SHEET_LIMITS, too_large)
