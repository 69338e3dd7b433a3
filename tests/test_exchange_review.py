"""What an inspector, a county or the city reads from keygen, trust, verify and import (user
review): a damaged copy is called damaged, not a replay; Chinese labels, never English
fragments (the --json output stays as it was); only known jurisdictions are accepted."""

from __future__ import annotations

import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from test_exchange_cli import PASS, _export, _trust, world  # noqa: F401 — fixture
from test_package import damaged_copy

from qcdesk.cli import main
from qcdesk.models.persistence import update_record
from qcdesk.models.records import Visit
from qcdesk.models.store import Store


@pytest.fixture(autouse=True)
def _user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [line for line in conn.iterdump() if "risk_" not in line]
    finally:
        conn.close()


def run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(argv)
    got = capsys.readouterr()
    return code, got.out, got.err


def refusal(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    code, _out, err = run(capsys, argv)
    lines = err.splitlines()
    assert code == 2 and len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_damaged_copy_of_an_imported_package_is_called_damaged(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    tmp = world["tmp"]
    pkg = _export(capsys, tmp, world["idb"], world["ik"], "张三", "421221")
    _trust(world["cdb"], world["ipub"], "inspector", "张三")
    assert run(capsys, ["import", str(pkg), "--db", str(world["cdb"])])[0] == 0
    fresh = tmp / "fresh.db"
    Store.open(fresh).close()
    _trust(fresh, world["ipub"], "inspector", "张三")
    bad = damaged_copy(pkg, tmp / "corrupt.zip")
    for db in (world["cdb"], fresh):  # after the intact one, and into a database without it
        before = dump(db)
        line = refusal(capsys, ["import", str(bad), "--db", str(db)])
        assert "已损坏" in line and "重新发送" in line and "data.xlsx" in line, line
        assert "请先从原处（U 盘、邮件附件）重新复制一次再试" in line and "（技术信息：" in line, line
        assert "重放" not in line and "BadZipFile" not in line, line
        assert line.count("拒绝导入") == 1, line
        assert dump(db) == before
    line = refusal(capsys, ["verify", str(bad), "--db", str(world["cdb"])])
    assert line.startswith("qcdesk: 验证失败：数据包已损坏"), line


def test_a_real_replay_is_still_a_replay(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    """The same signer and sequence number, a different intact package (the key and database
    copied to a second computer: a restore on the same computer no longer reuses a number, the
    number signed is kept beside the key, sequence_record): refused as a replay; the very same
    package: already imported."""
    tmp = world["tmp"]
    twin = tmp / "twin.db"
    shutil.copy(world["idb"], twin)
    twin_key = tmp / "second-computer" / world["ik"].name
    twin_key.parent.mkdir()
    shutil.copy(world["ik"], twin_key)
    first = _export(capsys, tmp, world["idb"], world["ik"], "张三", "421221")
    first = first.rename(tmp / "first.qcpkg.zip")
    store = Store.open(twin, author="x")
    visit = Visit.from_row(next(store.db.query("SELECT * FROM visit ORDER BY id LIMIT 1")))
    visit.summary = "另一个版本"
    with store.db.atomic():
        update_record(store, visit)
    store.close()
    second = _export(capsys, tmp, twin, twin_key, "张三", "421221")
    _trust(world["cdb"], world["ipub"], "inspector", "张三")
    assert run(capsys, ["import", str(first), "--db", str(world["cdb"])])[0] == 0
    before = dump(world["cdb"])
    line = refusal(capsys, ["import", str(second), "--db", str(world["cdb"])])
    assert "序号 1" in line and "已收到过内容不同的另一个数据包" in line and "已损坏" not in line, line
    assert line.count("同一密钥在两台电脑上使用") == 1, line  # the causes once, then what to do
    assert line.count("拒绝导入") == 1, line
    line = refusal(capsys, ["import", str(first), "--db", str(world["cdb"])])
    assert "已导入过" in line and line.count("拒绝导入") == 1, line
    assert dump(world["cdb"]) == before


def test_verify_import_and_trust_speak_chinese(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    tmp = world["tmp"]
    pkg = _export(capsys, tmp, world["idb"], world["ik"], "张三", "421221")  # the first: full
    db = str(world["cdb"])
    Store.open(world["cdb"]).close()
    code, out, _err = run(capsys, ["trust", "add", str(world["ipub"]), "--db", db, "--yes",
                                   "--role", "inspector", "--name", "张三",
                                   "--jurisdiction", "421221"])
    assert code == 0 and "角色: 检查员" in out and "421221 嘉鱼县" in out and "inspector" not in out
    code, out, _err = run(capsys, ["trust", "list", "--db", db])
    assert code == 0 and "检查员" in out and "inspector" not in out
    code, out, _err = run(capsys, ["verify", str(pkg), "--db", db])
    day = json.loads(zipfile.ZipFile(pkg).read("manifest.json"))["period_to"]
    assert code == 0 and f"范围 全部记录（截至 {day}）" in out, out
    assert "检查员" in out and "inspector" not in out and "?" not in out, out
    code, out, _err = run(capsys, ["import", str(pkg), "--db", db, "--dry-run"])
    assert code == 0, _err
    counts = [line.strip() for line in out.splitlines()[1:] if "新增" in line]
    for expected in ("企业：新增 2，", "检查记录：新增 4，", "检查人员：新增 1，", "整改：新增 4，"):
        assert any(line.startswith(expected) for line in counts), counts
    assert not any(c.isascii() and c.isalpha() for line in counts for c in line), counts
    code, out, _err = run(capsys, ["import", str(pkg), "--db", db, "--dry-run", "--json"])
    assert code == 0 and set(json.loads(out)["counts"]) == {
        "inspector", "industry", "enterprise", "visit", "sample", "finding", "rectification"}


def test_verify_names_a_stated_period_and_an_incremental_package() -> None:
    from qcdesk.cli_exchange import period_text

    assert period_text({"period_from": "2026-10-01", "period_to": "2026-10-31"}) \
        == "期间 2026-10-01～2026-10-31 "
    assert period_text({"period_to": "2026-11-30", "full": False}) \
        == "范围 自上次导出以来的变更（截至 2026-11-30） "
    assert period_text({"period_to": "2026-11-30", "full": [1]}) == "范围 截至 2026-11-30 "
    assert period_text({}) == ""


def test_keygen_with_an_empty_name_says_so_in_chinese(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QCDESK_PASSPHRASE", PASS)
    line = refusal(capsys, ["keygen", "--name", "  ", "--jurisdiction", "421221", "--out",
                            str(tmp_path / "k"), "--light"])
    assert "签名人姓名" in line and "--name" in line and "is empty" not in line, line
    assert not (tmp_path / "k").exists()


@pytest.mark.parametrize("code", ["999999", "421299", "110101"])
def test_unknown_jurisdiction_codes_are_refused_and_nothing_is_written(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str],  # noqa: F811
        monkeypatch: pytest.MonkeyPatch, code: str) -> None:
    tmp = world["tmp"]
    monkeypatch.setenv("QCDESK_PASSPHRASE", PASS)
    out = tmp / "new-keys"
    line = refusal(capsys, ["keygen", "--name", "李四", "--jurisdiction", code, "--out", str(out),
                            "--light"])
    assert f"“{code}”" in line and "421221 嘉鱼县" in line and "421202-HTZ 咸宁高新区" in line, line
    assert not out.exists()
    Store.open(world["cdb"]).close()
    before = dump(world["cdb"])
    line = refusal(capsys, ["trust", "add", str(world["ipub"]), "--db", str(world["cdb"]),
                            "--yes", "--jurisdiction", code])
    assert "421281 赤壁市" in line and dump(world["cdb"]) == before
    (tmp / "out").mkdir()
    refusal(capsys, ["export", "--db", str(world["idb"]), "--key", str(world["ik"]), "--out",
                     str(tmp / "out"), "--passphrase-file", str(tmp / "pw.txt"), "--name", "张三",
                     "--jurisdiction", code])
    assert list((tmp / "out").iterdir()) == []
    # known codes and names still work
    assert run(capsys, ["keygen", "--name", "李四", "--jurisdiction", "咸宁高新区", "--out", str(out),
                        "--light"])[0] == 0
    assert (out / "421202-HTZ_李四.pub").is_file()



def test_a_package_not_there_is_said_not_to_be_there(tmp_path: Path) -> None:
    """Review (county office): the import window refused a missing file as 无法读取数据包 x,
    no reason given (the CLI says 找不到数据包 before it opens anything)."""
    from test_package import refused

    from qcdesk.exchange.minisign import generate_secret_key

    gone = tmp_path / "421221_张三_000001.qcpkg.zip"
    err = refused(gone, generate_secret_key().public_key, tmp_path)
    assert err.code == "unreadable" and err.reason_zh == f"无法读取数据包 {gone.name}：文件或文件夹不存在"
    assert err.reason_en == f"Cannot read package {gone.name}: no such file or folder"


def test_its_own_package_is_refused_as_its_own(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    """Review (county office): the county's own outgoing package, picked by mistake to import,
    was refused as 签名密钥 … 不在信任列表中，请先核对指纹并添加 — advice to trust its own key."""
    pkg = _export(capsys, world["tmp"], world["idb"], world["ik"], "张三", "421221")
    before = dump(world["idb"])
    line = refusal(capsys, ["import", str(pkg), "--db", str(world["idb"])])
    assert "这是本数据库自己导出的数据包（第 1 号），不需要导入本数据库：请把它报送上级" in line, line
    assert "信任列表" not in line
    assert dump(world["idb"]) == before
