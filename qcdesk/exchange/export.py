"""Periodic export: the records changed since this signer's last package (or all), as the
exchange spreadsheet, signed into a package by exchange/package.py.

Streams rows from SQL in batches into the write-only xlsx writer, so memory stays flat
whatever the number of visits.  A cancelled or failed export leaves no file and logs nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qcdesk.exchange import summary_sheet
from qcdesk.exchange.package_rules import PackageLimits
from qcdesk.exchange.sequence_record import (
    SentRecord,
    read_record,
    record_path,
    write_record,
)
from qcdesk.exchange.twin_lineage import sent_lineage
from qcdesk.exchange.unfinished import Unfinished, finish_interrupted, interrupted_exports
from qcdesk.exchange.work_folder import work_folder
from qcdesk.exchange.workbook import (
    FORMAT_VERSION,
    LINEAGE_DOC,
    LINEAGE_HEADERS,
    META_FIELDS,
    NOTES_SHEET,
    OPENS_ON,
    SPEC_BY_TABLE,
    SPECS,
    SUMMARY_SHEET,
    TAB_ORDER,
    to_cells,
)
from qcdesk.export.xlsx_parts import Tabs
from qcdesk.export.xlsx_writer import CODE, TEXT, VALUE, Column, XlsxWriter
from qcdesk.models import exchange_store as xs
from qcdesk.models.amendments import lock_visits
from qcdesk.models.file_replace import sync_folder
from qcdesk.models.messages import message, own_message
from qcdesk.models.os_errors import os_error_cause
from qcdesk.models.record_source import signer_directory
from qcdesk.models.store import Store, StoreError


class ExportCancelled(Exception):
    """The user cancelled; nothing was written."""


@dataclass
class ExportPlan:
    signer: str  # key id
    full: bool
    since_seq: int  # change counter of the previous package (-1: everything)
    change_seq: int  # change counter now (recorded with the package)
    sequence: int
    previous_sha256: str | None
    counts: dict[str, int] = field(default_factory=dict)
    # a row sent uses a later column (a re-test): the package must say format version 2
    later_data: bool = False
    # the database's last number when the key's own record (sequence_record) was ahead of it:
    # a restored or copied database; the package is then a full one. None: not ahead
    behind: int | None = None


@dataclass
class VisitTally:
    """What a package did to the visits it carried, for the export's result message: finished
    visits are locked (corrected only by an amendment), drafts travel but stay editable."""

    locked: int = 0  # finished visits this package locked
    unfinished: int = 0  # draft or planned visits sent, still editable here

    _TEXT = (
        "检查记录：已完成的 {locked} 条已锁定，如需修改请使用“更正”并说明原因；"
        "草稿（或计划）{unfinished} 条已一并发出但未锁定，仍可修改，修改后随下一个数据包发出",
        "Visits: {locked} completed visit(s) locked, to be corrected only by an amendment with a "
        "reason; {unfinished} draft (or planned) visit(s) sent as well but not locked: they can "
        "still be edited and the changes go out in the next package",
    )

    _NONE = ("检查记录：本数据包没有新锁定的检查记录，也没有草稿",
             "Visits: this package locked no visit and carried no draft")

    records: int = 0  # rows of every kind the package holds (parents of changed ones included)
    photos: int = 0  # photo files it carries
    photos_left: int = 0  # photo files never sent that would pass its limits: the next package's
    limits: PackageLimits | None = None  # the limits they would pass
    catch_up: tuple[int, int] | None = None  # (number, database's last): a full one, and why
    # recorded packages an earlier export did not get to name: finished now, or waiting elsewhere
    interrupted: list[Unfinished] = field(default_factory=list)
    clock_behind: str = ""  # the last package's time (local) when this clock is earlier than it

    _RECORDS = ("数据包共含 {records} 条记录", "The package holds {records} record(s)")
    _EMPTY = ("注意：数据包不含任何记录（自上一个数据包以来没有新的或修改的记录），"
              "可用于报告本期无新数据",
              "Note: the package holds no records (nothing was added or changed since the last "
              "package); it can report that there is no new data for this period")

    def text(self, lang: str = "zh") -> str:
        if not (self.locked or self.unfinished):
            return own_message(self._NONE, lang, {})
        return own_message(self._TEXT, lang, {"locked": self.locked, "unfinished": self.unfinished})

    def records_text(self, lang: str = "zh") -> str:
        """How many records went out; an empty package is said to be empty, never just 'saved'
        (nor one that carries photo files not sent before)."""
        if not self.records and self.photos:
            return message("export.photos_only", lang, n=self.photos)
        if not self.records:
            return own_message(self._EMPTY, lang, {})
        return own_message(self._RECORDS, lang, {"records": self.records})

    _CLOCK = ("本机时钟早于上一个数据包的时间（{last}），请检查系统日期",
              "This computer's clock is earlier than the previous package's time ({last}); "
              "check the system date")

    def clock_text(self, lang: str = "zh") -> str:
        """One line when the clock went back past the previous package ("" otherwise): its
        receivers see the periods go backwards, and every time stamped here is off."""
        return own_message(self._CLOCK, lang, {"last": self.clock_behind}) if self.clock_behind else ""

    def photos_text(self, lang: str = "zh") -> str:
        """Photo files carried (when records_text does not say it) and those left for the next
        package, one line each; "" when there is nothing to say."""
        from qcdesk.exchange.photo_budget import limit_text

        lines = [message("export.photos_carried", lang, n=self.photos)] if (
            self.photos and self.records) else []
        if self.photos_left:
            lines.append(message("export.photos_left", lang, left=self.photos_left,
                                 limit=limit_text(self.limits or PackageLimits(), lang)))
        return "\n".join(lines)


def unchanged_since(store: Store, signer: str,
                    photo_files: Callable[[str], Path | None] | None = None,
                    sent: SentRecord | None = None) -> int | None:
    """The number of this signer's last package when nothing was added or changed since it
    (a package of the changes would hold no record), else None: the GUI asks before it spends
    a sequence number on an empty package. A first package is never empty of purpose, nor one
    made with `photo_files` while a photo file here was never sent: it carries that file, nor
    one after the key's record `sent` (sequence_record): it is a full one."""
    last = xs.last_export(store, signer)
    if last is None or (sent is not None and sent.sequence > int(last["sequence"])):
        return None
    xs.ensure_change_triggers(store)  # rows of a table without triggers yet count as changed
    # whether any record is carried, not how many: this runs on the GUI thread (the count is
    # the export's, in its worker)
    if xs.any_changed(store, int(last["change_seq"])):
        return None
    if photo_files is not None and any(unsent_photo_files(store, signer, photo_files)):
        return None
    return int(last["sequence"])


def unsent_photo_files(store: Store, signer: str,
                       photo_files: Callable[[str], Path | None]) -> Iterator[Path]:
    """The photo files held here that no package of `signer` carried: what a package with
    photo files sends (the "nothing new" question and its count ask the same)."""
    for sha in xs.unsent_photo_hashes(store, signer):
        if (src := photo_files(sha)) is not None and src.exists():
            yield src


def plan_export(store: Store, signer: str, *, full: bool, sent: SentRecord | None = None
                ) -> ExportPlan:
    """The next number is one above the larger of the database's last and the key's own record
    (`sent`); a record ahead of the database makes the package full (sequence_record)."""
    last = xs.last_export(store, signer)
    here = 0 if last is None else int(last["sequence"])
    if sent is not None and sent.sequence > here:
        return ExportPlan(signer=signer, full=True, since_seq=-1, change_seq=xs.change_counter(store),
                          sequence=sent.sequence + 1, previous_sha256=sent.package_sha256 or None,
                          behind=here)
    since = -1 if (full or last is None) else int(last["change_seq"])
    return ExportPlan(signer=signer, full=full or last is None, since_seq=since,
                      change_seq=xs.change_counter(store), sequence=here + 1,
                      previous_sha256=None if last is None else last["package_sha256"])


def visits_to_lock(store: Store, signer: str, *, full: bool, sent: SentRecord | None = None
                   ) -> list[int]:
    """Ids of the visits an export made now would lock (as `export_package` picks them), so
    that the GUI can ask before it starts: typing left in a draft of one of them would not go
    out, and the visit would then take only a 更正. Nothing is locked or recorded."""
    xs.ensure_change_triggers(store)
    plan = plan_export(store, signer, full=full, sent=sent)
    return xs.visit_ids_to_send(store, plan.since_seq, full=plan.full)


def write_workbook(store: Store, path: Path, plan: ExportPlan, meta: dict[str, str], *,
                   cancel: Callable[[], bool] | None = None,
                   progress: Callable[[int, int], None] | None = None,
                   max_rows: int | None = None) -> dict[str, int]:
    """Write the exchange spreadsheet; returns rows per kind.  Raises ExportCancelled."""
    picked = not plan.full
    if picked:
        xs.pick_changed(store, plan.since_seq)
    total = sum(xs.count_rows(store, s, picked=picked) for s in SPECS)
    done = 0
    counts: dict[str, int] = {}
    kwargs = {} if max_rows is None else {"max_rows": max_rows}
    sources = xs.alias_sources(store.db.conn)  # rows filed under a twin's firm (twin_lineage)
    with XlsxWriter(path, tabs=Tabs(TAB_ORDER, OPENS_ON), **kwargs) as book:
        for spec in SPECS:
            sheet = book.add_sheet(spec.sheet, spec.columns())
            later = [f.name for f in spec.fields if f.later]
            n = 0
            for batch in xs.iter_export_rows(store, spec, picked=picked):
                if cancel is not None and cancel():
                    raise ExportCancelled()
                for row in batch:
                    sheet.append(to_cells(spec, row, sent_lineage(spec, row, plan.signer, sources)))
                if later and not plan.later_data:
                    plan.later_data = any(row[k] not in (None, "") for row in batch for k in later)
                n += len(batch)
                done += len(batch)
                if progress is not None:
                    progress(done, total)
            sheet.close()
            counts[spec.table] = n
        summary_sheet.write_summary(book, store, SUMMARY_SHEET)
        _notes(book, plan, meta, counts)
    plan.counts = counts
    return counts


def _notes(book: XlsxWriter, plan: ExportPlan, meta: dict[str, str],
           counts: dict[str, int]) -> None:
    """The 说明 sheet, all in Chinese: what the package is, record counts per sheet, and every
    column's meaning and cell type; the database field name in its own column for IT staff."""
    from qcdesk.exchange.field_docs import PERSONAL_DATA_NOTE, meaning, type_zh
    from qcdesk.exchange.package_rules import FORMAT_NAME, ROLE_LABELS_ZH, format_version_for

    sheet = book.add_sheet(NOTES_SHEET, [Column("项目/工作表", TEXT, 16), Column("列", TEXT, 22),
                                         Column("内容", VALUE, 60), Column("类型", TEXT, 10),
                                         Column("字段名", CODE, 18)])
    # 格式 is the sheet layout's id; a clerk holding only data.xlsx also needs the package's
    # format version (the manifest's, as build_package computes it), or a version-2 package
    # would read as "version 1" here. 说明 is never hashed, so this changes no 内容哈希.
    package_format = f"{FORMAT_NAME}/{format_version_for(meta.get('角色', ''), plan.later_data)}"
    info = {
        "格式": FORMAT_VERSION, "数据包格式": package_format,
        "签名密钥ID": plan.signer, "序号": str(plan.sequence),
        "导出范围": "全部" if plan.full else "自上次导出以来的变更（含所关联的上级记录）",
        **meta,
    }
    if "角色" in info:
        info["角色"] = ROLE_LABELS_ZH.get(info["角色"], info["角色"])
    for k, v in info.items():
        sheet.append([k, "", v, ""])
    sheet.append(["个人信息", "", PERSONAL_DATA_NOTE, ""])
    for table, n in counts.items():
        sheet.append(["记录数", SPEC_BY_TABLE[table].sheet if table in SPEC_BY_TABLE else table,
                      n, ""])  # a number cell: Excel can sum the counts
    sheet.append(["说明", "", "文字一律为文本单元格，不会成为公式；代码（统一社会信用代码、许可证号、"
                  "电话、辖区代码）为文本；日期为日期单元格，时间戳为原样文本。", ""])
    sheet.append(["说明", "", "检查类型、状态、检验结论、抽样地点、严重程度、规则、处置升级、"
                  "示范区的类型/级别/状态等代码列写中文名称（取值见下方各列说明），导入时换回代码；"
                  "旧版数据包中的英文代码也可读取；写错或无法识别的名称拒绝导入。", ""])
    sheet.append(["说明", "", "是/否列（在职、规上企业、质量提升企业、示范企业、拒签、已确认）为数字"
                  "单元格：1＝是，0＝否，便于求和。", ""])
    for row in summary_sheet.note_rows(SUMMARY_SHEET):
        sheet.append(row)
    sheet.append(["说明", "", "超过 32767 字符的文字：单元格中为前段，其余按顺序在“长文本续”工作表；"
                  "XML 不能容纳的字符写作 _xHHHH_。超过 1048575 行时续写在“名称(2)”等工作表。", ""])
    for spec in SPECS:
        sheet.append([spec.sheet, "记录ID", "记录的全局唯一标识（uuid）", "文本", "uuid"])
        for f in spec.fields + META_FIELDS:
            sheet.append([spec.sheet, f.header, meaning(spec, f), type_zh(f), f.name])
        for k, h in LINEAGE_HEADERS.items():
            sheet.append([spec.sheet, h, LINEAGE_DOC[k], "文本", ""])
    sheet.close()


def display_columns() -> dict[str, list[str]]:
    """Sheet -> headers of its display-only columns (`Field.display`), for the manifest: an
    independent verifier must leave them out of the 内容哈希 it recomputes, and only what is
    signed tells it which they are (the 说明 sheet and the docs are not signed data)."""
    return {spec.sheet: [f.header for f in spec.fields if f.display]
            for spec in SPECS if any(f.display for f in spec.fields)}


def photo_finder(photos_dir: Path) -> Callable[[str], Path | None]:
    """``photo_files`` for export_package: a photo stored as ``<dir>/<sha[:2]>/<sha>.<ext>``."""
    def find(sha: str) -> Path | None:
        return next(iter(sorted((photos_dir / sha[:2]).glob(f"{sha}.*"))), None)
    return find


def export_package(store: Store, out_dir: Path, secret_key: Any, *, signer_name: str,
                   jurisdiction: str, role: str, full: bool = False,
                   photo_files: Callable[[str], Path | None] | None = None,
                   cancel: Callable[[], bool] | None = None,
                   progress: Callable[[int, int], None] | None = None,
                   tally: VisitTally | None = None, now: dt.datetime | None = None,
                   limits: PackageLimits | None = None, key_path: Path | None = None,
                   committing: Callable[[], object] | None = None) -> Path:
    """Export, sign and log one package; returns its path. `tally`, if given, is filled in with
    how many visits were locked and how many unfinished ones went out unlocked, and the photo
    files carried and left for the next package. `now` (aware; default the clock) is the moment
    the package is made: tests pass one across the year turn. `limits` (default the format's,
    as every receiver checks them) bound the package: photo files that would pass them wait.
    `key_path`: the secret key's file; the number signed is kept beside it (sequence_record).
    `committing` runs last before the commit and may raise to roll it all back (a Cancel): after
    the commit the package is named and the visits stay locked, whatever is pressed."""
    from qcdesk.exchange.package_build import (
        PackageCancelled,
        build_package,
        file_sha256,
        package_file_name,
    )
    from qcdesk.exchange.package_rules import PackageRejected, signer_name_refusal
    from qcdesk.exchange.photo_budget import (
        PhotoNotCarried,
        PhotoPick,
        check_built,
        check_space,
        not_carried_error,
        pick_photos,
        send_order,
    )

    if signer_name_refusal(signer_name):  # it cannot be signed: refused before anything is locked
        raise StoreError(f"未导出：{signer_name_refusal(signer_name)}",
                         f"Not exported: {signer_name_refusal(signer_name, 'en')}")
    out_dir = Path(out_dir)
    limits = limits or PackageLimits()
    sent_file = record_path(key_path) if key_path is not None else None
    known = read_record(sent_file, secret_key.key_id)
    interrupted = interrupted_exports(store, out_dir, secret_key.key_id,
                                      sent=0 if known is None else known.sequence)
    if tally is not None:
        tally.interrupted = interrupted
    now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    # The manifest's created_at stays UTC (machine time); what a clerk reads is the signer's
    # local calendar: period_to is the local date (the file name's), 生成时间 local with offset.
    local = now.astimezone()
    meta = {"签名人": signer_name, "辖区": jurisdiction, "角色": role,
            "生成时间": local_stamp(local)}
    path: Path | None = None
    try:
        # One transaction: the finished visits this package carries are locked first (so the
        # rows sent carry the lock and a later --full export sends the same versions), and the
        # change counter is read after the lock so the lock does not queue them for the next
        # package. Drafts travel unlocked: not final, they stay editable, and a later revision
        # goes out as an update (same editor, higher revision: a fast-forward at the merge).
        # A cancelled or failed export rolls the lock back.
        with store.transaction():
            xs.ensure_change_triggers(store)
            plan = plan_export(store, secret_key.key_id, full=full,
                               sent=known)
            behind = _clock_behind(store, plan.signer, now)
            package_id = package_file_name(jurisdiction, signer_name, plan.sequence, now,
                                           key_id=secret_key.key_id)
            locked = lock_visits(store, xs.visit_ids_to_send(store, plan.since_seq, full=plan.full),
                                 package_id)
            unfinished = xs.unfinished_visits_sent(store, picked=not plan.full)
            plan.change_seq = xs.change_counter(store)
            with work_folder(out_dir) as tmp:  # locked while in use: see work_folder.py
                data = tmp / "data.xlsx"
                counts = write_workbook(store, data, plan, meta, cancel=cancel, progress=progress)
                fields = {"record_counts": counts, "full": plan.full,
                          "period_to": local.date().isoformat(),
                          "signers": signer_directory(store), "display_columns": display_columns()}
                photos = PhotoPick()
                if photo_files is not None:  # its 照片 rows' files and those never sent, as fit
                    try:
                        photos = pick_photos(send_order(store, plan.signer, picked=not plan.full),
                                             photo_files, data_size=data.stat().st_size,
                                             manifest_fields=fields, limits=limits)
                    except PhotoNotCarried as exc:  # named as the user knows it, not by hash
                        raise not_carried_error(store, exc) from exc
                check_space(out_dir, data, photos)  # a disk too full: refused before writing it
                try:
                    path = build_package(
                        out_dir, {"data.xlsx": data, **photos.members}, fields, secret_key,
                        signer_name=signer_name, jurisdiction=jurisdiction, role=role,
                        sequence=plan.sequence, previous_package_sha256=plan.previous_sha256,
                        cancel=cancel, created_at=now, publish=False,
                        later_data=plan.later_data)
                except PackageCancelled as exc:
                    raise ExportCancelled() from exc
            if cancel is not None and cancel():  # the checks below read the whole package
                raise ExportCancelled()
            try:  # never written if its receiver would refuse it
                check_built(path, limits)
            except PackageRejected as exc:
                raise StoreError(message("export.over_limit", "zh", reason=exc.reason_zh),
                                 message("export.over_limit", "en", reason=exc.reason_en)) from exc
            final = out_dir / package_file_name(jurisdiction, signer_name, plan.sequence, now,
                                                key_id=secret_key.key_id)
            sha256 = file_sha256(path)
            xs.record_export(store, signer=plan.signer, sequence=plan.sequence,
                             package_sha256=sha256, file_name=final.name,
                             change_seq=plan.change_seq, full=plan.full, counts=counts)
            xs.record_photos_sent(store, plan.signer, plan.sequence, photos.sent)
            # where it waits until named: said by later exports should this process die first
            xs.note_unpublished(store, {"signer": plan.signer, "sequence": plan.sequence,
                                        "final": str(final.absolute()), "side": str(path.absolute())})
            if committing is not None:
                committing()
    except BaseException:
        if path is not None:
            path.unlink(missing_ok=True)
        raise
    # Committed (synchronous=FULL: on disk, Store.open): only now does the package get its
    # name. Killed before the commit, what is left is a hidden side file nobody takes for a
    # package (removed by the next export); killed after it (or should the rename fail), every
    # later export says where it waits and the next one into this folder finishes it
    # (`unfinished.interrupted_exports`).
    if tally is not None:
        tally.locked, tally.unfinished, tally.clock_behind = locked, unfinished, behind
        tally.records = sum(counts.values())
        tally.photos, tally.photos_left, tally.limits = len(photos.sent), photos.left, limits
        if plan.behind is not None:
            tally.catch_up = (plan.sequence, plan.behind)
    if sent_file is not None:  # committed: a restored database can no longer sign this number
        write_record(sent_file, SentRecord(secret_key.key_id, plan.sequence, sha256, final.name))
    _publish(path, final, sha256, plan.sequence)
    with contextlib.suppress(sqlite3.Error, StoreError):  # named: the note has done its work
        xs.drop_unpublished(store, [str(final.absolute())])
    # a side file of this key left by an export killed before its commit has this number (or
    # a lower one), taken now: it can never be sent (removed, whatever its age)
    extra = finish_interrupted(store, out_dir, secret_key.key_id, sent=plan.sequence)
    if tally is not None and extra:
        tally.interrupted += [
            Unfinished(xs.recorded_sequence(store, p.name), p.absolute(), None, finished=True)
            for p in extra]
    return final


CLOCK_SLACK = dt.timedelta(minutes=5)  # a time sync's step back is not worth a word


def _clock_behind(store: Store, signer: str, now: dt.datetime) -> str:
    """The previous package's time (local, to the minute) when `now` is earlier than it."""
    from qcdesk.exchange.trust import format_local, parse_utc

    last = xs.last_export(store, signer)
    try:
        made = parse_utc(str(last["created_at"])) if last else None
    except ValueError:
        return ""
    return format_local(made) if made is not None and now < made - CLOCK_SLACK else ""


def local_stamp(moment: dt.datetime) -> str:
    """An aware time as the signer's wall clock with its UTC offset, e.g. 2027-01-01 07:00:03
    (UTC+08:00): a bare UTC ...Z stamp read as local put a New Year's morning in the old year."""
    offset = moment.strftime("%z")
    return f"{moment:%Y-%m-%d %H:%M:%S}（UTC{offset[:3]}:{offset[3:]}）"


class ExportNotPublished(StoreError):
    """The export is recorded, but its package could not take its name: it waits under `side`."""


def _publish(side: Path, final: Path, sha256: str, sequence: int) -> None:
    """Give the committed package its name (or find that another export already did)."""
    from qcdesk.exchange.package_build import file_sha256

    try:
        if final.exists():
            raise FileExistsError(final)
        os.replace(side, final)
        sync_folder(final.parent)  # the name survives a power cut as the record does
    except OSError as exc:
        if not side.exists() and final.is_file() and file_sha256(final) == sha256:
            return  # an export running beside this one finished the rename
        # the cause without its usual advice ("choose another folder"): the package waits here
        raise ExportNotPublished(
            f"导出已记录（序号 {sequence}），但数据包未能命名为 {final.name}：{os_error_cause(exc)}。"
            f"数据包暂存为 {side}；请排除这一问题（如关闭占用它的程序、开放该文件夹的写入权限、"
            f"移走同名的文件）后再导出到该文件夹，会自动完成命名，也可手动改名为 {final.name}",
            f"The export is recorded (package {sequence}) but could not be named {final.name}: "
            f"{os_error_cause(exc, 'en')}. It waits as {side}; once that is mended (the program "
            f"holding it closed, the folder writable, a file of that name moved away), the next "
            f"export to this folder names it, or rename it by hand") from exc
