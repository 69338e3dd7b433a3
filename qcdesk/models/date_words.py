"""Which date a typed or pasted date names, read the same way by every date field and the CLI.

Why here (no Qt): the GUI's fields read 2026/12/1, 2026.12.1, 20261201, 2026年12月1日, full-width
digits and an Excel date-time, while the CLI's date options took only 2026-12-01, so a clerk
copying a date from the window into a command was refused. One reading serves both
(ui/date_text.py wraps it for the fields; cli.command_date for the options).
"""

from __future__ import annotations

import re
from datetime import date

from qcdesk.models.codes import half_width

# [0-9], not \d: \d also takes digits of other scripts; full-width ones are made ASCII first
_FULL = re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})|([0-9]{4})([0-9]{2})([0-9]{2})")
# 2026年10月15日 as a Chinese clerk writes it, and each step of typing it (2026年, 2026年10…);
# 号 as spoken (15号). Read as 2026-10-15.
_CHINESE = re.compile(r"[0-9]{4}年(?:[0-9]{1,2}(?:月(?:[0-9]{1,2}[日号]?)?)?)?")
# A time of day after the date, as Excel copies a date-time cell (2026/11/3 10:30, 2026-11-03
# 00:00:00) or ISO writes it (T10:30): the day is the date; a time that is none leaves no date.
_SPACED = re.compile(r"\s*([-/.年月日号])\s*")
_AT = re.compile(r"(.*[0-9日号])(?:\s+|T)([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]{1,6})?)?")


def _without_time(entry: str) -> str:
    match = _AT.fullmatch(entry)
    if match is None:
        return entry
    hour, minute, second = (int(g or 0) for g in match.group(2, 3, 4))
    return match.group(1).rstrip() if hour < 24 and minute < 60 and second < 60 else entry


def plain(text: str) -> str:
    """An entry in the form the patterns read: full-width digits and signs as ASCII (an input
    method in full-width mode types ２０２６－１０－１５), a closing 。 and a time of day dropped,
    。 (the . key in Chinese punctuation mode) as ., spaces around a separator dropped, and
    2026年10月15日 as 2026-10-15. Anything else is returned as typed."""
    entry = _without_time(half_width(text).strip().removesuffix("。")).replace("。", ".")
    entry = _SPACED.sub(r"\1", entry)  # 2026 年 10 月 15 日, 2026 - 10 - 15: as some systems export
    if _CHINESE.fullmatch(entry):
        entry = entry.replace("年", "-").replace("月", "-").rstrip("日号")
    return entry


def day_parts(text: str) -> tuple[int, int, int] | None:
    """Year, month and day of an entry shaped as a whole date, real or not."""
    match = _FULL.fullmatch(plain(text))
    if match is None:
        return None
    y, m, d = (int(g) for g in match.groups() if g is not None)
    return y, m, d


def read_day(text: str) -> date | None:
    """The date a complete entry names (2026-10-15, 2026-1-5, 20261015, 2026/10/15, 2026.10.15,
    2026年10月15日, full-width digits, 2026-10-15 10:30), else None (also for 2026-11-31)."""
    parts = day_parts(text)
    if parts is None:
        return None
    try:
        return date(*parts)
    except ValueError:
        return None
