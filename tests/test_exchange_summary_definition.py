"""The 汇总 sheet's pass rate is the one a reader puts beside the 95 % target, so it is the
programme's 监督抽查合格率: the samples the quarterly report counts (spot checks only, 复检
conclusion final), over all periods and headed so; 检查次数 leaves planned visits out as the
report does; a soft-deleted enterprise counts nowhere; 说明 says what each column counts.

It once counted 专项检查 samples and planned visits, and a deleted firm's visits and orders
(findings-numbers A3): 91.5 % where the report printed 93.9 %."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
from exchange_fixtures import USCCS, export_to, merge

from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Enterprise, Inspector, Rectification, Sample, Visit
from qcdesk.models.report_queries import quarterly_data
from qcdesk.models.store import Store

RATE = "监督抽查合格率（全部期间）"


def _visit(store: Store, ent: Enterprise, day: str, kind: str, status: str, insp: Inspector,
           results: list[str]) -> Visit:
    v = insert_record(store, Visit(enterprise_id=ent.id, visit_date=day, kind=kind, status=status,
                                   inspectors=[insp.uuid]))
    for i, result in enumerate(results):
        insert_record(store, Sample(visit_id=v.id, product_name=f"砖茶{i}", sampled_on=day,
                                    result=result))
    return v


def _awkward(store: Store) -> None:
    """赤壁市: spot checks in Q3 and Q4 (a pending sample, a 复检 fail→pass, a deleted sample, a
    deleted visit), a 专项检查 with two fails, a planned visit, an open order. 通山县: a firm
    soft-deleted after its failed spot check and its order."""
    with store.db.atomic():
        insp = insert_record(store, Inspector(name="张三", cert_no="0042", jurisdiction_code="421281"))
        live = insert_record(store, Enterprise(uscc=USCCS[5], name="赤壁砖茶厂", jurisdiction_code="421281"))
        gone = insert_record(store, Enterprise(uscc=USCCS[4], name="通山石材厂", jurisdiction_code="421224"))
        v1 = _visit(store, live, "2026-08-10", "spot_check", "done", insp,
                    ["pass", "pass", "fail", "pending"])
        insert_record(store, Sample(visit_id=v1.id, product_name="米砖茶", result="pass",
                                    retest_requested_on="2026-08-20", retest_result="pass",
                                    retest_on="2026-09-01"))
        deleted_sample = insert_record(store, Sample(visit_id=v1.id, product_name="删", result="fail"))
        _visit(store, live, "2026-11-20", "spot_check", "done", insp, ["pass", "fail"])
        _visit(store, live, "2026-09-01", "special", "done", insp, ["fail", "fail"])
        _visit(store, live, "2026-12-20", "spot_check", "planned", insp, [])
        deleted_visit = _visit(store, live, "2026-10-05", "spot_check", "done", insp, ["fail"])
        insert_record(store, Rectification(enterprise_id=live.id, visit_id=v1.id, requirement="整改",
                                           ordered_on="2026-08-12", deadline="2026-10-11",
                                           recheck_due="2026-10-26"))
        g = _visit(store, gone, "2026-10-08", "spot_check", "done", insp, ["fail", "fail"])
        insert_record(store, Rectification(enterprise_id=gone.id, visit_id=g.id, requirement="整改",
                                           ordered_on="2026-10-09", deadline="2026-12-08",
                                           recheck_due="2026-12-23"))
        now = "2026-11-30T08:00:00Z"
        store.db.execute("UPDATE sample SET deleted_at = ? WHERE id = ?", [now, deleted_sample.id])
        store.db.execute("UPDATE visit SET deleted_at = ? WHERE id = ?", [now, deleted_visit.id])
        store.db.execute("UPDATE enterprise SET deleted_at = ? WHERE id = ?", [now, gone.id])


def _summary(path: Path) -> tuple[list[str], dict[str | None, list[object]]]:
    sheet = openpyxl.load_workbook(path)["汇总"]
    header = [c.value for c in sheet[1]]
    return header, {row[0].value: [c.value for c in row] for row in sheet.iter_rows(min_row=2)}


def test_summary_counts_the_reports_spot_check_samples_over_all_periods(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "county.db", author="赤壁市局")
    _awkward(store)
    path = tmp_path / "data.xlsx"
    export_to(store, path, "C6C6C6C6C6C6C6C6")
    header, rows = _summary(path)
    # 通山县's only firm is deleted: its visit, failed samples and order count nowhere
    assert list(rows) == ["421281", None]
    # 检查次数: the Q3 and Q4 spot checks and the 专项检查, not the planned or the deleted visit;
    # samples: 4 passed (one by its 复检), 2 failed; the 专项检查's two fails are not spot checks
    assert rows["421281"][2:] == [1, 3, 4, 2, 4 / 6, 1]
    assert rows[None] == [None, "合计", 1, 3, 4, 2, 4 / 6, 1]
    assert header == ["辖区代码", "辖区", "企业数", "检查次数", "监督抽查合格", "监督抽查不合格", RATE,
                      "未结整改"]
    # the same samples and visits as the quarterly report, over its two quarters
    quarters = [quarterly_data(store.db, 2026, q, as_of=date(2026, 11, 30)) for q in (3, 4)]
    assert sum(d.total.passed for d in quarters) == 4
    assert sum(d.total.failed for d in quarters) == 2
    assert sum(d.visits for d in quarters) == 3
    store.close()


def test_summary_notes_say_what_each_column_counts(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "county.db", author="赤壁市局")
    _awkward(store)
    path = tmp_path / "data.xlsx"
    export_to(store, path, "C7C7C7C7C7C7C7C7")
    store.close()
    book = openpyxl.load_workbook(path)
    header = [c.value for c in book["汇总"][1]]
    lines = [[c.value for c in r] for r in book["说明"].iter_rows(min_row=2) if r[0].value == "汇总"]
    described = {r[1]: r[2] for r in lines if r[1]}
    assert list(described) == header  # one line per column, in the sheet's order
    whole = next(r[2] for r in lines if not r[1])
    assert "不限期间" in whole and "已删除的企业" in whole and "导入时不读取此表" in whole
    assert "计划中" in described["检查次数"] and "不计入" in described["检查次数"]
    for column in ("监督抽查合格", "监督抽查不合格"):
        text = described[column]
        assert "只计监督抽查" in text and "专项检查" in text and "全部期间" in text, column
        assert "复检结论" in text, column
    assert "季度" in described[RATE] and "全部期间" in described[RATE]


def test_the_importer_ignores_the_summary_and_the_round_trip_holds(tmp_path: Path) -> None:
    """A person may overwrite 汇总: the records come back exactly, and the receiver's own 汇总
    (from the records merged) equals the sender's."""
    a = Store.open(tmp_path / "a.db", author="赤壁市局")
    _awkward(a)
    path = tmp_path / "data.xlsx"
    export_to(a, path, "C8C8C8C8C8C8C8C8")
    sent = _summary(path)
    book = openpyxl.load_workbook(path)
    book["汇总"]["E2"] = "=1/0"
    book["汇总"]["A9"] = "not a record"
    book.save(path)
    b = Store.open(tmp_path / "b.db", author="市质强办")
    merge(b, path, "C8C8C8C8C8C8C8C8")
    for table in ("enterprise", "visit", "sample", "rectification"):
        sql = f"SELECT uuid, deleted_at, revision FROM {table} ORDER BY uuid"
        assert b.db.execute(sql).fetchall() == a.db.execute(sql).fetchall(), table
    again = tmp_path / "again.xlsx"
    export_to(b, again, "C9C9C9C9C9C9C9C9")
    assert _summary(again) == sent
    a.close()
    b.close()
