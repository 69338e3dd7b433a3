"""A save while a date field holds an entry that is no whole date is refused at that field.

A clerk overtyped 生产日期's year with 202 (or typed 2026-02-31) and pressed 保存 or Ctrl+S: the
field went back to the old date with a note, and the save went ahead with the OLD date (Save and
close even closed the window), so the clerk believed the correction saved. Now nothing is saved,
nothing closes, the typed text is back in the field with the cursor, and the message at the field
says what to type: in the visit editor (button, Ctrl+S, Save and close), in 更正 (no reason is
asked for), and in the enterprise file's licence table."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel
from pytestqt.qtbot import QtBot

from qcdesk.models.amendments import amendments_for
from qcdesk.models.enterprises import enterprise_licences, save_enterprise
from qcdesk.models.inspections import VisitBundle, load_visit, save_inspector, save_visit
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Enterprise, Inspector, Licence, Sample, Visit
from qcdesk.models.store import Store
from qcdesk.ui.date_field import OptionalDateEdit
from qcdesk.ui.enterprise_editor import EnterpriseEditor
from qcdesk.ui.visit_editor import VisitEditor
from tests.test_visit_amend_ui import _answer_reason, _editor, _ok, sent_visit  # noqa: F401

NOT_SAVED = "is not a whole date, so nothing was saved"
# 2026-02-31 names the part that is wrong (it was told as no whole date)
NO_DAY_NOT_SAVED = "is no real date: month 2 of 2026 has no day 31: it has only 28 days, so nothing was saved"
pytestmark = pytest.mark.usefixtures("no_modal_waits")  # a modal window fails the test, never hangs it


@pytest.fixture
def firm(store: Store) -> Enterprise:
    return save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市羊楼洞茶业有限公司",
                                             jurisdiction_code="421281"),
                           [Licence(number="SC11442128100017", issued_on="2022-03-02",
                                    expires_on="2027-03-01")])


@pytest.fixture
def visit(store: Store, firm: Enterprise) -> VisitBundle:
    a, b = (save_inspector(store, Inspector(name=n, jurisdiction_code="421281")) for n in ("王磊", "李娜"))
    return save_visit(store, VisitBundle(
        Visit(enterprise_id=firm.id, visit_date="2026-11-02", kind="spot_check", summary="成品仓库抽样",
              inspectors=[a.uuid, b.uuid], status="done"),
        samples=[Sample(product_name="青砖茶", production_date="2026-10-31", result="pending",
                        samplers=["王磊", "李娜"], seal_state="已封样（检验样品、备用样品）")]))


def open_visit(qtbot: QtBot, store: Store, paths, settings, visit_id: int) -> VisitEditor:  # noqa: ANN001
    editor = VisitEditor(store, paths, settings=settings, visit_id=visit_id)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    QApplication.processEvents()
    return editor


def production_date(editor: VisitEditor) -> OptionalDateEdit:
    editor.tabs.setCurrentWidget(editor.samples_tab)
    field = editor.samples_tab.errors.widget("production_date")
    assert isinstance(field, OptionalDateEdit)
    field.setFocus()
    QApplication.processEvents()
    return field


def overtype_year(qtbot: QtBot, field: OptionalDateEdit) -> None:
    field.setSelection(0, 4)
    qtbot.keyClicks(field, "202")
    assert field.text() == "202-10-31"


def impossible_day(qtbot: QtBot, field: OptionalDateEdit) -> None:
    field.setSelection(5, 2)
    qtbot.keyClicks(field, "02")
    assert field.text() == "2026-02-31"


def click_save(qtbot: QtBot, editor: VisitEditor) -> None:
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()


def ctrl_s(qtbot: QtBot, editor: VisitEditor) -> None:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()


def save_and_close(qtbot: QtBot, editor: VisitEditor) -> None:
    qtbot.mouseClick(editor.save_close_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()


def message_under(field: OptionalDateEdit) -> str:
    lines = [label for label in field.parentWidget().findChildren(QLabel) if label.isVisible()]
    return "\n".join(label.text() for label in lines)


def refused_at(field: OptionalDateEdit, typed: str) -> None:
    """The typed text back in the field, the cursor in it, the message under it saying what to do."""
    assert field.text() == typed
    assert QApplication.focusWidget() is field
    words = NO_DAY_NOT_SAVED if typed == "2026-02-31" else NOT_SAVED
    assert words in message_under(field) and typed in message_under(field)
    assert "2026-10-15" in message_under(field)  # what to type


@pytest.mark.parametrize("typing", [overtype_year, impossible_day])
@pytest.mark.parametrize("saving", [click_save, ctrl_s, save_and_close])
def test_visit_save_refused_at_the_production_date(
        qtbot: QtBot, store: Store, paths, settings, visit: VisitBundle,  # noqa: ANN001
        typing: Callable[[QtBot, OptionalDateEdit], None],
        saving: Callable[[QtBot, VisitEditor], None]) -> None:
    editor = open_visit(qtbot, store, paths, settings, visit.visit.id)
    editor.summary_edit.setPlainText("成品仓库及原料仓库抽样")
    field = production_date(editor)
    typing(qtbot, field)
    typed = field.text()
    saving(qtbot, editor)
    stored = load_visit(store, visit.visit.id)
    assert stored.visit.summary == "成品仓库抽样" and stored.samples[0].production_date == "2026-10-31"
    assert editor.isVisible() and editor.is_dirty()
    assert editor.tabs.currentWidget() is editor.samples_tab
    refused_at(field, typed)
    field.selectAll()
    qtbot.keyClicks(field, "2025-10-31")  # corrected: the message goes, the save goes through
    assert "so nothing was saved" not in message_under(field)
    ctrl_s(qtbot, editor)
    stored = load_visit(store, visit.visit.id)
    assert stored.visit.summary == "成品仓库及原料仓库抽样"
    assert stored.samples[0].production_date == "2025-10-31"


def test_refused_after_the_clerk_went_to_another_tab(
        qtbot: QtBot, store: Store, paths, settings, visit: VisitBundle) -> None:  # noqa: ANN001
    """The entry sent back on leaving the field still stops a save from another tab."""
    editor = open_visit(qtbot, store, paths, settings, visit.visit.id)
    field = production_date(editor)
    overtype_year(qtbot, field)
    editor.tabs.setCurrentIndex(0)
    editor.summary_edit.setFocus()
    QApplication.processEvents()
    assert field.text() == "2026-10-31" and field.notice()  # told on leaving, as before
    ctrl_s(qtbot, editor)
    assert editor.tabs.currentWidget() is editor.samples_tab
    refused_at(field, "202-10-31")


def test_amend_refused_before_the_reason_is_asked(
        qtbot: QtBot, store: Store, sent_visit: VisitBundle, tmp_path) -> None:  # noqa: ANN001, F811
    editor = _editor(qtbot, store, tmp_path, sent_visit.visit.id)
    editor.findChild(type(editor.save_button), "amendButton").click()
    editor.summary_edit.setPlainText("成品仓库及原料仓库抽样")
    field = production_date(editor)
    qtbot.keyClicks(field, "2026-1")
    seen: list[QDialog] = _answer_reason(qtbot, _ok)
    click_save(qtbot, editor)
    qtbot.wait(100)
    assert seen == [] and amendments_for(store, sent_visit.visit.uuid) == []
    assert load_visit(store, sent_visit.visit.id).visit.summary == "成品仓库抽样"
    refused_at(field, "2026-1")


def licence_cell_editor(qtbot: QtBot, editor: EnterpriseEditor, column: int) -> OptionalDateEdit:
    table = editor.licence_table
    editor.tabs.setCurrentIndex(1)
    table.setFocus()
    table.setCurrentCell(0, column)
    table.editItem(table.item(0, column))
    QApplication.processEvents()
    cell = table.indexWidget(table.model().index(0, column))
    assert isinstance(cell, OptionalDateEdit) and QApplication.focusWidget() is cell
    return cell


@pytest.mark.parametrize("saving", [click_save, ctrl_s])
def test_licence_date_save_refused_at_its_cell(qtbot: QtBot, store: Store, paths, settings,  # noqa: ANN001
                                               firm: Enterprise, saving: Callable) -> None:
    editor = EnterpriseEditor(store, paths, firm.id, settings=settings)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    editor.name_edit.setText("赤壁市羊楼洞茶业股份有限公司")
    cell = licence_cell_editor(qtbot, editor, 2)
    cell.setSelection(0, 4)
    qtbot.keyClicks(cell, "202")
    saving(qtbot, editor)
    assert editor.isVisible() and editor.tabs.currentIndex() == 1
    assert [x.issued_on for x in enterprise_licences(store, firm.id)] == ["2022-03-02"]
    assert fetch_record(store, Enterprise, firm.id).name == "赤壁市羊楼洞茶业有限公司"
    table = editor.licence_table
    open_cell = table.indexWidget(table.model().index(0, 2))
    assert isinstance(open_cell, OptionalDateEdit) and open_cell.text() == "202-03-02"
    assert QApplication.focusWidget() is open_cell and NOT_SAVED in open_cell.notice()
    open_cell.selectAll()
    qtbot.keyClicks(open_cell, "2023-03-02")
    ctrl_s(qtbot, editor)
    assert [x.issued_on for x in enterprise_licences(store, firm.id)] == ["2023-03-02"]
