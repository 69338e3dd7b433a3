"""A save the database refuses (another program holds the write lock past the busy timeout, or the
disk is full at the write or at the commit) leaves the editor as it was: pressing Save again once
the way is clear saves cleanly, with no 已被其他操作修改 question, no field lost, and the stored
revision exactly one above the one opened. The 示范区 dialog had bumped its record's revision in
memory before the refused write (fixed in d17f149); this checks every other GUI editor the same
way: the enterprise and visit editors, the order and rectification dialogs, the inspector roster
and the zone dialog itself."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from qcdesk.models.demonstration import DemonstrationZone, load_zone, save_zone
from qcdesk.models.enterprises import enterprise_licences, save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Enterprise, Finding, Inspector, Licence, Rectification, Sample, Visit
from qcdesk.models.rectifications import order_rectification
from qcdesk.models.store import Store
from qcdesk.ui import stale_save

pytestmark = pytest.mark.usefixtures("no_modal_waits")
MODES = ["locked", "full_at_write", "full_at_commit"]
FULL = "database or disk is full"


@contextmanager
def refused(store: Store, mode: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every write through `store` refused while inside: another connection holds the write lock
    (busy timeout shortened), or SQLite says the disk is full at the first INSERT/UPDATE or at
    COMMIT (after the save's statements ran). Yields the statements refused."""
    hit: list[str] = []
    if mode == "locked":
        store.db.execute("PRAGMA busy_timeout = 50")
        other = sqlite3.connect(store.path)
        other.execute("BEGIN IMMEDIATE")
        try:
            yield hit
        finally:
            other.rollback()
            other.close()
            store.db.execute("PRAGMA busy_timeout = 5000")
        hit.append("locked")
        return
    real = store.db.execute
    words = ("COMMIT",) if mode == "full_at_commit" else ("INSERT", "UPDATE", "REPLACE")

    def execute(sql: str, parameters: Any = None) -> Any:
        if sql.lstrip().upper().startswith(words):
            hit.append(sql)
            raise sqlite3.OperationalError(FULL)
        return real(sql) if parameters is None else real(sql, parameters)

    monkeypatch.setattr(store.db, "execute", execute)
    try:
        yield hit
    finally:
        monkeypatch.setattr(store.db, "execute", real)


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Warning boxes shown and stale-save questions asked (neither a real modal window)."""
    out: dict[str, list[str]] = {"warnings": [], "stale": []}
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: out["warnings"].append(a[2]))

    def ask(*_a: object, **_k: object) -> stale_save.Choice:
        out["stale"].append("asked")
        return stale_save.Choice.CANCEL

    monkeypatch.setattr(stale_save, "ask", ask)
    return out


def _retry(store: Store, mode: str, monkeypatch: pytest.MonkeyPatch, seen: dict[str, list[str]],
           press: Callable[[], object], kept: Callable[[], bool]) -> None:
    """Press once refused (said, typing kept), then again with the way clear."""
    with refused(store, mode, monkeypatch) as hit:
        press()
    assert hit, "the refusal was never met: the test did not test"
    assert len(seen["warnings"]) == 1 and "Nothing was saved" in seen["warnings"][0]
    assert kept()
    press()
    assert seen["warnings"] == [seen["warnings"][0]] and seen["stale"] == []  # no stale question


def _firm(store: Store) -> Enterprise:
    return save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市羊楼洞茶业有限公司",
                                             jurisdiction_code="421281"),
                           [Licence(number="SC11442128100017", kind="SC", product="砖茶",
                                    issued_on="2024-03-01", expires_on="2029-02-28")])


def _visit(store: Store) -> VisitBundle:
    e = _firm(store)
    crew = [save_inspector(store, Inspector(name=n, cert_no=c, jurisdiction_code="421281")).uuid
            for n, c in (("王磊", "42120001"), ("李娜", "42120002"))]
    return save_visit(store, VisitBundle(
        Visit(enterprise_id=e.id, visit_date="2026-03-02", kind="spot_check", inspectors=crew),
        [Sample(product_name="青砖茶", result="fail", failed_items="水分")],
        [Finding(description="出厂检验记录不全")]))


@pytest.mark.parametrize("mode", MODES)
def test_enterprise_editor(qtbot, store: Store, paths, settings, seen, mode: str,  # noqa: ANN001
                           monkeypatch: pytest.MonkeyPatch) -> None:
    from qcdesk.ui.enterprise_editor import EnterpriseEditor

    firm = _firm(store)
    licence = enterprise_licences(store, firm.id)[0]
    editor = EnterpriseEditor(store, paths, settings=settings, enterprise_id=firm.id, lang="en")
    qtbot.addWidget(editor)
    editor.show()
    editor.contact_edit.setText("邹志华")
    editor.licence_table.item(0, 1).setText("青砖茶")
    def kept() -> bool:
        return (editor.contact_edit.text(), editor.licence_table.item(0, 1).text()) == ("邹志华", "青砖茶")

    _retry(store, mode, monkeypatch, seen, lambda: editor.save_button.click(), kept)
    stored = fetch_record(store, Enterprise, firm.id)
    assert (stored.contact_name, stored.revision) == ("邹志华", firm.revision + 1)
    again = enterprise_licences(store, firm.id)[0]
    assert (again.product, again.revision) == ("青砖茶", licence.revision + 1)
    assert not editor.is_dirty()


@pytest.mark.parametrize("mode", MODES)
def test_visit_editor(qtbot, store: Store, paths, settings, seen, mode: str,  # noqa: ANN001
                      monkeypatch: pytest.MonkeyPatch) -> None:
    from qcdesk.ui.visit_editor import VisitEditor

    bundle = _visit(store)
    editor = VisitEditor(store, paths, settings=settings, visit_id=bundle.visit.id, lang="en")
    qtbot.addWidget(editor)
    editor.show()
    editor.summary_edit.setPlainText("现场查看生产车间和出厂检验记录")
    _retry(store, mode, monkeypatch, seen, lambda: editor.save_button.click(),
           lambda: editor.summary_edit.toPlainText() == "现场查看生产车间和出厂检验记录")
    stored = fetch_record(store, Visit, bundle.visit.id)
    assert (stored.summary, stored.revision) == ("现场查看生产车间和出厂检验记录", bundle.visit.revision + 1)
    assert not editor.is_dirty()


@pytest.mark.parametrize("mode", MODES)
def test_order_dialog(qtbot, store: Store, seen, mode: str,  # noqa: ANN001
                      monkeypatch: pytest.MonkeyPatch) -> None:
    from qcdesk.ui.order_dialog import OrderRectificationDialog

    bundle = _visit(store)
    dialog = OrderRectificationDialog(store, bundle.visit, sample=bundle.samples[0], lang="en")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.requirement_edit.setPlainText("十五日内完成水分项目整改并提交报告")
    _retry(store, mode, monkeypatch, seen, lambda: dialog.ok_button.click(),
           lambda: dialog.isVisible()
           and dialog.requirement_edit.toPlainText() == "十五日内完成水分项目整改并提交报告")
    orders = store.db.execute("SELECT requirement, revision FROM rectification WHERE deleted_at IS NULL"
                              ).fetchall()
    assert orders == [("十五日内完成水分项目整改并提交报告", 1)] and not dialog.isVisible()


@pytest.mark.parametrize("mode", MODES)
def test_rectification_dialog(qtbot, store: Store, paths, settings, seen, mode: str,  # noqa: ANN001
                              monkeypatch: pytest.MonkeyPatch) -> None:
    from qcdesk.ui.rectification_dialog import RectificationDialog

    bundle = _visit(store)
    rect = order_rectification(store, visit=bundle.visit, requirement="整改",
                               ordered_on=date.today().isoformat(), rule_set="aqsiq133",
                               finding=bundle.findings[0])
    dialog = RectificationDialog(store, paths, rect.id, settings=settings, lang="en")
    qtbot.addWidget(dialog)
    dialog.show()
    extended = (date.fromisoformat(rect.deadline) + timedelta(days=20)).isoformat()
    dialog.extend_to_edit.setDate(date.fromisoformat(extended))
    dialog.reason_edit.setText("设备改造需要时间")
    _retry(store, mode, monkeypatch, seen, lambda: dialog.extend_button.click(),
           lambda: dialog.reason_edit.text() == "设备改造需要时间")
    stored = fetch_record(store, Rectification, rect.id)
    assert (stored.extended_to, stored.extension_reason, stored.revision) == (
        extended, "设备改造需要时间", rect.revision + 1)
    assert dialog.errors.message("extension_reason") == ""


@pytest.mark.parametrize("mode", MODES)
def test_inspector_roster(qtbot, store: Store, seen, mode: str,  # noqa: ANN001
                          monkeypatch: pytest.MonkeyPatch) -> None:
    from qcdesk.ui.inspector_chooser import RosterDialog

    person = save_inspector(store, Inspector(name="王磊", cert_no="42120001", jurisdiction_code="421281"))
    dialog = RosterDialog(store, lang="en")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.table.selectRow(0)
    dialog.form.cert_edit.setText("42120009")
    _retry(store, mode, monkeypatch, seen,
           lambda: qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton),
           lambda: dialog.form.cert_edit.text() == "42120009")
    stored = fetch_record(store, Inspector, person.id)
    assert (stored.cert_no, stored.revision) == ("42120009", person.revision + 1)


@pytest.mark.parametrize("mode", MODES)
def test_zone_dialog(qtbot, store: Store, seen, mode: str,  # noqa: ANN001
                     monkeypatch: pytest.MonkeyPatch) -> None:
    from qcdesk.ui.zones_page import ZoneDialog

    zone = save_zone(store, DemonstrationZone(name="咸安区苎麻纺织质量提升示范区", jurisdiction_code="421202",
                                              lead_industry="纺织"))
    dialog = ZoneDialog(store, load_zone(store, zone.id))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.notes.setPlainText("三家企业已完成对标")
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    _retry(store, mode, monkeypatch, seen, save.click,
           lambda: dialog.isVisible() and dialog.notes.toPlainText() == "三家企业已完成对标")
    stored = load_zone(store, zone.id)
    assert (stored.notes, stored.revision) == ("三家企业已完成对标", zone.revision + 1)


@pytest.mark.parametrize("mode", MODES)
def test_visit_amendment(qtbot, store: Store, paths, settings, seen, mode: str,  # noqa: ANN001
                         monkeypatch: pytest.MonkeyPatch) -> None:
    """更正 of a sent visit: the reason dialog is answered each time; one amendment is stored."""
    from qcdesk.models.amendments import amendments_for, lock_visits
    from qcdesk.ui.visit_editor import VisitEditor
    from tests.test_visit_amend_ui import _answer_reason, _ok

    bundle = _visit(store)
    lock_visits(store, [bundle.visit.id], "421281_张三_000001_20260902.qcpkg.zip")
    sample = fetch_record(store, Sample, bundle.samples[0].id)
    editor = VisitEditor(store, paths, settings=settings, visit_id=bundle.visit.id, lang="en")
    qtbot.addWidget(editor)
    editor.show()
    editor.findChild(type(editor.save_button), "amendButton").click()
    editor.tabs.setCurrentWidget(editor.samples_tab)
    editor.samples_tab.failed_items_edit.setPlainText("水分、茶梗")

    def press() -> None:
        _answer_reason(qtbot, lambda d: (d.reason_edit.setPlainText("检验报告到达"), _ok(d)))
        editor.save_button.click()

    _retry(store, mode, monkeypatch, seen, press,
           lambda: editor.samples_tab.failed_items_edit.toPlainText() == "水分、茶梗")
    stored = fetch_record(store, Sample, sample.id)
    assert (stored.failed_items, stored.revision) == ("水分、茶梗", sample.revision + 1)
    assert [a.reason for a in amendments_for(store, bundle.visit.uuid)] == ["检验报告到达"]


@pytest.mark.parametrize("mode", ["full_at_write", "full_at_commit"])
def test_keep_mine_after_a_change_elsewhere(qtbot, store: Store, paths, settings, mode: str,  # noqa: ANN001
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Changed elsewhere, the user keeps theirs and that save is refused: the next Save asks
    again (the other change is real), and keeping then stores one revision above the other's."""
    from qcdesk.ui.enterprise_editor import EnterpriseEditor

    warnings: list[str] = []
    asked: list[int] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    monkeypatch.setattr(stale_save, "ask", lambda _p, revision, *_a, **_k: (
        asked.append(revision), stale_save.Choice.KEEP)[1])
    firm = _firm(store)
    editor = EnterpriseEditor(store, paths, settings=settings, enterprise_id=firm.id, lang="en")
    qtbot.addWidget(editor)
    editor.show()
    elsewhere = fetch_record(store, Enterprise, firm.id)
    elsewhere.address = "赤壁市赵李桥镇羊楼洞村"
    save_enterprise(store, elsewhere, enterprise_licences(store, firm.id))
    editor.contact_edit.setText("邹志华")
    with refused(store, mode, monkeypatch) as hit:
        editor.save_button.click()
    assert hit and len(warnings) == 1 and "Nothing was saved" in warnings[0]
    assert editor.contact_edit.text() == "邹志华" and asked == [firm.revision + 1]
    editor.save_button.click()
    assert asked == [firm.revision + 1] * 2 and len(warnings) == 1
    stored = fetch_record(store, Enterprise, firm.id)
    assert (stored.contact_name, stored.address, stored.revision) == (
        "邹志华", "赤壁市赵李桥镇羊楼洞村", firm.revision + 2)
    assert not editor.is_dirty()
