"""The 500-enterprise target counts enterprises in quality improvement. An enterprise filed by two
offices with the same 统一社会信用代码 is one record at the city: the merge files the second under
the first (duplicate_uscc, exchange_alias) and a unique index holds the rest. But the merge compares
codes as stored: a package carrying the code spelled otherwise (lower case, a stray space) adds a
second file of the enterprise, which is then warned as 信用代码重复, one row per record naming the
other; nothing is merged or deleted."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from exchange_fixtures import edit_cells, export_to, merge

from qcdesk.models.dashboard_queries import dashboard_figures
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.records import Enterprise, Inspector, Visit
from qcdesk.models.store import Store
from qcdesk.models.warnings import count_warnings, early_warnings, warning_counts

TODAY = date(2026, 10, 15)
USCC = "91421281MA4KL5FE07"
COUNTY = "AAAAAAAAAAAAAAAA"


def _county_package(tmp_path: Path) -> Path:
    """赤壁 files the enterprise (in quality improvement) and visits it, and sends both."""
    county = Store.memory("赤壁")
    e = save_enterprise(county, Enterprise(uscc=USCC, name="赤壁羊楼洞茶业", jurisdiction_code="421281",
                                           in_improvement=1))
    team = [save_inspector(county, Inspector(name=n, cert_no=c, jurisdiction_code="421281")).uuid
            for n, c in (("王磊", "42120001"), ("李娜", "42120002"))]
    save_visit(county, VisitBundle(Visit(enterprise_id=e.id, visit_date="2026-09-18", kind="special",
                                         inspectors=team, status="done", summary="日常检查")))
    path = tmp_path / "chibi.xlsx"
    export_to(county, path, COUNTY)
    return path


def _city() -> Store:
    city = Store.memory("市质强办")
    save_enterprise(city, Enterprise(uscc=USCC, name="赤壁市羊楼洞茶业有限公司", jurisdiction_code="421281",
                                     in_improvement=1))
    return city


def test_the_same_code_from_two_offices_is_one_enterprise_at_the_city(tmp_path: Path) -> None:
    city = _city()
    result = merge(city, _county_package(tmp_path), COUNTY)
    assert [c["reason"] for c in result.conflicts] == ["duplicate_uscc"]  # kept for the clerk to compare
    [(eid, name)] = city.db.execute("SELECT id, name FROM enterprise WHERE deleted_at IS NULL").fetchall()
    assert name == "赤壁市羊楼洞茶业有限公司"
    assert city.db.execute("SELECT enterprise_id FROM visit").fetchall() == [(eid,)]  # filed under it
    assert dashboard_figures(city, TODAY, with_risk=False).in_improvement == 1
    assert not [w for w in early_warnings(city, TODAY) if w.kind == "uscc_duplicate"]


def test_a_code_spelled_otherwise_is_warned_on_both_records(tmp_path: Path) -> None:
    path = _county_package(tmp_path)
    edit_cells(path, "企业", {(2, "统一社会信用代码"): "91421281ma4kl5fe07 ", (2, "内容哈希"): None})
    city = _city()
    merge(city, path, COUNTY)
    assert dashboard_figures(city, TODAY, with_risk=False).in_improvement == 2  # counted twice
    found = {w.uscc: w for w in early_warnings(city, TODAY) if w.kind == "uscc_duplicate"}
    assert set(found) == {USCC, "91421281ma4kl5fe07 "}
    ours = found[USCC]
    assert (ours.kind_label, ours.enterprise_name, ours.jurisdiction_name) == (
        "信用代码重复", "赤壁市羊楼洞茶业有限公司", "赤壁市")
    assert ours.reason == (
        f"统一社会信用代码{USCC}与另1条企业记录的代码只是写法不同（大小写、空格、连字符或全角）："
        "赤壁羊楼洞茶业（赤壁市，代码写作“91421281ma4kl5fe07 ”）。同一企业只应有一份质量档案，"
        "参与质量提升的企业数等因此可能多算：请核实是否为同一企业；是的，保留一份，另一份取消"
        "“参与质量提升活动”并在备注中注明（系统不会自动合并或删除）")
    assert "赤壁市羊楼洞茶业有限公司 (赤壁市, code written “91421281MA4KL5FE07”)" in \
        found["91421281ma4kl5fe07 "].reason_text("en")
    assert count_warnings(city, TODAY, refresh=False) == warning_counts(early_warnings(city, TODAY))
    assert not [w for w in early_warnings(city, TODAY, jurisdiction="421221") if w.kind == "uscc_duplicate"]
    assert city.db.execute("SELECT count(*) FROM enterprise WHERE deleted_at IS NULL").fetchone()[0] == 2
