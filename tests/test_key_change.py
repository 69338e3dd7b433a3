"""An inspector who forgot the passphrase, or moved from 嘉鱼县 to 赤壁市, needs a new key, and the
app must then sign with it (review s8 keys A4, B2).

Before: the keys dialog showed the existing key and no way to make another; with two pairs in
the keys folder the first by name (the old 421221 one) was used by the export dialog, the
settings' signer box and the dashboard's own jurisdiction; keygen's "file exists", the
jurisdiction mismatch and the wrong passphrase said nothing of a new key.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from exchange_fixtures import populate
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from qcdesk.cli import main
from qcdesk.exchange.key_files import KeyFiles, create_key, find_key, mismatch_with_key
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths

PASS = "correct horse 1"
NEW_PASS = "green-Tea-Xianning-2026"  # keyClicks types ASCII only


def _aged(files: KeyFiles, seconds_ago: int) -> KeyFiles:
    """Date a key pair's files back, as a key made that long ago."""
    stamp = os.stat(files.secret).st_mtime - seconds_ago
    for path in (files.secret, files.public):
        os.utime(path, (stamp, stamp))
    return files


def _old_and_moved(keys: Path) -> tuple[KeyFiles, KeyFiles]:
    """张三's old 嘉鱼县 key (first by name) and his newer 赤壁市 key."""
    old = _aged(create_key(keys, "张三", "421221", "inspector", PASS, light=True), 3600)
    new = create_key(keys, "张三", "421281", "inspector", PASS, light=True)
    return old, new


def test_find_key_takes_the_newest_pair_never_the_first_by_name_nor_a_retired_one(tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    old, new = _old_and_moved(keys)
    assert sorted(keys.glob("*.pub"))[0] == old.public  # what the alphabetical pick took
    assert find_key(keys).public == new.public
    _aged(new, 7200)  # now the 421221 one is the newer: it is taken, by time, not by name
    assert find_key(keys).public == old.public
    retired = keys / "retired" / "x"  # a pair moved aside is never picked, however new
    retired.mkdir(parents=True)
    for path in (old.public, old.secret):
        path.rename(retired / path.name)
    assert find_key(keys).public == new.public


def test_every_place_that_names_the_own_key_follows_the_new_one(qtbot: QtBot, chinese: None,
                                                                tmp_path: Path) -> None:
    from qcdesk.ui.dashboard_scope import office_jurisdiction
    from qcdesk.ui.exchange_dialogs import ExportDialog
    from qcdesk.ui.keys_dialog import KeysDialog
    from qcdesk.ui.settings_page import SettingsDialog

    paths = AppPaths(tmp_path / "data", tmp_path / "config")
    _old, new = _old_and_moved(paths.keys_dir)
    store = Store.open(tmp_path / "zhang.db")
    export = ExportDialog(store.path, store=store, keys_dir=paths.keys_dir)
    qtbot.addWidget(export)
    assert export.key_edit.text() == str(new.secret)
    assert export.jurisdiction_combo.currentData() == "421281"
    settings = SettingsDialog(store, QSettings(str(tmp_path / "q.ini"), QSettings.Format.IniFormat),
                              "zh_CN", keys_dir=paths.keys_dir)
    qtbot.addWidget(settings)
    assert settings.page.signer_labels["jurisdiction"].text() == "421281 赤壁市"
    assert office_jurisdiction(store, paths) == "421281"
    keys_dialog = KeysDialog(store, paths)
    qtbot.addWidget(keys_dialog)
    assert keys_dialog.key_id_label.text() == new.key.key_id
    store.close()


def _answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(_parent, _title, text, *_a, **_k):  # noqa: ANN001, ANN202
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def test_keys_dialog_makes_a_new_key_and_keeps_the_old_one(qtbot: QtBot, chinese: None, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from qcdesk.ui.keys_dialog import KeysDialog

    paths = AppPaths(tmp_path / "data", tmp_path / "config")
    old = create_key(paths.keys_dir, "张三", "421221", "inspector", PASS, light=True)
    store = Store.open(tmp_path / "zhang.db")
    dialog = KeysDialog(store, paths)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.create_box.isVisible()
    assert "生成新密钥" in dialog.new_key_button.text()

    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    dialog.new_key_button.click()
    assert asked and old.key.key_id in asked[0] and "不会删除" in asked[0]
    assert old.secret.is_file() and not dialog.create_box.isVisible()  # No: nothing moved

    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    dialog.new_key_button.click()
    kept = paths.keys_dir / "retired" / f"421221_张三-{date.today().isoformat()}"
    assert find_key(paths.keys_dir).public == old.public and not kept.exists()  # until made
    assert dialog.create_box.isVisible() and not dialog.show_box.isVisible()
    assert dialog.name_edit.text() == "张三"
    dialog.jurisdiction_combo.setCurrentIndex(dialog.jurisdiction_combo.findData("421281"))  # moved
    qtbot.keyClicks(dialog.pass1, NEW_PASS)
    qtbot.keyClicks(dialog.pass2, NEW_PASS)
    dialog.light_check.setChecked(True)
    job = dialog.create()
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    made = find_key(paths.keys_dir)
    assert made is not None and made.info["jurisdiction"] == "421281"
    assert sorted(p.name for p in kept.iterdir()) == ["421221_张三.json", "421221_张三.key",
                                                      "421221_张三.pub"]
    assert not old.secret.exists()  # the old key is never picked again
    assert dialog.show_box.isVisible() and dialog.key_id_label.text() == made.key.key_id
    told = dialog.handover.text()
    assert "公钥" in told and "接收方" in told and "吊销" in told and old.key.key_id in told
    store.close()


def test_keygen_over_an_existing_key_says_how_to_make_a_new_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pw.txt").write_text(PASS + "\n", encoding="utf-8")
    create_key(tmp_path / "keys", "张三", "421221", "inspector", PASS, light=True)
    capsys.readouterr()
    assert main(["keygen", "--name", "张三", "--jurisdiction", "嘉鱼县", "--out", str(tmp_path / "keys"),
                 "--light", "--passphrase-file", str(tmp_path / "pw.txt")]) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "文件已存在" in err and "移到别处" in err and "--out" in err


def _inspector_db(tmp_path: Path) -> Path:
    db = tmp_path / "i.db"
    s = Store.open(db, author="insp-uuid")
    populate(s, 1, 1)
    s.close()
    return db


def _dump(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return list(conn.iterdump())


def test_moved_inspector_is_told_to_make_a_key_for_the_new_jurisdiction(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = create_key(tmp_path / "keys", "张三", "421221", "inspector", PASS, light=True)
    assert "如已调到新辖区，请生成新辖区的密钥" in (mismatch_with_key(old.secret, old.key.key_id,
                                                                 "421281") or "")
    db = _inspector_db(tmp_path)
    (tmp_path / "pw.txt").write_text(PASS + "\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    before = _dump(db)
    capsys.readouterr()
    assert main(["export", "--db", str(db), "--key", str(old.secret), "--out", str(tmp_path / "out"),
                 "--jurisdiction", "赤壁市", "--passphrase-file", str(tmp_path / "pw.txt")]) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "如已调到新辖区，请生成新辖区的密钥" in err
    assert _dump(db) == before


def test_a_forgotten_passphrase_is_told_what_to_do(qtbot: QtBot, chinese: None, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from qcdesk.ui.exchange_dialogs import ExportDialog

    key = create_key(tmp_path / "keys", "张三", "421221", "inspector", PASS, light=True)
    db = _inspector_db(tmp_path)
    (tmp_path / "wrong.txt").write_text("wrong-passphrase\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    capsys.readouterr()
    assert main(["export", "--db", str(db), "--key", str(key.secret), "--out", str(tmp_path / "out"),
                 "--passphrase-file", str(tmp_path / "wrong.txt")]) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "口令不正确" in err
    assert "无法找回" in err and "qcdesk keygen" in err and "生成新密钥" in err and ".pub" in err

    dialog = ExportDialog(db, keys_dir=tmp_path / "keys")
    qtbot.addWidget(dialog)
    dialog.out_edit.setText(str(tmp_path / "out"))
    dialog.passphrase_edit.setText("wrong-passphrase")
    assert dialog.start_export() is None
    shown = dialog.status.text()
    assert "口令不正确" in shown and "无法找回" in shown and "签名密钥" in shown and "生成新密钥" in shown
    assert "接收方" in shown and not list((tmp_path / "out").iterdir())
