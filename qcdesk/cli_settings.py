"""`qcdesk settings`: the organising body (本单位名称) for an office that works without the GUI.

A county that only uses the CLI had no way to name itself: its 市抽 rows were refused as its own
and its 县抽 results were published over the city's name (R5 F5). The value is written through
the models (setup_queries.set_org_name), as the settings page writes it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from qcdesk.paths import AppPaths


def register(subparsers: argparse._SubParsersAction) -> None:
    from qcdesk.cli import DB_HELP

    cmd = subparsers.add_parser(
        "settings", help="本单位名称（组织单位）：不带选项时显示当前设置 "
                         "(the organising body; no option prints the current values)")
    cmd.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=DB_HELP)
    cmd.add_argument("--org-name", metavar="NAME",
                     help="本单位名称，如 通城县市场监督管理局；县市区局的名称同时带出其文书编号前缀 "
                          "(organising body; a county bureau's name also sets its number prefixes)")
    cmd.add_argument("--notice-prefix", metavar="PREFIX",
                     help="责令整改通知书编号前缀，如 通城市监质改（编号为 前缀〔年份〕序号号） "
                          "(prefix of rectification notice numbers)")
    cmd.add_argument("--recheck-prefix", metavar="PREFIX",
                     help="复查意见书编号前缀，如 通城市监质复 (prefix of re-check notice numbers)")
    cmd.add_argument("--report-to", metavar="NAME",
                     help="质量分析报告的主送机关，默认 咸宁市质量强市工作委员会办公室 "
                          "(whom reports are addressed to)")
    cmd.set_defaults(handler=run_settings)


def run_settings(args: argparse.Namespace, paths: AppPaths) -> int:
    """Print the values, or set the name; an empty name is refused before the database is opened."""
    from qcdesk.cli import CommandError, open_store_for
    from qcdesk.models.document_data import doc_settings
    from qcdesk.models.setup_queries import (
        NOTICE_PREFIX_SETTING,
        ORG_NAME_SETTING,
        RECHECK_PREFIX_SETTING,
        OrgNameError,
        doc_setting_refusal,
        org_name_set,
        organisation_values,
        prefix_refusal,
        set_org_name,
        set_prefixes,
    )

    setting = args.org_name is not None
    if setting and not args.org_name.strip():
        raise CommandError("本单位名称不能为空：请写出组织单位全称，如 --org-name 通城县市场监督管理局")
    if args.report_to is not None and not args.report_to.strip():
        raise CommandError("主送机关不能为空：请写出全称，如 --report-to 咸宁市质量强市工作委员会办公室")
    for key, value in (("doc.org_name", args.org_name), ("doc.report_to", args.report_to)):
        if value is not None and doc_setting_refusal(key, value):  # before the database is opened
            raise CommandError(doc_setting_refusal(key, value) or "")
    prefixes = args.notice_prefix is not None or args.recheck_prefix is not None
    for key, value in ((NOTICE_PREFIX_SETTING, args.notice_prefix),
                       (RECHECK_PREFIX_SETTING, args.recheck_prefix)):
        if value is not None and prefix_refusal(key, value):
            raise CommandError(prefix_refusal(key, value) or "")
    store = open_store_for(args, paths, must_exist=not (setting or args.report_to or prefixes))
    bureau = None
    try:
        with store.transaction():  # all the values given, or none of them
            if args.report_to is not None:
                store.set_setting("doc.report_to", args.report_to.strip())
            try:
                if setting:
                    bureau = set_org_name(store, args.org_name)
                if prefixes:  # after the name: a prefix given wins over the one a name brings
                    set_prefixes(store, args.notice_prefix, args.recheck_prefix)
            except OrgNameError as exc:
                raise CommandError(str(exc)) from exc
        named = org_name_set(store)
        values = organisation_values(store)
        report_to = doc_settings(store.db).report_to
    finally:
        store.close()
    default = "" if named else "（默认，尚未设置：请用 qcdesk settings --org-name 填写本单位名称）"
    print(f"本单位名称（组织单位）：{values[ORG_NAME_SETTING]}{default}")
    print(f"整改通知书编号前缀：{values[NOTICE_PREFIX_SETTING]}")
    print(f"复查意见书编号前缀：{values[RECHECK_PREFIX_SETTING]}")
    print(f"报告主送机关：{report_to}")
    if setting and bureau is not None and not prefixes:
        print(f"已按{bureau.name}的编号改用前缀 {bureau.notice_prefix}／{bureau.recheck_prefix}")
    return 0
