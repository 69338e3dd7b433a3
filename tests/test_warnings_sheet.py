"""The warnings spreadsheet as a county office uses it in Excel or WPS: filter by kind or
area, sort by deadline (a date cell, not text)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from test_warnings import TODAY, build

from qcdesk.models.store import Store
from qcdesk.models.warnings import early_warnings, write_warnings_xlsx


def test_deadlines_are_date_cells_and_the_header_filters(store: Store, tmp_path: Path) -> None:
    build(store)
    found = early_warnings(store, TODAY)
    out = write_warnings_xlsx(found, tmp_path / "预警.xlsx")
    ws = openpyxl.load_workbook(out).active
    assert ws.auto_filter.ref == f"A1:J{len(found) + 1}"
    dues = [row[6] for row in ws.iter_rows(min_row=2)]
    dated = [c for c in dues if c.value]
    assert dated and all(isinstance(c.value, dt.datetime) and c.number_format == "yyyy-mm-dd"
                         for c in dated)
    assert {c.value.date().isoformat() for c in dated} == {w.due for w in found if w.due}


def test_the_city_sees_its_counties_warnings_and_a_county_only_its_own(store: Store) -> None:
    from qcdesk.models.warnings import count_warnings

    build(store)  # enterprises of 赤壁市 (421281)
    everywhere = early_warnings(store, TODAY)
    assert everywhere
    assert early_warnings(store, TODAY, jurisdiction="421200") == everywhere
    assert early_warnings(store, TODAY, jurisdiction="421281") == everywhere
    assert early_warnings(store, TODAY, jurisdiction="421202") == []
    assert count_warnings(store, TODAY, jurisdiction="421200") == count_warnings(store, TODAY)
    assert sum(count_warnings(store, TODAY, jurisdiction="421202").values()) == 0
