"""Safety wiring of the exchange: an export locks the visits it sends (an edit afterwards is
refused, an amendment is the way), and an import snapshots the database before writing."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_exchange_cli import _export, _import_json, world  # noqa: F401 - fixture

from qcdesk.cli import main
from qcdesk.models.backup import list_backups
from qcdesk.models.inspections import load_visit, save_visit
from qcdesk.models.messages import ValidationFailed
from qcdesk.models.store import Store


def _trust(db: Path, pub: Path) -> None:
    assert main(["trust", "add", str(pub), "--db", str(db), "--yes", "--role", "inspector",
                 "--name", "张三", "--jurisdiction", "421221"]) == 0


def test_export_locks_sent_visits_and_edits_are_refused(world, capsys) -> None:  # noqa: F811
    w = world
    pkg = _export(capsys, w["tmp"], w["idb"], w["ik"], "张三", "421221")
    store = Store.open(w["idb"])
    try:
        rows = store.db.execute("SELECT id, locked_package FROM visit").fetchall()
        assert rows and all(lock == pkg.name for _, lock in rows)
        bundle = load_visit(store, rows[0][0])
        bundle.visit.summary = "改了"
        bundle.visit.status = "planned"  # otherwise valid, so only the lock can refuse it
        bundle.samples[0].result, bundle.samples[0].failed_items = "pending", "标签"  # a plan has none
        with pytest.raises(ValidationFailed) as caught:
            save_visit(store, bundle)
        assert any(i.rule == "visit.locked" for i in caught.value.issues)
        # the lock is not queued as a change: the next package carries nothing new
        queued = store.db.execute(
            "SELECT count(*) FROM exchange_log WHERE seq > (SELECT max(change_seq) FROM exchange_export)"
        ).fetchone()[0]
        assert queued == 0
    finally:
        store.close()
    # the receiver gets the visits as locked too, and the same versions again on --full
    _trust(w["cdb"], w["ipub"])
    first = _import_json(capsys, pkg, w["cdb"])
    assert first["counts"]["visit"]["new"] == 4
    again = _export(capsys, w["tmp"], w["idb"], w["ik"], "张三", "421221", "--full")
    second = _import_json(capsys, again, w["cdb"])
    assert second["counts"]["visit"]["unchanged"] == 4 and not second["conflicts"]


def test_failed_export_leaves_visits_unlocked(world, capsys, tmp_path: Path) -> None:  # noqa: F811
    w = world
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x", encoding="utf-8")
    code = main(["export", "--db", str(w["idb"]), "--key", str(w["ik"]), "--out", str(blocker),
                 "--passphrase-file", str(w["tmp"] / "pw.txt"), "--name", "张三",
                 "--jurisdiction", "421221"])
    assert code != 0
    store = Store.open(w["idb"])
    try:
        assert store.db.execute("SELECT count(*) FROM visit WHERE locked_package IS NOT NULL"
                                ).fetchone()[0] == 0
    finally:
        store.close()


def test_import_snapshots_before_writing_but_not_on_dry_run_or_refusal(world, capsys) -> None:  # noqa: F811
    w = world
    pkg = _export(capsys, w["tmp"], w["idb"], w["ik"], "张三", "421221")
    Store.open(w["cdb"]).close()
    folder = w["cdb"].parent / "backups"
    # not trusted yet: refused before anything, no snapshot
    assert main(["import", str(pkg), "--db", str(w["cdb"])]) != 0
    assert not list_backups(folder, w["cdb"]) if folder.exists() else True
    _trust(w["cdb"], w["ipub"])
    _import_json(capsys, pkg, w["cdb"], "--dry-run")
    assert not folder.exists() or not [b for b in list_backups(folder, w["cdb"]) if b.reason == "import"]
    _import_json(capsys, pkg, w["cdb"])
    snaps = [b for b in list_backups(folder, w["cdb"]) if b.reason == "import"]
    assert len(snaps) == 1 and snaps[0].path.is_file()



def test_other_areas_tables_are_change_logged(tmp_path: Path) -> None:
    """Amendments, draws, zones and recusals written after an export go in the next package."""
    from exchange_fixtures import populate

    from qcdesk.models import exchange_store as xs

    store = Store.open(tmp_path / "a.db", author="a")
    try:
        populate(store, 1, 1)
        store.db.execute("INSERT INTO recusal (uuid, created_at, updated_at, author, revision, origin,"
                         " inspector_id, enterprise_id, reason) VALUES ('r1', 'x', 'x', 'a', 1, 'local',"
                         " 1, 1, '亲属')")
        xs.ensure_change_triggers(store)  # queues the recusal written before the trigger existed
        assert store.db.execute("SELECT count(*) FROM exchange_log WHERE kind = 'recusal'").fetchone()[0] == 1
        before = xs.change_counter(store)
        store.db.execute("UPDATE recusal SET reason = '同学', revision = 2")
        assert xs.change_counter(store) > before
        names = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        for table in ("amendment", "draw_record", "demonstration_zone", "recusal"):
            assert f"exchange_{table}_ins" in names and f"exchange_{table}_upd" in names
    finally:
        store.close()
