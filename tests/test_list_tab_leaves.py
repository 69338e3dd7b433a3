"""Tab leaves the list tables (检查记录, 企业, 整改跟踪, 预警). Once the keyboard reached a list,
Tab went from cell to cell and wrapped round, never out of the table: the export button and the
rest of the window could not be reached without the mouse. Arrows move in the list, Tab leaves."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView, QWidget
from pytestqt.qtbot import QtBot

from qcdesk.models.codes import iso7064_mod11_10, org_code_check_character, uscc_check_character
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_visit
from qcdesk.models.listing import ENTERPRISES, RECTIFICATIONS, VISITS
from qcdesk.models.records import Enterprise, Finding, Licence, Visit
from qcdesk.models.rectifications import order_rectification
from qcdesk.models.store import Store
from qcdesk.ui.list_pages import ListPage
from qcdesk.ui.warnings_page import WarningsPage
from tests.inspector_pair import inspector_pair


def uscc(i: int) -> str:
    org = f"MA4K{i:04d}"
    first17 = "91421281" + org + org_code_check_character(org)
    return first17 + uscc_check_character(first17)


def fill(store: Store) -> None:
    """Two enterprises (licences running out: warnings), each with a visit and an order."""
    soon = (date.today() + timedelta(days=20)).isoformat()
    for i in range(2):
        digits = f"114421281{i:04d}"
        firm = save_enterprise(store, Enterprise(uscc=uscc(i), name=f"赤壁市羊楼洞第{i}茶业有限公司",
                                                 jurisdiction_code="421281", industry="砖茶"),
                               [Licence(kind="SC", number="SC" + digits + iso7064_mod11_10(digits),
                                        product="砖茶", expires_on=soon)])
        bundle = save_visit(store, VisitBundle(Visit(enterprise_id=firm.id, visit_date="2026-10-01",
                                                     kind="assistance", inspectors=inspector_pair(store)),
                                               findings=[Finding(category="", description="标签不全")]))
        order_rectification(store, visit=bundle.visit, requirement="整改：标签不全", ordered_on="2026-10-01",
                            rule_set="samr18", finding=bundle.findings[0])


def shown(qtbot: QtBot, page: QWidget) -> None:
    qtbot.addWidget(page)
    page.resize(1280, 600)
    page.show()
    page.activateWindow()
    qtbot.waitExposed(page)


def leaves_by_tab(qtbot: QtBot, view: QTableView) -> None:
    """From the list's first cell, Tab and Shift+Tab take the focus out of it; Down moves in it."""
    qtbot.waitUntil(lambda: view.model().rowCount() >= 2, timeout=3000)
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    QApplication.processEvents()
    assert QApplication.focusWidget() is view
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 1  # arrows still move in the list
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    QApplication.processEvents()
    assert QApplication.focusWidget() is not view, "Tab stayed in the list"
    assert view.currentIndex().row() == 1 and view.currentIndex().column() == 0
    view.setFocus()
    QApplication.processEvents()
    qtbot.keyClick(view, Qt.Key.Key_Backtab)
    QApplication.processEvents()
    assert QApplication.focusWidget() is not view, "Shift+Tab stayed in the list"


@pytest.mark.parametrize("kind", [VISITS, ENTERPRISES, RECTIFICATIONS])
def test_tab_leaves_the_list(qtbot: QtBot, store: Store, kind: str) -> None:
    fill(store)
    page = ListPage(store, kind)
    shown(qtbot, page)
    leaves_by_tab(qtbot, page.view)


def test_tab_leaves_the_warnings(qtbot: QtBot, store: Store) -> None:
    fill(store)
    page = WarningsPage(store)
    shown(qtbot, page)
    leaves_by_tab(qtbot, page.view)
