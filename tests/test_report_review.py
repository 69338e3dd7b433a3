"""Review of supervision and reporting: one pass rate (spot checks only) on dashboard and report,
quarters not begun refused and the current one reported to date, no widow lines, 市本级 instead of
a "咸宁市 无数据" county, each licence kind's own renewal rule, the zones target in the report."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from qcdesk.cli import main
from qcdesk.export.pdf.layout import LINE_PITCH, TEXT_WIDTH, GridText, body_style
from qcdesk.export.pdf.report import render_quarterly, write_quarterly_xlsx
from qcdesk.models.dashboard_queries import Period, dashboard_figures, pass_rates, pass_rates_direct
from qcdesk.models.demonstration import DemonstrationZone, save_zone
from qcdesk.models.document_data import DocSettings
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.licence_rules import renewal_note
from qcdesk.models.records import Enterprise, Inspector, Licence, Sample, Visit
from qcdesk.models.report_queries import PeriodNotStarted, check_period_started, quarterly_data
from qcdesk.models.risk import SupervisionRules
from qcdesk.models.store import Store
from qcdesk.models.warnings import early_warnings

TODAY = date(2026, 11, 30)
Q3 = Period("2026Q3", date(2026, 7, 1), date(2026, 9, 30))
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


def build(store: Store, city_level: bool = False) -> dict[str, Enterprise]:
    """Spot checks 3 pass + 1 fail, and a failing 专项检查 that must not count."""
    team = [save_inspector(store, Inspector(name=n, jurisdiction_code="421281")).uuid
            for n in ("王磊", "李娜")]
    ents = {
        "tea": save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁茶厂",
                                                 jurisdiction_code="421281", industry="砖茶"),
                               [Licence(number="SC11442128100017", product="砖茶", expires_on="2027-01-10"),
                                Licence(number="SC12442120200076", product="糕点", expires_on="2027-03-10")]),
        "pipe": save_enterprise(store, Enterprise(uscc="91421221MA4E3XHX15", name="嘉鱼管业",
                                                  jurisdiction_code="421221", industry="管材"),
                                [Licence(number="(鄂)XK13-006-00123", product="管材",
                                         expires_on="2027-03-10")]),
    }
    if city_level:
        ents["city"] = save_enterprise(store, Enterprise(uscc="914212003523203074", name="咸宁市本级机电",
                                                         jurisdiction_code="421200", industry="机电"))
    for key, day, kind, result in (("tea", "2026-07-05", "spot_check", "pass"),
                                   ("tea", "2026-08-05", "spot_check", "pass"),
                                   ("pipe", "2026-08-06", "spot_check", "pass"),
                                   ("pipe", "2026-09-06", "spot_check", "fail"),
                                   ("pipe", "2026-09-07", "special", "fail"),
                                   ("city" if city_level else "tea", "2026-09-08", "spot_check", "pass")):
        save_visit(store, VisitBundle(
            Visit(enterprise_id=ents[key].id, visit_date=day, kind=kind, status="done", inspectors=team),
            [Sample(product_name="样品", result=result, failed_items="壁厚" if result == "fail" else "")]))
    return ents


@needs_poppler
def test_one_pass_rate_on_dashboard_report_and_spreadsheet(store: Store, tmp_path: Path) -> None:
    build(store)
    dash = pass_rates(store, Q3).total
    assert (dash.passed, dash.failed) == (4, 1)
    assert pass_rates_direct(store, Q3).total == dash
    data = quarterly_data(store.db, 2026, 3, as_of=TODAY)
    assert (data.total.passed, data.total.failed) == (4, 1)  # the 专项检查 failure is not counted
    assert sum(r.failed for r in data.by_industry) == 1 and sum(r.failed for r in data.trend) == 1
    assert [f.visit_date for f in data.failed_samples] == ["2026-09-06"]
    pdf, xlsx = tmp_path / "r.pdf", tmp_path / "r.xlsx"
    render_quarterly(data, DocSettings(), pdf)
    write_quarterly_xlsx(data, xlsx)
    text = pdf_text(pdf)
    assert "监督抽查合格率为80.0%" in text
    assert "专项检查、复查等其他检查的样品不计入" in text
    row = [c.value for c in openpyxl.load_workbook(xlsx)["总体"][2]]
    assert 0.8 in row and "专项检查" in row[-1]


def test_quarter_not_begun_is_refused(store: Store, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    with pytest.raises(PeriodNotStarted) as info:
        check_period_started(2027, 1, TODAY)
    assert "尚未开始" in info.value.message_zh and "has not begun" in info.value.message_en
    check_period_started(2026, 4, TODAY)  # the current quarter is fine
    store.close()
    out = tmp_path / "r.pdf"
    rc = main(["report", "quarterly", "--db", str(store.path), "--period", "2099Q1", "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 2 and not out.exists()
    assert err.count("\n") == 1 and "2099年第一季度尚未开始" in err


@needs_poppler
def test_current_quarter_says_to_date_and_old_quarter_says_no_data(store: Store, tmp_path: Path) -> None:
    build(store)
    pdf = tmp_path / "q4.pdf"
    render_quarterly(quarterly_data(store.db, 2026, 4, as_of=TODAY), DocSettings(), pdf)
    assert "本季度（2026年10月1日至2026年12月31日，数据截至2026年11月30日）" in pdf_text(pdf)
    render_quarterly(quarterly_data(store.db, 2026, 3, as_of=TODAY), DocSettings(), pdf)
    assert "本季度（2026年7月1日至2026年9月30日）共开展" in pdf_text(pdf)
    render_quarterly(quarterly_data(store.db, 1999, 1, as_of=TODAY), DocSettings(), pdf)
    assert "系统中没有检查记录（现有检查记录始于2026年7月5日）" in pdf_text(pdf)


def test_no_widow_or_orphan_line() -> None:
    """A three-line paragraph with room for two lines moves whole (no line alone on a page)."""
    from qcdesk.export.pdf.fonts import font_roles

    style = body_style(font_roles()["body"].rl_name)
    text = "字" * 28 * 2 + "述企业尽快办理。"
    para = GridText(text, style, indent=2, orphans=2, widows=2)
    assert para.wrap(TEXT_WIDTH, 1000)[1] == pytest.approx(3 * LINE_PITCH)
    assert para.split(TEXT_WIDTH, 2 * LINE_PITCH) == []
    four = GridText(text + "字" * 28, style, indent=2, orphans=2, widows=2)
    head, tail = four.split(TEXT_WIDTH, 3 * LINE_PITCH)
    assert head.wrap(TEXT_WIDTH, 1000)[1] == pytest.approx(2 * LINE_PITCH)  # two carried over
    assert GridText(text, style, indent=2).split(TEXT_WIDTH, 2 * LINE_PITCH)  # default: unchanged


def test_city_row_only_when_firms_registered_at_city_level(store: Store, tmp_path: Path) -> None:
    build(store)
    assert "421200" not in {r.key for r in pass_rates(store, Q3).by_jurisdiction}
    assert "421200" not in {r.key for r in quarterly_data(store.db, 2026, 3, as_of=TODAY).by_jurisdiction}


def test_city_level_row_is_named_shi_ben_ji(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "c.db")
    build(store, city_level=True)
    city = [r for r in pass_rates(store, Q3).by_jurisdiction if r.key == "421200"]
    assert city and city[0].passed == 1
    rows = {r.key: r.label for r in quarterly_data(store.db, 2026, 3, as_of=TODAY).by_jurisdiction}
    assert rows["421200"] == "市本级"
    store.close()


@needs_poppler
def test_each_licence_kind_its_own_renewal_rule(store: Store, tmp_path: Path) -> None:
    build(store)
    found = {w.subject: w for w in early_warnings(store, TODAY, kinds=("licence_expiring",))}
    # SC due 2027-01-10 (41 days: within 60); SC 2027-03-10 (100 days) not yet; XK 2027-03-10 is.
    assert set(found) == {"SC11442128100017", "(鄂)XK13-006-00123"}
    sc, xk = found["SC11442128100017"], found["(鄂)XK13-006-00123"]
    assert "食品生产许可证" in sc.reason and "30个工作日前申请延续" in sc.reason and "6个月" not in sc.reason
    assert "第三十二条" in sc.reason and "30 working days" in sc.reason_text("en")
    assert "工业产品生产许可证" in xk.reason and "6个月前申请延续" in xk.reason
    assert dashboard_figures(store, TODAY, with_risk=False).licences_expiring == 2
    data = quarterly_data(store.db, 2026, 4, as_of=TODAY)
    assert {x.number for x in data.expiring} == set(found)
    pdf = tmp_path / "r.pdf"
    render_quarterly(data, DocSettings(), pdf)
    text = re.sub(r"—\d+—", "", pdf_text(pdf))  # a sentence may run on past a page's number
    assert ("工业产品生产许可证1张（3个月内到申请延续期限或已过期限，即9个月内到期）、"
            "食品生产许可证1张（60日内到期）") in text
    assert "2027-03-10应于2026-09-10前申请延续" in text  # the XK line names its renewal-by date
    assert "食品生产许可证应当在有效期届满30个工作日前申请延续" in text
    rules = SupervisionRules()
    assert "30个工作日" in renewal_note("SC11442128100017", "SC", date(2027, 1, 10), TODAY, rules)
    assert renewal_note("SC11442128100017", "SC", date(2027, 3, 10), TODAY, rules) == ""
    assert "6个月前" in renewal_note("XK13-006-00123", "XK", date(2027, 3, 10), TODAY, rules)
    assert "历史记录" in renewal_note("QS421206010001", "QS", date(2030, 1, 1), TODAY, rules)
    wider = SupervisionRules(warn_food_licence_days=120)  # the window is a rule, configurable
    assert "30个工作日" in renewal_note("SC12442120200076", "SC", date(2027, 3, 10), TODAY, wider)


@needs_poppler
def test_report_names_the_zones_target(store: Store, tmp_path: Path) -> None:
    build(store)
    save_zone(store, DemonstrationZone(name="赤壁砖茶质量提升示范区", level="national",
                                       jurisdiction_code="421281", status="accepted"))
    save_zone(store, DemonstrationZone(name="嘉鱼管材示范项目", kind="project", level="national",
                                       jurisdiction_code="421221", status="building"))
    for name, status in (("通山石材示范区", "planning"), ("崇阳钒电池示范项目", "planning"),
                         ("赤壁纺织示范区", "withdrawn")):
        save_zone(store, DemonstrationZone(name=name, level="national", jurisdiction_code="421281",
                                           status=status))
    data = quarterly_data(store.db, 2026, 3, as_of=TODAY)
    # Only the accepted zone meets the target; the others are named apart, the withdrawn one not.
    assert (data.zones.accepted, data.zones.building, data.zones.planning) == (1, 1, 2)
    pdf = tmp_path / "r.pdf"
    render_quarterly(data, DocSettings(), pdf)
    text = pdf_text(pdf)
    assert ("已验收的国家级质量提升示范区（项目）1个，距5～10个的目标尚差4个；另有创建中1个、申报/筹建2个。"
            in text)
    assert "已撤销" not in text and "已达到" not in text
    assert "500家目标" in text
