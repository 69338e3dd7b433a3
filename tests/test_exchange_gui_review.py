"""Review of the exchange flows as a county clerk drives them: a conflict explained by record name,
fields and people; who signed a package; what to do when one is refused; progress that can be
cancelled; the export dialog using the key made on this computer."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from conflict_fixtures import firm_edited_apart
from PySide6.QtWidgets import QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot
from test_exchange_dialogs import _key_file

from qcdesk.exchange import importer
from qcdesk.exchange.export import export_package
from qcdesk.exchange.minisign import generate_secret_key
from qcdesk.models import trust_store
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Enterprise
from qcdesk.models.store import Store
from qcdesk.ui import exchange_dialogs
from qcdesk.ui.exchange_dialogs import ConflictDialog, ExportDialog, ImportDialog

USCC = "91421221MA4E3XHX15"




def _enterprise_conflict(tmp_path: Path) -> Store:
    """张三 and 李四 edit the same enterprise offline; 李四's copy then receives 张三's change."""
    return firm_edited_apart(tmp_path, {"address": "工业园1号", "contact_phone": "07156123456"},
                             {"address": "工业园1号", "contact_phone": "07156111111"},
                             {"address": "工业园8号", "contact_phone": "07156222222"})


def test_conflict_names_the_record_the_fields_and_the_people(qtbot: QtBot, chinese: None,
                                                             tmp_path: Path) -> None:
    store = _enterprise_conflict(tmp_path)
    dlg = ConflictDialog(store)
    qtbot.addWidget(dlg)
    assert dlg.list.rowCount() == 1
    row = [dlg.list.item(0, c).text() for c in range(dlg.list.columnCount())]
    assert "嘉鱼县鱼岳食品有限公司" in row  # the record by name …
    uuid = next(store.db.query("SELECT uuid FROM enterprise"))["uuid"]
    assert uuid not in row  # … not by its uuid
    assert "地址" in row[2] and "联系电话" in row[2] and "企业名称" not in row[2]
    # Each version named by who made it, in the summary, the column headers and the buttons.
    assert "当前版本：李四" in dlg.versions_label.text()
    assert "另一版本：张三" in dlg.versions_label.text()
    headers = [dlg.fields.horizontalHeaderItem(c).text() for c in range(3)]
    assert headers[1:] == ["当前版本（李四）", "另一版本（张三）"]
    assert dlg.keep_button.text() == "保留李四的版本"
    assert dlg.take_button.text() == "采用张三的版本"
    # The differing fields first; no raw author uuid or revision rows to puzzle over.
    first = {dlg.fields.item(r, 0).text() for r in range(2)}
    assert first == {"地址", "联系电话"}
    cells = [dlg.fields.item(r, c).text() for r in range(dlg.fields.rowCount()) for c in range(3)]
    assert not any(len(t) == 36 and t.count("-") == 4 for t in cells)
    assert "作者" not in cells and "版本" not in cells
    dlg.take_button.click()
    assert dlg.list.rowCount() == 0
    assert next(store.db.query("SELECT address FROM enterprise"))["address"] == "工业园1号"


def _signed_package(tmp_path: Path) -> tuple[Path, object]:
    src = Store.open(tmp_path / "src.db", author="张三")
    with src.db.atomic():
        insert_record(src, Enterprise(uscc=USCC, name="嘉鱼县鱼岳食品有限公司",
                                      jurisdiction_code="421221"))
    key = generate_secret_key()
    out = tmp_path / "out"
    out.mkdir()
    path = export_package(src, out, key, signer_name="张三", jurisdiction="421221", role="inspector")
    src.close()
    return path, key


def _count(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM enterprise").fetchone()[0]
    finally:
        conn.close()


def _check(qtbot: QtBot, dlg: ImportDialog, dry_run: bool = True) -> None:
    job = dlg.run(dry_run=dry_run)
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=30000)


def test_check_says_who_signed_and_a_refusal_says_what_to_do(qtbot: QtBot, chinese: None,
                                                             tmp_path: Path) -> None:
    package, key = _signed_package(tmp_path)
    db = tmp_path / "county.db"
    Store.open(db).close()
    dlg = ImportDialog(db, package=package)
    qtbot.addWidget(dlg)
    _check(qtbot, dlg)  # not on the trust list yet
    assert "不在信任列表中" in dlg.status.text() and "\n" not in dlg.status.text()
    assert "数据库未作任何改动" in dlg.advice.text() and "信任的公钥" in dlg.advice.text()
    assert _count(db) == 0
    county = Store.open(db)
    trust_store.add_key(county, key.public_key, name="张三", jurisdiction="421221", role="inspector")
    county.close()
    _check(qtbot, dlg)
    assert dlg.import_button.isEnabled()
    assert "张三" in dlg.signer_label.text() and key.public_key.fingerprint in dlg.signer_label.text()
    assert "嘉鱼县" in dlg.signer_label.text() and "检查员" in dlg.signer_label.text()
    assert dlg.advice.isHidden()
    _check(qtbot, dlg, dry_run=False)
    assert _count(db) == 1
    _check(qtbot, dlg)  # the same package again
    assert "已导入过" in dlg.status.text()
    assert "无需再做任何操作" in dlg.advice.text() and "数据库未作任何改动" in dlg.advice.text()
    assert _count(db) == 1


def _checked_import(qtbot: QtBot, tmp_path: Path) -> tuple[ImportDialog, Path]:
    """The county's import dialog on 张三's trusted package, checked (nothing written yet)."""
    package, key = _signed_package(tmp_path)
    db = tmp_path / "county.db"
    county = Store.open(db)
    trust_store.add_key(county, key.public_key, name="张三", role="inspector")
    county.close()
    dlg = ImportDialog(db, package=package)
    qtbot.addWidget(dlg)
    _check(qtbot, dlg)
    return dlg, db


def test_import_progress_counts_rows_and_cancel_leaves_the_database(
        qtbot: QtBot, chinese: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dlg, db = _checked_import(qtbot, tmp_path)
    rows = sum(int(dlg.table.item(r, c).text()) for r in range(dlg.table.rowCount()) for c in range(1, 5))
    reported: list[tuple[int, int]] = []
    real_merge = importer.merge_workbook

    def slow_merge(*args, progress=None, **kwargs):  # noqa: ANN002, ANN003, ANN202
        dlg.job.progressed.connect(lambda d, t, _x: reported.append((d, t)))
        dlg.job.cancel()  # the clerk presses Cancel while rows are merged
        progress(5000)
        return real_merge(*args, progress=progress, **kwargs)

    monkeypatch.setattr(importer, "merge_workbook", slow_merge)
    job = dlg.run(dry_run=False)
    bars = dlg.findChildren(QProgressDialog)
    assert bars and any(b.text() == "取消" for b in bars[-1].findChildren(QPushButton))
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert reported and reported[0][1] == rows  # a bar with an end, not an endless spinner
    assert dlg.status.text() == "已取消导入，数据库未作任何改动。"
    assert _count(db) == 0
    assert dlg.import_button.isEnabled()


def test_cancel_pressed_too_late_reports_the_import_that_happened(
        qtbot: QtBot, chinese: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dlg, db = _checked_import(qtbot, tmp_path)
    real_merge = importer.merge_workbook

    def merge_then_cancel(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        result = real_merge(*args, **kwargs)  # committed
        dlg.job.cancel()
        return result

    monkeypatch.setattr(importer, "merge_workbook", merge_then_cancel)
    _check(qtbot, dlg, dry_run=False)
    assert _count(db) == 1
    assert dlg.status.text().startswith("已导入")
    assert "未作任何改动" not in dlg.status.text()


def test_export_cancel_pressed_too_late_says_the_file_was_written(
        qtbot: QtBot, chinese: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "src.db"
    store = Store.open(db)
    key_path, _key = _key_file(tmp_path)
    dlg = ExportDialog(db, store=store)
    qtbot.addWidget(dlg)
    dlg.key_edit.setText(str(key_path))
    dlg.out_edit.setText(str(tmp_path))
    dlg.name_edit.setText("张三")
    dlg.jurisdiction_combo.setCurrentIndex(dlg.jurisdiction_combo.findData("421221"))
    written = tmp_path / "421221_张三_000001.qcpkg.zip"

    def export_then_cancel(*_args, **_kwargs) -> Path:  # noqa: ANN002, ANN003
        written.write_bytes(b"PK")
        deadline = time.monotonic() + 10  # the worker may run before start_export keeps its job
        while dlg.job is None and time.monotonic() < deadline:
            time.sleep(0.005)
        dlg.job.cancel()  # pressed after the package was complete
        return written

    monkeypatch.setattr("qcdesk.exchange.export.export_package", export_then_cancel)
    job = dlg.start_export()
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    store.close()
    assert written.is_file()
    assert "未写入" not in dlg.status.text() and str(written) in dlg.status.text()


def test_export_uses_the_key_made_on_this_computer(qtbot: QtBot, chinese: None, tmp_path: Path) -> None:
    from qcdesk.ui.keys_dialog import create_key

    keys = tmp_path / "keys"
    files = create_key(keys, "嘉鱼县局", "421221", "county", "correct horse 1", light=True)
    store = Store.open(tmp_path / "county.db")
    dlg = ExportDialog(store.path, store=store, keys_dir=keys)
    qtbot.addWidget(dlg)
    store.close()
    assert dlg.key_edit.text() == str(files.secret)
    assert dlg.name_edit.text() == "嘉鱼县局" and dlg.jurisdiction_combo.currentText() == "421221 嘉鱼县"
    assert dlg.role_combo.currentData() == "county"


def test_shell_hands_the_keys_folder_to_the_export_dialog(tmp_path: Path) -> None:
    from qcdesk.ui.shell_tools import ShellTools

    seen: dict[str, object] = {}

    class Window:
        paths = type("P", (), {"photos_dir": tmp_path / "photos", "keys_dir": tmp_path / "keys"})()

    tools = ShellTools.__new__(ShellTools)
    tools.window = Window()
    store = type("S", (), {"path": tmp_path / "x.db"})()
    tools._make("export", lambda *a, **k: seen.update(k), store)
    assert seen.get("keys_dir") == tmp_path / "keys"
    assert exchange_dialogs.ConflictDialog is ConflictDialog
