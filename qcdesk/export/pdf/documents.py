"""The four record documents: 现场检查笔录, 抽样单, 责令整改通知书, 复查意见书.

Notices and opinions follow GB/T 9704-2012 (see layout.py); the record and the sampling form
are forms on the same page template.  Everything printed comes from plain dataclasses
(qcdesk.models.document_data); empty fields print as a gap, never as an error.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle
from reportlab.platypus.flowables import Spacer

from qcdesk.export.pdf.fonts import FontChoice, font_roles
from qcdesk.export.pdf.form_split import FormTable, RowLabel
from qcdesk.export.pdf.layout import (
    BLANK,
    CELL,
    SIZE_3,
    SIZE_5,
    SIZE_S4,
    TEXT_WIDTH,
    GridKeepTogether,
    GridStyle,
    GridText,
    OfficialDocTemplate,
    blank_lines,
    body_style,
    title_style,
)
from qcdesk.export.pdf.linebreak import KinsokuParagraph
from qcdesk.models import local_day
from qcdesk.models.clock_text import cn_date  # the one Chinese date form (report.py imports it here)
from qcdesk.models.document_data import (
    DocSettings,
    NoticeDoc,
    Officer,
    RecheckDoc,
    SampleDoc,
    SampleLine,
    VisitDoc,
)
from qcdesk.models.paper_issuer import visit_settings
from qcdesk.models.rules import RULE_SETS, rests_on_sample

UNFILLED = "（未填写）"
LAW_BASIS = "《中华人民共和国产品质量法》第十七条"
RULE_LAW_NAMES = {
    "samr18": "《产品质量监督抽查管理暂行办法》（国家市场监督管理总局令第18号）",
    "aqsiq133": "《产品质量监督抽查管理办法》（国家质量监督检验检疫总局令第133号）",
}
FORM_PADDING = 6.0  # pt left and right in a form cell (reportlab's default)


def field_date(value: str) -> str:
    """A date in a form field or a sentence: Chinese form, empty stays empty (the field shows
    （未填写）), never the hand-fill blank of `cn_date`."""
    return cn_date(value) if (value or "").strip() else ""


def sentence(text: str) -> str:
    """Text typed into a record, printed as a sentence of the body: it ends with 。 unless it
    already ends a sentence."""
    text = (text or "").strip()
    if not text or text.rstrip("”’）)」』").endswith(("。", "！", "？", "；", "…", ".", "!", "?")):
        return text
    return text + "。"


def doc_number(stored: str, prefix: str, when: str) -> str:
    """The stored number if any, else prefix〔year〕＿＿号 with the number left blank. Why: a
    document number comes from the office's register; one made up from a local record id
    would differ between the laptop's copy and the county's of the same document."""
    if stored.strip():
        return stored.strip()
    year = (when or "")[:4] if (when or "")[:4].isdigit() else str(local_day.today().year)
    return f"{prefix}〔{year}〕＿＿号"


def officers_text(officers: tuple[Officer, ...]) -> str:
    if not officers:
        return ""
    return "、".join(f"{o.name}（执法证号：{o.cert_no or BLANK}）" for o in officers)


class _Kit:
    """Styles bound to the fonts chosen for this document."""

    def __init__(self, fonts: dict[str, FontChoice], cell_size: float = SIZE_S4):
        self.fonts = fonts
        self.body = body_style(fonts["body"].rl_name)
        self.title = title_style(fonts["title"].rl_name)
        self.hei = GridStyle(fonts["heading"].rl_name, SIZE_3, CELL - SIZE_3)
        self.kai = GridStyle(fonts["subheading"].rl_name, SIZE_3, CELL - SIZE_3)
        self.cell = ParagraphStyle(
            "cell", fontName=fonts["body"].rl_name, fontSize=cell_size, leading=cell_size * 1.4,
            wordWrap="CJK",
        )
        self.label = ParagraphStyle("label", parent=self.cell, fontName=fonts["heading"].rl_name,
                                    alignment=TA_CENTER)

    def p(self, text: str, indent: float = 2) -> GridText:
        return GridText(text, self.body, indent=indent)

    def h1(self, text: str) -> GridText:
        g = GridText(text, self.hei, indent=2)
        g.keepWithNext = True  # a heading never ends a page
        return g

    def h2(self, text: str) -> GridText:
        g = GridText(text, self.kai, indent=2)
        g.keepWithNext = True
        return g

    def cell_p(self, text: str, label: bool = False) -> KinsokuParagraph:
        kind = RowLabel if label else KinsokuParagraph  # a label goes on every page of its row
        return kind(text or UNFILLED, self.label if label else self.cell)

    def head(self, org: str, title: str, number: str | None) -> list[Flowable]:
        out: list[Flowable] = [GridText(org, self.title, align="center"),
                               GridText(title, self.title, align="center")]
        if number:
            out.append(GridText(number, self.body, align="right"))
        out.append(blank_lines(1))
        return out

    def sign_off(self, story: list[Flowable], org: str, seal: str, when: str) -> None:
        """Signature centred over the date; the date ends 4 characters from the right.

        The last body paragraph goes with it so the sign-off never stands alone on a page."""
        date_text = cn_date(when)
        w_date = stringWidth(date_text, self.body.font, self.body.size) + self.body.track * len(date_text)
        centre_right = 4 + w_date / 2 / CELL  # in cells from the right edge

        def over(text: str) -> GridText:
            w = stringWidth(text, self.body.font, self.body.size) + self.body.track * len(text)
            return GridText(text, self.body, align="right", right=max(0.0, centre_right - w / 2 / CELL))

        last = [story.pop()] if story else []
        while story and getattr(story[-1], "keepWithNext", False):
            last.insert(0, story.pop())
        seal_line = [over(seal)] if seal.strip() else []  # a placeholder only if one is set
        story.append(GridKeepTogether([*last, blank_lines(2), over(org), *seal_line,
                                   GridText(date_text, self.body, align="right", right=4)]))

    def form_table(self, rows: list[list], widths: list[float]) -> Table:
        """A ruled table without spans, so that any row may be split across pages."""
        table = FormTable(rows, colWidths=widths, repeatRows=0, splitInRow=1)  # labels on every page
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
            ("FONTNAME", (0, 0), (-1, -1), self.body.font),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), FORM_PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), FORM_PADDING),
        ]))
        return table

    def form_widths(self, rows: list[list[str]], values: tuple[float, float]) -> list[float]:
        """Column widths of a form: each label column as wide as its longest label, so that no
        label breaks mid-word (统一社会信用代 / 码); the value columns share the rest as
        `values` weighs them."""
        def need(col: int) -> float:
            labels = [r[col] for r in rows if len(r) > col and (col == 0 or len(r) == 4)]
            widest = max((stringWidth(t, self.label.fontName, self.label.fontSize) for t in labels),
                         default=0.0)
            return widest + 2 * FORM_PADDING + 0.5
        first, second = need(0), need(2)
        rest = TEXT_WIDTH - first - second
        return [first, rest * values[0] / sum(values), second, rest * values[1] / sum(values)]

    def form(self, rows: list[list[str]], w: list[float]) -> list[Flowable]:
        """Form rows of [label, value, label, value] or [label, value] (full width), as stacked
        tables whose rules line up; labels in 黑体, empty values marked （未填写）.  `w`: the
        four column widths (form_widths over every row of the form)."""
        out: list[Flowable] = []
        group: list[list] = []
        for row in [*rows, []]:
            if group and len(row) != len(group[0]):
                widths = w if len(group[0]) == 4 else [w[0], sum(w[1:])]
                out.append(self.form_table(group, widths))
                group = []
            if row:
                group.append([self.cell_p(v, label=i % 2 == 0) for i, v in enumerate(row)])
        return out


def _build(out: Path | str | BinaryIO, story: list[Flowable], kit: _Kit, title: str, org: str) -> None:
    target = str(out) if isinstance(out, Path) else out
    doc = OfficialDocTemplate(target, kit.fonts["title"].rl_name, title=title, author=org)
    doc.build(story)


def _fonts(settings: DocSettings, fonts: dict[str, FontChoice] | None, cell_size: float = SIZE_S4) -> _Kit:
    return _Kit(fonts or font_roles(settings.fonts), cell_size)


def head_label(uscc: str) -> str:
    """Who answers for the party: a 个体工商户 (code type 92, GB 32100) has an 经营者, no 法定代表人."""
    return "经营者" if uscc.upper().startswith("92") else "法定代表人"


def _party_rows(party) -> list[list[str]]:  # noqa: ANN001
    return [
        ["被检查单位", party.name],
        ["统一社会信用代码", party.uscc, head_label(party.uscc), party.legal_representative],
        ["地址", party.address],
        ["联系人", party.contact_name, "联系电话", party.contact_phone],
    ]


def _note(kit: _Kit, note: str) -> list[Flowable]:
    """A reprint's people from today's file say so, above the form (`as_printed_note`)."""
    return [kit.cell_p(note), Spacer(1, 4)] if note else []


def _sample_summary(s: SampleLine) -> str:
    """A sample as the site record states it: what was taken, never the laboratory's result.
    The record is signed on the spot as 与事实相符, weeks before any result (review, documents):
    the result and the 复检 are on the notice (retest_docs)."""
    details = "；".join(x for x in (
        f"规格型号：{s.spec_model}" if s.spec_model else "",
        f"生产日期/批号：{s.batch_no or field_date(s.production_date)}"
        if (s.batch_no or s.production_date) else "",
        f"抽样数量：{s.sample_qty}" if s.sample_qty else "",
    ) if x)
    return (s.product_name or UNFILLED) + (f"（{details}）" if details else "")


def render_visit(doc: VisitDoc, settings: DocSettings, out, fonts=None) -> None:  # noqa: ANN001
    """现场检查笔录: who checked whom, what was checked, samples, findings, signatures; in the
    name of the bureau of the visit's order or inspectors, as that order's notice is."""
    settings = visit_settings(settings, doc.order_no, doc.crew_area)
    kit = _fonts(settings, fonts)
    rows = _party_rows(doc.enterprise) + [
        ["检查日期", field_date(doc.visit_date), "检查类型", doc.kind],
        ["检查人员及执法证号", officers_text(doc.inspectors)],
        ["告知事项", "检查人员已出示执法证件，表明身份，告知被检查单位依法享有陈述、申辩和申请回避的权利，"
                 "并应当如实提供有关情况和资料。"],
        ["检查情况", doc.summary],
        ["抽样情况", "\n".join(f"{i}. {_sample_summary(s)}" for i, s in enumerate(doc.samples, 1))
         or "本次检查未抽样。"],
        ["发现的问题", "\n".join(
            f"{i}. {f.description or UNFILLED}" + (f"（{f.severity}）" if f.severity else "")
            + (f"，依据：{f.basis}" if f.basis else "")
            for i, f in enumerate(doc.findings, 1)) or "未发现问题。"],
        ["检查结论", doc.conclusion],
    ]
    # The first value column holds the 18-character credit code.
    widths = kit.form_widths(rows, (0.54, 0.46))
    story: list[Flowable] = [GridText(settings.org_name, kit.title, align="center"),
                             GridText("现场检查笔录", kit.title, align="center"), Spacer(1, 6),
                             *_note(kit, doc.note), *kit.form(rows[:-1], widths)]
    sign = ParagraphStyle("sign", parent=kit.cell, fontSize=14, leading=28)
    # The conclusion row goes with the signatures: a page of signatures alone could be
    # stapled to any record, so the signed page must carry part of what was signed.
    story += [KeepTogether([
        *kit.form(rows[-1:], widths), Spacer(1, 10),
        KinsokuParagraph("以上笔录已经被检查单位核对，与事实相符。", sign),
        KinsokuParagraph(f"检查人员签名：{BLANK}{BLANK}　{BLANK}{BLANK}", sign),
        KinsokuParagraph(f"被检查单位负责人签名：{BLANK}{BLANK}　职务：{BLANK}", sign),
        KinsokuParagraph(f"签字日期：{cn_date('')}", sign),
        KinsokuParagraph("（被检查单位负责人拒绝签字的，由检查人员注明情况及理由。）", kit.cell),
    ])]
    _build(out, story, kit, "现场检查笔录", settings.org_name)


def render_sample(doc: SampleDoc, settings: DocSettings, out, fonts=None) -> None:  # noqa: ANN001
    """抽样单 with every field of the sampling record and a seal/signature block.

    五号 (10.5 pt) cells so that the form and its signature block fit on one page.  The sampling
    bureau (where no organiser is recorded, and the file's author) is the visit record's."""
    settings = visit_settings(settings, doc.order_no, doc.crew_area)
    kit = _fonts(settings, fonts, SIZE_5)
    c = kit.cell_p
    s, e = doc.sample, doc.enterprise
    rows = [
        ["组织单位", s.organiser or settings.org_name, "任务编号", s.task_no],
        ["受检单位名称", e.name],
        ["地址", e.address],
        ["统一社会信用代码", e.uscc, head_label(e.uscc), e.legal_representative],
        ["联系人", e.contact_name, "联系电话", e.contact_phone],
        ["生产许可证编号", s.licence_no, "企业规模", s.enterprise_size or e.size_class],
        ["产品名称", s.product_name, "商标", s.trademark],
        ["规格型号", s.spec_model, "质量等级", s.grade],
        ["生产日期", field_date(s.production_date), "批号", s.batch_no],
        ["执行标准", s.standard, "单价", s.unit_price],
        ["抽样基数", s.lot_size, "抽样数量", s.sample_qty],
        ["检验样品数量", s.test_qty, "备用样品数量", s.backup_qty],
        ["封样状态", s.seal_state, "抽样地点", s.sampling_place],
        ["抽样人员", officers_text(s.samplers)],
        ["抽样日期", field_date(s.sampled_on), "检查日期", field_date(doc.visit_date)],
        ["备注", s.remarks or "无"],
        ["拒绝签字",
         f"受检单位拒绝签字。理由：{s.refusal_reason or UNFILLED}" if s.refused_to_sign else "否"],
    ]
    notes = ("说明：样品从待销产品中随机抽取，由受检单位无偿提供；样品分为检验样品和备用样品并封存。"
             "受检单位对检验结论有异议的，可以自收到检验结果之日起15日内书面申请复检，复检使用备用样品。")
    sign_rows = [[
        c(f"抽样单位（盖章）\n{s.organiser or settings.org_name}\n\n抽样人员签名：{BLANK}　{BLANK}\n\n"
          f"日期：{cn_date('')}"),
        c(f"受检单位（盖章）\n{e.name or BLANK}\n\n负责人签名：{BLANK}{BLANK}\n\n日期：{cn_date('')}"),
    ]]
    story: list[Flowable] = [
        GridText("产品质量监督抽查抽样单", kit.title, align="center"), Spacer(1, 6), *_note(kit, doc.note),
        *kit.form(rows, kit.form_widths(rows, (0.48, 0.52))), Spacer(1, 4), c(notes), Spacer(1, 4),
        KeepTogether([kit.form_table(sign_rows, [TEXT_WIDTH / 2] * 2)]),
    ]
    _build(out, story, kit, "产品质量监督抽查抽样单", settings.org_name)


def _notice_story(kit: _Kit, doc: NoticeDoc, settings: DocSettings) -> list[Flowable]:
    from qcdesk.export.pdf import retest_docs as rt

    rule = RULE_SETS.get(doc.rule_set)
    e = doc.enterprise
    story = kit.head(settings.org_name, "责令整改通知书",
                     doc_number(doc.notice_no, settings.notice_prefix, doc.ordered_on))
    story.append(kit.p(f"{e.name or BLANK * 3}：", indent=0))
    if doc.sample is not None:
        s = doc.sample
        what = s.product_name or BLANK
        spec = "；".join(x for x in (f"规格型号：{s.spec_model}" if s.spec_model else "",
                                    f"生产日期/批号：{s.batch_no or field_date(s.production_date)}"
                                    if (s.batch_no or s.production_date) else "") if x)
        story.append(kit.p(
            f"在{s.organiser or settings.org_name}组织的产品质量监督抽查中，"
            f"{cn_date(s.sampled_on or doc.visit_date)}在你单位抽取的{what}"
            + (f"（{spec}）" if spec else "")
            + f"经检验不合格，不合格项目：{s.failed_items or BLANK}。"))
    elif doc.finding is not None:
        story.append(kit.p(
            f"{cn_date(doc.visit_date)}，本局执法人员在对你单位的现场检查中发现："
            f"{doc.finding.description or BLANK}。"))
    if rt.overturned(doc):  # the re-test passed: the order's basis fell, nothing is demanded
        story.insert(3, GridText("（已撤销）" if doc.withdrawn_on else "（复检合格，待撤销）", kit.body,
                                 align="center"))  # under the number, before the head's blank line
        if doc.sample is not None:
            story.append(kit.p(rt.retest_sentence(doc.sample)))
        story.append(kit.p(rt.withdrawal_text(doc, "本通知书")))
        kit.sign_off(story, settings.org_name, settings.seal_text, doc.withdrawn_on)  # else dated by hand
        return [*story, blank_lines(1), kit.p(f"签收人：{BLANK}　签收日期：{cn_date('')}", indent=0),
                *_note(kit, doc.note)]
    # A failed spot-check sample brings art. 17, the rule set and the product clauses (stop sale,
    # re-test right, provincial announcement); a site check's finding cites its own basis (计量法…).
    # Unknown basis: keep them, to be safe.
    product = doc_rests_on_sample(doc)
    law = RULE_LAW_NAMES.get(doc.rule_set, "产品质量监督抽查管理的有关规定")
    cited = f"{LAW_BASIS}和{law}" if product else (doc.finding and doc.finding.basis.strip() or BLANK)
    story.append(kit.p(f"依据{cited}的规定，现责令你单位整改。具体要求如下："))
    numbers = iter("一二三四五")
    story.append(kit.h1(f"{next(numbers)}、整改要求"))
    for line in (doc.requirement or BLANK * 4).splitlines():
        if line.strip():
            text = line.strip()
            story.append(kit.p(text if text[-1] in "。；！？." else text + "。"))
    if product and doc.rule_set == "aqsiq133":
        story.append(kit.p("复查合格前，你单位不得销售同一型号的产品。"))
    elif product:
        story.append(kit.p("你单位应当立即停止生产、销售同一产品，查明不合格原因，采取有效措施进行整改。"))
    story.append(kit.h1(f"{next(numbers)}、整改期限"))
    days = f"（自本通知书下达之日起{rule.correct_days}日内）" if rule else ""
    story.append(kit.p(f"请于{cn_date(doc.deadline)}前完成整改{days}。"
                       + (f"经批准，整改期限延长至{cn_date(doc.extended_to)}。" if doc.extended_to else "")))
    if rule and rule.extension_max_days and not doc.extended_to:  # granted: no second one
        story.append(kit.p(
            f"确需延期的，应当在整改期限届满{rule.extension_notice_days}日前向本局书面申请，"
            f"延期只能申请一次，延长期限不超过{rule.extension_max_days}日。"))
    story.append(kit.h1(f"{next(numbers)}、申请复查"))
    story.append(kit.p(
        "整改完成后，你单位应当向本局提交整改报告，说明问题原因、整改措施和整改结果，并附有关证明材料，"
        f"申请复查。本局将于{cn_date(doc.recheck_due)}前组织复查。"))
    if product and doc.rule_set != "aqsiq133":
        story.append(kit.p("复查不合格的，本局将报告省级市场监督管理部门，由其向社会公告。"))
    if doc.sample is not None and rt.retest_sentence(doc.sample):  # the right was used
        story += rt.pending_retest_section(kit, doc.sample, f"{next(numbers)}、复检情况")
    elif product:
        story.append(kit.h1(f"{next(numbers)}、复检权利"))
        objection, body = (rule.retest_objection_days, rule.supervisor) if rule else (15, "市场监督管理部门")
        story.append(kit.p(
            f"你单位对检验结论有异议的，可以自收到检验结果之日起{objection}日内，向组织监督抽查的{body}"
            f"或者其上级{body}书面提出复检申请。复检使用备用样品，复检结论为最终结论；"
            "逾期未提出异议的，视为认可检验结论。"))
    penalty = f"依照{LAW_BASIS}的规定" if product else ""
    story.append(kit.p(f"逾期不整改或者整改不合格的，本局将{penalty}依法处理。"))
    kit.sign_off(story, settings.org_name, settings.seal_text, doc.ordered_on)
    story += [blank_lines(1), kit.p(f"签收人：{BLANK}　签收日期：{cn_date('')}", indent=0)]
    return story + _note(kit, doc.note)


def render_notice(doc: NoticeDoc, settings: DocSettings, out, fonts=None) -> None:  # noqa: ANN001
    """责令整改通知书 (GB/T 9704 layout), in the name of the bureau that numbered it."""
    settings = visit_settings(settings, doc.notice_no, doc.crew_area)
    kit = _fonts(settings, fonts)
    _build(out, _notice_story(kit, doc, settings), kit, "责令整改通知书", settings.org_name)


def _fill_lines(kit: _Kit, n: int) -> list[Flowable]:
    """`n` full lines of ＿ to write on by hand (a form printed before the facts are known)."""
    return [GridText("＿" * 28, kit.body, indent=0) for _ in range(n)]


def doc_rests_on_sample(n: NoticeDoc) -> bool:
    """`rules.rests_on_sample` for a printed order: the notice and its 复查意见书 decide alike."""
    return rests_on_sample(0 if n.sample is not None else None, 0 if n.finding is not None else None)


def render_recheck(doc: RecheckDoc, settings: DocSettings, out, fonts=None) -> None:  # noqa: ANN001
    """复查意见书 (GB/T 9704 layout), by the bureau that ordered the rectification.

    What the records hold is printed; what they do not hold yet is an underlined blank to fill
    in by hand.  An order closed with no re-check visit on record says when it was closed and
    asserts no re-check (no 经复查, no empty date and inspectors)."""
    from qcdesk.export.pdf import retest_docs as rt

    settings = visit_settings(settings, doc.notice.notice_no, doc.notice.crew_area)
    kit = _fonts(settings, fonts)
    n = doc.notice
    rule = RULE_SETS.get(n.rule_set)
    notice_no = doc_number(n.notice_no, settings.notice_prefix, n.ordered_on)
    closed_unchecked = doc.status == "closed" and not doc.recheck_date
    signed_on = doc.recheck_date or (doc.closed_on if closed_unchecked else "")
    withdrawn = rt.overturned(n) and not doc.recheck_date  # after a passed 复检: no report asked for
    if withdrawn:
        signed_on = n.withdrawn_on
    story = kit.head(settings.org_name, "复查意见书",
                     doc_number("", settings.recheck_prefix, signed_on))  # issued: signed, else today
    story.append(kit.p(f"{n.enterprise.name or BLANK * 3}：", indent=0))
    story.append(kit.p(f"本局于{cn_date(n.ordered_on)}向你单位下达《责令整改通知书》（{notice_no}），"
                       f"责令你单位于{cn_date(n.extended_to or n.deadline)}前完成整改。"))
    if not withdrawn:
        story.append(kit.h1("一、整改情况"))
        story.append(kit.p(f"你单位于{cn_date(doc.report_submitted_on)}提交整改报告，申请复查。"))
    if withdrawn:
        story += rt.withdrawn_recheck_body(kit, n)
    elif closed_unchecked:
        story.append(kit.h1("二、复查意见"))
        story.append(kit.p(f"你单位已按要求完成整改，本局于{cn_date(doc.closed_on)}予以结案。"))
    else:
        story.append(kit.h1("二、复查情况"))
        story.append(kit.h2("（一）复查时间和人员"))
        story.append(kit.p(f"{cn_date(doc.recheck_date)}，本局执法人员"
                           f"{officers_text(doc.inspectors) or BLANK * 2}对你单位的整改情况进行了复查。"))
        story.append(kit.h2("（二）复查内容"))
        story += [kit.p(sentence(doc.summary))] if doc.summary else _fill_lines(kit, 2)
        story.append(kit.h1("三、复查意见"))
        if doc.status == "closed":
            story.append(kit.p("经复查，你单位已按要求完成整改，复查合格。"))
        elif doc.status == "recheck_failed":
            story.append(kit.p(f"经复查，你单位未按要求完成整改，复查不合格。"
                               f"{rt.failed_recheck_tail(n, doc.escalation)}"))
        if doc.conclusion:
            story.append(kit.p(f"复查结论：{sentence(doc.conclusion)}"))
        elif doc.status not in ("closed", "recheck_failed"):
            story.append(kit.p(f"复查结论：{'＿' * 21}"))
    if rule is None and n.rule_set:
        story.append(kit.p(f"（适用规则：{n.rule_set}）"))
    kit.sign_off(story, settings.org_name, settings.seal_text, signed_on)
    _build(out, story, kit, "复查意见书", settings.org_name)


def render_record(db, kind: str, ident: str | int, out) -> str:  # noqa: ANN001 — sqlite_utils db
    """Gather a record (qcdesk.models.document_data) and print it, for the CLI and the GUI; returns
    the file name to offer when it is saved (`document_file_name`). RecordNotFound: no such id."""
    from qcdesk.export.pdf.doc_names import document_file_name
    from qcdesk.models import document_data as dd

    settings = dd.doc_settings(db)
    doc: VisitDoc | SampleDoc | NoticeDoc | RecheckDoc
    if kind == "visit":
        doc = dd.visit_doc(db, ident)
        render_visit(doc, settings, out)
    elif kind == "sample":
        doc = dd.sample_doc(db, ident)
        render_sample(doc, settings, out)
    elif kind == "notice":
        doc = dd.notice_doc(db, ident)
        render_notice(doc, settings, out)
    elif kind == "recheck":
        doc = dd.recheck_doc(db, ident)
        render_recheck(doc, settings, out)
    else:
        raise ValueError(f"unknown document kind {kind!r}")
    return document_file_name(doc)
