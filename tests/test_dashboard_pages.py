"""Pages the dashboard opens: warnings, zones, the draw dialog; their item models pass qtmodeltester."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt

from qcdesk.models.demonstration import list_zones
from qcdesk.models.draw import find_draw, verify_draw
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.records import Enterprise, Inspector, Licence, Sample, Visit
from qcdesk.models.store import Store
from qcdesk.ui import zones_page
from qcdesk.ui.draw_dialog import DrawDialog
from qcdesk.ui.warnings_page import WarningsPage
from qcdesk.ui.zones_page import ZoneDialog, ZonesPage

CODES = ["91421281MA4KL5FE07", "92421281MA4C3FYL02", "93421281MA4NECRW8W", "91421221MA4E3XHX15"]


@pytest.fixture
def county(store: Store) -> Store:
    insp = [save_inspector(store, Inspector(name=n, jurisdiction_code="421281")).uuid
            for n in ("王磊", "李娜", "张伟")]
    for i, code in enumerate(CODES):
        j = "421221" if code[2:8] == "421221" else "421281"
        ent = Enterprise(uscc=code, name=f"测试企业{i}", jurisdiction_code=j, industry="砖茶")
        lic = Licence(number="SC11442128100017", product="砖茶", expires_on="2026-01-01")
        e = save_enterprise(store, ent, [lic])
        if i == 0:
            visit = Visit(enterprise_id=e.id, visit_date="2025-03-01", status="done", inspectors=insp[:2])
            sample = Sample(product_name="青砖茶", result="fail", failed_items="水分")
            save_visit(store, VisitBundle(visit, [sample]))
    return store


def test_warnings_page_filters_saves_and_model(qtbot, qtmodeltester, county: Store, tmp_path: Path) -> None:  # noqa: ANN001
    page = WarningsPage(county)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.computing, timeout=20000)  # counted in a worker
    qtmodeltester.check(page.model)
    total = page.model.rowCount()
    assert total >= 4  # four expired licences at least
    page.set_filters({"kind": "licence_expired"})
    assert page.model.rowCount() == 4
    assert all(w.kind == "licence_expired" for w in page.shown())
    qtmodeltester.check(page.model)
    with qtbot.waitSignal(page.open_enterprise) as blocker:
        page.view.doubleClicked.emit(page.model.index(0, 1))
    assert isinstance(blocker.args[0], int)
    out = page.save_as(tmp_path / "w.xlsx")
    ws = openpyxl.load_workbook(out).active
    assert ws.max_row == 5 and ws["A1"].value == "预警类型"
    page.set_filters({})
    assert page.model.rowCount() == total


def test_zone_dialog_saves_members_and_milestones(qtbot, qtmodeltester, county: Store,  # noqa: ANN001
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    page = ZonesPage(county)
    qtbot.addWidget(page)
    dialog = ZoneDialog(county, None, page)
    qtbot.addWidget(dialog)
    dialog.save()  # empty name: refused, the dialog says why
    assert "名称" in dialog.error.text() and not list_zones(county)
    dialog.name.setText("赤壁青砖茶质量提升示范区")
    dialog.level.setCurrentIndex(dialog.level.findData("national"))
    dialog.jurisdiction.setCurrentIndex(dialog.jurisdiction.findData("421281"))
    dialog.industry.setCurrentText("砖茶")
    dialog.search.setText("测试企业")
    assert dialog.matches.count() == 4
    dialog._add_selected()
    dialog._add_selected()  # same one twice: kept once
    dialog.add_milestone("创建方案", "2026-03-01", "2026-02-20")
    dialog.add_milestone("验收", "2027-06-30", "")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    zone = list_zones(county)[0]
    assert zone.level == "national" and len(zone.members) == 1 and zone.progress == (1, 2)
    page.refresh()
    qtbot.waitUntil(lambda: not page.computing, timeout=10000)  # read in a worker
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 1
    assert page.model.data(page.model.index(0, 6)) == "50% (1/2)"
    page.set_filters({"level": "provincial"})
    qtbot.waitUntil(lambda: not page.computing, timeout=10000)
    assert page.model.rowCount() == 0
    page.set_filters({})
    qtbot.waitUntil(lambda: not page.computing, timeout=10000)
    page.view.setCurrentIndex(page.model.index(0, 0))
    monkeypatch.setattr(zones_page, "confirm_delete", lambda parent, zone: True)  # asked: yes
    page.delete_selected()
    qtbot.waitUntil(lambda: not page.computing, timeout=10000)
    assert page.model.rowCount() == 0 and list_zones(county) == []


def test_draw_dialog_preview_commit_and_model(qtbot, qtmodeltester, county: Store) -> None:  # noqa: ANN001
    dialog = DrawDialog(county, None, today=date(2026, 11, 1))
    qtbot.addWidget(dialog)
    assert not dialog.preview()  # no seed
    assert "种子" in dialog.summary.text()
    dialog.seed.setText("2026-11-01 第1期")
    dialog.jurisdiction.setCurrentIndex(dialog.jurisdiction.findData("421281"))
    for edit in dialog.ratios.values():
        edit.setText("1")
    dialog.operator.setText("王科长")  # committing needs the operator and a witness
    dialog.witnesses.setText("李四、张三")
    assert dialog.preview()
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 3
    assert dialog.model.data(dialog.model.index(0, 1)).startswith("测试企业")
    assert dialog.commit_button.isEnabled()
    dialog.seed.setText("changed")  # any change needs a new preview before commit
    assert not dialog.commit_button.isEnabled()
    dialog.seed.setText("2026-11-01 第1期")
    dialog.preview()
    with qtbot.waitSignal(dialog.committed) as blocker:
        qtbot.mouseClick(dialog.commit_button, Qt.MouseButton.LeftButton)
    record = find_draw(county, blocker.args[0])
    assert record.witnesses == ["李四", "张三"] and len(record.selection) == 3
    assert verify_draw(county, record) == []
    planned = county.db.execute("SELECT count(*) FROM visit WHERE status = 'planned'").fetchone()[0]
    assert planned == 3


def test_warnings_page_sorts_by_every_column_and_remembers_it(qtbot, qtmodeltester, county: Store,  # noqa: ANN001
                                                              settings, tmp_path: Path) -> None:  # noqa: ANN001
    from qcdesk.models.name_order import name_sort_key

    page = WarningsPage(county, settings=settings)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.computing, timeout=20000)  # counted in a worker
    header = page.view.horizontalHeader()
    assert page.view.isSortingEnabled() and header.isSortIndicatorShown()
    days = page.model.COLUMNS.index("days")
    assert header.sortIndicatorSection() == days
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    shown = [w.days for w in page.model.rows]
    assert shown == sorted(shown, reverse=True)  # most overdue first, then the soonest due
    for column in range(page.model.columnCount()):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            header.setSortIndicator(column, order)  # what a click on the header does
            qtmodeltester.check(page.model)
    enterprise = page.model.COLUMNS.index("enterprise")
    header.setSortIndicator(enterprise, Qt.SortOrder.AscendingOrder)
    keys = [name_sort_key(w.enterprise_name) for w in page.model.rows]
    assert keys == sorted(keys)
    assert page.model.data(page.model.index(0, enterprise)) == page.model.rows[0].enterprise_name
    page.set_filters({"kind": "licence_expired"})  # a filter keeps the order chosen
    keys = [name_sort_key(w.enterprise_name) for w in page.model.rows]
    assert keys == sorted(keys) and len(keys) == 4
    due = page.model.COLUMNS.index("due")
    header.setSortIndicator(due, Qt.SortOrder.DescendingOrder)
    out = page.save_as(tmp_path / "w.xlsx")  # saved in the order shown
    ws = openpyxl.load_workbook(out).active
    assert [ws.cell(r, 2).value for r in range(2, 6)] == [w.enterprise_name for w in page.model.rows]
    again = WarningsPage(county, settings=settings)  # the next start sorts as the user left it
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: not again.computing, timeout=20000)  # counted in a worker
    assert again.view.horizontalHeader().sortIndicatorSection() == due
    dates = [w.due for w in again.model.rows if w.due]
    assert dates == sorted(dates, reverse=True)


def test_warnings_save_as_keeps_the_xlsx_suffix_and_says_why_it_failed(
        qtbot, county: Store, settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    import qcdesk.ui.warnings_page as warnings_page

    page = WarningsPage(county, settings=settings)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.computing, timeout=20000)  # counted in a worker
    assert page.save_as(tmp_path / "w.txt") == tmp_path / "w.txt.xlsx"
    assert not (tmp_path / "w.txt").exists()
    assert openpyxl.load_workbook(tmp_path / "w.txt.xlsx").active["A1"].value == "预警类型"
    assert page.save_as(tmp_path / "清单") == tmp_path / "清单.xlsx"
    said: list[str] = []
    monkeypatch.setattr(warnings_page.QMessageBox, "warning", lambda *args: said.append(args[2]))
    assert page.save_as(tmp_path / "no such folder" / "w.xlsx") is None
    assert "文件夹不存在" in said[0] and "No such file" not in said[0]
