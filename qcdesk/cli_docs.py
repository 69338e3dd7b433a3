"""`qcdesk doc …` and `qcdesk report …`: official documents and the quarterly report as PDF."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from qcdesk.paths import AppPaths

DOC_KINDS = ("visit", "sample", "notice", "recheck")
_RECORD_KINDS = {"visit": "检查记录", "sample": "抽样记录", "rectification": "整改记录",
                 "enterprise": "企业", "finding": "检查发现"}
PERIOD_RE = re.compile(r"^(\d{4})\s*-?\s*[Qq]([1-4])$")


def register(subparsers: argparse._SubParsersAction) -> None:
    from qcdesk.cli import DB_HELP

    doc = subparsers.add_parser(
        "doc", help="将记录打印为执法文书（PDF） (print a record as an official document)")
    doc.add_argument("kind", choices=DOC_KINDS,
                     help="文书种类：visit=现场检查笔录, sample=抽样单, notice=责令整改通知书, "
                          "recheck=复查意见书 (document kind)")
    doc.add_argument("ident", metavar="ID",
                     help="记录 uuid 或数字 ID；notice、recheck 也可用通知书文号，如 赤市监质改〔2025〕1号 "
                          "(record uuid or integer id; an order's notice number for notice/recheck)")
    doc.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=DB_HELP)
    doc.add_argument("--out", type=Path, required=True, help="要写入的 PDF 文件 (PDF file to write)")
    doc.set_defaults(handler=run_doc)

    report = subparsers.add_parser(
        "report", help="质量报告（PDF，可另存电子表格） (quality reports: PDF, optional spreadsheet)")
    report.add_argument("report_kind", choices=("quarterly",),
                        help="报告种类：quarterly=季度质量状况分析报告 (report kind)")
    report.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=DB_HELP)
    report.add_argument("--period", required=True, help="报告期（季度），如 2026Q3 (quarter, e.g. 2026Q3)")
    report.add_argument("--jurisdiction",
                        help="报告的辖区：代码或名称，如 421281 或 赤壁市（默认：全市） "
                             "(jurisdiction to report on)")
    report.add_argument("--out", type=Path, required=True, help="要写入的 PDF 文件 (PDF file to write)")
    report.add_argument("--xlsx", type=Path,
                        help="同时将表格保存为电子表格 (also save the tables as a spreadsheet)")
    report.set_defaults(handler=run_report)


def _error(text: str) -> Exception:
    from qcdesk.cli import CommandError

    return CommandError(text)


def _open(args: argparse.Namespace, paths: AppPaths):  # noqa: ANN202 — Store, imported lazily
    from qcdesk.cli import open_store_for

    return open_store_for(args, paths, must_exist=True)


def _write_atomically(out: Path, write) -> None:  # noqa: ANN001
    """export.files.write_atomically, with a file system error as the command's message."""
    from qcdesk.export.files import write_atomically

    try:
        write_atomically(out, write)
    except OSError as exc:
        from qcdesk.models.os_errors import os_error_reason

        raise _error(f"无法写入文件 {out}：{os_error_reason(exc, writing=True)}") from exc


def run_doc(args: argparse.Namespace, paths: AppPaths) -> int:
    from qcdesk.cli import check_output_file
    from qcdesk.export.pdf.documents import render_record
    from qcdesk.models.document_data import RecordNotFound

    check_output_file(args.out, suffix=".pdf")
    store = _open(args, paths)
    try:
        ident = args.ident
        if args.kind in ("notice", "recheck"):  # an order: its 文号 as on the paper does too
            from qcdesk.cli_find import order_arg

            order = order_arg(store, ident)
            ident = str(order.id) if order is not None else ident
        _write_atomically(args.out, lambda p: render_record(store.db, args.kind, ident, p))
    except RecordNotFound as exc:  # the record's kind in words: 未找到检查记录 999999, not "visit 999999"
        from qcdesk.cli_find import UUID_PREFIX_MIN, key_refusal
        from qcdesk.models.records import Rectification

        refusal = ""
        # an order is taken by a uuid prefix too (order_arg); a short key may be a 文号 mistyped
        if args.kind in ("notice", "recheck") and len(args.ident.strip()) >= UUID_PREFIX_MIN:
            refusal = key_refusal(store, Rectification, args.ident, "整改记录")
        raise _error(refusal or f"未找到{_RECORD_KINDS.get(exc.kind, exc.kind)} {exc.ident}") from exc
    finally:
        store.close()
    print(args.out)
    return 0


def parse_period(text: str) -> tuple[int, int]:
    """2026Q3 as (2026, 3); typed in full-width mode (２０２６Ｑ３) too."""
    from qcdesk.models.codes import half_width

    m = PERIOD_RE.match(half_width(text).strip())
    if not m:
        raise _error(f"季度格式不正确：{text}（应为 2026Q3 这样的形式）")
    year = int(m.group(1))
    if not 1990 <= year <= 2999:  # 0000Q1 or 9999Q4 cannot even be turned into dates
        raise _error(f"季度超出范围：{text}（年份应在 1990 到 2999 之间）")
    return year, int(m.group(2))


def run_report(args: argparse.Namespace, paths: AppPaths) -> int:
    from qcdesk.cli import check_output_file, jurisdiction_code
    from qcdesk.export.pdf.report import render_quarterly, write_quarterly_xlsx
    from qcdesk.models.document_data import default_signer_note, doc_settings
    from qcdesk.models.report_queries import jurisdiction_exists, quarterly_data

    year, quarter = parse_period(args.period)
    for out, suffix in ((args.out, ".pdf"), (args.xlsx, ".xlsx")):  # refused before either is written
        if out is not None:
            check_output_file(out, suffix=suffix)
    store = _open(args, paths)
    try:
        code = args.jurisdiction
        if code and not jurisdiction_exists(store.db, code):  # 咸安区 or 赤壁 too; 咸宁 is ambiguous
            code = jurisdiction_code(code)
        data = quarterly_data(store.db, year, quarter, code)
        settings = doc_settings(store.db)
        # written all the same (the city may mean it), with the command that sets the name
        note = default_signer_note(store.db, code, command_line=True)
    finally:
        store.close()
    if note:
        print(f"注意：{note}", file=sys.stderr)
    _write_atomically(args.out, lambda p: render_quarterly(data, settings, p))
    print(args.out)
    if args.xlsx:
        _write_atomically(args.xlsx, lambda p: write_quarterly_xlsx(data, p))
        print(args.xlsx)
    return 0
