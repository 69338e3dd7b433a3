"""避头尾 (GB/T 15834, JLREQ): no printed line starts with a closing mark or ends with an opening
one, in the grid text of notices and reports and in the cells of forms and tables, and no
character leaves the text block to obey the rule."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.pdfmetrics import stringWidth

from qcdesk.export.pdf.documents import render_notice, render_sample
from qcdesk.export.pdf.layout import (
    CELL,
    MARGIN_LEFT,
    MARGIN_TOP,
    NO_END,
    NO_START,
    TEXT_HEIGHT,
    TEXT_WIDTH,
    body_style,
    break_lines,
)
from qcdesk.export.pdf.report import render_quarterly
from qcdesk.models.document_data import DocSettings, SampleDoc
from qcdesk.models.report_queries import RateRow
from tests.test_documents_review import quarter
from tests.test_pdf_documents import NOTICE, PARTY, SAMPLE

SEGMENTS = ("产品（规格）", "，", "检验（复检）。", "“合格”、", "《办法》（令）；", "批次）：",
            "（高出2.3个百分点）。", "见附件(二).", "「样」』", "〔2026〕", "？！", "【注】")
CLOSING = "，。、；：？！）》」』】〕’”,.;:?!)]"
OPENING = "（《「『【〔‘“"


def punct_text(lead: int, length: int = 120) -> str:
    """`lead` plain characters, then marks so dense that one falls at every line position."""
    out = "甲" * lead
    i = 0
    while len(out) < length:
        out += SEGMENTS[i % len(SEGMENTS)] + "乙" * (i % 3)
        i += 1
    return out


def test_rule_sets_cover_the_review():
    assert set(CLOSING) <= NO_START and set(OPENING) <= NO_END


@pytest.fixture(scope="module")
def style():
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return body_style("STSong-Light")


@pytest.mark.parametrize("indent", [0, 2])
def test_no_closing_mark_starts_and_no_opening_mark_ends_a_line(style, indent):
    def width(s: str) -> float:
        return stringWidth(s, style.font, style.size) + style.track * len(s)

    for lead in range(40):
        text = punct_text(lead)
        lines = break_lines(text, style, TEXT_WIDTH, indent * CELL)
        assert "".join(lines) == text
        for i, line in enumerate(lines):
            assert line[0] not in NO_START, (lead, i, line)
            assert i == len(lines) - 1 or line[-1] not in NO_END, (lead, i, line)
            assert width(line) <= TEXT_WIDTH - (indent * CELL if i == 0 else 0) + 0.01, (lead, line)
            assert len(line) >= 20 or i == len(lines) - 1, (lead, line)  # only a few characters move


def test_the_reviewed_lines_pull_the_previous_character_down(style):
    text = "苎麻本色纱监督抽查不合格（不合格项目：线密度偏差率），立即停止生产、销售同一产品。"
    assert break_lines(text, style, TEXT_WIDTH, 2 * CELL)[1].startswith("率），")
    text = "目标" * 12 + "（高出2.3个百分点）。"
    assert all(not line.startswith("）") for line in break_lines(text, style, TEXT_WIDTH))


def test_a_line_of_nothing_but_marks_still_breaks(style):
    lines = break_lines("，" * 60, style, TEXT_WIDTH)
    assert [len(s) for s in lines] == [28, 28, 4]


pdf_tools = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


def printed_lines(pdf: Path) -> list[tuple[float, float, float, float, str]]:
    """(xMin, xMax, yMin, yMax, text) of every printed line, from pdftotext -bbox-layout; a table
    cell's lines are lines of their own."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    lines = []
    box = r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"'
    for m in re.finditer(rf"<line {box}>(.*?)</line>", out, re.S):
        text = "".join(html.unescape(w) for w in re.findall(r">([^<]*)</word>", m.group(5)))
        lines.append((float(m.group(1)), float(m.group(3)), float(m.group(2)), float(m.group(4)), text))
    return lines


def check_lines(pdf: Path) -> int:
    # 0.5 pt: a full grid line ends 0.21 pt past the block, the 16 pt glyph in its 15.79 pt cell.
    # Not the page numbers below the text block, nor the charts' axis labels (8 pt and less,
    # single names drawn whole, some rotated so that pdftotext reads each glyph as a line).
    lines = [ln for ln in printed_lines(pdf) if ln[2] < MARGIN_TOP + TEXT_HEIGHT and ln[3] - ln[2] > 9]
    assert lines
    for x0, x1, _, _, text in lines:
        assert text[0] not in NO_START, text
        assert text[-1] not in NO_END, text
        assert x0 >= MARGIN_LEFT - 0.5 and x1 <= MARGIN_LEFT + TEXT_WIDTH + 0.5, (x0, x1, text)
    return len(lines)


@pdf_tools
def test_notice_lines(tmp_path):
    requirement = "\n".join(punct_text(lead, 80) for lead in range(28))
    notice = NOTICE.__class__(**{**NOTICE.__dict__, "requirement": requirement})
    out = tmp_path / "notice.pdf"
    render_notice(notice, DocSettings(), out)
    assert check_lines(out) > 28 * 3


@pdf_tools
def test_sampling_form_cells(tmp_path):
    sample = SAMPLE.__class__(**{**SAMPLE.__dict__, "remarks": punct_text(1, 90),
                                 "refusal_reason": punct_text(5, 60), "product_name": punct_text(0, 30),
                                 "standard": punct_text(3, 40)})
    out = tmp_path / "sample.pdf"
    render_sample(SampleDoc("s", PARTY, sample, "2026-08-15"), DocSettings(), out)
    check_lines(out)


@pdf_tools
def test_report_text_and_table_cells(tmp_path):
    rows = [RateRow(f"k{lead}", punct_text(lead, 14), 10, lead % 2) for lead in range(8)]
    out = tmp_path / "report.pdf"
    render_quarterly(quarter(by_jurisdiction=rows, by_industry=rows), DocSettings(), out)
    check_lines(out)
