"""A NEW enterprise filed under another by its credit code (the twin rule) while the names
differ: the import names both firms and the records of the package filed under the existing
one, in the CLI, --json, the import dialog and the reconciliation workbook; the conflict view
says it in words. The reviewer's scenario (s7/rrb 07/08): inspector A moves 嘉鱼县泰茂管业 to
code Y, inspector B creates 嘉鱼新管材 with Y; the county imports them in either order."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from exchange_fixtures import export_to, merge

from qcdesk.exchange.code_clash import name_key, same_firm_name
from qcdesk.exchange.reconcile import write_reconciliation
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.persistence import fetch_record, insert_record
from qcdesk.models.records import Enterprise, Sample, Visit
from qcdesk.models.store import Store

A, B = "AAAAAAAAAAAAAAAA", "BBBBBBBBBBBBBBBB"
P, Y = "914212003523203074", "91421221MA4E3XHX15"
TAIMAO, XIN = "嘉鱼县泰茂管业有限公司", "嘉鱼新管材有限公司"


def _visit(store: Store, enterprise: Enterprise, summary: str) -> None:
    with store.db.atomic():
        v = insert_record(store, Visit(enterprise_id=enterprise.id, visit_date="2026-11-20",
                                       kind="spot_check", inspectors=[], summary=summary,
                                       status="done"))
        insert_record(store, Sample(visit_id=v.id, product_name="PE 给水管", result="pass",
                                    sampled_on="2026-11-20", production_date=None))


def _scenario(tmp: Path) -> tuple[Enterprise, Enterprise, Store]:
    """a1: A's 泰茂管业 (code P) with a visit; b1: B's NEW 嘉鱼新管材 (code Y) with a visit and
    its sample; a2: A moves 泰茂管业 to Y. Returns both firms and B's database."""
    a, b = Store.memory("A"), Store.memory("B")
    taimao = save_enterprise(a, Enterprise(uscc=P, name=TAIMAO, jurisdiction_code="421221"))
    _visit(a, taimao, "A 在泰茂管业的检查")
    export_to(a, tmp / "a1.xlsx", A)
    xin = save_enterprise(b, Enterprise(uscc=Y, name=XIN, jurisdiction_code="421221"))
    _visit(b, xin, "B 在嘉鱼新管材的检查")
    export_to(b, tmp / "b1.xlsx", B)
    taimao = fetch_record(a, Enterprise, taimao.id)
    taimao.uscc = Y
    save_enterprise(a, taimao)
    export_to(a, tmp / "a2.xlsx", A, full=False)
    return taimao, xin, b


def _filed_under(store: Store, summary: str) -> str:
    return store.db.execute("SELECT e.name FROM visit v JOIN enterprise e ON e.id = v.enterprise_id"
                            " WHERE v.summary = ?", [summary]).fetchone()[0]


def test_a_then_b_names_both_firms_and_the_records_filed(tmp_path: Path) -> None:
    taimao, xin, b = _scenario(tmp_path)
    county = Store.memory("C")
    for name, signer in (("a1", A), ("a2", A)):
        merge(county, tmp_path / f"{name}.xlsx", signer)
    result = merge(county, tmp_path / "b1.xlsx", B)
    # the twin rule still files it (one code, one live enterprise) ...
    assert _filed_under(county, "B 在嘉鱼新管材的检查") == TAIMAO
    assert [c["reason"] for c in result.conflicts] == ["duplicate_uscc"]
    # ... but the import now says so, naming both firms and the 3 records filed
    [zh] = [w for w in result.warnings if w.startswith("新企业归入了名称不同的另一企业")]
    assert all(t in zh for t in (f"“{XIN}”（421221 嘉鱼县）", Y, f"本机企业“{TAIMAO}”",
                                 "3 条记录（企业 1 条、检查记录 1 条、抽样 1 条）",
                                 "请填错代码的一方更正代码后重新发送", "记录 ▸ 处理合并冲突"))
    [en] = [w for w in result.warnings_en if w.startswith("New enterprise filed under another")]
    assert XIN in en and TAIMAO in en and "3 record(s)" in en
    assert result.to_json()["filed_under"] == [{
        "uuid": xin.uuid, "name": XIN, "uscc": Y, "local_uuid": taimao.uuid,
        "local_name": TAIMAO, "records": 3,
        "counts": {"enterprise": 1, "visit": 1, "sample": 1}, "filed_now": True}]
    # the reconciliation workbook's 说明 carries it
    book = openpyxl.load_workbook(write_reconciliation(county, tmp_path / "r.xlsx", result))
    notes = [str(r[1]) for r in book["说明"].iter_rows(values_only=True) if r[0] == "注意"]
    assert any(zh in n for n in notes)

    # B's later visit to 嘉鱼新管材 (an incremental package): filed under 泰茂管业 too, and said
    _visit(b, fetch_record(b, Enterprise, xin.id), "B 的第二次检查")
    export_to(b, tmp_path / "b2.xlsx", B, full=False)
    later = merge(county, tmp_path / "b2.xlsx", B)
    assert _filed_under(county, "B 的第二次检查") == TAIMAO
    [zh2] = [w for w in later.warnings if w.startswith("企业仍归在名称不同的另一企业名下")]
    assert "检查记录 1 条、抽样 1 条）已归入" in zh2 and TAIMAO in zh2 and XIN in zh2
    # once a person has checked it (one firm after all) later packages are quiet
    from qcdesk.exchange.reconcile import resolve_conflict

    for (cid,) in county.db.execute("SELECT id FROM exchange_conflict WHERE resolved_at IS NULL"
                                    ).fetchall():
        resolve_conflict(county, cid)
    _visit(b, fetch_record(b, Enterprise, xin.id), "B 的第三次检查")
    export_to(b, tmp_path / "b3.xlsx", B, full=False)
    assert not [w for w in merge(county, tmp_path / "b3.xlsx", B).warnings
                if "归入" in w or "归在" in w]


def test_b_then_a_keeps_both_firms_and_reports_no_filing(tmp_path: Path) -> None:
    taimao, xin, _b = _scenario(tmp_path)
    county = Store.memory("C")
    results = [merge(county, tmp_path / f"{n}.xlsx", s) for n, s in
               (("a1", A), ("b1", B), ("a2", A))]
    assert _filed_under(county, "B 在嘉鱼新管材的检查") == XIN
    assert _filed_under(county, "A 在泰茂管业的检查") == TAIMAO
    assert [c["reason"] for c in results[2].conflicts] == ["uscc_taken"]
    assert all(not r.to_json()["filed_under"] for r in results)
    assert not [w for r in results for w in r.warnings if "新企业归入" in w]


def test_the_same_firm_entered_by_two_offices_is_filed_quietly(tmp_path: Path) -> None:
    """The twin rule's own case: names that differ only in how they are written."""
    a, b, county = Store.memory("A"), Store.memory("B"), Store.memory("C")
    save_enterprise(a, Enterprise(uscc=Y, name="赤壁市羊楼洞茶业有限公司", jurisdiction_code="421281"))
    save_enterprise(b, Enterprise(uscc=Y, name="赤壁 羊楼洞茶业（有限公司）", jurisdiction_code="421281"))
    export_to(a, tmp_path / "a.xlsx", A)
    export_to(b, tmp_path / "b.xlsx", B)
    merge(county, tmp_path / "a.xlsx", A)
    result = merge(county, tmp_path / "b.xlsx", B)
    assert [c["reason"] for c in result.conflicts] == ["duplicate_uscc"]
    assert not result.to_json()["filed_under"]
    assert not [w for w in result.warnings if "新企业归入" in w]


@pytest.mark.parametrize(("a", "b", "same"), [
    ("赤壁羊楼洞茶业", "赤壁市羊楼洞茶业有限公司", True),
    ("咸宁市嘉鱼县泰茂管业", "嘉鱼泰茂管业有限责任公司", True),
    ("ＡＢＣ 管业（嘉鱼）", "abc管业(嘉鱼)有限公司", True),  # full/half width, case, brackets
    (TAIMAO, XIN, False),
    ("嘉鱼管业有限公司", "赤壁管业有限公司", False),  # the places tell them apart
    ("泰茂管业", "泰茂管材", False),
    ("嘉鱼泰茂管业分公司", "嘉鱼泰茂管业有限公司", False),  # 分公司 is not a legal form
])
def test_the_name_rule_is_conservative(a: str, b: str, same: bool) -> None:
    assert same_firm_name(a, b) is same
    assert name_key("嘉鱼县") == ("嘉鱼县", ())  # a place alone is no place prefix


def test_cli_json_and_text_name_both_firms(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                           ) -> None:
    county, pkgs = _signed(tmp_path)
    for name in ("a1", "a2"):
        assert _cli(["import", str(pkgs[name]), "--db", str(county)]) == 0
    capsys.readouterr()
    assert _cli(["import", str(pkgs["b1"]), "--db", str(county), "--dry-run", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    [filed] = out["filed_under"]
    assert (filed["name"], filed["local_name"], filed["records"]) == (XIN, TAIMAO, 3)
    assert any(w.startswith("新企业归入了名称不同的另一企业") for w in out["warnings"])
    assert _cli(["import", str(pkgs["b1"]), "--db", str(county)]) == 0
    text = capsys.readouterr().out
    [line] = [x for x in text.splitlines() if "新企业归入" in x]
    assert line.startswith("  注意：新企业归入了名称不同的另一企业") and XIN in line and TAIMAO in line


def test_the_import_dialog_says_it(tmp_path: Path, qtbot, chinese) -> None:  # noqa: ANN001
    from qcdesk.ui.exchange_dialogs import ImportDialog

    _scenario(tmp_path)
    county = Store.open(tmp_path / "county.db", author="C")
    for name, signer in (("a1", A), ("a2", A)):
        merge(county, tmp_path / f"{name}.xlsx", signer)
    result = merge(county, tmp_path / "b1.xlsx", B)
    county.close()
    dlg = ImportDialog(tmp_path / "county.db")
    qtbot.addWidget(dlg)
    dlg._show(result, {"name": "嘉鱼县局"}, False)
    status = dlg.status.text()
    assert "新企业归入了名称不同的另一企业" in status and XIN in status and TAIMAO in status
    assert "3 条记录" in status


def test_the_conflict_view_explains_it_in_words(tmp_path: Path, qtbot, chinese) -> None:  # noqa: ANN001
    from qcdesk.ui.conflict_dialog import ConflictDialog

    _scenario(tmp_path)
    county = Store.memory("C")
    for name, signer in (("a1", A), ("a2", A), ("b1", B)):
        merge(county, tmp_path / f"{name}.xlsx", signer)
    dlg = ConflictDialog(county)
    qtbot.addWidget(dlg)
    note = dlg.group_note.text()
    assert dlg.group_note.isVisibleTo(dlg)
    assert f"数据包中的新企业“{XIN}”（421221 嘉鱼县）与本机企业“{TAIMAO}”" in note
    assert "归入了" in note and "两者名称不同" in note and "请填错代码的一方更正代码后重新发送" in note
    assert f"点“{dlg.keep_button.text()}”" in note  # the button it names is the one shown


# --- signed packages through the CLI ---------------------------------------------------------

def _cli(argv: list[str]) -> int:
    from qcdesk.cli import main

    return main(argv)


def _signed(tmp: Path) -> tuple[Path, dict[str, Path]]:
    """The scenario as signed packages of two inspectors' keys; a county database trusting both."""
    from qcdesk.exchange.minisign import PublicKey
    from qcdesk.models import trust_store

    (tmp / "pw.txt").write_text("长口令 long passphrase\n", encoding="utf-8")
    keys = {}
    for who in ("张三", "李四"):
        out = tmp / f"keys-{who}"
        assert _cli(["keygen", "--name", who, "--jurisdiction", "421221", "--out", str(out),
                     "--light", "--passphrase-file", str(tmp / "pw.txt")]) == 0
        keys[who] = (out / f"421221_{who}.key", out / f"421221_{who}.pub", who)
    a_db, b_db = tmp / "a.db", tmp / "b.db"
    a, b = Store.open(a_db, author="a"), Store.open(b_db, author="b")
    taimao = save_enterprise(a, Enterprise(uscc=P, name=TAIMAO, jurisdiction_code="421221"))
    _visit(a, taimao, "A 在泰茂管业的检查")
    xin = save_enterprise(b, Enterprise(uscc=Y, name=XIN, jurisdiction_code="421221"))
    _visit(b, xin, "B 在嘉鱼新管材的检查")
    b.close()
    a.close()
    pkgs = {"a1": _export(tmp, a_db, keys["张三"], "a1"), "b1": _export(tmp, b_db, keys["李四"], "b1")}
    a = Store.open(a_db, author="a")
    taimao = fetch_record(a, Enterprise, taimao.id)
    taimao.uscc = Y
    save_enterprise(a, taimao)
    a.close()
    pkgs["a2"] = _export(tmp, a_db, keys["张三"], "a2")
    county = tmp / "county.db"
    c = Store.open(county, author="county")
    for _key, pub, who in keys.values():
        trust_store.add_key(c, PublicKey.load(pub), name=who, role="inspector")
    c.close()
    return county, pkgs


def _export(tmp: Path, db: Path, key: tuple[Path, Path, str], name: str) -> Path:
    out = tmp / f"out-{name}"
    out.mkdir()
    assert _cli(["export", "--db", str(db), "--key", str(key[0]), "--out", str(out),
                 "--passphrase-file", str(tmp / "pw.txt")]) == 0
    [pkg] = out.iterdir()
    return pkg
