"""A package's deletion of a firm or a visit is one decision, never a hollow record.

Why: the merge decides row by row. A visit kept live by a conflict (the county edited it) lost
its samples, which fast-forwarded to the package's deletion: a live spot check with no samples.
A sample kept live sat under a deleted visit, and a firm was deleted while visits here rested
on it, so they dropped out of every count. `hold` runs after the rows are merged, inside the
import's transaction, finds such pairs and holds the deletion: the record stays (or is brought
back) live and the package's deleted version is kept as an open conflict of its own reason,
with a warning naming the firm or the visit. `resolve_conflict` (reconcile.py) then decides a
visit and the rows deleted with it together (`cascade`), and refuses a firm's or a visit's
deletion while live records rest on it (`refuse_in_use`, in removal's words), and a live
version of a row under a deleted one (`refuse_orphan`). The version a hold shows is a function
of the versions received, never of their order nor a revision made here (`_hold`, `_settle`,
`_unhold`; review r5).

Cost: a first import with no deletion reads nothing per row; `hold` is one pass over the firm
and visit tables (index lookups for deleted rows only) and queries over the open conflicts.
"""

from __future__ import annotations

import json
from typing import Any

from qcdesk.exchange.merge import (
    CONFLICT,
    UPDATED,
    Head,
    Version,
    conflict_head,
    content_hash,
    format_ancestors,
    parse_ancestors,
    version_id,
    with_lineage,
)
from qcdesk.exchange.twin_lineage import live_state
from qcdesk.exchange.workbook import SPEC_BY_TABLE
from qcdesk.models import held_deletions as hd
from qcdesk.models.conflict_checks import CombinationRefused
from qcdesk.models.merge_writer import MergeWriter
from qcdesk.models.messages import Issue
from qcdesk.models.removal import RemovalIssue, enterprise_in_use, visit_blocker
from qcdesk.models.store import Store

IN_USE = "deleted_in_use"  # a firm or visit the package deletes while live records rest on it
WITH_VISIT = "deleted_with_visit"  # a row deleted with its visit (or finding), which stays
REASONS = (IN_USE, WITH_VISIT)
_CHILD_KINDS = ("sample", "finding", "rectification", "photo")


def hold(w: MergeWriter, result: Any, signer: str, package_sha256: str, self_editor: str) -> None:
    """Hold every deletion that would leave a live record under a deleted one (see the module)."""
    w.flush()
    conn = w.db.conn
    pending = dict(w.deletions)
    firms: dict[int, None] = {}
    visits: dict[int, None] = {}
    firms_gone: dict[int, None] = {}  # deleted, an edit of theirs (or of their rows) set aside
    visits_gone: dict[int, None] = {}
    moved = True
    while moved:  # each hold makes a deleted row live, never the other way: this ends
        moved = False
        for table in ("finding", "visit", "enterprise"):
            ids = [i for (t, _u), (i, _b) in pending.items() if t == table]
            found = hd.in_use(conn, table, ids) if ids else []
            if table != "finding":  # deleted by an earlier package, visited in this one
                found += hd.newly_in_use(conn, table, w.marks, w.overwritten)
            for rid, uuid in dict.fromkeys(found):
                _hold(w, table, rid, uuid, IN_USE, pending, result, signer, package_sha256,
                      self_editor)
                _note(conn, table, rid, firms, visits)
                moved = True
        for child in _CHILD_KINDS:
            ids = [i for (t, _u), (i, _b) in pending.items() if t == child]
            for rid, uuid in hd.hollow(conn, child, w.marks["exchange_conflict"], ids):
                _hold(w, child, rid, uuid, WITH_VISIT, pending, result, signer, package_sha256,
                      self_editor)
                _note(conn, child, rid, firms, visits)
                moved = True
    _settle(w, self_editor)
    _unhold(w, self_editor)
    for table, rid in hd.edits_set_aside(conn, w.marks["exchange_conflict"]):  # review r5 #6
        _note(conn, table, rid, firms_gone, visits_gone)
    for firm in firms:
        zh, en = firm_warning(w.store, firm)
        result.warnings.append(zh)
        result.warnings_en.append(en)
    for visit in visits:
        zh, en = visit_warning(w.store, visit)
        result.warnings.append(zh)
        result.warnings_en.append(en)
    for table, gone in (("enterprise", firms_gone), ("visit", visits_gone)):
        for rid in gone:
            if rid not in (firms if table == "enterprise" else visits):
                zh, en = edit_aside_warning(w.store, table, rid)
                result.warnings.append(zh)
                result.warnings_en.append(en)


def _note(conn: Any, table: str, rid: int, firms: dict[int, None], visits: dict[int, None]
          ) -> None:
    if table == "enterprise":
        firms[rid] = None
        return
    visit = hd.visit_of(conn, table, rid)
    if visit is not None:
        visits[visit] = None


def _hold(w: MergeWriter, table: str, rid: int, uuid: str, reason: str,
          pending: dict[tuple[str, str], tuple[int, hd.Before]], result: Any, signer: str,
          package_sha256: str, self_editor: str) -> None:
    """Make a deleted row live again and keep its deleted version as a conflict. The live
    version depends only on the versions received, never on their order (review r5 #1): the
    version the merge set aside for this deletion, else the newest live version kept aside,
    else the deletion undone (`_undone`: an id every office computes alike, never a revision
    made here)."""
    conn = w.db.conn
    spec = SPEC_BY_TABLE[table]
    row = w.live(spec, uuid)
    assert row is not None
    values, head = live_state(spec, uuid, row, self_editor, w.sources)
    came = pending.pop((table, uuid), None)
    lineage = w.lineage(table, uuid)
    package = hd.lineage_package(conn, table, uuid)
    if came is not None and lineage is not None:  # the package's version, as it names it
        head = Head(Version(lineage["head"], lineage["editor"], lineage["base"]),
                    parse_ancestors(lineage["ancestors"]), False, head.updated_at)
    undone_id, data = _undone(spec, uuid, values, conn, rid)  # read before `was` is written
    kept_aside = False
    if came is not None:
        was = came[1]
        w.write_data(spec, uuid, was.data, was.origin, rid)
        hd.restore_lineage(conn, table, uuid, was.lineage)
        back = w.live(spec, uuid)
        assert back is not None
        kept_aside = hd.drop_conflict(conn, table, uuid, live_state(spec, uuid, back,
                                                                    self_editor, w.sources)[1].id)
        kept_by, kept_in = signer, package_sha256
        if not kept_aside:  # a fast-forward: the row it overwrote is not a version shown
            counts = result.counts[table]
            counts[UPDATED] -= 1
            counts[CONFLICT] += 1
    else:
        came_in = w.version_package(table, uuid)
        kept_by = came_in["signer"] if came_in else str(row["origin"] or "")
        kept_in = came_in["package_sha256"] if came_in else ""
    origin = str(row["origin"] or "")
    if not kept_aside and not _sibling_live(w, spec, uuid, rid, origin, {undone_id}):
        w.write_data(spec, uuid, data, row["origin"], rid)
        hd.restore_lineage(conn, table, uuid, (
            undone_id, head.version.editor, head.version.base, format_ancestors(head.ancestors),
            package))
    result.conflicts[:] = [c for c in result.conflicts
                           if (c.get("kind"), c.get("uuid")) != (table, uuid)]
    w.add_conflict(table, uuid, head.id, reason, with_lineage(values, head), kept_by, kept_in)
    result.conflicts.append({"kind": table, "uuid": uuid, "reason": reason})


def _undone(spec: Any, uuid: str, deleted: dict[str, Any], conn: Any = None,
            rid: int | None = None) -> tuple[str, list[Any]]:
    """The deletion undone: its values live, an id from its content alone, so every office
    holding it makes the same version. One revision below the deletion, on its line (same
    editor and base): the deletion descends from it, so wherever the deletion comes, before or
    after, it is held as the same conflict. With `conn`, also the row's data (local ids)."""
    rev = int(deleted.get("revision") or 1) - 1
    live = {**{n: deleted.get(n) for n in spec.data_names}, "uuid": uuid, "deleted_at": None,
            "revision": rev}
    vid = version_id(rev, content_hash(spec, live))
    if conn is None or rid is None:
        return vid, []
    names = spec.data_names
    data = hd.raw(conn, spec.table, names, rid)
    data[names.index("deleted_at")] = None
    data[names.index("revision")] = rev
    return vid, data


def _sibling_live(w: MergeWriter, spec: Any, uuid: str, rid: int, origin: str,
                  not_versions: set[str]) -> bool:
    """Make the newest live version kept aside (the merge's order) the live row, its conflict
    dropped; False when there is none."""
    from qcdesk.exchange.importer import parents_to_ids  # it imports this module

    conn = w.db.conn
    kept = [c for c in hd.open_versions(conn, spec.table, uuid)
            if c["version"] not in not_versions and json.loads(c["row_json"]).get("deleted_at") is None]
    if not kept:
        return False
    best = max(kept, key=lambda c: conflict_head(c).sort_key())
    got = json.loads(best["row_json"])
    local, _links = parents_to_ids(w, spec, uuid, [got.get(n) for n in spec.data_names])
    w.write_data(spec, uuid, local, origin, rid)
    hd.restore_lineage(conn, spec.table, uuid, (
        best["version"], got.get("_editor", ""), got.get("_base", ""), got.get("_ancestors", ""),
        hd.package_id(conn, best["package_sha256"])))
    hd.drop_conflict(conn, spec.table, uuid, best["version"])
    return True


def _unhold(w: MergeWriter, self_editor: str) -> None:
    """A held deletion the merge would not pick now is kept as the version it is (`divergent`),
    as when it came after: its record deleted since by a newer deletion, or live in a version
    that sorts above it (an edit made from the deletion undone, a newer edit)."""
    conn = w.db.conn
    hd.unhold_deleted(conn, REASONS, "divergent")
    for cid, table, uuid in hd.held_open(conn, REASONS):
        spec = SPEC_BY_TABLE[table]
        row = w.live(spec, uuid)
        c = hd.open_versions(conn, table, uuid)
        kept = next(x for x in c if x["id"] == cid)
        if row is None or row["deleted_at"] is not None:
            continue
        live = live_state(spec, uuid, row, self_editor, w.sources)[1]
        if live.local_edit or live.sort_key() > conflict_head(kept).sort_key():
            hd.relabel(conn, cid, "divergent")


def _settle(w: MergeWriter, self_editor: str) -> None:
    """A live version that came after a deletion was held: it is shown, not the deletion undone
    (as when it came first), and the deletion undone is never kept as a version of its own."""
    conn = w.db.conn
    for table, uuid in hd.held_touched(conn, w.marks["exchange_conflict"], REASONS):
        spec = SPEC_BY_TABLE[table]
        versions = hd.open_versions(conn, table, uuid)
        undone = {_undone(spec, uuid, json.loads(c["row_json"]))[0] for c in versions
                  if c["reason"] in REASONS}
        for c in versions:
            if c["version"] in undone:
                hd.drop_conflict(conn, table, uuid, c["version"])
        row = w.live(spec, uuid)
        if row is not None and live_state(spec, uuid, row, self_editor, w.sources)[1].id in undone:
            _sibling_live(w, spec, uuid, int(row["id"]), str(row["origin"] or ""), undone)


def firm_warning(store: Store, firm_id: int) -> tuple[str, str]:
    """The import's words for a firm whose deletion was held."""
    name = hd.firm_title(store.db.conn, firm_id)
    visits, orders = enterprise_in_use(store, firm_id)
    return (f"数据包删除了企业“{name}”，但本机还有 {visits} 条检查记录、{orders} 项整改属于它：删除未生效，"
            "企业保留，数据包的删除版本作为冲突保留。请在“记录 ▸ 处理合并冲突…”中处理：保留现行版本；"
            "或先删除这些检查记录，再采用删除版本",
            f"The package deletes the enterprise “{name}”, but {visits} visit(s) and {orders} "
            "rectification order(s) here still belong to it: the deletion did not take effect, the "
            "enterprise stays and the deleted version is kept as a conflict. Settle it under Record ▸ "
            "Resolve merge conflicts…: keep the current version, or delete those visits first and "
            "then use the deleted version")


def visit_warning(store: Store, visit_id: int) -> tuple[str, str]:
    """The import's words for a visit whose deletion (or whose rows' deletion) was held."""
    firm, day = hd.visit_title(store.db.conn, visit_id)
    rows = sum(hd.live_children(store.db.conn, "visit", visit_id).values())
    return (f"数据包删除了检查记录（{firm}，{day}），但本机修改过它或它的抽样、发现问题等：删除未生效，"
            f"这条检查记录连同其下 {rows} 条记录保留，数据包的删除作为冲突保留。请在“记录 ▸ 处理合并冲突…”中"
            "处理这条检查记录：采用删除版本，其下记录一并删除；保留现行版本，一并保留",
            f"The package deletes the visit ({firm}, {day}), but it or its samples, findings … were "
            f"changed here: the deletion did not take effect, the visit stays with its {rows} "
            "record(s) and the package's deletion is kept as a conflict. Settle the visit under "
            "Record ▸ Resolve merge conflicts…: using the deleted version deletes them with it, "
            "keeping the current version keeps them")


def edit_aside_warning(store: Store, table: str, rid: int) -> tuple[str, str]:
    """The import's words for a deleted firm or visit whose (or whose rows') edit that came in a
    package was set aside as a conflict: as told for an edit made here (review r5 #6)."""
    if table == "enterprise":
        zh_name = en_name = f"企业“{hd.firm_title(store.db.conn, rid)}”"
    else:
        firm, day = hd.visit_title(store.db.conn, rid)
        zh_name, en_name = f"检查记录（{firm}，{day}）", f"visit ({firm}, {day})"
    return (f"{zh_name}已删除，数据包中对它（或其下记录）的修改没有生效，作为冲突保留。"
            "请在“记录 ▸ 处理合并冲突…”中查看；如需要这些修改，先在“记录 ▸ 已删除的记录…”中恢复它，再采用",
            f"The {en_name} is deleted, so a package's change to it (or to its records) did not "
            "take effect and is kept as a conflict. See it under Record ▸ Resolve merge "
            "conflicts…; to use the change, restore the record under Record ▸ Deleted records… "
            "first, then use it")


class DeletionRefused(CombinationRefused):
    """Taking a deletion while live records rest on the record; nothing was written."""

    def text(self, lang: str = "zh") -> str:
        return "；".join(i.text(lang) for i in self.issues)


class _HeldIssue(Issue):
    MESSAGES = {"held.visit_rows_live": (
        "这条检查记录下还有 {rows} 条本机的记录（抽样、发现问题、整改）不随数据包的删除一起删除，"
        "不能采用删除版本：请保留现行版本；如确需删除，保留后在“检查记录”列表中删除它（右键 ▸ 删除）",
        "{rows} record(s) here under this visit (samples, findings, orders) are not part of the "
        "package's deletion, so the deleted version cannot be used: keep the current version; to "
        "delete the visit after all, keep it, then delete it on the Visits list (right-click ▸ "
        "Delete)"),
        "held.parent_deleted": (
            "不能采用这个版本：它所属的{parent}已删除，采用后它就没有所属{parent}了。"
            "请先在“记录 ▸ 已删除的记录…”中恢复该{parent}，再来处理；或保留现行版本",
            "This version cannot be used: its {parent_en} is deleted, so it would be left without "
            "one. Restore the {parent_en} first under Record ▸ Deleted records…, then settle this; "
            "or keep the current version")}
_HeldIssue.MESSAGES["held.deleted_with_parent"] = (
    "不能单独采用这个删除版本：这条记录是随它所属的{parent}一起删除的，而该{parent}仍保留。"
    "请在{parent}的冲突中一并处理（采用删除版本则一并删除）；如只需删除这条记录，请保留现行版本，再在{parent}中删除它",
    "This deleted version cannot be used on its own: the record was deleted together with its "
    "{parent_en}, which stays. Settle it with the {parent_en}'s conflict (using the deleted "
    "version deletes them together); to delete only this record, keep the current version, "
    "then delete it in the {parent_en}")
_PARENT_WORDS = {"enterprise": ("企业", "enterprise"), "visit": ("检查记录", "visit"),
                 "finding": ("发现问题", "finding")}


def refuse_in_use(store: Store, table: str, row_id: int, chosen: dict[str, Any]) -> None:
    """Raise `DeletionRefused` when the version chosen deletes a firm or a visit that live
    records still rest on (a visit's rows deleted with it are taken first: `cascade`)."""
    if chosen.get("deleted_at") is None:
        return
    if table == "enterprise":
        visits, orders = enterprise_in_use(store, row_id)
        if visits or orders:
            name = hd.firm_title(store.db.conn, row_id)
            raise DeletionRefused([RemovalIssue("record", "remove.enterprise_in_use",
                                                {"name": name, "visits": visits, "orders": orders})])
    elif table == "visit":
        blocker = visit_blocker(store, row_id)
        if blocker is not None:
            raise DeletionRefused([blocker])
        rows = sum(hd.live_children(store.db.conn, "visit", row_id).values())
        if rows:
            raise DeletionRefused([_HeldIssue("record", "held.visit_rows_live", {"rows": rows})])


def refuse_orphan(store: Store, table: str, row_id: int, live: dict[str, Any],
                  chosen: dict[str, Any]) -> None:
    """Raise `DeletionRefused` when the version chosen makes a deleted row live under a deleted
    visit, firm or finding (review r5 #3): never a live record resting on a deleted one."""
    if not live.get("deleted_at") or chosen.get("deleted_at") is not None:
        return
    found = hd.parent_deleted(store.db.conn, table, row_id)
    if found is not None:
        zh, en = _PARENT_WORDS[found[0]]
        raise DeletionRefused([_HeldIssue("record", "held.parent_deleted",
                                          {"parent": zh, "parent_en": en})])


def refuse_partial(store: Store, table: str, row_id: int, chosen: dict[str, Any]) -> None:
    """Raise `DeletionRefused` when the version chosen is a row's deletion made together with
    its visit's (same stamp) while the visit stays: one decision, taken with the visit
    (`cascade`), never a visit left without some of its rows (review r5 #3)."""
    stamp = chosen.get("deleted_at")
    if stamp is None or hd.parent_deleting(store.db.conn, table, row_id, str(stamp)) is None:
        return
    zh, en = _PARENT_WORDS[hd.PARENT[table][0]]
    raise DeletionRefused([_HeldIssue("record", "held.deleted_with_parent",
                                      {"parent": zh, "parent_en": en})])


def bring_back(store: Store, table: str, row_id: int, live: dict[str, Any],
               chosen: dict[str, Any]) -> None:
    """A live version taken over a visit deleted here brings back the rows deleted with it."""
    if live.get("deleted_at") and chosen.get("deleted_at") is None:
        hd.bring_back(store, table, row_id, str(live["deleted_at"]))


def cascade(store: Store, table: str, row_id: int, conflict: dict[str, Any]) -> list[int]:
    """Open conflicts of the rows deleted together with the version this conflict keeps (same
    stamp): settled the same way as it, in its transaction."""
    stamp = json.loads(conflict["row_json"]).get("deleted_at")
    if not stamp or table not in hd.CHILDREN or table == "enterprise":
        return []
    return hd.child_conflicts(store.db.conn, table, row_id, str(stamp))
