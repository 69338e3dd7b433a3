"""`qcdesk record delete|restore|deleted`: a CLI-only office can delete a duplicate and bring a
mistake back, under the GUI's rules (review r4 B6). Each refusal is one line on stderr with a
non-zero exit and the database unchanged."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from qcdesk.cli import main
from qcdesk.models.amendments import lock_visits
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Enterprise, Visit
from qcdesk.models.store import Store

X, Y = "91421281MA4KL5FE07", "91421221MA4E3XHX15"


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def _db(tmp_path: Path) -> tuple[Path, int]:
    path = tmp_path / "r.db"
    store = Store.open(path, author="test")
    firm = save_enterprise(store, Enterprise(uscc=X, name="赤壁羊楼洞茶业", jurisdiction_code="421281"))
    save_enterprise(store, Enterprise(uscc=Y, name="嘉鱼茶业", jurisdiction_code="421221"))
    visit = insert_record(store, Visit(enterprise_id=firm.id, visit_date="2026-11-02",
                                       kind="licence_followup", status="done"))
    lock_visits(store, [visit.id], "421281_AAAA_000001_20261102.qcpkg.zip")
    store.close()
    return path, visit.id


def _state(db: Path) -> list[tuple]:
    store = Store.open(db)
    try:
        return store.db.execute("SELECT 'e', id, deleted_at, revision FROM enterprise UNION ALL"
                                " SELECT 'v', id, deleted_at, revision FROM visit UNION ALL"
                                " SELECT 'a', id, reason, 0 FROM amendment ORDER BY 1, 2").fetchall()
    finally:
        store.close()


def _err(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0, err  # one line
    return err


def test_delete_and_restore_from_the_command_line(tmp_path: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    db, visit = _db(tmp_path)
    base = ["--db", str(db)]
    before = _state(db)
    # refusals: no terminal without --yes, a firm with a visit, a sent visit without --reason
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))
    assert main(["record", "delete", "enterprise", Y, *base]) == 2
    assert "没有终端可以确认" in _err(capsys) and _state(db) == before
    assert main(["record", "delete", "enterprise", X, "--yes", *base]) == 2
    err = _err(capsys)
    assert "还有 1 条检查记录" in err and f"其检查记录 ID {visit}，用 qcdesk record delete visit ID" in err
    assert main(["record", "delete", "visit", str(visit), "--yes", *base]) == 2
    assert "删除须说明原因" in _err(capsys) and _state(db) == before

    monkeypatch.setattr(sys, "stdin", Tty("n\n"))  # a person says no
    assert main(["record", "delete", "enterprise", Y, *base]) == 2
    assert "已取消：未删除" in capsys.readouterr().err and _state(db) == before
    monkeypatch.setattr(sys, "stdin", Tty("y\n"))  # by credit code, asked and confirmed
    assert main(["record", "delete", "enterprise", Y, *base]) == 0
    out = capsys.readouterr()
    assert "将删除企业档案“嘉鱼茶业”（91421221MA4E3XHX15）" in out.err
    assert out.out.startswith("已删除企业档案“嘉鱼茶业”") and "qcdesk record restore enterprise" in out.out
    assert main(["record", "delete", "visit", str(visit), "--yes", "--reason", "录入两次", *base]) == 0
    capsys.readouterr()

    assert main(["record", "deleted", "visit", *base]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t")[:3] == ["ID", "删除时间", "企业"]
    assert lines[1].split("\t")[0] == str(visit) and "赤壁羊楼洞茶业" in lines[1]
    assert main(["record", "deleted", "enterprise", *base]) == 0
    assert Y in capsys.readouterr().out

    assert main(["record", "restore", "visit", str(visit), "--yes", *base]) == 2
    assert "恢复须说明原因" in _err(capsys)
    assert main(["record", "restore", "visit", str(visit), "--yes", "--reason", "误删", *base]) == 0
    assert main(["record", "restore", "enterprise", Y, "--yes", *base]) == 0
    capsys.readouterr()
    assert main(["record", "restore", "enterprise", Y, "--yes", *base]) == 2
    assert "没有被删除" in _err(capsys)
    assert main(["record", "restore", "visit", "999", "--yes", *base]) == 2
    assert "未找到已删除的检查记录 999" in _err(capsys)
    after = _state(db)
    assert [r[2] for r in after if r[0] == "a"] == ["录入两次", "误删"]
    assert all(r[2] is None for r in after if r[0] in "ev")  # all live again


def test_the_credit_code_clash_warning_names_the_command_that_deletes_the_holder(tmp_path: Path,
                                                                                capsys) -> None:  # noqa: ANN001
    from exchange_fixtures import export_to, merge

    from qcdesk.models.persistence import fetch_record

    a, b = Store.memory("A"), Store.memory("B")
    ea = save_enterprise(a, Enterprise(uscc=X, name="赤壁羊楼洞茶业", jurisdiction_code="421281"))
    eb = save_enterprise(b, Enterprise(uscc=Y, name="嘉鱼茶业", jurisdiction_code="421221"))
    export_to(a, tmp_path / "a.xlsx", "A" * 16)
    export_to(b, tmp_path / "b.xlsx", "B" * 16)
    eb = fetch_record(b, Enterprise, eb.id)
    eb.uscc = X
    save_enterprise(b, eb)
    export_to(b, tmp_path / "b2.xlsx", "B" * 16)
    city = Store.open(tmp_path / "city.db", author="city")
    for name, signer in (("a", "A"), ("b", "B")):
        merge(city, tmp_path / f"{name}.xlsx", signer * 16)
    result = merge(city, tmp_path / "b2.xlsx", "B" * 16)
    city.close()
    [zh] = [w for w in result.warnings if w.startswith("信用代码与另一企业相同")]
    assert f"或在命令行运行 qcdesk record delete enterprise {X}" in zh
    [en] = [w for w in result.warnings_en if w.startswith("Credit code held")]
    assert f"or run qcdesk record delete enterprise {X}" in en
    assert main(["record", "delete", "enterprise", X, "--yes", "--db", str(tmp_path / "city.db")]) == 0
    assert capsys.readouterr().out.startswith("已删除企业档案“赤壁羊楼洞茶业”")  # the local holder
    city = Store.open(tmp_path / "city.db")
    assert city.db.execute("SELECT deleted_at IS NOT NULL FROM enterprise WHERE uuid = ?",
                           [ea.uuid]).fetchone()[0] == 1
    city.close()
