"""Two inspectors, offline, each give an order the notice number 嘉市监质改〔2024〕12号 (one types
it with square brackets and a leading zero). The county imports both signed packages whole —
nothing refused, no number changed — and is told of the shared number, order by order, in the
import result, the CLI (text and --json, exit code 0), the import dialog and the reconciliation
workbook, so it can have one renumbered. An order re-imported (an update of itself) is no
duplicate. At the city, two counties that never set their own prefix both number with the
default 咸市监质改, and the report says so."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from exchange_fixtures import populate
from pytestqt.qtbot import QtBot
from python_calamine import CalamineWorkbook

from qcdesk.cli import main
from qcdesk.exchange.export import export_package
from qcdesk.exchange.importer import import_package
from qcdesk.exchange.minisign import generate_secret_key
from qcdesk.models import trust_store
from qcdesk.models.persistence import insert_record, update_record
from qcdesk.models.records import Finding, Rectification, Visit
from qcdesk.models.rectifications import order_rectification
from qcdesk.models.store import Store
from tests.inspector_pair import inspector_pair

NUMBER = "嘉市监质改〔2024〕12号"


@dataclass
class Inspector:
    name: str
    db: Path
    key: object
    jurisdiction: str
    role: str

    def export(self, out: Path, *, full: bool = True) -> Path:
        out.mkdir(parents=True, exist_ok=True)
        store = Store.open(self.db)
        try:
            return export_package(store, out, self.key, signer_name=self.name,
                                  jurisdiction=self.jurisdiction, role=self.role, full=full)
        finally:
            store.close()


def _inspector(tmp_path: Path, name: str, offset: int, number: str, text: str) -> Inspector:
    """An inspector's database: one enterprise (its own), one visit, the fixture's orders without
    numbers, and the order of the visit's finding numbered `number` as stored by hand."""
    db = tmp_path / f"{name}.db"
    store = Store.open(db, author=name)
    populate(store, 1, 1, text=text, uscc_offset=offset)
    rect = Rectification.from_row(next(store.db.query("SELECT * FROM rectification")))
    rect.notice_no = number
    update_record(store, rect)
    store.close()
    return Inspector(name, db, generate_secret_key(), "421202", "inspector")


@pytest.fixture
def two(tmp_path: Path) -> tuple[Inspector, Inspector]:
    return (_inspector(tmp_path, "张三", 0, NUMBER, "标签不规范"),
            _inspector(tmp_path, "李四", 1, "嘉市监质改[2024]012号", "配料表不规范"))


def _receiver(tmp_path: Path, name: str, *senders: Inspector) -> Path:
    db = tmp_path / f"{name}.db"
    store = Store.open(db, author=name)
    for s in senders:
        trust_store.add_key(store, s.key.public_key, name=s.name,  # type: ignore[attr-defined]
                            jurisdiction=s.jurisdiction, role=s.role)
    store.close()
    return db


def _orders(db: Path) -> list[tuple[str, str]]:
    store = Store.open(db)
    try:
        return [tuple(r) for r in store.db.execute(
            "SELECT e.name, r.notice_no FROM rectification r JOIN enterprise e ON e.id = r.enterprise_id"
            " WHERE r.notice_no != '' ORDER BY e.name")]
    finally:
        store.close()


def _import(db: Path, package: Path):  # noqa: ANN202 - ImportResult
    store = Store.open(db)
    try:
        return import_package(store, package)
    finally:
        store.close()


def test_both_orders_are_imported_and_the_shared_number_is_reported(
        tmp_path: Path, two: tuple[Inspector, Inspector]) -> None:
    zhang, li = two
    county = _receiver(tmp_path, "county", zhang, li)
    first = _import(county, zhang.export(tmp_path / "z"))
    assert first.duplicate_notices == [] and not any("文号" in w for w in first.warnings)
    second = _import(county, li.export(tmp_path / "l"))
    assert _orders(county) == [("咸宁企业0标签不规范", NUMBER),  # nothing refused or renumbered
                               ("咸宁企业0配料表不规范", "嘉市监质改[2024]012号")]
    [dup] = second.duplicate_notices
    assert dup.created and len(dup.orders) == 2
    assert {o.uuid in dup.in_package for o in dup.orders} == {True, False}
    noted = [w for w in second.warnings if w.startswith("文号重复")]
    assert noted == [
        f"文号重复：导入后，{NUMBER} 同时用于 2 项整改——"
        "咸宁企业0标签不规范，2024年1月16日下达，待整改，本机已有；"
        "咸宁企业0配料表不规范，2024年1月16日下达，待整改，本数据包。"
        "一个文号只对应一份责令整改通知书：导入时照原样保留，请对照发文登记簿核实，请下达方为其中多出的一项更正文号"]
    assert [w for w in second.warnings_en if w.startswith("Duplicate notice number: after this import "
                                                         f"{NUMBER} is on 2 orders")]


def test_cli_text_json_and_workbook_list_the_duplicate_and_exit_0(
        tmp_path: Path, two: tuple[Inspector, Inspector], capsys: pytest.CaptureFixture[str]) -> None:
    zhang, li = two
    pz, pl = zhang.export(tmp_path / "z"), li.export(tmp_path / "l")
    county = _receiver(tmp_path, "county", zhang, li)
    book = tmp_path / "对账.xlsx"
    assert main(["import", str(pz), "--db", str(county)]) == 0
    capsys.readouterr()
    assert main(["import", str(pl), "--db", str(county), "--reconcile", str(book)]) == 0
    out = capsys.readouterr()
    assert out.err == ""  # a report, not an error
    noted = [x for x in out.out.splitlines() if "文号重复" in x]
    assert len(noted) == 1 and noted[0].startswith(f"  注意：文号重复：导入后，{NUMBER} 同时用于 2 项整改")
    wb = CalamineWorkbook.from_path(str(book))
    rows = wb.get_sheet_by_name("重复文号").to_python()
    assert rows[0][:6] == ["文号", "本次导入产生", "企业", "下达日期", "状态", "在本数据包中"]
    assert sorted(r[0] for r in rows[1:]) == sorted([NUMBER, "嘉市监质改[2024]012号"])
    assert {r[5] for r in rows[1:]} == {"是", "否"} and {r[1] for r in rows[1:]} == {"是"}
    assert {r[6] for r in rows[1:]} == {"数据包（签名人 张三）", "数据包（签名人 李四）"}
    about = {r[0]: r[1] for r in wb.get_sheet_by_name("说明").to_python()}
    assert about["重复文号"].startswith("1 个（本次导入产生 1 个，导入前已存在 0 个）")

    other = _receiver(tmp_path, "county2", zhang, li)
    assert main(["import", str(pz), "--db", str(other), "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["duplicate_notices"] == [] and res["duplicate_notice_counts"] == {"created": 0, "existing": 0}
    assert main(["import", str(pl), "--db", str(other), "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["duplicate_notice_counts"] == {"created": 1, "existing": 0}
    [dup] = res["duplicate_notices"]
    assert dup["notice_no"] == NUMBER and dup["created"] is True
    assert {o["notice_no"]: o["in_package"] for o in dup["orders"]} == {
        NUMBER: False, "嘉市监质改[2024]012号": True}
    assert sum(w.startswith("文号重复") for w in res["warnings"]) == 1


def test_an_order_reimported_or_updated_is_no_duplicate_of_itself(
        tmp_path: Path, two: tuple[Inspector, Inspector]) -> None:
    zhang, _li = two
    county = _receiver(tmp_path, "county", zhang)
    package = zhang.export(tmp_path / "z1")
    assert _import(county, package).duplicate_notices == []
    store = Store.open(zhang.db)
    rect = Rectification.from_row(next(store.db.query("SELECT * FROM rectification WHERE notice_no != ''")))
    rect.status, rect.report_submitted_on = "report_submitted", "2024-02-01"
    update_record(store, rect)
    store.close()
    again = _import(county, zhang.export(tmp_path / "z2", full=False))
    assert again.counts["rectification"]["updated"] == 1
    assert again.duplicate_notices == [] and not any("文号" in w for w in again.warnings)
    assert len(_orders(county)) == 1


def test_a_duplicate_already_there_is_reported_again_as_such(
        tmp_path: Path, two: tuple[Inspector, Inspector]) -> None:
    zhang, li = two
    county = _receiver(tmp_path, "county", zhang, li)
    _import(county, zhang.export(tmp_path / "z"))
    _import(county, li.export(tmp_path / "l"))
    store = Store.open(li.db)
    rect = Rectification.from_row(next(store.db.query("SELECT * FROM rectification WHERE notice_no != ''")))
    rect.report_submitted_on, rect.status = "2024-02-01", "report_submitted"
    update_record(store, rect)
    store.close()
    result = _import(county, li.export(tmp_path / "l2", full=False))
    [dup] = result.duplicate_notices
    assert not dup.created
    assert any(w.startswith(f"文号重复（导入前已是如此）：{NUMBER} 同时用于 2 项整改")
               for w in result.warnings)
    assert "已提交整改报告" in next(w for w in result.warnings if w.startswith("文号重复"))


def test_the_import_dialog_shows_the_duplicate(qtbot: QtBot, chinese: None, tmp_path: Path,
                                               two: tuple[Inspector, Inspector]) -> None:
    from qcdesk.ui.exchange_dialogs import ImportDialog

    zhang, li = two
    county = _receiver(tmp_path, "gui", zhang, li)
    _import(county, zhang.export(tmp_path / "z"))
    dialog = ImportDialog(county, package=li.export(tmp_path / "l"))
    qtbot.addWidget(dialog)
    job = dialog.run(dry_run=True)
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert f"文号重复：导入后，{NUMBER} 同时用于 2 项整改" in dialog.status.text()  # before importing
    job = dialog.run(dry_run=False)
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    text = dialog.status.text()
    assert text.splitlines()[0] == "已导入。" and f"文号重复：导入后，{NUMBER}" in text
    assert len(_orders(county)) == 2


def test_two_counties_numbering_with_the_default_prefix_meet_at_the_city(
        tmp_path: Path) -> None:
    """Neither county set its prefix: the serial 12 each typed is stored as the city's
    咸市监质改〔2026〕12号 in both, and the city is told where the clash comes from."""
    counties = []
    for name, offset, area in (("嘉鱼县局", 1, "421221"), ("赤壁市局", 5, "421281")):
        db = tmp_path / f"{name}.db"
        store = Store.open(db, author=name)
        populate(store, 1, 1, uscc_offset=offset)
        visit = Visit.from_row(next(store.db.query("SELECT * FROM visit")))
        visit.inspectors = inspector_pair(store)  # an order on a finding: a check by two
        visit = update_record(store, visit)
        finding = insert_record(store, Finding(visit_id=visit.id, description="未建立进货查验记录"))
        rect = order_rectification(store, visit=visit, requirement="建立进货查验记录",
                                   ordered_on="2026-11-10", rule_set="samr18", finding=finding,
                                   notice_no="12")
        assert rect.notice_no == "咸市监质改〔2026〕12号"  # the default prefix completed the serial
        store.close()
        counties.append(Inspector(name, db, generate_secret_key(), area, "county"))
    city = _receiver(tmp_path, "city", *counties)
    assert _import(city, counties[0].export(tmp_path / "a")).duplicate_notices == []
    result = _import(city, counties[1].export(tmp_path / "b"))
    [dup] = result.duplicate_notices
    assert dup.notice_no == "咸市监质改〔2026〕12号" and dup.created
    line = next(w for w in result.warnings if w.startswith("文号重复"))
    assert line.endswith("；咸市监质改〔2026〕12号 用的是 QCDesk 默认的市局前缀“咸市监质改”："
                         "若不是市局下达的，下达方须在“设置”中填写本局的整改通知书文号前缀")


def _zhang_numbers_the_order(store: Store) -> None:
    rect = Rectification.from_row(next(store.db.query("SELECT * FROM rectification")))
    rect.notice_no = NUMBER
    update_record(store, rect)


def _li_words_it_and_numbers_another(store: Store) -> None:
    """李四 rewords the shared order and gives NUMBER to another order of his own."""
    rect = Rectification.from_row(next(store.db.query("SELECT * FROM rectification")))
    rect.requirement = "更换不合格标签并召回已售产品"
    update_record(store, rect)
    visit = Visit.from_row(next(store.db.query("SELECT * FROM visit")))
    finding = insert_record(store, Finding(visit_id=visit.id, description="未建立进货查验记录"))
    insert_record(store, Rectification(
        enterprise_id=visit.enterprise_id, visit_id=visit.id, finding_id=finding.id,
        requirement="建立进货查验记录", ordered_on="2024-02-01", deadline="2024-04-01",
        recheck_due="2024-04-16", notice_no=NUMBER))


def test_a_combination_taking_a_number_another_order_has_is_refused(tmp_path: Path) -> None:
    """In a conflict, ticking 张三's 文号 while 李四's other order carries it is a save made here
    and refused as the order dialog refuses it; 李四's wording alone, or 张三's whole version
    (as an import would keep it), stay possible."""
    from conflict_fixtures import two_sides
    from exchange_fixtures import dump

    from qcdesk.exchange.reconcile import resolve_conflict
    from qcdesk.models import exchange_store as xs
    from qcdesk.models.conflict_checks import CombinationRefused

    store = two_sides(tmp_path, _zhang_numbers_the_order, _li_words_it_and_numbers_another)
    (conflict,) = [c for c in xs.open_conflicts(store) if c["kind"] == "rectification"]
    before = dump(store)
    with pytest.raises(CombinationRefused, match=f"通知书文号 {NUMBER} 已用于另一项整改.*2024年2月1日下达"):
        resolve_conflict(store, conflict["id"], fields_from_other=["notice_no"])
    assert dump(store) == before
    resolve_conflict(store, conflict["id"], take_incoming=True)  # the whole version: kept as sent
    assert sorted(r[0] for r in store.db.execute("SELECT notice_no FROM rectification")) == [NUMBER, NUMBER]
