"""The enterprise page's own window on a 1366 × 768 laptop at 125 % (review rr3): it opened at a
fixed 1000 × 700, taller than the free screen (about 1093 × 614 logical px), so the open orders
table was cut off; it had no title for the task bar and Alt+Tab; Esc and Ctrl+W did not close it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from qcdesk.models.listing import ENTERPRISES
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Enterprise
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths

sys.path.insert(0, str(Path(__file__).parent))
from small_screen import started_shell  # noqa: E402
from test_list_model import fill_store  # noqa: E402


@pytest.fixture
def shell(qtbot: QtBot, paths: AppPaths, tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    db = tmp_path / "county.db"
    s = Store.open(db, author="test")
    fill_store(s, 20, 60)
    s.close()
    yield from started_shell(qtbot, paths, db, lang, monkeypatch)

def enterprise_window(qtbot: QtBot, shell) -> QWidget:  # noqa: ANN001
    w = shell.window
    w.show_page(ENTERPRISES)
    w.activateWindow()  # offscreen, the main window's own activation could come after the page's
    qtbot.waitUntil(w.isActiveWindow)
    page = w.pages[ENTERPRISES]
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    page.view.selectRow(0)
    page.open_selected()
    found = [x for x in w.findChildren(QWidget, "enterprisePage") if x.isWindow() and x.isVisible()]
    assert len(found) == 1
    qtbot.waitExposed(found[0])
    found[0].activateWindow()
    qtbot.waitUntil(found[0].isActiveWindow)
    return found[0]


def test_the_enterprise_window_fits_the_screen_and_names_the_enterprise(qtbot: QtBot, shell,  # noqa: ANN001
                                                                         lang: str) -> None:
    window = enterprise_window(qtbot, shell)
    name = fetch_record(shell.store, Enterprise, window.enterprise_id).name
    assert window.windowTitle() == ("企业档案 — " if lang == "zh_CN" else "Enterprise file — ") + name
    room = window.screen().availableGeometry()
    assert room.contains(window.frameGeometry()), (window.frameGeometry(), room)
    rects = window.findChild(QWidget, "rectificationsTable")
    assert room.contains(QRect(rects.mapToGlobal(QPoint()), rects.size()))  # 未完成的整改 on screen
    with shell.store.transaction():  # renamed (as the editor saves it): the title follows
        shell.store.db.execute("UPDATE enterprise SET name = ? WHERE id = ?", ["咸宁新名称有限公司",
                                                                            window.enterprise_id])
    window.changed.emit()
    assert window.windowTitle().endswith("— 咸宁新名称有限公司")


def test_the_enterprise_window_is_sized_to_a_1366_laptop_at_125_percent() -> None:
    from qcdesk.ui.record_window import fitted_size

    class Laptop:  # QScreen at 125 %: 1093 × 614 logical px free above a 40 px task bar
        def availableGeometry(self) -> QRect:  # noqa: N802 - QScreen's name
            return QRect(0, 0, 1093, 614)

    size = fitted_size(Laptop())
    assert size.width() <= 1093 - 16 and size.height() <= 614 - 40  # frame and title bar too
    assert fitted_size(None) == QSize(1000, 700)  # no screen known: the wanted size


@pytest.mark.parametrize("key", ["Esc", "Ctrl+W"])
def test_esc_and_ctrl_w_close_the_enterprise_window(qtbot: QtBot, shell, key: str) -> None:  # noqa: ANN001
    window = enterprise_window(qtbot, shell)
    table = window.findChild(QWidget, "visitsTable")
    table.setFocus()
    if key == "Esc":
        qtbot.keyClick(table, Qt.Key.Key_Escape)
    else:
        qtbot.keyClick(table, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())


def test_closing_the_enterprise_window_asks_about_an_editor_s_unsaved_changes(
        qtbot: QtBot, shell, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """A visit editor opened from the page, with typing in it: the window asks 保存/不保存/取消 as
    the editor's own Close does; Cancel keeps both open, Don't save closes both."""
    from qcdesk.ui import forms

    window = enterprise_window(qtbot, shell)
    editor = window.open_visit(None)
    qtbot.waitExposed(editor)
    editor.summary_edit.setPlainText("成品仓库抽样")
    assert editor.is_dirty()
    asked: list[str] = []
    answer = [QMessageBox.StandardButton.Cancel]
    monkeypatch.setattr(forms, "ask_unsaved", lambda _p: asked.append("asked") or answer[0])
    window.close()
    assert asked and window.isVisible() and editor.isVisible()
    answer[0] = QMessageBox.StandardButton.Discard
    window.close()
    assert len(asked) == 2
    qtbot.waitUntil(lambda: not window.isVisible())
