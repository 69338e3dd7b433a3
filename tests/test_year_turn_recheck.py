"""A 复查意见书's number carries the year it is issued, not the year of the order it answers.

Found at the year turn: a blank re-check form printed in January 2027 for a December 2026 order
read 咸市监质复〔2026〕＿＿号, a number from last year's register."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from day_clock import fixed_today

from qcdesk.export.pdf.documents import render_recheck
from qcdesk.models.document_data import DocSettings, NoticeDoc, Party, RecheckDoc

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")

PARTY = Party("通山县某某石材有限公司", "91421224MA4CJGYT6P", "湖北省咸宁市通山县通羊镇1号",
              "王建国", "李小红", "0715-2345678", "小型")
DECEMBER_ORDER = NoticeDoc("n-uuid", "咸市监质改〔2026〕233号", PARTY, "加强出厂检验。", "samr18",
                           "2026-12-20", "2027-02-18", "2027-03-05")


def _text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


def test_blank_recheck_printed_in_january_is_numbered_in_the_new_year(tmp_path, monkeypatch):
    fixed_today(monkeypatch, date(2027, 1, 5))  # a Beijing desk's calendar
    out = tmp_path / "recheck.pdf"
    render_recheck(RecheckDoc("r-uuid", DECEMBER_ORDER, "open"), DocSettings(), out)
    text = _text(out)
    assert "咸市监质复〔2027〕＿＿号" in text
    assert "〔2026〕＿＿号" not in text
    assert "2026年12月20日" in text  # the order itself keeps its own date and number
    assert "咸市监质改〔2026〕233号" in text


def test_signed_recheck_takes_the_year_of_its_signing_date(tmp_path, monkeypatch):
    fixed_today(monkeypatch, date(2027, 1, 5))  # a Beijing desk's calendar
    out = tmp_path / "recheck.pdf"
    render_recheck(RecheckDoc("r-uuid", DECEMBER_ORDER, "closed", "2026-12-30", summary="已整改。"),
                   DocSettings(), out)
    assert "咸市监质复〔2026〕＿＿号" in _text(out)  # signed on 30 December: last year's register
