"""Past spot checks (抽查台账) from a county's spreadsheet: each row a sample, made a done visit.

On day one a county's firms would all read "从未实施检查" and the six-month rule could not see
last year's failures. This import brings the ledger in with the enterprise list's machinery
(`roster_files`/`roster_reading` read it, the preview and report are the same, `roster_writing`
writes after a snapshot in one transaction) and the visit editor's own rules: every row is
checked by `inspections.validate_visit` and written by `save_visit`, never by rules of its own.

- The firm is matched by credit code and must be on file (the enterprise list comes first).
- Rows of one firm, day, kind and team make one visit with one sample per row.
- A row already in the database is "unchanged", so importing a ledger twice adds nothing: the
  same firm has a live sample with the same 抽样单编号, or on the same day with the same product
  name (`repeat_checks.normalise_product`), 规格型号 and 批号 (two batches of one product on one
  day are two samples). Its result must agree: a different stored result refuses the row (the
  clerk corrects the visit), it is never overwritten silently.
- The ledger's 企业名称 is checked against the code's firm (`ledger_names`); 任务来源 gives the
  organiser (省抽: the province's bureau, whose checks the testing institute samples, so no
  inspectors of this office are needed); a final result without 结果送达日期 is recorded as
  notified on the check day (a county's ledger holds delivered results) and the summary says so.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from qcdesk.models import local_day
from qcdesk.models.check_ledger_rows import (
    COLUMNS,
    LABELS,
    RESULT_LABELS,
    LedgerFileError,
    LedgerIssue,
    Roster,
    batch_cells,
    batch_key,
    check_name,
    notified_day,
    organiser_of,
    rule_issue,
    sample_result,
    visit_kind,
)
from qcdesk.models.codes import check_uscc
from qcdesk.models.editor_queries import doc_setting
from qcdesk.models.enterprises import find_enterprise_by_uscc
from qcdesk.models.inspections import VisitBundle, organised_above, save_visit, validate_visit
from qcdesk.models.ledger_names import normalise_name
from qcdesk.models.records import Enterprise, Sample, Visit
from qcdesk.models.repeat_checks import normalise_product
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
from qcdesk.models.store import Store

# the editor's notes about a sampling form filled in later: a ledger has no form to fill
_QUIET = {"seal.missing", "samplers.missing"}


@dataclass
class VisitGroup:
    """Rows of one firm, day, kind and team: one visit, one sample per row."""

    bundle: VisitBundle
    rows: list[tuple[int, str]] = field(default_factory=list)  # (row, sheet)
    sources: list[str] = field(default_factory=list)  # each row's 任务来源 as written

    def summary(self, only_sheet: str = "") -> str:
        """检查情况: where the visit came from, so an opened visit does not look empty."""
        sheets: dict[str, list[str]] = {}
        for row, sheet in self.rows:
            sheets.setdefault(sheet or only_sheet, []).append(str(row))
        where = "；".join(f"工作表{s}第{'、'.join(r)}行" if s else f"第{'、'.join(r)}行"
                         for s, r in sheets.items())
        sources = "、".join(dict.fromkeys(s for s in self.sources if s))
        return f"由抽查台账导入（{where}" + (f"；任务来源 {sources}" if sources else "") + "）"


def visit_conclusion(samples: list[Sample]) -> str:
    """检查结论 from the samples: 抽样2批次，合格 / 抽样1批次，不合格：粒度组成."""
    live = [s for s in samples if s.deleted_at is None]
    failed = [s for s in live if s.result == "fail"]
    pending = sum(1 for s in live if s.result == "pending")
    text = f"抽样{len(live)}批次"
    if failed:
        items = [s.failed_items if len(live) == 1 else f"{s.product_name}（{s.failed_items}）"
                 for s in failed]
        count = "" if len(failed) == len(live) else f"{len(failed)}批次"
        text += f"，{count}不合格：{'；'.join(items)}"
    elif not pending:
        text += "，合格"
    if pending:
        text += f"，{pending}批次待检"
    return text


@dataclass
class CheckRow:
    """One good ledger row: the sample it adds (action "add") or finds on file ("unchanged")."""

    row: int
    action: str
    enterprise: Enterprise
    sample: Sample
    visit: Visit
    group: VisitGroup | None = None
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    sheet: str = ""  # named when the ledger spans several sheets (one a year)
    ledger_name: str = ""  # the 企业名称 the ledger gives, when it is not the stored one
    notified_assumed: bool = False  # no 结果送达日期: recorded as notified on the check day
    source: str = ""  # the 任务来源 cell as written (the visit's 检查情况 names it)
    body: str = ""  # the organising body the row was read as (this office's name for a blank)


@dataclass
class CheckPlan(RosterPlan):
    """The enterprise plan's counts and problems; a row is known by its firm."""

    def item_identity(self, item: Any) -> tuple[str, str]:
        """The stored firm, with the ledger's own name beside it when that differs (a code typed
        wrong puts the row on another firm: the clerk sees both names in the preview)."""
        name = item.enterprise.name
        if item.ledger_name:
            name = f"{name}（台账：{item.ledger_name}）"
        return item.enterprise.uscc, name

    def visits(self) -> list[VisitGroup]:
        seen: dict[int, VisitGroup] = {}
        for item in self.rows:
            if item.group is not None:
                seen.setdefault(id(item.group), item.group)
        return list(seen.values())


class _OnFile:
    """Samples already on file, per firm: by (day, product) and by 抽样单编号."""

    def __init__(self, store: Store):
        self.store = store
        self.cache: dict[int, tuple[dict[tuple[str, str], list[tuple]], dict[str, tuple]]] = {}

    def find(self, enterprise_id: int, day: str, product: str, task_no: str,
             batch: tuple[str, str] = ("", ""), result: str = "") -> tuple | None:
        """(day, product, result) of the sample this row stands for, or None. With a number, a
        sample of that day and product under another number is another batch, not this one; so
        is one of another 规格型号 or 批号. One recorded without them (an older import, an editor
        left them blank) is this row unless the row names its batch and the results differ."""
        if enterprise_id not in self.cache:
            by_day: dict[tuple[str, str], list[tuple]] = {}
            by_no: dict[str, tuple] = {}
            for visit_date, name, found_result, number, spec, batch_no in self.store.db.execute(
                    "SELECT v.visit_date, s.product_name, s.result, s.task_no, s.spec_model, s.batch_no "
                    "FROM sample s JOIN visit v ON v.id = s.visit_id WHERE v.enterprise_id = ? "
                    "AND v.deleted_at IS NULL AND s.deleted_at IS NULL AND v.status != 'planned'",
                    [enterprise_id]):
                found = (visit_date, name, found_result, (number or "").strip(), batch_key(spec, batch_no))
                by_day.setdefault((visit_date, normalise_product(name)), []).append(found)
                if found[3]:
                    by_no.setdefault(found[3], found)
            self.cache[enterprise_id] = (by_day, by_no)
        by_day, by_no = self.cache[enterprise_id]
        if task_no and task_no in by_no:
            return by_no[task_no]
        same_day = [f for f in by_day.get((day, normalise_product(product)), []) if not task_no or not f[3]]
        exact = [f for f in same_day if f[4] == batch]
        if exact:
            return exact[0]
        loose = [f for f in same_day
                 if all(a == b or not a or not b for a, b in zip(f[4], batch, strict=True))]
        if any(batch):
            loose = [f for f in loose if f[2] == result]
        return loose[0] if loose else None


def plan_check_import(store: Store, path: Path, progress: Callable[[int, int], object] | None = None,
                      today: date | None = None) -> CheckPlan:
    """Read and check the whole ledger, every sheet holding one (a ledger kept one sheet a year
    is read whole); nothing is written. Raises RosterFileError.

    `progress(done, total)` is called every few hundred rows and may raise to stop."""
    refuse_empty_file(Path(path), LedgerFileError)
    sheets, others = pick_sheets(Path(path), COLUMNS, LedgerFileError)
    plan = CheckPlan(Path(path), sheets[0].name, sheets=[s.name for s in sheets])
    _file_notes(plan, sheets, others)
    today = today or local_day.today()
    context = _Context(store, today, Roster(store), _OnFile(store), doc_setting(store, "doc.org_name"))
    for row_no, raw, header, tag in sheet_lines(sheets, progress):
        _plan_line(plan, context, row_no, raw, header, tag)
    _group(store, plan, today)
    assumed = assumed_notified(plan)
    if assumed:
        plan.notes.append(LedgerIssue(0, "", "check_ledger.notified_assumed", {"count": assumed}, True))
    return plan


def _file_notes(plan: CheckPlan, sheets: list[Any], others: list[tuple[str, list[str]]]) -> None:
    """The sheets read when there are several, sheets left out, and columns not read (a
    风险等级 or 整改 column of the ledger is not imported, and the clerk is told)."""
    plan.notes.extend(sheet_notes(LedgerIssue, sheets, others, "check_ledger.sheet_lacking"))


@dataclass
class _Context:
    """What earlier rows settled, and what the database holds."""

    store: Store
    today: date
    people: Roster
    on_file: _OnFile
    own: str = ""  # this office's organising body (doc.org_name)
    firms: dict[str, Enterprise | None] = field(default_factory=dict)
    taken: dict[tuple, tuple[int, str]] = field(default_factory=dict)  # sample key -> (row, sheet)


def _plan_line(plan: CheckPlan, context: _Context, row_no: int, raw: list[Any],
               header: dict[str, list[int]], sheet: str) -> None:
    values = {k: first_given(raw, indexes) for k, indexes in header.items()}
    if all(cell_text(v) == "" for v in values.values()):
        return
    totals = totals_text(raw)
    if totals and not check_uscc(cell_text(values.get("uscc"))).ok:
        plan.issues.append(LedgerIssue(row_no, "", "roster.totals_row", {"text": totals}, True, sheet))
        return
    plan.total_rows += 1
    issues: list[RosterIssue] = []
    planned = _plan_row(context, row_no, values, issues, sheet)
    plan.issues.extend(replace(i, sheet=sheet) for i in issues)
    if planned is None:
        plan.bad_rows[row_key(row_no, sheet)] = (cell_text(values.get("uscc")), cell_text(values.get("name")))
    else:
        plan.rows.append(planned)


def _plan_row(context: _Context, row_no: int, values: dict[str, Any], issues: list[RosterIssue],
              sheet: str) -> CheckRow | None:
    def bad(key: str, rule: str, **params: Any) -> None:
        issues.append(LedgerIssue(row_no, LABELS[key], rule, params))

    store, firms = context.store, context.firms
    check = check_uscc(cell_text(values.get("uscc")))
    firm = None
    if not check.ok:
        for rule in check.errors:
            bad("uscc", rule, **check.params)
    else:
        if check.value not in firms:
            firms[check.value] = find_enterprise_by_uscc(store, check.value)
        firm = firms[check.value]
        if firm is None:
            bad("uscc", "check_ledger.no_enterprise", uscc=check.value)
    given_name = check_name(row_no, cell_text(values.get("name")), firm, issues)
    day = _day(row_no, values, issues)
    kind_text = cell_text(values.get("kind"))
    kind = visit_kind(kind_text)
    if kind is None:
        bad("kind", "check_ledger.kind_unknown", value=kind_text)
    result_text = cell_text(values.get("result"))
    result = sample_result(result_text)
    if result is None:
        if result_text:
            bad("result", "check_ledger.result_unknown", value=result_text)
        else:
            bad("result", "required", field=LABELS["result"])
    organiser = organiser_of(row_no, cell_text(values.get("organiser")), issues)
    above = organised_above(organiser, context.own)
    team_text = cell_text(values.get("inspectors"))
    team = context.people.find(team_text, row_no, issues)
    if not team_text and not above and (kind or "spot_check") == "spot_check":
        if organiser and normalise_name(organiser) == normalise_name(context.own):  # 市抽 at the city
            bad("inspectors", "check_ledger.inspectors_own_body", source=cell_text(values.get("organiser")),
                org=organiser)
        else:
            bad("inspectors", "check_ledger.inspectors_missing", kind=("监督抽查", "supervision spot check"))
    product, task_no = cell_text(values.get("product")), cell_text(values.get("task_no"))
    spec, produced, batch = batch_cells(values)
    notified, assumed = notified_day(row_no, values, day, result, issues)
    visit = Visit(enterprise_id=firm.id if firm else None, visit_date=day or "", kind=kind or "spot_check",
                  inspectors=[p.uuid for p in team], status="done")
    samplers = [p.name for p in team] if not above or len(team) > 1 else []  # the institute sampled
    sample = Sample(product_name=product, task_no=task_no, result=result or "", sampled_on=day,
                    failed_items=cell_text(values.get("failed_items")), samplers=samplers,
                    remarks=cell_text(values.get("remarks")), organiser=organiser, spec_model=spec,
                    batch_no=batch, production_date=produced, result_notified_on=notified)
    # 抽样地点 keeps the model's 成品仓库: a blank place is a value an older QCDesk refuses in a
    # package (it reads only known labels or code-shaped codes), so a county's package would stop
    # at a city not yet upgraded. 检查情况 says the visit came from the ledger.
    if firm is not None and day is not None and kind is not None:  # the editor's rules, as it says them
        found = validate_visit(store, VisitBundle(visit, [sample]), context.today)
        quiet = set(_QUIET)
        if any(i.column == LABELS["inspectors"] for i in issues):  # a name not found says it all
            quiet |= {"inspectors.too_few", "samplers.too_few"}
        elif any(i.rule == "inspectors.too_few" for i in found):  # one cell, one message
            quiet.add("samplers.too_few")
        for issue in found:
            if issue.rule not in quiet and not (result is None and issue.field.endswith(".result")):
                issues.append(rule_issue(row_no, issue))
    if any(not i.warning for i in issues):
        return None
    ident = batch_key(spec, batch)
    key = (firm.id, task_no) if task_no else (firm.id, day, normalise_product(product), ident)
    if key in context.taken:
        first, where = context.taken[key]
        bad("uscc", "check_ledger.duplicate_in_file",
            first=(f"工作表“{where}”第{first}行", f"sheet “{where}”, row {first}") if where != sheet
            else (f"第{first}行", f"row {first}"),
            hint="" if task_no else "；如为不同批次或规格，请填写抽样单编号（或规格型号、生产日期/批号）",
            hint_en="" if task_no else "; if they are different batches or models, fill in the "
            "sampling numbers (抽样单编号), or 规格型号 and 生产日期/批号")
        return None
    context.taken[key] = (row_no, sheet)
    stored = context.on_file.find(firm.id, day, product, task_no, ident, result)
    if stored is not None:
        if stored[2] != result:
            bad("result", "check_ledger.result_differs", day=stored[0], product=stored[1],
                stored=RESULT_LABELS.get(stored[2], stored[2]), given=RESULT_LABELS[result])
            return None
        return CheckRow(row_no, "unchanged", firm, sample, visit, sheet=sheet, ledger_name=given_name)
    return CheckRow(row_no, "add", firm, sample, visit, sheet=sheet, ledger_name=given_name,
                    notified_assumed=assumed, source=cell_text(values.get("organiser")),
                    body=organiser or context.own)


def _day(row_no: int, values: dict[str, Any], issues: list[RosterIssue]) -> str | None:
    label, raw = LABELS["visit_date"], values.get("visit_date")
    text = cell_text(raw)
    if not text:
        issues.append(LedgerIssue(row_no, label, "required", {"field": label}))
        return None
    try:
        return cell_date(raw).isoformat()
    except NoSuchDay:
        issues.append(LedgerIssue(row_no, label, "date.no_such_day", {"field": label, "value": text}))
    except ValueError:
        issues.append(LedgerIssue(row_no, label, "check_ledger.date_invalid", {"value": text}))
    return None


def _group(store: Store, plan: CheckPlan, today: date) -> None:
    """New rows of one firm, day, kind and team become one visit, checked whole once more by the
    editor's rules; a visit they refuse keeps all its rows out."""
    groups: dict[tuple, VisitGroup] = {}
    for item in plan.rows:
        if item.action != "add":
            continue
        v = item.visit
        key = (v.enterprise_id, v.visit_date, v.kind, tuple(sorted(v.inspectors)))
        group = groups.get(key)
        if group is None:
            group = groups[key] = VisitGroup(VisitBundle(copy.deepcopy(v)))
        group.bundle.samples.append(copy.deepcopy(item.sample))
        group.rows.append((item.row, item.sheet))
        group.sources.append(item.source)
        item.group = group
    for group in groups.values():
        group.bundle.visit.summary = group.summary(plan.sheets[0] if len(plan.sheets) == 1 else "")
        group.bundle.visit.conclusion = visit_conclusion(group.bundle.samples)
        if len(group.rows) == 1:
            continue  # already checked as it is
        errors = [i for i in validate_visit(store, copy.deepcopy(group.bundle), today)
                  if not i.warning and i.rule not in _QUIET]
        if not errors:
            continue
        for issue in errors:
            rows = group.rows
            if issue.field.startswith("samples."):
                rows = [group.rows[int(issue.field.split(".")[1])]]
            plan.issues.extend(replace(rule_issue(r, issue), sheet=where) for r, where in rows)
        for item in [i for i in plan.rows if i.group is group]:
            plan.rows.remove(item)
            plan.bad_rows[row_key(item.row, item.sheet)] = (item.enterprise.uscc, item.enterprise.name)


def apply_check_plan(store: Store, plan: CheckPlan, progress: Callable[[int, int], object] | None = None,
                     committing: Callable[[], object] | None = None, today: date | None = None
                     ) -> RosterResult:
    """Write every new visit through `save_visit` in one transaction after a snapshot: all of
    them or none. Each visit is saved as a fresh copy, so a cancelled import can be run again."""
    from qcdesk.models.roster_writing import write_plan

    saved: set[int] = set()
    on_file = _OnFile(store)  # read inside the write's transaction: what is on file now

    def save(item: CheckRow) -> None:
        # Planned while the database was otherwise: a sample entered since (the same ledger run
        # from the command line while this window waited) would be added a second time.
        s = item.sample
        if on_file.find(item.enterprise.id, item.visit.visit_date, s.product_name, s.task_no,
                        batch_key(s.spec_model, s.batch_no), s.result) is not None:
            raise LedgerFileError("check_ledger.on_file_since", row=item.row,
                                  day=item.visit.visit_date, product=s.product_name)
        if item.group is None or id(item.group) in saved:
            return
        saved.add(id(item.group))
        save_visit(store, copy.deepcopy(item.group.bundle), today)

    return write_plan(store, plan, save, progress, committing)


# Notes `summary_line` says as well: the CLI, which prints both, leaves these out of its notes.
IN_SUMMARY = ("check_ledger.notified_assumed",)


def assumed_notified(plan: CheckPlan) -> int:
    """How many new samples are recorded as notified on their check day (no 结果送达日期)."""
    return sum(1 for item in plan.rows if item.action == "add" and item.notified_assumed)


def summary_line(plan: CheckPlan, result: RosterResult | None, dry_run: bool = False) -> str:
    visits = len(plan.visits())
    assumed = assumed_notified(plan)
    notified = f"；未填写结果送达日期的 {assumed} 个样品按检查日期记为已送达" if assumed else ""
    if result is None or dry_run:
        return (f"检查完成（未写入）：共 {plan.total_rows} 行，将新增检查记录 {visits} 条（样品 "
                f"{plan.count('add')} 个），已在系统中 {plan.count('unchanged')} 行，"
                f"有问题未导入 {len(plan.bad_rows)} 行{notified}")
    return (f"导入完成：共 {plan.total_rows} 行，新增检查记录 {visits} 条（样品 {result.added} 个），"
            f"已在系统中 {result.unchanged} 行，有问题未导入 {result.skipped} 行{notified}")


def write_report(path: Path, plan: CheckPlan, result: RosterResult | None) -> Path:
    from qcdesk.models.roster_sheets import write_import_report

    return write_import_report(path, plan, applied=result is not None, field_labels={})


def write_template(path: Path) -> Path:
    """The blank ledger: codes and numbers as text, the date column as dates, kinds and results
    offered in drop-down lists, and a 说明 sheet saying what is (and is not) imported."""
    from openpyxl import Workbook

    from qcdesk.models.roster_sheets import dropdown, save_book, template_header, template_notes

    book = Workbook()
    sheet = book.active
    sheet.title = "抽查台账"
    columns = tuple(c for c in COLUMNS if c.key != "produced")  # 生产日期/批号 takes either
    template_header(sheet, columns, ("uscc", "task_no", "spec", "batch"), ("visit_date", "notified"),
                    ("uscc", "name", "failed_items", "organiser"))
    dropdown(sheet, columns, "kind", ["监督抽查", "专项检查"])
    dropdown(sheet, columns, "result", ["合格", "不合格", "待检"])
    rules = (
        "导入规则：",
        "1. 每行一个样品。企业按统一社会信用代码匹配，须已在系统中：请先导入企业名录，再导入抽查台账。",
        "2. 检查人员填写姓名或执法证号，以顿号分隔（同名的写成 张伟（执法证号））；须已在执法人员名录中"
        "（先导入执法人员名录，已调离的可记为"
        "“不在岗”）；监督抽查至少两名。任务来源为国抽、省抽、市抽的（上级组织，由检验机构抽样），"
        "检查人员可不填，组织单位记为国家、湖北省或咸宁市市场监督管理局；县抽或空白按本单位。",
        "3. 同一企业、同一检查日期、同一检查类型和检查人员的各行记为一次检查（一条检查记录，多个样品），"
        "记为“已完成”，与在“检查记录”中录入的检查按同样的规则核对（检查日期不能晚于今天，不合格的须填写不合格项目）。",
        "4. 重复导入不会重复记录：同一企业已有同一抽样单编号的样品，或同一检查日期、产品名称、规格型号和批号"
        "的样品，计为“无变化”；检验结论与系统中不同的行不导入，请在检查记录中核对更正。同一天同一产品的不同"
        "批次，请填写规格型号、生产日期/批号或抽样单编号加以区分。",
        "5. 结果送达日期：台账中的合格、不合格结论已送达企业，未填写结果送达日期的样品按检查日期记为已送达，"
        "可列入公示；实际送达日期不同的，请填写本列或导入后在检查记录中更正。",
        "6. 只导入监督抽查和专项检查的样品。风险等级不能导入：按导入的检查记录自动计算。未结案的整改在导入"
        "本台账后导入整改台账（文件 ▸ 导入整改台账…），或在导入的不合格样品上“下达整改”"
        "（可填写过去的日期）。",
        "7. 有问题的行不导入，导入结果按“行号、列、原因”逐条列出；其余行一次全部写入，写入前自动备份数据库。",
        "8. 列的顺序可以调整，可以有其他列（导入时忽略，并列出未读取的列）；表头上方可以有标题行；"
        "每年（或每类）一个工作表的，各个有表头的工作表都会读取。",
    )
    template_notes(book, columns, rules)
    return save_book(book, path)
