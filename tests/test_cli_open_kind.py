"""A spreadsheet or an empty file given as --db is refused by every command, restore included,
as the GUI refuses it (the CLI said "damaged, restore from a backup", and restore then wrote a
database over the spreadsheet)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from qcdesk.cli import main
from qcdesk.models.store import Store


@pytest.fixture(autouse=True)
def _user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    path = tmp_path / "名录.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["企业名称", "统一社会信用代码"])
    book.save(path)
    return path


def _one_line(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    capsys.readouterr()
    assert main(argv) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    return err


def test_a_spreadsheet_as_the_database_is_refused_in_words(sheet: Path, capsys) -> None:  # noqa: ANN001
    before = sheet.read_bytes()
    err = _one_line(capsys, ["warnings", "--db", str(sheet)])
    assert "是电子表格（.xlsx），不是 QCDesk 数据库" in err and "qcdesk roster import" in err
    assert "请从备份恢复" not in err
    assert sheet.read_bytes() == before and not list(sheet.parent.glob("名录.xlsx?*"))


def test_restore_does_not_write_a_database_over_a_spreadsheet(sheet: Path, tmp_path: Path,
                                                              capsys) -> None:  # noqa: ANN001
    backup = tmp_path / "good.db"
    Store.open(backup, author="t").close()
    before = sheet.read_bytes()
    err = _one_line(capsys, ["restore", str(backup), "--db", str(sheet), "--yes"])
    assert "是电子表格" in err
    assert sheet.read_bytes() == before
    assert not (tmp_path / "backups").exists()


def test_an_empty_file_is_not_made_a_database(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    empty = tmp_path / "copy.db"
    empty.write_bytes(b"")
    err = _one_line(capsys, ["warnings", "--db", str(empty)])
    assert "是空的（0 字节）" in err
    assert empty.read_bytes() == b""


@pytest.mark.parametrize("old_wal", [False, True])
def test_a_backup_restores_over_an_empty_file_as_its_refusal_advises(tmp_path: Path, capsys,  # noqa: ANN001
                                                                      old_wal: bool) -> None:
    """Review (command line): every command refuses an empty database file and says to restore
    a backup; `restore` refused the same file with the same advice, in a loop."""
    import sqlite3

    from qcdesk.models.enterprises import save_enterprise
    from qcdesk.models.records import Enterprise

    backup = tmp_path / "good.db"
    store = Store.open(backup, author="t")
    save_enterprise(store, Enterprise(uscc="91421221MA4E3XHX15", name="嘉鱼县鑫源管业有限公司",
                                      jurisdiction_code="421221"))
    store.close()
    empty = tmp_path / "qcdesk.db"
    empty.write_bytes(b"")
    if old_wal:  # an interrupted copy over a database that had one: another database's -wal,
        Path(f"{empty}-wal").write_bytes(b"\x37\x7f\x06\x82" + bytes(4092))  # kept raw
    capsys.readouterr()
    assert main(["restore", str(backup), "--db", str(empty), "--yes"]) == 0, capsys.readouterr().err
    with sqlite3.connect(empty) as conn:
        assert conn.execute("SELECT name FROM enterprise").fetchall() == [("嘉鱼县鑫源管业有限公司",)]
    kept = list((tmp_path / "backups").glob("qcdesk.before-restore-*.db-wal"))
    assert len(kept) == old_wal and (not kept or kept[0].read_bytes()[:4] == b"\x37\x7f\x06\x82")


def test_a_folder_given_as_a_file_is_called_a_folder(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    """Review (command line): `demo --db FOLDER` advised --replace, which then said "a folder";
    `restore FOLDER` said the file was not found."""
    folder = tmp_path / "keys"
    folder.mkdir()
    err = _one_line(capsys, ["demo", "--db", str(folder)])
    assert "是文件夹" in err and "--replace" not in err
    err = _one_line(capsys, ["restore", str(folder), "--db", str(tmp_path / "q.db"), "--yes"])
    assert err == f"qcdesk: {folder} 是文件夹，请给出其中的备份文件（.db）"
