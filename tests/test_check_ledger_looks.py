"""Imported checks look and read right (review ledgers-again F7, F8, F10): a visit brought in from a
抽查台账 says where it came from and what it found, leaves the 抽样地点 it was never given blank,
符合/不符合 and 张伟（执法证号） are read, and the preview says each new row's result and organiser."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook

from qcdesk.models.check_ledger import apply_check_plan, plan_check_import
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import save_inspector
from qcdesk.models.records import SAMPLING_PLACES, Enterprise, Inspector
from qcdesk.models.store import Store
from qcdesk.ui.roster_import_counts import row_details

HENGDA = "91421222MA4PJ5BUX4"
TODAY = date(2026, 12, 1)
HEADER = ["统一社会信用代码", "企业名称", "检查日期", "产品名称", "检验结论", "不合格项目", "检查人员",
          "任务来源"]


def _county(store: Store) -> None:
    store.set_setting("doc.org_name", "通城县市场监督管理局")
    save_enterprise(store, Enterprise(uscc=HENGDA, name="通城县恒达磨具有限公司", jurisdiction_code="421222"))
    for name, cert in (("张伟", "04212220001"), ("张伟", "04212220002"), ("王强", "04212220003")):
        save_inspector(store, Inspector(name=name, cert_no=cert, jurisdiction_code="421222"))


def _ledger(path: Path, rows: list[list[str]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "2024年"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


ROWS = [
    [HENGDA, "恒达磨具", "2024.6.12", "砂带", "不符合", "粒度组成", "张伟（04212220001）、王强", "本局"],
    [HENGDA, "恒达磨具", "2024.9.22", "砂布", "符合", "", "", "省抽"],
    [HENGDA, "恒达磨具", "2024.10.8", "砂纸", "合格", "", "王强(04212220002)、张伟(04212220001)", "县抽"],
]


def test_fuhe_and_a_name_with_its_certificate_number_are_read(store: Store, tmp_path: Path) -> None:
    """F7: 符合/不符合 are results; 张伟（04212220001） is that 张伟 (two are on the register)."""
    _county(store)
    plan = plan_check_import(store, _ledger(tmp_path / "抽查台账.xlsx", ROWS), today=TODAY)
    problems = [(i.row, i.reason()) for i in plan.issues if not i.warning]
    # 王强 is not the holder of 04212220002 (a 张伟 is): said, and the row is not imported
    assert problems == [(4, "“王强(04212220002)”：执法证号 04212220002 在执法人员名录中是“张伟”，"
                            "与所写姓名不符：请核对姓名或执法证号")]
    assert [(r.row, r.sample.result) for r in plan.rows] == [(2, "fail"), (3, "pass")]
    zhang_wei = store.db.execute("SELECT uuid FROM inspector WHERE cert_no = '04212220001'").fetchone()[0]
    assert plan.rows[0].visit.inspectors[0] == zhang_wei


def test_the_preview_says_each_new_rows_result_and_organiser(store: Store, tmp_path: Path) -> None:
    """F10: the 说明 of a new row: day, product, result (and failed items), the organiser read."""
    _county(store)
    plan = plan_check_import(store, _ledger(tmp_path / "抽查台账.xlsx", ROWS[:2]), today=TODAY)
    assert [row_details("checks", r) for r in plan.rows] == [
        "2024-06-12 砂带, fail: 粒度组成, organised by 通城县市场监督管理局",
        "2024-09-22 砂布, pass, organised by 湖北省市场监督管理局"]


def test_imported_visits_say_where_they_came_from_and_what_they_found(store: Store, tmp_path: Path) -> None:
    """F8: 检查情况 and 检查结论 filled; 抽样地点 left blank."""
    _county(store)
    plan = plan_check_import(store, _ledger(tmp_path / "抽查台账.xlsx", ROWS[:2]), today=TODAY)
    apply_check_plan(store, plan, today=TODAY)
    visits = list(store.db.query("SELECT id, summary, conclusion FROM visit ORDER BY visit_date"))
    assert [(v["summary"], v["conclusion"]) for v in visits] == [
        ("由抽查台账导入（工作表2024年第2行；任务来源 本局）", "抽样1批次，不合格：粒度组成"),
        ("由抽查台账导入（工作表2024年第3行；任务来源 省抽）", "抽样1批次，合格"),
    ]
    # the ledger gives no 抽样地点: the sample keeps a place every QCDesk reads (a blank one would
    # make an older version refuse the county's package), and 检查情况 above says where it came from
    assert {r[0] for r in store.db.execute("SELECT sampling_place FROM sample")} <= set(SAMPLING_PLACES)
