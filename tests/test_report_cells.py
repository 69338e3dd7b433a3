"""The quarterly report as a reader sees it: words whole in their table cells, bars measured from
0, and section 六 listing every unfinished order with where it stands (a late re-check too)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from reportlab.graphics.charts.barcharts import VerticalBarChart
from test_report_review import TODAY, build

from qcdesk.export.pdf.charts import pass_rate_bars
from qcdesk.export.pdf.report import render_quarterly, write_quarterly_xlsx
from qcdesk.models.document_data import DocSettings
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Enterprise, Licence, Rectification
from qcdesk.models.report_queries import RateRow, quarterly_data
from qcdesk.models.store import Store

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
NOTICE = "赤市监质改〔2026〕4号"


def lines(pdf: Path) -> list[str]:
    """The PDF's text lines with their spaces removed: a word split in a cell is cut in two lines."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return ["".join(line.split()) for line in out.splitlines()]


def with_orders(store: Store) -> None:
    """An enterprise with a long name and an expiring provincial XK licence; two orders of Q3:
    one reported on time whose re-check is overdue, one the enterprise is late on."""
    build(store)
    firm = save_enterprise(store, Enterprise(uscc="91421223MA4059AK31", name="崇阳县宝晟机电有限公司",
                                             jurisdiction_code="421223", industry="机电"),
                           [Licence(number="(鄂)XK06-001-00019", product="电线电缆",
                                    expires_on="2027-03-10")])
    insert_record(store, Rectification(
        enterprise_id=firm.id, requirement="标签整改", notice_no=NOTICE, ordered_on="2026-08-03",
        deadline="2026-10-02", recheck_due="2026-10-17", status="report_submitted",
        report_submitted_on="2026-09-20"))
    insert_record(store, Rectification(
        enterprise_id=firm.id, requirement="壁厚整改", notice_no="赤市监质改〔2026〕5号",
        ordered_on="2026-09-10", deadline="2026-11-09", recheck_due="2026-11-24", status="open"))


def test_bars_start_at_zero() -> None:
    rows = [RateRow("421221", "嘉鱼县", 6, 1), RateRow("421281", "赤壁市", 19, 1)]  # 85.7 % and 95.0 %
    drawing = pass_rate_bars(rows, 0.95, "Helvetica", 440)
    chart = next(c for c in drawing.contents if isinstance(c, VerticalBarChart))
    assert chart.valueAxis.valueMin == 0 and chart.valueAxis.valueMax == 100


@needs_poppler
def test_cells_keep_their_words_and_section_six_names_the_late_recheck(store: Store, tmp_path: Path) -> None:
    with_orders(store)
    data = quarterly_data(store.db, 2026, 3, as_of=TODAY)
    assert (data.rect_open, data.rect_overdue, data.recheck_overdue) == (2, 1, 1)
    pdf = tmp_path / "r.pdf"
    render_quarterly(data, DocSettings(), pdf)
    text = lines(pdf)
    whole = "".join(text)  # running text read across its line breaks
    for word in ("与目标差（百分点）", "有结论样品", "工业产品", "有限公司", "(鄂)XK06-001-00019", NOTICE):
        assert any(word in line for line in text), word  # on one line, not split inside its cell
    assert not any(line.endswith(("有限公", "工业产", "百分")) for line in text)
    # section 六: the counts, what the table lists, and each unfinished order with its state
    six = whole[whole.index("六、整改情况"):whole.index("七、")]
    assert "其中企业逾期未整改1件" in six and "逾期未复查1件" in six
    assert "尚未完成的整改及其状态" in six
    assert "复查逾期44天" in six and "整改逾期21天" in six and NOTICE in six
    book = openpyxl.load_workbook(write_quarterly_xlsx(data, tmp_path / "r.xlsx"))
    states = [r[-1] for r in book["未完成整改"].iter_rows(min_row=2, values_only=True)]
    assert states == ["整改逾期21天", "复查逾期44天"]  # the enterprise late first
