"""An order runs by the rule set in force on its date: SAMR order No. 18 (published 2019) took
effect on 2020-01-01; before it the 2010 rules (AQSIQ order No. 133: 30 days) applied. A 2017
order entered afterwards was proposed and printed under SAMR 18 (60/75 days) with no hint.
The core's default and the order dialog's proposal follow the order date; a rule set not in
force then is allowed (a clerk may know better) with a warning at the field."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt

from qcdesk.cli import main
from qcdesk.models.inspections import VisitBundle, save_visit
from qcdesk.models.records import Finding, Visit
from qcdesk.models.rectifications import order_rectification
from qcdesk.models.rules import rule_set_in_force
from qcdesk.models.store import Store
from qcdesk.ui.order_dialog import OrderRectificationDialog
from tests.test_domain import make_enterprise, make_inspectors

TODAY = date(2026, 11, 30)


@pytest.fixture
def old_check(store: Store) -> VisitBundle:
    """A 2016 site visit entered afterwards (the programme ran from 2016)."""
    e = make_enterprise(store)
    a, b = make_inspectors(store)
    return save_visit(store, VisitBundle(
        Visit(enterprise_id=e.id, visit_date="2016-09-12", kind="special", status="done",
              inspectors=[a.uuid, b.uuid], conclusion="发现问题"),
        [], [Finding(description="出厂检验记录不完整")]))


def stored(store: Store) -> tuple[str, str, str, str]:
    return tuple(store.db.execute(
        "SELECT rule_set, ordered_on, deadline, recheck_due FROM rectification").fetchone())


def notice_text(store: Store, rect_id: int, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils missing")
    out = tmp_path / "notice.pdf"
    assert main(["doc", "notice", str(rect_id), "--db", str(store.path), "--out", str(out)]) == 0
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", text)


def test_the_rule_set_in_force_changes_on_1_january_2020() -> None:
    assert rule_set_in_force(date(2016, 9, 13)) == "aqsiq133"
    assert rule_set_in_force(date(2019, 12, 31)) == "aqsiq133"
    assert rule_set_in_force(date(2020, 1, 1)) == "samr18"
    assert rule_set_in_force(TODAY) == "samr18"


def test_the_core_default_is_the_rule_set_of_the_order_date(store: Store, old_check: VisitBundle,
                                                            tmp_path: Path) -> None:
    rect = order_rectification(store, visit=old_check.visit, finding=old_check.findings[0],
                               requirement="完善出厂检验记录", ordered_on="2017-03-02", today=TODAY)
    assert stored(store) == ("aqsiq133", "2017-03-02", "2017-04-01", "2017-05-01")
    text = notice_text(store, rect.id, tmp_path)
    # a finding's order cites its own basis, not the spot-check rules (test_notice_finding_law);
    # the 2010 rules show in its deadline and in the one extension they allow
    assert "请于2017年4月1日前完成整改（自本通知书下达之日起30日内）" in text
    assert "延期只能申请一次，延长期限不超过30日" in text
    assert "第18号" not in text


def test_a_2020_order_still_defaults_to_samr18(store: Store, old_check: VisitBundle) -> None:
    order_rectification(store, visit=old_check.visit, finding=old_check.findings[0],
                        requirement="完善出厂检验记录", ordered_on="2020-01-01", today=TODAY)
    assert stored(store) == ("samr18", "2020-01-01", "2020-03-01", "2020-03-16")


def dialog_for(qtbot, store: Store, check: VisitBundle) -> OrderRectificationDialog:  # noqa: ANN001
    dialog = OrderRectificationDialog(store, check.visit, finding=check.findings[0])
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def set_day(dialog: OrderRectificationDialog, day: date) -> None:
    dialog.ordered_edit.setDate(QDate(day.year, day.month, day.day))


def test_the_dialog_proposes_the_rule_set_of_the_order_date(qtbot, store: Store, old_check: VisitBundle,
                                                            chinese) -> None:  # noqa: ANN001
    dialog = dialog_for(qtbot, store, old_check)
    assert dialog.rule_combo.currentData() == "samr18"  # dated today
    set_day(dialog, date(2016, 9, 13))
    assert dialog.rule_combo.currentData() == "aqsiq133"
    assert dialog.deadline_label.text() == "整改期限 2016-10-13，复查期限 2016-11-12"
    assert dialog.errors.message("rule_set") == ""  # the proposal is no warning
    assert "2020年1月1日起施行" in dialog.rule_combo.toolTip()
    set_day(dialog, date(2021, 5, 6))  # the proposal follows the date
    assert dialog.rule_combo.currentData() == "samr18"
    set_day(dialog, date(2016, 9, 13))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == 1
    assert stored(store) == ("aqsiq133", "2016-09-13", "2016-10-13", "2016-11-12")


def test_a_rule_set_not_in_force_is_warned_at_the_field_and_allowed(
        qtbot, store: Store, old_check: VisitBundle, chinese) -> None:  # noqa: ANN001
    dialog = dialog_for(qtbot, store, old_check)
    set_day(dialog, date(2016, 9, 13))
    dialog.rule_combo.setFocus()
    qtbot.keyClick(dialog.rule_combo, Qt.Key.Key_Up)  # the clerk picks SAMR 18
    assert dialog.rule_combo.currentData() == "samr18"
    warning = ("下达日期为2016年9月13日，当时市场监管总局令第18号尚未施行（自2020年1月1日起施行），"
               "适用的是质检总局令第133号：请核对期限规则；确知这项整改按所选规则办理的，可以保留")
    assert dialog.errors.message("rule_set") == warning
    assert dialog.rule_combo.property("fieldState") == "warning"
    set_day(dialog, date(2016, 9, 14))  # chosen: the date no longer moves it
    assert dialog.rule_combo.currentData() == "samr18"
    assert dialog.errors.message("rule_set").startswith(
        "下达日期为2016年9月14日，当时市场监管总局令第18号尚未施行")
    set_day(dialog, date(2021, 5, 6))  # in force then: the warning goes
    assert dialog.errors.message("rule_set") == ""
    set_day(dialog, date(2016, 9, 14))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # allowed, not refused
    assert dialog.result() == 1
    assert stored(store) == ("samr18", "2016-09-14", "2016-11-13", "2016-11-28")


def test_the_2010_rules_chosen_for_a_2021_order_are_warned(qtbot, store: Store, old_check: VisitBundle,
                                                          chinese) -> None:  # noqa: ANN001
    dialog = dialog_for(qtbot, store, old_check)
    set_day(dialog, date(2021, 5, 6))
    dialog.rule_combo.setFocus()
    qtbot.keyClick(dialog.rule_combo, Qt.Key.Key_Down)
    assert dialog.rule_combo.currentData() == "aqsiq133"
    assert dialog.errors.message("rule_set") == (
        "下达日期为2021年5月6日，质检总局令第133号自2020年1月1日起已由市场监管总局令第18号取代，"
        "适用的是市场监管总局令第18号：请核对期限规则；确知这项整改按所选规则办理的，可以保留")


def test_the_warning_stays_while_the_order_is_refused(qtbot, store: Store, old_check: VisitBundle,
                                                       chinese) -> None:  # noqa: ANN001
    dialog = dialog_for(qtbot, store, old_check)
    set_day(dialog, date(2016, 9, 13))
    dialog.rule_combo.setFocus()
    qtbot.keyClick(dialog.rule_combo, Qt.Key.Key_Up)
    dialog.requirement_edit.setPlainText("")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == 0 and dialog.errors.message("requirement")
    assert "尚未施行" in dialog.errors.message("rule_set")
    assert store.db.execute("SELECT count(*) FROM rectification").fetchone()[0] == 0
