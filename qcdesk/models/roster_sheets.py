"""Spreadsheets around the roster import: the blank template and the row-by-row report.

The template is written with openpyxl because it needs data validation and text-formatted
columns (it holds no user data). The report holds whatever the city's file contained, so it
goes through the project's own writer, which never turns text into a formula.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from qcdesk.models.file_replace import name_target, replace_into_place
from qcdesk.models.jurisdictions import JURISDICTIONS, LEADING_INDUSTRIES
from qcdesk.models.roster import COLUMNS, RosterPlan

DATA_SHEET = "企业名录"
HELP_SHEET = "说明"
TEMPLATE_ROWS = 2000
TEXT_KEYS = ("uscc", "jurisdiction", "contact_phone", "licence_no")
# the template keeps its nine columns (printed one page wide); 法定代表人 and 主要产品 are read
# when a list has them, and its 说明 sheet says so
OPTIONAL_EXTRA = ("legal_representative", "main_products")
TEMPLATE_COLUMNS = tuple(c for c in COLUMNS if c.key not in OPTIONAL_EXTRA)
_ACTION_LABELS = {"add": "新增", "update": "更新", "unchanged": "无变化"}
FIELD_LABELS = {"name": "企业名称", "jurisdiction_code": "所属县市区", "address": "地址", "industry": "行业",
                 "contact_name": "联系人", "contact_phone": "联系电话", "licence": "生产许可证编号",
                 "licence_expires": "许可证有效期至", "legal_representative": "法定代表人",
                 "main_products": "主要产品"}


def _print_setup(sheet: Any) -> None:
    """The template prints as QCDesk's own workbooks do (xlsx_writer): A4 landscape, all columns
    on one page wide, the header row on every page, grid lines, page numbers."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.print_options.gridLines = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"


def write_blank_template(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = DATA_SHEET
    template_header(sheet, TEMPLATE_COLUMNS, TEXT_KEYS, ("licence_expires",), ("uscc", "name", "address"))
    counties = [j.name for j in JURISDICTIONS]
    dropdown(sheet, TEMPLATE_COLUMNS, "jurisdiction", counties)  # a code such as 421221 is accepted too
    industries = sorted({name for names in LEADING_INDUSTRIES.values() for name in names})
    dropdown(sheet, TEMPLATE_COLUMNS, "industry", industries)  # other industries are allowed

    rules = (
        "导入规则：",
        "1. 按统一社会信用代码匹配：系统中已有的企业，内容不同则更新，相同则计为“无变化”，不会重复建档。",
        "2. 空白单元格表示“未提供”，不会清除系统中已有的内容。",
        "3. 有问题的行不导入，导入结果按“行号、列、原因”逐条列出，其余行正常导入。",
        "4. 统一社会信用代码相同的几行是同一企业：完全相同的行忽略；企业信息一致的，各行的许可证一并导入"
        "（一企两证写成两行）；企业信息不一致的行不导入，并列出不同之处。",
        "5. 一个许可证编号只属于一家企业：与文件中前面的行或系统中另一家企业的许可证编号相同的行不导入。",
        "6. 所属县市区：" + "、".join(counties) + "；也可填写行政区划代码。",
        "7. 代码、电话、许可证编号列已设为文本格式，请勿改为数字格式。",
        "8. 列的顺序可以调整，可以有其他列（导入时忽略，并列出未读取的列）；表头可以占两行"
        "（如合并的“生产许可证”下分“编号”“有效期至”）；向下合并的单元格按合并区域左上角的内容填入各行。",
        "9. 工作簿中凡是有名录表头（含必填列）的工作表都会导入，导入结果注明工作表。",
        "10. 还可以增加“法定代表人”“主要产品”两列（抽样单需要），导入时一并读取。",
    )
    template_notes(book, TEMPLATE_COLUMNS, rules)
    return save_book(book, path)


def template_header(sheet: Any, columns: Any, text_keys: tuple[str, ...], date_keys: tuple[str, ...],
                    wide_keys: tuple[str, ...]) -> None:
    """The template's header row (required columns starred) and its text and date columns
    formatted ahead, so Excel never turns a code into a number."""
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for index, col in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=col.header + ("*" if col.required else ""))
        cell.font, cell.fill = bold, fill
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 24 if col.key in wide_keys else 16
        if col.key in text_keys or col.key in date_keys:
            fmt = "yyyy-mm-dd" if col.key in date_keys else "@"
            sheet.column_dimensions[letter].number_format = fmt
            for row in range(2, TEMPLATE_ROWS + 2):
                sheet.cell(row=row, column=index).number_format = fmt
    sheet.freeze_panes = "A2"
    _print_setup(sheet)


def dropdown(sheet: Any, columns: Any, key: str, values: list[str]) -> None:
    """A drop-down list on column `key` that suggests `values` but accepts any other text."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    letter = get_column_letter(next(i for i, c in enumerate(columns, start=1) if c.key == key))
    rule = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
    rule.showErrorMessage = False
    rule.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
    sheet.add_data_validation(rule)


def template_notes(book: Any, columns: Any, rules: tuple[str, ...]) -> Any:
    """The 说明 sheet: each column, required or not, how to fill it in; then the import rules."""
    from openpyxl.styles import Alignment, Font, PatternFill

    notes = book.create_sheet(HELP_SHEET)
    notes.append(["列名", "是否必填", "填写说明"])
    for cell in notes[1]:
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for col in columns:
        notes.append([col.header, "必填" if col.required else "选填", col.note or "—"])
    notes.append([])
    for line in rules:
        notes.append([line])
    notes.column_dimensions["A"].width = 20
    notes.column_dimensions["B"].width = 10
    notes.column_dimensions["C"].width = 70
    for row in notes.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    # a rule is a sentence across the sheet, not wrapped down narrow column A; merged cells do not
    # grow with their text, so each row is given the lines it needs
    for r in range(notes.max_row - len(rules) + 1, notes.max_row + 1):
        notes.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
        units = sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(notes.cell(r, 1).value))
        notes.row_dimensions[r].height = 15 * -(-units // 96)
    _print_setup(notes)
    return notes


def save_book(book: Any, path: Path) -> Path:
    """Saved whole or not at all: a half-written template is never left under its name."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        book.save(tmp)
        replace_into_place(tmp, path)
    except OSError as exc:
        name_target(exc, tmp, path)  # the template the user chose, not the side file
        raise
    finally:
        tmp.unlink(missing_ok=True)
    return path


def write_import_report(path: Path, plan: RosterPlan, applied: bool,
                        heads: tuple[str, str] = ("统一社会信用代码", "企业名称"),
                        field_labels: dict[str, str] | None = None) -> Path:
    """One line per row outcome and per problem: 行号, the row's key and name (`heads`: the
    credit code and name of an enterprise, the 执法证号 and name of an inspector), 结果, 列, 说明."""
    from qcdesk.export.xlsx_writer import CODE, INT, TEXT, Column, XlsxWriter

    labels = FIELD_LABELS if field_labels is None else field_labels
    several = len(getattr(plan, "sheets", ())) > 1  # the list spans sheets: each line names its own
    columns = [Column("行号", INT, 8), Column(heads[0], CODE, 22), Column(heads[1], TEXT, 30),
               Column("结果", TEXT, 10), Column("列", TEXT, 16), Column("说明", TEXT, 60)]
    if several:
        columns.insert(0, Column("工作表", TEXT, 16))
    order = {name: i for i, name in enumerate(getattr(plan, "sheets", ()))}
    verb = "" if applied else "（预检，未写入）"
    lines: list[tuple] = []
    for note in getattr(plan, "notes", ()):  # about the whole file: which sheets, columns not read
        lines.append((note.sheet, None, "", "", "提示", "", note.reason()))
    for item in plan.rows:
        sheet = getattr(item, "sheet", "")
        detail = "；".join(f"{labels.get(k, k)}：{old or '（空）'} → {new}"
                          for k, (old, new) in item.changes.items()) if item.action == "update" else ""
        lines.append((sheet, item.row, *plan.identity(item.row, sheet),
                      _ACTION_LABELS[item.action] + verb, "", detail))
    for issue in plan.issues:
        outcome = "提示" if issue.warning else "未导入"
        uscc, name = plan.identity(issue.row, issue.sheet)
        lines.append((issue.sheet, issue.row, uscc, name, outcome, issue.column, issue.reason()))
    lines.sort(key=lambda line: (line[1] is not None, order.get(line[0], 0), line[1] or 0,
                                 line[4] != "未导入"))
    with XlsxWriter(path) as book:
        book.write_sheet("导入结果", columns, [line if several else line[1:] for line in lines])
    return Path(path)
