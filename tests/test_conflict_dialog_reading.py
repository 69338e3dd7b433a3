"""The conflict dialog shows what differs and whose it is (review, county office):
- two texts that differ at their end (…抽取2批次（李明更正） / …（王芳更正：样品封存于企业）) were cut
  off at … in one-line cells, with no tooltip: a clerk chose without seeing the difference;
- versions saved by `qcdesk amend` with no inspector chosen were headed 当前版本（cli）, and the
  buttons read 保留cli的版本 / 采用cli的版本: now the person whose key sent it, or 命令行."""

from __future__ import annotations

from pathlib import Path

from conflict_fixtures import visit
from exchange_fixtures import export_to, merge, populate

from qcdesk.exchange.conflict_view import VersionSource
from qcdesk.models.persistence import update_record
from qcdesk.models.store import Store
from qcdesk.ui.conflict_dialog import ConflictDialog
from qcdesk.ui.resolution_words import version_by

BASE = "依据通城市监抽〔2024〕1号实施监督抽查，抽取砂布样品2批次，送湖北省产品质量监督检验研究院检验"


def _both_amended_from_the_command_line(tmp_path: Path) -> Store:
    origin = Store.memory("o")
    populate(origin, 1, 1)
    export_to(origin, tmp_path / "base.xlsx", "0" * 16)
    a, b = Store.memory("cli"), Store.memory("cli")  # `qcdesk amend` on each laptop
    for store, tail in ((a, "（李明更正）"), (b, "（王芳更正：样品封存于企业）")):
        merge(store, tmp_path / "base.xlsx", "0" * 16)
        v = visit(store)
        v.summary = BASE + tail
        with store.db.atomic():
            update_record(store, v)
    export_to(a, tmp_path / "a.xlsx", "A" * 16, full=False)
    merge(b, tmp_path / "a.xlsx", "A" * 16)
    return b


def test_the_whole_texts_and_no_cli(qtbot, chinese: None, tmp_path: Path) -> None:  # noqa: ANN001
    store = _both_amended_from_the_command_line(tmp_path)
    dlg = ConflictDialog(store)
    qtbot.addWidget(dlg)
    dlg.resize(900, 600)
    dlg.show()
    dlg.list.selectRow(0)
    row = next(r for r in range(dlg.fields.rowCount()) if dlg.fields.item(r, 0).text() == "检查情况")
    mine, theirs = dlg.fields.item(row, 1), dlg.fields.item(row, 2)
    assert mine.toolTip() == BASE + "（王芳更正：样品封存于企业）"
    assert theirs.toolTip().startswith(BASE + "（李明更正）\n")
    date_row = next(r for r in range(dlg.fields.rowCount()) if dlg.fields.item(r, 0).text() == "检查日期")
    one_line = dlg.fields.rowHeight(date_row)
    # wrapped onto a second line at this width, not a character a line (817 px, text out of sight)
    qtbot.waitUntil(lambda: one_line < dlg.fields.rowHeight(row) <= 3 * one_line)
    heads = [dlg.fields.horizontalHeaderItem(c).text() for c in range(3)]
    words = heads + [dlg.keep_button.text(), dlg.take_button.text()]
    assert not any("cli" in w for w in words), words
    assert heads[1] == "当前版本（命令行）" and dlg.keep_button.text() == "保留命令行的版本"


def test_a_version_saved_without_an_inspector_is_named_by_its_key() -> None:
    store = Store.memory("o")
    sent = VersionSource(local=False, editor="", signer="EBBA27003837C181", sequence=2, signer_name="王芳")
    assert version_by(store, "cli", sent) == "王芳"
    assert version_by(store, "system", VersionSource(local=True)) == "QCDesk (system)"  # English: no app


def test_the_question_names_the_versions_as_the_buttons_do(qtbot, chinese: None, tmp_path: Path,  # noqa: ANN001
                                                           monkeypatch) -> None:  # noqa: ANN001
    """Review (county office): under 采用王强的版本 the question read 采用命令行的版本？, naming the
    version on the other side of the screen; it names the one the button does."""
    from PySide6.QtWidgets import QMessageBox

    from qcdesk.ui import conflict_dialog, resolution_words

    store = _both_amended_from_the_command_line(tmp_path)
    monkeypatch.setattr(resolution_words, "key_name",
                        lambda _store, key: "王强" if key == "A" * 16 else "")
    asked: list[str] = []
    monkeypatch.setattr(conflict_dialog, "ask_resolve", lambda box: asked.append(
        box.text() + "\n" + box.informativeText()) or QMessageBox.StandardButton.Cancel)
    dlg = ConflictDialog(store)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.list.selectRow(0)
    assert dlg.take_button.text() == "采用王强的版本"
    dlg.take_button.click()
    assert asked and asked[0].startswith("对检查记录") and "采用王强的版本？" in asked[0], asked
    assert "命令行的版本不会再列出" in asked[0], asked  # the version set aside: the current one
    dlg.keep_button.click()
    assert "保留命令行的版本？" in asked[1] and "王强的版本不会再列出" in asked[1], asked
