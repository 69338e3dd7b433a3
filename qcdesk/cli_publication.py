"""`qcdesk publish`: the "双随机、一公开" publication workbook of a draw or of a period's spot checks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from qcdesk.paths import AppPaths


def register(subparsers: argparse._SubParsersAction) -> None:
    from qcdesk.cli import DB_HELP

    pub = subparsers.add_parser(
        "publish", help="双随机、一公开：导出可公示的抽查结果表（不含风险分类） "
                        "(spot-check results fit for publication, without risk classes)")
    pub.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=DB_HELP)
    pub.add_argument("--draw", metavar="RECORD_UUID",
                     help="已确认的抽取记录 uuid 或前几位 (a committed draw record)")
    pub.add_argument("--from", dest="start", help="期间起 YYYY-MM-DD (period start)")
    pub.add_argument("--to", dest="end", help="期间止 YYYY-MM-DD (period end)")
    pub.add_argument("--jurisdiction", help="期间公示的行政区划（默认全部） (area of a period)")
    pub.add_argument("--out", type=Path, required=True, help="输出文件 .xlsx (output workbook)")
    pub.set_defaults(handler=run_publish)


def run_publish(args: argparse.Namespace, paths: AppPaths) -> int:
    """Refusals come before the database is opened where they can (one line, nothing written)."""
    from qcdesk.cli import CommandError, check_output_file, command_date, jurisdiction_code, open_store_for
    from qcdesk.export.publication import write_draw_publication, write_period_publication
    from qcdesk.models.draw import DrawError, find_draw
    from qcdesk.models.setup_queries import org_name_set, organisation_values

    check_output_file(args.out, suffix=".xlsx", folder_must_exist=True)
    period = args.start is not None or args.end is not None
    if bool(args.draw) == period:
        raise CommandError("请指定 --draw 抽取记录，或 --from 和 --to 期间（二者选一）")
    if period and (args.start is None or args.end is None):
        raise CommandError("期间须同时给出 --from 和 --to，如 --from 2026-07-01 --to 2026-09-30")
    if args.jurisdiction and not period:
        raise CommandError("--jurisdiction 只用于期间公示；抽取记录的范围已定")
    jurisdiction = jurisdiction_code(args.jurisdiction) if args.jurisdiction else None
    start = command_date(args.start, "--from") if period else None
    end = command_date(args.end, "--to") if period else None
    if start and end and end < start:
        raise CommandError(f"--to {end} 早于 --from {start}：请把期间止写在期间起之后")
    store = open_store_for(args, paths, must_exist=True)
    try:
        # never named: this office's own results go out over the default (city) bureau's name
        default_org = "" if org_name_set(store) else organisation_values(store)["doc.org_name"]
        if args.draw:
            try:
                record = find_draw(store, args.draw)
            except DrawError as exc:
                raise CommandError(str(exc)) from exc
            if record is None or not record.committed or record.deleted_at:
                raise CommandError(f"没有已确认的抽取记录“{args.draw}”："
                                   "请先用 qcdesk draw --commit 确认抽取，再公示")
            written = write_draw_publication(store, record, args.out)
        else:
            assert start is not None and end is not None
            written = write_period_publication(store, start, end, jurisdiction, args.out)
    finally:
        store.close()
    print(f"已导出公示表 {args.out}：{written.count} 条（不含风险分类、执法人员和内部备注）")
    if written.left_out:  # a result not final yet is not published: say how many, and why
        print(f"未列入：{written.left_out}（结果尚未最终确定，见“说明”工作表）")
    if default_org and written.offices[default_org]:  # rows of a county's crew carry its bureau
        print(f"注意：本单位名称尚未设置，其中 {written.offices[default_org]} 条以默认的{default_org}"
              "作为检查机关公示；"
              "如本单位不是该局，请先用 qcdesk settings --org-name 填写本单位名称，再重新导出",
              file=sys.stderr)
    return 0
