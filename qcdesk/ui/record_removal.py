"""Record ▸ Delete… (the Delete key, the lists' context menu) and Record ▸ Deleted records….

Why: a firm filed twice, or a visit saved twice or on the wrong firm, has to leave the lists,
the draw pool and the counts, and a `uscc_taken` conflict waits until one of two files of a firm
is gone. The core (`qcdesk.models.removal`) deletes softly and refuses what would leave orders
or visits hanging; here the user confirms, naming the record, and can bring it back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qcdesk.models.amendments import is_locked
from qcdesk.models.clock_text import local_time
from qcdesk.models.listing import ENTERPRISES, LIST_SPECS, VISITS
from qcdesk.models.messages import ValidationFailed
from qcdesk.models.removal import (
    DELETED_LIMIT,
    DeletedRow,
    delete_enterprise,
    delete_visit,
    deleted_enterprises,
    deleted_title,
    deleted_visits,
    deletion_refusal,
    live_title,
    restore_enterprise,
    restore_visit,
)
from qcdesk.models.store import Store, StoreError
from qcdesk.ui import labels
from qcdesk.ui.removal_reason import ask_reason
from qcdesk.ui.workers import describe_error, ui_lang

if TYPE_CHECKING:
    from qcdesk.ui.main_window import MainWindow


def _texts() -> dict[str, str]:
    """The words of Delete… (module functions: translated in the RecordRemoval context)."""
    return {
        "delete": QCoreApplication.translate(
            "RecordRemoval", "Delete"),
        "cancel": QCoreApplication.translate(
            "RecordRemoval", "Cancel"),
        "not_deleted": QCoreApplication.translate(
            "RecordRemoval", "Not deleted"),
        "done": QCoreApplication.translate(
            "RecordRemoval", "Deleted. Record ▸ Deleted records… brings it back."),
        "already": QCoreApplication.translate(
            "RecordRemoval", "This record is already deleted (the list shows deleted records). To bring "
            "it back, right-click it ▸ Restore."),
        "enterprise": QCoreApplication.translate(
            "RecordRemoval",
            "Delete the enterprise file “%1” (%2)?\n\nIt leaves the enterprise list, the random draw "
            "pool and the counts, and the next data package tells the offices that receive it to "
            "delete it too. Record ▸ Deleted records… brings it back."),
        "visit": QCoreApplication.translate(
            "RecordRemoval",
            "Delete the visit to “%1” on %2 (%3)?\n\nIts samples, findings and photos go with it, and "
            "the next data package tells the offices that receive it to delete it too. Record ▸ "
            "Deleted records… brings it back."),
        "orders": QCoreApplication.translate(
            "RecordRemoval",
            "Rectification orders are not deleted: an order is withdrawn (撤销) in its window once its "
            "sample passes a re-test, or closed by its re-check. To remove a visit saved twice, "
            "select it on the Visits list."),
    }


def _refusal(exc: Exception) -> str:
    return exc.text(ui_lang()) if isinstance(exc, ValidationFailed) else describe_error(exc)


def _box(parent: QWidget, icon: QMessageBox.Icon, title: str, text: str, name: str,
         ask: bool = False) -> QMessageBox.StandardButton:
    """A message box run modally (named, so tests and screenshots find it)."""
    buttons = (QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No) if ask \
        else QMessageBox.StandardButton.Ok
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setObjectName(name)
    if ask:
        box.setDefaultButton(QMessageBox.StandardButton.No)  # Enter alone never deletes
        box.button(QMessageBox.StandardButton.Yes).setText(_texts()["delete"])
        box.button(QMessageBox.StandardButton.No).setText(_texts()["cancel"])
    return QMessageBox.StandardButton(box.exec())


def _question(row: DeletedRow, kind: str) -> str:
    if kind == ENTERPRISES:
        return _texts()["enterprise"].replace("%1", row.name).replace("%2", row.uscc)
    kind_label = labels.label(labels.visit_kinds(), row.kind)
    return _texts()["visit"].replace("%1", row.name).replace("%2", row.visit_date).replace("%3", kind_label)


def delete_selected(window: MainWindow) -> bool:
    """Delete the record selected on the list shown, once the user confirms; True if deleted."""
    store, page = window.store, window.current_list()
    record_id = page.selected_id() if page is not None else None
    if store is None or page is None or record_id is None:
        window.statusBar().showMessage(labels.select_row_text(), 4000)
        return False
    texts = _texts()
    if page.kind not in (ENTERPRISES, VISITS):
        _box(window, QMessageBox.Icon.Information, texts["delete"], texts["orders"], "deleteNotHere")
        return False
    row = live_title(store, LIST_SPECS[page.kind].table, int(record_id))
    if row is None and deleted_title(store, LIST_SPECS[page.kind].table, int(record_id)) is not None:
        _box(window, QMessageBox.Icon.Information, texts["delete"], texts["already"], "deleteAlready")
        return False
    if row is None:
        window.refresh_lists()
        return False
    refused = deletion_refusal(store, LIST_SPECS[page.kind].table, row.id)
    if refused is not None:  # said before asking: no "delete?" that a yes cannot carry out
        _box(window, QMessageBox.Icon.Warning, texts["not_deleted"], _refusal(refused), "deleteRefused")
        return False
    reason = ""
    if page.kind == VISITS and is_locked(store, row.id):  # sent: a reason, recorded as a 更正
        typed = ask_reason(window, _question(row, page.kind), texts["delete"])
        if typed is None:
            return False
        reason = typed
    elif _box(window, QMessageBox.Icon.Question, texts["delete"], _question(row, page.kind),
              "deleteConfirm", ask=True) != QMessageBox.StandardButton.Yes:
        return False
    try:
        if page.kind == ENTERPRISES:
            delete_enterprise(store, row.id)
        else:
            delete_visit(store, row.id, reason=reason)
    except (ValidationFailed, StoreError) as exc:
        _box(window, QMessageBox.Icon.Warning, texts["not_deleted"], _refusal(exc), "deleteRefused")
        return False
    window.refresh_lists()
    window.statusBar().showMessage(texts["done"], 8000)
    return True


def restore_record(parent: QWidget, store: Store, kind: str, row: DeletedRow) -> bool:
    """Bring a deleted enterprise or visit back (Restore in 已删除的记录… and on a list showing
    deleted rows: the same question and refusals in both); True if it is back."""
    reason = ""
    if kind == VISITS and is_locked(store, row.id):  # sent: bringing it back needs a reason too
        question = QCoreApplication.translate(
            "DeletedRecordsDialog", "Restore the visit to “%1” on %2? It was sent in a package, so the "
            "restore is recorded as a correction with its reason.")
        typed = ask_reason(parent, question.replace("%1", row.name).replace("%2", row.visit_date),
                           QCoreApplication.translate("DeletedRecordsDialog", "Restore"))
        if typed is None:
            return False
        reason = typed
    try:
        if kind == VISITS:
            restore_visit(store, row.id, reason=reason)
        else:
            restore_enterprise(store, row.id)
    except (ValidationFailed, StoreError) as exc:
        title = QCoreApplication.translate("DeletedRecordsDialog", "Not restored")
        _box(parent, QMessageBox.Icon.Warning, title, _refusal(exc), "restoreRefused")
        return False
    return True


class DeletedRecordsDialog(QDialog):
    """Deleted enterprises or visits, the latest first; Restore brings the selected one back."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("deletedRecordsDialog")
        self.store = store
        self.restored = 0  # the shell refreshes its lists when something came back
        self.setWindowTitle(self.tr("Deleted records"))
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Enterprises"), ENTERPRISES)
        self.kind.addItem(self.tr("Visits"), VISITS)
        self.kind.currentIndexChanged.connect(self.reload)
        self.search = QLineEdit()  # re-queries: only the latest DELETED_LIMIT are listed without it
        self.search.setObjectName("deletedSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search: enterprise name, credit code or date (2026-11-02)"))
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(300)
        self._typing.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _text: self._typing.start())
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves a table with nothing to edit
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.restore_button = QPushButton(self.tr("&Restore"))
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setAutoDefault(False)  # Enter never restores by accident
        self.restore_button.clicked.connect(self.restore_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Show deleted:")))
        top.addWidget(self.kind)
        top.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(760, 420)
        self.rows: list[DeletedRow] = []
        self.reload()

    def reload(self) -> None:
        self._typing.stop()
        visits = self.kind.currentData() == VISITS
        search = self.search.text().strip()
        self.rows = (deleted_visits if visits else deleted_enterprises)(self.store, search=search)
        heads = [self.tr("Enterprise"), self.tr("Credit code")]
        heads += [self.tr("Visit date"), self.tr("Kind")] if visits else []
        heads.append(self.tr("Deleted at"))
        self.table.setColumnCount(len(heads))
        self.table.clearContents()
        self.table.setHorizontalHeaderLabels(heads)
        self.table.setRowCount(len(self.rows))
        for i, row in enumerate(self.rows):
            cells = [row.name, row.uscc]
            cells += [row.visit_date, labels.label(labels.visit_kinds(), row.kind)] if visits else []
            for j, text in enumerate([*cells, local_time(row.deleted_at)]):
                self.table.setItem(i, j, QTableWidgetItem(text))
        if not self.rows and search:
            none = self.tr("No deleted record matches “%1”: check the spelling, or search by part of "
                           "the name, the credit code or a date.")
            self.note.setText(none.replace("%1", search))
        elif not self.rows:
            self.note.setText(self.tr("Nothing of this kind is deleted."))
        else:
            more = len(self.rows) >= DELETED_LIMIT
            text = self.tr("The latest deletions first (%1 shown). Select one and click Restore to bring "
                           "it back; a visit comes back with the samples, findings and photos deleted "
                           "with it.").replace("%1", str(len(self.rows)))
            older = self.tr("Older ones are not listed: search for them by name, credit code or date.")
            self.note.setText(text + (" " + older if more else ""))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def selected(self) -> DeletedRow | None:
        chosen = self.table.selectionModel().selectedRows()
        return self.rows[chosen[0].row()] if chosen else None

    def restore_selected(self) -> bool:
        row = self.selected()
        if row is None or not restore_record(self, self.store, self.kind.currentData(), row):
            return False
        self.restored += 1
        self.reload()
        return True
