"""Real but unlikely dates on a visit and its 抽样单 (review RA B1): a 生产日期 of 2062, a product
made after it was sampled, a sample taken after today or after the day of the completed check, a
result told before the sample was taken, a visit dated 1926. Each was saved without a word; now
each is a warning at its field, in words saying what to check, and the visit still saves."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, load_visit, save_inspector, save_visit, validate_visit
from qcdesk.models.records import Enterprise, Inspector, Sample, Visit
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui.forms import set_combo_data
from qcdesk.ui.visit_editor import VisitEditor

TODAY = date(2026, 12, 1)
SEALED = "已封样（检验样品、备用样品）"


@pytest.fixture
def firm(store: Store) -> tuple[int, list[str]]:
    e = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市羊楼洞茶业有限公司",
                                          jurisdiction_code="421281"), [])
    team = [save_inspector(store, Inspector(name=n, jurisdiction_code="421281")).uuid
            for n in ("王磊", "李娜")]
    return e.id, team


def _bundle(firm: tuple[int, list[str]], visit_date: str = "2026-11-20", status: str = "done",
            **sample: str) -> VisitBundle:
    values = {"product_name": "青砖茶", "samplers": ["王磊", "李娜"], "seal_state": SEALED,
              "sampled_on": "2026-11-20", **sample}
    return VisitBundle(Visit(enterprise_id=firm[0], visit_date=visit_date, kind="spot_check", status=status,
                             inspectors=firm[1]), samples=[Sample(**values)])


def _warnings(store: Store, bundle: VisitBundle) -> list[tuple[str, str]]:
    return [(i.field, i.text("zh")) for i in validate_visit(store, bundle, TODAY) if i.warning]


@pytest.mark.parametrize(("given", "field", "words"), [
    ({"production_date": "2062-11-03"}, "samples.0.production_date",
     "生产日期 2062-11-03 晚于今天（2026-12-01）：请核对生产日期（常见的是年份写错）"),
    ({"production_date": "2026-11-25"}, "samples.0.production_date",
     "生产日期 2026-11-25 晚于抽样日期 2026-11-20：样品不能在生产之前抽取，请核对这两个日期"),
    ({"sampled_on": "2027-11-20"}, "samples.0.sampled_on", "抽样日期 2027-11-20 晚于今天（2026-12-01）"),
    ({"sampled_on": "2026-11-30"}, "samples.0.sampled_on",
     "抽样日期 2026-11-30 晚于检查日期 2026-11-20：已完成的检查中的样品应在检查当天抽取"),
    ({"result_notified_on": "2026-11-01"}, "samples.0.result_notified_on",
     "结果告知日期 2026-11-01 早于抽样日期 2026-11-20：检验结果不能在抽样之前告知，请核对这两个日期"),
])
def test_an_unlikely_sample_date_is_warned_and_saved(store: Store, firm: tuple[int, list[str]],
                                                     given: dict[str, str], field: str, words: str) -> None:
    bundle = _bundle(firm, **given)
    found = _warnings(store, bundle)
    assert [f for f, _ in found] == [field]
    assert found[0][1].startswith("提示：" + words) and found[0][1].endswith("日期无误的可直接保存")
    saved = save_visit(store, bundle, TODAY)  # a warning, not a refusal
    stored = load_visit(store, saved.visit.id).samples[0]
    assert {k: getattr(stored, k) for k in given} == given


def test_a_visit_dated_1926_is_warned_once_and_saved(store: Store, firm: tuple[int, list[str]]) -> None:
    bundle = _bundle(firm, visit_date="1926-11-20", sampled_on="1926-11-20")
    found = dict(_warnings(store, bundle))
    assert found["visit_date"].startswith(
        "提示：检查日期为1926年（1926-11-20），早于今天5年以上：请核对年份是否写错")
    assert "抽样日期为1926年" in found["samples.0.sampled_on"]
    saved = save_visit(store, bundle, TODAY)
    assert load_visit(store, saved.visit.id).visit.visit_date == "1926-11-20"
    again = load_visit(store, saved.visit.id)  # kept as it is: not flagged on every later save
    again.visit.summary = "补记"
    assert _warnings(store, again) == []


def test_a_plan_two_years_ahead_is_warned_and_ordinary_dates_are_not(
        store: Store, firm: tuple[int, list[str]]) -> None:
    plan = VisitBundle(Visit(enterprise_id=firm[0], visit_date="2028-12-01", kind="spot_check",
                             status="planned", inspectors=firm[1]))
    assert [t for _, t in _warnings(store, plan)] == [
        "提示：计划检查日期 2028-12-01 比今天（2026-12-01）晚一年以上：请核对年份是否写错；"
        "日期无误的可直接保存"]
    ordinary = _bundle(firm, production_date="2026-10-01", result_notified_on="2026-11-28")
    assert _warnings(store, ordinary) == []


def _editor(qtbot: QtBot, store: Store, tmp_path, firm: tuple[int, list[str]]) -> VisitEditor:  # noqa: ANN001
    editor = VisitEditor(store, AppPaths(tmp_path / "data", tmp_path / "config"), enterprise_id=firm[0],
                         settings=None)
    qtbot.addWidget(editor)
    editor.show()
    set_combo_data(editor.kind_combo, "spot_check")
    set_combo_data(editor.status_combo, "done")
    for i in range(editor.inspector_list.count()):
        editor.inspector_list.item(i).setCheckState(Qt.CheckState.Checked)
    return editor


def _type(qtbot: QtBot, widget, text: str) -> None:  # noqa: ANN001
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)
    widget.editingFinished.emit()  # as leaving the field does


def test_the_editor_shows_a_future_production_date_in_yellow_and_saves_it(
        qtbot: QtBot, chinese: None, store: Store, firm: tuple[int, list[str]], tmp_path) -> None:  # noqa: ANN001
    editor = _editor(qtbot, store, tmp_path, firm)
    tab = editor.samples_tab
    tab.add()
    tab.product_edit.setText("青砖茶")
    tab.samplers_edit.setText("王磊、李娜")
    tab.seal_combo.setCurrentIndex(tab.seal_combo.findData(SEALED))
    produced = date.today().replace(year=date.today().year + 36, day=3).isoformat()  # 2062-12-03
    field = dict(tab.bindings)["production_date"]
    _type(qtbot, field, produced)
    note = tab.errors.message("production_date")
    assert note.startswith(f"提示：生产日期 {produced} 晚于今天（{date.today()}）"), note
    assert field.property("fieldState") == "warning"  # yellow, not the red of a refusal
    assert editor.save()
    sample = load_visit(store, editor.bundle.visit.id).samples[0]
    assert sample.production_date == produced


def test_the_editor_says_a_visit_in_1926_is_to_be_checked_and_saves_it(
        qtbot: QtBot, chinese: None, store: Store, firm: tuple[int, list[str]], tmp_path) -> None:  # noqa: ANN001
    editor = _editor(qtbot, store, tmp_path, firm)
    _type(qtbot, editor.date_edit, "1926-11-20")
    assert editor.date_edit.date() == QDate(1926, 11, 20)
    note = editor.errors.message("visit_date")
    assert note.startswith("提示：检查日期为1926年（1926-11-20），早于今天5年以上：请核对年份是否写错"), note
    assert editor.date_edit.property("fieldState") == "warning"
    _type(qtbot, editor.date_edit, "2026-11-20")  # corrected: the note goes
    assert editor.errors.message("visit_date") == ""
    _type(qtbot, editor.date_edit, "1926-11-20")  # it really was 1926: saved as it is
    assert editor.save()
    assert load_visit(store, editor.bundle.visit.id).visit.visit_date == "1926-11-20"
