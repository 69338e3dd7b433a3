"""Enterprise lists (企业名录) from the city as spreadsheets: read, check, plan, apply.

The whole file is read and checked before anything is written (`plan_roster_import`), so the GUI
can preview it and a file that breaks half-way changes nothing; `apply_roster_plan` then writes all
good rows in ONE transaction through `save_enterprise` (revisions, validation and the search index
as for a record edited by hand). Rows match by USCC; an empty cell means "not given", never "clear".

A clerk's rules: of two rows with one credit code, the first without problems is imported and the
other refused (a rejected first row does not lose the enterprise); a licence number belongs to one
enterprise, so a row giving another's (earlier in the file, or in the database) is refused.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from qcdesk.models.codes import check_licence, check_uscc, licence_kind
from qcdesk.models.enterprise_checks import as_stored_only_warns, text_field_issues
from qcdesk.models.enterprises import enterprise_licences, find_enterprise_by_uscc, save_enterprise
from qcdesk.models.jurisdictions import resolve_jurisdiction
from qcdesk.models.messages import message
from qcdesk.models.name_order import refresh_name_keys
from qcdesk.models.records import Enterprise, Licence
from qcdesk.models.roster_files import pick_sheet
from qcdesk.models.roster_reading import (
    NoSuchDay,
    cell_date,
    cell_text,
    first_given,
    totals_text,
)
from qcdesk.models.store import Store


@dataclass(frozen=True)
class RosterColumn:
    key: str
    header: str  # the template's header
    aliases: tuple[str, ...]
    required: bool = False
    note: str = ""


COLUMNS: tuple[RosterColumn, ...] = (
    RosterColumn("uscc", "统一社会信用代码", ("统一社会信用代码", "社会信用代码", "信用代码", "uscc"), True,
                 "18位，必填；按文本填写，勿用数字格式（否则Excel会丢失末几位）"),
    RosterColumn("name", "企业名称", ("企业名称", "单位名称", "企业(单位)名称", "名称", "企业"), True,
                 "必填；与营业执照一致"),
    RosterColumn("jurisdiction", "所属县市区",
                 ("所属县市区", "县（市、区）", "所在县（市、区）", "所属县（市、区）", "县市区", "所属区域",
                  "所属地区", "行政区划代码", "行政区划", "区划代码", "所在县市区", "辖区"), True,
                 "必填；下拉选择，或填写行政区划代码（如 421221）"),
    RosterColumn("industry", "行业", ("行业", "所属行业", "产业", "行业类别"), False,
                 "如 砖茶、管材、涂附磨具；可填写其他行业"),
    RosterColumn("address", "地址", ("地址", "企业地址", "生产地址", "住所", "注册地址", "经营地址")),
    RosterColumn("contact_name", "联系人", ("联系人", "企业联系人", "联系人姓名")),
    RosterColumn("contact_phone", "联系电话", ("联系电话", "电话", "手机", "联系方式", "手机号码")),
    RosterColumn("licence_no", "生产许可证编号",
                 ("生产许可证编号", "许可证编号", "生产许可证号", "许可证号", "生产许可证", "许可证证号",
                  "生产许可证证号", "生产许可证证书编号"), False,
                 "XK+dd-ddd-ddddd（可带“(鄂)”）或 SC+14位数字；没有则留空"),
    RosterColumn("licence_expires", "许可证有效期至",
                 ("许可证有效期至", "有效期至", "许可证有效期", "有效期", "许可证到期日",
                  "生产许可证有效期至", "生产许可证有效期", "有效期截止日期",
                  "许可证到期日期", "有效期限"), False,
                 "日期，如 2027-05-31"),
)
LABELS = {c.key: c.header for c in COLUMNS}
UPDATABLE = ("name", "jurisdiction_code", "address", "industry", "contact_name", "contact_phone")

_MESSAGES: dict[str, tuple[str, str]] = {
    "roster.duplicate_in_file": ("统一社会信用代码与第{first}行重复，本行未导入",
                                 "Same credit code as row {first}; this row was not imported"),
    "roster.duplicate_after_rejected": (
        "统一社会信用代码与第{first}行相同；第{first}行有问题未导入，已按本行导入",
        "Same credit code as row {first}, which has problems and was not imported; this row was imported"),
    "roster.licence_in_file": (
        "许可证编号 {number} 已在第{first}行填给另一家企业（{uscc}）；一个许可证只属于一家企业，本行未导入",
        "Licence {number} is given to another enterprise ({uscc}) on row {first}; a licence belongs "
        "to one enterprise, so this row was not imported"),
    "roster.licence_taken": (
        "许可证编号 {number} 在系统中属于另一家企业：{name}（{uscc}）；一个许可证只属于一家企业，本行未导入",
        "Licence {number} belongs to another enterprise here: {name} ({uscc}); a licence belongs "
        "to one enterprise, so this row was not imported"),
    "roster.totals_row": ("“{text}”是合计行，不是企业，已跳过",
                          "“{text}” is a totals row, not an enterprise; skipped"),
    "roster.expiry_without_licence": (
        "填写了有效期“{value}”但没有许可证编号，有效期未导入",
        "A validity date “{value}” is given without a licence number; the date was not imported"),
    "roster.licence_left_out": (
        "许可证编号“{number}”有误，未导入：{reason}。企业已导入；请核对许可证原件后在企业档案中补录"
        "许可证及其有效期",
        "Licence number “{number}” is wrong and was not imported: {reason}. The enterprise was "
        "imported; check the licence itself and add the licence and its validity date in the "
        "enterprise file"),
    "roster.expiry_range": (
        "“{value}”不像许可证的有效期（应在 1985 年至 2099 年之间；1900-01-01 多是 Excel 把空白或 0 "
        "当成了日期），请核对",
        "“{value}” is not a plausible licence validity date (1985 to 2099; 1900-01-01 is usually a "
        "blank or 0 that Excel turned into a date); check it"),
    "roster.uscc_number": ("统一社会信用代码被存成了数字（{value}），末几位已丢失；"
                           "请将该列设为文本后重新填写",
                           "The credit code was stored as a number ({value}) and lost digits; "
                           "format the column as text"),
    "roster.not_found": ("找不到文件 {path}", "File not found: {path}"),
    "roster.empty_file": ("{path} 是空文件（0 字节），里面没有名录。请确认选对了文件，或重新导出后再导入",
                          "{path} is empty (0 bytes): it holds no list. Check it is the right file, "
                          "or export it again and import that"),
    "roster.not_spreadsheet": ("{path} 已损坏或不是电子表格，请重新导出后再试"
                               "（可导入 xlsx、xls、et、ods、csv 文件）",
                               "{path} is damaged or not a spreadsheet; export it again and retry "
                               "(xlsx, xls, et, ods and csv files can be imported)"),
    "roster.et_unreadable": ("{path} 是 WPS 表格文件（.et），无法读取；"
                             "请在 WPS 中打开它，另存为 .xlsx 后再导入",
                             "{path} is a WPS spreadsheet (.et) that cannot be read; open it in WPS, "
                             "save it as .xlsx and import that"),
    "roster.csv_encoding": ("无法识别 {path} 的文字编码，请在 Excel/WPS 中“另存为” .xlsx 后再导入",
                            "The text encoding of {path} is not recognised; in Excel/WPS use "
                            "“Save As” .xlsx and import that"),
    "roster.encrypted": ("{path} 已加密（设有打开密码），请在 Excel/WPS 中取消密码后另存再导入",
                         "{path} is password-protected; remove the password and save again"),
    "roster.no_header": ("{path} 中找不到表头（应含“统一社会信用代码”“企业名称”等列）",
                         "No header row found in {path} (expected 统一社会信用代码, 企业名称 …)"),
    "roster.missing_column": (
        "{path} 缺少必需的列：{columns}。请把表头改为可识别的名称（{accepted}），"
        "或在“保存空白模板”（命令 qcdesk roster template）生成的模板中填写",
        "{path} lacks required columns: {columns}. Rename the header to a name that is recognised "
        "({accepted}), or fill in the blank template (Save blank template, or qcdesk roster template)"),
    "roster.save_failed": ("第{row}行保存失败：{reason}", "Row {row} could not be saved: {reason}"),
    "roster.phone_left_out": ("“{value}”不是有效的电话号码，该电话未导入（企业已导入），"
                              "请核对后在企业档案中填写",
                              "“{value}” is not a phone number and was left out (the enterprise was "
                              "imported); check it and enter it in the enterprise file"),
    "roster.too_large": (
        "表格过大：{path} 的工作表“{sheet}”第 {row} 行/第 {column} 列（{letters} 列）仍有内容，超出可读入的"
        "范围（至多 {max_rows} 行、{max_columns} 列）；请在 Excel 或 WPS 中按 Ctrl+End 找到并删除无关"
        "单元格，保存后重试",
        "Sheet too large: sheet “{sheet}” of {path} has content as far as row {row} / column {column} "
        "({letters}), beyond what can be read (at most {max_rows} rows and {max_columns} columns); in "
        "Excel or WPS press Ctrl+End, delete the stray cells, save and try again"),
}


def roster_message(rule: str, lang: str = "zh", **params: object) -> str:
    zh_en = _MESSAGES.get(rule)
    if zh_en is None:
        return message(rule, lang, **params)
    english = lang.startswith("en")  # a (zh, en) parameter is given in the same language
    params = {k: (v[1] if english else v[0]) if isinstance(v, tuple) else v for k, v in params.items()}
    return (zh_en[1] if english else zh_en[0]).format(**params)


class RosterFileError(Exception):
    """The file could not be read as an enterprise list; one line for the user."""

    def __init__(self, rule: str, **params: object):
        self.rule, self.params = rule, params
        super().__init__(roster_message(rule, **params))

    def text(self, lang: str = "zh") -> str:
        return roster_message(self.rule, lang, **self.params)


@dataclass(frozen=True)
class RosterIssue:
    """A problem with one cell: spreadsheet row number (as Excel shows it), column, reason."""

    row: int
    column: str  # header label
    rule: str
    params: dict[str, Any] = field(default_factory=dict)
    warning: bool = False

    def reason(self, lang: str = "zh") -> str:
        return roster_message(self.rule, lang, **self.params)

    def text(self, lang: str = "zh") -> str:
        if lang.startswith("en"):
            col = f", column “{self.column}”" if self.column else ""
            return f"Row {self.row}{col}: {self.reason(lang)}"
        col = f"“{self.column}”" if self.column else ""
        return f"第{self.row}行{col}：{self.reason(lang)}"


@dataclass
class RosterRow:
    """One good row: what it will do to the store."""

    row: int
    action: str  # "add" | "update" | "unchanged"
    enterprise: Enterprise
    licences: list[Licence] = field(default_factory=list)
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # field -> (old, new)


@dataclass
class RosterPlan:
    path: Path
    sheet: str
    rows: list[RosterRow] = field(default_factory=list)
    issues: list[RosterIssue] = field(default_factory=list)
    bad_rows: dict[int, tuple[str, str]] = field(default_factory=dict)  # row -> (USCC, name) as given
    total_rows: int = 0
    _by_row: dict[int, RosterRow] = field(default_factory=dict, repr=False, compare=False)

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    def identity(self, row: int) -> tuple[str, str]:
        """(USCC, name) of a spreadsheet row, imported or not, to show beside its problems."""
        if row in self.bad_rows:
            return self.bad_rows[row]
        if len(self._by_row) != len(self.rows):  # one lookup per issue: no scan of every row
            self._by_row = {r.row: r for r in self.rows}
        item = self._by_row.get(row)
        return self.item_identity(item) if item else ("", "")

    def item_identity(self, item: Any) -> tuple[str, str]:
        """(key, name) of one good row; another list kind's plan gives its own."""
        return item.enterprise.uscc, item.enterprise.name


@dataclass
class RosterResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0


# --- reading -------------------------------------------------------------------------------

def read_sheet(path: Path) -> tuple[str, dict[str, list[int]], int, list[list[Any]]]:
    """(sheet name, header map, index of the first data row, all rows) of the sheet whose header
    names the most columns; a two-row header (merged parent over sub-headers) counts as one."""
    refuse_empty_file(Path(path), RosterFileError)
    return pick_sheet(Path(path), COLUMNS, RosterFileError)


def refuse_empty_file(path: Path, error: Callable[..., Exception]) -> None:
    """A 0-byte file is said to be empty: read as a CSV it was "找不到表头", which sent the
    clerk looking for a header in a file that holds nothing."""
    try:
        empty = path.is_file() and path.stat().st_size == 0
    except OSError:
        return  # reading it says what is wrong
    if empty:
        raise error("roster.empty_file", path=path)


def _licence_owners(store: Store) -> dict[str, tuple[str, str]]:
    """licence number -> (USCC, name) of the enterprise that holds it, as filed."""
    rows = store.db.execute(
        "SELECT l.number, e.uscc, e.name FROM licence l JOIN enterprise e ON e.id = l.enterprise_id "
        "WHERE l.deleted_at IS NULL AND e.deleted_at IS NULL")
    return {number: (uscc, name) for number, uscc, name in rows}


@dataclass
class _Seen:
    """What earlier rows of the file settled: which row each credit code and licence went to."""

    licence_owners: dict[str, tuple[str, str]]  # in the database: number -> (USCC, name)
    imported: dict[str, int] = field(default_factory=dict)  # USCC -> row imported
    rejected: dict[str, int] = field(default_factory=dict)  # USCC -> first row refused
    licences: dict[str, tuple[int, str]] = field(default_factory=dict)  # number -> (row, USCC)


# --- planning ------------------------------------------------------------------------------

EXPIRY_RANGE = (date(1985, 1, 1), date(2099, 12, 31))  # licences (XK) date from 1984
_SCIENTIFIC = re.compile(r"[0-9](\.[0-9]+)?[eE]\+?[0-9]+")
PROGRESS_EVERY = 500  # rows between two progress reports


def plan_roster_import(store: Store, path: Path, progress: Callable[[int, int], object] | None = None
                       ) -> RosterPlan:
    """Read and check the whole file; nothing is written. Raises RosterFileError.

    `progress(done, total)` is called every few hundred rows; to stop, it raises (the GUI's
    Cancel), and nothing has been written."""
    sheet, header, first_data, rows = read_sheet(Path(path))
    plan = RosterPlan(Path(path), sheet)
    seen = _Seen(_licence_owners(store))
    total = len(rows) - first_data
    for offset, raw in enumerate(rows[first_data:]):
        if progress is not None and offset % PROGRESS_EVERY == 0:
            progress(offset, total)
        row_no = first_data + 1 + offset  # 1-based, as Excel shows it
        values = {k: first_given(raw, indexes) for k, indexes in header.items()}
        if all(cell_text(v) == "" for v in values.values()):
            continue
        totals = totals_text(raw)
        if totals and not check_uscc(cell_text(values.get("uscc"))).ok:  # 合计 4家: no enterprise
            plan.issues.append(RosterIssue(row_no, "", "roster.totals_row", {"text": totals}, True))
            continue
        plan.total_rows += 1
        issues: list[RosterIssue] = []
        planned = _plan_row(store, row_no, values, issues, seen)
        plan.issues.extend(issues)
        if planned is None or any(not i.warning for i in issues):
            plan.bad_rows[row_no] = (cell_text(values.get("uscc")), cell_text(values.get("name")))
        else:
            plan.rows.append(planned)
    return plan


def _licence_expiry(row_no: int, values: dict[str, Any], has_licence: bool,
                    issues: list[RosterIssue]) -> date | None:
    """The licence's validity date, or None; every value that cannot be used is reported."""
    label = LABELS["licence_expires"]
    raw = values.get("licence_expires")
    text = cell_text(raw)
    if not text:
        return None
    if not has_licence:
        issues.append(RosterIssue(row_no, label, "roster.expiry_without_licence", {"value": text}, True))
        return None
    try:
        expires = cell_date(raw)
    except NoSuchDay:
        issues.append(RosterIssue(row_no, label, "date.no_such_day", {"field": label, "value": text}))
        return None
    except ValueError:
        issues.append(RosterIssue(row_no, label, "date.invalid", {"field": label}))
        return None
    if not EXPIRY_RANGE[0] <= expires <= EXPIRY_RANGE[1]:
        issues.append(RosterIssue(row_no, label, "roster.expiry_range", {"value": expires.isoformat()}))
        return None
    return expires


def _plan_row(store: Store, row_no: int, values: dict[str, Any], issues: list[RosterIssue],
              seen: _Seen) -> RosterRow | None:
    def bad(key: str, rule: str, **params: Any) -> None:
        issues.append(RosterIssue(row_no, LABELS[key], rule, params))

    raw_uscc = values.get("uscc")
    check = check_uscc(cell_text(raw_uscc))
    as_number = isinstance(raw_uscc, int | float) and not isinstance(raw_uscc, bool)
    if check.errors and (as_number or _SCIENTIFIC.fullmatch(cell_text(raw_uscc))):  # CSV: 9.14E+17
        bad("uscc", "roster.uscc_number", value=cell_text(raw_uscc))
    else:
        for rule in check.errors:
            bad("uscc", rule, **check.params)
    for rule in check.warnings:
        issues.append(RosterIssue(row_no, LABELS["uscc"], rule, warning=True))
    name = cell_text(values.get("name"))
    if not name:
        bad("name", "required", field=LABELS["name"])
    place_text = cell_text(values.get("jurisdiction"))
    place = resolve_jurisdiction(place_text)
    if place is None:
        if place_text:
            bad("jurisdiction", "jurisdiction.unknown", value=place_text)
        else:
            bad("jurisdiction", "required", field=LABELS["jurisdiction"])
    licence_no = cell_text(values.get("licence_no"))
    lcheck = check_licence(licence_no) if licence_no else None
    if lcheck is not None and lcheck.errors:
        # the enterprise matters more than one mistyped licence: it is imported, the licence
        # (never stored wrong) is left out with a warning saying why and what to do
        rule = lcheck.errors[0]
        issues.append(RosterIssue(row_no, LABELS["licence_no"], "roster.licence_left_out",
                                  {"number": licence_no,
                                   "reason": (message(rule, "zh"), message(rule, "en"))}, True))
        lcheck = None
        values = {**values, "licence_expires": None}  # a date of no licence: left out with it
    if lcheck is not None and check.ok:
        _check_licence_owner(lcheck.value, check.value, seen, bad)
    expires = _licence_expiry(row_no, values, lcheck is not None, issues)
    texts = _text_cells(row_no, values, find_enterprise_by_uscc(store, check.value) if check.ok else None,
                        issues)
    if check.ok and check.value in seen.imported:
        bad("uscc", "roster.duplicate_in_file", first=seen.imported[check.value])
    if any(not i.warning for i in issues):
        if check.ok:
            seen.rejected.setdefault(check.value, row_no)
        return None
    if check.value in seen.rejected:  # the first row with this code was refused: this one counts
        issues.append(RosterIssue(row_no, LABELS["uscc"], "roster.duplicate_after_rejected",
                                  {"first": seen.rejected[check.value]}, True))
    seen.imported[check.value] = row_no
    if lcheck is not None:
        seen.licences.setdefault(lcheck.value, (row_no, check.value))
    incoming = {"name": name, "jurisdiction_code": place.code, **texts}
    existing = find_enterprise_by_uscc(store, check.value)
    enterprise = existing or Enterprise(uscc=check.value)
    changes: dict[str, tuple[Any, Any]] = {}
    for key in UPDATABLE:
        new = incoming[key]
        old = getattr(enterprise, key)
        if new and new != old:  # an empty cell never clears a stored value
            changes[key] = (old, new)
            setattr(enterprise, key, new)
    licences: list[Licence] = []
    if lcheck is not None:
        number = lcheck.value
        current = next((lic for lic in (enterprise_licences(store, enterprise.id) if existing else [])
                        if lic.number == number), None)
        new_expiry = expires.isoformat() if expires else None
        if current is None:
            licences.append(Licence(kind=licence_kind(number) or "", number=number, expires_on=new_expiry))
            changes["licence"] = (None, number)
        elif new_expiry and current.expires_on != new_expiry:
            changes["licence_expires"] = (current.expires_on, new_expiry)
            current.expires_on = new_expiry
            licences.append(current)
    action = "add" if existing is None else ("update" if changes else "unchanged")
    return RosterRow(row_no, action, enterprise, licences, changes)


def _text_cells(row_no: int, values: dict[str, Any], stored: Enterprise | None,
                issues: list[RosterIssue]) -> dict[str, str]:
    """The free-text cells as they will be stored, checked as the enterprise file checks them
    (`enterprise_checks`, a value the file already holds only warned of): a text too long refuses
    the row; a phone that is no phone number is left out with a warning, since the enterprise
    matters more than its phone and one messy cell must not keep it out of the register."""
    texts = {k: cell_text(values.get(k)) for k in ("address", "industry", "contact_name", "contact_phone")}
    probe = copy.copy(stored) if stored else Enterprise()
    for key, text in (("name", cell_text(values.get("name"))), *texts.items()):
        if text:
            setattr(probe, key, text)
    for issue in as_stored_only_warns(text_field_issues(probe), probe, stored):
        if issue.field == "contact_phone" and not issue.warning:
            issues.append(RosterIssue(row_no, LABELS["contact_phone"], "roster.phone_left_out",
                                      {"value": texts["contact_phone"]}, True))
            probe.contact_phone = texts["contact_phone"] = ""
        else:
            issues.append(RosterIssue(row_no, LABELS.get(issue.field, ""), issue.rule, issue.params,
                                      issue.warning))
    if texts["contact_phone"]:
        texts["contact_phone"] = probe.contact_phone  # half-width, as saving stores it
    return texts


def _check_licence_owner(number: str, uscc: str, seen: _Seen, bad) -> None:
    """A licence number belongs to one enterprise: refuse a row that gives it to another."""
    owner = seen.licence_owners.get(number)
    if owner is not None and owner[0] != uscc:
        bad("licence_no", "roster.licence_taken", number=number, uscc=owner[0], name=owner[1])
        return
    first = seen.licences.get(number)
    if first is not None and first[1] != uscc:
        bad("licence_no", "roster.licence_in_file", number=number, first=first[0], uscc=first[1])


# --- applying ------------------------------------------------------------------------------

def apply_roster_plan(store: Store, plan: RosterPlan, progress: Callable[[int, int], object] | None = None,
                      committing: Callable[[], object] | None = None) -> RosterResult:
    """Write every good row in one transaction: all of them or, on any failure, none.

    `progress(done, total)` may raise to stop (everything is rolled back); `committing()` is
    called just before the commit, the point after which stopping is no longer possible."""
    from qcdesk.models.roster_writing import write_plan

    def save(item: RosterRow) -> None:
        save_enterprise(store, item.enterprise, item.licences)

    # the list shows the new names in order at once
    return write_plan(store, plan, save, progress, committing, finish=refresh_name_keys)


def summary_line(plan: RosterPlan, result: RosterResult | None, dry_run: bool = False,
                 unit: str = "家") -> str:
    """The CLI's last line; `unit` counts what the list holds (家 enterprises, 人 inspectors)."""
    if result is None or dry_run:
        return (f"检查完成（未写入）：共 {plan.total_rows} 行，将新增 {plan.count('add')} {unit}，"
                f"更新 {plan.count('update')} {unit}，无变化 {plan.count('unchanged')} {unit}，"
                f"有问题未导入 {len(plan.bad_rows)} 行")
    return (f"导入完成：共 {plan.total_rows} 行，新增 {result.added} {unit}，更新 {result.updated} {unit}，"
            f"无变化 {result.unchanged} {unit}，有问题未导入 {result.skipped} 行")


def write_report(path: Path, plan: RosterPlan, result: RosterResult | None) -> Path:
    from qcdesk.models.roster_sheets import write_import_report

    return write_import_report(path, plan, applied=result is not None)


def write_template(path: Path) -> Path:
    from qcdesk.models.roster_sheets import write_blank_template

    return write_blank_template(path)
