"""咸安区's quarterly report says it takes in 咸宁高新区 (D2).

Its total (咸安区 with 咸宁高新区, the parent relation county offices' draws and warnings use too)
was headed 统计范围为咸安区 while the city's report gives 咸安区 alone: both now say what they count.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from qcdesk.export.pdf.report import render_quarterly
from qcdesk.models.dashboard_queries import quarter_of
from qcdesk.models.document_data import DocSettings
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Enterprise, Sample, Visit
from qcdesk.models.report_queries import quarterly_data
from qcdesk.models.store import Store

TODAY = date.today()
TODAY_IS_RUN_DAY = True  # tests/conftest.py moves TODAY to the day each test runs (a run across midnight)
pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


def _enterprise(store: Store, n: int, code: str) -> Enterprise:
    return insert_record(store, Enterprise(uscc=f"9142{n:014d}", name=f"测试企业{n:02d}有限公司",
                                           jurisdiction_code=code, industry="管材"))


def _samples(store: Store, ent: Enterprise, passed: int, failed: int, day: date = TODAY) -> None:
    """One spot check on `day` with that many passed and failed samples."""
    v = insert_record(store, Visit(enterprise_id=ent.id, visit_date=day.isoformat(), kind="spot_check",
                                   status="done"))
    for result in ["pass"] * passed + ["fail"] * failed:
        insert_record(store, Sample(visit_id=v.id, product_name="PE管材", result=result,
                                    failed_items="耐压性能" if result == "fail" else ""))


def _pdf_text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return "\n".join(re.sub(r"\s+", " ", line).strip() for line in out.splitlines())


def _report(store: Store, tmp_path: Path, code: str | None = None, org: str = "咸宁市市场监督管理局") -> str:
    period = quarter_of(TODAY)
    pdf = tmp_path / f"{code or 'city'}.pdf"
    data = quarterly_data(store.db, period.start.year, (period.start.month + 2) // 3, code, as_of=TODAY)
    render_quarterly(data, DocSettings(org_name=org), pdf)
    return _pdf_text(pdf)


@pdftotext
def test_the_county_report_says_it_takes_in_the_high_tech_zone(store: Store, tmp_path: Path) -> None:
    _samples(store, _enterprise(store, 1, "421202"), 29, 1)
    _samples(store, _enterprise(store, 2, "421202-HTZ"), 17, 0)
    city = _report(store, tmp_path)
    for org in ("咸宁市咸安区市场监督管理局", "咸宁市市场监督管理局"):  # its own office, and the city's
        county = _report(store, tmp_path, "421202", org)
        flat = county.replace("\n", "").replace(" ", "")
        assert "统计范围为咸安区（含咸宁高新区）。" in flat
        assert "合格率为97.87%" not in flat and "监督抽查合格率为97.9%" in flat
        row = next(line for line in county.splitlines() if line.startswith("咸安区 "))
        assert row == next(line for line in city.splitlines() if line.startswith("咸安区 "))
        assert row.split()[-2:] == ["96.7%", "+1.7"]
    note = "注：咸宁高新区位于咸安区境内，本表将其单列，“咸安区”一行不含咸宁高新区。"
    assert note in city.replace(" ", "") and note in county.replace(" ", "")
