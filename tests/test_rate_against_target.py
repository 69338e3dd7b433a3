"""A pass rate is printed as the verdict beside it reads (qcdesk/models/rate_text.py).

189 of 199 (94.97 %) printed as 95.0 % beside 未达到95%的目标（低0.0个百分点）, its 合计 row 95.0 % and
-0.0, the chart's bar 95.0 and the dashboard's tile 95.0 % in red. The rule: one decimal, two
rounded away from the target when one would touch it; the gap is the printed figure minus the
target (0 only exactly on it).
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
from qcdesk.models.rate_text import rate_gap, rate_percent
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


def test_the_rule_never_rounds_onto_the_target() -> None:
    t = 0.95
    assert [rate_percent(r, t) for r in (189 / 199, 9499 / 10000, 94996 / 100000, 19 / 20, 95004 / 100000,
                                         29 / 30, 1.0)] == [
        "94.97%", "94.99%", "94.99%", "95.0%", "95.01%", "96.7%", "100.0%"]
    assert [rate_gap(r, t) for r in (189 / 199, 94996 / 100000, 19 / 20, 95004 / 100000, 29 / 30)] == [
        "-0.03", "-0.01", "0", "+0.01", "+1.7"]
    assert rate_percent(None, t) == rate_gap(None, t) == "—"


@pdftotext
def test_a_rate_just_under_the_target_is_printed_under_it(store: Store, tmp_path: Path) -> None:
    _samples(store, _enterprise(store, 1, "421202"), 189, 10)
    text = _report(store, tmp_path)
    flat = text.replace("\n", "").replace(" ", "")
    assert "监督抽查合格率为94.97%，未达到95%的目标（低0.03个百分点）。" in flat
    total = next(line for line in text.splitlines() if line.startswith("合计"))
    assert total.split() == ["合计", "199", "189", "10", "94.97%", "-0.03"]
    area = next(line for line in text.splitlines() if line.startswith("咸安区 "))
    assert area.split()[-2:] == ["94.97%", "-0.03"]
    assert "95.0%" not in flat and "0.0个百分点" not in flat
    assert not re.search(r"-0\.0(?!\d)", text)
    assert re.search(r"(?m)^94\.97$|\s94\.97(\s|$)", text)  # the charts' figure over the bar


@pdftotext
def test_a_rate_exactly_on_the_target_reads_so(store: Store, tmp_path: Path) -> None:
    _samples(store, _enterprise(store, 1, "421202"), 19, 1)
    flat = _report(store, tmp_path).replace("\n", "").replace(" ", "")
    assert "监督抽查合格率为95.0%，恰好达到95%的目标。" in flat
    assert "0.0个百分点" not in flat


def _page(qtbot, store: Store):  # noqa: ANN001, ANN202 - a DashboardPage, its background risk pass done
    from qcdesk.ui.dashboard import DashboardPage

    page = DashboardPage(store, None)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.risk_pending, timeout=20000)  # before the store closes
    return page


def test_the_dashboard_tile_and_bar_show_the_same_figure(qtbot, store: Store) -> None:  # noqa: ANN001
    from qcdesk.ui.dashboard import TARGET

    _samples(store, _enterprise(store, 1, "421202"), 189, 10)
    page = _page(qtbot, store)
    tile = page.tiles["pass_quarter"]
    assert tile.value.text() == "94.97%"
    assert TARGET.name() in tile.value.styleSheet()  # red: below the target, as the figure says
    chart = page.by_jurisdiction
    i = next(i for i, b in enumerate(chart.bars) if b.key == "421202")
    assert chart.value_label(i)[0] == "94.97"
