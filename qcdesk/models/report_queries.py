"""Figures of the quarterly 质量状况分析报告 (all SQL of the report lives here).

Pass rate = the programme's 监督抽查合格率: passed samples / samples with a result (pass + fail)
of supervision spot-check visits (kind 'spot_check') whose visit date falls in the period — the
same figure as the dashboard's (dashboard_queries).  Samples of other visits (专项检查, 复查 …),
samples still pending and deleted rows never count.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlite_utils import Database

from qcdesk.models import local_day
from qcdesk.models.dashboard_queries import IMPROVEMENT_TARGET, PASS_RATE_TARGET, city_level_label
from qcdesk.models.demonstration import COUNTED_ZONE_STATUS, NATIONAL_TARGET, counted_duplicates
from qcdesk.models.jurisdictions import AREA_CODES_SQL, CITY_CODE, JURISDICTIONS
from qcdesk.models.licence_rules import expiring_sql, horizons, renewal_by
from qcdesk.models.messages import message
from qcdesk.models.report_orders import (  # noqa: F401 - re-exported: the report's public names
    RECTIFICATION_RATE_DEFINITION,
    OverdueRectification,
    UnfinishedRectification,
    WithdrawnRectification,
    quarter_orders,
)
from qcdesk.models.risk import load_rules
from qcdesk.models.store import StoreError

QUARTER_NAMES = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}
PASS_RATE_DEFINITION = (
    "监督抽查合格率＝本期监督抽查检验合格的样品数÷本期监督抽查有检验结论（合格＋不合格）的样品数；"
    "只计监督抽查的样品，专项检查、复查等其他检查的样品不计入；"
    "“本期”以检查日期落在本季度内为准（同一检查的样品均按该检查的日期计，不看样品的抽样日期），"
    "待检样品不计入；申请复检的样品按复检结论计，复检结论未出的按原检验结论（不合格）计。"
)
REPORT_TITLE = "产品质量状况分析报告"
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
    days_expired: int = 0  # days since `expires_on` on the report's day (expired licences only)
    renew_by: str = ""  # XK expiring: last day to apply for renewal (licence_rules.renewal_by)


@dataclass(frozen=True)
class ZoneTally:
    """National demonstration zones/projects (质量提升示范区(项目)) by status; withdrawn ones
    are not counted. Only accepted (已验收) ones count toward the 5–10 target
    (demonstration.COUNTED_ZONE_STATUS, the dashboard's and zones page's rule too)."""

    accepted: int = 0
    building: int = 0
    planning: int = 0
    duplicated: int = 0  # of `accepted`: second entries of a zone counted already (two offices)


class PeriodNotStarted(StoreError):
    """A report on a quarter that has not begun would be an empty report signed today.

    A StoreError, so that every caller that shows those (CLI: one line, exit 2) shows this one."""

    def __init__(self, year: int, quarter: int, start: date):
        params = {"start": f"{start.year}年{start.month}月{start.day}日"}
        super().__init__(
            message("report.period_not_started", "zh", period=f"{year}年{QUARTER_NAMES[quarter]}", **params),
            message("report.period_not_started", "en", period=f"{year}Q{quarter}", start=start.isoformat()))


def check_period_started(year: int, quarter: int, today: date | None = None) -> None:
    """Refuse a quarter that begins after `today`; the current quarter is reported to date."""
    start = quarter_bounds(year, quarter)[0]
    if start > (today or local_day.today()):
        raise PeriodNotStarted(year, quarter, start)


class _Settings:
    """`load_rules` reads through `setting()`; the report holds a bare Database."""

    def __init__(self, db: Database):
        self.db = db

    def setting(self, key: str, default: str = "") -> str:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default


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
    spot_visits: int = 0
    first_visit: str = ""  # earliest live visit on record (any period), "" when none
    failed_samples: list[FailedSample] = field(default_factory=list)
    failing_items: list[tuple[str, int]] = field(default_factory=list)
    rect_completed: int = 0  # closed, withdrawn ones not included
    rect_withdrawn: int = 0  # closed as withdrawn after a passed 复检 (closing_reason set)
    rect_open: int = 0
    rect_overdue: int = 0
    rect_to_withdraw: int = 0  # open, among rect_open, whose sample passed the 复检
    withdrawn: list[WithdrawnRectification] = field(default_factory=list)
    overdue: list[OverdueRectification] = field(default_factory=list)
    # every order not closed, the most behind first; recheck_overdue: reported on time, not re-checked
    unfinished: list[UnfinishedRectification] = field(default_factory=list)
    recheck_overdue: int = 0
    improvement_count: int = 0
    demonstration: list[EnterpriseLine] = field(default_factory=list)
    expiring: list[LicenceLine] = field(default_factory=list)
    # expired before `as_of`, longest expired first: the dashboard's 许可证已过期 for the same day
    expired: list[LicenceLine] = field(default_factory=list)
    # spot-check visits carried out per area row: says whether an area without results was visited
    area_spot_visits: dict[str, int] = field(default_factory=dict)
    zones: ZoneTally = field(default_factory=ZoneTally)
    zone_target: tuple[int, int] = NATIONAL_TARGET
    licence_windows: tuple[int, int] = (6, 60)  # XK renewal months before expiry, SC days warned ahead
    xk_lead_months: int = 3  # XK warned this long before its renewal-by date
    target_rate: float = PASS_RATE_TARGET
    improvement_target: int = IMPROVEMENT_TARGET
    # Jurisdictions under the reported one, counted in its figures (咸宁高新区 in 咸安区's report:
    # the parent relation the draws and warnings of a 咸安区 office use too); empty for the city.
    included: list[str] = field(default_factory=list)
    # (part, its parent) both listed as rows of their own: the parent's row leaves the part out.
    counted_apart: list[tuple[str, str]] = field(default_factory=list)
    # A county's report: the whole city's accepted national zones (the 5–10 target is the city's,
    # the dashboard's city_context); None in the city's report, where `zones` is the city's.
    city_zones: ZoneTally | None = None
    # Counted samples (in `total`) whose visit is dated after `as_of`: a typo or an entry ahead of
    # time the reader should check, since the report says its data stop at `as_of`.
    after_as_of: int = 0
    # Records with an incoming version held in exchange_conflict: the figures use this computer's.
    held_conflicts: int = 0

    @property
    def scope_name(self) -> str:
        """What the figures cover, said plainly: 咸安区（含咸宁高新区）, so that its total is never
        read as the 咸安区 row of the city's report (咸安区 alone)."""
        return f"{self.jurisdiction_name}（含{'、'.join(self.included)}）" if self.included else (
            self.jurisdiction_name)

    @property
    def end_inclusive(self) -> str:
        return (date.fromisoformat(self.end) - timedelta(days=1)).isoformat()

    @property
    def partial(self) -> bool:
        """The quarter is still running: its figures stop at `as_of`."""
        return self.as_of < self.end_inclusive

    @property
    def completion_rate(self) -> float | None:
        """整改完成率 (RECTIFICATION_RATE_DEFINITION): withdrawn orders out of the denominator."""
        owed = self.rect_completed + self.rect_open
        return self.rect_completed / owed if owed else None

    @property
    def period_label(self) -> str:
        return f"{self.year}年{QUARTER_NAMES[self.quarter]}"


def report_name(where: str, year: int, quarter: int) -> str:
    """The report's title as printed on its first page (咸宁市2026年第三季度产品质量状况分析报告);
    the GUI names the files it suggests with it, so a file is found under the title it bears."""
    return f"{where}{year}年{QUARTER_NAMES[quarter]}{REPORT_TITLE}"


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
    codes = [r[0] for r in db.execute(AREA_CODES_SQL, {"area": code}).fetchall()]
    return code, (row[0] if row else code), codes


def _area_order(code: str) -> tuple[int, str]:
    """The dashboard's order of areas (jurisdictions.JURISDICTIONS: 市本级, the six counties by
    GB/T 2260 code, then 咸宁高新区), so that the report and the dashboard list them alike."""
    known = [j.code for j in JURISDICTIONS]
    return (known.index(code), "") if code in known else (len(known), code)


def _area_rows(codes: list[str], ents: dict[int, tuple[str, str]], jnames: dict[str, str],
               per_j: dict[str, list[int]]) -> list[RateRow]:
    """One row per area of the scope, those without results too: a report to the government lists
    every county. 市本级 only when firms are registered at city level (the dashboard's rule)."""
    registered = {e[0] for e in ents.values()}
    keys = {c for c in codes if c != CITY_CODE or c in registered} | set(per_j)
    return [RateRow(k, jnames.get(k, k), *per_j.get(k, (0, 0))) for k in sorted(keys, key=_area_order)]


def _in(codes: list[str]) -> str:
    return ",".join("?" for _ in codes)


def quarterly_data(db: Database, year: int, quarter: int, jurisdiction: str | None = None,
                   as_of: date | None = None, failed_limit: int | None = None,
                   timings: dict[str, float] | None = None) -> QuarterlyData:
    """Collect every figure of the report; `as_of` (default today) dates the rectification and
    licence sections, which describe the present state rather than the quarter.

    `timings`, when given, receives the seconds each section's queries took (for the bench)."""
    clock = [time.perf_counter()]

    def lap(name: str) -> None:
        now = time.perf_counter()
        if timings is not None:
            timings[name] = timings.get(name, 0.0) + now - clock[0]
        clock[0] = now

    as_of = as_of or local_day.today()
    check_period_started(year, quarter, as_of)
    today = as_of.isoformat()
    code, name, codes = _scope(db, jurisdiction)
    start, end = quarter_bounds(year, quarter)
    s, e = start.isoformat(), end.isoformat()
    marks = _in(codes)
    t_year, t_q = _shift_quarter(year, quarter, -7)
    t_start = quarter_bounds(t_year, t_q)[0].isoformat()

    # Live enterprises in scope: the figures are grouped in Python from one pass over the samples.
    ents = {r[0]: (r[1], r[2] or "") for r in db.execute(
        "SELECT id, jurisdiction_code, industry FROM enterprise"
        f" WHERE deleted_at IS NULL AND jurisdiction_code IN ({marks})", codes).fetchall()}
    places = sorted(db.execute(f"SELECT code, name, parent_code FROM jurisdiction WHERE code IN ({marks})",
                               codes).fetchall(), key=lambda r: _area_order(r[0]))
    jnames = {c: n for c, n, _ in places}
    included = [n for c, n, _ in places if c != code] if code != CITY_CODE else []
    apart = [(n, jnames[p]) for _, n, p in places if p in jnames and p != CITY_CODE]
    lap("enterprises")
    # One pass over eight quarters of samples, driven by the visit_date index (`+s.result` keeps
    # SQLite from walking the whole sample table through its result index instead).
    agg = db.execute(
        "SELECT substr(v.visit_date, 1, 7), v.enterprise_id, SUM(s.result = 'pass'), SUM(s.result = 'fail')"
        " FROM visit v JOIN sample s ON s.visit_id = v.id WHERE v.visit_date >= ? AND v.visit_date < ?"
        " AND v.kind = 'spot_check'"  # the 监督抽查合格率: spot checks only, as on the dashboard
        " AND v.deleted_at IS NULL AND s.deleted_at IS NULL AND +s.result IN ('pass', 'fail')"
        " GROUP BY 1, 2", [t_start, e]).fetchall()
    lap("sample_results_8_quarters")
    # Of those, the quarter's samples dated after `as_of` (counted; the report asks to check them).
    later = db.execute(
        "SELECT v.enterprise_id, COUNT(*) FROM visit v JOIN sample s ON s.visit_id = v.id"
        " WHERE v.visit_date > ? AND v.visit_date >= ? AND v.visit_date < ? AND v.kind = 'spot_check'"
        " AND v.deleted_at IS NULL AND s.deleted_at IS NULL AND +s.result IN ('pass', 'fail')"
        " GROUP BY 1", [today, s, e]).fetchall()
    per_j: dict[str, list[int]] = {}
    per_i: dict[str, list[int]] = {}
    per_q: dict[str, list[int]] = {}
    for month, ent_id, passed, failed in agg:
        ent = ents.get(ent_id)
        if ent is None:
            continue
        qkey = f"{month[:4]}Q{(int(month[5:7]) + 2) // 3}"
        acc = per_q.setdefault(qkey, [0, 0])
        acc[0] += passed
        acc[1] += failed
        if s[:7] <= month < e[:7]:
            for table, key in ((per_j, ent[0]), (per_i, ent[1])):
                acc = table.setdefault(key, [0, 0])
                acc[0] += passed
                acc[1] += failed
    # Enterprises registered with the city itself (421200) are the city's own (市本级), not a county.
    if CITY_CODE in jnames:
        jnames[CITY_CODE] = city_level_label("zh")
    by_jurisdiction = _area_rows(codes, ents, jnames, per_j)
    by_industry = [RateRow(k, k or "（未分类）", *per_i[k]) for k in sorted(per_i)]
    total = RateRow("total", name, sum(r.passed for r in by_jurisdiction),
                    sum(r.failed for r in by_jurisdiction))
    trend = []
    for k in range(-7, 1):
        y, q = _shift_quarter(year, quarter, k)
        key = f"{y}Q{q}"
        trend.append(RateRow(key, f"{y}年{QUARTER_NAMES[q]}", *per_q.get(key, (0, 0))))

    # Visits carried out (planned ones do not count), through the partial index visit_live_last.
    visits = spot_visits = 0
    area_spot: Counter[str] = Counter()
    for ent_id, kind, n in db.execute(
            "SELECT enterprise_id, kind, COUNT(*) FROM visit WHERE deleted_at IS NULL AND status != 'planned'"
            " AND visit_date >= ? AND visit_date < ? GROUP BY enterprise_id, kind", [s, e]).fetchall():
        if ent_id in ents:
            visits += n
            if kind == "spot_check":
                spot_visits += n
                area_spot[ents[ent_id][0]] += n
    first_visit = db.execute("SELECT min(visit_date) FROM visit WHERE deleted_at IS NULL").fetchone()[0]
    lap("visit_count")

    failed_samples = [
        FailedSample(r[0], jnames.get(r[1], r[1]), *(x or "" for x in r[2:]))
        for r in db.execute(
            "SELECT en.name, en.jurisdiction_code, en.industry, s.product_name, s.spec_model, s.batch_no,"
            " s.failed_items, v.visit_date FROM visit v JOIN sample s ON s.visit_id = v.id"
            " JOIN enterprise en ON en.id = v.enterprise_id"
            " WHERE v.visit_date >= ? AND v.visit_date < ? AND v.deleted_at IS NULL AND v.kind = 'spot_check'"
            " AND s.result = 'fail' AND s.deleted_at IS NULL AND en.deleted_at IS NULL"
            f" AND en.jurisdiction_code IN ({marks}) ORDER BY v.visit_date, s.id", [s, e, *codes])
    ]
    lap("failed_samples")
    items: Counter[str] = Counter()
    for f in failed_samples:
        for item in {i.strip() for i in _ITEM_SPLIT.split(f.failed_items) if i.strip()}:
            items[item] += 1
    if failed_limit is not None:
        failed_samples = failed_samples[:failed_limit]
    lap("failing_items")

    orders = quarter_orders(db, s, e, ents, jnames, as_of)
    lap("rectifications")

    ent_where = f"en.deleted_at IS NULL AND en.jurisdiction_code IN ({marks})"
    improvement = db.execute(
        f"SELECT COUNT(*) FROM enterprise en WHERE {ent_where} AND en.in_improvement = 1", codes
    ).fetchone()[0]
    demonstration = [EnterpriseLine(n, u, jnames.get(j, j), i) for n, u, j, i in db.execute(
        "SELECT en.name, en.uscc, en.jurisdiction_code, en.industry FROM enterprise en"
        f" WHERE {ent_where} AND en.demonstration = 1"
        " ORDER BY en.jurisdiction_code, en.name COLLATE pinyin", codes).fetchall()]
    # Each kind warned within its own window (licence_rules: XK 3 months before its renewal-by
    # date, 6 months before expiry; SC 60 days by default), XK lines naming that date.
    rules = load_rules(_Settings(db))  # type: ignore[arg-type]
    h = horizons(rules, as_of)

    def renew_by(kind: str, expires: str) -> str:
        by = renewal_by(kind, date.fromisoformat(expires), rules) if expires else None
        return by.isoformat() if by else ""

    expiring = [LicenceLine(n, jnames.get(j, j), *(x or "" for x in rest), 0, renew_by(rest[0], rest[3]))
                for n, j, *rest in db.execute(
        "SELECT en.name, en.jurisdiction_code, l.kind, l.number, l.product, l.expires_on FROM licence l"
        " JOIN enterprise en ON en.id = l.enterprise_id"
        f" WHERE l.deleted_at IS NULL AND {ent_where} AND {expiring_sql('l', '?', '?', '?')}"
        " ORDER BY l.expires_on, en.name COLLATE pinyin", [*codes, today, h["u_sc"], h["u"]]).fetchall()]
    # Expired: the dashboard's 许可证已过期 (dashboard_queries._LICENCE_STATES["expired"]), in scope.
    expired = [LicenceLine(n, jnames.get(j, j), *(x or "" for x in rest), int(days or 0))
               for n, j, *rest, days in db.execute(
        "SELECT en.name, en.jurisdiction_code, l.kind, l.number, l.product, l.expires_on,"
        " CAST(julianday(?) - julianday(l.expires_on) AS INTEGER) FROM licence l"
        " JOIN enterprise en ON en.id = l.enterprise_id"
        f" WHERE l.deleted_at IS NULL AND {ent_where} AND l.expires_on IS NOT NULL AND l.expires_on < ?"
        " ORDER BY l.expires_on, en.name COLLATE pinyin", [today, *codes, today]).fetchall()]
    zones = _zones(db, codes)
    city_zones = None if code == CITY_CODE else _zones(db, _scope(db, CITY_CODE)[2])
    lap("enterprises_licences")
    return QuarterlyData(
        year=year, quarter=quarter, jurisdiction_code=code, jurisdiction_name=name,
        start=s, end=e, as_of=today, total=total, by_jurisdiction=by_jurisdiction,
        by_industry=by_industry, trend=trend, visits=visits, failed_samples=failed_samples,
        failing_items=items.most_common(), rect_completed=orders.completed, rect_open=len(orders.unfinished),
        rect_withdrawn=len(orders.withdrawn), withdrawn=orders.withdrawn,
        rect_to_withdraw=sum(1 for u in orders.unfinished if u.retest_passed),
        rect_overdue=len(orders.overdue), overdue=orders.overdue, unfinished=orders.unfinished,
        recheck_overdue=sum(1 for u in orders.unfinished if u.clock.recheck_late),
        improvement_count=improvement,
        demonstration=demonstration, expiring=expiring, expired=expired, spot_visits=spot_visits,
        area_spot_visits=dict(area_spot),
        first_visit=first_visit or "",
        zones=zones, licence_windows=(rules.warn_licence_months, rules.warn_food_licence_days),
        xk_lead_months=rules.warn_licence_lead_months,
        included=included, counted_apart=apart, city_zones=city_zones,
        after_as_of=sum(n for ent_id, n in later if ent_id in ents), held_conflicts=held_conflicts(db),
    )


def _zones(db: Database, codes: list[str]) -> ZoneTally:
    """National zones/projects of the areas `codes` by status (withdrawn ones left out)."""
    marks = _in(codes)
    return ZoneTally(*(int(n) for n in db.execute(
        "SELECT total(status = ?), total(status = 'building'), total(status = 'planning')"
        " FROM demonstration_zone WHERE deleted_at IS NULL"
        f" AND level = 'national' AND jurisdiction_code IN ({marks})",
        [COUNTED_ZONE_STATUS, *codes]).fetchone()), counted_duplicates(db, "national", codes))


def held_conflicts(db: Database) -> int:
    """Records (kind + uuid) with an incoming version waiting in exchange_conflict: until someone
    resolves them every figure counts this computer's version, so a report says how many."""
    return db.execute("SELECT count(*) FROM (SELECT DISTINCT kind, uuid FROM exchange_conflict"
                      " WHERE resolved_at IS NULL)").fetchone()[0]
