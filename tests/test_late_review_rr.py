"""The late review's bugs (E22, review rr-late F1–F4, R1–R4): a 省抽 draft saves without this
office's inspectors, a ledger's 任务来源 words mean what a clerk means, 7日内到期 follows the
clock each row shows, a uuid prefix is not a credit code, and the CLI names what it wants."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from qcdesk.cli import main
from qcdesk.models.enterprises import find_enterprise_by_uscc, save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.records import Enterprise, Inspector, Sample, Visit
from qcdesk.models.store import Store
from tests.inspector_pair import inspector_pair

FIRMS = ("91421222MA46R7TC9L", "91421221MA4E3XHX15", "91421222MA4KWKT06E")
COUNTY_BUREAU = "通城县市场监督管理局"


def county(db: Path) -> None:
    """A county office (its own name set) with three firms and two inspectors."""
    store = Store.open(db, author="setup")
    try:
        for n, code in enumerate(FIRMS):
            save_enterprise(store, Enterprise(uscc=code, name=f"通城县第{n + 1}磨料有限公司",
                                              jurisdiction_code="421222"))
        save_inspector(store, Inspector(name="王强", cert_no="42122200001", jurisdiction_code="421222"))
        save_inspector(store, Inspector(name="陈杰", cert_no="42122200002", jurisdiction_code="421222"))
        store.set_setting("doc.org_name", COUNTY_BUREAU)
    finally:
        store.close()


def test_a_province_check_saves_as_draft_without_inspectors_of_this_office(tmp_path: Path) -> None:
    """F2: a 省抽 visit sampled by the institute saves as 草稿 before its result is in, as it
    saves as 已完成; this office's own check still needs two inspectors in either state."""
    db = tmp_path / "c.db"
    county(db)
    store = Store.open(db)
    try:
        firm = find_enterprise_by_uscc(store, FIRMS[0])
        for status in ("draft", "done"):
            visit = Visit(enterprise_id=firm.id, visit_date="2026-11-20", kind="spot_check", status=status)
            sample = Sample(product_name="砂布", organiser="湖北省市场监督管理局", result="pending",
                            sampled_on="2026-11-20")
            saved = save_visit(store, VisitBundle(visit, [sample]), date(2026, 11, 30))
            assert saved.visit.id, status
            own = Visit(enterprise_id=firm.id, visit_date="2026-11-21", kind="spot_check", status=status)
            with pytest.raises(Exception, match="inspectors.too_few|至少两名|two inspectors"):
                save_visit(store, VisitBundle(own, [Sample(product_name="砂轮", result="pending",
                                                           sampled_on="2026-11-21")]), date(2026, 11, 30))
    finally:
        store.close()


def _ledger(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    book.active.append(["统一社会信用代码", "检查日期", "产品名称", "检验结论", "检查人员", "任务来源"])
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_ledger_task_sources_are_read_as_a_clerk_means_them(capsys, tmp_path: Path) -> None:
    """F3: 本局 is this office (blank organiser, never published as 本局); 省局/市局 are the
    province's and city's bureaus like 省抽/市抽 and need no inspectors here; 市场监管专项 and
    国家标准化管理委员会 name no higher body, so the two-inspector rule holds and the clerk is
    told the source was not recognised."""
    db = tmp_path / "c.db"
    county(db)
    path = _ledger(tmp_path / "l.xlsx", [
        [FIRMS[0], "2024-03-05", "砂布", "合格", "", "省局"],
        [FIRMS[1], "2024-03-05", "砂带", "合格", "", "市局"],
        [FIRMS[2], "2024-03-05", "砂轮", "合格", "王强、陈杰", "本局"],
        [FIRMS[0], "2024-03-06", "砂纸", "合格", "", "市场监管专项"],
        [FIRMS[1], "2024-03-06", "磨头", "合格", "", "国家标准化管理委员会"],
        [FIRMS[2], "2024-03-06", "油石", "合格", "王强、陈杰", "县局"]])
    assert main(["roster", "import", str(path), "--kind", "checks", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    store = Store.open(db)
    try:
        rows = list(store.db.execute(
            "SELECT s.product_name, s.organiser, v.inspectors FROM sample s "
            "JOIN visit v ON v.id = s.visit_id ORDER BY s.id"))
    finally:
        store.close()
    assert [(r[0], r[1]) for r in rows] == [("砂布", "湖北省市场监督管理局"),
                                            ("砂带", "咸宁市市场监督管理局"), ("砂轮", ""), ("油石", "")]
    assert "任务来源“市场监管专项”无法识别" in out and "任务来源“国家标准化管理委员会”无法识别" in out
    assert out.count("检查人员未填写") == 2  # 市场监管专项 and 国家标准化管理委员会 rows are refused


def test_due_this_week_follows_the_clock_each_order_shows(store: Store) -> None:
    """F1: 7日内到期 lists an open order whose correction deadline is in 3 days and a 待复查 order
    whose 复查期限 is today (its correction deadline long past); not an order whose report is in
    and whose re-check is 20 days off, though its correction deadline is in 3 days."""
    from test_list_model import all_ids

    from qcdesk.models.listing import RECTIFICATIONS, ListFilters, ListRequest, ListSource
    from qcdesk.models.records import Finding
    from qcdesk.models.rectifications import order_rectification

    today = date(2025, 6, 1)
    firm = save_enterprise(store, Enterprise(uscc=FIRMS[0], name="通城县第1磨料有限公司",
                                             jurisdiction_code="421222"))
    visit = Visit(enterprise_id=firm.id, visit_date="2025-04-01", kind="assistance",
                  inspectors=inspector_pair(store))
    findings = [Finding(description=f"问题{n}") for n in range(3)]
    bundle = save_visit(store, VisitBundle(visit, findings=findings), today)
    ids = [order_rectification(store, visit=bundle.visit, requirement="整改", ordered_on="2025-04-01",
                               rule_set="samr18", finding=f, notice_no=f"通市监质改〔2025〕{n + 1}号",
                               today=today).id for n, f in enumerate(bundle.findings)]
    shapes = [("open", "2025-06-04", None, "2025-06-15"),  # correction deadline in 3 days
              ("report_submitted", "2025-06-04", "2025-05-31", "2025-06-21"),  # re-check in 20 days
              ("awaiting_recheck", "2025-04-20", "2025-04-18", "2025-06-01")]  # re-check due today
    with store.transaction():
        for rect_id, (status, deadline, report, recheck) in zip(ids, shapes, strict=True):
            store.db.execute("UPDATE rectification SET status = ?, deadline = ?, extended_to = NULL, "
                             "report_submitted_on = ?, recheck_due = ? WHERE id = ?",
                             [status, deadline, report, recheck, rect_id])
    source = ListSource(store, ListRequest(RECTIFICATIONS, ListFilters(status="due_soon"), "", None), today)
    assert sorted(all_ids(source, 10)) == [ids[0], ids[2]]


def test_a_uuid_prefix_of_eighteen_hex_digits_names_the_firm(store: Store, capsys) -> None:
    """F4: `risk --enterprise 3db18a28-ec9f-4fbf-99` (a uuid prefix, 18 characters without its
    hyphens) finds the firm instead of being refused as a malformed credit code; a code typed
    with a letter O still says what is wrong with it."""
    ent = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市通凯砖茶有限公司",
                                            jurisdiction_code="421281"))
    db = ["--db", str(store.path)]
    assert main(["risk", *db, "--enterprise", ent.uuid[:21]]) == 0
    assert "赤壁市通凯砖茶有限公司" in capsys.readouterr().out
    assert main(["risk", *db, "--enterprise", "91421281-MA4KL5FE07"]) == 0  # a code with a hyphen
    assert "赤壁市通凯砖茶有限公司" in capsys.readouterr().out
    assert main(["risk", *db, "--enterprise", "91421281MA4KL5FEO7"]) == 2
    err = capsys.readouterr().err
    assert "91421281MA4KL5FEO7" in err and "未找到企业" not in err and err.count("\n") == 1


def test_an_ambiguous_jurisdiction_is_called_ambiguous_with_its_choices(tmp_path: Path, capsys) -> None:
    """R1: `--jurisdiction 咸宁` is refused as ambiguous, naming 咸宁市 and 咸宁高新区, not as
    未知; a name that fits one still works and a name that fits none is still 未知."""
    out = ["--out", str(tmp_path / "k"), "--light", "--role", "city"]
    assert main(["keygen", "--name", "王市", "--jurisdiction", "咸宁", *out]) == 2
    err = capsys.readouterr().err
    assert "“咸宁”可以指 咸宁市、咸宁高新区" in err and "未知" not in err and err.count("\n") == 1
    assert not (tmp_path / "k").exists() or not any((tmp_path / "k").iterdir())  # no key made
    assert main(["keygen", "--name", "王市", "--jurisdiction", "咸宁县", *out]) == 2
    assert "未知的行政区划“咸宁县”" in capsys.readouterr().err


def test_audit_history_takes_a_notice_number_without_table(store: Store, capsys) -> None:
    """R2: `audit history 赤市监质改〔2025〕1号` finds the order's history as --table
    rectification does, instead of 没有 visit … 的审计记录."""
    from qcdesk.models.records import Finding
    from qcdesk.models.rectifications import order_rectification

    ent = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市通凯砖茶有限公司",
                                            jurisdiction_code="421281"))
    visit = Visit(enterprise_id=ent.id, visit_date="2025-03-02", kind="assistance",
                  inspectors=inspector_pair(store))
    bundle = save_visit(store, VisitBundle(visit, findings=[Finding(description="标签不规范")]))
    order_rectification(store, visit=bundle.visit, requirement="整改标签", ordered_on="2025-03-02",
                        rule_set="samr18", finding=bundle.findings[0], notice_no="赤市监质改〔2025〕1号")
    db = ["--db", str(store.path)]
    assert main(["audit", "history", "赤市监质改〔2025〕1号", *db, "--table", "rectification"]) == 0
    with_table = capsys.readouterr().out
    assert main(["audit", "history", "赤市监质改〔2025〕1号", *db]) == 0
    assert capsys.readouterr().out == with_table and "整改标签" in with_table


def test_find_says_what_it_searches(tmp_path: Path, capsys) -> None:
    """R3: `qcdesk find` help and its refusal of punctuation name the address, contacts and
    licence numbers the search looks in, not only name, code and product."""
    with pytest.raises(SystemExit):
        main(["--help"])
    listing = capsys.readouterr().out
    entry = "".join(listing[listing.index(" find "):].split("(find", 1)[0].split())  # 按…查找企业
    assert "地址" in entry and "联系人及电话" in entry and "许可证编号" in entry
    assert main(["find", "！！！", "--db", str(tmp_path / "x.db")]) == 2
    err = capsys.readouterr().err
    assert "地址" in err and "联系人及电话" in err and "许可证编号" in err and err.count("\n") == 1


def test_the_order_search_box_invites_the_notice_number(qtbot, chinese, store: Store) -> None:
    """R4: 整改跟踪's search box reads 搜索文号、企业… so a clerk holding the paper notice sees it
    is what to type."""
    from qcdesk.models.listing import RECTIFICATIONS
    from qcdesk.ui.list_pages import ListPage

    page = ListPage(store, RECTIFICATIONS)
    qtbot.addWidget(page)
    assert page.search.placeholderText().startswith("搜索文号")
