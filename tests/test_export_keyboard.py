"""The export dialog by keyboard: Tab runs top to bottom, Alt+letter on each label goes to its
field (in English and in Chinese, 私钥文件(&K)), and each refusal puts the cursor in the field it
names. Tab used to jump from the key's Browse to the folder and come back to the passphrase, and
请选择一个已存在的文件夹来保存数据包。 left the cursor in the 辖区 combo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from qcdesk.exchange.key_files import create_key
from qcdesk.models.store import Store
from qcdesk.ui.exchange_dialogs import ExportDialog

PASSPHRASE = "green-Tea-Xianning-2026"


def shown(qtbot: QtBot, store: Store, keys: Path | None = None) -> ExportDialog:
    dialog = ExportDialog(store.path, store=store, keys_dir=keys)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return dialog


def with_key(qtbot: QtBot, store: Store, tmp_path: Path) -> ExportDialog:
    keys = tmp_path / "keys"
    create_key(keys, "王华娟", "421221", "inspector", PASSPHRASE, light=True)
    return shown(qtbot, store, keys)


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(QApplication.focusWidget(), key, modifier)
    QApplication.processEvents()


def fields_in_visual_order(dialog: ExportDialog) -> list[QWidget]:
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    return [dialog.key_edit, dialog.browse_buttons[0], dialog.passphrase_edit, dialog.out_edit,
            dialog.browse_buttons[1], dialog.name_edit, dialog.jurisdiction_combo, dialog.role_combo,
            dialog.full_check, dialog.attach_check, dialog.export_button, close]


def test_tab_runs_top_to_bottom(qtbot: QtBot, chinese: None, store: Store) -> None:
    dialog = shown(qtbot, store)
    order = fields_in_visual_order(dialog)
    def middle(w: QWidget) -> int:
        return w.mapTo(dialog, w.rect().center()).y()

    # the rows really are in this order on screen, each Browse beside its field
    rows = [dialog.key_edit, dialog.passphrase_edit, dialog.out_edit, dialog.name_edit,
            dialog.jurisdiction_combo, dialog.role_combo, dialog.full_check, dialog.attach_check]
    assert [middle(w) for w in rows] == sorted(middle(w) for w in rows)
    assert abs(middle(order[1]) - middle(order[0])) < 4 and abs(middle(order[4]) - middle(order[3])) < 4
    assert QApplication.focusWidget() is dialog.key_edit  # no key yet: start there
    seen = [QApplication.focusWidget()]
    for _ in range(len(order)):
        press(Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == [*order, order[0]]
    press(Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is order[-1]


def test_with_its_own_key_the_cursor_starts_in_the_passphrase(qtbot: QtBot, store: Store,
                                                             tmp_path: Path) -> None:
    dialog = with_key(qtbot, store, tmp_path)
    assert dialog.key_edit.text() and QApplication.focusWidget() is dialog.passphrase_edit


MNEMONICS = (("key_edit", Qt.Key.Key_K, "Secret &key:", "私钥文件(&K)："),  # the colon as every form's
             ("passphrase_edit", Qt.Key.Key_P, "Pass&phrase:", "口令(&P)："),
             ("out_edit", Qt.Key.Key_F, "Save to &folder:", "保存到文件夹(&F)："),
             ("name_edit", Qt.Key.Key_G, "Si&gner:", "签名人(&G)："),
             ("jurisdiction_combo", Qt.Key.Key_J, "&Jurisdiction:", "辖区(&J)："),
             ("role_combo", Qt.Key.Key_R, "&Role:", "角色(&R)："))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_alt_letter_on_a_label_goes_to_its_field(qtbot: QtBot, request: pytest.FixtureRequest,
                                                 store: Store, lang: str) -> None:
    if lang == "zh":
        request.getfixturevalue("chinese")
    dialog = shown(qtbot, store)
    labels = {label.buddy(): label.text() for label in dialog.findChildren(QLabel) if label.buddy()}
    for attr, key, en, zh in MNEMONICS:
        field = getattr(dialog, attr)
        assert labels[field] == (zh if lang == "zh" else en)
        dialog.attach_check.setFocus()
        press(key, Qt.KeyboardModifier.AltModifier)
        assert QApplication.focusWidget() is field, attr
    checks = {dialog.full_check.text(), dialog.attach_check.text()}
    assert checks == ({"全部数据（不只是上次导出以来的变更）(&V)", "包含照片文件(&H)"} if lang == "zh" else
                      {"E&verything (not only what changed since the last package)",
                       "Include p&hoto files"})


def test_enter_without_a_folder_puts_the_cursor_in_the_folder(
        qtbot: QtBot, chinese: None, store: Store, tmp_path: Path) -> None:
    dialog = with_key(qtbot, store, tmp_path)
    QTest.keyClicks(dialog.passphrase_edit, PASSPHRASE)
    assert dialog.export_button.isDefault()  # Enter exports, never opens a Browse… file dialog
    press(Qt.Key.Key_Return)
    assert dialog.status.text() == "请选择一个已存在的文件夹来保存数据包。"
    assert QApplication.focusWidget() is dialog.out_edit
    assert list(tmp_path.glob("*.zip")) == []


def test_each_refusal_focuses_the_field_it_names(qtbot: QtBot, chinese: None, store: Store,
                                                tmp_path: Path) -> None:
    dialog = with_key(qtbot, store, tmp_path)
    key = dialog.key_edit.text()

    def refused(field: QWidget, words: str) -> None:
        dialog.role_combo.setFocus()  # somewhere else
        assert dialog.start_export() is None
        assert words in dialog.status.text()
        assert QApplication.focusWidget() is field, dialog.status.text()

    dialog.key_edit.clear()
    refused(dialog.key_edit, "请选择您的私钥文件（.key）")
    dialog.key_edit.setText(key)
    refused(dialog.out_edit, "请选择一个已存在的文件夹")
    dialog.out_edit.setText(str(tmp_path / "missing"))
    refused(dialog.out_edit, "请选择一个已存在的文件夹")
    dialog.out_edit.setText(str(tmp_path))
    signer = dialog.name_edit.text()
    dialog.name_edit.clear()
    refused(dialog.name_edit, "请填写签名人姓名")
    dialog.name_edit.setText(signer)
    dialog.jurisdiction_combo.setCurrentIndex(-1)
    refused(dialog.jurisdiction_combo, "并选择辖区")
    dialog.jurisdiction_combo.setCurrentIndex(dialog.jurisdiction_combo.findData("421221"))
    dialog.passphrase_edit.setText("wrong-passphrase")
    refused(dialog.passphrase_edit, "请重新输入口令")
    assert dialog.passphrase_edit.selectedText() == "wrong-passphrase"  # typed over at once
    dialog.passphrase_edit.setText(PASSPHRASE)
    dialog.key_edit.setText(key.removesuffix(".key") + ".pub")
    refused(dialog.key_edit, "公钥（.pub）不能用于签名")
    dialog.key_edit.setText(key)
    dialog.jurisdiction_combo.setCurrentIndex(dialog.jurisdiction_combo.findData("421281"))
    refused(dialog.jurisdiction_combo, "与签名密钥登记的“421221”不符")
