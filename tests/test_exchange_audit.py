"""What the audit trail says about imported records: new rows adopted together, changes one by one."""

from __future__ import annotations

from pathlib import Path

from qcdesk.models import audit
from qcdesk.models.amendments import record_history
from qcdesk.models.store import Store
from tests.exchange_fixtures import export_to, merge, populate

SIGNER = "A600217D17F49E8B"


def test_a_later_package_changing_an_imported_record_is_audited_old_to_new(tmp_path: Path) -> None:
    src, dst = Store.open(tmp_path / "src.db"), Store.open(tmp_path / "dst.db")
    populate(src, 1, 1)
    export_to(src, tmp_path / "one.xlsx", SIGNER)
    merge(dst, tmp_path / "one.xlsx", SIGNER)
    uuid = src.db.execute("SELECT uuid FROM enterprise").fetchone()[0]
    with src.db.atomic():
        src.db.execute("UPDATE enterprise SET address = '温泉路 8 号', revision = revision + 1, "
                       "updated_at = '2026-11-01T00:00:00.000000Z'")
    export_to(src, tmp_path / "two.xlsx", SIGNER, full=False)
    result = merge(dst, tmp_path / "two.xlsx", SIGNER)
    assert result.counts["enterprise"]["updated"] == 1
    audit.seal(dst)
    history = record_history(dst, "enterprise", uuid)
    assert [line.op for line in history][:1] == ["import"]
    change = [line for line in history if line.op == "update" and line.field == "address"]
    assert len(change) == 1 and change[0].new == "温泉路 8 号" and change[0].old in ("", None)
    # the import's lines show what the record came with, not what it holds now
    came_with = {line.field: line.new for line in history if line.op == "import"}
    assert "address" not in came_with and came_with["name"].startswith("咸宁企业0")
    assert audit.verify(dst).ok
    # the import's triggers are the ordinary ones again (none dropped, none left guarded)
    assert audit.missing_triggers(dst.db) == []
    with dst.db.atomic():
        dst.db.execute("UPDATE enterprise SET notes = '复查' WHERE uuid = ?", [uuid])
    audit.seal(dst)
    assert any(line.field == "notes" for line in record_history(dst, "enterprise", uuid))
    assert audit.verify(dst).ok
    src.close()
    dst.close()


def test_the_kept_package_copy_fits_any_name_and_leaves_nothing_half_written(tmp_path: Path,
                                                                              monkeypatch) -> None:
    import hashlib
    import shutil

    from qcdesk.exchange import importer

    store = Store.open(tmp_path / "county.db")
    package = tmp_path / ("咸宁市" * 27 + ".qcpkg.zip")  # 248 bytes: a legal name on its own
    package.write_bytes(b"PK signed bytes")
    sha = hashlib.sha256(package.read_bytes()).hexdigest()
    kept = importer.keep_received(store, package, sha)
    assert kept is not None and kept.read_bytes() == package.read_bytes()
    assert len(kept.name.encode()) <= 200 and kept.name.startswith(sha[:16])

    def disk_full(src: Path, dst: Path) -> None:
        Path(dst).write_bytes(b"PK half")
        raise OSError(28, "No space left on device", str(src))  # as shutil names the source

    other = tmp_path / "other.qcpkg.zip"
    other.write_bytes(b"PK other")
    monkeypatch.setattr(shutil, "copyfile", disk_full)
    try:
        importer.keep_received(store, other, hashlib.sha256(b"PK other").hexdigest())
    except OSError as exc:  # the message names where the disk is full: the received/ folder
        assert exc.errno == 28 and Path(exc.filename).parent == kept.parent
    else:
        raise AssertionError("a full disk must refuse the import")
    assert sorted(p.name for p in kept.parent.iterdir()) == [kept.name]  # no .partial left
    store.close()


def _schema(path: Path) -> list[tuple[str, str]]:
    import sqlite3

    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
                            "ORDER BY name").fetchall()


def test_a_large_first_import_defers_indexes_and_leaves_the_same_database(tmp_path: Path,
                                                                          monkeypatch) -> None:
    from qcdesk.exchange import importer
    from qcdesk.exchange.export import export_package
    from qcdesk.exchange.minisign import generate_secret_key
    from qcdesk.exchange.trust import StaticTrust
    from qcdesk.models import merge_writer
    from tests.exchange_fixtures import dump

    key = generate_secret_key()
    src = Store.open(tmp_path / "src.db")
    populate(src, 3, 2)
    (tmp_path / "out").mkdir()
    pkg = export_package(src, tmp_path / "out", key, signer_name="张三", jurisdiction="421202",
                         role="inspector", full=True)
    src.close()
    trust = StaticTrust.of([key.public_key])
    dumps, schemas = [], []
    for name, threshold in (("kept.db", 10**9), ("deferred.db", 1)):
        monkeypatch.setattr(merge_writer, "DEFER_INDEXES_FROM", threshold)
        store = Store.open(tmp_path / name)
        importer.import_package(store, pkg, trust=trust)
        schemas.append(_schema(tmp_path / name))
        dumps.append(dump(store))
        assert audit.verify(store).ok
        store.close()
    assert schemas[0] == schemas[1]  # every index and trigger back, exactly
    assert any(name == "visit_date" for name, _sql in schemas[1])
    assert dumps[0] == dumps[1]
    # an import failing half-way leaves indexes, triggers and rows as they were
    monkeypatch.setattr(merge_writer, "DEFER_INDEXES_FROM", 1)
    store = Store.open(tmp_path / "failing.db")
    schema, before = _schema(tmp_path / "failing.db"), dump(store)
    # the disk fills when the lineage of the rectifications (the last sheet) is written, on
    # the row-by-row path and on the whole-chunk path alike
    for method in ("set_lineage", "queue_lineage"):
        real_write = getattr(merge_writer.MergeWriter, method)

        def fail_late(self, table, *args, real_write=real_write):  # noqa: ANN001, ANN202
            if table == "rectification":
                raise OSError(28, "No space left on device")
            return real_write(self, table, *args)

        monkeypatch.setattr(merge_writer.MergeWriter, method, fail_late)
    try:
        importer.import_package(store, pkg, trust=trust)
    except OSError as exc:
        assert exc.errno == 28  # the real reason reaches the user, not a follow-on error
    else:
        raise AssertionError("the import should have failed")
    assert dump(store) == before
    store.close()
    assert _schema(tmp_path / "failing.db") == schema
