"""The exchange dialogs as a user drives them: export, check, import, resolve a conflict."""

from __future__ import annotations

from pathlib import Path

from exchange_fixtures import export_to, merge, populate
from pytestqt.qtbot import QtBot

from qcdesk.exchange.minisign import encode_secret_key, generate_secret_key
from qcdesk.models import exchange_store as xs
from qcdesk.models import trust_store
from qcdesk.models.persistence import update_record
from qcdesk.models.records import Visit
from qcdesk.models.store import Store
from qcdesk.ui.exchange_dialogs import ConflictDialog, ExportDialog, ImportDialog


def _key_file(tmp: Path) -> tuple[Path, object]:
    key = generate_secret_key()
    path = tmp / "k.key"
    path.write_text(encode_secret_key(key, None), encoding="utf-8")
    return path, key


def _filled_export(qtbot: QtBot, tmp_path: Path, passphrase: str = "") -> tuple[ExportDialog, object]:
    """An inspector's database of one firm and two visits, and its export dialog filled in."""
    src = tmp_path / "src.db"
    s = Store.open(src)
    populate(s, 1, 2)
    s.close()
    key_path, key = _key_file(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    dlg = ExportDialog(src)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.key_edit.setText(str(key_path))
    dlg.passphrase_edit.setText(passphrase)
    dlg.out_edit.setText(str(out))
    dlg.name_edit.setText("张三")
    dlg.jurisdiction_combo.setCurrentIndex(dlg.jurisdiction_combo.findData("421221"))
    return dlg, key


def test_export_then_check_then_import(qtbot: QtBot, chinese: None, tmp_path: Path) -> None:
    dst = tmp_path / "dst.db"
    dlg, key = _filled_export(qtbot, tmp_path)
    job = dlg.start_export()
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert dlg.result_path is not None and dlg.result_path.is_file()

    d = Store.open(dst)
    trust_store.add_key(d, key.public_key, name="张三", role="inspector")
    d.close()
    imp = ImportDialog(dst, package=dlg.result_path)
    qtbot.addWidget(imp)
    job = imp.run(dry_run=True)
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert imp.import_button.isEnabled()
    texts = [imp.table.item(r, 0).text() for r in range(imp.table.rowCount())]
    assert "检查记录" in texts
    d = Store.open(dst)
    assert d.db.execute("SELECT count(*) FROM visit").fetchone()[0] == 0  # dry run
    d.close()
    job = imp.run(dry_run=False)
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    d = Store.open(dst)
    assert d.db.execute("SELECT count(*) FROM visit").fetchone()[0] == 2
    d.close()


def test_export_jurisdiction_is_chosen_from_the_known_ones(qtbot: QtBot, chinese: None,
                                                          tmp_path: Path) -> None:
    """Not typed: every Xianning jurisdiction as "421221 嘉鱼县", the office's own preselected."""
    from qcdesk.models.jurisdictions import JURISDICTIONS

    store = Store.open(tmp_path / "office.db")
    dlg = ExportDialog(store.path, store=store)
    qtbot.addWidget(dlg)
    combo = dlg.jurisdiction_combo
    assert not combo.isEditable()
    assert [combo.itemText(i) for i in range(combo.count())] == [f"{j.code} {j.name}" for j in JURISDICTIONS]
    assert "421221 嘉鱼县" in [combo.itemText(i) for i in range(combo.count())]
    assert combo.currentIndex() == -1 and combo.placeholderText() == "请选择辖区"
    key_path, _key = _key_file(tmp_path)
    dlg.key_edit.setText(str(key_path))
    dlg.out_edit.setText(str(tmp_path))
    dlg.name_edit.setText("张三")
    assert dlg.start_export() is None
    assert dlg.status.text() == "请填写签名人姓名，并选择辖区。"
    from qcdesk.ui.keys_dialog import create_key

    keys = tmp_path / "keys"  # the office's own, from the key made under Settings ▸ Signing key
    create_key(keys, "赤壁市局", "421281", "county", "correct horse 1", light=True)
    dlg = ExportDialog(store.path, store=store, keys_dir=keys)
    qtbot.addWidget(dlg)
    store.close()
    assert dlg.jurisdiction_combo.currentText() == "421281 赤壁市"
    assert dlg.jurisdiction_combo.currentData() == "421281"


def test_refused_package_shows_one_line(qtbot: QtBot, tmp_path: Path) -> None:
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip")
    imp = ImportDialog(tmp_path / "x.db", package=bad)
    Store.open(tmp_path / "x.db").close()
    qtbot.addWidget(imp)
    job = imp.run(dry_run=True)
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert imp.status.text() and "\n" not in imp.status.text()
    assert not imp.import_button.isEnabled()


def test_conflict_view_resolves(qtbot: QtBot, tmp_path: Path) -> None:
    origin = Store.memory("o")
    populate(origin, 1, 1)
    export_to(origin, tmp_path / "base.xlsx", "0" * 16)
    a, b = Store.memory("a"), Store.memory("b")
    for s in (a, b):
        merge(s, tmp_path / "base.xlsx", "0" * 16)
    for s, text in ((a, "A改"), (b, "B改")):
        v = Visit.from_row(next(s.db.query("SELECT * FROM visit")))
        v.summary = text
        with s.db.atomic():
            update_record(s, v)
    export_to(a, tmp_path / "a.xlsx", "A" * 16, full=False)
    merge(b, tmp_path / "a.xlsx", "A" * 16)
    dlg = ConflictDialog(b)
    qtbot.addWidget(dlg)
    assert dlg.list.rowCount() == 1
    cells = {dlg.fields.item(r, 0).text(): (dlg.fields.item(r, 1).text(),
                                            dlg.fields.item(r, 2).text())
             for r in range(dlg.fields.rowCount())}
    assert cells["检查情况"] == ("B改", "A改")
    dlg.take_button.click()
    assert dlg.list.rowCount() == 0 and xs.open_conflicts(b) == []
    assert next(b.db.query("SELECT summary FROM visit"))["summary"] == "A改"


def test_enter_after_an_export_closes_instead_of_writing_a_second_package(
        qtbot: QtBot, chinese: None, tmp_path: Path) -> None:
    """Review (first day): after 数据包已写入 导出 stayed the default button, so Enter wrote a
    second package under the next sequence number."""
    from PySide6.QtCore import Qt

    dlg, _key = _filled_export(qtbot, tmp_path, passphrase="typed before")
    job = dlg.start_export()
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert dlg.result_path is not None
    assert dlg.close_button.isDefault() and not dlg.export_button.isDefault()
    qtbot.keyClick(dlg, Qt.Key.Key_Return)
    assert not dlg.isVisible()
    assert [p.name for p in (tmp_path / "out").glob("*.zip")] == [dlg.result_path.name]  # one, not two


def test_an_empty_passphrase_is_asked_for_in_its_own_field(qtbot: QtBot, chinese: None,
                                                          tmp_path: Path) -> None:
    """Review (field inspector): export with 口令 left empty answered with command-line advice
    (--passphrase-file, QCDESK_PASSPHRASE) and told her to choose another key file, with the
    cursor in the key field: her key was right."""
    from qcdesk.exchange.minisign import KDF_LIGHT

    dlg, key = _filled_export(qtbot, tmp_path)
    locked = tmp_path / "locked.key"
    locked.write_text(encode_secret_key(key, "长口令 long passphrase", KDF_LIGHT), encoding="utf-8")
    dlg.key_edit.setText(str(locked))
    assert dlg.start_export() is None
    assert dlg.status.text() == "请输入私钥的口令，然后再导出。"
    assert "--passphrase-file" not in dlg.status.text()
    assert dlg.passphrase_edit.hasFocus()
    assert not list((tmp_path / "out").iterdir())
