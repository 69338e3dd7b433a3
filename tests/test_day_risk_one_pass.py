"""One pass of today's risk classes for the whole window (the main window's `TodaysRisk`).

Why: the classes are cached for one day (risk_cache). At start-up on an earlier day's cache the
enterprise list showed yesterday's classes (column, filter, sort) until the dashboard's pass had
ended AND someone pressed 刷新, every morning; and past midnight the dashboard, the warnings page
and the enterprise list each ran a full pass of the whole register (three on a 2-core laptop).
Now the window runs one, in a worker, and the three pages re-read when it has written.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date

import pytest
from day_clock import EVE, NEW_YEAR, Clock, moved_clock, orders
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.listing import ENTERPRISES
from qcdesk.models.records import Enterprise, Licence
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths

pytestmark = pytest.mark.usefixtures("chinese")
PASS_SECONDS = 0.4  # a full pass of a large register takes seconds: passes started together overlap


class Passes:
    """Counts the full assessments of the register (`risk.assess_all` without ids), where they ran,
    and can hold them back until the test lets them go."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import qcdesk.models.risk as risk

        self.on_gui_thread: list[bool] = []
        self.gate = threading.Event()
        self.gate.set()
        assess_all = risk.assess_all

        def watched(store, as_of=None, rules=None, enterprise_ids=None):  # noqa: ANN001, ANN202
            if enterprise_ids is None:
                self.on_gui_thread.append(threading.current_thread() is threading.main_thread())
                self.gate.wait(10)
                time.sleep(PASS_SECONDS)
            return assess_all(store, as_of, rules, enterprise_ids)

        monkeypatch.setattr(risk, "assess_all", watched)

    @property
    def count(self) -> int:
        return len(self.on_gui_thread)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return moved_clock(monkeypatch)


@pytest.fixture
def pool() -> None:
    """Room in the pool for every page's worker at once, as on a desk with more cores: passes
    started together then really run together (on 2 threads they queued behind each other)."""
    threads = QThreadPool.globalInstance()
    before = threads.maxThreadCount()
    threads.setMaxThreadCount(8)
    yield
    threads.waitForDone(10_000)
    threads.setMaxThreadCount(before)


def firms(store: Store) -> tuple[int, int]:
    """Two enterprises of class B on 31 December that are class C from 1 January: one with a
    failed sample and an order due on the 31st (25 → 55), one never visited whose licence
    expires on the 31st (20 → 45; class C and never visited: an early warning)."""
    late = orders(store).enterprise_id
    unvisited = save_enterprise(store, Enterprise(uscc="91421221MA4E3XHX15", name="嘉鱼县管业有限公司",
                                                  jurisdiction_code="421221"),
                                [Licence(number="SC11442128100017", product="砖茶", expires_on="2026-12-31")])
    return late, unvisited.id


def class_shown(page, enterprise: int) -> Callable[[], str]:  # noqa: ANN001 - a ListPage
    column = page.model.column_of("risk_class")
    return lambda: page.model.index(page.model.row_of(enterprise), column).data() or ""


def window_on(qtbot: QtBot, store: Store, paths: AppPaths, settings: QSettings,
              monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201 - a MainWindow
    from qcdesk.ui.main_window import MainWindow

    monkeypatch.setattr(QApplication.instance(), "settings", settings, raising=False)  # the app's own
    window = MainWindow(paths, settings=settings)
    qtbot.addWidget(window)
    window.set_store(store)
    window.show_page(ENTERPRISES)
    window.show()
    qtbot.waitExposed(window)
    return window


def unvisited_warned(warnings) -> bool:  # noqa: ANN001 - a WarningsPage
    return any(w.kind == "unvisited_high_risk" for w in warnings.all_rows)


def test_at_start_up_the_list_shows_todays_class_by_itself(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: QSettings, clock: Clock, pool: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from qcdesk.models.risk import refresh_risk, risk_is_current

    late, _ = firms(store)
    refresh_risk(store)  # written on 31 December; the desk is opened on 1 January
    clock.day = NEW_YEAR
    passes = Passes(monkeypatch)
    passes.gate.clear()  # the pass is still counting when the list is read
    window = window_on(qtbot, store, paths, settings, monkeypatch)
    page = window.pages[ENTERPRISES]
    shown = class_shown(page, late)
    assert shown().startswith("B")  # read from yesterday's cache
    assert page.select_id(late)
    passes.gate.set()
    qtbot.waitUntil(lambda: shown().startswith("C"), timeout=15_000)  # nobody pressed 刷新
    assert page.selected_id() == late  # the reader's place kept
    dashboard, warnings = window.pages["dashboard"], window.pages["warnings"]
    qtbot.waitUntil(lambda: not dashboard.computing and not dashboard.risk_pending
                    and not warnings.computing, timeout=15_000)
    assert risk_is_current(store)
    assert passes.count == 1 and not any(passes.on_gui_thread)  # one pass, in a worker


def test_at_midnight_one_pass_and_every_page_shows_the_new_classes(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: QSettings, clock: Clock, pool: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from qcdesk.models.risk import refresh_risk, risk_is_current

    late, unvisited = firms(store)
    refresh_risk(store)  # the classes of 31 December, current when the desk opens that day
    assert clock() == EVE
    passes = Passes(monkeypatch)
    window = window_on(qtbot, store, paths, settings, monkeypatch)
    page, dashboard, warnings = (window.pages[k] for k in (ENTERPRISES, "dashboard", "warnings"))
    qtbot.waitUntil(lambda: not dashboard.computing and not dashboard.risk_pending
                    and not warnings.computing, timeout=15_000)
    tiles = lambda: [dashboard.tiles[f"risk_{c}"].value.text() for c in "BC"]  # noqa: E731
    assert tiles() == ["2", "0"] and shown_classes(page, late, unvisited) == ["B", "B"]
    assert not unvisited_warned(warnings) and passes.count == 0
    assert page.select_id(unvisited)

    clock.day = NEW_YEAR  # midnight passes, nobody touches the desk
    qtbot.waitUntil(lambda: shown_classes(page, late, unvisited) == ["C", "C"], timeout=15_000)
    qtbot.waitUntil(lambda: tiles() == ["0", "2"], timeout=15_000)
    qtbot.waitUntil(lambda: unvisited_warned(warnings) and not warnings.computing, timeout=15_000)
    assert warnings.count_label.text() == f"共 {len(warnings.model.rows)} 条预警"
    assert page.selected_id() == unvisited
    time.sleep(2 * PASS_SECONDS)  # a late second pass would be counted by now
    qtbot.wait(200)
    assert risk_is_current(store)
    assert passes.count == 1 and not any(passes.on_gui_thread)  # one pass for the three pages


def shown_classes(page, *enterprises: int) -> list[str]:  # noqa: ANN001 - a ListPage
    return [class_shown(page, e)()[:1] for e in enterprises]


def test_a_page_on_its_own_still_writes_the_days_classes(qtbot: QtBot, store: Store, clock: Clock) -> None:
    """Outside the window (previews, tests) a warnings page has no window pass: it classes itself."""
    from qcdesk.models.risk import refresh_risk, risk_is_current
    from qcdesk.ui.warnings_page import WarningsPage

    firms(store)
    refresh_risk(store)
    clock.day = NEW_YEAR
    warnings = WarningsPage(store, None)
    qtbot.addWidget(warnings)
    qtbot.waitUntil(lambda: not warnings.computing and unvisited_warned(warnings), timeout=15_000)
    assert risk_is_current(store, date(2027, 1, 1))


def test_the_lists_note_says_the_windows_pass_waits_for_an_import(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: QSettings, clock: Clock,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Opened on a new day while an import holds the write lock: the list says the classes wait
    (the dashboard's words), keeps B meanwhile and shows C once the import is done."""
    import sqlite3

    from PySide6.QtWidgets import QLabel

    import qcdesk.ui.dashboard_risk as dashboard_risk
    from qcdesk.models.name_order import refresh_name_keys
    from qcdesk.models.risk import refresh_risk

    monkeypatch.setattr(dashboard_risk, "RETRY_MS", 100)
    late, _ = firms(store)
    refresh_risk(store)
    refresh_name_keys(store)  # yesterday's list made the pinyin keys (it cannot under the lock)
    clock.day = NEW_YEAR
    importer = sqlite3.connect(str(store.path), isolation_level=None)  # another program writes
    importer.execute("BEGIN IMMEDIATE")
    try:
        window = window_on(qtbot, store, paths, settings, monkeypatch)
        page = window.pages[ENTERPRISES]
        note = page.findChild(QLabel, "riskWaitingNote")
        qtbot.waitUntil(lambda: note is not None and note.isVisible(), timeout=10_000)
        assert "等待其他程序完成写入" in note.text()
        assert class_shown(page, late)().startswith("B")
    finally:
        importer.execute("ROLLBACK")
        importer.close()
    qtbot.waitUntil(lambda: class_shown(page, late)().startswith("C"), timeout=10_000)
    assert not note.isVisible()
