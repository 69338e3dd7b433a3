"""How a clerk names a record on the command line, and what `qcdesk find` prints.

The GUI never shows an internal id or a uuid, so a clerk names an enterprise by its 统一社会信用代码
and an order by its 文号, as on paper. Every command that takes an enterprise or an order resolves
it here, so `risk --enterprise`, `recusal --enterprise`, `audit history` and `doc notice` take the
same keys. `find_enterprises` answers a search with the enterprise list's own search
(`listing.ListSource`), so the CLI finds exactly what the 企业档案 box finds.
"""

from __future__ import annotations

from dataclasses import dataclass

from qcdesk.models.codes import USCC_ALPHABET, check_uscc, normalize_uscc
from qcdesk.models.enterprises import find_enterprise_by_uscc
from qcdesk.models.listing import ENTERPRISES, ListFilters, ListRequest, ListSource
from qcdesk.models.order_search import UNFINISHED_STATUSES, order_by_notice
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Enterprise, Rectification
from qcdesk.models.store import Store


class BadKey(ValueError):
    """A key that cannot name any record as typed (a credit code that fails its check)."""


_UUID_HYPHENS = (8, 13, 18, 23)  # where a uuid (or a prefix of one) has its hyphens


def uuid_shaped(key: str) -> bool:
    """Hex digits with hyphens where a uuid has them (3db18a28-ec9f-4fbf-99): a uuid prefix,
    which is 18 characters long too once its hyphens go."""
    text = key.strip()
    return "-" in text and len(text) <= 36 and all(
        c == "-" if i in _UUID_HYPHENS else c in "0123456789abcdefABCDEF" for i, c in enumerate(text))


def looks_like_uscc(key: str) -> bool:
    """18 characters of the code's alphabet once spaces and hyphens go, and not a uuid prefix:
    an id has fewer digits, a uuid has its hyphens where no one writes them in a credit code."""
    code = normalize_uscc(key)
    return len(code) == 18 and all(c in USCC_ALPHABET for c in code) and not uuid_shaped(key)


def enterprise_by_key(store: Store, key: str) -> Enterprise | None:
    """The enterprise a record id, uuid (prefix) or 统一社会信用代码 names, or None.
    Raises BadKey for a credit code that fails its check, saying why; 18 characters that are
    not the code's (a letter O for 0) are tried as a uuid prefix first, then refused so."""
    key = key.strip()
    code = normalize_uscc(key)
    if looks_like_uscc(key):
        _check(code, key)
        return find_enterprise_by_uscc(store, code)
    found = fetch_record(store, Enterprise, key)
    if found is None and len(code) == 18 and not uuid_shaped(key):
        _check(code, key)
    return found


def _check(code: str, key: str) -> None:
    check = check_uscc(code)
    if check.errors:
        from qcdesk.models.messages import message

        raise BadKey(f"{message(check.errors[0], **check.params)}：{key}")


def order_by_key(store: Store, key: str) -> Rectification | None:
    """The order a record id, uuid (prefix) or 文号 (赤市监质改〔2025〕1号, [2025]1号…) names."""
    key = key.strip()
    found = fetch_record(store, Rectification, key)
    if found is not None:
        return found
    rect_id = order_by_notice(store, key)
    return fetch_record(store, Rectification, rect_id) if rect_id is not None else None


def record_uuid(store: Store, table: str, key: str) -> str:
    """The uuid of the `table` record an id, uuid or unique uuid prefix (8+ characters) names,
    as every other command takes it; the key itself when no record answers (a table without
    a record class, or a purged row whose audit lines remain)."""
    from qcdesk.models.demonstration import DemonstrationZone
    from qcdesk.models.draw import DrawRecord, Recusal
    from qcdesk.models.editor_queries import Contact
    from qcdesk.models.records import Finding, Inspector, Licence, Photo, Sample, Visit

    classes = (Inspector, Enterprise, Licence, Visit, Sample, Finding, Photo, Rectification, Contact,
               Recusal, DrawRecord, DemonstrationZone)
    cls = next((c for c in classes if table == c.TABLE), None)
    found = fetch_record(store, cls, key.strip()) if cls is not None else None
    return found.uuid if found is not None else key


@dataclass(frozen=True)
class FoundEnterprise:
    """One line of `qcdesk find`: what a clerk needs to name the firm in the next command."""

    id: int
    uuid: str
    name: str
    uscc: str
    open_orders: int
    last_visit: str  # '' when never visited


def find_enterprises(store: Store, text: str, limit: int = 20) -> tuple[list[FoundEnterprise], int]:
    """The first `limit` enterprises the 企业档案 search finds for `text`, in the list's order,
    and how many it finds in all."""
    source = ListSource(store, ListRequest(ENTERPRISES, ListFilters(search=text)))
    ids = [key[-1] for key in source.page(None, limit)]
    total = source.count() or 0
    if not ids:
        return [], total
    unfinished = ", ".join(f"'{s}'" for s in UNFINISHED_STATUSES)
    rows = {r[0]: r for r in store.db.execute(
        "SELECT e.id, e.uuid, e.name, e.uscc,"
        " (SELECT count(*) FROM rectification r WHERE r.enterprise_id = e.id AND r.deleted_at IS NULL"
        f"  AND r.status IN ({unfinished})),"
        " (SELECT max(v.visit_date) FROM visit v WHERE v.enterprise_id = e.id AND v.deleted_at IS NULL"
        "  AND v.status != 'planned')"
        " FROM enterprise e WHERE e.id IN (SELECT value FROM json_each(?))", [_json(ids)])}
    return [FoundEnterprise(r[0], r[1], r[2], r[3] or "", r[4], r[5] or "")
            for r in (rows[i] for i in ids if i in rows)], total


def _json(ids: list[int]) -> str:
    import json

    return json.dumps(ids)
