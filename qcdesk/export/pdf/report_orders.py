"""Section 六 (整改情况) of the quarterly report: orders completed, withdrawn and unfinished.

An order withdrawn because its sample passed the 复检 is never called 已完成: a city clerk reads
that as an enterprise that corrected a defect, and none was established. It is counted apart
(已撤销（复检合格）) and leaves the completion rate's denominator (RECTIFICATION_RATE_DEFINITION);
one still open whose sample passed the 复检 is said to await withdrawal, not to be late.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.platypus import Flowable

from qcdesk.export.pdf.documents import cn_date
from qcdesk.export.pdf.layout import GridKeepTogether, RowKeepingTable
from qcdesk.export.pdf.linebreak import KinsokuParagraph
from qcdesk.models.records import RECTIFICATION_STATUS_LABELS
from qcdesk.models.rectification_checks import WITHDRAWN_NAME
from qcdesk.models.report_orders import RECTIFICATION_RATE_DEFINITION, TO_WITHDRAW_STATE
from qcdesk.models.report_queries import QuarterlyData, UnfinishedRectification
from qcdesk.models.rules import ESCALATION_LADDER

if TYPE_CHECKING:
    from qcdesk.export.pdf.report import _ReportKit

WITHDRAWN_WORDS = WITHDRAWN_NAME[0]
# 咸宁高新区 and 2026-12-03 (0.14), 咸高新市监质改〔2026〕15号 (0.33), 复查逾期467天 (0.18);
# the enterprise takes what is left, its legal form kept whole.
UNFINISHED_WIDTHS = [0.21, 0.14, 0.33, 0.14, 0.18]


class CaptionedTable(GridKeepTogether):
    """A table's caption on the page of the table's header and first rows, never alone at the
    foot of the page before them (表1 ended page 4 of a report whose table began on page 5).

    The caption goes with what the table can put on this page (its header and at least
    MIN_TABLE_ROWS rows, or all of a small table); when that leaves nothing here, both go to the
    next page, where a long table splits as before. Not inside KeepEndTogether: a KeepTogether
    there measures as a whole page (section 八 keeps its captions by that block's own rule)."""

    def __init__(self, caption: Flowable, table: RowKeepingTable) -> None:
        super().__init__([caption, table])

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        caption, table = self._content
        below = (avail_height - caption.wrap(avail_width, avail_height)[1] - caption.getSpaceAfter()
                 - table.getSpaceBefore())
        if below > 0:
            parts = table.split(avail_width, below)
            if parts:  # [table] when it fits whole, [head, tail] when it splits here
                return [caption, *parts]
        frame = getattr(self, "_frame", None)
        if frame is not None and not getattr(frame, "_atTop", True):
            return []  # the next page, caption and table together
        return [caption, table]  # at the top of a page already: as much as the table allows


def rate_text(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def rectification_text(data: QuarterlyData) -> str:
    """Orders of the quarter: done, withdrawn, not done, the completion rate, and among those not
    done whose move is late — the enterprise's (整改逾期) or the bureau's re-check (复查逾期) —
    and which only wait to be withdrawn."""
    ordered = data.rect_completed + data.rect_withdrawn + data.rect_open
    text = f"本季度下达整改{ordered}件，截至{cn_date(data.as_of)}已完成{data.rect_completed}件"
    if data.rect_withdrawn:
        text += f"，因样品复检合格、原检验结论不再成立已撤销{data.rect_withdrawn}件"
    text += f"，未完成{data.rect_open}件"
    if data.rect_open:
        text += (f"，其中企业逾期未整改{data.rect_overdue}件，整改报告已按期提交但逾期未复查"
                 f"{data.recheck_overdue}件")
        if data.rect_to_withdraw:
            text += f"，样品已复检合格、应予撤销{data.rect_to_withdraw}件"
    if data.completion_rate is not None:
        text += f"；整改完成率为{rate_text(data.completion_rate)}"
        if data.rect_withdrawn:
            text += "（已撤销的不计入）"
    return text + ("。未完成的整改见表1。" if data.rect_open else "。")


def order_state(order: UnfinishedRectification) -> str:
    """Where an unfinished order stands, in words: who is late and by how many days."""
    if order.retest_passed:
        return TO_WITHDRAW_STATE
    c = order.clock
    if c.kind == "correct":
        if c.days < 0:
            return f"整改逾期{-c.days}天"
        return "今日整改到期" if c.days == 0 else f"整改中，剩余{c.days}天"
    if c.kind == "report_late":
        return f"整改报告逾期{c.days}天提交，待复查"
    if c.kind == "recheck":
        if c.days < 0:
            return f"复查逾期{-c.days}天"
        return "今日复查到期" if c.days == 0 else f"待复查，距复查期限{c.days}天"
    state = RECTIFICATION_STATUS_LABELS.get(order.status, order.status)
    step = dict(ESCALATION_LADDER).get(order.escalation) if order.status == "recheck_failed" else None
    return f"{state}，{step}" if step else state  # 复查不合格 alone hid a revoked licence


def _state_cell(order: UnfinishedRectification) -> str:
    """复检合格待撤销 is wider than the column: broken where it reads, never 复检合格待撤 / 销."""
    return "复检合格\n待撤销" if order.retest_passed else order_state(order)


def rectification_part(data: QuarterlyData, kit: _ReportKit, row_limit: int,
                       padding: float) -> list[Flowable]:
    """The section's text, how the rate is counted, and 表1 of the unfinished orders."""
    story: list[Flowable] = [kit.p(rectification_text(data)),
                             kit.p(f"统计口径：{RECTIFICATION_RATE_DEFINITION}")]
    if data.unfinished:  # what the table lists, above it (a table caption, GB/T 9704 practice)
        caption = f"表1　本季度下达、截至{cn_date(data.as_of)}尚未完成的整改及其状态"
        shown = data.unfinished[:row_limit]
        w = UNFINISHED_WIDTHS
        table = kit.table(["企业", "地区", "通知书编号", "整改期限", "当前状态"],
                          [[kit.name(o.enterprise, w[0], padding), o.jurisdiction, o.notice_no,
                            o.deadline, _state_cell(o)] for o in shown], w, padding)
        story.append(CaptionedTable(KinsokuParagraph(caption, kit.caption), table))
        story += kit.cut_note(len(shown), len(data.unfinished))
    return story
