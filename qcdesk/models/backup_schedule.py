"""Which automatic copies the rotation keeps: a thinned schedule for daily copies, a floor for
the copies kept as the way back from one step (before a restore, an upgrade, demo data).

Why thinned: 14 daily copies reached back about three working weeks, so a mistake noticed at
the month's end (a wrong roster import, a bad conflict resolution) could not be undone, while
the folder held 14 full copies of the database. Daily copies now keep the newest
`DAILY_RECENT` (at most the `backup.keep` count), plus the newest copy of each of the latest
`WEEKS` calendar weeks and of each of the latest `MONTHS` calendar months that have a copy
(restic's keep-last / keep-weekly / keep-monthly): at most 7 + 4 + 12 = 23, about 19 after a
year of daily use, reaching back a year. Weeks and months are counted among those that HAVE a
copy, so months away from the office cost no history. A kept copy stays kept until its week or
month ages out: the newest copy of a past week or month never changes.

Why the copies kept "for ever" are pruned too: one full copy per upgrade, for ever, grew the
folder by the database's size at each update and nobody deleted them by hand. Of each of
`KEPT_REASONS` the newest `KEEP_STEPS` stay, and none younger than `STEP_MIN_AGE` (a step
still being checked after an upgrade or restore always has its way back); the newest is never
touched. Copies named in the future never go (`snapshots._rotate` leaves them out first).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import datetime, timedelta
from typing import Protocol, TypeVar

DAILY_RECENT = 7  # the newest daily copies kept whatever their dates
WEEKS = 4  # then the newest copy of each of the latest 4 calendar weeks that have one
MONTHS = 12  # and of each of the latest 12 calendar months that have one
KEEP_STEPS = 3  # before-restore, pre-migration, before-demo: the newest 3 of each
STEP_MIN_AGE = timedelta(days=30)  # and none younger than this


class Dated(Protocol):
    @property
    def taken_at(self) -> datetime: ...  # UTC


D = TypeVar("D", bound=Dated)


def _newest_per_period(infos: list[D], period: Callable[[datetime], Hashable], count: int) -> list[D]:
    """The newest of `infos` (newest first) in each of the latest `count` periods that have one."""
    chosen: list[D] = []
    seen: set[Hashable] = set()
    for info in infos:
        key = period(info.taken_at.astimezone())  # the user's calendar, not UTC's
        if key not in seen:
            if len(seen) == count:
                break
            seen.add(key)
            chosen.append(info)
    return chosen


def daily_kept(infos: list[D], keep: int) -> list[D]:
    """The daily copies to keep of `infos` (newest first, none named in the future)."""
    kept = list(infos[:max(1, min(keep, DAILY_RECENT))])
    kept += _newest_per_period(infos, lambda t: t.isocalendar()[:2], WEEKS)
    kept += _newest_per_period(infos, lambda t: (t.year, t.month), MONTHS)
    return kept


def step_kept(infos: list[D], now: datetime) -> list[D]:
    """The copies of one way-back reason to keep: the newest `KEEP_STEPS`, and any younger than
    `STEP_MIN_AGE`."""
    return [info for n, info in enumerate(infos)
            if n < KEEP_STEPS or now - info.taken_at < STEP_MIN_AGE]
