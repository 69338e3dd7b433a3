"""删除 on the zones page asks first, naming the zone and what goes with it, and a deleted zone
can be brought back whole from the same page (review r2, A5: it was deleted at once, the
headline count dropped, and nothing listed deleted zones or restored one)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from qcdesk.models.demonstration import DemonstrationZone, list_zones, save_zone
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.records import Enterprise
from qcdesk.models.store import Store

ZONES = (("咸安苎麻纺织示范区", "421202"), ("赤壁青砖茶示范区", "421281"))


@pytest.fixture
def answers() -> list[QMessageBox.StandardButton]:
    """The replies to the next questions (Yes when none is left)."""
    return []


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch, answers: list) -> list[tuple[str, str]]:
    """What the page asked or said."""
    said: list[tuple[str, str]] = []

    def question(parent, title, text, *args):  # noqa: ANN001, ANN002, ANN202
        said.append(("question", text))
        return answers.pop(0) if answers else QMessageBox.StandardButton.Yes

    def item(parent, title, label, items, *args):  # noqa: ANN001, ANN002, ANN202
        said.append(("choose", "\n".join(items)))
        return items[0], True

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: said.append(("info", a[2])))
    monkeypatch.setattr(QInputDialog, "getItem", item)
    return said


def _page(qtbot: QtBot, store: Store):  # noqa: ANN202
    from qcdesk.ui.zones_page import ZonesPage

    firm = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁砖茶厂",
                                             jurisdiction_code="421281"))
    for name, code in ZONES:
        save_zone(store, DemonstrationZone(
            name=name, level="national", status="accepted", jurisdiction_code=code,
            members=[firm.uuid] if code == "421281" else [],
            milestones=[{"title": "验收", "due_on": "2026-06-30", "done_on": "2026-06-20"}]))
    page = ZonesPage(store, area="")
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.computing and page.model.rowCount() == 2, timeout=10000)
    return page


def _select(page, name: str) -> None:  # noqa: ANN001
    row = next(r for r in range(page.model.rowCount())
               if page.model.index(r, 0).data() == name)
    page.view.setCurrentIndex(page.model.index(row, 0))


def test_delete_asks_naming_the_zone_and_no_keeps_it(qtbot: QtBot, chinese: None, store: Store,
                                                     asked: list[tuple[str, str]], answers: list) -> None:
    page = _page(qtbot, store)
    _select(page, "赤壁青砖茶示范区")
    answers.append(QMessageBox.StandardButton.No)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    [(kind, text)] = asked
    assert kind == "question" and "赤壁青砖茶示范区" in text
    assert "成员企业名单（1 家）" in text and "1 个节点" in text and "恢复已删除" in text, text
    qtbot.waitUntil(lambda: not page.computing, timeout=10000)
    assert page.model.rowCount() == 2 and len(list_zones(store)) == 2
    assert "已验收的国家级：2 个" in page.summary.text(), page.summary.text()


def test_a_deleted_zone_comes_back_whole(qtbot: QtBot, chinese: None, store: Store,
                                         asked: list[tuple[str, str]]) -> None:
    page = _page(qtbot, store)
    _select(page, "赤壁青砖茶示范区")
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.computing and page.model.rowCount() == 1, timeout=10000)
    assert "已验收的国家级：1 个" in page.summary.text()
    with qtbot.waitSignal(page.changed, timeout=5000):
        qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert asked[-1][0] == "choose" and asked[-1][1].startswith("赤壁青砖茶示范区（删除于 ")
    qtbot.waitUntil(lambda: not page.computing and page.model.rowCount() == 2, timeout=10000)
    assert "已验收的国家级：2 个" in page.summary.text(), page.summary.text()
    [zone] = [z for z in list_zones(store) if z.jurisdiction_code == "421281"]
    assert len(zone.members) == 1 and zone.milestones[0]["title"] == "验收"
    assert zone.revision == 3  # saved, deleted, restored: each a revision a package carries
    asked.clear()
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)  # nothing deleted now
    assert asked == [("info", "没有已删除的示范区或示范项目。")]
