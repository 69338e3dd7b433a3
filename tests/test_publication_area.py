"""The area a publication names is the area its rows come from (s7/rra #2, #5): a 咸安区 sheet
holds 咸宁高新区 firms too, so its title and 说明 say 咸安区（含咸宁高新区）, as the lists, the
dashboard, the report and the draw dialog's summary do; 咸宁高新区 alone and 嘉鱼县 read plainly.
Read back from the real workbook with openpyxl; the draw dialog's 行政区划 combo reads the same."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from qcdesk.cli import main
from qcdesk.export.publication import write_draw_publication
from qcdesk.models.draw import DrawParameters, commit_draw, make_draw
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.jurisdictions import HIGH_TECH_ZONE_CODE
from qcdesk.models.records import Enterprise, Inspector, Sample, Visit
from qcdesk.models.store import Store

DAY = date(2026, 11, 30)
FIRMS = {"咸安苎麻纺织厂": ("91421202MA4AEDKU8T", "421202"),
         "高新区军工配件厂": ("914212003523203074", HIGH_TECH_ZONE_CODE),
         "嘉鱼管材厂": ("91421221MA4E3XHX15", "421221")}
XIANAN = "咸安区（含咸宁高新区）"


@pytest.fixture
def area_store(store: Store) -> Store:
    """A firm in 咸安区, one in 咸宁高新区 (within 咸安区), one in 嘉鱼县, none checked yet."""
    for name, code in (("孙秀", "421202"), ("黄斌", "421202"), ("江林", HIGH_TECH_ZONE_CODE),
                       ("周敏", HIGH_TECH_ZONE_CODE), ("刘洋", "421221"), ("陈静", "421221")):
        save_inspector(store, Inspector(name=name, jurisdiction_code=code))
    for name, (uscc, code) in FIRMS.items():
        save_enterprise(store, Enterprise(uscc=uscc, name=name, jurisdiction_code=code, industry="机电",
                                          main_products="配件"))
    return store


@pytest.fixture
def checked(area_store: Store) -> Store:
    """Each firm spot-checked in October (the period published)."""
    staff = [r[0] for r in area_store.db.execute("SELECT uuid FROM inspector ORDER BY id LIMIT 2")]
    for (eid,) in area_store.db.execute("SELECT id FROM enterprise").fetchall():
        save_visit(area_store, VisitBundle(Visit(enterprise_id=eid, visit_date="2026-10-15", status="done",
                                                 inspectors=staff),
                                           [Sample(product_name="配件", result="pass",
                                                   result_notified_on="2026-10-30")]))
    return area_store


def _sheets(path: Path) -> tuple[list[str], dict[str, str]]:
    """The firms on 公示 and the 说明 sheet as 项目 → 内容."""
    book = openpyxl.load_workbook(path)
    firms = [r[1] for r in book["公示"].iter_rows(min_row=2, values_only=True)]
    notes = {r[0]: r[1] for r in book["说明"].iter_rows(min_row=2, values_only=True)}
    return firms, notes


@pytest.mark.parametrize(("given", "area", "firms"), [
    ("咸安区", XIANAN, {"咸安苎麻纺织厂", "高新区军工配件厂"}),
    ("咸宁高新区", "咸宁高新区", {"高新区军工配件厂"}),
    ("嘉鱼县", "嘉鱼县", {"嘉鱼管材厂"}),
])
def test_a_period_sheet_names_the_area_its_rows_come_from(
        checked: Store, tmp_path: Path, given: str, area: str, firms: set[str]) -> None:
    out = tmp_path / "pub.xlsx"
    assert main(["publish", "--db", str(checked.path), "--from", "2026-10-01", "--to", "2026-11-30",
                 "--jurisdiction", given, "--out", str(out)]) == 0
    rows, notes = _sheets(out)
    assert set(rows) == firms
    assert notes["标题"] == f"监督抽查结果公示（{area}，2026-10-01至2026-11-30）"
    assert notes["范围"] == area


def test_a_draw_sheet_of_xianan_says_it_takes_in_the_high_tech_zone(
        area_store: Store, tmp_path: Path) -> None:
    params = DrawParameters(jurisdiction="421202", ratios=dict.fromkeys("ABCD", "1"))
    record = commit_draw(area_store, make_draw(area_store, seed="20261130", params=params, as_of=DAY,
                                               operator="王科长", witnesses=["李四"]))
    out = tmp_path / "draw.xlsx"
    assert main(["publish", "--db", str(area_store.path), "--draw", record.uuid, "--out", str(out)]) == 0
    rows, notes = _sheets(out)
    assert "高新区军工配件厂" in rows  # the zone's firm is drawn with 咸安区's...
    assert notes["标题"] == f"双随机抽查结果公示（{XIANAN}，2026-11-30抽取）"  # ...and the sheet says so
    assert notes["抽取范围"] == XIANAN


@pytest.mark.parametrize(("code", "area"), [(HIGH_TECH_ZONE_CODE, "咸宁高新区"), ("421221", "嘉鱼县")])
def test_a_draw_sheet_of_an_area_with_no_parts_reads_plainly(
        area_store: Store, tmp_path: Path, code: str, area: str) -> None:
    params = DrawParameters(jurisdiction=code, ratios=dict.fromkeys("ABCD", "1"))
    record = commit_draw(area_store, make_draw(area_store, seed="7", params=params, as_of=DAY,
                                               operator="王科长", witnesses=["李四"]))
    out = tmp_path / "draw.xlsx"
    write_draw_publication(area_store, record, out)
    _rows, notes = _sheets(out)
    assert notes["抽取范围"] == area and f"（{area}，" in notes["标题"]


def test_the_draw_dialog_names_xianan_as_the_lists_do(
        qtbot, chinese: None, area_store: Store, paths, tmp_path: Path) -> None:  # noqa: ANN001
    from qcdesk.ui.draw_dialog import DrawDialog

    dialog = DrawDialog(area_store, paths, today=DAY)
    qtbot.addWidget(dialog)
    combo = dialog.jurisdiction
    texts = {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}
    assert texts["421202"] == XIANAN
    assert texts[HIGH_TECH_ZONE_CODE] == "咸宁高新区" and texts["421221"] == "嘉鱼县"
    assert texts["421200"] == "咸宁市（全市）"
    combo.setCurrentIndex(combo.findData("421202"))
    dialog.seed.setText("20261130")
    for edit in dialog.ratios.values():  # every firm in the pool drawn
        edit.setText("1")
    dialog.operator.setText("王科长")
    dialog.witnesses.setText("李四")
    assert dialog.preview() and dialog.commit()
    out = tmp_path / "dialog.xlsx"
    assert dialog.export_publication(str(out)) == str(out)  # 导出公示表 of the draw just made
    rows, notes = _sheets(out)
    assert "高新区军工配件厂" in rows and notes["抽取范围"] == XIANAN


def test_a_draw_made_under_pool_rule_1_keeps_its_plain_area(area_store: Store, tmp_path: Path) -> None:
    """Rule 1 drew 咸安区's own firms only: its sheet must not claim the zone's."""
    params = DrawParameters(jurisdiction="421202", ratios=dict.fromkeys("ABCD", "1"), pool_rule=1)
    record = commit_draw(area_store, make_draw(area_store, seed="7", params=params, as_of=DAY,
                                               operator="王科长", witnesses=["李四"]))
    out = tmp_path / "draw.xlsx"
    write_draw_publication(area_store, record, out)
    rows, notes = _sheets(out)
    assert rows == ["咸安苎麻纺织厂"] and notes["抽取范围"] == "咸安区"


def test_each_check_is_published_under_the_bureau_that_made_it(area_store: Store, tmp_path: Path) -> None:
    """Review (city office): at the city, every county's spot check was published with 检查机关
    咸宁市市场监督管理局, the city's own name, because its samples name no 组织单位. A check is
    published under the bureau its 抽样单 speaks for: its inspectors' county bureau; the city's
    own crews and a named 组织单位 as before."""
    crews = {code: [r[0] for r in area_store.db.execute(
        "SELECT uuid FROM inspector WHERE jurisdiction_code = ? ORDER BY id", [code])]
        for code in ("421202", HIGH_TECH_ZONE_CODE, "421221")}
    for name in ("王城", "李市"):
        save_inspector(area_store, Inspector(name=name, jurisdiction_code="421200"))
    crews["421200"] = [r[0] for r in area_store.db.execute(
        "SELECT uuid FROM inspector WHERE jurisdiction_code = '421200' ORDER BY id")]
    firm = {name: r[0] for name in FIRMS for r in area_store.db.execute(
        "SELECT id FROM enterprise WHERE name = ?", [name])}
    checks = [("咸安苎麻纺织厂", "421202", "苎麻布", ""),
              ("高新区军工配件厂", HIGH_TECH_ZONE_CODE, "配件", ""),
              ("嘉鱼管材厂", "421221", "PVC管", ""), ("嘉鱼管材厂", "421200", "PE管", ""),
              ("咸安苎麻纺织厂", "421202", "苎麻纱", "湖北省市场监督管理局")]
    for firm_name, crew, product, organiser in checks:
        save_visit(area_store, VisitBundle(
            Visit(enterprise_id=firm[firm_name], visit_date="2026-10-15", status="done",
                  inspectors=crews[crew]),
            [Sample(product_name=product, organiser=organiser, result="pass", samplers=["甲", "乙"],
                    result_notified_on="2026-10-30")]))
    out = tmp_path / "公示.xlsx"
    assert main(["publish", "--db", str(area_store.path), "--from", "2026-10-01", "--to", "2026-10-31",
                 "--out", str(out)]) == 0
    rows = list(openpyxl.load_workbook(out)["公示"].iter_rows(min_row=2, values_only=True))
    assert {r[3]: r[4] for r in rows} == {
        "苎麻布": "咸宁市咸安区市场监督管理局", "配件": "咸宁高新区市场监督管理局",
        "PVC管": "嘉鱼县市场监督管理局", "PE管": "咸宁市市场监督管理局",
        "苎麻纱": "湖北省市场监督管理局"}
