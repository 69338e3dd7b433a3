"""A reprint at an office that first received the firm after the paper was made says that its
people are today's file (review rr-data F7).

Before: an inspector's visit (contact 王老板, legal representative 王大法), then the contact changed
to 李新 / 李新法, both in one package to county B, which never had the firm: B's reprinted 现场检查笔录
and 抽样单 printed 李新 / 李新法 with nothing to tell a reader, while the inspector and county A (which
had the firm before the change) printed 王老板 / 王大法. No state of the firm is logged at B before
the visit's time, so record_as_of falls back to the current row. Now such a reprint carries
注：当事人信息为打印时的档案信息 (and says when the inspectors are today's too); the inspector's
and county A's reprints, which print the logged state, carry none."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from exchange_fixtures import export_to, merge

from qcdesk.export.pdf.documents import render_record
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Enterprise, Inspector, Sample, Visit
from qcdesk.models.store import Store

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")

NOTE = "当事人信息为打印时的档案信息"


def printed(store: Store, kind: str, uuid: str, tmp_path: Path) -> str:
    out = tmp_path / f"{kind}-{id(store)}.pdf"
    render_record(store.db, kind, uuid, out)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    return re.sub(r"\s+", "", text)


def test_a_reprint_of_people_from_todays_file_says_so(tmp_path: Path) -> None:
    inspector, county_a, county_b = Store.memory("甲"), Store.memory("县A"), Store.memory("县B")
    county_c = Store.memory("县C")
    firm = save_enterprise(inspector, Enterprise(
        uscc="91421221MA4E3XHX15", name="嘉鱼县恒达管业有限公司", jurisdiction_code="421221",
        legal_representative="王大法", contact_name="王老板", contact_phone="13800000001"))
    crew = [save_inspector(inspector, Inspector(name=name, cert_no=cert, jurisdiction_code="421221"))
            for name, cert in (("夏英霞", "42122120160001"), ("杨桂磊", "42122120160002"))]
    time.sleep(0.01)
    visit = save_visit(inspector, VisitBundle(
        Visit(enterprise_id=firm.id, visit_date="2026-11-20", kind="spot_check",
              inspectors=[c.uuid for c in crew]),
        [Sample(product_name="PVC管材", sampled_on="2026-11-20", result="pass",
                samplers=["夏英霞", "杨桂磊"])], []))
    export_to(inspector, tmp_path / "1.xlsx", "A" * 16)
    merge(county_a, tmp_path / "1.xlsx", "A" * 16)  # county A has the firm before the change
    merge(county_c, tmp_path / "1.xlsx", "A" * 16)  # and county C gets nothing later
    time.sleep(0.01)
    firm = fetch_record(inspector, Enterprise, firm.id)
    firm.contact_name, firm.contact_phone, firm.legal_representative = "李新", "13800000002", "李新法"
    save_enterprise(inspector, firm)
    renewed = fetch_record(inspector, Inspector, crew[1].id)
    renewed.cert_no = "42122120269002"  # 执法证 renewed after the visit
    save_inspector(inspector, renewed)
    export_to(inspector, tmp_path / "2.xlsx", "A" * 16)
    merge(county_a, tmp_path / "2.xlsx", "A" * 16)
    merge(county_b, tmp_path / "2.xlsx", "A" * 16)  # county B's first package

    v_uuid, s_uuid = visit.visit.uuid, visit.samples[0].uuid
    # the visit's day, from the log (inspector, county A) or unchanged since (county C): no note
    for store in (inspector, county_a, county_c):
        for kind, uuid in (("visit", v_uuid), ("sample", s_uuid)):
            text = printed(store, kind, uuid, tmp_path)
            assert "王老板" in text and "王大法" in text and "李新" not in text
            assert "42122120160002" in text and "42122120269002" not in text
            assert "打印时的档案信息" not in text
    for kind, uuid in (("visit", v_uuid), ("sample", s_uuid)):
        text = printed(county_b, kind, uuid, tmp_path)
        assert "李新" in text and "42122120269002" in text  # all county B can print
        assert f"注：{NOTE}，执法人员信息亦同" in text, text  # the renewed 执法证 too
