"""Risk classes A (low) to D (high) per enterprise, computed from its record (分类监管).

Rules and weights live in ONE place, `SupervisionRules` (defaults in code, overrides stored as
JSON in the `settings` table under `supervision.rules`). The batch computation aggregates the whole
register with set-based SQL and stores class + Chinese reasons in `risk_cache`; triggers mark
enterprises whose record changed in `risk_dirty`, so a refresh after a save or an import only
recomputes those. The class is internal: never put it on a document handed to an enterprise.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

from qcdesk.models import local_day
from qcdesk.models.messages import own_message
from qcdesk.models.rules import overdue_sql
from qcdesk.models.store import Store, now_utc

RISK_CLASSES = ("A", "B", "C", "D")
RISK_CLASS_LABELS = {
    "A": "A类（低风险）", "B": "B类（较低风险）", "C": "C类（较高风险）", "D": "D类（高风险）"}
RISK_CLASS_LABELS_EN = {
    "A": "Class A (low risk)", "B": "Class B (lower risk)", "C": "Class C (higher risk)",
    "D": "Class D (high risk)"}
# Why a class: one (zh, en) template per rule that fired. The Chinese wording is what the CLI prints
# and `risk_cache.reasons` stores (unchanged); the enterprise page words the same parts in the
# UI's language (`RiskAssessment.reason_texts`).
REASON_TEXTS: dict[str, tuple[str, str]] = {
    "class": ("{label}，风险分{score}", "{label}, risk score {score}"),
    "failed_samples": ("近{months}个月抽样检验不合格{count}批次（+{points}）",
                       "{count} failed sample batches in the last {months} months (+{points})"),
    "overdue": ("整改逾期未完成{count}项（+{points}）",
                "{count} rectification orders overdue and not completed (+{points})"),
    "recheck_failed": ("整改复查不合格{count}项（+{points}）",
                       "rectification orders whose re-check failed: {count} (+{points})"),
    "expired_licence": ("生产许可证已过期且未换证{count}张（+{points}）",
                        "{count} production licences expired and not renewed (+{points})"),
    "repeated": ("近{months}个月同类问题在{count}次检查中重复出现：{categories}（+{points}）",
                 "the same kind of problem recurred on {count} visits in the last {months} months: "
                 "{categories} (+{points})"),
    "never_visited": ("从未实施检查（+{points}）", "Never inspected (+{points})"),
    "not_visited": ("已超过{months}个月未检查，最近一次为{last}（+{points}）",
                    "Not inspected for more than {months} months, last on {last} (+{points})"),
    "clean": ("近{months}个月无抽查不合格、无逾期整改、许可证有效，按期接受检查",
              "In the last {months} months no failed samples, no overdue rectification, licences "
              "valid, inspected on schedule"),
}
SETTINGS_KEY = "supervision.rules"
STATE_KEY = "supervision.risk_cache_state"  # "as_of|rules fingerprint" of the last full refresh


@dataclass(frozen=True)
class SupervisionRules:
    """Every weight, window and ratio of risk classing, random draws and warnings."""

    window_months: int = 24  # failed samples and repeated findings look back this far
    failed_sample_points: int = 25  # per failed sample in the window
    failed_sample_cap: int = 50
    overdue_rectification_points: int = 30  # per order the enterprise is late on (rules.is_overdue)
    recheck_failed_points: int = 50  # per rectification whose re-check failed
    expired_licence_points: int = 25  # per expired licence not replaced by a valid one
    repeated_findings_points: int = 15  # same finding category on >= repeat_threshold visits
    repeat_threshold: int = 2
    no_visit_months: int = 24  # not visited (or never) for this long
    no_visit_points: int = 20
    class_b_from: int = 20
    class_c_from: int = 45
    class_d_from: int = 70
    draw_ratios: dict[str, str] = field(
        default_factory=lambda: {"A": "0.05", "B": "0.20", "C": "0.60", "D": "1"})
    draw_team_size: int = 2
    draw_exclusion_months: int = 6  # same product not checked twice within this time
    warn_unvisited_months: int = 12  # class C/D enterprises not visited for this long
    warn_licence_months: int = 6  # industrial (XK) licences: renewal is due 6 months before expiry
    warn_licence_lead_months: int = 3  # XK warned this long before that renewal-by date
    warn_food_licence_days: int = 60  # food (SC): due 30 working days before expiry (licence_rules.py)
    recheck_limit_days: int = 75

    def class_for(self, score: int) -> str:
        if score >= self.class_d_from:
            return "D"
        if score >= self.class_c_from:
            return "C"
        if score >= self.class_b_from:
            return "B"
        return "A"

    def fingerprint(self) -> str:
        """Changes whenever a rule changes, so a cache built under other rules is recomputed."""
        text = json.dumps(asdict(self), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def rules_problem(rules: SupervisionRules) -> str | None:
    """What makes `rules` contradict themselves, in words, or None. The class thresholds must
    rise (B below C below D: else a class holds no firm), and the share drawn must not fall as
    the risk rises (what risk-based supervision is for)."""
    b, c, d = rules.class_b_from, rules.class_c_from, rules.class_d_from
    if not b < c:
        return f"B类起点（{b}）应小于C类起点（{c}），请调整后重试"
    if not c < d:
        return f"C类起点（{c}）应小于D类起点（{d}），请调整后重试"
    shares = [Fraction(rules.draw_ratios[k]) for k in "ABCD"]
    if shares != sorted(shares):
        words = "、".join(f"{k}类 {rules.draw_ratios[k]}" for k in "ABCD")
        return f"风险越高抽取比例应越大（A ≤ B ≤ C ≤ D），现为 {words}，请调整后重试"
    return None


_HIGHEST_BY_UNIT = {"months": 600, "days": 3650, "size": 20}
_LOWEST = {"draw_team_size": 2}  # 双随机: at least two inspectors on every check


def rule_bounds(name: str) -> tuple[int, int]:
    """(lowest, highest) value of a numeric rule. Why bounded: a window of 99,999 months made
    every later risk, draw and warnings run fail."""
    return _LOWEST.get(name, 0), _HIGHEST_BY_UNIT.get(name.rsplit("_", 1)[-1], 10_000)


def load_rules(store: Store) -> SupervisionRules:
    """Defaults overlaid with whatever the user stored; unknown keys, and numbers out of bounds
    (written by another tool or an older version), are ignored rather than breaking every
    risk, draw and warnings run. Draw ratios are kept as stored (see below)."""
    raw = store.setting(SETTINGS_KEY, "")
    if not raw:
        return SupervisionRules()
    try:
        data = json.loads(raw)
    except ValueError:
        return SupervisionRules()
    if not isinstance(data, dict):
        return SupervisionRules()
    values: dict[str, Any] = {}
    for f in fields(SupervisionRules):
        value = data.get(f.name)
        if f.name == "draw_ratios":  # kept as stored: a draw refuses a bad one in words
            if isinstance(value, dict):  # rather than drawing with other ratios than the rules'
                values[f.name] = {**SupervisionRules().draw_ratios,
                                  **{k: str(v) for k, v in value.items() if k in ("A", "B", "C", "D")}}
        elif type(value) is int and rule_bounds(f.name)[0] <= value <= rule_bounds(f.name)[1]:
            values[f.name] = value
    return SupervisionRules(**values)


def save_rules(store: Store, rules: SupervisionRules) -> None:
    store.set_setting(SETTINGS_KEY, json.dumps(asdict(rules), ensure_ascii=False, sort_keys=True))


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier, clamped to the month's end (29 Feb → 28 Feb)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, d)
        except ValueError:
            continue
    raise ValueError(day)


def months_after(day: date, months: int) -> date:
    return months_before(day, -months)


def period_start(day: date, months: int) -> date:
    """The earliest check whose period of `months` months still runs on `day`. 民法典 art. 203 ends
    a period in months on the same day of its last month, or that month's last day when it has
    none: a check on 02-28 counts through 08-28, so on 08-31 the window starts on 03-01, not on
    the 02-28 `months_before` clamps to."""
    start = months_before(day, months)
    return start if start.day == day.day else start + timedelta(days=1)


@dataclass
class RiskAssessment:
    enterprise_id: int
    risk_class: str
    score: int
    reasons: list[str]  # Chinese, as the CLI prints them and risk_cache stores them
    last_visit: str | None = None
    failed_samples: int = 0
    # (REASON_TEXTS key, params) behind each reason; empty for one read back from risk_cache
    reason_parts: list[tuple[str, dict[str, object]]] = field(default_factory=list, repr=False, compare=False)

    @property
    def label(self) -> str:
        return RISK_CLASS_LABELS[self.risk_class]

    def reason_texts(self, lang: str = "zh") -> list[str]:
        """The reasons in the user's language; a cached assessment (no parts) keeps its Chinese."""
        if not self.reason_parts:
            return list(self.reasons)
        return [own_message(REASON_TEXTS[key], lang, params) for key, params in self.reason_parts]


def _facts_sql(where_enterprise: str) -> str:
    """One row of facts per enterprise; every aggregate is a single grouped pass over an index.

    With an id filter each aggregate is restricted to those enterprises (index lookups), so the
    enterprise page never aggregates the whole history. Overdue orders are counted by the one rule
    (`rules.overdue_sql`: a report in by the deadline is not the enterprise's delay) inside a CASE,
    whose WHEN stops at the first false term: only orders reported after a passed deadline read
    `report_submitted_on` from the table, the rest stay in the index (a bare sum() of the rule read
    every row: this aggregate 4x slower at 1M visits).
    """
    only = "AND {} IN (SELECT id FROM ent)" if where_enterprise else ""
    v_only, only_e = only.format("v.enterprise_id"), only.format("enterprise_id")
    l_only, only_r = only.format("l.enterprise_id"), only.format("r.enterprise_id")
    if where_enterprise:  # a few enterprises: start from their visits
        fails_from = "visit v INDEXED BY visit_enterprise CROSS JOIN sample s ON s.visit_id = v.id"
        findings_from = "visit v JOIN finding f ON f.visit_id = v.id"
    else:  # everyone: walk the (smaller) failure and finding tables, look visits up in a covering index
        fails_from = ("sample s INDEXED BY sample_fail_visit"
                      " CROSS JOIN visit v INDEXED BY visit_live_cover ON v.id = s.visit_id")
        findings_from = "finding f CROSS JOIN visit v INDEXED BY visit_live_cover ON v.id = f.visit_id"
    return f"""
WITH ent AS (SELECT id FROM enterprise WHERE deleted_at IS NULL {where_enterprise}),
fails AS (
  SELECT v.enterprise_id AS eid, count(*) AS n FROM {fails_from}
  WHERE s.result = 'fail' AND s.deleted_at IS NULL AND v.deleted_at IS NULL
    AND v.visit_date >= :window_start AND v.visit_date <= :as_of {v_only} GROUP BY v.enterprise_id),
rect AS (
  SELECT r.enterprise_id AS eid, count(CASE WHEN {overdue_sql("r", ":as_of")} THEN 1 END) AS overdue,
    sum(r.status = 'recheck_failed') AS recheck_failed
  FROM rectification r INDEXED BY rectification_live_enterprise
  WHERE r.deleted_at IS NULL AND r.ordered_on <= :as_of {only_r} GROUP BY r.enterprise_id),
lic AS (
  SELECT l.enterprise_id AS eid, count(*) AS expired FROM licence l
  WHERE l.deleted_at IS NULL AND l.expires_on IS NOT NULL AND l.expires_on < :as_of {l_only}
    AND NOT EXISTS (SELECT 1 FROM licence n WHERE n.enterprise_id = l.enterprise_id
      AND n.deleted_at IS NULL AND n.kind = l.kind AND n.product = l.product AND n.id != l.id
      AND (n.expires_on IS NULL OR n.expires_on >= :as_of))
  GROUP BY l.enterprise_id),
rep AS (
  SELECT eid, max(visits) AS visits, group_concat(cat, '、') AS cats FROM (
    SELECT v.enterprise_id AS eid, coalesce(nullif(f.category, ''), f.description) AS cat,
      count(DISTINCT v.id) AS visits
    FROM {findings_from}
    WHERE f.deleted_at IS NULL AND v.deleted_at IS NULL
      AND v.visit_date >= :window_start AND v.visit_date <= :as_of {v_only}
    GROUP BY v.enterprise_id, cat HAVING count(DISTINCT v.id) >= :repeat)
  GROUP BY eid),
last AS (
  SELECT enterprise_id AS eid, max(visit_date) AS last_visit FROM visit
  WHERE deleted_at IS NULL AND status != 'planned' AND visit_date <= :as_of {only_e}
  GROUP BY enterprise_id)
SELECT ent.id, coalesce(fails.n, 0), coalesce(rect.overdue, 0), coalesce(rect.recheck_failed, 0),
  coalesce(lic.expired, 0), coalesce(rep.visits, 0), coalesce(rep.cats, ''), last.last_visit
FROM ent LEFT JOIN fails ON fails.eid = ent.id LEFT JOIN rect ON rect.eid = ent.id
  LEFT JOIN lic ON lic.eid = ent.id LEFT JOIN rep ON rep.eid = ent.id LEFT JOIN last ON last.eid = ent.id
"""


def _assess(rules: SupervisionRules, row: tuple, cutoff: str) -> RiskAssessment:
    """Score one row of facts and say why, one reason per rule that fired (REASON_TEXTS).

    `cutoff`: visits before this date count as "not visited for `no_visit_months`".
    """
    eid, fails, overdue, recheck_failed, expired, repeated, cats, last_visit = row
    score = 0
    parts: list[tuple[str, dict[str, object]]] = []
    w = rules.window_months

    def fired(key: str, points: int, **params: object) -> None:
        nonlocal score
        score += points
        parts.append((key, {**params, "points": points}))

    if fails:
        fired("failed_samples", min(fails * rules.failed_sample_points, rules.failed_sample_cap),
              months=w, count=fails)
    if overdue:
        fired("overdue", overdue * rules.overdue_rectification_points, count=overdue)
    if recheck_failed:
        fired("recheck_failed", recheck_failed * rules.recheck_failed_points, count=recheck_failed)
    if expired:
        fired("expired_licence", expired * rules.expired_licence_points, count=expired)
    if repeated:  # the categories are the inspectors' own words, shown as written
        fired("repeated", rules.repeated_findings_points, months=w, count=repeated, categories=cats)
    if last_visit is None:
        fired("never_visited", rules.no_visit_points)
    elif last_visit < cutoff:
        fired("not_visited", rules.no_visit_points, months=rules.no_visit_months, last=last_visit)
    risk_class = rules.class_for(score)
    if not parts:
        parts.append(("clean", {"months": w}))
    label = (RISK_CLASS_LABELS[risk_class], RISK_CLASS_LABELS_EN[risk_class])
    parts.insert(0, ("class", {"label": label, "score": score}))
    reasons = [own_message(REASON_TEXTS[key], "zh", params) for key, params in parts]
    return RiskAssessment(eid, risk_class, score, reasons, last_visit, fails, parts)


def _params(rules: SupervisionRules, as_of: date) -> dict[str, object]:
    return {"as_of": as_of.isoformat(), "window_start": months_before(as_of, rules.window_months).isoformat(),
            "repeat": rules.repeat_threshold}


def assess_all(store: Store, as_of: date | None = None, rules: SupervisionRules | None = None,
               enterprise_ids: list[int] | None = None) -> list[RiskAssessment]:
    """Compute (without storing) the class of every live enterprise, or of the ids given."""
    as_of = as_of or local_day.today()
    rules = rules or load_rules(store)
    params = _params(rules, as_of)
    where = ""
    if enterprise_ids is not None:
        where = "AND id IN (SELECT value FROM json_each(:ids))"
        params["ids"] = json.dumps(list(enterprise_ids))
    rows = store.db.execute(_facts_sql(where), params).fetchall()
    cutoff = months_before(as_of, rules.no_visit_months).isoformat()
    return [_assess(rules, row, cutoff) for row in rows]


def risk_for(store: Store, enterprise_id: int, as_of: date | None = None) -> RiskAssessment | None:
    """The class and reasons for the enterprise page, always computed fresh from the record."""
    found = assess_all(store, as_of, enterprise_ids=[enterprise_id])
    return found[0] if found else None


def refresh_risk(store: Store, as_of: date | None = None, full: bool = False) -> int:
    """Bring `risk_cache` up to date; recompute only dirty enterprises when the day and rules match.

    Call after imports and saves (the triggers have already marked what changed). Returns the
    number of enterprises recomputed.
    """
    as_of = as_of or local_day.today()
    rules = load_rules(store)
    stamp = rules.fingerprint()
    state = f"{as_of.isoformat()}|{stamp}"
    stale = full or store.setting(STATE_KEY) != state
    # Compute outside the write transaction (seconds at 1M visits; savers must not wait), then
    # write briefly and clear only the marks seen before computing: a change made meanwhile has
    # bumped its mark's count and stays marked for the next refresh.
    seen = store.db.execute("SELECT enterprise_id, n FROM risk_dirty").fetchall()
    if not stale and not seen:
        return 0
    found = assess_all(store, as_of, rules, None if stale else [r[0] for r in seen])
    ts = now_utc()
    with store.transaction():
        if stale:
            store.db.execute("DELETE FROM risk_cache")
        else:
            store.db.execute("DELETE FROM risk_cache WHERE enterprise_id IN (SELECT value FROM json_each(?))",
                             [json.dumps([r[0] for r in seen])])
        store.db.conn.executemany(
            "INSERT INTO risk_cache(enterprise_id, risk_class, score, reasons, as_of, rules_hash,"
            " computed_at, last_visit, failed_samples) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(a.enterprise_id, a.risk_class, a.score, json.dumps(a.reasons, ensure_ascii=False),
              as_of.isoformat(), stamp, ts, a.last_visit, a.failed_samples) for a in found],
        )
        store.db.conn.executemany("DELETE FROM risk_dirty WHERE enterprise_id = ? AND n = ?", seen)
        store.set_setting(STATE_KEY, state)
    return len(found)


def risk_is_current(store: Store, as_of: date | None = None) -> bool:
    """True when `refresh_risk` would at most recompute a few marked enterprises (no full pass)."""
    as_of = as_of or local_day.today()
    return store.setting(STATE_KEY) == f"{as_of.isoformat()}|{load_rules(store).fingerprint()}"


def cached_classes(store: Store, as_of: date | None = None) -> dict[int, str]:
    """enterprise id → class for lists that show or sort by class (refreshes first if needed)."""
    refresh_risk(store, as_of)
    return {r[0]: r[1] for r in store.db.execute("SELECT enterprise_id, risk_class FROM risk_cache")}


def cached_assessment(store: Store, enterprise_id: int) -> RiskAssessment | None:
    row = store.db.execute(
        "SELECT risk_class, score, reasons, last_visit, failed_samples FROM risk_cache"
        " WHERE enterprise_id = ?", [enterprise_id]).fetchone()
    return RiskAssessment(enterprise_id, row[0], row[1], json.loads(row[2]), row[3], row[4]) if row else None


def class_counts(store: Store, as_of: date | None = None, among: str = "",
                 params: dict | None = None) -> dict[str, int]:
    """Enterprises per risk class; `among` an SQL condition on enterprise_id (a dashboard scope,
    its values bound from `params`)."""
    refresh_risk(store, as_of)
    counts = dict.fromkeys(RISK_CLASSES, 0)
    where = f" WHERE {among}" if among else ""
    for cls, n in store.db.execute(f"SELECT risk_class, count(*) FROM risk_cache{where} GROUP BY risk_class",
                                   params or {}):
        counts[cls] = n
    return counts
