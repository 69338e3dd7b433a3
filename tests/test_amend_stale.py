"""更正 of a sent visit that changed elsewhere (an import) while it was being amended
(qcdesk/ui/visit_amend.py, stale_save.resolve_amendment, amendments.amend_visit(seen=…)).

The amendment was applied on top of whatever was stored: a field the import had changed too was
silently overwritten, and the reason dialog had shown the user an old value that no longer
stood. Now the editors' changed-elsewhere dialog comes up; the typed corrections and reason are
kept. The other change is made through a second Store connection to the same file."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QPushButton
from pytestqt.qtbot import QtBot

from qcdesk.models.amendments import amend_visit, amendments_for, lock_visits
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, load_visit, save_inspector, save_visit
from qcdesk.models.messages import ValidationFailed
from qcdesk.models.records import Enterprise, Finding, Inspector, Sample, Visit
from qcdesk.models.stale_fields import is_stale
from qcdesk.models.store import Store
from qcdesk.ui.stale_save import StaleSaveDialog
from qcdesk.ui.visit_editor import VisitEditor
from tests.test_visit_amend_ui import _editor, _ok

Step = tuple[str, Callable[[QDialog], None]]


@pytest.fixture
def sent(store: Store) -> VisitBundle:
    """A spot check sent in a package (as `sent_visit` in tests/test_visit_amend_ui.py)."""
    e = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市羊楼洞茶业有限公司",
                                          jurisdiction_code="421281"))
    a, b = (save_inspector(store, Inspector(name=n, jurisdiction_code="421281")) for n in ("王磊", "李娜"))
    bundle = save_visit(store, VisitBundle(
        Visit(enterprise_id=e.id, visit_date="2026-09-01", kind="spot_check", inspectors=[a.uuid, b.uuid],
              status="done", summary="成品仓库抽样"),
        samples=[Sample(product_name="青砖茶", result="pending", samplers=["王磊", "李娜"],
                        seal_state="已封样（检验样品、备用样品）")],
        findings=[Finding(description="温湿度未记录", severity="minor")]))
    lock_visits(store, [bundle.visit.id], "421281_张三_000001_20260902.qcpkg.zip")
    return bundle


@pytest.fixture
def other(store: Store) -> Iterator[Store]:
    """A second connection to the same database file (an import, another window)."""
    second = Store.open(store.path, author="importer")
    yield second
    second.close()


def answer(steps: list[Step], seen: list[QDialog]) -> None:
    """Answer each modal dialog in turn (by object name) as it comes up."""
    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not steps:
            return
        if not isinstance(dialog, QDialog) or dialog.objectName() != steps[0][0] \
                or (seen and dialog is seen[-1]):
            QTimer.singleShot(20, act)
            return
        seen.append(dialog)
        _name, step = steps.pop(0)
        QTimer.singleShot(20, act)
        step(dialog)
    QTimer.singleShot(0, act)


def rows(dialog: StaleSaveDialog) -> list[tuple[str, ...]]:
    table = dialog.table
    return [tuple(table.item(r, c).text() for c in range(table.columnCount()))
            for r in range(table.rowCount())]


def press(name: str) -> Callable[[QDialog], None]:
    return lambda dialog: dialog.findChild(QPushButton, name).click()


def start_amending(qtbot: QtBot, store: Store, visit: VisitBundle, tmp_path) -> VisitEditor:  # noqa: ANN001
    editor = _editor(qtbot, store, tmp_path, visit.visit.id)
    editor.findChild(type(editor.save_button), "amendButton").click()
    editor.summary_edit.setPlainText("成品仓库及原料仓库抽样")  # the user's correction
    return editor


def test_a_change_elsewhere_while_amending_is_shown_and_never_overwritten(
        qtbot: QtBot, store: Store, other: Store, sent: VisitBundle, tmp_path) -> None:  # noqa: ANN001
    editor = start_amending(qtbot, store, sent, tmp_path)
    visit_id = sent.visit.id

    def reason_then_import(dialog: QDialog) -> None:
        dialog.reason_edit.setPlainText("摘要漏写原料仓库")
        amend_visit(other, visit_id, {"summary": "成品仓库抽样（补记）", "conclusion": "待检验"},
                    "导入市局更正")  # lands while the reason dialog is open
        _ok(dialog)

    seen: list[QDialog] = []
    answer([("amendReasonDialog", reason_then_import), ("staleSaveDialog", press("cancelStaleButton"))],
           seen)
    assert not editor._save_clicked()

    stale = seen[1]
    assert isinstance(stale, StaleSaveDialog)
    listed = {row[0]: row for row in rows(stale)}
    summary = next(row for label, row in listed.items() if label in ("Summary", "摘要", "检查情况"))
    assert summary[1:4] == ("成品仓库抽样", "成品仓库抽样（补记）", "成品仓库及原料仓库抽样")
    assert any(row[2] == "待检验" for row in listed.values())
    stored = load_visit(store, visit_id).visit
    assert (stored.summary, stored.conclusion) == ("成品仓库抽样（补记）", "待检验")  # not overwritten
    assert [a.reason for a in amendments_for(store, sent.visit.uuid)] == ["导入市局更正"]
    assert editor.summary_edit.toPlainText() == "成品仓库及原料仓库抽样"  # the typing stays
    assert editor.save_button.isVisible() and editor.general_error.isVisible()

    # saved again: the reason is still there, and keeping mine records it on the new revision
    reasons: list[str] = []

    def ok_with_kept_reason(dialog: QDialog) -> None:
        reasons.append(dialog.reason_edit.toPlainText())
        _ok(dialog)

    seen = []
    answer([("amendReasonDialog", ok_with_kept_reason), ("staleSaveDialog", press("keepMineButton"))], seen)
    assert editor._save_clicked()
    assert reasons == ["摘要漏写原料仓库"]
    stored = load_visit(store, visit_id).visit
    assert (stored.summary, stored.conclusion) == ("成品仓库及原料仓库抽样", "待检验")  # theirs kept
    mine = amendments_for(store, sent.visit.uuid)[-1]
    assert mine.reason == "摘要漏写原料仓库"
    assert mine.changes == {"summary": ["成品仓库抽样（补记）", "成品仓库及原料仓库抽样"]}  # old as stored
    assert editor.read_only and editor.summary_edit.toPlainText() == "成品仓库及原料仓库抽样"


def test_discard_shows_the_visit_as_stored_and_amends_nothing(
        qtbot: QtBot, store: Store, other: Store, sent: VisitBundle, tmp_path) -> None:  # noqa: ANN001
    editor = start_amending(qtbot, store, sent, tmp_path)
    amend_visit(other, sent.visit.id, {"summary": "成品仓库抽样（补记）"}, "导入市局更正")

    def with_reason(dialog: QDialog) -> None:
        dialog.reason_edit.setPlainText("摘要漏写原料仓库")
        _ok(dialog)

    answer([("amendReasonDialog", with_reason), ("staleSaveDialog", press("discardMineButton"))], [])
    assert not editor._save_clicked()
    assert [a.reason for a in amendments_for(store, sent.visit.uuid)] == ["导入市局更正"]
    assert editor.summary_edit.toPlainText() == "成品仓库抽样（补记）"
    assert editor.read_only and not editor.is_dirty()


def test_the_core_refuses_an_amendment_based_on_an_old_revision(store: Store, other: Store,
                                                                sent: VisitBundle) -> None:
    seen = {r.uuid: r.revision for r in (sent.visit, *sent.samples, *sent.findings)}
    sample = sent.samples[0].uuid
    amend_visit(other, sent.visit.id, {f"samples.{sample}.result": "pass"}, "检验报告到达")
    with pytest.raises(ValidationFailed) as refused:
        amend_visit(store, sent.visit.id, {f"samples.{sample}.result": "fail",
                                                 f"samples.{sample}.failed_items": "水分"},
                    "检验报告到达", seen=seen)
    assert is_stale(refused.value)
    assert load_visit(store, sent.visit.id).samples[0].result == "pass"
    assert len(amendments_for(store, sent.visit.uuid)) == 1
