"""A database opened from a network drive or a synced folder (OneDrive, 坚果云…) is said in the
status bar for as long as it is open: a warning sign and a few words, always in view (a message
box at every start would be clicked away unread, a status message is gone in seconds); a
click shows what can go wrong and what to do (models/storage_place.py). Never refused: the
user may have no other place yet.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from qcdesk.models.storage_place import NETWORK, SharedStorage, shared_storage
from qcdesk.ui.status_notice import WarningNotice, placed

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

_Q = QCoreApplication


class StorageNotice(WarningNotice):
    """The status bar's warning about where the open database is; hidden for a local disk."""

    def __init__(self, parent: QWidget, suggest: Path) -> None:
        super().__init__(parent, "storageNotice")
        self.suggest = suggest
        self.found: SharedStorage | None = None
        self._path: str | None = None

    def show_for(self, path: Path | str | None) -> None:
        """Look at `path` (once per file) and say what is risky about its place, in the current
        language; None (no database open) hides the notice."""
        from qcdesk.ui.workers import ui_lang

        key = str(path) if path is not None else None
        if key != self._path:
            self._path = key
            self.found = shared_storage(key) if key is not None else None
        if self.found is None:
            self.hide()
            return
        self.setText(_Q.translate("StorageNotice", "Database on a network drive — may be damaged")
                     if self.found.kind == NETWORK else
                     _Q.translate("StorageNotice", "Database in a synced folder — may be damaged"))
        self.setToolTip(self.detail(ui_lang()))
        self.show()

    def detail(self, lang: str) -> str:
        return self.found.text(lang, self.suggest) if self.found is not None else ""

    def explain(self) -> None:
        """The whole warning, in a box the user closes."""
        from qcdesk.ui.workers import ui_lang

        box = QMessageBox(QMessageBox.Icon.Warning,
                          _Q.translate("StorageNotice", "Where the database is"),
                          self.detail(ui_lang()), QMessageBox.StandardButton.Ok, self.window())
        box.setObjectName("storageNoticeBox")
        box.open()


def show_place(window: QMainWindow) -> None:
    """Show or hide the notices for the window's open database (its `store`, its `paths`): where
    it is, and how much room its disk has left."""
    notice = placed(window, StorageNotice, "storageNotice",
                    lambda: StorageNotice(window, window.paths.data_dir))  # type: ignore[attr-defined]
    store = getattr(window, "store", None)
    notice.show_for(store.path if store is not None else None)
    from qcdesk.ui.disk_notice import show_disk

    show_disk(window)  # and whether the disk it is on is running low (disk_notice.py)
