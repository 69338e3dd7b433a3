"""A county key picked by path signs as what it was made for, and a signer the city will refuse
is refused before anything is written (s7/r2 F1).

The reviewer's county made its key with `keygen --role county` and picked it with 浏览… in
文件 ▸ 导出: only the path was set, the role stayed 检查员, the export wrote seq 2 with its 45
records counted as sent, the city refused it for the role, and the next change package held
nothing. The advice 请发送方重新导出数据包，并原样发送文件 did not point to a full export.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from exchange_fixtures import populate
from pytestqt.qtbot import QtBot

from qcdesk.cli import main
from qcdesk.models.store import Store

PASS = "correct horse 1"


def _dump(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture
def offices(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Path]:
    """咸安区's key made outside the app's key folder (as the reviewer did), its database with
    visits, and the city's database trusting the key as `trust add` records it by default."""
    pw = tmp_path / "pw.txt"
    pw.write_text(PASS + "\n", encoding="utf-8")
    keys = tmp_path / "keys"
    assert main(["keygen", "--name", "咸安区局", "--jurisdiction", "421202", "--role", "county",
                 "--out", str(keys), "--light", "--passphrase-file", str(pw)]) == 0
    county = tmp_path / "county.db"
    store = Store.open(county)
    populate(store, 2, 3)
    store.close()
    city = tmp_path / "city.db"
    assert main(["trust", "add", str(keys / "421202_咸安区局.pub"), "--db", str(city), "--yes"]) == 0
    out = tmp_path / "usb"
    out.mkdir()
    capsys.readouterr()
    return {"key": keys / "421202_咸安区局.key", "pw": pw, "county": county, "city": city, "out": out}


def _dialog(qtbot: QtBot, o: dict[str, Path], monkeypatch: pytest.MonkeyPatch):  # noqa: ANN202
    """The export dialog with no key in the app's key folder, the key chosen with 浏览…."""
    from PySide6.QtWidgets import QFileDialog

    from qcdesk.ui.exchange_dialogs import ExportDialog

    dlg = ExportDialog(o["county"], keys_dir=o["key"].parent / "none")
    qtbot.addWidget(dlg)
    assert dlg.role_combo.currentData() == "inspector" and dlg.name_edit.text() == ""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(o["key"]), "*.key"))
    dlg.browse_buttons[0].click()
    dlg.passphrase_edit.setText(PASS)
    dlg.out_edit.setText(str(o["out"]))
    return dlg


def test_a_key_picked_by_path_signs_as_its_description_and_the_city_imports_it(
        qtbot: QtBot, chinese: None, offices: dict[str, Path], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    dlg = _dialog(qtbot, offices, monkeypatch)
    assert dlg.key_edit.text() == str(offices["key"])
    assert dlg.name_edit.text() == "咸安区局"
    assert dlg.jurisdiction_combo.currentText() == "421202 咸安区"
    assert dlg.role_combo.currentText() == "县级局"
    job = dlg.start_export()
    assert job is not None, dlg.status.text()
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert dlg.result_path is not None and dlg.result_path.is_file(), dlg.status.text()
    capsys.readouterr()
    assert main(["import", str(dlg.result_path), "--db", str(offices["city"])]) == 0
    assert "县级局" in capsys.readouterr().out
    city = Store.open(offices["city"])
    assert city.db.execute("SELECT count(*) FROM visit").fetchone()[0] == 6
    city.close()


def test_a_role_other_than_the_keys_is_refused_before_anything_is_written(
        qtbot: QtBot, chinese: None, offices: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    dlg = _dialog(qtbot, offices, monkeypatch)
    before = _dump(offices["county"])
    dlg.role_combo.setCurrentIndex(dlg.role_combo.findData("inspector"))  # as the reviewer's was
    assert dlg.start_export() is None
    text = dlg.status.text()
    assert text.startswith("未导出：") and "检查员" in text and "请把角色改为“县级局”" in text, text
    assert dlg.role_combo.hasFocus() or dlg.focusWidget() is dlg.role_combo
    assert not any(offices["out"].iterdir())
    assert _dump(offices["county"]) == before  # no sequence used, no record counted as sent


def test_cli_export_with_another_role_is_refused_in_one_line(
        offices: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    before = _dump(offices["county"])
    args = ["export", "--db", str(offices["county"]), "--key", str(offices["key"]), "--out",
            str(offices["out"]), "--passphrase-file", str(offices["pw"])]
    assert main([*args, "--role", "inspector"]) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "县级局" in err and "--role county" in err, err
    assert not any(offices["out"].iterdir()) and _dump(offices["county"]) == before
    assert main([*args, "--role", "county"]) == 0  # the key's own role, given or not, goes


def _refused_package(o: dict[str, Path]) -> Path:
    """A package signed as 检查员 with the county key, as an older version let through; the
    county's records now count as sent."""
    from qcdesk.exchange.export import export_package
    from qcdesk.exchange.passphrase import unlock_secret_key

    key = unlock_secret_key(o["key"], passphrase_file=o["pw"])
    store = Store.open(o["county"])
    try:
        return export_package(store, o["out"], key, signer_name="咸安区局", jurisdiction="421202",
                              role="inspector")
    finally:
        store.close()


def test_the_city_is_told_to_ask_for_a_full_package(
        qtbot: QtBot, chinese: None, offices: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    from qcdesk.ui.exchange_dialogs import ImportDialog

    package = _refused_package(offices)
    imp = ImportDialog(offices["city"], package=package)
    qtbot.addWidget(imp)
    job = imp.run(dry_run=True)
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert "签名人角色“检查员”与信任列表登记的“县级局”不符" in imp.status.text()
    advice = imp.advice.text()
    assert "完整导出" in advice and "--full" in advice and "原样发送" not in advice, advice

    assert main(["import", str(package), "--db", str(offices["city"])]) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "完整导出" in err and "--full" in err, err

    # the advice is right: a change package carries none of the refused records, a full one all
    args = ["export", "--db", str(offices["county"]), "--key", str(offices["key"]), "--passphrase-file",
            str(offices["pw"])]
    for full, visits in ((False, 0), (True, 6)):
        out = offices["out"] / ("full" if full else "changes")
        out.mkdir()
        assert main([*args, "--out", str(out), *(["--full"] if full else [])]) == 0
        made = Path(capsys.readouterr().out.strip().splitlines()[-1])  # the package path
        assert main(["import", str(made), "--db", str(offices["city"])]) == 0
        city = Store.open(offices["city"])
        assert city.db.execute("SELECT count(*) FROM visit").fetchone()[0] == visits
        city.close()
