"""Failed file operations are worded for the user (review rr3: "无法写入 …：No such file or directory")."""

from __future__ import annotations

import errno
import sqlite3

from qcdesk.cli import os_error_reason as cli_reason
from qcdesk.models.os_errors import os_error_reason, write_error_reasons


def test_common_causes_are_worded_in_chinese_and_english() -> None:
    cases = {errno.ENOENT: "文件夹不存在", errno.EACCES: "没有权限", errno.ENOSPC: "磁盘已满",
             errno.EBUSY: "被其他程序占用", errno.EROFS: "只读"}
    for number, words in cases.items():
        exc = OSError(number, "system words")
        assert words in os_error_reason(exc, "zh", writing=True)
        assert "system words" not in os_error_reason(exc, "zh", writing=True)
        assert os_error_reason(exc, "en", writing=True).isascii()
        assert words in cli_reason(exc, writing=True) and "(system words)" in cli_reason(exc)
    locked = OSError(errno.EACCES, "Permission denied")
    locked.winerror = 32  # type: ignore[attr-defined]  # Windows: open in Excel
    assert "被其他程序占用" in os_error_reason(locked)
    assert os_error_reason(OSError(errno.ENOENT, "x")) == "文件或文件夹不存在"  # reading: either
    assert os_error_reason(OSError(errno.EXDEV, "Invalid cross-device link")) == "Invalid cross-device link"


def test_sqlite_words_for_the_same_causes() -> None:
    assert "磁盘已满" in write_error_reasons(sqlite3.OperationalError("database or disk is full"))[0]
    assert "文件夹不存在" in write_error_reasons(sqlite3.OperationalError("unable to open database file"))[0]
