"""Draw pool rule 4: an enterprise suspended (停业整顿) or whose business licence was revoked by its
order is not drawn, and only spot checks carried out keep an enterprise out for six months (a
drawn visit never made is a check to come, not one made). Older draws keep their own rule."""

from __future__ import annotations

import json
from datetime import date

import pytest

from qcdesk.cli import main
from qcdesk.models.draw import (
    DrawError,
    DrawParameters,
    build_pool,
    commit_draw,
    find_draw,
    make_draw,
    verify_draw,
)
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Enterprise, Inspector, Sample, Visit
from qcdesk.models.rectifications import order_rectification, record_recheck
from qcdesk.models.store import Store

pytestmark = pytest.mark.usefixtures("draw_today_fixed")  # its draws are dated 2026 (conftest)

DAY = date(2026, 11, 30)
ALL = dict.fromkeys("ABCD", "1")  # every enterprise in the pool is drawn: who is in it is the point
WITNESSED = {"operator": "王科长", "witnesses": ["李四"]}
FIRMS = {  # name: (code, failing re-checks of its order, passing re-check)
    "停业整顿厂": ("91421202MA4AEDKU8T", ["2026-04-10", "2026-05-20"], None),
    "吊销执照厂": ("91421221MA4E3XHX15", ["2026-04-10", "2026-05-20", "2026-07-01"], None),
    "整顿后复查合格厂": ("91421222MA4PJ5BUX4", ["2026-04-10", "2026-05-20"], "2026-07-01"),
    "公告厂": ("91421223MA4059AK31", ["2026-04-10"], None),
    "只有计划厂": ("91421224MA4CJGYT6P", [], None),
    "抽查过厂": ("91421281MA4KL5FE07", [], None),
}


def _visit(store: Store, eid: int, day: str, kind: str = "spot_check", status: str = "done",
           result: str = "pass") -> VisitBundle:
    insp = [r[0] for r in store.db.execute("SELECT uuid FROM inspector ORDER BY id LIMIT 2")]
    failed = "断裂强力" if result == "fail" else ""
    samples = [Sample(product_name="苎麻布", result=result, failed_items=failed)]
    return save_visit(store, VisitBundle(Visit(enterprise_id=eid, visit_date=day, kind=kind, status=status,
                                               inspectors=insp), samples if kind == "spot_check" else []))


@pytest.fixture
def county(store: Store) -> Store:
    for name in ("孙秀", "黄斌", "江林"):
        save_inspector(store, Inspector(name=name, jurisdiction_code="421202"))
    for name, (uscc, failed, passed) in FIRMS.items():
        eid = save_enterprise(store, Enterprise(uscc=uscc, name=name, jurisdiction_code="421202",
                                                industry="苎麻纺织", main_products="苎麻布")).id
        if failed:  # a failed sample (March: outside the six months), its order and its re-checks
            check = _visit(store, eid, "2026-03-02", result="fail")
            rect = order_rectification(store, visit=check.visit, requirement="整改", ordered_on="2026-03-05",
                                       sample=fetch_record(store, Sample, check.samples[0].id), today=DAY)
            for day in failed:
                rect = record_recheck(store, rect, _visit(store, eid, day, "recheck").visit, passed=False,
                                      today=DAY)
            if passed:
                rect = record_recheck(store, rect, _visit(store, eid, passed, "recheck").visit, passed=True,
                                      today=DAY)
    ids = dict(store.db.execute("SELECT name, id FROM enterprise").fetchall())
    _visit(store, ids["只有计划厂"], "2026-10-01", status="planned", result="pending")  # drawn, never made
    _visit(store, ids["抽查过厂"], "2026-10-01")  # carried out: out for six months
    return store


def _names(store: Store, uuids: object) -> set[str]:
    return {r[0] for r in store.db.execute(
        "SELECT name FROM enterprise WHERE uuid IN (SELECT value FROM json_each(?))",
        [json.dumps(list(uuids))])}


def test_suspended_and_revoked_enterprises_are_not_drawn_and_the_draw_says_why(
        county: Store, capsys: pytest.CaptureFixture[str]) -> None:
    steps = dict(county.db.execute(
        "SELECT e.name, r.escalation FROM rectification r JOIN enterprise e ON e.id = r.enterprise_id"))
    assert steps == {"停业整顿厂": "suspended", "吊销执照厂": "revoked", "整顿后复查合格厂": "suspended",
                     "公告厂": "announced"}
    sets = [a for cls in "ABCD" for a in ("--set", f"draw_ratios.{cls}=1")]  # all drawn: class D is, at 1
    assert main(["risk", "--db", str(county.path), *sets]) == 0
    capsys.readouterr()
    args = ["draw", "--db", str(county.path), "--seed", "20261130", "--jurisdiction", "咸安区",
            "--date", "2026-11-30"]
    assert main([*args, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    drawn = {p["name"] for p in out["selection"]}
    assert drawn == {"整顿后复查合格厂", "公告厂"}  # back in business after a passing re-check; announced
    assert out["parameters"]["pool_rule"] == 8  # rules 8 (cert width), 7, 6, 5 keep rule 4
    closed = {e["name"]: e for e in out["excluded_escalated"]}
    assert set(closed) == {"停业整顿厂", "吊销执照厂"}
    assert closed["停业整顿厂"]["escalation"] == "suspended" and closed["停业整顿厂"]["since"] == "2026-05-20"
    assert closed["吊销执照厂"]["escalation"] == "revoked"
    assert main(args) == 0
    captured = capsys.readouterr()
    assert "不参加：停业整顿厂（2026年5月20日复查不合格，已责令停业，限期整顿，尚未复查合格）" in captured.out
    assert "不参加：吊销执照厂（2026年7月1日复查不合格，已吊销营业执照）" in captured.out
    assert "停业整顿或吊销营业执照的 2 家不参加" in captured.out
    assert "责令停业整顿（复查合格前）或被吊销营业执照的企业不参加" in captured.err


def test_a_planned_check_never_made_is_no_recent_check(county: Store,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["draw", "--db", str(county.path), "--seed", "1", "--jurisdiction", "咸安区",
                 "--date", "2026-11-30", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {e["name"] for e in out["excluded_recent"]} == {"抽查过厂"}
    assert {e["name"] for e in out["excluded_planned"]} == {"只有计划厂"}  # a check to come, said so
    assert main(["draw", "--db", str(county.path), "--seed", "1", "--jurisdiction", "咸安区",
                 "--date", "2026-11-30"]) == 0
    captured = capsys.readouterr()
    assert "6个月内接受过监督抽查的 1 家不参加；已有计划抽查的 1 家不参加：只有计划厂" in captured.out
    assert "只计已实施的抽查；尚未实施的计划抽查" in captured.err
    assert "\n不参加：只有计划厂" not in captured.out and "只有计划厂（" not in captured.out


def test_the_step_counts_from_the_failing_recheck_that_climbed_it(county: Store) -> None:
    """A draw dated before a suspension, or after a passing re-check ended it, does not see it
    (so a draw rebuilt for verification sees the pool as it was)."""
    params = DrawParameters(jurisdiction="421202", ratios=ALL)
    may = build_pool(county, params, date(2026, 5, 1))  # each only announced (2026-04-10) then
    assert may.escalated == {}
    june = build_pool(county, params, date(2026, 6, 1))  # both suspended on 05-20
    assert {"停业整顿厂", "整顿后复查合格厂"} <= _names(county, june.escalated)
    august = build_pool(county, params, date(2026, 8, 1))  # 整顿后复查合格厂 passed its re-check on 07-01
    assert _names(county, august.escalated) == {"停业整顿厂", "吊销执照厂"}


def test_rule_3_and_rule_4_draws_verify_under_their_own_rule(county: Store) -> None:
    new = make_draw(county, seed="新", params=DrawParameters(jurisdiction="421202", ratios=ALL), as_of=DAY,
                    **WITNESSED)
    record = commit_draw(county, new)
    assert _names(county, [p["enterprise"] for p in record.selection]) == {"整顿后复查合格厂", "公告厂"}
    with pytest.raises(DrawError, match="停业整顿或吊销营业执照的 2 家"):  # the rest are out: says why
        make_draw(county, seed="再", params=DrawParameters(jurisdiction="421202", ratios=ALL), as_of=DAY)
    old = DrawParameters(jurisdiction="421202", ratios=ALL, pool_rule=3)  # as committed before rule 4
    old_record = commit_draw(county, make_draw(county, seed="旧", params=old, as_of=DAY, **WITNESSED))
    assert _names(county, [p["enterprise"] for p in old_record.selection]) == {"停业整顿厂", "吊销执照厂"}
    assert verify_draw(county, find_draw(county, record.uuid)) == []
    assert verify_draw(county, find_draw(county, old_record.uuid)) == []


def test_the_dialog_names_who_is_out_of_business(qtbot, chinese: None, county: Store, paths) -> None:  # noqa: ANN001
    from qcdesk.ui.draw_dialog import DrawDialog

    dialog = DrawDialog(county, paths, today=DAY)
    qtbot.addWidget(dialog)
    dialog.jurisdiction.setCurrentIndex(dialog.jurisdiction.findData("421202"))
    for edit in dialog.ratios.values():
        edit.setText("1")
    dialog.seed.setText("20261130-福彩3D-318")
    assert dialog.preview()
    text = dialog.summary.text()
    assert ("停业整顿或吊销营业执照的 2 家不参加：吊销执照厂（2026年7月1日复查不合格，已吊销营业执照）；"
            "停业整顿厂（2026年5月20日复查不合格，已责令停业，限期整顿，尚未复查合格）") in text
    assert "6 个月内已检查的 1 家不参加" in text  # 抽查过厂 only: not the two out of business
    assert "只计已实施的抽查" in text
    drawn = {dialog.model.data(dialog.model.index(r, 1)) for r in range(dialog.model.rowCount())}
    assert drawn == {"整顿后复查合格厂", "公告厂"}
