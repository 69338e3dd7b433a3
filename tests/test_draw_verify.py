"""`draw verify` judges the signed record by itself — re-drawn from its own stored pool and seed it
gives its stored result — and lists how the verifying database's register differs as information:
the city holds other counties' data and later visits, which never make an honest draw 不一致."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from qcdesk.cli import main
from qcdesk.models.draw import DrawParameters, check_draw, commit_draw, find_draw, make_draw
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import save_inspector
from qcdesk.models.records import Enterprise, Inspector
from qcdesk.models.store import Store

DAY = date(2026, 11, 30)
CODES = ["91421202MA4AEDKU8T", "91421221MA4E3XHX15", "91421222MA4PJ5BUX4", "91421223MA4059AK31",
         "91421224MA4CJGYT6P", "91421281MA4KL5FE07"]
LATER = ["92421281MA4C3FYL02", "93421281MA4NECRW8W"]
HALF = DrawParameters(jurisdiction="421281", ratios=dict.fromkeys("ABCD", "0.5"))
OUTSIDER = "00000000-0000-4000-8000-000000000000"  # on no team
WITNESSED = {"operator": "王科长", "witnesses": ["李四"]}


@pytest.fixture
def county(store: Store) -> Store:
    for i, code in enumerate(CODES):
        save_enterprise(store, Enterprise(uscc=code, name=f"赤壁企业{i}", jurisdiction_code="421281"))
    for name in ("王磊", "李娜", "张伟", "刘洋"):
        save_inspector(store, Inspector(name=name, jurisdiction_code="421281"))
    return store


def city_copy(county: Store, tmp_path: Path, record_uuid: str) -> Store:
    """The county's register and draw as the city holds them, plus what the city got afterwards:
    more enterprises and an inspector of that county (e.g. in another county's package)."""
    county.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = tmp_path / "city.db"
    shutil.copy(county.path, path)
    city = Store.open(path)
    for i, code in enumerate(LATER):
        save_enterprise(city, Enterprise(uscc=code, name=f"后来企业{i}", jurisdiction_code="421281"))
    save_inspector(city, Inspector(name="赵新", jurisdiction_code="421281"))
    assert find_draw(city, record_uuid) is not None
    return city


def test_an_honest_draw_is_consistent_where_the_register_has_grown_since(
        county: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = commit_draw(county, make_draw(county, seed="2026-11-30 第1期", params=HALF, as_of=DAY,
                                           **WITNESSED))
    city = city_copy(county, tmp_path, record.uuid)
    city.close()
    assert main(["draw", "verify", record.uuid[:8], "--db", str(tmp_path / "city.db")]) == 0
    captured = capsys.readouterr()
    assert "不一致" not in captured.err + captured.out
    lines = captured.out.splitlines()
    assert lines[0].startswith(f"一致：抽取记录 {record.uuid} 按保存的抽取池和种子重新抽取，结果与记录相同")
    assert lines[0].count("一致") == 1  # the verdict is said once
    assert lines[1].startswith("与本库当前名录的差异（供参考，不影响结论")
    pool_note = next(line for line in lines if "按本库当前名录重建的抽取池与抽取时不同" in line)
    assert "新进入池中：后来企业" in pool_note and "执法人员名录不同" in pool_note
    assert {"后来企业0", "后来企业1"} <= set(pool_note.split("：")[2].split("；")[0].split("、"))


@pytest.mark.parametrize(("column", "edit", "words"), [
    ("selection", lambda s: [{**s[0], "inspectors": [s[0]["inspectors"][0], OUTSIDER]}, *s[1:]],
     "按保存的抽取池和种子重新抽取，结果与记录不同：执法人员配对不同"),
    ("pool_snapshot", lambda p: {**p, "enterprises": p["enterprises"][1:]},
     "记录中保存的抽取池快照与其哈希值不符"),
])
def test_a_tampered_record_is_still_inconsistent_in_the_city_and_at_home(
        county: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        column: str, edit: object, words: str) -> None:
    record = commit_draw(county, make_draw(county, seed="s1", params=HALF, as_of=DAY, **WITNESSED))
    city = city_copy(county, tmp_path, record.uuid)
    for store in (city, county):
        value = json.loads(store.db.execute(f"SELECT {column} FROM draw_record WHERE uuid = ?",
                                            [record.uuid]).fetchone()[0])
        store.db.execute(f"UPDATE draw_record SET {column} = ? WHERE uuid = ?",
                         [json.dumps(edit(value), ensure_ascii=False), record.uuid])  # type: ignore[operator]
        db = str(store.path)
        store.close()
        assert main(["draw", "verify", record.uuid, "--db", db]) == 1
        captured = capsys.readouterr()
        assert f"不一致：{words}" in captured.err, captured.err
        assert "一致：抽取记录" not in captured.out


def test_a_later_backdated_draw_does_not_move_the_pool_of_an_earlier_one(county: Store) -> None:
    first = commit_draw(county, make_draw(county, seed="第1期", params=HALF, as_of=DAY, **WITNESSED))
    everyone = DrawParameters(jurisdiction="421281", ratios=dict.fromkeys("ABCD", "1"))
    # the next draw is dated ten days earlier: its planned visits fall in the first draw's window
    later = commit_draw(county, make_draw(county, seed="第2期", params=everyone, as_of=DAY - timedelta(10),
                                          **WITNESSED))
    assert later.selection
    check = check_draw(county, find_draw(county, first.uuid))
    assert check.problems == [] and check.notes == [], check.notes  # not "不再在池中"
    assert check_draw(county, find_draw(county, later.uuid), "en").problems == []


def test_the_dialog_gives_the_verdict_and_lists_the_differences_apart(
        qtbot, chinese: None, county: Store, tmp_path: Path, paths) -> None:  # noqa: ANN001
    from qcdesk.ui.draw_dialog import DrawDialog

    record = commit_draw(county, make_draw(county, seed="s1", params=HALF, as_of=DAY, **WITNESSED))
    city = city_copy(county, tmp_path, record.uuid)
    dialog = DrawDialog(city, paths, today=DAY)
    qtbot.addWidget(dialog)
    dialog.stored.setCurrentIndex(dialog.stored.findData(record.uuid))
    assert dialog.verify() == []
    verdict, notes = dialog.summary.text().split("\n\n")
    assert verdict == (f"抽取记录 {record.uuid} 一致：按保存的抽取池和种子重新抽取，结果与记录相同"
                       "（抽取池哈希与抽中结果相同）。")
    assert notes.startswith("与本库当前名录的差异（供参考，不影响结论）：\n"
                            "· 按本库当前名录重建的抽取池与抽取时不同：新进入池中：")
    assert "后来企业0" in notes and "不一致" not in notes
    city.close()
