"""A visit summary pasted from WeChat, as the printed 现场检查笔录 shows it (review RA, B6).

A 5,000-character 检查情况 spans about seven pages: its label stood only on the page holding the
row's middle (pages 1–4 showed an unlabelled box), and emoji printed as empty boxes (□) in the
official record. Now the label heads the row on every page it spans (检查情况（续） after the
first), and an emoji no embedded font has prints as 〔表情〕 (see qcdesk/export/pdf/glyphs.py)."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont

from qcdesk.export.pdf.documents import render_notice, render_visit
from qcdesk.export.pdf.glyphs import printable
from qcdesk.models.document_data import DocSettings, Officer, Party, VisitDoc
from tests.test_documents_review import page_texts
from tests.test_pdf_documents import NOTICE, words

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")

PARTY = Party("通山县安通石业有限公司", "91421224MA4CGC7P4F", "咸宁市通山县大畈镇滨河路160号",
              "姜琴林", "黄磊波", "13800000542", "小型")
REPEAT = "原料库房温湿度记录不全。"
PASTED = ("现场👍检查\t车间整洁✅，仓库😀有待改进；家庭👨‍👩‍👧合影，国旗🇨🇳，第1️⃣项，标签🏷️不规范。\n"
          + REPEAT * 400)


def _visit(tmp_path: Path) -> Path:
    doc = VisitDoc("v", "2024-12-21", "质量帮扶/指导", PARTY,
                   (Officer("朱梅强", "42122420170008"), Officer("郭鑫鹏", "42122420200005")),
                   PASTED, "未发现问题")
    out = tmp_path / "visit.pdf"
    render_visit(doc, DocSettings(), out)
    return out


def test_the_label_heads_a_long_row_on_every_page_it_spans(tmp_path: Path) -> None:
    out = _visit(tmp_path)
    pages = page_texts(out)
    spanned = [i for i, text in enumerate(pages, 1) if "温湿度记录" in text]
    assert len(spanned) >= 5  # the paste runs over several pages
    boxes = words(out)
    for page in spanned:
        on_page = [w for w in boxes if w[0] == page]
        labels = [w for w in on_page if w[5].startswith("检查情况")]
        assert labels, f"page {page} of the row has no label"
        first_line = min(w[2] for w in on_page if "温湿度" in w[5] or "〔表情〕" in w[5])
        # at the top of the row's part on that page, on its first line, not centred below it
        assert abs(labels[0][2] - first_line) < 6, (page, labels[0], first_line)
        label = labels[0][5]
        assert label == ("检查情况" if page == spanned[0] else "检查情况（续）"), (page, label)
    assert "检查结论" in pages[-1] and "检查人员签名" in pages[-1]


def test_emoji_print_as_a_readable_mark_not_a_box(tmp_path: Path) -> None:
    text = page_texts(_visit(tmp_path))[0]
    # one mark per emoji, however many code points it is made of; a keycap keeps its digit
    assert ("现场〔表情〕检查车间整洁〔表情〕，仓库〔表情〕有待改进；家庭〔表情〕合影，国旗〔表情〕，"
            "第1项，标签〔表情〕不规范。") in text
    # the grid text of a notice too (its requirement, as typed into the order)
    notice = dataclasses.replace(NOTICE, requirement="加强出厂检验👍，完善记录✅。")
    out = tmp_path / "notice.pdf"
    render_notice(notice, DocSettings(), out)
    assert "加强出厂检验〔表情〕，完善记录〔表情〕。" in "".join(page_texts(out))


def test_symbols_the_font_has_print_as_they_are() -> None:
    """The built-in fallback (no TrueType face on the machine) covers GBK: ★ ※ → and √ stay."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    assert printable("★重点※→√ 👍✅", "STSong-Light") == "★重点※→√ 〔表情〕〔表情〕"
    assert printable("第1️⃣项 ☎️", "STSong-Light") == "第1项 〔表情〕"
    assert re.fullmatch(r"(〔表情〕)+", printable("👨‍👩‍👧🇨🇳👍🏻", "STSong-Light"))
    assert printable("👨‍👩‍👧🇨🇳👍🏻", "STSong-Light") == "〔表情〕" * 3
