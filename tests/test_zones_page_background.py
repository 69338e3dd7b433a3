"""The zones page reads its list in a worker (its pinyin sort loaded pypinyin on the GUI thread
at start-up: 0.7–1.4 s, s7/r3), and shows the dashboard's scope, an area as on the lists."""

from __future__ import annotations

import threading

import pytest

import qcdesk.ui.zones_page as zones_ui
from qcdesk.models.demonstration import DemonstrationZone, save_zone
from qcdesk.models.store import Store
from qcdesk.ui.zones_page import ZonesPage

pytestmark = pytest.mark.usefixtures("chinese")


@pytest.fixture
def zoned(store: Store) -> Store:
    for name, code in (("咸安苎麻纺织示范区", "421202"), ("咸宁高新区军民结合示范区", "421202-HTZ"),
                       ("嘉鱼管材示范项目", "421221"), ("赤壁青砖茶示范区", "421281")):
        save_zone(store, DemonstrationZone(name=name, level="national", status="accepted",
                                           jurisdiction_code=code))
    return store


def test_the_list_is_never_read_on_the_gui_thread(qtbot, zoned: Store,  # noqa: ANN001
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[bool] = []
    real = zones_ui.list_zones

    def watched(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        threads.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(zones_ui, "list_zones", watched)
    page = ZonesPage(zoned)
    qtbot.addWidget(page)
    assert page.computing  # built at once; the rows come from the worker
    qtbot.waitUntil(lambda: not page.computing, timeout=10000)
    assert page.model.rowCount() == 4
    page.refresh()
    qtbot.waitUntil(lambda: not page.computing, timeout=10000)
    assert threads and not any(threads)


def test_the_dashboards_scope_limits_the_list(qtbot, zoned: Store) -> None:  # noqa: ANN001
    page = ZonesPage(zoned)
    qtbot.addWidget(page)
    page.set_filters({"level": "national", "jurisdiction": "421202"})
    qtbot.waitUntil(lambda: not page.computing, timeout=10000)
    assert page.jurisdiction.currentText() == "咸安区（含咸宁高新区）"
    assert sorted(z.jurisdiction_code for z in page.model.rows) == ["421202", "421202-HTZ"]
    assert page.summary.text().startswith("显示 2 个")
    page.jurisdiction.setCurrentIndex(0)  # 全部辖区
    qtbot.waitUntil(lambda: not page.computing and page.model.rowCount() == 4, timeout=10000)
