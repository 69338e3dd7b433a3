"""Whose report a county's quarterly report is, and a section 五 without failed samples.

`qcdesk report quarterly --jurisdiction 赤壁市` run at the city office is the city office's
report about 赤壁市: signed by the office (doc.org_name), with a sentence saying who
made it and what it covers opening section 一 (not under the title: the issuer is named at the
end, GB/T 9704), so that it is not read as 赤壁市's own. A quarter without a failed
sample printed two tables saying 无 under section 五; one sentence says it now.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from qcdesk.cli import main
from qcdesk.export.pdf.report import render_quarterly
from qcdesk.models.document_data import DocSettings
from qcdesk.models.report_queries import quarterly_data
from qcdesk.models.store import Store

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")

AS_OF = date(2025, 10, 15)
CITY, CHIBI = "咸宁市市场监督管理局", "赤壁市市场监督管理局"


def _lines(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return [re.sub(r"\s+", "", line) for line in out.splitlines() if line.strip()]


def test_a_county_report_run_at_the_city_says_who_made_it(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "city.db", author="test")
    store.close()
    pdf = tmp_path / "chibi.pdf"
    rc = main(["report", "quarterly", "--db", str(tmp_path / "city.db"), "--period", "2025Q3",
               "--jurisdiction", "赤壁市", "--out", str(pdf)])
    assert rc == 0
    lines = _lines(pdf)
    assert lines[:4] == ["赤壁市2025年第三季度", "产品质量状况分析报告", "咸宁市质量强市工作委员会办公室：",
                         "一、总体情况"]  # title, 主送机关, then the text
    opening = "".join(lines[4:]).split("本季度（")[0]
    assert opening == f"本报告由{CITY}编制，统计范围为赤壁市。"
    assert CITY in lines[-4:] and CHIBI not in "".join(lines)  # signed by the office that ran it


def test_an_office_reporting_on_its_own_area_needs_no_scope_line(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "q.db", author="test")
    for code, org in (("421281", CHIBI), (None, CITY)):
        pdf = tmp_path / f"{code}.pdf"
        render_quarterly(quarterly_data(store.db, 2025, 3, code, as_of=AS_OF), DocSettings(org_name=org), pdf)
        lines = _lines(pdf)
        assert lines[1] == "产品质量状况分析报告" and lines[3] == "一、总体情况"
        assert lines[4].startswith("本季度（") and "本报告由" not in "".join(lines)
        assert org in lines[-4:]
    store.close()


def test_a_quarter_without_failed_samples_says_so_in_one_sentence(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "q.db", author="test")
    pdf = tmp_path / "r.pdf"
    render_quarterly(quarterly_data(store.db, 2025, 3, as_of=AS_OF), DocSettings(), pdf)
    store.close()
    lines = _lines(pdf)
    five = lines.index("五、不合格产品及主要不合格项目")
    six = next(i for i, line in enumerate(lines) if line.startswith("六、"))
    assert lines[five + 1:six] == ["本季度无不合格样品。"]
