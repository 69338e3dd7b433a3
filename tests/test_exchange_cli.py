"""`qcdesk export` / `qcdesk import` end to end with real keys and signed packages:
inspector -> county -> city, replay and tampering refused with the database unchanged."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from exchange_fixtures import populate

from qcdesk.cli import main
from qcdesk.exchange.minisign import PublicKey
from qcdesk.models.persistence import update_record
from qcdesk.models.records import Visit
from qcdesk.models.store import Store

PASS = "长口令 long passphrase"


def _keygen(tmp: Path, name: str, juris: str) -> tuple[Path, Path]:
    out = tmp / f"keys-{juris}"
    assert main(["keygen", "--name", name, "--jurisdiction", juris, "--out", str(out),
                 "--light", "--passphrase-file", str(tmp / "pw.txt")]) == 0
    return out / f"{juris}_{name}.key", out / f"{juris}_{name}.pub"


def _db_dump(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


def _export(capsys: pytest.CaptureFixture[str], tmp: Path, db: Path, key: Path, name: str,
            juris: str, *extra: str) -> Path:
    out = tmp / "out"
    out.mkdir(exist_ok=True)
    capsys.readouterr()
    assert main(["export", "--db", str(db), "--key", str(key), "--out", str(out),
                 "--passphrase-file", str(tmp / "pw.txt"), "--name", name,
                 "--jurisdiction", juris, *extra]) == 0
    path = Path(capsys.readouterr().out.strip())
    assert path.is_file() and path.parent == out
    return path


def _import_json(capsys: pytest.CaptureFixture[str], pkg: Path, db: Path,
                 *extra: str) -> dict:
    capsys.readouterr()
    assert main(["import", str(pkg), "--db", str(db), "--json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def world(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "pw.txt").write_text(PASS + "\n", encoding="utf-8")
    insp_key, insp_pub = _keygen(tmp_path, "张三", "421221")
    county_key, county_pub = _keygen(tmp_path, "嘉鱼县局", "421221")
    inspector_db, county_db, city_db = (tmp_path / f"{n}.db" for n in ("i", "c", "city"))
    s = Store.open(inspector_db, author="insp-uuid")
    populate(s, 2, 2, text="=HYPERLINK(\"x\")\x01 _x0041_")
    s.close()
    return {"tmp": tmp_path, "ik": insp_key, "ipub": insp_pub, "ck": county_key,
            "cpub": county_pub, "idb": inspector_db, "cdb": county_db, "citydb": city_db}


def _trust(db: Path, pub: Path, role: str, name: str) -> None:
    s = Store.open(db)
    from qcdesk.models import trust_store

    if trust_store.get_key(s, PublicKey.load(pub).key_id) is None:
        trust_store.add_key(s, PublicKey.load(pub), name=name, role=role)
    s.close()


def test_inspector_county_city_chain(world: dict[str, Path],
                                     capsys: pytest.CaptureFixture[str]) -> None:
    tmp = world["tmp"]
    pkg = _export(capsys, tmp, world["idb"], world["ik"], "张三", "421221")
    _trust(world["cdb"], world["ipub"], "inspector", "张三")
    with sqlite3.connect(world["cdb"]) as conn:
        before = list(conn.iterdump())
    dry = _import_json(capsys, pkg, world["cdb"], "--dry-run")
    assert dry["counts"]["visit"]["new"] == 4 and dry["dry_run"]
    with sqlite3.connect(world["cdb"]) as conn:  # not a row, not a trigger changed by the dry run
        assert list(conn.iterdump()) == before
    assert not (world["cdb"].parent / "received").exists()  # nor a package kept
    res = _import_json(capsys, pkg, world["cdb"])
    assert res["counts"]["visit"]["new"] == 4 and res["sequence"] == 1
    # county signs its own package with role county; the city verifies it the same way
    cpkg = _export(capsys, tmp, world["cdb"], world["ck"], "嘉鱼县局", "421221",
                   "--role", "county")
    _trust(world["citydb"], world["cpub"], "county", "嘉鱼县局")
    city = _import_json(capsys, cpkg, world["citydb"])
    assert city["counts"]["visit"]["new"] == 4
    inspector_key = PublicKey.load(world["ipub"]).key_id
    with sqlite3.connect(world["citydb"]) as conn:
        rows = conn.execute("SELECT origin, author, summary FROM visit").fetchall()
    assert {r[0] for r in rows} == {inspector_key}  # where it came from: the inspector
    assert {r[1] for r in rows} == {"insp-uuid"}  # the original author is kept
    assert rows[0][2] == "=HYPERLINK(\"x\")\x01 _x0041_"
    with sqlite3.connect(world["citydb"]) as conn:  # imported firms are searchable
        hits = conn.execute("SELECT count(*) FROM enterprise_fts WHERE enterprise_fts MATCH ?",
                            ['"咸 宁 企 业"']).fetchone()[0]
    assert hits == 2
    with sqlite3.connect(world["citydb"]) as conn:  # and their names already have their pinyin keys
        keyed = conn.execute("SELECT count(*) FROM enterprise e JOIN enterprise_name_key k"
                             " ON k.enterprise_id = e.id AND k.name = e.name").fetchone()[0]
    assert keyed == 2


def test_incremental_sequence_and_reconcile(world: dict[str, Path],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    tmp = world["tmp"]
    _trust(world["cdb"], world["ipub"], "inspector", "张三")
    p1 = _export(capsys, tmp, world["idb"], world["ik"], "张三", "421221")
    _import_json(capsys, p1, world["cdb"])
    for db, text in ((world["idb"], "检查员改"), (world["cdb"], "县局改")):
        s = Store.open(db, author="x")
        v = Visit.from_row(next(s.db.query("SELECT * FROM visit ORDER BY uuid LIMIT 1")))
        v.summary = text
        with s.db.atomic():
            update_record(s, v)
        s.close()
    p2 = _export(capsys, tmp, world["idb"], world["ik"], "张三", "421221")
    manifest = json.loads(zipfile.ZipFile(p2).read("manifest.json"))
    assert manifest["sequence"] == 2 and manifest["record_counts"]["visit"] == 1
    rec = tmp / "rec.xlsx"
    res = _import_json(capsys, p2, world["cdb"], "--reconcile", str(rec))
    assert res["counts"]["visit"]["conflicting"] == 1
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(rec)).get_sheet_by_name("冲突").to_python()
    assert any("检查员改" in map(str, r) and "县局改" in map(str, r) for r in rows)


def test_rejected_import_leaves_database_identical(world: dict[str, Path],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    tmp = world["tmp"]
    _trust(world["cdb"], world["ipub"], "inspector", "张三")
    pkg = _export(capsys, tmp, world["idb"], world["ik"], "张三", "421221")
    Store.open(world["cdb"]).close()
    before = _db_dump(world["cdb"])
    data = bytearray(pkg.read_bytes())
    bad = tmp / "bad.zip"
    # flip a byte inside the data member's compressed bytes
    info = zipfile.ZipFile(pkg).getinfo("data.xlsx")
    data[info.header_offset + 30 + len(info.filename) + 10] ^= 0x01
    bad.write_bytes(bytes(data))
    capsys.readouterr()
    assert main(["import", str(bad), "--db", str(world["cdb"])]) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert _db_dump(world["cdb"]) == before
    # the good package goes in once; the same package again is refused, nothing changes
    _import_json(capsys, pkg, world["cdb"])
    after = hashlib.sha256(_db_dump(world["cdb"]).encode()).hexdigest()
    assert main(["import", str(pkg), "--db", str(world["cdb"])]) != 0
    assert hashlib.sha256(_db_dump(world["cdb"]).encode()).hexdigest() == after


def test_export_refuses_missing_folder_and_leaves_no_file(world: dict[str, Path],
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    tmp = world["tmp"]
    assert main(["export", "--db", str(world["idb"]), "--key", str(world["ik"]), "--out",
                 str(tmp / "nope"), "--passphrase-file", str(tmp / "pw.txt"), "--name", "张三",
                 "--jurisdiction", "421221"]) != 0
    (tmp / "out2").mkdir()
    (tmp / "wrong.txt").write_text("wrong passphrase\n")
    assert main(["export", "--db", str(world["idb"]), "--key", str(world["ik"]), "--out",
                 str(tmp / "out2"), "--passphrase-file", str(tmp / "wrong.txt"), "--name", "张三",
                 "--jurisdiction", "421221"]) != 0
    assert list((tmp / "out2").iterdir()) == []


def test_cancelled_export_leaves_nothing(world: dict[str, Path]) -> None:
    from qcdesk.exchange.export import ExportCancelled, export_package
    from qcdesk.exchange.passphrase import unlock_secret_key

    tmp = world["tmp"]
    key = unlock_secret_key(world["ik"], passphrase_file=tmp / "pw.txt")
    out = tmp / "cancel"
    out.mkdir()
    s = Store.open(world["idb"])
    calls = iter(range(100))
    with pytest.raises(ExportCancelled):
        export_package(s, out, key, signer_name="张三", jurisdiction="421221", role="inspector",
                       cancel=lambda: next(calls) >= 3)
    assert list(out.iterdir()) == []
    assert s.db.execute("SELECT count(*) FROM exchange_export").fetchone()[0] == 0
    s.close()


def test_attachments_travel_with_the_package(world: dict[str, Path], monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    from qcdesk.models.persistence import insert_record
    from qcdesk.models.records import Photo

    tmp = world["tmp"]
    photo = b"\xff\xd8\xff\xe0 fake jpeg bytes"
    sha = hashlib.sha256(photo).hexdigest()
    src_photos = tmp / "xdg-a" / "QCDesk" / "photos" / sha[:2]
    src_photos.mkdir(parents=True)
    (src_photos / f"{sha}.jpg").write_bytes(photo)
    s = Store.open(world["idb"])
    fid = s.db.execute("SELECT id FROM finding LIMIT 1").fetchone()[0]
    with s.db.atomic():
        insert_record(s, Photo(finding_id=fid, sha256=sha, file_name="现场.jpg"))
    s.close()
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp / "xdg-a"))
    pkg = _export(capsys, tmp, world["idb"], world["ik"], "张三", "421221", "--attachments")
    assert f"photos/{sha}.jpg" in zipfile.ZipFile(pkg).namelist()
    _trust(world["cdb"], world["ipub"], "inspector", "张三")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp / "xdg-b"))
    res = _import_json(capsys, pkg, world["cdb"])
    assert res["counts"]["photo"]["new"] == 1
    got = tmp / "xdg-b" / "QCDesk" / "photos" / sha[:2] / f"{sha}.jpg"
    assert got.read_bytes() == photo


def test_sequence_gap_is_reported_not_fatal(world: dict[str, Path],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    tmp = world["tmp"]
    _trust(world["cdb"], world["ipub"], "inspector", "张三")
    pkgs = []
    for text in ("一", "二", "三"):
        s = Store.open(world["idb"], author="x")
        v = Visit.from_row(next(s.db.query("SELECT * FROM visit ORDER BY uuid LIMIT 1")))
        v.summary = text
        with s.db.atomic():
            update_record(s, v)
        s.close()
        pkgs.append(_export(capsys, tmp, world["idb"], world["ik"], "张三", "421221"))
    _import_json(capsys, pkgs[0], world["cdb"])
    res = _import_json(capsys, pkgs[2], world["cdb"])
    assert res["sequence"] == 3 and res["warnings"]
    assert res["counts"]["visit"]["updated"] == 1
    late = _import_json(capsys, pkgs[1], world["cdb"])  # the missing one, late: older, no change
    assert late["counts"]["visit"] == {"new": 0, "updated": 0, "unchanged": 1, "conflicting": 0}


def test_export_refuses_details_the_key_was_not_made_for(world: dict[str, Path],
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """A package stating another jurisdiction than its key's is refused by every receiver, and
    its records would already count as sent: the next correct export would leave them out."""
    tmp, out = world["tmp"], world["tmp"] / "out"
    out.mkdir(exist_ok=True)
    before = _db_dump(world["idb"])
    capsys.readouterr()
    assert main(["export", "--db", str(world["idb"]), "--key", str(world["ik"]), "--out", str(out),
                 "--passphrase-file", str(tmp / "pw.txt"), "--name", "张三",
                 "--jurisdiction", "421223"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "辖区“421223”与签名密钥登记的“421221”不符" in err, err
    assert not list(out.iterdir()) and _db_dump(world["idb"]) == before  # nothing marked as sent
    # without --name/--jurisdiction the key's own description is used, and the county accepts it
    pkg = _export(capsys, tmp, world["idb"], world["ik"], "张三", "421221")
    _trust(world["cdb"], world["ipub"], "inspector", "张三")
    assert _import_json(capsys, pkg, world["cdb"])["counts"]["visit"]["new"] == 4
    again = tmp / "again"
    again.mkdir()
    capsys.readouterr()
    assert main(["export", "--db", str(world["idb"]), "--key", str(world["ik"]), "--out", str(again),
                 "--passphrase-file", str(tmp / "pw.txt"), "--full"]) == 0
    key_id = PublicKey.load(world["ipub"]).key_id
    assert Path(capsys.readouterr().out.strip()).name.startswith(f"421221_张三_{key_id[:8]}_000002_")


def test_import_summary_names_who_signed_and_where_the_workbook_went(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """The county clerk reads who sent the package (name, area, role, key), as registered,
    and where the reconciliation workbook was saved, not a bare key id."""
    tmp = world["tmp"]
    pkg = _export(capsys, tmp, world["idb"], world["ik"], "张三", "421221")
    _trust(world["cdb"], world["ipub"], "inspector", "张三（嘉鱼）")
    rec = tmp / "对账.xlsx"
    assert main(["import", str(pkg), "--db", str(world["cdb"]), "--reconcile", str(rec)]) == 0
    out = capsys.readouterr().out
    head = out.splitlines()[0]
    key_id = PublicKey.load(world["ipub"]).key_id
    assert head.startswith(f"已导入：{pkg.name} 签名人 张三（421221 嘉鱼县，检查员，密钥 {key_id}")
    assert "信任列表登记为 张三（嘉鱼）" in head and "序号 1" in head
    assert f"对账表已保存：{rec}" in out and rec.is_file()
    again = _import_json(capsys, _export(capsys, tmp, world["idb"], world["ik"], "张三", "421221"),
                         world["cdb"])
    assert (again["signer_name"], again["signer_jurisdiction"], again["signer_role"]) == (
        "张三", "421221", "inspector")


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    """`qcdesk … | head -1`: the command stops quietly when its reader has gone."""
    import subprocess
    import sys

    script = ("import argparse, sys; from qcdesk import cli\n"
              "def handler(args, paths):\n"
              "    for i in range(200000): print(f'第{i}行 line')\n"
              "    return 0\n"
              "sys.exit(cli._run(handler, argparse.Namespace(), None))\n")
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=Path(__file__).parents[1])
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert first.decode().startswith("第0行") and proc.wait(timeout=60) == 141
    assert err == ""
