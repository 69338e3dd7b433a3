"""The enterprise list's 更新日期 is the local (China) date of the edit, on screen and in 导出列表.

Found at the year turn: an enterprise edited at 07:00 on 1 January 2027 in Xianning was listed as
updated 2026-12-31, the UTC date of its stored stamp."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from qcdesk.export.list_export import export_list
from qcdesk.models import persistence
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.listing import ENTERPRISES, ListRequest, ListSource
from qcdesk.models.records import Enterprise
from qcdesk.models.store import Store

NEW_YEAR_MORNING = "2026-12-31T23:00:05Z"  # 2027-01-01 07:00:05 in Xianning


@pytest.fixture
def edited(store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    """One enterprise saved on New Year's morning (the clock that stamps updated_at faked)."""
    monkeypatch.setattr(persistence, "now_utc", lambda: NEW_YEAR_MORNING)
    save_enterprise(store, Enterprise(uscc="91421224MA4CJGYT6P", name="通山石材厂",
                                      jurisdiction_code="421224", industry="石材"), [])
    return store


def test_list_row_and_export_show_the_local_date(edited: Store, shanghai: None, tmp_path: Path) -> None:
    assert edited.db.execute("SELECT updated_at FROM enterprise").fetchone()[0] == NEW_YEAR_MORNING
    source = ListSource(edited, ListRequest(ENTERPRISES))
    ids = [k[-1] for k in source.read(None, 10, budget=None).keys]
    assert [r["updated_at"] for r in source.rows(ids).values()] == ["2027-01-01"]
    out = tmp_path / "企业列表.xlsx"
    export_list(source, out, exported_by="王磊")
    rows = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True))
    column = rows[0].index("更新日期")
    assert [r[column] for r in rows[1:]] == [datetime(2027, 1, 1)]


def test_the_enterprise_page_shows_the_local_date(qtbot, edited: Store, shanghai: None) -> None:  # noqa: ANN001
    from qcdesk.ui.list_pages import ListPage

    page = ListPage(edited, ENTERPRISES)
    qtbot.addWidget(page)
    model = page.model
    updated = [c.key for c in model._columns].index("updated_at")
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.index(0, updated).data() == "2027-01-01"
