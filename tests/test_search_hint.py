"""The hint over an empty list says where the search box looked (an inspector who typed a phone
must know the box looks there before making a duplicate file), and says 正在查找… while a sparse
search is still walking the list, instead of a blank table that reads as "nothing"."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from test_sparse_filter_first_page import fill

from qcdesk.models.listing import ENTERPRISES, RECTIFICATIONS, VISITS
from qcdesk.models.store import Store


def _hint(page) -> str:  # noqa: ANN001 - a ListPage
    return page.empty_state.text() if page.empty_state.isVisible() else ""


def _page(qtbot: QtBot, store: Store, kind: str):  # noqa: ANN202 - a ListPage
    from qcdesk.ui.list_pages import ListPage

    page = ListPage(store, kind)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_no_match_names_what_the_search_looked_in(qtbot: QtBot, store: Store, chinese) -> None:  # noqa: ANN001
    fill(store)
    wanted = {ENTERPRISES: ("地址", "联系人", "电话", "许可证编号", "法定代表人"),
              VISITS: ("抽样产品", "商标", "批号", "检查人员", "问题描述", "许可证编号"),
              RECTIFICATIONS: ("企业", "问题描述")}
    for kind, words in wanted.items():
        page = _page(qtbot, store, kind)
        page.search.setText("13812345678")
        page.apply()
        qtbot.waitUntil(lambda p=page: not p.model.canFetchMore(), timeout=20_000)
        QApplication.processEvents()
        hint = _hint(page)
        assert "没有符合条件的记录" in hint and "清除筛选" in hint, (kind, hint)
        assert all(word in hint for word in words), (kind, hint)
        page.search.clear()
        page.set_filters({"jurisdiction": "421221"})  # a filter alone: no search to explain
        qtbot.waitUntil(lambda p=page: not p.model.canFetchMore(), timeout=20_000)
        QApplication.processEvents()
        assert "没有符合条件的记录" in _hint(page) and "查找范围" not in _hint(page)


def test_a_walk_still_going_says_it_is_searching(qtbot: QtBot, store: Store, chinese) -> None:  # noqa: ANN001
    fill(store)
    page = _page(qtbot, store, VISITS)
    page.status.setCurrentIndex(page.status.findData("planned"))  # no planned visit: walks 6,000 rows
    page.apply()
    assert page.model.rowCount() == 0 and page.model.canFetchMore()
    assert page.empty_state.isVisible() and page.empty_state.text() == "正在查找…"
    qtbot.waitUntil(lambda: not page.model.canFetchMore(), timeout=20_000)
    QApplication.processEvents()
    assert "没有符合条件的记录" in _hint(page)
    page.status.setCurrentIndex(page.status.findData("draft"))  # two drafts, at the end of the walk
    page.apply()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=20_000)
    QApplication.processEvents()
    assert _hint(page) == ""  # rows found: the hint is gone


def test_the_search_box_tooltip_names_what_is_searched(qtbot: QtBot, store: Store, chinese) -> None:  # noqa: ANN001
    for kind, words in {ENTERPRISES: ("地址", "联系人及其电话", "许可证编号", "法定代表人"),
                        VISITS: ("抽样产品", "检查人员", "问题描述"),
                        RECTIFICATIONS: ("文号", "问题描述")}.items():
        tip = _page(qtbot, store, kind).search.toolTip()
        assert all(word in tip for word in words) and "Ctrl+F" in tip and "空格" in tip, (kind, tip)
