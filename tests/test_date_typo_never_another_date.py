"""A date field never turns a typo into another real date (review RA, A1 and A2).

Typed at the end of the field, the keystroke that made a date impossible was refused and what was
left was another real date, taken without a word: 2026-11-31 became 2026-11-03, 2027-02-29
2027-02-02, 2026-13-01 2026-01-01, and the visit editor saved it. A non-date pasted over a date
(31/11/2026, 2026-11-31, an Excel date-time) was refused whole: the old date stayed, no note, and
the save went through with it. Now such an entry stands as typed; leaving the field says which
part is wrong, and a save is refused at the field with nothing written. An Excel date-time and a
closing 。 are read as the date they name."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from spot_check_editor import open_editor, paste_over

from qcdesk.models.enterprises import enterprise_licences
from qcdesk.models.inspections import VisitBundle, load_visit
from qcdesk.models.store import Store
from qcdesk.ui.date_field import OptionalDateEdit
from qcdesk.ui.enterprise_editor import EnterpriseEditor
from qcdesk.ui.list_pages import ListPage
from qcdesk.ui.visit_editor import VisitEditor
from tests.test_date_filter_keys import page, rows  # noqa: F401 - the list fixture
from tests.test_date_save_refused import firm, licence_cell_editor  # noqa: F401 - a firm with a licence

pytestmark = pytest.mark.usefixtures("no_modal_waits")  # a modal window fails the test, never hangs it

HELD = "2026-03-02"  # the visit's date (saved_spot_check)
IMPOSSIBLE = {  # typed -> the part the message names
    "2026-11-31": "month 11 of 2026 has no day 31: it has only 30 days",
    "2027-02-29": "month 2 of 2027 has no day 29: it has only 28 days",
    "2026-13-01": "there is no month 13",
    "2026-11-40": "month 11 of 2026 has no day 40",
    "2026/4/31": "month 4 of 2026 has no day 31",
    "20261131": "month 11 of 2026 has no day 31",
}


def shown_at(field: OptionalDateEdit) -> str:
    """The message the clerk sees at the field: the form's line under it, or the note."""
    lines = [label.text() for label in field.parentWidget().findChildren(QLabel) if label.isVisible()]
    note = field.note()
    if note is not None and note.isVisible():
        lines.append(note.text())
    return "\n".join(lines)


def save(qtbot: QtBot, editor: VisitEditor) -> None:
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()


def stored(store: Store, visit: VisitBundle) -> tuple[str, str]:
    saved = load_visit(store, visit.visit.id).visit
    return saved.visit_date, saved.summary


@pytest.mark.parametrize("typed", list(IMPOSSIBLE))
@pytest.mark.parametrize("tab_first", [False, True])
def test_an_impossible_visit_date_typed_is_refused_never_another_date(
        qtbot: QtBot, store: Store, paths, settings, visit: VisitBundle,  # noqa: ANN001
        typed: str, tab_first: bool) -> None:
    editor = open_editor(qtbot, store, paths, settings, visit.visit.id)
    before = stored(store, visit)
    editor.summary_edit.setPlainText("成品仓库抽样（更正）")
    field = editor.date_edit
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, typed)  # keystroke by keystroke, looking at the paper
    assert field.text() == typed  # every keystroke stands
    assert field.value() == HELD  # the date held, not 2026-11-03
    if tab_first:  # leaving the field tells which part is wrong
        qtbot.keyClick(field, Qt.Key.Key_Tab)
        QApplication.processEvents()
        assert field.value() == HELD and typed in field.notice()
        assert IMPOSSIBLE[typed] in shown_at(field) and "2026-10-15" in shown_at(field)
    save(qtbot, editor)
    assert stored(store, visit) == before  # nothing written
    assert editor.isVisible() and field.text() == typed and QApplication.focusWidget() is field
    message = shown_at(field)
    assert "so nothing was saved" in message and typed in message and IMPOSSIBLE[typed] in message
    field.selectAll()
    qtbot.keyClicks(field, "2026-11-30")  # corrected: saved
    save(qtbot, editor)
    assert stored(store, visit) == ("2026-11-30", "成品仓库抽样（更正）")


@pytest.mark.parametrize("pasted", ["2026-11-03 10:30", "2026-11-03 00:00:00", "2026/11/3 10:30",
                                    "2026.11.3。", "2026年11月3日。", "2026-11-03\n"])
def test_a_pasted_date_time_or_closing_full_stop_is_read(
        qtbot: QtBot, store: Store, paths, settings, visit: VisitBundle, pasted: str) -> None:  # noqa: ANN001
    editor = open_editor(qtbot, store, paths, settings, visit.visit.id)
    field = editor.date_edit
    paste_over(qtbot, field, pasted)
    assert field.value() == "2026-11-03"
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.text() == "2026-11-03" and not field.notice()
    save(qtbot, editor)
    assert stored(store, visit)[0] == "2026-11-03"


@pytest.mark.parametrize("pasted", ["31/11/2026", "2026-11-31", "2026年11月31日", "3/11/2026",
                                    "2026-11-03 25:00", "11月3日"])
def test_a_pasted_non_date_stands_and_the_save_is_refused(
        qtbot: QtBot, store: Store, paths, settings, visit: VisitBundle, pasted: str) -> None:  # noqa: ANN001
    editor = open_editor(qtbot, store, paths, settings, visit.visit.id)
    before = stored(store, visit)
    field = editor.date_edit
    paste_over(qtbot, field, pasted)
    assert field.text() == pasted and field.value() == HELD and field.unfinished() == pasted
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert pasted in field.notice()
    save(qtbot, editor)
    assert stored(store, visit) == before
    assert field.text() == pasted and "so nothing was saved" in shown_at(field)


def test_a_letter_typed_is_still_refused(qtbot: QtBot, store: Store, paths, settings,  # noqa: ANN001
                                         visit: VisitBundle) -> None:
    """Only what dates are typed with is taken key by key; a letter is not (it names no date)."""
    field = open_editor(qtbot, store, paths, settings, visit.visit.id).date_edit
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "2026-1x1-30")
    assert field.text() == "2026-11-30" and field.value() == "2026-11-30"


def test_an_impossible_licence_expiry_in_the_table_is_refused(
        qtbot: QtBot, store: Store, paths, settings, firm) -> None:  # noqa: ANN001, F811
    """The licence table's cells (DateDelegate): 2027-02-29 gave 2027-02-02 and was saved."""
    editor = EnterpriseEditor(store, paths, firm.id, settings=settings)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    cell = licence_cell_editor(qtbot, editor, 3)
    cell.selectAll()
    qtbot.keyClicks(cell, "2027-02-29")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert [x.expires_on for x in enterprise_licences(store, firm.id)] == ["2027-03-01"]
    table = editor.licence_table
    open_cell = table.indexWidget(table.model().index(0, 3))
    assert isinstance(open_cell, OptionalDateEdit) and open_cell.text() == "2027-02-29"
    assert "month 2 of 2027 has no day 29" in open_cell.notice()
    assert "so nothing was saved" in open_cell.notice()


def test_a_list_filter_to_an_impossible_date_filters_nothing_and_says_so(
        qtbot: QtBot, page: ListPage) -> None:  # noqa: F811
    """'to 2026-09-31' (a slip for 30) filtered to 3 September: no visit at all, without a word."""
    page.date_to.setFocus()
    qtbot.keyClicks(page.date_to, "2026-09-31")
    qtbot.keyClick(page.date_to, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert page.filters().date_to in ("", None) and page.date_to.iso() == ""
    rows(qtbot, page, 4)  # not 0 (to 3 September)
    note = page.date_to.note()
    assert note is not None and note.isVisible()
    assert "2026-09-31" in note.text() and "month 9 of 2026 has no day 31" in note.text()


def test_the_chinese_words_say_which_part_is_wrong(qtbot: QtBot, store: Store, paths, settings,  # noqa: ANN001
                                                   visit: VisitBundle, chinese: None) -> None:
    field = open_editor(qtbot, store, paths, settings, visit.visit.id).date_edit
    assert field.not_a_date("2026-11-31", HELD) == (
        "“2026-11-31”不是真实的日期：11月没有31日（2026年11月只有30天）。此处仍为 2026-03-02。"
        "请核对后重新输入，如 2026-10-15。")
    assert "月份应在1至12之间" in field.not_a_date("2026-13-01", HELD)
    assert "2027年2月只有28天" in field.not_saved("2027-02-29")
    assert "因此未保存" in field.not_saved("2027-02-29")
