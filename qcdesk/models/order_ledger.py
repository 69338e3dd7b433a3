"""Open rectification orders (整改台账) from a county's spreadsheet: each row an order on file.

On day one a county's running orders were not tracked: no 逾期整改 on the dashboard, no warning.
This import brings the ledger in with the enterprise list's machinery (`roster_files` and
`roster_reading` read it, the preview and report are the same, `roster_writing` writes after a
snapshot in one transaction) and the order's own rules: every row is checked by
`rectifications.order_problems` and written by `order_rectification` (+ `submit_report`,
`await_recheck`), never by rules of its own.

- The firm is matched by credit code, its 企业名称 compared (`ledger_names`: a name sharing nothing
  with the stored one is a mistyped code, refused); the failed sample the order follows must be on
  file (the spot-check ledger comes first), by 抽样单编号 or by check day and product name; a row
  naming none takes the firm's one failed sample without an order before the order date, saying so.
- Only open orders are imported (整改中, 企业已报告, 待复查): a closed order or a failed re-check
  would need a re-check visit, which an import must not invent. A failed re-check is refused,
  saying so; a closed order is a 提示 "已结案，未导入", not a problem (a ledger is mostly closed
  orders, and each re-import would show them all in red).
- Deadlines follow the rule set: a later 整改期限 is the rule's order extended to it ("按原整改台账",
  where the rule allows an extension); an earlier one is refused (the rule's period is not shortened).
- A row whose sample already has an order, or whose 文号 an order of the same firm carries, is
  "unchanged", so importing a ledger twice adds nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from qcdesk.models import local_day
from qcdesk.models.codes import check_uscc
from qcdesk.models.enterprises import find_enterprise_by_uscc
from qcdesk.models.ledger_names import DIFFERS, UNRELATED, compare_names
from qcdesk.models.messages import Issue
from qcdesk.models.notice_numbers import notice_key, orders_numbered
from qcdesk.models.order_ledger_rows import (
    COLUMNS,
    LABELS,
    FoundSample,
    OrderFileError,
    OrderIssue,
    Samples,
    order_state,
    rule_issue,
)
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Enterprise, Rectification, Sample, Visit
from qcdesk.models.rectification_checks import (
    check_extension,
    check_notice_no,
    check_report_day,
    existing_order,
    notice_prefix,
    rule_set_warning,
)
from qcdesk.models.rectification_texts import sample_requirement
from qcdesk.models.rectifications import (
    await_recheck,
    extend_deadline,
    order_problems,
    order_rectification,
    submit_report,
)
from qcdesk.models.roster import (
    RosterIssue,
    RosterPlan,
    RosterResult,
    refuse_empty_file,
    row_key,
    sheet_notes,
)
from qcdesk.models.roster_files import pick_sheets, sheet_lines
from qcdesk.models.roster_reading import NoSuchDay, cell_date, cell_text, first_given, totals_text
from qcdesk.models.rules import RULE_SETS, deadlines, rule_set_in_force
from qcdesk.models.store import Store

_RESULT_WORDS = {"pass": "合格", "fail": "不合格", "pending": "待检"}
EXTENSION_REASON = "按原整改台账"  # a ledger's deadline later than the rules': extended to it


@dataclass
class OrderRow:
    """One good ledger row: the order it adds ("add") or finds on file ("unchanged")."""

    row: int
    action: str
    enterprise: Enterprise
    sample: FoundSample | None = None
    requirement: str = ""
    ordered_on: str = ""
    rule_set: str = ""
    notice_no: str = ""
    state: str = "open"
    report_on: str | None = None
    extended_to: str | None = None  # the ledger's later deadline (`EXTENSION_REASON`)
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    sheet: str = ""

    def deadline(self) -> str:
        """The day the new order is due (the ledger's later day, else its rule set's): with the
        notice number it tells one firm's orders apart in the preview."""
        if self.extended_to or not (self.rule_set and self.ordered_on):
            return self.extended_to or ""
        return deadlines(self.rule_set, date.fromisoformat(self.ordered_on))[0].isoformat()


@dataclass
class OrderPlan(RosterPlan):
    """The enterprise plan's counts and problems; a row is known by its firm."""

    closed_rows: int = 0  # closed orders: noted, not imported, not problems

    def item_identity(self, item: Any) -> tuple[str, str]:
        return item.enterprise.uscc, item.enterprise.name


@dataclass
class _Context:
    """What earlier rows settled, and what the database holds."""

    store: Store
    today: date
    samples: Samples
    prefix: str
    firms: dict[str, Enterprise | None] = field(default_factory=dict)
    taken: dict[int, tuple[int, str]] = field(default_factory=dict)  # sample id -> (row, sheet)
    numbers: dict[str, tuple[int, str]] = field(default_factory=dict)  # notice key -> (row, sheet)


def plan_order_import(store: Store, path: Path, progress: Callable[[int, int], object] | None = None,
                      today: date | None = None) -> OrderPlan:
    """Read and check the whole ledger, every sheet holding one; nothing is written. Raises
    RosterFileError. `progress(done, total)` is called every few hundred rows and may raise."""
    refuse_empty_file(Path(path), OrderFileError)
    sheets, others = pick_sheets(Path(path), COLUMNS, OrderFileError)
    plan = OrderPlan(Path(path), sheets[0].name, sheets=[s.name for s in sheets])
    plan.notes.extend(sheet_notes(OrderIssue, sheets, others, "order_ledger.sheet_lacking"))
    context = _Context(store, today or local_day.today(), Samples(store), notice_prefix(store))
    for row_no, raw, header, tag in sheet_lines(sheets, progress):
        _plan_line(plan, context, row_no, raw, header, tag)
    return plan


def _plan_line(plan: OrderPlan, context: _Context, row_no: int, raw: list[Any],
               header: dict[str, list[int]], sheet: str) -> None:
    values = {k: first_given(raw, indexes) for k, indexes in header.items()}
    if all(cell_text(v) == "" for v in values.values()):
        return
    totals = totals_text(raw)
    if totals and not check_uscc(cell_text(values.get("uscc"))).ok:
        plan.issues.append(OrderIssue(row_no, "", "roster.totals_row", {"text": totals}, True, sheet))
        return
    plan.total_rows += 1
    status = cell_text(values.get("status"))
    if order_state(status, cell_text(values.get("recheck_result")))[0] == "closed":
        plan.issues.append(OrderIssue(row_no, LABELS["status"], "order_ledger.state_closed",
                                      {"value": status}, True, sheet))
        plan.folded[row_key(row_no, sheet)] = (cell_text(values.get("uscc")), cell_text(values.get("name")))
        plan.closed_rows += 1
        return
    issues: list[RosterIssue] = []
    planned = _plan_row(context, row_no, values, issues, sheet)
    plan.issues.extend(replace(i, sheet=sheet) for i in issues)
    if planned is None:
        plan.bad_rows[row_key(row_no, sheet)] = (cell_text(values.get("uscc")), cell_text(values.get("name")))
    else:
        plan.rows.append(planned)


def _where(row: int, where: str, sheet: str) -> tuple[str, str]:
    if where != sheet:
        return f"工作表“{where}”第{row}行", f"sheet “{where}”, row {row}"
    return f"第{row}行", f"row {row}"


def _plan_row(context: _Context, row_no: int, values: dict[str, Any], issues: list[RosterIssue],
              sheet: str) -> OrderRow | None:
    def bad(key: str, rule: str, **params: Any) -> None:
        issues.append(OrderIssue(row_no, LABELS[key], rule, params))

    def warn(key: str, rule: str, **params: Any) -> None:
        issues.append(OrderIssue(row_no, LABELS[key], rule, params, True))

    store = context.store
    firm = _firm(context, values, bad, warn)
    status_text = cell_text(values.get("status"))
    state, day_in_state = order_state(status_text, cell_text(values.get("recheck_result")))
    if state == "failed":  # "closed": a note of `_plan_line`, never here
        bad("status", "order_ledger.state_failed", value=status_text)
    elif state is None:
        bad("status", "order_ledger.state_unknown", value=status_text)
    ordered = _day(row_no, "ordered_on", values.get("ordered_on"), issues, required=True)
    report_raw = values.get("report_on") if cell_text(values.get("report_on")) else day_in_state
    report_on = _day(row_no, "report_on", report_raw, issues)
    if state == "open" and report_on and not status_text:
        state = "report_submitted"  # no 状态 column, a report date given: the enterprise reported
    if state == "report_submitted" and report_on is None and cell_text(report_raw) == "":
        bad("report_on", "order_ledger.report_missing")
    if any(not i.warning for i in issues) or firm is None or ordered is None:
        return None
    number = ""
    given_no = cell_text(values.get("notice_no"))
    if given_no:  # an order of this firm already carrying the number is this order, on file
        number = check_notice_no([], given_no, date.fromisoformat(ordered), context.prefix)
        for other in orders_numbered(store, number):
            stored = fetch_record(store, Rectification, other.id)
            if stored is not None and stored.enterprise_id == firm.id:
                return OrderRow(row_no, "unchanged", firm, ordered_on=ordered, sheet=sheet)
    found = _sample(context, row_no, values, issues, firm, ordered)
    if found is None:
        return None
    if found.sample.id in context.taken:
        first, where = context.taken[found.sample.id]
        bad("task_no", "order_ledger.duplicate_in_file", first=_where(first, where, sheet))
        return None
    context.taken[found.sample.id] = (row_no, sheet)
    on_file = existing_order(store, sample_id=found.sample.id)
    if on_file is not None:  # a 文号 other than the stored one: the ledger and the system disagree
        if number and on_file.notice_no and notice_key(on_file.notice_no) != notice_key(number):
            warn("notice_no", "order_ledger.number_differs", given=number, stored=on_file.notice_no,
                 day=found.visit.visit_date[:10], product=found.sample.product_name)
        return OrderRow(row_no, "unchanged", firm, found, ordered_on=ordered, sheet=sheet)
    rule_set, extended_to = _rule_set(row_no, values, ordered, issues, context.today)
    requirement = cell_text(values.get("requirement")) or sample_requirement(
        found.sample.product_name, cell_text(values.get("failed_items")) or found.sample.failed_items or "")
    problems, _, _, number = order_problems(
        store, visit=found.visit, requirement=requirement, ordered_on=ordered, rule_set=rule_set,
        notice_no=given_no, today=context.today)
    issues.extend(rule_issue(row_no, p) for p in problems)
    if rule_set is not None:
        warning = rule_set_warning(rule_set, date.fromisoformat(ordered))
        if warning is not None:
            issues.append(rule_issue(row_no, warning))
    if report_on is not None and state in ("report_submitted", "awaiting_recheck"):
        found_issues: list[Issue] = []
        check_report_day(found_issues, Rectification(ordered_on=ordered), date.fromisoformat(report_on),
                         context.today)
        issues.extend(rule_issue(row_no, p) for p in found_issues)
    key = notice_key(number)
    if key and key in context.numbers:
        first, where = context.numbers[key]
        bad("notice_no", "order_ledger.number_in_file", number=number, first=_where(first, where, sheet))
    if any(not i.warning for i in issues) or rule_set is None:
        return None
    if key:
        context.numbers[key] = (row_no, sheet)
    return OrderRow(row_no, "add", firm, found, requirement, ordered, rule_set, number, state or "open",
                    report_on if state != "open" else None, extended_to, sheet=sheet)


def _firm(context: _Context, values: dict[str, Any], bad: Callable[..., None], warn: Callable[..., None]
          ) -> Enterprise | None:
    check = check_uscc(cell_text(values.get("uscc")))
    if not check.ok:
        for rule in check.errors:
            bad("uscc", rule, **check.params)
        return None
    if check.value not in context.firms:
        context.firms[check.value] = find_enterprise_by_uscc(context.store, check.value)
    firm = context.firms[check.value]
    if firm is None:
        bad("uscc", "order_ledger.no_enterprise", uscc=check.value)
        return None
    given = cell_text(values.get("name"))
    same = compare_names(given, firm.name)  # a mistyped code would put the order on another firm
    if same == UNRELATED:
        bad("name", "order_ledger.name_unrelated", given=given, stored=firm.name)
        return None
    if same == DIFFERS:
        warn("name", "order_ledger.name_differs", given=given, stored=firm.name)
    return firm


def _sample(context: _Context, row_no: int, values: dict[str, Any], issues: list[RosterIssue],
            firm: Enterprise, ordered: str) -> FoundSample | None:
    """The failed sample on file the row's order follows; each way it is not found, an issue."""
    def bad(key: str, rule: str, **params: Any) -> None:
        issues.append(OrderIssue(row_no, LABELS[key], rule, params))

    task_no, product = cell_text(values.get("task_no")), cell_text(values.get("product"))
    day = None
    if not task_no:
        if not cell_text(values.get("visit_date")) or not product:
            only = _only_open_failure(context, firm, ordered)
            if only is None:
                bad("task_no", "order_ledger.no_sample_key")
            elif existing_order(context.store, sample_id=only.sample.id) is None:
                issues.append(OrderIssue(row_no, LABELS["task_no"], "order_ledger.sample_guessed", {
                    "day": only.visit.visit_date[:10], "product": only.sample.product_name}, True))
            return only
        day = _day(row_no, "visit_date", values.get("visit_date"), issues)
        if day is None:
            return None
    found = context.samples.find(firm.id, task_no, day or "", product)
    column = "task_no" if task_no else "product"
    if not found:
        which = (f"抽样单编号为 {task_no} ", f"numbered {task_no}") if task_no else \
            (f"{day}“{product}”", f"of “{product}” on {day}")
        bad(column, "order_ledger.no_sample", which=which[0], which_en=which[1])
        return None
    if len(found) > 1:
        first = found[0]
        bad(column, "order_ledger.sample_twice", count=len(found), day=first.visit.visit_date[:10],
            product=first.sample.product_name)
        return None
    sample: Sample = found[0].sample
    if sample.result != "fail":
        bad(column, "order_ledger.sample_passed", day=found[0].visit.visit_date[:10],
            product=sample.product_name, result=_RESULT_WORDS.get(sample.result, sample.result))
        return None
    return found[0]


def _only_open_failure(context: _Context, firm: Enterprise, ordered: str) -> FoundSample | None:
    """A county's ledger names the firm, not the sample: when the firm has exactly one failed
    sample on or before the order date without an order (on file or earlier in the file), the
    order is that sample's."""
    failed = [f for f in context.samples.of(firm.id) if f.sample.result == "fail"
              and f.visit.visit_date[:10] <= ordered and f.sample.id not in context.taken]
    orders = {f.sample.id: existing_order(context.store, sample_id=f.sample.id) for f in failed}
    open_ones = [f for f in failed if orders[f.sample.id] is None]
    if not open_ones:  # imported before: the one order of that day is this row's, on file
        open_ones = [f for f in failed if (o := orders[f.sample.id]) is not None and o.ordered_on == ordered]
    return open_ones[0] if len(open_ones) == 1 else None


def _day(row_no: int, key: str, raw: Any, issues: list[RosterIssue], required: bool = False) -> str | None:
    label, text = LABELS[key], cell_text(raw)
    if not text:
        if required:
            issues.append(OrderIssue(row_no, label, "required", {"field": label}))
        return None
    try:
        return cell_date(raw).isoformat()
    except NoSuchDay:
        issues.append(OrderIssue(row_no, label, "date.no_such_day", {"field": label, "value": text}))
    except ValueError:
        issues.append(OrderIssue(row_no, label, "order_ledger.date_invalid", {"value": text}))
    return None


def _rule_set(row_no: int, values: dict[str, Any], ordered: str, issues: list[RosterIssue], today: date
              ) -> tuple[str | None, str | None]:
    """(rule set, deadline it is extended to) of the ledger's period (整改期限 or 期限天数): always
    the rule set in force on the order date (a 2024 order of 30 days is not under the repealed
    133号令, whose notice would cite it). A later deadline than the rule's: the rule's order
    extended to it, if the rule allows (`check_extension`); an earlier one, or one the rule
    cannot reach: (None, None), refused."""
    day = date.fromisoformat(ordered)
    in_force = rule_set_in_force(day)
    raw_deadline, raw_days = values.get("deadline"), values.get("days")
    text, days, column = cell_text(raw_deadline), None, "deadline"
    period = text.rstrip("天日").strip()
    if period.isdigit() and int(period) < 1000:  # 60 or 60天 under 整改期限: a period, not a day
        days = int(period)
    elif text:
        deadline = _day(row_no, "deadline", raw_deadline, issues)
        if deadline is None:
            return None, None
        days = (date.fromisoformat(deadline) - day).days
    elif cell_text(raw_days):
        column, digits = "days", cell_text(raw_days).rstrip("天日").strip()
        if not digits.isdigit():
            issues.append(OrderIssue(row_no, LABELS["days"], "order_ledger.days_invalid",
                                     {"value": cell_text(raw_days)}))
            return None, None
        days = int(digits)
    if days is None:
        return in_force, None
    rule = RULE_SETS[in_force]
    if rule.correct_days == days:  # never another rule set by its period: not in force that day
        return in_force, None
    expected, _ = deadlines(in_force, day)
    given = day + timedelta(days=days)
    params = {"given": given.isoformat(), "days": days, "rule_name": f"《{rule.name}》", "rule_en": rule.name,
              "expected_days": rule.correct_days, "expected": expected.isoformat()}
    if given < expected:  # the enterprise's period under the rules cannot be shortened
        issues.append(OrderIssue(row_no, LABELS[column], "order_ledger.deadline_shorter", params))
        return None, None
    found: list[Issue] = []
    check_extension(found, Rectification(rule_set=in_force, ordered_on=ordered, deadline=expected.isoformat(),
                                         status="open"), given, day, today)
    if found:
        issues.append(OrderIssue(row_no, LABELS[column], "order_ledger.deadline_not_extendable", {
            **params, "reason": found[0].text("zh"), "reason_en": found[0].text("en")}))
        return None, None
    issues.append(OrderIssue(row_no, LABELS[column], "order_ledger.deadline_extended", params, True))
    return in_force, given.isoformat()


def apply_order_plan(store: Store, plan: OrderPlan, progress: Callable[[int, int], object] | None = None,
                     committing: Callable[[], object] | None = None, today: date | None = None
                     ) -> RosterResult:
    """Write every new order through `order_rectification` (and its report or re-check step) in
    one transaction after a snapshot: all of them or none."""
    from qcdesk.models.roster_writing import write_plan

    def save(item: OrderRow) -> None:
        assert item.sample is not None
        visit = fetch_record(store, Visit, item.sample.visit.id)
        sample = fetch_record(store, Sample, item.sample.sample.id)
        rect = order_rectification(store, visit=visit, requirement=item.requirement,
                                   ordered_on=item.ordered_on, rule_set=item.rule_set, sample=sample,
                                   notice_no=item.notice_no, today=today)
        if item.extended_to is not None:  # inside the import's one transaction
            rect = extend_deadline(store, rect, item.extended_to, EXTENSION_REASON, item.ordered_on,
                                   today=today)
        if item.report_on is not None:
            rect = submit_report(store, rect, item.report_on, today=today)
        if item.state == "awaiting_recheck":
            await_recheck(store, rect)

    return write_plan(store, plan, save, progress, committing)


def summary_line(plan: OrderPlan, result: RosterResult | None, dry_run: bool = False) -> str:
    closed = f"，已结案未导入 {plan.closed_rows} 行" if plan.closed_rows else ""
    if result is None or dry_run:
        return (f"检查完成（未写入）：共 {plan.total_rows} 行，将新增整改 {plan.count('add')} 项，"
                f"已在系统中 {plan.count('unchanged')} 行{closed}，有问题未导入 {len(plan.bad_rows)} 行")
    return (f"导入完成：共 {plan.total_rows} 行，新增整改 {result.added} 项，"
            f"已在系统中 {result.unchanged} 行{closed}，有问题未导入 {result.skipped} 行")


def write_report(path: Path, plan: OrderPlan, result: RosterResult | None) -> Path:
    from qcdesk.models.roster_sheets import write_import_report

    return write_import_report(path, plan, applied=result is not None, field_labels={})


def write_template(path: Path) -> Path:
    """The blank ledger: codes and numbers as text, dates as dates, states offered in a
    drop-down list, and a 说明 sheet saying what is (and is not) imported."""
    from openpyxl import Workbook

    from qcdesk.models.roster_sheets import dropdown, save_book, template_header, template_notes

    book = Workbook()
    sheet = book.active
    sheet.title = "整改台账"
    template_header(sheet, COLUMNS, ("uscc", "task_no", "notice_no"),
                    ("visit_date", "ordered_on", "deadline", "report_on"), ("uscc", "name", "requirement"))
    dropdown(sheet, COLUMNS, "status", ["整改中", "企业已报告", "待复查"])
    rules = (
        "导入规则：",
        "1. 每行一项整改。企业按统一社会信用代码匹配，须已在系统中；整改所针对的不合格样品须已在系统中"
        "（按抽样单编号，或检查日期和产品名称查找）：请先导入企业名录、执法人员名录和抽查台账，再导入整改台账。",
        "2. 只导入未结案的整改：整改中（空白同）、企业已报告（须有报告日期）、待复查。"
        "已结案（已复查、复查合格）、已撤销的无需导入（列为提示“已结案，未导入”，不算有问题）；复查不合格的须录入复查检查，请按“待复查”导入后在“检查记录”中录入复查。",
        "3. 整改期限按期限规则计算（现行市场监管总局令第18号：下达后60天；2020年以前的按质检总局令第133号："
        "30天）。整改期限或期限天数可以不填。填写的晚于规则的期限时，按规则下达并延期至台账的期限"
        "（延期理由“按原整改台账”；规则不允许延期的，如第18号令，该行不导入）；早于规则的期限的不导入"
        "（规则给企业的整改期限不能缩短）。",
        "4. 通知书文号可填完整文号或只填序号；与系统中另一企业的整改文号相同的不导入"
        "（一个文号只能用于一份通知书）。",
        "5. 与“下达整改”窗口按同样的规则核对：下达日期不早于检查日期、不晚于今天，报告日期不早于下达日期。",
        "6. 重复导入不会重复记录：该样品已有整改，或该企业已有同一文号的整改，计为“已在系统中”。",
        "7. 导入后，期限已过仍未整改的在首页“逾期整改”和风险预警中显示。",
        "8. 有问题的行不导入，导入结果按“行号、列、原因”逐条列出；其余行一次全部写入，写入前自动备份数据库。",
        "9. 列的顺序可以调整，可以有其他列（导入时忽略，并列出未读取的列）；表头上方可以有标题行；"
        "每年一个工作表的，各个有表头的工作表都会读取。",
    )
    template_notes(book, COLUMNS, rules)
    return save_book(book, path)
