"""When each kind of production licence must be renewed, and how early QCDesk warns.

Why per kind: the two licences QCDesk holds follow different rules, and a food producer told to
apply "6 months before expiry" is given the industrial licence's rule, not its own.

- XK 工业产品生产许可证: renewal applied for 6 months before expiry (domain brief; 工业产品生产许可证
  管理条例): `SupervisionRules.warn_licence_months` (default 6) gives the renewal-by date
  (`renewal_by`, named in every warning: 应于2026年12月15日前申请延续). Warned
  `warn_licence_lead_months` (default 3) BEFORE that date, as SC is warned ahead of its own rule:
  a warning that starts on the renewal-by date comes when the application is already late.
- SC 食品生产许可证: 《食品生产许可管理办法》（市场监管总局令第24号，2020）第三十二条 — apply
  "在该食品生产许可有效期届满30个工作日前". Thirty working days are about six calendar weeks;
  QCDesk warns `SupervisionRules.warn_food_licence_days` ahead (default 60 calendar days) so that
  the supervisor can still remind the enterprise in time.
- QS: the food licence before SC; historical only, never valid today, never "expiring".

No SQL that touches the database lives here: only the predicate the queries share.
"""

from __future__ import annotations

from datetime import date, timedelta

from qcdesk.models.clock_text import cn_date
from qcdesk.models.codes import licence_kind, normalize_licence
from qcdesk.models.messages import own_message
from qcdesk.models.risk import SupervisionRules, months_after, months_before

LICENCE_KINDS = ("XK", "SC", "QS")
LICENCE_KIND_NAMES = {
    "XK": ("工业产品生产许可证", "industrial production licence"),
    "SC": ("食品生产许可证", "food production licence"),
    "QS": ("QS食品生产许可证（已废止）", "QS food production licence (obsolete)"),
}
RENEWAL_RULES = {  # what the law asks, as printed in reports and warnings
    "XK": ("工业产品生产许可证应当在有效期届满6个月前申请延续",
           "an industrial production licence is renewed by applying 6 months before it expires"),
    "SC": ("食品生产许可证应当在有效期届满30个工作日前申请延续（《食品生产许可管理办法》第三十二条）",
           "a food production licence is renewed by applying 30 working days before it expires "
           "(Food Production Licensing Measures, art. 32)"),
}
_NOTES = {
    "expired": ("已于{due}过期", "expired on {due}"),
    "due": ("将于{due}到期：{rule}", "expires on {due}: {rule}"),
    "qs": ("QS编号为历史记录，已由SC食品生产许可证取代，不再有效", "QS numbers are historical: replaced by "
           "SC food production licences, no longer valid"),
}


def renewal_kind(kind: str | None, number: str = "") -> str:
    """XK, SC or QS: the stored kind, else what the number's shape says (XK when unknown)."""
    found = licence_kind(normalize_licence(number)) if number else None
    return found or (kind if kind in LICENCE_KINDS else "XK")


def xk_window_months(rules: SupervisionRules) -> int:
    """How far before expiry an XK licence is warned: the renewal rule plus the lead."""
    return rules.warn_licence_months + rules.warn_licence_lead_months


def renewal_by(kind: str, expires: date, rules: SupervisionRules) -> date | None:
    """The last day to apply for renewal of an XK licence (None for SC: 30 working days need the
    year's holiday calendar, which QCDesk does not hold, so SC keeps its rule in words)."""
    return None if kind in ("SC", "QS") else months_before(expires, rules.warn_licence_months)


def renewal_words(kind: str, expires: date, rules: SupervisionRules, lang: str = "zh") -> str:
    """What the enterprise must do, with the date for XK (应于2026年12月15日前申请延续…)."""
    by = renewal_by(kind, expires, rules)
    if by is None:
        return renewal_rule(kind, lang)
    months = rules.warn_licence_months
    if lang.startswith("en"):
        return f"renewal to be applied for by {by.isoformat()} ({months} months before expiry)"
    return f"应于{cn_date(by.isoformat())}前申请延续（有效期届满{months}个月前申请延续）"


def xk_warned_from(expires: date, rules: SupervisionRules) -> date:
    """The first day an XK licence is warned: `warn_licence_lead_months` before its renewal-by
    date (a licence expiring 2027-08-31 must apply by 2027-02-28, so it is warned from
    2026-11-28)."""
    by = renewal_by("XK", expires, rules)
    assert by is not None  # an XK licence always has one
    return months_before(by, rules.warn_licence_lead_months)


def _xk_horizon(rules: SupervisionRules, today: date) -> date:
    """The last XK expiry date warned about today. Why not simply today + 9 months: a renewal-by
    date clamped to a month's end (08-31 → 02-28) starts its warning earlier than that sum
    reaches, so a licence expiring on the 29th–31st was warned up to three days late."""
    last = months_after(today, xk_window_months(rules))
    for _ in range(4):  # clamping moves a date by three days at most
        if xk_warned_from(last + timedelta(days=1), rules) > today:
            break
        last += timedelta(days=1)
    return last


def horizons(rules: SupervisionRules, today: date) -> dict[str, str]:
    """Last expiry date each kind is warned about today: bound as :u (XK) and :u_sc (SC)."""
    return {"u": _xk_horizon(rules, today).isoformat(),
            "u_sc": (today + timedelta(days=rules.warn_food_licence_days)).isoformat()}


def expiring_sql(alias: str, today: str = ":t", xk: str = ":u", sc: str = ":u_sc") -> str:
    """Predicate: the licence expires within its own kind's warning window (QS never does)."""
    return (f"({alias}.expires_on >= {today} AND {alias}.kind != 'QS' AND {alias}.expires_on <="
            f" CASE WHEN {alias}.kind = 'SC' THEN {sc} ELSE {xk} END)")


def expiring_soon(kind: str, expires: date, today: date, rules: SupervisionRules) -> bool:
    if kind == "QS" or expires < today:
        return False
    limit = horizons(rules, today)["u_sc" if kind == "SC" else "u"]
    return expires.isoformat() <= limit


def renewal_rule(kind: str, lang: str = "zh") -> str:
    zh, en = RENEWAL_RULES["SC" if kind == "SC" else "XK"]
    return en if lang.startswith("en") else zh


def renewal_note(number: str, kind: str | None, expires: date | None, today: date,
                 rules: SupervisionRules, lang: str = "zh") -> str:
    """What the enterprise file says next to a licence: expired, renewal due (with its own
    kind's rule), obsolete (QS) — or nothing."""
    k = renewal_kind(kind, number)
    if k == "QS":
        return own_message(_NOTES["qs"], lang, {})
    if expires is None:
        return ""
    if expires < today:
        return own_message(_NOTES["expired"], lang, {"due": expires.isoformat()})
    if expiring_soon(k, expires, today, rules):
        rule = (renewal_words(k, expires, rules, "zh"), renewal_words(k, expires, rules, "en"))
        return own_message(_NOTES["due"], lang, {"due": expires.isoformat(), "rule": rule})
    return ""
