"""`qcdesk received` and the receipt columns of `qcdesk trust list`.

Why: the gap warning ("缺少序号 2") is printed once at import and then gone; the clerk who has
to ask a signer for a missing package needs to look it up later, by signer and by number.
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from qcdesk.cli import DB_HELP, CommandError
from qcdesk.paths import AppPaths

SHA_SHOWN = 16  # hex digits of a package's SHA-256: what received/ names its copy with


def register(subparsers: argparse._SubParsersAction) -> None:
    rec = subparsers.add_parser(
        "received", help="列出已接收的数据包：序号、接收时间、缺少的序号 "
                         "(packages received per signer, and the sequence numbers missing)")
    rec.add_argument("--signer", metavar="KEYID",
                     help="只列出这个签名人的数据包：密钥编号（16 位十六进制数字） (one signer's key id)")
    rec.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=DB_HELP)
    rec.add_argument("--json", action="store_true", help="以 JSON 格式输出 (print as JSON)")
    rec.add_argument("action", nargs="?", choices=["archive"],
                     help="归档：写 archive 时把较早收到的数据包从 received/ 移到 --to 文件夹（如 U 盘），"
                          "每个先复制并核对 SHA-256 再删除 (archive: move older packages to an "
                          "archive folder)")
    rec.add_argument("--to", type=Path, metavar="FOLDER", help="归档到这个文件夹 (archive folder)")
    rec.add_argument("--older-than", type=int, default=12, metavar="MONTHS",
                     help="只归档这么多个月以前收到的数据包，默认 12 (months; default 12)")
    rec.add_argument("--dry-run", action="store_true", help="只列出将归档的数据包，不做改动 (list only)")
    rec.set_defaults(handler=run_received)


def runs_text(numbers: tuple[int, ...]) -> str:
    """2、5～9 as the import's gap warning words it; "-" when nothing is missing."""
    from qcdesk.exchange.trust import _runs

    return _runs(numbers, "、", "～") if numbers else "-"


def receipt_cells(receipts: Any) -> list[str]:
    """最近序号, 接收时间 (local), 缺少序号, 已收数量 of one signer for `trust list`."""
    from qcdesk.exchange.trust import format_local

    if not receipts.count:
        return ["最近序号 -", "接收时间 -", "缺少序号 -", "已收 0 个"]
    return [f"最近序号 {receipts.last_sequence}",
            f"接收时间 {format_local(receipts.last_received_at)}",
            f"缺少序号 {runs_text(receipts.missing)}", f"已收 {receipts.count} 个"]


def _kind(full: bool | None) -> str:
    return "-" if full is None else "全部" if full else "变更"


def _period(p: Any) -> str:
    if p.period_from and p.period_to:
        return f"{p.period_from}～{p.period_to}"
    if p.period_from:
        return f"自 {p.period_from} 起"
    return f"截至 {p.period_to}" if p.period_to else "-"


def _counts(counts: dict[str, int]) -> str:
    """The manifest's record counts in the words `verify` uses (企业 60 家、检查记录 300 条)."""
    from qcdesk.cli_exchange import record_count_words

    return record_count_words(counts) or "-"


CHAIN_NOTE = "上一个包不一致"  # the 注意 cell of a package accepted with the chain warning


def chain_lines(packages: list[Any]) -> list[str]:
    """The chain warning of the import, kept: which packages named a previous package other
    than the one received here, why that happens and what the signer does about it."""
    broken = [str(p.sequence) for p in packages if p.chain_broken]
    if not broken:
        return []
    return [f"注意：序号 {'、'.join(broken)} 声明的上一个包与本机收到的不一致。常见原因：同一密钥在两台"
            "电脑上使用，或签名人的数据库从旧备份恢复，其间有的记录可能没有送到。请签名人在每台用过"
            "此密钥的电脑上导出一次“全部数据”（qcdesk export --full）并发来：已有的记录导入时为“未变”"]


CLOCK_NOTE = "签名时间早于上一个包"  # the signer's clock went back (trust_store.signed_before_previous)
LATE_NOTE = "吊销后收到"  # the 注意 cell of a package received after its key's revocation time


def revoked_receipts_text(key_id: str, late: list[Any]) -> str:
    """What a back-dated revocation leaves behind: packages imported after its time, whose
    records stay in the database and may be a thief's (the revocation refuses only later ones)."""
    from qcdesk.exchange.trust import format_local

    which = "、".join(f"序号 {p.sequence}（接收于 {format_local(p.received_at)}）" for p in late)
    return (f"注意：该密钥在吊销时间之后已有 {len(late)} 个数据包被导入：{which}。其记录仍在数据库中，"
            f"可能是盗用者所发，请核查（qcdesk received --signer {key_id} 中标为“{LATE_NOTE}”）")


def same_signer_lines(store: Any, name: str, jurisdiction: str, role: str) -> list[str]:
    """Live keys already trusted under this name, jurisdiction and role: a new key beside one is
    usually its replacement (forgotten passphrase, new computer), and then the old one is revoked."""
    from qcdesk.models import trust_store

    lines = []
    for k in trust_store.same_signer_keys(store, name, jurisdiction, role):
        last = trust_store.signer_receipts(store, k.key_id).last_sequence
        lines.append(
            f"注意：信任列表中已有同名、同辖区、同角色的密钥 {k.key_id}（{k.shown_name}，"
            f"指纹 {k.fingerprint}，最近序号 {last if last is not None else '-'}）：是换了新密钥吗？"
            f"如是，加入后请吊销旧密钥（qcdesk trust revoke {k.key_id}）；"
            f"如是同名的另一个人，请加 --name 区分，如 --name {k.shown_name}（城关所）")
    return lines


def run_received(args: argparse.Namespace, paths: AppPaths) -> int:
    from qcdesk.cli import open_store_for
    from qcdesk.exchange.minisign import normalize_key_id
    from qcdesk.exchange.trust import format_local, format_utc
    from qcdesk.models import trust_store

    if getattr(args, "action", None) == "archive":
        from qcdesk.cli_received_archive import run_archive

        return run_archive(args, paths)
    store = open_store_for(args, paths, must_exist=True)
    try:
        keys = {k.key_id: k for k in trust_store.list_keys(store)}
        packages = trust_store.received_packages(store, args.signer)
        if args.signer is not None:
            wanted = normalize_key_id(args.signer)
            if wanted not in keys and not packages:  # a typo would otherwise read "nothing"
                raise CommandError(
                    f"信任列表中没有密钥 {' '.join(args.signer.split())}，也没有收到过它签名的数据包；"
                    f"用 qcdesk trust list 查看每个密钥的完整编号 (no such signer; "
                    f"`qcdesk trust list` shows every key id)")
            signers = [wanted]
        else:
            signers = list(dict.fromkeys([*keys, *(p.key_id for p in packages)]))
        summary = {s: trust_store.signer_receipts(store, s) for s in signers}
        late = {s: trust_store.received_after_revocation(store, s) for s in signers}
        clock_back = trust_store.signed_before_previous(packages)
    finally:
        store.close()
    if args.json:
        print(json.dumps({
            "signers": [{"key_id": s, "name": keys[s].name if s in keys else "",
                         "count": r.count, "last_sequence": r.last_sequence,
                         "last_received_at": format_utc(r.last_received_at) if r.last_received_at else None,
                         "missing": list(r.missing)} for s, r in summary.items()],
            "packages": [{"key_id": p.key_id, "sequence": p.sequence,
                          "received_at": format_utc(p.received_at),
                          "received_at_local": format_local(p.received_at), "full": p.full,
                          "period_from": p.period_from or None, "period_to": p.period_to or None,
                          "sha256": p.sha256, "record_counts": p.record_counts,
                          "chain_broken": p.chain_broken,
                          "after_revocation": p in late.get(p.key_id, []),
                          "signed_before_previous": (p.key_id, p.sequence) in clock_back}
                         for p in packages],
        }, ensure_ascii=False, indent=2))
        return 0
    if not packages:
        print("尚未收到数据包 (no packages received)")
    by_signer: dict[str, list[Any]] = {}
    for p in packages:
        by_signer.setdefault(p.key_id, []).append(p)
    for s in signers:
        r, key = summary[s], keys.get(s)
        if not r.count:
            continue
        revoked = ""  # as `trust list` marks it: packages received from then on are refused
        if key and key.revoked_at:
            verb = "已吊销" if key.revoked_at_time(datetime.now(UTC)) else "将吊销"
            revoked = f"，{verb}：自 {format_local(key.revoked_at)} 起"
        who = key.shown_name if key and key.name else "-"
        print(f"签名人 {who}（密钥 {s}{revoked}）：已收 {r.count} 个，"
              f"最近序号 {r.last_sequence}，缺少序号 {runs_text(r.missing)}")
        for line in chain_lines(by_signer.get(s, [])):
            print(line)
        if late[s]:
            print(revoked_receipts_text(s, late[s]))
        print("\t".join(["序号", "接收时间", "范围", "期间", "SHA-256", "记录数", "注意"]))
        for p in by_signer.get(s, []):
            notes = [CHAIN_NOTE] if p.chain_broken else []
            notes += [LATE_NOTE] if p in late[s] else []
            notes += [CLOCK_NOTE] if (p.key_id, p.sequence) in clock_back else []
            print("\t".join([str(p.sequence), format_local(p.received_at), _kind(p.full),
                             _period(p), p.sha256[:SHA_SHOWN], _counts(p.record_counts),
                             "；".join(notes) or "-"]))
    return 0
