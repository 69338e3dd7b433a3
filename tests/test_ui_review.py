"""What a demanding inspector noticed in a review of the GUI: English left in the Chinese exchange
dialogs, messages that did not say what to do, and columns too narrow to read."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QTableView,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from qcdesk.models.demo import build_demo
from qcdesk.models.listing import RECTIFICATIONS, VISITS
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths

WIDEST = 320  # fit_columns' cap: a longer text may still be cut, a shorter one never


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("review") / "demo.db", seed=3, enterprises=80, visits=500,
                      today=date(2026, 11, 30))


@pytest.fixture
def demo(demo_path: Path, tmp_path: Path) -> Iterator[Store]:
    copy = tmp_path / "demo.db"
    copy.write_bytes(demo_path.read_bytes())
    store = Store.open(copy, author="test")
    yield store
    store.close()




def english_left(root: QWidget) -> list[str]:
    """Labels, buttons, group titles and table headers with English words and no Chinese."""
    texts: list[str] = [root.windowTitle()]
    for w in [root, *root.findChildren(QWidget)]:
        if isinstance(w, QLabel | QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QTableWidget):
            texts += [w.horizontalHeaderItem(i).text() for i in range(w.columnCount())]
    return [t for t in texts if re.search(r"[A-Za-z]{4,}", t) and not re.search(r"[\u4e00-\u9fff]", t)]


# -- exchange dialogs ----------------------------------------------------------------------
def test_exchange_dialogs_speak_chinese(qtbot: QtBot, chinese: None, store: Store) -> None:
    from qcdesk.ui.exchange_dialogs import ConflictDialog, ExportDialog, ImportDialog

    dialogs = [ExportDialog(store.path, store=store), ImportDialog(store.path), ConflictDialog(store)]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        assert english_left(dialog) == [], type(dialog).__name__
    export, imp, conflicts = dialogs
    assert export.windowTitle() == "导出签名数据包"
    assert export.export_button.text() == "导出(&X)"
    assert imp.preview_button.text() == "核验(&C)"  # 检查 is an inspection visit in this app
    assert "浏览(&B)…" in [b.text() for b in imp.findChildren(QAbstractButton)]


def test_export_without_a_key_says_which_file_to_choose(qtbot: QtBot, chinese: None, store: Store,
                                                        tmp_path: Path) -> None:
    from qcdesk.ui.exchange_dialogs import ExportDialog

    dialog = ExportDialog(store.path, store=store)
    qtbot.addWidget(dialog)
    dialog.out_edit.setText(str(tmp_path))
    dialog.name_edit.setText("王磊")
    dialog.jurisdiction_combo.setCurrentIndex(dialog.jurisdiction_combo.findData("421281"))
    assert dialog.start_export() is None
    assert "无法读取私钥文件 ." not in dialog.status.text()  # what it said before: a path of "."
    assert "请选择您的私钥文件（.key）" in dialog.status.text()
    assert "签名密钥" in dialog.status.text()  # where to make one


def test_import_without_a_package_asks_for_one(qtbot: QtBot, chinese: None, store: Store) -> None:
    from qcdesk.ui.exchange_dialogs import ImportDialog

    dialog = ImportDialog(store.path)
    qtbot.addWidget(dialog)
    assert dialog.run(dry_run=True) is None  # no worker: nothing to check
    assert dialog.status.text() == ("请选择收到的数据包文件（.zip），然后点击“核验”："
                                    "先核验签名和内容，确认后再导入。")
    assert dialog.preview_button.isEnabled()


def test_empty_conflict_list_says_there_is_nothing_to_do(qtbot: QtBot, chinese: None, store: Store) -> None:
    from qcdesk.ui.exchange_dialogs import ConflictDialog

    dialog = ConflictDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.empty_label.text().startswith("没有待处理的冲突。")
    assert not dialog.keep_button.isEnabled()


# -- column widths -------------------------------------------------------------------------
def assert_columns_readable(view: QTableView, columns: list[int]) -> None:
    """Every cell of `columns` fits its column (up to the cap), as a user reads it unscrolled."""
    model, metrics = view.model(), view.fontMetrics()
    assert model.rowCount() > 0
    for column in columns:
        texts = [str(model.index(r, column).data() or "") for r in range(model.rowCount())]
        need = min(WIDEST, max(metrics.horizontalAdvance(t) for t in texts))
        assert view.columnWidth(column) >= need, (model.headerData(column, 1), view.columnWidth(column), need)


def test_warnings_show_whole_names_and_credit_codes(qtbot: QtBot, chinese: None, demo: Store) -> None:
    from qcdesk.ui.warnings_page import WarningsModel, WarningsPage

    page = WarningsPage(demo)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.computing, timeout=20000)  # counted in a worker
    page.resize(1280, 760)
    page.show()
    columns = WarningsModel.COLUMNS
    assert_columns_readable(page.view, [columns.index(c) for c in ("kind", "enterprise", "uscc", "subject")])
    page.view.setColumnWidth(1, 90)  # a width the user dragged survives a refresh
    page.refresh()
    qtbot.waitUntil(lambda: not page.computing, timeout=20000)
    assert page.view.columnWidth(1) == 90


def test_zones_show_whole_names(qtbot: QtBot, chinese: None, demo: Store) -> None:
    from qcdesk.ui.zones_page import ZonesPage

    page = ZonesPage(demo)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    qtbot.waitUntil(lambda: not page.computing, timeout=10000)  # read in a worker
    assert_columns_readable(page.view, list(range(page.model.columnCount() - 1)))


def test_visit_kind_and_extended_deadline_not_cut(qtbot: QtBot, chinese: None, demo: Store) -> None:
    from qcdesk.ui import labels
    from qcdesk.ui.list_pages import ListPage

    for kind, key, text in ((VISITS, "kind", labels.visit_kinds()["licence_followup"]),
                            (RECTIFICATIONS, "deadline", "2025-03-18（已延期）")):
        page = ListPage(demo, kind)
        qtbot.addWidget(page)
        metrics = page.view.fontMetrics()
        column = [c.key for c in page.model.columns()].index(key)
        assert re.search(r"[\u4e00-\u9fff]{3}", text)  # Chinese, as the user reads it
        assert page.view.columnWidth(column) >= metrics.horizontalAdvance(text) + 8, key


# -- random draw ---------------------------------------------------------------------------
def test_draw_with_a_ratio_that_is_not_a_number_says_how_to_write_it(qtbot: QtBot, chinese: None,
                                                                     demo: Store, paths: AppPaths) -> None:
    from qcdesk.ui.draw_dialog import DrawDialog

    dialog = DrawDialog(demo, paths)
    qtbot.addWidget(dialog)
    dialog.seed.setText("20261130")
    dialog.ratios["B"].setText("5%")
    assert dialog.preview() is False
    text = dialog.summary.text()
    assert "Fraction" not in text and "Invalid" not in text  # Python's own words, before
    assert text == "无法抽取：B 类的抽取比例应为 0 到 1 之间的小数，例如 5% 填 0.05。"
    assert not dialog.commit_button.isEnabled()
    dialog.ratios["B"].setText("0.20")
    assert dialog.preview() is True


def test_export_dialog_leaves_room_for_a_whole_path(qtbot: QtBot, chinese: None, store: Store) -> None:
    from qcdesk.ui.exchange_dialogs import ExportDialog

    dialog = ExportDialog(store.path, store=store)
    qtbot.addWidget(dialog)
    dialog.show()
    path = "/home/inspector/QCDesk/keys/王磊-421281.key"
    assert dialog.key_edit.width() >= dialog.key_edit.fontMetrics().horizontalAdvance(path)
