"""Quarterly 质量状况分析报告 as PDF (GB/T 9704 page) and the same tables as a spreadsheet."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, TableStyle
from reportlab.platypus.flowables import Spacer

from qcdesk.export.pdf.charts import pass_rate_bars, trend_chart
from qcdesk.export.pdf.documents import _Kit, cn_date
from qcdesk.export.pdf.fonts import FontChoice, font_roles
from qcdesk.export.pdf.layout import (
    CELL,
    SIZE_3,
    TEXT_WIDTH,
    GridStyle,
    GridText,
    KeepEndTogether,
    OfficialDocTemplate,
    RowKeepingTable,
    blank_lines,
    body_style,
    title_style,
)
from qcdesk.export.pdf.linebreak import KinsokuParagraph
from qcdesk.export.pdf.report_orders import rectification_part
from qcdesk.export.pdf.report_sheets import (  # noqa: F401 - write_quarterly_xlsx: the report's public name
    area_note,
    area_rows,
    write_quarterly_xlsx,
)
from qcdesk.models.document_data import DocSettings
from qcdesk.models.jurisdictions import CITY_CODE, bureau_code_named
from qcdesk.models.licence_rules import renewal_rule
from qcdesk.models.rate_text import gap_points, meets_target, rate_gap, rate_percent
from qcdesk.models.report_queries import (
    PASS_RATE_DEFINITION,
    REPORT_TITLE,
    LicenceLine,
    QuarterlyData,
    RateRow,
    report_name,
)

_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?%?$|^—$")
PDF_ROW_LIMIT = 50  # long lists are cut in the PDF; the spreadsheet has them in full
TABLE_SIZE = 10.5
FAILED_WIDTHS = [0.2, 0.14, 0.14, 0.21, 0.17, 0.14]
FAILED_PADDING = 4.0  # pt left and right, so that 咸宁高新区 and a date fit a 0.14 column
# Shares of the text width. Each column holds its longest word on one line at 10.5 pt: 咸宁高新区
# and 2026-12-03 (0.14), (鄂)XK06-001-00019 (0.235), 工业产品 (0.125), 复查逾期467天 (0.18),
# 咸高新市监质改〔2026〕15号 (0.33); the enterprise takes what is left, its legal form kept whole.
# The licence's kind sits over its number (the number says it again: XK, SC), which leaves the
# products room for a name a line (低压成套开关设备 was split 低压成套 / 开关设 / 备).
# Products are listed one a line; the renewal date takes a line of its own too. With 3 pt of
# padding a side, a line holds 9 characters of a name, 8 of a product, 咸宁高新区, a whole
# certificate number and 应于2026-08-11.
LICENCE_WIDTHS = [0.23, 0.14, 0.235, 0.205, 0.19]
LICENCE_PADDING = 3.0
UNFINISHED_WIDTHS = [0.21, 0.14, 0.33, 0.14, 0.18]
# Endings of an enterprise's name moved whole to a line of their own when the name is too wide
# (赤壁市宝晟机电 / 有限公司, never …有限公 / 司).
LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "专业合作社", "合作社", "公司", "厂")


class _ReportKit:
    def __init__(self, fonts: dict[str, FontChoice]):
        self.fonts = fonts
        self.body = body_style(fonts["body"].rl_name)
        self.title = title_style(fonts["title"].rl_name)
        self.hei = GridStyle(fonts["heading"].rl_name, SIZE_3, CELL - SIZE_3)
        self.cell = ParagraphStyle("c", fontName=fonts["body"].rl_name, fontSize=TABLE_SIZE,
                                   leading=TABLE_SIZE * 1.35, wordWrap="CJK")
        self.head = ParagraphStyle("h", parent=self.cell, fontName=fonts["heading"].rl_name,
                                   alignment=TA_CENTER)
        self.number = ParagraphStyle("n", parent=self.cell, alignment=TA_RIGHT)
        self.caption = ParagraphStyle("cap", parent=self.cell, fontName=fonts["subheading"].rl_name,
                                      alignment=TA_CENTER, fontSize=12, leading=18)

    def p(self, text: str) -> GridText:
        # No line of a paragraph alone at the foot or the head of a page (widow/orphan).
        return GridText(text, self.body, indent=2, orphans=2, widows=2)

    def h1(self, text: str) -> GridText:
        g = GridText(text, self.hei, indent=2)
        g.keepWithNext = True
        return g

    def table(self, header: list[str], rows: list[list[str]], widths: list[float],
              padding: float = 6.0, note: str = "") -> RowKeepingTable:
        """`note` (注：…) is the table's last row, outside its grid: it stays on the page of the
        table's last rows, never orphaned at the head of the next page."""
        data = [[KinsokuParagraph(h, self.head) for h in header]]
        # Figures (counts, rates, differences) line up on the right.
        data += [[KinsokuParagraph(str(v),
                            self.number if _NUMBER.match(str(v)) else self.cell)
                  for v in r] for r in rows]
        if not rows:
            data.append([KinsokuParagraph("无", self.cell)] + [""] * (len(header) - 1))
        if note:
            data.append([KinsokuParagraph(note, self.cell)] + [""] * (len(header) - 1))
        # Split only with at least 2 body rows on each page (a small table stays whole).
        t = RowKeepingTable(data, colWidths=[TEXT_WIDTH * w for w in widths], repeatRows=1)
        t.note_rows = 1 if note else 0
        grid_end = -2 if note else -1
        style = [
            ("GRID", (0, 0), (-1, grid_end), 0.5, colors.black),
            ("FONTNAME", (0, 0), (-1, -1), self.body.font),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), padding),
            ("RIGHTPADDING", (0, 0), (-1, -1), padding),
        ]
        if not rows:
            style.append(("SPAN", (0, 1), (-1, 1)))
        if note:  # flush with the table's left edge, as a paragraph under it would be
            style += [("SPAN", (0, -1), (-1, -1)), ("LEFTPADDING", (0, -1), (-1, -1), 0),
                      ("RIGHTPADDING", (0, -1), (-1, -1), 0)]
        t.setStyle(TableStyle(style))
        return t

    def name(self, text: str, share: float, padding: float = 6.0) -> str:
        """An enterprise's name for a table cell `share` of the text wide: when it does not fit
        on one line, its legal form (有限公司…) starts a line of its own instead of being split."""
        room = TEXT_WIDTH * share - 2 * padding

        def fits(part: str) -> bool:
            return stringWidth(part, self.cell.fontName, TABLE_SIZE) <= room

        if fits(text):
            return text
        form = next((f for f in LEGAL_FORMS if text.endswith(f) and len(text) > len(f)), "")
        if len(form) > 1 and fits(text[:-len(form)]):
            return f"{text[:-len(form)]}\n{form}"
        # full lines, the legal form whole on the last, never one character alone there
        # (通城县广博绝缘材 / 料 / 有限公司 left 料 alone, 崇阳县瑞昌普通加 / 工 / 厂 工 and 厂)
        lines, rest = [], text
        while not fits(rest):
            k = max((k for k in range(1, len(rest)) if fits(rest[:k])), default=0)
            k = min(k, len(rest) - max(len(form), 2))
            if k < 2:
                return text  # no clean break: the cell wraps it
            lines, rest = [*lines, rest[:k]], rest[k:]
        return "\n".join([*lines, rest])

    def cut_note(self, shown: int, total: int) -> list[Flowable]:
        if total <= shown:
            return []
        note = f"（共{total}条，此处列出前{shown}条，完整清单见同名电子表格。）"
        return [KinsokuParagraph(note, self.cell)]


def _rate_rows(rows: list[RateRow], target: float) -> list[list[str]]:
    return [[r.label, str(r.tested), str(r.passed), str(r.failed), rate_percent(r.rate, target),
             rate_gap(r.rate, target)] for r in rows]


RATE_HEADER = ["名称", "有结论样品", "合格", "不合格", "合格率", "与目标差（百分点）"]
# 与目标差（百分点） and 有结论样品 on one line in the header font, 100.0% in the body's
RATE_WIDTHS = [0.29, 0.15, 0.10, 0.10, 0.11, 0.25]


def _area_table(data: QuarterlyData, kit: _ReportKit) -> RowKeepingTable:
    """Section 二's table: an area without results says why across 合格率 and 与目标差; the
    注：咸宁高新区… note is its last row, so it stays with the table (it was orphaned on page 2)."""
    rows = area_rows(data)
    cells = [[r.label, "0", "0", "0", note, ""] if (note := area_note(data, r))
             else _rate_rows([r], data.target_rate)[0] for r in rows]
    table = kit.table(RATE_HEADER, cells, RATE_WIDTHS, note=apart_note(data))
    last = len(rows)
    table.setStyle(TableStyle([("SPAN", (4, i), (5, i)) for i, c in enumerate(cells, 1) if c[5] == ""]
                              + [("BACKGROUND", (0, last), (-1, last), colors.HexColor("#f3f3f3"))]))
    return table


def report_title(data: QuarterlyData) -> str:
    return report_name(data.jurisdiction_name, data.year, data.quarter)


def scope_line(data: QuarterlyData, settings: DocSettings) -> str:
    """The sentence opening section 一 when the report covers another area than the signing
    office's own: who made it and what it covers (empty otherwise).

    A report is signed by the office that runs it (settings.org_name), never by the bureau of
    the area it covers: 赤壁市's figures analysed at the city office are the city office's report,
    and only 赤壁市's own office may speak in its name. Signed 咸宁市市场监督管理局 under a title
    that starts with 赤壁市, the report read as 赤壁市's own; this sentence says it is not. It is
    not put under the title: the issuer is named at the end (GB/T 9704).

    A scope that takes in a jurisdiction under it (咸安区 with 咸宁高新区) is named with it, by
    its own office too: its total is not the city report's 咸安区 row, which is 咸安区 alone."""
    if bureau_code_named(settings.org_name) == data.jurisdiction_code:
        return f"统计范围为{data.scope_name}。" if data.included else ""
    return f"本报告由{settings.org_name}编制，统计范围为{data.scope_name}。"


def apart_note(data: QuarterlyData) -> str:
    """Under section 二's table of the city's and 咸安区's reports: 咸宁高新区 lies in 咸安区 but has
    its own row, and the 咸安区 row leaves it out (empty when no area is counted apart)."""
    notes = [f"{part}位于{parent}境内，本表将其单列，“{parent}”一行不含{part}"
             for part, parent in data.counted_apart]
    return f"注：{'；'.join(notes)}。" if notes else ""


def _summary(data: QuarterlyData) -> str:
    """First paragraph: the quarter (to date while it runs) and its spot-check pass rate."""
    t, total = data.target_rate, data.total
    period = f"{cn_date(data.start)}至{cn_date(data.end_inclusive)}"
    if data.partial:  # the current quarter: its figures stop today
        period += f"，数据截至{cn_date(data.as_of)}"
    if not data.visits and not total.tested:  # e.g. a quarter before any record: say so plainly
        before = (f"（现有检查记录始于{cn_date(data.first_visit)}）"
                  if data.first_visit and data.first_visit >= data.end else "")
        return (f"本季度（{period}）系统中没有检查记录{before}，无法分析本季度产品质量状况，"
                "以下各表均无本季度数据。")
    done = f"本季度（{period}）共开展检查{data.visits}次，其中监督抽查{data.spot_visits}次"
    if not total.tested:
        return f"{done}，暂无有检验结论的监督抽查样品，不计算合格率。"
    # Figure and gap by rate_text's one rule: 94.97 % is never printed 95.0 %, nor a gap 0.0.
    points, goal = gap_points(total.rate, t), f"{t * 100:.0f}%的目标"
    verdict = ((f"恰好达到{goal}" if points == 0 else f"达到{goal}（高出{points}个百分点）")
               if meets_target(total.rate, t) else f"未达到{goal}（低{-points}个百分点）")
    # Samples dated after the day the data are said to stop at are counted, and named to check.
    later = f"其中{data.after_as_of}批次样品的检查日期晚于统计截至日，请核实。" if data.after_as_of else ""
    return (f"{done}；监督抽查有检验结论的样品{total.tested}批次，其中合格{total.passed}批次、"
            f"不合格{total.failed}批次，监督抽查合格率为{rate_percent(total.rate, t)}，{verdict}。{later}")


def conflict_note(data: QuarterlyData) -> str:
    """Section 一's warning while merge conflicts wait (empty without): a report signed before
    they are resolved may have to be redone."""
    return (f"本机有{data.held_conflicts}条记录存在未处理的合并冲突，本报告的数字按本机版本统计，"
            "冲突处理后可能变化。") if data.held_conflicts else ""


def _zones_text(data: QuarterlyData) -> str:
    """The programme's third target: 5–10 national demonstration zones/projects (city-wide).

    Only accepted (已验收) ones meet it; those being built or applied for are named apart and
    withdrawn ones not at all (demonstration.COUNTED_ZONE_STATUS, the dashboard's rule).

    The target is the city's: a county's report gives its own count, then the city's and the
    city's gap (the dashboard's city_context) — never a gap worked out from the county's zones."""
    z, (low, high) = data.zones, data.zone_target
    real = z.accepted - z.duplicated  # a zone entered by two offices (示范区（项目）疑似重复) counts once
    twice = (f"，其中{z.duplicated}个疑似重复录入（类型、名称相同，见预警清单“示范区（项目）疑似重复”），"
             f"不计重复为{real}个") if z.duplicated else ""
    others = "、".join(f"{name}{n}个" for name, n in (("创建中", z.building), ("申报/筹建", z.planning)) if n)
    zones = f"已验收的国家级质量提升示范区（项目）{z.accepted}个{twice}"
    county = data.jurisdiction_code != CITY_CODE
    city = data.city_zones if county else z
    if city is None:  # a county's figures without the city's: its own count, no gap
        return f"本辖区{zones}{f'，另有{others}' if others else ''}。"
    city_real = city.accepted - city.duplicated
    state = (f"已达到{low}～{high}个的目标" if city_real >= low
             else f"距{low}～{high}个的目标尚差{low - city_real}个")
    if not county:
        return f"{zones}，{state}{f'；另有{others}' if others else ''}。"
    return f"本辖区{zones}{f'，另有{others}' if others else ''}；全市已验收{city_real}个，{state}。"


def _licence_text(data: QuarterlyData) -> str:
    months, days = data.licence_windows
    xk = sum(1 for x in data.expiring if x.kind != "SC")
    sc = len(data.expiring) - xk
    lead = data.xk_lead_months  # XK warned ahead of its renewal-by date, each line naming it
    return (f"截至{cn_date(data.as_of)}，即将到期的生产许可证{len(data.expiring)}张，其中工业产品生产许可证"
            f"{xk}张（{lead}个月内到申请延续期限或已过期限，即{months + lead}个月内到期）、"
            f"食品生产许可证{sc}张（{days}日内到期）。"
            f"{renewal_rule('XK')}，各证应申请延续的日期见下表；{renewal_rule('SC')}。请督促上述企业尽快办理。")


def _expired_text(data: QuarterlyData) -> str:
    """Expired licences, counted as the dashboard's 许可证已过期 tile counts them on that day."""
    if not data.expired:
        return f"截至{cn_date(data.as_of)}，无已过期的生产许可证。"
    xk = sum(1 for x in data.expired if x.kind == "XK")
    food = len(data.expired) - xk
    return (f"截至{cn_date(data.as_of)}，已过期的生产许可证{len(data.expired)}张，其中工业产品生产许可证"
            f"{xk}张、食品生产许可证{food}张，最长已过期{data.expired[0].days_expired}天。许可证过期后企业"
            "不得继续生产相应产品，请核实上述企业是否已取得新证或已停止生产。")


def _failed_part(data: QuarterlyData, kit: _ReportKit) -> list[Flowable]:
    """Section 五 of a quarter with failed samples: the most frequent failing items, the samples."""
    total = data.total
    story: list[Flowable] = [
        kit.p(f"本季度监督抽查不合格样品{total.failed}批次，出现次数最多的不合格项目见下表。")]
    story.append(kit.table(["序号", "不合格项目", "出现次数"],
                           [[str(i), k, str(n)] for i, (k, n) in enumerate(data.failing_items[:10], 1)],
                           [0.12, 0.63, 0.25]))
    story.append(Spacer(1, 6))
    shown = data.failed_samples[:PDF_ROW_LIMIT]
    # Specification and batch on lines of their own, in a column wide enough for a model such
    # as "1000×1200×2.0mm" (a token split over two lines is misread); 地区 keeps just the room
    # 咸宁高新区 needs, the date just what 2026-09-30 needs.
    story.append(kit.table(["企业", "地区", "产品", "规格型号/批号", "不合格项目", "检查日期"],
                           [[kit.name(f.enterprise, FAILED_WIDTHS[0], FAILED_PADDING), f.jurisdiction,
                             f.product, "\n".join(x for x in (f.spec_model, f.batch_no) if x), f.failed_items,
                             f.visit_date] for f in shown],
                           FAILED_WIDTHS, FAILED_PADDING))
    story += kit.cut_note(len(shown), total.failed)
    return story


def _story(data: QuarterlyData, settings: DocSettings, kit: _ReportKit) -> list[Flowable]:
    t = data.target_rate
    total = data.total
    story: list[Flowable] = [
        GridText(f"{data.jurisdiction_name}{data.period_label}", kit.title, align="center"),
        GridText(REPORT_TITLE, kit.title, align="center"),
        blank_lines(1),
        GridText(f"{settings.report_to}：", kit.body, indent=0),  # 主送机关 (GB/T 9704 7.2.4): flush left
        kit.h1("一、总体情况"),
    ]
    scope = scope_line(data, settings)
    if scope:
        story.append(kit.p(scope))
    story.append(kit.p(_summary(data)))
    if data.held_conflicts:
        story.append(kit.p(conflict_note(data)))
    story.append(kit.p(f"统计口径：{PASS_RATE_DEFINITION}"))

    story.append(kit.h1("二、分地区监督抽查合格率"))
    story += [_area_table(data, kit), Spacer(1, 6),
              pass_rate_bars(data.by_jurisdiction, t, kit.fonts["body"].rl_name, TEXT_WIDTH),
              KinsokuParagraph("图1　分地区监督抽查合格率（虚线为95%目标）", kit.caption), Spacer(1, 6)]
    story.append(kit.h1("三、分行业监督抽查合格率"))
    story += [kit.table(RATE_HEADER, _rate_rows(data.by_industry, t), RATE_WIDTHS), Spacer(1, 6),
              pass_rate_bars(data.by_industry, t, kit.fonts["body"].rl_name, TEXT_WIDTH),
              KinsokuParagraph("图2　分行业监督抽查合格率（虚线为95%目标）", kit.caption), Spacer(1, 6)]
    story.append(kit.h1("四、近八个季度合格率走势"))
    story += [trend_chart(data.trend, t, kit.fonts["body"].rl_name, TEXT_WIDTH),
              KinsokuParagraph("图3　近八个季度监督抽查合格率", kit.caption), Spacer(1, 4),
              kit.table(["季度", "有结论样品", "合格", "不合格", "合格率", "与目标差（百分点）"],
                        [[r.label, *row[1:]] for r, row in zip(data.trend, _rate_rows(data.trend, t),
                                                            strict=True)], RATE_WIDTHS),
              Spacer(1, 6)]

    story.append(kit.h1("五、不合格产品及主要不合格项目"))
    if total.failed:
        story += _failed_part(data, kit)
    else:  # one sentence, not two tables saying 无
        story.append(kit.p("本季度无不合格样品。"))

    story.append(kit.h1("六、整改情况"))
    story += rectification_part(data, kit, PDF_ROW_LIMIT, FAILED_PADDING)

    story.append(kit.h1("七、质量提升企业、示范区（项目）和示范企业"))
    share = data.improvement_count / data.improvement_target if data.improvement_target else 0
    # The 500-enterprise target is the city's (咸政办函〔2016〕37号); a county is a part of it.
    whole = "" if data.jurisdiction_code == CITY_CODE else "全市"
    story.append(kit.p(
        f"参与质量提升行动的企业{data.improvement_count}家，占{whole}{data.improvement_target}家目标的"
        f"{share * 100:.1f}%；质量提升示范企业{len(data.demonstration)}家。{_zones_text(data)}"))
    demo = data.demonstration[:PDF_ROW_LIMIT]
    story.append(kit.table(["示范企业", "统一社会信用代码", "地区", "行业"],
                           [[kit.name(e.name, 0.33), e.uscc, e.jurisdiction, e.industry] for e in demo],
                           [0.33, 0.28, 0.16, 0.23]))
    story += kit.cut_note(len(demo), len(data.demonstration))

    ex, gone = data.expiring[:PDF_ROW_LIMIT], data.expired[:PDF_ROW_LIMIT]
    kinds = {"XK": "工业产品", "SC": "食品", "QS": "食品（QS）"}

    def licence_table(lines: list[LicenceLine], last: str,
                      cell: Callable[[LicenceLine], str]) -> RowKeepingTable:
        return kit.table(["企业", "地区", "类别及证书编号", "产品", last],
                         [[kit.name(x.enterprise, LICENCE_WIDTHS[0], LICENCE_PADDING), x.jurisdiction,
                           f"{kinds.get(x.kind, x.kind)}\n{x.number}", _one_a_line(x.product), cell(x)]
                          for x in lines],
                         LICENCE_WIDTHS, LICENCE_PADDING)

    n = 2 if data.unfinished else 1  # 表1 is section 六's when it has one
    part8: list[Flowable] = [kit.h1("八、生产许可证到期预警"), kit.p(_licence_text(data)),
                             KinsokuParagraph(f"表{n}　即将到期的生产许可证", kit.caption),
                             licence_table(ex, "到期日期", lambda x: x.expires_on + (
                                 f"\n应于{x.renew_by}\n前申请延续" if x.renew_by else "")),
                             *kit.cut_note(len(ex), len(data.expiring)), kit.p(_expired_text(data))]
    if gone:  # the days since expiry under the date, as on the warnings page (已过661天)
        part8 += [KinsokuParagraph(f"表{n + 1}　已过期的生产许可证", kit.caption),
                  licence_table(gone, "到期日期", lambda x: f"{x.expires_on}\n已过{x.days_expired}天"),
                  *kit.cut_note(len(gone), len(data.expired))]
    # GB/T 9704: issuing body and date close the document, the date 4 characters from the right.
    closing: list[Flowable] = [kit.p("特此报告。")]
    _Kit(kit.fonts).sign_off(closing, settings.org_name, settings.seal_text, data.as_of)
    # The closing line, signature and date never stand alone on a page: the last rows of the
    # table before them go with them, or all of a small table and the last lines of the text.
    story.append(KeepEndTogether(part8, closing))
    return story


def _one_a_line(products: str) -> str:
    """A licence's products (低压成套开关设备、三相异步电动机) one a line, none split in two."""
    return "\n".join(p.strip() for p in products.split("、") if p.strip()) or products


def render_quarterly(data: QuarterlyData, settings: DocSettings, out: Path | str | BinaryIO,
                     fonts: dict[str, FontChoice] | None = None) -> None:
    kit = _ReportKit(fonts or font_roles(settings.fonts))
    target = str(out) if isinstance(out, Path) else out
    doc = OfficialDocTemplate(target, kit.fonts["title"].rl_name, title=report_title(data),
                              author=settings.org_name)
    doc.build(_story(data, settings, kit))
