"""Figures of the quarterly 质量状况分析报告 (all SQL of the report lives here).

Pass rate = passed samples / samples with a result (pass + fail) whose visit date falls in the
period.  Samples still pending are not counted.  Deleted rows never count.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlite_utils import Database

from qcdesk.models.jurisdictions import CITY_CODE

PASS_RATE_TARGET = 0.95
IMPROVEMENT_TARGET = 500
QUARTER_NAMES = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}
PASS_RATE_DEFINITION = (
    "合格率＝本期检验合格的样品数÷本期有检验结论（合格＋不合格）的样品数；"
    "“本期”以检查（抽样）日期落在本季度内为准，待检样品不计入。"
)
_ITEM_SPLIT = re.compile(r"[、,，;；/\n]+")


@dataclass(frozen=True)
class RateRow:
    key: str
    label: str
    passed: int
    failed: int

    @property
    def tested(self) -> int:
        return self.passed + self.failed

    @property
    def rate(self) -> float | None:
        return self.passed / self.tested if self.tested else None


@dataclass(frozen=True)
class FailedSample:
    enterprise: str
    jurisdiction: str
    industry: str
    product: str
    spec_model: str
    batch_no: str
    failed_items: str
    visit_date: str


@dataclass(frozen=True)
class OverdueRectification:
    enterprise: str
    jurisdiction: str
    notice_no: str
    requirement: str
    deadline: str
    days_overdue: int
    status: str


@dataclass(frozen=True)
class EnterpriseLine:
    name: str
    uscc: str
    jurisdiction: str
    industry: str


@dataclass(frozen=True)
class LicenceLine:
    enterprise: str
    jurisdiction: str
    kind: str
    number: str
    product: str
    expires_on: str


@dataclass
class QuarterlyData:
    year: int
    quarter: int
    jurisdiction_code: str
    jurisdiction_name: str
    start: str  # inclusive ISO date
    end: str  # exclusive ISO date
    as_of: str
    total: RateRow
    by_jurisdiction: list[RateRow] = field(default_factory=list)
    by_industry: list[RateRow] = field(default_factory=list)
    trend: list[RateRow] = field(default_factory=list)
    visits: int = 0
    failed_samples: list[FailedSample] = field(default_factory=list)
    failing_items: list[tuple[str, int]] = field(default_factory=list)
    rect_completed: int = 0
    rect_open: int = 0
    rect_overdue: int = 0
    overdue: list[OverdueRectification] = field(default_factory=list)
    improvement_count: int = 0
    demonstration: list[EnterpriseLine] = field(default_factory=list)
    expiring: list[LicenceLine] = field(default_factory=list)
    target_rate: float = PASS_RATE_TARGET
    improvement_target: int = IMPROVEMENT_TARGET

    @property
    def end_inclusive(self) -> str:
        return (date.fromisoformat(self.end) - timedelta(days=1)).isoformat()

    @property
    def period_label(self) -> str:
        return f"{self.year}年{QUARTER_NAMES[self.quarter]}"


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, end


def _shift_quarter(year: int, quarter: int, delta: int) -> tuple[int, int]:
    n = year * 4 + (quarter - 1) + delta
    return n // 4, n % 4 + 1


def jurisdiction_exists(db: Database, code: str) -> bool:
    return db.execute("SELECT 1 FROM jurisdiction WHERE code = ?", [code]).fetchone() is not None


def _scope(db: Database, code: str | None) -> tuple[str, str, list[str]]:
    """(code, name, codes) for the jurisdiction and everything under it (高新区 sits in 咸安区)."""
    code = code or CITY_CODE
    row = db.execute("SELECT name FROM jurisdiction WHERE code = ?", [code]).fetchone()
    codes = [r[0] for r in db.execute(
        "WITH RECURSIVE sub(code) AS (SELECT ? UNION SELECT j.code FROM jurisdiction j"
        " JOIN sub ON j.parent_code = sub.code) SELECT code FROM sub", [code]).fetchall()]
    return code, (row[0] if row else code), codes


def _in(codes: list[str]) -> str:
    return ",".join("?" for _ in codes)


def _add_months(d: date, months: int) -> date:
    m = d.month - 1 + months
    y, m = d.year + m // 12, m % 12 + 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(y, m, day)
        except ValueError:
            continue
    raise ValueError(d)


def quarterly_data(db: Database, year: int, quarter: int, jurisdiction: str | None = None,
                   as_of: date | None = None, failed_limit: int | None = None) -> QuarterlyData:
    """Collect every figure of the report; `as_of` (default today) dates the rectification and
    licence sections, which describe the present state rather than the quarter."""
    as_of = as_of or date.today()
    code, name, codes = _scope(db, jurisdiction)
    start, end = quarter_bounds(year, quarter)
    s, e = start.isoformat(), end.isoformat()
    marks = _in(codes)
    src = " FROM visit v JOIN sample s ON s.visit_id = v.id JOIN enterprise en ON en.id = v.enterprise_id"
    join_j = " JOIN jurisdiction j ON j.code = en.jurisdiction_code"
    where = (
        " WHERE v.visit_date >= ? AND v.visit_date < ? AND v.deleted_at IS NULL AND s.deleted_at IS NULL"
        f" AND en.deleted_at IS NULL AND en.jurisdiction_code IN ({marks}) AND s.result IN ('pass', 'fail')"
    )
    counts = "SUM(s.result = 'pass'), SUM(s.result = 'fail')"
    params = [s, e, *codes]

    by_j = db.execute(
        f"SELECT en.jurisdiction_code, j.name, {counts}{src}{join_j}{where}"
        " GROUP BY en.jurisdiction_code ORDER BY en.jurisdiction_code", params).fetchall()
    by_jurisdiction = [RateRow(r[0], r[1], r[2] or 0, r[3] or 0) for r in by_j]
    by_i = db.execute(
        f"SELECT en.industry, {counts}{src}{where} GROUP BY en.industry ORDER BY en.industry", params
    ).fetchall()
    by_industry = [RateRow(r[0] or "", r[0] or "（未分类）", r[1] or 0, r[2] or 0) for r in by_i]
    total = RateRow("total", name, sum(r.passed for r in by_jurisdiction),
                    sum(r.failed for r in by_jurisdiction))

    t_year, t_q = _shift_quarter(year, quarter, -7)
    t_start = quarter_bounds(t_year, t_q)[0].isoformat()
    trend_rows = db.execute(
        "SELECT substr(v.visit_date, 1, 4) || 'Q' || ((CAST(substr(v.visit_date, 6, 2) AS INTEGER) + 2) / 3)"
        f" AS q, {counts}{src}{where} GROUP BY q", [t_start, e, *codes]).fetchall()
    got = {r[0]: (r[1] or 0, r[2] or 0) for r in trend_rows}
    trend = []
    for k in range(-7, 1):
        y, q = _shift_quarter(year, quarter, k)
        key = f"{y}Q{q}"
        trend.append(RateRow(key, f"{y}年Q{q}", *got.get(key, (0, 0))))

    visits = db.execute(
        "SELECT COUNT(*) FROM visit v JOIN enterprise en ON en.id = v.enterprise_id WHERE v.visit_date >= ?"
        f" AND v.visit_date < ? AND v.deleted_at IS NULL AND en.jurisdiction_code IN ({marks})",
        params).fetchone()[0]

    failed_sql = (
        "SELECT en.name, j.name, en.industry, s.product_name, s.spec_model, s.batch_no, s.failed_items,"
        f" v.visit_date{src}{join_j}{where}"
        " AND s.result = 'fail' ORDER BY v.visit_date, s.id"
    )
    failed_samples = [FailedSample(*(x or "" for x in r)) for r in db.execute(failed_sql, params)]
    items: Counter[str] = Counter()
    for f in failed_samples:
        for item in {i.strip() for i in _ITEM_SPLIT.split(f.failed_items) if i.strip()}:
            items[item] += 1
    if failed_limit is not None:
        failed_samples = failed_samples[:failed_limit]

    rect_src = " FROM rectification r JOIN enterprise en ON en.id = r.enterprise_id"
    rect_where = (
        " WHERE r.deleted_at IS NULL AND r.ordered_on >= ? AND r.ordered_on < ?"
        f" AND en.jurisdiction_code IN ({marks})"
    )
    today = as_of.isoformat()
    overdue_cond = "r.status IN ('open', 'report_submitted') AND COALESCE(r.extended_to, r.deadline) < ?"
    rc = db.execute(
        "SELECT SUM(r.status = 'closed'), SUM(r.status != 'closed'),"
        f" SUM({overdue_cond}){rect_src}{rect_where}",
        [today, *params]).fetchone()
    overdue = [
        OverdueRectification(r[0], r[1], r[2] or "", r[3] or "", r[4],
                             (as_of - date.fromisoformat(r[4][:10])).days, r[5])
        for r in db.execute(
            "SELECT en.name, j.name, r.notice_no, r.requirement, COALESCE(r.extended_to, r.deadline),"
            f" r.status{rect_src}{join_j}{rect_where}"
            f" AND {overdue_cond} ORDER BY COALESCE(r.extended_to, r.deadline), r.id",
            [*params, today]).fetchall()
    ]

    ent_where = f"en.deleted_at IS NULL AND en.jurisdiction_code IN ({marks})"
    improvement = db.execute(
        f"SELECT COUNT(*) FROM enterprise en WHERE {ent_where} AND en.in_improvement = 1", codes
    ).fetchone()[0]
    demonstration = [EnterpriseLine(*r) for r in db.execute(
        "SELECT en.name, en.uscc, j.name, en.industry FROM enterprise en JOIN jurisdiction j"
        f" ON j.code = en.jurisdiction_code WHERE {ent_where} AND en.demonstration = 1"
        " ORDER BY en.jurisdiction_code, en.name", codes).fetchall()]
    horizon = _add_months(as_of, 6).isoformat()
    expiring = [LicenceLine(*(x or "" for x in r)) for r in db.execute(
        "SELECT en.name, j.name, l.kind, l.number, l.product, l.expires_on FROM licence l"
        " JOIN enterprise en ON en.id = l.enterprise_id JOIN jurisdiction j ON j.code = en.jurisdiction_code"
        f" WHERE l.deleted_at IS NULL AND {ent_where} AND l.expires_on >= ? AND l.expires_on <= ?"
        " ORDER BY l.expires_on, en.name", [*codes, today, horizon]).fetchall()]

    return QuarterlyData(
        year=year, quarter=quarter, jurisdiction_code=code, jurisdiction_name=name,
        start=s, end=e, as_of=today, total=total, by_jurisdiction=by_jurisdiction,
        by_industry=by_industry, trend=trend, visits=visits, failed_samples=failed_samples,
        failing_items=items.most_common(), rect_completed=rc[0] or 0, rect_open=rc[1] or 0,
        rect_overdue=rc[2] or 0, overdue=overdue, improvement_count=improvement,
        demonstration=demonstration, expiring=expiring,
    )
