"""A table's caption is on the page where its table starts: 表1 (本季度下达…尚未完成的整改及其状态)
ended page 4 of a county's report while its table began on page 5, and a reader of page 4 saw a
caption over nothing. Checked page by page with pdftotext, for every captioned table of the
report (表1 in section 六, 表2/表3 of the licences in section 八), with the sections before them
pushed down a row at a time (the failed samples of section 五) so that the captions meet the
foot of a page."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from qcdesk.export.pdf.report import render_quarterly
from qcdesk.models.document_data import DocSettings
from qcdesk.models.report_queries import LicenceLine, RateRow, UnfinishedRectification
from qcdesk.models.rules import Clock
from tests.test_documents_review import quarter
from tests.test_report_pages import failed

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")

ORDERS_HEADER = "企业地区通知书编号整改期限当前状态"
LICENCE_HEADER = "企业地区类别及证书编号产品到期日期"


def orders(n: int) -> list[UnfinishedRectification]:
    return [UnfinishedRectification(f"崇阳县钒业测试{i}有限公司", "崇阳县", f"崇市监质改〔2026〕{900 + i}号",
                                    "整改", "2026-11-09", "2026-11-24", "open", Clock("correct", -21))
            for i in range(n)]


def licences(n: int, expired: bool) -> list[LicenceLine]:
    return [LicenceLine(f"崇阳县第{i}机电有限公司", "崇阳县", "XK", f"(鄂)XK06-001-{i:05d}", "电动机",
                        "2026-10-01" if expired else "2027-01-22", 60 if expired else 0)
            for i in range(n)]


def page_text(pdf: Path, page: int) -> str:
    """One page's text, whitespace removed (pdftotext -f/-l: that page alone)."""
    out = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[int, Path]]:
    root = tmp_path_factory.mktemp("captions")
    out = []
    for n in range(1, 31):  # a row more each time: 表1, 表2 and 表3 pass down the page heights
        data = quarter(failed_samples=[failed(i) for i in range(n)], total=RateRow("total", "咸安区", 40, n),
                       unfinished=orders(5), rect_open=5,
                       expiring=licences(4, expired=False), expired=licences(4, expired=True))
        pdf = root / f"r{n}.pdf"
        render_quarterly(data, DocSettings(org_name="崇阳县市场监督管理局"), pdf)
        out.append((n, pdf))
    return out


def test_every_table_caption_is_on_the_page_of_its_table_header(reports: list[tuple[int, Path]]) -> None:
    captions = {"表1本季度下达、截至2026年11月30日尚未完成的整改及其状态": ORDERS_HEADER,
                "表2即将到期的生产许可证": LICENCE_HEADER, "表3已过期的生产许可证": LICENCE_HEADER}
    first, moved = next(iter(captions)), 0
    for n, pdf in reports:
        pages = [page_text(pdf, p) for p in range(1, page_count(pdf) + 1)]
        for caption, header in captions.items():
            found = [i for i, text in enumerate(pages) if caption in text]
            assert len(found) == 1, (n, caption)
            after = pages[found[0]].split(caption, 1)[1]
            assert after.startswith(header), (n, caption, found[0] + 1, after[:80])
            moved += caption == first and pages[found[0]].startswith(caption)
    # the sweep really brought 表1 to a page's foot: in some reports it opens the next page
    assert moved >= 1


def test_a_long_table_still_starts_under_its_section_text(tmp_path: Path) -> None:
    """The caption waits only for the header and first rows: 40 unfinished orders (more than a
    page) begin on the page of section 六's text, not on a page of their own."""
    pdf = tmp_path / "long.pdf"
    settings = DocSettings(org_name="崇阳县市场监督管理局")
    render_quarterly(quarter(unfinished=orders(40), rect_open=40), settings, pdf)
    pages = [page_text(pdf, p) for p in range(1, page_count(pdf) + 1)]
    first = next(text for text in pages if "表1本季度下达" in text)
    assert first.split("表1本季度下达")[0].endswith("完成情况截至报告日期。")  # 统计口径 above it
    assert first.split("表1本季度下达")[1].count("崇市监质改") >= 2
