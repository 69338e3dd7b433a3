"""Line breaking keeps what a reader takes as one thing on one line: a date (2025年5月14日), a
number with its unit (60日内, 检查43次, 0个) and a model (1000×600×1.0mm), in the notices and in
the quarterly report, while a line may still break between two of them."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from qcdesk.export.pdf.documents import render_notice
from qcdesk.export.pdf.linebreak import break_text, tokens
from qcdesk.export.pdf.report import render_quarterly
from qcdesk.models.document_data import DocSettings
from tests.test_documents_review import quarter
from tests.test_pdf_documents import NOTICE, PARTY, SAMPLE

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


def layout_lines(pdf: Path) -> list[str]:
    """The printed lines, as pdftotext -layout lays them out, blanks dropped."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return [line.strip() for line in out.splitlines() if line.strip()]


def test_tokens_keep_dates_numbers_with_units_and_models_whole():
    assert tokens("于2025年5月14日前") == ["于", "2025年5月14日", "前"]
    assert "15日内" in tokens("自收到之日起15日内") and "60日内" in tokens("起60日内）")
    assert "43次" in tokens("共开展检查43次，") and "0个" in tokens("尚差0个。")
    assert "1000×600×1.0mm" in tokens("规格型号：1000×600×1.0mm；")
    assert tokens("5月14日") == ["5月14日"] and tokens("95%") == ["95%"]


def test_a_line_may_still_break_between_two_dates():
    lines = break_text("2025年5月14日2025年5月15日", len, 15, 15)
    assert lines == ["2025年5月14日", "2025年5月15日"]


def test_notices_never_tear_a_date_a_number_or_a_model(tmp_path):
    """Shift the text a character at a time so that every break position is tried."""
    torn = []
    for k in range(28):
        sample = dataclasses.replace(SAMPLE, product_name="钢" * k + "板", spec_model="1000×600×1.0mm",
                                     batch_no="")
        pdf = tmp_path / f"n{k}.pdf"
        render_notice(dataclasses.replace(NOTICE, sample=sample, enterprise=dataclasses.replace(
            PARTY, name="宇" * (k % 5) + PARTY.name)), DocSettings(), pdf)
        lines = layout_lines(pdf)
        for a, b in zip(lines, lines[1:], strict=False):
            if (re.search(r"\d$", a) and re.match(r"[年月日号次个件批家项天内%]", b)) \
                    or re.search(r"\d[年月]$", a) or a.endswith("×") or b.startswith("×"):
                torn.append((k, a[-8:], b[:8]))
        assert "1000×600×1.0mm" in "".join(lines)
    assert not torn


def test_report_keeps_its_counts_with_their_units(tmp_path):
    for n in (4, 43, 430, 4300):
        pdf = tmp_path / f"q{n}.pdf"
        render_quarterly(quarter(visits=n), DocSettings(), pdf)
        assert any(f"检查{n}次" in line or line.startswith(f"{n}次") for line in layout_lines(pdf)), n
