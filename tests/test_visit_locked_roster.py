"""A sent (locked) visit: the 执法人员名录… button is disabled with a tooltip saying why, and is
enabled again in 更正 (amend) mode, where the inspectors are among the amendable fields."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from test_visit_amend_ui import _editor, sent_visit  # noqa: F401 - the fixture is used by name

from qcdesk.models.amendments import AMENDABLE_FIELDS
from qcdesk.models.inspections import VisitBundle, save_visit
from qcdesk.models.records import Visit
from qcdesk.models.store import Store


def test_roster_button_follows_the_lock_and_amend_mode(
        qtbot: QtBot, chinese: None, store: Store, sent_visit: VisitBundle,  # noqa: F811
        tmp_path) -> None:  # noqa: ANN001
    editor = _editor(qtbot, store, tmp_path, sent_visit.visit.id)
    button = editor.roster_button
    open_tip = "添加或更正执法人员后，在此勾选"
    assert editor.read_only and not button.isEnabled()
    assert "已锁定" in button.toolTip() and "更正" in button.toolTip()
    assert "inspectors" in AMENDABLE_FIELDS
    editor.findChild(QPushButton, "amendButton").click()
    assert button.isEnabled() and button.toolTip() == open_tip


def test_an_open_visit_keeps_the_roster_button(qtbot: QtBot, chinese: None, store: Store,
                                                sent_visit: VisitBundle, tmp_path) -> None:  # noqa: ANN001, F811
    draft = save_visit(store, VisitBundle(Visit(enterprise_id=sent_visit.visit.enterprise_id,
                                                visit_date="2026-10-01", kind="assistance",
                                                status="draft")))
    editor = _editor(qtbot, store, tmp_path, draft.visit.id)
    assert not editor.read_only and editor.roster_button.isEnabled()
    assert editor.roster_button.toolTip() == "添加或更正执法人员后，在此勾选"
