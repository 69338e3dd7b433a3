"""Export list (导出列表), GUI: the button on the list pages and the warnings page writes what is shown."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QSettings, Qt

import qcdesk.ui.export_list as export_ui
import qcdesk.ui.file_dialogs as file_dialogs
from qcdesk.export.list_words import LIST_COLUMNS, WARNING_COLUMNS, clock_words
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.listing import ENTERPRISES, RECTIFICATIONS, VISITS, ListSource
from qcdesk.models.records import Enterprise, Licence
from qcdesk.models.risk import refresh_risk
from qcdesk.models.rules import Clock
from qcdesk.models.store import Store
from qcdesk.ui.list_pages import ListPage, _clock_text, columns_for
from qcdesk.ui.warnings_page import WarningsModel, WarningsPage


@pytest.fixture
def county(store: Store) -> Store:
    """Three class-D tea firms (two expired licences, never visited), one class C, one D without tea."""
    firms = [("赤壁砖茶一厂", "91421281MA4KL5FE07", 2), ("=1+1砖茶厂", "92421281MA4C3FYL02", 2),
             ("赤壁砖茶五厂", "914212003523203074", 2), ("赤壁砖茶三厂", "93421281MA4NECRW8W", 1),
             ("通城砂布厂", "91421222MA4PJ5BUX4", 2)]
    for name, uscc, expired in firms:
        product = "砂布" if "砂布" in name else "青砖茶"
        save_enterprise(store, Enterprise(uscc=uscc, name=name, jurisdiction_code=uscc[2:8], industry="",
                                          main_products=product),
                        [Licence(number=f"(鄂)XK13-006-0012{i}", product=f"{product}{i}",
                                 expires_on="2024-01-01") for i in range(expired)])
    refresh_risk(store, full=True)
    return store


@pytest.fixture
def dialogs(qapp, settings: QSettings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # noqa: ANN001, ANN201
    """The save dialog answers `answer["name"]` and records what it proposed; message boxes are recorded."""
    monkeypatch.setattr(qapp, "settings", settings, raising=False)
    seen: dict = {"proposed": [], "info": [], "warning": [], "answer": str(tmp_path / "清单")}

    def save_dialog(_parent, _title, proposed, _filter):  # noqa: ANN001, ANN202
        seen["proposed"].append(proposed)
        return seen["answer"], ""

    monkeypatch.setattr(file_dialogs.QFileDialog, "getSaveFileName", save_dialog)
    monkeypatch.setattr(export_ui.QMessageBox, "information", lambda _p, _t, text: seen["info"].append(text))
    monkeypatch.setattr(export_ui.QMessageBox, "warning", lambda _p, _t, text: seen["warning"].append(text))
    return seen


def _finish(qtbot, button) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: button.job is not None and button.job.done, timeout=10_000)
    assert button.isEnabled()


def test_the_enterprise_page_exports_what_it_shows(qtbot, chinese, county: Store, dialogs: dict,  # noqa: ANN001
                                                   tmp_path: Path) -> None:
    page = ListPage(county, ENTERPRISES)
    qtbot.addWidget(page)
    page.set_filters({"risk_class": "D", "search": "砖茶"})
    assert page.export_button.text() == "导出列表(&L)…"
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    _finish(qtbot, page.export_button)
    today = date.today().strftime("%Y%m%d")
    assert Path(dialogs["proposed"][0]).name == f"企业列表_D类_搜索砖茶_{today}.xlsx"
    out = tmp_path / "清单.xlsx"  # .xlsx appended to the name typed
    source = ListSource(county, page.model.request)
    ids = [k[-1] for k in source.read(None, 100, budget=None).keys]
    shown = [page.model.data(page.model.index(r, 0)) for r in range(page.model.rowCount())]
    sheet = openpyxl.load_workbook(out).worksheets[0]
    names = [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == shown == [source.rows(ids)[i]["name"] for i in ids] and len(names) == 3
    assert "=1+1砖茶厂" in names and "通城砂布厂" not in names
    assert [c.value for c in sheet[1]] == [page.model.headerData(i, Qt.Orientation.Horizontal)
                                           for i in range(page.model.columnCount())]
    assert dialogs["info"] == [f"已导出 3 条记录到：\n{out}"] and not dialogs["warning"]
    dialogs["answer"] = str(tmp_path / "没有这个文件夹" / "清单.xlsx")  # the folder is gone: said in Chinese
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    _finish(qtbot, page.export_button)
    assert len(dialogs["warning"]) == 1 and "文件夹不存在" in dialogs["warning"][0]
    assert "No such file" not in dialogs["warning"][0]
    assert Path(dialogs["proposed"][1]).parent == tmp_path  # the folder used last time


def as_exported(gui: tuple[str, ...]) -> list[str]:
    """The warnings page's titles as the workbook has them: the area's code beside its name, and
    the page's 天数 (worded: 已过661天 / 剩余28天) as the two columns days gone and days left."""
    out: list[str] = []
    for title in gui:
        split = {"行政区划": ["行政区划代码", "行政区划"], "天数": ["已过天数", "剩余天数"]}
        out += split.get(title, [title])
    return out


def test_the_warnings_page_exports_its_filter_in_its_order(qtbot, chinese, county: Store, dialogs: dict,  # noqa: ANN001
                                                           settings: QSettings, tmp_path: Path) -> None:
    page = WarningsPage(county, settings=settings)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.computing, timeout=20000)  # counted in a worker
    page.set_filters({"kind": "licence_expired"})
    uscc = WarningsModel.COLUMNS.index("uscc")
    page.view.horizontalHeader().setSortIndicator(uscc, Qt.SortOrder.AscendingOrder)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    _finish(qtbot, page.export_button)
    assert Path(dialogs["proposed"][0]).name.startswith("风险预警_许可证已过期_")
    book = openpyxl.load_workbook(tmp_path / "清单.xlsx")
    body = list(book.worksheets[0].iter_rows(min_row=2, values_only=True))
    assert [r[2] for r in body] == [w.uscc for w in page.model.rows] and len(body) == 9
    assert [c.value for c in book.worksheets[0][1]] == as_exported(page.model.headers())
    notes = dict(book["说明"].iter_rows(min_row=2, values_only=True))
    assert notes["筛选"] == "预警类型：许可证已过期"
    day = page.as_of
    assert notes["截至日期"].startswith(f"{day.year}年{day.month}月{day.day}日")
    assert dialogs["info"] == [f"已导出 9 条记录到：\n{tmp_path / '清单.xlsx'}"]


def test_exported_titles_and_clocks_read_as_the_chinese_lists(qapp, chinese) -> None:  # noqa: ANN001
    for kind in (ENTERPRISES, VISITS, RECTIFICATIONS):
        gui = [c.title() for c in columns_for(kind)]
        # export-only: 延期 (the list puts it beside the date), 撤销理由 (the list's status tooltip)
        exported = [c.title for c in LIST_COLUMNS[kind] if c.key not in ("extended", "closing_reason")]
        assert exported == gui, kind
    assert [c.title for c in WARNING_COLUMNS] == as_exported(WarningsModel().headers())
    for clock in (Clock("correct", 3), Clock("correct", 0), Clock("correct", -4), Clock("report_late", 2),
                  Clock("recheck", 5), Clock("recheck", 0), Clock("recheck", -1), Clock("")):
        assert clock_words(clock) == _clock_text({"clock": clock}), clock
