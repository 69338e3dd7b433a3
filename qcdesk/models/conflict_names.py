"""What a clerk recognises a record by when two versions of it meet in a merge conflict: an
enterprise by its name, a visit by enterprise, date and kind, a finding by its description, an
inspector by name — never by uuid. Also the live values of a conflicting record (parents as
uuids, as the exchange workbook and the kept incoming row have them), read one record at a time:
the merge writer's uuid caches would read every uuid of every table for one conflict.
"""

from __future__ import annotations

import json
from typing import Any

from qcdesk.exchange.workbook import SPEC_BY_TABLE
from qcdesk.models.clock_text import local_date
from qcdesk.models.demonstration import ZONE_KIND_LABELS
from qcdesk.models.exchange_store import _row_dict, _select
from qcdesk.models.records import VISIT_KIND_LABELS
from qcdesk.models.store import Store

TITLE_LENGTH = 40


def clip(text: Any, length: int = TITLE_LENGTH) -> str:
    value = " ".join(str(text or "").split())
    return value if len(value) <= length else value[: length - 1] + "…"


def target_uuid(store: Store, table: str, uuid: str) -> str:
    """The local record an incoming uuid stands for (a twin enterprise's uuid is aliased)."""
    row = store.db.execute("SELECT target_uuid FROM exchange_alias WHERE kind = ? AND uuid = ?",
                           [table, uuid]).fetchone()
    return row[0] if row else uuid


def live_values(store: Store, table: str, uuid: str) -> dict[str, Any] | None:
    """The record's data values with parents as uuids (and its local id), or None."""
    spec = SPEC_BY_TABLE[table]
    row = store.db.execute(_select(spec) + " WHERE t.uuid = ?", [uuid]).fetchone()
    return None if row is None else _row_dict(spec, row)


def local_id(store: Store, table: str, uuid: str | None) -> int | None:
    """The local id of a record named by uuid (following an alias), None when unknown."""
    if not uuid:
        return None
    row = store.db.execute(f"SELECT id FROM {table} WHERE uuid = ?",
                           [target_uuid(store, table, str(uuid))]).fetchone()
    return int(row[0]) if row else None


class RecordNames:
    """Titles of records by uuid, looked up once each (a dialog asks for the same enterprise
    many times). The program's own words in a title (brackets, separators, a visit's kind, a
    draw's name) are the attributes and methods below, so the UI's English names
    (ui/conflict_words.EnglishNames) change only those."""

    OPEN, CLOSE, COLON, LIST_SEP = "（", "）", "：", "、"

    def visit_kind(self, code: str) -> str:
        return VISIT_KIND_LABELS.get(code, code)

    def draw_title(self, drawn_at: Any) -> str:
        return f"抽查摇号 {local_date(drawn_at)}"

    def __init__(self, store: Store) -> None:
        self.store = store
        self._titles: dict[tuple[str, str], str] = {}

    def title(self, table: str, uuid: Any) -> str:
        """The record's title, "" when there is no such record here."""
        if not uuid or table not in SPEC_BY_TABLE:
            return ""
        key = (table, str(uuid))
        if key not in self._titles:
            values = live_values(self.store, table, target_uuid(self.store, table, str(uuid)))
            self._titles[key] = "" if values is None else self.titled(table, values)
        return self._titles[key]

    def inspector(self, uuid: Any) -> str:
        return self.title("inspector", uuid)

    def titled(self, table: str, v: dict[str, Any]) -> str:
        """A title made from a record's values (parents as uuids), e.g. the kept incoming row."""
        enterprise = self.title("enterprise", v.get("enterprise_id"))
        if table == "visit":
            kind = self.visit_kind(v.get("kind") or "")
            return clip(" ".join(x for x in (enterprise, str(v.get("visit_date") or "")[:10], kind) if x))
        if table in ("sample", "finding"):
            text = v.get("product_name") if table == "sample" else v.get("description")
            where = self._visit_enterprise(v.get("visit_id"))
            return clip(f"{clip(text, 24)}{self.OPEN}{where}{self.CLOSE}" if where else text)
        if table == "rectification":
            what = v.get("notice_no") or v.get("requirement")
            return clip(f"{enterprise}{self.COLON}{clip(what, 24)}" if enterprise else what)
        if table == "licence":
            return clip(f"{v.get('number') or ''}{self.OPEN}{enterprise}{self.CLOSE}" if enterprise
                        else v.get("number"))
        if table == "photo":
            return clip(v.get("file_name"))
        if table == "amendment":
            return clip(v.get("reason"))
        if table == "draw_record":
            return clip(self.draw_title(v.get("drawn_at")))
        if table == "recusal":
            return clip(f"{self.inspector(v.get('inspector_id'))} 回避 {enterprise}")
        if table == "demonstration_zone":
            kind = ZONE_KIND_LABELS.get(v.get("kind") or "", "")
            return clip(f"{v.get('name') or ''}（{kind}）" if kind else v.get("name"))
        return clip(v.get("name"))  # enterprise, inspector, industry, certification, contact

    def _visit_enterprise(self, visit_uuid: Any) -> str:
        visit = live_values(self.store, "visit", str(visit_uuid)) if visit_uuid else None
        return "" if visit is None else self.title("enterprise", visit.get("enterprise_id"))

    def people(self, value: Any) -> str:
        """A JSON list of people as their names: an inspector uuid as the inspector's name (older
        data stored samplers that way), a {name, cert_no} entry as its name, and a name typed as
        it is, or anything unknown here, as given."""
        return self.LIST_SEP.join(self.person(u) for u in json_list(value))

    def person(self, item: Any) -> str:
        if isinstance(item, dict):
            return str(item.get("name") or "")
        return self.inspector(item) or str(item)

    def enterprises(self, value: Any) -> str:
        return self.LIST_SEP.join(self.title("enterprise", u) or str(u) for u in json_list(value))


def json_list(value: Any) -> list[Any]:
    """A JSON array stored as text, as a list; other text as a one-item list."""
    if value in (None, ""):
        return []
    try:
        items = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return [value]
    return list(items) if isinstance(items, list) else [items]


# --- where each version of a conflict came from ------------------------------------------

def lineage_of(store: Store, table: str, uuid: str) -> dict[str, str] | None:
    """The version a record was last merged at (head, editor, base), None if never received."""
    row = store.db.execute("SELECT head, editor, base FROM exchange_lineage WHERE kind = ? AND "
                           "uuid = ?", [table, uuid]).fetchone()
    return None if row is None else {"head": row[0], "editor": row[1], "base": row[2]}


def imported_package(store: Store, sha256: str = "", *, at_or_after: str = ""
                     ) -> dict[str, Any] | None:
    """A package merged here (signer, sequence, imported_at): by its SHA-256, or the first one
    recorded at or after a time (a merge records its package at the end of its transaction)."""
    if sha256:
        row = store.db.execute("SELECT signer, sequence, imported_at FROM exchange_import WHERE "
                               "package_sha256 = ? LIMIT 1", [sha256]).fetchone()
    elif at_or_after:
        row = store.db.execute("SELECT signer, sequence, imported_at FROM exchange_import WHERE "
                               "imported_at >= ? ORDER BY imported_at LIMIT 1",
                               [at_or_after]).fetchone()
    else:
        return None
    return None if row is None else {"signer": row[0], "sequence": row[1], "imported_at": row[2]}


def key_name(store: Store, key_id: str) -> str:
    """The trust list's name for a key id ("" when it has none)."""
    from qcdesk.models import trust_store

    try:
        key = trust_store.get_key(store, key_id) if key_id else None
    except ValueError:
        return ""
    return key.name if key is not None else ""


def own_signer(store: Store) -> str:
    from qcdesk.models import exchange_store

    return exchange_store.own_signer(store) or ""


def received_manifest(store: Store, key_id: str, sequence: int | None) -> dict[str, Any]:
    """The manifest of a package received here ({} when it was not recorded, e.g. a dry run)."""
    row = store.db.execute("SELECT manifest_json FROM received_package WHERE key_id = ? AND "
                           "sequence = ? AND deleted_at IS NULL", [key_id, sequence]).fetchone()
    try:
        manifest = json.loads(row[0]) if row else {}
    except ValueError:
        return {}
    return manifest if isinstance(manifest, dict) else {}
