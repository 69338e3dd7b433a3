"""`qcdesk record delete|restore|deleted`: delete an enterprise file or a visit, bring it back,
list what is deleted.

Why: an office that works from the command line only could neither delete a duplicate nor bring
back a mistake, yet `qcdesk import`'s credit-code warning tells it to delete the extra file. The
rules are the core's (`qcdesk.models.removal`, the GUI's too); here the record is named and the
user confirms (y/N at a terminal, --yes otherwise), a locked visit needs --reason.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from qcdesk.cli import DB_HELP, CommandError, open_store_for
from qcdesk.paths import AppPaths

KINDS = {"enterprise": "企业档案", "visit": "检查记录"}


def register(subparsers: argparse._SubParsersAction) -> None:
    record = subparsers.add_parser("record", help="删除、恢复企业档案或检查记录，列出已删除的 "
                                                   "(delete or restore an enterprise file or a visit)")
    actions = record.add_subparsers(dest="record_command", required=True)
    verbs = (("delete", "删除企业档案（须没有检查记录和整改）或检查记录（连同其抽样、问题、照片）",
              "delete an enterprise or a visit"),
             ("restore", "恢复已删除的企业档案或检查记录（连同与它一起删除的抽样、问题、照片）",
              "restore a deleted enterprise or visit"))
    for name, zh, en in verbs:
        cmd = actions.add_parser(name, help=f"{zh} ({en})")
        cmd.add_argument("kind", choices=sorted(KINDS), metavar="KIND",
                         help="记录种类：enterprise 企业档案，visit 检查记录 (record kind)")
        cmd.add_argument("key", metavar="KEY",
                         help="记录的数字 ID 或 uuid；企业也可用统一社会信用代码 "
                              "(record id or uuid; an enterprise's credit code)")
        cmd.add_argument("--reason", default="",
                         help="原因：已随数据包报送的检查记录必填，作为更正记录报送 "
                              "(required for a visit already sent in a package)")
        cmd.add_argument("-y", "--yes", action="store_true",
                         help="不再询问确认 (do not ask for confirmation)")
        cmd.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=DB_HELP)
        cmd.set_defaults(handler=run_remove, restoring=name == "restore")
    listing = actions.add_parser("deleted", help="列出已删除的企业档案或检查记录，最近删除的在前 "
                                                 "(list deleted records, the latest first)")
    listing.add_argument("kind", choices=sorted(KINDS), metavar="KIND",
                         help="记录种类：enterprise 企业档案，visit 检查记录 (record kind)")
    listing.add_argument("--search", default="", metavar="TEXT",
                         help="只列出企业名称、统一社会信用代码或日期（检查日期、删除日期，如 2026-11-02）"
                              "相符的 (only those matching a name, credit code or date)")
    listing.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=DB_HELP)
    listing.set_defaults(handler=run_deleted)


def _resolve(store: Any, kind: str, key: str, restoring: bool) -> Any:
    """The record KEY names: id, uuid (or its first 8+ characters), or a firm's credit code."""
    from qcdesk.cli_find import KEY_WORDS, key_refusal
    from qcdesk.models.codes import normalize_uscc
    from qcdesk.models.persistence import fetch_record
    from qcdesk.models.record_keys import looks_like_uscc
    from qcdesk.models.records import Enterprise, Visit
    from qcdesk.models.removal import enterprises_by_code

    key = key.strip()
    code = normalize_uscc(key) if kind == "enterprise" and looks_like_uscc(key) else ""
    if code:  # the state asked for first; else the other one, which the caller then refuses by name
        found = enterprises_by_code(store, code, deleted=restoring) or \
            enterprises_by_code(store, code, deleted=not restoring)[:1]
        if len(found) > 1:
            ids = "、".join(str(r.id) for r in found[:5])
            raise CommandError(f"已删除的企业档案中有 {len(found)} 份的代码是 {code}（ID {ids}）："
                               f"请用 qcdesk record deleted enterprise 查看后，用 ID 指定要恢复的一份 "
                               f"(several deleted files hold this code: give the id)")
        record = fetch_record(store, Enterprise, found[0].id) if found else None
    else:
        record = fetch_record(store, Enterprise if kind == "enterprise" else Visit, key)
    if record is None and not code and (refusal := key_refusal(
            store, Enterprise if kind == "enterprise" else Visit, key, KINDS[kind])):
        raise CommandError(refusal)
    if record is None:
        state = "已删除的" if restoring else ""
        raise CommandError(f"未找到{state}{KINDS[kind]} {key}：请用列表中的{KEY_WORDS}"
                           f"{'、统一社会信用代码' if kind == 'enterprise' else ''}指定"
                           f"{'（qcdesk record deleted ' + kind + ' 列出已删除的）' if restoring else ''} "
                           f"(no such {kind})")
    return record


def _title(row: Any, kind: str) -> str:
    from qcdesk.models.records import VISIT_KIND_LABELS

    if kind == "enterprise":
        return f"企业档案“{row.name}”（{row.uscc}）"
    return f"对“{row.name}”{row.visit_date} 的检查记录（{VISIT_KIND_LABELS.get(row.kind, row.kind)}）"


def _confirm(question: str, action: str) -> None:
    """y/N at a terminal; without one, refuse and name --yes (silence is no consent)."""
    if sys.stdin is None or not sys.stdin.isatty():
        raise CommandError(f"未{action}：没有终端可以确认。请核对后加 --yes 重新运行 "
                           f"(not done: no terminal to confirm; check, then run again with --yes)")
    print(question, file=sys.stderr)
    print(f"确认{action}？[y/N] ", end="", file=sys.stderr, flush=True)
    answer = sys.stdin.readline()
    if not answer.endswith("\n"):
        print(file=sys.stderr)
    if answer.strip().lower() not in ("y", "yes", "是"):
        raise CommandError(f"已取消：未{action} (cancelled)")


def _hint(store: Any, exc: Any, record: Any) -> str:
    """The command-line way where the core's refusal names the GUI's (list, menu, reason box)."""
    from qcdesk.models.removal import live_visit_ids

    rules = {issue.rule for issue in exc.issues}
    if "remove.enterprise_in_use" in rules:
        ids = live_visit_ids(store, record.id)
        shown = "、".join(str(i) for i in ids[:10]) + ("…" if len(ids) > 10 else "")
        return f"（命令行：其检查记录 ID {shown}，用 qcdesk record delete visit ID 逐条删除）" if ids else ""
    if "remove.locked_reason" in rules:
        return "（命令行：--reason 原因）"
    if "restore.enterprise_deleted" in rules:
        return "（命令行：qcdesk record restore enterprise 企业的统一社会信用代码）"
    return ""


def _apply(store: Any, kind: str, restoring: bool, record_id: int, reason: str) -> None:
    from qcdesk.models import removal

    if kind == "enterprise":
        (removal.restore_enterprise if restoring else removal.delete_enterprise)(store, record_id)
    else:
        (removal.restore_visit if restoring else removal.delete_visit)(store, record_id, reason=reason)


def run_remove(args: argparse.Namespace, paths: AppPaths) -> int:
    from qcdesk.models import removal
    from qcdesk.models.messages import ValidationFailed
    from qcdesk.models.records import Visit
    from qcdesk.models.removal_rules import locked_reason

    restoring, kind = args.restoring, args.kind
    action = "恢复" if restoring else "删除"
    store = open_store_for(args, paths, must_exist=True)
    try:
        record = _resolve(store, kind, args.key, restoring)
        table = "enterprise" if kind == "enterprise" else "visit"
        row = (removal.deleted_title if restoring else removal.live_title)(store, table, record.id)
        try:
            if row is None:
                raise CommandError(
                    f"未恢复：{KINDS[kind]} {args.key} 没有被删除，无需恢复 (not deleted)" if restoring else
                    f"未删除：{KINDS[kind]} {args.key} 已经删除（qcdesk record deleted {kind} 列出已删除的，"
                    f"qcdesk record restore {kind} {record.uuid} 恢复） (already deleted)")
            refused = None if restoring else removal.deletion_refusal(store, table, record.id)
            if refused is not None:  # a refusal no answer changes comes before the question
                raise refused
            if isinstance(record, Visit):
                locked_reason(record, args.reason, deleting=not restoring)  # before the question
            if not args.yes:
                effect = ("它回到列表和统计中，下一个数据包会让收到的单位也恢复它" if restoring else
                          "它从列表、双随机抽取名录和统计中去掉，下一个数据包会让收到的单位也删除它；"
                          f"可用 qcdesk record restore {kind} {record.uuid} 恢复")
                _confirm(f"将{action}{_title(row, kind)}：{effect}", action)
            _apply(store, kind, restoring, record.id, args.reason)
        except ValidationFailed as exc:
            raise CommandError(f"未{action}：{exc.text('zh')}{_hint(store, exc, record)}") from exc
    finally:
        store.close()
    again = "" if restoring else f"（恢复：qcdesk record restore {kind} {record.uuid}）"
    print(f"已{action}{_title(row, kind)}{again}")
    return 0


def run_deleted(args: argparse.Namespace, paths: AppPaths) -> int:
    from qcdesk.models.clock_text import local_time
    from qcdesk.models.records import VISIT_KIND_LABELS
    from qcdesk.models.removal import DELETED_LIMIT, deleted_enterprises, deleted_visits

    store = open_store_for(args, paths, must_exist=True)
    try:
        visits = args.kind == "visit"
        rows = (deleted_visits if visits else deleted_enterprises)(store, search=args.search)
    finally:
        store.close()
    if not rows:
        match = f"与“{args.search}”相符的" if args.search.strip() else ""
        print(f"没有{match}已删除的{KINDS[args.kind]} (nothing deleted{' matches' if match else ''})")
        return 0
    head = ["ID", "删除时间", "企业", "统一社会信用代码"] + (["检查日期", "种类"] if visits else [])
    print("\t".join(head))
    for r in rows:
        cells = [str(r.id), local_time(r.deleted_at), r.name, r.uscc]
        cells += [r.visit_date, VISIT_KIND_LABELS.get(r.kind, r.kind)] if visits else []
        print("\t".join(cells))
    if len(rows) >= DELETED_LIMIT:
        print(f"只列出最近删除的 {DELETED_LIMIT} 条，更早的请用 --search 按名称、代码或日期查找 "
              f"(only the latest {DELETED_LIMIT}: use --search)", file=sys.stderr)
    return 0
