"""The "Export list…" button of the list pages and the warnings page (导出列表).

Why a module of its own: the pages only place the button; choosing the file, running the
export off the GUI thread (`workers.start_job`, a progress dialog only when slow, Cancel) and
saying where the file went live here, once for every list. The workbook itself is written by
the core (`qcdesk.export.list_export`), always in Chinese.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from qcdesk.export.list_export import (
    ListExportCancelled,
    ListExportResult,
    export_list,
    export_warnings,
    exporter_name,
)
from qcdesk.export.list_words import suggested_name, suggested_warnings_name
from qcdesk.models import local_day
from qcdesk.ui.copy_cancelled import FileState, file_state
from qcdesk.ui.file_dialogs import save_file
from qcdesk.ui.workers import Cancelled, Job, Progress, attach_progress, describe_error, start_job

if TYPE_CHECKING:
    from qcdesk.models.store import Store
    from qcdesk.ui.list_pages import ListPage
    from qcdesk.ui.warnings_page import WarningsPage

_Q = QCoreApplication


def _title() -> str:
    return _Q.translate("ListExport", "Export list")


class ExportListButton(QPushButton):
    """Starts `export()` (which returns the running job, or None when the user gave up) and
    stays disabled until that job has finished, so one list is not written twice at once."""

    def __init__(self, parent: QWidget, export: Callable[[], Job | None]):
        super().__init__(parent)
        self.setObjectName("exportListButton")
        self.job: Job | None = None
        self._export = export
        self.clicked.connect(self._start)
        self.retranslate()

    def _start(self) -> None:
        if self.job is not None and not self.job.done:
            return
        self.job = self._export()
        if self.job is not None and not self.job.done:
            self.setEnabled(False)
            self.job.finished.connect(lambda: self.setEnabled(True))

    def retranslate(self) -> None:
        self.setText(_Q.translate("ListExport", "Export &list…"))
        self.setToolTip(_Q.translate(
            "ListExport", "Save the rows this list shows (its filter, search and order) as an Excel"
            " workbook, with a sheet saying what was exported"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def choose_path(parent: QWidget, proposed: str) -> Path | None:
    """The save dialog, opening in the folder used last time; .xlsx appended when missing."""
    path = save_file(parent, "lists", _title(), proposed,
                     _Q.translate("ListExport", "Excel workbook (*.xlsx)"))
    if path is None:
        return None
    if path.suffix.lower() != ".xlsx":  # w → w.xlsx, w.txt → w.txt.xlsx (as the other saves)
        path = path.with_name(path.name + ".xlsx")
    return path


def _run(parent: QWidget, work: Callable[[Any, Progress], ListExportResult], path: Path, *,
         db_path: Path | None, inline_store: Store | None = None) -> Job | None:
    """The export in a worker (with its own connection on `db_path`, if it needs one); with an
    `inline_store` (in memory: no file a thread could reopen, and small) it is written here.
    A Cancel says what `path` is then: kept as it was (or not made), or written all the same
    when the Cancel came as the workbook took its name (it is never half replaced)."""
    if inline_store is not None:
        try:
            _done(parent, work(inline_store, _Inline()))
        except Exception as exc:  # the same one message as a worker's failure
            QMessageBox.warning(parent, _title(), describe_error(exc))
        return None
    before = file_state(path)
    job = start_job(work, db_path=db_path, parent=parent)
    attach_progress(job, parent, _title(), _Q.translate("ListExport", "Exporting the list…"))
    job.succeeded.connect(lambda result: _done(parent, result))
    job.failed.connect(lambda text: QMessageBox.warning(parent, _title(), text))
    job.cancelled.connect(lambda: _cancelled(parent, path, before))
    return job


def _cancelled(parent: QWidget, path: Path, before: FileState) -> None:
    if file_state(path) not in (before, None):
        QMessageBox.information(parent, _title(), _Q.translate(
            "ListExport", "The Cancel came too late: the list was already saved to:\n%1"
        ).replace("%1", str(path)))
    elif before is not None:
        QMessageBox.information(parent, _title(), _Q.translate(
            "ListExport", "Cancelled; nothing was written. The workbook already there is kept as it "
            "was:\n%1").replace("%1", str(path)))
    else:
        QMessageBox.information(parent, _title(), _Q.translate(
            "ListExport", "Cancelled; nothing was written."))


class _Inline:
    """Stands in for a worker's `Progress` when the export runs on the GUI thread."""

    cancelled = False

    def __call__(self, done: int, total: int = 0, text: str = "") -> bool:
        return True


def _done(parent: QWidget, result: ListExportResult) -> None:
    text = _Q.translate("ListExport", "Exported %n row(s) to:\n%1", "", result.rows)
    QMessageBox.information(parent, _title(), text.replace("%1", str(result.path)))


def _cancellable(call: Callable[[], ListExportResult]) -> ListExportResult:
    try:
        return call()
    except ListExportCancelled:
        raise Cancelled() from None


def export_list_page(page: ListPage, today: date | None = None) -> Job | None:
    """Export what `page` lists now (its request: filters, search, dashboard preset, order)."""
    request = page.model.request  # never its deleted rows (显示已删除 lists them, an export does not)
    request = replace(request, filters=replace(request.filters, deleted=False))
    path = choose_path(page, suggested_name(request, today or local_day.today()))
    if path is None:
        return None
    who = exporter_name(page.store, page.store.author)

    def work(store: Store | None, progress: Progress) -> ListExportResult:
        from qcdesk.models.listing import ListSource

        assert store is not None
        return _cancellable(lambda: export_list(
            ListSource(store, request), path, exported_by=who, progress=progress,
            cancelled=lambda: progress.cancelled))

    if page.store.path is None:
        return _run(page, work, path, db_path=None, inline_store=page.store)
    return _run(page, work, path, db_path=Path(page.store.path))


def export_warnings_page(page: WarningsPage, today: date | None = None) -> Job | None:
    """Export the warnings as the page shows them: its kind filter, in the order shown."""
    kind = page.kind.currentData() or ""
    path = choose_path(page, suggested_warnings_name(kind, today or local_day.today()))
    as_of = getattr(page, "as_of", None) or today or local_day.today()  # the day the page counted to
    if path is None:
        return None
    rows = list(page.model.rows)
    area = page.area_words() if hasattr(page, "area_words") else ""  # its jurisdiction filter
    sort, descending = page.model.sort_column, page.model.sort_order == Qt.SortOrder.DescendingOrder
    who = exporter_name(page.store, page.store.author)
    db_path = Path(page.store.path) if page.store.path is not None else None

    def work(_store: Any, progress: Progress) -> ListExportResult:
        return _cancellable(lambda: export_warnings(
            rows, path, kind=kind, sort=sort, descending=descending, exported_by=who,
            progress=progress, cancelled=lambda: progress.cancelled, db_path=db_path, as_of=as_of,
            area=area))

    return _run(page, work, path, db_path=None)  # the rows are in memory: no connection needed
