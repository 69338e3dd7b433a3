"""The city office (市质强办, 421200) signs as 市级局, not as 县级局: keygen, export, a county's
trust list and import all name it so; a city key of a county's jurisdiction is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from exchange_fixtures import populate
from pytestqt.qtbot import QtBot

from qcdesk.cli import main
from qcdesk.models.store import Store

PASS = "长口令 long passphrase"


def _keygen(tmp_path: Path, jurisdiction: str) -> int:
    pw = tmp_path / "pw.txt"
    pw.write_text(PASS + "\n", encoding="utf-8")
    return main(["keygen", "--name", "市质强办", "--jurisdiction", jurisdiction, "--role", "city",
                 "--out", str(tmp_path / "keys"), "--light", "--passphrase-file", str(pw)])


def test_city_key_exported_trusted_and_imported_as_city_office(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], qtbot: QtBot) -> None:
    assert _keygen(tmp_path, "421200") == 0
    pub = tmp_path / "keys" / "421200_市质强办.pub"
    assert json.loads(pub.with_suffix(".json").read_text(encoding="utf-8"))["role"] == "city"
    city = Store.open(tmp_path / "city.db")
    populate(city, 1, 1)
    city.close()
    (tmp_path / "usb").mkdir()
    assert main(["export", "--db", str(tmp_path / "city.db"), "--key", str(pub.with_suffix(".key")),
                 "--out", str(tmp_path / "usb"), "--passphrase-file", str(tmp_path / "pw.txt")]) == 0
    package = next((tmp_path / "usb").glob("*.qcpkg.zip"))
    capsys.readouterr()

    county = tmp_path / "county.db"
    assert main(["trust", "add", str(pub), "--db", str(county), "--yes"]) == 0
    assert "角色: 市级局" in capsys.readouterr().out  # read out on the phone check
    assert main(["trust", "list", "--db", str(county)]) == 0
    assert "\t市级局\t421200\t" in capsys.readouterr().out
    assert main(["import", str(package), "--db", str(county)]) == 0
    out = capsys.readouterr().out
    assert "市级局" in out and "县级局" not in out, out

    from qcdesk.ui.keys_dialog import TrustDialog

    store = Store.open(county)
    dialog = TrustDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 2).text() == "City office"
    store.close()


def test_city_role_with_a_county_jurisdiction_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _keygen(tmp_path, "421221") != 0
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "421200" in err and "421221" in err, err
    assert not (tmp_path / "keys").exists() or not any((tmp_path / "keys").iterdir())

    assert main(["keygen", "--name", "李四", "--jurisdiction", "421221", "--out", str(tmp_path / "k2"),
                 "--light", "--passphrase-file", str(tmp_path / "pw.txt")]) == 0
    county = tmp_path / "county.db"
    Store.open(county).close()
    before = county.read_bytes()
    assert main(["trust", "add", str(tmp_path / "k2" / "421221_李四.pub"), "--db", str(county),
                 "--role", "city", "--yes"]) != 0
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "421200" in err, err
    assert county.read_bytes() == before


def test_keys_dialog_offers_city_only_for_the_city(tmp_path: Path, qtbot: QtBot) -> None:
    from qcdesk.paths import AppPaths
    from qcdesk.ui.keys_dialog import KeysDialog

    store = Store.open(tmp_path / "a.db")
    dialog = KeysDialog(store, AppPaths(tmp_path / "data", tmp_path / "config"))
    qtbot.addWidget(dialog)
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("city"))
    dialog.jurisdiction_combo.setCurrentIndex(dialog.jurisdiction_combo.findData("421221"))
    dialog.name_edit.setText("市质强办")
    dialog.pass1.setText(PASS)
    dialog.pass2.setText(PASS)
    assert not dialog.create_button.isEnabled() and "421200" in dialog.role_error.text()
    dialog.jurisdiction_combo.setCurrentIndex(dialog.jurisdiction_combo.findData("421200"))
    assert dialog.create_button.isEnabled() and dialog.role_error.isHidden()
    store.close()
