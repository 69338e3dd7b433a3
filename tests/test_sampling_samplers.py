"""The sampling record's samplers and seal: at least two samplers take a sample (one is refused, with
what to do), a blank seal state or samplers list is pointed out but saved (the form may be completed
after the result comes in), and records saved before this rule still open and save unchanged."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from qcdesk.models.demo import build_demo
from qcdesk.models.enterprises import enterprise_licences, save_enterprise
from qcdesk.models.inspections import VisitBundle, load_visit, save_inspector, save_visit, validate_visit
from qcdesk.models.messages import ValidationFailed
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Enterprise, Inspector, Sample, Visit
from qcdesk.models.sample_checks import split_names
from qcdesk.models.store import Store
from qcdesk.ui.visit_editor import VisitEditor

USCC = "91421281MA4KL5FE07"
NAME = "赤壁市羊楼洞茶业有限公司"
SEALED = "已封样（检验样品、备用样品）"
TOO_FEW = "抽样人员至少两名，当前只填写了1名：请填写全部抽样人员姓名，以顿号分隔（如 张三、李四）"

pytestmark = pytest.mark.usefixtures("chinese_core_no_boxes")


def spot_check(store: Store, *samples: Sample, status: str = "done") -> VisitBundle:
    e = save_enterprise(store, Enterprise(uscc=USCC, name=NAME, jurisdiction_code="421281"))
    crew = [save_inspector(store, Inspector(name=n, jurisdiction_code="421281")).uuid
            for n in ("王磊", "李娜")]
    visit = Visit(enterprise_id=e.id, visit_date="2026-11-20", status=status, inspectors=crew)
    return VisitBundle(visit, samples=list(samples))


def issues_of(store: Store, bundle: VisitBundle) -> list[tuple[str, str, bool]]:
    return [(i.field, i.text(), i.warning) for i in validate_visit(store, bundle)]


def test_one_sampler_is_refused_saying_what_to_do(store: Store) -> None:
    bundle = spot_check(store, Sample(product_name="青砖茶", samplers=["张三"], seal_state=SEALED))
    with pytest.raises(ValidationFailed) as info:
        save_visit(store, bundle)
    assert [(i.field, i.text()) for i in info.value.issues] == [("samples.0.samplers", TOO_FEW)]
    assert info.value.issues[0].text("en").startswith("A sample is taken by at least two samplers")
    assert store.db.execute("SELECT count(*) FROM sample").fetchone()[0] == 0


def test_the_same_name_twice_is_one_sampler(store: Store) -> None:
    bundle = spot_check(store, Sample(product_name="青砖茶", samplers=["张三", "张三"], seal_state=SEALED))
    assert ("samples.0.samplers", TOO_FEW, False) in issues_of(store, bundle)


@pytest.mark.parametrize("typed", ["张三、李四", "张三，李四", "张三,李四", "张三；李四", "张三/李四",
                                   "张三／李四", "张三 李四", "张三　李四", "张三、 李四、"])
def test_names_are_separated_by_the_usual_marks(typed: str) -> None:
    assert split_names(typed) == ["张三", "李四"]


def test_a_two_character_name_padded_with_a_space_stays_one_name() -> None:
    assert split_names("张 三") == ["张 三"]
    assert split_names("张 三、李四") == ["张 三", "李四"]


@pytest.mark.parametrize(("typed", "names"), [
    ("Zhang San, Li Si", ["Zhang San", "Li Si"]),
    ("Zhang San、Li Si", ["Zhang San", "Li Si"]),
    ("Zhang San", ["Zhang San"]),
    ("Zhang San\nLi Si", ["Zhang San", "Li Si"]),
    ("张三 李四、王五", ["张三 李四", "王五"]),  # a separator marks where the names end
    ("Wang Lei 李娜", ["Wang Lei 李娜"]),  # not all Chinese: no guess at the spaces
])
def test_latin_names_keep_their_space_and_separators_decide(typed: str, names: list[str]) -> None:
    assert split_names(typed) == names


def test_latin_names_typed_into_one_entry_are_stored_as_two(store: Store) -> None:
    sample = Sample(product_name="青砖茶", samplers=["Zhang San, Li Si"], seal_state=SEALED)
    saved = save_visit(store, spot_check(store, sample))
    assert load_visit(store, saved.visit.id).samples[0].samplers == ["Zhang San", "Li Si"]


def test_two_names_in_one_entry_are_stored_as_two(store: Store) -> None:
    bundle = save_visit(store, spot_check(store, Sample(product_name="青砖茶", samplers=["张三/李四"],
                                                        seal_state=SEALED)))
    assert load_visit(store, bundle.visit.id).samples[0].samplers == ["张三", "李四"]


def test_blank_seal_state_and_samplers_are_pointed_out_and_saved(store: Store) -> None:
    """The form may be filled in after the result: what is still blank does not block saving."""
    bundle = spot_check(store, Sample(product_name="青砖茶", result="pass"))
    found = issues_of(store, bundle)
    assert [(f, w) for f, _t, w in found] == [("samples.0.samplers", True), ("samples.0.seal_state", True)]
    assert found[1][1].startswith("封样状态未填写：样品应封存为检验样品和备用样品，请选择封样状态")
    save_visit(store, bundle)


def test_one_sampler_on_a_planned_visit_is_only_pointed_out(store: Store) -> None:
    bundle = spot_check(store, Sample(product_name="青砖茶", samplers=["张三"], seal_state=SEALED),
                        status="planned")
    assert ("samples.0.samplers", TOO_FEW, True) in issues_of(store, bundle)
    save_visit(store, bundle)


def test_a_record_saved_with_one_sampler_before_still_saves_unchanged(store: Store) -> None:
    bundle = save_visit(store, spot_check(store, Sample(product_name="青砖茶", samplers=["张三", "李四"])))
    sid = bundle.samples[0].id
    store.db.execute("""UPDATE sample SET samplers = '["张三"]' WHERE id = ?""", [sid])  # as saved before
    old = load_visit(store, bundle.visit.id)
    old.visit.summary = "补充检查情况"
    assert ("samples.0.samplers", TOO_FEW, True) in issues_of(store, old)
    save_visit(store, old)
    again = load_visit(store, bundle.visit.id)
    again.samples[0].samplers = ["王五"]  # a new single sampler typed now is refused
    with pytest.raises(ValidationFailed):
        save_visit(store, again)
    assert fetch_record(store, Sample, sid).samplers == ["张三"]


def test_the_visit_editor_shows_the_sampler_message_at_the_field(qtbot, store: Store, paths,
                                                                 settings) -> None:
    e = save_enterprise(store, Enterprise(uscc=USCC, name=NAME, jurisdiction_code="421281"))
    for name in ("王磊", "李娜"):
        save_inspector(store, Inspector(name=name, jurisdiction_code="421281"))
    ed = VisitEditor(store, paths, settings=settings, enterprise_id=e.id)
    qtbot.addWidget(ed)
    ed.show()
    for i in range(ed.inspector_list.count()):
        ed.inspector_list.item(i).setCheckState(Qt.CheckState.Checked)
    tab = ed.samples_tab
    ed.tabs.setCurrentWidget(tab)
    tab.add()
    tab.product_edit.setText("青砖茶")
    tab.seal_combo.setEditText("")
    assert tab.errors.message("seal_state").startswith("封样状态未填写")  # yellow while typing
    tab.samplers_edit.setText("张三")
    tab.samplers_edit.editingFinished.emit()
    assert tab.errors.message("samplers") == TOO_FEW
    qtbot.mouseClick(ed.save_button, Qt.MouseButton.LeftButton)
    assert store.db.execute("SELECT count(*) FROM sample").fetchone()[0] == 0
    assert ed.tabs.currentWidget() is tab and tab.errors.message("samplers") == TOO_FEW
    assert tab.samplers_edit.property("fieldState") == "error"
    tab.samplers_edit.setText("张三 李四")
    qtbot.mouseClick(ed.save_button, Qt.MouseButton.LeftButton)
    saved = store.db.execute("SELECT samplers, seal_state FROM sample").fetchall()
    assert saved == [('["张三", "李四"]', "")]


def test_every_record_of_a_demo_database_saves_unchanged(tmp_path) -> None:
    """A reviewer re-saved every enterprise and visit of a demo database: none may be refused,
    and the demo's samples are taken by two samplers and sealed."""
    store = Store.open(build_demo(tmp_path / "demo.db", seed=3, enterprises=40, visits=400), author="t")
    try:
        for (eid,) in store.db.execute("SELECT id FROM enterprise WHERE deleted_at IS NULL").fetchall():
            save_enterprise(store, fetch_record(store, Enterprise, eid), enterprise_licences(store, eid))
        checked = 0
        for (vid,) in store.db.execute("SELECT id FROM visit WHERE deleted_at IS NULL").fetchall():
            bundle = load_visit(store, vid)
            rules = {i.rule for i in validate_visit(store, bundle)}
            assert not rules & {"samplers.too_few", "samplers.missing", "seal.missing"}
            save_visit(store, bundle)
            checked += len(bundle.samples)
        assert checked > 50
    finally:
        store.close()


def test_samplers_stored_as_inspector_uuids_show_by_name_and_save_unchanged(
        qtbot, store: Store, paths, settings) -> None:
    """Older data (the demo's too) names samplers by inspector uuid: the inspector reads names,
    an untouched sample saves as stored, and a name typed over one replaces only that one."""
    bundle = spot_check(store)
    bundle.samples = [Sample(product_name="青砖茶", samplers=list(bundle.visit.inspectors),
                             seal_state=SEALED)]
    saved = save_visit(store, bundle)
    sample = store.db.execute("SELECT id, samplers FROM sample").fetchone()
    ed = VisitEditor(store, paths, settings=settings, visit_id=saved.visit.id)
    qtbot.addWidget(ed)
    ed.show()
    ed.tabs.setCurrentWidget(ed.samples_tab)
    ed.samples_tab.list.setCurrentRow(0)
    assert ed.samples_tab.samplers_edit.text() == "王磊、李娜"
    qtbot.mouseClick(ed.save_button, Qt.MouseButton.LeftButton)
    assert store.db.execute("SELECT id, samplers FROM sample").fetchone() == sample
    ed.samples_tab.samplers_edit.setText("王磊、赵敏")
    qtbot.mouseClick(ed.save_button, Qt.MouseButton.LeftButton)
    import json

    stored = json.loads(store.db.execute("SELECT samplers FROM sample").fetchone()[0])
    assert stored == [bundle.visit.inspectors[0], "赵敏"]


def test_the_seal_state_shows_its_whole_official_wording(qtbot, store: Store, paths, settings) -> None:
    """The 封样状态 combo was sized to its hint and showed only the end of 检验样品和备用样品已封存…"""
    e = save_enterprise(store, Enterprise(uscc=USCC, name=NAME, jurisdiction_code="421281"))
    ed = VisitEditor(store, paths, settings=settings, enterprise_id=e.id)
    qtbot.addWidget(ed)
    ed.resize(1100, 720)
    ed.show()
    tab = ed.samples_tab
    ed.tabs.setCurrentWidget(tab)
    tab.add()
    longest = max((tab.seal_combo.itemText(i) for i in range(tab.seal_combo.count())), key=len)
    tab.seal_combo.setEditText(longest)
    qtbot.waitUntil(lambda: tab.seal_combo.lineEdit().width() > 0)
    edit = tab.seal_combo.lineEdit()
    assert edit.fontMetrics().horizontalAdvance(longest) < edit.width()
