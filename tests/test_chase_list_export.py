"""The 整改跟踪 workbook says whom to call (s7/r2 F6): a planner chasing the overdue orders had
the notice, firm and deadline but had to open each firm for its 联系人, 联系电话, 统一社会信用代码
and 辖区."""

from __future__ import annotations

import datetime as dt
from datetime import date
from pathlib import Path

import openpyxl

from qcdesk.export.list_export import export_list
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_visit
from qcdesk.models.listing import OVERDUE, RECTIFICATIONS, ListFilters, ListRequest, ListSource
from qcdesk.models.records import Enterprise, Finding, Visit
from qcdesk.models.rectifications import order_rectification
from qcdesk.models.store import Store
from tests.inspector_pair import inspector_pair

TODAY = date(2026, 12, 7)


def _overdue_order(store: Store, name: str, uscc: str, code: str, contact: str, phone: str) -> None:
    firm = save_enterprise(store, Enterprise(uscc=uscc, name=name, jurisdiction_code=code,
                                             industry="苎麻纺织", contact_name=contact,
                                             contact_phone=phone))
    check = save_visit(store, VisitBundle(
        Visit(enterprise_id=firm.id, visit_date="2026-08-03", kind="licence_followup", status="done",
              inspectors=inspector_pair(store)), [],
        [Finding(description="进货查验记录不全")]))
    order_rectification(store, visit=check.visit, requirement="补齐进货查验记录", ordered_on="2026-08-05",
                        finding=check.findings[0], rule_set="samr18", today=TODAY)


def test_the_overdue_chase_list_names_whom_to_call(store: Store, tmp_path: Path) -> None:
    _overdue_order(store, "咸宁苎麻纺织有限公司", "91421202MA4AEDKU8T", "421202", "周红", "0715-8123456")
    _overdue_order(store, "赤壁砖茶厂", "91421281MA4KL5FE07", "421281", "", "")  # none on file
    source = ListSource(store, ListRequest(RECTIFICATIONS, ListFilters(status=OVERDUE)), today=TODAY)
    out = tmp_path / "整改列表_已逾期.xlsx"
    assert export_list(source, out, exported_by="王磊").rows == 2
    sheet = openpyxl.load_workbook(out).worksheets[0]
    header = [c.value for c in sheet[1]]
    at = header.index("企业")
    assert header[at + 1:at + 5] == ["统一社会信用代码", "辖区", "联系人", "联系电话"], header
    rows = {r[at]: r[at + 1:at + 5] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["咸宁苎麻纺织有限公司"] == ("91421202MA4AEDKU8T", "咸安区", "周红", "0715-8123456")
    assert rows["赤壁砖茶厂"][:2] == ("91421281MA4KL5FE07", "赤壁市")
    assert not any(rows["赤壁砖茶厂"][2:])  # blank, not "None"
    phone = {r[at].value: r[at + 4] for r in sheet.iter_rows(min_row=2)}["咸宁苎麻纺织有限公司"]
    assert phone.data_type == "s"  # a text cell: Excel keeps the leading 0


def test_the_chase_list_s_dates_are_date_cells(store: Store, tmp_path: Path) -> None:
    """Order dates and deadlines as text would stop Excel and WPS sorting and filtering by month."""
    _overdue_order(store, "咸宁苎麻纺织有限公司", "91421202MA4AEDKU8T", "421202", "周红", "0715-8123456")
    out = tmp_path / "整改.xlsx"
    export_list(ListSource(store, ListRequest(RECTIFICATIONS, ListFilters(status=OVERDUE)), today=TODAY), out,
                exported_by="王磊")
    sheet = openpyxl.load_workbook(out).worksheets[0]
    header = [c.value for c in sheet[1]]
    for name, day in (("下达日期", dt.datetime(2026, 8, 5)), ("整改期限", dt.datetime(2026, 10, 4))):
        cell = sheet[2][header.index(name)]
        assert cell.is_date and cell.value == day, (name, cell.value)
