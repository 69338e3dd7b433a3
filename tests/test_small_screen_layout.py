"""A 1366 × 768 laptop at 125 % in English (found by review rr3): the main window could not be
narrowed onto the screen (minimum 1181 px; Export list…, the total, the scrollbar and the status
bar off screen), and the Samples form was wider than its pane (a sideways scrollbar, the
seal-state warning cut mid-word). The enterprise window: tests/test_enterprise_window.py.

Sizes here are logical pixels: QT_SCALE_FACTOR=1.25 multiplies device pixels, not the logical
sizes layouts compute (the review's minimum of 1181 px at 125 % is what these tests measure at
100 %), so 1366 / 1.25 = 1093 logical pixels is the room the window has across that screen.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from qcdesk.models.listing import ENTERPRISES, RECTIFICATIONS, VISITS
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths

sys.path.insert(0, str(Path(__file__).parent))
from small_screen import LAPTOP, MAX_WINDOW_WIDTH, screen_of, started_shell  # noqa: E402
from test_list_model import fill_store  # noqa: E402


@pytest.fixture
def shell(qtbot: QtBot, paths: AppPaths, tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    db = tmp_path / "county.db"
    s = Store.open(db, author="test")
    fill_store(s, 60, 300)
    s.close()
    yield from started_shell(qtbot, paths, db, lang, monkeypatch)


def filter_controls(page) -> list[QWidget]:  # noqa: ANN001 - a ListPage
    """Everything in the page's filter bar a user works with or reads."""
    names = ("search", "jurisdiction", "industry", "risk", "visit_kind", "status", "date_from",
             "date_to", "clear_button", "count_label", "export_button")
    found = [getattr(page, n) for n in names if getattr(page, n, None) is not None]
    if page.date_from is not None:
        found.append(page.date_label)
    if page.empty_state.new_button is not None:
        found.append(page.empty_state.new_button)
    return found


@pytest.mark.parametrize("kind", [ENTERPRISES, VISITS, RECTIFICATIONS])
def test_the_main_window_fits_a_1366_laptop_at_125_percent(qtbot: QtBot, shell, lang: str,  # noqa: ANN001
                                                           kind: str) -> None:
    w = shell.window
    w.show_page(kind)
    page = w.pages[kind]
    page.wait_for_count()
    assert w.minimumSizeHint().width() <= MAX_WINDOW_WIDTH, (lang, kind, w.minimumSizeHint().width())
    w.resize(MAX_WINDOW_WIDTH, 600)
    qtbot.waitUntil(lambda: w.width() == MAX_WINDOW_WIDTH)
    QApplication.processEvents()
    inside = w.rect()
    table_top = page.view.mapTo(w, QPoint()).y()
    placed: list[QRect] = []
    for control in filter_controls(page):
        assert control.isVisible(), control.objectName()
        rect = QRect(control.mapTo(w, QPoint()), control.size())
        assert inside.contains(rect), (lang, kind, type(control).__name__, rect, inside)
        assert rect.bottom() < table_top, (control.objectName(), rect)  # above the list, not over it
        assert control.width() >= control.minimumSizeHint().width(), control.objectName()  # not squeezed
        assert not any(rect.intersects(other) for other in placed), (control.objectName(), rect)
        placed.append(rect)
    assert "Total" in page.count_label.text() or "共" in page.count_label.text()
    scroll = page.view.verticalScrollBar()
    assert inside.contains(QRect(scroll.mapTo(w, QPoint()), scroll.size()))
    assert inside.contains(QRect(w.statusBar().mapTo(w, QPoint()), w.statusBar().size()))


def test_a_wide_window_keeps_the_enterprise_filters_on_one_line(qtbot: QtBot, shell) -> None:  # noqa: ANN001
    """Wrapping is for narrow windows only: at 1280 px the bar is one line, the search box grows."""
    w = shell.window
    w.show_page(ENTERPRISES)
    w.resize(1280, 700)
    qtbot.waitUntil(lambda: w.width() == 1280)
    page = w.pages[ENTERPRISES]
    QApplication.processEvents()
    tops = {c.mapTo(w, QPoint()).y() + c.height() // 2 for c in filter_controls(page)}
    assert max(tops) - min(tops) <= 4, tops
    assert page.search.width() > page.search.minimumWidth()
    export = page.export_button  # the total and the export stay at the right end
    assert page.width() - (export.mapTo(page, QPoint()).x() + export.width()) <= 12


def test_the_samples_form_fits_its_pane_in_english(qtbot: QtBot, store: Store, paths: AppPaths,
                                                   settings, lang: str,  # noqa: ANN001
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """At the visit editor's size on that laptop (980 wide, its height limited to the free
    screen: tests/test_dialog_screen_fit.py): no sideways scrollbar, and the seal-state warning
    reads whole inside the pane (it was cut at "choo|")."""
    from qcdesk.ui.visit_editor import VisitEditor

    screen_of(monkeypatch, LAPTOP)
    fill_store(store, 3, 0)
    editor = VisitEditor(store, paths, settings=settings, enterprise_id=1)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    assert editor.size() == QSize(980, 614 - 40)  # the wanted 980 × 720, less the title bar's room
    tab = editor.samples_tab
    editor.tabs.setCurrentWidget(tab)
    tab.add()
    tab.seal_combo.setEditText("")  # the warning under 封样状态
    label = tab.errors._fields["seal_state"][1]
    qtbot.waitUntil(label.isVisible)
    area = tab.findChild(QScrollArea)
    QApplication.processEvents()
    assert not area.horizontalScrollBar().isVisible(), tab.form_area.minimumSizeHint().width()
    viewport = area.viewport()
    left = label.mapTo(viewport, QPoint()).x()
    assert left >= 0 and left + label.width() <= viewport.width()
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))
    longest = max((tab.seal_combo.itemText(i) for i in range(tab.seal_combo.count())), key=len)
    tab.seal_combo.setEditText(longest)  # the combo still shows its longest wording whole
    edit = tab.seal_combo.lineEdit()
    assert edit.fontMetrics().horizontalAdvance(longest) < edit.width()
