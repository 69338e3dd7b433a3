"""Figures for the landing dashboard, and the records behind each figure.

Pass rate is defined once, here (`PASS_RATE_DEFINITION`): passed ÷ (passed + failed) samples of
live spot-check visits whose visit date lies in the period; pending samples do not count. Nothing
of a soft-deleted enterprise (one that came in deleted by import) counts in any figure, as in the
quarterly report and the warnings. The dashboard reads the trigger-maintained `spot_group` roll-up
(month × jurisdiction × industry, fed by `spot_month`, live enterprises only), so a refresh costs
a few thousand rows instead of a pass over a million visits;
`pass_rates_direct` is the same definition over the base tables, for tests and the benchmark.

`records_behind(kind, filters)` returns the ids a figure counts, so the list a tile opens always
shows exactly the figure's rows. Filter keys per kind are listed in `FILTER_KEYS`.

A scope (`area`, a jurisdiction code) limits every figure to that jurisdiction and those under it
(`jurisdictions.area_codes`, the lists' meaning: 咸安区 takes in 咸宁高新区, 咸宁市 is the whole
city), because a county's database also holds the other counties' data passed on in packages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from qcdesk.models import local_day
from qcdesk.models.demonstration import (
    COUNTED_ZONE_STATUS,
    NATIONAL_TARGET,
    PENDING_ZONE_STATUSES,
    ZONE_LEVELS,
)
from qcdesk.models.jurisdictions import CITY_CODE, JURISDICTIONS, area_codes, place_name
from qcdesk.models.licence_rules import expiring_sql, horizons, xk_window_months
from qcdesk.models.risk import RISK_CLASSES, class_counts, load_rules, months_after, refresh_risk
from qcdesk.models.rules import overdue_sql, recheck_clock_sql
from qcdesk.models.store import Store
from qcdesk.models.warnings import count_warnings

PASS_RATE_TARGET = 0.95
IMPROVEMENT_TARGET = 500
# The same figure as the quarterly report's and said the same way (report_queries.PASS_RATE_DEFINITION):
# the visit's date, not the sample's 抽样日期; a 复检 settles the sample (retest.settle_retest).
PASS_RATE_DEFINITION = {
    "zh": "监督抽查合格率 = 合格批次 ÷（合格批次 + 不合格批次）。\n"
          "统计期内（按检查日期，不看样品的抽样日期）监督抽查的样品；专项检查、复查等其他检查的样品和待检样品不计入。\n"
          "申请复检的样品按复检结论计，复检结论未出的按原检验结论（不合格）计。",
    "en": "Spot-check pass rate = passed ÷ (passed + failed) samples of supervision spot checks with a "
          "visit date in the period (not the sample's own sampling date); samples of special inspections, "
          "re-checks and other visits, and pending samples, are not counted.\n"
          "A re-tested sample counts by its re-test conclusion; one whose re-test is still pending counts "
          "by its first conclusion (failed).",
}
CITY_LEVEL = {"zh": "市本级", "en": "City level"}
# "jurisdiction" is an area (the scope: the code and those under it); "jurisdiction_only" one
# jurisdiction's own rows (a bar of the by-jurisdiction chart, 咸安区 without 咸宁高新区).
FILTER_KEYS = {
    "visits": ("kind", "date_from", "date_to", "jurisdiction", "jurisdiction_only", "industry", "result",
               "tested"),
    "enterprises": ("in_improvement", "risk_class", "jurisdiction", "industry"),
    "rectifications": ("state", "jurisdiction"),  # open | overdue | recheck_pending | recheck_overdue
    "licences": ("state", "jurisdiction"),  # expiring | expired
    "zones": ("level", "kind", "jurisdiction"),
    "warnings": ("kind", "jurisdiction"),
}
# A live row's enterprise lies in the scope (:codes, a JSON list of jurisdiction codes).
IN_SCOPE = "jurisdiction_code IN (SELECT value FROM json_each(:codes))"
_SCOPE_IDS = f"SELECT id FROM enterprise WHERE {IN_SCOPE}"


def scope_codes(store: Store, area: str | None) -> list[str] | None:
    """The jurisdiction codes a scope takes in, None for the whole database (no scope, or 咸宁市)."""
    return area_codes(store.db, area) if area else None


def pass_rate_definition(lang: str = "zh") -> str:
    return PASS_RATE_DEFINITION["en" if lang.startswith("en") else "zh"]


def city_level_label(lang: str = "zh") -> str:
    """Enterprises registered with the city itself (421200) are 市本级, not a county."""
    return CITY_LEVEL["en" if lang.startswith("en") else "zh"]


def jurisdiction_label(code: str, lang: str = "zh") -> str:
    """A pass-rate row's name: 市本级 for the city's own code, else the jurisdiction's name
    (in English its romanisation)."""
    if code == CITY_CODE:
        return city_level_label(lang)
    return place_name(code, lang=lang)


@dataclass(frozen=True)
class Period:
    key: str  # e.g. "2026Q4", "2026"
    start: date
    end: date  # inclusive

    @property
    def months(self) -> tuple[str, str]:
        return self.start.isoformat()[:7], self.end.isoformat()[:7]


def quarter_of(today: date) -> Period:
    q = (today.month - 1) // 3
    start = date(today.year, 3 * q + 1, 1)
    end = months_after(start, 3).replace(day=1)
    return Period(f"{today.year}Q{q + 1}", start, date.fromordinal(end.toordinal() - 1))


def year_of(today: date) -> Period:
    return Period(str(today.year), date(today.year, 1, 1), date(today.year, 12, 31))


def period_before(period: Period) -> Period:
    """The quarter or year before `period` (2027Q1 → 2026Q4, 2027 → 2026)."""
    day_before = date.fromordinal(period.start.toordinal() - 1)
    return quarter_of(day_before) if "Q" in period.key else year_of(day_before)


def period_label(period: Period, lang: str = "zh") -> str:
    """A period as people read it: 2026年第四季度 / 2026年, or 2026 Q4 / 2026 in English.

    Only for display: the key (2026Q4) is what the CLI's --period accepts and stays as it is.
    """
    year, _, quarter = period.key.partition("Q")
    if lang.startswith("en"):
        return f"{year} Q{quarter}" if quarter else year
    return f"{year}年第{'一二三四'[int(quarter) - 1]}季度" if quarter else f"{year}年"


def date_label(day: date, lang: str = "zh") -> str:
    """2026年11月30日 in Chinese (no leading zeros, as in official documents), ISO in English."""
    return day.isoformat() if lang.startswith("en") else f"{day.year}年{day.month}月{day.day}日"


@dataclass(frozen=True)
class PassRate:
    key: str  # jurisdiction code or industry name; "" for the total
    passed: int
    failed: int

    @property
    def tested(self) -> int:
        return self.passed + self.failed

    @property
    def rate(self) -> float | None:
        return self.passed / self.tested if self.tested else None


@dataclass
class PeriodRates:
    period: Period
    total: PassRate
    by_jurisdiction: list[PassRate]
    by_industry: list[PassRate]


def _city_level(store: Store) -> bool:
    """Whether any live enterprise is registered at city level (421200) rather than in a county."""
    return store.db.execute("SELECT 1 FROM enterprise WHERE jurisdiction_code = ? AND deleted_at IS NULL"
                            " LIMIT 1", [CITY_CODE]).fetchone() is not None


def _rates(rows: list[tuple], period: Period, city_level: bool = False,
           codes: list[str] | None = None) -> PeriodRates:
    """Fold (jurisdiction, industry, passed, failed) rows into totals per dimension.

    Every county of the scope is listed (no data shows as such); the city's own row (市本级)
    only when enterprises are registered at city level: the city is not one of its counties."""
    by_j: dict[str, list[int]] = {j.code: [0, 0] for j in JURISDICTIONS if (j.code != CITY_CODE or city_level)
                                  and (codes is None or j.code in codes)}
    by_i: dict[str, list[int]] = {}
    total = [0, 0]
    for code, industry, passed, failed in rows:
        for bucket in (by_j.setdefault(code, [0, 0]), by_i.setdefault(industry or "", [0, 0]), total):
            bucket[0] += passed or 0
            bucket[1] += failed or 0
    industries = sorted(by_i.items(), key=lambda kv: (-(kv[1][0] + kv[1][1]), kv[0]))
    return PeriodRates(period, PassRate("", *total), [PassRate(k, *v) for k, v in by_j.items()],
                       [PassRate(k, *v) for k, v in industries])


def _in_scope(codes: list[str] | None, alias: str = "") -> str:
    return f" AND {alias}{IN_SCOPE}" if codes is not None else ""


def pass_rates(store: Store, period: Period, codes: list[str] | None = None) -> PeriodRates:
    """From the monthly summary: one range scan of the period's months (within `codes` if given)."""
    first, last = period.months
    rows = store.db.execute(
        "SELECT jurisdiction_code, industry, sum(passed), sum(failed) FROM spot_group"
        f" WHERE month >= :first AND month <= :last{_in_scope(codes)} GROUP BY jurisdiction_code, industry"
        " HAVING sum(passed) + sum(failed) > 0",
        {"first": first, "last": last, "codes": json.dumps(codes)}).fetchall()
    return _rates(rows, period, _city_level(store) and (codes is None or CITY_CODE in codes), codes)


def pass_rates_direct(store: Store, period: Period, codes: list[str] | None = None) -> PeriodRates:
    """The definition over the base tables; must always equal `pass_rates`."""
    rows = store.db.execute(
        "SELECT e.jurisdiction_code, e.industry, sum(s.result = 'pass'), sum(s.result = 'fail')"
        " FROM sample s JOIN visit v ON v.id = s.visit_id JOIN enterprise e ON e.id = v.enterprise_id"
        " WHERE s.deleted_at IS NULL AND v.deleted_at IS NULL AND v.kind = 'spot_check'"
        " AND e.deleted_at IS NULL"
        " AND s.result IN ('pass', 'fail') AND v.visit_date >= :start AND v.visit_date < :end"
        f"{_in_scope(codes, 'e.')}"
        " GROUP BY e.jurisdiction_code, e.industry",
        {"start": period.start.isoformat(), "end": date.fromordinal(period.end.toordinal() + 1).isoformat(),
         "codes": json.dumps(codes)}).fetchall()
    return _rates(rows, period, _city_level(store) and (codes is None or CITY_CODE in codes), codes)


@dataclass
class ZoneSummary:
    counts: dict[str, int]  # accepted (已验收) zones/projects per level: what meets the target
    national_target: tuple[int, int] = NATIONAL_TARGET
    pending: dict[str, int] = field(default_factory=dict)  # being built or applied for, per level
    progress: list[tuple[str, str, int]] = field(default_factory=list)  # (uuid, name, percent)
    # of counts["national"]: second entries of a zone counted already (示范区（项目）疑似重复)
    duplicated: int = 0


@dataclass
class DashboardFigures:
    today: date
    quarter: PeriodRates
    year: PeriodRates
    in_improvement: int
    improvement_target: int
    zones: ZoneSummary
    rectifications_open: int
    rectifications_overdue: int
    recheck_pending: int
    recheck_overdue: int
    # per re-check state, its orders counted per rule set (rules.RULE_SETS): each runs by its own
    recheck_rules: dict[str, dict[str, int]]
    licences_expiring: int
    licences_expired: int
    risk_classes: dict[str, int]
    warnings: dict[str, int] = field(default_factory=dict)
    licence_windows: tuple[int, int] = (9, 60)  # XK months, SC days: how far ahead "expiring" looks
    pass_rate_target: float = PASS_RATE_TARGET
    area: str = ""  # the scope counted (a jurisdiction code); "" = the whole database (咸宁市, 全市)
    # The quarter and the year before, set only while this quarter or year has no result yet (its
    # first weeks: results come weeks after sampling) and the one before has: what is shown then.
    quarter_before: PeriodRates | None = None
    year_before: PeriodRates | None = None

    def shown(self, quarter: bool) -> PeriodRates:
        """The rates a pass-rate tile's line gives and the charts show: the quarter's (the year's),
        or while it has no result yet the period before's."""
        return (self.quarter_before or self.quarter) if quarter else (self.year_before or self.year)


# An order whose sample passed its 复检 is still open (until withdrawn) but neither late nor
# waiting for a re-check: it is to be withdrawn (warnings: 复检合格待撤销; the quarterly report).
# The re-check states are `rules.Clock` (kind "recheck"): 复查逾期 is `Clock.recheck_late`, the
# report's 逾期未复查; no order is in both 逾期整改 and 复查逾期.
_RECT_STATES = {
    "open": "r.status IN ('open', 'report_submitted', 'awaiting_recheck', 'recheck_failed')",
    "overdue": overdue_sql("r", ":t"),  # the enterprise is late (rules.is_overdue), not the re-check
    "recheck_pending": f"{recheck_clock_sql()} AND r.recheck_due >= :t",
    "recheck_overdue": f"{recheck_clock_sql()} AND r.recheck_due < :t AND r.recheck_due != ''",
}
_LICENCE_STATES = {
    "expiring": expiring_sql("l"),  # each kind within its own window (licence_rules)
    "expired": "l.expires_on < :t",
}


# Counts over live rows of live enterprises only: a soft-deleted enterprise's licences and orders
# stay live rows of their own (nothing deletes them with it), so each query leaves them out itself.
def _licence_sql(state: str, select: str, codes: list[str] | None = None) -> str:
    return (f"SELECT {select} FROM licence l JOIN enterprise e ON e.id = l.enterprise_id"
            " WHERE l.deleted_at IS NULL AND e.deleted_at IS NULL AND l.expires_on IS NOT NULL"
            f" AND {_LICENCE_STATES[state]}{_in_scope(codes, 'e.')}")


def _rect_sql(state: str, select: str, codes: list[str] | None = None) -> str:
    live = f"SELECT id FROM enterprise WHERE deleted_at IS NULL{_in_scope(codes)}"
    return (f"SELECT {select} FROM rectification r INDEXED BY rectification_live_state"
            f" WHERE r.deleted_at IS NULL AND {_RECT_STATES[state]} AND r.enterprise_id IN ({live})")


def _by_rule_set(store: Store, state: str, codes: list[str] | None, p: dict) -> dict[str, int]:
    """A re-check state's orders counted per rule set (each runs by its own limit)."""
    sql = _rect_sql(state, "r.rule_set, count(*)", codes) + " GROUP BY 1"
    return dict(store.db.execute(sql, p).fetchall())


def zone_summary(store: Store, area: str | None = None, zones: list | None = None) -> ZoneSummary:
    """Zones/projects of the scope (`area`; `zones` when listed already, of that scope): accepted
    per level (the target's count), pending, progress, second entries counted."""
    from qcdesk.models.demonstration import counted_duplicates, list_zones

    codes = scope_codes(store, area)
    if zones is None:
        zones = list_zones(store, jurisdiction=area if codes is not None else None)
    counted, pending = dict.fromkeys(ZONE_LEVELS, 0), dict.fromkeys(ZONE_LEVELS, 0)
    for z in zones:  # as demonstration.zone_counts counts them
        if z.level in counted and z.status == COUNTED_ZONE_STATUS:
            counted[z.level] += 1
        elif z.level in pending and z.status in PENDING_ZONE_STATUSES:
            pending[z.level] += 1
    return ZoneSummary(counted, pending=pending, progress=[
        (z.uuid, z.name, z.progress_percent) for z in zones if z.status != "withdrawn"],
        duplicated=counted_duplicates(store, codes=codes))


def _risk_counts(store: Store, today: date, codes: list[str] | None) -> dict[str, int]:
    """Enterprises per risk class today, of the scope's enterprises (`risk.class_counts`)."""
    among = f"enterprise_id IN ({_SCOPE_IDS})" if codes is not None else ""
    return class_counts(store, today, among, {"codes": json.dumps(codes)})


def dashboard_figures(store: Store, today: date | None = None, with_risk: bool = True,
                      area: str | None = None) -> DashboardFigures:
    """Every figure on the landing page in one call (small indexed queries + the summary), of the
    jurisdiction `area` and those under it (None: the whole database)."""
    today = today or local_day.today()
    rules = load_rules(store)
    codes = scope_codes(store, area)
    area = area if codes is not None else None
    p = {"t": today.isoformat(), "codes": json.dumps(codes), **horizons(rules, today)}
    rechecks = {s: _by_rule_set(store, s, codes, p) for s in ("recheck_pending", "recheck_overdue")}
    rect = {s: sum(rechecks[s].values()) if s in rechecks else  # the same orders, per rule set
            store.db.execute(_rect_sql(s, "count(*)", codes), p).fetchone()[0] for s in _RECT_STATES}
    lic = {s: store.db.execute(_licence_sql(s, "count(*)", codes), p).fetchone()[0] for s in _LICENCE_STATES}
    improving = store.db.execute(
        "SELECT count(*) FROM enterprise INDEXED BY enterprise_improving"
        f" WHERE deleted_at IS NULL AND in_improvement = 1{_in_scope(codes)}", p).fetchone()[0]
    quarter, year = pass_rates(store, quarter_of(today), codes), pass_rates(store, year_of(today), codes)
    return DashboardFigures(
        today=today, quarter=quarter, year=year,
        quarter_before=_before_if_empty(store, quarter, codes),
        year_before=_before_if_empty(store, year, codes),
        in_improvement=improving, improvement_target=IMPROVEMENT_TARGET,
        zones=zone_summary(store, area),
        rectifications_open=rect["open"], rectifications_overdue=rect["overdue"],
        recheck_pending=rect["recheck_pending"], recheck_overdue=rect["recheck_overdue"],
        recheck_rules=rechecks,
        licences_expiring=lic["expiring"], licences_expired=lic["expired"],
        licence_windows=(xk_window_months(rules), rules.warn_food_licence_days),
        risk_classes=_risk_counts(store, today, codes) if with_risk else dict.fromkeys(RISK_CLASSES, 0),
        warnings=count_warnings(store, today, area, refresh=False) if with_risk else {},
        area=area or "",
    )


def _before_if_empty(store: Store, rates: PeriodRates, codes: list[str] | None) -> PeriodRates | None:
    """The period before's rates while `rates` has no tested sample and that period has (else None)."""
    if rates.total.tested:
        return None
    before = pass_rates(store, period_before(rates.period), codes)
    return before if before.total.tested else None


def records_behind(store: Store, kind: str, filters: dict, today: date | None = None) -> list[int]:
    """Ids of the rows a figure counts (visits: sample-bearing spot-check visit ids, etc.).

    `jurisdiction` is the scope, an area as on the lists (咸安区 with 咸宁高新区);
    `jurisdiction_only` one jurisdiction's own rows, as a bar of the by-jurisdiction chart."""
    today = today or local_day.today()
    rules = load_rules(store)
    codes = scope_codes(store, filters.get("jurisdiction"))
    p: dict[str, object] = {"t": today.isoformat(), "codes": json.dumps(codes), **horizons(rules, today)}
    if kind == "rectifications":
        return [r[0] for r in store.db.execute(_rect_sql(filters.get("state", "open"), "r.id", codes), p)]
    if kind == "licences":
        state = filters.get("state", "expiring")
        return [r[0] for r in store.db.execute(_licence_sql(state, "l.id", codes), p)]
    if kind == "enterprises":
        where = ["e.deleted_at IS NULL" + _in_scope(codes, "e.")]
        if filters.get("in_improvement"):
            where.append("e.in_improvement = 1")
        if filters.get("licence_state") in _LICENCE_STATES:  # the licence tiles: firms holding them
            where.append(f"e.id IN ({_licence_sql(filters['licence_state'], 'l.enterprise_id')})")
        if filters.get("risk_class"):
            refresh_risk(store, today)
            where.append("e.id IN (SELECT enterprise_id FROM risk_cache WHERE risk_class = :c)")
            p["c"] = filters["risk_class"]
        if filters.get("industry") is not None:
            where.append("e.industry = :industry")
            p["industry"] = filters["industry"]
        sql = f"SELECT e.id FROM enterprise e WHERE {' AND '.join(where)}"
        return [r[0] for r in store.db.execute(sql, p)]
    if kind == "visits":
        where = ["v.deleted_at IS NULL", "e.deleted_at IS NULL", "v.kind = :k", "v.visit_date >= :df",
                 "v.visit_date <= :dt"]
        p.update(k=filters.get("kind") or "spot_check", df=filters.get("date_from") or "0000",
                 dt=filters.get("date_to") or "9999")
        if codes is not None:
            where.append("e." + IN_SCOPE)
        for key, column in (("jurisdiction_only", "jurisdiction_code"), ("industry", "industry")):
            if filters.get(key) is not None:
                where.append(f"e.{column} = :{key}")
                p[key] = filters[key]
        result = filters.get("result")
        where.append("EXISTS (SELECT 1 FROM sample s WHERE s.visit_id = v.id AND s.deleted_at IS NULL"
                     + (" AND s.result = :r)" if result else " AND s.result IN ('pass', 'fail'))"))
        p["r"] = result
        return [r[0] for r in store.db.execute(
            "SELECT v.id FROM visit v JOIN enterprise e ON e.id = v.enterprise_id WHERE "
            + " AND ".join(where) + " ORDER BY v.visit_date DESC", p)]
    if kind == "zones":
        from qcdesk.models.demonstration import list_zones

        zones = list_zones(store, level=filters.get("level"), status=COUNTED_ZONE_STATUS,
                           jurisdiction=filters.get("jurisdiction") if codes is not None else None)
        return [z.id for z in zones if not filters.get("kind") or z.kind == filters["kind"]]
    raise ValueError(kind)
