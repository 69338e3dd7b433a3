"""The record editors as a user meets them: messages at the field, nothing saved half-way, prompts, locks."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QImage, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QPushButton

from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.persistence import update_record
from qcdesk.models.records import Enterprise, Finding, Inspector, Sample, Visit
from qcdesk.models.rectifications import order_rectification, record_recheck
from qcdesk.models.store import Store
from qcdesk.ui import forms
from qcdesk.ui.enterprise_editor import EnterpriseEditor
from qcdesk.ui.rectification_dialog import RectificationDialog
from qcdesk.ui.visit_editor import VisitEditor

USCC = "91421281MA4KL5FE07"
REAL_ASK_UNSAVED = forms.ask_unsaved  # the autouse fixture replaces it in every test
USCC_ORG_MISMATCH = "91421281MA4KL5FE1A"  # check character right, embedded GB 11714 digit wrong


@pytest.fixture(autouse=True)
def chinese_messages(qapp: QApplication):
    """Core messages in Chinese, whatever language an earlier test left the application in."""
    before = qapp.property("lang")
    qapp.setProperty("lang", "zh")
    yield
    qapp.setProperty("lang", before)


def ui(context: str, text: str) -> str:
    """A UI string as the user sees it now (tests may run with or without a translator installed)."""
    return QCoreApplication.translate(context, text)


@pytest.fixture(autouse=True)
def prompts(monkeypatch: pytest.MonkeyPatch) -> dict[str, list]:
    """Record QMessageBox calls (never a real modal box); `answer` is what the unsaved question returns."""
    seen: dict[str, list] = {"question": [], "information": [],
                             "answer": [QMessageBox.StandardButton.Discard]}

    def question(parent):
        seen["question"].append("unsaved")
        return seen["answer"][0]

    monkeypatch.setattr(forms, "ask_unsaved", question)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: seen["information"].append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: seen["information"].append(a[2]))
    return seen


def type_text(qtbot, widget, text: str) -> None:
    """ASCII as key presses, Chinese as an input-method commit."""
    for chunk in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]+", text):
        if chunk.isascii():
            qtbot.keyClicks(widget, chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)


def count(store: Store, table: str) -> int:
    return store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def make_enterprise(store: Store) -> Enterprise:
    return save_enterprise(store, Enterprise(uscc=USCC, name="赤壁市羊楼洞茶业有限公司",
                                             jurisdiction_code="421281"))


def make_inspectors(store: Store) -> list[Inspector]:
    return [save_inspector(store, Inspector(name=n, cert_no=c, jurisdiction_code="421281"))
            for n, c in (("王磊", "42120001"), ("李娜", "42120002"))]


def new_editor(qtbot, store, paths, settings, *, jurisdiction: str | None = "赤壁市",
               **kwargs) -> EnterpriseEditor:
    """The editor, shown; a new file gets `jurisdiction` picked as a user would (None: left open)."""
    editor = EnterpriseEditor(store, paths, settings=settings, **kwargs)
    qtbot.addWidget(editor)
    editor.show()
    if jurisdiction and not kwargs.get("enterprise_id"):
        editor.jurisdiction_combo.setCurrentIndex(editor.jurisdiction_combo.findText(jurisdiction))
    return editor


# -- enterprise editor ---------------------------------------------------------------------
def test_bad_uscc_shows_message_at_field_and_saves_nothing(qtbot, store, paths, settings) -> None:
    editor = new_editor(qtbot, store, paths, settings)
    qtbot.keyClicks(editor.uscc_edit, "91421281-ma4kl5fe08")
    assert editor.uscc_edit.text() == "91421281MA4KL5FE08"
    assert "校验位不正确" in editor.errors.message("uscc")
    assert editor.uscc_edit.property("fieldState") == "error"
    type_text(qtbot, editor.name_edit, "测试企业")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert count(store, "enterprise") == 0
    assert "校验位不正确" in editor.errors.message("uscc")
    assert editor.focusWidget() is editor.uscc_edit


def test_short_uscc_is_reported_when_leaving_the_field(qtbot, store, paths, settings) -> None:
    editor = new_editor(qtbot, store, paths, settings)
    qtbot.keyClicks(editor.uscc_edit, "9142128")
    assert editor.errors.message("uscc") == ""  # still typing
    editor.uscc_edit.editingFinished.emit()
    assert "当前为7位" in editor.errors.message("uscc")


def test_org_code_mismatch_is_a_yellow_warning_that_does_not_block(qtbot, store, paths, settings) -> None:
    editor = new_editor(qtbot, store, paths, settings)
    qtbot.keyClicks(editor.uscc_edit, USCC_ORG_MISMATCH)
    assert "组织机构代码" in editor.errors.message("uscc")
    assert editor.uscc_edit.property("fieldState") == "warning"
    type_text(qtbot, editor.name_edit, "测试企业")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert count(store, "enterprise") == 1


def test_duplicate_uscc_names_the_existing_enterprise(qtbot, store, paths, settings) -> None:
    make_enterprise(store)
    editor = new_editor(qtbot, store, paths, settings)
    qtbot.keyClicks(editor.uscc_edit, USCC.lower())
    assert "赤壁市羊楼洞茶业有限公司" in editor.errors.message("uscc")  # told while typing
    type_text(qtbot, editor.name_edit, "另一家公司")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert count(store, "enterprise") == 1
    assert "不能重复建档" in editor.errors.message("uscc")


def test_bad_licence_checked_as_typed_and_refused_with_the_enterprise(qtbot, store, paths, settings) -> None:
    editor = new_editor(qtbot, store, paths, settings)
    qtbot.keyClicks(editor.uscc_edit, USCC)
    type_text(qtbot, editor.name_edit, "测试企业")
    editor._add_licence_row()
    editor.licence_table.item(0, 0).setText("SC12345678901234")
    row_text = ui("EnterpriseEditor", "Row %1: ").replace("%1", "1")
    assert editor.licence_message.text().startswith(row_text) and "校验位" in editor.licence_message.text()
    assert editor.licence_table.item(0, 0).background().color() == QColor("#ffcdd2")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert count(store, "enterprise") == 0 and count(store, "licence") == 0
    assert editor.tabs.currentIndex() == 1
    editor.licence_table.item(0, 0).setText("(鄂)XK13-006-00123")
    assert editor.licence_message.isHidden()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert store.db.execute("SELECT kind, number FROM licence").fetchall() == [("XK", "(鄂)XK13-006-00123")]


def test_licence_expiry_picked_from_a_calendar(qtbot, store, paths, settings) -> None:
    from PySide6.QtCore import QDate

    from qcdesk.models.records import Licence
    from qcdesk.ui.forms import OptionalDateEdit

    editor = new_editor(qtbot, store, paths, settings)
    qtbot.keyClicks(editor.uscc_edit, USCC)
    type_text(qtbot, editor.name_edit, "测试企业")
    editor.tabs.setCurrentIndex(1)
    editor._append_licence(Licence(number="SC11442128100017"))
    table = editor.licence_table
    table.setCurrentCell(0, 3)
    table.editItem(table.item(0, 3))
    calendar = table.viewport().findChild(OptionalDateEdit)
    assert calendar is not None and calendar.value() is None
    calendar.setDate(QDate(2027, 3, 1))
    qtbot.keyClick(calendar, Qt.Key.Key_Return)  # the delegate commits on the next event-loop turn
    qtbot.waitUntil(lambda: table.item(0, 3).text() == "2027-03-01")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert store.db.execute("SELECT expires_on, issued_on FROM licence").fetchone() == ("2027-03-01", None)


def test_licence_renewal_due_is_a_note_not_a_refusal(qtbot, store, paths, settings) -> None:
    editor = new_editor(qtbot, store, paths, settings)
    qtbot.keyClicks(editor.uscc_edit, USCC)
    type_text(qtbot, editor.name_edit, "测试企业")
    editor._add_licence_row()
    soon = (date.today() + timedelta(days=45)).isoformat()  # SC: warned 60 days ahead (30 working days)
    editor.licence_table.item(0, 3).setText(soon)
    editor.licence_table.item(0, 0).setText("SC11442128100017")
    # a note, not an error: under the table in the warning colours, the red line stays hidden
    assert soon in editor.licence_note.text() and "background" in editor.licence_note.styleSheet()
    assert "30 working days" in editor.licence_note.text() or "30个工作日" in editor.licence_note.text()
    assert editor.licence_message.isHidden()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert count(store, "licence") == 1
    assert soon in editor.licence_note.text()  # still told after saving


def test_new_enterprise_has_no_jurisdiction_until_one_is_chosen(qtbot, chinese, store, paths,
                                                                  settings) -> None:
    """No 咸宁市 preselected for a county enterprise: saving without a choice is refused."""
    editor = new_editor(qtbot, store, paths, settings, jurisdiction=None)
    combo = editor.jurisdiction_combo
    assert combo.currentIndex() == -1 and combo.placeholderText() == "请选择所属辖区"
    qtbot.keyClicks(editor.uscc_edit, USCC)
    type_text(qtbot, editor.name_edit, "测试企业")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert count(store, "enterprise") == 0
    told = editor.errors.message("jurisdiction_code")
    assert told.startswith("请选择所属辖区") and "未知" not in told
    assert editor.focusWidget() is combo
    combo.setCurrentIndex(combo.findText("嘉鱼县"))
    assert editor.errors.message("jurisdiction_code") == ""
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert store.db.execute("SELECT jurisdiction_code FROM enterprise").fetchall() == [("421221",)]


def test_new_enterprise_offers_the_working_inspectors_own_county(qtbot, store, paths, settings) -> None:
    county = save_inspector(store, Inspector(name="王磊", cert_no="42120001", jurisdiction_code="421221"))
    city = save_inspector(store, Inspector(name="李娜", cert_no="42120002", jurisdiction_code="421200"))
    store.author = county.uuid
    editor = new_editor(qtbot, store, paths, settings, jurisdiction=None)
    assert editor.jurisdiction_combo.currentData() == "421221" and not editor.is_dirty()
    store.author = city.uuid  # a city-office inspector files every county's enterprises
    editor = new_editor(qtbot, store, paths, settings, jurisdiction=None)
    assert editor.jurisdiction_combo.currentIndex() == -1


def test_edit_existing_keeps_certifications_and_flags(qtbot, store, paths, settings) -> None:
    e = make_enterprise(store)
    editor = new_editor(qtbot, store, paths, settings, enterprise_id=e.id)
    assert editor.jurisdiction_combo.currentText() == "赤壁市"
    assert editor.jurisdiction_combo.findText("咸宁高新区") >= 0
    items = [editor.cert_list.item(i) for i in range(editor.cert_list.count())]  # by the stored words:
    [excellence] = [i for i in items if i.data(Qt.ItemDataRole.UserRole) == "卓越绩效"]  # shown translated
    excellence.setCheckState(Qt.CheckState.Checked)
    editor.above_scale_check.setChecked(True)
    editor.demonstration_check.setChecked(True)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.keyClick(editor.name_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    row = store.db.execute(
        "SELECT certifications, above_scale, demonstration, revision FROM enterprise").fetchone()
    assert row == ("卓越绩效", 1, 1, 2)
    assert not editor.is_dirty()


def test_contacts_saved_with_the_enterprise_and_a_nameless_one_refused(qtbot, store, paths,
                                                                       settings) -> None:
    e = make_enterprise(store)
    editor = new_editor(qtbot, store, paths, settings, enterprise_id=e.id)
    editor.tabs.setCurrentIndex(2)
    qtbot.mouseClick(editor.findChild(QPushButton, "addContactButton"), Qt.MouseButton.LeftButton)
    table = editor.contact_table
    table.item(0, 1).setText("质量负责人")
    table.item(0, 2).setText("13907150000")
    assert editor.is_dirty()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert "联系人姓名不能为空" in editor.contact_message.text()
    assert count(store, "contact") == 0
    assert store.db.execute("SELECT revision FROM enterprise").fetchone()[0] == 1  # nothing half-saved
    table.item(0, 0).setText("周敏")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert store.db.execute("SELECT name, role, phone, enterprise_id FROM contact").fetchall() == [
        ("周敏", "质量负责人", "13907150000", e.id)]
    assert editor.contact_message.isHidden()
    table.setCurrentCell(0, 0)
    qtbot.mouseClick(editor.findChild(QPushButton, "removeContactButton"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert store.db.execute("SELECT deleted_at IS NOT NULL FROM contact").fetchone() == (1,)
    assert table.rowCount() == 0 and not editor.is_dirty()


def test_unsaved_changes_prompt(qtbot, store, paths, settings, prompts) -> None:
    editor = new_editor(qtbot, store, paths, settings, jurisdiction=None)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # nothing typed: closes without asking
    assert not editor.isVisible() and prompts["question"] == []

    editor = new_editor(qtbot, store, paths, settings)
    qtbot.keyClicks(editor.uscc_edit, USCC)
    type_text(qtbot, editor.name_edit, "测试企业")
    prompts["answer"][0] = QMessageBox.StandardButton.Cancel
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert prompts["question"] == ["unsaved"]
    assert editor.isVisible()  # Cancel keeps editing
    prompts["answer"][0] = QMessageBox.StandardButton.Discard
    qtbot.mouseClick(editor.close_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible() and count(store, "enterprise") == 0

    editor = new_editor(qtbot, store, paths, settings)
    qtbot.keyClicks(editor.uscc_edit, USCC)
    type_text(qtbot, editor.name_edit, "测试企业")
    prompts["answer"][0] = QMessageBox.StandardButton.Save
    editor.close()
    assert not editor.isVisible() and count(store, "enterprise") == 1
    assert editor.result() == QDialog.DialogCode.Accepted


def test_save_prompt_keeps_dialog_open_when_save_fails(qtbot, store, paths, settings, prompts) -> None:
    editor = new_editor(qtbot, store, paths, settings)
    type_text(qtbot, editor.name_edit, "测试企业")
    prompts["answer"][0] = QMessageBox.StandardButton.Save
    editor.close()
    assert editor.isVisible() and "统一社会信用代码" in editor.errors.message("uscc")


def test_database_busy_keeps_the_edits_and_says_so(qtbot, store, paths, settings, prompts) -> None:
    import sqlite3

    editor = new_editor(qtbot, store, paths, settings)
    qtbot.keyClicks(editor.uscc_edit, USCC)
    type_text(qtbot, editor.name_edit, "测试企业")
    other = sqlite3.connect(store.path, timeout=0)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    store.db.execute("PRAGMA busy_timeout = 0")
    try:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    finally:
        other.rollback()
        other.close()
    assert prompts["information"] and "占用" in prompts["information"][0]
    assert editor.isVisible() and editor.is_dirty()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert count(store, "enterprise") == 1


# -- visit editor --------------------------------------------------------------------------
def open_visit(qtbot, store, paths, settings, **kwargs) -> VisitEditor:
    editor = VisitEditor(store, paths, settings=settings, **kwargs)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def tick(editor: VisitEditor, *names: str) -> None:
    for i in range(editor.inspector_list.count()):
        item = editor.inspector_list.item(i)
        if item.text().split()[0] in names:
            item.setCheckState(Qt.CheckState.Checked)


def test_spot_check_with_one_inspector_refused_at_the_field(qtbot, store, paths, settings) -> None:
    e = make_enterprise(store)
    make_inspectors(store)
    editor = open_visit(qtbot, store, paths, settings, enterprise_id=e.id)
    tick(editor, "王磊")
    editor.tabs.setCurrentWidget(editor.findings_tab)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert "至少两名执法人员" in editor.errors.message("inspectors")
    assert "当前选择了1名" in editor.errors.message("inspectors")
    assert editor.tabs.currentIndex() == 0
    assert count(store, "visit") == 0
    tick(editor, "李娜")
    assert editor.errors.message("inspectors") == ""
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert count(store, "visit") == 1


def test_roster_opened_from_visit_adds_an_inspector_and_keeps_ticks(qtbot, store, paths, settings,
                                                                    monkeypatch) -> None:
    from qcdesk.ui.inspector_chooser import RosterDialog

    e = make_enterprise(store)
    make_inspectors(store)
    editor = open_visit(qtbot, store, paths, settings, enterprise_id=e.id)
    tick(editor, "王磊")

    def add_one(dialog: RosterDialog) -> int:
        type_text(qtbot, dialog.form.name_edit, "张强")
        dialog.form.jurisdiction_combo.setCurrentIndex(dialog.form.jurisdiction_combo.findData("421281"))
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RosterDialog, "exec", add_one)
    qtbot.mouseClick(editor.roster_button, Qt.MouseButton.LeftButton)
    assert editor.inspector_list.count() == 3
    tick(editor, "张强")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert len(store.db.execute("SELECT inspectors FROM visit").fetchone()[0].split(",")) == 2


def test_enterprise_found_by_typing_and_unknown_name_refused(qtbot, store, paths, settings) -> None:
    e = make_enterprise(store)
    make_inspectors(store)
    editor = open_visit(qtbot, store, paths, settings)
    tick(editor, "王磊", "李娜")
    type_text(qtbot, editor.enterprise_combo.lineEdit(), "不存在的公司")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert "受检企业不能为空" in editor.errors.message("enterprise_id")
    assert count(store, "visit") == 0
    popup = editor.enterprise_combo.completer()
    editor.enterprise_combo.lineEdit().clear()
    type_text(qtbot, editor.enterprise_combo.lineEdit(), "羊楼洞")  # part of the name
    assert popup.completionCount() == 1 and popup.currentCompletion() == e.name
    editor.enterprise_combo.setCurrentText(popup.currentCompletion())
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert store.db.execute("SELECT enterprise_id FROM visit").fetchall() == [(e.id,)]


def test_assistance_visit_needs_one_inspector_and_has_no_samples(qtbot, store, paths, settings) -> None:
    e = make_enterprise(store)
    make_inspectors(store)
    editor = open_visit(qtbot, store, paths, settings, enterprise_id=e.id)
    editor.kind_combo.setCurrentIndex(editor.kind_combo.findData("assistance"))
    assert not editor.tabs.isTabEnabled(1)
    tick(editor, "王磊")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert store.db.execute("SELECT kind FROM visit").fetchall() == [("assistance",)]


def test_sample_errors_shown_on_their_row_and_nothing_saved(qtbot, store, paths, settings) -> None:
    e = make_enterprise(store)
    make_inspectors(store)
    editor = open_visit(qtbot, store, paths, settings, enterprise_id=e.id)
    tick(editor, "王磊", "李娜")
    tab = editor.samples_tab
    tab.add()
    type_text(qtbot, tab.product_edit, "青砖茶")
    tab.add()
    type_text(qtbot, tab.product_edit, "米砖茶")
    tab.result_combo.setCurrentIndex(tab.result_combo.findData("fail"))
    tab.list.setCurrentRow(0)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert count(store, "visit") == 0 and count(store, "sample") == 0
    assert editor.tabs.currentWidget() is tab and tab.list.currentRow() == 1
    assert "不合格项目不能为空" in tab.errors.message("failed_items")
    assert tab.list.item(1).foreground().color() == QColor("#c62828")
    type_text(qtbot, tab.failed_items_edit, "水分")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert store.db.execute("SELECT product_name, result FROM sample ORDER BY id").fetchall() == [
        ("青砖茶", "pending"), ("米砖茶", "fail")]


def test_finding_with_photo_saved_with_the_visit(qtbot, store, paths, settings, tmp_path,
                                                 monkeypatch) -> None:
    e = make_enterprise(store)
    make_inspectors(store)
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366cc"))
    image.save(str(tmp_path / "现场.png"))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(tmp_path / "现场.png")], ""))
    editor = open_visit(qtbot, store, paths, settings, enterprise_id=e.id)
    editor.kind_combo.setCurrentIndex(editor.kind_combo.findData("licence_followup"))
    tick(editor, "王磊")
    tab = editor.findings_tab
    editor.tabs.setCurrentWidget(tab)  # thumbnails are made for the tab in front
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    type_text(qtbot, tab.description_edit, "出厂检验记录不全")
    qtbot.mouseClick(tab.add_photo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.adding is None)  # copied in the background
    qtbot.waitUntil(lambda: tab.thumbs.get(tab.photos[0][0].sha256) is not None)  # decoded there too
    assert tab.photo_list.count() == 1 and not tab.photo_list.item(0).icon().isNull()
    assert tab.photo_list.item(0).icon().availableSizes()[0].toTuple() == (96, 72)  # decoded small
    assert editor.is_dirty()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert store.db.execute("SELECT file_name FROM photo").fetchall() == [("现场.png",)]
    assert list(paths.photos_dir.rglob("*.png"))
    assert tab.photo_list.count() == 1 and not editor.is_dirty()


def test_order_needs_a_saved_visit(qtbot, store, paths, settings, prompts) -> None:
    e = make_enterprise(store)
    make_inspectors(store)
    editor = open_visit(qtbot, store, paths, settings, enterprise_id=e.id)
    tab = editor.findings_tab
    tab.add()
    type_text(qtbot, tab.description_edit, "标签不规范")
    qtbot.mouseClick(tab.order_button, Qt.MouseButton.LeftButton)
    assert prompts["information"] == [
        ui("VisitEditor", "Save the visit first: an order refers to the saved visit and its saved items.")]
    assert count(store, "rectification") == 0


def saved_spot_check(store: Store) -> VisitBundle:
    e = make_enterprise(store)
    a, b = make_inspectors(store)
    return save_visit(store, VisitBundle(
        Visit(enterprise_id=e.id, visit_date="2026-03-02", kind="spot_check", inspectors=[a.uuid, b.uuid]),
        [Sample(product_name="青砖茶", result="fail", failed_items="水分")],
        [Finding(description="出厂检验记录不全")]))


def test_locked_visit_opens_read_only_with_banner(qtbot, store, paths, settings) -> None:
    bundle = saved_spot_check(store)
    bundle.visit.locked_package = "pkg-2026-03-xianan"
    update_record(store, bundle.visit)
    editor = open_visit(qtbot, store, paths, settings, visit_id=bundle.visit.id)
    assert editor.banner.isVisible() and "pkg-2026-03-xianan" in editor.banner.text()
    assert editor.summary_edit.isReadOnly() and editor.samples_tab.product_edit.isReadOnly()
    assert not editor.save_button.isVisible() and not editor.samples_tab.add_button.isEnabled()
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible()


def test_failed_recheck_escalates(qtbot, store, paths, settings, monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)  # asked first
    bundle = saved_spot_check(store)
    rect = order_rectification(store, visit=bundle.visit, requirement="整改", ordered_on="2026-03-05",
                               rule_set="samr18", sample=bundle.samples[0])
    editor = open_visit(qtbot, store, paths, settings, recheck_of=rect.id)
    assert editor.kind_combo.currentData() == "recheck" and editor.recheck_box.isVisible()
    tick(editor, "王磊", "李娜")
    editor.outcome_combo.setCurrentIndex(editor.outcome_combo.findData(False))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    status, escalation = store.db.execute("SELECT status, escalation FROM rectification").fetchone()
    assert (status, escalation) == ("recheck_failed", "announced")
    assert not editor.outcome_combo.isEnabled() and editor.recheck_state.text()

    dialog = RectificationDialog(store, paths, rect.id, settings=settings)
    qtbot.addWidget(dialog)
    assert not dialog.escalate_button.isEnabled()  # one failure, one step: already taken
    assert dialog.escalate_button.toolTip().startswith("已按本次复查不合格升级为“省级市场监管部门公告”")
    assert "<b>" in dialog.escalation_label.text()


def test_recheck_failure_in_core_leaves_no_visit(qtbot, store, paths, settings) -> None:
    bundle = saved_spot_check(store)
    rect = order_rectification(store, visit=bundle.visit, requirement="整改", ordered_on="2026-03-05",
                               rule_set="samr18", sample=bundle.samples[0])
    other = save_visit(store, VisitBundle(Visit(enterprise_id=bundle.visit.enterprise_id,
                                                visit_date="2026-04-01", kind="recheck", status="done",
                                                inspectors=bundle.visit.inspectors)))
    editor = open_visit(qtbot, store, paths, settings, recheck_of=rect.id)
    record_recheck(store, rect, other.visit, True)  # closed meanwhile, elsewhere
    tick(editor, "王磊", "李娜")
    editor.outcome_combo.setCurrentIndex(editor.outcome_combo.findData(True))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.errors.message("recheck").startswith("这项整改已于 2026-04-01 复查合格、已完成，不能再登记")
    assert count(store, "visit") == 2  # the new re-check visit was rolled back with the refusal
