"""The last resort for an error no slot caught: a box that says so, instead of silence.

An exception escaping a Qt slot reaches `sys.excepthook`; Python's prints a traceback on
stderr, which a Windows desktop user never sees: the click simply did nothing (review "two at
once" 4). `qcdesk` (the window, not the tests: pytest-qt's own hook must keep seeing these)
installs `show_unexpected_errors`: the error is written to a log file, still printed on stderr,
and shown in a translated box saying what happened, that what was saved before is safe, and
where the details are.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from qcdesk.ui.workers import describe_error

LOG_NAME = "qcdesk-errors.log"
LOG_LIMIT = 1_000_000  # bytes; a longer log starts again (the newest errors are what help)

Hook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def write_log(folder: Path, details: str) -> Path | None:
    """Append `details` to the error log in `folder`; None when the disk refuses it too."""
    path = folder / LOG_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        mode = "w" if path.exists() and path.stat().st_size > LOG_LIMIT else "a"
        with path.open(mode, encoding="utf-8") as log:
            log.write(f"--- {datetime.now().astimezone().isoformat(timespec='seconds')}\n{details}\n")
    except OSError:
        return None
    return path


def error_hook(log_dir: Path, previous: Hook) -> Hook:
    """An excepthook: the log, then `previous` (stderr), then the box; one box at a time."""
    showing: list[bool] = []

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        details = "".join(traceback.format_exception(kind, value, tb))
        log = write_log(log_dir, details)
        previous(kind, value, tb)
        if showing or issubclass(kind, KeyboardInterrupt) or QApplication.instance() is None:
            return
        showing.append(True)
        try:
            show_error(value, details, log)
        finally:
            showing.clear()

    return hook


def show_error(value: BaseException, details: str, log: Path | None) -> None:
    """What happened, that what was saved before is safe, and where the details are."""
    where = str(log) if log is not None else QCoreApplication.translate(
        "ErrorBox", "(it could not be written to a file; see Show Details)")
    text = QCoreApplication.translate(
        "ErrorBox", "QCDesk ran into an error it did not expect: %1\n\nWhat you saved before is safe in "
        "the database, but the last action may not have been completed: check it. If this happens "
        "again, send the details to whoever supports QCDesk; they are written to %2")
    box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("ErrorBox", "Unexpected error"),
                      text.replace("%1", describe_error(value)).replace("%2", where),
                      QMessageBox.StandardButton.Ok, QApplication.activeWindow())
    box.setObjectName("unexpectedErrorBox")
    box.setDetailedText(details)
    box.exec()


def show_unexpected_errors(log_dir: Path) -> None:
    """Install the hook for this process (the window's `qcdesk`, never the tests)."""
    sys.excepthook = error_hook(log_dir, sys.excepthook)
