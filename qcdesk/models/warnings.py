"""Early warnings (风险预警): what needs action now, one row per reason.

Thresholds come from `SupervisionRules` (risk.py), the one configurable place. The reason is
computed, not data: `reason` keeps the Chinese wording the spreadsheet and the CLI print, and
`reason_text(lang)` words it for the UI's language from the same rule and values.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from qcdesk.models import local_day
from qcdesk.models.clock_text import local_date
from qcdesk.models.codes import normalize_uscc
from qcdesk.models.demonstration import (
    ZONE_KIND_LABELS,
    ZONE_LEVEL_LABELS,
    ZONE_STATUS_LABELS,
    ZONE_WORDS_EN,
    ZoneEntry,
    duplicate_zone_groups,
)
from qcdesk.models.jurisdictions import AREA_CODES_SQL, jurisdiction_by_code
from qcdesk.models.licence_rules import expiring_sql, horizons, renewal_by
from qcdesk.models.messages import message
from qcdesk.models.notice_numbers import shared_numbers
from qcdesk.models.records import VISIT_KIND_LABELS
from qcdesk.models.rectification_checks import NO_ENTERPRISE, day_name, state_name
from qcdesk.models.risk import SupervisionRules, load_rules, months_before, refresh_risk
from qcdesk.models.rules import overdue_sql, recheck_clock_sql
from qcdesk.models.store import Store

WARNING_KINDS = ("retest_withdraw", "rectification_overdue", "recheck_overdue", "notice_duplicate",
                 "zone_duplicate", "uscc_duplicate", "visit_future", "repeated_failures", "licence_expired",
                 "licence_expiring", "unvisited_high_risk")
WARNING_KIND_LABELS = {
    "retest_withdraw": "复检合格待撤销",
    "rectification_overdue": "整改逾期",
    "recheck_overdue": "复查逾期",
    "notice_duplicate": "文号重复",
    "zone_duplicate": "示范区（项目）疑似重复",
    "uscc_duplicate": "信用代码重复",
    "visit_future": "检查日期晚于今天",
    "repeated_failures": "多次抽查不合格",
    "licence_expired": "许可证已过期",
    "licence_expiring": "许可证即将到期",
    "unvisited_high_risk": "高风险企业长期未检查",
}


@dataclass(frozen=True)
class EarlyWarning:
    kind: str
    enterprise_id: int
    enterprise_name: str
    uscc: str
    jurisdiction_code: str
    subject: str  # notice no., licence no., products…
    due: str  # the date the warning is about
    days: int  # days since `due` (overdue, or since the latest failure) or days left (negative)
    reason: str  # Chinese, as the spreadsheet and `qcdesk warnings` show it
    record_uuid: str = ""
    reason_rule: str = ""  # messages.py key the reason was worded from
    reason_params: dict[str, object] = field(default_factory=dict, hash=False, repr=False)

    def reason_text(self, lang: str = "zh") -> str:
        """The reason in the user's language (a warning built without a rule keeps its text)."""
        if not self.reason_rule:
            return self.reason
        return message(self.reason_rule, lang, **_dates_worded(self.reason_params, lang))

    def subject_text(self, lang: str = "zh") -> str:
        """The subject; only an unvisited enterprise's "C类" is computed, the rest is data."""
        if self.kind == "unvisited_high_risk" and "risk_class" in self.reason_params:
            return message("warning.class_subject", lang, risk_class=self.reason_params["risk_class"])
        return self.subject

    @property
    def kind_label(self) -> str:
        return WARNING_KIND_LABELS[self.kind]

    @property
    def jurisdiction_name(self) -> str:
        j = jurisdiction_by_code(self.jurisdiction_code)
        return j.name if j else self.jurisdiction_code


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _dates_worded(params: dict[str, object], lang: str) -> dict[str, object]:
    """ISO dates among a reason's values as the language writes them in a sentence: a Chinese
    reason reads 整改期限2024年1月24日已过661天, not …2024-01-24已过…; English keeps ISO."""
    if lang.startswith("en"):
        return params
    def worded(v: object) -> object:
        if not (isinstance(v, str) and _ISO_DAY.fullmatch(v)):
            return v
        d = date.fromisoformat(v)
        return f"{d.year}年{d.month}月{d.day}日"

    return {k: worded(v) for k, v in params.items()}


_ENT = "e.id, e.name, e.uscc, e.jurisdiction_code"
# 复查逾期 is `rules.Clock.recheck_late` in SQL, as the dashboard counts it (`recheck_clock_sql`): the
# bureau is late to re-check an order the enterprise reported by its (extended) deadline, or took
# to re-check with no report date, whose sample has not passed its 复检 (that order is to be
# withdrawn, and warned as that alone). An order still open, or reported late, is the enterprise's
# delay (整改逾期) alone: the same order is never listed under both, as the quarterly report has it.
_RECHECK_LATE = f"{recheck_clock_sql()} AND r.recheck_due < :t AND r.recheck_due != ''"
# 多次抽查不合格 counts the failed samples the 监督抽查合格率 counts (report_queries, the spot_month
# roll-up): of live 监督抽查 visits, live samples whose conclusion (the 复检's, once it is in: the
# result holds it) is a fail. A 专项检查's failures stay out, as they do of the rate; they still
# weigh in the risk class (risk.py: 抽样检验不合格, any visit), which is where a firm's record shows.
_SPOT_FAILED = ("s.result = 'fail' AND s.deleted_at IS NULL AND v.deleted_at IS NULL"
                " AND v.kind = 'spot_check'")
_IN_AREA = f" AND e.jurisdiction_code IN ({AREA_CODES_SQL})"  # :area and all under it
_E = "INDEXED BY enterprise_live_cover"  # (id, jurisdiction) of live enterprises: small, cache-friendly
# Replaced = a later licence of the same kind (an SC one for an old QS) covers the same product.
_REPLACED = ("NOT EXISTS (SELECT 1 FROM licence n WHERE n.enterprise_id = l.enterprise_id"
             " AND n.deleted_at IS NULL AND (n.kind = l.kind OR (l.kind = 'QS' AND n.kind = 'SC'))"
             " AND n.product = l.product AND n.id != l.id"
             " AND (n.expires_on IS NULL OR n.expires_on > CASE WHEN n.kind = 'SC' THEN :u_sc ELSE :u END))")


def _queries(rules: SupervisionRules, today: date, jurisdiction: str | None) -> tuple[dict[str, str], dict]:
    """One SELECT per warning kind (columns: enterprise id, name, uscc, jurisdiction, then per kind)."""
    scope = " AND e.deleted_at IS NULL" + (_IN_AREA if jurisdiction else "")
    params = {"t": today.isoformat(), "area": jurisdiction,
              "s": months_before(today, rules.window_months).isoformat(), "n": rules.repeat_threshold,
              **horizons(rules, today),  # :u (XK) and :u_sc (SC): each kind's own warning window
              "c": months_before(today, rules.warn_unvisited_months).isoformat()}
    licence = (f"SELECT {_ENT}, l.number, l.expires_on, l.uuid, l.product, l.kind FROM licence l"
               f" JOIN enterprise e {_E} ON e.id = l.enterprise_id"
               " WHERE l.deleted_at IS NULL AND l.expires_on IS NOT NULL AND {when}"
               f" AND {_REPLACED}{scope}")
    sql = {
        "retest_withdraw":  # still running (any status but closed) although its basis fell
            f"SELECT {_ENT}, r.notice_no, s.retest_on, r.uuid, r.requirement, s.product_name"
            f" FROM rectification r INDEXED BY rectification_live_state JOIN enterprise e {_E}"
            " ON e.id = r.enterprise_id JOIN sample s ON s.id = r.sample_id"
            " WHERE r.deleted_at IS NULL"
            " AND r.status IN ('open', 'report_submitted', 'awaiting_recheck', 'recheck_failed')"
            f" AND s.deleted_at IS NULL AND s.retest_result = 'pass'{scope}",
        "rectification_overdue":
            f"SELECT {_ENT}, r.notice_no, coalesce(r.extended_to, r.deadline), r.uuid, r.requirement"
            f" FROM rectification r INDEXED BY rectification_live_state JOIN enterprise e {_E}"
            " ON e.id = r.enterprise_id"
            f" WHERE r.deleted_at IS NULL AND {overdue_sql('r', ':t')}{scope}",  # less retest-passed
        "recheck_overdue":
            f"SELECT {_ENT}, r.notice_no, r.recheck_due, r.uuid, r.requirement, r.ordered_on"
            f" FROM rectification r INDEXED BY rectification_live_state JOIN enterprise e {_E}"
            " ON e.id = r.enterprise_id"
            f" WHERE r.deleted_at IS NULL AND {_RECHECK_LATE}{scope}",
        "visit_future":  # a few rows: a range seek on the live visits' date index, past today
            f"SELECT {_ENT}, v.visit_date, v.uuid, v.kind FROM visit v INDEXED BY listing_visit_live_date"
            f" JOIN enterprise e {_E} ON e.id = v.enterprise_id"
            f" WHERE v.deleted_at IS NULL AND v.visit_date > :t AND v.status != 'planned'{scope}",
        "repeated_failures":
            f"SELECT {_ENT}, json_group_array(DISTINCT s.product_name), max(v.visit_date), count(*)"
            " FROM sample s INDEXED BY sample_fail_visit CROSS JOIN visit v"  # its kind: the row
            f" ON v.id = s.visit_id JOIN enterprise e {_E} ON e.id = v.enterprise_id"
            f" WHERE {_SPOT_FAILED} AND v.visit_date >= :s AND v.visit_date <= :t{scope}"
            " GROUP BY e.id HAVING count(*) >= :n",
        "licence_expired": licence.replace("{when}", "l.expires_on < :t"),
        "licence_expiring": licence.replace("{when}", expiring_sql("l")),
        "unvisited_high_risk":  # the cache holds each enterprise's last real visit as of its day
            f"SELECT {_ENT}, rc.risk_class, rc.last_visit"
            " FROM risk_cache rc INDEXED BY risk_cache_class"
            f" CROSS JOIN enterprise e {_E} ON e.id = rc.enterprise_id"
            f" WHERE rc.risk_class IN ('C', 'D') AND (rc.last_visit IS NULL OR rc.last_visit < :c){scope}",
    }
    return sql, params


_SHOWN_OTHERS = 5  # a number at the city's default prefix may sit on many orders: name a few


def _order_words(order: tuple, lang: int) -> str:
    """Another order carrying the number, as a clerk tells it apart: enterprise, order date, state."""
    name, ordered_on, status, reason = order[7] or NO_ENTERPRISE[lang], order[3], order[4], order[5]
    state = state_name(status, reason)[lang]  # the words of every duplicate-number message
    if lang == 0:
        return f"{name}，{day_name(ordered_on)[0]}下达，{state}"
    return f"{name}, ordered on {ordered_on}, {state}"


def _duplicate_numbers(store: Store, today: date, jurisdiction: str | None) -> list[EarlyWarning]:
    """文号重复: one warning per live order whose notice number (compared as `notice_key` does, the
    save's and the import's test) another live order carries; the reason names the others. A save
    refuses such a number, but imports keep it (they report it once) and older data may hold it.

    `shared_numbers` (`number_groups`' shared numbers) reads the spellings from the notice_no
    index, then only the shared numbers' orders: 13–18 ms for 7800 orders (a demo database of 5000
    enterprises and 50000 visits), where `number_groups` with the old keying took 40–45 ms."""
    shared = list(shared_numbers(store).values())
    if not shared:
        return []
    listed = f"e.jurisdiction_code IN ({AREA_CODES_SQL})" if jurisdiction else "1"
    rows = {r[0]: r for r in store.db.execute(
        "SELECT r.uuid, r.id, r.notice_no, r.ordered_on, r.status, r.closing_reason, e.id, e.name, e.uscc,"
        f" e.jurisdiction_code, e.id IS NOT NULL AND e.deleted_at IS NULL AND {listed}"
        " FROM rectification r LEFT JOIN enterprise e ON e.id = r.enterprise_id"
        " WHERE r.uuid IN (SELECT value FROM json_each(:u))",
        {"u": json.dumps(sorted(u for uuids in shared for u in uuids)), "area": jurisdiction})}
    out = []
    for uuids in shared:
        orders = sorted((rows[u] for u in uuids if u in rows), key=lambda o: (o[3], o[1]))
        for order in (o for o in orders if o[10]):
            others = [o for o in orders if o is not order]
            words = [("；", "; ")[lang].join(_order_words(o, lang) for o in others[:_SHOWN_OTHERS])
                     + (("等", " and others")[lang] if len(others) > _SHOWN_OTHERS else "")
                     for lang in (0, 1)]
            params = {"number": order[2], "count": len(others), "others_zh": words[0], "others_en": words[1]}
            days = max(0, (today - date.fromisoformat(order[3][:10])).days)
            out.append(EarlyWarning("notice_duplicate", order[6], order[7], order[8], order[9], order[2],
                                    order[3], days, message("warning.notice_duplicate", "zh", **params),
                                    order[0], "warning.notice_duplicate", params))
    return out


def _zone_words(zone: ZoneEntry, same_name: str, lang: int) -> str:
    """Another record of the zone, as a clerk tells it apart: its name when spelled otherwise,
    where it lies, level, status and the day it was entered."""
    j = jurisdiction_by_code(zone.jurisdiction_code)
    where = j.name if j else zone.jurisdiction_code
    day = local_date(zone.created_at)
    if lang == 0:
        name = f"“{zone.name}”，" if zone.name != same_name else ""
        return (f"{name}{where}，{ZONE_LEVEL_LABELS.get(zone.level, zone.level)}，"
                f"{ZONE_STATUS_LABELS.get(zone.status, zone.status)}，{day_name(day)[0]}录入")
    name = f"“{zone.name}”, " if zone.name != same_name else ""
    return (f"{name}{where}, {ZONE_WORDS_EN.get(zone.level, zone.level)}, "
            f"{ZONE_WORDS_EN.get(zone.status, zone.status)}, entered on {day}")


def _duplicate_zones(store: Store, today: date, jurisdiction: str | None) -> list[EarlyWarning]:
    """示范区（项目）疑似重复: one warning per live zone/project that another live one of the same
    kind and name (`demonstration.zone_name_key`) repeats, naming the others, as 文号重复 does:
    the city's merged database holds a zone once per office that entered it, and the 5–10
    target's count takes each. Zones are few (tens): one small query, compared in Python."""
    groups = duplicate_zone_groups(store)
    if not groups:
        return []
    listed = None if not jurisdiction else {r[0] for r in store.db.execute(
        f"SELECT uuid FROM demonstration_zone WHERE jurisdiction_code IN ({AREA_CODES_SQL})",
        {"area": jurisdiction})}
    out = []
    for group in groups:
        for zone in (z for z in group if listed is None or z.uuid in listed):
            others = [z for z in group if z is not zone]
            kind = ZONE_KIND_LABELS.get(zone.kind, zone.kind)
            params = {"kind": kind, "kind_en": ZONE_WORDS_EN.get(zone.kind, zone.kind), "name": zone.name,
                      "count": len(others),
                      "others_zh": "；".join(_zone_words(o, zone.name, 0) for o in others),
                      "others_en": "; ".join(_zone_words(o, zone.name, 1) for o in others)}
            day = local_date(zone.created_at)
            days = max(0, (today - date.fromisoformat(day)).days) if _ISO_DAY.fullmatch(day) else 0
            out.append(EarlyWarning("zone_duplicate", None, "", "", zone.jurisdiction_code,  # type: ignore[arg-type]
                                    zone.name, day, days, message("warning.zone_duplicate", "zh", **params),
                                    zone.uuid, "warning.zone_duplicate", params))
    return out


def _duplicate_codes(store: Store, today: date, jurisdiction: str | None) -> list[EarlyWarning]:
    """信用代码重复: live enterprises whose 统一社会信用代码 is another live one's in another spelling
    (lower case, a space, a hyphen, full width: `codes.normalize_uscc`, the save's own rule). The
    same code as stored cannot repeat (unique index) and the merge files a twin under the local
    record (exchange_alias), but it compares codes as stored, so a package carrying the code
    spelled otherwise adds a second file of the enterprise. Such a pair needs one code not in
    canonical form, so only those are looked for: one scan of the code index, then the few."""
    odd = [(i, u) for i, u in store.db.execute(
        "SELECT id, uscc FROM enterprise INDEXED BY enterprise_uscc_live"  # live codes: the index alone
        " WHERE deleted_at IS NULL AND uscc GLOB '*[^0-9A-Z]*'")
        if normalize_uscc(u) != u]
    if not odd:
        return []
    listed = f"jurisdiction_code IN ({AREA_CODES_SQL})" if jurisdiction else "1"
    rows = store.db.execute(
        f"SELECT id, name, uscc, jurisdiction_code, created_at, {listed} FROM enterprise"
        " WHERE deleted_at IS NULL AND (uscc IN (SELECT value FROM json_each(:k))"
        " OR id IN (SELECT value FROM json_each(:i))) ORDER BY created_at, id",
        {"k": json.dumps(sorted({normalize_uscc(u) for _i, u in odd})),
         "i": json.dumps([i for i, _u in odd]), "area": jurisdiction}).fetchall()
    groups: dict[str, list[tuple]] = {}
    for r in rows:
        groups.setdefault(normalize_uscc(r[2]), []).append(r)
    out = []
    for group in (g for g in groups.values() if len(g) > 1):
        for ent in (e for e in group if e[5]):
            others = [e for e in group if e is not ent]
            named = [(e[1], j.name if (j := jurisdiction_by_code(e[3])) else e[3], e[2]) for e in others]
            params = {"uscc": ent[2], "count": len(others),
                      "others_zh": "；".join(f"{n}（{w}，代码写作“{u}”）" for n, w, u in named),
                      "others_en": "; ".join(f"{n} ({w}, code written “{u}”)" for n, w, u in named)}
            day = local_date(ent[4])
            days = max(0, (today - date.fromisoformat(day)).days) if _ISO_DAY.fullmatch(day) else 0
            out.append(EarlyWarning("uscc_duplicate", ent[0], ent[1], ent[2], ent[3], ent[2], day, days,
                                    message("warning.uscc_duplicate", "zh", **params), "",
                                    "warning.uscc_duplicate", params))
    return out


def early_warnings(store: Store, today: date | None = None, kinds: tuple[str, ...] = WARNING_KINDS,
                   jurisdiction: str | None = None) -> list[EarlyWarning]:
    """Every current warning, most urgent kind first, then by how late."""
    today = today or local_day.today()
    rules = load_rules(store)
    if "unvisited_high_risk" in kinds:
        refresh_risk(store, today)
    sql, p = _queries(rules, today, jurisdiction)
    out: list[EarlyWarning] = []

    def day_gap(d: str) -> int:
        return (today - date.fromisoformat(d)).days

    def rows(kind: str) -> list[tuple]:
        return store.db.execute(sql[kind], p).fetchall() if kind in kinds else []

    def add(kind: str, r: tuple, subject: str, due: str, days: int, rule: str, uuid: str = "", /,
            **params: object) -> None:  # positional-only: the message values reuse names like `due`
        out.append(EarlyWarning(kind, *r[:4], subject, due, days,
                                message(rule, "zh", **_dates_worded(params, "zh")), uuid, rule, params))

    for r in rows("retest_withdraw"):  # days since the re-test passed (none without its date)
        n = day_gap(r[5]) if r[5] else 0
        rule = "warning.retest_withdraw" if r[5] else "warning.retest_withdraw_undated"
        add("retest_withdraw", r, r[4] or r[7][:30], r[5] or "", n, rule, r[6], product=r[8] or "",
            retest_on=r[5] or "")
    for r in rows("rectification_overdue"):
        n = day_gap(r[5])
        add("rectification_overdue", r, r[4] or r[7][:30], r[5], n, "warning.rectification_overdue", r[6],
            due=r[5], days=n)
    for r in rows("recheck_overdue"):
        n = day_gap(r[5])
        add("recheck_overdue", r, r[4] or r[7][:30], r[5], n, "warning.recheck_overdue", r[6],
            ordered_on=r[8], due=r[5], days=n)
    if "notice_duplicate" in kinds:  # days since the order date; the others are named in the reason
        out.extend(_duplicate_numbers(store, today, jurisdiction))
    if "zone_duplicate" in kinds:  # days since the zone was entered; the others are in the reason
        out.extend(_duplicate_zones(store, today, jurisdiction))
    if "uscc_duplicate" in kinds:  # days since the record was made; the others are in the reason
        out.extend(_duplicate_codes(store, today, jurisdiction))
    for r in rows("visit_future"):  # the date is the subject: no days count from a date not yet come
        add("visit_future", r, r[4], "", 0, "warning.visit_future", r[5],
            kind=VISIT_KIND_LABELS.get(r[6], r[6]), visit_date=r[4], ahead=-day_gap(r[4]), today=p["t"])
    for r in rows("repeated_failures"):  # days since the latest failing check; the count is in words
        n, products = day_gap(r[5]), "、".join(json.loads(r[4]))  # a Chinese list; a name's comma kept
        add("repeated_failures", r, products, r[5], n, "warning.repeated_failures",
            months=rules.window_months, count=r[6], products=products, last=r[5], days=n)
    for r in rows("licence_expired"):
        n = day_gap(r[5])
        add("licence_expired", r, r[4], r[5], n, "warning.licence_expired", r[6], licence=r[4], due=r[5],
            days=n)
    for r in rows("licence_expiring"):  # each kind worded with its own renewal rule
        n = day_gap(r[5])
        by = renewal_by(r[8], date.fromisoformat(r[5]), rules)  # XK: the date named, warned ahead of it
        if by is None:
            add("licence_expiring", r, r[4], r[5], n, "warning.licence_expiring_sc", r[6], licence=r[4],
                due=r[5], days_left=-n)
        else:
            gap = (by - today).days
            rule = "warning.licence_expiring" if gap >= 0 else "warning.licence_renewal_late"
            add("licence_expiring", r, r[4], r[5], n, rule, r[6], licence=r[4], due=r[5], days_left=-n,
                renew_by=by.isoformat(), months=rules.warn_licence_months, renew_left=gap, renew_late=-gap)
    for r in rows("unvisited_high_risk"):
        last = r[5]
        rule = "warning.unvisited_high_risk" if last else "warning.never_visited_high_risk"
        add("unvisited_high_risk", r, message("warning.class_subject", "zh", risk_class=r[4]), last or "",
            day_gap(last) if last else 0, rule, risk_class=r[4], months=rules.warn_unvisited_months,
            last=last or "")
    order = {k: i for i, k in enumerate(WARNING_KINDS)}
    out.sort(key=lambda w: (order[w.kind], -w.days, w.enterprise_name))
    return out


SORT_COLUMNS = ("kind", "enterprise", "uscc", "jurisdiction", "subject", "due", "days", "reason")


def warning_name_keys(warnings: list[EarlyWarning]) -> dict[str, str]:
    """The pinyin key of every name and subject `sort_warnings` may compare, in both languages.

    pypinyin takes ~0.1 ms a text: 16,000 warnings' keys are seconds, so the page makes them
    with the list (in its worker) and a sort only looks them up."""
    from qcdesk.models.name_order import name_sort_key

    texts = {w.enterprise_name for w in warnings} | {w.jurisdiction_name for w in warnings}
    for lang in ("zh", "en"):
        texts |= {w.subject_text(lang) for w in warnings}
    return {text: name_sort_key(text) for text in texts}


def sort_warnings(warnings: list[EarlyWarning], column: str = "days", descending: bool = True,
                  lang: str = "zh", name_keys: dict[str, str] | None = None) -> list[EarlyWarning]:
    """The list in the order a user asked for: by `column` (one of SORT_COLUMNS), ties most urgent
    first. The default, days descending, is the most urgent first: the most overdue, then those
    due soonest. Names (enterprise, jurisdiction) in pinyin order, never by code point; rows with
    no date sort after the dated ones either way.

    The list is computed (one query per kind, reasons worded in Python) and bounded by what is
    wrong now, so it is sorted here rather than re-queried. `name_keys` (`warning_name_keys`)
    holds keys made beforehand; a text missing from it is keyed now."""
    from qcdesk.models.name_order import name_sort_key

    made = name_keys or {}

    def name_key(text: str) -> str:
        key = made.get(text)
        return key if key is not None else name_sort_key(text)

    order = {k: i for i, k in enumerate(WARNING_KINDS)}

    def urgency(w: EarlyWarning) -> tuple:
        return (-w.days, order[w.kind], name_key(w.enterprise_name), w.subject)

    keys = {
        "kind": lambda w: order[w.kind],
        "enterprise": lambda w: name_key(w.enterprise_name),
        "uscc": lambda w: w.uscc,
        "jurisdiction": lambda w: name_key(w.jurisdiction_name),
        "subject": lambda w: name_key(w.subject_text(lang)),
        "due": lambda w: w.due,
        "days": lambda w: w.days,
        "reason": lambda w: w.reason_text(lang),
    }
    key = keys[column]
    rows = sorted(warnings, key=urgency)  # stable: the ties keep this order
    dated = [w for w in rows if column != "due" or w.due]
    undated = [w for w in rows if column == "due" and not w.due]
    return sorted(dated, key=key, reverse=descending) + undated


def count_warnings(store: Store, today: date | None = None, jurisdiction: str | None = None,
                   refresh: bool = True) -> dict[str, int]:
    """Per kind, what `early_warnings` would list, counted in SQL (for the dashboard tile)."""
    today = today or local_day.today()
    if refresh:
        refresh_risk(store, today)
    sql, p = _queries(load_rules(store), today, jurisdiction)
    # Same definition as the list (监督抽查 samples failed in the window, by visit date). The risk
    # cache counted every failed sample for the same day, of any kind: only an enterprise with
    # `n` of those can have `n` spot-check ones, so only those few have their spot-check visits
    # of the window looked up (the partial index of spot-check visits, then the failed-sample one).
    sql["repeated_failures"] = (
        "SELECT rc.enterprise_id FROM risk_cache rc INDEXED BY risk_cache_failed"
        f" CROSS JOIN enterprise e {_E} ON e.id = rc.enterprise_id"
        " WHERE rc.failed_samples > 0 AND rc.failed_samples >= :n AND rc.as_of = :t AND e.deleted_at IS NULL"
        + (_IN_AREA if jurisdiction else "")
        + " AND (SELECT count(*) FROM visit v INDEXED BY visit_spot_enterprise CROSS JOIN sample s"
        f" INDEXED BY sample_fail_visit ON s.visit_id = v.id WHERE v.enterprise_id = rc.enterprise_id"
        f" AND v.visit_date >= :s AND v.visit_date <= :t AND {_SPOT_FAILED}) >= :n")
    counts = {k: store.db.execute(f"SELECT count(*) FROM ({q})", p).fetchone()[0] for k, q in sql.items()}
    counts["notice_duplicate"] = len(_duplicate_numbers(store, today, jurisdiction))  # compared in Python
    counts["zone_duplicate"] = len(_duplicate_zones(store, today, jurisdiction))
    counts["uscc_duplicate"] = len(_duplicate_codes(store, today, jurisdiction))
    return {k: counts[k] for k in WARNING_KINDS}


def warning_counts(warnings: list[EarlyWarning]) -> dict[str, int]:
    counts = dict.fromkeys(WARNING_KINDS, 0)
    for w in warnings:
        counts[w.kind] += 1
    return counts


def write_warnings_xlsx(warnings: list[EarlyWarning], path: Path, title: str = "风险预警清单", *,
                        as_of: date | None = None, area: str = "", db_path: Path | None = None,
                        exported_by: str = "命令行导出（qcdesk warnings）") -> Path:
    """The one warnings workbook (the warnings page's 导出列表 writes the same), in the order given:
    Chinese headers frozen and filtered, codes as text, dates as date cells, nothing ever a
    formula, days gone and days left in columns of their own, a 说明 sheet with the day the
    warnings were counted to (`as_of`, default today); written atomically. Raises OSError.

    The risk class appears only in the reason of 'unvisited_high_risk' rows: this list is an
    internal working document, never one to hand to an enterprise.
    """
    from qcdesk.export.list_export import write_warnings_book

    write_warnings_book(warnings, Path(path), kind="", sort="kind", descending=False,
                        exported_by=exported_by, as_of=as_of, area=area, db_path=db_path,
                        sheet_name=title[:31])
    return Path(path)
