"""A package that gives an enterprise the credit code another office's enterprise holds at the
city: imported, the record kept as it was, the incoming version kept as a conflict that names
both enterprises (never `UNIQUE constraint failed: enterprise.uscc` and a package stuck for good).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from exchange_fixtures import dump, export_to, merge

from qcdesk.exchange.code_clash import CodeTaken
from qcdesk.exchange.reconcile import resolve_conflict, write_reconciliation
from qcdesk.exchange.workbook import SPECS
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.persistence import fetch_record, soft_delete, update_record
from qcdesk.models.records import Enterprise
from qcdesk.models.store import Store

A, B = "AAAAAAAAAAAAAAAA", "BBBBBBBBBBBBBBBB"
X, Y = "91421281MA4KL5FE07", "91421221MA4E3XHX15"
NAME_A, NAME_B = "赤壁羊楼洞茶业", "嘉鱼羊楼洞茶业有限公司"


def _offices(tmp: Path) -> tuple[Enterprise, Enterprise]:
    """赤壁 files its firm under X; 嘉鱼 files one under Y (a.xlsx, b.xlsx), then corrects its
    code to X (b2.xlsx)."""
    a, b = Store.memory("A"), Store.memory("B")
    ea = save_enterprise(a, Enterprise(uscc=X, name=NAME_A, jurisdiction_code="421281",
                                       in_improvement=1))
    eb = save_enterprise(b, Enterprise(uscc=Y, name=NAME_B, jurisdiction_code="421221",
                                       in_improvement=1))
    export_to(a, tmp / "a.xlsx", A)
    export_to(b, tmp / "b.xlsx", B)
    eb = fetch_record(b, Enterprise, eb.id)
    eb.uscc = X
    save_enterprise(b, eb)
    export_to(b, tmp / "b2.xlsx", B)
    return ea, eb


def _live(store: Store) -> set[tuple[str, str, str]]:
    return set(store.db.execute(
        "SELECT uuid, uscc, name FROM enterprise WHERE deleted_at IS NULL").fetchall())


def _open(store: Store) -> list[tuple[str, str, str]]:
    return [(r[0], r[1], json.loads(r[2])["uscc"]) for r in store.db.execute(
        "SELECT uuid, reason, row_json FROM exchange_conflict WHERE resolved_at IS NULL")]


def test_a_code_moved_onto_another_enterprise_is_kept_as_a_conflict(tmp_path: Path) -> None:
    ea, eb = _offices(tmp_path)
    city = Store.memory("C")
    merge(city, tmp_path / "a.xlsx", A)
    merge(city, tmp_path / "b.xlsx", B)
    result = merge(city, tmp_path / "b2.xlsx", B)  # was: IntegrityError, nothing imported
    assert result.counts["enterprise"] == {"new": 0, "updated": 0, "unchanged": 0,
                                           "conflicting": 1}
    assert _live(city) == {(ea.uuid, X, NAME_A), (eb.uuid, Y, NAME_B)}  # nothing overwritten
    assert _open(city) == [(eb.uuid, "uscc_taken", X)]  # nothing lost: 嘉鱼's version kept
    assert result.conflicts == [{"kind": "enterprise", "uuid": eb.uuid, "reason": "uscc_taken",
                                 "uscc": X, "local_uuid": ea.uuid, "local_name": NAME_A}]
    [zh] = [w for w in result.warnings if "信用代码" in w]
    assert zh.startswith("信用代码与另一企业相同：")
    assert all(t in zh for t in (NAME_A, "421281 赤壁市", NAME_B, "421221 嘉鱼县", X, Y,
                                 "记录 ▸ 处理合并冲突", "删除多余的档案", "请发送方更正"))
    [en] = [w for w in result.warnings_en if "credit code" in w.lower()]
    assert en.startswith("Credit code held by another enterprise:") and NAME_A in en

    # the reconciliation workbook lists it with its reason and the warning
    book = openpyxl.load_workbook(write_reconciliation(city, tmp_path / "r.xlsx", result))
    reasons = {row[2] for row in book["冲突"].iter_rows(min_row=2, values_only=True)}
    assert reasons == {"信用代码与另一企业相同"}
    notes = [row[1] for row in book["说明"].iter_rows(values_only=True) if row[0] == "注意"]
    assert any(zh in str(n) for n in notes)

    # importing the same package again changes nothing and says nothing new
    before = dump(city)
    again = merge(city, tmp_path / "b2.xlsx", B)
    assert again.counts["enterprise"]["unchanged"] == 1 and not again.conflicts
    assert not [w for w in again.warnings if "信用代码" in w]
    assert dump(city) == before


def test_the_other_order_files_the_second_arrival_under_the_first(tmp_path: Path) -> None:
    """嘉鱼's corrected package first, then 赤壁's: the code is free when 嘉鱼's arrives, so its
    record takes it; 赤壁's enterprise then arrives NEW with a code held here and is filed under
    嘉鱼's record (the twin mapping), its version kept as a duplicate_uscc conflict. In both
    orders the first to arrive holds the code and the other office's version waits, whole, in
    the conflict view; merging two records that both already exist is a person's step."""
    ea, eb = _offices(tmp_path)
    city = Store.memory("C")
    merge(city, tmp_path / "b.xlsx", B)
    assert merge(city, tmp_path / "b2.xlsx", B).counts["enterprise"]["updated"] == 1
    result = merge(city, tmp_path / "a.xlsx", A)
    assert result.counts["enterprise"]["conflicting"] == 1
    assert _live(city) == {(eb.uuid, X, NAME_B)}
    assert _open(city) == [(ea.uuid, "duplicate_uscc", X)]
    assert result.conflicts[0]["local_uuid"] == eb.uuid
    before = dump(city)
    merge(city, tmp_path / "a.xlsx", A)
    assert dump(city) == before


def test_the_kept_version_is_taken_once_the_code_is_free(tmp_path: Path) -> None:
    ea, eb = _offices(tmp_path)
    city = Store.memory("C")
    for name, signer in (("a", A), ("b", B), ("b2", B)):
        merge(city, tmp_path / f"{name}.xlsx", signer)
    [conflict_id] = [r[0] for r in city.db.execute("SELECT id FROM exchange_conflict")]
    before = dump(city)
    with pytest.raises(CodeTaken) as refused:  # was: IntegrityError
        resolve_conflict(city, conflict_id, take_incoming=True)
    assert f"统一社会信用代码 {X} 现在属于企业“{NAME_A}”（421281 赤壁市）" in refused.value.text()
    assert "数据没有任何改动" in refused.value.text()
    assert NAME_A in refused.value.text("en") and "nothing was changed" in refused.value.text("en")
    assert dump(city) == before
    # 赤壁 and 嘉鱼 agree it is one firm: the city deletes 赤壁's extra file, then takes it
    soft_delete(city, fetch_record(city, Enterprise, ea.uuid))
    resolve_conflict(city, conflict_id, take_incoming=True)
    assert _live(city) == {(eb.uuid, X, NAME_B)} and _open(city) == []


def test_a_code_freed_further_on_in_the_same_package_is_applied(tmp_path: Path) -> None:
    """嘉鱼 had two files of one firm: deletes the one holding X and gives the other X. The
    package lists them in id order, the corrected one first: it is merged after all."""
    b, city = Store.memory("B"), Store.memory("C")
    keep = save_enterprise(b, Enterprise(uscc=Y, name=NAME_B, jurisdiction_code="421221"))
    extra = save_enterprise(b, Enterprise(uscc=X, name=NAME_A, jurisdiction_code="421221"))
    export_to(b, tmp_path / "b.xlsx", B)
    merge(city, tmp_path / "b.xlsx", B)
    soft_delete(b, fetch_record(b, Enterprise, extra.id))
    keep = fetch_record(b, Enterprise, keep.id)
    keep.uscc = X
    save_enterprise(b, keep)
    export_to(b, tmp_path / "b2.xlsx", B)
    result = merge(city, tmp_path / "b2.xlsx", B)
    assert result.counts["enterprise"] == {"new": 0, "updated": 2, "unchanged": 0,
                                           "conflicting": 0}
    assert _live(city) == {(keep.uuid, X, NAME_B)}
    assert not result.conflicts and _open(city) == []
    assert not [w for w in result.warnings if "信用代码" in w]


def test_a_deleted_enterprise_brought_back_onto_a_taken_code_is_kept(tmp_path: Path) -> None:
    a, b, city = Store.memory("A"), Store.memory("B"), Store.memory("C")
    eb = save_enterprise(b, Enterprise(uscc=X, name=NAME_B, jurisdiction_code="421221"))
    soft_delete(b, fetch_record(b, Enterprise, eb.id))
    export_to(b, tmp_path / "b.xlsx", B)
    ea = save_enterprise(a, Enterprise(uscc=X, name=NAME_A, jurisdiction_code="421281"))
    export_to(a, tmp_path / "a.xlsx", A)
    merge(city, tmp_path / "b.xlsx", B)
    merge(city, tmp_path / "a.xlsx", A)
    back = fetch_record(b, Enterprise, eb.id)
    back.deleted_at = None
    update_record(b, back)
    export_to(b, tmp_path / "b2.xlsx", B)
    result = merge(city, tmp_path / "b2.xlsx", B)
    assert result.counts["enterprise"]["conflicting"] == 1
    assert _live(city) == {(ea.uuid, X, NAME_A)}
    assert _open(city) == [(eb.uuid, "uscc_taken", X)]


def test_every_unique_index_of_a_synced_table_is_covered(tmp_path: Path) -> None:
    """The merge finds rows by uuid (so an incoming uuid never collides) and keeps versions that
    would give a second live enterprise a code (above). A new UNIQUE index on a record table
    that travels needs the same care before it ships: this lists them all."""
    store = Store.open(tmp_path / "x.db")
    found = set()
    for spec in SPECS:
        for _seq, name, unique, _origin, partial in store.db.execute(
                f"PRAGMA index_list({spec.table})").fetchall():
            if unique:
                cols = tuple(r[2] for r in store.db.execute(f"PRAGMA index_info('{name}')"))
                found.add((spec.table, cols, bool(partial)))
    store.close()
    assert found == {(s.table, ("uuid",), False) for s in SPECS} | {
        ("enterprise", ("uscc",), True)}


def test_cli_import_of_such_a_package_succeeds_and_says_so(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]
                                                            ) -> None:
    city, pkgs = _signed_world(tmp_path)
    for name in ("a", "b"):
        assert _cli(["import", str(pkgs[name]), "--db", str(city)]) == 0
    capsys.readouterr()
    assert _cli(["import", str(pkgs["b2"]), "--db", str(city), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["counts"]["enterprise"]["conflicting"] == 1
    assert [c["reason"] for c in out["conflicts"]] == ["uscc_taken"]
    assert any(w.startswith("信用代码与另一企业相同") and NAME_A in w for w in out["warnings"])


def test_an_unexpected_fault_leaves_the_database_and_says_one_clear_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
        ) -> None:
    from qcdesk.exchange import importer

    city, pkgs = _signed_world(tmp_path)
    assert _cli(["import", str(pkgs["a"]), "--db", str(city)]) == 0
    before = _sql_dump(city)
    kept = set((city.parent / "received").iterdir())

    def fault(*_args: object, **_kw: object) -> None:  # after the package's rows are written
        raise RuntimeError("boom")

    monkeypatch.setattr(importer, "_retry_held", fault)
    capsys.readouterr()
    assert _cli(["import", str(pkgs["b"]), "--db", str(city)]) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err.startswith("qcdesk: 导入失败，数据库未改动：程序在导入 ")
    assert "修复后再导入同一个文件" in err and "RuntimeError: boom" in err
    assert _sql_dump(city) == before
    assert set((city.parent / "received").iterdir()) == kept


# --- signed packages through the CLI ---------------------------------------------------------

def _cli(argv: list[str]) -> int:
    from qcdesk.cli import main

    return main(argv)


def _sql_dump(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return "\n".join(line for line in conn.iterdump() if "backup" not in line)
    finally:
        conn.close()


def _signed_world(tmp: Path) -> tuple[Path, dict[str, Path]]:
    """a.zip from 赤壁, b.zip and b2.zip from 嘉鱼 (as `_offices`), a city database trusting both."""
    from qcdesk.exchange.minisign import PublicKey
    from qcdesk.models import trust_store

    (tmp / "pw.txt").write_text("长口令 long passphrase\n", encoding="utf-8")
    keys = {}
    for who, area in (("赤壁市局", "421281"), ("嘉鱼县局", "421221")):
        out = tmp / f"keys-{area}"
        assert _cli(["keygen", "--name", who, "--jurisdiction", area, "--out", str(out),
                     "--light", "--passphrase-file", str(tmp / "pw.txt")]) == 0
        keys[area] = (out / f"{area}_{who}.key", out / f"{area}_{who}.pub", who)
    a_db, b_db, city = tmp / "a.db", tmp / "b.db", tmp / "city.db"
    a, b = Store.open(a_db, author="a"), Store.open(b_db, author="b")
    save_enterprise(a, Enterprise(uscc=X, name=NAME_A, jurisdiction_code="421281"))
    eb = save_enterprise(b, Enterprise(uscc=Y, name=NAME_B, jurisdiction_code="421221"))
    a.close()
    pkgs = {"a": _export(tmp, a_db, keys["421281"], "a"), "b": _export(tmp, b_db, keys["421221"], "b")}
    eb = fetch_record(b, Enterprise, eb.id)
    eb.uscc = X
    save_enterprise(b, eb)
    b.close()
    pkgs["b2"] = _export(tmp, b_db, keys["421221"], "b2")
    c = Store.open(city, author="city")
    for _key, pub, who in keys.values():
        trust_store.add_key(c, PublicKey.load(pub), name=who, role="county")
    c.close()
    return city, pkgs


def _export(tmp: Path, db: Path, key: tuple[Path, Path, str], name: str) -> Path:
    out = tmp / f"out-{name}"
    out.mkdir()
    assert _cli(["export", "--db", str(db), "--key", str(key[0]), "--out", str(out),
                 "--passphrase-file", str(tmp / "pw.txt"), "--role", "county"]) == 0
    [pkg] = out.iterdir()
    return pkg


def test_the_conflict_view_offers_both_versions_and_says_why_taking_waits(
        tmp_path: Path, qtbot, chinese, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QMessageBox

    from qcdesk.ui.conflict_dialog import ConflictDialog

    _offices(tmp_path)
    city = Store.memory("C")
    for name, signer in (("a", A), ("b", B), ("b2", B)):
        merge(city, tmp_path / f"{name}.xlsx", signer)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: said.append(text))
    dlg = ConflictDialog(city)
    qtbot.addWidget(dlg)
    assert dlg.list.item(0, 3).text() == "信用代码与另一企业相同"
    assert dlg.take_button.isVisibleTo(dlg) and dlg.combine_button.isVisibleTo(dlg)
    before = dump(city)
    dlg.resolve(take_incoming=True)
    assert len(said) == 1 and f"现在属于企业“{NAME_A}”" in said[0]
    assert dump(city) == before and dlg.list.rowCount() == 1
