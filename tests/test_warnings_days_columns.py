"""The warnings page counts days as its workbook does: 已过661天 or 剩余28天 (the workbook's 已过天数
and 剩余天数, one filled per row), never a signed 天数 where −28 meant 28 days left; sorting by the
column keeps the most urgent first."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt

from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.records import Enterprise, Licence
from qcdesk.models.store import Store
from qcdesk.ui.warnings_page import WarningsPage


def _licences(store: Store) -> None:
    """Licences of four enterprises: expired 5 days ago, due in 1, 20 and 40 days (SC: warned
    60 days ahead)."""
    today = date.today()
    for code, shift in (("91421281MA4KL5FE07", -5), ("92421281MA4C3FYL02", 20), ("93421281MA4NECRW8W", 40),
                        ("91421221MA4E3XHX15", 1)):
        lic = Licence(number="SC11442128100017", product="砖茶",
                      expires_on=(today + timedelta(days=shift)).isoformat())
        save_enterprise(store, Enterprise(uscc=code, name=f"茶厂{shift}", jurisdiction_code="421281",
                                          industry="砖茶"), [lic])


def _days(page: WarningsPage) -> list[tuple[str, str]]:
    """(enterprise, days cell) of the licence rows, in the order shown."""
    model, days = page.model, page.model.COLUMNS.index("days")
    return [(model.rows[r].enterprise_name, model.index(r, days).data())
            for r in range(model.rowCount()) if model.rows[r].kind.startswith("licence")]


def test_days_say_gone_or_left_as_the_workbook_counts_them(
        qtbot, qtmodeltester, chinese, store: Store, settings, tmp_path: Path) -> None:  # noqa: ANN001
    _licences(store)
    page = WarningsPage(store, settings=settings)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.computing, timeout=20000)  # counted in a worker
    qtmodeltester.check(page.model)
    # most urgent first: the expired licence, then the one due soonest; no "-20" anywhere
    assert _days(page) == [("茶厂-5", "已过5天"), ("茶厂1", "剩余1天"), ("茶厂20", "剩余20天"),
                           ("茶厂40", "剩余40天")]
    out = page.save_as(tmp_path / "w.xlsx")
    rows = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True))
    at = {t: i for i, t in enumerate(rows[0])}
    workbook = [(r[at["企业名称"]], f"已过{r[at['已过天数']]}天" if r[at["已过天数"]] is not None
                 else f"剩余{r[at['剩余天数']]}天")
                for r in rows[1:] if r[at["预警类型"]].startswith("许可证")]
    assert workbook == _days(page)  # the page and its workbook, row for row


def test_days_in_english_and_sorted_either_way(qtbot, qtmodeltester, store: Store, settings) -> None:  # noqa: ANN001
    _licences(store)
    page = WarningsPage(store, settings=settings)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.computing, timeout=20000)  # counted in a worker
    assert [d for _, d in _days(page)] == ["5 ago", "1 left", "20 left", "40 left"]  # under "Days"
    header, days = page.view.horizontalHeader(), page.model.COLUMNS.index("days")
    tips = [page.model.index(r, days).data(Qt.ItemDataRole.ToolTipRole) for r in range(page.model.rowCount())
            if page.model.rows[r].kind.startswith("licence")]
    assert tips == ["5 days ago", "1 day left", "20 days left", "40 days left"]  # in full
    header.setSortIndicator(days, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(page.model)
    assert [d for _, d in _days(page)] == ["40 left", "20 left", "1 left", "5 ago"]
    assert page.model.index(0, days).data(Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
