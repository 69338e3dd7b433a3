"""Why a file could not be read or written, in words a user can act on (zh and en).

The system's own words ("No such file or directory", "[WinError 32] …") are English whatever
the user's language; every place that shows a failed file operation (the CLI, save dialogs, the
backup copy) words the common causes here, once.
"""

from __future__ import annotations

import errno
import sqlite3

# Windows: the file is open in another program (Excel holds a workbook it shows).
_SHARING_VIOLATIONS = (32, 33)  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION

_DENIED = ("没有权限，请换一个文件夹或请管理员开放权限", "permission denied; choose another folder")
_IN_USE = ("文件被其他程序占用，请先关闭它", "the file is in use by another program; close it first")
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
    elif exc.errno == errno.ENOENT:
        pair = _NO_FOLDER if writing else ("文件或文件夹不存在", "no such file or folder")
    else:
        pair = _REASONS.get(exc.errno or -1)  # type: ignore[arg-type]
    if pair is None:
        return None
    return pair[0] if zh else pair[1]


def os_error_reason(exc: OSError, lang: str = "zh", *, writing: bool = False) -> str:
    """Why a file operation failed, in `lang`: the common causes in words, others as the system said."""
    return os_error_words(exc, lang, writing=writing) or exc.strerror or str(exc)


def write_error_reasons(exc: OSError | sqlite3.Error) -> tuple[str, str]:
    """Why a file (a database copy) could not be written, (zh, en); SQLite's words for the same
    causes ("database or disk is full", "unable to open database file") read as those causes."""
    if isinstance(exc, OSError):
        return os_error_reason(exc, "zh", writing=True), os_error_reason(exc, "en", writing=True)
    text = str(exc).lower()
    if "disk is full" in text:
        return _REASONS[errno.ENOSPC][0], str(exc)
    if "unable to open" in text:
        return "文件夹不存在或没有写入权限，请换一个位置", str(exc)
    return str(exc), str(exc)
