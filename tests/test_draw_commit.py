"""A committed 双随机 draw is a record: committed once, never planning a second visit to an enterprise
already due one, with its operator and a witness, and still verifiable after later draws and visits."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from qcdesk.cli import main
from qcdesk.models.draw import DrawError, DrawParameters, commit_draw, find_draw, make_draw, verify_draw
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import save_inspector
from qcdesk.models.records import Enterprise, Inspector
from qcdesk.models.store import Store, now_utc
from qcdesk.paths import AppPaths

pytestmark = pytest.mark.usefixtures("draw_today_fixed")  # its draws are dated 2026 (conftest)

DAY = date(2026, 11, 30)
CODES = ["91421202MA4AEDKU8T", "91421221MA4E3XHX15", "91421222MA4PJ5BUX4", "91421223MA4059AK31",
         "91421224MA4CJGYT6P", "91421281MA4KL5FE07", "92421281MA4C3FYL02", "93421281MA4NECRW8W"]
HALF = DrawParameters(jurisdiction="421281", ratios=dict.fromkeys("ABCD", "0.5"))
WITNESSED = {"operator": "王科长", "witnesses": ["李四"]}


@pytest.fixture
def county(store: Store) -> Store:
    for i, code in enumerate(CODES):
        save_enterprise(store, Enterprise(uscc=code, name=f"通山企业{i}", jurisdiction_code="421281"))
    for name in ("王磊", "李娜", "张伟", "刘洋"):
        save_inspector(store, Inspector(name=name, jurisdiction_code="421281"))
    return store


def planned_per_enterprise(store: Store) -> dict[str, int]:
    return dict(store.db.execute(
        "SELECT e.name, count(*) FROM visit v JOIN enterprise e ON e.id = v.enterprise_id"
        " WHERE v.status = 'planned' AND v.deleted_at IS NULL GROUP BY e.name").fetchall())


def drawn(store: Store, record_uuid: str) -> set[str]:
    record = find_draw(store, record_uuid)
    uuids = [p["enterprise"] for p in record.selection]
    return {r[0] for r in store.db.execute(
        "SELECT name FROM enterprise WHERE uuid IN (SELECT value FROM json_each(?))", [json.dumps(uuids)])}


def test_the_same_draw_is_committed_once_and_the_refusal_names_the_first(county: Store) -> None:
    first = commit_draw(county, make_draw(county, seed="2026-11-30 福彩3D 123", params=HALF, as_of=DAY,
                                          **WITNESSED))
    before = planned_per_enterprise(county)
    assert sum(before.values()) == len(first.selection) >= 4
    # the same seed, scope, ratios and date — ratios written another way, the seed with a stray space
    again = DrawParameters(jurisdiction="421281", ratios=dict.fromkeys("ABCD", "0.50"))
    with pytest.raises(DrawError) as caught:
        commit_draw(county, make_draw(county, seed="2026-11-30 福彩3D 123 ", params=again, as_of=DAY,
                                      **WITNESSED))
    assert first.uuid in str(caught.value) and "不能重复确认" in str(caught.value)
    assert first.uuid in caught.value.text("en") and "cannot be committed again" in caught.value.text("en")
    assert planned_per_enterprise(county) == before  # nothing written
    assert county.db.execute("SELECT count(*) FROM draw_record").fetchone()[0] == 1


def test_a_second_draw_that_day_leaves_out_enterprises_already_planned(county: Store) -> None:
    first = commit_draw(county, make_draw(county, seed="第1期", params=HALF, as_of=DAY, **WITNESSED))
    everyone = DrawParameters(jurisdiction="421281", ratios=dict.fromkeys("ABCD", "1"))
    result = make_draw(county, seed="第2期", params=everyone, as_of=DAY, **WITNESSED)
    planned = {p["enterprise"] for p in first.selection}
    assert set(result.pool.planned) == planned and result.pool.excluded == len(planned)  # with the reason
    assert not planned & {u for u, _ in result.pool.enterprises}
    second = commit_draw(county, result)
    assert set(planned_per_enterprise(county).values()) == {1}  # every enterprise planned once
    assert drawn(county, first.uuid).isdisjoint(drawn(county, second.uuid))
    # each verifies as of its own draw: the first's own visits and the second's do not move its pool
    assert verify_draw(county, find_draw(county, first.uuid)) == []
    assert verify_draw(county, find_draw(county, second.uuid)) == []


def test_verify_rebuilds_the_planned_exclusions_as_they_stood_at_the_draw(county: Store) -> None:
    first = commit_draw(county, make_draw(county, seed="第1期", params=HALF, as_of=DAY, **WITNESSED))
    everyone = DrawParameters(jurisdiction="421281", ratios=dict.fromkeys("ABCD", "1"))
    second = commit_draw(county, make_draw(county, seed="第2期", params=everyone, as_of=DAY, **WITNESSED))
    # the first draw's visits are carried out a few days later, but one is called off
    county.db.execute("UPDATE visit SET status = 'done', visit_date = '2026-12-03'"
                      " WHERE summary LIKE ?", [f"%{first.uuid}%"])
    county.db.execute("UPDATE visit SET deleted_at = ? WHERE id = (SELECT min(id) FROM visit"
                      " WHERE summary LIKE ?)", [now_utc(), f"%{first.uuid}%"])
    assert verify_draw(county, find_draw(county, second.uuid)) == []
    assert verify_draw(county, find_draw(county, first.uuid)) == []
    # and a new draw now sees the called-off enterprise again, but not the ones just checked
    third = make_draw(county, seed="第3期", params=everyone, as_of=date(2026, 12, 10), **WITNESSED)
    assert len(third.pool.enterprises) == 1 and third.pool.excluded == 7


def test_a_draw_recorded_before_the_rule_verifies_as_it_was_made(county: Store) -> None:
    """Records without `exclude_planned` (older versions) keep the pool rule they were drawn under."""
    commit_draw(county, make_draw(county, seed="早期", params=HALF, as_of=DAY, **WITNESSED))
    old_rule = DrawParameters(jurisdiction="421281", ratios=dict.fromkeys("ABCD", "1"), exclude_planned=False)
    old = commit_draw(county, make_draw(county, seed="旧版", params=old_rule, as_of=DAY, **WITNESSED))
    params = find_draw(county, old.uuid).parameters
    del params["exclude_planned"]
    county.db.execute("UPDATE draw_record SET parameters = ? WHERE uuid = ?",
                      [json.dumps(params, ensure_ascii=False), old.uuid])
    assert find_draw(county, old.uuid).pool_size == 8
    assert verify_draw(county, find_draw(county, old.uuid)) == []


@pytest.mark.parametrize(("who", "words"), [
    ({"operator": "", "witnesses": ["李四"]}, "请填写操作人"),
    ({"operator": "王科长", "witnesses": []}, "请至少填写一名见证人"),
    ({"operator": "王科长", "witnesses": [" 王科长 ", " "]}, "请至少填写一名见证人"),  # not their own witness
])
def test_commit_needs_the_operator_and_a_witness(county: Store, who: dict, words: str) -> None:
    with pytest.raises(DrawError, match=words):
        commit_draw(county, make_draw(county, seed="s", params=HALF, as_of=DAY, **who))
    assert planned_per_enterprise(county) == {}
    assert county.db.execute("SELECT count(*) FROM draw_record").fetchone()[0] == 0


def test_dialog_asks_for_operator_and_witness_then_shows_the_committed_draw(
        qtbot: QtBot, chinese: None, county: Store, paths: AppPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    from qcdesk.ui.draw_dialog import DrawDialog

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(f"{title}|{text}"))
    dialog = DrawDialog(county, paths, today=DAY)
    qtbot.addWidget(dialog)
    dialog.jurisdiction.setCurrentIndex(dialog.jurisdiction.findData("421281"))
    dialog.seed.setText("2026-11-30 福彩3D 123")
    for edit in dialog.ratios.values():
        edit.setText("0.5")
    assert dialog.preview()
    picks = [dialog.model.index(r, 1).data() for r in range(dialog.model.rowCount())]
    assert dialog.commit() is None
    assert shown == ["未确认抽取|请填写操作人（主持本次抽取的人员），公开抽取须记录操作人"]
    dialog.operator.setText("王科长")  # filled after the preview: no new preview needed
    assert dialog.commit() is None
    assert shown[-1] == "未确认抽取|请至少填写一名见证人（操作人以外的人员），公开抽取须有见证"
    assert planned_per_enterprise(county) == {}
    dialog.witnesses.setText("李四，张三")
    record = dialog.commit()
    assert record and find_draw(county, record).witnesses == ["李四", "张三"]
    drawn_first = sum(planned_per_enterprise(county).values())
    assert drawn_first == dialog.model.rowCount() >= 4
    # the office previews the same draw again: it is shown as committed, and cannot be committed twice
    assert dialog.preview()
    assert [dialog.model.index(r, 1).data() for r in range(dialog.model.rowCount())] == picks
    assert record in dialog.summary.text() and "已于" in dialog.summary.text()
    assert "不能再次确认" in dialog.summary.text()
    assert not dialog.commit_button.isEnabled() and dialog.commit() is None
    assert dialog.stored.currentData() == record
    assert set(planned_per_enterprise(county).values()) == {1}
    # another seed the same day: the planned enterprises are left out, and the summary says so
    dialog.seed.setText("2026-11-30 福彩3D 456")
    assert dialog.preview()
    assert f"另有 {drawn_first} 家已有计划抽查，不参加：" in dialog.summary.text()
    assert dialog.commit()
    assert set(planned_per_enterprise(county).values()) == {1}


def test_cli_refuses_an_unwitnessed_or_repeated_commit(county: Store, capsys: pytest.CaptureFixture[str],
                                                        tmp_path: Path) -> None:
    db = str(county.path)
    base = ["draw", "--db", db, "--seed", "2026-11-30 福彩3D 123", "--jurisdiction", "421281",
            "--date", "2026-11-30"]
    assert main([*base, "--commit"]) == 2
    assert "请填写操作人" in capsys.readouterr().err
    assert main([*base, "--operator", "王科长", "--commit"]) == 2
    assert "见证人" in capsys.readouterr().err
    assert main([*base, "--operator", "王科长", "--witness", "李四", "--commit", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)["record"]
    assert main([*base, "--operator", "王科长", "--witness", "李四", "--commit"]) == 2
    err = capsys.readouterr().err
    assert record in err and "不能重复确认" in err
    assert main([*base, "--json"]) == 0  # a preview says it was committed already
    assert json.loads(capsys.readouterr().out)["committed_as"] == record
    assert main(["draw", "--db", db, "--seed", "另一期", "--jurisdiction", "421281", "--date", "2026-11-30",
                 "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["excluded_planned"]) == len(find_draw(county, record).selection)
    assert all(e["name"].startswith("通山企业") for e in out["excluded_planned"])
    assert main(["draw", "verify", record, "--db", db]) == 0


def test_a_refused_commit_leaves_the_database_as_it_was(county: Store, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """Review (command line): a draw of today refused for want of an operator or a witness had
    already refreshed the day's risk classes in the database; it is refused before drawing."""
    from tests.day_clock import fixed_today

    db = str(county.path)
    assert main(["risk", "--db", db, "--date", "2026-11-20"]) == 0  # the classes of another day
    fixed_today(monkeypatch, date(2026, 11, 30))
    capsys.readouterr()
    before = _dump(county)
    for people in ([], ["--operator", "王科长"], ["--operator", "王科长", "--witness", "王科长"]):
        assert main(["draw", "--db", db, "--seed", "2026-11-30 福彩3D 123", "--commit", *people]) == 2
        assert capsys.readouterr().err.count("\n") == 1
        assert _dump(county) == before, people


def _dump(store: Store) -> list[str]:
    import sqlite3

    with sqlite3.connect(store.path) as conn:
        return list(conn.iterdump())
