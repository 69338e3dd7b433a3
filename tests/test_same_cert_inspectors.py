"""Two inspectors named 张伟 in 嘉鱼县 (执法证号 42122100101 and …102) each have both of them on
their laptop (each typed the colleague in, or both imported one 名录: new uuids per database) and
each sends a package of their joint spot check. The county ends up with two records per 执法证号
(review "keys" A3). The import says so, naming the records and what to do; the draw counts one
person per 执法证号 (never one man as both members of a team, his recusals kept) and lists
姓名（执法证号）; the 执法人员名册 marks the rows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from qcdesk.exchange.export import export_package
from qcdesk.exchange.importer import import_package
from qcdesk.exchange.minisign import generate_secret_key
from qcdesk.models import trust_store
from qcdesk.models.codes import uscc_check_character
from qcdesk.models.draw import DrawParameters, Recusal, make_draw, pick_rows, save_recusal
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Enterprise, Inspector, Visit
from qcdesk.models.store import Store

A, B = "42122100101", "42122100102"
ALL = dict.fromkeys("ABCD", "1")
COUNTY = DrawParameters(jurisdiction="421221", ratios=ALL)


def _uscc(n: int) -> str:
    first = f"91421221MA{n:04d}ABC"[:17]
    return first + uscc_check_character(first)


def _laptop(tmp_path: Path, tag: str, me: str, other: str, n: int) -> tuple[Path, object]:
    db = tmp_path / f"{tag}.db"
    store = Store.open(db, author="张伟")
    with store.transaction():
        mine = insert_record(store, Inspector(name="张伟", cert_no=me, jurisdiction_code="421221"))
        colleague = insert_record(store, Inspector(name="张伟", cert_no=other, jurisdiction_code="421221"))
        firm = insert_record(store, Enterprise(uscc=_uscc(n), name=f"{tag}茶厂", jurisdiction_code="421221",
                                               contact_phone="07155550001"))
        insert_record(store, Visit(enterprise_id=firm.id, visit_date="2026-11-10", kind="assistance",
                                   inspectors=[mine.uuid, colleague.uuid], summary=f"{tag}两名张伟",
                                   status="done"))
    store.close()
    return db, generate_secret_key()


@pytest.fixture
def county(tmp_path: Path) -> Path:
    """The county after importing both laptops' packages; `county.warnings` file: the second's."""
    laptops = [_laptop(tmp_path, "甲", A, B, 901), _laptop(tmp_path, "乙", B, A, 902)]
    db = tmp_path / "county.db"
    store = Store.open(db, author="县局")
    for k, (_, key) in enumerate(laptops):
        trust_store.add_key(store, key.public_key, name=f"张伟{k}",  # type: ignore[attr-defined]
                            jurisdiction="421221", role="inspector")
    with store.transaction():  # more firms, so a draw makes several teams
        for n in range(8):
            insert_record(store, Enterprise(uscc=_uscc(100 + n), name=f"县里企业{n}",
                                            jurisdiction_code="421221", contact_phone="07155550001"))
    results = []
    for k, (laptop, key) in enumerate(laptops):
        out = tmp_path / f"out{k}"
        out.mkdir()
        sender = Store.open(laptop)
        package = export_package(sender, out, key, signer_name="张伟", jurisdiction="421221",
                                 role="inspector", full=True)
        sender.close()
        results.append(import_package(store, package))
    store.close()
    (tmp_path / "warnings.txt").write_text("\n".join(results[1].warnings), encoding="utf-8")
    (tmp_path / "first.txt").write_text("\n".join(results[0].warnings), encoding="utf-8")
    return db


def test_the_import_that_makes_a_second_record_per_cert_no_says_so_and_what_to_do(
        county: Path, tmp_path: Path) -> None:
    store = Store.open(county)
    try:
        held = sorted(store.db.execute("SELECT cert_no FROM inspector WHERE name = '张伟'").fetchall())
    finally:
        store.close()
    assert held == [(A,), (A,), (B,), (B,)]  # both kept: the visits name their own records
    first = (tmp_path / "first.txt").read_text(encoding="utf-8")
    assert "执法证号重复" not in first  # one laptop alone: one record per number
    said = (tmp_path / "warnings.txt").read_text(encoding="utf-8")
    lines = [w for w in said.splitlines() if w.startswith("执法证号重复")]
    assert len(lines) == 2
    assert A in lines[0] and B in lines[1]
    for line in lines:
        assert "同时属于 2 条在岗的执法人员记录" in line and line.count("张伟（嘉鱼县，1 次检查，") == 2
        assert "执法人员名册" in line and "“在岗”取消勾选" in line and "算作一人" in line
        assert "检查记录一样多，保留任意一条" in line  # each record is on one of the two visits


def test_a_draw_never_puts_one_cert_no_twice_on_a_team_and_names_the_cert(county: Path) -> None:
    store = Store.open(county)
    try:
        certs = dict(store.db.execute("SELECT uuid, cert_no FROM inspector"))
        for seed in range(60):
            result = make_draw(store, seed=str(seed), params=COUNTY, as_of=date(2026, 11, 30))
            assert len(result.pool.inspectors) == 2  # two people, not four records
            for pick in result.picks:
                assert sorted(certs[i] for i in pick.inspectors) == [A, B], seed
        rows = pick_rows(store, result.picks)
        assert set(rows[0].inspectors) == {f"张伟（{A}）", f"张伟（{B}）"}
    finally:
        store.close()


def test_a_recusal_on_either_record_bars_the_person(county: Path) -> None:
    store = Store.open(county)
    try:
        firm_id, firm = store.db.execute(
            "SELECT id, uuid FROM enterprise WHERE name = '县里企业0'").fetchone()
        records = store.db.execute(  # the newer record, not the one standing for the person
            "SELECT id, uuid FROM inspector WHERE cert_no = ? ORDER BY created_at DESC", [A]).fetchall()
        save_recusal(store, Recusal(inspector_id=records[0][0], enterprise_id=firm_id, reason="亲属"))
        with store.transaction():  # a third person, so the firm still gets a team of two
            insert_record(store, Inspector(name="王五", cert_no="42122100103", jurisdiction_code="421221"))
        certs = dict(store.db.execute("SELECT uuid, cert_no FROM inspector"))
        for seed in range(40):
            picks = make_draw(store, seed=str(seed), params=COUNTY, as_of=date(2026, 11, 30)).picks
            team = next(p.inspectors for p in picks if p.enterprise == firm)
            assert A not in {certs[i] for i in team}, seed
    finally:
        store.close()


def test_the_roster_marks_the_records_sharing_a_cert_no(county: Path, qtbot: QtBot) -> None:
    from qcdesk.ui.inspector_chooser import RosterDialog

    store = Store.open(county)
    try:
        dialog = RosterDialog(store, lang="en")
        qtbot.addWidget(dialog)
        cells = [dialog.table.item(r, 1) for r in range(dialog.table.rowCount())]
        marked = [c for c in cells if "duplicate" in c.text()]
        assert len(marked) == 4
        assert "1 visits" in marked[0].toolTip() and "untick Active" in marked[0].toolTip()
    finally:
        store.close()


def test_a_number_shared_before_the_import_is_one_line_and_the_busier_record_is_the_one_to_keep(
        county: Path) -> None:
    from qcdesk.models.cert_duplicates import CertCheck

    store = Store.open(county)
    try:
        check = CertCheck(store)  # an import that brings no new record of either number
        said = check.warnings(store)
        assert [zh for zh, _ in said] == [
            "另有 2 个执法证号在导入前已同时属于多条在岗的执法人员记录，见“执法人员名册”中标有“重复”的行"]
        busy = store.db.execute("SELECT uuid FROM inspector WHERE cert_no = ? ORDER BY created_at DESC",
                                [A]).fetchone()[0]
        firm = store.db.execute("SELECT id FROM enterprise WHERE name = '县里企业1'").fetchone()[0]
        with store.transaction():
            insert_record(store, Visit(enterprise_id=firm, visit_date="2026-11-20", kind="assistance",
                                       inspectors=[busy], summary="再查", status="done"))
        check.before = {}
        zh = check.warnings(store)[0][0]
        assert zh.startswith(f"执法证号重复：导入后，执法证号 {A}") and "一样多" not in zh
        assert "保留检查记录最多的一条（张伟（嘉鱼县，2 次检查，" in zh
    finally:
        store.close()
