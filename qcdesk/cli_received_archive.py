"""`qcdesk received archive --to FOLDER [--older-than MONTHS] [--dry-run]`: packages received
more than MONTHS months ago moved from received/ to FOLDER (a USB stick), each only once its
copy there has been read back with the SHA-256 recorded at import (exchange/received_archive.py).
"""

from __future__ import annotations

import argparse

from qcdesk.cli import CommandError
from qcdesk.paths import AppPaths


def run_archive(args: argparse.Namespace, paths: AppPaths) -> int:
    from qcdesk.cli import open_store_for
    from qcdesk.exchange.received_archive import LOG_NAME, archive_received
    from qcdesk.models.free_space import size_text

    if args.to is None:
        raise CommandError("请用 --to 指定归档文件夹（如 U 盘上的文件夹）"
                           " (give the archive folder with --to)")
    store = open_store_for(args, paths, must_exist=True)
    try:
        result = archive_received(store, args.to, args.older_than, dry_run=args.dry_run)
    finally:
        store.close()
    months = f"{args.older_than} 个月以前"
    if args.dry_run:
        for cand in result.moved:
            print(cand.path.name)
        print(f"试运行，未做改动：{months}收到的 {len(result.moved)} 个数据包（共 {size_text(result.size)}）"
              f"将移到 {args.to}；{result.younger} 个较新的留在 received/ 中")
        return 0
    for cand, reason in result.left:
        print(f"未归档 {cand.path.name}：{reason}")
    print(f"已归档 {len(result.moved)} 个{months}收到的数据包（共 {size_text(result.size)}）到 {args.to}："
          f"每个都在归档处读回并核对 SHA-256 一致后，才从 received/ 中删除；"
          f"清单见 {args.to / LOG_NAME} 和 received/{LOG_NAME}。{result.younger} 个较新的留在 received/ 中"
          + (f"；{len(result.left)} 个未归档，仍在 received/ 中（原因见上）" if result.left else ""))
    return 1 if result.left else 0
