"""The inspector's whole path through the editors, driven through the widgets, checked in the SQLite file.

New enterprise → spot-check visit with a failing sample → rectification order → report →
re-check visit that passes → the order is closed.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox, QPushButton

from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui import forms
from qcdesk.ui.enterprise_editor import EnterpriseEditor
from qcdesk.ui.enterprise_page import EnterprisePage
from qcdesk.ui.inspector_chooser import InspectorChooser, RosterDialog
from qcdesk.ui.rectification_dialog import OrderRectificationDialog, RectificationDialog
from qcdesk.ui.visit_editor import VisitEditor


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths(tmp_path / "data", tmp_path / "config")


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


def type_text(qtbot, widget, text: str) -> None:
    """Type like a user: ASCII as key presses, Chinese as an input-method commit (as a pinyin IME does)."""
    for chunk in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]+", text):
        if chunk.isascii():
            qtbot.keyClicks(widget, chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)


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
        assert dialog.notice_edit.text() == f"咸市监质改〔{date.today().year}〕"  # prefix from the settings
        type_text(qtbot, dialog.notice_edit, "1号")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(OrderRectificationDialog, "exec", fill_order)
    qtbot.mouseClick(tab.order_button, Qt.MouseButton.LeftButton)
    assert visit_editor.orders_list.count() == 1
    qtbot.mouseClick(visit_editor.close_button, Qt.MouseButton.LeftButton)
    assert not visit_editor.isVisible()
    assert questions == []  # nothing unsaved, no prompt
    assert page.rects.rowCount() == 1 and page.visits.rowCount() == 1
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
    assert dialog.open_recheck_button.isEnabled()
    qtbot.mouseClick(dialog.findChild(QPushButton, "closeButton"), Qt.MouseButton.LeftButton)
    assert page.rects.rowCount() == 0 and page.visits.rowCount() == 2
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
