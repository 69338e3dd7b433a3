"""What is published is final, and what is forwarded is marked (s9 E9; privacy review F4, F6, Aside).

- A result under 复检 (no conclusion yet) or not yet notified to the enterprise is not final: the
  period 公示 leaves it out and says how many and why (说明 sheet, CLI line); the draw 公示, which
  lists every drawn firm, writes 结果待定（复检中） / 结果待定（尚未送达） instead of 不合格 or 合格.
- A firm deleted from the register after the draw stays on the draw's list, marked 已从名录删除.
- A list workbook naming contacts or phones says, on its 说明 sheet, that it holds personal data.
Read back from the written workbooks with openpyxl."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from qcdesk.cli import main
from qcdesk.export.list_export import export_list
from qcdesk.export.publication import write_draw_publication
from qcdesk.models.draw import DrawParameters, DrawRecord, commit_draw, find_draw, make_draw
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, load_visit, save_inspector, save_visit
from qcdesk.models.listing import ENTERPRISES, RECTIFICATIONS, VISITS, ListRequest, ListSource
from qcdesk.models.persistence import fetch_record, soft_delete
from qcdesk.models.records import Enterprise, Finding, Inspector, Sample, Visit
from qcdesk.models.rectifications import order_rectification
from qcdesk.models.store import Store
from tests.inspector_pair import inspector_pair

DAY = date(2026, 11, 20)
FIRMS = {"赤壁复检茶厂": "91421281MA4KL5FE07",  # failed, asked for a 复检, no conclusion yet
         "赤壁未送达茶厂": "92421281MA4C3FYL02",  # failed, result not yet notified
         "赤壁合格未送达社": "93421281MA4NECRW8W",  # passed, not yet notified
         "嘉鱼不合格管材厂": "91421221MA4E3XHX15"}  # failed, notified, no 复检: final


def _samples() -> dict[str, Sample]:
    """Each firm's sample, new for each test (saving gives it an id)."""
    return {
        "赤壁复检茶厂": Sample(product_name="青砖茶", result="fail", failed_items="水分",
                           result_notified_on="2026-11-24", retest_requested_on="2026-11-26",
                           retest_result="pending"),
        "赤壁未送达茶厂": Sample(product_name="米砖茶", result="fail", failed_items="氟"),
        "赤壁合格未送达社": Sample(product_name="砖茶", result="pass"),
        "嘉鱼不合格管材厂": Sample(product_name="管材", result="fail", failed_items="壁厚",
                             result_notified_on="2026-11-25"),
    }


@pytest.fixture
def drawn(store: Store) -> tuple[Store, str, dict[str, int]]:
    """All four firms drawn on the 20th and checked on the 23rd."""
    ids = {n: save_enterprise(store, Enterprise(uscc=u, name=n, jurisdiction_code=u[2:8], industry="机电",
                                                 main_products="产品")).id for n, u in FIRMS.items()}
    staff = [save_inspector(store, Inspector(name=n, jurisdiction_code="421200")).uuid
             for n in ("王磊", "李娜")]
    params = DrawParameters(jurisdiction="421200", ratios=dict.fromkeys("ABCD", "1"))
    record = commit_draw(store, make_draw(store, seed="20261120", params=params, as_of=DAY, operator="王科长",
                                          witnesses=["李四"]))
    for name, sample in _samples().items():  # the planned checks made on the 23rd
        planned = store.db.execute("SELECT id FROM visit WHERE enterprise_id = ? AND status = 'planned'",
                                   [ids[name]]).fetchone()[0]
        bundle = load_visit(store, planned)
        assert bundle is not None
        bundle.visit.status, bundle.visit.visit_date, bundle.visit.inspectors = "done", "2026-11-23", staff
        bundle.samples = [sample]
        save_visit(store, bundle)
    return store, record.uuid, ids


def _book(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """公示 as 企业 → 检查结果, and 说明 as 项目 → 内容."""
    book = openpyxl.load_workbook(path)
    rows = {r[1]: r[6] for r in book["公示"].iter_rows(min_row=2, values_only=True)}
    return rows, {r[0]: r[1] for r in book["说明"].iter_rows(min_row=2, values_only=True)}


def test_a_period_publishes_only_final_notified_results_and_says_what_it_left_out(
        drawn: tuple[Store, str, dict[str, int]], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, _uuid, _ids = drawn
    out = tmp_path / "期间.xlsx"
    capsys.readouterr()
    assert main(["publish", "--db", str(store.path), "--from", "2026-11-01", "--to", "2026-11-30",
                 "--out", str(out)]) == 0
    rows, notes = _book(out)
    assert rows == {"嘉鱼不合格管材厂": "不合格"}  # neither 不合格 under 复检 nor a result not yet notified
    assert notes["未列入"].startswith("3 个样品结果尚未最终确定，未列入本表：")
    assert "1 个样品正在复检（企业已申请，尚无结论）" in notes["未列入"]
    assert "2 个样品的检验结果尚未送达企业" in notes["未列入"]
    printed = capsys.readouterr().out
    assert "1 条" in printed
    assert "未列入：1 个样品正在复检（企业已申请，尚无结论）；2 个样品的检验结果尚未送达企业" in printed


def test_a_draw_shows_every_firm_with_results_not_final_as_pending(
        drawn: tuple[Store, str, dict[str, int]], tmp_path: Path) -> None:
    store, uuid, _ids = drawn
    out = tmp_path / "抽取.xlsx"
    assert main(["publish", "--db", str(store.path), "--draw", uuid, "--out", str(out)]) == 0
    rows, notes = _book(out)
    assert rows == {"赤壁复检茶厂": "结果待定（复检中）", "赤壁未送达茶厂": "结果待定（尚未送达）",
                    "赤壁合格未送达社": "结果待定（尚未送达）", "嘉鱼不合格管材厂": "不合格"}
    assert "1 个样品正在复检（企业已申请，尚无结论）；2 个样品的检验结果尚未送达企业" in notes["结果待定"]
    assert "已从名录删除" not in notes


def test_a_concluded_retest_is_final_again(drawn: tuple[Store, str, dict[str, int]], tmp_path: Path) -> None:
    store, uuid, _ids = drawn
    store.db.execute("UPDATE sample SET retest_result = 'fail', retest_on = '2026-11-28'"
                     " WHERE product_name = '青砖茶'")
    out = tmp_path / "抽取.xlsx"
    write_draw_publication(store, store_record(store, uuid), out)
    rows, _notes = _book(out)
    assert rows["赤壁复检茶厂"] == "不合格（复检维持）"


def store_record(store: Store, uuid: str) -> DrawRecord:
    record = find_draw(store, uuid)
    assert record is not None
    return record


def test_a_firm_deleted_after_the_draw_stays_on_its_list_marked(
        drawn: tuple[Store, str, dict[str, int]], tmp_path: Path) -> None:
    store, uuid, ids = drawn
    soft_delete(store, fetch_record(store, Enterprise, ids["嘉鱼不合格管材厂"]))
    out = tmp_path / "抽取.xlsx"
    assert write_draw_publication(store, store_record(store, uuid), out).count == 4  # still every drawn firm
    rows, notes = _book(out)
    assert rows["嘉鱼不合格管材厂"] == "已从名录删除"
    assert notes["已从名录删除"].startswith("1 家抽中企业在抽取后已从企业名录删除，仍按抽取结果列出")


def _order(store: Store) -> None:
    firm = save_enterprise(store, Enterprise(uscc="91421202MA4AEDKU8T", name="咸宁苎麻纺织有限公司",
                                             jurisdiction_code="421202", industry="苎麻纺织",
                                             contact_name="周红", contact_phone="13800000001"))
    check = save_visit(store, VisitBundle(
        Visit(enterprise_id=firm.id, visit_date="2026-08-03", kind="licence_followup", status="done",
              inspectors=inspector_pair(store)), [],
        [Finding(description="进货查验记录不全")]))
    order_rectification(store, visit=check.visit, requirement="补齐进货查验记录", ordered_on="2026-08-05",
                        finding=check.findings[0], rule_set="samr18", today=date(2026, 12, 7))


@pytest.mark.parametrize(("kind", "note"), [
    (RECTIFICATIONS, "含个人联系方式，仅供内部使用，不得公开或提供给无关人员。"),
    (ENTERPRISES, "内部工作资料：含风险分类及个人联系方式，不得提供给企业，不得公开或提供给无关人员。"),
    (VISITS, None),  # no contact, no phone: no note
])
def test_a_list_naming_contacts_says_it_holds_personal_data(
        store: Store, tmp_path: Path, kind: str, note: str | None) -> None:
    _order(store)
    out = tmp_path / "列表.xlsx"
    assert export_list(ListSource(store, ListRequest(kind), today=date(2026, 12, 7)), out,
                       exported_by="王磊").rows == 1
    book = openpyxl.load_workbook(out)
    texts = [str(v) for r in book.worksheets[0].iter_rows(values_only=True) for v in r]
    assert ("13800000001" in " ".join(texts)) == (note is not None)  # the phone is in the rows...
    notes = {r[0]: r[1] for r in book["说明"].iter_rows(min_row=2, values_only=True)}
    assert notes.get("注意") == note  # ...and the 说明 sheet says so
