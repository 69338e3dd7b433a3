"""What the GUI checks about a file before it opens it as the database, and nothing written.

A folder, a spreadsheet, an empty file (a copy that did not finish) or a file that cannot be
written is refused here, before the instance lock puts `<name>.lock` beside it and before SQLite
makes a -wal beside it or turns an empty file into a new database. Each refusal says in words
what the file is and what to do (messages `open.*`); the CLI refuses the same files its own way.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from qcdesk.models.held_files import opened, read_head
from qcdesk.models.messages import message
from qcdesk.models.os_errors import os_error_reason
from qcdesk.models.store import StoreError, check_not_foreign

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et", ".ods", ".csv")
_OFFICE_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # .xlsx/.ods (zip) and .xls/.et (OLE)
DEFAULT_NAME = "qcdesk.db"


def _refusal(rule: str, **params: object) -> StoreError:
    return StoreError(message(rule, "zh", **params), message(rule, "en", **params))


def _head(path: Path) -> bytes:
    try:  # never a plain open(): it may be the database this process has open (held_files)
        return read_head(path, 8)
    except OSError:
        return b""


def check_kind(path: Path | str, *, tool: bool = False) -> None:
    """Raise StoreError for a folder, a spreadsheet or an empty file named as the database: what
    no command may open (or restore over) as one. `tool` words the spreadsheet advice for the
    command line. A path that does not exist passes."""
    path = Path(path)
    if path.is_dir():
        raise _refusal("open.folder", path=path, example=path / DEFAULT_NAME)
    if not path.exists():
        return
    head = _head(path)
    suffix = path.suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES or head.startswith(_OFFICE_MAGIC):
        raise _refusal("open.spreadsheet_cli" if tool else "open.spreadsheet", path=path,
                       kind=suffix if suffix in SPREADSHEET_SUFFIXES else ".xlsx/.xls")
    try:
        empty = path.stat().st_size == 0
    except OSError:
        empty = False
    if empty:  # SQLite would silently make it a new database over what was meant to be a copy
        raise _refusal("open.empty", path=path)


def check_openable(path: Path | str) -> None:
    """Raise StoreError, having created nothing, for a path the GUI must not open as its database.

    A path that does not exist passes (a new database; the lock says if its folder cannot be
    written), and so does a file SQLite will say more about (damaged, another program's)."""
    path = Path(path)
    check_kind(path)
    if not path.exists():
        return
    try:  # opening for writing changes nothing; a read-only file, disk or permission refuses it
        with opened(path, "r+b"):  # closing it keeps this process's locks on it (held_files)
            pass
    except OSError as exc:
        raise StoreError(
            message("open.read_only", "zh", path=path, reason=os_error_reason(exc, "zh")),
            message("open.read_only", "en", path=path, reason=os_error_reason(exc, "en")),
        ) from exc
    check_not_foreign(path)


def is_busy(exc: BaseException) -> bool:
    """True when `exc` comes from SQLite waiting in vain for another program's write lock (a
    long import): worth trying again in a moment, unlike a damaged or read-only file."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, sqlite3.OperationalError):
            text = str(seen).lower()
            return "locked" in text or "busy" in text
        seen = seen.__cause__ or seen.__context__
    return False
