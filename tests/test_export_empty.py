"""An export with nothing new since the signer's last package: the GUI asks before it spends a
sequence number on an empty package, the CLI writes it but says it holds no records, and both
say how many records a package holds."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from exchange_fixtures import populate
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from test_exchange_cli import _export, world  # noqa: F401 - the fixture is used by name
from test_exchange_dialogs import _key_file

from qcdesk.exchange.export import export_package
from qcdesk.models.persistence import update_record
from qcdesk.models.records import Visit
from qcdesk.models.store import Store
from qcdesk.ui.exchange_dialogs import ExportDialog

QUESTION = ("自上一个数据包（第1号）以来没有新的或修改的记录。仍要导出一个空数据包吗？"
            "（可用于报告本期无新数据）")


def _change_a_visit(db: Path) -> None:
    s = Store.open(db, author="x")
    v = Visit.from_row(next(s.db.query("SELECT * FROM visit ORDER BY id LIMIT 1")))
    v.summary = "复查后补充"
    with s.db.atomic():
        update_record(s, v)
    s.close()


def _packages(out: Path) -> list[Path]:
    return sorted(out.glob("*.qcpkg.zip"))


@pytest.fixture
def exported(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A database whose changes all went out in package no. 1 of the key in k.key."""
    db, out = tmp_path / "i.db", tmp_path / "out"
    out.mkdir()
    key_path, key = _key_file(tmp_path)
    s = Store.open(db, author="insp")
    populate(s, 1, 2)
    export_package(s, out, key, signer_name="张三", jurisdiction="421221", role="inspector")
    s.close()
    return db, out, key_path


def _dialog(qtbot: QtBot, db: Path, out: Path, key_path: Path) -> ExportDialog:
    dlg = ExportDialog(db)
    qtbot.addWidget(dlg)
    dlg.key_edit.setText(str(key_path))
    dlg.out_edit.setText(str(out))
    dlg.name_edit.setText("张三")
    dlg.jurisdiction_combo.setCurrentIndex(dlg.jurisdiction_combo.findData("421221"))
    return dlg


def _answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(_parent, _title, text, *_a, **_k):  # noqa: ANN001, ANN002, ANN003, ANN202
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_no_writes_nothing_and_keeps_the_sequence_number(
        qtbot: QtBot, chinese: None, exported: tuple[Path, Path, Path],
        monkeypatch: pytest.MonkeyPatch) -> None:
    db, out, key_path = exported
    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    dlg = _dialog(qtbot, db, out, key_path)
    assert dlg.start_export() is None
    assert asked == [QUESTION]
    assert len(_packages(out)) == 1  # nothing written
    assert dlg.status.text().startswith("未导出")
    _change_a_visit(db)  # the next real package still gets no. 2
    asked.clear()
    job = dlg.start_export()
    assert job is not None and asked == []  # something changed: nothing to ask
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    manifest = json.loads(zipfile.ZipFile(dlg.result_path).read("manifest.json"))
    assert manifest["sequence"] == 2
    records = sum(manifest["record_counts"].values())
    assert records > 0 and f"数据包共含 {records} 条记录" in dlg.status.text()


def test_yes_writes_an_empty_package_that_says_so(
        qtbot: QtBot, chinese: None, exported: tuple[Path, Path, Path],
        monkeypatch: pytest.MonkeyPatch) -> None:
    db, out, key_path = exported
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    dlg = _dialog(qtbot, db, out, key_path)
    job = dlg.start_export()
    assert job is not None and asked == [QUESTION]
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert len(_packages(out)) == 2
    manifest = json.loads(zipfile.ZipFile(dlg.result_path).read("manifest.json"))
    assert manifest["sequence"] == 2 and sum(manifest["record_counts"].values()) == 0
    assert "数据包不含任何记录" in dlg.status.text()


def test_everything_is_never_asked_about(
        qtbot: QtBot, chinese: None, exported: tuple[Path, Path, Path],
        monkeypatch: pytest.MonkeyPatch) -> None:
    db, out, key_path = exported
    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    dlg = _dialog(qtbot, db, out, key_path)
    dlg.full_check.setChecked(True)
    job = dlg.start_export()
    assert job is not None and asked == []
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert len(_packages(out)) == 2


def test_cli_writes_the_empty_package_with_a_note(world: dict[str, Path],  # noqa: F811
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    tmp = world["tmp"]
    first = _export(capsys, tmp, world["idb"], world["ik"], "张三", "421221")
    out = tmp / "out"
    capsys.readouterr()
    from qcdesk.cli import main

    assert main(["export", "--db", str(world["idb"]), "--key", str(world["ik"]), "--out", str(out),
                 "--passphrase-file", str(tmp / "pw.txt")]) == 0
    captured = capsys.readouterr()
    empty = Path(captured.out.strip())
    assert empty.is_file() and empty != first  # written: scripts may rely on a periodic package
    manifest = json.loads(zipfile.ZipFile(empty).read("manifest.json"))
    assert manifest["sequence"] == 2 and sum(manifest["record_counts"].values()) == 0
    assert "数据包不含任何记录" in captured.err
    _change_a_visit(world["idb"])
    assert main(["export", "--db", str(world["idb"]), "--key", str(world["ik"]), "--out", str(out),
                 "--passphrase-file", str(tmp / "pw.txt")]) == 0
    captured = capsys.readouterr()
    manifest = json.loads(zipfile.ZipFile(Path(captured.out.strip())).read("manifest.json"))
    records = sum(manifest["record_counts"].values())
    assert records > 0 and f"数据包共含 {records} 条记录" in captured.err
    assert "不含任何记录" not in captured.err
