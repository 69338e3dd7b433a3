"""`qcdesk risk --set` refuses rules that contradict themselves, and never saves a rule while
refusing the rest of the command. Class B from 80 with C from 45 was saved (class B then held no
firm and scores 20–44 read as A); A drawn at 0.9 and D at 0.1 inverted what risk classes are for;
`--set … --enterprise XYZ` saved the rule and exited 0 without a word on the unknown firm."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qcdesk.cli import main
from qcdesk.models.store import Store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "qcdesk.db"
    Store.open(path).close()
    return path


def _rules(db: Path) -> dict:
    store = Store.open(db)
    try:
        return json.loads(store.setting("supervision.rules") or "{}")
    finally:
        store.close()


@pytest.mark.parametrize(("sets", "words"), [
    (["class_b_from=80"], "B类起点（80）应小于C类起点（45）"),
    (["class_d_from=40"], "C类起点（45）应小于D类起点（40）"),
    (["draw_ratios.A=0.9", "draw_ratios.D=0.1"], "风险越高抽取比例应越大"),
])
def test_contradictory_rules_are_refused_and_nothing_is_saved(
        db: Path, capsys: pytest.CaptureFixture[str], sets: list[str], words: str) -> None:
    before = _rules(db)
    args = [a for s in sets for a in ("--set", s)]
    assert main(["risk", "--db", str(db), *args]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and words in err[0], err
    assert _rules(db) == before


def test_a_rule_set_with_an_enterprise_is_refused_before_anything_is_saved(
        db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _rules(db)
    assert main(["risk", "--db", str(db), "--set", "no_visit_months=12", "--enterprise", "XYZ"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--set" in err[0] and "--enterprise" in err[0], err
    assert _rules(db) == before


def test_consistent_rules_are_saved(db: Path) -> None:
    assert main(["risk", "--db", str(db), "--set", "class_b_from=25", "--set", "draw_ratios.B=0.3"]) == 0
    assert _rules(db)["class_b_from"] == 25 and _rules(db)["draw_ratios"]["B"] == "0.3"
