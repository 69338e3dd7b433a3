"""Supervision rules as stored: a value out of bounds (written by another tool, an older
version, or by hand in the settings table) is ignored, never a reason for every later risk,
draw and warnings run to fail; the command line refuses such values before they are stored."""

from __future__ import annotations

import json
from datetime import date

import pytest

from qcdesk.cli import main
from qcdesk.models.risk import SETTINGS_KEY, SupervisionRules, load_rules, rule_bounds
from qcdesk.models.store import Store
from qcdesk.models.warnings import early_warnings


def test_stored_values_out_of_bounds_fall_back_to_the_defaults(store: Store) -> None:
    stored = {"window_months": 99999, "no_visit_months": -3, "failed_sample_points": True,
              "class_b_from": "30", "class_c_from": 50, "draw_team_size": 0,
              "draw_ratios": {"A": "0.5%", "B": "0.3", "C": 2, "E": "1"}}
    store.set_setting(SETTINGS_KEY, json.dumps(stored))
    rules, default = load_rules(store), SupervisionRules()
    assert rules.class_c_from == 50  # the one good number is kept
    assert (rules.window_months, rules.no_visit_months, rules.failed_sample_points,
            rules.class_b_from, rules.draw_team_size) == (
        default.window_months, default.no_visit_months, default.failed_sample_points,
        default.class_b_from, default.draw_team_size)
    # ratios as stored (a draw refuses "0.5%" in words rather than use other ratios), E dropped
    assert rules.draw_ratios == {"A": "0.5%", "B": "0.3", "C": "2", "D": default.draw_ratios["D"]}
    assert early_warnings(store, date(2026, 11, 1)) == []  # runs, instead of failing on 99999


@pytest.mark.parametrize("stored", ["[1, 2]", "null", "{\"draw_ratios\": \"all\"}"])
def test_stored_rules_of_the_wrong_shape_are_the_defaults(store: Store, stored: str) -> None:
    store.set_setting(SETTINGS_KEY, stored)
    assert load_rules(store) == SupervisionRules()


def test_the_command_line_refuses_a_one_person_team(store: Store,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert rule_bounds("draw_team_size") == (2, 20)
    assert main(["risk", "--db", str(store.path), "--set", "draw_team_size=1"]) == 2
    assert "draw_team_size 不能小于 2" in capsys.readouterr().err
    assert load_rules(store).draw_team_size == 2
