"""A refresh of a short filtered list read near its end reads once (review R7 #2).

With one county's drafts (283 of a million visits) scrolled to the last row, every refresh (and
every editor save refreshes all lists) read on for "a page more" past the list's end, one budget
at a time, through the whole table on the GUI thread: 2.5 s frozen per save.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from test_list_model import fill_store

from qcdesk.models.listing import VISITS, ListFilters, ListRequest, ListSource
from qcdesk.models.store import Store
from qcdesk.ui.list_model import LazyListModel
from qcdesk.ui.list_pages import columns_for

BUDGET = 200  # rows a read examines: small, so the walk past the end takes many reads here


@contextmanager
def counted(store: Store) -> Iterator[list[str]]:
    """The statements SQLite runs on the store's connection meanwhile."""
    seen: list[str] = []
    store.db.conn.set_trace_callback(seen.append)
    try:
        yield seen
    finally:
        store.db.conn.set_trace_callback(None)


def sparse(store: Store) -> ListRequest:
    """One county's drafts: the newest 60 of its visits, then 20,000 visits none of them."""
    code = store.db.execute("SELECT jurisdiction_code FROM enterprise LIMIT 1").fetchone()[0]
    with store.transaction():
        store.db.execute("UPDATE visit SET status = 'done' WHERE status = 'draft'")
        store.db.execute("UPDATE visit SET status = 'draft' WHERE id IN (SELECT v.id FROM visit v"
                         " JOIN enterprise e ON e.id = v.enterprise_id WHERE e.jurisdiction_code = ?"
                         " ORDER BY v.visit_date DESC, v.id DESC LIMIT 60)", [code])
    return ListRequest(VISITS, ListFilters(status="draft", jurisdiction=code))


def test_refresh_at_the_end_of_a_short_filtered_list_reads_once(qapp, store: Store) -> None:  # noqa: ANN001
    fill_store(store, 300, 20_000)
    request = sparse(store)
    model = LazyListModel(store, request, columns_for(VISITS), page_size=20, fetch_budget=BUDGET)
    while model.canFetchMore():  # the reader scrolled down to the last row
        model.fetchMore()
    rows = model.rowCount()
    assert rows == 60
    last = model.record_id(rows - 1)
    with counted(store) as one_read:  # what one read of the whole list costs
        ListSource(store, request).read(None, rows + 20, budget=BUDGET * (-(-(rows + 20) // 20)))
    with counted(store) as refresh:
        model.refresh(in_use=rows)  # the last row selected and shown
    assert model.rowCount() == rows and model.record_id(rows - 1) == last  # the reader's rows kept
    # was about 20,000 / 200 more reads: the walk past the list's end, budget by budget
    assert len(refresh) <= len(one_read), refresh
