"""Two inspectors' copies of the same records, edited apart and merged at the county (李四's copy
receives 张三's package): the conflicts a clerk then resolves."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from exchange_fixtures import export_to, merge, populate

from qcdesk.models.persistence import insert_record, update_record
from qcdesk.models.records import Enterprise, Inspector, Rectification, Visit
from qcdesk.models.store import Store

Edit = Callable[[Store], None]


def two_sides(tmp_path: Path, edit_zhang: Edit, edit_li: Edit) -> Store:
    """李四's database after it merged 张三's package; both edited the same base apart."""
    origin = Store.memory("o")
    populate(origin, 1, 1)  # 张三 (inspector), one enterprise, visit, sample, finding, order
    with origin.db.atomic():
        insert_record(origin, Inspector(name="李四", cert_no="0043", jurisdiction_code="421202"))
    export_to(origin, tmp_path / "base.xlsx", "0" * 16)
    people = {name: uuid for uuid, name in origin.db.execute("SELECT uuid, name FROM inspector")}
    zhang, li = Store.memory(people["张三"]), Store.memory(people["李四"])
    for store, edit in ((zhang, edit_zhang), (li, edit_li)):
        merge(store, tmp_path / "base.xlsx", "0" * 16)
        with store.db.atomic():
            edit(store)
    export_to(zhang, tmp_path / "zhang.xlsx", "A" * 16, full=False)
    merge(li, tmp_path / "zhang.xlsx", "A" * 16)
    return li


FIRM_USCC = "91421221MA4E3XHX15"  # 嘉鱼县鱼岳食品有限公司, the firm of `firm_edited_apart`


def firm_edited_apart(tmp_path: Path, start: dict[str, Any], zhang: dict[str, Any],
                      li: dict[str, Any]) -> Store:
    """张三 and 李四 (inspectors of 嘉鱼县) change the same enterprise offline, from `start` to
    `zhang`'s and `li`'s values; 李四's copy then receives 张三's change (Store.memory, no files
    but the sheets in tmp_path)."""
    origin = Store.memory("o")
    with origin.db.atomic():
        zhang_inspector, li_inspector = (insert_record(origin, Inspector(name=name, cert_no=cert,
                                                                         jurisdiction_code="421221"))
                                         for name, cert in (("张三", "0042"), ("李四", "0043")))
        insert_record(origin, Enterprise(uscc=FIRM_USCC, name="嘉鱼县鱼岳食品有限公司",
                                         jurisdiction_code="421221", **start))
    export_to(origin, tmp_path / "base.xlsx", "0" * 16)
    a, b = Store.memory(zhang_inspector.uuid), Store.memory(li_inspector.uuid)
    for s, values in ((a, zhang), (b, li)):
        merge(s, tmp_path / "base.xlsx", "0" * 16)
        e = enterprise(s)
        for name, value in values.items():
            setattr(e, name, value)
        with s.db.atomic():
            update_record(s, e)
    export_to(a, tmp_path / "a.xlsx", "A" * 16, full=False)
    merge(b, tmp_path / "a.xlsx", "A" * 16)
    return b


def order(store: Store) -> Rectification:
    return Rectification.from_row(next(store.db.query("SELECT * FROM rectification")))


def visit(store: Store) -> Visit:
    return Visit.from_row(next(store.db.query("SELECT * FROM visit")))


def enterprise(store: Store) -> Enterprise:
    return Enterprise.from_row(next(store.db.query("SELECT * FROM enterprise")))


def zhang_closes(store: Store) -> None:
    """张三 closed the order on 2024-04-01 (no report recorded on his copy)."""
    rect = order(store)
    rect.status, rect.closed_on = "closed", "2024-04-01"
    update_record(store, rect)


def li_takes_report(store: Store) -> None:
    """李四 recorded the enterprise's report of 2024-03-01."""
    rect = order(store)
    rect.status, rect.report_submitted_on = "report_submitted", "2024-03-01"
    update_record(store, rect)


def rectification_row(store: Store) -> tuple[str, str | None, str | None, str]:
    return tuple(store.db.execute(  # type: ignore[return-value]
        "SELECT status, closed_on, report_submitted_on, ordered_on FROM rectification").fetchone())
