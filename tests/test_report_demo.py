"""The quarterly report's numbers equal figures computed directly with SQL on a demo database."""

from __future__ import annotations

from datetime import date

import pytest

from qcdesk.models.report_queries import quarterly_data
from qcdesk.models.store import Store

demo = pytest.importorskip("qcdesk.models.demo")
TODAY = date(2026, 11, 29)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    demo.build_demo(path, visits=4000, enterprises=300, today=TODAY)
    s = Store.open(path)
    yield s
    s.close()


def direct(db, start: str, end: str, where: str = "", params: tuple = ()) -> tuple[int, int]:
    row = db.execute(
        "SELECT TOTAL(s.result = 'pass'), TOTAL(s.result = 'fail') FROM sample s"
        " WHERE s.deleted_at IS NULL AND s.visit_id IN (SELECT v.id FROM visit v JOIN enterprise e"
        " ON e.id = v.enterprise_id WHERE v.deleted_at IS NULL AND e.deleted_at IS NULL"
        " AND v.kind = 'spot_check'"  # the 监督抽查合格率 counts spot-check samples only
        f" AND v.visit_date BETWEEN ? AND ? {where})", [start, end, *params]).fetchone()
    return int(row[0]), int(row[1])


@pytest.mark.parametrize(("year", "quarter", "start", "end"), [
    (2026, 3, "2026-07-01", "2026-09-30"), (2026, 1, "2026-01-01", "2026-03-31"),
])
def test_quarter_figures_match_sql(store, year, quarter, start, end):
    data = quarterly_data(store.db, year, quarter, as_of=TODAY)
    assert (data.total.passed, data.total.failed) == direct(store.db, start, end)
    assert data.total.tested > 0
    for row in data.by_jurisdiction:
        assert (row.passed, row.failed) == direct(store.db, start, end, "AND e.jurisdiction_code = ?",
                                                  (row.key,))
    for row in data.by_industry:
        assert (row.passed, row.failed) == direct(store.db, start, end, "AND e.industry = ?", (row.key,))
    assert data.trend[-1].passed == data.total.passed
    closed, not_closed = store.db.execute(
        "SELECT TOTAL(r.status = 'closed'), TOTAL(r.status != 'closed') FROM rectification r"
        " JOIN enterprise e ON e.id = r.enterprise_id WHERE r.deleted_at IS NULL AND e.deleted_at IS NULL"
        " AND r.ordered_on BETWEEN ? AND ?", [start, end]).fetchone()
    assert (data.rect_completed, data.rect_open) == (int(closed), int(not_closed))
    assert data.improvement_count == store.db.execute(
        "SELECT COUNT(*) FROM enterprise WHERE in_improvement = 1 AND deleted_at IS NULL").fetchone()[0]


def test_county_report_matches_sql(store):
    data = quarterly_data(store.db, 2026, 3, "421281", as_of=TODAY)
    assert data.jurisdiction_name == "赤壁市"
    assert (data.total.passed, data.total.failed) == direct(
        store.db, "2026-07-01", "2026-09-30", "AND e.jurisdiction_code = '421281'")
