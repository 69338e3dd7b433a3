"""A pre-migration copy cut short by a kill is cleared away at the next start (s7/r5 finding 3:
kill_migration.sh left a full-size backups/A.pre-migration-….db.part and its -journal)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from exchange_fixtures import populate

from qcdesk.cli import main
from qcdesk.models.store import Store


def test_half_copy_of_a_killed_migration_is_removed(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "A.db"
    store = Store.open(db, author="甲")
    populate(store, 2, 2)
    store.close()
    # what the kill left: the copy's .part, as large as the database, and its journal
    backups = tmp_path / "backups"
    backups.mkdir()
    part = backups / "A.pre-migration-20261130-175416.db.part"
    shutil.copyfile(db, part)
    journal = Path(f"{part}-journal")
    journal.write_bytes(b"\0" * 512)
    past = time.time() - 3600
    for path in (part, journal):
        os.utime(path, (past, past))
    # and the migrations it was copying for still pending
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = "
                 "'0006_version_ids_of_the_current_recipe'")
    conn.commit()
    conn.close()

    assert main(["trust", "list", "--db", str(db)]) == 0
    capsys.readouterr()
    assert not part.exists() and not journal.exists()
    copies = sorted(p.name for p in backups.iterdir())
    assert len(copies) == 1 and copies[0].startswith("A.pre-migration-") \
        and copies[0].endswith(".db")
    check = sqlite3.connect(backups / copies[0])
    assert check.execute("SELECT count(*) FROM enterprise").fetchone()[0] == 2
    check.close()
