"""添加样品 / 添加问题 by keyboard put the cursor in the new record's first field (产品名称,
问题类别), every time, whether by Alt+A, Space or Enter on the button, so the inspector types on
at once. A keyboard review saw the focus on the form's scroll area and on 删除问题; its shots were
taken inside the 100 ms in which a mnemonic animates the button's click (the button still down,
the list still empty), and this guards what the user has after that."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.records import Enterprise
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui.visit_editor import VisitEditor

pytestmark = pytest.mark.usefixtures("chinese", "chinese_core_no_boxes")


def editor(qtbot: QtBot, store: Store, paths: AppPaths, settings: QSettings) -> VisitEditor:
    e = save_enterprise(store, Enterprise(uscc="91421224MA4CJGYT6P", name="通山县石材有限公司",
                                          jurisdiction_code="421224"))
    ed = VisitEditor(store, paths, settings=settings, enterprise_id=e.id)
    qtbot.addWidget(ed)
    ed.show()
    ed.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return ed


def keys(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key as the user presses it, then long enough for a mnemonic's animated click."""
    QTest.keyClick(QApplication.focusWidget(), key, modifier)
    QTest.qWait(250)


@pytest.mark.parametrize("tab_key, tab_name", [(Qt.Key.Key_L, "samples_tab"),
                                               (Qt.Key.Key_F, "findings_tab")])
def test_each_add_puts_the_cursor_in_the_new_records_first_field(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: QSettings, tab_key: Qt.Key,
        tab_name: str) -> None:
    ed = editor(qtbot, store, paths, settings)
    tab = getattr(ed, tab_name)
    first = tab.first_field()
    assert first.objectName() in ("productNameEdit", "categoryCombo")
    keys(tab_key, Qt.KeyboardModifier.AltModifier)  # 抽样(&L) / 检查发现(&F)
    for count, how in enumerate(("alt", "alt", "space", "enter"), start=1):
        if how == "alt":
            keys(Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # 添加样品(&A) / 添加问题(&A)
        else:
            tab.add_button.setFocus()
            keys(Qt.Key.Key_Space if how == "space" else Qt.Key.Key_Return)
        assert tab.list.count() == count and tab.list.currentRow() == count - 1, how
        assert QApplication.focusWidget() is first, (how, QApplication.focusWidget())
