"""A notice number (文号) already on two live orders — kept by an import, which reports it once, or
left from data older than the save's check — is warned as 文号重复 until one is renumbered: one
row per order, naming the other order(s) and saying what to do, on the warnings page, by
`qcdesk warnings` and in its workbook, and in the dashboard's count."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from day_clock import fixed_today
from test_import_notice_duplicates import _import, _inspector, _receiver
from withdrawn_orders import LATE, build_orders

from qcdesk.cli import main
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_visit
from qcdesk.models.persistence import fetch_record, soft_delete, update_record
from qcdesk.models.records import Enterprise, Finding, Rectification, Visit
from qcdesk.models.rectifications import number_order, order_rectification
from qcdesk.models.store import Store
from qcdesk.models.warnings import count_warnings, early_warnings, warning_counts

NUMBER = "赤市监质改〔2026〕4号"  # build_orders gives it to its late order (黑茶 is 3号, 红茶 4号)
SINCE_ORDER = (LATE - date(2026, 9, 10)).days


def _second_order(store: Store, number: str, ordered_on: str = "2026-09-20",
                  uscc: str = "91421221MA4E3XHX15", name: str = "嘉鱼县管业有限公司") -> Rectification:
    """An order of a 嘉鱼 enterprise, numbered afterwards by hand (as old data or an import holds it)."""
    e = save_enterprise(store, Enterprise(uscc=uscc, name=name, jurisdiction_code=uscc[2:8]))
    inspectors = [i for (i,) in store.db.execute("SELECT uuid FROM inspector ORDER BY id LIMIT 2")]
    bundle = save_visit(store, VisitBundle(
        Visit(enterprise_id=e.id, visit_date="2026-09-18", kind="special", inspectors=inspectors,
              status="done", summary="日常检查"),
        findings=[Finding(description="未建立原料进货查验记录")]))
    rect = order_rectification(store, visit=bundle.visit, requirement="建立进货查验记录",
                               ordered_on=ordered_on, rule_set="samr18", finding=bundle.findings[0],
                               notice_no=f"嘉市监质改〔2026〕{ordered_on[-2:]}{uscc[7]}号",
                               today=date(2026, 9, 20))
    rect.notice_no = number
    return update_record(store, rect)


def test_each_order_sharing_a_number_is_warned_naming_the_other(store: Store) -> None:
    orders = build_orders(store)
    other = _second_order(store, "赤市监质改[2026]004号")  # the same number, spelt otherwise
    gone = _second_order(store, "赤市监质改〔2026〕3号", uscc="91421222MA4PJ5BUX4", name="通城县磨具厂")
    soft_delete(store, fetch_record(store, Rectification, gone.id))  # a deleted order holds no number
    found = [w for w in early_warnings(store, LATE) if w.kind == "notice_duplicate"]
    by_order = {w.record_uuid: w for w in found}
    assert set(by_order) == {orders.late.uuid, other.uuid}
    mine = by_order[orders.late.uuid]
    assert (mine.kind_label, mine.enterprise_name, mine.subject, mine.due, mine.days) == (
        "文号重复", "赤壁市羊楼洞茶业有限公司", NUMBER, "2026-09-10", SINCE_ORDER)
    assert mine.reason == (
        f"文号{NUMBER}另有1项整改同时使用：嘉鱼县管业有限公司，2026年9月20日下达，待整改。"
        "一个文号只对应一份责令整改通知书：请对照发文登记簿核实，为其中一项重新编号"
        "（在“整改跟踪”中打开该整改，点“更正文号”）")
    theirs = by_order[other.uuid]
    assert theirs.subject == "赤市监质改[2026]004号"
    assert "赤壁市羊楼洞茶业有限公司，2026年9月10日下达，待整改" in theirs.reason
    english = theirs.reason_text("en")
    assert "renumber one of them" in english and "ordered on 2026-09-10" in english
    assert count_warnings(store, LATE, refresh=False) == warning_counts(early_warnings(store, LATE))

    # in 嘉鱼's list only its own order, still naming the 赤壁 one
    [local] = [w for w in early_warnings(store, LATE, jurisdiction="421221") if w.kind == "notice_duplicate"]
    assert local.record_uuid == other.uuid
    assert count_warnings(store, LATE, jurisdiction="421221", refresh=False)["notice_duplicate"] == 1

    number_order(store, fetch_record(store, Rectification, other.id), "嘉市监质改〔2026〕9号", correct=True)
    assert not [w for w in early_warnings(store, LATE) if w.kind == "notice_duplicate"]  # renumbered: gone


def test_a_withdrawn_order_is_named_as_withdrawn(store: Store) -> None:
    orders = build_orders(store)
    other = _second_order(store, orders.withdrawn.notice_no)
    [w] = [w for w in early_warnings(store, LATE, ("notice_duplicate",)) if w.record_uuid == other.uuid]
    assert "赤壁市羊楼洞茶业有限公司，2026年9月10日下达，已撤销（复检合格）" in w.reason


def test_cli_and_workbook_list_them(store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    orders = build_orders(store)
    _second_order(store, NUMBER)
    out = tmp_path / "w.xlsx"
    assert main(["warnings", "--db", str(store.path), "--date", LATE.isoformat(), "--xlsx", str(out)]) == 0
    lines = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    dup = [line for line in lines if line[0] == "文号重复"]
    assert sorted(line[1] for line in dup) == ["嘉鱼县管业有限公司", "赤壁市羊楼洞茶业有限公司"]
    assert all("请对照发文登记簿核实" in line[3] for line in dup)
    rows = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True))
    at = {t: i for i, t in enumerate(rows[0])}
    mine = [r for r in rows[1:]
            if r[at["预警类型"]] == "文号重复" and r[at["企业名称"]] == "赤壁市羊楼洞茶业有限公司"]
    assert [(r[at["相关事项"]], r[at["已过天数"]]) for r in mine] == [(orders.late.notice_no, SINCE_ORDER)]
    notes = " ".join(str(c) for row in openpyxl.load_workbook(out)["说明"].iter_rows(values_only=True)
                     for c in row if c)
    assert "文号重复为距该整改下达日期的天数" in notes


def test_after_an_import_keeps_both_the_warnings_list_them(tmp_path: Path) -> None:
    """The import reports the shared number once; afterwards the warnings keep listing it."""
    zhang = _inspector(tmp_path, "张三", 0, "嘉市监质改〔2024〕12号", "标签不规范")
    li = _inspector(tmp_path, "李四", 1, "嘉市监质改[2024]012号", "配料表不规范")
    county = _receiver(tmp_path, "县局", zhang, li)
    for who in (zhang, li):
        _import(county, who.export(tmp_path / who.name))
    store = Store.open(county)
    try:
        found = [w for w in early_warnings(store) if w.kind == "notice_duplicate"]
    finally:
        store.close()
    assert len(found) == 2
    assert {w.subject for w in found} == {"嘉市监质改〔2024〕12号", "嘉市监质改[2024]012号"}
    assert all("另有1项整改同时使用" in w.reason for w in found)


def test_the_page_lists_and_filters_them(qtbot, chinese, store: Store, settings,  # noqa: ANN001
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import qcdesk.ui.warnings_page as warnings_page

    fixed_today(monkeypatch, LATE)
    build_orders(store)
    _second_order(store, NUMBER)
    page = warnings_page.WarningsPage(store, settings=settings)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.computing, timeout=20000)  # counted in a worker
    page.kind.setCurrentIndex(page.kind.findData("notice_duplicate"))
    assert page.kind.currentText().startswith("文号重复")
    model = page.model
    cols = {c: i for i, c in enumerate(model.COLUMNS)}
    shown = [(model.index(r, cols["kind"]).data(), model.index(r, cols["subject"]).data(),
              model.index(r, cols["reason"]).data()) for r in range(model.rowCount())]
    assert len(shown) == 2 and {s[0] for s in shown} == {"文号重复"}
    assert all(s[1] == NUMBER and "为其中一项重新编号" in s[2] for s in shown)

