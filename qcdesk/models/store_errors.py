"""Why the database refused: SQLite's errors (busy, read-only, I/O, damaged, full) as StoreErrors
saying what is wrong and what to do, in zh and en. Used by the store, the CLI and the windows.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from qcdesk.models.held_files import opened
from qcdesk.models.os_errors import disk_io_words


class StoreError(Exception):
    """The database cannot be opened or used; the message tells the user what to do."""

    def __init__(self, message_zh: str, message_en: str):
        self.message_zh = message_zh
        self.message_en = message_en
        super().__init__(message_zh)

    def text(self, lang: str = "zh") -> str:
        return self.message_en if lang.startswith("en") else self.message_zh


class DamagedStoreError(StoreError):
    """SQLite finds the database damaged. The text names the command line's way back (`qcdesk
    restore`); `gui_text` the window's (File ▸ Backup and restore…), where backups are listed."""

    def __init__(self, path: Path):
        folder = path.parent / "backups"
        where_zh = f"，备份在 {folder} 文件夹中" if folder.is_dir() else ""
        where_en = f"; backups are in {folder}" if folder.is_dir() else ""
        super().__init__(
            f"数据库 {path} 已损坏（其中有 SQLite 无法读取的内容）。请从备份恢复（qcdesk restore <备份文件> "
            f"--db {path}{where_zh}）。",
            f"Database {path} is damaged (it holds data SQLite cannot read). Restore a backup "
            f"(qcdesk restore <backup file> --db {path}{where_en}).")
        self.path = path
        self.opening = False  # raised while opening: the window has no database to restore into

    def gui_text(self, lang: str = "zh") -> str:
        """An open database is restored in its window; one that cannot be opened only from the
        command line (the window's restore replaces the database it has open)."""
        folder = self.path.parent / "backups"
        en = lang.startswith("en")
        if not self.opening:
            return (f"Database {self.path} is damaged (it holds data SQLite cannot read). Restore a "
                    "backup with File ▸ Backup and restore… (Restore from file… for a copy kept elsewhere)."
                    if en else
                    f"数据库 {self.path} 已损坏（其中有 SQLite 无法读取的内容）。请用“文件 ▸ 备份与恢复…”"
                    "从备份恢复（备份不在列表中的，用其中的“从文件恢复…”选择备份文件）。")
        if en:
            where = (f"Backups are in {folder}. " if folder.is_dir()
                     else "There is no backups folder beside it; find a copy saved elsewhere. ")
            return (f"Database {self.path} is damaged and cannot be opened (it holds data SQLite cannot "
                    f"read). Nothing was changed. {where}Ask the maintainer to restore a backup onto it "
                    f"(qcdesk restore <backup file> --db {self.path}); this window restores only into "
                    "a database it has open.")
        where = (f"备份在 {folder} 文件夹中。" if folder.is_dir()
                 else "数据库旁没有备份文件夹，请找出另存的备份副本。")
        return (f"数据库 {self.path} 已损坏，无法打开（其中有 SQLite 无法读取的内容），未作任何改动。{where}"
                f"请联系维护人员把备份恢复到这个数据库（命令 qcdesk restore <备份文件> --db {self.path}），"
                "本窗口只能恢复已打开的数据库。")


def busy_error(path: Path | None) -> StoreError:
    """Another program writes and did not finish while we waited (busy_timeout). Not another
    QCDesk window (the instance lock refuses a second one): a command-line import or export, a
    list import, another database tool. Its turn ends, so saving again a moment later works."""
    name = f" {path}" if path else ""
    return StoreError(
        f"数据库{name}{' ' if path else ''}正被其他程序占用（可能正在用命令行导入、导出数据包或导入名录，"
        "或有其他数据库工具在写入），等候后仍未轮到。请稍等片刻再保存（或重试）一次；"
        "若一直如此，请关闭正在使用该数据库的其他工具。",
        f"Database{name} is in use by another program (probably an import, export or list import run "
        "from the command line, or another database tool writing to it). Wait a moment and save (or "
        "try) again; if this keeps happening, close the other tool using the database.",
    )


def explain_error(exc: sqlite3.DatabaseError, path: Path) -> StoreError:
    """SQLite's error as what is wrong and what to do, by its (extended) error code where it has
    one, by its words otherwise (an error made up in a test, an old SQLite).

    An I/O error (a pulled USB stick, a dropped share, a failing disk) is never "the disk is full"
    and never "restore a backup": restoring an older copy over a file that is merely unreachable
    would throw away the newer work in it. "Malformed" and "not a database" count as damage only
    while the file itself still reads from start to end."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    if primary == sqlite3.SQLITE_IOERR or "disk i/o error" in text:
        return io_error(path)
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in text or "busy" in text:
        return busy_error(path)
    if primary == sqlite3.SQLITE_CANTOPEN and not path.parent.exists():  # the drive has gone
        return io_error(path)
    if (primary in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM)
            or "readonly" in text or "read-only" in text or "unable to open" in text):
        return StoreError(
            f"数据库 {path} 无法写入（文件只读、只读文件夹或权限不足）。请把数据库文件复制到可写的文件夹"
            "（如“文档”），再打开这份副本（命令行用 --db 指向它）。",
            f"Database {path} cannot be written (a read-only file or folder, or no permission). Copy "
            "the file to a writable folder (e.g. Documents) and open the copy (--db on the command line).",
        )
    damaged = (primary == sqlite3.SQLITE_CORRUPT or "malformed" in text or "corrupt" in text
               or "could not decode" in text)  # flipped bytes also come back as undecodable text
    if (damaged or primary == sqlite3.SQLITE_NOTADB or "not a database" in text) and unreadable(path):
        return io_error(path)
    if damaged:
        return DamagedStoreError(path)
    if primary == sqlite3.SQLITE_NOTADB or "not a database" in text:
        return StoreError(
            f"{path} 不是有效的 QCDesk 数据库或已损坏。请从备份恢复。",
            f"{path} is not a valid QCDesk database or is damaged. Restore from a backup.",
        )
    if primary == sqlite3.SQLITE_FULL or "disk" in text or "full" in text:
        return StoreError(
            f"磁盘空间不足，无法写入 {path}。请清理磁盘后重试。",
            f"The disk is full; cannot write {path}. Free some space and try again.",
        )
    return StoreError(f"数据库错误：{exc}", f"Database error: {exc}")


def io_error(path: Path) -> StoreError:
    """The disk or USB stick holding the database could not be read or written. The file is
    probably whole; what is needed is the stick back in (or the share back) and a fresh start,
    since the open connection keeps failing on the lost file."""
    return StoreError(
        f"无法读写数据库 {path}：{disk_io_words('zh')}。这次操作没有保存任何内容。"
        "若数据库在 U 盘或网络盘上，请检查它是否插好、连接正常，然后重新启动 QCDesk；"
        "数据库文件未必损坏，请不要用备份覆盖它（那会丢掉备份之后的工作）。",
        f"Database {path} could not be read or written: {disk_io_words('en')}. Nothing was saved by "
        "this action. If the database is on a USB stick or a network drive, check it is plugged in "
        "and connected, then restart QCDesk; the file is not necessarily damaged, so do not restore "
        "a backup over it (that would lose the work done since the backup).",
    )


def unreadable(path: Path) -> bool:
    """The file cannot be read from start to end any more: its storage has gone (a pulled USB
    stick reads short or fails), which SQLite may report as a malformed database."""
    if str(path) == ":memory:":
        return False
    try:
        size = path.stat().st_size
        with opened(path) as handle:  # the database this process has open: keep its locks
            head = handle.read(100)
            handle.seek(max(0, size - 4096))
            tail = handle.read(4096)
    except OSError:
        return True
    return len(head) < min(100, size) or len(tail) < min(4096, size)
