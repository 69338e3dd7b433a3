"""What a county or city clerk is told by `qcdesk import` and `qcdesk trust`, with real keys and
signed packages: missing packages named whatever order they come in, revocation times in the
clerk's own time, an unusable --reconcile path or a wrong file refused before anything is
merged, key ids as typed, and the real menu for conflicts."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from exchange_fixtures import populate
from test_exchange_cli import PASS, _db_dump, _export, _import_json, _keygen, _trust

from qcdesk.cli import main
from qcdesk.exchange.minisign import PublicKey
from qcdesk.models.persistence import update_record
from qcdesk.models.records import Visit
from qcdesk.models.store import Store

GAP = ("缺少此签名人之前的数据包（序号 {}），请向签名人索取；"
       "签名人新导出一个全部数据的数据包也可补齐（收到后之前的序号不再缺少）")


@pytest.fixture
def world(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "pw.txt").write_text(PASS + "\n", encoding="utf-8")
    key, pub = _keygen(tmp_path, "张三", "421221")
    idb, cdb = tmp_path / "i.db", tmp_path / "c.db"
    s = Store.open(idb, author="insp-uuid")
    populate(s, 2, 2)
    s.close()
    _trust(cdb, pub, "inspector", "张三")
    return {"tmp": tmp_path, "ik": key, "ipub": pub, "idb": idb, "cdb": cdb}


def _edit_and_export(capsys: pytest.CaptureFixture[str], world: dict[str, Path], text: str,
                     *extra: str) -> Path:
    s = Store.open(world["idb"], author="x")
    v = Visit.from_row(next(s.db.query("SELECT * FROM visit ORDER BY uuid LIMIT 1")))
    v.summary = text
    with s.db.atomic():
        update_record(s, v)
    s.close()
    return _export(capsys, world["tmp"], world["idb"], world["ik"], "张三", "421221", *extra)


def _conflicting_package(capsys: pytest.CaptureFixture[str], world: dict[str, Path]) -> Path:
    """The inspector's second package, which will conflict at the county: the county imported the
    first and edited a visit's summary (县局改) that the inspector edited too (检查员改). Why
    shared: the import's text, its dry run and the import dialog each tell the clerk of it."""
    p1 = _export(capsys, world["tmp"], world["idb"], world["ik"], "张三", "421221")
    _import_json(capsys, p1, world["cdb"])
    s = Store.open(world["cdb"], author="x")  # the county edits what the inspector edits too
    v = Visit.from_row(next(s.db.query("SELECT * FROM visit ORDER BY uuid LIMIT 1")))
    v.summary = "县局改"
    with s.db.atomic():
        update_record(s, v)
    s.close()
    return _edit_and_export(capsys, world, "检查员改")


def _refused(capsys: pytest.CaptureFixture[str], argv: list[str], db: Path | None = None) -> str:
    """Run a command that must fail: one line on stderr, exit 2, the database unchanged."""
    before = _db_dump(db) if db is not None and db.is_file() else None
    capsys.readouterr()
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    if before is not None:
        assert _db_dump(db) == before
    return err


def test_missing_packages_are_named_in_any_order(world: dict[str, Path],
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    p1 = _export(capsys, world["tmp"], world["idb"], world["ik"], "张三", "421221")
    p2 = _edit_and_export(capsys, world, "二")
    p3 = _edit_and_export(capsys, world, "三")
    m3 = json.loads(zipfile.ZipFile(p3).read("manifest.json"))
    assert m3["sequence"] == 3 and m3["full"] is False and m3["previous_package_sha256"]
    # nothing received from this signer yet: a change-only package 3 misses 1 and 2
    res = _import_json(capsys, p3, world["cdb"])
    assert res["warnings"][1] == GAP.format("1、2")
    # the first arrives: 2 is still missing although it lies above the lowest received
    res = _import_json(capsys, p1, world["cdb"])
    assert res["warnings"][1] == GAP.format("2")
    capsys.readouterr()
    assert main(["import", str(p2), "--db", str(world["cdb"])]) == 0
    assert "缺少" not in capsys.readouterr().out


def test_a_full_export_makes_earlier_packages_unnecessary(
    world: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _export(capsys, world["tmp"], world["idb"], world["ik"], "张三", "421221")
    _edit_and_export(capsys, world, "二")
    p3 = _edit_and_export(capsys, world, "三", "--full")
    p4 = _edit_and_export(capsys, world, "四")
    p5 = _edit_and_export(capsys, world, "五")
    res = _import_json(capsys, p5, world["cdb"])
    assert res["warnings"][1] == GAP.format("1～4")  # a run of three or more as a span
    res = _import_json(capsys, p3, world["cdb"])  # full: 1 and 2 are no longer needed
    assert res["warnings"][1] == GAP.format("4")
    res = _import_json(capsys, p4, world["cdb"])
    assert not [w for w in res["warnings"] if "缺少" in w]


def test_revocation_times_read_in_local_time(world: dict[str, Path], shanghai: None,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    db, kid = world["cdb"], PublicKey.load(world["ipub"]).key_id
    pkg = _export(capsys, world["tmp"], world["idb"], world["ik"], "张三", "421221")
    assert main(["trust", "revoke", kid, "--db", str(db), "--at", "2025-11-01", "--yes"]) == 0
    out = capsys.readouterr().out
    assert f"已吊销：{kid}，自 2025-11-01 00:00 起收到的数据包将被拒绝" in out, out
    assert main(["trust", "list", "--db", str(db)]) == 0
    listed = capsys.readouterr().out
    assert "已吊销 2025-11-01 00:00" in listed and "T16:00" not in listed, listed
    conn = sqlite3.connect(db)  # stored as before: UTC
    stored = conn.execute("SELECT revoked_at FROM trusted_key").fetchone()[0]
    conn.close()
    assert stored.startswith("2025-10-31T16:00:00")
    err = _refused(capsys, ["import", str(pkg), "--db", str(db)], db)
    assert "已于 2025-11-01 00:00 吊销" in err and "UTC" not in err and "CST" not in err, err


def test_unusable_reconcile_path_refused_before_the_merge(
    world: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    tmp, db = world["tmp"], world["cdb"]
    pkg = _export(capsys, tmp, world["idb"], world["ik"], "张三", "421221")
    err = _refused(capsys, ["import", str(pkg), "--db", str(db), "--reconcile",
                            str(tmp / "nodir" / "r.xlsx")], db)
    assert "文件夹" in err and "nodir" in err and "已导入" not in err, err
    (tmp / "afile").write_text("x")
    err = _refused(capsys, ["import", str(pkg), "--db", str(db), "--reconcile",
                            str(tmp / "afile" / "r.xlsx")], db)
    assert "不是文件夹" in err, err
    err = _refused(capsys, ["import", str(pkg), "--db", str(db), "--reconcile",
                            str(tmp / "r.csv")], db)
    assert "文件名应以 .xlsx 结尾" in err and not (tmp / "r.csv").exists(), err
    # nothing was merged: the package still goes in, and its workbook is written
    assert main(["import", str(pkg), "--db", str(db), "--reconcile", str(tmp / "r.XLSX")]) == 0
    assert "对账表已保存" in capsys.readouterr().out and (tmp / "r.XLSX").is_file()


def test_a_zip_without_manifest_is_not_a_package(world: dict[str, Path],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    tmp, db = world["tmp"], world["cdb"]
    pkg = _export(capsys, tmp, world["idb"], world["ik"], "张三", "421221")
    rec = tmp / "对账.xlsx"
    assert main(["import", str(pkg), "--db", str(db), "--dry-run", "--reconcile", str(rec)]) == 0
    other = tmp / "other.zip"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("a.txt", "hello")
    said = "不是 QCDesk 数据包（缺少 manifest.json），请选择 .qcpkg.zip 数据包"
    for wrong in (rec, other):
        err = _refused(capsys, ["import", str(wrong), "--db", str(db)], db)
        assert said in err and "不应有的文件" not in err, err
        assert said in _refused(capsys, ["verify", str(wrong), "--db", str(db)], db)
    # a zip that does have a manifest is still judged member by member
    extra = tmp / "extra.zip"
    with zipfile.ZipFile(pkg) as src, zipfile.ZipFile(extra, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("a.txt", "hello")
    err = _refused(capsys, ["import", str(extra), "--db", str(db)], db)
    assert "数据包含有不应有的文件：a.txt" in err, err


def test_key_ids_and_db_folders_are_named_as_typed(world: dict[str, Path],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    tmp, db = world["tmp"], world["cdb"]
    kid = PublicKey.load(world["ipub"]).key_id
    err = _refused(capsys, ["trust", "revoke", kid[-4:], "--db", str(db)], db)
    assert f"信任列表中没有密钥 {kid[-4:]}" in err and kid not in err, err
    assert "000000000000" not in err and "16 位" in err and "qcdesk trust list" in err, err
    # the whole id, not a prefix: nothing was revoked
    assert main(["trust", "list", "--db", str(db)]) == 0
    assert "有效" in capsys.readouterr().out
    for argv in (["trust", "list"], ["trust", "revoke", kid], ["import", str(tmp / "i.db")]):
        err = _refused(capsys, [*argv, "--db", str(tmp)])
        assert f"{tmp} 是文件夹，不是数据库文件" in err and "trust add" not in err, err
    err = _refused(capsys, ["trust", "add", str(world["ipub"]), "--db", str(tmp), "--yes"])
    assert "是文件夹，不是数据库文件" in err, err


def test_conflicts_point_at_the_real_menu(world: dict[str, Path],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    p2 = _conflicting_package(capsys, world)
    capsys.readouterr()
    assert main(["import", str(p2), "--db", str(world["cdb"])]) == 0
    out = capsys.readouterr().out
    assert "有 1 条冲突待处理：在程序菜单“记录 > 处理合并冲突…”中处理" in out, out
    assert "数据交换/冲突" not in out
    ts = Path(__file__).parents[1] / "resources" / "translations" / "shell_zh_CN.ts"
    text = ts.read_text(encoding="utf-8")  # the words the menu really shows
    assert "<translation>记录(&amp;R)</translation>" in text
    assert "<translation>处理合并冲突(&amp;C)…</translation>" in text
