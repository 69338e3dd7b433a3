"""The refusal of an empty draw pool names the area as the pool counted it: a 咸安区 draw takes in
咸宁高新区's firms (pool rule 2 on), so its refusal says 咸安区（含咸宁高新区）, as the lists, the
dashboard and the publication sheet do, not plain 咸安区 (s7/rra, left by 1df665c)."""

from __future__ import annotations

from datetime import date

import pytest

from qcdesk.models.draw import DrawError, DrawParameters, make_draw
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.records import Enterprise, Inspector, Visit
from qcdesk.models.store import Store

DAY = date(2026, 11, 30)


def _planned_firm(store: Store, uscc: str, code: str) -> None:
    """A firm whose drawn check is still to come: it is left out of the next pool."""
    eid = save_enterprise(store, Enterprise(uscc=uscc, name=f"{code}厂", jurisdiction_code=code)).id
    insp = [r[0] for r in store.db.execute("SELECT uuid FROM inspector ORDER BY id LIMIT 2")]
    save_visit(store, VisitBundle(Visit(enterprise_id=eid, visit_date="2026-12-10", kind="spot_check",
                                        status="planned", inspectors=insp), []))


def _refusal(store: Store, code: str) -> DrawError:
    with pytest.raises(DrawError) as refused:
        make_draw(store, seed="20261130", params=DrawParameters(jurisdiction=code), as_of=DAY)
    return refused.value


def test_an_empty_pool_names_the_area_it_counted(store: Store) -> None:
    for name in ("孙秀", "黄斌"):
        save_inspector(store, Inspector(name=name, jurisdiction_code="421202"))
    _planned_firm(store, "91421202MA4AEDKU8T", "421202")
    _planned_firm(store, "91421221MA4E3XHX15", "421202-HTZ")
    refused = _refusal(store, "421202")
    assert refused.rule == "draw.pool_all_excluded"
    assert "咸安区（含咸宁高新区）符合条件的 2 家企业都不参加" in str(refused)
    assert "咸安区（含咸宁高新区）" in refused.text("en")
    alone = _refusal(store, "421202-HTZ")  # the zone alone reads plainly
    assert "抽取池为空：咸宁高新区符合条件的 1 家企业" in str(alone)
