"""A sent (locked) visit: 检查日期 looked like the one field still open — white, focused at open
with its date selected — among greyed enterprise, kind and status. It is greyed like them, the
window opens with the focus on 更正…, and 更正 mode opens the date for correction again."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot
from test_visit_amend_ui import _editor, sent_visit  # noqa: F401 - the fixture is used by name

from qcdesk.models.inspections import VisitBundle
from qcdesk.models.store import Store


def test_a_sent_visits_date_is_greyed_and_not_focused_like_the_other_locked_fields(
        qtbot: QtBot, chinese: None, store: Store, sent_visit: VisitBundle,  # noqa: F811
        tmp_path) -> None:  # noqa: ANN001
    editor = _editor(qtbot, store, tmp_path, sent_visit.visit.id)
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    date, kind = editor.date_edit, editor.kind_combo
    assert editor.read_only and not kind.isEnabled()
    assert not date.isEnabled(), "检查日期 looks open beside the greyed 检查类型"
    assert QApplication.focusWidget() is not date and date.selectedText() == ""
    assert QApplication.focusWidget() is editor.findChild(QPushButton, "amendButton")
    assert date.text() == "2026-09-01"

    editor.findChild(QPushButton, "amendButton").click()  # 更正: the date may be corrected
    assert date.isEnabled() and not date.isReadOnly()
