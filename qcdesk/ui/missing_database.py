"""The database file to open is not there: say so, and offer to try again or to look for it.

Why: a remembered database whose folder was moved, renamed or is on a USB stick not plugged in
was silently replaced by a new, empty database at the old path (the folder made again), and the
next days' work went into it, split from the real file. A missing file is now never made anew
unless the user asks for a new database (File ▸ Switch database… with a new name).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

_Q = QCoreApplication  # context "Shell", with the rest of the app's frame (shell_zh_CN.ts)


def ask_about_missing(window: QWidget, path: Path, *, look: Callable[[], None],
                      retry: Callable[[], None]) -> QMessageBox:
    """Show the warning (once the window is up); `look` opens another file, `retry` tries again."""
    text = _Q.translate("Shell", "The database file does not exist: %1\n\nIt may have been moved or "
                        "renamed, or its USB stick or network drive is not connected. QCDesk has not "
                        "created a new, empty database in its place.").replace("%1", str(path))
    box = QMessageBox(QMessageBox.Icon.Warning, _Q.translate("Shell", "Database not found"), text,
                      QMessageBox.StandardButton.NoButton, window)
    box.setObjectName("missingDatabaseBox")
    box.setInformativeText(_Q.translate("Shell", "Connect the drive and click Try again, or click "
                                        "Open another database… to look for the file."))
    look_button = box.addButton(_Q.translate("Shell", "Open another database…"),
                                QMessageBox.ButtonRole.AcceptRole)
    look_button.setObjectName("openAnotherButton")
    retry_button = box.addButton(_Q.translate("Shell", "Try again"), QMessageBox.ButtonRole.ActionRole)
    retry_button.setObjectName("retryButton")
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(look_button)

    def ask() -> None:
        box.exec()
        if box.clickedButton() is look_button:
            look()
        elif box.clickedButton() is retry_button:
            retry()

    if window.isVisible():
        ask()
    else:
        QTimer.singleShot(0, ask)
    return box
