"""Notice numbers (文号) an import leaves on two live orders: reported, never refused.

A save here refuses a number another live order carries (`rectification_checks.check_notice_free`),
but inspectors working offline can each give two orders one number, and a county that never set
its own prefix numbers with QCDesk's default, the city bureau's 咸市监质改, so two counties'
numbers meet at the city. A package is signed evidence of what was recorded: refusing it would
lose data, renumbering on the way in would falsify it. So the import keeps every order as sent
and names each number it leaves on two or more live orders, created by this import or found
already so among the orders it creates or changes, for the receiving office to have one
renumbered. An order the package merely updates, keeping its own number, is no duplicate of
itself. A duplicate that was there before and whose orders the package leaves as they were
(all 未变: the city importing an inspector's package after the county's) is no news: listing it
again on every import buried the new ones, so such duplicates are counted in one line that
points to the warnings page (文号重复), where every one of them stays listed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from qcdesk.exchange.warning_groups import kinded
from qcdesk.models.conflict_names import key_name
from qcdesk.models.document_data import DOC_SETTING_DEFAULTS
from qcdesk.models.notice_numbers import (
    NumberedOrder,
    number_keys,
    order_marks,
    orders_by_uuid,
    shared_numbers,
)
from qcdesk.models.rectification_checks import NO_ENTERPRISE, day_name, state_name
from qcdesk.models.store import Store

CITY_PREFIX = DOC_SETTING_DEFAULTS["doc.notice_prefix"]  # what a QCDesk without its own prefix prints

_TEXTS = {
    "created": ("文号重复：导入后，{number} 同时用于 {n} 项整改——{orders}。",
                "Duplicate notice number: after this import {number} is on {n} orders — {orders}. "),
    "existing": ("文号重复（导入前已是如此）：{number} 同时用于 {n} 项整改——{orders}。",
                 "Duplicate notice number (already so before this import): {number} is on {n} "
                 "orders — {orders}. "),
    "advice": ("一个文号只对应一份责令整改通知书：导入时照原样保留，请对照发文登记簿核实，"
               "请下达方为其中多出的一项更正文号",
               "One number is one rectification notice: the import keeps them as sent; check the "
               "registry and have the issuing office correct the number of the extra one"),
    "city": ("；{number} 用的是 QCDesk 默认的市局前缀“{prefix}”：若不是市局下达的，下达方须在“设置”中"
             "填写本局的整改通知书文号前缀",
             "; {number} carries QCDesk's default prefix, the city bureau's “{prefix}”: unless the city "
             "issued it, the issuing office must set its own notice prefix in Settings"),
    "untouched": ("另有 {n} 个文号在导入前已同时用于多项整改，本数据包没有新增或改动用到它们的整改，"
                  "此处不再逐一列出：见“预警”中的“文号重复”",
                  "{n} more notice number(s) were already on several orders before this import and "
                  "this package neither adds nor changes any of those orders, so they are not listed "
                  "here: see Warnings, Duplicate notice number"),
    "order": ("{enterprise}，{ordered_on}下达，{status}，{where}", "{enterprise}, ordered on {ordered_on}, "
              "{status}, {where}"),
    "package": ("本数据包", "in this package"),
    "here": ("本机已有", "already here"),
}


@dataclass(frozen=True)
class DuplicateNotice:
    """One number on several live orders after an import, and whether the import made it so."""

    notice_no: str  # as the first order carries it
    orders: tuple[NumberedOrder, ...]  # oldest first
    in_package: frozenset[str]  # uuids of those orders the package carries
    created: bool  # this import put the number on a second order (else it was on two already)

    def to_json(self) -> dict[str, Any]:
        return {"notice_no": self.notice_no, "created": self.created,
                "orders": [{"uuid": o.uuid, "notice_no": o.notice_no, "enterprise": o.enterprise,
                            "ordered_on": o.ordered_on, "status": o.status, "origin": o.origin,
                            "in_package": o.uuid in self.in_package} for o in self.orders]}


class NoticeNumberCheck:
    """The numbers the package's orders carry here before the merge, noted as their rows stream
    past (before they are written), and after the merge every number two or more live orders
    carry, one of them the package's.

    Why not every live order's number, before and after: only the package's orders change, so a
    number on two orders after the import was already on them all before unless one of the
    package's orders did not carry it then. Reading all live orders twice cost a full pass over
    the table on every import; the package's orders are looked up by uuid, and the shared numbers
    after come from the notice_no index (`shared_numbers`). The report is the same."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.uuids: set[str] = set()
        self.before: dict[str, str] = {}  # package order's uuid → key of its number here, if live
        self.marks: dict[str, tuple[int, str]] = {}  # of those: (revision, updated_at) before
        self.untouched = 0  # numbers shared before whose orders the package left as they were

    def rows(self, rows: Iterable[Sequence[Any]]) -> None:
        """Note the package's orders (rows as fed: uuid first) and the number each carries here
        now, read inside the import's transaction before the rows are written."""
        fresh = list(dict.fromkeys(u for u in (str(row[0]) for row in rows) if u not in self.uuids))
        self.uuids.update(fresh)  # a uuid seen again keeps what it carried before the import
        keys = number_keys(self.store, fresh)
        self.before.update(keys)
        self.marks.update(order_marks(self.store, keys))  # to tell a changed order from 未变

    def found(self, store: Store) -> list[DuplicateNotice]:
        """Each number shared by live orders, one of them an order the package created or
        changed, in number order; numbers shared only by orders it left as they were are counted
        in `untouched`."""
        shared = {key: uuids for key, uuids in shared_numbers(store).items() if uuids & self.uuids}
        after = order_marks(store, {u for uuids in shared.values() for u in uuids & self.uuids})

        def touched(uuid: str, key: str) -> bool:  # new here, renumbered or otherwise rewritten
            return self.before.get(uuid) != key or self.marks.get(uuid) != after.get(uuid)

        self.untouched = 0
        for key in list(shared):
            if not any(touched(u, key) for u in shared[key] & self.uuids):
                del shared[key]
                self.untouched += 1
        orders = orders_by_uuid(store, {u for uuids in shared.values() for u in uuids})
        out = []
        for key in sorted(shared):
            uuids = shared[key]
            listed = tuple(sorted((orders[u] for u in uuids if u in orders),
                                  key=lambda o: (o.ordered_on, o.id)))
            mine = uuids & self.uuids
            out.append(DuplicateNotice(listed[0].notice_no, listed, frozenset(mine),
                                       any(self.before.get(u) != key for u in mine)))
        return out


def warnings(store: Store, found: Sequence[DuplicateNotice], untouched: int = 0
             ) -> list[tuple[str, str]]:
    """(Chinese, English) line of each duplicate: the number, each order as a clerk tells it apart
    (enterprise, order date, state, in this package or already here), what to do; then one line
    counting the `untouched` duplicates that were there before, if any."""
    out = []
    for dup in found:
        lines = []
        for lang in (0, 1):
            listed = ("；" if lang == 0 else "; ").join(_TEXTS["order"][lang].format(
                enterprise=o.enterprise or NO_ENTERPRISE[lang], ordered_on=day_name(o.ordered_on)[lang],
                status=state_name(o.status, o.closing_reason)[lang],
                where=_TEXTS["package" if o.uuid in dup.in_package else "here"][lang])
                for o in dup.orders)
            text = _TEXTS["created" if dup.created else "existing"][lang].format(
                number=dup.notice_no, n=len(dup.orders), orders=listed) + _TEXTS["advice"][lang]
            if dup.notice_no.startswith(f"{CITY_PREFIX}〔"):
                text += _TEXTS["city"][lang].format(number=dup.notice_no, prefix=CITY_PREFIX)
            lines.append(text)
        out += kinded([(lines[0], lines[1])], "notice_duplicate")  # grouped when many
    if untouched:
        zh, en = _TEXTS["untouched"]
        out.append((zh.format(n=untouched), en.format(n=untouched)))
    return out


def source_text(store: Store, order: NumberedOrder) -> str:
    """Who first recorded the order, for the reconciliation workbook: 本机录入 or the signer."""
    if order.origin in ("", "local"):
        return "本机录入"
    return f"数据包（签名人 {key_name(store, order.origin) or order.origin}）"
