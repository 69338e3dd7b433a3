"""Why a file could not be read or written, in words a user can act on (zh and en).

The system's own words ("No such file or directory", "[WinError 32] …") are English whatever
the user's language; every place that shows a failed file operation (the CLI, save dialogs, the
backup copy) words the common causes here, once.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import sys

# Windows: the file is open in another program (Excel holds a workbook it shows).
_SHARING_VIOLATIONS = (32, 33)  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION

# Each pair words the cause first, then the advice after the first "，" (zh) or ";" (en):
# `os_error_cause` cuts there, for a message whose own advice differs.
_DENIED = ("没有权限，请换一个文件夹或请管理员开放权限", "permission denied; choose another folder")
_IN_USE = ("文件被其他程序占用，请先关闭它", "the file is in use by another program; close it first")
# Windows: a file WPS/Excel/Acrobat holds open cannot be replaced or opened for writing, and
# Windows says only 拒绝访问 (winerror 5, errno 13); a folder without write permission says the same.
_OPEN_OR_DENIED = ("可能正在 WPS/Excel 等程序中打开，请先关闭它；否则是没有写入权限，请换一个文件夹",
                   "it may be open in WPS, Excel or another program: close it first; otherwise there is "
                   "no permission to write here: choose another folder")
_NO_FOLDER = ("文件夹不存在，请先建好文件夹或换个位置", "the folder does not exist; create it or choose one")
_REASONS: dict[int, tuple[str, str]] = {
    errno.EACCES: _DENIED,
    errno.EPERM: _DENIED,
    errno.EROFS: ("磁盘是只读的，请换一个文件夹", "the disk is read-only; choose another folder"),
    errno.ENOSPC: ("磁盘空间不足（磁盘已满），请先清理出空间或换一个磁盘",
                   "the disk is full; free some space or use another disk"),
    errno.EISDIR: ("这是一个文件夹，请给出文件名", "that is a folder; give a file name"),
    errno.ENOTDIR: ("路径中有一段不是文件夹", "part of the path is not a folder"),
    errno.EEXIST: ("文件已存在", "the file exists already"),
    errno.EBUSY: _IN_USE,
    errno.ETXTBSY: _IN_USE,
    errno.ENAMETOOLONG: ("文件名或路径太长，请缩短", "the file name or path is too long"),
    errno.EINVAL: ("文件名含有不允许的字符，请修改文件名", "the file name holds a character not allowed"),
}
_DQUOT = getattr(errno, "EDQUOT", None)
if _DQUOT is not None:
    _REASONS[_DQUOT] = ("磁盘配额已满，请先清理空间", "the disk quota is full; free some space")


def os_error_words(exc: OSError, lang: str = "zh", *, writing: bool = False) -> str | None:
    """The cause in `lang` ("zh" or "en") if it is a common one, else None.

    `writing`: a missing path while writing means the folder is missing (the file is to be made).
    """
    zh = lang.startswith("zh")
    if getattr(exc, "winerror", None) in _SHARING_VIOLATIONS:
        pair = _IN_USE
    elif _denied_on_windows_file(exc):
        pair = _OPEN_OR_DENIED
    elif exc.errno == errno.ENOENT:
        pair = _NO_FOLDER if writing else ("文件或文件夹不存在", "no such file or folder")
    else:
        pair = _REASONS.get(exc.errno or -1)  # type: ignore[arg-type]
    if pair is None:
        return None
    return pair[0] if zh else pair[1]


def os_error_cause(exc: OSError, lang: str = "zh") -> str:
    """The cause alone, without the advice after it ("没有权限", not "…，请换一个文件夹"): for a
    message whose own advice differs (a package waiting to be named must stay in its folder)."""
    words = os_error_words(exc, lang, writing=True)
    if words is None:
        return exc.strerror or str(exc)
    return words.split("，" if lang.startswith("zh") else ";", 1)[0]


def _denied_on_windows_file(exc: OSError) -> bool:
    """Access denied on Windows to a file that exists: likely open in another program.
    An os.replace error names the target second (`filename2`), the side file first."""
    if sys.platform != "win32" or not (exc.errno == errno.EACCES or getattr(exc, "winerror", None) == 5):
        return False
    name = exc.filename2 or exc.filename
    return isinstance(name, (str, bytes, os.PathLike)) and os.path.isfile(name)


def os_error_reason(exc: OSError, lang: str = "zh", *, writing: bool = False) -> str:
    """Why a file operation failed, in `lang`: the common causes in words, others as the system said."""
    return os_error_words(exc, lang, writing=writing) or exc.strerror or str(exc)


_DB_READ_ONLY = ("文件或其所在的文件夹是只读的（或没有写入权限），请换一个可写的文件夹",
                 "the file or its folder is read-only (or not writable); use a writable folder")
_DB_CANNOT_OPEN = ("文件夹不存在或没有写入权限，请换一个位置",
                   "the folder does not exist or cannot be written; choose another place")
_DB_IO = ("读写磁盘时出错（磁盘可能已满、已拔出或损坏），请检查磁盘后重试",
          "the disk could not be read or written (full, removed or failing); check it and retry")


def disk_io_words(lang: str = "zh") -> str:
    """The disk (a USB stick, a share) failed a read or write: the words every place uses."""
    return _DB_IO[1] if lang.startswith("en") else _DB_IO[0]


def sqlite_error_words(exc: sqlite3.Error, lang: str = "zh") -> str | None:
    """The cause of an SQLite error in `lang` if it is one of a file's common ones (a full disk,
    read-only, no permission, cannot open, disk I/O), else None: SQLite says these in English
    whatever the user's language ("database or disk is full")."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    pair: tuple[str, str] | None = None
    if primary == sqlite3.SQLITE_FULL or "disk is full" in text:
        pair = _REASONS[errno.ENOSPC]
    elif primary == sqlite3.SQLITE_READONLY or "readonly" in text or "read-only" in text:
        pair = _DB_READ_ONLY
    elif primary == sqlite3.SQLITE_PERM or "permission denied" in text:
        pair = _DENIED
    elif primary == sqlite3.SQLITE_CANTOPEN or "unable to open" in text:
        pair = _DB_CANNOT_OPEN
    elif primary == sqlite3.SQLITE_IOERR or "disk i/o error" in text:
        pair = _DB_IO
    if pair is None:
        return None
    return pair[1] if lang.startswith("en") else pair[0]


def error_words(exc: BaseException, lang: str = "zh", *, writing: bool = False) -> str | None:
    """`os_error_words` or `sqlite_error_words`, whichever `exc` is; None for other causes."""
    if isinstance(exc, OSError):
        return os_error_words(exc, lang, writing=writing)
    if isinstance(exc, sqlite3.Error):
        return sqlite_error_words(exc, lang)
    return None


def write_error_reasons(exc: OSError | sqlite3.Error) -> tuple[str, str]:
    """Why a file (a database copy) could not be written, (zh, en); SQLite's words for the same
    causes ("database or disk is full", "unable to open database file") read as those causes.
    A cause not known here keeps the system's words, marked as such, for whoever helps."""
    zh, en = error_words(exc, "zh", writing=True), error_words(exc, "en", writing=True)
    return zh or unknown_cause(exc, "zh"), en or unknown_cause(exc, "en")


def unknown_cause(exc: BaseException, lang: str = "zh") -> str:
    """A cause not worded here: what to try, then the system's own words as a quoted detail."""
    detail = (exc.strerror if isinstance(exc, OSError) else None) or str(exc) or type(exc).__name__
    if lang.startswith("en"):
        return f"check the disk and the folder, then try again (system: {detail})"
    return f"请检查磁盘和文件夹后重试（系统提示：{detail}）"


def error_reason(exc: BaseException, lang: str = "zh", *, writing: bool = False) -> str:
    """Why a file or database operation failed, in `lang`: `error_words`, else `unknown_cause`."""
    return error_words(exc, lang, writing=writing) or unknown_cause(exc, lang)
