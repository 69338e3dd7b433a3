"""What an order's dates, number and state must satisfy, and what the user is told when they do not.

Each check appends to an issue list and never touches the database, so a refused action leaves
the order exactly as it was. The texts live here, beside their rules, in Chinese and English;
a parameter given as a (zh, en) pair is shown in the user's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from qcdesk.models import local_day
from qcdesk.models.clock_text import cn_date
from qcdesk.models.document_data import DOC_SETTING_DEFAULTS
from qcdesk.models.jurisdictions import bureau_numbering
from qcdesk.models.message_labels import FIELD_LABELS
from qcdesk.models.messages import Issue
from qcdesk.models.notice_numbers import BARE_SERIAL, WHOLE_NUMBER, YEAR_BRACKETS, orders_numbered
from qcdesk.models.records import VISIT_KIND_LABELS, Rectification, Visit
from qcdesk.models.rules import (
    ESCALATION_LADDER,
    RULE_SETS,
    next_escalation,
    rests_on_sample,
    rule_set_in_force,
    superseded_on,
)
from qcdesk.models.store import Store
from qcdesk.models.visit_people import team_people

_MESSAGES: dict[str, tuple[str, str]] = {
    "rect.state": (
        "这项整改目前为“{status}”，不能{action}",
        "This order is “{status}”: it cannot {action}",
    ),
    "rect.order.before_visit": (
        "下达日期 {day} 早于检查日期 {visit_date}：整改通知针对这次检查发现的问题，应在检查当天或之后下达，"
        "请核对下达日期",
        "The order date {day} is before the visit of {visit_date}: an order about what that visit found "
        "is issued on or after it; check the date",
    ),
    "rect.order.finding_team": (
        "这次{kind}{who}，不能据其发现的问题下达责令整改：责令整改是执法行为，现场检查须由至少两名执法人员"
        "实施。请在检查记录中勾选同去的执法人员并保存后再下达；只有一人到场的，请安排两名执法人员检查核实后"
        "再下达",
        "This {kind} {who}: no order can rest on what it found, since an order is enforcement and "
        "the check must be made by at least two inspectors. Tick the inspectors who went along in "
        "the visit, save it, then order; if only one went, order after two inspectors have checked",
    ),
    "rect.order.future": (
        "下达日期 {day} 晚于今天（{today}）：只能登记已经下达的整改通知，请填写实际下达日期",
        "The order date {day} is after today ({today}): record an order once it has been issued, with "
        "the date it was issued",
    ),
    "rect.order.duplicate": (
        "这个{item}已经下达过整改通知（{number}，{ordered_on}下达，{status}），同一问题不能重复下达："
        "请打开已有的整改继续跟进",
        "This {item} already has a rectification order ({number}, ordered on {ordered_on}, {status}); "
        "one problem gets one order: open the existing order instead",
    ),
    "rect.requirement.words": (
        "整改要求“{value}”没有写明要企业做什么：请用中文写出整改的内容，如“按标准要求改正产品标签标识”",
        "The requirement “{value}” does not say what the enterprise must do: write it in Chinese, "
        "e.g. 按标准要求改正产品标签标识",
    ),
    "rect.notice.incomplete": (
        "通知书文号“{value}”不完整：请写成 {example} 这样（年份在〔〕内，后接序号），或只填序号 {serial}；"
        "还没有编号就留空，通知书上印 {blank}，登记后再补",
        "The notice number “{value}” is incomplete: write it like {example} (year in 〔〕, then the serial), "
        "or only the serial {serial}; without a number yet leave it blank — the notice prints {blank}",
    ),
    "rect.notice.year": (
        "通知书文号中的年份〔{year}〕与下达日期 {day} 不符：文号的年份应为〔{expected}〕",
        "The year 〔{year}〕 in the notice number does not match the order date {day}: "
        "it should be 〔{expected}〕",
    ),
    "rect.notice.duplicate": (
        "通知书文号 {number} 已用于另一项整改：{enterprise}，{ordered_on}下达，{status}。"
        "一个文号只对应一份责令整改通知书：请对照发文登记簿核对这份通知的文号；"
        "登记簿还没有给它编号的，文号先留空（通知书上印 ＿＿号），编号后再补",
        "The notice number {number} is already on another order: {enterprise}, ordered on "
        "{ordered_on}, {status}. One number is one rectification notice: check this notice's "
        "number in the registry; if the registry has not numbered it yet, leave the number blank "
        "(the notice prints ＿＿) until it has",
    ),
    "rect.report.before_order": (
        "提交日期 {day} 早于整改通知下达日期 {ordered_on}：整改报告在下达整改之后才会提交，请核对日期",
        "The report date {day} is before the order date {ordered_on}: a report comes after the order; "
        "check the date",
    ),
    "rect.report.future": (
        "提交日期 {day} 晚于今天（{today}）：只能登记企业已经提交的报告，请填写实际提交日期",
        "The report date {day} is after today ({today}): record a report once it has come in, with the "
        "date it came",
    ),
    "rect.extension.none": (
        "按{rule_set}，整改期限不能延期",
        "Under {rule_set} the deadline cannot be extended",
    ),
    "rect.extension.once": (
        "这项整改已延期一次（至 {extended_to}），按 2010 年规则只能延期一次",
        "This order was already extended once (to {extended_to}); the 2010 rules allow one extension",
    ),
    "rect.extension.before_order": (
        "申请日期 {day} 早于整改通知下达日期 {ordered_on}：请填写企业实际提出延期申请的日期",
        "The request date {day} is before the order date {ordered_on}: enter the day the enterprise "
        "actually asked",
    ),
    "rect.extension.future": (
        "申请日期 {day} 晚于今天（{today}）：只能登记企业已经提出的延期申请，请填写实际申请日期",
        "The request date {day} is after today ({today}): record a request once it has been made, "
        "with the day it was made",
    ),
    "rect.extension.too_late": (
        "延期申请应在整改期限 {deadline} 届满{days}日前提出，即不晚于 {latest}；"
        "本次申请日期为 {day}，不能延期",
        "An extension is asked at least {days} days before the deadline {deadline}, i.e. by {latest}; "
        "this request of {day} is too late",
    ),
    "rect.extension.not_later": (
        "延期至 {day} 不晚于原整改期限 {deadline}：延期后的期限应在原期限之后",
        "Extending to {day} is not after the deadline {deadline}: choose a later date",
    ),
    "rect.extension.too_long": (
        "延期最多{days}日：最晚可延至 {latest}，请修改“延期至”",
        "An extension is at most {days} days: the latest is {latest}; change “Extend to”",
    ),
    "rect.recheck.kind": (
        "只有检查类型为“复查”的检查记录才能登记复查结论",
        "Only a visit of the kind “re-check” can record a re-check outcome",
    ),
    "rect.recheck.draft": (
        "复查记录还是“草稿”，不能据此结案或判定复查不合格：复查已完成，请把状态改为“已完成”再保存；"
        "尚未完成，请把复查结论改为“尚未确定”",
        "The re-check visit is still a draft and cannot settle the order: once the re-check is done set "
        "the status to “Completed” and save; if not, set the outcome to “not decided yet”",
    ),
    "rect.recheck.future": (
        "复查日期 {day} 晚于今天（{today}）：复查结论只能在复查之后登记，请核对检查日期",
        "The re-check date {day} is after today ({today}): record the outcome after the re-check; "
        "check the visit date",
    ),
    "rect.recheck.before_order": (
        "复查日期 {day} 早于整改通知下达日期 {ordered_on}：复查在下达整改之后进行，请核对检查日期",
        "The re-check date {day} is before the order date {ordered_on}: a re-check follows the order; "
        "check the visit date",
    ),
    "rect.recheck.before_report": (
        "复查日期 {day} 早于企业提交整改报告的日期 {report}：请核对检查日期，或在整改中核对报告日期",
        "The re-check date {day} is before the report date {report}: check the visit date, or the "
        "report date on the order",
    ),
    "rect.recheck.before_previous": (
        "复查日期 {day} 早于上一次复查（{previous}）：请核对检查日期",
        "The re-check date {day} is before the previous re-check ({previous}): check the visit date",
    ),
    "rect.recheck.closed": (
        "这项整改已于 {closed_on} 复查合格、已完成，不能再登记复查结论：请在“复查的整改”中另选一项",
        "This order passed its re-check and was closed on {closed_on}; no further outcome can be "
        "recorded: choose another order",
    ),
    "rect.recheck.withdrawn": (
        "这项整改为“{status}”：样品复检合格、原检验结论不再成立，已于{closed_on}撤销，无需复查，"
        "也不能登记复查结论：请在“复查的整改”中另选一项",
        "This order is “{status}”: its sample passed the re-test, so the failing result no longer "
        "stands, and it was withdrawn on {closed_on}. No re-check is needed and no outcome can be "
        "recorded: choose another order",
    ),
    "rect.recheck.recorded": (
        "这次复查的结论已经登记过，不能重复登记",
        "This re-check's outcome is already recorded",
    ),
    "rect.escalate.not_failed": (
        "只有复查不合格的整改才能升级处理（当前为“{status}”）",
        "Only an order whose re-check failed can be escalated (this one is “{status}”)",
    ),
    "rect.escalate.once": (
        "已按本次复查不合格升级为“{step}”，须再次复查不合格后方可继续升级",
        "This failed re-check already escalated the order to “{step}”; it escalates again only after "
        "another failing re-check",
    ),
    "rect.escalate.finding": (
        "这项整改针对现场检查发现的问题，不是监督抽查不合格：产品质量法第十七条的公告、停业整顿、"
        "吊销营业执照只适用于监督抽查不合格的产品，此处不升级。复查不合格的，责令继续整改或依法处理{stored}",
        "This order is about a finding of a site check, not a failed spot-check sample: the "
        "announcement, suspension and revocation of Product Quality Law art. 17 follow failed "
        "spot checks only, so it does not escalate. A failed re-check means further correction "
        "or action as the law provides{stored}",
    ),
    "rect.rule.not_yet": (
        "下达日期为{day}，当时{chosen}尚未施行（自{start}起施行），适用的是{in_force}：请核对期限规则；"
        "确知这项整改按所选规则办理的，可以保留",
        "{chosen} took effect on {start}; on the order date {day} it was not yet in force and "
        "{in_force} applied: check the rule set, and keep it only if you know this order runs under it",
    ),
    "rect.rule.superseded": (
        "下达日期为{day}，{chosen}自{end}起已由{in_force}取代，适用的是{in_force}：请核对期限规则；"
        "确知这项整改按所选规则办理的，可以保留",
        "{chosen} was replaced by {in_force} (in force from {end}); on the order date {day} "
        "{in_force} applies: check the rule set, and keep it only if you know this order runs under it",
    ),
    "rect.escalate.last": (
        "已升级至最后一步“{step}”，不能再升级",
        "The order is already at the last step, “{step}”; there is no further step",
    ),
}

STATUS_NAMES: dict[str, tuple[str, str]] = {  # as the UI names them
    "open": ("待整改", "open"),
    "report_submitted": ("已提交整改报告", "report submitted"),
    "awaiting_recheck": ("待复查", "awaiting re-check"),
    "closed": ("已完成", "closed"),
    "recheck_failed": ("复查不合格", "re-check failed"),
}
# Shown, never stored: closed with a closing_reason after the sample passed its 复检
# (rectifications.withdraw_for_retest; listing.WITHDRAWN). Calling it 已完成 would say the
# enterprise corrected something that turned out not to be wrong.
WITHDRAWN_NAME = ("已撤销（复检合格）", "withdrawn (re-test passed)")
ACTIONS: dict[str, tuple[str, str]] = {
    "report_submitted": ("登记整改报告", "take a report"),
    "awaiting_recheck": ("转为待复查", "go to awaiting re-check"),
    "closed": ("结案", "be closed"),
    "recheck_failed": ("登记复查不合格", "record a failed re-check"),
    "open": ("退回待整改", "go back to open"),
    "extended": ("延期", "be extended"),
}
RULE_NAMES: dict[str, tuple[str, str]] = {
    "samr18": ("市场监管总局令第18号", "SAMR order No. 18"),
    "aqsiq133": ("质检总局令第133号", "AQSIQ order No. 133"),
}
NO_NUMBER = ("未编号", "no number yet")
NO_ENTERPRISE = ("企业不详", "enterprise unknown")
ESCALATION_NAMES: dict[str, tuple[str, str]] = {  # Product Quality Law art. 17, as the UI names them
    "": ("责令整改", "order to correct"),
    **{key: (name, en) for (key, name), en in zip(
        ESCALATION_LADDER, ("provincial announcement", "suspension for rectification",
                            "business licence revoked"), strict=True)},
}


@dataclass(frozen=True)
class RectificationIssue(Issue):
    """An issue whose text is one of the rectification messages above."""

    MESSAGES = _MESSAGES


def state_name(status: str, closing_reason: str | None = "") -> tuple[str, str]:
    """An order's state in (zh, en) as the lists, the warnings and every message name it: one
    helper so that a withdrawn order is 已撤销（复检合格） wherever it is named, never 已完成."""
    if status == "closed" and closing_reason:
        return WITHDRAWN_NAME
    return STATUS_NAMES.get(status, (status, status))


def day_name(day: str) -> tuple[str, str]:
    """A stored date inside a sentence: 2026年9月10日 in Chinese (as the warnings write it),
    ISO in English; a damaged value as it is."""
    return (cn_date(day) if day else day), day


def problem(field: str, rule: str, **params: object) -> RectificationIssue:
    return RectificationIssue(field, rule, dict(params))


def state_problem(field: str, rect: Rectification, new_status: str) -> RectificationIssue:
    """A change the order's status does not allow, said in the user's words."""
    return problem(field, "rect.state", status=state_name(rect.status, rect.closing_reason),
                   action=ACTIONS.get(new_status, (new_status,) * 2))


def _later_than_today(issues: list[Issue], field: str, rule: str, day: date, today: date) -> None:
    if day > today:
        issues.append(problem(field, rule, day=day.isoformat(), today=today.isoformat()))


# -- issuing -------------------------------------------------------------------------------
def check_order_day(issues: list[Issue], day: date, visit: Visit, today: date) -> None:
    """An order is recorded once issued: on or after the visit it is about, and not after today
    (a future date would start its deadlines, and date its notice, on a day still to come)."""
    if visit.visit_date and day.isoformat() < visit.visit_date[:10]:
        issues.append(problem("ordered_on", "rect.order.before_visit", day=day.isoformat(),
                              visit_date=visit.visit_date[:10]))
    _later_than_today(issues, "ordered_on", "rect.order.future", day, today)


def check_finding_team(issues: list[Issue], store: Store, visit: Visit) -> None:
    """An order on a finding rests on what the visit's inspectors saw, and enforcement is made by
    at least two people (`team_people`: one officer entered twice is one). An order on a failed
    sample is not held to it: a 国抽 is sampled by the testing institute, its samplers checked."""
    people, _shared = team_people(store, list(visit.inspectors or []))
    if people < 2:
        label = VISIT_KIND_LABELS.get(visit.kind or "", "检查")
        who = ("只有1名执法人员", "was made by one inspector") if people else (
            "没有登记执法人员", "names no inspector")
        issues.append(problem("visit", "rect.order.finding_team", who=who,
                              kind=(label, FIELD_LABELS.get(label, "visit"))))


def existing_order(store: Store, *, sample_id: int | None = None,
                   finding_id: int | None = None) -> Rectification | None:
    """The live order already issued for a failed sample or a finding, if any (one problem, one order)."""
    column, value = ("sample_id", sample_id) if sample_id is not None else ("finding_id", finding_id)
    if value is None:
        return None
    rows = list(store.db.query(
        f"SELECT * FROM rectification WHERE {column} = ? AND deleted_at IS NULL ORDER BY id LIMIT 1",
        [value]))
    return Rectification.from_row(rows[0]) if rows else None


def duplicate_problem(found: Rectification, item: str) -> RectificationIssue:
    items = {"sample": ("不合格样品", "failed sample"), "finding": ("检查发现", "finding")}
    return problem("existing_order", "rect.order.duplicate", item=items[item],
                   number=found.notice_no or NO_NUMBER, ordered_on=day_name(found.ordered_on),
                   status=state_name(found.status, found.closing_reason), existing_id=found.id)


def notice_prefix(store: Store) -> str:
    """The prefix a notice prints, read as the documents read it (`document_data.doc_settings`)."""
    return (store.setting("doc.notice_prefix", "") or "").strip() or DOC_SETTING_DEFAULTS["doc.notice_prefix"]


def check_notice_no(issues: list[Issue], value: str, day: date | None, prefix: str) -> str:
    """The notice number as stored: blank (the registry numbers it; the notice prints
    prefix〔year〕＿＿号), a bare serial completed as prefix〔year of the order〕serial号, or a whole
    number whose year is the order's. A number without its serial is refused, never stored."""
    text = "".join(value.split())
    if not text:
        return ""
    year = day.year if day else local_day.today().year
    serial = BARE_SERIAL.fullmatch(text)
    if serial:
        return f"{prefix}〔{year}〕{int(serial['serial'])}号"
    text = YEAR_BRACKETS.sub(lambda m: f"〔{m[1]}〕", text, count=1)
    found = WHOLE_NUMBER.fullmatch(text)
    if found is None:
        # The advice shows what will really be printed: a blank prints this office's prefix, a
        # serial is completed with it; the example keeps what was typed only when that is the
        # prefix of a bureau the documents know (咸安市监质改), never "abc".
        typed = text.split("〔")[0]
        bureau = bureau_numbering(typed)
        example = typed if typed == prefix or (bureau and typed == bureau.notice_prefix) else prefix
        issues.append(problem("notice_no", "rect.notice.incomplete", value=value.strip(),
                              example=f"{example}〔{year}〕12号", serial="12",
                              blank=f"{prefix}〔{year}〕＿＿号"))
        return text
    if day and int(found["year"]) != year:
        issues.append(problem("notice_no", "rect.notice.year", year=found["year"], day=day.isoformat(),
                              expected=str(year)))
    return f"{found['prefix']}〔{int(found['year'])}〕{int(found['serial'])}号"


def check_notice_free(issues: list[Issue], store: Store, number: str,
                      own_id: int | None = None) -> None:
    """A number (as `check_notice_no` stores it) that another live order already carries is
    refused, naming that order: the registry gives a number to one notice only, so the second
    order is a typing slip or a copied number. The order's own number (`own_id`) is no clash."""
    others = orders_numbered(store, number, except_id=own_id)
    if others:
        other = others[0]
        issues.append(problem("notice_no", "rect.notice.duplicate", number=other.notice_no,
                              enterprise=other.enterprise or NO_ENTERPRISE,
                              ordered_on=day_name(other.ordered_on),
                              status=state_name(other.status, other.closing_reason),
                              existing_id=other.id))


def escalation_problem(rect: Rectification) -> RectificationIssue | None:
    """Why the order may not climb the escalation ladder now, or None when it may.

    One step per failing re-check (Product Quality Law art. 17): `record_recheck` climbs that step
    as it records the failure, so a manual escalation only catches up an order whose failed
    re-check left it on "order to correct" (recorded before the ladder climbed by itself, or
    received that way); it never adds a second step for the same failure.
    """
    if rect.status != "recheck_failed":
        return problem("escalation", "rect.escalate.not_failed",
                       status=state_name(rect.status, rect.closing_reason))
    step = ESCALATION_NAMES.get(rect.escalation, (rect.escalation,) * 2)
    if not rests_on_sample(rect.sample_id, rect.finding_id):  # art. 17 is a spot-check ladder
        stored = (f"。已登记的“{step[0]}”是此前按监督抽查规则记下的，未作改动，请核实",
                  f". The stored step “{step[1]}” was recorded earlier by the spot-check rules "
                  "and is left as it is: check it") if rect.escalation else ("", "")
        return problem("escalation", "rect.escalate.finding", stored=stored)
    if next_escalation(rect.escalation) is None:
        return problem("escalation", "rect.escalate.last", step=step)
    if rect.escalation:
        return problem("escalation", "rect.escalate.once", step=step)
    return None


def rule_set_warning(rule_set: str, day: date) -> RectificationIssue | None:
    """A warning (never a refusal) when `rule_set` was not in force on the order date `day`: a
    2017 order under SAMR 18 (in force 2020-01-01) would get 60/75 days where the 2010 rules
    gave 30. The clerk may know better (a case begun under the old rules), so it is allowed."""
    in_force = rule_set_in_force(day)
    if rule_set == in_force or rule_set not in RULE_SETS:
        return None
    names = {"chosen": RULE_NAMES.get(rule_set, (rule_set,) * 2), "day": day_name(day.isoformat()),
             "in_force": RULE_NAMES.get(in_force, (in_force,) * 2)}
    start = RULE_SETS[rule_set].in_force_from
    if start is not None and day < start:
        issue = problem("rule_set", "rect.rule.not_yet", start=day_name(start.isoformat()), **names)
    else:
        end = superseded_on(rule_set)
        issue = problem("rule_set", "rect.rule.superseded", end=day_name(end.isoformat() if end else ""),
                        **names)
    return RectificationIssue(issue.field, issue.rule, issue.params, warning=True)


# -- following up ------------------------------------------------------------------------------
def check_report_day(issues: list[Issue], rect: Rectification, day: date, today: date) -> None:
    if day.isoformat() < rect.ordered_on:
        issues.append(problem("report_submitted_on", "rect.report.before_order", day=day.isoformat(),
                              ordered_on=rect.ordered_on))
    _later_than_today(issues, "report_submitted_on", "rect.report.future", day, today)


def check_extension(issues: list[Issue], rect: Rectification, new_day: date, asked: date,
                    today: date) -> None:
    """2010 rules: once, ≤ 30 days, asked ≥ 5 days before the deadline (and not before the order
    or after today: a request dated 2000-01-01 would pass "5 days before" for any deadline)."""
    rule = RULE_SETS[rect.rule_set]
    if rule.extension_max_days == 0:
        issues.append(problem("extended_to", "rect.extension.none",
                              rule_set=RULE_NAMES.get(rule.key, (rule.name, rule.name))))
        return
    if rect.extended_to is not None:
        issues.append(problem("extended_to", "rect.extension.once", extended_to=rect.extended_to))
        return
    if rect.status not in ("open", "report_submitted"):
        issues.append(state_problem("extended_to", rect, "extended"))
        return
    deadline = date.fromisoformat(rect.deadline)
    if asked.isoformat() < rect.ordered_on:
        issues.append(problem("extension_requested_on", "rect.extension.before_order",
                              day=asked.isoformat(), ordered_on=rect.ordered_on))
    else:
        _later_than_today(issues, "extension_requested_on", "rect.extension.future", asked, today)
    latest_ask = deadline - timedelta(days=rule.extension_notice_days)
    if asked > latest_ask:
        issues.append(problem("extension_requested_on", "rect.extension.too_late",
                              deadline=rect.deadline, days=rule.extension_notice_days,
                              latest=latest_ask.isoformat(), day=asked.isoformat()))
    if new_day <= deadline:
        issues.append(problem("extended_to", "rect.extension.not_later", day=new_day.isoformat(),
                              deadline=rect.deadline))
    elif (new_day - deadline).days > rule.extension_max_days:
        issues.append(problem("extended_to", "rect.extension.too_long", days=rule.extension_max_days,
                              latest=(deadline + timedelta(days=rule.extension_max_days)).isoformat()))


def check_recheck(issues: list[Issue], store: Store, rect: Rectification, visit: Visit,
                  today: date) -> None:
    """A re-check visit may settle the order only when it is a completed re-check dated between
    the order (its report, the previous re-check) and today."""
    if visit.kind != "recheck" or visit.id is None:
        issues.append(problem("rectification", "rect.recheck.kind"))
        return
    if rect.status == "closed" and rect.closing_reason:  # withdrawn: never re-checked, never 复查合格
        issues.append(problem("rectification", "rect.recheck.withdrawn",
                              status=state_name(rect.status, rect.closing_reason),
                              closed_on=day_name(rect.closed_on or "")))
        return
    if rect.status == "closed":
        issues.append(problem("rectification", "rect.recheck.closed", closed_on=rect.closed_on or ""))
        return
    if rect.recheck_visit_id == visit.id:
        issues.append(problem("rectification", "rect.recheck.recorded"))
        return
    if visit.status != "done":
        issues.append(problem("visit_status", "rect.recheck.draft"))
    day = visit.visit_date[:10]
    if day < rect.ordered_on:
        issues.append(problem("visit_date", "rect.recheck.before_order", day=day, ordered_on=rect.ordered_on))
    elif rect.report_submitted_on and day < rect.report_submitted_on[:10]:
        issues.append(problem("visit_date", "rect.recheck.before_report", day=day,
                              report=rect.report_submitted_on[:10]))
    elif (previous := _visit_day(store, rect.recheck_visit_id)) and day < previous:
        issues.append(problem("visit_date", "rect.recheck.before_previous", day=day, previous=previous))
    if day > today.isoformat():
        issues.append(problem("visit_date", "rect.recheck.future", day=day, today=today.isoformat()))


def _visit_day(store: Store, visit_id: int | None) -> str:
    row = store.db.execute("SELECT visit_date FROM visit WHERE id = ?", [visit_id]).fetchone() \
        if visit_id else None
    return row[0][:10] if row and row[0] else ""
