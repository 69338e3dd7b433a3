"""A record as it stood at a given time, read from the audit trail (what a reprinted paper prints).

Why: a 现场检查笔录 of 2025 reprinted in 2026 must name the contact, legal representative and
执法证号 of 2025, as the signed paper in the case file does, not whoever the file names today.
The audit log keeps every state of every row (old → new, with the time ``at`` it was written
here), so the state at time T is the "old" side of the row's first change logged after T.

The paper's moment T is a `Moment`: where possible a position in this database's audit log
(`paper_moment`: the seq of the entry of the save that stamped the paper's record), since the
log's order is this database's own and holds whatever the wall clock did; a paper saved while
the clock was years behind or ahead is still placed between the changes made before and after
it (review r1 B4). Only a record whose stamp this database did not write (it came in a package,
or predates the audit trail) falls back to its time compared with ``at``, this database's clock
when a change was written here (a change that came in a package counts from the day it was
read). A row with no logged change after T (never changed since, or changed only before the
audit trail began) is its current row, as is a row whose first later entry has no old side
(created here after T, or adopted after an outside edit).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database

_TABLES = ("enterprise", "inspector")  # what the documents read as of a time
_PAPERS = ("visit", "rectification")  # whose save is a paper's moment
_SAME_WRITE = 120.0  # seconds: a stamp this far from its entry's ``at`` was written elsewhere


@dataclass(frozen=True)
class Moment:
    """When a paper was made: `seq`, the audit entry of its save here, when known; else `at`, the
    record's own time (an `audit_time`). Neither: no moment, today's file is printed."""

    at: str = ""
    seq: int | None = None

    def __bool__(self) -> bool:
        return self.seq is not None or bool(self.at)

    def after(self) -> tuple[str, object]:
        """The SQL condition (and its parameter) for audit entries written after the moment."""
        return ("seq > ?", self.seq) if self.seq is not None else ("at > ?", self.at)


NO_MOMENT = Moment()  # no paper: today's file


def audit_time(value: object) -> str:
    """A record time (updated_at, created_at: UTC ISO text) written as the audit log writes
    ``at`` (milliseconds, Z), so the two compare as text; "" when it is no time."""
    text = "" if value is None else str(value).strip()
    if not text:
        return ""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return ""
    if moment.tzinfo is None:  # record times are UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:23] + "Z"


def _audited(db: Database) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'"
                      ).fetchone() is not None


def _seconds(text: object) -> float | None:
    stamp = audit_time(text)
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp() if stamp else None


def paper_moment(db: Database, table: str, row: dict[str, Any], column: str) -> Moment:
    """The moment of the paper `row` stands for: the first audit entry that wrote its current
    `column` (updated_at: the last save; created_at: the issue), when that write was a save here,
    i.e. the stamp and the entry's ``at`` agree (one clock, one write). A stamp kept from another
    database (a received record: its paper was printed there) or written before the trail began
    has no position in this log: its time is used, as before."""
    assert table in _PAPERS and column in ("updated_at", "created_at")
    stamp = row.get(column)
    moment = Moment(audit_time(stamp))
    if not moment.at or not row.get("uuid") or not _audited(db):
        return moment
    found = db.execute(
        "SELECT seq, at FROM audit_log WHERE table_name = ? AND row_uuid = ? "
        f"AND json_extract(new_json, '$.{column}') = ? ORDER BY seq LIMIT 1",
        [table, row["uuid"], str(stamp)]).fetchone()
    if found is None:
        return moment
    written, logged = _seconds(stamp), _seconds(found[1])
    if written is None or logged is None or abs(written - logged) > _SAME_WRITE:
        return moment
    return Moment(moment.at, int(found[0]))


def _first_after(db: Database, table: str, uuid: str, at: Moment) -> tuple | None:
    """The old side of the row's first audit entry after the moment (None: no entry)."""
    condition, value = at.after()
    return db.execute(
        f"SELECT old_json FROM audit_log WHERE table_name = ? AND row_uuid = ? AND {condition} "
        "ORDER BY seq LIMIT 1", [table, uuid, value]).fetchone()


def row_as_of(db: Database, table: str, row: dict[str, Any], at: Moment) -> dict[str, Any]:
    """`row` (the current row, with its uuid) as it was at the moment `at`; the current row
    when there is no moment or no older state is logged. Columns added since keep today's value."""
    assert table in _TABLES
    if not at or not row.get("uuid") or not _audited(db):
        return row
    found = _first_after(db, table, row["uuid"], at)
    if found is None or not found[0]:
        return row
    old = json.loads(found[0])
    return {**row, **{k: v for k, v in old.items() if k in row}}


def state_unknown(db: Database, table: str, row: dict[str, Any], at: Moment) -> bool:
    """True when `row_as_of` printed the current row (no old side logged after `at`) although
    the row was changed after `at`. With a logged moment (seq): the row's first entry after it
    has no old side (the row came here, or was adopted, after the paper). With a time only: its
    own updated_at, kept as it travels, is later, so it is a firm or inspector received here
    (or changed outside the trail) after a change made after the paper. A reprint then says it
    prints today's file. A received row last changed before the paper is the paper's state."""
    assert table in _TABLES
    if not at or not row.get("uuid") or not _audited(db):
        return False
    if at.seq is None and audit_time(row.get("updated_at")) <= at.at:
        return False
    found = _first_after(db, table, row["uuid"], at)
    if at.seq is not None:
        return found is not None and not found[0]
    return found is None or not found[0]


def as_printed_note(party: bool, officers: bool) -> str:
    """The line a reprint carries when its party (`party`) or its officers' details are those
    on file when printed, not of the paper's day (`state_unknown`); "" when neither is."""
    if not party and not officers:
        return ""
    head = ("当事人信息为打印时的档案信息" + ("，执法人员信息亦同" if officers else "") if party
            else "执法人员信息为打印时的档案信息")
    return f"注：{head}（本机没有制作当时的记录），可能与案卷中的原件不同。"


def rows_as_of(db: Database, table: str, column: str, value: str, at: Moment) -> list[dict[str, Any]]:
    """Every row whose `column` was `value` at `at` (live or not then: the caller decides),
    including rows that have changed that column since."""
    assert table in _TABLES and column in ("name",)
    cur = db.execute(f"SELECT * FROM {table} WHERE {column} = ?", [value])
    names = [d[0] for d in cur.description]
    rows = {r[names.index("id")]: dict(zip(names, r, strict=True)) for r in cur.fetchall()}
    if at and _audited(db):
        condition, after = at.after()
        for (rid,) in db.execute(
                f"SELECT DISTINCT row_id FROM audit_log WHERE table_name = ? AND {condition} "
                f"AND json_extract(old_json, '$.{column}') = ?", [table, after, value]).fetchall():
            if rid not in rows:
                cur = db.execute(f"SELECT * FROM {table} WHERE id = ?", [rid])
                found = cur.fetchone()
                if found:
                    rows[rid] = dict(zip([d[0] for d in cur.description], found, strict=True))
    states = [row_as_of(db, table, r, at) for _, r in sorted(rows.items())]
    return [s for s in states if s.get(column) == value]
