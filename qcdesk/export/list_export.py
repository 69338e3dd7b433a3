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
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qcdesk.export.list_words import (
    LIST_TITLES,
    WARNING_COLUMNS,
    WARNING_DAYS_WORDS,
    WARNINGS_TITLE,
    ListColumn,
    export_columns,
    filter_words,
    search_words,
    sort_words,
)
from qcdesk.export.xlsx_writer import TEXT, Column, XlsxWriter
from qcdesk.models import local_day
from qcdesk.models.clock_text import cn_date
from qcdesk.models.listing import ENTERPRISES, RECTIFICATIONS, ListSource
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
# A list whose rows name a firm's contact or phone (PIPL): the reader passing it on is told.
PERSONAL_NOTE = "含个人联系方式，仅供内部使用，不得公开或提供给无关人员。"
INTERNAL_PERSONAL_NOTE = "内部工作资料：含风险分类及个人联系方式，不得提供给企业，不得公开或提供给无关人员。"
PERSONAL_KEYS = frozenset({"contact", "contact_phone"})

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

    if not author:
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
    request, columns = source.request, export_columns(source.request.kind)

    def rows() -> Any:
        after, done = None, 0
        while True:
            page = source.read(after, page_rows, budget=None)
            ids = [key[-1] for key in page.keys]
            found = source.rows(ids)
            if request.kind == RECTIFICATIONS:  # whom to call (CHASE_COLUMNS), one query a page
                _add_chase_details(source.store, found)
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
    return _write(Path(path), LIST_TITLES[request.kind], columns, rows(), notes, exported_by, now,
                  source.store.path, list_note(request.kind, columns))


def list_note(kind: str, columns: Sequence[ListColumn]) -> str:
    """The 注意 line of a list's 说明 sheet ('' = none): the enterprise list holds risk classes,
    and a list naming contacts or their phones holds personal information (s9 F4)."""
    personal = any(c.key in PERSONAL_KEYS for c in columns)
    if kind == ENTERPRISES:
        return INTERNAL_PERSONAL_NOTE if personal else INTERNAL_NOTE
    return PERSONAL_NOTE if personal else ""


def _add_chase_details(store: Store, rows: dict[int, dict[str, Any]]) -> None:
    from qcdesk.models.enterprises import chase_details

    details = chase_details(store, [r["enterprise_id"] for r in rows.values()])
    for row in rows.values():
        row.update(details.get(row["enterprise_id"], {}))


def export_warnings(warnings: Sequence[EarlyWarning], path: Path, *, kind: str, sort: str,
                    descending: bool, exported_by: str, progress: ProgressFn | None = None,
                    cancelled: CancelledFn | None = None, now: datetime | None = None,
                    db_path: Path | None = None, as_of: date | None = None,
                    area: str = "") -> ListExportResult:
    """The warnings page as shown: `warnings` in the order shown, `kind` the filter ('' = all).

    The list is computed and bounded (what is wrong now), so it is handed over whole. `as_of`
    is the day the warnings were counted to (default: today): every day count runs to it, so
    the workbook says it (说明 sheet, and the head of every printed page); `area` names the
    jurisdiction they were limited to, if any."""
    try:
        return write_warnings_book(warnings, path, kind=kind, sort=sort, descending=descending,
                                   exported_by=exported_by, progress=progress, cancelled=cancelled,
                                   now=now, db_path=db_path, as_of=as_of, area=area)
    except OSError as exc:
        raise _write_failed(Path(path), exc) from exc


def write_warnings_book(warnings: Sequence[EarlyWarning], path: Path, *, kind: str, sort: str,
                        descending: bool, exported_by: str, progress: ProgressFn | None = None,
                        cancelled: CancelledFn | None = None, now: datetime | None = None,
                        db_path: Path | None = None, as_of: date | None = None, area: str = "",
                        sheet_name: str = WARNINGS_TITLE) -> ListExportResult:
    """`export_warnings`, raising OSError as it is (for callers that word it themselves)."""
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
    day = as_of or (now.date() if now is not None else local_day.today())
    filters = [f"预警类型：{WARNING_KIND_LABELS.get(kind, kind)}" if kind else "",
               f"辖区：{area}" if area else ""]
    notes = [
        ("列表", WARNINGS_TITLE),
        ("截至日期", f"{cn_date(day.isoformat())}（各项天数均计算到这一天）"),
        ("筛选", "；".join(f for f in filters if f) or "无（全部预警）"),
        ("排序", sort_words("warnings", sort, descending)),
        ("天数", WARNING_DAYS_WORDS),
    ]
    return _write_book(Path(path), sheet_name, WARNING_COLUMNS, rows(), notes, exported_by, now, db_path,
                       INTERNAL_NOTE, f"{WARNINGS_TITLE}（截至{cn_date(day.isoformat())}）")


def _write_failed(path: Path, exc: OSError) -> StoreError:
    return StoreError(
        message("list_export.write_failed", "zh", path=str(path),
                reason=os_error_reason(exc, "zh", writing=True)),
        message("list_export.write_failed", "en", path=str(path),
                reason=os_error_reason(exc, "en", writing=True)))


def _write(path: Path, sheet_name: str, columns: Sequence[ListColumn], rows: Any,
           notes: list[tuple[str, str]], exported_by: str, now: datetime | None,
           db_path: Path | None, note: str) -> ListExportResult:
    try:
        return _write_book(path, sheet_name, columns, rows, notes, exported_by, now, db_path, note)
    except OSError as exc:
        raise _write_failed(path, exc) from exc


def _write_book(path: Path, sheet_name: str, columns: Sequence[ListColumn], rows: Any,
                notes: list[tuple[str, str]], exported_by: str, now: datetime | None,
                db_path: Path | None, note: str, page_header: str = "") -> ListExportResult:
    """The data sheet first (it opens on it), header frozen; then the 说明 sheet, ending with
    `note` as its 注意 line when there is one. A printed page of the data sheet is headed
    `page_header` (default: the sheet's name)."""
    moment = (now or datetime.now()).strftime("%Y-%m-%d %H:%M")
    with XlsxWriter(path) as book:
        sheet = book.add_sheet(sheet_name, [Column(c.title, c.kind, c.width) for c in columns],
                               page_header=page_header or sheet_name)
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
            *([("注意", note)] if note else []),
        ])
    return ListExportResult(path, count)
