"""Twin entries stacked before the one-entry rule are superseded at the upgrade (review RC A2).

Before: 671fc2a keeps one open 统一社会信用代码重复登记 entry per twin, but a county that had
imported before it kept each twin's stack (up to 14 open per firm) until that twin's next
version arrived, which for a firm nobody edits is never. Now the exchange migration 0008
drops the older open entries of each twin as a newer version would: the list shows one entry
per twin, with its latest values; checked entries and single ones stay; the upgrade's
pre-migration copy is the way back. The database is made as an old county's was (the
migration un-applied, entries kept without lineage as before 671fc2a), then opened.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from qcdesk.models.store import Store

TWIN, LONE = "11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"


def _entry(store: Store, uuid: str, version: str, phone: str, resolved: str | None = None) -> None:
    row = {"uuid": uuid, "uscc": "91421202MA4AEDKU8T", "name": "咸宁市苎麻纺织有限公司", "phone": phone}
    store.db.execute("INSERT INTO exchange_conflict(kind, uuid, version, reason, row_json, signer, "
                     "package_sha256, created_at, resolved_at, resolution) VALUES ('enterprise', ?, ?, "
                     "'duplicate_uscc', ?, 'B', 'p', '2026-11-01T00:00:00Z', ?, ?)",
                     [uuid, version, json.dumps(row, ensure_ascii=False), resolved,
                      "reviewed" if resolved else ""])


def _open(store: Store) -> list[tuple[str, str]]:
    return [(u, json.loads(r)["phone"]) for u, r in store.db.execute(
        "SELECT uuid, row_json FROM exchange_conflict WHERE reason = 'duplicate_uscc' "
        "AND resolved_at IS NULL ORDER BY uuid, id").fetchall()]


def test_an_old_countys_stacked_twin_entries_become_one_at_the_upgrade(tmp_path: Path) -> None:
    db = tmp_path / "county.db"
    store = Store.open(db, author="县局")
    with store.db.atomic():
        _entry(store, TWIN, "1-a0", "0715-1", resolved="2026-11-02T00:00:00Z")  # checked long ago
        for rev in (2, 3, 5, 4):  # arrived out of order, each left open
            _entry(store, TWIN, f"{rev}-a{rev}", f"0715-{rev}")
        _entry(store, LONE, "3-b3", "0715-30")
        store.db.execute("DELETE FROM _sqlite_migrations WHERE migration_set = 'qcdesk.exchange' "
                         "AND name = '0008_stacked_twin_entries_superseded'")
    assert len(_open(store)) == 5
    store.close()

    store = Store.open(db, author="县局")  # the upgrade
    try:
        assert _open(store) == [(TWIN, "0715-5"), (LONE, "0715-30")]  # one per twin, its latest
        resolved = store.db.execute("SELECT version FROM exchange_conflict WHERE resolved_at IS NOT NULL"
                                    ).fetchall()
        assert resolved == [("1-a0",)]  # the clerk's check stays
    finally:
        store.close()
    [copy] = list(tmp_path.rglob("county.pre-migration-*.db"))  # the way back: the stack as it was
    conn = sqlite3.connect(copy)
    try:
        stack = conn.execute("SELECT count(*) FROM exchange_conflict WHERE resolved_at IS NULL")
        assert stack.fetchone() == (5,)
    finally:
        conn.close()
