"""A clerk finds an order by its 文号, the week's deadlines, and any record from the CLI
(review "find" 2, 5, 6): the 整改跟踪 search matches the 文号, sorting by it is by number, the
status filter has 全部未完成 and 7日内到期, and every command naming a firm takes its credit code."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from test_list_model import all_ids, fill_store

from qcdesk.cli import main
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_visit
from qcdesk.models.listing import RECTIFICATIONS, ListFilters, ListRequest, ListSource
from qcdesk.models.records import Enterprise, Finding, Visit
from qcdesk.models.rectifications import order_rectification
from qcdesk.models.rules import order_clock, retest_passed_sql
from qcdesk.models.store import Store
from tests.inspector_pair import inspector_pair

TODAY = date(2024, 6, 1)


@pytest.fixture(scope="module")
def orders_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 1,800 orders numbered 咸市监质改〔2024〕1号 … 6000号 (test_list_model.fill_store)."""
    path = tmp_path_factory.mktemp("orders") / "orders.db"
    s = Store.open(path, author="test")
    fill_store(s, 300, 20_000)
    s.close()
    return path


@pytest.fixture
def orders(orders_path: Path) -> Store:
    s = Store.open(orders_path, author="test")
    yield s
    s.close()


def numbers(store: Store, ids: list[int]) -> list[str]:
    got = dict(store.db.execute("SELECT id, notice_no FROM rectification"))
    return [got[i] for i in ids]


def listed(store: Store, search: str = "", sort: str = "", descending: bool | None = None,
           status: str = "") -> list[int]:
    source = ListSource(store, ListRequest(RECTIFICATIONS, ListFilters(search=search, status=status),
                                           sort, descending), TODAY)
    ids = all_ids(source, 37)  # many keyset pages
    assert source.count() == len(ids)  # the 共 N 条 figure agrees with the rows
    return ids


@pytest.mark.parametrize("chunked", [False, True])
def test_an_order_is_found_by_its_notice_number(orders: Store, monkeypatch: pytest.MonkeyPatch,
                                                chunked: bool) -> None:
    if chunked:  # as on a county's 150,000 orders: rows tested as the sort order is walked
        monkeypatch.setattr(ListSource, "_gather_limit", lambda self: 0.0)
    serial = orders.db.execute("SELECT id FROM rectification ORDER BY id LIMIT 1 OFFSET 6").fetchone()[0]
    whole = f"咸市监质改〔2024〕{serial}号"
    assert numbers(orders, listed(orders, whole)) == [whole]
    assert numbers(orders, listed(orders, f"〔2024〕{serial}号")) == [whole]  # without the prefix
    assert numbers(orders, listed(orders, f"[2024]{serial}号")) == [whole]  # typed with [ ]
    assert numbers(orders, listed(orders, f"（２０２４）{serial}号")) == [whole]  # full-width
    every = dict(orders.db.execute("SELECT id, notice_no FROM rectification"))
    # one word in the 文号, one in the enterprise: both must be found
    firm = orders.db.execute("SELECT e.name FROM rectification r JOIN enterprise e ON e.id = r.enterprise_id"
                             " WHERE r.id = ?", [serial]).fetchone()[0]
    assert listed(orders, f"{firm} 〔2024〕{serial}号") == [serial]
    assert listed(orders, f"嘉鱼县 〔2024〕{serial}号") == []  # the other word is not found
    ending = sorted(i for i, n in every.items() if n.endswith("7号"))
    assert sorted(listed(orders, "7号")) == ending and len(ending) > 100


def test_sorting_by_notice_number_is_by_the_number(orders: Store) -> None:
    def natural(number: str) -> tuple[str, int, int]:
        found = re.fullmatch(r"(.*)〔(\d+)〕(\d+)号", number)
        assert found
        return found[1], int(found[2]), int(found[3])

    rows = sorted(orders.db.execute("SELECT id, notice_no FROM rectification"),
                  key=lambda r: (natural(r[1]), r[0]))
    up = listed(orders, sort="notice_no", descending=False)
    assert numbers(orders, up[:3]) == [r[1] for r in rows[:3]]
    assert up == [r[0] for r in rows]  # 1号, 2号 … 10号 … 100号, across every page
    assert listed(orders, sort="notice_no", descending=True) == [r[0] for r in reversed(rows)]


def test_the_unfinished_and_the_weeks_deadlines_have_their_own_filter(orders: Store) -> None:
    """7日内到期 lists the orders whose shown clock (`order_clock`: the correction deadline, or
    the re-check's once a report is in) ends within the week, and no other (review rr-late F1)."""
    rows = orders.db.execute(
        "SELECT r.id, r.status, coalesce(r.extended_to, r.deadline), r.report_submitted_on, r.recheck_due, "
        f"{retest_passed_sql('r')} FROM rectification r").fetchall()
    unfinished = {r[0] for r in rows if r[1] in ("open", "report_submitted", "awaiting_recheck")}
    clocks = {r[0]: order_clock(r[1], r[2], r[3], r[4], TODAY, retest_passed=bool(r[5])) for r in rows}
    week = [(r[2], r[0]) for r in rows if r[0] in unfinished and clocks[r[0]].kind in ("correct", "recheck")
            and 0 <= clocks[r[0]].days <= 6]
    assert sorted(listed(orders, status="unfinished")) == sorted(unfinished)
    assert listed(orders, status="due_soon") == [i for _, i in sorted(week)] and week
    assert any(clocks[i].kind == "recheck" for _, i in week)  # reports in: the re-check's clock
    assert sorted(listed(orders, status="due_soon", sort="notice_no")) == sorted(i for _, i in week)


@pytest.fixture
def firm(store: Store) -> tuple[Enterprise, int]:
    ent = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市通凯砖茶有限公司",
                                            jurisdiction_code="421281", main_products="米砖茶"))
    visit = Visit(enterprise_id=ent.id, visit_date="2025-03-02", kind="assistance",
                  inspectors=inspector_pair(store))
    bundle = save_visit(store, VisitBundle(visit, findings=[Finding(description="标签不规范")]))
    rect = order_rectification(store, visit=bundle.visit, requirement="整改标签", ordered_on="2025-03-02",
                               rule_set="samr18", finding=bundle.findings[0],
                               notice_no="赤市监质改〔2025〕1号")
    return ent, rect.id


def test_doc_notice_takes_the_notice_number(store: Store, firm: tuple, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "notice.pdf"
    assert main(["doc", "notice", "赤市监质改〔2025〕1号", "--db", str(store.path), "--out", str(out)]) == 0
    assert out.stat().st_size > 0
    assert main(["doc", "notice", "赤市监质改[2025]1", "--db", str(store.path), "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["doc", "notice", "赤市监质改〔2025〕2号", "--db", str(store.path), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "未找到整改记录 赤市监质改〔2025〕2号" in err and err.count("\n") == 1


def test_every_command_naming_a_firm_takes_its_credit_code(store: Store, firm: tuple,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    ent, _rect = firm
    db = ["--db", str(store.path)]
    assert main(["risk", *db, "--enterprise", "91421281ma4kl5fe07"]) == 0  # lower case, as typed
    assert "赤壁市通凯砖茶有限公司" in capsys.readouterr().out
    assert main(["audit", "history", "91421281MA4KL5FE07", *db]) == 0
    assert "赤壁市通凯砖茶有限公司" in capsys.readouterr().out  # the firm's own history
    assert main(["risk", *db, "--enterprise", "91421281MA4KL5FE08"]) == 2  # check character wrong
    err = capsys.readouterr().err
    assert "校验位" in err and err.count("\n") == 1
    assert main(["risk", *db, "--enterprise", "91110000600037341L"]) == 2
    err = capsys.readouterr().err
    assert "未找到统一社会信用代码为 91110000600037341L 的企业" in err and err.count("\n") == 1


def test_find_prints_what_the_next_command_needs(store: Store, firm: tuple,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    ent, _rect = firm
    save_enterprise(store, Enterprise(uscc="91421221MA4E3XHX15", name="嘉鱼县管业有限公司",
                                      jurisdiction_code="421221"))
    before = store.db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    assert main(["find", "通凯", "--db", str(store.path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2  # a header and the one firm
    assert out[1].split("\t") == [str(ent.id), ent.uuid, ent.name, ent.uscc, "1", "2025-03-02"]
    assert main(["find", "MA4KL5", "--db", str(store.path)]) == 0  # a piece of the credit code
    assert ent.uuid in capsys.readouterr().out
    assert main(["find", "有限公司", "--db", str(store.path), "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert "共 2 家" in out and out.count("有限公司\t") == 1
    assert main(["find", "没有这家", "--db", str(store.path)]) == 1  # like grep: nothing found
    err = capsys.readouterr().err
    assert "没有找到" in err and err.count("\n") == 1
    assert store.db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before  # nothing written
