"""One row of a rectification ledger (整改台账): its columns, its words, what its cells mean.

A county's ledger has one row per order: the firm's credit code, the failed sample the order
follows (抽样单编号, or 检查日期 and 产品名称), the requirement, 下达日期, 整改期限, 文号, 状态.
This module reads those cells (a state, a deadline, the sample on file); whether the row makes
a valid order is decided by the order's own rules (`rectifications.order_problems`), in
`order_ledger`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from qcdesk.models.messages import own_message
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Sample, Visit
from qcdesk.models.repeat_checks import normalise_product
from qcdesk.models.roster import RosterColumn, RosterFileError, RosterIssue, roster_message
from qcdesk.models.store import Store

COLUMNS: tuple[RosterColumn, ...] = (
    RosterColumn("uscc", "统一社会信用代码",
                 ("统一社会信用代码", "社会信用代码", "信用代码", "社会统一信用代码", "uscc"), True,
                 "18位，必填；企业须已在系统中（先导入企业名录）；按文本填写"),
    RosterColumn("name", "企业名称",
                 ("企业名称", "受检单位", "受检单位名称", "被抽样单位名称", "生产企业名称", "单位名称",
                  "企业", "整改单位"), False, "选填；仅供核对，按统一社会信用代码匹配企业"),
    RosterColumn("task_no", "抽样单编号",
                 ("抽样单编号", "抽样单号", "抽样编号", "样品编号", "任务编号", "报告编号"), False,
                 "整改所针对的不合格样品：填写抽样单编号，或填写检查日期和产品名称"),
    RosterColumn("visit_date", "检查日期",
                 ("检查日期", "抽样日期", "抽查日期", "抽检日期", "检查时间", "抽样时间"), False,
                 "未填抽样单编号时必填；该样品的检查（抽样）日期"),
    RosterColumn("product", "产品名称", ("产品名称", "样品名称", "抽样产品", "抽查产品", "产品"), False,
                 "未填抽样单编号时必填"),
    RosterColumn("failed_items", "不合格项目", ("不合格项目", "不合格项", "不合格内容", "存在问题"), False,
                 "选填；整改要求空白时，按不合格项目生成整改要求"),
    RosterColumn("requirement", "整改要求", ("整改要求", "整改内容", "整改事项", "整改措施"), False,
                 "选填；空白时与“下达整改”窗口相同，按产品和不合格项目生成"),
    RosterColumn("ordered_on", "下达日期",
                 ("下达日期", "下达时间", "通知日期", "发文日期", "责令整改日期", "整改通知日期"), True,
                 "必填；如 2024-03-05、2024.3.5、2024年3月5日；不早于检查日期，不晚于今天"),
    RosterColumn("deadline", "整改期限",
                 ("整改期限", "整改期限至", "整改截止日期", "限期整改日期", "期限"), False,
                 "选填（日期）；空白按期限规则计算（现行18号令为下达后60天）；晚于规则的按规则下达并延期"
                 "（规则允许延期时），早于规则的不导入"),
    RosterColumn("days", "期限天数", ("期限天数", "整改天数", "整改时限", "限期天数"), False,
                 "选填（天数，如 60）；与整改期限二选一"),
    RosterColumn("notice_no", "通知书文号",
                 ("通知书文号", "文号", "整改通知书文号", "责令整改通知书文号", "通知书编号"), False,
                 "选填；如 通质改〔2024〕12号，或只填序号 12；一个文号只能用于一份通知书"),
    RosterColumn("status", "状态", ("状态", "整改状态", "整改情况", "整改进展", "进展情况"), False,
                 "整改中（空白同）、企业已报告、待复查；已结案、复查不合格的不导入"),
    RosterColumn("report_on", "报告日期",
                 ("报告日期", "企业报告日期", "整改报告日期", "报告提交日期", "提交日期"), False,
                 "状态为“企业已报告”的必填（也可写在状态中，如 企业已报告（2024-05-06））"),
    RosterColumn("recheck_result", "复查结论", ("复查结论", "复查结果", "复查情况"), False,
                 "选填；状态为“已复查”的：合格 即已结案，不导入；不合格 的须录入复查检查"),
)
LABELS = {c.key: c.header for c in COLUMNS}

# A refused deadline may be blanked to import the row; the app then tracks the rules' date, not
# the one on the firm's notice (review ledgers-again F2): said where the blank is offered.
_BLANKED = (
    "如把本格留空，本行按期限规则导入，系统将以 {expected} 为整改期限跟踪逾期（首页“逾期整改”、风险预警），"
    "而不是企业所持通知书上的 {given}：请确认企业的整改期限确为 {expected}（或已另行通知企业）后再留空",
    "If this cell is left blank, the row is imported by the rules and the app tracks {expected} as the "
    "deadline (逾期整改 on the dashboard, the warnings), not {given} on the enterprise's notice: blank it "
    "only once the enterprise's deadline is {expected} (or it has been told so)",
)
_MESSAGES: dict[str, tuple[str, str]] = {
    "order_ledger.no_header": (
        "{path} 中找不到整改台账的表头（应含“统一社会信用代码”“下达日期”等列）",
        "No header row of a rectification ledger found in {path} (expected 统一社会信用代码, 下达日期 …)"),
    "order_ledger.missing_column": (
        "{path} 缺少必需的列：{columns}。请把表头改为可识别的名称（{accepted}），或在整改台账模板"
        "（命令 qcdesk roster template --kind orders）中填写",
        "{path} lacks required columns: {columns}. Rename the header to a name that is recognised "
        "({accepted}), or fill in the blank ledger template (qcdesk roster template --kind orders)"),
    "order_ledger.no_enterprise": (
        "统一社会信用代码为 {uscc} 的企业不在系统中：请先导入企业名录和抽查台账，再导入整改台账",
        "No enterprise with the credit code {uscc} is on file: import the enterprise list and the "
        "spot-check ledger first, then the rectification ledger"),
    "order_ledger.no_sample_key": (
        "请填写整改所针对的样品：抽样单编号，或检查日期和产品名称",
        "Say which sample the order follows: its sampling number, or the check date and product"),
    "order_ledger.no_sample": (
        "系统中没有该企业{which}的样品：请先导入抽查台账（文件 ▸ 导入抽查台账…）或在“检查记录”中录入"
        "这次抽查，再导入整改台账",
        "This enterprise has no sample {which_en} on file: import the spot-check ledger first (File ▸ "
        "Import spot-check ledger…) or enter the check under Visits, then the rectification ledger"),
    "order_ledger.sample_twice": (
        "该企业{day}有 {count} 个“{product}”样品：请填写抽样单编号以区分",
        "This enterprise has {count} samples of “{product}” on {day}: give the sampling number"),
    "order_ledger.sample_passed": (
        "该样品（{day}“{product}”）在系统中的检验结论为“{result}”，不是不合格，不能下达整改：请核对"
        "抽样单编号或检查日期、产品名称",
        "That sample ({day} “{product}”) is “{result}” on file, not failed; an order cannot follow it. "
        "Check the sampling number, or the date and product"),
    "order_ledger.date_invalid": (
        "“{value}”不是可识别的日期，请写成 2024-03-05、2024.3.5 或 2024年3月5日",
        "“{value}” is not a date that can be read; write it as 2024-03-05, 2024.3.5 or 2024年3月5日"),
    "order_ledger.days_invalid": (
        "期限天数“{value}”无法识别：请填写天数，如 60", "“{value}” is not a number of days, such as 60"),
    "order_ledger.deadline_rule": (
        "整改期限（{given}，下达后{days}天）与期限规则不符：按{rule_name}应为下达后{expected_days}天，即 "
        "{expected}。系统按期限规则计算整改期限，不能另设：请核对下达日期和整改期限，或把本格留空",
        "The deadline ({given}, {days} days after the order) does not follow the rules: under "
        "{rule_en} it is {expected_days} days, {expected}. Deadlines follow the rule set and cannot be "
        "set apart: check the order date and deadline, or leave this cell blank"),
    "order_ledger.state_unknown": (
        "状态“{value}”无法识别：应为 整改中、企业已报告、待复查（已结案、复查不合格的不导入）",
        "The state “{value}” is not recognised: 整改中, 企业已报告 or 待复查 expected"),
    "order_ledger.state_closed": (
        "状态为“{value}”：已结案（或已撤销）的整改无需导入。已结案，未导入（不是问题，无需处理）：结案要有"
        "复查检查记录，导入不会虚构复查；不合格的抽查结果由抽查台账导入，风险等级据此计算",
        "The state is “{value}”: a closed (or withdrawn) order need not be imported. Closed, not "
        "imported (not a problem; nothing to do): closing one needs its re-check visit, which an "
        "import does not invent"),
    "order_ledger.state_failed": (
        "状态为“{value}”：复查不合格的整改要有复查检查记录，不能从台账导入。请把本行状态改为“待复查”导入，"
        "再在“检查记录”中录入那次复查并登记复查结论",
        "The state is “{value}”: a failed re-check needs its re-check visit and cannot be imported. "
        "Import the row as 待复查, then enter that re-check visit and record its result"),
    "order_ledger.report_missing": (
        "状态为企业已报告，请填写报告日期（或写在状态中，如 企业已报告（2024-05-06））",
        "The enterprise reported: give the report date (or in the state, e.g. 企业已报告（2024-05-06））"),
    "order_ledger.duplicate_in_file": (
        "与{first}是同一项整改（同一不合格样品），本行未导入",
        "The same order as {first} (the same failed sample); this row was not imported"),
    "order_ledger.number_in_file": (
        "文号 {number} 与{first}相同：一个文号只能用于一份通知书，本行未导入",
        "The number {number} is also on {first}: one number is one notice; this row was not imported"),
    "order_ledger.number_differs": (
        "文号 {given} 与系统中该样品（{day}“{product}”）已有整改的文号 {stored} 不同：本行按已在系统中的"
        "整改计，文号未改动。请核对发文登记簿：台账填错的，改正台账；系统中的文号有误的，在“整改跟踪”中"
        "打开这项整改，更正通知书文号",
        "The number {given} differs from {stored}, the number of the order on file for that sample "
        "({day} “{product}”): the row counts as that order, and its number was not changed. Check the "
        "registry: if the ledger is wrong, correct it; if the number on file is wrong, open the order "
        "under Rectifications and correct its notice number"),
    "order_ledger.sheet_lacking": (
        "工作表“{sheet}”也像整改台账，但缺少必需的列：{columns}，未读取；请补上这些列后再导入",
        "Sheet “{sheet}” also looks like a rectification ledger but lacks required columns: {columns}; "
        "it was not read. Add those columns and import again"),
    "order_ledger.order_rule": ("{text}", "{text}"),
    "order_ledger.sample_guessed": (
        "未填写抽样单编号（或检查日期和产品名称）：该企业在下达日期前只有一个尚未下达整改的不合格样品，"
        "即{day}的“{product}”，已按此样品导入。如不是这个样品，请填写抽样单编号后重新导入",
        "No sampling number (or check date and product) given: the enterprise's one failed sample "
        "without an order before the order date is “{product}” of {day}, and the order was imported "
        "for it. If it is another sample, give its sampling number and import again"),
    "order_ledger.name_differs": (
        "台账的企业名称“{given}”与系统中该统一社会信用代码的企业“{stored}”不同：已按代码记在“{stored}”名下。"
        "如代码填错，请改正后重新导入；如企业已更名，可不处理",
        "The ledger names the enterprise “{given}”, but the credit code is on file for “{stored}”: "
        "the order goes to “{stored}”. If the code is wrong, correct it and import again; if the "
        "enterprise was renamed, nothing needs doing"),
    "order_ledger.name_unrelated": (
        "台账的企业名称“{given}”与系统中该统一社会信用代码的企业“{stored}”毫不相同，统一社会信用代码"
        "可能填错：本行未导入。请核对代码后重新导入（企业已更名的，先在企业名录中更新名称）",
        "The ledger names the enterprise “{given}”, which has nothing in common with “{stored}”, "
        "the enterprise this credit code is on file for: the code may be mistyped, and the row was "
        "not imported. Check the code and import again (if the enterprise was renamed, update its "
        "name in the enterprise list first)"),
    "order_ledger.deadline_shorter": (
        "整改期限（{given}，下达后{days}天）与期限规则不符，早于规则的期限：按{rule_name}企业有下达后"
        "{expected_days}天（至 {expected}）整改，台账不能缩短规则给企业的期限，本行未导入。"
        "请核对下达日期和整改期限。" + _BLANKED[0],
        "The deadline ({given}, {days} days after the order) is earlier than the rules give: under "
        "{rule_en} the enterprise has {expected_days} days, to {expected}, and a ledger cannot shorten "
        "that; this row was not imported. Check the order date and deadline. " + _BLANKED[1]),
    "order_ledger.deadline_extended": (
        "整改期限 {given} 晚于按{rule_name}计算的 {expected}：按期限规则下达，并延期至 {given}"
        "（延期理由：按原整改台账）",
        "The deadline {given} is later than {expected} under {rule_en}: the order follows the rules "
        "and is extended to {given} (reason: 按原整改台账, as the ledger had it)"),
    "order_ledger.deadline_not_extendable": (
        "整改期限 {given} 晚于按{rule_name}计算的 {expected}，须延期至该日，但{reason}：本行未导入。"
        "请核对下达日期和整改期限。" + _BLANKED[0],
        "The deadline {given} is later than {expected} under {rule_en} and would need an extension, "
        "but {reason_en}: this row was not imported. Check the order date and deadline. " + _BLANKED[1]),
}
# The states the model can hold without a re-check visit; a closed order or a failed re-check
# would need one, which an import must not invent.
_STATE_WORDS = (
    ("failed", ("复查不合格", "复查未通过", "未通过复查")),
    ("awaiting_recheck", ("待复查", "等待复查", "申请复查")),
    ("closed", ("复查合格", "已复查", "已结案", "结案", "已完成", "已销号", "销号", "已撤销", "撤销",
                "整改完毕", "通过复查", "已闭环")),
    ("report_submitted", ("已报告", "已提交", "报告", "已上报")),
    ("open", ("整改中", "正在整改", "未整改", "限期整改", "未完成", "未到期", "责令整改")),
)
_PAREN_DAY = re.compile(r"[（(]\s*([^()（）]*\d[^()（）]*)\s*[)）]")


def ledger_message(rule: str, lang: str = "zh", **params: object) -> str:
    own = _MESSAGES.get(rule)
    return own_message(own, lang, params) if own else roster_message(rule, lang, **params)


class OrderFileError(RosterFileError):
    """The file could not be read as a rectification ledger; one line for the user."""

    words = staticmethod(ledger_message)
    renamed = {"roster.no_header": "order_ledger.no_header",
               "roster.missing_column": "order_ledger.missing_column"}


@dataclass(frozen=True)
class OrderIssue(RosterIssue):
    words = staticmethod(ledger_message)


def order_state(text: str, recheck_result: str = "") -> tuple[str | None, str]:
    """(state, date text in brackets) of a 状态 cell: 整改中 (or blank) → open, 企业已报告（日期）
    → report_submitted, 待复查 → awaiting_recheck; "closed" and "failed" are refused by the
    caller; None: not recognised. 已复查 is closed, or failed when 复查结论 says 不合格."""
    if "不合格" in recheck_result and "复查" in text and "待复查" not in text:
        return "failed", ""
    found = _PAREN_DAY.search(text)
    day = found.group(1).strip() if found else ""
    words = re.sub(r"\s+", "", _PAREN_DAY.sub("", text))
    if not words:
        return ("open" if not day else None), day
    for state, tokens in _STATE_WORDS:
        if any(t in words for t in tokens):
            return state, day
    return None, day


@dataclass(frozen=True)
class FoundSample:
    sample: Sample
    visit: Visit


class Samples:
    """A firm's samples on file (live, of a visit not merely planned), found as a ledger names
    them: by 抽样单编号, or by check day and product name (`normalise_product`)."""

    def __init__(self, store: Store):
        self.store = store
        self.cache: dict[int, list[FoundSample]] = {}

    def of(self, enterprise_id: int) -> list[FoundSample]:
        if enterprise_id not in self.cache:
            rows = self.store.db.execute(
                "SELECT s.id, v.id FROM sample s JOIN visit v ON v.id = s.visit_id WHERE v.enterprise_id = ?"
                " AND v.deleted_at IS NULL AND s.deleted_at IS NULL AND v.status != 'planned' ORDER BY s.id",
                [enterprise_id]).fetchall()
            visits: dict[int, Visit] = {}
            found = []
            for sample_id, visit_id in rows:
                if visit_id not in visits:
                    visits[visit_id] = fetch_record(self.store, Visit, visit_id)
                found.append(FoundSample(fetch_record(self.store, Sample, sample_id), visits[visit_id]))
            self.cache[enterprise_id] = found
        return self.cache[enterprise_id]

    def find(self, enterprise_id: int, task_no: str, day: str, product: str) -> list[FoundSample]:
        """The samples the row may mean: by number when given, else by day and product."""
        mine = self.of(enterprise_id)
        if task_no:
            key = re.sub(r"\s+", "", task_no)
            return [f for f in mine if re.sub(r"\s+", "", f.sample.task_no or "") == key]
        wanted = normalise_product(product)
        return [f for f in mine if f.visit.visit_date[:10] == day and normalise_product(f.sample.product_name)
                == wanted]


_COLUMN_OF = {"requirement": "requirement", "ordered_on": "ordered_on", "notice_no": "notice_no",
              "rule_set": "deadline", "report_submitted_on": "report_on", "existing_order": "task_no"}


def rule_issue(row_no: int, issue: Any) -> OrderIssue:
    """An issue of the order's own rules, said in its own words under the ledger's column."""
    column = LABELS.get(_COLUMN_OF.get(issue.field, ""), "")
    return OrderIssue(row_no, column, "order_ledger.order_rule",
                      {"text": (issue.text("zh"), issue.text("en"))}, issue.warning)
