"""Reconciliation workbook after an import: counts, and every open conflict field by field
(live value beside the kept incoming value), for a person to review in Excel/WPS."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from qcdesk.exchange.conflict_view import REASONS_ZH, conflict_view, values_of, with_groups
from qcdesk.exchange.importer import SELF_EDITOR, conflict_head, live_state, parents_to_ids
from qcdesk.exchange.merge import content_hash, format_ancestors, revision_of, version_id
from qcdesk.exchange.workbook import SPEC_BY_TABLE
from qcdesk.export.xlsx_writer import CODE, INT, TEXT, Column, XlsxWriter
from qcdesk.models import exchange_store as xs
from qcdesk.models.conflict_checks import CombinationRefused, combination_issues
from qcdesk.models.conflict_names import RecordNames
from qcdesk.models.merge_writer import MergeWriter
from qcdesk.models.store import Store, now_utc


def write_reconciliation(store: Store, path: Path, result: Any) -> Path:
    """Counts, and each open conflict's differing fields in the words the app shows (the
    record by name, coded values as words, links by name), current value beside kept value."""
    names = RecordNames(store)
    with XlsxWriter(path) as book:
        counts = book.add_sheet("导入结果", [
            Column("类别", TEXT, 16), Column("新增", INT, 8), Column("更新", INT, 8),
            Column("未变", INT, 8), Column("冲突", INT, 8)])
        for kind, c in result.to_json()["counts"].items():
            sheet_name = SPEC_BY_TABLE[kind].sheet if kind in SPEC_BY_TABLE else kind
            counts.append([sheet_name, c["new"], c["updated"], c["unchanged"], c["conflicting"]])
        counts.close()
        sheet = book.add_sheet("冲突", [
            Column("类别", TEXT, 12), Column("记录", TEXT, 36), Column("原因", TEXT, 18),
            Column("字段", TEXT, 16), Column("本地现值", TEXT, 40), Column("收到的值", TEXT, 40),
            Column("记录ID", CODE, 38), Column("收到的版本", CODE, 24), Column("签名人", TEXT, 18)])
        signers: dict[str, str] = {}
        for c in xs.open_conflicts(store):
            if c["kind"] not in SPEC_BY_TABLE:
                continue
            view = conflict_view(store, c, names)
            if c["signer"] not in signers:
                signers[c["signer"]] = _signer(store, c["signer"])
            for row in view.differing():
                sheet.append([view.kind, view.label, REASONS_ZH.get(c["reason"], c["reason"]),
                              row.header, row.mine_text, row.theirs_text, c["uuid"],
                              c["version"], signers[c["signer"]]])
        sheet.close()
    return path


def _signer(store: Store, key_id: str) -> str:
    """A signer as the trust list names it, with its key id."""
    from qcdesk.models import trust_store

    try:
        key = trust_store.get_key(store, key_id)
    except ValueError:
        key = None
    return f"{key.name}（{key_id}）" if key is not None and key.name else key_id


def conflict_fields(store: Store, conflict: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(sheet header, live value, kept value) of every data field, stored values as they are."""
    live, incoming = values_of(store, conflict)
    return [(f.header, live.get(f.name), incoming.get(f.name))
            for f in SPEC_BY_TABLE[conflict["kind"]].data_fields]


def resolve_conflict(store: Store, conflict_id: int, *, take_incoming: bool = False,
                     fields_from_other: Iterable[str] = ()) -> None:
    """Settle a conflict with a NEW version that descends from both sides, so that neither
    side's version comes back as a conflict here or on machines that receive it. It holds the
    other version (`take_incoming`), or the current one with the data fields named in
    `fields_from_other` taken from the other version (a combination).

    A combination takes each named field together with its group (`conflict_view.FIELD_GROUPS`:
    an order's status with its closing date …), and is refused (`CombinationRefused`, nothing
    written) when the combined record breaks a rule of a normal save that neither version breaks.
    """
    conflict = xs.get_conflict(store, conflict_id)
    if conflict is None or conflict["resolved_at"] is not None:
        raise ValueError(f"no open conflict {conflict_id}")
    with store.db.atomic():
        if conflict["reason"] != "divergent":  # duplicate USCC: the alias stays, note it
            xs.mark_resolved(store, conflict_id, "reviewed")
            return
        spec = SPEC_BY_TABLE[conflict["kind"]]
        w = MergeWriter(store)
        uuid = conflict["uuid"]
        row = w.live(spec, uuid)
        if row is None:
            raise ValueError(f"record {uuid} is missing")
        editor = xs.own_signer(store) or SELF_EDITOR
        live_vals, live = live_state(spec, uuid, row, editor)
        other = conflict_head(conflict)
        incoming = json.loads(conflict["row_json"])
        names = {f.name for f in spec.data_fields}
        if set(fields_from_other) - names:
            raise ValueError(f"unknown fields {sorted(set(fields_from_other) - names)}")
        from_other = with_groups(spec.table, fields_from_other)
        chosen = ({f.name: incoming.get(f.name) for f in spec.data_fields} if take_incoming
                  else {**live_vals, **{n: incoming.get(n) for n in from_other}})
        if from_other and not take_incoming:
            problems = combination_issues(store, spec.table, chosen, (live_vals, incoming),
                                          row["id"])
            if problems:
                raise CombinationRefused(problems)
        revision = max(revision_of(live.id), revision_of(other.id)) + 1
        values = {**chosen, "uuid": uuid, "revision": revision, "updated_at": now_utc(),
                  "author": store.author or chosen.get("author")}
        local, _links = parents_to_ids(w, spec, uuid, [values.get(n) for n in spec.data_names])
        w.write_data(spec, uuid, local, row["origin"], row["id"])
        ancestors = (*live.ancestors, live.version, *other.ancestors, other.version)
        w.set_lineage(spec.table, uuid, version_id(revision, content_hash(spec, values)),
                      editor, live.id, format_ancestors(ancestors))
        w.close()
        xs.mark_resolved(store, conflict_id, "incoming" if take_incoming else
                         "combined" if from_other else "local")
