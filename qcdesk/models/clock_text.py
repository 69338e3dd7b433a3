"""Stored times as people read them.

Why one place: every record time is stored in UTC (``…Z``); lists, dialogs, messages,
workbooks and the CLI show it as this computer's local time, and must all show the same
minute for the same stamp. Dates on paper read 2026年10月8日 (GB/T 9704), whether the
documents print them or the core writes them into a text that is printed (a withdrawal's
default reason).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

_DAY_OR_MONTH = re.compile(r"(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?")
# An ISO calendar date standing alone in a text (not part of a longer number such as a standard's
# Q/XYZ 0001-2026-10-08-1): 2026-10-08.
_ISO_DAY_IN_TEXT = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")


def cn_date(value: str) -> str:
    """2026-09-15 → 2026年9月15日 (GB/T 9704: Arabic numerals, no leading zeros); a month
    (2023-08) → 2023年8月; empty → a blank to fill in by hand; other text as typed."""
    try:
        d = date.fromisoformat((value or "")[:10])
    except ValueError:
        m = _DAY_OR_MONTH.fullmatch((value or "").strip())
        if m and 1 <= int(m.group(2)) <= 12:
            return f"{m.group(1)}年{int(m.group(2))}月" + (f"{int(m.group(3))}日" if m.group(3) else "")
        return value or "＿＿＿＿年＿＿月＿＿日"
    return f"{d.year}年{d.month}月{d.day}日"


def cn_dates_in(text: str) -> str:
    """Every ISO calendar date inside a text in the Chinese form, the rest as written: a stored
    reason written before reasons were (样品复检合格（2026-10-08）…) prints as 2026年10月8日 on
    paper, and the stored text is left as it is. 2026-13-45 or a code such as 2026-10-081 is no
    date and stays."""
    def one(m: re.Match[str]) -> str:
        try:
            return cn_date(date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat())
        except ValueError:
            return m.group(0)

    return _ISO_DAY_IN_TEXT.sub(one, text or "")


def local_time(stamp: str | datetime | None, *, seconds: bool = False) -> str:
    """A stored UTC time (``…Z`` text, or a datetime; naive means UTC) as local time to the
    minute (or second); empty for none, and text that is no time as it is."""
    if not stamp:
        return ""
    moment = local_datetime(stamp)
    if moment is None:
        return str(stamp)
    return moment.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def local_date(stamp: str | datetime | None) -> str:
    """A stored UTC time as the local calendar date a clerk lives by (ISO): deleted at 07:30 on
    1 January in China is 2027-01-01, not the UTC stamp's 2026-12-31. Empty for none; text that
    is no time keeps its first ten characters, as it showed before."""
    moment = local_datetime(stamp)
    return moment.date().isoformat() if moment else str(stamp or "")[:10]


def local_datetime(stamp: str | datetime | None) -> datetime | None:
    """A stored UTC time as a naive local datetime, to the second: what a workbook's date-time
    cell holds (a spreadsheet cell has no zone), so it shows the minute the app shows; None for
    none or text that is no time."""
    if not stamp:
        return None
    if isinstance(stamp, datetime):
        moment = stamp
    else:
        try:
            moment = datetime.fromisoformat(str(stamp).replace("Z", "+00:00"))
        except ValueError:
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().replace(tzinfo=None, microsecond=0)
