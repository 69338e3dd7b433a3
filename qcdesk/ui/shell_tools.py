"""The shell's menu entries for dialogs written in other modules (backups, exchange, roster, draw…).

Each entry looks its dialog up through `find_ui`: while a module is missing the entry stays in
the menu, disabled, with a tooltip saying so, instead of breaking the window. The texts live in
`qcdesk.ui.labels.tool_texts` (the shell's translation area).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

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
    Tool("report", "file", "report_dialog", "ReportDialog"),
    Tool("history", "record", "history_dialog", "HistoryDialog", needs_selection=True),
    Tool("conflicts", "record", "exchange_dialogs", "ConflictDialog"),
    Tool("draw", "record", "draw_dialog", "DrawDialog"),
    Tool("keys", "settings", "keys_dialog", "KeysDialog"),
    Tool("trust", "settings", "keys_dialog", "TrustDialog"),
)


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

    def add_to(self, menu: Any, where: str) -> None:
        for tool in TOOLS:
            if tool.menu == where:
                menu.addAction(self.actions[tool.key])

    def find(self, key: str) -> Any | None:
        from qcdesk.ui.main_window import find_ui

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
        if key == "roster_import" and hasattr(dialog, "imported"):
            dialog.imported.connect(lambda _r: self.window.refresh_lists())
        if key == "draw" and hasattr(dialog, "committed"):
            dialog.committed.connect(lambda _u: self.window.refresh_lists())
        dialog.exec()
        if key in ("import", "conflicts") and self.window.store is not None:
            self.window.refresh_lists()
        return dialog

    def _make(self, key: str, cls: Any, store: Store) -> QWidget | None:
        w, paths = self.window, self.window.paths
        if key == "backup":
            from qcdesk.models import backup

            return cls(store, backup.default_folder(store) or paths.data_dir / "backups", w,
                       close_store=self.close_store, reopen_store=self.reopen_store, lock=self.lock())
        if key == "export":
            return cls(store.path, w, store=store, photos_dir=paths.photos_dir, keys_dir=paths.keys_dir)
        if key == "import":
            return cls(store.path, w, photos_dir=paths.photos_dir)
        if key == "roster_import":
            return cls(store, w, w.lang)
        if key == "history":
            return self._history(cls, store)
        if key in ("conflicts", "trust"):
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
