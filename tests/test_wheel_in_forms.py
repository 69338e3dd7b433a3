"""The mouse wheel rolled over a scrolling form scrolls it; it does not change the box under the
pointer (review regress-ui A1). On Windows 11 at 1093 × 566 the visit editor and Preferences
scroll (FormScroll): one notch over 受检企业 moved a visit to another enterprise and it was saved;
three over 本单位辖区 chose 嘉鱼县 and filled in its 组织单位 and prefixes; the form never moved.
A box the user clicked into (it has the focus) still takes the wheel. Real QWheelEvents, sent
to the box as the reviewer's scripts did."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from qcdesk.models.store import Store
from qcdesk.paths import AppPaths

sys.path.insert(0, str(Path(__file__).parent))
from small_screen import WINDOWS_11_LAPTOP, cjk_font, screen_of  # noqa: E402
from test_list_model import fill_store  # noqa: E402


@pytest.fixture(autouse=True)
def _windows_11(qapp, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN001, ANN202 - yields the family
    """1093 × 566 free, Chinese laid out in the CJK face: the forms scroll, as on the laptop."""
    screen_of(monkeypatch, WINDOWS_11_LAPTOP)
    yield from cjk_font()


def roll(widget: QWidget, notches: int = 1) -> None:
    """Notches of the wheel (towards the user: down the form) with the pointer over `widget`."""
    at = QPointF(widget.width() / 2, widget.height() / 2)
    for _ in range(notches):
        QApplication.sendEvent(widget, QWheelEvent(
            at, widget.mapToGlobal(at), QPoint(0, 0), QPoint(0, -120), Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False))
        QApplication.processEvents()


def form_of(widget: QWidget) -> QScrollArea:
    parent = widget.parentWidget()
    while not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    return parent


@pytest.fixture
def visit_editor(qtbot: QtBot, store: Store, paths: AppPaths, settings):  # noqa: ANN001, ANN201
    from qcdesk.ui.visit_editor import VisitEditor

    fill_store(store, 3, 3)
    editor = VisitEditor(store, paths, settings=settings, visit_id=1)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    QApplication.processEvents()
    return editor


def test_the_wheel_over_the_enterprise_scrolls_the_visit_form(visit_editor) -> None:  # noqa: ANN001
    combo = visit_editor.findChild(QComboBox, "enterpriseCombo")
    form = form_of(combo)
    bar = form.verticalScrollBar()
    assert bar.maximum() > 0, "the form should scroll at 1093 × 566"
    before, title = combo.currentText(), visit_editor.windowTitle()
    assert not combo.hasFocus()
    roll(combo)
    assert combo.currentText() == before  # still the visit's own enterprise
    assert bar.value() > 0  # the form moved instead
    assert not combo.hasFocus()  # and the next notch scrolls too
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus
    roll(combo, 2)
    assert combo.currentText() == before
    assert visit_editor.windowTitle() == title


def test_a_focused_combo_still_takes_the_wheel(qtbot: QtBot, visit_editor) -> None:  # noqa: ANN001
    combo = visit_editor.findChild(QComboBox, "enterpriseCombo")
    visit_editor.activateWindow()
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    before = combo.currentIndex()
    roll(combo)
    assert combo.currentIndex() == before + 1  # the user clicked into it and rolled: next one


def test_a_new_samples_boxes_ignore_the_wheel_too(qtbot: QtBot, visit_editor) -> None:  # noqa: ANN001
    """Rows added after the editor opened (a new sample) are guarded as well."""
    visit_editor.tabs.setCurrentWidget(visit_editor.samples_tab)
    visit_editor.samples_tab.add()
    QApplication.processEvents()
    combo = visit_editor.samples_tab.result_combo
    assert combo.isVisible() and not combo.hasFocus()
    before = combo.currentIndex()
    roll(combo)
    assert combo.currentIndex() == before


def test_the_wheel_over_the_jurisdiction_scrolls_preferences(qtbot: QtBot, store: Store,
                                                             paths: AppPaths, settings) -> None:  # noqa: ANN001
    from qcdesk.ui.settings_page import SettingsDialog

    dialog = SettingsDialog(store, settings, "zh_CN", None, keys_dir=paths.data_dir / "keys")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.page.font_box.ready, timeout=30000)  # the font pickers filled
    combo = dialog.findChild(QComboBox, "officeJurisdiction")
    bar = form_of(combo).verticalScrollBar()
    assert bar.maximum() > 0, "Preferences should scroll at 1093 × 566"
    fields = {key: dialog.page.edits[key].text() for key in ("doc.org_name", "doc.notice_prefix",
                                                         "doc.recheck_prefix")}
    before = combo.currentIndex()
    roll(combo, 3)
    assert combo.currentIndex() == before  # no county chosen
    assert {key: dialog.page.edits[key].text() for key in fields} == fields  # nothing filled in
    assert bar.value() > 0


def test_the_wheel_over_the_dashboards_scope_scrolls_the_page_from_the_start(
        qtbot: QtBot, qapp, store: Store, settings) -> None:  # noqa: ANN001
    """Right after start-up (no form opened yet) one notch over 范围 changed the scope and
    recounted every figure; once any form had been opened, the same notch scrolled the page."""
    from qcdesk.ui.dashboard import DashboardPage
    from qcdesk.ui.wheel_guard import WheelGuard

    for guard in qapp.findChildren(WheelGuard):  # as at start-up: no form opened yet
        qapp.removeEventFilter(guard)
        guard.setParent(None)
    page = DashboardPage(store, None, settings=settings)
    qtbot.addWidget(page)
    page.resize(1000, 400)
    page.show()
    qtbot.waitUntil(lambda: not page.computing and page.scoped() is not None, timeout=30000)
    combo = page.scope.combo
    assert combo.count() > 1
    page.setFocus()  # the pointer passes over 范围 while the focus is elsewhere
    before = combo.currentIndex()
    roll(combo)
    assert combo.currentIndex() == before, combo.currentText()
