"""A demonstration zone entered by two offices (two counties, or a county and the city) is two
records in the city's merged database, and the 5–10 target's count took both. Such records are
warned as 示范区（项目）疑似重复 — same kind, same name once full/half width, spaces and brackets
are set aside, nothing more forgiven — one row per record naming the other, and wherever the
count is shown against the target (dashboard tile, zones page, quarterly report) it says how many
of them look duplicated. Nothing is merged or deleted: deleting the extra one clears it all."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from exchange_fixtures import export_to, merge
from pytestqt.qtbot import QtBot

from qcdesk.export.pdf.report import render_quarterly
from qcdesk.models.demonstration import DemonstrationZone, delete_zone, load_zone, save_zone, zone_name_key
from qcdesk.models.document_data import DocSettings
from qcdesk.models.report_queries import quarterly_data
from qcdesk.models.store import Store
from qcdesk.models.warnings import count_warnings, early_warnings, warning_counts

TODAY = date(2026, 10, 15)
COUNTY = "AAAAAAAAAAAAAAAA"  # 赤壁's signer


def _zone(store: Store, name: str, kind: str = "zone", status: str = "accepted", level: str = "national",
          code: str = "421281") -> DemonstrationZone:
    return save_zone(store, DemonstrationZone(name=name, kind=kind, level=level, status=status,
                                              jurisdiction_code=code, lead_industry="砖茶"))


def _city(tmp_path: Path) -> tuple[Store, DemonstrationZone, DemonstrationZone]:
    """赤壁 enters its tea zone and sends it; the city had entered the same zone itself, spelt
    with full-width brackets and a space. Three more accepted national zones are distinct."""
    county = Store.memory("赤壁")
    theirs = _zone(county, "咸宁市(赤壁)青砖茶质量提升示范区")
    export_to(county, tmp_path / "chibi.xlsx", COUNTY)
    city = Store.open(tmp_path / "city.db")
    ours = _zone(city, "咸宁市（赤壁） 青砖茶质量提升示范区", code="421200")
    _zone(city, "咸宁市（赤壁）青砖茶质量提升示范项目", kind="project")  # a project: another kind
    _zone(city, "咸宁市赤壁青砖茶质量提升")  # no 示范区 ending: another name
    _zone(city, "嘉鱼县管材质量提升示范区", code="421221")
    merge(city, tmp_path / "chibi.xlsx", COUNTY)
    return city, ours, load_zone(city, theirs.uuid)  # type: ignore[return-value]


def test_the_rule_is_width_case_spaces_and_brackets_only() -> None:
    assert zone_name_key("咸宁市（赤壁） 青砖茶ＡＢ示范区") == zone_name_key("咸宁市[赤壁]青砖茶ab示范区")
    assert zone_name_key("咸宁市赤壁青砖茶示范区") == zone_name_key("咸宁市〔赤壁〕青砖茶示范区")
    assert zone_name_key("赤壁青砖茶示范区") != zone_name_key("赤壁青砖茶示范项目")
    assert zone_name_key("赤壁青砖茶示范区") != zone_name_key("赤壁青砖茶")
    assert zone_name_key("赤壁青砖茶示范区") != zone_name_key("赤壁青砖茶、米砖茶示范区")


def test_each_record_is_warned_naming_the_other_and_nothing_is_merged(tmp_path: Path) -> None:
    city, ours, theirs = _city(tmp_path)
    found = [w for w in early_warnings(city, TODAY) if w.kind == "zone_duplicate"]
    by_zone = {w.record_uuid: w for w in found}
    assert set(by_zone) == {ours.uuid, theirs.uuid}
    mine = by_zone[ours.uuid]
    entered = ours.created_at[:10]
    assert (mine.kind_label, mine.subject, mine.jurisdiction_name, mine.enterprise_name) == (
        "示范区（项目）疑似重复", "咸宁市（赤壁） 青砖茶质量提升示范区", "咸宁市", "")
    day = date.fromisoformat(theirs.created_at[:10])
    assert mine.reason == (
        "示范区“咸宁市（赤壁） 青砖茶质量提升示范区”另有1条记录类型相同、名称相同"
        "（不计全角半角、空格和括号）："
        f"“咸宁市(赤壁)青砖茶质量提升示范区”，赤壁市，国家级，已验收，{day.year}年{day.month}月{day.day}日录入。"
        "可能是同一示范区录入了两次（如县局、市局各录入一次），按目标统计的数目因此偏多：请核实，"
        "确属重复的，在“示范区”页删除多余的一条（系统不会自动合并或删除）")
    assert mine.due == entered
    english = by_zone[theirs.uuid].reason_text("en")
    assert english.startswith("Demonstration zone “咸宁市(赤壁)青砖茶质量提升示范区” has the same kind")
    assert "“咸宁市（赤壁） 青砖茶质量提升示范区”, 咸宁市, national, accepted, entered on" in english
    assert count_warnings(city, TODAY, refresh=False) == warning_counts(early_warnings(city, TODAY))
    # 赤壁's own list: its record only, still naming the city's
    [local] = [w for w in early_warnings(city, TODAY, jurisdiction="421281") if w.kind == "zone_duplicate"]
    assert local.record_uuid == theirs.uuid
    live = "SELECT count(*) FROM demonstration_zone WHERE deleted_at IS NULL"
    assert city.db.execute(live).fetchone()[0] == 5  # warned, nothing merged or deleted

    delete_zone(city, load_zone(city, theirs.uuid))  # the user's way to resolve it
    assert not [w for w in early_warnings(city, TODAY) if w.kind == "zone_duplicate"]


def test_cli_warnings_list_the_duplicate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from qcdesk.cli import main

    city, ours, _ = _city(tmp_path)
    city.close()
    assert main(["warnings", "--db", str(tmp_path / "city.db")]) == 0
    out = capsys.readouterr().out
    assert out.count("示范区（项目）疑似重复") >= 2 and "咸宁市(赤壁)青砖茶质量提升示范区" in out


def test_the_dashboard_and_the_zones_page_say_how_many_look_duplicated(
        qtbot: QtBot, tmp_path: Path, chinese: None) -> None:
    from qcdesk.models.dashboard_queries import dashboard_figures
    from qcdesk.ui.dashboard import DashboardPage
    from qcdesk.ui.zones_page import ZonesPage

    city, _ours, theirs = _city(tmp_path)
    figures = dashboard_figures(city, TODAY, with_risk=False)
    assert (figures.zones.counts["national"], figures.zones.duplicated) == (5, 1)
    page = DashboardPage(city, None)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.computing, timeout=20000)  # counted in a worker
    page.refresh()
    qtbot.waitUntil(lambda: not page.computing, timeout=20000)
    tile = page.tiles["zones"]
    assert tile.value.text() == "5"
    assert tile.detail.text().splitlines()[1] == "其中 1 个疑似重复（见预警），不计重复为 4 个"
    zones = ZonesPage(city)
    qtbot.addWidget(zones)
    qtbot.waitUntil(lambda: not zones.computing, timeout=10000)  # read in a worker
    assert zones.summary.text().endswith("；已验收的国家级中有 1 个疑似重复（见预警）")

    delete_zone(city, load_zone(city, theirs.uuid))
    page.refresh()
    zones.refresh()
    qtbot.waitUntil(lambda: not page.computing, timeout=20000)
    qtbot.waitUntil(lambda: not zones.computing, timeout=10000)
    assert "疑似重复" not in tile.detail.text() and "疑似重复" not in zones.summary.text()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_the_quarterly_report_counts_the_zone_once(tmp_path: Path) -> None:
    city, _ours, theirs = _city(tmp_path)

    def zones_sentence() -> str:
        pdf = tmp_path / "r.pdf"
        render_quarterly(quarterly_data(city.db, 2026, 4, as_of=TODAY), DocSettings(), pdf)
        text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                                 text=True, check=True).stdout)
        return re.search(r"已验收的国家级质量提升示范区（项目）.*?。", text).group(0)  # type: ignore[union-attr]

    assert zones_sentence() == (
        "已验收的国家级质量提升示范区（项目）5个，其中1个疑似重复录入（类型、名称相同，见预警清单"
        "“示范区（项目）疑似重复”），不计重复为4个，距5～10个的目标尚差1个。")
    delete_zone(city, load_zone(city, theirs.uuid))
    assert zones_sentence() == "已验收的国家级质量提升示范区（项目）4个，距5～10个的目标尚差1个。"
