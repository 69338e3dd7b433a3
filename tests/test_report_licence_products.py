"""The quarterly report's licence tables give each product a line and never split one: the
产品 column was 0.12 of the page and printed 低压成套 / 开关设 / 备. The certificate number, a
9-character enterprise name and 咸宁高新区 stay whole on their lines too (read with pdftotext)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from qcdesk.export.pdf.report import render_quarterly
from qcdesk.models.document_data import DocSettings
from qcdesk.models.report_queries import LicenceLine
from tests.test_documents_review import quarter

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


def test_products_numbers_and_names_stay_whole(tmp_path: Path) -> None:
    expiring = [LicenceLine("崇阳县创诚电机制造有限公司", "咸宁高新区", "XK", "(鄂)XK06-001-00174",
                            "低压成套开关设备、三相异步电动机", "2027-02-17", 0, renew_by="2026-08-17")]
    pdf = tmp_path / "r.pdf"
    render_quarterly(quarter(expiring=expiring), DocSettings(), pdf)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    table = text[text.index("即将到期的生产许可证\n"):]
    lines = [line.split() for line in table.splitlines()]
    cells = [cell for line in lines for cell in line]
    for whole in ("低压成套开关设备", "三相异步电动机", "(鄂)XK06-001-00174", "崇阳县创诚电机制造",
                  "咸宁高新区", "应于2026-08-17", "前申请延续", "工业产品"):
        assert whole in cells, (whole, table[:600])
    # one product a line: the two are never side by side in one cell
    assert not any("低压成套开关设备、" in cell for cell in cells)
