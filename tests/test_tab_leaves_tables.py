"""Tab leaves a table that has nothing to edit (review, keyboard only: in 执法人员名录 Tab went
from cell to cell of the roster and never reached 保存人员 or 关闭; only Ctrl+Tab left it). The
arrows move within a table; Tab stays in the tables one edits in cells (licences, milestones)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget
from pytestqt.qtbot import QtBot

from qcdesk.models.store import Store
from qcdesk.paths import AppPaths

sys.path.insert(0, str(Path(__file__).parent))
from test_form_label_colons import OPENERS  # noqa: E402
from test_list_model import fill_store  # noqa: E402


def _more_openers() -> dict:
    def roster(store: Store, paths: AppPaths, settings, parent: QWidget) -> QWidget:  # noqa: ANN001
        from qcdesk.ui.inspector_chooser import RosterDialog

        return RosterDialog(store, parent)

    def enterprise_page(store: Store, paths: AppPaths, settings, parent: QWidget) -> QWidget:  # noqa: ANN001
        from qcdesk.ui.enterprise_page import EnterprisePage

        return EnterprisePage(store, paths, 1, parent)

    def zones(store: Store, paths: AppPaths, settings, parent: QWidget) -> QWidget:  # noqa: ANN001
        from qcdesk.ui.zones_page import ZonesPage

        return ZonesPage(store, paths, parent)

    return {"roster": roster, "enterprise page": enterprise_page, "zones page": zones}


ALL = {**OPENERS, **_more_openers()}


def _read_only(view: QTableView) -> bool:
    if view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers:
        return True
    model = view.model()
    if model is None or model.rowCount() == 0:
        return False  # cannot tell; a table edited in place has rows to edit
    return not any(model.flags(model.index(0, c)) & Qt.ItemFlag.ItemIsEditable
                   for c in range(model.columnCount()))


@pytest.mark.parametrize("name", sorted(ALL))
def test_tab_leaves_every_read_only_table(qtbot: QtBot, store: Store, paths: AppPaths, settings,  # noqa: ANN001
                                          name: str) -> None:
    fill_store(store, 2, 2)
    parent = QWidget()
    qtbot.addWidget(parent)
    widget = ALL[name](store, paths, settings, parent)  # goes with its parent
    trapping = [v.objectName() or type(v).__name__ for v in widget.findChildren(QTableView)
                if _read_only(v) and v.tabKeyNavigation()]
    assert trapping == []


def test_tab_from_the_roster_table_reaches_the_next_control(qtbot: QtBot, store: Store) -> None:
    from qcdesk.ui.inspector_chooser import RosterDialog

    fill_store(store, 2, 2)
    dialog = RosterDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.table.setFocus()
    dialog.table.setCurrentCell(0, 0)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Tab)
    assert not dialog.table.hasFocus() and dialog.focusWidget() is not dialog.table
