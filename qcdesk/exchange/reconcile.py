"""Reconciliation workbook after an import: counts, and every open conflict field by field
(live value beside the kept incoming value), for a person to review in Excel/WPS."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from qcdesk.exchange.workbook import SPEC_BY_TABLE
from qcdesk.export.xlsx_writer import CODE, INT, TEXT, Column, XlsxWriter
from qcdesk.models import exchange_store as xs
from qcdesk.models.store import Store

REASONS_ZH = {"divergent": "双方均有修改", "duplicate_uscc": "统一社会信用代码重复"}


def write_reconciliation(store: Store, path: Path, result: Any) -> Path:
    with XlsxWriter(path) as book:
        counts = book.add_sheet("导入结果", [
            Column("类别", TEXT, 16), Column("新增", INT, 8), Column("更新", INT, 8),
            Column("未变", INT, 8), Column("冲突", INT, 8)])
        for kind, c in result.to_json()["counts"].items():
            sheet_name = SPEC_BY_TABLE[kind].sheet if kind in SPEC_BY_TABLE else kind
            counts.append([sheet_name, c["new"], c["updated"], c["unchanged"], c["conflicting"]])
        counts.close()
        sheet = book.add_sheet("冲突", [
            Column("类别", TEXT, 12), Column("记录ID", CODE, 38), Column("原因", TEXT, 18),
            Column("字段", TEXT, 16), Column("本地现值", TEXT, 40), Column("收到的值", TEXT, 40),
            Column("收到的版本", CODE, 24), Column("签名人", CODE, 18)])
        writer = xs.MergeWriter(store)
        for c in xs.open_conflicts(store):
            spec = SPEC_BY_TABLE[c["kind"]]
            incoming = json.loads(c["row_json"])
            target = writer.alias(spec.table, c["uuid"]) or c["uuid"]
            live = writer.live(spec, target) or {}
            for f in spec.data_fields:
                mine, theirs = live.get(f.name), incoming.get(f.name)
                if mine != theirs:
                    sheet.append([spec.sheet, c["uuid"], REASONS_ZH.get(c["reason"], c["reason"]),
                                  f.header, _text(mine), _text(theirs), c["version"],
                                  c["signer"]])
        sheet.close()
    return path


def _text(v: Any) -> str | None:
    return None if v is None else str(v)
