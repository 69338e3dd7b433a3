"""A package number already used by a DIFFERENT package (the same key on two laptops, or a
database restored from an old backup): the refusal names the cause and the way back (--full),
a restore no longer makes the next export reuse numbers, and the chain warning is kept.
Both stories end with every visit at the county (reviewer s8 "keys", A1 and B6)."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from exchange_fixtures import populate
from pytestqt.qtbot import QtBot

from qcdesk.cli import main
from qcdesk.exchange.minisign import PublicKey
from qcdesk.models import trust_store
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Visit
from qcdesk.models.store import Store

PASS = "长口令 long passphrase"


@pytest.fixture
def world(tmp_path: Path) -> dict[str, Path]:
    """王五's key, his first database, and a county that trusts the key and has his package 1."""
    pw = tmp_path / "pw.txt"
    pw.write_text(PASS + "\n", encoding="utf-8")
    keys = tmp_path / "keys"
    assert main(["keygen", "--name", "王五", "--jurisdiction", "421221", "--out", str(keys),
                 "--light", "--passphrase-file", str(pw)]) == 0
    laptop, county = tmp_path / "laptop1.db", tmp_path / "county.db"
    store = Store.open(laptop, author="wang")
    populate(store, 1, 1, text="第一次的检查")
    store.close()
    store = Store.open(county)
    trust_store.add_key(store, PublicKey.load(keys / "421221_王五.pub"), name="王五",
                        jurisdiction="421221", role="inspector")
    store.close()
    return {"tmp": tmp_path, "pw": pw, "key": keys / "421221_王五.key", "laptop": laptop,
            "county": county}


def _export(capsys: pytest.CaptureFixture[str], w: dict[str, Path], db: Path, key: Path,
            *extra: str) -> tuple[Path, str]:
    out = w["tmp"] / f"out-{db.stem}"
    out.mkdir(exist_ok=True)
    capsys.readouterr()
    assert main(["export", "--db", str(db), "--key", str(key), "--out", str(out),
                 "--passphrase-file", str(w["pw"]), *extra]) == 0
    captured = capsys.readouterr()
    return Path(captured.out.strip()), captured.err


def _import(capsys: pytest.CaptureFixture[str], package: Path, db: Path) -> dict:
    capsys.readouterr()
    assert main(["import", str(package), "--db", str(db), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _add_visit(db: Path, summary: str) -> None:
    store = Store.open(db, author="wang")
    enterprise = store.db.execute("SELECT id FROM enterprise ORDER BY id LIMIT 1").fetchone()[0]
    inspector = store.db.execute("SELECT uuid FROM inspector LIMIT 1").fetchone()[0]
    insert_record(store, Visit(enterprise_id=enterprise, visit_date="2026-11-20", kind="assistance",
                               inspectors=[inspector], summary=summary, status="done"))
    store.close()


def _summaries(db: Path) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        return {r[0] for r in conn.execute("SELECT summary FROM visit WHERE deleted_at IS NULL")}
    finally:
        conn.close()


def _forked(capsys: pytest.CaptureFixture[str], w: dict[str, Path]
            ) -> tuple[Path, Path, Path, Path]:
    """Package 1 imported at the county; then the database and the key folder copied to a second
    laptop, both go on working and export: (laptop 2's database, its key, package 2 of laptop 1,
    package 2 of laptop 2)."""
    first, _ = _export(capsys, w, w["laptop"], w["key"])
    _import(capsys, first, w["county"])
    laptop2 = w["tmp"] / "laptop2.db"
    shutil.copy(w["laptop"], laptop2)
    key2 = w["tmp"] / "keys2" / w["key"].name
    shutil.copytree(w["key"].parent, key2.parent)
    _add_visit(w["laptop"], "笔记本一的检查A")
    _add_visit(laptop2, "笔记本二的检查B")
    one, _ = _export(capsys, w, w["laptop"], w["key"])
    two, _ = _export(capsys, w, laptop2, key2)
    return laptop2, key2, one, two


def test_two_laptops_the_refusal_says_why_and_a_full_export_brings_every_visit(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    w = world
    laptop2, key2, one, two = _forked(capsys, w)
    assert "_000002_" in one.name and "_000002_" in two.name  # separate computers: same number
    _import(capsys, one, w["county"])

    before = w["county"].read_bytes()
    capsys.readouterr()
    assert main(["import", str(two), "--db", str(w["county"])]) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert "同一密钥在两台电脑上使用，或数据库从旧备份恢复" in err, err
    assert "数据库未改动" in err and "全部数据" in err and "--full" in err, err
    assert "生成这个被拒数据包的电脑" in err and "请与签名人核实" not in err, err
    assert w["county"].read_bytes() == before  # the used number is still never imported twice
    assert "笔记本二的检查B" not in _summaries(w["county"])

    # the advice works: laptop 2 exports everything; what the county has imports as unchanged
    full, _ = _export(capsys, w, laptop2, key2, "--full")
    result = _import(capsys, full, w["county"])
    counts = result["counts"]
    assert counts["visit"]["new"] == 1 and counts["visit"]["unchanged"] >= 1, counts
    assert not any(c.get("updated") or c.get("conflicts") for c in counts.values()), counts
    assert any("上一个包与本机收到的不一致" in x for x in result["warnings"]), result["warnings"]
    assert {"笔记本一的检查A", "笔记本二的检查B"} <= _summaries(w["county"])
    assert _summaries(w["laptop"]) | _summaries(laptop2) <= _summaries(w["county"])

    # B6: the chain warning is kept with the package and shown again afterwards
    capsys.readouterr()
    assert main(["received", "--db", str(w["county"])]) == 0
    out = capsys.readouterr().out
    assert "注意：序号 3 声明的上一个包与本机收到的不一致" in out, out
    rows = {r[0]: r for r in (x.split("\t") for x in out.splitlines() if x[:1].isdigit())}
    assert rows["3"][-1] == "上一个包不一致" and rows["2"][-1] == "-", rows
    assert main(["received", "--db", str(w["county"]), "--json"]) == 0
    packages = json.loads(capsys.readouterr().out)["packages"]
    assert [p["chain_broken"] for p in packages] == [False, False, True]


def test_after_a_restore_the_next_export_takes_a_new_number_and_everything(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    w = world
    first, _ = _export(capsys, w, w["laptop"], w["key"])
    _import(capsys, first, w["county"])
    capsys.readouterr()
    assert main(["backup", "--db", str(w["laptop"])]) == 0
    backup = Path(re.search(r"已备份到 (.+\.db) ", capsys.readouterr().out)[1])
    _add_visit(w["laptop"], "备份之后的检查E")
    second, _ = _export(capsys, w, w["laptop"], w["key"])
    _import(capsys, second, w["county"])

    capsys.readouterr()
    assert main(["restore", str(backup), "--db", str(w["laptop"]), "--yes"]) == 0
    said = capsys.readouterr().out
    assert "备份之后已导出的数据包" in said and f"序号 2（{second.name}）" in said, said
    assert "下次导出为序号 3，并自动包含全部数据，之后发出过的记录不会丢失。\n" in said, said
    assert "备份之后的检查E" not in _summaries(w["laptop"])

    _add_visit(w["laptop"], "恢复之后的检查F")
    third, err = _export(capsys, w, w["laptop"], w["key"])  # no --full: it becomes one
    assert "_000003_" in third.name, third
    assert "本数据包为序号 3，自动包含全部数据，之后发出过的记录不会丢失。\n" in err, err
    result = _import(capsys, third, w["county"])
    assert result["counts"]["visit"]["new"] == 1, result["counts"]
    assert not any("不一致" in x for x in result["warnings"]), result["warnings"]
    assert {"备份之后的检查E", "恢复之后的检查F"} <= _summaries(w["county"])
    assert _summaries(w["laptop"]) <= _summaries(w["county"])

    # back to normal: the next package carries only what changed
    _add_visit(w["laptop"], "之后的检查G")
    fourth, err = _export(capsys, w, w["laptop"], w["key"])
    assert "_000004_" in fourth.name and "全部数据" not in err, err
    assert _import(capsys, fourth, w["county"])["counts"]["visit"]["new"] == 1


def test_the_import_dialog_names_the_cause_and_the_received_list_keeps_the_warning(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str], qtbot: QtBot,
        chinese: None) -> None:
    from qcdesk.ui.exchange_dialogs import ImportDialog
    from qcdesk.ui.received_view import ReceivedPackagesDialog

    w = world
    laptop2, key2, one, two = _forked(capsys, w)
    _import(capsys, one, w["county"])

    dlg = ImportDialog(w["county"], package=two)
    qtbot.addWidget(dlg)
    job = dlg.run(dry_run=True)
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert "同一密钥在两台电脑上使用，或数据库从旧备份恢复" in dlg.status.text()
    advice = dlg.advice.text()
    assert "生成这个被拒数据包的电脑" in advice and "全部数据" in advice and "未变" in advice, advice
    assert "请向发送方确认哪个文件是正确的" not in advice, advice

    full, _ = _export(capsys, w, laptop2, key2, "--full")
    _import(capsys, full, w["county"])
    store = Store.open(w["county"])
    try:
        key = trust_store.list_keys(store)[0]
        shown = ReceivedPackagesDialog(store, key)
        qtbot.addWidget(shown)
        notes = [shown.table.item(r, 5).text() for r in range(shown.table.rowCount())]  # 注意
        assert notes == ["", "", "上一个包不一致"], notes
        assert "序号 3" in shown.summary_label.text() and "全部数据" in shown.summary_label.text()
    finally:
        store.close()
