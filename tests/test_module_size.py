"""Modules stay under 500 lines (docs/engineering.md), and the messages split out of
`messages` to keep it there still reach the user, in both languages, through `message()`."""

from __future__ import annotations

from pathlib import Path

import pytest

from qcdesk.models import messages, messages_files

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 500


def test_every_module_is_under_the_limit() -> None:
    too_long = {
        str(path.relative_to(ROOT)): n
        for path in sorted((ROOT / "qcdesk").rglob("*.py"))
        if (n := len(path.read_text(encoding="utf-8").splitlines())) >= LIMIT
    }
    assert too_long == {}, f"split these modules (rule: under {LIMIT} lines): {too_long}"


@pytest.mark.parametrize("rule", sorted(messages_files.FILE_MESSAGES))
def test_file_messages_are_served_by_message(rule: str) -> None:
    zh, en = messages_files.FILE_MESSAGES[rule]
    assert messages.message(rule, "zh") == zh  # no parameters: the template itself, not the key
    assert messages.message(rule, "en") == en


def test_a_refused_database_still_says_why_and_what_to_do() -> None:
    zh = messages.message("open.empty", "zh", path="D:/质量/qcdesk.db")
    en = messages.message("open.empty", "en", path="D:/质量/qcdesk.db")
    assert zh.startswith("数据库文件 D:/质量/qcdesk.db 是空的（0 字节）")
    assert "请重新复制该文件或从备份恢复" in zh
    assert en.startswith("Database file D:/质量/qcdesk.db is empty (0 bytes)")
    assert "restore a backup" in en
