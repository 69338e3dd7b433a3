"""`qcdesk doc …` on a real store: documents from records, gaps, unknown ids, no risk class."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from qcdesk.cli import main
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Enterprise, Finding, Inspector, Rectification, Sample, Visit
from qcdesk.models.store import Store

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


def text_of(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> tuple[Path, dict]:
    path = tmp_path_factory.mktemp("cli") / "qc.db"
    store = Store.open(path, author="test")
    cols = {c.name for c in store.db["enterprise"].columns}
    if "risk_class" not in cols:
        store.db.execute("ALTER TABLE enterprise ADD COLUMN risk_class TEXT")
    a = insert_record(store, Inspector(name="张三", cert_no="42120001", jurisdiction_code="421200"))
    b = insert_record(store, Inspector(name="李四", cert_no="42120002", jurisdiction_code="421200"))
    e = insert_record(store, Enterprise(uscc="91421221MA4E3XHX15", name="嘉鱼县某管业有限公司",
                                        jurisdiction_code="421221", address="嘉鱼县工业园1号",
                                        legal_representative="赵六", industry="管材"))
    store.db.execute("UPDATE enterprise SET risk_class = 'D' WHERE id = ?", [e.id])
    v = insert_record(store, Visit(enterprise_id=e.id, visit_date="2026-08-03", kind="spot_check",
                                   inspectors=[a.uuid, b.uuid], summary="检查了原料库和生产线。",
                                   conclusion="抽样一批次。", status="done"))
    s = insert_record(store, Sample(visit_id=v.id, product_name="PE给水管", spec_model="dn110×6.6",
                                    samplers=[a.uuid, b.uuid], sampled_on="2026-08-03", result="fail",
                                    failed_items="静液压强度", task_no="HB-2026-77"))
    bare = insert_record(store, Sample(visit_id=v.id, product_name="PPR管"))
    f = insert_record(store, Finding(visit_id=v.id, description="出厂检验记录缺失", severity="major"))
    r2 = insert_record(store, Visit(enterprise_id=e.id, visit_date="2026-11-10", kind="recheck",
                                    inspectors=[a.uuid, b.uuid], summary="核查整改报告和新批次检验报告。",
                                    status="done"))
    rect = insert_record(store, Rectification(
        enterprise_id=e.id, visit_id=v.id, sample_id=s.id, finding_id=f.id,
        requirement="查明原因，整改工艺。",
        rule_set="samr18", ordered_on="2026-08-20", deadline="2026-10-19", recheck_due="2026-11-03",
        status="closed", recheck_visit_id=r2.id, notice_no="嘉市监质改〔2026〕5号"))
    store.set_setting("doc.org_name", "嘉鱼县市场监督管理局")
    store.close()
    return path, {"visit": v, "sample": s, "bare": bare, "rect": rect, "recheck_visit": r2}


@pytest.mark.parametrize(("kind", "key", "expect"), [
    ("visit", "visit", ["现场检查笔录", "嘉鱼县某管业有限公司", "张三", "42120001", "PE给水管",
                        "出厂检验记录缺失"]),
    ("sample", "sample", ["抽样单", "PE给水管", "dn110×6.6", "HB-2026-77", "91421221MA4E3XHX15"]),
    ("notice", "rect", ["责令整改通知书", "嘉鱼县市场监督管理局", "嘉市监质改〔2026〕5号", "静液压强度",
                        "2026年10月19日"]),
    ("recheck", "rect", ["复查意见书", "复查合格", "核查整改报告", "嘉市监质改〔2026〕5号"]),
])
def test_doc_command(db, tmp_path, kind, key, expect, capsys):
    path, recs = db
    for ident in (str(recs[key].id), recs[key].uuid):
        out = tmp_path / f"{kind}.pdf"
        assert main(["doc", kind, ident, "--db", str(path), "--out", str(out)]) == 0
        text = text_of(out)
        for s in expect:
            assert s in text, s
        # The risk class is internal: never on a document handed to the enterprise.
        assert "风险" not in text and "分类监管" not in text and "D类" not in text and "D级" not in text


def test_recheck_by_recheck_visit_id(db, tmp_path):
    path, recs = db
    out = tmp_path / "r.pdf"
    assert main(["doc", "recheck", recs["recheck_visit"].uuid, "--db", str(path), "--out", str(out)]) == 0
    assert "复查意见书" in text_of(out)


def test_sparse_sample_prints_gaps(db, tmp_path):
    path, recs = db
    out = tmp_path / "bare.pdf"
    assert main(["doc", "sample", str(recs["bare"].id), "--db", str(path), "--out", str(out)]) == 0
    text = text_of(out)
    assert "PPR管" in text and "（未填写）" in text


def test_unknown_id_and_missing_db(db, tmp_path, capsys):
    path, _ = db
    out = tmp_path / "x.pdf"
    assert main(["doc", "notice", "99999", "--db", str(path), "--out", str(out)]) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "99999" in err and "Traceback" not in err
    assert not out.exists()
    assert main(["doc", "visit", "no-such-uuid", "--db", str(path), "--out", str(out)]) != 0
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert main(["doc", "visit", "1", "--db", str(tmp_path / "none.db"), "--out", str(out)]) != 0
    assert "数据库文件不存在" in capsys.readouterr().err


def test_unwritable_output_is_one_line(db, tmp_path, capsys):
    path, recs = db
    blocker = tmp_path / "file"
    blocker.write_text("x")
    out = blocker / "sub" / "notice.pdf"  # a folder cannot be made inside a file
    assert main(["doc", "notice", str(recs["rect"].id), "--db", str(path), "--out", str(out)]) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "无法写入" in err


def test_period_forms():
    from qcdesk.cli_docs import parse_period

    assert parse_period("2026Q3") == parse_period("2026-q3") == parse_period(" 2026 Q3 ") == (2026, 3)
