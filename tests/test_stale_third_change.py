"""A third change landing while the changed-elsewhere dialog is open (qcdesk/ui/stale_save.py).

"Keep my changes" saves against the revision read before the dialog opened. It used to be
refused with "该记录已被其他操作修改（版本 3），请重新打开后再保存": nothing was overwritten, but
reopening would throw the typing away. Now the editor compares again and shows the dialog again
with the new difference; the third change is never written over. The other changes are made
through a second Store connection to the same file, as an import or another window would."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from qcdesk.models.inspections import VisitBundle, load_visit, save_inspector, save_visit
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Enterprise, Finding, Inspector, Visit
from qcdesk.models.store import Store
from qcdesk.ui.stale_save import StaleSaveDialog
from qcdesk.ui.visit_editor import VisitEditor
from tests.test_stale_save import change_elsewhere, make_enterprise, open_enterprise

Rows = list[tuple[str, ...]]


@pytest.fixture
def other(store: Store) -> Iterator[Store]:
    """A second connection to the same database file (an import, another window)."""
    second = Store.open(store.path, author="other-inspector")
    yield second
    second.close()


def answer_twice(first: str, second: str, seen: list[tuple[str, Rows]],
                 while_open: Callable[[], None]) -> None:
    """Press `first` in the dialog after `while_open` ran (the third change), then `second` in
    the dialog that follows; `seen` gets each dialog's intro and rows."""
    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, StaleSaveDialog) or (seen and dialog is seen[-1][2]):
            QTimer.singleShot(20, act)
            return
        table = dialog.table
        rows = [tuple(table.item(r, c).text() for c in range(table.columnCount()))
                for r in range(table.rowCount())]
        intro = dialog.findChild(QLabel, "staleIntro")
        seen.append((intro.text() if intro is not None else "", rows, dialog))
        if len(seen) == 1:
            while_open()
            QTimer.singleShot(20, act)
        dialog.findChild(QPushButton, first if len(seen) == 1 else second).click()
    QTimer.singleShot(0, act)


def row(rows: Rows, *labels: str) -> tuple[str, ...]:
    found = [r for r in rows if r[0] in labels]
    assert len(found) == 1, rows
    return found[0]


def test_a_third_change_while_deciding_shows_the_dialog_again_and_is_kept(
        qtbot, store, other, paths, settings) -> None:
    enterprise = make_enterprise(store)
    editor = open_enterprise(qtbot, store, paths, settings, enterprise.id)
    editor.name_edit.setText("赤壁市羊楼洞茶业股份有限公司")  # the user's typing
    change_elsewhere(other, enterprise.id, address="赤壁市赵李桥镇砖茶大道8号")  # an import meanwhile
    seen: list = []
    answer_twice("keepMineButton", "keepMineButton", seen,
                 lambda: change_elsewhere(other, enterprise.id, contact_phone="0715-5550000"))
    editor.save_button.click()

    assert len(seen) == 2, "the user is asked again, with the new difference"
    intro, rows, _dialog = seen[1]
    assert "revision 3" in intro and "again" in intro
    assert row(rows, "联系电话", "Contact phone", "Phone")[1:3] == ("0715-5551234", "0715-5550000")
    assert row(rows, "地址", "Address")[2] == "赤壁市赵李桥镇砖茶大道8号"
    assert row(rows, "名称", "Name")[3] == "赤壁市羊楼洞茶业股份有限公司"
    stored = fetch_record(store, Enterprise, enterprise.id)
    assert stored.contact_phone == "0715-5550000"  # the third change, not written over
    assert stored.address == "赤壁市赵李桥镇砖茶大道8号"
    assert stored.name == "赤壁市羊楼洞茶业股份有限公司" and stored.revision == 4
    assert not editor.general_error.isVisible() and not editor.is_dirty()
    assert editor.phone_edit.text() == "0715-5550000"


def test_cancel_in_the_second_dialog_saves_nothing_and_keeps_the_typing(
        qtbot, store, other, paths, settings) -> None:
    enterprise = make_enterprise(store)
    editor = open_enterprise(qtbot, store, paths, settings, enterprise.id)
    editor.phone_edit.setText("0715-5559999")
    change_elsewhere(other, enterprise.id, notes="2024 年复查合格")
    seen: list = []
    answer_twice("keepMineButton", "cancelStaleButton", seen,
                 lambda: change_elsewhere(other, enterprise.id, contact_phone="0715-5550000"))
    editor.save_button.click()

    assert len(seen) == 2
    assert row(seen[1][1], "联系电话", "Contact phone", "Phone")[1:4] == \
        ("0715-5551234", "0715-5550000", "0715-5559999")  # both changed it: listed before mine wins
    stored = fetch_record(store, Enterprise, enterprise.id)
    assert (stored.revision, stored.contact_phone) == (3, "0715-5550000")
    assert editor.phone_edit.text() == "0715-5559999" and editor.is_dirty()


def test_visit_third_change_while_deciding_keeps_my_new_sample_and_their_finding(
        qtbot, store, other, paths, settings) -> None:
    """The user added a sample; the third change edits a finding. The refused save had inserted
    the new sample (samples are written before findings) and rolled it back: the second try must
    not take it for a stored row (it was refused as not found, and the sample never saved)."""
    enterprise = make_enterprise(store)
    people = [save_inspector(store, Inspector(name=n, cert_no=c, jurisdiction_code="421281"))
              for n, c in (("王磊", "42120001"), ("李娜", "42120002"))]
    visit = Visit(enterprise_id=enterprise.id, visit_date=date.today().isoformat(), kind="spot_check",
                  inspectors=[p.uuid for p in people], summary="现场抽样")
    save_visit(store, VisitBundle(visit, findings=[Finding(description="原料台账不全", basis="")]))
    editor = VisitEditor(store, paths, visit_id=visit.id, settings=settings)
    qtbot.addWidget(editor)
    editor.show()
    editor.tabs.setCurrentWidget(editor.samples_tab)
    editor.samples_tab.add()
    editor.samples_tab.product_edit.setText("青砖茶")
    theirs = fetch_record(other, Visit, visit.id)
    theirs.summary = "现场抽样，企业负责人在场"
    save_visit(other, VisitBundle(theirs))

    def third_change() -> None:
        bundle = load_visit(other, visit.id)
        bundle.findings[0].basis = "《工业产品生产许可证管理条例》"
        save_visit(other, bundle)

    seen: list = []
    answer_twice("keepMineButton", "keepMineButton", seen, third_change)
    editor.save_button.click()

    assert len(seen) == 2
    assert any(r[2] == "《工业产品生产许可证管理条例》" for r in seen[1][1])
    stored = load_visit(store, visit.id)
    assert [s.product_name for s in stored.samples] == ["青砖茶"]
    assert stored.findings[0].basis == "《工业产品生产许可证管理条例》"
    assert stored.visit.summary == "现场抽样，企业负责人在场"
    assert not editor.general_error.isVisible()
