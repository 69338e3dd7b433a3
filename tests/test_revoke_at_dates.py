"""`trust revoke --at` reads a date as every other date option does (2026/01/01, 20260101,
2026年1月1日: models/date_words.py); it refused them, and called 2026年2月30日 a format error
rather than a day that does not exist. A time of day is still written ISO (2026-01-01T08:30)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from qcdesk.cli import CommandError
from qcdesk.cli_exchange import parse_effective_time


@pytest.mark.parametrize("text", ["2026-01-01", "2026/01/01", "20260101", "2026年1月1日",
                                  "２０２６－０１－０１"])
def test_a_date_in_any_spelling_means_local_midnight(text: str) -> None:
    assert parse_effective_time(text) == datetime(2026, 1, 1).astimezone().astimezone(UTC)


def test_a_time_is_still_taken() -> None:
    local = datetime(2026, 1, 1, 8, 30).astimezone()
    assert parse_effective_time("2026-01-01T08:30") == local.astimezone(UTC)


@pytest.mark.parametrize(("text", "words"), [("2026年2月30日", "不存在"), ("2026-02-30", "不存在"),
                                             ("next week", "日期格式不正确")])
def test_a_day_that_is_none_is_named_so(text: str, words: str) -> None:
    with pytest.raises(CommandError) as refused:
        parse_effective_time(text)
    assert words in str(refused.value)
