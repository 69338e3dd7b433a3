"""A reprinted paper names the party that was on it, whatever the laptop's clock did (review r1 B4).

Before: the firm's 法定代表人 changed 曾春婷 → 赵旧人 → 钱当时 (clock right); the clock fell back to
2019 and a visit was saved and its 现场检查笔录 printed naming 钱当时; the clock was put right and
the representative became 孙后来. The reprint named 曾春婷, the state before every change, with no
note: the paper's moment was its wall-clock stamp compared with the audit log's wall-clock times.
A visit saved while the clock ran ahead reprinted the later 孙后来 as the paper's. Now the paper's
moment is its save's place in this database's audit log (ordered by seq), so both reprints name
钱当时, as the paper printed that day did. Each step runs in its own process under faketime, so
the app's stamps and SQLite's audit times both see the wrong clock, as on the laptop."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from qcdesk.export.pdf.documents import render_record
from qcdesk.models.document_data import notice_doc
from qcdesk.models.store import Store

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("faketime") is None,
                                reason="poppler-utils or faketime missing")

STEP = r'''
import json, re, subprocess, sys
from qcdesk.export.pdf.documents import render_record
from qcdesk.models.enterprises import enterprise_licences, save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Enterprise, Inspector, Sample, Visit
from qcdesk.models.rectifications import order_rectification
from qcdesk.models.store import Store

db, step, arg = sys.argv[1], sys.argv[2], sys.argv[3]
store = Store.open(db, author="test-inspector")
out = {}
if step == "firm":
    firm = save_enterprise(store, Enterprise(
        uscc="91421223MA4059AK31", name="崇阳县宇辉食品科技有限公司", jurisdiction_code="421223",
        legal_representative=json.loads(arg)[0]))
    save_inspector(store, Inspector(name="夏英霞", cert_no="42122320160001", jurisdiction_code="421223"))
    save_inspector(store, Inspector(name="杨桂磊", cert_no="42122320160002", jurisdiction_code="421223"))
    out["firm"] = firm.id
if step in ("firm", "rep"):
    for name in json.loads(arg)[1 if step == "firm" else 0:]:
        firm = fetch_record(store, Enterprise, 1)
        firm.legal_representative = name
        save_enterprise(store, firm, enterprise_licences(store, 1))
if step == "visit":
    crew = [r[0] for r in store.db.execute("SELECT uuid FROM inspector ORDER BY id")]
    saved = save_visit(store, VisitBundle(
        Visit(enterprise_id=1, visit_date=arg, kind="spot_check", inspectors=crew),
        [Sample(product_name="桂花糕", sampled_on=arg, result="fail", failed_items="菌落总数",
                samplers=["夏英霞", "杨桂磊"])], []))
    order = order_rectification(store, visit=saved.visit, requirement="停止销售同批次产品并整改",
                                ordered_on=arg, rule_set="samr18", sample=saved.samples[0], today=None)
    render_record(store.db, "visit", saved.visit.id, db + ".day.pdf")  # the paper printed that day
    out.update(visit=saved.visit.id, sample=saved.samples[0].id, order=order.id)
store.close()
print(json.dumps(out))
'''


def step(tmp_path: Path, clock: str, name: str, arg: object) -> dict:
    """One step of the user's, in its own process with the laptop's clock at `clock` (UTC)."""
    script = tmp_path / "step.py"
    script.write_text(STEP, encoding="utf-8")
    done = subprocess.run(
        ["faketime", clock, sys.executable, str(script), str(tmp_path / "qcdesk.db"), name,
         arg if isinstance(arg, str) else json.dumps(arg, ensure_ascii=False)],
        capture_output=True, text=True, env={**os.environ, "TZ": "UTC"})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return re.sub(r"\s+", "", text)


def reprint(tmp_path: Path, kind: str, ident: int) -> str:
    store = Store.open(tmp_path / "qcdesk.db", author="test-inspector")
    try:
        out = tmp_path / f"re-{kind}.pdf"
        render_record(store.db, kind, ident, out)
        return pdf_text(out)
    finally:
        store.close()


def check(tmp_path: Path, ids: dict, wanted: str, others: tuple[str, ...]) -> None:
    day = pdf_text(tmp_path / "qcdesk.db.day.pdf")  # the paper as printed that day
    assert wanted in day and not any(name in day for name in others), day[:400]
    for kind in ("visit", "sample"):
        text = reprint(tmp_path, kind, ids[kind])
        assert wanted in text, f"the reprinted {kind} lost {wanted}: {text[:400]}"
        for name in others:
            assert name not in text, f"the reprinted {kind} names {name}, never on the paper"
        assert "打印时的档案信息" not in text, text
    store = Store.open(tmp_path / "qcdesk.db", author="test-inspector")
    try:  # the 责令整改通知书 issued on the visit: its party as on the day it was issued
        assert notice_doc(store.db, ids["order"]).enterprise.legal_representative == wanted
    finally:
        store.close()


def test_a_paper_saved_while_the_clock_was_behind_reprints_its_party(tmp_path: Path) -> None:
    step(tmp_path, "2026-11-29 01:00:00", "firm", ["曾春婷", "赵旧人", "钱当时"])
    ids = step(tmp_path, "2019-06-01 01:00:00", "visit", "2019-06-01")  # the clock fell back
    step(tmp_path, "2026-12-02 01:00:00", "rep", ["孙后来"])  # the clock put right
    check(tmp_path, ids, "钱当时", ("曾春婷", "赵旧人", "孙后来"))


def test_a_paper_saved_while_the_clock_ran_ahead_reprints_its_party(tmp_path: Path) -> None:
    step(tmp_path, "2026-11-29 01:00:00", "firm", ["曾春婷", "钱当时"])
    ids = step(tmp_path, "2027-06-01 01:00:00", "visit", "2026-11-30")  # the clock a year ahead
    step(tmp_path, "2026-12-02 01:00:00", "rep", ["孙后来"])  # put right, then a change
    check(tmp_path, ids, "钱当时", ("曾春婷", "孙后来"))
