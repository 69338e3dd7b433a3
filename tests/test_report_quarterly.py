"""Quarterly report: figures equal plain SQL on a generated store; PDF and spreadsheet content."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest

from qcdesk.cli import main
from qcdesk.export.pdf.fonts import font_roles
from qcdesk.export.pdf.report import render_quarterly, write_quarterly_xlsx
from qcdesk.models.document_data import DocSettings
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Enterprise, Inspector, Licence, Rectification, Sample, Visit
from qcdesk.models.report_queries import quarterly_data
from qcdesk.models.risk import months_before
from qcdesk.models.store import Store

AS_OF = date(2026, 10, 15)
CODES = ["421202", "421221", "421222", "421223", "421224", "421281", "421202-HTZ"]
INDUSTRIES = ["苎麻纺织", "管材", "涂附磨具", "钒", "石材", "砖茶", "机电"]
ITEMS = ["断裂强力", "纤维含量", "甲醛含量", "pH值", "标识标注", "耐压性能"]


def build_store(path: Path, visits: int = 400, seed: int = 7) -> Store:
    rng = random.Random(seed)
    store = Store.open(path, author="test")
    with store.db.atomic():
        inspectors = [insert_record(store, Inspector(name=f"检查员{i}", cert_no=f"4212{i:04d}",
                                                     jurisdiction_code="421200")) for i in range(4)]
        ents = []
        for i in range(40):
            code = CODES[i % len(CODES)]
            e = insert_record(store, Enterprise(
                uscc=f"9142{i:014d}", name=f"测试企业{i:02d}有限公司", jurisdiction_code=code,
                industry=INDUSTRIES[i % len(INDUSTRIES)], in_improvement=int(i % 3 == 0),
                demonstration=int(i % 10 == 0), address=f"咸宁市某路{i}号"))
            ents.append(e)
            expires = (AS_OF + timedelta(days=20 * i)).isoformat()
            insert_record(store, Licence(enterprise_id=e.id, kind="XK", number=f"XK13-006-{i:05d}",
                                         product="管材", expires_on=expires))
        start = date(2024, 10, 1)
        for n in range(visits):
            e = rng.choice(ents)
            d = start + timedelta(days=rng.randrange(0, 730))
            v = insert_record(store, Visit(enterprise_id=e.id, visit_date=d.isoformat(),
                                           kind="spot_check", status="done",
                                           inspectors=[inspectors[0].uuid, inspectors[1].uuid]))
            for _ in range(rng.randrange(0, 3)):
                result = rng.choices(["pass", "fail", "pending"], [85, 10, 5])[0]
                s = insert_record(store, Sample(
                    visit_id=v.id, product_name="测试产品", result=result,
                    failed_items="、".join(rng.sample(ITEMS, 2)) if result == "fail" else ""))
                if result == "fail":
                    ordered = d + timedelta(days=10)
                    insert_record(store, Rectification(
                        enterprise_id=e.id, visit_id=v.id, sample_id=s.id, requirement="整改",
                        rule_set="samr18", ordered_on=ordered.isoformat(),
                        deadline=(ordered + timedelta(days=60)).isoformat(),
                        recheck_due=(ordered + timedelta(days=75)).isoformat(),
                        status=rng.choice(["open", "closed", "report_submitted"]), notice_no=f"N{n}"))
            if n % 50 == 0:  # deleted rows never count
                store.db.execute("UPDATE visit SET deleted_at = '2026-01-01T00:00:00Z' WHERE id = ?", [v.id])
    return store


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    path = tmp_path_factory.mktemp("rep") / "qc.db"
    s = build_store(path)
    yield s
    s.close()


def sql_rate(db, start: str, end: str, codes: list[str]) -> tuple[int, int]:
    marks = ",".join("?" * len(codes))
    row = db.execute(
        "SELECT COUNT(CASE WHEN s.result='pass' THEN 1 END), COUNT(CASE WHEN s.result='fail' THEN 1 END)"
        " FROM sample s, visit v, enterprise e WHERE s.visit_id=v.id AND v.enterprise_id=e.id"
        " AND v.visit_date BETWEEN ? AND ? AND s.deleted_at IS NULL AND v.deleted_at IS NULL"
        " AND v.kind = 'spot_check'"  # the programme's figure: supervision spot checks only
        f" AND e.deleted_at IS NULL AND e.jurisdiction_code IN ({marks})", [start, end, *codes]).fetchone()
    return row[0], row[1]


def test_figures_equal_direct_sql(store):
    data = quarterly_data(store.db, 2026, 3, as_of=AS_OF)
    passed, failed = sql_rate(store.db, "2026-07-01", "2026-09-30", CODES)
    assert (data.total.passed, data.total.failed) == (passed, failed)
    assert passed + failed > 0
    for row in data.by_jurisdiction:
        assert (row.passed, row.failed) == sql_rate(store.db, "2026-07-01", "2026-09-30", [row.key])
    assert sum(r.tested for r in data.by_industry) == passed + failed
    assert [r.key for r in data.trend] == ["2024Q4", "2025Q1", "2025Q2", "2025Q3", "2025Q4", "2026Q1",
                                           "2026Q2", "2026Q3"]
    q1 = sql_rate(store.db, "2025-01-01", "2025-03-31", CODES)
    assert (data.trend[1].passed, data.trend[1].failed) == q1
    assert len(data.failed_samples) == failed
    assert data.visits == store.db.execute(
        "SELECT COUNT(*) FROM visit WHERE visit_date BETWEEN '2026-07-01' AND '2026-09-30'"
        " AND deleted_at IS NULL AND status != 'planned'").fetchone()[0]
    overdue = store.db.execute(
        "SELECT COUNT(*) FROM rectification WHERE ordered_on BETWEEN '2026-07-01' AND '2026-09-30'"
        " AND deadline < ? AND deleted_at IS NULL AND (status = 'open' OR status IN"
        " ('report_submitted', 'awaiting_recheck') AND report_submitted_on > deadline)",
        [AS_OF.isoformat()]).fetchone()[0]
    assert data.rect_overdue == overdue == len(data.overdue)
    assert data.improvement_count == store.db.execute(
        "SELECT COUNT(*) FROM enterprise WHERE in_improvement = 1").fetchone()[0]
    assert len(data.demonstration) == 4
    assert [x.expires_on for x in data.expiring] == sorted(x.expires_on for x in data.expiring)
    # XK: warned 3 months before the renewal-by date, itself 6 months before expiry (licence_rules)
    assert all(AS_OF.isoformat() <= x.expires_on <= "2027-07-15" for x in data.expiring)
    assert len(data.expiring) == 14  # days 0, 20, …, 260
    assert all(x.renew_by == months_before(date.fromisoformat(x.expires_on), 6).isoformat()
               for x in data.expiring)


def test_jurisdiction_scope_includes_the_high_tech_zone(store):
    data = quarterly_data(store.db, 2026, 3, "421202", as_of=AS_OF)
    assert {r.key for r in data.by_jurisdiction} <= {"421202", "421202-HTZ"}
    assert (data.total.passed, data.total.failed) == sql_rate(
        store.db, "2026-07-01", "2026-09-30", ["421202", "421202-HTZ"])


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_pdf_and_spreadsheet(store, tmp_path):
    data = quarterly_data(store.db, 2026, 3, as_of=AS_OF)
    pdf, xlsx = tmp_path / "r.pdf", tmp_path / "r.xlsx"
    render_quarterly(data, DocSettings(), pdf)
    write_quarterly_xlsx(data, xlsx)
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                             text=True, check=True).stdout)
    for s in ("咸宁市2026年第三季度", "产品质量状况分析报告", "监督抽查合格率＝本期监督抽查检验合格的样品数",
              "分地区监督抽查合格率", "分行业监督抽查合格率", "近八个季度", "目标95%", "主要不合格项目",
              "整改情况", "500家目标",
              "示范企业", "生产许可证到期预警", "咸安区", "咸宁高新区", "苎麻纺织"):
        assert s in text, s
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout.splitlines()[2:]
    if all(c.embedded for c in font_roles().values()):
        assert fonts and all(line.split()[-5] == "yes" for line in fonts)  # charts included
    rate = f"{data.total.passed / data.total.tested * 100:.1f}%"
    assert f"合格率为{rate}" in text
    wb = openpyxl.load_workbook(xlsx)
    sheets = {"分地区合格率", "分行业合格率", "季度走势", "不合格产品", "逾期整改", "示范企业", "许可证到期"}
    assert sheets <= set(wb.sheetnames)
    ws = wb["分地区合格率"]
    assert [c.value for c in ws[1]][:3] == ["代码", "名称", "有结论样品"]
    codes = [r[0].value for r in ws.iter_rows(min_row=2)]
    assert "421202" in codes and all(isinstance(c, str) for c in codes[:-1])
    assert codes[-1] is None  # 合计: no code of its own (s8 C1)
    assert wb["不合格产品"].max_row == data.total.failed + 1


def test_cli_report_and_errors(store, tmp_path, capsys):
    out, xlsx = tmp_path / "q.pdf", tmp_path / "q.xlsx"
    rc = main(["report", "quarterly", "--db", str(store.path), "--period", "2026Q3", "--out", str(out),
               "--xlsx", str(xlsx)])
    assert rc == 0 and out.stat().st_size > 1000 and xlsx.is_file()
    rc = main(["report", "quarterly", "--db", str(store.path), "--period", "2026-3", "--out", str(out)])
    err = capsys.readouterr().err.strip()
    assert rc != 0 and len(err.splitlines()) == 1 and "2026Q3" in err
    rc = main(["report", "quarterly", "--db", str(store.path), "--period", "2026Q3", "--jurisdiction",
               "999999", "--out", str(out)])
    assert rc != 0 and len(capsys.readouterr().err.strip().splitlines()) == 1
    rc = main(["report", "quarterly", "--db", str(store.path), "--period", "2026q3", "--jurisdiction",
               "赤壁", "--out", str(out)])
    assert rc == 0
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "赤壁市2026年第三季度" in text


def test_empty_store_and_sparse_trend(tmp_path):
    """A county with no results yet, or a single quarter of data, still gives a report."""
    empty = Store.open(tmp_path / "empty.db")
    data = quarterly_data(empty.db, 2026, 3, as_of=AS_OF)
    assert data.total.rate is None
    render_quarterly(data, DocSettings(), tmp_path / "e.pdf")
    write_quarterly_xlsx(data, tmp_path / "e.xlsx")
    sparse = build_store(tmp_path / "sparse.db", visits=30, seed=3)
    for q in (1, 2, 3, 4):
        data = quarterly_data(sparse.db, 2024, q, as_of=AS_OF)
        render_quarterly(data, DocSettings(), tmp_path / f"{q}.pdf")
    empty.close()
    sparse.close()
