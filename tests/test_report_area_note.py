"""The note under section 二's table (注：咸宁高新区位于咸安区境内…) is on the page of the table's last
row, never orphaned at the head of the next page (s8 regress-ui A3: the longer 统计口径 paragraph
pushed it to the top of page 2 of every city-wide report, above 图1)."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from qcdesk.export.pdf.report import render_quarterly
from qcdesk.models.demo import build_demo
from qcdesk.models.document_data import DocSettings
from qcdesk.models.report_queries import RateRow, quarterly_data
from qcdesk.models.store import Store
from tests.test_documents_review import page_texts, quarter

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
NOTE = "注：咸宁高新区位于咸安区境内，本表将其单列，“咸安区”一行不含咸宁高新区。"
# The table's last row (合计 and its figures), then the note, on one page.
LAST_ROW_AND_NOTE = re.compile(r"合计\d+\d+\d+\d+\.\d%[+-]\d+\.\d" + re.escape(NOTE))


def _note_page(pages: list[str]) -> str:
    on = [p for p in pages if NOTE in p]
    assert len(on) == 1, len(on)
    return on[0]


@needs_poppler
@pytest.mark.parametrize("year,q", [(2025, 4), (2026, 2), (2026, 3)])
def test_demo_city_report_keeps_the_note_with_its_table(demo_db: Path, tmp_path: Path, year: int,
                                                        q: int) -> None:
    store = Store.open(demo_db)
    try:
        data = quarterly_data(store.db, year, q, as_of=date(2026, 11, 30))
    finally:
        store.close()
    pdf = tmp_path / "city.pdf"
    render_quarterly(data, DocSettings(org_name="咸宁市市场监督管理局"), pdf)
    assert LAST_ROW_AND_NOTE.search(_note_page(page_texts(pdf)))


@needs_poppler
def test_the_note_follows_the_last_row_wherever_the_page_ends(tmp_path: Path) -> None:
    """One more area row at a time moves the table's end down the page, over the page break."""
    for n in range(1, 16):
        areas = [RateRow(f"42{i:04d}", f"第{i}县", 10, 1) for i in range(n)]
        data = quarter(jurisdiction_code="421200", jurisdiction_name="咸宁市", included=[],
                       by_jurisdiction=[*areas, RateRow("421202-HTZ", "咸宁高新区", 12, 1)],
                       counted_apart=[("咸宁高新区", "咸安区")])
        pdf = tmp_path / f"city{n}.pdf"
        render_quarterly(data, DocSettings(org_name="咸宁市市场监督管理局"), pdf)
        page = _note_page(page_texts(pdf))
        assert LAST_ROW_AND_NOTE.search(page), (n, page[:200])
        # Split or not, at least two rows of the table stand above the note on its page.
        assert re.search(r"(咸宁高新区|第\d+县)[\d.%+-]+合计", page), n


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo") / "demo.db", today=date(2026, 11, 30))
