"""The warnings page can be limited to a jurisdiction, as `qcdesk warnings --jurisdiction` can
(s7/r2 #5), an area as on the lists (咸安区 with 咸宁高新区), and its export says and keeps it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QSettings, Qt

import qcdesk.ui.export_list as export_ui
import qcdesk.ui.file_dialogs as file_dialogs
from qcdesk.models.demo import build_demo
from qcdesk.models.jurisdictions import HIGH_TECH_ZONE_CODE
from qcdesk.models.store import Store
from qcdesk.models.warnings import early_warnings
from qcdesk.ui.warnings_page import WarningsPage

pytestmark = pytest.mark.usefixtures("chinese")
XIANAN = "421202"


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("warn") / "demo.db", seed=7, enterprises=150, visits=1000,
                      today=date.today())


@pytest.fixture
def page(qtbot, demo_path: Path, tmp_path: Path, settings: QSettings) -> WarningsPage:  # noqa: ANN001
    copy = tmp_path / "demo.db"
    copy.write_bytes(demo_path.read_bytes())
    store = Store.open(copy, author="test")
    widget = WarningsPage(store, settings=settings)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: not widget.computing, timeout=30000)
    yield widget
    store.close()


def _keys(rows: list) -> list[tuple]:
    return sorted((w.kind, w.enterprise_id, w.subject, w.jurisdiction_code) for w in rows)


def test_the_page_lists_a_jurisdictions_warnings_as_the_cli(page: WarningsPage) -> None:
    combo = page.jurisdiction
    assert combo.itemText(0) == "全部辖区"
    combo.setCurrentIndex(combo.findData(XIANAN))
    assert combo.currentText() == "咸安区（含咸宁高新区）"
    expected = early_warnings(page.store, page.as_of, jurisdiction=XIANAN)
    assert _keys(page.model.rows) == _keys(expected)
    assert 0 < len(expected) < len(page.all_rows)  # other counties' warnings are left out
    assert {w.jurisdiction_code for w in page.model.rows} == {XIANAN, HIGH_TECH_ZONE_CODE}
    assert page.count_label.text() == f"共 {len(expected)} 条预警"
    combo.setCurrentIndex(combo.findData("421200"))  # 咸宁市: the whole city
    assert len(page.model.rows) == len(page.all_rows)


def test_the_dashboard_opens_it_for_its_scope(page: WarningsPage) -> None:
    page.set_filters({"jurisdiction": XIANAN, "kind": "recheck_overdue"})
    assert page.jurisdiction.currentData() == XIANAN
    expected = early_warnings(page.store, page.as_of, ("recheck_overdue",), jurisdiction=XIANAN)
    assert _keys(page.model.rows) == _keys(expected)
    page.set_filters({})
    assert page.jurisdiction.currentData() == "" and len(page.model.rows) == len(page.all_rows)


def test_the_export_keeps_and_names_the_jurisdiction(  # noqa: ANN001
        qtbot, qapp, page: WarningsPage, tmp_path: Path, settings: QSettings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(qapp, "settings", settings, raising=False)
    monkeypatch.setattr(file_dialogs.QFileDialog, "getSaveFileName",
                        lambda *_a: (str(tmp_path / "预警"), ""))
    monkeypatch.setattr(export_ui.QMessageBox, "information", lambda *_a: None)
    page.jurisdiction.setCurrentIndex(page.jurisdiction.findData(XIANAN))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.export_button.job is not None and page.export_button.job.done, timeout=10000)
    book = openpyxl.load_workbook(tmp_path / "预警.xlsx")
    body = list(book.worksheets[0].iter_rows(min_row=2, values_only=True))
    assert len(body) == len(page.model.rows) < len(page.all_rows)
    assert {r[4] for r in body} == {"咸安区", "咸宁高新区"}
    notes = dict(book["说明"].iter_rows(min_row=2, values_only=True))
    assert "辖区：咸安区（含咸宁高新区）" in notes["筛选"]
