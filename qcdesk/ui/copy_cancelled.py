"""What a cancelled "Save a copy as…" left at the target (备份与恢复 ▸ 另存副本).

Why: saving over last week's copy on a USB stick copies the photos first and replaces the
database last, so a Cancel usually leaves the OLD copy there. The one fixed message said the
file "holds a database copy", and an inspector took last week's data to the office as today's.
The words now follow what the file is: looked at before the copy starts and after the Cancel
(the file replaced or not), never guessed from where the worker stopped.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication

_Q = QCoreApplication
FileState = tuple[int, int, int] | None  # (inode, size, mtime in ns) of the target; None: absent


def file_state(path: Path) -> FileState:
    """What sits at `path` now, enough to tell a replaced file from the one that was there."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


def cancelled_text(target: Path, before: FileState) -> str:
    """The message after a Cancel: nothing written, the older copy untouched (with its date), or
    a new database copy written without all of its photos."""
    now = file_state(target)
    if before is None and now is None:
        return _Q.translate("BackupDialog", "Cancelled; nothing was written: %1 was not created."
                            ).replace("%1", str(target))
    if before is not None and now == before:
        saved = datetime.fromtimestamp(before[2] / 1e9).strftime("%Y-%m-%d %H:%M")
        return _Q.translate(
            "BackupDialog", "Cancelled; %1 was not replaced: it is still the copy saved on %2 and "
            "does not hold the changes made since. Save the copy again to replace it; the photos "
            "copied so far are kept and not copied again.").replace("%1", str(target)).replace(
            "%2", saved)
    return _Q.translate(
        "BackupDialog", "Cancelled while copying the photo files: %1 holds a database copy, but not "
        "all of its photos. Save the copy to the same folder again to finish; the photos copied so "
        "far are kept and not copied again.").replace("%1", str(target))
