"""Hostile command lines a real user could type: every refusal is exit 2 and ONE line on stderr
(never "internal error", never a traceback), and the database is exactly as it was."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from exchange_fixtures import populate
from test_exchange_cli import PASS, _export, _trust, world  # noqa: F401 — fixture

from qcdesk.cli import main
from qcdesk.models.store import Store

BAD_TEXT = "\udcff\udcfe"  # how Python hands over bytes that are not UTF-8 (GBK typed in a UTF-8 shell)


@pytest.fixture(autouse=True)
def _user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "q.db"
    s = Store.open(path, author="insp-uuid")
    populate(s, 2, 2)
    s.close()
    return path


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:  # risk_cache is derived data a read may refresh
        return [line for line in conn.iterdump() if "risk_" not in line]
    finally:
        conn.close()


def refused(capsys: pytest.CaptureFixture[str], argv: list[str], db: Path | None = None) -> str:
    """Run the command, expect a clear refusal; return its one line."""
    before = dump(db) if db is not None else None
    capsys.readouterr()
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 2, err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("qcdesk"), err
    assert "内部错误" not in err and "Traceback" not in err, err
    assert any("\u4e00" <= c <= "\u9fff" for c in err), err
    if db is not None:
        assert dump(db) == before
    return lines[0]


def visit_uuid(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT uuid FROM visit LIMIT 1").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def write_locked(db: Path) -> Iterator[sqlite3.Connection]:
    """Another program in the middle of a write transaction on the database."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE settings SET value = value WHERE 0")
    yield conn
    conn.execute("ROLLBACK")
    conn.close()


def test_usage_error_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["demo", "--db", str(tmp_path / "d.db"), "--seed", "x"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "--help" in err, err


def test_output_path_that_is_a_folder(db: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    assert "文件夹" in refused(capsys, ["roster", "template", "--out", str(folder)])
    refused(capsys, ["report", "quarterly", "--db", str(db), "--period", "2024Q1",
                     "--out", str(tmp_path / "r.pdf"), "--xlsx", str(folder)], db)
    assert not (tmp_path / "r.pdf").exists()  # refused before either file was written
    refused(capsys, ["warnings", "--db", str(db), "--xlsx", str(folder)], db)


def test_roster_report_into_a_folder_imports_nothing(db: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["统一社会信用代码", "企业名称", "所属县市区"])
    book.active.append(["91421221MA4E3XHX15", "嘉鱼县新企业有限公司", "嘉鱼县"])
    roster = tmp_path / "r.xlsx"
    book.save(roster)
    refused(capsys, ["roster", "import", str(roster), "--db", str(db), "--report", str(tmp_path)], db)


def test_import_reconcile_into_a_folder_merges_nothing(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    pkg = _export(capsys, world["tmp"], world["idb"], world["ik"], "张三", "421221")
    _trust(world["cdb"], world["ipub"], "inspector", "张三")
    refused(capsys, ["import", str(pkg), "--db", str(world["cdb"]),
                     "--reconcile", str(world["tmp"])], world["cdb"])


def test_export_and_import_never_create_a_mistyped_database(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    out = world["tmp"] / "out"
    out.mkdir()
    missing = world["tmp"] / "typo.db"
    refused(capsys, ["export", "--db", str(missing), "--key", str(world["ik"]), "--out", str(out),
                     "--passphrase-file", str(world["tmp"] / "pw.txt"), "--name", "张三",
                     "--jurisdiction", "421221"])
    pkg = _export(capsys, world["tmp"], world["idb"], world["ik"], "张三", "421221")
    refused(capsys, ["import", str(pkg), "--db", str(missing)])
    assert not missing.exists()


def test_export_onto_an_existing_package_file(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    first = _export(capsys, world["tmp"], world["idb"], world["ik"], "张三", "421221")
    other = world["tmp"] / "other.db"  # e.g. the key copied to a second computer: sequence 1
    s = Store.open(other)  # again (a restore on the same computer no longer reuses it: the
    populate(s, 1, 1)  # number signed is kept beside the key, sequence_record)
    s.close()
    copied = world["tmp"] / "second-computer" / world["ik"].name
    copied.parent.mkdir()
    shutil.copy(world["ik"], copied)
    line = refused(capsys, ["export", "--db", str(other), "--key", str(copied),
                            "--out", str(first.parent), "--passphrase-file",
                            str(world["tmp"] / "pw.txt"), "--name", "张三",
                            "--jurisdiction", "421221"], other)
    assert "已存在" in line


@pytest.mark.parametrize("argv", [
    ["trust", "revoke", "0123456789ABCDEF", "--at", "0001-01-01"],
    ["report", "quarterly", "--period", "0000Q1", "--out", "{tmp}/r.pdf"],
    ["report", "quarterly", "--period", "9999Q4", "--out", "{tmp}/r.pdf"],
    ["draw", "--seed", "1", "--date", "0001-01-01"],
    ["risk", "--date", "0001-01-01"],
    ["warnings", "--date", "0001-01-01"],
])
def test_dates_out_of_range(argv: list[str], db: Path, tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    refused(capsys, [a.format(tmp=tmp_path) for a in argv] + ["--db", str(db)], db)


def test_demo_today_out_of_range(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    refused(capsys, ["demo", "--db", str(tmp_path / "d.db"), "--enterprises", "1", "--visits", "1",
                     "--today", "0001-01-01"])
    assert not (tmp_path / "d.db").exists()


@pytest.mark.parametrize("argv", [
    ["doc", "visit", "99999999999999999999999", "--out", "{tmp}/v.pdf"],
    ["risk", "--enterprise", "99999999999999999999999"],
    ["recusal", "--inspector", "99999999999999999999999", "--enterprise", "1", "--reason", "亲属"],
    ["amend", "99999999999999999999999", "--reason", "r", "--set", "summary=x"],
])
def test_huge_record_numbers(argv: list[str], db: Path, tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    refused(capsys, [a.format(tmp=tmp_path) for a in argv] + ["--db", str(db)], db)


@pytest.mark.parametrize("argv", [
    ["audit", "accept", "--reason", BAD_TEXT],
    ["draw", "--seed", BAD_TEXT],
    ["amend", "{visit}", "--reason", "r", "--set", "summary=" + BAD_TEXT],
    ["report", "quarterly", "--period", "2024Q1", "--out", "{tmp}/r.pdf", "--jurisdiction", BAD_TEXT],
])
def test_text_that_is_not_utf8(argv: list[str], db: Path, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    argv = [a.format(tmp=tmp_path, visit=visit_uuid(db)) for a in argv]
    assert "UTF-8" in refused(capsys, argv + ["--db", str(db)], db)


def test_rule_values_that_would_break_every_later_command(
        db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for value in ("no_visit_months=99999999999999999999", "window_months=99999"):
        refused(capsys, ["risk", "--db", str(db), "--set", value], db)
    capsys.readouterr()
    assert main(["risk", "--db", str(db)]) == 0
    assert main(["warnings", "--db", str(db)]) == 0


def test_blank_seed_and_unknown_jurisdictions(db: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    refused(capsys, ["draw", "--db", str(db), "--seed", "   "], db)
    assert "行政区划" in refused(capsys, ["warnings", "--db", str(db), "--jurisdiction", "火星"], db)
    keys = tmp_path / "keys"
    pw = tmp_path / "pw.txt"
    pw.write_text(PASS + "\n", encoding="utf-8")
    assert main(["keygen", "--name", "张三", "--jurisdiction", "421221", "--out", str(keys),
                 "--light", "--passphrase-file", str(pw)]) == 0
    refused(capsys, ["trust", "add", str(keys / "421221_张三.pub"), "--db", str(db), "--yes",
                     "--jurisdiction", "abc"], db)
    refused(capsys, ["keygen", "--name", "李四", "--jurisdiction", "42122", "--out", str(keys),
                     "--light", "--passphrase-file", str(pw)])


def test_keygen_refusals_are_one_line_and_leave_no_half_pair(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    pw = tmp_path / "pw.txt"
    pw.write_text(PASS + "\n", encoding="utf-8")
    refused(capsys, ["keygen", "--name", "张三", "--jurisdiction", "421221", "--out", str(pw),
                     "--light", "--passphrase-file", str(pw)])

    real_open = os.open

    def disk_full_at_pub(path: str | Path, flags: int, mode: int = 0o777) -> int:
        if str(path).endswith(".pub"):  # the secret key is written; then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real_open(path, flags, mode)

    monkeypatch.setattr(os, "open", disk_full_at_pub)
    out = tmp_path / "keys"
    assert "磁盘空间不足" in refused(capsys, ["keygen", "--name", "张三", "--jurisdiction", "421221",
                                        "--out", str(out), "--light", "--passphrase-file", str(pw)])
    assert list(out.iterdir()) == []  # a second try is not blocked by "file exists"


def test_a_key_pair_never_overwrites_and_never_removes_a_file_it_did_not_make(
        tmp_path: Path) -> None:
    from qcdesk.exchange.key_files import write_key_pair
    from qcdesk.exchange.minisign import generate_secret_key

    pub, key = tmp_path / "421221_张三.pub", tmp_path / "421221_张三.key"
    pub.write_text("someone's public key\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_key_pair(pub, key, generate_secret_key().public_key, "secret")
    assert pub.read_text(encoding="utf-8") == "someone's public key\n" and not key.exists()
    pub.unlink()
    key.write_text("someone's secret key\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_key_pair(pub, key, generate_secret_key().public_key, "secret")
    assert key.read_text(encoding="utf-8") == "someone's secret key\n" and not pub.exists()


def test_commands_on_a_database_another_program_is_writing(
        db: Path, write_locked: sqlite3.Connection, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["audit", "accept", "--reason", "核对"], ["risk", "--set", "no_visit_months=12"]):
        assert "占用" in refused(capsys, argv + ["--db", str(db)])
    copy = tmp_path / "copy.db"
    copy.write_bytes(db.read_bytes())
    before = db.read_bytes()
    assert "占用" in refused(capsys, ["restore", str(copy), "--db", str(db)])
    assert db.read_bytes() == before


def test_backup_onto_the_database_itself(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    refused(capsys, ["backup", "--db", str(db), "--out", str(db)], db)
    refused(capsys, ["restore", str(db), "--db", str(db)], db)


def test_amending_a_visit_date_to_a_mistyped_year(db: Path, capsys: pytest.CaptureFixture[str]
                                                  ) -> None:
    assert "请检查年份" in refused(capsys, ["amend", visit_uuid(db), "--reason", "更正日期", "--set",
                                       "visit_date=0202-05-01", "--db", str(db)], db)


def test_an_empty_file_is_not_a_database_that_verifies(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "qcdesk.db"
    empty.touch()
    assert "空的" in refused(capsys, ["audit", "verify", "--db", str(empty)])
    assert empty.stat().st_size == 0  # not turned into a fresh database that "verifies"


@pytest.mark.parametrize("command", [["trust", "list"], ["import", "PACKAGE"]])
def test_a_missing_database_is_refused_with_how_to_get_one(
        command: list[str], world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    missing = world["tmp"] / "县局.db"
    if "PACKAGE" in command:
        command = ["import", str(_export(capsys, world["tmp"], world["idb"], world["ik"], "张三", "421221"))]
    line = refused(capsys, [*command, "--db", str(missing)])
    assert line.startswith(f"qcdesk: 数据库文件不存在：{missing}。请检查路径是否写对")
    assert f"qcdesk --db {missing}" in line  # opened in QCDesk, a new database is made
    assert f"qcdesk trust add 公钥文件.pub --db {missing} --yes" in line
    assert not missing.exists()
    assert main(["trust", "add", str(world["ipub"]), "--db", str(missing), "--yes"]) == 0  # as advised
    assert main([*command, "--db", str(missing)]) == 0
