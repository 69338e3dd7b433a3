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
