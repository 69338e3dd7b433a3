"""Finding orders on 整改跟踪: by their 文号 (notice_no, a column of the order row), and those
still to finish or due within the week.

A clerk holds a paper notice 赤市监质改〔2025〕1号 and looks for its order: the 整改跟踪 search
matches each word against the number as well as the enterprise and the finding
(`listing._word_sets`), and `qcdesk doc notice` takes the number. Sorting by 文号 must put
1号 before 2号, 10号 and 100号, so the list orders by (prefix, year, serial as a number), all
computed in SQL from the stored text (`NOTICE_SORT`): the keyset pages compare those values.

Unfinished orders are spread over 待整改, 已提交整改报告, 待复查 and 复查不合格: the status filter
offers them as one (`UNFINISHED`), and the orders whose shown clock ends within 7 days
(`DUE_SOON`: the correction deadline, or the re-check's once a report is in) apart from the
overdue ones, which have their own 已逾期 and would otherwise fill the top of a deadline sort.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from qcdesk.models.codes import half_width
from qcdesk.models.notice_numbers import YEAR_BRACKETS, orders_numbered
from qcdesk.models.rules import PENDING_STATUSES, recheck_clock_sql, retest_passed_sql

if TYPE_CHECKING:
    from qcdesk.models.store import Store

UNFINISHED = "unfinished"  # pseudo-statuses of the rectification filter: derived, never stored
DUE_SOON = "due_soon"
UNFINISHED_STATUSES = (*PENDING_STATUSES, "recheck_failed")  # as the dashboard's 未完成 counts
DUE_DAYS = 7  # today and the six days after it
_DEADLINE = "coalesce(r.extended_to, r.deadline)"

# (prefix, year, serial, text) of r.notice_no: 赤市监质改〔2025〕12号 → ('赤市监质改', 2025, 12, …).
# A number in no known shape sorts by its text with year and serial 0; a blank one comes first.
# None of the values is ever NULL (notice_no is NOT NULL), as a keyset comparison needs.
_OPEN = "instr(r.notice_no, '〔')"
_CLOSE = "instr(r.notice_no, '〕')"
NOTICE_SORT: tuple[str, ...] = (
    f"CASE WHEN {_OPEN} > 0 THEN substr(r.notice_no, 1, {_OPEN} - 1) ELSE r.notice_no END",
    f"CASE WHEN {_OPEN} > 0 THEN CAST(substr(r.notice_no, {_OPEN} + 1) AS INTEGER) ELSE 0 END",
    f"CASE WHEN {_CLOSE} > {_OPEN} AND {_OPEN} > 0"
    f" THEN CAST(substr(r.notice_no, {_CLOSE} + 1) AS INTEGER) ELSE 0 END",
    "r.notice_no",
)


def notice_fragment(word: str) -> str:
    """A search word as stored numbers spell it: half-width, any bracket round a year made 〔〕
    ([2025]1号 and （2025）1号 find 〔2025〕1号)."""
    text = half_width(word).strip()
    return YEAR_BRACKETS.sub(lambda m: f"〔{m[1]}〕", text, count=1)


def orders_by_notice(store: Store, word: str) -> list[int]:
    """Ids of the orders whose 文号 holds the word: one pass over the notice_no index (the
    index alone, a few ms on 150,000 orders); deleted orders are left to the list's own terms."""
    fragment = notice_fragment(word)
    if not fragment:
        return []
    return [r[0] for r in store.db.execute(
        "SELECT id FROM rectification WHERE notice_no != '' AND instr(notice_no, ?) > 0", [fragment])]


def order_by_notice(store: Store, number: str) -> int | None:
    """The id of the one live order carrying this 文号 however it is spelt, else None."""
    found = orders_numbered(store, number)
    return found[0].id if len(found) == 1 else None


def unfinished_terms(status: str, lead: str, today: date) -> tuple[list[str], list[Any]]:
    """WHERE terms of the UNFINISHED or DUE_SOON filter and their parameters. Only the list's
    leading sort key (`lead`) may seek an index; the other terms are tested per row ('+').

    DUE_SOON is the clock the row shows (`rules.order_clock`) ending within the week: the
    correction deadline of an open order, the re-check due date (复查期限) of one on the bureau's
    re-check clock (`recheck_clock_sql`). A late report is overdue (已逾期), a failed re-check or
    a passed 复检 shows no clock: none of them is due this week."""
    def col(expr: str) -> str:
        return expr if expr == lead else f"+{expr}"

    if status == DUE_SOON:  # from today on: what is past is 已逾期 (or reported in time)
        first, last = today.isoformat(), (today + timedelta(days=DUE_DAYS - 1)).isoformat()
        pending = ", ".join(f"'{s}'" for s in PENDING_STATUSES)
        return [f"{col('r.status')} IN ({pending})",
                f"((+r.status = 'open' AND {_DEADLINE} BETWEEN ? AND ?)"
                f" OR ({recheck_clock_sql('r', '?')} AND +r.recheck_due BETWEEN ? AND ?))",
                f"+(NOT {retest_passed_sql('r')})"], [first, last, first, first, last]
    states = ", ".join(f"'{s}'" for s in UNFINISHED_STATUSES)
    return [f"{col('r.status')} IN ({states})"], []
