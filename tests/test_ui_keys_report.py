"""Signing key, trust list and quarterly report dialogs as an inspector drives them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from qcdesk.exchange.minisign import PublicKey, generate_secret_key
from qcdesk.models import trust_store
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui.keys_dialog import KeysDialog, TrustDialog
from qcdesk.ui.report_dialog import ReportDialog, last_complete_quarter

PASSPHRASE = "green-Tea-Xianning-2026"  # keyClicks types ASCII only


def _paths(tmp_path: Path) -> AppPaths:
    return AppPaths(tmp_path / "data", tmp_path / "config")


def test_key_created_with_light_kdf(qtbot: QtBot, store: Store, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _paths(tmp_path)
    dlg = KeysDialog(store, paths)
    qtbot.addWidget(dlg)
    assert dlg.create_box.isVisibleTo(dlg) and not dlg.show_box.isVisibleTo(dlg)
    dlg.name_edit.setText("张三")
    dlg.jurisdiction_combo.setCurrentIndex(dlg.jurisdiction_combo.findData("421221"))
    dlg.role_combo.setCurrentIndex(dlg.role_combo.findData("county"))
    qtbot.keyClicks(dlg.pass1, PASSPHRASE)
    qtbot.keyClicks(dlg.pass2, PASSPHRASE)
    dlg.light_check.setChecked(True)
    assert dlg.create_button.isEnabled()
    qtbot.mouseClick(dlg.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.key_files is not None, timeout=30_000)
    pubs = list(paths.keys_dir.glob("*.pub"))
    assert len(pubs) == 1 and pubs[0].with_suffix(".key").is_file()
    written = PublicKey.load(pubs[0])
    assert dlg.fingerprint.text() == written.fingerprint  # a hash of the key, not its id
    assert dlg.key_id_label.text() == written.key_id
    for f in paths.keys_dir.iterdir():
        data = f.read_bytes()
        assert PASSPHRASE.encode() not in data and PASSPHRASE.encode("utf-16-le") not in data
    assert dlg.pass1.text() == "" and dlg.pass2.text() == ""
    # Opened again, the dialog shows the key instead of offering to make one.
    again = KeysDialog(store, paths)
    qtbot.addWidget(again)
    assert not again.create_box.isVisibleTo(again)
    assert again.fingerprint.text() == written.fingerprint
    exported = again.export_public(str(tmp_path / "mine.pub"))
    assert exported is not None and PublicKey.load(exported) == written
    # its description travels with it, so the other side's trust list gets the name, which
    # the phone-check question shows to confirm
    assert TrustDialog._guess_signer(exported)[0] == "张三"
    other = TrustDialog(Store.open(tmp_path / "county.db"))
    qtbot.addWidget(other)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a, **k: asked.append(text)
                        or QMessageBox.StandardButton.Yes)
    assert other.add_key(str(exported))
    assert "张三" in asked[-1] and [k.name for k in trust_store.list_keys(other.store)] == ["张三"]
    other.store.close()


def test_short_or_mismatched_passphrase_refused_at_field(qtbot: QtBot, store: Store,
                                                         tmp_path: Path) -> None:
    paths = _paths(tmp_path)
    dlg = KeysDialog(store, paths)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.name_edit.setText("李四")
    qtbot.keyClicks(dlg.pass1, "short")
    qtbot.keyClicks(dlg.pass2, "short")
    assert dlg.pass1_error.isVisible() and "10" in dlg.pass1_error.text()
    assert not dlg.create_button.isEnabled()
    assert dlg.create() is None
    dlg.pass1.setText(PASSPHRASE)
    assert not dlg.pass1_error.isVisible()
    assert dlg.pass2_error.isVisible() and not dlg.create_button.isEnabled()
    for field in (dlg.pass1, dlg.pass2):  # review: ten spaces made a key
        field.setText(" " * 12)
    assert dlg.pass1_error.isVisible() and "Spaces alone" in dlg.pass1_error.text()
    assert not dlg.create_button.isEnabled() and dlg.create() is None
    assert not paths.keys_dir.exists() or not any(paths.keys_dir.iterdir())


def test_keygen_refuses_a_passphrase_of_spaces(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    from qcdesk.cli import main

    (tmp_path / "pw.txt").write_text(" " * 12 + "\n", encoding="utf-8")
    assert main(["keygen", "--name", "李四", "--jurisdiction", "421221", "--out", str(tmp_path / "k"),
                 "--light", "--passphrase-file", str(tmp_path / "pw.txt")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "口令不能只有空格" in err, err
    assert not (tmp_path / "k").exists() or not any((tmp_path / "k").iterdir())


def _write_pub(tmp_path: Path, name: str) -> tuple[Path, PublicKey]:
    pk = generate_secret_key().public_key
    path = tmp_path / name
    path.write_text(pk.to_file_text(), encoding="utf-8")
    return path, pk


def test_trust_add_with_confirmation_and_revoke(qtbot: QtBot, store: Store, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    pub, pk = _write_pub(tmp_path, "other.pub")
    dlg = TrustDialog(store)
    qtbot.addWidget(dlg)
    asked: list[str] = []
    answer = [QMessageBox.StandardButton.No]

    def question(_parent, _title, text, *args, **kwargs):  # noqa: ANN001, ANN202
        asked.append(text)
        return answer[0]

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: warnings.append(text))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(pub), ""))
    # Declined: the fingerprint was shown, nothing was added.
    assert not dlg.add_key()
    assert pk.fingerprint in asked[-1]
    assert trust_store.list_keys(store) == []
    answer[0] = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(dlg.add_button, Qt.MouseButton.LeftButton)
    assert [k.key_id for k in trust_store.list_keys(store)] == [pk.key_id]
    assert dlg.table.rowCount() == 1 and dlg.table.item(0, 3).text() == pk.fingerprint
    # The same key again, and a file that is no key: one clear Chinese line each.
    assert not dlg.add_key(str(pub))
    assert "已在信任列表中" in warnings[-1]
    bad = tmp_path / "bad.pub"
    bad.write_text("hello\nworld\n", encoding="utf-8")
    assert not dlg.add_key(str(bad))
    assert "格式不正确" in warnings[-1]
    # Revoke from a chosen date, after confirmation.
    dlg.table.selectRow(0)
    assert dlg.revoke_button.isEnabled()
    assert dlg.revoke_selected(QDate(2026, 1, 5))
    key = trust_store.get_key(store, pk.key_id)
    assert key is not None and key.revoked_at is not None
    assert key.revoked_at.astimezone().date().isoformat() == "2026-01-05"
    assert "2026-01-05" in asked[-1]
    assert dlg.table.item(0, 5).text().startswith("2026-01-05")


def test_last_complete_quarter() -> None:
    from datetime import date

    assert last_complete_quarter(date(2026, 2, 10)) == (2025, 4)
    assert last_complete_quarter(date(2026, 11, 29)) == (2026, 3)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) not installed")
def test_report_dialog_writes_pdf_and_previews(qtbot: QtBot, tmp_path: Path) -> None:
    from qcdesk.models.demo import build_demo

    db = tmp_path / "demo.db"
    build_demo(db, seed=1, enterprises=60, visits=600)
    store = Store.open(db, author="test")
    try:
        dlg = ReportDialog(store, _paths(tmp_path))
        qtbot.addWidget(dlg)
        out = Path(dlg.pdf_edit.text())  # the name suggested: the title the report bears
        dlg.xlsx_check.setChecked(True)
        dlg.xlsx_edit.setText(str(tmp_path / "out" / "report.xlsx"))
        job = dlg.generate()
        assert job is not None
        qtbot.waitUntil(lambda: job.done and dlg.preview is not None, timeout=60_000)
        assert out.is_file() and (tmp_path / "out" / "report.xlsx").is_file()
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert out.stem.endswith("产品质量状况分析报告") and out.stem in "".join(text.split())
        assert dlg.preview.pdf == out
        qtbot.waitUntil(lambda: dlg.preview.job.done, timeout=60_000)
        dlg.preview.close()
    finally:
        store.close()


def test_report_file_names_say_the_quarter_as_the_report_does(qtbot: QtBot, store: Store,
                                                              tmp_path: Path) -> None:
    """第三季度, as the report's own title has it, not 第3季度."""
    dlg = ReportDialog(store, _paths(tmp_path))
    qtbot.addWidget(dlg)
    dlg.year_combo.setCurrentIndex(0)
    year = dlg.year_combo.currentData()
    dlg.quarter_combo.setCurrentIndex(dlg.quarter_combo.findData(3))
    assert Path(dlg.pdf_edit.text()).name == f"咸宁市{year}年第三季度产品质量状况分析报告.pdf"
    dlg.jurisdiction_combo.setCurrentIndex(dlg.jurisdiction_combo.findData("421221"))
    dlg.quarter_combo.setCurrentIndex(dlg.quarter_combo.findData(4))
    assert Path(dlg.xlsx_edit.text()).name == f"嘉鱼县{year}年第四季度产品质量状况分析报告.xlsx"


def test_key_jurisdiction_is_chosen_not_defaulted_to_the_city(qtbot: QtBot, store: Store,
                                                              tmp_path: Path) -> None:
    """Every package names the key's jurisdiction: a county inspector who did not look at the
    field used to sign as 咸宁市. Now nothing is chosen unless the working inspector has one."""
    from qcdesk.models.persistence import insert_record
    from qcdesk.models.records import Inspector

    dlg = KeysDialog(store, _paths(tmp_path))
    qtbot.addWidget(dlg)
    assert dlg.jurisdiction_combo.currentIndex() == -1
    dlg.name_edit.setText("张" * 100)
    assert len(dlg.name_edit.text()) == 40  # a name, not a text
    qtbot.keyClicks(dlg.pass1, PASSPHRASE)
    qtbot.keyClicks(dlg.pass2, PASSPHRASE)
    assert not dlg.create_button.isEnabled()
    dlg.jurisdiction_combo.setCurrentIndex(dlg.jurisdiction_combo.findData("421221"))
    assert dlg.create_button.isEnabled()
    me = insert_record(store, Inspector(name="李娜", cert_no="42120002", jurisdiction_code="421223"))
    store.author = me.uuid
    mine = KeysDialog(store, _paths(tmp_path / "mine"))
    qtbot.addWidget(mine)
    assert mine.jurisdiction_combo.currentData() == "421223"


def test_trust_dialog_takes_each_described_field_on_its_own(qtbot: QtBot, store: Store, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A description without a name still gives jurisdiction and role, shown for the phone check;
    a jurisdiction written by name (嘉鱼县) is recorded by its code, as `trust add` records it."""
    import json

    pk = generate_secret_key().public_key
    pub = tmp_path / "key.pub"
    pub.write_text(pk.to_file_text(), encoding="utf-8")
    pub.with_suffix(".json").write_text(json.dumps(
        {"name": "", "jurisdiction": "嘉鱼县", "role": "county", "key_id": pk.key_id}), encoding="utf-8")
    dialog = TrustDialog(store)
    qtbot.addWidget(dialog)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a, **k: asked.append(text)
                        or QMessageBox.StandardButton.Yes)
    assert dialog.add_key(str(pub))
    key = next(iter(trust_store.list_keys(store)))
    assert (key.name, key.jurisdiction, key.role) == ("", "421221", "county")
    assert "421221" in asked[-1]
