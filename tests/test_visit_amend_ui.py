"""更正 in the GUI: a sent (locked) visit is corrected in the visit editor's amend mode, the lab
result of a pending sample being the usual case; saving asks for a reason, refuses an empty
one, records the amendment, and the visit stays locked; the history shows the reason."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from qcdesk.models.amendments import amendments_for, lock_visits
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, load_visit, save_inspector, save_visit
from qcdesk.models.records import Enterprise, Finding, Inspector, Licence, Sample, Visit
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui.visit_editor import VisitEditor


@pytest.fixture
def sent_visit(store: Store) -> VisitBundle:
    """A finished spot check sent in a package while its sample still awaited the lab."""
    e = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市羊楼洞茶业有限公司",
                                          jurisdiction_code="421281"),
                        [Licence(number="SC11442128100017", expires_on="2027-03-01")])
    a, b = (save_inspector(store, Inspector(name=n, jurisdiction_code="421281")) for n in ("王磊", "李娜"))
    bundle = save_visit(store, VisitBundle(
        Visit(enterprise_id=e.id, visit_date="2026-09-01", kind="spot_check", inspectors=[a.uuid, b.uuid],
              status="done", summary="成品仓库抽样"),
        samples=[Sample(product_name="青砖茶", result="pending", samplers=["王磊", "李娜"],
                        seal_state="已封样（检验样品、备用样品）")],
        findings=[Finding(description="温湿度未记录", severity="minor")]))
    lock_visits(store, [bundle.visit.id], "421281_张三_000001_20260902.qcpkg.zip")
    return bundle


def _editor(qtbot: QtBot, store: Store, tmp_path, visit_id: int) -> VisitEditor:  # noqa: ANN001
    editor = VisitEditor(store, AppPaths(tmp_path / "data", tmp_path / "config"), visit_id=visit_id,
                         settings=None)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def _answer_reason(qtbot: QtBot, answer: Callable[[QDialog], None]) -> list[QDialog]:
    """Answer the reason dialog (visit_amend.ReasonDialog, modal) when it opens; returns those seen."""
    seen: list[QDialog] = []

    def handle() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or dialog.objectName() != "amendReasonDialog":
            QTimer.singleShot(20, handle)
            return
        seen.append(dialog)
        answer(dialog)

    QTimer.singleShot(0, handle)
    return seen


def _ok(dialog: QDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def _enter_fail(editor: VisitEditor, items: str) -> None:
    tab = editor.samples_tab
    tab.result_combo.setCurrentIndex(tab.result_combo.findData("fail"))
    tab.failed_items_edit.setPlainText(items)


def test_lab_result_entered_by_amendment_with_a_reason(
        qtbot: QtBot, chinese: None, store: Store, sent_visit: VisitBundle, tmp_path) -> None:  # noqa: ANN001
    editor = _editor(qtbot, store, tmp_path, sent_visit.visit.id)
    assert editor.read_only and "更正" in editor.banner.text()
    amend = editor.findChild(type(editor.save_button), "amendButton")
    assert amend is not None and amend.isVisible() and amend.text().startswith("更正")
    amend.click()
    # the pending sample is where the user lands, its result editable; the enterprise is not
    assert editor.tabs.currentWidget() is editor.samples_tab
    assert editor.samples_tab.result_combo.isEnabled() and not editor.enterprise_combo.isEnabled()
    assert editor.save_button.isVisible()

    # a failing result without the failed items is refused at the field, before any reason
    _enter_fail(editor, "")
    assert not editor.save()
    assert "不合格项目不能为空" in editor.samples_tab.errors.message("failed_items")
    assert amendments_for(store, sent_visit.visit.uuid) == []

    _enter_fail(editor, "水分、茶梗")
    seen = _answer_reason(qtbot, lambda d: (d.reason_edit.setPlainText("检验报告 2026-10-12 到达"), _ok(d)))
    assert editor._save_clicked()
    assert seen and any("不合格" in line for line in seen[0].findChild(type(editor.banner),
                                                                        "amendChanges").text().splitlines())

    stored = load_visit(store, sent_visit.visit.id)
    assert (stored.samples[0].result, stored.samples[0].failed_items) == ("fail", "水分、茶梗")
    assert stored.visit.locked_package == "421281_张三_000001_20260902.qcpkg.zip"  # still locked
    [amendment] = amendments_for(store, sent_visit.visit.uuid)
    assert amendment.reason == "检验报告 2026-10-12 到达"
    key = f"samples.{sent_visit.samples[0].uuid}.result"
    assert amendment.changes[key] == ["pending", "fail"]
    assert editor.read_only and not editor.save_button.isVisible()
    assert "已保存更正" in editor.status_note.text()

    # the history shows the change with its reason
    from qcdesk.ui.history_dialog import HistoryDialog

    history = HistoryDialog(store, "visit", sent_visit.visit.uuid)
    qtbot.addWidget(history)
    rows = [history.row_texts(r) for r in range(history.table.rowCount())]
    assert any("检验报告 2026-10-12 到达" in row[-1] and "水分、茶梗" in row for row in rows), rows


def test_empty_reason_is_refused_and_nothing_is_stored(
        qtbot: QtBot, chinese: None, store: Store, sent_visit: VisitBundle, tmp_path) -> None:  # noqa: ANN001
    editor = _editor(qtbot, store, tmp_path, sent_visit.visit.id)
    editor.findChild(type(editor.save_button), "amendButton").click()
    _enter_fail(editor, "水分")
    told: list[str] = []

    def empty_then_cancel(dialog: QDialog) -> None:
        dialog.reason_edit.setPlainText("   ")
        _ok(dialog)
        told.append(dialog.message.text() if dialog.isVisible() and dialog.message.isVisible() else "")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()

    _answer_reason(qtbot, empty_then_cancel)
    assert not editor._save_clicked()
    assert told and "更正原因不能为空" in told[0]
    assert amendments_for(store, sent_visit.visit.uuid) == []
    assert load_visit(store, sent_visit.visit.id).samples[0].result == "pending"
    assert editor.samples_tab.result_combo.currentData() == "fail"  # what was typed stays
    assert editor.is_dirty()
    assert load_visit(store, sent_visit.visit.id).visit.locked_package  # still locked
