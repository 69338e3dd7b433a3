"""A date typed the way a Chinese clerk types it: in an input method's full-width mode
(２０２６－１０－１５), written out (2026年10月15日), with dots (2026.10.15, or 。 from the . key in
Chinese punctuation mode). The optional date field refused the full-width sign and 年 at the
keystroke, so the 生产日期 could only be typed after switching the input method to half-width."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from qcdesk.ui.date_field import OptionalDateEdit
from qcdesk.ui.visit_tabs import SamplesTab


def type_in(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Each character as a key press carrying its text, as a keyboard delivers it: QTest's
    keyClicks knows only ASCII, so other characters (２, 年, 。) go as key events of no key code
    with the character as their text, the way full-width and punctuation modes send them."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def commit(widget: QWidget, text: str) -> None:
    """What an input method sends when the clerk picks a word from its list (nian → 年)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def production_date(tab: SamplesTab) -> OptionalDateEdit:
    date = tab.errors.widget("production_date")
    assert isinstance(date, OptionalDateEdit) and date.value() is None
    date.setFocus()
    QApplication.processEvents()
    return date


@pytest.mark.parametrize("typed", ["２０２６－１０－１５", "２０２６１０１５", "２０２６／１０／１５",
                                   "2026年10月15日", "２０２６年１０月１５日", "2026年10月15号",
                                   "2026.10.15", "2026。10。15", "２０２６．１０．１５"])
def test_a_date_typed_as_a_chinese_clerk_types_it(qtbot: QtBot, samples: SamplesTab,
                                                   typed: str) -> None:
    date = production_date(samples)
    type_in(qtbot, date, typed)
    assert date.text() == typed  # every keystroke kept, none refused on the way
    assert date.value() == "2026-10-15"
    qtbot.keyClick(date, Qt.Key.Key_Tab)
    QApplication.processEvents()
    assert date.text() == "2026-10-15"  # shown as stored once the typist moves on
    samples.store_form()
    assert samples.items[0].production_date == "2026-10-15"


def test_a_written_out_date_is_judged_as_2026_10_15_is(qtbot: QtBot, samples: SamplesTab) -> None:
    """As for 2026-10-15: month 13 and 30 February stand as typed, never another real date (the
    keystroke was refused and ２０２６年２月３０日 gave 3 February), and are told on leaving."""
    date = production_date(samples)
    type_in(qtbot, date, "2026年13")
    assert date.text() == "2026年13" and date.value() is None
    date.setText("")
    type_in(qtbot, date, "２０２６年２月３０日")
    assert date.text() == "２０２６年２月３０日" and date.value() is None
    qtbot.keyClick(date, Qt.Key.Key_Tab)
    assert date.value() is None and "month 2 of 2026 has no day 30" in date.notice()
    date.setFocus()
    type_in(qtbot, date, "2026日")  # 日 only after the day: no date
    assert date.value() is None and date.unfinished() == "2026日"


def test_digits_of_other_scripts_are_no_date(qtbot: QtBot, samples: SamplesTab) -> None:
    """Only ASCII and full-width digits: Arabic-Indic ٢٠٢٦ is not stored as typed."""
    date = production_date(samples)
    type_in(qtbot, date, "٢٠٢٦١٠١٥")
    assert date.text() == "" and date.value() is None


def test_words_committed_by_the_input_method(qtbot: QtBot, samples: SamplesTab) -> None:
    """Pinyin mode: digits typed, 年 月 日 each picked from the input method's list."""
    date = production_date(samples)
    for part in ("2026", "年", "10", "月", "15", "日"):
        if part.isascii():
            qtbot.keyClicks(date, part)
        else:
            commit(date, part)
    assert date.text() == "2026年10月15日" and date.value() == "2026-10-15"
