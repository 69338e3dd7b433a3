"""Verify and import a package: open_package (every security check), then one-transaction
exact merge of its spreadsheet (rule: exchange/merge.py)."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qcdesk.exchange import code_clash, deletion_holds, import_space, photo_arrivals, photo_placing
from qcdesk.exchange.after_commit import COPIES, PHOTOS, AfterCommit
from qcdesk.exchange.legacy_hash import decide_across_recipes
from qcdesk.exchange.merge import (
    CONFLICT,
    NEW,
    OUTCOMES,
    UNCHANGED,
    UPDATED,
    Decision,
    Head,
    Version,
    conflict_head,
    format_ancestors,
    parse_ancestors,
    with_lineage,
)
from qcdesk.exchange.notice_duplicates import DuplicateNotice, NoticeNumberCheck
from qcdesk.exchange.notice_duplicates import warnings as number_warnings
from qcdesk.exchange.order_dates import DatedOrder, OrderDateCheck
from qcdesk.exchange.order_dates import warnings as order_warnings
from qcdesk.exchange.received_copy import RECEIVED_DIR, ImportAttempt, keep_received
from qcdesk.exchange.sheet_feed import FedRow, fed_chunks, start_reading
from qcdesk.exchange.sheet_reader import SheetReading
from qcdesk.exchange.twin_lineage import live_state
from qcdesk.exchange.work_folder import unpacking
from qcdesk.exchange.workbook import SPEC_BY_TABLE, SPECS, SheetFormatError
from qcdesk.models import exchange_store as xs
from qcdesk.models import local_day
from qcdesk.models.audit_bulk import adopted_inserts
from qcdesk.models.bulk_insert import insert_triggers_replayed
from qcdesk.models.cert_duplicates import CertCheck
from qcdesk.models.merge_writer import MergeWriter, indexes_deferred
from qcdesk.models.store import Store, write_transaction

SELF_EDITOR = "local"  # editor name of versions made in this database and never sent


@dataclass
class ImportResult:
    counts: dict[str, dict[str, int]] = field(
        default_factory=lambda: {s.table: dict.fromkeys(OUTCOMES, 0) for s in SPECS})
    conflicts: list[dict[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # Chinese, as the CLI prints them
    warnings_en: list[str] = field(default_factory=list, repr=False)  # the same, in English
    signer: str = ""  # key id
    # who the verified manifest names as signer, and the trust list's name for the key
    signer_name: str = ""
    signer_jurisdiction: str = ""
    signer_role: str = ""
    trusted_name: str = ""
    signer_fingerprint: str = ""  # grouped as read out by phone (14AC 4A00 …), not the key id
    # what the package says it covers: period_from/period_to, full (the manifest's own keys)
    scope: dict[str, Any] = field(default_factory=dict, repr=False)
    sequence: int | None = None
    package_sha256: str = ""
    dry_run: bool = False
    backup: Path | None = None  # the copy taken before writing: the way back (not on a dry run)
    # enterprise rows of the package per jurisdiction code (for the signer's-area check)
    enterprise_areas: dict[str, int] = field(default_factory=dict, repr=False)
    # orders dated beyond the day of receipt, imported as sent (each also a warning)
    dated_orders: list[DatedOrder] = field(default_factory=list)
    # notice numbers (文号) on two or more live orders, one of them the package's (each a warning)
    duplicate_notices: list[DuplicateNotice] = field(default_factory=list)
    photo_hashes: list[str] = field(default_factory=list, repr=False)  # its live 照片 rows'
    photo_files_missing: int = 0  # of those, rows whose file came neither with it nor before
    # enterprise versions held back: another live enterprise holds their code (each a warning)
    code_clashes: list[code_clash.CodeClash] = field(default_factory=list)
    # new enterprises filed under a differently named one holding their code (each a warning)
    twins: code_clash.TwinWatch = field(default_factory=code_clash.TwinWatch, repr=False)

    def to_json(self) -> dict[str, Any]:
        counts = {k: v for k, v in self.counts.items() if any(v.values())}
        return {"signer": self.signer, "signer_name": self.signer_name,
                "signer_jurisdiction": self.signer_jurisdiction, "signer_role": self.signer_role,
                "signer_fingerprint": self.signer_fingerprint,
                "sequence": self.sequence, "dry_run": self.dry_run,
                "package_sha256": self.package_sha256, "counts": counts,
                "conflicts": self.conflicts, "warnings": self.warnings,
                "dated_orders": [o.to_json() for o in self.dated_orders],
                "duplicate_notice_counts": {
                    "created": sum(d.created for d in self.duplicate_notices),
                    "existing": sum(not d.created for d in self.duplicate_notices)},
                "duplicate_notices": [d.to_json() for d in self.duplicate_notices],
                "photo_files_missing": self.photo_files_missing,
                "filed_under": [f.to_json() for f in self.twins.found.values()]}


class _Rollback(Exception):
    pass


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cycle collector off for the merge. Why: a merge makes millions of short-lived
    objects and no reference cycles, yet they set off full collections that walk every live
    object of the process — in the GUI, Qt wrappers and list caches too. Measured on a large
    heap, that was a tenth of an import's time. Back on (and collected) afterwards."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(0)


def merge_workbook(store: Store, xlsx: Path, *, signer: str, package_sha256: str = "",
                   dry_run: bool = False, progress: Callable[[int], None] | None = None,
                   in_transaction: Callable[[ImportResult], None] | None = None,
                   source: str = "", incoming: dict[str, int] | None = None,
                   reading: SheetReading | None = None,
                   committing: Callable[[], object] | None = None) -> ImportResult:
    """Merge every row of an exchange spreadsheet in ONE transaction (rolled back on error
    or for a dry run).  ``in_transaction`` runs inside it (e.g. logging the package);
    ``source`` names the kept copy of the package in the audit entry of the new rows;
    ``incoming`` (rows per table, from the manifest) lets a large first load defer indexes;
    ``reading``: `xlsx` already being parsed (`sheet_feed.start_reading`), closed here;
    ``committing`` runs last before the commit: it may raise to roll everything back (a Cancel).
    Orders dated beyond today are merged as sent and listed as warnings (`order_dates`), as are
    notice numbers left on two live orders (`notice_duplicates`)."""
    result = ImportResult(signer=signer, package_sha256=package_sha256, dry_run=dry_run)
    dates = OrderDateCheck(SPEC_BY_TABLE["rectification"].data_names, local_day.today())
    try:
        with gc_paused(), xs.large_cache(store), write_transaction(store.db):
            xs.ensure_change_triggers(store)
            package = xs.package_number(store, package_sha256)
            numbers = NoticeNumberCheck(store)  # the numbers before this package's rows
            certs = CertCheck(store)  # 执法证号 already on two inspectors (cert_duplicates.py)
            note = (f"导入数据包：{source or 'SHA-256 ' + package_sha256[:16]}"
                    f"（签名密钥 {signer}）")
            with indexes_deferred(store, incoming or {}), \
                    adopted_inserts(store, [s.table for s in SPECS], note,
                                    adopt=not dry_run) as vouched:
                try:
                    with insert_triggers_replayed(store, [s.table for s in SPECS]) as replay:
                        _merge(store, xlsx, signer, package_sha256, result, progress,
                               MergeWriter(store, vouched, replay, package), reading, dates,
                               numbers)
                except (UnicodeEncodeError, OverflowError) as exc:  # no honest export has these
                    raise SheetFormatError(
                        "数据表中有无法存入数据库的值（孤立的代理字符或超出范围的整数），未导入任何内容"
                        f" (a value no database can hold: {type(exc).__name__})") from exc
            result.dated_orders = dates.found
            result.duplicate_notices = numbers.found(store)
            for zh, en in [*order_warnings(store, dates.found),  # named while the rows are here
                           *number_warnings(store, result.duplicate_notices, numbers.untouched),
                           *certs.warnings(store)]:
                result.warnings.append(zh)
                result.warnings_en.append(en)
            if in_transaction is not None:
                in_transaction(result)
            if dry_run:
                raise _Rollback()
            if committing is not None:
                committing()
    except _Rollback:
        pass
    finally:
        if reading is not None:  # whatever failed before the merge read it
            reading.close()
    return result


def _merge(store: Store, xlsx: Path, signer: str, package_sha256: str, result: ImportResult,
           progress: Callable[[int], None] | None, w: MergeWriter,
           reading: SheetReading | None = None, dates: OrderDateCheck | None = None,
           numbers: NoticeNumberCheck | None = None) -> None:
    self_editor = xs.own_signer(store) or SELF_EDITOR
    deferred: list[tuple[str, int, str, str, str]] = []  # table, id, column, parent, uuid
    held: list[tuple[Any, dict[str, Any], Head, str, code_clash.CodeClash]] = []
    done = 0
    result.twins.start(w)
    for table, _sheet, rows, search, error in fed_chunks(xlsx, signer, reading):  # checked
        spec = SPEC_BY_TABLE[table]
        n = len(rows)
        result.twins.rows(spec, rows)
        counts = result.counts[table]
        if table == "rectification" and dates is not None:
            dates.rows(rows)
        if table == "rectification" and numbers is not None:
            numbers.rows(rows)
        if table == "photo":
            result.photo_hashes += photo_arrivals.live_hashes(spec.data_names, rows)
        if rows and table != "enterprise" and _insert_new(w, spec, rows, search, deferred):
            counts[NEW] += len(rows)
            rows = []
        for k, (uuid, data, origin, editor, base, ancestors, normalised, vid) in enumerate(rows):
            if table != "enterprise" and not w.known(table, uuid):
                # the common case: a record this database has never seen (nothing to decide)
                _write_row(w, spec, uuid, data, origin, None, deferred,
                           None if search is None else search[k])
                w.set_lineage(table, uuid, vid, editor, base, normalised)
                counts[NEW] += 1
            else:
                values = {"uuid": uuid, **dict(zip(spec.data_names, data, strict=True))}
                if table == "enterprise":
                    area = str(values.get("jurisdiction_code") or "")
                    result.enterprise_areas[area] = result.enterprise_areas.get(area, 0) + 1
                incoming = Head(Version(vid, editor, base), parse_ancestors(ancestors),
                                False, str(values.get("updated_at") or ""))
                clashes = len(result.code_clashes)
                outcome = _apply(w, spec, values, incoming, origin, signer, package_sha256,
                                 deferred, result, self_editor)
                counts[outcome] += 1
                if len(result.code_clashes) > clashes:
                    held.append((spec, values, incoming, origin, result.code_clashes[-1]))
        if error is not None:  # a bad row: the rows before it went first, as row by row
            raise SheetFormatError(error)
        if progress is not None and (done + n) // 5000 > done // 5000:
            progress(done + n)
        done += n
    _retry_held(w, held, signer, package_sha256, deferred, result, self_editor)
    result.twins.report(result.warnings, result.warnings_en)
    w.flush()
    for table, rid, column, parent, puid in deferred:
        target = w.local_id(parent, puid)
        if target is None:
            raise SheetFormatError(f"{table}: 找不到关联记录 {puid} (missing linked record)")
        w.set_link(table, rid, column, target)
    deletion_holds.hold(w, result, signer, package_sha256, self_editor)  # never a hollow record
    w.close()


def _retry_held(w: MergeWriter, held: list[tuple[Any, dict[str, Any], Head, str,
                                                 code_clash.CodeClash]],
                signer: str, package_sha256: str, deferred: list[tuple[str, int, str, str, str]],
                result: ImportResult, self_editor: str) -> None:
    """Versions held back for a code another record held, merged after all once the package's
    later rows have freed it: a county that deletes one of two files of a firm and gives the
    other the code sends them in id order, not in the order it saved them. Until none moves
    (two records swapping codes stay held: neither code is ever free)."""
    moved = True
    while moved:
        moved = False
        for item in list(held):
            spec, values, incoming, origin, found = item
            if code_clash.clash(w, spec, found.uuid, values, None) is not None:
                continue
            held.remove(item)
            moved = True
            w.drop_conflicts(spec.table, found.uuid, [incoming.id])
            result.code_clashes.remove(found)
            result.conflicts.remove(found.conflict_json())
            zh, en = found.warning()
            result.warnings.remove(zh)
            result.warnings_en.remove(en)
            result.counts[spec.table][CONFLICT] -= 1
            result.counts[spec.table][_apply(w, spec, values, incoming, origin, signer,
                                             package_sha256, deferred, result, self_editor)] += 1


def _insert_new(w: MergeWriter, spec: Any, rows: list[FedRow], search: list[str] | None,
                deferred: list[tuple[str, int, str, str, str]]) -> bool:
    """A chunk whose records are all new to this database (the usual import) written a column
    at a time: what the row-by-row path does for each (`_write_row`, `set_lineage`), in the
    same order, with the same ids and messages. False, having done nothing, when any record
    is known (it is then decided row by row) or a record links to its own kind."""
    table = spec.table
    uuids, datas, origins, editors, bases, _written, ancestors, vids = zip(*rows, strict=True)
    if not w.all_new(table, uuids) or any(f.parent == table for _i, f in spec.parent_slots):
        return False
    columns = [list(c) for c in zip(*datas, strict=True)]
    links: list[tuple[int, int, str, str, str]] = []  # row, slot, column, parent table, uuid
    for slot, (i, f) in enumerate(spec.parent_slots):
        values = columns[i]
        ids = w.cached_ids(f.parent, values)
        for k in [k for k, (v, pid) in enumerate(zip(values, ids, strict=True))
                  if pid is None and v is not None]:
            ids[k] = w.local_id(f.parent, str(values[k]))
            if ids[k] is None:
                links.append((k, slot, f.name, f.parent, str(values[k])))
        columns[i] = ids
    missing = [link for link in links if not spec.parent_slots[link[1]][1].nullable]
    if missing:
        k, _slot, _name, _parent, value = min(missing)
        if k:  # row by row, the rows before it are queued first (and may fail first)
            w.insert_new(spec, uuids[:k], origins[:k], [c[:k] for c in columns],
                         None if search is None else search[:k])
        raise SheetFormatError(f"{table} {uuids[k]}: 找不到关联记录 {value} (missing parent)")
    rids = w.insert_new(spec, uuids, origins, columns, search)
    deferred.extend((table, rids[k], name, parent, puid)
                    for k, _slot, name, parent, puid in sorted(links))
    w.queue_lineage(table, uuids, vids, editors, bases, ancestors)
    return True


def _apply(w: MergeWriter, spec: Any, values: dict[str, Any], incoming: Head, origin: str,
           signer: str, package_sha256: str, deferred: list[tuple[str, int, str, str, str]],
           result: ImportResult, self_editor: str) -> str:
    uuid = values["uuid"]
    table = spec.table
    twin = None if table != "enterprise" else code_clash.file_twin(  # the twin rule
        w, values, incoming, signer, package_sha256, result.conflicts, result.twins)
    if twin is not None:
        return twin
    live_row = w.live(spec, uuid)
    live = live_vals = None
    if live_row is not None:
        live_vals, live = live_state(spec, uuid, live_row, self_editor, w.sources)
    kept = w.conflicts(table, uuid)
    kept_heads = [conflict_head(c) for c in kept]
    d = decide_across_recipes(spec, live, live_vals, incoming, values, kept, kept_heads)
    reason = "divergent"
    taken = None if live_row is None or not d.replace_live else \
        code_clash.clash(w, spec, uuid, values, live_row)
    if taken is not None:  # the record stays as it is, the version is kept (code_clash.py)
        d, reason = Decision(CONFLICT, keep_incoming_as_conflict=True,
                             supersede=d.supersede), code_clash.REASON
        result.code_clashes.append(taken)
        result.warnings.append(taken.warning()[0])
        result.warnings_en.append(taken.warning()[1])
    if d.supersede:
        w.drop_conflicts(table, uuid, d.supersede)
    if d.keep_incoming_as_conflict:
        w.add_conflict(table, uuid, incoming.id, reason, with_lineage(values, incoming),
                       signer, package_sha256)
    if d.keep_live_as_conflict and live is not None and live_vals is not None \
            and live_row is not None:  # named by the package it came in, when recorded
        came = w.version_package(table, uuid)
        w.add_conflict(table, uuid, live.id, "divergent", with_lineage(live_vals, live),
                       came["signer"] if came else live_row["origin"],
                       came["package_sha256"] if came else "")
    if d.outcome == CONFLICT:
        result.conflicts.append(taken.conflict_json() if taken else
                                {"kind": table, "uuid": uuid, "reason": "divergent"})
    if not d.replace_live:
        return d.outcome
    _write_row(w, spec, uuid, [values.get(n) for n in spec.data_names], origin,
               None if live_row is None else live_row["id"], deferred)
    w.set_lineage(table, uuid, incoming.id, incoming.version.editor, incoming.version.base,
                  format_ancestors(incoming.ancestors))
    return d.outcome


def _write_row(w: MergeWriter, spec: Any, uuid: str, data: Sequence[Any], origin: str,
               existing_id: int | None, deferred: list[tuple[str, int, str, str, str]],
               search: str | None = None) -> None:
    """Insert (``existing_id`` None) or overwrite a row given in ``data_names`` order; links
    to parents not written yet are queued in ``deferred``."""
    local, links = parents_to_ids(w, spec, uuid, data)
    rid = w.write_data(spec, uuid, local, origin, existing_id, search)
    if links:
        deferred.extend((spec.table, rid, col, parent, puid) for col, parent, puid in links)


def parents_to_ids(w: MergeWriter, spec: Any, uuid: str, data: Sequence[Any]
                   ) -> tuple[list[Any], list[tuple[str, str, str]]]:
    """``data`` with parent uuids replaced by local ids; nullable links not found yet are
    NULL for now and returned (column, parent table, uuid) to be filled in later."""
    local = list(data)
    links: list[tuple[str, str, str]] = []
    for i, f in spec.parent_slots:
        value = local[i]
        if value is None:
            continue
        pid = w.local_id(f.parent, str(value))
        if pid is None:
            if not f.nullable:
                raise SheetFormatError(f"{spec.table} {uuid}: 找不到关联记录 {value} "
                                       "(missing parent)")
            links.append((f.name, f.parent, str(value)))
        local[i] = pid
    return local, links


def import_package(store: Store, package: Path, *, dry_run: bool = False,
                   workdir: Path | None = None, trust: Any = None,
                   photos_dir: Path | None = None,
                   progress: Callable[[int], None] | None = None,
                   committing: Callable[[], object] | None = None) -> ImportResult:
    """Verify (raises PackageRejected before touching the database), then merge; photo
    members (content-addressed) are copied to ``photos_dir/<sha[:2]>/`` after the commit. A
    package imported before is refused, its missing photos put back or counted (`photo_placing`).
    A step failing after the commit raises `after_commit.ImportedButFailed` (records are in).
    Unpacked beside the database (`work_folder.unpacking`) unless ``workdir`` is given."""
    from qcdesk.exchange.own_package import exported_here, own_package_refusal
    from qcdesk.exchange.package import PackageRejected, open_package
    from qcdesk.exchange.trust import StoreTrust
    from qcdesk.models import import_copies, trust_store

    with unpacking(workdir or (Path(store.path).parent if store.path else None)) as tmp:
        import_space.check_import_space(store, Path(package), tmp, photos_dir, dry_run=dry_run)
        try:
            verified = open_package(Path(package), trusted_keys=trust or StoreTrust(store),
                                    workdir=tmp)
        except PackageRejected as exc:  # killed while placing its photos: they come now
            if exc.code == "already_imported" and photos_dir is not None:  # a dry run: counted
                photo_placing.refused_again(exc, Path(package), Path(photos_dir), dry_run=dry_run)
            if exc.code == "untrusted_key" and (mine := exported_here(store, Path(package))):
                raise own_package_refusal(mine) from exc  # not "trust your own key"
            raise
        signer = verified.signer.key_id

        def log(result: ImportResult) -> None:
            trust_store.record_received(store, signer, verified.sequence, verified.sha256,
                                        manifest=verified.manifest, chain_broken=any(
                                            w.code == "chain_broken" for w in verified.warnings))
            xs.record_import(store, signer=signer, sequence=verified.sequence,
                             package_sha256=verified.sha256, role=verified.signer.role,
                             counts=result.counts)
            if run is not None:  # what the next import compares (import_copies)
                run.seal(store)

        kept, attempt, taken, run, after = None, None, None, None, AfterCommit(dry_run)
        data = verified.member_path("data.xlsx")
        reading = start_reading(data)  # parsed while the copies below are made
        try:
            if not dry_run:  # verified and about to write: a copy to go back to, noted until
                attempt = ImportAttempt.start(store, Path(package), verified.sha256,  # committed
                                              photos_dir)  # and its photos placed
                run = import_copies.before_package(store)  # the day's run's copy, or a fresh one
                attempt.taken(run.path if run.fresh else None)  # a reused copy is never removed
                kept = keep_received(store, Path(package), verified.sha256)
            result = merge_workbook(store, data, signer=signer,
                                    package_sha256=verified.sha256, dry_run=dry_run,
                                    progress=progress, in_transaction=log,
                                    source=f"{RECEIVED_DIR}/{kept.name}" if kept else "",
                                    incoming=_record_counts(verified.manifest),
                                    reading=reading, committing=committing)
            with after.step(COPIES):  # committed: a failure from here on is no rollback
                if run is not None:  # the run goes on from its copy, with this package
                    taken = run.path
                    import_copies.imported(store, run, kept)
            with after.step(PHOTOS):
                if photos_dir is not None and not dry_run:  # each whole, checked; a kill here
                    photo_placing.place_members(verified, Path(photos_dir))  # is completed next time
        finally:
            if reading is not None:
                reading.close()
            if attempt is not None:  # not committed: the copies made for it go (received/
                attempt.settle()  # holds packages imported, not tried; never the user's file)
        result.sequence, result.backup = verified.sequence, taken
        result.signer_name, result.trusted_name = verified.signer.name, verified.signer.trusted_name
        result.signer_jurisdiction = verified.signer.jurisdiction
        result.signer_role = verified.signer.role
        result.signer_fingerprint = verified.signer.fingerprint
        result.scope = {k: verified.manifest[k] for k in ("period_from", "period_to", "full")
                        if k in verified.manifest}
        result.warnings[:0] = [w.message_zh for w in verified.warnings]  # before the merge's
        result.warnings_en[:0] = [w.message_en for w in verified.warnings]
        outside = _outside_area(result.enterprise_areas, verified.signer.jurisdiction)
        if outside:  # first: whose records these are decides whether the rest matters
            result.warnings.insert(0, outside[0])
            result.warnings_en.insert(0, outside[1])
        with after.step(PHOTOS):
            if photos_dir is not None:  # said, not silent: the city would get rows without images
                result.photo_files_missing = photo_arrivals.missing_count(
                    result.photo_hashes, verified.member_names, Path(photos_dir))
                if result.photo_files_missing:
                    zh, en = photo_arrivals.warning(result.photo_files_missing)
                    result.warnings.append(zh)
                    result.warnings_en.append(en)
        after.raise_with(result, Path(package), photos_dir)  # imported, then a step failed
    return result


def _outside_area(areas: dict[str, int], signer_area: str) -> tuple[str, str] | None:
    """A warning when enterprises of other jurisdictions came from this signer: not refused
    (an enterprise may have moved, a county may pass on what it received), but the receiving
    office should know, since a key is trusted for its own jurisdiction."""
    from qcdesk.models.jurisdictions import within

    outside = {code: n for code, n in sorted(areas.items()) if not within(code, signer_area)}
    if not signer_area or not outside:
        return None
    listed = "、".join(f"{code or '（空）'} {n} 家" for code, n in outside.items())
    listed_en = ", ".join(f"{code or '(none)'}: {n}" for code, n in outside.items())
    return (f"数据包中有 {sum(outside.values())} 家企业不属于签名人辖区 {signer_area}（{listed}），"
            "请与签名人核实数据来源",
            f"{sum(outside.values())} enterprise(s) in the package lie outside the signer's "
            f"jurisdiction {signer_area} ({listed_en}); check the source with the signer")


def _record_counts(manifest: dict[str, Any]) -> dict[str, int]:
    counts = manifest.get("record_counts")
    if not isinstance(counts, dict):
        return {}
    return {str(k): v for k, v in counts.items() if isinstance(v, int) and not isinstance(v, bool)}


__all__ = ["ImportResult", "merge_workbook", "import_package", "NEW", "UPDATED", "UNCHANGED",
           "CONFLICT"]
