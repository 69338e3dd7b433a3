"""Data-safety sub-commands: `audit verify|accept|baseline|history`, `backup`, `restore`, `amend`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from qcdesk.cli import DB_HELP, CommandError, check_output_file, db_path_for, open_store_for
from qcdesk.paths import AppPaths

if TYPE_CHECKING:
    from qcdesk.models.backup import Snapshot
    from qcdesk.models.backup_photos import PhotoCopy
    from qcdesk.models.photo_check import PhotoCheck
    from qcdesk.models.restore_preview import KindChange
    from qcdesk.models.store import Store


def register(subparsers: argparse._SubParsersAction) -> None:
    def db_option(parser: argparse.ArgumentParser) -> None:
        # SUPPRESS keeps a top-level `qcdesk --db X audit verify` working as well.
        parser.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=DB_HELP)

    audit = subparsers.add_parser("audit", help="审计记录：核验、接受外部修改、查看历史 (audit trail)")
    actions = audit.add_subparsers(dest="audit_command", required=True)
    verify = actions.add_parser("verify", help="核验审计链与当前数据 (verify chain and rows)")
    db_option(verify)
    verify.set_defaults(handler=cmd_verify)
    accept = actions.add_parser("accept", help="接受在 QCDesk 之外所做的修改 (accept outside changes)")
    db_option(accept)
    accept.add_argument("--reason", required=True, help="为什么接受这些修改 (why these changes are accepted)")
    accept.set_defaults(handler=cmd_accept)
    base = actions.add_parser("baseline", help="为批量写入的数据建立基线 (adopt bulk-written rows)")
    db_option(base)
    base.set_defaults(handler=cmd_baseline)
    history = actions.add_parser("history", help="某条记录的修改历史 (a record's history)")
    db_option(history)
    history.add_argument("uuid", help="记录的 uuid（或其前 8 位以上）；企业也可用统一社会信用代码，"
                                      "整改也可用通知书文号 (the record's uuid or a prefix of 8+ "
                                      "characters; a credit code or a notice number too)")
    history.add_argument("--table", help="数据表（默认 visit；给出信用代码时为 enterprise） (table)")
    history.set_defaults(handler=cmd_history)

    backup = subparsers.add_parser("backup", help="备份数据库 (back up the database)")
    db_option(backup)
    backup.add_argument("--out", type=Path, help="备份文件（默认放在 backups 文件夹） (backup file)")
    backup.add_argument("--force", action="store_true",
                        help="覆盖已存在的 --out 文件 (overwrite an existing --out file)")
    backup.add_argument("--no-photos", action="store_true",
                        help="不复制照片文件（用于 --out；默认复制到副本旁的 QCDesk照片 文件夹） "
                             "(with --out: leave the photo files out; by default they go into the "
                             "QCDesk照片 folder beside the copy)")
    backup.set_defaults(handler=cmd_backup)
    restore = subparsers.add_parser("restore", help="从备份恢复数据库 (restore a backup)")
    restore.add_argument("file", type=Path, help="备份文件 (backup file)")
    db_option(restore)
    restore.add_argument("-y", "--yes", action="store_true",
                         help="不询问，直接恢复；不在终端中运行时必须给出 (do not ask; required when "
                              "not at a terminal)")
    restore.set_defaults(handler=cmd_restore)

    amend = subparsers.add_parser("amend", help="更正已报送的检查记录 (amend a locked visit)")
    amend.add_argument("visit", help="检查记录的 id 或 uuid (visit id or uuid)")
    db_option(amend)
    amend.add_argument("--set", dest="changes", action="append", default=[], metavar="FIELD=VALUE",
                       help="更正的字段，如 summary=… 或 samples.<uuid>.result=fail（列表用 JSON）"
                            " (field=value)")
    amend.add_argument("--reason", required=True, help="更正原因 (reason)")
    amend.set_defaults(handler=cmd_amend)


def _db_path(args: argparse.Namespace, paths: AppPaths, must_exist: bool = True) -> Path:
    return db_path_for(args, paths, must_exist=must_exist)


def _open(args: argparse.Namespace, paths: AppPaths):
    return open_store_for(args, paths, must_exist=True)


def cmd_verify(args: argparse.Namespace, paths: AppPaths) -> int:
    """The audit chain and the records, then the photo files the live findings name."""
    from qcdesk.models.audit import verify, verify_snapshot
    from qcdesk.models.photo_check import check_photos

    store = _open(args, paths)
    try:
        with verify_snapshot(store):  # records and photo rows as of one moment
            report = verify(store)
            photos = check_photos(store, paths.photos_dir)
    finally:
        store.close()
    if report.ok:
        print(f"审计链完整：{report.entries} 条审计记录，{report.rows} 条数据记录与之相符 "
              f"(audit trail intact: {report.entries} entries, {report.rows} records match)")
    else:
        more = "+" if report.truncated else ""
        print(f"审计核验未通过，共 {len(report.problems)}{more} 处问题 (audit verification failed):")
        for problem in report.problems[:50]:
            print(f"  {problem.text('zh')}")
            print(f"    {problem.text('en')}")
    _print_photos(photos, paths.photos_dir)
    return 0 if report.ok and photos.ok else 1


def _print_photos(photos: PhotoCheck, folder: Path) -> None:
    """The photo files' verdict: how many are intact, or which are missing or damaged (50 at
    most, then how many more) and what to do; then, as a note, the photos received without
    their files (not lost here: the sender is asked for a package with photo files)."""
    from qcdesk.models.photo_check import ADVICE, NOT_RECEIVED_ADVICE

    if photos.ok:
        here = "本机已有的 " if photos.notes else ""
        print(f"照片文件完整：{here}{photos.intact} 个照片文件与其 SHA-256 相符 "
              f"(photo files intact: {photos.intact} files match their SHA-256)")
    else:
        count = len(photos.problems)
        print(f"照片文件核验未通过：照片文件夹 {folder} 中有 {count} 张照片的文件缺失或损坏 "
              f"(photo check failed: {count} photos missing or damaged in the photo folder):")
        _print_listed(photos.problems, ADVICE)
    if photos.notes:
        count = len(photos.notes)
        print(f"说明：{count} 张照片随数据包收到时未附照片文件，不算核验未通过 "
              f"(note: {count} photos were received without their files; not a failure):")
        _print_listed(photos.notes, NOT_RECEIVED_ADVICE)


def _print_listed(found: list, advice: tuple[str, str]) -> None:
    """Up to 50 photos, then how many more, then what to do."""
    for problem in found[:50]:
        print(f"  {problem.text()}")
    if len(found) > 50:
        print(f"  …另有 {len(found) - 50} 张 ({len(found) - 50} more)")
    print(f"  {advice[0]} ({advice[1]})")


def cmd_accept(args: argparse.Namespace, paths: AppPaths) -> int:
    from qcdesk.models.audit import accept_changes

    if not args.reason.strip():
        raise CommandError("请说明接受的原因 (--reason)")
    store = _open(args, paths)
    try:
        count = accept_changes(store, args.reason.strip())
    finally:
        store.close()
    print(f"已接受 {count} 处外部修改并记入审计链 (accepted {count} outside changes)")
    return 0


def cmd_baseline(args: argparse.Namespace, paths: AppPaths) -> int:
    from qcdesk.models.audit import baseline

    store = _open(args, paths)
    try:
        count = baseline(store, "baseline (command line)")
    finally:
        store.close()
    print(f"已为 {count} 条记录建立基线 (baseline of {count} records)")
    return 0


def _history_key(store: Store, table: str | None, key: str) -> tuple[str, str]:
    """The table and uuid `audit history` names: a credit code names an enterprise, a 文号 an
    order (`cli_find`), as the other commands take them, with or without --table; any other
    key is the record's id, uuid or uuid prefix."""
    from qcdesk.cli_find import enterprise_arg, order_arg
    from qcdesk.models.order_search import order_by_notice
    from qcdesk.models.record_keys import looks_like_uscc, record_uuid

    if table == "enterprise" or (table is None and looks_like_uscc(key)):
        return "enterprise", enterprise_arg(store, key, "记录（uuid 或统一社会信用代码）").uuid
    if table == "rectification":
        order = order_arg(store, key)
        return table, order.uuid if order is not None else key
    if table is None and (rect_id := order_by_notice(store, key)) is not None:  # a 文号, as printed
        order = order_arg(store, str(rect_id))
        if order is not None:
            return "rectification", order.uuid
    table = table or "visit"
    return table, record_uuid(store, table, key)


def cmd_history(args: argparse.Namespace, paths: AppPaths) -> int:
    from qcdesk.models.amendments import record_history
    from qcdesk.models.clock_text import local_time

    store = _open(args, paths)
    try:
        table, uuid = _history_key(store, args.table, args.uuid)
        lines = record_history(store, table, uuid)
    finally:
        store.close()
    if not lines:
        raise CommandError(f"没有 {table} {args.uuid} 的审计记录 (no history)")
    for line in lines:
        who = line.author if not line.outside else f"QCDesk 之外 (outside) {line.author}".strip()
        change = f"{line.field}: {_show(line.old)} → {_show(line.new)}" if line.field else line.op
        note = f"  [{line.note}]" if line.note else ""
        print(f"{local_time(line.at, seconds=True)}\t{who}\t{line.op}\t{change}{note}")
    return 0


def _show(value: object) -> str:
    return "(空)" if value is None else json.dumps(value, ensure_ascii=False) if not isinstance(value, str) \
        else value


def cmd_backup(args: argparse.Namespace, paths: AppPaths) -> int:
    """Copy the database. A damaged one is copied too, byte for byte under a `.damaged` name
    (what anyone about to try a repair wants first), and exits 1 after saying so."""
    from qcdesk.models.backup import backup_name, copy_database, prune, prune_damaged, stored_keep_count

    db = _db_path(args, paths)
    folder = db.parent / "backups"
    out = args.out or folder / backup_name(db, "manual", folder)
    if args.out is not None:
        if _same_file(out, db):  # would replace the live database under its own WAL
            raise CommandError(f"备份文件不能是数据库本身：{out} (the backup cannot be the database)")
        check_output_file(out)
        if (out.exists() or out.is_symlink()) and not args.force:  # another backup, perhaps the only one
            raise CommandError(f"文件已存在，请换一个文件名或先删除它（确需覆盖请加 --force）：{out} "
                               "(file exists; choose another name, or add --force)")
    photos = None
    if args.out is not None and not args.no_photos:  # a copy to carry away, with its photos
        copied, photos = _copy_with_photos(db, out, paths)
    else:
        copied = copy_database(db, out)
    if args.out is None:  # into the rotation: keep the newest N as the GUI does, never this copy
        rotate = prune_damaged if copied.damaged else prune
        rotate(copied.path.parent, stored_keep_count(db), db, spare=copied.path)
    for warning in copied.warnings():
        print(f"警告：{warning}", file=sys.stderr)
    if copied.damaged:
        print(f"数据库已损坏，已原样复制到 {copied.path}（不作为恢复点） "
              "(database damaged; raw copy written)")
    else:
        print(f"已备份到 {copied.path} (backup written)")
    if args.out is not None:  # the rotation's copies stay database-only
        _say_photos(args, paths, photos, copied.damaged)
    return 1 if copied.damaged else 0


def _copy_with_photos(db: Path, out: Path, paths: AppPaths) -> tuple[Snapshot, PhotoCopy | None]:
    """The database copy, then the photo files into the QCDesk照片 folder beside `out`
    (`backup_photos.copy_with_photos`); a stick too small for the photos keeps the database
    copy, and the refusal says to run the same command with --force once there is room."""
    from qcdesk.models.backup_photos import copy_with_photos

    return copy_with_photos(db, out, paths.photos_dir, again=(
        "用同一命令加 --force 再保存一次", "run the same command again with --force"))


def _say_photos(args: argparse.Namespace, paths: AppPaths, done: PhotoCopy | None,
                damaged: bool) -> None:
    """One line: how many photo files were copied and how big, or why none were; for a
    damaged database, what was copied, since its photo list cannot be trusted."""
    if args.no_photos:
        print(f"未复制照片文件（--no-photos），照片仍只在 {paths.photos_dir} "
              "(photo files left out)")
    elif done is None:
        print(f"警告：数据库已损坏，照片文件未复制；请另行复制照片文件夹 {paths.photos_dir} "
              "(photo files not copied: copy the photo folder by hand)", file=sys.stderr)
    elif damaged:  # copied by the list read before the damage was found: it may be short
        print(f"警告：数据库已损坏，照片记录可能不全，{done.backup_text()}；请另行复制照片文件夹 "
              f"{paths.photos_dir} (photo records may be incomplete: copy the photo folder by hand)",
              file=sys.stderr)
    else:
        print(f"{done.backup_text()} ({done.backup_text('en')})")


def cmd_restore(args: argparse.Namespace, paths: AppPaths) -> int:
    """Say what the restore will undo, then ask: it replaces the database, and what was entered
    since the backup is gone from it (kept only in the before-restore copy)."""
    from qcdesk.models.backup import (
        check_database_file,
        empty_database_file,
        refuse_in_use,
        refuse_newer_file,
        restore,
    )
    from qcdesk.models.instance_lock import InstanceLock
    from qcdesk.models.restore_preview import preview_restore

    target = Path(getattr(args, "db", None) or paths.database)  # empty: what a backup remedies
    db = target if empty_database_file(target) else _db_path(args, paths, must_exist=False)
    if db.is_dir():
        raise CommandError(f"{db} 是文件夹，请用 --db 给出数据库文件 (a folder, not a database)")
    if args.file.is_file() and _same_file(args.file, db):
        raise CommandError(f"备份文件就是当前数据库，无需恢复：{db} (nothing to restore)")
    checked = check_database_file(args.file)  # once: the restore does not read it all again
    refuse_newer_file(args.file)  # refused before the question, not after a "y"
    with InstanceLock(db) as lock:  # another QCDesk window on the file is refused first
        preview = preview_restore(args.file, db)  # read before the file is replaced
        if db.exists() and not empty_database_file(db):  # (opened, an old -wal would be lost)
            refuse_in_use(db)  # a database being written is refused as such, like any restore
        if preview.identical:
            raise CommandError(f"备份 {args.file} 与当前数据库的内容完全相同，无需恢复 "
                               "(the backup holds what the database holds; nothing to restore)")
        _print_preview(preview.changes, preview.exports)
        if db.exists() and not args.yes:  # no database yet: nothing to lose, nothing to ask
            _confirm()
        late = False
        try:
            safety = restore(args.file, db, db.parent / "backups", lock, checked=checked)
        except KeyboardInterrupt as exc:  # after the swap committed: restored all the same
            if not getattr(exc, "database_touched", False):
                raise  # 已取消: the database is as it was
            safety, late = getattr(exc, "safety_copy", None), True
    print(f"已从 {args.file} 恢复数据库 {db} (restored)")
    if safety:
        print(f"恢复前的数据库已保存为 {safety}，如需找回可再从它恢复 (previous database kept)")
    sys.stdout.flush()
    if late:  # not 已取消: the database holds the backup now
        print("Ctrl-C 来得太晚，恢复已经完成（见上），未能取消 (too late to cancel: the restore "
              "had completed)", file=sys.stderr)
    return _bring_photos_back(args.file, db, paths)


def _bring_photos_back(backup_file: Path, db: Path, paths: AppPaths) -> int:
    """The photos the restored database names, from QCDesk照片 beside the backup. A Ctrl-C here
    stops the copying but not the restore, which is done: it says so and exits 0 (a non-zero
    exit would tell a script the database was left as it was)."""
    from qcdesk.models.backup_photos import photos_folder, restore_photos

    try:
        photos = restore_photos(backup_file, db, paths.photos_dir)
    except KeyboardInterrupt:
        print(f"已停止取回照片文件：数据库已恢复（见上），照片文件只取回了一部分；其余的仍在 "
              f"{photos_folder(backup_file)}，可将其中的文件夹复制到照片文件夹 {paths.photos_dir} "
              "(stopped bringing the photos back; the database is restored)", file=sys.stderr)
        return 0
    if photos.restore_text():
        print(f"{photos.restore_text()} ({photos.restore_text('en')})")
    return 0


def _print_preview(changes: list[KindChange], exports: tuple = ()) -> None:
    """What the restore will undo, before the question (the dialog asks with the same lines),
    and the packages exported since the backup (the next export continues above them)."""
    from qcdesk.models.restore_preview import describe, describe_exports, describe_undone

    undone = describe_undone(changes)
    if undone:
        print("恢复将撤销备份之后的这些改动 (changes since the backup the restore will undo):")
        for line in undone:
            print(f"  {line}")
    counts = describe(changes)
    if counts:
        print(f"恢复前 → 恢复后：{counts}")
    for line in describe_exports(exports):
        print(line)
    sys.stdout.flush()


def _confirm() -> None:
    """Ask at a terminal; refuse (CommandError) unless the answer is y/yes. Without a terminal
    no one can answer: refuse and name --yes, rather than wait or take silence as consent."""
    from qcdesk.models.messages import message

    def both(key: str) -> str:
        return f"{message(key)} ({message(key, 'en')})"

    if sys.stdin is None or not sys.stdin.isatty():
        raise CommandError(both("restore.needs_yes"))
    print(message("restore.confirm"), end="", file=sys.stderr, flush=True)
    answer = sys.stdin.readline()  # "" at end of input (Ctrl-D): no
    if not answer.endswith("\n"):  # the terminal echoed no line break: the refusal on its own line
        print(file=sys.stderr)
    if answer.strip().lower() not in ("y", "yes"):
        raise CommandError(both("restore.declined"))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def cmd_amend(args: argparse.Namespace, paths: AppPaths) -> int:
    from qcdesk.models.amendments import AMENDABLE_FIELDS, PART_FIELDS, amend_visit
    from qcdesk.models.messages import ValidationFailed

    changes: dict[str, object] = {}
    for item in args.changes:
        name, sep, value = item.partition("=")
        if not sep or (name not in AMENDABLE_FIELDS and name.split(".")[0] not in PART_FIELDS):
            raise CommandError(f"无法识别的更正“{item}”；可更正字段：{'、'.join(AMENDABLE_FIELDS)}，"
                               "或 samples.<uuid>.<字段>、findings.<uuid>.<字段>")
        field = name.rsplit(".", 1)[-1]
        if field in ("inspectors", "samplers"):
            try:
                changes[name] = json.loads(value)
            except ValueError as exc:
                raise CommandError(f"{field} 应为 JSON 列表，如 [\"uuid1\", \"uuid2\"]") from exc
        elif field == "refused_to_sign":
            changes[name] = 1 if value.strip() in ("1", "true", "yes", "是") else 0
        else:
            changes[name] = value or None if field.endswith(("_on", "_date")) else value
    store = _open(args, paths)
    try:
        amendment = amend_visit(store, args.visit, changes, args.reason)
        warnings = _amended_visit_warnings(store, amendment.visit_id)
    except ValidationFailed as exc:
        hint = "（命令行：--set visit_date=年-月-日）" \
            if any(i.rule == "visit.future_amend" for i in exc.issues) else ""  # the field, as typed here
        raise CommandError(exc.text("zh") + hint) from exc
    finally:
        store.close()
    print(f"已记录更正 {amendment.uuid} (amendment recorded)")
    for line in warnings:  # a warning never fails the amendment: the exit code stays 0
        print(f"警告：{line}", file=sys.stderr)
    return 0


def _amended_visit_warnings(store: Store, visit_id: int) -> list[str]:
    """The core's warnings of the visit as amended (a re-test requested after the 15 days, a
    concluded re-test without its date…), one line each named by its sample or finding, as the
    GUI's 更正 dialog lists them. Why: amend_visit keeps only errors, so these never reached a
    CLI user, who would not learn that the enterprise's right had lapsed."""
    from qcdesk.models.inspections import load_visit, validate_visit

    bundle = load_visit(store, visit_id)
    if bundle is None:
        return []
    lines = []
    for issue in (i for i in validate_visit(store, bundle, amended=()) if i.warning):
        head, _, rest = issue.field.partition(".")
        index = rest.partition(".")[0]
        records = getattr(bundle, head) if head in ("samples", "findings") and index.isdigit() else []
        record = records[int(index)] if records and int(index) < len(records) else None
        name = getattr(record, "product_name", "") or getattr(record, "description", "")
        text = issue.text("zh").removeprefix("提示：")  # the line already says 警告
        lines.append(f"{name}：{text}" if name else text)
    return lines
