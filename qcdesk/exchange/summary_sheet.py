"""The 汇总 sheet of the exchange workbook (the tab it opens on) and its lines in 说明.

Why its own module: the sheet prints a pass rate that a reader puts beside the programme's
95 % target, so its columns are the programme's 监督抽查合格率 (the report's definition, over all
periods, and said so in the header), and each column's meaning in 说明 is written next to the
column itself, so that the header and its explanation cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from qcdesk.export.xlsx_parts import rate_cell
from qcdesk.export.xlsx_writer import CODE, INT, PERCENT, TEXT, Column, XlsxWriter
from qcdesk.models import exchange_store as xs
from qcdesk.models.dashboard_queries import PASS_RATE_TARGET
from qcdesk.models.jurisdictions import CITY_CODE
from qcdesk.models.store import Store

RATE_HEADER = "监督抽查合格率（全部期间）"


@dataclass(frozen=True)
class SummaryColumn:
    header: str
    kind: str
    width: int
    type_zh: str
    meaning: str


_SAMPLES = ("只计监督抽查的样品，专项检查、复查等其他检查的样品不计入；不限检查日期（全部期间）；"
            "申请复检的样品按复检结论计，复检结论未出的按原检验结论（不合格）计；待检样品、已删除的样品"
            "或检查不计入。")
COLUMNS = (
    SummaryColumn("辖区代码", CODE, 12, "文本(代码)", "企业的辖区代码；“合计”行为空。"),
    SummaryColumn("辖区", TEXT, 18, "文本",
                  "辖区名称。一行只含辖区代码等于本行代码的企业及其记录，不含下级辖区（咸安区一行不含"
                  "咸宁高新区）；“咸宁市（市本级）”只是辖区代码为 421200 的企业，不是全市合计。"),
    SummaryColumn("企业数", INT, 8, "整数", "现有企业数（已删除的企业不计）。"),
    SummaryColumn("检查次数", INT, 10, "整数",
                  "已实施的检查次数，不限期间：监督抽查、专项检查、复查等各类检查都计入；计划中（尚未"
                  "实施）的检查和已删除的检查不计入（与季度报告的检查次数口径相同，只是不限期间）。"),
    SummaryColumn("监督抽查合格", INT, 12, "整数", "检验合格的样品批次数。" + _SAMPLES),
    SummaryColumn("监督抽查不合格", INT, 14, "整数", "检验不合格的样品批次数。" + _SAMPLES),
    SummaryColumn(RATE_HEADER, PERCENT, 24, "百分比",
                  "监督抽查合格 ÷（监督抽查合格＋监督抽查不合格），无检验结论时为空。与季度质量状况分析"
                  "报告的监督抽查合格率（95% 目标所指的数字）口径相同，但统计全部期间，而报告只统计一个"
                  "季度：不能当作某一季度或某一年的合格率。显示一位小数；一位小数会落在 95% 上而实际"
                  "不等于 95% 时多显示小数位（189/199 显示 94.97%）；单元格中是精确比值。"),
    SummaryColumn("未结整改", INT, 10, "整数",
                  "尚未关闭的整改（含逾期的），不限下达日期；已删除的整改不计入。"),
)


def write_summary(book: XlsxWriter, store: Store, sheet_name: str) -> None:
    """One row per jurisdiction with records, then 合计. A row of zeros first in the sheet was
    read as the city's total: jurisdictions with nothing are left out, the city's own row says
    it is the city's own, 合计 comes last."""
    sheet = book.add_sheet(sheet_name, [Column(c.header, c.kind, c.width) for c in COLUMNS])
    total = [0, 0, 0, 0, 0]
    for code, name, *counts in xs.summary_rows(store):
        if not any(counts):
            continue
        if code == CITY_CODE:
            name = f"{name}（市本级）"
        sheet.append([code, name, *with_rate(counts)])
        total = [t + n for t, n in zip(total, counts, strict=True)]
    sheet.append([None, "合计", *with_rate(total)])
    sheet.close()


def with_rate(counts: list[int]) -> list[int | float | None]:
    """企业数, 检查次数, 合格, 不合格, then the pass rate (empty without samples), 未结整改."""
    ents, visits, ok, bad, open_rect = counts
    # The exact share, shown as the report prints it: 189 of 199 is 94.97%, never 95.0%
    rate = rate_cell(ok / (ok + bad), PASS_RATE_TARGET) if ok + bad else None
    return [ents, visits, ok, bad, rate, open_rect]


def note_rows(sheet_name: str) -> list[list[str]]:
    """说明's lines for 汇总: what the sheet covers, then what each column counts."""
    head = ("导出方整个数据库的现有记录（不只是本数据包），不限期间；已删除的企业及其检查、样品和整改"
            "一概不计。按企业的辖区代码每个有记录的辖区一行，最后一行“合计”为各行之和，合格率按合计数"
            "计算。导入时不读取此表。")
    return [[sheet_name, "", head, ""]] + [
        [sheet_name, c.header, c.meaning, c.type_zh, ""] for c in COLUMNS]
