"""The inspector's whole path through the editors, driven through the widgets, checked in the SQLite file.

New enterprise → spot-check visit with a failing sample → rectification order → report →
re-check visit that passes → the order is closed.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox, QPushButton, QWidget
from test_ui_editors import (  # shared helpers of the editor tests
    REAL_ASK_UNSAVED,
    USCC,
    count,
    make_inspectors,
    new_editor,
    open_visit,
    saved_spot_check,
    type_text,
    ui,
)

from qcdesk.models.editor_queries import remove_photo
from qcdesk.models.inspections import import_photo_file
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Photo
from qcdesk.models.rectifications import order_rectification
from qcdesk.models.risk import risk_for
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui import forms
from qcdesk.ui.enterprise_editor import EnterpriseEditor
from qcdesk.ui.enterprise_page import EnterprisePage
from qcdesk.ui.inspector_chooser import InspectorChooser, RosterDialog
from qcdesk.ui.rectification_dialog import OrderRectificationDialog, RectificationDialog
from qcdesk.ui.visit_editor import VisitEditor


@pytest.fixture
def settings(tmp_path: Path, qapp: QApplication) -> QSettings:
    s = QSettings(str(tmp_path / "qcdesk.ini"), QSettings.Format.IniFormat)
    qapp.settings = s  # the editors pick the app's settings up
    yield s
    del qapp.settings


@pytest.fixture(autouse=True)
def chinese_messages(qapp: QApplication):
    """Core messages in Chinese, whatever language an earlier test left the application in."""
    before = qapp.property("lang")
    qapp.setProperty("lang", "zh")
    yield
    qapp.setProperty("lang", before)


def check_inspectors(editor: VisitEditor, names: list[str]) -> None:
    for i in range(editor.inspector_list.count()):
        item = editor.inspector_list.item(i)
        if any(item.text().startswith(n) for n in names):
            item.setCheckState(Qt.CheckState.Checked)


def test_enterprise_to_closed_rectification(qtbot, store: Store, paths: AppPaths, settings: QSettings,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    questions: list[str] = []
    monkeypatch.setattr(forms, "ask_unsaved", lambda parent: questions.append(parent)
                        or QMessageBox.StandardButton.Cancel)
    asked: list[str] = []  # what settles an order is asked first (review r2 A3, B1): answered Yes
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes)
    # 1. Who is working: the first inspector adds herself, the second is added in the roster.
    chooser = InspectorChooser(store)
    qtbot.addWidget(chooser)
    type_text(qtbot, chooser.form.name_edit, "王磊")
    qtbot.keyClicks(chooser.form.cert_edit, "42120001")
    chooser.form.jurisdiction_combo.setCurrentIndex(chooser.form.jurisdiction_combo.findData("421281"))
    qtbot.mouseClick(chooser.add_button, Qt.MouseButton.LeftButton)
    assert chooser.result() == QDialog.DialogCode.Accepted and chooser.chosen.name == "王磊"
    store.author = chooser.chosen.uuid
    roster = RosterDialog(store)
    qtbot.addWidget(roster)
    type_text(qtbot, roster.form.name_edit, "李娜")
    qtbot.keyClicks(roster.form.cert_edit, "42120002")
    roster.form.jurisdiction_combo.setCurrentIndex(roster.form.jurisdiction_combo.findData("421281"))
    qtbot.mouseClick(roster.save_button, Qt.MouseButton.LeftButton)
    assert roster.table.rowCount() == 2

    # 2. The enterprise file, code typed in lower case with spaces.
    editor = EnterpriseEditor(store, paths)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.keyClicks(editor.uscc_edit, "91421281 ma4kl5fe07")
    assert editor.uscc_edit.text() == "91421281MA4KL5FE07"
    assert editor.errors.message("uscc") == ""
    type_text(qtbot, editor.name_edit, "赤壁市羊楼洞茶业有限公司")
    editor.jurisdiction_combo.setCurrentIndex(editor.jurisdiction_combo.findText("赤壁市"))
    editor.industry_combo.setCurrentText("砖茶")
    type_text(qtbot, editor.products_edit, "青砖茶、米砖茶")
    qtbot.mouseClick(editor.findChild(QPushButton, "addLicenceButton"), Qt.MouseButton.LeftButton)
    editor.licence_table.item(0, 0).setText("SC11442128100017")
    editor.licence_table.item(0, 3).setText("2030-03-01")
    assert editor.licence_message.isHidden()
    qtbot.mouseClick(editor.save_close_button, Qt.MouseButton.LeftButton)
    assert editor.result() == QDialog.DialogCode.Accepted
    enterprise_id = editor.enterprise.id
    assert enterprise_id

    # 3. From the enterprise page: a spot check with a failing sample.
    page = EnterprisePage(store, paths, enterprise_id)
    qtbot.addWidget(page)
    page.show()
    changes: list[int] = []
    page.changed.connect(lambda: changes.append(1))
    assert page.title.text() == "赤壁市羊楼洞茶业有限公司"
    qtbot.mouseClick(page.visit_button, Qt.MouseButton.LeftButton)
    visit_editor = page.dialog
    assert isinstance(visit_editor, VisitEditor) and visit_editor.isVisible()
    assert visit_editor.enterprise_combo.currentData() == enterprise_id
    check_inspectors(visit_editor, ["王磊", "李娜"])
    type_text(qtbot, visit_editor.summary_edit, "在成品仓库抽取青砖茶一批")
    visit_editor.tabs.setCurrentWidget(visit_editor.samples_tab)
    tab = visit_editor.samples_tab
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    type_text(qtbot, tab.product_edit, "青砖茶")
    assert set(tab.samplers_edit.text().split("、")) == {"王磊", "李娜"}
    assert tab.findChild(QLineEdit, "sampleLicenceEdit").text() == "SC11442128100017"
    assert tab.findChild(QLineEdit, "organiserEdit").text() == "咸宁市市场监督管理局"
    tab.result_combo.setCurrentIndex(tab.result_combo.findData("fail"))
    type_text(qtbot, tab.failed_items_edit, "水分")
    qtbot.mouseClick(visit_editor.save_button, Qt.MouseButton.LeftButton)
    assert visit_editor.general_error.isHidden(), visit_editor.general_error.text()
    visit_id = visit_editor.bundle.visit.id
    assert visit_id and visit_editor.bundle.samples[0].id

    def fill_order(dialog: OrderRectificationDialog) -> int:
        assert "水分" in dialog.requirement_edit.toPlainText()
        assert dialog.rule_combo.currentData() == "samr18"
        # Blank until the registry numbers it; the serial alone is enough (prefix from the settings).
        assert dialog.notice_edit.text() == ""
        assert f"咸市监质改〔{date.today().year}〕" in dialog.notice_edit.placeholderText()
        type_text(qtbot, dialog.notice_edit, "1")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(OrderRectificationDialog, "exec", fill_order)
    qtbot.mouseClick(tab.order_button, Qt.MouseButton.LeftButton)
    assert visit_editor.orders_list.count() == 1
    qtbot.mouseClick(visit_editor.close_button, Qt.MouseButton.LeftButton)
    assert not visit_editor.isVisible()
    assert questions == []  # nothing unsaved, no prompt
    assert page.rects.rowCount() == 1 and page.visits.model().rowCount() == 1
    rect_id = page.rects.item(0, 0).data(Qt.ItemDataRole.UserRole)

    # 4. The order: report handed in, re-check visit passes.
    dialog = page.open_rectification(rect_id)
    assert isinstance(dialog, RectificationDialog)
    assert dialog.extension_box.isHidden()  # SAMR order 18 allows no extension
    qtbot.mouseClick(dialog.report_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.await_button, Qt.MouseButton.LeftButton)
    assert dialog.rect.status == "awaiting_recheck"

    def recheck(editor: VisitEditor) -> int:
        assert editor.kind_combo.currentData() == "recheck"
        assert editor.recheck_combo.currentData() == rect_id
        check_inspectors(editor, ["王磊", "李娜"])
        type_text(qtbot, editor.conclusion_edit, "复查合格")
        editor.outcome_combo.setCurrentIndex(editor.outcome_combo.findData(True))
        qtbot.mouseClick(editor.save_close_button, Qt.MouseButton.LeftButton)
        return editor.result()

    monkeypatch.setattr(VisitEditor, "exec", recheck)
    qtbot.mouseClick(dialog.new_recheck_button, Qt.MouseButton.LeftButton)
    assert dialog.rect.status == "closed"
    assert "closes the order" in asked[-1]  # the save that closed it asked first
    assert dialog.open_recheck_button.isEnabled()
    qtbot.mouseClick(dialog.findChild(QPushButton, "closeButton"), Qt.MouseButton.LeftButton)
    assert page.rects.rowCount() == 0 and page.visits.model().rowCount() == 2
    assert changes

    # 5. What is on disk, read with a fresh connection.
    db = sqlite3.connect(store.path)
    uscc, name = db.execute("SELECT uscc, name FROM enterprise").fetchone()
    assert (uscc, name) == ("91421281MA4KL5FE07", "赤壁市羊楼洞茶业有限公司")
    assert db.execute("SELECT kind, number FROM licence").fetchall() == [("SC", "SC11442128100017")]
    assert db.execute("SELECT product_name, result, failed_items FROM sample").fetchall() == [
        ("青砖茶", "fail", "水分")]
    status, recheck_visit, closed_on, notice, report = db.execute(
        "SELECT status, recheck_visit_id, closed_on, notice_no, report_submitted_on FROM rectification"
    ).fetchone()
    assert status == "closed" and notice == f"咸市监质改〔{date.today().year}〕1号"
    assert report == date.today().isoformat() and closed_on == date.today().isoformat()
    kind, linked, conclusion = db.execute(
        "SELECT kind, rectification_id, conclusion FROM visit WHERE id = ?", [recheck_visit]).fetchone()
    assert (kind, linked, conclusion) == ("recheck", rect_id, "复查合格")
    db.close()


# The order dialog, the page, the chooser and the Chinese UI, as met along the flow. -------------
# -- rectification dialog ------------------------------------------------------------------
def test_overdue_in_red_and_extension_only_under_2010_rules(qtbot, store, paths, settings) -> None:
    bundle = saved_spot_check(store)
    old = (date.today() - timedelta(days=40)).isoformat()
    rect = order_rectification(store, visit=bundle.visit, requirement="整改", ordered_on=old,
                               rule_set="aqsiq133", finding=bundle.findings[0])
    dialog = RectificationDialog(store, paths, rect.id, settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "10" in dialog.days_label.text() and "c62828" in dialog.days_label.styleSheet()
    assert dialog.extension_box.isVisible()
    qtbot.mouseClick(dialog.extend_button, Qt.MouseButton.LeftButton)
    assert "延期理由不能为空" in dialog.errors.message("extension_reason")
    type_text(qtbot, dialog.reason_edit, "设备改造")
    qtbot.mouseClick(dialog.extend_button, Qt.MouseButton.LeftButton)  # too late: asked after the deadline
    assert "5日前" in dialog.errors.message("extension_requested_on")
    assert store.db.execute("SELECT extended_to FROM rectification").fetchone()[0] is None

    fresh = order_rectification(store, visit=bundle.visit, requirement="整改",
                                ordered_on=date.today().isoformat(), rule_set="samr18",
                                sample=bundle.samples[0])  # the finding has its order already
    other = RectificationDialog(store, paths, fresh.id, settings=settings)
    qtbot.addWidget(other)
    other.show()
    assert not other.extension_box.isVisible()
    assert other.days_label.text() == ui("Labels", "%1 days left").replace("%1", "60")
    assert other.days_label.styleSheet() == ""


def test_extension_granted_once_under_2010_rules(qtbot, store, paths, settings) -> None:
    bundle = saved_spot_check(store)
    rect = order_rectification(store, visit=bundle.visit, requirement="整改",
                               ordered_on=date.today().isoformat(), rule_set="aqsiq133",
                               finding=bundle.findings[0])
    dialog = RectificationDialog(store, paths, rect.id, settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    new_deadline = date.fromisoformat(rect.deadline) + timedelta(days=20)
    dialog.extend_to_edit.setDate(new_deadline)
    type_text(qtbot, dialog.reason_edit, "设备改造需要时间")
    qtbot.mouseClick(dialog.extend_button, Qt.MouseButton.LeftButton)
    assert store.db.execute("SELECT extended_to, extension_reason FROM rectification").fetchone() == (
        new_deadline.isoformat(), "设备改造需要时间")
    assert new_deadline.isoformat() in dialog.deadline_label.text()
    assert not dialog.extension_box.isEnabled()  # only once


def test_clock_counts_to_the_recheck_once_the_report_is_in() -> None:
    from qcdesk.models.records import Rectification
    from qcdesk.ui.rectification_dialog import days_text

    today = date(2026, 5, 1)
    rect = Rectification(status="open", deadline="2026-04-20", recheck_due="2026-05-05")
    assert days_text(rect, today) == (ui("Labels", "%1 days overdue").replace("%1", "11"), True)
    rect.status = "awaiting_recheck"
    assert days_text(rect, today) == (ui("Labels", "Re-check due in %1 days").replace("%1", "4"),
                                      False)
    rect.status = "recheck_failed"  # work still to do, in red (test_failed_recheck_clock)
    assert days_text(rect, today) == (ui("Labels", "Re-check failed: act on it"), True)
    rect.status = "closed"
    assert days_text(rect, today)[1] is False


def test_enterprise_page_lists_visits_and_open_orders(qtbot, store, paths, settings) -> None:
    bundle = saved_spot_check(store)
    order_rectification(store, visit=bundle.visit, requirement="停止销售并整改", ordered_on="2026-03-05",
                        rule_set="samr18", sample=bundle.samples[0])
    page = EnterprisePage(store, paths, bundle.visit.enterprise_id)
    qtbot.addWidget(page)
    assert page.visits.model().rowCount() == 1 and page.rects.rowCount() == 1
    assert page.facts["uscc"].text() == USCC
    found = risk_for(store, bundle.visit.enterprise_id)  # a failed sample and an open order
    assert found is not None and found.reasons
    assert re.search(rf"[:：]\s*{found.risk_class}\s*[(（]", page.risk_label.text())
    assert page.risk_label.toolTip().splitlines() == found.reasons
    assert all(reason in page.risk_reasons.text() for reason in found.reasons)
    dialog = page.edit_enterprise()
    assert isinstance(dialog, EnterpriseEditor) and dialog.isVisible()
    fired: list[int] = []
    page.changed.connect(lambda: fired.append(1))
    dialog.name_edit.setText("赤壁市羊楼洞茶业股份有限公司")
    qtbot.mouseClick(dialog.save_close_button, Qt.MouseButton.LeftButton)
    assert fired and page.title.text() == "赤壁市羊楼洞茶业股份有限公司"


def test_saved_photo_taken_off_a_finding_when_the_visit_is_saved(qtbot, store, paths, settings, tmp_path,
                                                                 monkeypatch) -> None:
    from PySide6.QtGui import QColor, QImage

    bundle = saved_spot_check(store)
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#cc3333"))
    image.save(str(tmp_path / "标签.png"))
    photo = import_photo_file(paths.photos_dir, tmp_path / "标签.png")
    photo.finding_id = bundle.findings[0].id
    insert_record(store, photo)
    editor = open_visit(qtbot, store, paths, settings, visit_id=bundle.visit.id)
    tab = editor.findings_tab
    editor.tabs.setCurrentWidget(tab)
    assert tab.photo_list.count() == 1
    answers = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(QMessageBox, "question", lambda *a: answers[0])
    tab.photo_list.setCurrentRow(0)
    qtbot.mouseClick(tab.remove_photo_button, Qt.MouseButton.LeftButton)
    assert tab.photo_list.count() == 1 and not editor.is_dirty()  # said no
    answers[0] = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(tab.remove_photo_button, Qt.MouseButton.LeftButton)
    assert tab.photo_list.count() == 0 and editor.is_dirty()
    assert store.db.execute("SELECT deleted_at FROM photo").fetchone()[0] is None  # not before the save
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert store.db.execute("SELECT count(*), max(deleted_at IS NOT NULL) FROM photo").fetchone() == (1, 1)
    assert tab.photo_list.count() == 0 and not editor.is_dirty()
    assert any(paths.photos_dir.rglob("*.png"))  # the file stays (soft delete)


def test_remove_photo_soft_deletes_once(store) -> None:
    bundle = saved_spot_check(store)
    photo = insert_record(store, Photo(finding_id=bundle.findings[0].id, sha256="ab" * 32, file_name="a.jpg"))
    removed = remove_photo(store, photo.id)
    assert removed is not None and removed.deleted_at
    assert store.db.execute("SELECT deleted_at FROM photo WHERE id = ?", [photo.id]).fetchone()[0]
    assert remove_photo(store, photo.id) is None and remove_photo(store, 9999) is None


# -- inspector chooser ---------------------------------------------------------------------
def test_chooser_picks_from_roster_and_refuses_empty_name(qtbot, store, settings) -> None:
    make_inspectors(store)
    chooser = InspectorChooser(store, settings=settings)
    qtbot.addWidget(chooser)
    qtbot.mouseClick(chooser.add_button, Qt.MouseButton.LeftButton)
    assert "姓名不能为空" in chooser.form.errors.message("name")
    assert count(store, "inspector") == 2
    chooser.list.setCurrentRow(1)
    expected = chooser.list.currentItem().text().split()[0]
    qtbot.mouseClick(chooser.use_button, Qt.MouseButton.LeftButton)
    assert chooser.chosen is not None and chooser.chosen.name == expected
    again = InspectorChooser(store, settings=settings)
    qtbot.addWidget(again)
    assert again.list.currentRow() == 1  # last choice remembered


# -- translation ---------------------------------------------------------------------------
def test_editors_speak_chinese_with_the_compiled_translation(qtbot, qapp, store, paths, settings) -> None:
    from PySide6.QtCore import QTranslator

    folder = Path(__file__).resolve().parents[1] / "resources" / "translations"
    assert 'type="unfinished"' not in (folder / "editors_zh_CN.ts").read_text(encoding="utf-8")
    translator = QTranslator()
    assert translator.load(str(folder / "editors_zh_CN.qm"))
    qapp.installTranslator(translator)
    try:
        editor = new_editor(qtbot, store, paths, settings)
        assert editor.save_button.text() == "保存(&S)"
        assert editor.windowTitle() == "新建企业档案"
        visit = open_visit(qtbot, store, paths, settings)
        assert visit.samples_tab.add_button.text() == "添加样品(&A)"  # subclass context
        assert visit.kind_combo.itemText(0) == "监督抽查"
    finally:
        qapp.removeTranslator(translator)


def visible_texts(root) -> list[str]:
    """Every label, button, group, tab, check box and table header text a user can read."""
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTableWidget, QTabWidget

    texts: list[str] = []
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if isinstance(w, QLabel | QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count())]
        elif isinstance(w, QTableWidget):
            texts += [w.horizontalHeaderItem(i).text() for i in range(w.columnCount())]
    return texts


def test_no_english_left_in_the_chinese_ui(qtbot, qapp, store, paths, settings) -> None:
    from PySide6.QtCore import QTranslator

    from qcdesk.ui.inspector_chooser import RosterDialog
    from qcdesk.ui.rectification_dialog import OrderRectificationDialog

    bundle = saved_spot_check(store)
    rect = order_rectification(store, visit=bundle.visit, requirement="整改", ordered_on="2026-03-05",
                               rule_set="aqsiq133", sample=bundle.samples[0])
    translators = []
    for area in ("editors", "shell"):  # the clocks are worded by the shell's labels, as the app loads both
        translator = QTranslator()
        assert translator.load(str(Path(__file__).resolve().parents[1] / "resources" / "translations"
                                   / f"{area}_zh_CN.qm"))
        qapp.installTranslator(translator)
        translators.append(translator)
    try:
        windows = [
            EnterpriseEditor(store, paths, bundle.visit.enterprise_id, settings=settings),
            VisitEditor(store, paths, visit_id=bundle.visit.id, settings=settings),
            VisitEditor(store, paths, recheck_of=rect.id, settings=settings),
            RectificationDialog(store, paths, rect.id, settings=settings),
            OrderRectificationDialog(store, bundle.visit, sample=bundle.samples[0]),
            EnterprisePage(store, paths, bundle.visit.enterprise_id),
            InspectorChooser(store, settings=settings),
            RosterDialog(store),
        ]
        english = []
        for window in windows:
            qtbot.addWidget(window)
            english += [(type(window).__name__, t) for t in visible_texts(window)
                        if re.search(r"[A-Za-z]{4,}", t) and not re.search(r"[\u4e00-\u9fff]", t)
                        and not re.fullmatch(r"[A-Z0-9]+|ISO \d+|GB/T.*", t)]
        assert english == []
        found = risk_for(store, bundle.visit.enterprise_id)
        names = {"A": "低风险", "B": "较低风险", "C": "较高风险", "D": "高风险"}
        assert windows[5].risk_label.text() == f"风险分类：{found.risk_class}（{names[found.risk_class]}）"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_unsaved_box_says_save_dont_save_cancel(qtbot, qapp) -> None:
    from PySide6.QtCore import QTimer, QTranslator

    translator = QTranslator()
    assert translator.load(str(Path(__file__).resolve().parents[1] / "resources" / "translations"
                               / "editors_zh_CN.qm"))
    qapp.installTranslator(translator)
    seen: list[list[str]] = []

    def answer() -> None:
        box = qapp.activeModalWidget()
        seen.append(sorted(b.text() for b in box.buttons()))
        box.button(QMessageBox.StandardButton.Discard).click()

    try:
        QTimer.singleShot(0, answer)
        assert REAL_ASK_UNSAVED(None) == QMessageBox.StandardButton.Discard
    finally:
        qapp.removeTranslator(translator)
    assert seen == [sorted(["保存(&S)", "不保存(&N)", "取消"])]


def test_geometry_is_remembered(qtbot, store, paths, settings) -> None:
    editor = new_editor(qtbot, store, paths, settings)
    editor.resize(701, 533)
    editor.reject()
    again = new_editor(qtbot, store, paths, settings)
    assert (again.width(), again.height()) == (701, 533)
