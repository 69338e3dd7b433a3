"""What an enterprise-list import found and will do: its messages, problems and plan.

Shared by both list kinds (the inspector register's plan extends `RosterPlan`); `roster.py`
reads and checks the rows, this module only holds what it found, so either stays small.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qcdesk.models.messages import message
from qcdesk.models.records import Enterprise, Licence

_UNREAD = ("这些列的内容没有导入（系统中没有对应的项目，或表头名称无法识别）；"
           "如需导入，请把表头改为模板中的名称",
           "Their contents were not imported (nothing here holds them, or the header is not recognised); "
           "to import them, rename the header as in the template")
_MESSAGES: dict[str, tuple[str, str]] = {
    "roster.duplicate_in_file": (
        "统一社会信用代码与{at}相同，但{fields}不同（{at}：{theirs}；本行：{ours}），本行未导入。"
        "同一企业写在几行时（如一企两证），各行的企业信息应一致，每行填一个许可证",
        "Same credit code as {at}, but the {fields} differ ({at}: {theirs}; this row: {ours}); this "
        "row was not imported. When one enterprise takes several rows (one licence a row), its "
        "details must agree on every row"),
    "roster.duplicate_same": ("与{at}完全相同，已忽略", "The same as {at}; ignored"),
    "roster.duplicate_joined": (
        "与{at}是同一企业（统一社会信用代码相同），本行的内容（{what}）已一并导入",
        "The same enterprise as {at} (same credit code); this row's {what} was imported with it"),
    "roster.duplicate_nothing_new": (
        "与{at}是同一企业（统一社会信用代码相同），本行没有新的内容，已忽略",
        "The same enterprise as {at} (same credit code); this row adds nothing and was ignored"),
    "roster.name_changed": (
        "企业名称与系统中不同：系统中为“{old}”；将改为“{new}”。如统一社会信用代码填错了，请改正后再导入",
        "The name differs from the one on file: on file “{old}”; it will become “{new}”. If the credit "
        "code is wrong, correct it before importing"),
    "roster.expiry_unreadable": (
        "无法识别有效期“{value}”：应写成 2027-05-31、2027.5.31、2027年5月31日 或 2022.6.1-2027.5.31 "
        "这样的日期。有效期未导入（企业和许可证已导入），请核对许可证原件后在企业档案中补录",
        "The validity date “{value}” cannot be read: write it as 2027-05-31, 2027.5.31, 2027年5月31日 "
        "or 2022.6.1-2027.5.31. The date was left out (the enterprise and its licence were imported); "
        "check the licence and enter the date in the enterprise file"),
    "roster.expiry_no_such_day": (
        "有效期“{value}”不是真实的日期（日历上没有这一天，如非闰年的2月29日）。有效期未导入"
        "（企业和许可证已导入），请核对许可证原件上的月和日后在企业档案中补录",
        "The validity date “{value}” is no real date (the calendar has no such day, such as 29 "
        "February of a common year). The date was left out (the enterprise and its licence were "
        "imported); check the month and day on the licence and enter the date in the enterprise file"),
    "roster.hidden_rows": (
        "有 {count} 行在 Excel 中是隐藏的（手工隐藏或被筛选隐藏：第 {rows} 行），这些行也已读入。"
        "如只想导入看得见的行，请在 Excel 中删去其余的行后再导入",
        "{count} rows are hidden in Excel (by hand or by a filter: rows {rows}); they were read too. "
        "To import only the visible rows, delete the others in Excel and import again"),
    "roster.unread_columns": ("未读取的列：{columns}。" + _UNREAD[0],
                              "Columns not read: {columns}. " + _UNREAD[1]),
    "roster.missing_county": (
        "{path} 缺少必需的列：{columns}。请把表头改为可识别的名称（{accepted}），或在“保存空白模板”"
        "（命令 qcdesk roster template）生成的模板中填写。如表中企业都在同一县（市、区），也可以不加"
        "“所属县市区”列，导入时指定即可：命令行加 --jurisdiction 代码（如 --jurisdiction 421222），"
        "导入对话框中选“未填写所属县市区的企业”",
        "{path} lacks required columns: {columns}. Rename the header to a name that is recognised "
        "({accepted}), or fill in the blank template (Save blank template, or qcdesk roster template). "
        "If every enterprise in it is in one county, the 所属县市区 column may be left out: name the "
        "county when importing, with --jurisdiction CODE (e.g. --jurisdiction 421222) or under "
        "“Enterprises without a county” in the import dialog"),
    "roster.unread_columns_all": (
        "全部 {count} 个工作表均未读取的列：{columns}。" + _UNREAD[0],
        "Columns not read on all {count} sheets: {columns}. " + _UNREAD[1]),
    "roster.unread_columns_some": (
        "工作表{sheets}均未读取的列：{columns}。" + _UNREAD[0],
        "Columns not read on sheets {sheets}: {columns}. " + _UNREAD[1]),
    "roster.county_missing": (
        "所属县市区未填写，本行未导入。请填写（如 通城县 或 421222），或导入时指定所属县市区"
        "（命令行 --jurisdiction，导入对话框中“未填写所属县市区的企业”）",
        "The county is empty, so the row was not imported. Fill it in (e.g. 通城县 or 421222), or name "
        "the county when importing (--jurisdiction, or “Enterprises without a county” in the dialog)"),
    "roster.county_ambiguous": (
        "“{value}”可以指 {names}，无法确定是哪一个，本行未导入；请写全称（如 咸宁市 表示市本级）或代码",
        "“{value}” may mean {names}, so the row was not imported; write the full name (咸宁市 for "
        "the city itself) or the code"),
    "roster.county_given": (
        "未填写所属县市区的 {count} 行按“{name}”导入",
        "{count} rows without a county are taken as in {name}"),
    "roster.looks_like_checks": (
        "这个文件看起来是抽查台账（有{columns}等列），不是企业名录：企业名录导入只导入其中的企业，"
        "过去的抽查不会导入。要导入抽查记录，请用“文件 ▸ 导入抽查台账…”（命令 qcdesk roster import "
        "--kind checks）；台账中的企业须已在系统中",
        "This file looks like a spot-check ledger (it has columns {columns}), not an enterprise list: "
        "the enterprise import takes only its enterprises, not the past checks. To import the checks, "
        "use File ▸ Import spot-check ledger… (qcdesk roster import --kind checks); their enterprises "
        "must be on file first"),
    "roster.looks_like_orders": (
        "这个文件看起来是整改台账（有{columns}等列），不是企业名录：企业名录导入只导入其中的企业，"
        "整改不会导入。要导入整改，请用“文件 ▸ 导入整改台账…”（命令 qcdesk roster import "
        "--kind orders）；台账中的企业及其不合格样品须已在系统中",
        "This file looks like a rectification ledger (it has columns {columns}), not an enterprise "
        "list: the enterprise import takes only its enterprises, not the orders. To import the "
        "orders, use File ▸ Import rectification ledger… (qcdesk roster import --kind orders); their "
        "enterprises and failed samples must be on file first"),
    "roster.checks_not_list": (
        "这个文件看起来是抽查台账（有{columns}等列），不是企业名录，未导入。请用“文件 ▸ 导入抽查台账…”"
        "（命令 qcdesk roster import --kind checks）导入；如只需导入其中的企业，请指定它们的所属县市区"
        "（命令行 --jurisdiction，导入对话框中“未填写所属县市区的企业”）",
        "This file looks like a spot-check ledger (it has columns {columns}), not an enterprise list; "
        "nothing was imported. Import it with File ▸ Import spot-check ledger… (qcdesk roster import "
        "--kind checks); to import only its enterprises, name their county (--jurisdiction, or "
        "“Enterprises without a county” in the import dialog)"),
    "roster.orders_not_list": (
        "这个文件看起来是整改台账（有{columns}等列），不是企业名录，未导入。请用“文件 ▸ 导入整改台账…”"
        "（命令 qcdesk roster import --kind orders）导入；如只需导入其中的企业，请指定它们的所属县市区"
        "（命令行 --jurisdiction，导入对话框中“未填写所属县市区的企业”）",
        "This file looks like a rectification ledger (it has columns {columns}), not an enterprise list; "
        "nothing was imported. Import it with File ▸ Import rectification ledger… (qcdesk roster import "
        "--kind orders); to import only its enterprises, name their county (--jurisdiction, or "
        "“Enterprises without a county” in the import dialog)"),
    "roster.phone_zero_lost": (
        "联系电话被存成了数字（{value}），开头的0可能已丢失（如区号 0715），该电话未导入（企业已导入）；"
        "请将该列设为文本后重新填写，或在企业档案中填写",
        "The phone was stored as a number ({value}) and its leading 0 may be lost (area code 0715); "
        "it was left out (the enterprise was imported). Format the column as text and type it "
        "again, or enter it in the enterprise file"),
    "roster.columns_shifted": (
        "{path} 列可能错位：请核对表头与各列内容是否对齐后再导入。{columns}。整个文件未导入，数据库未改动",
        "{path}: the columns may be shifted: check that the header lines up with each column's "
        "contents, then import again. {columns}. Nothing was imported; the database is unchanged"),
    "roster.ditto_filled": (
        "{count} 格写的是“同上”，已按上一行的内容导入（如第{row}行“{column}”：{value}）；请核对",
        "{count} cells said “same as above” (同上) and were given the row above's value (e.g. row "
        "{row}, “{column}”: {value}); check them"),
    "roster.ditto_left_out": (
        "“{value}”上面没有可沿用的内容（或为“同左”），该格未导入（企业已导入）；请在企业档案中填写",
        "“{value}” has nothing above it to repeat (or means the cell to the left); it was left out "
        "(the enterprise was imported). Enter it in the enterprise file"),
    "roster.sheets_read": ("已读取工作表：{sheets}", "Sheets read: {sheets}"),
    "roster.sheet_lacking": (
        "工作表“{sheet}”也像企业名录，但缺少必需的列：{columns}，未读取；请补上这些列后再导入",
        "Sheet “{sheet}” also looks like a list but lacks required columns: {columns}; it was not "
        "read. Add those columns and import again"),
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
    "roster.uscc_check_known": (
        "统一社会信用代码校验位不正确，请核对是否抄错；系统中“{name}”的代码为 {stored}",
        "The check character of the credit code is wrong; check for a typing error. “{name}” is "
        "filed here with the code {stored}"),
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
    "roster.web_table": ("{path} 实为网页（HTML）或 XML 格式的表格，只是扩展名为电子表格：请在 Excel/WPS 中"
                         "打开，另存为“Excel 工作簿（*.xlsx）”后再导入",
                         "{path} is a web page (HTML) or XML table with a spreadsheet's name: open it in "
                         "Excel or WPS, save it as an Excel workbook (*.xlsx), then import that"),
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
    "roster.phone_short_mobile": (
        "“{value}”只有{digits}位，像是少了几位的手机号（本地固定电话号码不以1开头），该电话未导入"
        "（企业已导入）；请核对后在企业档案中补全（手机号为11位）",
        "“{value}” has only {digits} digits and looks like a mobile number missing digits (a local "
        "landline number never starts with 1); it was left out (the enterprise was imported): check "
        "it and complete it in the enterprise file (a mobile has 11 digits)"),
    "roster.csv_too_large": (
        "表格过大：{path} 超过 {max_rows} 行（或 100 MB），超出可读入的范围；请按县市区或年份拆分为几个文件，"
        "分别导入",
        "File too large: {path} has more than {max_rows} rows (or 100 MB), beyond what can be read; "
        "split it by county or year into several files and import each"),
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


def listed(items: Any, quoted: bool = False) -> tuple[str, str]:
    """Names listed in each language, as a (zh, en) message parameter: 、 in Chinese, ", " in
    English (the names are data; the separator is the program's and followed the zh text)."""
    names = [f"“{item}”" if quoted else str(item) for item in items]
    return "、".join(names), ", ".join(names)


def sheet_notes(make: Any, sheets: list[Any], others: list[tuple[str, list[str]]],
                lacking_rule: str) -> list[Any]:
    """The notes on a workbook's sheets, `make` being the list kind's issue class: the sheets
    read (several, or others that look like one), those left out, and the columns not read.
    Columns not read on several sheets are said once: a ledger kept one sheet a year repeated
    the same three lines fourteen times, pushing the preview out of the dialog."""
    notes = []
    several = len(sheets) > 1
    if several or others:
        names = listed((s.name for s in sheets), True)
        notes.append(make(0, "", "roster.sheets_read", {"sheets": names}, True))
    for name, missing in others:
        notes.append(make(0, "", lacking_rule, {"sheet": name, "columns": listed(missing)}, True))
    for sheet in sheets:  # a filtered list looks like her county's in Excel, and is not
        if sheet.hidden:
            zh, en = listed(sheet.hidden[:10])
            rows = (zh + "等", en + "…") if len(sheet.hidden) > 10 else (zh, en)
            notes.append(make(0, "", "roster.hidden_rows", {"count": len(sheet.hidden), "rows": rows},
                              True, sheet.name if several else ""))
    groups: dict[tuple[str, ...], list[str]] = {}
    for sheet in sheets:
        if sheet.unread:
            groups.setdefault(tuple(sheet.unread), []).append(sheet.name)
    for columns, names in groups.items():
        if len(names) == 1:
            notes.append(make(0, "", "roster.unread_columns", {"columns": listed(columns)}, True,
                              names[0] if several else ""))
        elif len(names) == len(sheets):
            notes.append(make(0, "", "roster.unread_columns_all",
                              {"count": len(names), "columns": listed(columns)}, True))
        else:
            notes.append(make(0, "", "roster.unread_columns_some",
                              {"sheets": listed(names, True), "columns": listed(columns)}, True))
    return notes


class RosterFileError(Exception):
    """The file could not be read as an enterprise list; one line for the user. Another kind of
    file (inspector register, ledgers) sets `words` (its own messages, falling back to these)
    and `renamed` (its own rule for a file rule of the list, e.g. its own missing-column text)."""

    words = staticmethod(roster_message)
    renamed: dict[str, str] = {}

    def __init__(self, rule: str, **params: object):
        self.rule, self.params = self.renamed.get(rule, rule), params
        super().__init__(self.text())

    def text(self, lang: str = "zh") -> str:
        return self.words(self.rule, lang, **self.params)


@dataclass(frozen=True)
class RosterIssue:
    """A problem with one cell: spreadsheet row number (as Excel shows it), column, reason."""

    row: int
    column: str  # header label
    rule: str
    params: dict[str, Any] = field(default_factory=dict)
    warning: bool = False
    sheet: str = ""  # named when a workbook's list spans several sheets; row 0: the whole file

    words = staticmethod(roster_message)  # not a field: another kind of file sets its own

    def reason(self, lang: str = "zh") -> str:
        return self.words(self.rule, lang, **self.params)

    def text(self, lang: str = "zh") -> str:
        if lang.startswith("en"):
            where = f"Sheet “{self.sheet}”, row {self.row}" if self.sheet else f"Row {self.row}"
            col = f", column “{self.column}”" if self.column else ""
            if not self.row:
                return f"Sheet “{self.sheet}”: {self.reason(lang)}" if self.sheet else self.reason(lang)
            return f"{where}{col}: {self.reason(lang)}"
        where = f"工作表“{self.sheet}”第{self.row}行" if self.sheet else f"第{self.row}行"
        col = f"“{self.column}”" if self.column else ""
        if not self.row:
            return f"工作表“{self.sheet}”：{self.reason(lang)}" if self.sheet else self.reason(lang)
        return f"{where}{col}：{self.reason(lang)}"


@dataclass
class RosterRow:
    """One good row: what it will do to the store."""

    row: int
    action: str  # "add" | "update" | "unchanged"
    enterprise: Enterprise
    licences: list[Licence] = field(default_factory=list)
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # field -> (old, new)
    sheet: str = ""  # as RosterIssue.sheet


@dataclass
class RosterPlan:
    path: Path
    sheet: str
    rows: list[RosterRow] = field(default_factory=list)
    issues: list[RosterIssue] = field(default_factory=list)
    # row (or (sheet, row) when several sheets are read) -> (USCC, name) as given
    bad_rows: dict[Any, tuple[str, str]] = field(default_factory=dict)
    total_rows: int = 0
    sheets: list[str] = field(default_factory=list)  # every sheet read, in the workbook's order
    notes: list[RosterIssue] = field(default_factory=list)  # about the whole file: row 0
    folded: dict[Any, tuple[str, str]] = field(default_factory=dict)  # rows merged into an earlier one
    other_kind: str = ""  # "checks": the file looks like a 抽查台账, not this kind of list
    _by_row: dict[Any, RosterRow] = field(default_factory=dict, repr=False, compare=False)

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    def identity(self, row: int, sheet: str = "") -> tuple[str, str]:
        """(USCC, name) of a spreadsheet row, imported or not, to show beside its problems."""
        key = (sheet, row) if sheet else row
        if key in self.bad_rows:
            return self.bad_rows[key]
        if key in self.folded:
            return self.folded[key]
        if len(self._by_row) != len(self.rows):  # one lookup per issue: no scan of every row
            self._by_row = {row_key(r.row, getattr(r, "sheet", "")): r for r in self.rows}
        item = self._by_row.get(key)
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
    backup: Path | None = None  # the copy taken before writing: the way back


# a warning that a cell of an imported row was left out (the row itself went in)
LEFT_OUT = ("roster.phone_left_out", "roster.phone_zero_lost", "roster.phone_short_mobile",
            "roster.licence_left_out", "roster.expiry_unreadable", "roster.expiry_no_such_day",
            "roster.expiry_without_licence", "roster.ditto_left_out")


def partly_imported(plan: Any) -> int:
    """Rows imported without some of their cells: counted in the summary, which said
    有问题未导入 0 行 of a list whose every row had lost its phone and licence."""
    refused = set(plan.bad_rows)
    return len({row_key(i.row, i.sheet) for i in plan.issues
                if i.rule in LEFT_OUT and row_key(i.row, i.sheet) not in refused})


def row_key(row: int, sheet: str = "") -> Any:
    """How a plan knows a row: its number, with its sheet when several sheets are read."""
    return (sheet, row) if sheet else row
