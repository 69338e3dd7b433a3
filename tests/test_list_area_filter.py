"""A jurisdiction means one area on every list: 咸安区 takes in 咸宁高新区 (parented to it, as the
draw pool, the warnings and the quarterly report count it), 咸宁市 is the whole city, 咸宁高新区
alone is only itself. The reviewer's case (s7/r2): 整改跟踪 with 咸安区 + 已逾期 showed 2 orders
while `qcdesk warnings --jurisdiction 咸安区` counted 5, and 咸宁市 listed nothing."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt

import qcdesk.ui.export_list as export_ui
import qcdesk.ui.file_dialogs as file_dialogs
from qcdesk.export.list_export import export_list
from qcdesk.export.list_words import filter_words
from qcdesk.models.demonstration import DemonstrationZone, list_zones, save_zone
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.jurisdictions import HIGH_TECH_ZONE_CODE
from qcdesk.models.listing import (
    ENTERPRISES,
    OVERDUE,
    RECTIFICATIONS,
    VISITS,
    ListFilters,
    ListRequest,
    ListSource,
)
from qcdesk.models.records import Enterprise, Inspector, Sample, Visit
from qcdesk.models.rectifications import order_rectification
from qcdesk.models.store import Store
from qcdesk.models.warnings import early_warnings
from qcdesk.ui.list_pages import ListPage

XIANAN, JIAYU, CITY = "421202", "421221", "421200"
# (name, credit code, jurisdiction, late orders): 2 in 咸安区 itself, 3 in the 高新区, 1 in 嘉鱼县
FIRMS = (("咸安苎麻纺织厂", "91421281MA4KL5FE07", XIANAN, 2),
         ("高新区机电公司", "92421281MA4C3FYL02", HIGH_TECH_ZONE_CODE, 3),
         ("嘉鱼管材厂", "93421281MA4NECRW8W", JIAYU, 1))


@pytest.fixture
def areas(store: Store) -> Store:
    """Each firm: one spot check, every sample failed, each with an order 100 days old (late)."""
    today = date.today()
    visited, ordered = (today - timedelta(days=110)).isoformat(), today - timedelta(days=100)
    pair = [save_inspector(store, Inspector(name=n, jurisdiction_code=XIANAN)).uuid for n in ("王磊", "李娜")]
    for name, uscc, code, late in FIRMS:
        firm = save_enterprise(store, Enterprise(uscc=uscc, name=name, jurisdiction_code=code))
        bundle = save_visit(store, VisitBundle(
            Visit(enterprise_id=firm.id, visit_date=visited, kind="spot_check", inspectors=pair,
                  status="done"),
            samples=[Sample(product_name=f"产品{i}", result="fail", failed_items="标志")
                     for i in range(late)]))
        for sample in bundle.samples:
            order_rectification(store, visit=bundle.visit, requirement="整改", ordered_on=ordered.isoformat(),
                                rule_set="samr18", sample=sample, today=ordered)
    return store


def _shown(page: ListPage, qtbot, key: str) -> list[str]:  # noqa: ANN001
    """The column `key` of every row the page shows, once its total has been counted."""
    page.wait_for_count()
    qtbot.waitUntil(lambda: not page.count_label.text().startswith("正在"), timeout=5000)
    model = page.model
    while model.canFetchMore(model.index(-1, -1)):
        model.fetchMore(model.index(-1, -1))
    column = [c.key for c in model._columns].index(key)
    return [model.index(r, column).data() for r in range(model.rowCount())]


def _choose(page: ListPage, code: str) -> str:
    """Pick a jurisdiction in the filter bar as the clerk does; its label."""
    page.jurisdiction.setCurrentIndex(page.jurisdiction.findData(code))
    return page.jurisdiction.currentText()


def test_xianan_overdue_lists_the_high_tech_zone_like_the_warnings(qtbot, chinese, areas: Store,  # noqa: ANN001
                                                                   monkeypatch: pytest.MonkeyPatch,
                                                                   tmp_path: Path) -> None:
    page = ListPage(areas, RECTIFICATIONS)
    qtbot.addWidget(page)
    assert _choose(page, XIANAN) == "咸安区（含咸宁高新区）"  # the clerk sees what it takes in
    page.status.setCurrentIndex(page.status.findData(OVERDUE))
    rows = _shown(page, qtbot, "enterprise")
    warned = [w for w in early_warnings(areas, date.today(), jurisdiction=XIANAN)
              if w.kind == "rectification_overdue"]
    assert len(rows) == len(warned) == 5  # was 2: the 高新区's 3 were left out
    assert sorted(rows) == ["咸安苎麻纺织厂"] * 2 + ["高新区机电公司"] * 3
    assert page.count_label.text() == "共 5 条"
    # 导出列表 from the page: the same 5 rows, and the 说明 says what the area took in
    monkeypatch.setattr(file_dialogs.QFileDialog, "getSaveFileName",
                        lambda *_a: (str(tmp_path / "逾期.xlsx"), ""))
    monkeypatch.setattr(export_ui.QMessageBox, "information", lambda *_a: None)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.export_button.job is not None and page.export_button.job.done, timeout=10000)
    book = openpyxl.load_workbook(tmp_path / "逾期.xlsx")
    exported = [r[1] for r in book.worksheets[0].iter_rows(min_row=2, values_only=True)]
    assert sorted(exported) == sorted(rows)
    notes = dict(book["说明"].iter_rows(min_row=2, values_only=True))
    assert notes["筛选"] == "辖区：咸安区（含咸宁高新区）；状态：已逾期"


def test_the_city_lists_everything_and_the_zone_only_itself(qtbot, chinese, areas: Store) -> None:  # noqa: ANN001
    page = ListPage(areas, RECTIFICATIONS)
    qtbot.addWidget(page)
    assert _choose(page, CITY) == "咸宁市（全市）"
    assert len(_shown(page, qtbot, "enterprise")) == 6  # was 0
    assert page.count_label.text() == "共 6 条"
    assert _choose(page, HIGH_TECH_ZONE_CODE) == "咸宁高新区"
    assert _shown(page, qtbot, "enterprise") == ["高新区机电公司"] * 3
    assert page.count_label.text() == "共 3 条"
    assert _choose(page, JIAYU) == "嘉鱼县"
    assert _shown(page, qtbot, "enterprise") == ["嘉鱼管材厂"]


@pytest.mark.parametrize("kind, key", [(ENTERPRISES, "name"), (VISITS, "enterprise")])
def test_enterprises_and_visits_take_in_the_zone_too(qtbot, chinese, areas: Store, kind: str,  # noqa: ANN001
                                                     key: str) -> None:
    page = ListPage(areas, kind)
    qtbot.addWidget(page)
    _choose(page, XIANAN)
    assert sorted(_shown(page, qtbot, key)) == ["咸安苎麻纺织厂", "高新区机电公司"]
    assert page.count_label.text() == "共 2 条"
    _choose(page, CITY)
    assert len(_shown(page, qtbot, key)) == 3


def test_a_search_within_an_area_and_the_core_export_agree(areas: Store, tmp_path: Path) -> None:
    request = ListRequest(RECTIFICATIONS, ListFilters(jurisdiction=XIANAN, search="高新区"))
    source = ListSource(areas, request)
    assert source.count() == 3 and len(source.read(None, 100, budget=None).keys) == 3
    result = export_list(ListSource(areas, request), tmp_path / "x.xlsx", exported_by="王磊")
    assert result.rows == 3
    assert filter_words(ListRequest(VISITS, ListFilters(jurisdiction=CITY))) == "辖区：咸宁市（全市）"


def test_zones_of_an_area_take_in_the_zone(store: Store) -> None:
    for name, code in (("咸安苎麻示范区", XIANAN), ("高新区机电示范区", HIGH_TECH_ZONE_CODE),
                       ("嘉鱼管材示范区", JIAYU)):
        save_zone(store, DemonstrationZone(name=name, kind="zone", level="national", status="accepted",
                                           jurisdiction_code=code, lead_industry="机电"))
    xianan = sorted(z.name for z in list_zones(store, jurisdiction=XIANAN))
    assert xianan == ["咸安苎麻示范区", "高新区机电示范区"]
    assert len(list_zones(store, jurisdiction=CITY)) == 3
    assert [z.name for z in list_zones(store, jurisdiction=HIGH_TECH_ZONE_CODE)] == ["高新区机电示范区"]
