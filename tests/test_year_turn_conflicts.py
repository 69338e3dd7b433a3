"""Dates in a merge conflict are the local (China) dates a clerk lives by, not the UTC date of
the stored stamp: an order deleted at 07:30 on 1 January 2027 in Xianning read 已删除（2026-12-31）
in the conflict dialog and the reconciliation workbook, and a draw made that morning was named
抽查摇号 2026-12-31."""

from __future__ import annotations

from pathlib import Path

import pytest
from conflict_fixtures import li_takes_report, order, two_sides
from exchange_fixtures import export_to, merge
from python_calamine import CalamineWorkbook

from qcdesk.exchange.reconcile import write_reconciliation
from qcdesk.models import persistence
from qcdesk.models.conflict_names import RecordNames
from qcdesk.models.persistence import soft_delete
from qcdesk.models.store import Store
from qcdesk.ui.conflict_dialog import ConflictDialog

NEW_YEAR_MORNING = "2026-12-31T23:30:00Z"  # 2027-01-01 07:30 in Xianning


def _zhang_deletes(store: Store) -> None:
    soft_delete(store, order(store))


@pytest.fixture
def deleted_there(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    """李四 recorded a report on New Year's morning; 张三 deleted the same order then."""
    monkeypatch.setattr(persistence, "now_utc", lambda: NEW_YEAR_MORNING)
    return two_sides(tmp_path, _zhang_deletes, li_takes_report)


def _deletion_cells(dlg: ConflictDialog) -> tuple[str, str]:
    dlg.list.selectRow(next(r for r, c in enumerate(dlg.conflicts) if c["kind"] == "rectification"))
    rows = [(dlg.fields.item(r, 1).text(), dlg.fields.item(r, 2).text())
            for r in range(dlg.fields.rowCount())]
    return next(cells for cells in rows if any("已删除" in c for c in cells))


def test_the_dialog_shows_the_local_day_of_a_deletion(qtbot, chinese, shanghai,  # noqa: ANN001
                                                       deleted_there: Store) -> None:
    kept = deleted_there.db.execute("SELECT row_json FROM exchange_conflict").fetchone()[0]
    assert NEW_YEAR_MORNING in kept  # stored as the UTC stamp, shown as the local day
    dlg = ConflictDialog(deleted_there)
    qtbot.addWidget(dlg)
    assert _deletion_cells(dlg)[1] == "已删除（2027-01-01）"


def test_the_reconciliation_workbook_shows_the_local_day(shanghai, deleted_there: Store,
                                                         tmp_path: Path) -> None:
    export_to(deleted_there, tmp_path / "li.xlsx", "B" * 16)
    result = merge(Store.memory("x"), tmp_path / "li.xlsx", "B" * 16)
    path = write_reconciliation(deleted_there, tmp_path / "rec.xlsx", result)
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("冲突").to_python()
    cells = [c for r in rows[1:] for c in r if isinstance(c, str) and "已删除" in c]
    assert cells == ["已删除（2027-01-01）"]


def test_a_draw_is_named_by_its_local_day(store: Store, shanghai) -> None:  # noqa: ANN001
    names = RecordNames(store)
    assert names.titled("draw_record", {"drawn_at": NEW_YEAR_MORNING}) == "抽查摇号 2027-01-01"
