"""Export a list as it is shown (导出列表): its rows under its filter, search and order, to .xlsx.

Why: a county office prints or passes on exactly what a list shows (all D-class enterprises,
the overdue orders, today's warnings). The rows come from the same `ListSource` the page
scrolls, read in keyset pages, so a million-visit list streams through in bounded memory and
never loads a whole table. The streaming writer keeps codes and formula-like text as text and
dates as date cells; a 说明 sheet says what was exported, by whom and when. The workbook
appears only when complete (temp file beside it, then renamed): a cancelled or failed export
leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qcdesk.export.list_words import (
    LIST_COLUMNS,
    LIST_TITLES,
    WARNING_COLUMNS,
    WARNINGS_TITLE,
    ListColumn,
    filter_words,
    search_words,
    sort_words,
)
from qcdesk.export.xlsx_writer import TEXT, Column, XlsxWriter
from qcdesk.models.listing import ENTERPRISES, ListSource
from qcdesk.models.messages import message
from qcdesk.models.os_errors import os_error_reason
from qcdesk.models.store import StoreError
from qcdesk.models.warnings import WARNING_KIND_LABELS

if TYPE_CHECKING:
    from qcdesk.models.store import Store
    from qcdesk.models.warnings import EarlyWarning

PAGE_ROWS = 1_000  # keys read per page: one small indexed query each
NOTES_SHEET = "说明"
INTERNAL_NOTE = "内部工作资料：含风险分类，不得提供给企业。"

ProgressFn = Callable[[int, int], Any]  # (rows written, rows in all; 0 = not known yet)
CancelledFn = Callable[[], bool]


class ListExportCancelled(Exception):
    """The user stopped the export; no file was written."""


@dataclass(frozen=True)
class ListExportResult:
    path: Path
    rows: int


def exporter_name(store: Store, author: str) -> str:
    """Who exported: the chosen inspector's name (the store's author is a uuid), else a note."""
    from qcdesk.models.inspections import inspector_names

    if not author or author == "worker":
        return "未选择检查人员"
    return inspector_names(store, [author])[0]


def export_list(source: ListSource, path: Path, *, exported_by: str, progress: ProgressFn | None = None,
                cancelled: CancelledFn | None = None, now: datetime | None = None,
                page_rows: int = PAGE_ROWS) -> ListExportResult:
    """Write every row `source` lists, in its order, to `path` (.xlsx); returns the row count.

    Raises ListExportCancelled when `cancelled()` turns true, and StoreError (zh/en) when the
    file cannot be written; in both cases nothing is left at `path` or beside it."""
    stop = cancelled or (lambda: False)
    total = source.count(stop)
    if total is None or stop():
        raise ListExportCancelled()
    request, columns = source.request, LIST_COLUMNS[source.request.kind]

    def rows() -> Any:
        after, done = None, 0
        while True:
            page = source.read(after, page_rows, budget=None)
            ids = [key[-1] for key in page.keys]
            found = source.rows(ids)
            for record_id in ids:
                if record_id in found:
                    yield [c.cell(found[record_id]) for c in columns]
            done += len(ids)
            if progress is not None:
                progress(done, max(total, done))
            if stop():
                raise ListExportCancelled()
            if page.ended or page.resume is None:
                return
            after = page.resume

    notes = [
        ("列表", LIST_TITLES[request.kind]),
        ("筛选", filter_words(request)),
        ("搜索", search_words(request.filters.search)),
        ("排序", sort_words(request.kind, request.sort, request.descending)),
    ]
    internal = request.kind == ENTERPRISES
    return _write(Path(path), LIST_TITLES[request.kind], columns, rows(), notes, exported_by, now,
                  source.store.path, internal)


def export_warnings(warnings: Sequence[EarlyWarning], path: Path, *, kind: str, sort: str,
                    descending: bool, exported_by: str, progress: ProgressFn | None = None,
                    cancelled: CancelledFn | None = None, now: datetime | None = None,
                    db_path: Path | None = None) -> ListExportResult:
    """The warnings page as shown: `warnings` in the order shown, `kind` the filter ('' = all).

    The list is computed and bounded (what is wrong now), so it is handed over whole."""
    stop = cancelled or (lambda: False)
    total = len(warnings)

    def rows() -> Any:
        for i, w in enumerate(warnings, 1):
            yield [c.cell(w) for c in WARNING_COLUMNS]  # type: ignore[arg-type]
            if i % 500 == 0 or i == total:
                if progress is not None:
                    progress(i, total)
                if stop():
                    raise ListExportCancelled()

    if stop():
        raise ListExportCancelled()
    notes = [
        ("列表", WARNINGS_TITLE),
        ("筛选", f"预警类型：{WARNING_KIND_LABELS.get(kind, kind)}" if kind else "无（全部预警）"),
        ("排序", sort_words("warnings", sort, descending)),
    ]
    return _write(Path(path), WARNINGS_TITLE, WARNING_COLUMNS, rows(), notes, exported_by, now, db_path, True)


def _write(path: Path, sheet_name: str, columns: Sequence[ListColumn], rows: Any,
           notes: list[tuple[str, str]], exported_by: str, now: datetime | None,
           db_path: Path | None, internal: bool) -> ListExportResult:
    """The data sheet first (it opens on it), header frozen; then the 说明 sheet."""
    moment = (now or datetime.now()).strftime("%Y-%m-%d %H:%M")
    try:
        with XlsxWriter(path) as book:
            sheet = book.add_sheet(sheet_name, [Column(c.title, c.kind, c.width) for c in columns])
            sheet.extend(rows)
            count = sheet.rows_written
            sheet.close()
            about = book.add_sheet(NOTES_SHEET, [Column("项目", TEXT, 12), Column("内容", TEXT, 80)])
            about.extend([
                *notes,
                ("行数", f"{count} 条（工作表“{sheet_name}”，第 1 行为表头）"),
                ("导出时间", moment),
                ("导出人", exported_by),
                ("数据库", db_path.name if db_path is not None else "内存数据库"),
                ("格式", "统一社会信用代码、通知书编号等代码为文本单元格；日期为日期单元格；"
                         "文字一律为文本，不会成为公式。"),
                *([("注意", INTERNAL_NOTE)] if internal else []),
            ])
    except OSError as exc:
        raise StoreError(
            message("list_export.write_failed", "zh", path=str(path),
                    reason=os_error_reason(exc, "zh", writing=True)),
            message("list_export.write_failed", "en", path=str(path),
                    reason=os_error_reason(exc, "en", writing=True))) from exc
    return ListExportResult(path, count)
