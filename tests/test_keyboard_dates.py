"""An optional date (the 抽样单's 生产日期, result and re-test dates, licence dates) used from the
keyboard alone: Tab leaves it, empty or not; the date is typed in one go; Up starts at today;
Alt+Down or F4 open the calendar on this month; Delete or erasing the text empties it again.
Found by a keyboard-only review: an empty date trapped Tab, so no field after it could be reached."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QCalendarWidget, QWidget
from pytestqt.qtbot import QtBot

from qcdesk.models.store import Store
from qcdesk.ui.forms import OptionalDateEdit
from qcdesk.ui.visit_tabs import SamplesTab


def field(tab: SamplesTab, name: str) -> QWidget:
    widget = tab.errors.widget(name)
    assert widget is not None
    return widget


def production_date(tab: SamplesTab) -> OptionalDateEdit:
    date = field(tab, "production_date")
    assert isinstance(date, OptionalDateEdit) and date.value() is None
    date.setFocus()
    QApplication.processEvents()
    assert QApplication.focusWidget() is date
    return date


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)
    QApplication.processEvents()


def stored_production_date(tab: SamplesTab) -> str | None:
    tab.store_form()
    return tab.items[0].production_date


@pytest.mark.parametrize("filled", [None, "2026-10-15"])
def test_tab_and_shift_tab_leave_the_date_at_once(qtbot: QtBot, samples: SamplesTab,
                                                  filled: str | None) -> None:
    date = production_date(samples)
    date.setValue(filled)
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is field(samples, "grade")  # the next field: 等级
    press(qtbot, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is date
    press(qtbot, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is field(samples, "batch_no")  # the field before: 批号
    assert date.value() == filled


@pytest.mark.parametrize("typed", ["2026-10-15", "20261015", "2026/10/15"])
def test_typing_a_date_into_an_empty_field(qtbot: QtBot, samples: SamplesTab, typed: str) -> None:
    date = production_date(samples)
    qtbot.keyClicks(date, typed)
    assert date.value() == "2026-10-15"
    assert stored_production_date(samples) == "2026-10-15"
    press(qtbot, Qt.Key.Key_Tab)
    assert date.text() == "2026-10-15"  # shown as stored once the typist moves on
    assert QApplication.focusWidget() is field(samples, "grade")


def test_an_impossible_date_stands_as_typed_and_is_told(qtbot: QtBot, samples: SamplesTab) -> None:
    """It was refused at the keystroke, and the rest was another real date taken without a word
    (2026-02-30 gave 2026-02-03): the entry stands, is told on leaving, and is never stored."""
    date = production_date(samples)
    qtbot.keyClicks(date, "2026-13")
    assert date.text() == "2026-13" and date.value() is None
    date.setText("")
    qtbot.keyClicks(date, "2026-02-30")
    assert date.text() == "2026-02-30" and date.value() is None
    assert stored_production_date(samples) is None
    press(qtbot, Qt.Key.Key_Tab)
    assert date.value() is None and "month 2 of 2026 has no day 30" in date.notice()
    assert date.unfinished() == "2026-02-30"  # a save is refused at the field


def test_half_typed_date_goes_back_when_leaving(qtbot: QtBot, samples: SamplesTab) -> None:
    date = production_date(samples)
    date.setValue("2026-10-15")
    date.selectAll()
    qtbot.keyClicks(date, "2026-1")
    assert date.value() == "2026-10-15"
    press(qtbot, Qt.Key.Key_Tab)
    assert date.text() == "2026-10-15" and stored_production_date(samples) == "2026-10-15"


def test_up_on_an_empty_date_starts_at_today_then_steps_the_section(qtbot: QtBot,
                                                                    samples: SamplesTab) -> None:
    date = production_date(samples)
    today = QDate.currentDate()
    press(qtbot, Qt.Key.Key_Up)
    assert date.value() == today.toString("yyyy-MM-dd")  # not 1901-01-01
    press(qtbot, Qt.Key.Key_Up)  # the cursor stands in the day
    assert date.date() == today.addDays(1)
    date.setCursorPosition(6)  # the month, reached with Left/Right
    press(qtbot, Qt.Key.Key_Down)
    assert date.date() == today.addDays(1).addMonths(-1)
    date.setCursorPosition(2)  # the year
    press(qtbot, Qt.Key.Key_Up)
    assert date.date() == today.addDays(1).addMonths(-1).addYears(1)


@pytest.mark.parametrize("keys", [(Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier),
                                  (Qt.Key.Key_F4, Qt.KeyboardModifier.NoModifier)])
def test_calendar_opens_on_this_month_and_enter_picks(qtbot: QtBot, samples: SamplesTab,
                                                       keys: tuple[Qt.Key, Qt.KeyboardModifier]) -> None:
    date = production_date(samples)
    press(qtbot, *keys)
    calendar = date.findChild(QCalendarWidget)
    assert calendar is not None and calendar.isVisible()
    today = QDate.currentDate()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year(), today.month())
    assert date.value() is None  # opening it chose nothing
    press(qtbot, Qt.Key.Key_Right)  # tomorrow, moved to with the arrows
    press(qtbot, Qt.Key.Key_Return)
    assert not calendar.isVisible() and QApplication.focusWidget() is date
    assert date.date() == today.addDays(1)
    assert stored_production_date(samples) == today.addDays(1).toString("yyyy-MM-dd")


def test_escape_closes_the_calendar_and_keeps_the_date(qtbot: QtBot, samples: SamplesTab) -> None:
    date = production_date(samples)
    date.setValue("2025-03-09")
    press(qtbot, Qt.Key.Key_F4)
    calendar = date.findChild(QCalendarWidget)
    assert (calendar.yearShown(), calendar.monthShown()) == (2025, 3)
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Escape)
    assert not calendar.isVisible() and date.value() == "2025-03-09"


@pytest.mark.parametrize("how", ["delete", "erase"])
def test_delete_or_erasing_empties_the_date(qtbot: QtBot, samples: SamplesTab, how: str) -> None:
    date = production_date(samples)
    date.setValue("2026-10-15")
    assert stored_production_date(samples) == "2026-10-15"
    if how == "delete":
        press(qtbot, Qt.Key.Key_Delete)
    else:
        date.selectAll()
        press(qtbot, Qt.Key.Key_Backspace)
    assert date.value() is None and date.text() == "" and date.placeholderText() == "—"
    assert stored_production_date(samples) is None
    press(qtbot, Qt.Key.Key_F4)
    calendar = date.findChild(QCalendarWidget)
    today = QDate.currentDate()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year(), today.month())  # not 1900


def test_read_only_date_opens_no_calendar_and_keeps_its_value(qtbot: QtBot, samples: SamplesTab) -> None:
    date = production_date(samples)
    date.setValue("2026-10-15")
    date.setReadOnly(True)
    for key in (Qt.Key.Key_F4, Qt.Key.Key_Up, Qt.Key.Key_Delete):
        press(qtbot, key)
    calendar = date.findChild(QCalendarWidget)
    assert (calendar is None or not calendar.isVisible()) and date.value() == "2026-10-15"


def test_licence_date_typed_or_picked_in_the_table(qtbot: QtBot, store: Store, paths, settings) -> None:  # noqa: ANN001
    """The enterprise file's licence dates are the same field, as a table cell's editor."""
    from qcdesk.models.records import Licence
    from qcdesk.ui.enterprise_editor import EnterpriseEditor

    editor = EnterpriseEditor(store, paths, settings=settings)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    editor.tabs.setCurrentIndex(1)
    editor._append_licence(Licence(number="SC11442128100017"))
    table = editor.licence_table
    table.setCurrentCell(0, 3)
    table.editItem(table.item(0, 3))
    cell = table.indexWidget(table.model().index(0, 3))  # the cell's editor
    assert isinstance(cell, OptionalDateEdit) and cell.value() is None
    cell.setFocus()
    qtbot.keyClicks(cell, "20270301")
    qtbot.keyClick(cell, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(0, 3).text() == "2027-03-01")

    table.setCurrentCell(0, 2)
    table.editItem(table.item(0, 2))
    cell = table.indexWidget(table.model().index(0, 2))
    assert isinstance(cell, OptionalDateEdit) and cell.value() is None
    cell.setFocus()
    qtbot.keyClick(cell, Qt.Key.Key_F4)  # the calendar takes the focus; the cell's editor stays open
    calendar = cell.findChild(QCalendarWidget)
    assert calendar.isVisible()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # today
    assert cell.date() == QDate.currentDate()
    qtbot.keyClick(cell, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(0, 2).text() == QDate.currentDate().toString("yyyy-MM-dd"))


def test_tab_leaves_the_visit_date_in_one_press(qtbot: QtBot, samples: SamplesTab) -> None:
    """The visit date (always filled) is left by one Tab too, not after its year, month and day."""
    editor = samples.window()
    editor.tabs.setCurrentIndex(0)
    editor.date_edit.setFocus()
    QApplication.processEvents()
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editor.kind_combo
    press(qtbot, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is editor.date_edit
    press(qtbot, Qt.Key.Key_Down)  # the sections are still there for the arrows: the day
    press(qtbot, Qt.Key.Key_Home)  # the year
    press(qtbot, Qt.Key.Key_Down)
    assert editor.date_edit.date() == QDate.currentDate().addDays(-1).addYears(-1)
