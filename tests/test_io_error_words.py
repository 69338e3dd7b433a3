"""A failing or pulled USB stick is reported as such: SQLite's I/O error said 磁盘空间不足…请清理磁盘
(the wrong cause), and "database disk image is malformed" from a stick gone before the save's first
read reached the user as raw English — explained, it would have said "restore from a backup",
which throws away newer work for a file that is merely unreachable. The store now tells the causes
apart by SQLite's error code, and suggests a restore only while the file still reads whole."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from qcdesk.cli import main
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.records import Enterprise
from qcdesk.models.store import DamagedStoreError, Store
from qcdesk.models.store_errors import explain_error

SQLITE_IOERR_FSYNC = sqlite3.SQLITE_IOERR | (4 << 8)  # seen on a stick with 26 MB free


def sqlite_error(kind: type[sqlite3.Error], text: str, code: int, name: str) -> sqlite3.Error:
    """The error as the sqlite3 module raises it, with its extended error code."""
    exc = kind(text)
    exc.sqlite_errorcode = code
    exc.sqlite_errorname = name
    return exc


def io_error() -> sqlite3.Error:
    return sqlite_error(sqlite3.OperationalError, "disk I/O error", SQLITE_IOERR_FSYNC, "SQLITE_IOERR_FSYNC")


def malformed() -> sqlite3.Error:
    return sqlite_error(sqlite3.DatabaseError, "database disk image is malformed", sqlite3.SQLITE_CORRUPT,
                        "SQLITE_CORRUPT")


def says_unreachable(zh: str, en: str) -> None:
    assert "读写磁盘时出错" in zh and "U 盘" in zh and "重新启动 QCDesk" in zh and "没有保存任何内容" in zh
    assert "磁盘空间不足" not in zh and "从备份恢复" not in zh and "清理磁盘" not in zh
    assert "USB stick" in en and "restart QCDesk" in en and "Nothing was saved" in en
    assert "disk is full" not in en and "Restore a backup" not in en


def test_an_io_error_is_not_called_a_full_disk(tmp_path: Path) -> None:
    db = tmp_path / "qcdesk.db"
    db.write_bytes(b"SQLite format 3\x00" + bytes(4096))
    explained = explain_error(io_error(), db)
    says_unreachable(explained.text("zh"), explained.text("en"))
    assert not isinstance(explained, DamagedStoreError)


def test_malformed_while_the_file_is_gone_is_an_io_error_not_damage(tmp_path: Path) -> None:
    gone = tmp_path / "E-drive-pulled" / "qcdesk.db"
    explained = explain_error(malformed(), gone)
    assert not isinstance(explained, DamagedStoreError)
    says_unreachable(explained.text("zh"), explained.text("en"))


def test_malformed_in_a_file_that_reads_whole_is_damage(store: Store) -> None:
    explained = explain_error(malformed(), store.path)
    assert isinstance(explained, DamagedStoreError) and "从备份恢复" in explained.text("zh")


def test_a_full_disk_by_its_code_is_still_a_full_disk(store: Store) -> None:
    full = sqlite_error(sqlite3.OperationalError, "database or disk is full", sqlite3.SQLITE_FULL,
                        "SQLITE_FULL")
    assert "磁盘空间不足" in explain_error(full, store.path).text("zh")


def test_the_editor_names_a_pulled_stick_not_sqlites_english(qtbot, chinese, store: Store,  # noqa: ANN001
                                                             paths, settings, tmp_path: Path,  # noqa: ANN001
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from qcdesk.ui import enterprise_editor
    from qcdesk.ui.enterprise_editor import EnterpriseEditor

    firm = save_enterprise(store, Enterprise(uscc="91421221MA4E3XHX15", name="嘉鱼县测试管业有限公司",
                                             jurisdiction_code="421221"))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a, **k: shown.append(text))
    editor = EnterpriseEditor(store, paths, firm.id, settings=settings)
    qtbot.addWidget(editor)

    def stick_pulled(*_args: object, **_kwargs: object) -> None:
        raise malformed()  # the save's first read, outside its transaction

    monkeypatch.setattr(enterprise_editor, "save_enterprise_file", stick_pulled)
    monkeypatch.setattr(store, "path", tmp_path / "gone" / "qcdesk.db")  # the drive is gone
    assert editor._save_clicked() is False
    assert len(shown) == 1 and "malformed" not in shown[0], shown
    assert "读写磁盘时出错" in shown[0] and "重新启动 QCDesk" in shown[0] and "从备份恢复" not in shown[0]


def test_the_command_line_names_a_failing_disk_and_changes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "qcdesk.db"
    Store.open(db, author="tester").close()

    def failing_disk(self: Store, key: str, value: str) -> None:
        raise io_error()

    monkeypatch.setattr(Store, "_set_setting", failing_disk)
    capsys.readouterr()
    code = main(["settings", "--db", str(db), "--org-name", "咸宁市咸安区市场监督管理局"])
    err = capsys.readouterr().err
    assert code != 0 and len(err.splitlines()) == 1, err
    assert "读写磁盘时出错" in err and "磁盘空间不足" not in err and "从备份恢复" not in err, err
    monkeypatch.undo()
    reopened = Store.open(db, author="tester")
    assert reopened.setting("doc.org_name") == ""
    reopened.close()
