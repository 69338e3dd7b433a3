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
        raise OSError(28, "No space left on device")

    other = tmp_path / "other.qcpkg.zip"
    other.write_bytes(b"PK other")
    monkeypatch.setattr(shutil, "copyfile", disk_full)
    try:
        importer.keep_received(store, other, hashlib.sha256(b"PK other").hexdigest())
    except OSError as exc:
        assert exc.errno == 28
    else:
        raise AssertionError("a full disk must refuse the import")
    assert sorted(p.name for p in kept.parent.iterdir()) == [kept.name]  # no .partial left
    store.close()
