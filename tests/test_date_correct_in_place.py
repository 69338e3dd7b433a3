"""A filled optional date (the 抽样单's 生产日期) corrected in place, as any text is: the year selected
(double-click, Shift+arrows) and typed over, or erased with Backspace and typed again; the month
selected and typed over with 09. Every keystroke was refused (the texts between two dates,
2-10-15, 2026-0-15, are no dates), and after Tab the field still said 2026-10-15: the clerk thought
the typo fixed and saved the old date. An entry that is no date when the clerk leaves the field now
goes back to the date held, and the field says so (a note under it, a red frame)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from qcdesk.ui.date_field import OptionalDateEdit
from qcdesk.ui.visit_tabs import SamplesTab

SHIFT, NONE = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.NoModifier


def field(tab: SamplesTab, name: str) -> QWidget:
    widget = tab.errors.widget(name)
    assert widget is not None
    return widget


def production_date(tab: SamplesTab, stored: str) -> OptionalDateEdit:
    """The 生产日期 holding `stored`, the cursor in it at the start."""
    date = field(tab, "production_date")
    assert isinstance(date, OptionalDateEdit)
    date.setValue(stored)
    date.setFocus()
    date.setCursorPosition(0)
    QApplication.processEvents()
    assert QApplication.focusWidget() is date
    return date


def keys(qtbot: QtBot, widget: QWidget, key: Qt.Key, times: int = 1,
         modifier: Qt.KeyboardModifier = NONE) -> None:
    for _ in range(times):
        qtbot.keyClick(widget, key, modifier)
    QApplication.processEvents()


def stored_production_date(tab: SamplesTab) -> str | None:
    tab.store_form()
    return tab.items[0].production_date


def select_year_with_shift_arrows(qtbot: QtBot, date: OptionalDateEdit) -> None:
    keys(qtbot, date, Qt.Key.Key_Home)
    keys(qtbot, date, Qt.Key.Key_Right, 4, SHIFT)
    assert date.selectedText() == "2026"


def select_year_with_double_click(qtbot: QtBot, date: OptionalDateEdit) -> None:
    qtbot.mouseDClick(date, Qt.MouseButton.LeftButton, pos=QPoint(8, date.height() // 2))
    assert date.selectedText() == "2026"


def erase_year_with_backspace(qtbot: QtBot, date: OptionalDateEdit) -> None:
    date.setCursorPosition(4)
    keys(qtbot, date, Qt.Key.Key_Backspace, 4)
    assert date.text() == "-10-15"  # each Backspace taken


def red_frame(date: OptionalDateEdit) -> bool:
    image = date.grab().toImage()
    left = QColor(image.pixel(1, image.height() // 2))
    return left.red() > 150 and left.green() < 90 and left.blue() < 90


@pytest.mark.parametrize("how", [select_year_with_shift_arrows, select_year_with_double_click,
                                 erase_year_with_backspace])
def test_the_year_is_typed_over(qtbot: QtBot, samples: SamplesTab,
                                how: Callable[[QtBot, OptionalDateEdit], None]) -> None:
    date = production_date(samples, "2026-10-15")
    how(qtbot, date)
    qtbot.keyClicks(date, "2025")
    assert date.text() == "2025-10-15"
    keys(qtbot, date, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is field(samples, "grade")
    assert date.text() == "2025-10-15" and date.notice() == ""
    assert stored_production_date(samples) == "2025-10-15"


def test_the_month_is_typed_over_with_09(qtbot: QtBot, samples: SamplesTab) -> None:
    date = production_date(samples, "2026-10-15")
    date.setCursorPosition(5)
    keys(qtbot, date, Qt.Key.Key_Right, 2, SHIFT)
    assert date.selectedText() == "10"
    qtbot.keyClicks(date, "09")
    assert date.text() == "2026-09-15"  # the 0 was dropped: 2026-9-15
    keys(qtbot, date, Qt.Key.Key_Tab)
    assert stored_production_date(samples) == "2026-09-15" and not red_frame(date)


def test_a_date_passed_on_the_way_is_not_taken(qtbot: QtBot, samples: SamplesTab) -> None:
    """Typing the month 10 over with 12 passes 2026-1-15 (a date) and 2026-11... ; typed 13, the
    entry is no date and the form holds the date from before, not 15 January."""
    date = production_date(samples, "2026-10-15")
    date.setSelection(5, 2)
    qtbot.keyClicks(date, "13")
    assert date.text() == "2026-13-15"
    assert date.value() == "2026-10-15" and stored_production_date(samples) == "2026-10-15"


def test_an_impossible_date_left_with_tab_is_told(qtbot: QtBot, samples: SamplesTab) -> None:
    date = production_date(samples, "2026-10-31")
    date.setSelection(5, 2)
    qtbot.keyClicks(date, "02")
    assert date.text() == "2026-02-31"  # taken as typed: judged when the clerk leaves
    keys(qtbot, date, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is field(samples, "grade")  # Tab still leaves
    assert date.text() == "2026-10-31" and stored_production_date(samples) == "2026-10-31"
    note = date.note()
    assert note is not None and note.isVisible()
    assert "2026-02-31" in note.text() and "2026-10-31" in note.text()
    assert note.geometry().top() >= date.mapToGlobal(QPoint(0, date.height())).y() - 1  # under the field
    assert red_frame(date) and date.toolTip() == "" and date.notice() == note.text()
    assert "2026-02-31" in date.accessibleDescription()
    date.setFocus()
    date.selectAll()
    qtbot.keyClicks(date, "2026-02-28")  # corrected: the note and the frame go
    assert not note.isVisible() and date.notice() == "" and not red_frame(date)
    assert stored_production_date(samples) == "2026-02-28"


def test_a_half_typed_date_with_enter_is_told_and_stays(qtbot: QtBot, samples: SamplesTab) -> None:
    date = production_date(samples, "2026-10-15")
    date.setSelection(0, 4)
    qtbot.keyClicks(date, "20")
    assert date.text() == "20-10-15"
    keys(qtbot, date, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is date and date.isVisible()
    assert date.text() == "2026-10-15" and "20-10-15" in date.notice()
    assert date.note() is not None and date.note().isVisible()


def test_an_empty_field_half_typed_is_told_it_stays_empty(qtbot: QtBot, samples: SamplesTab) -> None:
    date = production_date(samples, "")
    qtbot.keyClicks(date, "2026-1")
    keys(qtbot, date, Qt.Key.Key_Tab)
    assert date.text() == "" and stored_production_date(samples) is None
    assert "2026-1" in date.notice() and date.note().isVisible()


def test_the_chinese_note(qtbot: QtBot, samples: SamplesTab) -> None:
    from qcdesk.ui.app import Translators

    translators = Translators(QApplication.instance())
    translators.apply("zh_CN")
    try:
        date = production_date(samples, "2026-10-31")
        assert date.not_a_date("2026-02-31", "2026-10-31") == \
            ("“2026-02-31”不是真实的日期：2月没有31日（2026年2月只有28天）。此处仍为 2026-10-31。"
             "请核对后重新输入，如 2026-10-15。")
        assert date.not_a_date("202-10-31", "2026-10-31") == \
            "“202-10-31”不是完整的日期，此处仍为 2026-10-31。请输入完整的日期，如 2026-10-15。"
        assert date.not_a_date("2026-1", "") == \
            "“2026-1”不是完整的日期，此处仍为空。请输入完整的日期，如 2026-10-15。"
    finally:
        translators.apply("en")
