"""复检 (re-test) and withdrawal wording of the printed documents (documents.py uses these).

Why: `SampleLine.result` is the FINAL conclusion, so a paper printing it alone said 合格 for a
sample whose first test failed, or 不合格 while the re-test on the backup sample was still
running; and an order withdrawn after a passed re-test still printed its demands to rectify.
The notice states the first conclusion and the re-test (申请日期, 复检结论 or 复检中, 复检日期);
every paper of a withdrawn order says it was withdrawn instead. The site record (现场检查笔录)
states no result at all: it is signed on the spot (documents._sample_summary).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qcdesk.export.pdf.documents import doc_rests_on_sample, field_date, sentence
from qcdesk.models.clock_text import cn_dates_in
from qcdesk.models.document_data import NoticeDoc, SampleLine

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from qcdesk.export.pdf.documents import _Kit

RETEST_LABELS = {"pending": "复检中", "pass": "合格", "fail": "不合格"}


def retest_state(s: SampleLine) -> str:
    """'' (no re-test), 'pending', 'pass' or 'fail'; a request without a conclusion is pending,
    as the core settles it (models/retest.py)."""
    if s.retest_result in RETEST_LABELS:
        return s.retest_result
    return "pending" if s.retest_requested_on else ""


def retest_sentence(s: SampleLine) -> str:
    """The re-test in a sentence addressed to the enterprise ('' without a re-test)."""
    state = retest_state(s)
    if not state:
        return ""
    on = f"于{field_date(s.retest_requested_on)}" if s.retest_requested_on else ""
    asked = f"你单位{on}申请复检"
    if state == "pending":
        return f"{asked}，目前复检中。复检使用备用样品，复检结论为最终结论。"
    done = f"经复检（{field_date(s.retest_on)}）" if s.retest_on else "经复检"
    tail = "，原检验结论不再成立。" if state == "pass" else "。"
    return f"{asked}，{done}，复检结论为{RETEST_LABELS[state]}，为最终结论{tail}"


def overturned(doc: NoticeDoc) -> bool:
    """The order's basis fell: withdrawn, or its sample passed the (final) re-test."""
    return bool(doc.withdrawn_on) or (doc.sample is not None and retest_state(doc.sample) == "pass")


def withdrawal_text(doc: NoticeDoc, what: str) -> str:
    """What replaces the demands on a paper of an overturned order; `what` names the notice
    as this paper refers to it (本通知书, or 上述《责令整改通知书》)."""
    if not doc.withdrawn_on:
        return f"本局将撤销{what}，你单位无需按{what}整改，也无需申请复查。"
    # A stored reason is printed as written, except that its ISO dates take the paper's form: a
    # reason stored before the default wrote 2026年10月8日 (or typed 2026-10-08) is never rewritten.
    reason = f"撤销理由：{sentence(cn_dates_in(doc.withdrawal_reason))}" if doc.withdrawal_reason else ""
    return (f"本局已于{field_date(doc.withdrawn_on)}撤销{what}，予以结案。{reason}"
            f"你单位无需按{what}整改，也无需申请复查。")


def pending_retest_section(kit: _Kit, s: SampleLine, heading: str) -> list[Flowable]:
    """The notice's re-test section once the enterprise has asked (its right is used: the
    paper tells where the re-test stands, not how to ask for one)."""
    out: list[Flowable] = [kit.h1(heading), kit.p(retest_sentence(s))]
    if retest_state(s) == "pending":
        out.append(kit.p("复检合格的，本局将撤销本通知书；复检不合格的，你单位应当按本通知书的要求整改。"))
    return out


def withdrawn_recheck_body(kit: _Kit, doc: NoticeDoc) -> list[Flowable]:
    """复查意见书 of an overturned order: the re-test and the withdrawal, no re-check asserted and
    no 整改报告 asked for (the order's basis no longer stands)."""
    out: list[Flowable] = [kit.h1("一、复检情况")]
    s = doc.sample
    if s is not None:
        items = f"，不合格项目：{s.failed_items}" if s.failed_items else ""
        out.append(kit.p(f"你单位的{s.product_name or '产品'}经检验不合格{items}。{retest_sentence(s)}"))
    out += [kit.h1("二、处理意见"), kit.p(withdrawal_text(doc, "上述《责令整改通知书》"))]
    return out


# What follows a failing re-check at each step of Product Quality Law art. 17 (公告后经复查仍不
# 合格的，责令停业，限期整顿；整顿期满后经复查产品质量仍不合格的，吊销营业执照).
_LADDER_WORDS = {
    "suspended": "你单位经公告后复查仍不合格，本局将依法责令你单位停业，限期整顿。",
    "revoked": "你单位经停业整顿后复查仍不合格，本局将依法吊销你单位营业执照。",
}


def failed_recheck_tail(n: NoticeDoc, escalation: str = "") -> str:
    """What a failing re-check's 复查意见书 says follows, as the notice's clauses did: the
    provincial announcement (SAMR 18) or the sale ban (AQSIQ 133) only for an order resting on a
    failed sample, and at a second or third failure the step the order has reached (it said the
    announcement at every failure); a finding of a site check is ordered corrected further."""
    if not doc_rests_on_sample(n):
        return "本局责令你单位继续整改，并将依法处理。"
    if escalation in _LADDER_WORDS:
        ban = "复查合格前，你单位不得销售同一型号的产品。" if n.rule_set == "aqsiq133" else ""
        return _LADDER_WORDS[escalation] + ban
    return ("本局将依照规定报告省级市场监督管理部门，由其向社会公告。" if n.rule_set != "aqsiq133"
            else "复查合格前，你单位不得销售同一型号的产品。")
