"""One row of a spot-check ledger (抽查台账): its columns, its words, what its cells mean.

A county's ledger has one row per sample: the firm's credit code, the day, the product, the
result, the failed items, who checked. This module reads those cells into values (a kind, a
result, inspectors of the roster); whether the row makes a valid visit is decided by the visit
editor's own rules (`inspections.validate_visit`), in `check_ledger`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from qcdesk.models.codes import half_width
from qcdesk.models.jurisdictions import organising_body
from qcdesk.models.ledger_names import DIFFERS, SAME, compare_names, normalise_name
from qcdesk.models.messages import own_message
from qcdesk.models.records import Enterprise
from qcdesk.models.roster import RosterColumn, RosterFileError, RosterIssue, roster_message
from qcdesk.models.roster_reading import cell_date, cell_text
from qcdesk.models.sample_checks import split_names
from qcdesk.models.store import Store

COLUMNS: tuple[RosterColumn, ...] = (
    RosterColumn("uscc", "统一社会信用代码",
                 ("统一社会信用代码", "社会信用代码", "信用代码", "社会统一信用代码",
                  "受检单位统一社会信用代码", "uscc"), True,
                 "18位，必填；企业须已在系统中（先导入企业名录）；按文本填写"),
    RosterColumn("name", "企业名称",
                 ("企业名称", "受检单位", "受检单位名称", "被抽样单位", "被抽样单位名称", "受检企业",
                  "生产企业", "生产企业名称", "单位名称", "企业"), False,
                 "选填；仅供核对，按统一社会信用代码匹配企业"),
    RosterColumn("visit_date", "检查日期",
                 ("检查日期", "抽样日期", "抽查日期", "抽检日期", "检查时间", "抽样时间", "日期"), True,
                 "必填；如 2024-03-05、2024.3.5、2024年3月5日；不能晚于今天"),
    RosterColumn("kind", "检查类型",
                 ("检查类型", "抽查类型", "检查类别", "抽查类别", "任务类别", "类型"), False,
                 "监督抽查 或 专项检查；空白按监督抽查"),
    RosterColumn("task_no", "抽样单编号",
                 ("抽样单编号", "抽样单号", "抽样编号", "任务编号", "样品编号", "报告编号"), False,
                 "选填；填写后按编号识别已导入的样品"),
    RosterColumn("product", "产品名称",
                 ("产品名称", "样品名称", "抽样产品", "抽查产品", "产品"), True, "必填"),
    RosterColumn("spec", "规格型号", ("规格型号", "规格", "型号", "规格/型号", "型号规格"), False,
                 "选填；同一天同一产品的不同规格、批次，按规格型号和批号区分"),
    RosterColumn("batch", "生产日期/批号",
                 ("生产日期/批号", "生产日期或批号", "批号/生产日期", "生产日期批号", "批号", "生产批号",
                  "批次", "批次号"), False,
                 "选填；日期记为生产日期，其他（如 批号A）记为批号"),
    RosterColumn("produced", "生产日期", ("生产日期", "制造日期", "生产时间"), False, "选填"),
    RosterColumn("result", "检验结论",
                 ("检验结论", "检验结果", "抽查结果", "判定结论", "结论", "结果"), True,
                 "必填；合格（符合）或 不合格（不符合）；尚无结论的填 待检"),
    RosterColumn("failed_items", "不合格项目",
                 ("不合格项目", "不合格项", "不合格内容", "主要不合格项目"), False,
                 "检验结论为不合格的必填"),
    RosterColumn("inspectors", "检查人员",
                 ("检查人员", "执法人员", "抽样人员", "检查人", "抽样人", "承办人员", "承办人"), False,
                 "姓名或执法证号，以顿号分隔（如 张三、李四）；须已在执法人员名录中，监督抽查至少两名；"
                 "任务来源为国抽、省抽、市抽（上级组织，由检验机构抽样）的可不填"),
    RosterColumn("organiser", "任务来源",
                 ("任务来源", "组织单位", "任务来源单位", "抽查组织单位", "任务下达单位"), False,
                 "选填；国抽、省抽、市抽、县抽，或组织抽查的单位名称；空白按本单位"),
    RosterColumn("notified", "结果送达日期",
                 ("结果送达日期", "结果告知日期", "送达日期", "检验报告送达日期", "结果通知日期"), False,
                 "选填；空白的合格、不合格样品按检查日期记为已送达"),
    RosterColumn("remarks", "备注", ("备注", "说明"), False, "选填"),
)
LABELS = {c.key: c.header for c in COLUMNS}

_MESSAGES: dict[str, tuple[str, str]] = {
    "check_ledger.no_header": (
        "{path} 中找不到抽查台账的表头（应含“统一社会信用代码”“检查日期”“产品名称”“检验结论”等列）",
        "No header row of a spot-check ledger found in {path} (expected 统一社会信用代码, 检查日期, "
        "产品名称, 检验结论 …)"),
    "check_ledger.missing_column": (
        "{path} 缺少必需的列：{columns}。请把表头改为可识别的名称（{accepted}），或在抽查台账模板"
        "（命令 qcdesk roster template --kind checks）中填写",
        "{path} lacks required columns: {columns}. Rename the header to a name that is recognised "
        "({accepted}), or fill in the blank ledger template (qcdesk roster template --kind checks)"),
    "check_ledger.no_enterprise": (
        "统一社会信用代码为 {uscc} 的企业不在系统中：请先导入企业名录（文件 ▸ 导入企业名录…），"
        "再导入抽查台账",
        "No enterprise with the credit code {uscc} is on file: import the enterprise list first "
        "(File ▸ Import enterprise list…), then the spot-check ledger"),
    "check_ledger.date_invalid": (
        "“{value}”不是可识别的日期，请写成 2024-03-05、2024.3.5 或 2024年3月5日",
        "“{value}” is not a date that can be read; write it as 2024-03-05, 2024.3.5 or 2024年3月5日"),
    "check_ledger.kind_unknown": (
        "检查类型“{value}”不能从抽查台账导入：只导入监督抽查和专项检查；其他检查请在“检查记录”中录入",
        "The kind “{value}” cannot be imported from a spot-check ledger: only 监督抽查 and 专项检查 are; "
        "enter other checks under Visits"),
    "check_ledger.result_unknown": (
        "检验结论“{value}”无法识别：应为 合格、不合格 或 待检",
        "The result “{value}” is not recognised: 合格, 不合格 or 待检 expected"),
    "check_ledger.inspector_unknown": (
        "“{value}”不在执法人员名录中：请先导入执法人员名录（文件 ▸ 导入执法人员名录…；已调离的人员可记为"
        "“不在岗”），或核对姓名",
        "“{value}” is not in the inspector register: import the inspector register first (File ▸ "
        "Import inspector register…; people who left can be marked 不在岗), or check the name"),
    "check_ledger.inspector_cert_other": (
        "“{value}”：执法证号 {cert} 在执法人员名录中是“{name}”，与所写姓名不符：请核对姓名或执法证号",
        "“{value}”: the certificate number {cert} is {name}'s in the inspector register, not the "
        "name written: check the name or the number"),
    "check_ledger.inspector_twice": (
        "执法人员名录中有 {count} 人名叫“{value}”：请在本格改写其执法证号，或写成 {value}（执法证号）",
        "{count} inspectors in the register are named “{value}”: write this one's certificate "
        "number in the cell instead, or write it as {value}（执法证号）"),
    "check_ledger.on_file_since": (
        "第{row}行的样品（{day} {product}）在检查文件之后已录入系统（另一窗口或命令行导入了同一台账？），"
        "未导入任何一行：请重新选择文件检查后再导入",
        "The sample of row {row} ({day} {product}) was entered after the file was checked (the same "
        "ledger imported in another window or from the command line?); nothing was imported: "
        "check the file again, then import"),
    "check_ledger.duplicate_in_file": (
        "与{first}是同一样品（同一企业、检查日期、产品名称、规格型号和批号，或同一抽样单编号），本行未导入"
        "{hint}",
        "The same sample as {first} (same enterprise, date, product, model and batch, or the same "
        "sampling number); this row was not imported{hint_en}"),
    "check_ledger.name_differs": (
        "台账的企业名称“{given}”与系统中该统一社会信用代码的企业“{stored}”不同：已按代码记在“{stored}”名下。"
        "如代码填错，请改正后重新导入；如企业已更名，可不处理",
        "The ledger names the enterprise “{given}”, but the credit code is on file for “{stored}”: "
        "the row goes to “{stored}”. If the code is wrong, correct it and import again; if the "
        "enterprise was renamed, nothing needs doing"),
    "check_ledger.name_unrelated": (
        "台账的企业名称“{given}”与系统中该统一社会信用代码的企业“{stored}”毫不相同，统一社会信用代码"
        "可能填错：本行未导入。请核对代码后重新导入（企业已更名的，先在企业名录中更新名称）",
        "The ledger names the enterprise “{given}”, which has nothing in common with “{stored}”, "
        "the enterprise this credit code is on file for: the code may be mistyped, and the row was "
        "not imported. Check the code and import again (if the enterprise was renamed, update its "
        "name in the enterprise list first)"),
    "check_ledger.inspectors_missing": (
        "检查人员未填写：{kind}须由至少两名执法人员实施。请填写检查人员；国抽、省抽、市抽等上级组织、"
        "由检验机构抽样的，请在“任务来源”列注明",
        "No inspectors given: a {kind} is made by at least two inspectors. Enter them; for a check "
        "organised above this office (国抽, 省抽, 市抽) and sampled by the testing institute, say so "
        "in the 任务来源 column"),
    "check_ledger.inspectors_own_body": (
        "检查人员未填写：任务来源“{source}”的组织单位是{org}，即本单位（设置 ▸ 首选项… ▸ 组织单位），"
        "本单位的监督抽查须由至少两名执法人员实施。如本单位是县（市、区）局，请先在设置中填写本单位名称，"
        "再导入；否则请填写检查人员",
        "No inspectors given: the task source “{source}” names {org}, which is this office (Settings ▸ "
        "Preferences… ▸ organising body), and this office's spot checks are made by at least two "
        "inspectors. If this is a county (district) office, set its name in the settings first and "
        "import again; otherwise enter the inspectors"),
    "check_ledger.organiser_unknown": (
        "任务来源“{value}”无法识别，组织单位按本单位记录：应为 国抽、省抽、市抽、县抽 或组织单位的名称",
        "The task source “{value}” is not recognised and the organiser is recorded as this office: "
        "国抽, 省抽, 市抽, 县抽 or the organising body's name expected"),
    "check_ledger.notified_invalid": (
        "结果送达日期“{value}”不是可识别的日期，请写成 2024-03-05、2024.3.5 或 2024年3月5日",
        "The result notification date “{value}” cannot be read; write it as 2024-03-05, 2024.3.5 "
        "or 2024年3月5日"),
    "check_ledger.notified_assumed": (
        "未填写结果送达日期的 {count} 个样品按检查日期记为已送达（台账中的检验结论已送达企业），"
        "可列入公示；实际送达日期不同的，请在“检查记录”中更正",
        "{count} samples without a result notification date (结果送达日期) are recorded as notified "
        "on the check day (a ledger's results have reached the enterprises), so they can be "
        "published; where the real day differs, correct it in the visit"),
    "check_ledger.sheet_lacking": (
        "工作表“{sheet}”也像抽查台账，但缺少必需的列：{columns}，未读取；请补上这些列后再导入",
        "Sheet “{sheet}” also looks like a spot-check ledger but lacks required columns: {columns}; "
        "it was not read. Add those columns and import again"),
    "check_ledger.result_differs": (
        "系统中已有该样品（{day}“{product}”），检验结论为“{stored}”，与本行的“{given}”不同；本行未导入。"
        "请核对后在“检查记录”中更正",
        "This sample is already on file ({day} “{product}”) with the result “{stored}”, not "
        "“{given}” as on this row; the row was not imported. Check which is right and correct "
        "the visit"),
    "check_ledger.visit_rule": ("{text}", "{text}"),
}
RESULT_WORDS = {"合格": "pass", "不合格": "fail", "符合": "pass", "不符合": "fail",
                "待检": "pending", "检验中": "pending", "未出结果": "pending"}
RESULT_LABELS = {"pass": "合格", "fail": "不合格", "pending": "待检"}
_SPOT_WORDS = ("抽查", "抽检", "国抽", "省抽", "市抽", "县抽")
_NAME_AND_CERT = re.compile(r"^(.+?)\((\w+)\)$")  # a name with its 执法证号, brackets half-width


def ledger_message(rule: str, lang: str = "zh", **params: object) -> str:
    own = _MESSAGES.get(rule)
    return own_message(own, lang, params) if own else roster_message(rule, lang, **params)


class LedgerFileError(RosterFileError):
    """The file could not be read as a spot-check ledger; one line for the user."""

    words = staticmethod(ledger_message)
    renamed = {"roster.no_header": "check_ledger.no_header",
               "roster.missing_column": "check_ledger.missing_column"}


@dataclass(frozen=True)
class LedgerIssue(RosterIssue):
    words = staticmethod(ledger_message)


def visit_kind(text: str) -> str | None:
    """监督抽查 (also 国抽, 省级监督抽查, 抽检…) → spot_check, 专项检查 → special; blank → spot_check."""
    text = re.sub(r"\s+", "", text)
    if not text:
        return "spot_check"
    if "专项" in text:
        return "special"
    return "spot_check" if any(w in text for w in _SPOT_WORDS) else None


def sample_result(text: str) -> str | None:
    return RESULT_WORDS.get(re.sub(r"\s+", "", text))


@dataclass(frozen=True)
class Person:
    uuid: str
    name: str


class Roster:
    """The inspector register as a ledger names people: by name (unique) or by 执法证号; people
    no longer on duty count, as the ledger is history."""

    def __init__(self, store: Store):
        self.by_name: dict[str, list[Person]] = {}
        self.by_cert: dict[str, Person] = {}
        for uuid, name, cert in store.db.execute(
                "SELECT uuid, name, cert_no FROM inspector WHERE deleted_at IS NULL ORDER BY id"):
            person = Person(uuid, name)
            self.by_name.setdefault(re.sub(r"\s+", "", name), []).append(person)
            if cert:
                self.by_cert.setdefault(half_width(cert).replace(" ", ""), person)

    def find(self, text: str, row_no: int, issues: list[RosterIssue]) -> list[Person]:
        """The people named in one cell; each unknown or ambiguous name becomes an issue."""
        found: list[Person] = []
        for token in split_names(text):
            key = re.sub(r"\s+", "", half_width(token))
            with_cert = _NAME_AND_CERT.match(key)  # 张伟（04212220001）: the 张伟 of that 执法证号
            if with_cert is not None and with_cert[2] in self.by_cert:
                person = self.by_cert[with_cert[2]]
                if re.sub(r"\s+", "", person.name) != with_cert[1]:
                    issues.append(LedgerIssue(row_no, LABELS["inspectors"],
                                              "check_ledger.inspector_cert_other",
                                              {"value": token, "cert": with_cert[2], "name": person.name}))
                elif person not in found:
                    found.append(person)
                continue
            person = self.by_cert.get(key)
            named = self.by_name.get(key, [])
            if person is None and len(named) == 1:
                person = named[0]
            if person is not None:
                if person not in found:
                    found.append(person)
            elif named:
                issues.append(LedgerIssue(row_no, LABELS["inspectors"], "check_ledger.inspector_twice",
                                          {"value": token, "count": len(named)}))
            else:
                issues.append(LedgerIssue(row_no, LABELS["inspectors"], "check_ledger.inspector_unknown",
                                          {"value": token}))
        return found


def column_of(field_name: str) -> str:
    """The ledger column a visit editor's field stands for ("" when the ledger has none)."""
    key = field_name.split(".")[-1]
    return LABELS.get({"enterprise_id": "uscc", "product_name": "product", "samplers": "inspectors",
                       "sampled_on": "visit_date"}.get(key, key), "")


def rule_issue(row_no: int, issue: Any) -> LedgerIssue:
    """An issue of the visit editor's rules, said in its own words under the ledger's column."""
    return LedgerIssue(row_no, column_of(issue.field), "check_ledger.visit_rule",
                       {"text": (issue.text("zh"), issue.text("en"))}, issue.warning)


def ledger_organiser(text: str) -> str | None:
    """The organising body a 任务来源 cell names: 国抽/省抽/省局/市局… give the higher body,
    本局/县抽 (this office) and a blank give "" (the sample's blank organiser is this office's
    everywhere), a full bureau name is kept; None when the text names no body (the row then
    keeps the two-inspector rule). The words are `jurisdictions.organising_body`'s."""
    return organising_body(unicodedata.normalize("NFKC", text or ""))


# The File menu's imports, as a command-line user gives them (the CLI prints messages written
# for both; a menu a terminal does not have helps nobody there).
_CLI_FORMS = {
    "文件 ▸ 导入企业名录…": ("enterprises", "企业名录文件"),
    "文件 ▸ 导入执法人员名录…": ("inspectors", "执法人员名录文件"),
    "文件 ▸ 导入抽查台账…": ("checks", "抽查台账文件"),
    "文件 ▸ 导入整改台账…": ("orders", "整改台账文件"),
}


def for_cli(text: str) -> str:
    """A message with each import menu named as its command (qcdesk roster import --kind …);
    one naming the command beside the menu already is left as it is."""
    for menu, (kind, file_word) in _CLI_FORMS.items():
        if menu not in text:
            continue
        command = f"qcdesk roster import --kind {kind}"
        if command not in text:
            text = text.replace(menu, f"命令 {command} <{file_word}>")
    return text


def batch_key(spec: str, batch: str) -> tuple[str, str]:
    """规格型号 and 批号 as two samples of one product and day are told apart."""
    return normalise_name(spec).casefold(), normalise_name(batch).casefold()


def check_name(row_no: int, given: str, firm: Enterprise | None, issues: list[RosterIssue]) -> str:
    """The ledger's 企业名称 against the firm its code is on file for (the template says the name
    is for checking): another name is pointed out with both, a name with nothing in common
    refuses the row (a mistyped code would put a failure on another firm). Returns the ledger's
    name when it differs, else ""."""
    likeness = compare_names(given, firm.name) if firm is not None else SAME
    if likeness == SAME:
        return ""
    issues.append(LedgerIssue(row_no, LABELS["name"], f"check_ledger.name_{likeness}",
                              {"given": given, "stored": firm.name}, likeness == DIFFERS))
    return given


def organiser_of(row_no: int, text: str, issues: list[RosterIssue]) -> str:
    organiser = ledger_organiser(text)
    if organiser is None:
        issues.append(LedgerIssue(row_no, LABELS["organiser"], "check_ledger.organiser_unknown",
                                  {"value": text}, True))
        return ""
    return organiser


def _bare_number(raw: Any, text: str) -> bool:
    return isinstance(raw, int | float) and not isinstance(raw, bool) or text.isdigit() and len(text) < 8


def batch_cells(values: dict[str, Any]) -> tuple[str, str | None, str]:
    """(规格型号, 生产日期, 批号): a 生产日期/批号 cell holding a date is the production date, any
    other text (批号A) the batch number."""
    produced, batch = None, ""
    for key in ("produced", "batch"):
        raw = values.get(key)
        text = cell_text(raw)
        if not text:
            continue
        try:  # a bare number in the 批号 column is a batch (31225), never an Excel day serial
            day = None if key == "batch" and _bare_number(raw, text) else cell_date(raw).isoformat()
        except ValueError:  # NoSuchDay too: then it is written as a batch, kept as written
            day = None
        if day is not None and produced is None:
            produced = day
        elif not batch:
            batch = text
    return cell_text(values.get("spec")), produced, batch


def notified_day(row_no: int, values: dict[str, Any], day: str | None, result: str | None,
              issues: list[RosterIssue]) -> tuple[str | None, bool]:
    """The 结果送达日期, and whether it is taken as the check day: a final result in a county's
    ledger has been delivered (公示 lists only notified results), and the summary says so."""
    raw = values.get("notified")
    text = cell_text(raw)
    if text:
        try:
            return cell_date(raw).isoformat(), False
        except ValueError:
            issues.append(LedgerIssue(row_no, LABELS["notified"], "check_ledger.notified_invalid",
                                      {"value": text}))
            return None, False
    if result in ("pass", "fail") and day is not None:
        return day, True
    return None, False
