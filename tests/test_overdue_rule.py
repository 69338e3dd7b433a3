"""Who is late on a rectification order, and the same answer everywhere it is shown or counted.

The enterprise is overdue (整改逾期) when its order is still open past the (extended) deadline, or
its report came after that deadline and the order is not settled. A report in by the deadline
stops the enterprise's clock: from then on only the bureau's re-check can be late (复查逾期,
SAMR order 18: re-check within 75 days of the order). The list filter, the dashboard, the
warnings and the quarterly report must agree with `rules.is_overdue` on every case.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from qcdesk.models.dashboard_queries import dashboard_figures, records_behind
from qcdesk.models.listing import OVERDUE, RECTIFICATIONS, ListFilters, ListRequest, ListSource
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import RECTIFICATION_STATUSES, Enterprise, Rectification, Visit
from qcdesk.models.report_queries import quarterly_data
from qcdesk.models.rules import is_overdue, order_clock
from qcdesk.models.store import Store
from qcdesk.models.warnings import count_warnings, early_warnings

TODAY = date.today()  # the list and the dialog count from today: every date here is relative to it
TODAY_IS_RUN_DAY = True  # tests/conftest.py moves TODAY to the day each test runs (a run across midnight)
KINDS = ("rectification_overdue", "recheck_overdue")
RED, AMBER = "#c62828", "#9c5700"  # the enterprise is late; the bureau's re-check is late


def day(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


def parent(store: Store) -> Visit:
    ent = insert_record(store, Enterprise(uscc="91421224MA4KL5FE07", name="通山县石材有限公司",
                                          jurisdiction_code="421224", industry="石材"))
    return insert_record(store, Visit(enterprise_id=ent.id, visit_date=day(-800), kind="spot_check",
                                      status="done"))


def order(store: Store, visit: Visit, notice: str, status: str, deadline: int, *,
          report: int | None = None, extended_by: int = 0) -> Rectification:
    """An order whose effective deadline is `deadline` days from today (an extension of
    `extended_by` days moved it there) and whose report came `report` days after that deadline."""
    effective = TODAY + timedelta(days=deadline)
    original = effective - timedelta(days=extended_by)
    ordered = original - timedelta(days=60)
    return insert_record(store, Rectification(
        enterprise_id=visit.enterprise_id, visit_id=visit.id, requirement="整改荒料标识",
        rule_set="aqsiq133" if extended_by else "samr18", ordered_on=ordered.isoformat(),
        deadline=original.isoformat(), extended_to=effective.isoformat() if extended_by else None,
        recheck_due=(ordered + timedelta(days=75)).isoformat(), status=status, notice_no=notice,
        report_submitted_on=None if report is None else (effective + timedelta(days=report)).isoformat(),
        closed_on=day(0) if status == "closed" else None))


def reviewed(store: Store, visit: Visit) -> dict[str, Rectification]:
    """The order of the review (report 42 days before its deadline, which passed 648 days ago),
    beside one whose report came late, one still open and late, one on time and not yet due."""
    return {
        "on_time": order(store, visit, "通山市监质改〔2024〕3号", "report_submitted", -648, report=-42),
        "late_report": order(store, visit, "通山市监质改〔2024〕4号", "report_submitted", -100, report=12),
        "open_late": order(store, visit, "通山市监质改〔2024〕5号", "open", -5),
        "waiting": order(store, visit, "通山市监质改〔2024〕6号", "awaiting_recheck", -2, report=-1),
    }


def quarters(rects: list[Rectification]) -> set[tuple[int, int]]:
    return {(int(r.ordered_on[:4]), (int(r.ordered_on[5:7]) + 2) // 3) for r in rects}


def test_list_filter_dashboard_warnings_report_and_rule_agree_on_every_case(store: Store) -> None:
    visit = parent(store)
    rects: list[Rectification] = []
    n = 0
    with store.db.atomic():
        for status in RECTIFICATION_STATUSES:
            for deadline in (-648, -30, -1, 0, 1, 30):
                for extended_by in (0, 20):
                    for report in (None, -10, 0, 1, 30):
                        n += 1
                        rects.append(order(store, visit, f"咸市监质改〔2026〕{n}号", status, deadline,
                                           report=report, extended_by=extended_by))
    late = {r.id for r in rects if is_overdue(r.status, r.effective_deadline, r.report_submitted_on, TODAY)}
    by_id = {r.id: r for r in rects}
    # The rule as decided: open past the deadline, or a late report not yet settled; never an
    # order reported by its deadline, never a closed or failed one.
    assert {by_id[i].status for i in late} == {"open", "report_submitted", "awaiting_recheck"}
    assert all(by_id[i].status == "open" or by_id[i].report_submitted_on > by_id[i].effective_deadline
               for i in late)
    assert all(r.effective_deadline < TODAY.isoformat() for r in map(by_id.get, late))
    on_time = [r for r in rects if r.status == "report_submitted" and r.report_submitted_on
               and r.report_submitted_on <= r.effective_deadline < TODAY.isoformat()]
    assert on_time and not late & {r.id for r in on_time}

    source = ListSource(store, ListRequest(RECTIFICATIONS, ListFilters(status=OVERDUE)), today=TODAY)
    listed = [k[-1] for k in source.page(None, 10_000)]
    assert listed == sorted(late, key=lambda i: (by_id[i].effective_deadline, i))
    rows = ListSource(store, ListRequest(RECTIFICATIONS), today=TODAY).rows([r.id for r in rects])
    assert {i for i, row in rows.items() if row["overdue"]} == late
    assert all(row["clock"] == order_clock(by_id[i].status, by_id[i].effective_deadline,
                                           by_id[i].report_submitted_on, by_id[i].recheck_due, TODAY)
               for i, row in rows.items())

    assert set(records_behind(store, "rectifications", {"state": "overdue"}, TODAY)) == late
    assert dashboard_figures(store, TODAY, with_risk=False).rectifications_overdue == len(late)

    warned = [w for w in early_warnings(store, TODAY, kinds=KINDS) if w.kind == "rectification_overdue"]
    assert {w.record_uuid for w in warned} == {by_id[i].uuid for i in late}
    assert count_warnings(store, TODAY, refresh=False)["rectification_overdue"] == len(late)

    reported: list[str] = []
    for year, quarter in quarters(rects):
        data = quarterly_data(store.db, year, quarter, as_of=TODAY)
        assert data.rect_overdue == len(data.overdue)
        reported += [o.notice_no for o in data.overdue]
    assert sorted(reported) == sorted(by_id[i].notice_no for i in late)


def test_the_reviewed_order_is_the_bureaus_recheck_not_the_enterprises_delay(store: Store) -> None:
    rects = reviewed(store, parent(store))
    on_time, late_report, open_late = rects["on_time"], rects["late_report"], rects["open_late"]
    f = dashboard_figures(store, TODAY, with_risk=False)
    assert f.rectifications_overdue == 2  # the late report and the open order
    assert set(records_behind(store, "rectifications", {"state": "overdue"}, TODAY)) == {
        late_report.id, open_late.id}
    assert on_time.id in records_behind(store, "rectifications", {"state": "recheck_overdue"}, TODAY)

    found = early_warnings(store, TODAY, kinds=KINDS)
    overdue = {w.subject for w in found if w.kind == "rectification_overdue"}
    assert overdue == {late_report.notice_no, open_late.notice_no}
    recheck = [w for w in found if w.kind == "recheck_overdue" and w.subject == on_time.notice_no]
    due = date.fromisoformat(on_time.recheck_due)  # a Chinese reason dates as Chinese sentences do
    assert len(recheck) == 1
    assert f"{due.year}年{due.month}月{due.day}日前组织复查，已逾期633天" in recheck[0].reason

    year, quarter = next(iter(quarters([on_time])))
    data = quarterly_data(store.db, year, quarter, as_of=TODAY)
    assert on_time.notice_no not in [o.notice_no for o in data.overdue]
    late = {o.notice_no: o.clock for o in data.unfinished}  # listed apart, as the bureau's delay
    assert late[on_time.notice_no].recheck_late and not late[on_time.notice_no].enterprise_late


def test_list_rows_say_whose_move_it_is(qtbot, store: Store, chinese) -> None:  # noqa: ANN001
    from qcdesk.ui.list_model import LazyListModel
    from qcdesk.ui.list_pages import columns_for

    rects = reviewed(store, parent(store))
    columns = columns_for(RECTIFICATIONS)
    days_col = [c.key for c in columns].index("days_left")
    status_col = [c.key for c in columns].index("status")

    def shown(filters: ListFilters) -> dict[str, tuple[str, str, object]]:
        model = LazyListModel(store, ListRequest(RECTIFICATIONS, filters), columns)
        out = {}
        for row in range(model.rowCount()):
            rect_id = model.data(model.index(row, 0), Qt.ItemDataRole.UserRole + 1)
            name = next(k for k, r in rects.items() if r.id == rect_id)
            brush = model.data(model.index(row, days_col), Qt.ItemDataRole.ForegroundRole)
            out[name] = (model.data(model.index(row, days_col)), model.data(model.index(row, status_col)),
                         brush.color().name() if brush is not None else None)
        return out

    rows = shown(ListFilters())
    assert rows["on_time"] == ("复查已逾期 633 天", "已提交整改报告", AMBER)  # not the enterprise's red
    assert rows["late_report"] == ("报告逾期 12 天", "已提交整改报告", RED)
    assert rows["open_late"] == ("已逾期 5 天", "待整改", RED)
    assert rows["waiting"] == ("距复查期限 13 天", "待复查", None)
    assert set(shown(ListFilters(status=OVERDUE))) == {"late_report", "open_late"}


def test_dialog_shows_the_recheck_overdue_not_the_order(qtbot, store: Store, paths, settings,  # noqa: ANN001
                                                        chinese) -> None:
    from qcdesk.ui.rectification_dialog import RectificationDialog

    rects = reviewed(store, parent(store))
    seen = {}
    for name in ("on_time", "late_report", "open_late", "waiting"):
        dialog = RectificationDialog(store, paths, rects[name].id, settings=settings)
        qtbot.addWidget(dialog)
        seen[name] = (dialog.days_label.text(), dialog.days_label.styleSheet())
    assert seen["on_time"][0] == "复查已逾期 633 天" and AMBER in seen["on_time"][1]
    assert seen["late_report"][0] == "报告逾期 12 天" and RED in seen["late_report"][1]
    assert seen["open_late"][0] == "已逾期 5 天" and RED in seen["open_late"][1]
    assert seen["waiting"] == ("距复查期限 13 天", "")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_quarterly_report_counts_only_the_enterprises_delays(store: Store, tmp_path: Path) -> None:
    from qcdesk.export.pdf.report import render_quarterly
    from qcdesk.models.document_data import DocSettings

    visit = parent(store)
    on_time = order(store, visit, "通山市监质改〔2024〕3号", "report_submitted", -648, report=-42)
    ordered = date.fromisoformat(on_time.ordered_on)
    late = order(store, visit, "通山市监质改〔2024〕7号", "awaiting_recheck", -648, report=3)
    assert late.ordered_on == on_time.ordered_on
    data = quarterly_data(store.db, ordered.year, (ordered.month + 2) // 3, as_of=TODAY)
    pdf = tmp_path / "q.pdf"
    render_quarterly(data, DocSettings(), pdf)
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                             text=True, check=True).stdout)
    # the enterprise's delays counted apart from the bureau's late re-check, both listed with their state
    assert "未完成2件，其中企业逾期未整改1件，整改报告已按期提交但逾期未复查1件" in text
    assert "通山市监质改〔2024〕7号" in text and "通山市监质改〔2024〕3号" in text
    assert "复查逾期633天" in text and "3天提交，待复查" in text  # the state wraps in its cell
    assert [(o.notice_no, o.days_overdue) for o in data.overdue] == [("通山市监质改〔2024〕7号", 3)]
