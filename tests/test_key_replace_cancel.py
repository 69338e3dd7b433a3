"""生成新密钥, then 关闭 without making one, must leave the key in use (review s8 regress-ui A2).

Before: the old pair went to keys/retired/ as soon as 是 was pressed, before the form; closing
it left the computer with no signing key, and the reopened dialog said 本机尚无签名密钥 and nothing
of the retired key or how to get it back (by hand, in a hidden AppData folder).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from qcdesk.exchange.key_files import create_key, find_key, replace_key, retire_key_pair
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths

PASS = "correct horse 1"


def _dialog(qtbot: QtBot, store: Store, paths: AppPaths):  # noqa: ANN202 - KeysDialog
    from qcdesk.ui.keys_dialog import KeysDialog

    dialog = KeysDialog(store, paths)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_closing_the_new_key_form_keeps_the_key_in_use(qtbot: QtBot, chinese: None, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    paths = AppPaths(tmp_path / "data", tmp_path / "config")
    old = create_key(paths.keys_dir, "李明", "421221", "inspector", PASS, light=True)
    store = Store.open(tmp_path / "li.db")
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    dialog = _dialog(qtbot, store, paths)
    assert dialog.new_key()
    assert dialog.create_box.isVisible() and old.key.key_id in dialog.intro.text()
    assert "本机尚无" not in dialog.intro.text()
    dialog.reject()  # 关闭: changed their mind (Caps Lock was on)

    assert find_key(paths.keys_dir).public == old.public
    assert not (paths.keys_dir / "retired").exists()
    again = _dialog(qtbot, store, paths)
    assert not again.create_box.isVisible() and again.key_id_label.text() == old.key.key_id

    assert again.new_key()  # 保留当前密钥 goes back to it without closing
    assert again.keep_button.isVisible()
    again.keep_button.click()
    assert again.show_box.isVisible() and not again.create_box.isVisible()
    assert find_key(paths.keys_dir).public == old.public
    store.close()


def test_no_key_in_use_but_a_retired_one_is_offered_back(qtbot: QtBot, chinese: None,
                                                        tmp_path: Path) -> None:
    paths = AppPaths(tmp_path / "data", tmp_path / "config")
    old = create_key(paths.keys_dir, "李明", "421221", "inspector", PASS, light=True)
    folder = retire_key_pair(old, "2026-11-30")  # what an older version left on 关闭
    store = Store.open(tmp_path / "li.db")
    dialog = _dialog(qtbot, store, paths)
    assert dialog.restore_note.isVisible() and dialog.restore_button.isVisible()
    assert not dialog.intro.isVisible()  # not 本机尚无签名密钥 above it
    told = dialog.restore_note.text()
    assert old.key.key_id in told and str(folder) in told and "吊销" in told
    assert "找回" in dialog.restore_button.text() or "恢复" in dialog.restore_button.text()

    dialog.restore_button.click()
    back = find_key(paths.keys_dir)
    assert back is not None and back.public == old.public and back.info["name"] == "李明"
    assert not folder.exists()
    assert dialog.show_box.isVisible() and dialog.key_id_label.text() == old.key.key_id
    again = _dialog(qtbot, store, paths)
    assert not again.restore_note.isVisible()
    store.close()


def test_a_new_key_that_cannot_be_written_puts_the_old_pair_back(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from qcdesk.exchange import key_files

    old = create_key(tmp_path / "keys", "李明", "421221", "inspector", PASS, light=True)

    def full_disk(*_a, **_k):  # noqa: ANN002, ANN003, ANN202
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(key_files, "write_key_pair", full_disk)
    with pytest.raises(OSError):
        replace_key(old, "2026-11-30", "李明", "421281", "inspector", PASS, light=True)
    assert find_key(tmp_path / "keys").public == old.public
    assert not list((tmp_path / "keys" / "retired").glob("*"))
