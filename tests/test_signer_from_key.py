"""Who signs a package has one place of truth: what the signing key was made for.

The export read the database settings signer_name / jurisdiction / role, which no screen could
write, and `qcdesk export --help` pointed users to them. They are gone: Preferences shows the
key's name, jurisdiction and role, the export dialog and the CLI take them from the key, and a
stray old setting is not used.
"""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from qcdesk.cli import main
from qcdesk.exchange.minisign import encode_secret_key, generate_secret_key
from qcdesk.models.store import Store

PASS = "correct horse 1"


def _stale_settings(store: Store) -> None:
    """Values an old version or a hand edit may have left; nothing should sign with them."""
    for key, value in (("signer_name", "旧名字"), ("jurisdiction", "421224"), ("role", "county")):
        store.set_setting(key, value)


def _dump(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


def test_preferences_show_the_signer_the_key_was_made_for(qtbot, chinese, tmp_path: Path) -> None:
    from qcdesk.ui.keys_dialog import create_key
    from qcdesk.ui.settings_page import SettingsDialog

    store = Store.open(tmp_path / "office.db")
    settings = QSettings(str(tmp_path / "q.ini"), QSettings.Format.IniFormat)
    keys = tmp_path / "keys"
    none_yet = SettingsDialog(store, settings, "zh_CN", keys_dir=keys)
    qtbot.addWidget(none_yet)
    assert not none_yet.page.signer_labels and "签名密钥" in none_yet.page.signer_note.text()
    create_key(keys, "赤壁市局", "421281", "county", PASS, light=True)
    dialog = SettingsDialog(store, settings, "zh_CN", keys_dir=keys)
    qtbot.addWidget(dialog)
    shown = {k: label.text() for k, label in dialog.page.signer_labels.items()}
    assert shown == {"name": "赤壁市局", "jurisdiction": "421281 赤壁市", "role": "县级局"}
    store.close()


def test_preferences_name_the_city_role(qtbot, chinese, tmp_path: Path) -> None:
    """A city office's key (role city, 421200) reads 市级局, not a blank role."""
    from qcdesk.ui.keys_dialog import create_key
    from qcdesk.ui.settings_page import SettingsDialog

    store = Store.open(tmp_path / "city.db")
    keys = tmp_path / "keys"
    create_key(keys, "市质强办", "421200", "city", PASS, light=True)
    dialog = SettingsDialog(store, QSettings(str(tmp_path / "q.ini"), QSettings.Format.IniFormat),
                            "zh_CN", keys_dir=keys)
    qtbot.addWidget(dialog)
    assert dialog.page.signer_labels["role"].text() == "市级局"
    store.close()


def test_export_dialog_signs_as_the_key_not_as_a_stray_setting(qtbot, chinese, tmp_path: Path) -> None:
    from qcdesk.ui.exchange_dialogs import ExportDialog
    from qcdesk.ui.keys_dialog import create_key

    store = Store.open(tmp_path / "office.db")
    _stale_settings(store)
    without_key = ExportDialog(store.path, store=store, keys_dir=tmp_path / "keys")
    qtbot.addWidget(without_key)
    assert without_key.name_edit.text() == "" and without_key.jurisdiction_combo.currentIndex() == -1
    assert without_key.role_combo.currentData() == "inspector"
    create_key(tmp_path / "keys", "赤壁市局", "421281", "county", PASS, light=True)
    dlg = ExportDialog(store.path, store=store, keys_dir=tmp_path / "keys")
    qtbot.addWidget(dlg)
    store.close()
    assert dlg.name_edit.text() == "赤壁市局" and dlg.jurisdiction_combo.currentData() == "421281"
    assert dlg.role_combo.currentData() == "county"


def test_cli_export_help_names_the_key_not_a_setting(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    text = capsys.readouterr().out
    assert "数据库设置" not in text and "signer_name" not in text
    assert "生成密钥时登记的姓名" in text


def test_cli_export_takes_signer_from_the_key(capsys, tmp_path: Path) -> None:
    (tmp_path / "pw.txt").write_text(PASS + "\n", encoding="utf-8")
    keys = tmp_path / "keys"
    assert main(["keygen", "--name", "赤壁市局", "--jurisdiction", "421281", "--role", "county",
                 "--out", str(keys), "--light", "--passphrase-file", str(tmp_path / "pw.txt")]) == 0
    db = tmp_path / "office.db"
    store = Store.open(db)
    _stale_settings(store)
    store.close()
    out = tmp_path / "out"
    out.mkdir()
    capsys.readouterr()
    assert main(["export", "--db", str(db), "--key", str(keys / "421281_赤壁市局.key"), "--out", str(out),
                 "--passphrase-file", str(tmp_path / "pw.txt")]) == 0
    package = Path(capsys.readouterr().out.strip())
    with zipfile.ZipFile(package) as z:
        manifest = json.loads(z.read("manifest.json"))
    assert (manifest["signer_name"], manifest["jurisdiction"], manifest["role"]) == (
        "赤壁市局", "421281", "county")


def test_cli_export_with_an_undescribed_key_asks_for_name_not_a_setting(capsys, tmp_path: Path) -> None:
    """A key made elsewhere (stock minisign) says nothing about its owner: the stray setting
    used to fill in; now the export says to pass --name and --jurisdiction and changes nothing."""
    secret = generate_secret_key()
    key = tmp_path / "bare.key"
    key.write_text(encode_secret_key(secret, None), encoding="utf-8")
    db = tmp_path / "office.db"
    store = Store.open(db)
    _stale_settings(store)
    store.close()
    before = _dump(db)
    out = tmp_path / "out"
    out.mkdir()
    capsys.readouterr()
    assert main(["export", "--db", str(db), "--key", str(key), "--out", str(out)]) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "--name" in err and "--jurisdiction" in err
    assert not any(out.iterdir()) and _dump(db) == before
