"""One state of an order, one wording: the 整改跟踪 list said 逾期 21 天 / "21 day(s) overdue" where
the enterprise page and the order dialog said 已逾期 21 天 / "21 days overdue". Now all of them,
and the exported list, word each clock alike (the warnings' 已逾期 N 天), in English with
"1 day" and "N days", never "day(s)"."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from day_clock import fixed_today
from PySide6.QtCore import Qt
from withdrawn_orders import LATE, build_orders

from qcdesk.export.list_export import export_list
from qcdesk.export.list_words import clock_words
from qcdesk.models.listing import RECTIFICATIONS, ListRequest, ListSource
from qcdesk.models.records import Rectification
from qcdesk.models.rules import order_clock
from qcdesk.models.store import Store

TODAY = date(2026, 5, 1)


def test_list_enterprise_page_dialog_and_export_say_the_same(qtbot, lang: str, store: Store,  # noqa: ANN001
                                                             paths, settings, tmp_path,  # noqa: ANN001
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import qcdesk.ui.enterprise_page as enterprise_page
    import qcdesk.ui.rectification_dialog as rectification_dialog
    from qcdesk.ui.list_pages import ListPage

    fixed_today(monkeypatch, LATE)
    late = build_orders(store).late  # deadline 2026-11-09, 41 days before LATE
    words = "已逾期 41 天" if lang == "zh_CN" else "41 days overdue"

    page = ListPage(store, RECTIFICATIONS)
    qtbot.addWidget(page)
    keys = [c.key for c in page.model.columns()]
    row = page.model.row_of(late.id)
    assert page.model.index(row, keys.index("days_left")).data() == words

    ent = enterprise_page.EnterprisePage(store, paths, late.enterprise_id)
    qtbot.addWidget(ent)
    shown = {ent.rects.item(r, 0).data(Qt.ItemDataRole.UserRole): ent.rects.item(r, 3).text()
             for r in range(ent.rects.rowCount())}
    assert shown[late.id] == words

    dialog = rectification_dialog.RectificationDialog(store, paths, late.id, settings=settings)
    qtbot.addWidget(dialog)
    assert dialog.days_label.text() == words

    if lang == "zh_CN":  # the export writes Chinese whatever the window shows
        out = tmp_path / "整改.xlsx"
        export_list(ListSource(store, ListRequest(RECTIFICATIONS), today=LATE), out, exported_by="王磊")
        sheet = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True))
        at = {t: i for i, t in enumerate(sheet[0])}
        assert {r[at["通知书编号"]]: r[at["剩余天数"]] for r in sheet[1:]}[late.notice_no] == words


# status, deadline, report submitted, re-check due: every running clock, at one day and at many
STATES = {
    "late 1": ("open", "2026-04-30", None, "2026-05-15"),
    "late 21": ("open", "2026-04-10", None, "2026-04-25"),
    "due today": ("open", "2026-05-01", None, "2026-05-16"),
    "left 1": ("open", "2026-05-02", None, "2026-05-17"),
    "left 21": ("open", "2026-05-22", None, "2026-06-06"),
    "report late 1": ("report_submitted", "2026-04-10", "2026-04-11", "2026-05-20"),
    "report late 12": ("report_submitted", "2026-04-10", "2026-04-22", "2026-05-20"),
    "re-check late 1": ("awaiting_recheck", "2026-04-10", "2026-04-01", "2026-04-30"),
    "re-check late 633": ("awaiting_recheck", "2024-07-10", "2024-07-01", "2024-08-06"),
    "re-check today": ("awaiting_recheck", "2026-04-10", "2026-04-01", "2026-05-01"),
    "re-check in 1": ("awaiting_recheck", "2026-04-10", "2026-04-01", "2026-05-02"),
    "re-check in 4": ("awaiting_recheck", "2026-04-10", "2026-04-01", "2026-05-05"),
}
ZH = {"late 1": "已逾期 1 天", "late 21": "已逾期 21 天", "due today": "今日到期", "left 1": "剩余 1 天",
      "left 21": "剩余 21 天", "report late 1": "报告逾期 1 天", "report late 12": "报告逾期 12 天",
      "re-check late 1": "复查已逾期 1 天", "re-check late 633": "复查已逾期 633 天",
      "re-check today": "今日复查到期", "re-check in 1": "距复查期限 1 天",
      "re-check in 4": "距复查期限 4 天"}
EN = {"late 1": "1 day overdue", "late 21": "21 days overdue", "due today": "Due today",
      "left 1": "1 day left", "left 21": "21 days left", "report late 1": "Report 1 day late",
      "report late 12": "Report 12 days late", "re-check late 1": "Re-check 1 day overdue",
      "re-check late 633": "Re-check 633 days overdue", "re-check today": "Re-check due today",
      "re-check in 1": "Re-check due in 1 day", "re-check in 4": "Re-check due in 4 days"}


def test_every_clock_state_has_one_wording(qapp, lang: str) -> None:  # noqa: ANN001
    from qcdesk.ui.list_pages import _clock_text
    from qcdesk.ui.rectification_texts import days_text

    expected = ZH if lang == "zh_CN" else EN
    for name, (status, deadline, report, recheck) in STATES.items():
        clock = order_clock(status, deadline, report, recheck, TODAY)
        rect = Rectification(status=status, deadline=deadline, report_submitted_on=report,
                             recheck_due=recheck)
        listed, shown = _clock_text({"clock": clock}), days_text(rect, TODAY)[0]  # list; page and dialog
        assert (listed, shown) == (expected[name], expected[name]), name
        if lang == "zh_CN":
            assert clock_words(clock) == expected[name], name  # the exported list
