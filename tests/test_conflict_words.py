"""A conflict as the clerk reads it, in the dialog and in the reconciliation workbook: the app's
words for coded values (已完成, not `closed`), records by name and inspectors by name (never a
uuid or a JSON list), and the list naming the record as it is here now."""

from __future__ import annotations

import re
from pathlib import Path

from conflict_fixtures import enterprise, li_takes_report, order, two_sides, visit, zhang_closes
from exchange_fixtures import export_to, merge
from python_calamine import CalamineWorkbook

from qcdesk.exchange.reconcile import write_reconciliation
from qcdesk.models.persistence import update_record
from qcdesk.models.store import Store
from qcdesk.ui.conflict_dialog import ConflictDialog

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
CODES = ("report_submitted", "closed", "open", "spot_check", "done", "samr18", "fail")


def _all_sorts_of_edits(tmp_path: Path) -> Store:
    """Both sides renamed the enterprise, edited the visit's summary and moved the order on."""
    def side(name: str, summary: str, step) -> object:
        def edit(store: Store) -> None:
            e = enterprise(store)
            e.name = name
            update_record(store, e)
            v = visit(store)
            v.summary = summary
            update_record(store, v)
            step(store)
        return edit

    return two_sides(tmp_path, side("甲名食品厂", "张三改", zhang_closes),
                     side("乙名食品厂", "李四改", li_takes_report))


def _cells(dlg: ConflictDialog, kind: str) -> dict[str, tuple[str, str]]:
    dlg.list.selectRow(next(r for r, c in enumerate(dlg.conflicts) if c["kind"] == kind))
    return {dlg.fields.item(r, 0).text(): (dlg.fields.item(r, 1).text(), dlg.fields.item(r, 2).text())
            for r in range(dlg.fields.rowCount())}


def test_the_dialog_shows_words_and_names(qtbot, chinese, tmp_path: Path) -> None:
    store = _all_sorts_of_edits(tmp_path)  # 李四's database: 乙名食品厂 here
    dlg = ConflictDialog(store)
    qtbot.addWidget(dlg)
    listed = {dlg.conflicts[r]["kind"]: dlg.list.item(r, 1).text() for r in range(dlg.list.rowCount())}
    # the record as it is here, and the other name only where it differs
    assert listed["enterprise"] == "乙名食品厂 ← 甲名食品厂"
    assert listed["visit"] == "乙名食品厂 2024-01-15 监督抽查"
    assert listed["rectification"] == "乙名食品厂：标签不规范"
    order_cells = _cells(dlg, "rectification")
    assert order_cells["状态"] == ("已提交整改报告", "已完成")
    assert order_cells["规则"] == ("市场监管总局令第18号（2019）",) * 2
    assert order_cells["处置升级"] == ("未升级（责令整改）",) * 2
    assert order_cells["整改报告日期"] == ("2024-03-01", "（空）")
    assert order_cells["企业"] == ("乙名食品厂",) * 2
    assert order_cells["检查记录"] == ("乙名食品厂 2024-01-15 监督抽查",) * 2
    assert order_cells["发现问题"] == ("标签不规范（乙名食品厂）",) * 2
    visit_cells = _cells(dlg, "visit")
    assert visit_cells["检查类型"] == ("监督抽查",) * 2 and visit_cells["状态"] == ("已完成",) * 2
    assert visit_cells["检查人员"] == ("张三",) * 2
    for kind in ("rectification", "visit", "enterprise"):
        text = " ".join(f"{k} {a} {b}" for k, (a, b) in _cells(dlg, kind).items())
        assert not UUID.search(text) and "[" not in text and "记录ID" not in text
        assert not any(re.search(rf"\b{code}\b", text) for code in CODES)


def test_the_reconciliation_workbook_uses_the_same_words(tmp_path: Path) -> None:
    store = two_sides(tmp_path, zhang_closes, li_takes_report)
    export_to(store, tmp_path / "li.xlsx", "B" * 16)  # any import result will do for the counts
    result = merge(Store.memory("x"), tmp_path / "li.xlsx", "B" * 16)
    path = write_reconciliation(store, tmp_path / "rec.xlsx", result)
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("冲突").to_python()
    header, body = rows[0], rows[1:]
    by_field = {r[header.index("字段")]: r for r in body}
    assert set(by_field) == {"状态", "整改报告日期", "结案日期"}  # bookkeeping left out
    status = by_field["状态"]
    mine, theirs = status[header.index("现行版本")], status[header.index("另一版本")]
    assert (mine, theirs) == ("已提交整改报告", "已完成")
    assert status[header.index("记录")] == f"{enterprise(store).name}：标签不规范"
    assert status[header.index("原因")] == "双方都修改过"
    assert order(store).status == "report_submitted"
