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

from qcdesk.exchange.merge import content_hashes, format_ancestors, parse_ancestors
from qcdesk.exchange.sheet_reader import ColumnChunk, read_column_chunks
from qcdesk.exchange.workbook import SheetFormatError
from qcdesk.models.search_text import SEARCHED_FIELDS, record_tokens

# One checked row: uuid, data fields (in spec.data_names order, parents as
# uuids), origin, editor, base, ancestors as written, ancestors normalised, version id.
FedRow = tuple[str, Sequence[Any], str, str, str, str, str, str]
# table, sheet, rows, search-index tokens of each row (enterprises and findings) or None
FedChunk = tuple[str, str, list[FedRow], list[str] | None]


def prepare(chunk: ColumnChunk, signer: str) -> FedChunk:
    """(table, sheet, rows, search tokens or None) of one chunk, every row checked: required
    values present, content hash as the sheet states it (the first bad row is reported, as
    a row-by-row check would). `signer` stands in for an empty origin or editor."""
    spec = chunk.spec
    table = spec.table
    rows = list(zip(*chunk.data, strict=True))
    digests = content_hashes(table, chunk.ids, rows, floats=chunk.floats)
    bad = [(chunk.data[i].index(None), n, i) for n, i in enumerate(spec.required_slots)
           if None in chunk.data[i]]
    origins, editors, bases, ancestors, stated = chunk.lineage  # order of LINEAGE_KEYS
    if stated != digests:
        bad += [(k, len(spec.required_slots), -1)
                for k, (h, d) in enumerate(zip(stated, digests, strict=True)) if h and h != d][:1]
    if bad:
        k, _, slot = min(bad)
        where = f"{chunk.sheet}!{chunk.rownums[k]}"
        if slot >= 0:
            raise SheetFormatError(f"{where}: {spec.data_fields[slot].header} 为空 "
                                   "(required value missing)")
        raise SheetFormatError(f"{where}: 内容哈希不符 (content hash mismatch)")
    revisions = chunk.data[spec.data_names.index("revision")]
    normalised: Sequence[str] = ancestors
    if any(ancestors):
        normalised = [format_ancestors(parse_ancestors(a)) if a else "" for a in ancestors]
    fed = list(zip(chunk.ids, rows, [o or signer for o in origins],
                   [e or signer for e in editors], bases, ancestors, normalised,
                   [f"{r}-{d}" for r, d in zip(revisions, digests, strict=True)], strict=True))
    search = None
    if table in SEARCHED_FIELDS:
        names = spec.data_names
        search = [record_tokens(table, dict(zip(names, data, strict=True)).get) for data in rows]
    return table, chunk.sheet, fed, search


def fed_chunks(path: Path, signer: str) -> Iterator[FedChunk]:
    """Every data row of the spreadsheet at `path`, checked, in sheet order and chunks (see
    `prepare`)."""
    try:
        for chunk in read_column_chunks(Path(path)):
            yield prepare(chunk, signer)
    except CalamineError as exc:  # a file that is no spreadsheet after all
        raise _unreadable(f"{type(exc).__name__}: {exc}") from exc
    except BaseException as exc:  # a panic in calamine's Rust code is a BaseException
        if type(exc).__name__ == "PanicException":
            raise _unreadable(f"{type(exc).__name__}: {exc}") from exc
        raise


def _unreadable(detail: str) -> SheetFormatError:
    return SheetFormatError(f"数据表无法读取，文件不是有效的电子表格 (the spreadsheet cannot be "
                            f"read: {detail[:200]})")
