"""Early warnings with reasons, the spreadsheet, and the supervision CLI end to end."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from qcdesk.cli import main
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Enterprise, Inspector, Licence, Rectification, Sample, Visit
from qcdesk.models.rectifications import order_rectification
from qcdesk.models.store import Store
from qcdesk.models.warnings import count_warnings, early_warnings, warning_counts, write_warnings_xlsx

pytestmark = pytest.mark.usefixtures("draw_today_fixed")  # its draws are dated 2026 (conftest)

TODAY = date(2026, 11, 1)


def build(store: Store) -> dict[str, Enterprise]:
    insp = [save_inspector(store, Inspector(name=n, jurisdiction_code="421281")).uuid
            for n in ("王磊", "李娜", "张伟")]
    ents = {}
    for key, code, licence_expiry in (("late", "91421281MA4KL5FE07", "2026-12-15"),
                                      ("expired", "92421281MA4C3FYL02", "2026-09-30"),
                                      ("fine", "93421281MA4NECRW8W", "2030-01-01")):
        lic = Licence(number="SC11442128100017", product="砖茶", expires_on=licence_expiry)
        ent = Enterprise(uscc=code, name=f"=企业{key}", jurisdiction_code="421281", industry="砖茶")
        ents[key] = save_enterprise(store, ent, [lic])
    for day in ("2026-01-05", "2026-04-05"):
        b = save_visit(store, VisitBundle(
            Visit(enterprise_id=ents["late"].id, visit_date=day, status="done", inspectors=insp[:2]),
            [Sample(product_name="青砖茶", result="fail", failed_items="水分")]))
    order_rectification(store, visit=b.visit, requirement="整改水分超标", ordered_on="2026-04-10",
                        rule_set="samr18", sample=b.samples[0], notice_no="赤市监质改〔2026〕3号")
    save_visit(store, VisitBundle(Visit(enterprise_id=ents["fine"].id, visit_date="2026-06-01", status="done",
                                        inspectors=insp[:2]), [Sample(product_name="米砖茶", result="pass")]))
    return ents


def test_each_warning_kind_with_reason(store: Store) -> None:
    ents = build(store)
    # a second order, its report in on time: the bureau's re-check is late (复查逾期); the open
    # order of build() is the enterprise's delay (整改逾期) alone (review s8 B1)
    visit_id = store.db.execute("SELECT id FROM visit ORDER BY id").fetchone()[0]
    insert_record(store, Rectification(
        enterprise_id=ents["late"].id, visit_id=visit_id, requirement="整改标签", ordered_on="2026-04-10",
        deadline="2026-06-09", recheck_due="2026-06-24", status="report_submitted",
        report_submitted_on="2026-06-01", notice_no="赤市监质改〔2026〕4号"))
    found = early_warnings(store, TODAY)
    counts = warning_counts(found)
    assert counts == {"retest_withdraw": 0, "rectification_overdue": 1, "recheck_overdue": 1,
                      "notice_duplicate": 0, "zone_duplicate": 0, "uscc_duplicate": 0,
                      "visit_future": 0, "repeated_failures": 1,
                      "licence_expired": 1, "licence_expiring": 1, "unvisited_high_risk": 1}
    assert count_warnings(store, TODAY) == counts
    by_kind = {w.kind: w for w in found}
    assert "整改期限2026年6月9日已过145天" in by_kind["rectification_overdue"].reason
    assert by_kind["rectification_overdue"].subject == "赤市监质改〔2026〕3号"
    assert "2026年6月24日前组织复查" in by_kind["recheck_overdue"].reason
    assert by_kind["recheck_overdue"].subject == "赤市监质改〔2026〕4号"
    assert "不合格2批次" in by_kind["repeated_failures"].reason
    assert by_kind["licence_expired"].enterprise_id == ents["expired"].id
    assert "剩44天" in by_kind["licence_expiring"].reason  # an SC licence: warned 60 days ahead
    assert "30个工作日前申请延续" in by_kind["licence_expiring"].reason
    assert by_kind["unvisited_high_risk"].enterprise_id == ents["expired"].id  # class C, never visited
    assert "C类企业已超过12个月未检查（从未检查）" in by_kind["unvisited_high_risk"].reason
    assert [w.kind for w in found] == sorted((w.kind for w in found), key=list(counts).index)


def test_unvisited_months_is_a_setting(store: Store) -> None:
    from qcdesk.models.risk import SupervisionRules, save_rules

    build(store)
    assert warning_counts(early_warnings(store, TODAY))["unvisited_high_risk"] == 1
    save_rules(store, SupervisionRules(warn_unvisited_months=1, class_c_from=20))
    found = [w for w in early_warnings(store, TODAY) if w.kind == "unvisited_high_risk"]
    assert len(found) == 2  # the D enterprise last visited in April now counts too


def test_spreadsheet_headers_text_codes_no_formulas(store: Store, tmp_path: Path) -> None:
    build(store)
    out = write_warnings_xlsx(early_warnings(store, TODAY), tmp_path / "预警.xlsx")
    ws = openpyxl.load_workbook(out).active
    header = [c.value for c in ws[1]]
    assert header[:3] == ["预警类型", "企业名称", "统一社会信用代码"]
    row = [c for c in ws[2]]
    assert row[1].value.startswith("=企业") and row[1].data_type == "s"
    assert row[2].number_format == "@" and row[3].value == "421281" and isinstance(row[3].value, str)


def test_cli_draw_commit_verify_and_warnings(store: Store, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    build(store)
    db = str(store.path)
    assert main(["draw", "--db", db, "--seed", "公开种子", "--jurisdiction", "421281", "--date", "2026-11-01",
                 "--operator", "王科长", "--witness", "李四", "--json", "--commit"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["pool_size"] == 2 and out["record"]  # the enterprise checked in June is left out
    planned = store.db.execute("SELECT count(*) FROM visit WHERE status = 'planned'").fetchone()[0]
    assert planned == len(out["selection"]) >= 1
    assert main(["draw", "verify", out["record"], "--db", db]) == 0
    assert "一致" in capsys.readouterr().out
    # the city's copy differs: one enterprise's licence was renewed, so its class changed. The
    # record itself is still consistent (re-drawn from its own snapshot); the difference from
    # this database's register is listed for information, not as 不一致 (since 9df5957)
    store.db.execute("UPDATE licence SET expires_on = '2031-01-01' WHERE expires_on = '2026-09-30'")
    assert main(["draw", "verify", out["record"], "--db", db]) == 0
    said = capsys.readouterr()
    assert "不一致" not in said.err + said.out
    notes = said.out.split("与本库当前名录的差异", 1)[1]
    assert "风险分类变化" in notes
    assert main(["draw", "verify", "00000000-nope", "--db", db]) == 2
    assert "未找到抽取记录" in capsys.readouterr().err
    assert main(["draw", "--db", db]) == 2
    xlsx = tmp_path / "w.xlsx"
    assert main(["warnings", "--db", db, "--date", "2026-11-01", "--xlsx", str(xlsx)]) == 0
    assert "整改逾期" in capsys.readouterr().out and xlsx.is_file()


def test_cli_rules_show_and_set(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    from qcdesk.models.risk import load_rules

    db = str(store.path)
    assert main(["risk", "--db", db, "--set", "warn_unvisited_months=9", "--set", "draw_ratios.d=0.8"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["warn_unvisited_months"] == 9 and shown["draw_ratios"]["D"] == "0.8"
    assert load_rules(store).warn_unvisited_months == 9
    assert main(["risk", "--db", db, "--set", "draw_ratios.A=1.5"]) == 2
    assert main(["risk", "--db", db, "--set", "window_months=-1"]) == 2
    assert "不能为负数" in capsys.readouterr().err


def test_cli_recusal_is_honoured_by_the_draw(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    ents = build(store)
    db = str(store.path)
    inspectors = [r[0] for r in store.db.execute("SELECT uuid FROM inspector ORDER BY id")]
    for uuid in inspectors[:2]:
        assert main(["recusal", "--db", db, "--inspector", uuid, "--enterprise", ents["late"].uscc,
                     "--reason", "近亲属在该企业任职"]) == 0
    assert main(["recusal", "--db", db, "--inspector", inspectors[0], "--enterprise", ents["late"].uscc,
                 "--reason", "重复"]) == 2
    assert main(["recusal", "--db", db, "--inspector", inspectors[0], "--enterprise", "x"]) == 2
    assert main(["recusal", "--db", db]) == 0
    assert capsys.readouterr().out.count("近亲属在该企业任职") == 4  # two "recorded" lines + two listed
    # three inspectors, two recused for this enterprise: a team of two cannot be formed
    assert main(["draw", "--db", db, "--seed", "s", "--date", "2026-11-01", "--jurisdiction", "421281"]) == 2
    assert "不足2名" in capsys.readouterr().err


def test_warnings_sort_most_urgent_first_and_names_in_pinyin_order() -> None:
    from qcdesk.models.warnings import EarlyWarning, sort_warnings

    def w(kind: str, name: str, due: str, days: int) -> EarlyWarning:
        return EarlyWarning(kind, 1, name, "", "421281", "", due, days, "")

    rows = [w("licence_expiring", "王氏茶业", "2026-12-01", -30),
            w("rectification_overdue", "张家茶厂", "2025-01-01", 636),
            w("licence_expiring", "安心砖茶", "2026-11-02", -1), w("unvisited_high_risk", "赵记", "", 0),
            w("licence_expired", "李记", "2026-10-31", 1)]
    assert [x.days for x in sort_warnings(rows)] == [636, 1, 0, -1, -30]  # overdue, then soonest due
    by_name = [x.enterprise_name for x in sort_warnings(rows, "enterprise", descending=False)]
    assert by_name == ["安心砖茶", "李记", "王氏茶业", "张家茶厂", "赵记"]  # an, li, wang, zhang, zhao
    assert [x.due for x in sort_warnings(rows, "due", descending=False)][-1] == ""  # undated last
    assert [x.due for x in sort_warnings(rows, "due", descending=True)][-1] == ""


def test_repeated_failures_count_days_since_the_latest_failure_and_say_the_count(
        store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """天数 means days in every row: a repeated-failure row held the number of failures there
    (2, read as "2 days", sorted among day counts); now the days since its latest failing
    check, the number of failures in its reason."""
    from qcdesk.models.warnings import sort_warnings

    build(store)  # failures on 2026-01-05 and 2026-04-05; TODAY is 2026-11-01
    found = early_warnings(store, TODAY)
    repeated = next(w for w in found if w.kind == "repeated_failures")
    assert (repeated.due, repeated.days) == ("2026-04-05", 210)
    assert "近24个月抽查不合格2批次（青砖茶），最近一次不合格为2026年4月5日，距今210天" in repeated.reason
    assert repeated.reason_text("en").startswith("2 failed batches in spot checks in the last 24 months")
    assert "210 days ago" in repeated.reason_text("en")
    by_days = [(w.kind, w.days) for w in sort_warnings(found)]
    assert by_days == [("repeated_failures", 210), ("rectification_overdue", 145),  # the open order once
                       ("licence_expired", 32), ("unvisited_high_risk", 0), ("licence_expiring", -44)]
    xlsx = tmp_path / "w.xlsx"
    assert main(["warnings", "--db", str(store.path), "--date", "2026-11-01", "--xlsx", str(xlsx)]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("多次抽查不合格"))
    assert "不合格2批次" in line and "距今210天" in line
    ws = openpyxl.load_workbook(xlsx).active
    row = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == "多次抽查不合格")
    assert row[6].date().isoformat() == "2026-04-05" and row[7] == 210  # 期限/日期, 天数


def test_warnings_page_days_column_of_a_repeated_failure(qtbot, store: Store) -> None:  # noqa: ANN001
    """On the page: the Days cell of a repeated-failure row shows days since its latest failing
    check (not its count of failures), and sorting by days puts it among the other kinds by that."""
    from datetime import timedelta

    from PySide6.QtCore import Qt

    from qcdesk.ui.warnings_page import WarningsModel, WarningsPage

    today = date.today()

    def ago(n: int) -> str:
        return (today - timedelta(days=n)).isoformat()

    insp = [save_inspector(store, Inspector(name=n, jurisdiction_code="421281")).uuid
            for n in ("王磊", "李娜")]
    failing = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁茶厂",
                                                jurisdiction_code="421281", industry="砖茶"), [])
    for n in (300, 40, 30):
        sample = Sample(product_name="青砖茶", result="fail", failed_items="水分")
        save_visit(store, VisitBundle(Visit(enterprise_id=failing.id, visit_date=ago(n), status="done",
                                            inspectors=insp), [sample]))
    for code, gone in (("92421281MA4C3FYL02", 50), ("93421281MA4NECRW8W", 5)):
        save_enterprise(store, Enterprise(uscc=code, name=f"企业{gone}", jurisdiction_code="421281",
                                          industry="砖茶"),
                        [Licence(number="SC11442128100017", product="砖茶", expires_on=ago(gone))])
    page = WarningsPage(store)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.computing, timeout=20000)  # counted in a worker
    model = page.model
    days, reason = WarningsModel.COLUMNS.index("days"), WarningsModel.COLUMNS.index("reason")

    def shown() -> list[tuple[str, str]]:
        return [(model.rows[r].kind, model.index(r, days).data()) for r in range(model.rowCount())
                if model.rows[r].kind in ("repeated_failures", "licence_expired")]

    page.view.horizontalHeader().setSortIndicator(days, Qt.SortOrder.DescendingOrder)
    assert shown() == [("licence_expired", "50 ago"), ("repeated_failures", "30 ago"),
                       ("licence_expired", "5 ago")]
    row = next(r for r in range(model.rowCount()) if model.rows[r].kind == "repeated_failures")
    assert "不合格3批次" in model.index(row, reason).data() and "距今30天" in model.index(row, reason).data()
    page.view.horizontalHeader().setSortIndicator(days, Qt.SortOrder.AscendingOrder)
    assert shown() == [("licence_expired", "5 ago"), ("repeated_failures", "30 ago"),
                       ("licence_expired", "50 ago")]
