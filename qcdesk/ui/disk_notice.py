"""The status bar says so while the database's disk is low on space (models/disk_low.py), before
a save, a copy or an import fails on a full disk: a red sign and the free space, the whole text
(what to do) in its tooltip and, on a click, in a box. Looked at when a database is opened and
every `RECHECK_MS` while it is open (saves, imports and other programs fill the disk meanwhile).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from qcdesk.models.disk_low import LowDisk, low_disk
from qcdesk.models.free_space import size_text
from qcdesk.ui.status_notice import WarningNotice, placed

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

_Q = QCoreApplication
RECHECK_MS = 2 * 60 * 1000  # a disk_usage call and two stats: cheap


class DiskNotice(WarningNotice):
    """Hidden while the data's disk has room."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, "diskNotice")
        self.found: LowDisk | None = None
        self._path: Path | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(RECHECK_MS)
        self.timer.timeout.connect(self.recheck)

    def show_for(self, path: Path | str | None) -> None:
        """Watch the disk of `path` (None: no database open, hidden and not watched)."""
        self._path = Path(path) if path is not None and str(path) != ":memory:" else None
        if self._path is None:
            self.timer.stop()
        elif not self.timer.isActive():
            self.timer.start()
        self.recheck()

    def recheck(self) -> None:
        from qcdesk.ui.workers import ui_lang

        self.found = low_disk(self._path) if self._path is not None else None
        if self.found is None:
            self.hide()
            return
        self.setText(_Q.translate("DiskNotice", "Disk almost full: %1 free")
                     .replace("%1", size_text(self.found.free)))
        self.setToolTip(self.found.text(ui_lang()))
        self.show()

    def explain(self) -> None:
        """The whole warning, in a box the user closes."""
        from qcdesk.ui.workers import ui_lang

        box = QMessageBox(QMessageBox.Icon.Warning, _Q.translate("DiskNotice", "Disk almost full"),
                          self.found.text(ui_lang()) if self.found else "",
                          QMessageBox.StandardButton.Ok, self.window())
        box.setObjectName("diskNoticeBox")
        box.open()


def show_disk(window: QMainWindow) -> None:
    """Show or hide the notice for the window's open database (its `store`)."""
    notice = placed(window, DiskNotice, "diskNotice", lambda: DiskNotice(window))
    store = getattr(window, "store", None)
    notice.show_for(store.path if store is not None else None)
