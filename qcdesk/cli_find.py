"""`qcdesk find TEXT`, and how every sub-command reads an enterprise or an order a clerk names.

A clerk without sqlite3 gets from 通凯 to the id, uuid and credit code here; the other commands
then take the credit code (or the 文号 of an order) as well as an id or uuid, through
`enterprise_arg` / `order_arg`, so one option never behaves differently in two commands.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from qcdesk.paths import AppPaths

if TYPE_CHECKING:
    from qcdesk.models.records import Enterprise, Rectification
    from qcdesk.models.store import Store

ENTERPRISE_KEY_HELP = "企业 ID、uuid 或统一社会信用代码 (enterprise id, uuid or credit code)"
FIND_LIMIT = 20
# What the 企业档案 search looks in (`list_empty.search_scope`, the enterprise list's words).
FIND_SCOPE = "名称、信用代码、产品、行业、地址、法定代表人、联系人及电话、许可证编号、备注"
# Like grep, so a script can tell "no such firm" from a mistyped command.
FIND_NOT_FOUND = 1
FIND_EXIT_HELP = ("退出码：0 找到，1 没有找到，2 用法或输入有误 "
                  "(exit status: 0 found, 1 nothing found, 2 usage or input error)")


def register(subparsers: argparse._SubParsersAction) -> None:
    from qcdesk.cli import DB_HELP

    find = subparsers.add_parser(
        "find", help=f"按{FIND_SCOPE}查找企业，显示其 ID 和 uuid "
                     "(find enterprises as the 企业档案 search does: name, code, products, address, "
                     "contacts and phones, licences…; prints id and uuid)",
        description=f"按{FIND_SCOPE}查找企业，显示其 ID 和 uuid。",
        epilog=FIND_EXIT_HELP)
    find.add_argument("text", nargs="+", metavar="TEXT",
                      help="要查找的文字，如 通凯 或信用代码的一部分 (words to find)")
    find.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=DB_HELP)
    find.add_argument("--limit", type=int, default=FIND_LIMIT,
                      help="最多显示几家（默认 %(default)s） (at most this many lines)")
    find.set_defaults(handler=run_find)


UUID_PREFIX_MIN = 8  # fetch_record's shortest uuid prefix
# What a not-found line says a record may be named by (an id, a uuid or its first 8+ characters).
KEY_WORDS = f"ID、uuid 或 uuid 的前 {UUID_PREFIX_MIN} 位以上"


def key_refusal(store: Store, cls: type, key: str, noun: str) -> str:
    """Why `key` named no `noun` when the record may well exist: a uuid prefix too short, or one
    several records share ("" when neither; the caller then says not found). Every command that
    takes an id or uuid prefix says it in these words, not "未找到"."""
    from qcdesk.models.persistence import row_id, uuid_prefix_count

    text = key.strip()
    if not text or row_id(text) is not None and len(text) < UUID_PREFIX_MIN:
        return ""
    if len(text) < UUID_PREFIX_MIN:
        if all(c in "0123456789abcdefABCDEF-" for c in text):
            return (f"uuid 前缀至少 {UUID_PREFIX_MIN} 位：{text} 太短，请多输入几位或用 ID "
                    "(a uuid prefix needs 8+ characters)")
        return ""
    count = uuid_prefix_count(store, cls, text)
    if count > 1:
        return (f"有 {count} 条{noun}的 uuid 以 {text} 开头：请多输入几位或用 ID "
                f"(several records' uuids start with it)")
    return ""


def _error(text: str) -> Exception:
    from qcdesk.cli import CommandError

    return CommandError(text)


def enterprise_arg(store: Store, key: str | None, option: str = "--enterprise") -> Enterprise:
    """The enterprise an option names (id, uuid or credit code), or a one-line refusal."""
    from qcdesk.models.codes import normalize_uscc
    from qcdesk.models.record_keys import BadKey, enterprise_by_key, looks_like_uscc

    text = (key or "").strip()
    if not text:
        raise _error(f"请用 {option} 指明企业（{ENTERPRISE_KEY_HELP}）")
    try:
        ent = enterprise_by_key(store, text)
    except BadKey as exc:
        raise _error(str(exc)) from exc
    if ent is None:
        from qcdesk.models.records import Enterprise

        if refusal := key_refusal(store, Enterprise, text, "企业档案"):
            raise _error(refusal)
        if looks_like_uscc(text):
            raise _error(f"未找到统一社会信用代码为 {normalize_uscc(text)} 的企业；可用 qcdesk find 查找")
        raise _error(f"未找到企业 {text}（可用{KEY_WORDS}或统一社会信用代码）；可用 qcdesk find 按名称查找")
    return ent


def order_arg(store: Store, key: str) -> Rectification | None:
    """The order an argument names (id, uuid or 文号), or None."""
    from qcdesk.models.record_keys import order_by_key

    return order_by_key(store, key)


def run_find(args: argparse.Namespace, paths: AppPaths) -> int:
    from qcdesk.cli import open_store_for
    from qcdesk.models.record_keys import find_enterprises
    from qcdesk.models.search_text import phrase_query

    text = " ".join(args.text).strip()
    if phrase_query(text) is None:
        raise _error(f"没有可查找的文字：{text!r}（请给出{FIND_SCOPE}中的字词）")
    if not 1 <= args.limit <= 100_000:  # 10^20 reached SQLite and read as a record number
        raise _error("--limit 应在 1 到 100000 之间")
    store = open_store_for(args, paths, must_exist=True)
    try:
        found, total = find_enterprises(store, text, args.limit)
    finally:
        store.close()
    if not found:
        print(f"qcdesk: 没有找到与 {' '.join(text.split())} 相符的企业，请换几个字再试 "
              "(no enterprise found)", file=sys.stderr)
        return FIND_NOT_FOUND
    print("ID\tuuid\t企业名称\t统一社会信用代码\t未完成整改\t最近检查")
    for row in found:
        print(f"{row.id}\t{row.uuid}\t{row.name}\t{row.uscc}\t{row.open_orders}\t{row.last_visit or '—'}")
    if total > len(found):
        print(f"共 {total} 家，只显示前 {len(found)} 家；请多给几个字缩小范围 (--limit 可显示更多)")
    return 0
