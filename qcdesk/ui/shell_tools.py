"""The shell's menu entries for dialogs written in other modules (backups, exchange, roster, draw…).

Each entry looks its dialog up through `find_ui`: while a module is missing the entry stays in
the menu, disabled, with a tooltip saying so, instead of breaking the window. The texts live in
`qcdesk.ui.labels.tool_texts` (the shell's translation area). Record ▸ Amend… (更正) is kept
here too: it opens the selected sent visit's editor in amend mode (`qcdesk.ui.visit_amend`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from qcdesk.ui import labels
from qcdesk.ui.workers import describe_error

if TYPE_CHECKING:
    from qcdesk.models.instance_lock import InstanceLock
    from qcdesk.models.store import Store
    from qcdesk.ui.main_window import MainWindow


@dataclass(frozen=True)
class Tool:
    key: str
    menu: str  # "file", "record" or "settings"
    module: str
    name: str
    needs_selection: bool = False


TOOLS: tuple[Tool, ...] = (
    Tool("backup", "file", "backup_dialog", "BackupDialog"),
    Tool("export", "file", "exchange_dialogs", "ExportDialog"),
    Tool("import", "file", "exchange_dialogs", "ImportDialog"),
    Tool("roster_import", "file", "roster_import_dialog", "RosterImportDialog"),
    Tool("inspector_import", "file", "roster_import_dialog", "InspectorImportDialog"),
    Tool("check_import", "file", "roster_import_dialog", "CheckLedgerImportDialog"),
    Tool("order_import", "file", "roster_import_dialog", "OrderLedgerImportDialog"),
    Tool("report", "file", "report_dialog", "ReportDialog"),
    Tool("history", "record", "history_dialog", "HistoryDialog", needs_selection=True),
    Tool("deleted", "record", "record_removal", "DeletedRecordsDialog"),
    Tool("conflicts", "record", "exchange_dialogs", "ConflictDialog"),
    Tool("draw", "record", "draw_dialog", "DrawDialog"),
    Tool("keys", "settings", "keys_dialog", "KeysDialog"),
    Tool("trust", "settings", "keys_dialog", "TrustDialog"),
)

_LIST_IMPORTS = ("roster_import", "inspector_import", "check_import",
                 "order_import")  # roster_import_dialog's kinds


def let_go(dialog: QWidget) -> None:
    """Delete a closed tool dialog: each opening made a new one, kept as the window's child for
    the window's life. Not while a job of it still runs (a list import read in the background)
    or a window it opened is still open (the report's PDF preview): deleting it then stopped the
    job and closed that window (session 20's attempt, reverted). It is let go once they end."""
    job = getattr(dialog, "job", None)
    waits = [job.finished] if job is not None and not getattr(job, "done", True) else []
    waits += [w.finished for w in dialog.findChildren(QDialog) if w.isVisible()]
    for ended in waits:  # looked at again once the job's `done` is set (after `finished`)
        ended.connect(lambda *_: QTimer.singleShot(0, dialog, lambda: let_go(dialog)))
    if not waits:
        dialog.deleteLater()


def find_removal() -> Callable[[MainWindow], bool] | None:
    """record_removal.delete_selected, or None while that module is missing."""
    from qcdesk.ui.main_window import find_ui

    return find_ui("record_removal", "delete_selected")


class ShellTools(QObject):
    """Actions of the window that open other modules' dialogs; the shell (app.py) sets the hooks."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.actions: dict[str, QAction] = {}
        self.close_store: Callable[[], None] | None = None
        self.reopen_store: Callable[[Path], object] | None = None
        self.lock: Callable[[], InstanceLock | None] = lambda: None
        for tool in TOOLS:
            action = QAction(window)
            action.setObjectName(f"{tool.key}Action")
            action.triggered.connect(lambda _c=False, t=tool: self.open(t.key))
            window.addAction(action)
            self.actions[tool.key] = action
        # 更正 is not a dialog of its own: it opens the selected sent visit's editor in amend mode
        self.amend_action = QAction(window)
        self.amend_action.setObjectName("amendAction")
        self.amend_action.triggered.connect(lambda _c=False: self.open("amend"))
        window.addAction(self.amend_action)
        self.actions["amend"] = self.amend_action
        # 删除… is no dialog either: it asks, deletes the selected enterprise or visit and refreshes
        # (record_removal); the Delete key does it only while a list has the focus
        self.delete_action = QAction(window)
        self.delete_action.setObjectName("deleteAction")
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        window.addAction(self.delete_action)
        self.actions["delete"] = self.delete_action

    def add_to(self, menu: Any, where: str) -> None:
        menu.setToolTipsVisible(True)  # a disabled entry says why (Amend…, a missing module)
        if where == "record":
            menu.addAction(self.amend_action)
        for tool in TOOLS:
            if tool.menu == where:
                menu.addAction(self.actions[tool.key])
        if where == "record":
            menu.addAction(self.delete_action)

    def find(self, key: str) -> Any | None:
        from qcdesk.ui.main_window import find_ui

        if key == "amend":
            return find_ui("visit_editor", "VisitEditor")
        tool = next(t for t in TOOLS if t.key == key)
        return find_ui(tool.module, tool.name)

    def update(self) -> None:
        has_store = self.window.store is not None
        texts = labels.tool_texts()
        for tool in TOOLS:
            action = self.actions[tool.key]
            action.setText(texts[tool.key])
            if not has_store:  # looking a dialog up imports it and the core: not before the window paints
                action.setEnabled(False)
                continue
            available = self.find(tool.key) is not None
            action.setEnabled(available)
            action.setToolTip("" if available else labels.missing_tool_text())
            if tool.needs_selection:
                action.setEnabled(action.isEnabled() and self.window.current_list() is not None)
        self.amend_action.setText(texts["amend"])
        self.amend_action.setEnabled(False)
        self.delete_action.setText(texts["delete"])
        self.delete_action.setEnabled(has_store and self.window.current_list() is not None
                                      and find_removal() is not None)
        if has_store:
            self._watch_selection()
            self.update_amend()

    def delete_selected(self, *_args: object) -> None:
        """Record ▸ Delete… / the Delete key on a list: the selected enterprise or visit."""
        delete = find_removal()
        if self.window.store is not None and delete is not None:
            delete(self.window)

    # -- Record ▸ Amend… -------------------------------------------------------------------
    def amend_state(self) -> tuple[str, int | None]:
        """("ready", visit id) for a sent visit selected on the visit list; else why not."""
        from qcdesk.models.amendments import is_locked
        from qcdesk.models.listing import VISITS

        page = self.window.current_list()
        store = self.window.store
        if page is None or page.kind != VISITS or store is None:
            return "not_visits", None
        record_id = page.selected_id()
        if record_id is None:
            return "no_row", None
        return ("ready" if is_locked(store, int(record_id)) else "not_sent"), int(record_id)

    def update_amend(self, *_args: object) -> None:
        """Enabled only for a sent (locked) visit; the tooltip says what is missing otherwise."""
        action = self.amend_action
        if self.window.store is None:
            return
        if self.find("amend") is None:
            action.setToolTip(labels.missing_tool_text())
            return
        state, _record = self.amend_state()
        action.setEnabled(state == "ready")
        text = labels.amend_texts()[state]
        action.setToolTip(text)
        action.setStatusTip(text)

    def _watch_selection(self) -> None:
        """Follow the selection of the list shown, once per list page."""
        page = self.window.current_list()
        if page is not None and not page.property("amendWatched"):
            page.view.selectionModel().selectionChanged.connect(self.update_amend)
            page.setProperty("amendWatched", True)

    def open(self, key: str) -> QWidget | None:
        """Build the dialog for `key`, run it, then refresh what it may have changed."""
        store = self.window.store
        cls = self.find(key)
        if store is None or cls is None:
            return None
        try:
            dialog = self._make(key, cls, store)
        except Exception as exc:  # a dialog that cannot open says why instead of crashing the shell
            QMessageBox.warning(self.window, labels.tool_texts()[key].rstrip("…"), describe_error(exc))
            return None
        if dialog is None:
            return None
        if key == "amend":  # a record window like any visit opened from the list, not modal
            self.window._show_record_window(dialog)
            return dialog
        if key in _LIST_IMPORTS and hasattr(dialog, "imported"):
            dialog.imported.connect(lambda _r: self.window.refresh_lists())
        if key == "draw" and hasattr(dialog, "committed"):
            dialog.committed.connect(lambda _u: self.window.refresh_lists())
        dialog.exec()
        if key in ("import", "conflicts", "deleted", "keys") and self.window.store is not None:
            self.window.refresh_lists()
        self.update_amend()  # an export locks the visits it sends
        let_go(dialog)
        return dialog

    def _make(self, key: str, cls: Any, store: Store) -> QWidget | None:
        w, paths = self.window, self.window.paths
        if key == "backup":
            from qcdesk.models import backup

            return cls(store, backup.default_folder(store) or paths.data_dir / "backups", w,
                       close_store=self.close_store, reopen_store=self.reopen_store, lock=self.lock(),
                       photos_dir=paths.photos_dir)
        if key == "export":
            return cls(store.path, w, store=store, photos_dir=paths.photos_dir, keys_dir=paths.keys_dir)
        if key == "import":
            return cls(store.path, w, photos_dir=paths.photos_dir)
        if key in _LIST_IMPORTS:
            return cls(store, w, w.lang)
        if key == "history":
            return self._history(cls, store)
        if key == "amend":
            return self._amend(cls, store)
        if key in ("conflicts", "trust", "deleted"):
            return cls(store, w)
        return cls(store, paths, w)  # draw, keys, report

    def _history(self, cls: Any, store: Store) -> QWidget | None:
        from qcdesk.models.listing import LIST_SPECS, record_uuid

        page = self.window.current_list()
        record_id = page.selected_id() if page is not None else None
        if page is None or record_id is None:
            self.window.statusBar().showMessage(labels.select_row_text(), 4000)
            return None
        uuid = record_uuid(store, page.kind, record_id)
        if uuid is None:
            return None
        return cls(store, LIST_SPECS[page.kind].table, uuid, self.window)

    def _amend(self, cls: Any, store: Store) -> QWidget | None:
        """The selected sent visit in its editor, already in amend mode (更正)."""
        state, record_id = self.amend_state()
        if state != "ready" or record_id is None:
            self.window.statusBar().showMessage(labels.amend_texts()[state], 6000)
            return None
        editor = cls(store, self.window.paths, visit_id=record_id, parent=self.window)
        if editor.amend is None:  # not locked after all (changed since the selection)
            editor.deleteLater()
            return None
        editor.amend.start()
        return editor
