"""A signer's name with a tab or line break cannot be signed into a package (the trusted comment
is one line of tab-separated fields). keygen, the keys dialog and the export refuse it up front,
in Chinese, by the package builder's own rule; before, `keygen --name $'王\\t五'` made a key
with which every export then failed in English."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from exchange_fixtures import populate
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from qcdesk.cli import main
from qcdesk.exchange.export import export_package
from qcdesk.exchange.key_files import create_key
from qcdesk.exchange.minisign import generate_secret_key
from qcdesk.models.store import Store, StoreError
from qcdesk.paths import AppPaths
from qcdesk.ui.keys_dialog import KeysDialog

PASS = "长口令 long passphrase"


def _dump(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return list(conn.iterdump())


@pytest.mark.parametrize("name", ["王\t五", "李\n四", "赵六\x01"])
def test_keygen_refuses_a_name_with_control_characters(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    (tmp_path / "pw.txt").write_text(PASS + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["keygen", "--name", name, "--jurisdiction", "421221", "--out",
                 str(tmp_path / "keys"), "--light", "--passphrase-file",
                 str(tmp_path / "pw.txt")]) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "签名人姓名" in err and "控制字符" in err and "请只用文字重新输入姓名" in err
    assert not (tmp_path / "keys").exists() or not any((tmp_path / "keys").iterdir())


def test_the_gui_key_maker_refuses_it_too(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as info:
        create_key(tmp_path / "keys", "王\t五", "421221", "inspector", PASS, light=True)
    assert "控制字符" in info.value.text("zh") and "control character" in info.value.text("en")
    assert not (tmp_path / "keys").exists() or not any((tmp_path / "keys").iterdir())


def _inspector_db(tmp_path: Path) -> Path:
    db = tmp_path / "i.db"
    s = Store.open(db, author="insp-uuid")
    populate(s, 1, 1)
    s.close()
    return db


def test_export_with_an_old_key_naming_王_tab_五_is_refused_in_chinese(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A key made before keygen refused such names: its description names 王<tab>五."""
    (tmp_path / "pw.txt").write_text(PASS + "\n", encoding="utf-8")
    assert main(["keygen", "--name", "王五", "--jurisdiction", "421221", "--out",
                 str(tmp_path / "keys"), "--light", "--passphrase-file",
                 str(tmp_path / "pw.txt")]) == 0
    about = tmp_path / "keys" / "421221_王五.json"
    about.write_text(json.dumps({**json.loads(about.read_text()), "name": "王\t五"},
                                ensure_ascii=False))
    db = _inspector_db(tmp_path)
    before = _dump(db)
    out = tmp_path / "out"
    out.mkdir()
    capsys.readouterr()
    assert main(["export", "--db", str(db), "--key", str(tmp_path / "keys" / "421221_王五.key"),
                 "--out", str(out), "--passphrase-file", str(tmp_path / "pw.txt")]) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "未导出：签名人姓名“王\\t五”含有" in err and "--name" in err
    assert "signer_name" not in err
    assert list(out.iterdir()) == [] and _dump(db) == before
    # and with a good --name the same key exports
    assert main(["export", "--db", str(db), "--key", str(tmp_path / "keys" / "421221_王五.key"),
                 "--out", str(out), "--passphrase-file", str(tmp_path / "pw.txt"),
                 "--name", "王五"]) == 0


def test_the_export_itself_refuses_it_in_both_languages(tmp_path: Path) -> None:
    """The path the GUI's export dialog takes: nothing locked, nothing written."""
    db = _inspector_db(tmp_path)
    before = _dump(db)
    out = tmp_path / "out"
    out.mkdir()
    store = Store.open(db)
    with pytest.raises(StoreError) as info:
        export_package(store, out, generate_secret_key(), signer_name="王\t五",
                       jurisdiction="421221", role="inspector")
    store.close()
    assert info.value.text("zh").startswith("未导出：签名人姓名“王\\t五”含有制表符、换行等控制字符")
    assert info.value.text("en").startswith("Not exported: The signer's name “王\\t五” holds a tab")
    assert list(out.iterdir()) == [] and _dump(db) == before


def test_keys_dialog_says_so_at_the_name_and_keeps_create_disabled(
        qtbot: QtBot, qapp: QApplication, store: Store, tmp_path: Path) -> None:
    before = qapp.property("lang")
    qapp.setProperty("lang", "zh")
    try:
        dlg = KeysDialog(store, AppPaths(tmp_path / "data", tmp_path / "config"))
        qtbot.addWidget(dlg)
        dlg.show()
        dlg.jurisdiction_combo.setCurrentIndex(dlg.jurisdiction_combo.findData("421221"))
        dlg.pass1.setText("green-Tea-Xianning-2026")
        dlg.pass2.setText("green-Tea-Xianning-2026")
        dlg.name_edit.setText("王\t五")  # pasted from a spreadsheet cell
        assert not dlg.create_button.isEnabled()
        assert dlg.name_error.isVisible()
        assert "签名人姓名“王\\t五”含有制表符" in dlg.name_error.text()
        assert dlg.create() is None
        dlg.name_edit.setText("王五")
        assert dlg.create_button.isEnabled() and not dlg.name_error.isVisible()
    finally:
        qapp.setProperty("lang", before)
