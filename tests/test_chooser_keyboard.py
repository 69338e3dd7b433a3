"""The start-up inspector chooser driven by keyboard only: Enter acts on the part of the dialog
that has focus. After Tab had once visited 添加本人并继续, Enter on a name picked in the roster
list ran 'add me' on the empty form (red 姓名不能为空) instead of using the person picked."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Inspector
from qcdesk.models.store import Store
from qcdesk.ui.inspector_chooser import InspectorChooser

PEOPLE = (("曹云", "42120020210006", "421200"), ("王华娟", "42120020170002", "421200"),
          ("侯兰", "42120220160007", "421202"))


def roster_chooser(qtbot: QtBot, store: Store, settings: QSettings) -> InspectorChooser:
    for name, cert, unit in PEOPLE:
        insert_record(store, Inspector(name=name, cert_no=cert, jurisdiction_code=unit))
    chooser = InspectorChooser(store, settings=settings)
    qtbot.addWidget(chooser)
    chooser.show()
    chooser.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return chooser


def press(key: Qt.Key) -> None:
    QTest.keyClick(QApplication.focusWidget(), key)
    QApplication.processEvents()


def tab_until(target: QWidget, key: Qt.Key = Qt.Key.Key_Tab, limit: int = 20) -> None:
    for _ in range(limit):
        if QApplication.focusWidget() is target:
            return
        press(key)
    raise AssertionError(f"{target.objectName()} never got focus")


def test_enter_in_the_list_uses_the_picked_person_after_a_tab_round(
        qtbot: QtBot, chinese: None, store: Store, settings: QSettings) -> None:
    chooser = roster_chooser(qtbot, store, settings)
    tab_until(chooser.add_button)  # 添加本人并继续 had focus once
    tab_until(chooser.list, Qt.Key.Key_Backtab)
    chooser.list.setCurrentRow(0)
    press(Qt.Key.Key_Down)
    picked = chooser.list.currentItem().data(Qt.ItemDataRole.UserRole)
    press(Qt.Key.Key_Return)
    assert chooser.form.errors.message("name") == ""  # not 姓名不能为空
    assert chooser.result() == QDialog.DialogCode.Accepted
    assert chooser.chosen is not None and chooser.chosen.uuid == picked.uuid
    assert store.db.execute("SELECT count(*) FROM inspector").fetchone()[0] == len(PEOPLE)


def test_the_default_button_follows_focus(qtbot: QtBot, chinese: None, store: Store,
                                          settings: QSettings) -> None:
    chooser = roster_chooser(qtbot, store, settings)
    assert QApplication.focusWidget() is chooser.list
    assert chooser.use_button.isDefault() and not chooser.add_button.isDefault()
    tab_until(chooser.form.name_edit)
    assert chooser.add_button.isDefault() and not chooser.use_button.isDefault()
    tab_until(chooser.list, Qt.Key.Key_Backtab)
    assert chooser.use_button.isDefault() and not chooser.add_button.isDefault()


def test_enter_in_the_form_adds_me(qtbot: QtBot, chinese: None, store: Store,
                                   settings: QSettings) -> None:
    chooser = roster_chooser(qtbot, store, settings)
    form = chooser.form
    tab_until(form.jurisdiction_combo)
    form.jurisdiction_combo.setCurrentIndex(form.jurisdiction_combo.findData("421221"))
    tab_until(form.name_edit, Qt.Key.Key_Backtab)
    QTest.keyClicks(form.name_edit, "Li Na")
    press(Qt.Key.Key_Return)
    assert chooser.result() == QDialog.DialogCode.Accepted
    assert chooser.chosen is not None and chooser.chosen.name == "Li Na"


def test_double_click_uses_the_person(qtbot: QtBot, chinese: None, store: Store,
                                      settings: QSettings) -> None:
    chooser = roster_chooser(qtbot, store, settings)
    tab_until(chooser.add_button)
    item = chooser.list.item(2)
    rect = chooser.list.visualItemRect(item)
    QTest.mouseClick(chooser.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(chooser.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert chooser.result() == QDialog.DialogCode.Accepted
    assert chooser.chosen.uuid == item.data(Qt.ItemDataRole.UserRole).uuid
