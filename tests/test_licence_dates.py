"""Licence dates as an inspector types them: the issue date is a real date, the expiry follows it,
and a production licence said to run more than its 5 years is pointed out (but still saved)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from qcdesk.models.enterprises import save_enterprise, validate_enterprise
from qcdesk.models.messages import ValidationFailed
from qcdesk.models.records import Enterprise, Licence
from qcdesk.models.store import Store
from qcdesk.ui.enterprise_editor import EnterpriseEditor

USCC = "91421221MA4E3XHX15"


pytestmark = pytest.mark.usefixtures("chinese_core_no_boxes")


def enterprise() -> Enterprise:
    return Enterprise(uscc=USCC, name="嘉鱼县测试管业有限公司", jurisdiction_code="421221")


def licences_saved(store: Store) -> list[tuple]:
    return store.db.execute("SELECT number, issued_on, expires_on FROM licence ORDER BY id").fetchall()


@pytest.mark.parametrize("typed", ["2024/01/01", "20240101", "2024-1-1"])
def test_issue_date_not_written_year_month_day_is_refused(store: Store, typed: str) -> None:
    with pytest.raises(ValidationFailed) as info:
        save_enterprise(store, enterprise(), [Licence(number="XK13-006-00123", issued_on=typed,
                                                      expires_on="2029-01-01")])
    assert [i.field for i in info.value.issues] == ["licences.0.issued_on"]
    assert info.value.text() == "发证日期应写成 2026-11-15 这样的格式（年-月-日）"
    assert info.value.text("en") == "Issue date must be written like 2026-11-15 (year-month-day)"
    assert licences_saved(store) == []


def test_issue_date_that_is_no_day_is_refused(store: Store) -> None:
    with pytest.raises(ValidationFailed) as info:
        save_enterprise(store, enterprise(), [Licence(number="XK13-006-00123", issued_on="2024-02-30")])
    assert "发证日期“2024-02-30”有误" in info.value.text()


def test_expiry_before_issue_is_refused(store: Store) -> None:
    with pytest.raises(ValidationFailed) as info:
        save_enterprise(store, enterprise(), [Licence(number="(鄂)XK13-006-00123", issued_on="2030-01-01",
                                                      expires_on="2020-01-01")])
    assert [i.field for i in info.value.issues] == ["licences.0.expires_on"]
    assert info.value.text() == "许可证有效期不能早于发证日期"
    assert info.value.text("en") == "Licence expiry date cannot be earlier than the issue date"
    assert licences_saved(store) == []


@pytest.mark.parametrize("number", ["XK13-006-00123", "SC11442128100017"])
def test_more_than_five_years_after_issue_is_a_warning_and_saves(store: Store, number: str) -> None:
    licence = Licence(number=number, issued_on="2024-01-01", expires_on="2099-12-31")
    issues = validate_enterprise(store, enterprise(), [licence])
    assert [(i.field, i.warning) for i in issues] == [("licences.0.expires_on", True)]
    assert issues[0].text() == ("生产许可证有效期为5年：2024-01-01 发证的许可证应不晚于 2029-01-01 到期，"
                                "请核对有效期")
    assert issues[0].text("en") == ("A production licence is valid 5 years: one issued on 2024-01-01 "
                                    "expires by 2029-01-01; check the expiry date")
    save_enterprise(store, enterprise(), [licence])
    assert licences_saved(store) == [(number, "2024-01-01", "2099-12-31")]


def test_expiry_far_ahead_without_issue_date_is_a_warning(store: Store) -> None:
    issues = validate_enterprise(store, enterprise(), [Licence(number="XK13-006-00123",
                                                               expires_on="2099-12-31")])
    assert [(i.field, i.warning) for i in issues] == [("licences.0.expires_on", True)]
    assert "有效期为5年" in issues[0].text() and "发证日期" in issues[0].text()
    assert "valid 5 years" in issues[0].text("en")


@pytest.mark.parametrize("expires", ["2029-03-14", "2029-03-15"])
def test_five_years_to_the_day_is_fine(store: Store, expires: str) -> None:
    issues = validate_enterprise(store, enterprise(), [Licence(number="XK13-006-00123",
                                                               issued_on="2024-03-15", expires_on=expires)])
    assert issues == []


def test_old_qs_licence_dates_not_held_to_five_years(store: Store) -> None:
    old = Licence(number="QS421201010001", issued_on="2005-01-01", expires_on="2012-01-01")
    issues = validate_enterprise(store, enterprise(), [old])
    assert [i.rule for i in issues] == ["licence.qs_historical"]


# -- in the enterprise editor ----------------------------------------------------------------
@pytest.fixture
def editor(qtbot, store, paths, settings) -> EnterpriseEditor:
    ed = EnterpriseEditor(store, paths, settings=settings)
    qtbot.addWidget(ed)
    ed.show()
    ed.uscc_edit.setText(USCC)
    ed.name_edit.setText("嘉鱼县测试管业有限公司")
    ed.jurisdiction_combo.setCurrentIndex(ed.jurisdiction_combo.findData("421221"))
    return ed


def add_licence(ed: EnterpriseEditor, number: str, issued: str, expires: str) -> None:
    ed._add_licence_row()
    row = ed.licence_table.rowCount() - 1
    for column, text in ((0, number), (1, "管材"), (2, issued), (3, expires)):
        ed.licence_table.item(row, column).setText(text)


def test_editor_refuses_typed_issue_date_and_expiry_before_issue(qtbot, editor: EnterpriseEditor,
                                                                 store: Store) -> None:
    add_licence(editor, "（鄂）XK13-006-00123", "2030-01-01", "2020-01-01")
    add_licence(editor, "SC11442128100017", "2024/01/01", "2029-01-01")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    shown = editor.licence_message.text()
    assert "许可证有效期不能早于发证日期" in shown
    assert "发证日期应写成 2026-11-15 这样的格式" in shown
    assert editor.tabs.currentIndex() == 1
    assert licences_saved(store) == []
    editor.licence_table.item(0, 3).setText("2035-01-01")
    editor.licence_table.item(1, 2).setText("2024-01-01")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert licences_saved(store) == [("(鄂)XK13-006-00123", "2030-01-01", "2035-01-01"),
                                     ("SC11442128100017", "2024-01-01", "2029-01-01")]


def test_editor_shows_date_problems_while_typing_and_warnings_do_not_block(
        qtbot, editor: EnterpriseEditor, store: Store) -> None:
    """The clerk sees the licence's date problems in the table as soon as the cells are filled,
    not only after pressing Save; a term longer than five years is a yellow note, and saves."""
    add_licence(editor, "（鄂）XK13-006-00123", "2030-01-01", "2020-01-01")
    editor._check_licence_cells()
    assert "许可证有效期不能早于发证日期" in editor.licence_message.text()
    editor.licence_table.item(0, 2).setText("2020-01-01")
    editor.licence_table.item(0, 3).setText("2031-01-01")
    editor._check_licence_cells()
    shown = editor.licence_note.text()  # a note, in the warning colours; no red line left
    assert "5" in shown and "许可证有效期不能早于发证日期" not in shown, shown
    assert editor.licence_message.isHidden()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert licences_saved(store) == [("(鄂)XK13-006-00123", "2020-01-01", "2031-01-01")]


def test_a_stored_licence_with_a_bad_old_number_can_be_deleted(qtbot, store: Store, paths, settings) -> None:
    """Old data holds a number no rule accepts (XK-bad); removing that row and saving used to do
    nothing at all, with no message, because the removed row was validated too."""
    from qcdesk.models.persistence import insert_record

    e = save_enterprise(store, Enterprise(uscc=USCC, name="嘉鱼县测试管业有限公司",
                                          jurisdiction_code="421221"))
    insert_record(store, Licence(enterprise_id=e.id, number="XK-bad", kind="XK"))
    editor = EnterpriseEditor(store, paths, e.id, settings=settings)
    qtbot.addWidget(editor)
    editor.show()
    editor.licence_table.setCurrentCell(0, 0)
    editor._remove_licence_row()
    assert editor.save() is True
    assert store.db.execute("SELECT count(*) FROM licence WHERE deleted_at IS NULL").fetchone()[0] == 0
    assert store.db.execute("SELECT count(*) FROM licence WHERE number = 'XK-bad'").fetchone()[0] == 1  # kept
