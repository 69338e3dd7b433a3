"""复检 on paper: every document that prints a sample's conclusion prints the first one and the
re-test (申请日期, 复检结论 or 复检中, 复检日期), so the paper never says 不合格 alone for a sample
whose final conclusion is 合格, nor 合格 alone hiding that the first test failed; and the papers
of an order withdrawn after a passed re-test say so instead of demanding rectification.
Read from real PDFs (render_record, as the CLI and the preview print them) with pdftotext."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from failed_orders import enter_retest, failed_sample_order

from qcdesk.export.pdf.documents import render_record
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Rectification
from qcdesk.models.rectifications import withdraw_for_retest
from qcdesk.models.store import Store

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
LATE = date(2026, 12, 20)


def text_of(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


def _print(store: Store, kind: str, ident: int, tmp_path: Path) -> str:
    pdf = tmp_path / f"{kind}-{ident}.pdf"
    render_record(store.db, kind, ident, pdf)
    keep = os.environ.get("QCDESK_KEEP_PDFS")  # to look at the pages: pdftoppm -png …
    if keep:
        shutil.copy(pdf, Path(keep) / pdf.name)
    return text_of(pdf)


def _retest_line(record: str) -> str:
    """The visit record's sample line, from the product name to the next section."""
    return record[record.index("青砖茶"):record.index("发现的问题")]


def test_visit_record_states_the_sampling_never_the_laboratory_results(store: Store,
                                                                       tmp_path: Path) -> None:
    """Review (documents): the 现场检查笔录, signed on the spot as 与事实相符, printed 检验结果：
    不合格 and the 复检 that came weeks later. It states what was sampled; the notice states the
    results (below)."""
    rect = failed_sample_order(store, "水分", notice_no="赤市监质改〔2026〕5号")
    for retest, day in (None, None), ("", None), ("pass", "2026-10-08"), ("fail", "2026-10-08"):
        if retest is not None:
            enter_retest(store, rect, retest, day)
        line = _retest_line(_print(store, "visit", rect.visit_id, tmp_path))
        assert line.startswith("青砖茶") and "检验" not in line and "复检" not in line, line
        assert "合格" not in line, line


def test_notice_tells_where_the_retest_stands(store: Store, tmp_path: Path) -> None:
    rect = failed_sample_order(store, "水分", notice_no="赤市监质改〔2026〕5号")
    notice = _print(store, "notice", rect.id, tmp_path)
    assert "复检权利" in notice and "15日内" in notice  # not asked for yet: how to ask

    enter_retest(store, rect, "", None)
    notice = _print(store, "notice", rect.id, tmp_path)
    assert "复检权利" not in notice  # the right was used
    assert "你单位于2026年9月15日申请复检，目前复检中" in notice, notice
    assert "整改要求" in notice  # the order stands until the re-test says otherwise

    enter_retest(store, rect, "fail", "2026-10-08")
    notice = _print(store, "notice", rect.id, tmp_path)
    assert "经复检（2026年10月8日），复检结论为不合格" in notice, notice
    assert "整改要求" in notice and "复检中" not in notice


def test_papers_of_a_withdrawn_order_say_so_instead_of_demanding(store: Store, tmp_path: Path) -> None:
    rect = failed_sample_order(store, "水分", notice_no="赤市监质改〔2026〕5号")
    enter_retest(store, rect, "pass", "2026-10-08")
    notice = _print(store, "notice", rect.id, tmp_path)  # passed, not yet withdrawn
    assert "经复检（2026年10月8日），复检结论为合格" in notice and "原检验结论不再成立" in notice, notice
    assert "（复检合格，待撤销）" in notice and "本局将撤销本通知书" in notice
    assert "整改要求" not in notice and "整改期限" not in notice

    withdraw_for_retest(store, fetch_record(store, Rectification, rect.id), "2026-10-12", today=LATE)
    notice = _print(store, "notice", rect.id, tmp_path)
    for words in ("（已撤销）", "经检验不合格，不合格项目：水分", "复检结论为合格",
                  "本局已于2026年10月12日撤销本通知书", "撤销理由：样品复检合格", "无需按本通知书整改"):
        assert words in notice, (words, notice)
    for demand in ("现责令你单位整改", "整改要求", "整改期限", "申请复查。本局将于", "停止生产"):
        assert demand not in notice, (demand, notice)
    assert notice[:notice.index("签收人")].endswith("2026年10月12日")  # signed on the withdrawal

    recheck = _print(store, "recheck", rect.id, tmp_path)
    for words in ("复查意见书", "复检情况", "复检结论为合格",
                  "本局已于2026年10月12日撤销上述《责令整改通知书》", "无需按上述《责令整改通知书》整改"):
        assert words in recheck, (words, recheck)
    for claim in ("提交整改报告", "已按要求完成整改", "经复查"):
        assert claim not in recheck, (claim, recheck)

