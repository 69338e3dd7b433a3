"""A notice is headed, signed and re-checked in the name of the bureau that numbered it.

The city office holds its counties' orders (imported, numbered 通城市监质改〔…〕): printing one
again must not put the city bureau's name above a county's number."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from qcdesk.cli import main
from qcdesk.models.document_data import DocSettings
from qcdesk.models.jurisdictions import BUREAUS, bureau_numbering
from qcdesk.models.paper_issuer import issuing_settings
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Enterprise, Rectification, Visit
from qcdesk.models.store import Store

CITY = "咸宁市市场监督管理局"


def test_each_bureau_numbers_its_notices_with_its_own_prefix() -> None:
    """Another bureau's prefix on a notice is another bureau's 文号 (and collides in the duplicate
    number check): the prefixes are pinned, and each number leads back to its own bureau."""
    assert {code: (b.notice_prefix, b.recheck_prefix) for code, b in BUREAUS.items()} == {
        "421200": ("咸市监质改", "咸市监质复"), "421202": ("咸安市监质改", "咸安市监质复"),
        "421221": ("嘉市监质改", "嘉市监质复"), "421222": ("通城市监质改", "通城市监质复"),
        "421223": ("崇市监质改", "崇市监质复"), "421224": ("通山市监质改", "通山市监质复"),
        "421281": ("赤市监质改", "赤市监质复"), "421202-HTZ": ("咸高新市监质改", "咸高新市监质复")}
    for bureau in BUREAUS.values():
        assert bureau_numbering(f"{bureau.notice_prefix}〔2026〕3号") is bureau


def test_the_bureau_that_numbered_a_notice_issues_it() -> None:
    city = DocSettings()
    county = issuing_settings(city, "通城市监质改〔2024〕2号")
    assert (county.org_name, county.notice_prefix, county.recheck_prefix) == (
        "通城县市场监督管理局", "通城市监质改", "通城市监质复")
    assert issuing_settings(city, "咸安市监质改〔2024〕9号").org_name == "咸宁市咸安区市场监督管理局"
    assert issuing_settings(city, "咸市监质改〔2024〕1号") == city  # this office's own number
    assert issuing_settings(city, "") == city  # not numbered yet: this office numbers it
    assert issuing_settings(city, "鄂市监质改〔2024〕1号") == city  # nobody known: as before


pdf = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


def text_of(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


@pdf
def test_a_countys_notice_printed_at_the_city_carries_the_countys_name(tmp_path: Path) -> None:
    path = tmp_path / "city.db"
    store = Store.open(path, author="city")
    e = insert_record(store, Enterprise(uscc="91421222MA4E3XHX1X", name="通城县某磨具有限公司",
                                        jurisdiction_code="421222"))
    v = insert_record(store, Visit(enterprise_id=e.id, visit_date="2024-11-20", kind="spot_check"))
    county = insert_record(store, Rectification(
        enterprise_id=e.id, visit_id=v.id, requirement="整改标签标识。", rule_set="samr18",
        ordered_on="2024-12-01", deadline="2025-01-30", recheck_due="2025-02-14", status="open",
        notice_no="通城市监质改〔2024〕2号"))
    own = insert_record(store, Rectification(
        enterprise_id=e.id, visit_id=v.id, requirement="整改出厂检验。", rule_set="samr18",
        ordered_on="2024-12-02", deadline="2025-01-31", recheck_due="2025-02-15", status="open",
        notice_no="咸市监质改〔2024〕7号"))
    store.close()
    for kind in ("notice", "recheck"):
        out = tmp_path / f"{kind}.pdf"
        assert main(["doc", kind, str(county.id), "--db", str(path), "--out", str(out)]) == 0
        text = text_of(out)
        assert "通城县市场监督管理局" in text and CITY not in text, kind
    assert "通城市监质复〔" in text_of(tmp_path / "recheck.pdf")  # numbered by the same bureau
    out = tmp_path / "own.pdf"
    assert main(["doc", "notice", str(own.id), "--db", str(path), "--out", str(out)]) == 0
    assert CITY in text_of(out) and "通城县市场监督管理局" not in text_of(out)


@pdf
def test_an_order_not_numbered_yet_follows_the_crew_that_found_the_failure(
        store: Store, tmp_path: Path) -> None:
    """Review (documents): at the city, a 赤壁 crew's order received without a 文号 was printed
    as the city's (咸市监质改〔2026〕＿＿号), its 抽样单 changed its organising body to the city
    once the order existed, and its 公示 row named the city. Every paper of such a case now speaks
    for the crew's bureau, 赤壁, as the 抽样单 did before the order; an order made here stays
    this office's, whose registry will number it."""
    import openpyxl

    from qcdesk.models.inspections import VisitBundle, save_visit
    from qcdesk.models.records import Sample
    from qcdesk.models.rectifications import order_rectification
    from tests.test_domain import make_enterprise, make_inspectors

    crew = [i.uuid for i in make_inspectors(store)]  # 赤壁's inspectors
    check = save_visit(store, VisitBundle(
        Visit(enterprise_id=make_enterprise(store).id, visit_date="2026-10-10", status="done",
              inspectors=crew),
        [Sample(product_name="米砖茶", result="fail", failed_items="水分", samplers=["王磊", "李娜"],
                result_notified_on="2026-10-20")]))
    rect = order_rectification(store, visit=check.visit, sample=check.samples[0],
                               requirement="整改水分超标。", ordered_on="2026-11-05", rule_set="samr18")
    assert rect.notice_no == ""
    db = str(store.path)
    out = tmp_path / "here.pdf"  # made here: this office's registry numbers it, as its advice says
    assert main(["doc", "notice", str(rect.id), "--db", db, "--out", str(out)]) == 0
    assert CITY in text_of(out) and "咸市监质改〔2026〕＿＿号" in text_of(out)
    for kind, ident in (("sample", check.samples[0].id), ("visit", check.visit.id)):  # signed in
        out = tmp_path / f"here-{kind}.pdf"  # the field: the crew's bureau, order or not
        assert main(["doc", kind, str(ident), "--db", db, "--out", str(out)]) == 0
        assert "赤壁市市场监督管理局" in text_of(out) and CITY not in text_of(out), kind
    with store.transaction():  # as the city holds it: received in 赤壁's package
        store.db.execute("UPDATE rectification SET origin = 'A1A1A1A1A1A1A1A1' WHERE id = ?", [rect.id])
    for kind, ident in (("notice", rect.id), ("sample", check.samples[0].id),
                        ("visit", check.visit.id), ("recheck", rect.id)):
        out = tmp_path / f"{kind}.pdf"
        assert main(["doc", kind, str(ident), "--db", db, "--out", str(out)]) == 0
        text = text_of(out)
        assert "赤壁市市场监督管理局" in text and CITY not in text, kind
    assert "赤市监质改〔2026〕" in text_of(tmp_path / "notice.pdf")
    out = tmp_path / "公示.xlsx"
    assert main(["publish", "--db", db, "--from", "2026-10-01", "--to", "2026-10-31",
                 "--out", str(out)]) == 0
    rows = list(openpyxl.load_workbook(out)["公示"].iter_rows(min_row=2, values_only=True))
    assert [r[4] for r in rows] == ["赤壁市市场监督管理局"]
