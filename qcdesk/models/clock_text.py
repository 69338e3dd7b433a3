"""Stored times as people read them.

Why one place: every record time is stored in UTC (``…Z``); lists, dialogs, messages,
workbooks and the CLI show it as this computer's local time, and must all show the same
minute for the same stamp.
"""

from __future__ import annotations

from datetime import UTC, datetime


def local_time(stamp: str | datetime | None, *, seconds: bool = False) -> str:
    """A stored UTC time (``…Z`` text, or a datetime; naive means UTC) as local time to the
    minute (or second); empty for none, and text that is no time as it is."""
    if not stamp:
        return ""
    moment = local_datetime(stamp)
    if moment is None:
        return str(stamp)
    return moment.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


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
