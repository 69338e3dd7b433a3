"""The date field's calendar button says what it does: its tooltip was only Qt's name of the key,
"Alt+下方向", with no word that it opens a calendar."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from qcdesk.ui.date_field import OptionalDateEdit


def test_the_calendar_button_tooltip_in_chinese(qtbot: QtBot, chinese: None) -> None:
    field = OptionalDateEdit()
    qtbot.addWidget(field)
    assert field.calendar_action.toolTip() == "打开日历（Alt+↓）"  # was "Alt+下方向"


def test_the_calendar_button_tooltip_in_english(qtbot: QtBot) -> None:
    field = OptionalDateEdit()
    qtbot.addWidget(field)
    assert field.calendar_action.toolTip() == "Open calendar (Alt+Down)"
