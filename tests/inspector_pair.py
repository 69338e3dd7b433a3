"""Two inspectors for a test's visit: an order on a finding needs a visit made by two people
(`rectification_checks.check_finding_team`). Made once per store, then found again."""

from __future__ import annotations

from qcdesk.models.inspections import save_inspector
from qcdesk.models.records import Inspector
from qcdesk.models.store import Store

PAIR = (("王磊", "42120001"), ("李娜", "42120002"))


def inspector_pair(store: Store) -> list[str]:
    """The uuids of 王磊 and 李娜 (421281), saved on first use."""
    found = dict(store.db.execute(
        "SELECT cert_no, uuid FROM inspector WHERE deleted_at IS NULL AND cert_no IN (?, ?)",
        [c for _n, c in PAIR]).fetchall())
    return [found.get(c) or save_inspector(
        store, Inspector(name=n, cert_no=c, jurisdiction_code="421281")).uuid for n, c in PAIR]
