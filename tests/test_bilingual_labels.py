"""Field names inside core messages are in the message's language: an English interface shows no
Chinese words in its sentences, and the Chinese messages stay exactly as they were."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.messages import ValidationFailed, field_label, message
from qcdesk.models.records import VISIT_KIND_LABELS, Enterprise, Finding, Inspector, Sample, Visit
from qcdesk.models.store import Store
from qcdesk.ui import forms
from qcdesk.ui.app import Translators
from qcdesk.ui.visit_editor import VisitEditor

ROOT = Path(__file__).resolve().parents[1]
USCC = "91421281MA4KL5FE07"
HAN = range(0x4E00, 0xA000)


@pytest.fixture(autouse=True)
def no_modal_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """An editor closed with unsaved changes (at teardown) is not saved, and no box waits for a click."""
    monkeypatch.setattr(forms, "ask_unsaved", lambda parent: QMessageBox.StandardButton.Discard)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)


def has_chinese(text: str) -> bool:
    return any(ord(c) in HAN for c in text)


@pytest.fixture
def english(qapp: QApplication):
    """The interface in English as `qcdesk --lang en` sets it up; then as it was."""
    before = qapp.property("lang")
    translators = Translators(qapp)
    translators.apply("en")
    yield
    translators.remove_all()
    qapp.setProperty("lang", before)


@pytest.fixture
def people(store: Store) -> tuple[Enterprise, list[Inspector]]:
    e = save_enterprise(store, Enterprise(uscc=USCC, name="赤壁市羊楼洞茶业有限公司",
                                          jurisdiction_code="421281"))
    return e, [save_inspector(store, Inspector(name=n, cert_no=c, jurisdiction_code="421281"))
               for n, c in (("王磊", "42120001"), ("李娜", "42120002"))]


def open_visit(qtbot, store, paths, settings, enterprise_id: int) -> VisitEditor:
    ed = VisitEditor(store, paths, settings=settings, enterprise_id=enterprise_id)
    qtbot.addWidget(ed)
    ed.show()
    return ed


def test_english_visit_editor_messages_are_all_english(english, qtbot, store, paths, settings,
                                                        people) -> None:
    e, _ = people
    ed = open_visit(qtbot, store, paths, settings, e.id)
    ed.inspector_list.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(ed.save_button, Qt.MouseButton.LeftButton)
    assert ed.errors.message("inspectors") == (
        "A supervision spot check needs at least two inspectors; 1 selected")
    ed.inspector_list.item(1).setCheckState(Qt.CheckState.Checked)
    tab = ed.samples_tab
    tab.add()
    tab.result_combo.setCurrentIndex(tab.result_combo.findData("fail"))
    qtbot.mouseClick(ed.save_button, Qt.MouseButton.LeftButton)
    assert tab.errors.message("product_name") == "Enter the product name"
    assert tab.errors.message("failed_items") == "Enter the failed items"
    ed.findings_tab.add()
    tab.product_edit.setText("青砖茶")
    tab.failed_items_edit.setPlainText("水分")
    qtbot.mouseClick(ed.save_button, Qt.MouseButton.LeftButton)
    assert ed.findings_tab.errors.message("description") == "Enter the description of the problem"
    assert store.db.execute("SELECT count(*) FROM visit").fetchone() == (0,)


def test_chinese_messages_unchanged(store: Store, people) -> None:
    e, (a, _) = people
    bundle = VisitBundle(Visit(enterprise_id=e.id, visit_date="2026-11-20", inspectors=[a.uuid]),
                         samples=[Sample(result="fail", refused_to_sign=1, production_date="2026/11/01")],
                         findings=[Finding(severity="huge")])
    with pytest.raises(ValidationFailed) as info:
        save_visit(store, bundle)
    assert info.value.text().split("；") == [
        "监督抽查须由至少两名执法人员实施，当前选择了1名", "产品名称不能为空",
        "生产日期应写成 2026-11-15 这样的格式（年-月-日）", "不合格项目不能为空", "拒签理由不能为空",
        "问题描述不能为空", "严重程度的取值“huge”无效"]
    english = info.value.text("en").split("；")
    assert english == [
        "A supervision spot check needs at least two inspectors; 1 selected", "Enter the product name",
        "Production date must be written like 2026-11-15 (year-month-day)", "Enter the failed items",
        "Enter the reason for refusing to sign", "Enter the description of the problem",
        "“huge” is not a valid severity"]


def test_enterprise_and_licence_labels_in_english(store: Store) -> None:
    from qcdesk.models.records import Licence

    with pytest.raises(ValidationFailed) as info:
        save_enterprise(store, Enterprise(uscc=USCC, name=" ", jurisdiction_code="421281"),
                        [Licence(number="XK13-006-00123", expires_on="2029/01/01")])
    assert info.value.text().split("；") == [
        "企业名称不能为空", "许可证有效期应写成 2026-11-15 这样的格式（年-月-日）"]
    assert info.value.text("en").split("；") == [
        "Enter the enterprise name", "Licence expiry date must be written like 2026-11-15 (year-month-day)"]


def test_a_label_pair_is_shown_in_the_message_language() -> None:
    assert message("required", "zh", field=("抽检批次", "batch")) == "抽检批次不能为空"
    assert message("required", "en", field=("抽检批次", "batch")) == "Enter the batch"
    assert message("required", "en", field="未知字段") == "Enter the 未知字段"  # unknown: as given


def _label_literals() -> set[str]:
    """Every Chinese field label the code hands to check_required/check_date/check_choice or puts
    into an Issue's "field"/"other"/"kind" parameter as a literal."""
    found: set[str] = set()
    for path in (ROOT / "qcdesk").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                if name in ("check_required", "check_date", "check_choice", "check_quantity", "check_price") \
                        and len(node.args) > 2 and isinstance(node.args[2], ast.Constant):
                    found.add(node.args[2].value)
            if isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values, strict=True):
                    if isinstance(key, ast.Constant) and key.value in ("field", "other", "kind") \
                            and isinstance(value, ast.Constant) and isinstance(value.value, str) \
                            and has_chinese(value.value):
                        found.add(value.value)
    return found


def test_every_field_label_of_the_core_has_english() -> None:
    labels = _label_literals() | set(VISIT_KIND_LABELS.values())
    assert {"产品名称", "不合格项目", "发证日期", "整改要求", "受检企业"} <= labels
    missing = sorted(label for label in labels if has_chinese(field_label(label, "en")))
    assert missing == []
    assert all(field_label(label, "zh") == label for label in labels)


def test_seal_state_offered_in_english_and_stored_in_official_words(english, qtbot, store, paths, settings,
                                                                    people) -> None:
    e, _ = people
    ed = open_visit(qtbot, store, paths, settings, e.id)
    for i in range(ed.inspector_list.count()):
        ed.inspector_list.item(i).setCheckState(Qt.CheckState.Checked)
    tab = ed.samples_tab
    tab.add()
    tab.product_edit.setText("青砖茶")
    combo = tab.seal_combo
    shown = [combo.itemText(i) for i in range(combo.count()) if combo.itemText(i)]
    assert shown == ["Sealed (test and backup samples)", "Not sealed"]
    combo.setCurrentIndex(combo.findText("Not sealed"))
    qtbot.mouseClick(ed.save_button, Qt.MouseButton.LeftButton)
    assert store.db.execute("SELECT seal_state FROM sample").fetchall() == [("未封样",)]
    reopened = VisitEditor(store, paths, settings=settings, visit_id=ed.bundle.visit.id)
    qtbot.addWidget(reopened)
    assert reopened.samples_tab.seal_combo.currentText() == "Not sealed"


def test_seal_state_in_chinese_shows_the_official_words(chinese, qtbot, store, paths, settings,
                                                        people) -> None:
    e, _ = people
    ed = open_visit(qtbot, store, paths, settings, e.id)
    combo = ed.samples_tab.seal_combo
    shown = [combo.itemText(i) for i in range(combo.count()) if combo.itemText(i)]
    assert shown == ["已封样（检验样品、备用样品）", "未封样"]
