"""The quarterly report's spreadsheet (the PDF's tables, one sheet each) and section 二's rows,
which both list: the report's PDF is report.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from qcdesk.export.pdf.report_orders import WITHDRAWN_WORDS, order_state
from qcdesk.export.xlsx_parts import rate_cell
from qcdesk.export.xlsx_writer import CODE, DATE, INT, PERCENT, TEXT, Column, XlsxWriter
from qcdesk.models.licence_rules import LICENCE_KIND_NAMES, renewal_rule
from qcdesk.models.records import RECTIFICATION_STATUS_LABELS
from qcdesk.models.report_queries import (
    PASS_RATE_DEFINITION,
    QUARTER_NAMES,
    RECTIFICATION_RATE_DEFINITION,
    QuarterlyData,
    RateRow,
)

# The report counts the orders given this quarter, the dashboard's 未结整改/逾期整改 every open
# order: the same words side by side read as 0 against 54, so the columns and 统计口径 say which.
ORDERED = "本季度下达的整改"
ORDER_COUNT_DEFINITION = (
    "整改件数（已完成、未完成、其中企业逾期未整改、已撤销）只计整改下达日期落在本季度内的整改，状态截至统计截至日；"
    "不是全部未结整改，与工作台“未结整改”“逾期整改”（不限下达日期）的口径不同。"
    "“逾期整改”“未完成整改”“已撤销整改”各表同此。"
)

NO_SPOT_CHECK = "本季度未开展监督抽查"
NO_RESULT = "本季度抽查样品尚无检验结论"
TOTAL_LABEL = "合计"


def area_note(data: QuarterlyData, row: RateRow) -> str:
    """What an area row without results says instead of a rate (empty when it has one): not
    checked at all this quarter, or checked with no sample tested yet — not the same thing."""
    if row.tested:
        return ""
    visits = data.spot_visits if row.key == "total" else data.area_spot_visits.get(row.key, 0)
    return NO_RESULT if visits else NO_SPOT_CHECK


def area_rows(data: QuarterlyData) -> list[RateRow]:
    """Section 二's rows: every area of the scope (dashboard order), then 合计, equal to 总体."""
    return [*data.by_jurisdiction, RateRow("total", TOTAL_LABEL, data.total.passed, data.total.failed)]



def write_quarterly_xlsx(data: QuarterlyData, out: Path | str) -> Path:
    """The report's tables, one sheet each, Chinese headers, codes as text.

    Every figure is a number cell and every date a date cell (rates shown as 92.3%, or 94.97%
    where one decimal would touch the target: `rate_cell`), so a reader can sum, sort and
    compare quarters; the summary is one typed row for that reason."""
    rate_cols = [Column("代码", CODE, 12), Column("名称", TEXT, 16), Column("有结论样品", INT),
                 Column("合格", INT), Column("不合格", INT), Column("合格率", PERCENT),
                 Column("目标", PERCENT)]
    place = Column("地区", TEXT, 12)

    trend_cols = [Column("季度代码", CODE, 10), Column("季度", TEXT, 16), *rate_cols[2:]]

    def rate_rows(rows: list[RateRow]):  # noqa: ANN202
        for r in rows:
            yield [r.key, r.label, r.tested, r.passed, r.failed, rate_cell(r.rate, data.target_rate),
                   data.target_rate]

    def area_sheet_rows() -> Iterator[list[object]]:
        for r in area_rows(data):
            key = None if r.key == "total" else r.key  # no code: a SUMIF/VLOOKUP never takes it
            note = area_note(data, r) or ("合计，等于“总体”表" if r.key == "total" else "")
            yield [key, *next(rate_rows([r]))[1:], note]

    # rows as lists, not generators: a report's sheets are small, and a list has its widths fitted
    with XlsxWriter(out) as book:  # to its values (xlsx_fit), so nothing shows cut off
        book.write_sheet("总体", [
            place, Column("地区代码", CODE, 12), Column("季度", TEXT), Column("检查次数", INT),
            Column("有结论样品", INT), Column("合格", INT), Column("不合格", INT), Column("合格率", PERCENT),
            Column("目标", PERCENT), Column("质量提升企业", INT), Column("全市质量提升企业目标", INT),
            Column(f"{ORDERED}：已完成", INT), Column(f"{ORDERED}：未完成", INT),
            Column(f"{ORDERED}：其中企业逾期未整改", INT), Column(f"{ORDERED}：{WITHDRAWN_WORDS}", INT),
            Column(f"{ORDERED}完成率", PERCENT),
            Column("监督抽查次数", INT), Column("已验收国家级示范区（项目）", INT),
            Column("示范区（项目）目标下限", INT), Column("示范区（项目）目标上限", INT),
            Column("创建中国家级示范区（项目）", INT), Column("申报/筹建国家级示范区（项目）", INT),
            Column("统计截至", DATE, 12), Column("统计口径", TEXT, 60),
        ], [[
            data.scope_name, data.jurisdiction_code, f"{data.year}年{QUARTER_NAMES[data.quarter]}",
            data.visits,
            data.total.tested, data.total.passed, data.total.failed,
            rate_cell(data.total.rate, data.target_rate), data.target_rate,
            data.improvement_count, data.improvement_target, data.rect_completed, data.rect_open,
            data.rect_overdue, data.rect_withdrawn,
            None if data.completion_rate is None else round(data.completion_rate, 6),
            data.spot_visits, data.zones.accepted, *data.zone_target,
            data.zones.building, data.zones.planning,
            data.as_of, f"{PASS_RATE_DEFINITION}\n{RECTIFICATION_RATE_DEFINITION}\n{ORDER_COUNT_DEFINITION}",
        ]])
        # Every area of the scope, then 合计 (no code, equal to 总体); 说明 says why an area has no rate.
        book.write_sheet("分地区合格率", [*rate_cols, Column("说明", TEXT, 28)], list(area_sheet_rows()))
        book.write_sheet("分行业合格率", [Column("行业", TEXT, 16), *rate_cols[2:]],  # no codes
                         [row[1:] for row in rate_rows(data.by_industry)])
        book.write_sheet("季度走势", trend_cols, list(rate_rows(data.trend)))
        book.write_sheet("不合格项目", [Column("不合格项目", TEXT, 30), Column("出现次数", INT)],
                         [[k, n] for k, n in data.failing_items])
        book.write_sheet("不合格产品", [Column("企业", TEXT, 30), place, Column("行业", TEXT, 12),
                                   Column("产品", TEXT, 20), Column("规格型号", TEXT, 20),
                                   Column("批号", CODE, 12), Column("不合格项目", TEXT, 30),
                                   Column("检查日期", DATE)],
                         [[f.enterprise, f.jurisdiction, f.industry, f.product, f.spec_model, f.batch_no,
                           f.failed_items, f.visit_date] for f in data.failed_samples])
        book.write_sheet("逾期整改", [Column("企业", TEXT, 30), place,
                                  Column("通知书编号", CODE, 24), Column("整改要求", TEXT, 40),
                                  Column("整改期限", DATE), Column("逾期天数", INT),
                                  Column("状态", TEXT, 10)],
                         [[o.enterprise, o.jurisdiction, o.notice_no, o.requirement, o.deadline,
                           o.days_overdue, RECTIFICATION_STATUS_LABELS.get(o.status, o.status)]
                          for o in data.overdue])
        book.write_sheet("未完成整改", [Column("企业", TEXT, 30), place,
                                   Column("通知书编号", CODE, 24), Column("整改要求", TEXT, 40),
                                   Column("整改期限", DATE), Column("复查期限", DATE),
                                   Column("状态", TEXT, 14), Column("当前状态", TEXT, 26)],
                         [[o.enterprise, o.jurisdiction, o.notice_no, o.requirement, o.deadline,
                           o.recheck_due or None, RECTIFICATION_STATUS_LABELS.get(o.status, o.status),
                           order_state(o)] for o in data.unfinished])
        book.write_sheet("已撤销整改", [Column("企业", TEXT, 30), place,
                                   Column("通知书编号", CODE, 24), Column("整改要求", TEXT, 40),
                                   Column("撤销日期", DATE), Column("撤销理由", TEXT, 50)],
                         [[o.enterprise, o.jurisdiction, o.notice_no, o.requirement, o.withdrawn_on or None,
                           o.reason] for o in data.withdrawn])
        book.write_sheet("示范企业", [Column("企业", TEXT, 30), Column("统一社会信用代码", CODE, 22),
                                  place, Column("行业", TEXT, 12)],
                         [[e.name, e.uscc, e.jurisdiction, e.industry] for e in data.demonstration])
        book.write_sheet("许可证到期", [Column("企业", TEXT, 30), place, Column("类别", TEXT),
                                   Column("证书编号", CODE, 22), Column("产品", TEXT, 16),
                                   Column("到期日期", DATE), Column("应申请延续日期", DATE),
                                   Column("延续规定", TEXT, 50)],
                         [[x.enterprise, x.jurisdiction, LICENCE_KIND_NAMES.get(x.kind, (x.kind,))[0],
                           x.number, x.product, x.expires_on, x.renew_by or None, renewal_rule(x.kind)]
                          for x in data.expiring])
        book.write_sheet("许可证已过期", [Column("企业", TEXT, 30), place, Column("类别", TEXT),
                                    Column("证书编号", CODE, 22), Column("产品", TEXT, 16),
                                    Column("到期日期", DATE), Column("已过期天数", INT)],
                         [[x.enterprise, x.jurisdiction, LICENCE_KIND_NAMES.get(x.kind, (x.kind,))[0],
                           x.number, x.product, x.expires_on, x.days_expired] for x in data.expired])
    return Path(out)
