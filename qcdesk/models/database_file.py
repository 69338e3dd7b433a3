"""A database file that is not the open Store, read before it is copied or restored.

Why apart from `qcdesk.models.backup`: a backup, a restore and the restore's preview all read a
file nobody has open here (a backup chosen from a USB stick, a database in a read-only folder)
and must refuse one that is damaged, not QCDesk's, the database itself, or from a newer QCDesk
before anything is written. `backup` re-exports these names.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path, PurePath, PureWindowsPath

from qcdesk.models.held_files import read_head
from qcdesk.models.os_errors import error_reason
from qcdesk.models.restore_progress import CheckedFile, Report, Reporter, watch_statement
from qcdesk.models.store import StoreError


class DamagedDatabase(StoreError):
    """The file is an SQLite database that SQLite finds damaged (not merely some other file):
    no restore point, but still worth a raw copy before anyone tries to repair it."""

    def __init__(self, message_zh: str, message_en: str, problem: str):
        super().__init__(message_zh, message_en)
        self.problem = problem  # what SQLite found, for a caller that words it its own way


def file_uri(path: PurePath) -> str:
    r"""The `file:` URI of an absolute path, as SQLite reads it.

    Why not `f"file:{path}"`: SQLite cuts a URI at `#` and `?` and decodes `%xx`, so a database
    in `D:\质检#2\` opened (and created, empty) the file `D:\质检`. `as_uri` percent-encodes
    those and non-ASCII names; a Windows share `\\server\share` must become
    `file:////server/share` (an empty authority: SQLite refuses `file://server/...`)."""
    text = str(path)
    if isinstance(path, PureWindowsPath) and text.startswith("\\\\?\\"):  # long-path form
        rest = text[4:]
        path = PureWindowsPath("\\\\" + rest[4:] if rest[:4].upper() == "UNC\\" else rest)
    uri = path.as_uri()
    if not uri.startswith("file:///"):  # file://server/share/... (UNC)
        uri = "file:////" + uri[len("file://"):]
    return uri


def read_only_uri(path: Path | str, *, immutable: bool = False) -> str:
    """The URI to open `path` read-only (with `uri=True`), whatever characters its folders hold."""
    return f"{file_uri(Path(path).resolve())}?mode=ro" + ("&immutable=1" if immutable else "")


def open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection, also to a WAL file in a folder this user cannot write.

    Why: `mode=ro` must create the WAL file's `-shm` beside it, so a backup of a database on
    a read-only folder failed with "unable to open database file". There the file is read
    `immutable` instead, unless its `-wal` still holds pages, which that would leave out:
    then StoreError names the real cause."""
    path = Path(path)
    conn = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        if "unable to open" not in str(exc) or os.access(path.parent, os.W_OK):
            raise
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise StoreError(
                f"{path} 所在的文件夹只读，而其日志文件 {wal.name} 中还有未写回数据库的内容，无法完整读取。"
                f"请把 {path.name} 连同 {wal.name} 复制到可写的文件夹后再操作，"
                "或在可写的位置用 QCDesk 打开它一次。",
                f"{path} is in a read-only folder and its log {wal.name} still holds changes not yet "
                f"written into it, so it cannot be read whole. Copy {path.name} together with {wal.name} "
                "to a writable folder first, or open it once with QCDesk where it can be written.") from exc
    return sqlite3.connect(read_only_uri(path, immutable=True), uri=True)


def check_database_file(path: Path, report: Report | None = None, *, newer_ok: bool = False
                        ) -> CheckedFile:
    """Refuse anything that is not an intact QCDesk database (StoreError says why), nor, unless
    `newer_ok` (a copy of the file as it is), one made by a newer QCDesk: a restore refuses it
    before the user is asked to confirm, in the window as on the command line.

    `report("check", 0, 0)` is called while SQLite checks and may raise to stop it."""
    path = Path(path)
    if path.is_dir():
        raise StoreError(f"{path} 是文件夹，请给出其中的备份文件（.db）",
                         f"{path} is a folder: give the backup file (.db) in it")
    if not path.is_file():
        raise StoreError(f"找不到文件 {path}", f"File not found: {path}")
    try:
        checked = CheckedFile(path, CheckedFile.stamp_of(path))
        header = read_head(path, 16)  # it may be the database open here: keep its locks
    except OSError as exc:
        raise StoreError(f"无法读取 {path}：{error_reason(exc)}",
                         f"Cannot read {path}: {error_reason(exc, 'en')}") from exc
    if header != b"SQLite format 3\x00":
        raise _not_a_database(path)
    reporter = Reporter(report)
    reporter("check")
    stop: list[BaseException] = []  # what `report` raised to stop the check
    try:
        conn = open_read_only(path)
        stop = watch_statement(conn, reporter, "check")
        try:
            result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            core = 0
            if conn.execute("SELECT 1 FROM sqlite_master WHERE name = '_sqlite_migrations'").fetchone():
                core = conn.execute("SELECT count(*) FROM _sqlite_migrations "
                                    "WHERE migration_set = 'qcdesk.core'").fetchone()[0]
                if core and result == ["ok"] and not newer_ok:
                    _refuse_newer(conn, path)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        if stop:
            raise stop[0] from None
        if any(word in str(exc) for word in ("malformed", "corrupt", "not a database")):
            raise DamagedDatabase(f"{path} 已损坏（其中有 SQLite 无法读取的内容），不能用于恢复，"
                                  "请选择另一份备份。", f"{path} is damaged ({exc}); it cannot be "
                                  "restored. Choose another backup.", str(exc)) from exc
        if _disk_full(path):  # reading a WAL database writes a small -shm file beside it
            raise StoreError(
                f"{path.parent} 所在的磁盘已满，连读取数据库也做不到（SQLite 读取时要在数据库旁写一个小"
                f"文件）；数据库本身没有损坏。请先在这个磁盘上腾出至少 1 MB 空间（如清空回收站），再试；"
                f"也可以关闭 QCDesk 后把 {path.name} 直接复制到 U 盘",
                f"The disk of {path.parent} is full, too full even to read the database (SQLite "
                f"writes a small file beside it); the database is not damaged. Free at least 1 MB "
                f"there and try again, or close QCDesk and copy {path.name} to a USB stick.") from exc
        raise StoreError(f"{path} 无法作为 QCDesk 数据库读取：{error_reason(exc)}",
                         f"{path} is not a valid QCDesk database: {exc}") from exc
    if result != ["ok"]:
        raise DamagedDatabase(f"{path} 已损坏（完整性检查未通过），不能用于恢复，请选择另一份备份。",
                              f"{path} is damaged (integrity check failed); it cannot be restored. "
                              "Choose another backup.", "integrity check failed")
    if not core:
        raise _not_a_database(path)
    return checked


def refuse_same_file(source: Path, db_path: Path) -> None:
    """Restoring the database onto itself would change nothing but still take a copy of it."""
    try:
        same = Path(source).exists() and Path(db_path).exists() and Path(source).samefile(db_path)
    except OSError:
        same = False
    if same:
        raise StoreError(f"所选文件就是当前数据库本身，无需恢复：{db_path}",
                         f"The file chosen is the current database itself; nothing to restore: {db_path}")


def refuse_newer_file(path: Path) -> None:
    """A backup made by a newer QCDesk could be restored but never opened again here."""
    conn = open_read_only(path)
    try:
        _refuse_newer(conn, path)
    finally:
        conn.close()


def _refuse_newer(conn: sqlite3.Connection, path: Path) -> None:
    from sqlite_utils import Database

    from qcdesk.models.store import refuse_newer_schema

    refuse_newer_schema(Database(conn, execute_plugins=False), path)


def _disk_full(path: Path) -> bool:
    """Less than 1 MB free where `path` lies (an unreadable disk: not said to be full)."""
    from qcdesk.models.free_space import free_bytes

    try:
        return free_bytes(path.parent) < 1024 * 1024
    except OSError:
        return False


def _not_a_database(path: Path) -> StoreError:
    return StoreError(f"{path} 不是 QCDesk 数据库文件，请选择 QCDesk 的数据库或备份文件（.db）。",
                      f"{path} is not a QCDesk database file: choose a QCDesk database or backup (.db).")
