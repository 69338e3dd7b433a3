"""The start-up chooser (请选择本次记录工作的执法人员) is often shown on a meeting room's projector:
it listed every inspector with their 执法证号, so the room read them all. The number is shown only
where two people share a name (what it is there for), and the last choice is picked already."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Inspector
from qcdesk.models.store import Store
from qcdesk.ui import inspector_chooser
from qcdesk.ui.inspector_chooser import InspectorChooser, choose_inspector

PEOPLE = (("王芳", "42120019002", "421221"), ("李明", "42120019001", "421221"),
          ("王芳", "42122220170003", "421222"), ("曹云", "42120020210006", "421200"))


def test_the_chooser_shows_a_number_only_for_a_shared_name_and_picks_the_last_choice(
        qtbot: QtBot, chinese: None, qapp: QApplication, store: Store, settings: QSettings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    people = [insert_record(store, Inspector(name=n, cert_no=c, jurisdiction_code=u)) for n, c, u in PEOPLE]
    li = people[1]
    settings.setValue("editors/lastInspector", li.uuid)  # chosen last time
    monkeypatch.setattr(qapp, "settings", settings, raising=False)  # the app's settings, as at start
    shown: list[InspectorChooser] = []

    def answer(dialog: InspectorChooser) -> int:
        shown.append(dialog)
        dialog._use_selected()  # Enter on what is picked
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(inspector_chooser.InspectorChooser, "exec", answer)
    chosen = choose_inspector(store)  # the app's start-up path (Shell.choose_inspector)
    chooser = shown[0]
    qtbot.addWidget(chooser)
    texts = [chooser.list.item(i).text() for i in range(chooser.list.count())]
    assert len(texts) == len(PEOPLE)
    listed = "\n".join(texts)
    assert "42120019001" not in listed and "42120020210006" not in listed, listed  # 李明, 曹云: one each
    wang = [t for t in texts if t.startswith("王芳")]
    assert any("42120019002" in t for t in wang) and any("42122220170003" in t for t in wang), texts
    assert chooser.list.currentItem().data(Qt.ItemDataRole.UserRole).uuid == li.uuid
    assert chosen is not None and chosen.uuid == li.uuid
