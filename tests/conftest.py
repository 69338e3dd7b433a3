"""Test configuration: Qt runs offscreen, and stores are real SQLite files in tmp_path."""

from __future__ import annotations

import os
import time
from datetime import date

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from qcdesk.models.store import Store  # noqa: E402


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A migrated store in a real file, closed after the test."""
    s = Store.open(tmp_path / "qcdesk.db", author="test-inspector")
    yield s
    s.close()


@pytest.fixture
def paths(tmp_path: Path):  # noqa: ANN201 - AppPaths, imported here to keep this file light
    """The app's data and config folders, under tmp_path."""
    from qcdesk.paths import AppPaths

    return AppPaths(tmp_path / "data", tmp_path / "config")


@pytest.fixture
def settings(tmp_path: Path):  # noqa: ANN201 - a QSettings
    """The app's settings in an ini file under tmp_path (never the user's own)."""
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "qcdesk.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def chinese(qapp):  # noqa: ANN001, ANN201 - yields nothing
    """The app's Chinese translations as `qcdesk --lang zh_CN` installs them (core messages in
    Chinese too), and the app's language as it was afterwards."""
    from qcdesk.ui.app import Translators

    translators = Translators(qapp)
    before = qapp.property("lang")
    translators.apply("zh_CN")
    yield
    translators.apply("en")
    qapp.setProperty("lang", before)


@pytest.fixture(params=["en", "zh_CN"])
def lang(request: pytest.FixtureRequest, qapp):  # noqa: ANN001, ANN201 - yields the language
    """Each test asking for `lang` runs in English and in Chinese, with that translation installed
    and the app's language as it was afterwards: the English texts are the longer ones (layouts
    that fit in Chinese overflowed in English), the Chinese is what the county reads. A test
    that parametrizes `lang` itself keeps its own values."""
    from qcdesk.ui.app import Translators

    translators, before = Translators(qapp), qapp.property("lang")
    translators.apply(request.param)
    yield request.param
    translators.apply("en")
    qapp.setProperty("lang", before)


@pytest.fixture(scope="session", autouse=True)
def _pyside_none_refcount_guard(qapp) -> None:  # noqa: ANN001
    """PySide6 6.12.0 on Python 3.11 leaks references to None on void calls (see
    `qcdesk.ui.app.none_refcount_guard`); guard every test run, not only some modules."""
    from qcdesk.ui.app import none_refcount_guard

    none_refcount_guard()


@pytest.fixture(autouse=True)
def _app_language_kept(qapp):  # noqa: ANN001, ANN201 - yields nothing
    """A test that switches the app to English (`qcdesk --lang en`, a property set by hand) must
    not leave the next test in English: a fresh-clone run once failed test_export_then_check_then_import
    on 'Visits' where it reads 检查记录, after some earlier test kept the language."""
    before = qapp.property("lang")
    yield
    qapp.setProperty("lang", before)


_LEFT_RUNNING = pytest.StashKey[list]()


@pytest.fixture(autouse=True)
def _pool_drained_between_tests(request: pytest.FixtureRequest, qapp):  # noqa: ANN001, ANN201
    """Each test starts with the app's worker pool idle. A job a test left running (its window
    closed, its worker still on a query) kept one of the pool's two threads on a 2-core CI
    machine, and the next test's own jobs queued behind it: stop 20's clean-clone run failed
    test_window_opens_on_lists_and_navigates with 正在统计… still shown after its 30 s wait. The
    wait here runs the event loop (a job's outcome is delivered in the GUI thread); tests that
    left jobs running more than a second are named at the end of the run."""
    from PySide6.QtCore import QThread, QThreadPool

    yield
    pool, started = QThreadPool.globalInstance(), time.monotonic()
    while pool.activeThreadCount() and time.monotonic() - started < 120:
        qapp.processEvents()
        QThread.msleep(5)
    qapp.processEvents()
    waited = time.monotonic() - started
    if waited > 1:
        left = request.config.stash.setdefault(_LEFT_RUNNING, [])
        left.append(f"{request.node.nodeid}: {waited:.1f} s, {pool.activeThreadCount()} still running")


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:  # noqa: ANN001
    """Name the tests that left background jobs running (see _pool_drained_between_tests)."""
    left = config.stash.get(_LEFT_RUNNING, [])
    if left:
        terminalreporter.section("tests that left background jobs running")
        for line in left:
            terminalreporter.write_line(line)


@pytest.fixture(autouse=True)
def _today_is_today(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Modules whose dates are relative to a module-level `TODAY = date.today()` read it at
    collection; a run that crossed midnight (fresh clone started 2026-11-30 23:56) then expected
    复查已逾期 633 天 where the app, counting from the new day, said 634. Such a module says so
    (TODAY_IS_RUN_DAY) and each of its tests gets the day it runs on; a module that fixes its
    TODAY (date(2026, 11, 30)) keeps it."""
    if getattr(request.module, "TODAY_IS_RUN_DAY", False):
        monkeypatch.setattr(request.module, "TODAY", date.today())


@pytest.fixture
def draw_today_fixed(monkeypatch: pytest.MonkeyPatch) -> date:
    """`qcdesk draw` counts its --date rule from 2026-11-30, the day these modules' draws are
    dated. Why: from late 2027 the real today refused them (over a year back) with no code
    change. For modules with fixed draw dates (`pytestmark = pytest.mark.usefixtures(...)`);
    tests of the rule itself (tests/test_draw_date_rule.py) keep the real today."""
    from qcdesk.models import draw_dates

    monkeypatch.setattr(draw_dates, "today", lambda: date(2026, 11, 30))
    return date(2026, 11, 30)


@pytest.fixture(autouse=True)
def _no_unsaved_box_at_teardown(monkeypatch: pytest.MonkeyPatch) -> None:
    """An editor left with changes asks 保存/不保存/取消 when pytest-qt closes it; offscreen,
    nobody answers that modal box and the whole run hangs. Tests that are about the box
    (tests/test_ui_editors.py) replace this answer with their own."""
    from PySide6.QtWidgets import QMessageBox

    from qcdesk.ui import forms

    monkeypatch.setattr(forms, "ask_unsaved", lambda _parent: QMessageBox.StandardButton.Discard)


@pytest.fixture(autouse=True)
def _conflict_question_answered(monkeypatch: pytest.MonkeyPatch) -> None:
    """The conflict dialog asks before each resolution (a modal box nobody answers offscreen):
    answered Yes, as a clerk who read it would. Tests about the question
    (tests/test_conflict_resolution_history.py) answer it themselves."""
    from PySide6.QtWidgets import QMessageBox

    from qcdesk.ui import conflict_dialog

    monkeypatch.setattr(conflict_dialog, "ask_resolve", lambda _box: QMessageBox.StandardButton.Yes)


@pytest.fixture(autouse=True)
def _computer_in_china_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test machine runs in UTC; the inspectors' computers in China's zone. Without this the
    dashboard's clock banner and the CLI's zone note (models/clock_check.py) would show in every
    test. Tests about them (tests/test_clock_check.py) read the real zone again."""
    from qcdesk.models import clock_check

    monkeypatch.setattr(clock_check, "computer_offset", lambda: clock_check.OFFICE_OFFSET)


@pytest.fixture(autouse=True)
def _documents_in_tmp(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's Documents is a fresh temporary folder (beside tmp_path, not in it): file
    choosers and the report dialog propose it (review "windows" 7), and a test must never
    write into the tester's own."""
    from PySide6.QtCore import QStandardPaths

    folder = tmp_path_factory.mktemp("Documents")
    real = QStandardPaths.writableLocation
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda kind: str(folder)
                        if kind == QStandardPaths.StandardLocation.DocumentsLocation else real(kind))
    return folder


@pytest.fixture
def chinese_core_no_boxes(qapp, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN001, ANN201
    """Core messages in Chinese; an editor closed with unsaved changes (at teardown) is not saved,
    and no information or warning box waits for a click."""
    from PySide6.QtWidgets import QMessageBox

    before = qapp.property("lang")
    qapp.setProperty("lang", "zh")
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    yield
    qapp.setProperty("lang", before)


@pytest.fixture
def shanghai():  # noqa: ANN201 - yields nothing
    """This process keeps China's local time (UTC+8), as the inspectors' computers do, and the
    machine's own again afterwards. Why one fixture: stored times are UTC, and the bugs these
    tests guard (a year or a day read 8 hours off at the year turn, UTC printed as local) show
    only where local time is not UTC; seven modules each set TZ and called tzset themselves."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "Asia/Shanghai")
        time.tzset()
        yield
    time.tzset()


@pytest.fixture
def no_modal_waits(qtbot):  # noqa: ANN001, ANN201 - a generator fixture
    """A modal window that opens (a question, a warning, the 更正 reason left unanswered) is closed
    and recorded, and the test fails, instead of waiting for a click that never comes: without
    the refusal a save goes on to such a window, and the test hung rather than failed. For the
    modules about refused saves (`pytestmark = pytest.mark.usefixtures("no_modal_waits")`);
    each kept its own copy before."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    opened: list[str] = []
    ages: dict[int, int] = {}

    def close_modal() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:
            return
        ages[id(widget)] = ages.get(id(widget), 0) + 1
        if widget.objectName() == "amendReasonDialog" and ages[id(widget)] < 20:
            return  # a test answering the reason itself (_answer_reason) gets a second first
        opened.append(f"{type(widget).__name__} {widget.objectName()}: {widget.windowTitle()}")
        if isinstance(widget, QDialog):
            widget.done(QDialog.DialogCode.Rejected)
        else:
            widget.close()

    watch = QTimer()
    watch.setInterval(50)
    watch.timeout.connect(close_modal)
    watch.start()
    yield opened
    watch.stop()
    assert opened == [], f"a modal window waited for an answer: {opened}"


@pytest.fixture
def samples(qtbot, store: Store, paths, settings):  # noqa: ANN001, ANN201 - a SamplesTab
    """The Samples tab of a new visit (one enterprise, nothing else), shown with one new sample:
    where the optional date fields (生产日期, the result and re-test dates) are typed in. The
    date-field tests (correcting in place, keyboard, Chinese input) each built it alike."""
    from PySide6.QtWidgets import QApplication

    from qcdesk.models.enterprises import save_enterprise
    from qcdesk.models.records import Enterprise
    from qcdesk.ui.visit_editor import VisitEditor

    enterprise = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市羊楼洞茶业有限公司",
                                                   jurisdiction_code="421281"))
    editor = VisitEditor(store, paths, settings=settings, enterprise_id=enterprise.id)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    editor.tabs.setCurrentWidget(editor.samples_tab)
    editor.samples_tab.add()
    QApplication.processEvents()
    return editor.samples_tab


@pytest.fixture
def visit(store: Store):  # noqa: ANN201 - a VisitBundle
    """A saved spot check (test_ui_editors.saved_spot_check: 2026-03-02, two inspectors, one failed
    sample, one finding): the visit the date-entry tests type into (tests/spot_check_editor.py
    opens it). Three of them kept this fixture each; a module with its own `visit` keeps its own."""
    from test_ui_editors import saved_spot_check

    return saved_spot_check(store)
