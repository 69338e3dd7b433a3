"""Orders a package brings dated after the day it is received, reported, never refused.

The order dialog and the core save refuse an order dated in the future
(`rectification_checks.check_order_day`). A package is different: it is signed evidence of what
an inspector recorded, and an inspector whose laptop clock was wrong has recorded orders
"issued" on a day still to come, with deadlines counted from it. Refusing the package, or
changing the dates on the way in, would lose or falsify what was sent; importing it silently
would push the order's deadline and overdue warnings late. So the import keeps the rows as sent
and says, order by order, which dates lie beyond the day of receipt: an order date after it, or
a deadline later than even an order issued that day would have under its rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from qcdesk.exchange.warning_groups import kinded
from qcdesk.models.conflict_names import RecordNames
from qcdesk.models.messages import message
from qcdesk.models.rules import RULE_SETS, deadlines
from qcdesk.models.store import Store


@dataclass(frozen=True)
class DatedOrder:
    """An order of the package whose order date or deadline lies beyond the receipt day."""

    uuid: str
    enterprise: str  # the enterprise's uuid, as the package names it
    notice_no: str
    requirement: str
    ordered_on: str
    deadline: str
    latest: str  # the latest deadline an order issued on the receipt day has under its rules
    received_on: str  # the receipt day (local date of the import)

    @property
    def future_order(self) -> bool:
        return self.ordered_on > self.received_on

    def to_json(self) -> dict[str, str]:
        return {"uuid": self.uuid, "notice_no": self.notice_no, "ordered_on": self.ordered_on,
                "deadline": self.deadline, "received_on": self.received_on,
                "problem": "ordered_after_receipt" if self.future_order else
                "deadline_after_rule"}


class OrderDateCheck:
    """Checks the order rows of an import chunk by chunk, for one receipt day."""

    def __init__(self, names: Sequence[str], received_on: date) -> None:
        self.received_on = received_on.isoformat()
        # the latest deadline per rule set for an order issued on the receipt day
        self.latest = {key: deadlines(key, received_on)[0].isoformat() for key in RULE_SETS}
        self.any_rule = max(self.latest.values())  # a rule set this version does not know
        self._at = {n: names.index(n) for n in ("enterprise_id", "requirement", "rule_set",
                                                 "ordered_on", "deadline", "deleted_at",
                                                 "notice_no")}
        self.found: list[DatedOrder] = []

    def rows(self, rows: Iterable[Sequence[Any]]) -> None:
        """Note every live order among `rows` (uuid, data in ``data_names`` order, …) whose
        dates lie beyond the receipt day. Dates compare as ISO text, as the sheet has them."""
        at = self._at
        today, latest, any_rule = self.received_on, self.latest, self.any_rule
        for row in rows:
            data = row[1]
            ordered, deadline = _day(data[at["ordered_on"]]), _day(data[at["deadline"]])
            limit = latest.get(data[at["rule_set"]], any_rule)
            if (ordered > today or deadline > limit) and data[at["deleted_at"]] is None:
                self.found.append(DatedOrder(
                    str(row[0]), str(data[at["enterprise_id"]] or ""),
                    str(data[at["notice_no"]] or ""), str(data[at["requirement"]] or ""),
                    ordered, deadline, limit, today))


def _day(value: Any) -> str:
    return "" if value is None else str(value)[:10]


def warnings(store: Store, found: Sequence[DatedOrder]) -> list[tuple[str, str]]:
    """(Chinese, English) warning of each order, naming it as the app does (enterprise and
    notice number, or its requirement when it has no number yet)."""
    names = RecordNames(store)
    out = []
    for order in found:
        enterprise = names.title("enterprise", order.enterprise)
        what = order.notice_no or order.requirement[:24] or order.uuid[:8]
        title = f"{enterprise}：{what}" if enterprise else what
        if order.future_order:
            rule, params = "import.order_after_receipt", {
                "order": title, "ordered_on": order.ordered_on, "today": order.received_on,
                "deadline": order.deadline}
        else:
            rule, params = "import.deadline_after_rule", {
                "order": title, "deadline": order.deadline, "today": order.received_on,
                "latest": order.latest}
        out += kinded([(message(rule, "zh", **params), message(rule, "en", **params))], "order_date")
    return out
