"""The late review's leftovers (E23, review rr-late R2–R4 and two E22 notes): `find` exits 1 when
nothing is found, `audit history` takes a uuid prefix, the visit search names all it covers,
the ledger import says the 结果送达 sentence once, and the import boxes name .et files."""

from __future__ import annotations

from pathlib import Path

import pytest

from qcdesk.cli import main
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.records import Enterprise
from qcdesk.models.store import Store


def test_find_exits_one_when_nothing_is_found_and_two_for_bad_input(store: Store, capsys) -> None:
    """R3: a script can tell "no such firm" (1, like grep) from a usage or input error (2);
    the help says which is which."""
    save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市通凯砖茶有限公司",
                                      jurisdiction_code="421281"))
    db = ["--db", str(store.path)]
    assert main(["find", "通凯", *db]) == 0
    capsys.readouterr()
    assert main(["find", "没有这家", *db]) == 1
    err = capsys.readouterr().err
    assert "没有找到" in err and err.count("\n") == 1
    assert main(["find", "！！！", *db]) == 2
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["find", "--help"])
    assert "1没有找到" in "".join(capsys.readouterr().out.split())


def test_audit_history_takes_a_uuid_prefix_like_every_other_command(store: Store, capsys) -> None:
    """R2: `audit history 3db18a28` (the first 8+ characters of a uuid, as `risk`, `amend` and
    `doc notice` take it) prints the same history as the whole uuid, for a visit and with
    --table for any record, instead of 没有 visit 3db18a28 的审计记录."""
    from qcdesk.models.inspections import VisitBundle, save_visit
    from qcdesk.models.persistence import insert_record
    from qcdesk.models.records import Licence, Visit

    ent = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市通凯砖茶有限公司",
                                            jurisdiction_code="421281"))
    visit = save_visit(store, VisitBundle(Visit(enterprise_id=ent.id, visit_date="2025-03-02",
                                                kind="assistance"))).visit
    licence = insert_record(store, Licence(enterprise_id=ent.id, kind="production",
                                           number="SC11342128100123"))
    db = ["--db", str(store.path)]
    for uuid, table in ((visit.uuid, []), (licence.uuid, ["--table", "licence"])):
        assert main(["audit", "history", uuid, *db, *table]) == 0
        whole = capsys.readouterr().out
        assert whole
        assert main(["audit", "history", uuid[:8], *db, *table]) == 0
        assert capsys.readouterr().out == whole
    assert main(["audit", "history", "ffffffff", *db]) == 2  # no such record: still refused
    assert "ffffffff" in capsys.readouterr().err


def test_the_visit_search_names_all_it_looks_in_of_the_firm(qtbot, chinese, store: Store) -> None:
    """R4: 检查记录 finds a visit by its firm's 行业, 法定代表人 and 备注 (the firm's whole index
    text), so its search box's tooltip names them too; so does 整改跟踪's, which searches the
    firm the same way."""
    from qcdesk.models.inspections import VisitBundle, save_visit
    from qcdesk.models.listing import RECTIFICATIONS, VISITS, ListFilters, ListRequest, ListSource
    from qcdesk.models.records import Visit
    from qcdesk.ui.list_pages import ListPage

    ent = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市通凯砖茶有限公司",
                                            jurisdiction_code="421281", legal_representative="柯志远",
                                            industry="茶叶加工", notes="老青砖作坊"))
    visit = save_visit(store, VisitBundle(Visit(enterprise_id=ent.id, visit_date="2025-03-02",
                                                kind="assistance"))).visit
    for words in ("柯志远", "茶叶加工", "老青砖作坊"):
        source = ListSource(store, ListRequest(VISITS, ListFilters(search=words)))
        assert [key[-1] for key in source.page(None, 5)] == [visit.id], words
    for kind in (VISITS, RECTIFICATIONS):
        page = ListPage(store, kind)
        qtbot.addWidget(page)
        tip = page.search.toolTip()
        assert "行业" in tip and "法定代表人" in tip and "备注" in tip, kind


def test_the_ledger_import_says_the_notified_day_once(capsys, tmp_path: Path) -> None:
    """E22 note: `roster import --kind checks` said 未填写结果送达日期的 … 记为已送达 as a note at the
    top and again at the end of the summary line; now only the summary says it."""
    from openpyxl import Workbook

    from qcdesk.models.inspections import save_inspector
    from qcdesk.models.records import Inspector

    db = tmp_path / "c.db"
    store = Store.open(db, author="setup")
    try:
        save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市通凯砖茶有限公司",
                                          jurisdiction_code="421281"))
        for name, cert in (("王强", "42128100001"), ("陈杰", "42128100002")):
            save_inspector(store, Inspector(name=name, cert_no=cert, jurisdiction_code="421281"))
    finally:
        store.close()
    book = Workbook()
    book.active.append(["统一社会信用代码", "检查日期", "产品名称", "检验结论", "检查人员"])
    book.active.append(["91421281MA4KL5FE07", "2024-03-05", "青砖茶", "合格", "王强、陈杰"])
    book.save(tmp_path / "l.xlsx")
    assert main(["roster", "import", str(tmp_path / "l.xlsx"), "--kind", "checks", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out.count("按检查日期记为已送达") == 1
    assert "导入完成" in out and "未填写结果送达日期的 1 个样品按检查日期记为已送达" in out


def test_the_list_import_boxes_name_et_files(qtbot, chinese, store: Store) -> None:
    """E22 note: the enterprise-list and inspector-register import boxes read (xlsx、xls、et、ods、
    csv) as the ledger ones do, for the WPS .et files they accept."""
    from qcdesk.ui.roster_import_dialog import InspectorImportDialog, RosterImportDialog

    for cls in (RosterImportDialog, InspectorImportDialog):
        dialog = cls(store)
        qtbot.addWidget(dialog)
        assert "xlsx、xls、et、ods、csv" in dialog.file_edit.placeholderText(), cls.KIND
