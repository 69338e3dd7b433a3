"""The warnings page and the dashboard count in a worker: the window is usable at once.

On a million visits the main window was visible but frozen 7–21 s at start-up: the warnings
list (1.2–4 s with the risk classes' write, pinyin keys of every name, columns fitted over every
row) and the dashboard's figures (2–3 s) were counted on the GUI thread, and again at each 刷新.
Here the counting is held on an event, so "while it runs" lasts as long as the test wants: the
page says 正在计算…, the GUI thread keeps turning, and the figures arrive when it is let go. A
refresh during a run is one more run, whose figures are shown, never the older run's.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.records import Enterprise, Licence
from qcdesk.models.store import Store

HELD = 4.0  # seconds a held computation waits at most: on the GUI thread that is a frozen window
CODES = ("91421202MA4AEDKU8T", "91421221MA4E3XHX15", "91421222MA4PJ5BUX4", "91421223MA4059AK31")


def expired(store: Store, n: int, first: int = 0) -> None:
    """Enterprises first… first+n-1, whose licence ran out long ago: a licence warning each."""
    for i in range(first, first + n):
        ent = Enterprise(uscc=CODES[i], name=f"赤壁市茶业{i}有限公司", jurisdiction_code="421281")
        save_enterprise(store, ent, [Licence(number=f"XK13-006-0012{i}", product="砖茶",
                                             expires_on="2020-01-31")])


class Ticks:
    """A timer on the GUI thread: its count moves only while the event loop turns."""

    def __init__(self) -> None:
        self.count = 0
        self.timer = QTimer()
        self.timer.timeout.connect(self._tick)
        self.timer.start(10)

    def _tick(self) -> None:
        self.count += 1


def held(real: Callable[..., Any], gate: threading.Event, entered: threading.Event,
         calls: list[str]) -> Callable[..., Any]:
    """`real`, computed first and then held until `gate` opens (HELD s at most): the first call
    returns what it found before anything changed meanwhile (a stale run's figures)."""
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        value = real(*args, **kwargs)
        calls.append(threading.current_thread().name)
        entered.set()
        if len(calls) == 1:
            gate.wait(HELD)
        return value
    return wrapper


def test_the_warnings_page_is_usable_while_the_list_is_counted_and_fills_in_after(
        qtbot: QtBot, chinese: None, store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from qcdesk.ui import warnings_page

    expired(store, 2)
    gate, entered, calls = threading.Event(), threading.Event(), []
    monkeypatch.setattr(warnings_page, "early_warnings",
                        held(warnings_page.early_warnings, gate, entered, calls))
    started = time.monotonic()
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    page = warnings_page.WarningsPage(store, settings=settings)
    qtbot.addWidget(page)
    page.show()
    assert time.monotonic() - started < HELD / 2  # the page is there at once, not when counted
    assert entered.wait(10)
    ticks = Ticks()
    qtbot.waitUntil(lambda: ticks.count >= 5, timeout=2000)  # the event loop turns meanwhile
    assert not gate.is_set() and page.computing
    assert page.count_label.text() == "正在计算…"
    page.kind.setCurrentIndex(page.kind.findData("licence_expired"))  # the page answers
    assert page.kind.currentData() == "licence_expired"
    gate.set()
    qtbot.waitUntil(lambda: not page.computing, timeout=20000)
    assert page.count_label.text() == "共 2 条预警"
    assert {page.model.index(r, 1).data() for r in range(page.model.rowCount())} == {
        "赤壁市茶业0有限公司", "赤壁市茶业1有限公司"}
    assert calls and all(name != threading.main_thread().name for name in calls)  # never the GUI thread


def test_a_refresh_while_the_list_is_counted_shows_the_newer_list_only(
        qtbot: QtBot, chinese: None, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from qcdesk.ui import warnings_page

    expired(store, 1)
    gate, entered, calls = threading.Event(), threading.Event(), []
    monkeypatch.setattr(warnings_page, "early_warnings",
                        held(warnings_page.early_warnings, gate, entered, calls))
    page = warnings_page.WarningsPage(store)
    qtbot.addWidget(page)
    shown: list[int] = []
    page.model.modelReset.connect(lambda: shown.append(page.model.rowCount()))
    assert entered.wait(10)  # the first run found 1 enterprise's warnings and is held
    expired(store, 2, first=1)  # two more enterprises meanwhile
    page.refresh()
    page.refresh()  # pressed twice: still one more run
    assert page.count_label.text() == "正在计算…"
    gate.set()
    qtbot.waitUntil(lambda: not page.computing, timeout=20000)
    names = {page.model.index(r, 1).data() for r in range(page.model.rowCount())}
    assert {"赤壁市茶业1有限公司", "赤壁市茶业2有限公司"} <= names
    assert len(calls) == 2  # the held run and one more, not one per press
    assert shown == [page.model.rowCount()]  # the held run's older list never showed
    assert page.count_label.text() == f"共 {page.model.rowCount()} 条预警"


def test_sorting_the_warnings_makes_no_pinyin_key_on_the_gui_thread(
        qtbot: QtBot, chinese: None, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """16,000 subjects' pinyin took 2.3 s at the first sort by 相关事项: the keys come with the rows."""
    from qcdesk.models import name_order
    from qcdesk.ui.warnings_page import WarningsModel, WarningsPage

    expired(store, 3)
    page = WarningsPage(store)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.computing, timeout=20000)
    made: list[str] = []
    real = name_order.name_sort_key

    def counted(text: str) -> str:
        if threading.current_thread() is threading.main_thread():
            made.append(text)
        return real(text)

    monkeypatch.setattr(name_order, "name_sort_key", counted)
    header = page.view.horizontalHeader()
    for column in ("subject", "enterprise", "jurisdiction", "days"):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            header.setSortIndicator(WarningsModel.COLUMNS.index(column), order)
    enterprise = WarningsModel.COLUMNS.index("enterprise")
    names = [page.model.index(r, enterprise).data() for r in range(page.model.rowCount())]
    assert names[0] == "赤壁市茶业0有限公司" and names[-1] == "赤壁市茶业2有限公司"  # same days: by name
    assert made == []


def test_columns_are_fitted_from_a_sample_of_rows(qtbot: QtBot) -> None:
    """Fitting asked every column's cells of the first 1000 rows (2.2 s at start-up)."""
    from PySide6.QtWidgets import QTableView

    from qcdesk.ui.row_list_model import SAMPLE_ROWS, RowListModel, fit_columns

    asked: set[int] = set()

    class Rows(RowListModel):
        def headers(self) -> tuple[str, ...]:
            return ("Name", "Code", "Reason")

        def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN001, ANN201
            if role != Qt.ItemDataRole.DisplayRole:
                return None
            asked.add(index.row())
            return self.rows[index.row()][index.column()]

    model = Rows()
    model.set_rows([("咸宁高新区军民融合产业园有限公司" if r == 0 else f"企业{r}", "91421281MA4KL5FE07", "x")
                    for r in range(20_000)])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.horizontalHeader().setStretchLastSection(True)
    fit_columns(view)
    assert len(asked) <= SAMPLE_ROWS and 0 in asked and max(asked) > 10_000  # the top and further down
    metrics = view.fontMetrics()
    assert view.columnWidth(0) >= metrics.horizontalAdvance("咸宁高新区军民融合产业园有限公司")
    assert view.columnWidth(1) >= metrics.horizontalAdvance("91421281MA4KL5FE07")


def test_the_dashboard_is_usable_while_its_figures_are_counted_and_fills_in_after(
        qtbot: QtBot, chinese: None, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from qcdesk.ui import dashboard

    expired(store, 2)
    gate, entered, calls = threading.Event(), threading.Event(), []
    monkeypatch.setattr(dashboard, "dashboard_figures",
                        held(dashboard.dashboard_figures, gate, entered, calls))
    started = time.monotonic()
    page = dashboard.DashboardPage(store, None)
    qtbot.addWidget(page)
    page.show()
    assert time.monotonic() - started < HELD / 2
    assert entered.wait(10)
    ticks = Ticks()
    qtbot.waitUntil(lambda: ticks.count >= 5, timeout=2000)
    note = page.findChild(QLabel, "computingNote")
    assert not gate.is_set() and page.computing
    assert note.isVisible() and note.text() == "正在计算…"
    assert page.tiles["licences_expired"].value.text() == "…"
    assert page.tiles["licences_expired"].title.text() == "许可证已过期"
    gate.set()
    qtbot.waitUntil(lambda: not page.computing and not page.risk_pending, timeout=20000)
    assert not note.isVisible()
    assert page.tiles["licences_expired"].value.text() == "2"
    assert int(page.tiles["warnings"].value.text()) >= 2
    assert all(name != threading.main_thread().name for name in calls)


def test_a_dashboard_refresh_while_counting_shows_the_newer_figures(
        qtbot: QtBot, chinese: None, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from qcdesk.ui import dashboard

    expired(store, 1)
    page = dashboard.DashboardPage(store, None)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.computing and not page.risk_pending, timeout=20000)
    gate, entered, calls = threading.Event(), threading.Event(), []
    monkeypatch.setattr(dashboard, "dashboard_figures",
                        held(dashboard.dashboard_figures, gate, entered, calls))
    shown: list[int] = []  # the figures that reached the page
    page.counting.landed.connect(lambda result: shown.append(result[0].licences_expired))
    page.refresh()
    assert entered.wait(10)  # this run counted 1 expired licence and is held
    expired(store, 2, first=1)
    page.refresh()
    page.refresh()
    assert page.computing and page.findChild(QLabel, "computingNote").isVisible()
    gate.set()
    qtbot.waitUntil(lambda: not page.computing and not page.risk_pending, timeout=20000)
    assert page.tiles["licences_expired"].value.text() == "3"
    assert shown == [3] and len(calls) == 2  # the held run's 1 never reached the page


def test_a_list_that_cannot_be_counted_says_why_on_the_page(
        qtbot: QtBot, chinese: None, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure in the worker (a full disk when the risk classes are written) is said on the
    page, and the page does not stay at 正在计算… for good."""
    from qcdesk.models.store import StoreError
    from qcdesk.ui import warnings_page

    def full_disk(*_args: object, **_kw: object) -> list:
        raise StoreError("磁盘空间不足，无法写入。请清理磁盘后重试。", "The disk is full.")

    monkeypatch.setattr(warnings_page, "early_warnings", full_disk)
    page = warnings_page.WarningsPage(store)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.computing, timeout=20000)
    assert page.held_back.isVisibleTo(page) and "磁盘空间不足" in page.held_back.text()
    assert page.count_label.text() == "共 0 条预警"
