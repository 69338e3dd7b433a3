"""English mode shows English where the value is the program's, not the user's (E5): a resolved
conflict's note and the record's 修改历史 word a coded value (是/否, an enterprise's size) by the
English label the editors use, and jurisdictions are named by their official romanisation
(Jiayu County, Xian'an District) in filters, the dashboard and dialogs. The store, the exchange
format and documents keep Chinese; in Chinese every text is as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from conflict_fixtures import firm_edited_apart
from pytestqt.qtbot import QtBot

from qcdesk.models import exchange_store as xs
from qcdesk.models.dashboard_queries import jurisdiction_label
from qcdesk.models.listing import ENTERPRISES
from qcdesk.models.store import Store
from qcdesk.ui.conflict_dialog import ConflictDialog
from qcdesk.ui.enterprise_editor import EnterpriseEditor
from qcdesk.ui.history_dialog import HistoryDialog
from qcdesk.ui.list_pages import ListPage


def _size_conflict(tmp_path: Path) -> Store:
    """张三 marks the firm 规上 and 大型, 李四 not 规上 and 小型, offline; 李四 receives 张三's."""
    return firm_edited_apart(tmp_path, {"size_class": "中型"}, {"above_scale": True, "size_class": "大型"},
                             {"above_scale": False, "size_class": "小型"})


def _history_after_keeping_mine(qtbot: QtBot, tmp_path: Path) -> tuple[list[str], list[list[str]]]:
    """(the resolution's note, the other rows) of the enterprise's history after 李四 kept his."""
    store = _size_conflict(tmp_path)
    dialog = ConflictDialog(store)
    qtbot.addWidget(dialog)
    dialog.keep_button.click()
    assert xs.count_open_conflicts(store) == 0
    uuid = store.db.execute("SELECT uuid FROM enterprise").fetchone()[0]
    history = HistoryDialog(store, "enterprise", uuid)
    qtbot.addWidget(history)
    rows = [history.row_texts(r) for r in range(history.table.rowCount())]
    notes = [row[7] for r, row in enumerate(rows) if history.lines[r].resolved is not None]
    return notes, [row for r, row in enumerate(rows) if history.lines[r].resolved is None]


def test_resolution_note_and_history_word_codes_in_english(qtbot: QtBot, tmp_path: Path) -> None:
    notes, rows = _history_after_keeping_mine(qtbot, tmp_path)
    assert len(notes) == 1
    assert "Values not taken, of the version by 张三: Above scale: Yes; Size class: Large." in notes[0]
    for word in ("是", "大型", "小型", "中型"):
        assert word not in notes[0], notes[0]
    sizes = [row[5:7] for row in rows if row[2] == "Changed" and row[5] in ("Medium", "中型")]
    assert sizes == [["Medium", "Small"]], rows  # 李四's own change 中型 → 小型, in words


def test_resolution_note_and_history_unchanged_in_chinese(qtbot: QtBot, chinese: None,
                                                          tmp_path: Path) -> None:
    notes, rows = _history_after_keeping_mine(qtbot, tmp_path)
    assert "规上企业：是" in notes[0] and "企业规模：大型" in notes[0], notes[0]
    assert ["中型", "小型"] in [row[5:7] for row in rows], rows


def test_jurisdictions_named_in_english(qtbot: QtBot, store: Store, paths, settings) -> None:  # noqa: ANN001
    page = ListPage(store, ENTERPRISES)  # the enterprise list's filter bar
    qtbot.addWidget(page)
    shown = [page.jurisdiction.itemText(i) for i in range(page.jurisdiction.count())]
    assert "Xian'an District (incl. Xianning High-tech Zone)" in shown, shown
    assert "Xianning City (whole city)" in shown and "Jiayu County" in shown, shown
    assert jurisdiction_label("421281", "en") == "Chibi City"  # a dashboard bar
    editor = EnterpriseEditor(store, paths, settings=settings)
    qtbot.addWidget(editor)
    combo = editor.jurisdiction_combo
    names = {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}
    assert names["421222"] == "Tongcheng County" and names["421223"] == "Chongyang County"
    assert names["421224"] == "Tongshan County", names


def test_jurisdictions_in_chinese_as_stored(qtbot: QtBot, chinese: None, store: Store, paths,  # noqa: ANN001
                                            settings) -> None:  # noqa: ANN001
    page = ListPage(store, ENTERPRISES)  # the enterprise list's filter bar
    qtbot.addWidget(page)
    shown = [page.jurisdiction.itemText(i) for i in range(page.jurisdiction.count())]
    assert "咸安区（含咸宁高新区）" in shown and "嘉鱼县" in shown, shown
    assert jurisdiction_label("421281", "zh") == "赤壁市"
    editor = EnterpriseEditor(store, paths, settings=settings)
    qtbot.addWidget(editor)
    combo = editor.jurisdiction_combo
    assert {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}["421222"] == "通城县"


@pytest.fixture(autouse=True)
def _english_unless_chinese(qapp, request: pytest.FixtureRequest):  # noqa: ANN001, ANN201
    """English as `qcdesk --lang en` sets it, unless the test asks for `chinese`."""
    if "chinese" in request.fixturenames:
        yield
        return
    from qcdesk.ui.app import Translators

    before = qapp.property("lang")
    Translators(qapp).apply("en")
    yield
    qapp.setProperty("lang", before)
