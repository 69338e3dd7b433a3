"""Delete on a visit already sent in a package asks for a reason and refuses an empty one; the
reason is recorded, and Deleted records ▸ Restore asks for one too (review r4 A4)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from test_record_removal_gui import NAME_A, _start, _world

from qcdesk.models.amendments import lock_visits
from qcdesk.models.listing import VISITS
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui.record_removal import DeletedRecordsDialog
from qcdesk.ui.removal_reason import ReasonDialog

WHY = "同一检查录入了两次"


def test_deleting_and_restoring_a_sent_visit_takes_a_reason(qtbot, paths: AppPaths, tmp_path: Path,
                                                            monkeypatch) -> None:  # noqa: ANN001
    db, ids = _world(tmp_path)
    store = Store.open(db, author="test")
    lock_visits(store, [ids["twice"]], "421281_AAAA_000001_20260905.qcpkg.zip")
    store.close()
    answers: list[tuple[str, str]] = []
    shell = _start(qtbot, paths, db, monkeypatch, answers)
    asked: list[str] = []

    def answer(reason: str):  # noqa: ANN202
        def run(dialog: ReasonDialog) -> int:
            asked.append(dialog.windowTitle())
            dialog.ok.click()  # an empty reason: refused in the dialog, which stays open
            assert dialog.result() != ReasonDialog.DialogCode.Accepted
            assert "请先填写原因" in dialog.note.text()
            dialog.reason.setPlainText(reason)
            dialog.ok.click()
            return dialog.result()
        return run

    try:
        w = shell.window
        w.show_page(VISITS)
        page = w.current_list()
        qtbot.waitUntil(lambda: page.model.rowCount() == 2)
        assert page.select_id(ids["twice"])
        page.view.setFocus()
        monkeypatch.setattr(ReasonDialog, "exec", answer(WHY))
        qtbot.keyClick(page.view, Qt.Key.Key_Delete)
        qtbot.waitUntil(lambda: page.model.rowCount() == 1)
        assert asked == ["删除"] and answers == []  # the reason dialog instead of the plain question
        db_ = w.store.db
        assert [r[0] for r in db_.execute("SELECT reason FROM amendment")] == [WHY]

        def restore(dialog: DeletedRecordsDialog) -> int:
            dialog.kind.setCurrentIndex(1)
            dialog.table.selectRow(0)
            assert dialog.table.item(0, 0).text() == NAME_A
            dialog.restore_button.click()
            assert dialog.table.rowCount() == 0
            return 0

        monkeypatch.setattr(ReasonDialog, "exec", answer("误删"))
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(DeletedRecordsDialog, "exec", restore)
            w.tools.actions["deleted"].trigger()
        qtbot.waitUntil(lambda: page.model.rowCount() == 2)
        assert asked == ["删除", "恢复"]
        assert [r[0] for r in db_.execute("SELECT reason FROM amendment ORDER BY id")] == [WHY, "误删"]
    finally:
        shell.window.close()
        shell.shutdown()
