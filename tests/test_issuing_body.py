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
from qcdesk.models.document_data import DocSettings, issuing_settings
from qcdesk.models.jurisdictions import BUREAUS, bureau_numbering
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
