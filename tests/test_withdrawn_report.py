"""The quarterly report never counts an order withdrawn after a passed 复检 as 已完成: it is
counted apart (已撤销（复检合格）), out of the completion rate's denominator, and an open order
whose sample passed the 复检 is said to await withdrawal, not to be late (PDF read with pdftotext)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from withdrawn_orders import LATE, build_orders

from qcdesk.export.pdf.report import render_quarterly, write_quarterly_xlsx
from qcdesk.models.document_data import DocSettings
from qcdesk.models.report_queries import quarterly_data
from qcdesk.models.store import Store

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


def test_figures_count_withdrawn_orders_apart(store: Store) -> None:
    build_orders(store)
    data = quarterly_data(store.db, 2026, 3, as_of=LATE)
    assert (data.rect_completed, data.rect_withdrawn, data.rect_open) == (1, 1, 2)
    assert (data.rect_overdue, data.rect_to_withdraw, data.recheck_overdue) == (1, 1, 0)
    assert [o.notice_no for o in data.overdue] == ["赤市监质改〔2026〕4号"]  # 3号 is late for nobody
    assert data.completion_rate == pytest.approx(1 / 3)  # 1 completed of 4 ordered less 1 withdrawn
    withdrawn = [(w.notice_no, w.withdrawn_on) for w in data.withdrawn]
    assert withdrawn == [("赤市监质改〔2026〕2号", "2026-10-12")]
    assert "复检合格（2026年10月8日）" in data.withdrawn[0].reason


@needs_poppler
def test_pdf_and_workbook_say_withdrawn_not_completed(store: Store, tmp_path: Path) -> None:
    build_orders(store)
    data = quarterly_data(store.db, 2026, 3, as_of=LATE)
    pdf, xlsx = tmp_path / "r.pdf", tmp_path / "r.xlsx"
    render_quarterly(data, DocSettings(), pdf)
    write_quarterly_xlsx(data, xlsx)
    text = pdf_text(pdf)
    six = text[text.index("六、整改情况"):text.index("七、")]
    assert "本季度下达整改4件，截至2026年12月20日已完成1件" in six
    assert "已撤销1件" in six and "已完成2件" not in six
    assert "整改完成率为33.3%（已撤销的不计入）" in six
    assert "企业逾期未整改1件" in six and "应予撤销1件" in six
    assert "不计入分母" in six  # the rate's definition is printed with it
    table = six[six.index("表1"):]
    assert table.count("整改逾期") == 1 and "复检合格待撤销" in table  # 3号 awaits withdrawal

    book = openpyxl.load_workbook(xlsx)
    overall = {h.value: c.value for h, c in zip(book["总体"][1], book["总体"][2], strict=True)}
    ordered = "本季度下达的整改"  # this quarter's orders, not the dashboard's all-time tiles (s8 B2)
    assert (overall[f"{ordered}：已完成"], overall[f"{ordered}：已撤销（复检合格）"],
            overall[f"{ordered}：未完成"]) == (1, 1, 2)
    assert overall[f"{ordered}完成率"] == pytest.approx(1 / 3, abs=1e-6)
    assert "因样品复检合格而撤销的件数" in overall["统计口径"]
    rows = list(book["已撤销整改"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1 and rows[0][2] == "赤市监质改〔2026〕2号" and "复检合格" in rows[0][5]
    states = {r[2]: r[7] for r in book["未完成整改"].iter_rows(min_row=2, values_only=True)}
    assert states == {"赤市监质改〔2026〕3号": "复检合格待撤销", "赤市监质改〔2026〕4号": "整改逾期41天"}
