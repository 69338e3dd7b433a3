"""The default withdrawal reason dates the re-test as paper does (2026年10月8日); a reason stored
with ISO dates is never rewritten, and the withdrawn notice and 复查意见书 print its dates in the
Chinese form (pdftotext)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from failed_orders import enter_retest, failed_sample_order
from withdrawn_orders import LATE

from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Rectification
from qcdesk.models.rectifications import withdraw_for_retest
from qcdesk.models.store import Store
from tests.test_retest_documents import _print

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


def test_the_withdrawal_reason_prints_its_dates_as_paper_does(store: Store, tmp_path: Path) -> None:
    rect = failed_sample_order(store, "水分", notice_no="赤市监质改〔2026〕5号")
    enter_retest(store, rect, "pass", "2026-10-08")
    withdraw_for_retest(store, fetch_record(store, Rectification, rect.id), "2026-10-12", today=LATE)
    stored = fetch_record(store, Rectification, rect.id).closing_reason
    assert stored == "样品复检合格（2026年10月8日），原检验结论不再成立，撤销责令整改"
    for kind in ("notice", "recheck"):
        paper = _print(store, kind, rect.id, tmp_path)
        assert "撤销理由：样品复检合格（2026年10月8日），原检验结论不再成立" in paper, paper
        assert not re.search(r"\d{4}-\d{2}-\d{2}", paper), paper


def test_a_reason_stored_with_iso_dates_is_kept_and_printed_in_chinese(store: Store, tmp_path: Path) -> None:
    """Written before the default used the paper's form (or typed so): the stored text stays as it
    is (it is data, and travels in packages with its hash); the papers print 2026年10月8日."""
    rect = failed_sample_order(store, "水分", notice_no="赤市监质改〔2026〕5号")
    enter_retest(store, rect, "pass", "2026-10-08")
    old = "样品复检合格（2026-10-08），原检验结论不再成立，撤销责令整改；见检验报告GB 2763-2021"
    withdraw_for_retest(store, fetch_record(store, Rectification, rect.id), "2026-10-12", old, today=LATE)
    assert fetch_record(store, Rectification, rect.id).closing_reason == old  # never rewritten
    for kind in ("notice", "recheck"):
        paper = _print(store, kind, rect.id, tmp_path)
        assert "撤销理由：样品复检合格（2026年10月8日），原检验结论不再成立" in paper, paper
        assert "GB2763-2021" in paper  # a standard's number is no date
