"""A draw leaves out only what SAMR order No. 18 forbids: the same product checked by the same
bureau within 6 months, follow-up checks excepted (draw pool rule 3). At the city, the merged
county checks no longer empty the city's draw; the output names each enterprise left out and why."""

from __future__ import annotations

import json
from datetime import date

import pytest

from qcdesk.cli import main
from qcdesk.models.draw import DrawParameters, commit_draw, find_draw, make_draw, verify_draw
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Enterprise, Inspector, Sample, Visit
from qcdesk.models.rectifications import order_rectification
from qcdesk.models.store import Store

pytestmark = pytest.mark.usefixtures("draw_today_fixed")  # its draws are dated 2026 (conftest)

DAY = date(2026, 11, 30)
ALL = dict.fromkeys("ABCD", "1")
CITY, COUNTY = "咸宁市市场监督管理局", "赤壁市市场监督管理局"
FIRMS = {  # name: code; all 赤壁市, industry 砖茶
    "县局查过厂": "91421281MA4KL5FE07",  # 赤壁市's own check of 青砖茶: not the city's
    "市局查过厂": "92421281MA4C3FYL02",  # the city's check of 米砖茶: left out
    "查过别的产品厂": "93421281MA4NECRW8W",  # the city's check of 桑葚酒: not a 砖茶 product
    "跟踪抽查厂": "91421224MA4CJGYT6P",  # the city's follow-up spot check (linked to an order)
    "外来无组织单位厂": "91421223MA4059AK31",  # imported, no organiser, 赤壁 inspectors
    "外来市局人员厂": "91421202MA4AEDKU8T",  # imported, no organiser, the city's inspectors
    "本地无组织单位厂": "91421221MA4E3XHX15",  # entered here, no organiser: this desk's check
}


def _ids(store: Store) -> dict[str, int]:
    return dict(store.db.execute("SELECT name, id FROM enterprise").fetchall())


def _check(store: Store, name: str, product: str, organiser: str, inspectors: list[str],
           day: str = "2026-09-01", result: str = "pass", rectification_id: int | None = None) -> Visit:
    bundle = save_visit(store, VisitBundle(
        Visit(enterprise_id=_ids(store)[name], visit_date=day, status="done", inspectors=inspectors),
        [Sample(product_name=product, organiser=organiser, result=result,
                failed_items="茶多酚" if result == "fail" else "")]))
    if rectification_id:  # as an older QCDesk saved it or a package brings it (a save now refuses it)
        store.db.execute("UPDATE visit SET rectification_id = ? WHERE id = ?",
                         [rectification_id, bundle.visit.id])
    return bundle.visit


@pytest.fixture
def city(store: Store) -> Store:
    for name, uscc in FIRMS.items():
        save_enterprise(store, Enterprise(uscc=uscc, name=name, jurisdiction_code="421281", industry="砖茶",
                                          main_products="青砖茶、米砖茶"))
    county = [save_inspector(store, Inspector(name=n, jurisdiction_code="421281")).uuid
              for n in ("王磊", "李娜")]
    town = [save_inspector(store, Inspector(name=n, jurisdiction_code="421200")).uuid
            for n in ("张伟", "刘洋")]
    _check(store, "县局查过厂", "青砖茶", COUNTY, county)
    _check(store, "市局查过厂", "米砖茶", CITY, county)  # a city task carried out by county staff
    _check(store, "查过别的产品厂", "桑葚酒", CITY, town)
    failed = _check(store, "跟踪抽查厂", "青砖茶", COUNTY, county, day="2026-03-01", result="fail")
    sample = store.db.execute("SELECT id FROM sample WHERE visit_id = ?", [failed.id]).fetchone()
    order = order_rectification(store, visit=failed, requirement="整改", ordered_on="2026-03-05",
                                sample=fetch_record(store, Sample, sample[0]), today=DAY)
    _check(store, "跟踪抽查厂", "青砖茶", CITY, town, day="2026-10-01", rectification_id=order.id)
    for name, staff in (("外来无组织单位厂", county), ("外来市局人员厂", town)):
        visit = _check(store, name, "青砖茶", "", staff)
        store.db.execute("UPDATE visit SET origin = 'RWQkey42' WHERE id = ?", [visit.id])  # merged
    _check(store, "本地无组织单位厂", "青砖茶", "", county)
    return store


def _pool_names(store: Store, uuids: list[str]) -> set[str]:
    return {r[0] for r in store.db.execute(
        "SELECT name FROM enterprise WHERE uuid IN (SELECT value FROM json_each(?))", [json.dumps(uuids)])}


def test_the_city_draw_leaves_out_only_the_city_checks_of_the_industry(
        city: Store, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["draw", "--db", str(city.path), "--seed", "20261130", "--jurisdiction", "赤壁市",
            "--industry", "砖茶", "--date", "2026-11-30"]
    assert main([*args, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    left_out = {e["name"]: e for e in out["excluded_recent"]}
    assert set(left_out) == {"市局查过厂", "外来市局人员厂", "本地无组织单位厂"}
    assert out["pool_size"] == 4 and out["excluded"] == 3
    assert left_out["市局查过厂"] == {**left_out["市局查过厂"], "visit_date": "2026-09-01",
                                    "product": "米砖茶", "organiser": CITY}
    assert out["parameters"]["bureau"] == CITY
    assert main(args) == 0
    captured = capsys.readouterr()
    assert "不参加：市局查过厂（2026年9月1日经咸宁市市场监督管理局抽查“米砖茶”）" in captured.out
    assert "县局查过厂" not in captured.out.split("抽中")[0]
    assert "6个月内经咸宁市市场监督管理局抽查过“砖茶”行业的产品" in captured.err
    assert "跟踪抽查和复查不计" in captured.err


def test_the_county_draw_leaves_out_its_own_check_and_the_draw_verifies(city: Store) -> None:
    city.set_setting("doc.org_name", COUNTY)  # the same data at 赤壁市's desk
    params = DrawParameters(jurisdiction="421281", industry="砖茶", ratios=ALL)
    result = make_draw(city, seed="1", params=params, as_of=DAY)
    assert _pool_names(city, list(result.pool.recent)) == {
        "县局查过厂", "外来无组织单位厂", "本地无组织单位厂"}
    result.record.operator, result.record.witnesses = "王科长", ["李四"]
    stored = commit_draw(city, result)
    city.set_setting("doc.org_name", CITY)  # verified at the city: the record's own bureau rules
    assert verify_draw(city, find_draw(city, stored.uuid)) == []


def test_a_product_draw_leaves_out_that_product_only(city: Store) -> None:
    params = DrawParameters(jurisdiction="421281", product="青砖茶", ratios=ALL)
    result = make_draw(city, seed="1", params=params, as_of=DAY)
    assert _pool_names(city, list(result.pool.recent)) == {"外来市局人员厂", "本地无组织单位厂"}
    assert _pool_names(city, [u for u, _c in result.pool.enterprises]) == {
        "县局查过厂", "市局查过厂", "查过别的产品厂", "跟踪抽查厂", "外来无组织单位厂"}


def test_the_dialog_names_each_enterprise_left_out(qtbot, chinese: None, city: Store, paths) -> None:  # noqa: ANN001
    from qcdesk.ui.draw_dialog import DrawDialog

    dialog = DrawDialog(city, paths, today=DAY)
    qtbot.addWidget(dialog)
    dialog.jurisdiction.setCurrentIndex(dialog.jurisdiction.findData("421281"))
    dialog.industry.setCurrentIndex(dialog.industry.findData("砖茶"))
    dialog.seed.setText("20261130")
    assert dialog.preview()
    text = dialog.summary.text()
    assert "市局查过厂（2026年9月1日经咸宁市市场监督管理局抽查“米砖茶”）" in text
    assert "6个月内经咸宁市市场监督管理局抽查过“砖茶”行业的产品" in text
    assert "县局查过厂" not in text and "跟踪抽查厂" not in text
