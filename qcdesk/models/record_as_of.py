"""A record as it stood at a given time, read from the audit trail (what a reprinted paper prints).

Why: a 现场检查笔录 of 2025 reprinted in 2026 must name the contact, legal representative and
执法证号 of 2025, as the signed paper in the case file does, not whoever the file names today.
The audit log keeps every state of every row (old → new, with the time ``at`` it was written
here), so the state at time T is the "old" side of the row's first change logged after T.

``at`` is this database's clock when the change was written here; a change that came in a
package counts from the day it was read. So the state found is what this database held at T,
which is what a paper printed here at T showed. A row with no logged change after T (never
changed since, or changed only before the audit trail began) is its current row, as is a row
whose first later entry has no old side (created here after T, or adopted after an outside edit).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database

_TABLES = ("enterprise", "inspector")  # what the documents read as of a time


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


def row_as_of(db: Database, table: str, row: dict[str, Any], at: str) -> dict[str, Any]:
    """`row` (the current row, with its uuid) as it was at `at` (an `audit_time`); the current
    row when `at` is "" or no older state is logged. Columns added since keep today's value."""
    assert table in _TABLES
    if not at or not row.get("uuid") or not _audited(db):
        return row
    found = db.execute(
        "SELECT old_json FROM audit_log WHERE table_name = ? AND row_uuid = ? AND at > ? "
        "ORDER BY seq LIMIT 1", [table, row["uuid"], at]).fetchone()
    if found is None or not found[0]:
        return row
    old = json.loads(found[0])
    return {**row, **{k: v for k, v in old.items() if k in row}}


def state_unknown(db: Database, table: str, row: dict[str, Any], at: str) -> bool:
    """True when `row_as_of` printed the current row (no old side logged after `at`) although
    the row was changed after `at`: its own updated_at, kept as it travels, is later. So it is
    a firm or inspector received here (or changed outside the trail) after a change made after
    the paper, and a reprint says it prints today's file. A received row last changed before
    the paper is the paper's state, and says nothing."""
    assert table in _TABLES
    if not at or not row.get("uuid") or not _audited(db) or audit_time(row.get("updated_at")) <= at:
        return False
    found = db.execute(
        "SELECT old_json FROM audit_log WHERE table_name = ? AND row_uuid = ? AND at > ? "
        "ORDER BY seq LIMIT 1", [table, row["uuid"], at]).fetchone()
    return found is None or not found[0]


def as_printed_note(party: bool, officers: bool) -> str:
    """The line a reprint carries when its party (`party`) or its officers' details are those
    on file when printed, not of the paper's day (`state_unknown`); "" when neither is."""
    if not party and not officers:
        return ""
    head = ("当事人信息为打印时的档案信息" + ("，执法人员信息亦同" if officers else "") if party
            else "执法人员信息为打印时的档案信息")
    return f"注：{head}（本机没有制作当时的记录），可能与案卷中的原件不同。"


def rows_as_of(db: Database, table: str, column: str, value: str, at: str) -> list[dict[str, Any]]:
    """Every row whose `column` was `value` at `at` (live or not then: the caller decides),
    including rows that have changed that column since."""
    assert table in _TABLES and column in ("name",)
    cur = db.execute(f"SELECT * FROM {table} WHERE {column} = ?", [value])
    names = [d[0] for d in cur.description]
    rows = {r[names.index("id")]: dict(zip(names, r, strict=True)) for r in cur.fetchall()}
    if at and _audited(db):
        for (rid,) in db.execute(
                "SELECT DISTINCT row_id FROM audit_log WHERE table_name = ? AND at > ? "
                f"AND json_extract(old_json, '$.{column}') = ?", [table, at, value]).fetchall():
            if rid not in rows:
                cur = db.execute(f"SELECT * FROM {table} WHERE id = ?", [rid])
                found = cur.fetchone()
                if found:
                    rows[rid] = dict(zip([d[0] for d in cur.description], found, strict=True))
    states = [row_as_of(db, table, r, at) for _, r in sorted(rows.items())]
    return [s for s in states if s.get(column) == value]
