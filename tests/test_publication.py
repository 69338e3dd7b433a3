"""双随机、一公开: a committed draw's results, or a period's spot checks, as a workbook fit for
publication (qcdesk publish): name, credit code, product, checking office, date, result; never the
risk class, inspectors or internal notes. Read back from the real file with openpyxl."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from qcdesk.cli import main
from qcdesk.models.draw import DrawParameters, commit_draw, find_draw, make_draw
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, load_visit, save_inspector, save_visit
from qcdesk.models.persistence import soft_delete
from qcdesk.models.publication import draw_rows, period_rows
from qcdesk.models.records import Enterprise, Finding, Inspector, Sample, Visit
from qcdesk.models.risk import RISK_CLASS_LABELS
from qcdesk.models.store import Store

DAY = date(2026, 11, 20)  # the check follows on the 23rd (a check made is never dated after today)
FIRMS = {"赤壁青砖茶厂": "91421281MA4KL5FE07", "赤壁米砖茶厂": "92421281MA4C3FYL02",
         "赤壁茶叶合作社": "93421281MA4NECRW8W"}
SECRET = "内部备注：该企业负责人与局领导有亲属关系"


def _cells(path: Path) -> list[tuple[str, object, str]]:
    book = openpyxl.load_workbook(path)
    return [(ws.title, c.value, c.data_type) for ws in book for row in ws.iter_rows() for c in row
            if c.value is not None]


@pytest.fixture
def drawn(store: Store) -> tuple[Store, str]:
    ids = {n: save_enterprise(store, Enterprise(uscc=u, name=n, jurisdiction_code="421281", industry="砖茶",
                                                 main_products="青砖茶")).id for n, u in FIRMS.items()}
    staff = [save_inspector(store, Inspector(name=n, jurisdiction_code="421281")).uuid
             for n in ("王磊", "李娜")]
    for day, told in (("2025-03-01", "2025-03-20"), ("2025-06-01", "2025-06-20")):  # long ago: high class
        save_visit(store, VisitBundle(Visit(enterprise_id=ids["赤壁米砖茶厂"], visit_date=day, status="done",
                                            inspectors=staff),
                                      [Sample(product_name="米砖茶", result="fail", failed_items="氟",
                                              result_notified_on=told)]))
    params = DrawParameters(jurisdiction="421281", ratios=dict.fromkeys("ABCD", "1"))
    result = make_draw(store, seed="20261130", params=params, as_of=DAY, operator="王科长",
                       witnesses=["李四"])
    assert len({p.risk_class for p in result.picks}) == 2  # classes exist, and differ
    record = commit_draw(store, result)
    planned = store.db.execute("SELECT id FROM visit WHERE enterprise_id = ? AND status = 'planned'",
                               [ids["赤壁米砖茶厂"]]).fetchone()[0]
    bundle = load_visit(store, planned)
    bundle.visit.status, bundle.visit.visit_date, bundle.visit.summary = "done", "2026-11-23", SECRET
    bundle.samples = [Sample(product_name="米砖茶", organiser="咸宁市市场监督管理局", result="fail",
                             failed_items="氟", result_notified_on="2026-11-24")]  # published once told
    bundle.findings = [Finding(category="标签", description=SECRET)]
    save_visit(store, bundle)
    return store, record.uuid


def test_a_draw_is_published_without_classes_inspectors_or_notes(
        drawn: tuple[Store, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, uuid = drawn
    out = tmp_path / "公示.xlsx"
    assert main(["publish", "--db", str(store.path), "--draw", uuid[:8], "--out", str(out)]) == 0
    assert "3 条" in capsys.readouterr().out
    book = openpyxl.load_workbook(out)
    rows = [[c.value for c in r] for r in book["公示"].iter_rows()]
    assert rows[0] == ["序号", "企业名称", "统一社会信用代码", "产品名称", "检查机关", "检查日期", "检查结果"]
    by_name = {r[1]: r for r in rows[1:]}
    assert set(by_name) == set(FIRMS)
    checked = by_name["赤壁米砖茶厂"]
    assert checked[2:5] == ["92421281MA4C3FYL02", "米砖茶", "咸宁市市场监督管理局"]
    assert checked[5].date() == date(2026, 11, 23) and checked[6] == "不合格"
    assert by_name["赤壁青砖茶厂"][6] == "尚未检查" and by_name["赤壁青砖茶厂"][5] is None
    cells = _cells(out)
    texts = [str(v) for _s, v, _t in cells]
    assert all(t != "f" for _s, _v, t in cells)  # no formula anywhere
    assert all(t == "s" for s, v, t in cells if s == "公示" and str(v) in FIRMS.values())  # codes as text
    for text in texts:  # no class, in any form, on any sheet
        assert text not in ("A", "B", "C", "D") and "风险" not in text and "类" not in text, text
        assert not any(label in text for label in RISK_CLASS_LABELS.values())
        assert SECRET not in text and "王磊" not in text and "李娜" not in text
        assert "抽取记录 " not in text or text.startswith("任何人")  # the planned visit's note stays in
    assert uuid in texts and "20261130" in texts  # what lets anyone verify the draw


def test_a_period_is_published_and_bad_input_refused(drawn: tuple[Store, str], tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    store, uuid = drawn
    out = tmp_path / "季度.xlsx"
    assert main(["publish", "--db", str(store.path), "--from", "2025-01-01", "--to", "2026-12-31",
                 "--jurisdiction", "赤壁市", "--out", str(out)]) == 0
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(out)["公示"].iter_rows(min_row=2)]
    assert [(r[1], r[5].date().isoformat(), r[6]) for r in rows] == [
        ("赤壁米砖茶厂", "2025-03-01", "不合格"), ("赤壁米砖茶厂", "2025-06-01", "不合格"),
        ("赤壁米砖茶厂", "2026-11-23", "不合格")]
    assert all("风险" not in str(v) and "类" not in str(v) for _s, v, _t in _cells(out))
    before = store.db.execute("SELECT count(*), max(updated_at) FROM visit").fetchone()
    capsys.readouterr()
    for args in (["--draw", uuid, "--from", "2026-01-01", "--to", "2026-02-01"], [],
                 ["--from", "2026-01-01"], ["--from", "2026-03-01", "--to", "2026-01-01"],
                 ["--draw", "ffffffff"]):
        bad = tmp_path / "bad.xlsx"
        assert main(["publish", "--db", str(store.path), *args, "--out", str(bad)]) != 0
        assert not bad.exists()
        err = capsys.readouterr().err.strip()
        assert err.count("\n") == 0 and err, args
    assert store.db.execute("SELECT count(*), max(updated_at) FROM visit").fetchone() == before
    assert main(["publish", "--db", str(store.path), "--draw", uuid, "--out", str(tmp_path / "r.csv")]) != 0


def test_a_period_publishes_its_last_day(drawn: tuple[Store, str]) -> None:
    """The quarter's pass rate counts a check made on its last day, so its 公示 list names it."""
    store, _uuid = drawn
    assert "赤壁米砖茶厂" in [r.enterprise for r in period_rows(store, date(2026, 11, 1), date(2026, 11, 23))]
    assert period_rows(store, date(2026, 11, 1), date(2026, 11, 22)) == []


def test_a_drawn_firm_checked_in_a_new_visit_is_published_as_checked(drawn: tuple[Store, str]) -> None:
    """The inspectors entered the check as a new visit instead of completing the planned one: the
    published row is the check made, not 尚未检查."""
    store, uuid = drawn
    eid = store.db.execute("SELECT id FROM enterprise WHERE name = '赤壁青砖茶厂'").fetchone()[0]
    staff = [r[0] for r in store.db.execute("SELECT uuid FROM inspector LIMIT 2")]
    checked = Sample(product_name="青砖茶", result="pass", result_notified_on="2026-11-26")
    save_visit(store, VisitBundle(Visit(enterprise_id=eid, visit_date="2026-11-25", status="done",
                                        inspectors=staff), [checked]))
    row = {r.enterprise: r for r in draw_rows(store, find_draw(store, uuid))}["赤壁青砖茶厂"]
    assert (row.result, row.checked_on) == ("合格", "2026-11-25"), row


def test_a_sample_deleted_as_entered_in_error_is_never_published(drawn: tuple[Store, str]) -> None:
    """A sample deleted as wrong (wrong firm, wrong product) must not be posted with its 不合格:
    the list is a public statement about a firm."""
    store, uuid = drawn
    visit_id = store.db.execute("SELECT id FROM visit WHERE visit_date = '2026-11-23'").fetchone()[0]
    with store.transaction():
        soft_delete(store, load_visit(store, visit_id).samples[0])
    row = {r.enterprise: r for r in draw_rows(store, find_draw(store, uuid))}["赤壁米砖茶厂"]
    assert row.result != "不合格", row


def test_the_draw_dialog_exports_the_publication(qtbot, chinese: None, drawn: tuple[Store, str],  # noqa: ANN001
                                                  paths, tmp_path: Path) -> None:  # noqa: ANN001
    from qcdesk.ui.draw_dialog import DrawDialog

    store, uuid = drawn
    dialog = DrawDialog(store, paths, today=DAY)
    qtbot.addWidget(dialog)
    assert dialog.stored.currentData() == uuid and dialog.publish_button.isEnabled()
    out = tmp_path / "dialog.xlsx"
    assert dialog.export_publication(str(out)) == str(out)
    assert "3" in dialog.summary.text() and str(out) in dialog.summary.text()
    texts = [str(v) for _s, v, _t in _cells(out)]
    assert "赤壁米砖茶厂" in texts and "不合格" in texts
    assert not any(t in ("A", "B", "C", "D") or "风险" in t or "类" in t for t in texts)
