"""Document review: what a reader of the printed record, report or spreadsheet would notice."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from qcdesk.export.pdf.documents import render_visit
from qcdesk.models.document_data import DocSettings, FindingLine, Officer, Party, VisitDoc

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")

PARTY = Party("通山县宇航线缆有限公司", "91421224MA4CJGYT6P", "咸宁市通山县大畈镇发展大道129号",
              "袁峰琴", "李慧强", "0715-8878629", "中型")
INSPECTORS = (Officer("吴峰", "42122420160007"), Officer("潘涛娟", "42122420180003"))
FINDING = FindingLine("实际生产条件与取证时不一致，关键生产设备已变更未报告", "生产许可", "较重",
                      "《中华人民共和国工业产品生产许可证管理条例》第四十六条")


def page_texts(pdf: Path) -> list[str]:
    """Text of each page, whitespace removed (pdftotext separates pages by form feeds)."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return [re.sub(r"\s+", "", page) for page in out.split("\f") if page.strip()]


def test_visit_signatures_never_stand_alone_on_a_page(tmp_path):
    """Whatever the length of the record, the page with the signatures also carries the
    conclusion: a page of bare signatures could be attached to any other record."""
    for n in range(1, 12):
        doc = VisitDoc("v", "2025-05-08", "专项检查", PARTY, INSPECTORS, "产品质量安全专项整治（机电）",
                       f"发现问题{n}项，已责令限期整改", findings=(FINDING,) * n)
        out = tmp_path / f"visit{n}.pdf"
        render_visit(doc, DocSettings(), out)
        pages = page_texts(out)
        signed = [p for p in pages if "检查人员签名" in p]
        assert len(signed) == 1, n
        assert f"发现问题{n}项，已责令限期整改" in signed[0], (n, len(pages))
