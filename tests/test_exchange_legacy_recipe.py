"""Records and packages of QCDesk versions before 2026-11-29 19:32 (commit 415e357 changed the
content-hash recipe without a format bump; s7/r5 findings 1 and 2).

Old databases and packages are made here with the old recipe itself (`legacy_hash`, the
recipe of 8fb9c77/64f7fce as documented there) patched into export and import, then the
database is "upgraded": the migration that translates stored ids is made pending again and
the store reopened with today's code. The reviewer's real v1 (8fb9c77) package, small, is in
tests/data/legacy_8fb9c77.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from exchange_fixtures import dump, export_to, merge, populate

from qcdesk.cli import main
from qcdesk.exchange import sheet_feed, twin_lineage
from qcdesk.exchange.legacy_hash import legacy_hash, legacy_hash_of
from qcdesk.exchange.merge import content_hash, version_id
from qcdesk.exchange.minisign import PublicKey
from qcdesk.exchange.workbook import SPEC_BY_TABLE, SheetFormatError
from qcdesk.models import trust_store
from qcdesk.models.persistence import update_record
from qcdesk.models.records import Enterprise
from qcdesk.models.schema_exchange import version_ids_of_the_current_recipe
from qcdesk.models.store import Store

A, B, C = "AAAAAAAAAAAAAAAA", "BBBBBBBBBBBBBBBB", "CCCCCCCCCCCCCCCC"
MIGRATION = "0006_version_ids_of_the_current_recipe"
REAL = Path(__file__).parent / "data" / "legacy_8fb9c77"


@contextmanager
def old_recipe() -> Iterator[None]:
    """Export and import as a QCDesk before 415e357 did: every version id by the old recipe."""
    mp = pytest.MonkeyPatch()

    def old_hashes(table: str, uuids: list[str], rows: list, *, floats: bool = True) -> list:
        return [legacy_hash_of(table, u, r) for u, r in zip(uuids, rows, strict=True)]

    mp.setattr(twin_lineage, "content_hash", legacy_hash)  # export's and import's live rows
    mp.setattr(sheet_feed, "content_hashes", old_hashes)
    try:
        yield
    finally:
        mp.undo()


def upgrade(store: Store) -> Store:
    """The database opened by today's QCDesk: its exchange migration pending, then run."""
    path, author = store.path, store.author
    store.close()
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?", [MIGRATION])
    conn.commit()
    conn.close()
    return Store.open(path, author=author, backup_dir=path.parent / "backups")


def edit_enterprise(store: Store, index: int, note: str) -> None:
    row = list(store.db.query("SELECT * FROM enterprise ORDER BY id"))[index]
    e = Enterprise.from_row(row)
    e.notes = f"{e.notes} {note}"
    with store.db.atomic():
        update_record(store, e)


def notes(store: Store, index: int) -> str:
    return store.db.execute("SELECT notes FROM enterprise ORDER BY id").fetchall()[index][0]


def open_conflicts(store: Store) -> int:
    return store.db.execute(
        "SELECT count(*) FROM exchange_conflict WHERE resolved_at IS NULL").fetchone()[0]


@pytest.fixture
def offices(tmp_path: Path) -> Iterator[tuple[Store, Store, Path]]:
    """Inspector A and county B, B holding A's records received under the old recipe."""
    a = Store.open(tmp_path / "A.db", author="甲")
    b = Store.open(tmp_path / "B.db", author="乙")
    populate(a, 2, 1)
    with old_recipe():
        export_to(a, tmp_path / "a1.xlsx", A)
        merge(b, tmp_path / "a1.xlsx", A)
    yield a, b, tmp_path


def test_one_sided_edit_after_the_upgrade_is_an_update(offices) -> None:
    """The reviewer's after_upgrade_exchange.sh: 企业：冲突 1 where 更新 1 was due."""
    a, b, tmp = offices
    a, b = upgrade(a), upgrade(b)
    edit_enterprise(a, 0, "升级后修改")
    export_to(a, tmp / "a2.xlsx", A, full=False)
    r = merge(b, tmp / "a2.xlsx", A)
    assert r.counts["enterprise"]["updated"] == 1 and r.counts["enterprise"]["conflicting"] == 0
    assert notes(b, 0).endswith("升级后修改") and open_conflicts(b) == 0
    # and passed on by the county after the upgrade, the city sees the same: no conflict
    city = Store.open(tmp / "C.db", author="丙")
    export_to(b, tmp / "b1.xlsx", B)
    merge(city, tmp / "b1.xlsx", B)
    edit_enterprise(a, 0, "再改")
    export_to(a, tmp / "a3.xlsx", A, full=False)
    assert merge(b, tmp / "a3.xlsx", A).counts["enterprise"]["updated"] == 1
    export_to(b, tmp / "b2.xlsx", B, full=False)
    r = merge(city, tmp / "b2.xlsx", B)
    assert r.counts["enterprise"] == {"new": 0, "updated": 1, "unchanged": 0, "conflicting": 0}
    assert notes(city, 0).endswith("再改") and open_conflicts(city) == 0


def test_edit_made_before_the_upgrade_reaches_the_author_as_an_update(offices) -> None:
    """The county edited a record it had received, under the old version; the package goes
    after the upgrade: the inspector who made the record takes it as an update."""
    a, b, tmp = offices
    edit_enterprise(b, 1, "县局补充")
    a, b = upgrade(a), upgrade(b)
    export_to(b, tmp / "b1.xlsx", B, full=False)
    r = merge(a, tmp / "b1.xlsx", B)
    assert r.counts["enterprise"]["updated"] == 1 and r.counts["enterprise"]["conflicting"] == 0
    assert notes(a, 1).endswith("县局补充") and open_conflicts(a) == 0


def test_full_package_after_the_upgrade_leaves_earlier_edits_alone(offices) -> None:
    """What the refusal of old packages used to advise: a full package from the upgraded
    inspector. Records the county edited before the upgrade are unchanged, not conflicts."""
    a, b, tmp = offices
    edit_enterprise(b, 0, "县局补充")
    a, b = upgrade(a), upgrade(b)
    export_to(a, tmp / "a2.xlsx", A, full=True)
    r = merge(b, tmp / "a2.xlsx", A)
    assert r.counts["enterprise"] == {"new": 0, "updated": 0, "unchanged": 2, "conflicting": 0}
    assert all(c["conflicting"] == 0 for c in r.counts.values())
    assert notes(b, 0).endswith("县局补充") and open_conflicts(b) == 0


def test_a_real_conflict_across_the_upgrade_stays_a_conflict(offices) -> None:
    """Both offices changed the same record (one before, one after): never taken as an
    update by the old ids (the equivalence is by content only)."""
    a, b, tmp = offices
    edit_enterprise(b, 0, "县局补充")
    a, b = upgrade(a), upgrade(b)
    edit_enterprise(a, 0, "检查员修改")
    export_to(a, tmp / "a2.xlsx", A, full=False)
    r = merge(b, tmp / "a2.xlsx", A)
    assert r.counts["enterprise"]["conflicting"] == 1
    assert notes(b, 0).endswith("县局补充") and open_conflicts(b) == 1


def test_package_of_an_old_version_imports_exactly_and_twice_changes_nothing(offices) -> None:
    """Finding 2 at the spreadsheet: the old recipe's hashes were refused as 内容哈希不符. The
    inspector has not upgraded yet, the county has."""
    a, b, tmp = offices
    b = upgrade(b)
    edit_enterprise(a, 0, "旧版修改")
    with old_recipe():
        export_to(a, tmp / "a2.xlsx", A, full=False)
    r = merge(b, tmp / "a2.xlsx", A)
    assert r.counts["enterprise"]["updated"] == 1 and open_conflicts(b) == 0
    assert notes(b, 0).endswith("旧版修改")
    before = dump(b)
    again = merge(b, tmp / "a2.xlsx", A)
    assert all(c["new"] == c["updated"] == c["conflicting"] == 0 for c in again.counts.values())
    assert dump(b) == before
    # stored under today's id (as the migration stores them): the inspector upgrades and
    # edits once more, the county takes it as an update
    spec = SPEC_BY_TABLE["enterprise"]
    row = next(iter(b.db.query("SELECT * FROM enterprise ORDER BY id")))
    uuid = row["uuid"]
    head = b.db.execute("SELECT head FROM exchange_lineage WHERE kind = 'enterprise' AND uuid = ?",
                        [uuid]).fetchone()[0]
    assert head == version_id(row["revision"], content_hash(spec, row))
    a = upgrade(a)
    edit_enterprise(a, 0, "升级后")
    export_to(a, tmp / "a3.xlsx", A, full=False)
    assert merge(b, tmp / "a3.xlsx", A).counts["enterprise"]["updated"] == 1


def test_a_wrong_hash_is_still_refused(offices) -> None:
    """Neither recipe matches: the row is refused as before."""
    from exchange_fixtures import edit_cells

    a, _b, tmp = offices
    target = Store.open(tmp / "T.db")
    with old_recipe():
        export_to(a, tmp / "a2.xlsx", A)
    edit_cells(tmp / "a2.xlsx", "企业", {(2, "备注"): "改过"})
    with pytest.raises(SheetFormatError, match="内容哈希不符"):
        merge(target, tmp / "a2.xlsx", A)


def test_migration_translates_heads_and_kept_versions_only(offices) -> None:
    """Heads whose live row is that version and kept conflicts (their data at hand) get
    today's ids; a head edited here since, bases and ancestors keep what was sent. Twice =
    once."""
    a, b, tmp = offices
    edit_enterprise(a, 0, "甲改")
    edit_enterprise(b, 0, "乙改")
    with old_recipe():
        export_to(a, tmp / "a2.xlsx", A, full=False)
        merge(b, tmp / "a2.xlsx", A)
    lineage_before = dict(((k, u), (h, e, ba, an)) for k, u, h, e, ba, an in b.db.execute(
        "SELECT kind, uuid, head, editor, base, ancestors FROM exchange_lineage"))
    b = upgrade(b)
    edited = b.db.execute("SELECT uuid FROM enterprise ORDER BY id").fetchone()[0]
    for kind, uuid, head, editor, base, ancestors in b.db.execute(
            "SELECT kind, uuid, head, editor, base, ancestors FROM exchange_lineage"):
        spec = SPEC_BY_TABLE[kind]
        row = next(iter(b.db.query(f"SELECT * FROM {kind} WHERE uuid = ?", [uuid])))
        values = {**row, **{f.name: b.db.execute(f"SELECT uuid FROM {f.parent} WHERE id = ?",
                                                  [row[f.name]]).fetchone()[0]
                            for f in spec.data_fields if f.parent and row[f.name] is not None}}
        old = lineage_before[(kind, uuid)]
        if uuid == edited:
            assert head == old[0]  # its content is gone: nothing to translate it by
        else:
            assert head == version_id(row["revision"], content_hash(spec, values)) != old[0]
        assert (editor, base, ancestors) == old[1:]
    (version, row_json), = b.db.execute("SELECT version, row_json FROM exchange_conflict")
    kept = json.loads(row_json)
    spec = SPEC_BY_TABLE["enterprise"]
    assert version == kept["_version"] == version_id(kept["revision"], content_hash(spec, kept))
    state = [b.db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
             for t in ("exchange_lineage", "exchange_conflict")]
    with b.db.atomic():
        version_ids_of_the_current_recipe(b.db)
    assert state == [b.db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
                     for t in ("exchange_lineage", "exchange_conflict")]


def test_real_v1_package_imports_and_verify_agrees(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """The reviewer's package signed by 8fb9c77 (cross.log: 数据表格式错误：企业!2: 内容哈希不符
    while verify said 验证通过): verify and import agree, and it imports."""
    db = tmp_path / "main.db"
    s = Store.open(db)
    pub = PublicKey.load(REAL / "421221_检查员甲.pub")
    trust_store.add_key(s, pub, name="检查员甲", role="inspector", jurisdiction="421221")
    s.close()
    package = next(REAL.glob("*.qcpkg.zip"))
    assert main(["verify", str(package), "--db", str(db)]) == 0
    assert "验证通过" in capsys.readouterr().out
    assert main(["import", str(package), "--db", str(db), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["counts"]["enterprise"]["new"] == 1
    s = Store.open(db)
    phone, = s.db.execute("SELECT contact_phone FROM enterprise").fetchone()
    assert phone == "0715-1111111"
    uuid, head = s.db.execute("SELECT uuid, head FROM exchange_lineage").fetchone()
    row = next(iter(s.db.query("SELECT * FROM enterprise WHERE uuid = ?", [uuid])))
    assert head == version_id(row["revision"], content_hash(SPEC_BY_TABLE["enterprise"], row))
    s.close()
