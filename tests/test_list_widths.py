"""List columns and the search box show their text whole, in Chinese and in English: no
"Re-check 65…", "636 day(s) o…" or "Search enterprise, product, finding (…"."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from qcdesk.models.listing import ENTERPRISES, RECTIFICATIONS, VISITS
from qcdesk.models.store import Store
from qcdesk.ui.list_widths import SAMPLE_ROWS, longest_text

sys.path.insert(0, str(Path(__file__).parent))
from test_list_model import fill_store  # noqa: E402

PADDING = 8  # the cell's margins around its text


@pytest.fixture
def lists(store: Store) -> Store:
    fill_store(store, 40, 600)
    with store.transaction():  # orders long overdue, as in a county that has used QCDesk for years
        store.db.execute("UPDATE rectification SET status = 'awaiting_recheck',"
                         " report_submitted_on = ordered_on, recheck_due = '2024-01-02' WHERE id % 3 = 0")
        store.db.execute("UPDATE rectification SET status = 'open', deadline = '2023-03-04',"
                         " extended_to = NULL WHERE id % 3 = 1")
    return store


def shown_page(qtbot: QtBot, store: Store, kind: str, width: int = 1280):  # noqa: ANN201 - a ListPage
    from qcdesk.ui.list_pages import ListPage

    page = ListPage(store, kind)
    qtbot.addWidget(page)
    page.resize(width, 700)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    return page


def assert_column_whole(page, key: str, texts: list[str]) -> None:  # noqa: ANN001
    col = page.model.column_of(key)
    width = page.view.horizontalHeader().sectionSize(col)
    metrics = page.view.fontMetrics()
    for text in texts:
        assert metrics.horizontalAdvance(text) + PADDING <= width, (key, text, width)
    assert page.view.sizeHintForColumn(col) <= width  # what the delegate needs for the rows shown


@pytest.mark.parametrize("kind", [ENTERPRISES, VISITS, RECTIFICATIONS])
def test_columns_of_known_texts_fit_their_longest(qtbot: QtBot, lists: Store, lang: str, kind: str) -> None:
    page = shown_page(qtbot, lists, kind)
    metrics, header = page.view.fontMetrics(), page.view.horizontalHeader()
    for column in page.model.columns():
        col = page.model.column_of(column.key)
        title = column.title()
        assert header.fontMetrics().horizontalAdvance(title) + 2 * PADDING <= header.sectionSize(col), title
        if column.key in SAMPLE_ROWS:
            rows = range(min(30, page.model.rowCount()))
            shown = [page.model.data(page.model.index(r, col)) or "" for r in rows]
            assert_column_whole(page, column.key, [longest_text(column, kind, metrics), *shown])


def test_days_left_reads_whole_in_english(qtbot: QtBot, lists: Store, lang: str) -> None:
    page = shown_page(qtbot, lists, RECTIFICATIONS)
    col = page.model.column_of("days_left")
    texts = [page.model.data(page.model.index(r, col)) for r in range(page.model.rowCount())]
    late = [t for t in texts if t and ("overdue" in t or "逾期" in t)]
    assert any(t.startswith(("Re-check", "复查")) for t in late) and len(late) > 10
    assert_column_whole(page, "days_left", late)


def test_last_column_keeps_its_width_in_a_narrow_window(qtbot: QtBot, lists: Store, lang: str) -> None:
    page = shown_page(qtbot, lists, RECTIFICATIONS, width=900)
    header = page.view.horizontalHeader()
    assert header.visualIndex(page.model.column_of("status")) == header.count() - 1
    status = next(c for c in page.model.columns() if c.key == "status")
    assert_column_whole(page, "status", [longest_text(status, RECTIFICATIONS, page.view.fontMetrics())])
    page.resize(2400, 700)  # a wide window: the last column takes the spare room again
    qtbot.waitUntil(lambda: header.length() >= page.view.viewport().width())


def test_search_placeholder_is_read_whole(qtbot: QtBot, lists: Store, lang: str) -> None:
    for kind in (ENTERPRISES, VISITS, RECTIFICATIONS):
        page = shown_page(qtbot, lists, kind)
        search = page.search
        room = search.width() - 36  # frame, margins and the clear button
        placeholder = search.placeholderText()
        assert search.fontMetrics().horizontalAdvance(placeholder) <= room, placeholder
        assert search.toolTip()  # the whole story: fields searched, words all found
        assert ("空格" if lang == "zh_CN" else "spaces") in search.toolTip()


def test_switching_to_english_widens_the_columns(qtbot: QtBot, lists: Store, qapp: QApplication) -> None:
    from qcdesk.ui.app import Translators

    translators, before = Translators(qapp), qapp.property("lang")
    translators.apply("zh_CN")
    try:
        page = shown_page(qtbot, lists, RECTIFICATIONS)
        translators.apply("en")  # LanguageChange: the page retranslates itself
        english = "Notice number, enterprise, product, finding"
        qtbot.waitUntil(lambda: page.search.placeholderText() == english)
        assert page.model.headerData(0, Qt.Orientation.Horizontal) == "Notice no."
        days = next(c for c in page.model.columns() if c.key == "days_left")
        assert_column_whole(page, "days_left", [longest_text(days, RECTIFICATIONS, page.view.fontMetrics())])
    finally:
        translators.apply("en")
        qapp.setProperty("lang", before)


# The list beside the sidebar of a 1400, a 1280 px window (the first size on a 1920 px screen)
# and a 1280 px window whose sidebar is English's, the wider (0: that of the language shown).
@pytest.mark.parametrize("width", [1280, 1200, 0])
@pytest.mark.parametrize("kind", [ENTERPRISES, VISITS, RECTIFICATIONS])
def test_columns_of_short_texts_are_on_screen(qtbot: QtBot, lists: Store, lang: str, kind: str,
                                              width: int) -> None:
    """Status, days left and dates are all in view without scrolling sideways (English read
    "Clo", "Awai" in the last column); the long free text (the requirement) elides instead."""
    page = shown_page(qtbot, lists, kind, width or 1280 - (200 if lang == "en" else 150))
    header, room = page.view.horizontalHeader(), page.view.viewport().width()
    short = [c for c in page.model.columns() if c.key in SAMPLE_ROWS or c.key == "status"]
    for column in short:
        col = page.model.column_of(column.key)
        qtbot.waitUntil(lambda col=col: header.sectionViewportPosition(col) + header.sectionSize(col) <= room)
        assert_column_whole(page, column.key, [longest_text(column, kind, page.view.fontMetrics())])
    assert header.length() <= room  # no sideways scrolling at all
    if kind == RECTIFICATIONS:
        assert header.sectionSize(page.model.column_of("requirement")) >= 120


def test_filters_read_whole_after_switching_to_english(qtbot: QtBot, lists: Store,
                                                       qapp: QApplication) -> None:
    """Chinese → English while running: "All industries", "All statuses" whole, as in a fresh
    English start. QComboBox kept its minimum width from the Chinese texts, so a window that did
    not grow (the main window) let the filter bar squeeze them to "All industrie…"."""
    from qcdesk.ui.app import Translators

    translators, before = Translators(qapp), qapp.property("lang")
    translators.apply("zh_CN")
    try:
        page = shown_page(qtbot, lists, VISITS)
        translators.apply("en")
        qtbot.waitUntil(lambda: page.industry.currentText() == "All industries")
        for combo in (page.jurisdiction, page.industry, page.visit_kind, page.status):
            least = max(combo.minimumWidth(), combo.minimumSizeHint().width())
            assert least >= combo.sizeHint().width(), combo.currentText()  # the layout can't squeeze it
            qtbot.waitUntil(lambda combo=combo: combo.width() >= combo.sizeHint().width())
    finally:
        translators.apply("en")
        qapp.setProperty("lang", before)


def test_a_credit_code_of_wide_letters_is_shown_whole(qtbot: QtBot, lists: Store, chinese) -> None:  # noqa: ANN001
    """Review (small laptop): 91421281MA4NRNMW… was cut: the column was measured on a code of
    narrow letters. The widest a code takes after MA4 (M and W) fits."""
    from qcdesk.models.codes import uscc_check_character

    wide = "91421281MA4MWMWMW"
    wide += uscc_check_character(wide)
    with lists.transaction():
        lists.db.execute("UPDATE enterprise SET uscc = ? WHERE id = 1", [wide])
    page = shown_page(qtbot, lists, ENTERPRISES, width=1077)
    assert_column_whole(page, "uscc", [wide, "91421281MA4NRNMW0W"])
