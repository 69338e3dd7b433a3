"""In English the lists name jurisdictions as their filters do (Jiayu County), not by the stored
Chinese name (嘉鱼县) among English words: the enterprise and visit lists' Jurisdiction column and
the warnings page's. In Chinese they read as stored; a name of no known jurisdiction as stored."""

from __future__ import annotations

from datetime import date, timedelta

from pytestqt.qtbot import QtBot

from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.listing import ENTERPRISES, VISITS
from qcdesk.models.records import Enterprise, Inspector, Licence, Visit
from qcdesk.models.store import Store
from qcdesk.ui.list_pages import ListPage
from qcdesk.ui.warnings_page import WarningsPage


def _firms(store: Store) -> None:
    """A tea firm in 赤壁市 with a licence due in 20 days and a visit; a pipe firm in 嘉鱼县; a
    firm in 咸宁高新区."""
    due = (date.today() + timedelta(days=20)).isoformat()
    tea = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁羊楼洞茶业",
                                            jurisdiction_code="421281"),
                          [Licence(number="SC11442128100017", product="砖茶", expires_on=due)])
    save_enterprise(store, Enterprise(uscc="91421221MA4E3XHX15", name="嘉鱼管材厂",
                                      jurisdiction_code="421221"))
    save_enterprise(store, Enterprise(uscc="91421202MA4AEDKU8T", name="高新区电子厂",
                                      jurisdiction_code="421202-HTZ"))
    team = [save_inspector(store, Inspector(name="王磊", jurisdiction_code="421281")).uuid]
    save_visit(store, VisitBundle(Visit(enterprise_id=tea.id, visit_date="2026-09-05", kind="assistance",
                                        inspectors=team)))


def _column(qtbot: QtBot, store: Store, kind: str, rows: int) -> dict[str, str]:
    """Enterprise name → its Jurisdiction cell on the list of `kind`."""
    page = ListPage(store, kind)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == rows)
    model = page.model
    name = model.column_of("name" if kind == ENTERPRISES else "enterprise")
    place = model.column_of("jurisdiction")
    return {model.index(r, name).data(): model.index(r, place).data() for r in range(model.rowCount())}


def _warned_places(qtbot: QtBot, store: Store, settings) -> set[str]:  # noqa: ANN001
    page = WarningsPage(store, settings=settings)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.computing, timeout=20000)  # counted in a worker
    column = page.model.COLUMNS.index("jurisdiction")
    return {page.model.index(r, column).data() for r in range(page.model.rowCount())
            if page.model.rows[r].enterprise_name == "赤壁羊楼洞茶业"}


PLACES = {"en": {"赤壁羊楼洞茶业": "Chibi City", "嘉鱼管材厂": "Jiayu County",
                "高新区电子厂": "Xianning High-tech Zone"},
          "zh_CN": {"赤壁羊楼洞茶业": "赤壁市", "嘉鱼管材厂": "嘉鱼县", "高新区电子厂": "咸宁高新区"}}


def test_list_columns_name_jurisdictions_in_the_ui_language(qtbot: QtBot, lang: str, store: Store,
                                                             settings) -> None:  # noqa: ANN001
    _firms(store)
    assert _column(qtbot, store, ENTERPRISES, 3) == PLACES[lang]
    assert _column(qtbot, store, VISITS, 1) == {"赤壁羊楼洞茶业": PLACES[lang]["赤壁羊楼洞茶业"]}
    assert _warned_places(qtbot, store, settings) == {PLACES[lang]["赤壁羊楼洞茶业"]}


def test_a_name_of_no_known_jurisdiction_is_shown_as_stored() -> None:
    from qcdesk.ui import labels

    assert labels.place({"jurisdiction": "某开发区"}) == "某开发区"
    assert labels.place({"jurisdiction": ""}) == ""
