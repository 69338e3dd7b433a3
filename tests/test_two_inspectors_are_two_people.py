"""监督抽查 needs 至少两名执法人员: two PEOPLE, not two inspector records (review RA A3, mutation V01).

One officer held as two records (his 执法证号 stored full-width or with leading zeros before saves
folded it, or typed in on two laptops) passed the rule alone: the visit editor's save and the
抽查台账 import counted records. Now they count people as the draw does, and the refusal names the
duplicate; a visit stored so before keeps saving, with the words as a note."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from qcdesk.cli import main
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit, validate_visit
from qcdesk.models.messages import ValidationFailed
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Enterprise, Inspector, Visit
from qcdesk.models.store import Store

TIANYUE = "91421222MA4KWKT06E"


def _office(db: Path) -> dict[str, str]:
    """汪涛志 twice (the second record's number stored full-width, before saves folded it), 王强
    twice (leading zero), 陈杰 once; returns the uuids and the firm's id as text."""
    store = Store.open(db, author="setup")
    try:
        firm = save_enterprise(store, Enterprise(uscc=TIANYUE, name="通城县天岳磨料磨具有限公司",
                                                 jurisdiction_code="421222"))
        def officer(name: str, cert: str) -> Inspector:
            return Inspector(name=name, cert_no=cert, jurisdiction_code="421222")

        wang = save_inspector(store, officer("汪涛志", "42120220160001"))
        with store.transaction():  # as databases hold them from before saves folded numbers
            again = insert_record(store, officer("汪涛志", "４２１２０２２０１６０００１"))
            zero = insert_record(store, officer("王强", "042122200001"))
            qiang = insert_record(store, officer("王强", "42122200001"))
        chen = save_inspector(store, officer("陈杰", "42122200002"))
        store.set_setting("doc.org_name", "通城县市场监督管理局")
        return {"wang": wang.uuid, "again": again.uuid, "zero": zero.uuid, "qiang": qiang.uuid,
                "chen": chen.uuid, "firm": str(firm.id)}
    finally:
        store.close()


def _visits(db: Path) -> list[tuple]:
    store = Store.open(db)
    try:
        return list(store.db.execute("SELECT kind, inspectors FROM visit ORDER BY id"))
    finally:
        store.close()


def test_one_officer_s_two_records_do_not_make_a_spot_check_of_two(tmp_path: Path) -> None:
    db = tmp_path / "tc.db"
    ids = _office(db)
    store = Store.open(db, author="汪涛志")
    try:
        def spot_check(*team: str) -> VisitBundle:
            return VisitBundle(Visit(enterprise_id=int(ids["firm"]), visit_date="2026-11-03",
                                     kind="spot_check", inspectors=list(team), status="done"))

        with pytest.raises(ValidationFailed) as refused:
            save_visit(store, spot_check(ids["wang"], ids["again"]))
        zh, en = refused.value.text("zh"), refused.value.text("en")
        assert ("监督抽查须由至少两名执法人员实施：所选的“汪涛志”与“汪涛志”是同一个人"
                "（执法证号 42120220160001") in zh
        assert "只算一名，当前实际选择了1名。请另选一名执法人员" in zh
        assert "“汪涛志” and “汪涛志” selected here are one person" in en and "1 is selected" in en
        with pytest.raises(ValidationFailed) as zeros:  # 042122200001 and 42122200001: one number
            save_visit(store, spot_check(ids["zero"], ids["qiang"]))
        assert "“王强”与“王强”是同一个人" in zeros.value.text("zh")
        with pytest.raises(ValidationFailed) as twice:  # a double click: one record, one person
            save_visit(store, spot_check(ids["chen"], ids["chen"]))
        assert "当前选择了1名" in twice.value.text("zh")
        with pytest.raises(ValidationFailed):  # a re-check likewise
            save_visit(store, VisitBundle(Visit(enterprise_id=int(ids["firm"]), visit_date="2026-11-03",
                                                kind="recheck", inspectors=[ids["wang"], ids["again"]],
                                                status="done")))
        assert _visits(db) == []  # nothing saved
        saved = save_visit(store, spot_check(ids["wang"], ids["chen"]))  # two people
        assert saved.visit.id
    finally:
        store.close()


def test_a_visit_stored_so_before_still_saves_with_a_note(tmp_path: Path) -> None:
    """A (sent) visit naming one officer's two records, stored before people were counted: a lab
    result or a summary is still saved; the words stand as a note. Choosing them anew is refused."""
    db = tmp_path / "tc.db"
    ids = _office(db)
    store = Store.open(db, author="汪涛志")
    try:
        with store.transaction():
            old = insert_record(store, Visit(enterprise_id=int(ids["firm"]), visit_date="2026-10-09",
                                             kind="spot_check", inspectors=[ids["wang"], ids["again"]],
                                             status="done"))
        bundle = VisitBundle(old)
        bundle.visit.summary = "补记检查情况"
        notes = [i for i in validate_visit(store, bundle) if i.rule == "inspectors.too_few"]
        assert [i.warning for i in notes] == [True] and "是同一个人" in notes[0].text("zh")
        save_visit(store, bundle)
        bundle.visit.inspectors = [ids["wang"], ids["chen"]]
        save_visit(store, bundle)
        bundle.visit.inspectors = [ids["wang"], ids["again"]]  # chosen again: refused
        with pytest.raises(ValidationFailed):
            save_visit(store, bundle)
    finally:
        store.close()


def test_the_ledger_import_counts_people(capsys, tmp_path: Path) -> None:
    """A 县抽 row whose 检查人员 names one officer by both his numbers is refused, in its row."""
    db = tmp_path / "tc.db"
    _office(db)
    book = Workbook()
    book.active.append(["序号", "企业名称", "统一社会信用代码", "产品名称", "抽样日期", "检验结论",
                        "不合格项目", "检查人员"])
    both = "王强（042122200001）、王强（42122200001）"
    book.active.append([1, "天岳磨料", TIANYUE, "砂布", "2024-03-05", "合格", "", both])
    two = "王强（42122200001）、陈杰"
    book.active.append([2, "天岳磨料", TIANYUE, "砂带", "2024-06-12", "合格", "", two])
    book.save(tmp_path / "l.xlsx")
    assert main(["roster", "import", str(tmp_path / "l.xlsx"), "--kind", "checks", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "第2行“检查人员”：监督抽查须由至少两名执法人员实施：所选的“王强”与“王强”是同一个人" in out
    assert "新增检查记录 1 条" in out
    assert len(_visits(db)) == 1


def test_the_checklist_counts_people_on_the_roster(tmp_path: Path, qtbot) -> None:  # noqa: ANN001
    """开始使用's "a spot check needs at least two (N so far)": 汪涛志 twice is one person; the
    step is ticked once a second person is on the roster."""
    from qcdesk.ui.getting_started import GettingStarted

    db = tmp_path / "tc.db"
    store = Store.open(db, author="setup")
    try:
        save_inspector(store, Inspector(name="汪涛志", cert_no="42120220160001", jurisdiction_code="421222"))
        with store.transaction():
            insert_record(store, Inspector(name="汪涛志", cert_no="４２１２ ０２２０１６０００１",
                                           jurisdiction_code="421222"))
        checklist = GettingStarted(store, None)
        qtbot.addWidget(checklist)
        assert checklist.marks["roster"].text() == "○" and "(1 so far)" in checklist.texts["roster"].text()
        save_inspector(store, Inspector(name="陈杰", cert_no="42122200002", jurisdiction_code="421222"))
        checklist.refresh()
        assert checklist.marks["roster"].text() == "✓"
    finally:
        store.close()
