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
    if isinstance(stamp, datetime):
        moment = stamp
    else:
        try:
            moment = datetime.fromisoformat(str(stamp).replace("Z", "+00:00"))
        except ValueError:
            return str(stamp)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
