"""The one warnings workbook (`qcdesk warnings --xlsx`, the page's save and its 导出列表) as a
county office reads it: the day it is counted to, days gone and days left that cannot be taken
for each other, and reasons dated as Chinese sentences are."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from test_warnings import TODAY, build

from qcdesk.cli import main
from qcdesk.models.store import Store
from qcdesk.models.warnings import early_warnings


def _rows(sheet: object) -> dict[str, dict[str, object]]:
    rows = list(sheet.iter_rows(values_only=True))  # type: ignore[attr-defined]
    header = rows[0]
    return {r[0]: dict(zip(header, r, strict=True)) for r in rows[1:]}


def test_cli_workbook_says_its_day_and_splits_days_gone_from_days_left(store: Store, tmp_path: Path) -> None:
    build(store)  # an order 145 days overdue, an SC licence due in 44 days; TODAY is 2026-11-01
    out = tmp_path / "w.xlsx"
    assert main(["warnings", "--db", str(store.path), "--date", TODAY.isoformat(), "--xlsx", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    rows = _rows(book.worksheets[0])
    assert "天数" not in rows["整改逾期"]  # the signed column (−44 = 44 days left) is gone
    assert (rows["整改逾期"]["已过天数"], rows["整改逾期"]["剩余天数"]) == (145, None)
    assert (rows["许可证即将到期"]["已过天数"], rows["许可证即将到期"]["剩余天数"]) == (None, 44)
    notes = dict(book["说明"].iter_rows(min_row=2, values_only=True))
    assert notes["截至日期"].startswith("2026年11月1日")
    assert "剩余天数" in notes["天数"] and "已过天数" in notes["天数"]
    assert "截至2026年11月1日" in book.worksheets[0].oddHeader.center.text  # on every printed page
    assert notes["数据库"] == Path(store.path).name


def test_reasons_write_dates_in_chinese_and_english_keeps_iso(store: Store) -> None:
    build(store)
    by_kind = {w.kind: w for w in early_warnings(store, TODAY)}
    overdue = by_kind["rectification_overdue"]
    assert overdue.reason == "整改期限2026年6月9日已过145天，尚未完成整改"
    assert overdue.reason_text("zh") == overdue.reason
    assert overdue.reason_text("en").startswith("Rectification deadline 2026-06-09 passed")
    assert "将于2026年12月15日到期（剩44天）" in by_kind["licence_expiring"].reason
    for w in by_kind.values():  # no ISO date left in any Chinese reason
        assert not re.search(r"\d{4}-\d{2}-\d{2}", w.reason), w.reason


def test_page_save_proposes_a_dated_name(qtbot, store: Store, settings,  # noqa: ANN001
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import qcdesk.ui.file_dialogs as file_dialogs
    import qcdesk.ui.warnings_page as warnings_page

    build(store)
    page = warnings_page.WarningsPage(store, settings=settings)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.computing, timeout=20000)  # counted in a worker
    proposed: list[str] = []

    def dialog(_parent: object, _title: str, name: str, _filter: str) -> tuple[str, str]:
        proposed.append(name)
        return "", ""  # the user cancels

    monkeypatch.setattr(file_dialogs.QFileDialog, "getSaveFileName", dialog)
    page.set_filters({"kind": "licence_expiring"})
    assert page.save_as() is None
    day = page.as_of.strftime("%Y%m%d")
    assert [Path(p).name for p in proposed] == [f"风险预警_许可证即将到期_{day}.xlsx"]
    assert Path(proposed[0]).parent == file_dialogs.documents_folder()  # not the working folder
