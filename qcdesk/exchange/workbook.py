"""The exchange spreadsheet: sheets, columns, and record <-> row mapping (both directions).

One sheet per record kind.  Column 1 is 记录ID (uuid); business columns follow with Chinese
headers; technical columns that make merges exact come last.  Parent links are written as
the parent's 记录ID, never as local integer ids.  Reading goes by header text, so a person
may reorder columns.  Format documentation: docs/exchange-spreadsheet.md.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

from qcdesk.export.xlsx_writer import (
    CODE,
    DATE,
    INT,
    OVERFLOW_SHEET,
    TEXT,
    Column,
    decode_after_reader,
    join_overflow,
)

FORMAT_VERSION = "qcdesk-exchange-sheet/1"
SUMMARY_SHEET = "汇总"
NOTES_SHEET = "说明"
EMPTY_MARK_SEP = "|"
AHEAD = 1  # sheets parsed ahead of the reader, in parallel


@dataclass(frozen=True)
class Field:
    """A database column as it appears in the spreadsheet."""

    name: str
    header: str
    kind: str = TEXT
    nullable: bool = False
    parent: str | None = None  # table whose uuid this column holds instead of the local id
    width: float | None = None
    doc: str = ""


def _f(name: str, header: str, kind: str = TEXT, **kw: Any) -> Field:
    return Field(name, header, kind, **kw)


def _date(name: str, header: str, nullable: bool = True) -> Field:
    return Field(name, header, DATE, nullable=nullable, width=12)


def _parent(name: str, header: str, table: str, nullable: bool = False) -> Field:
    return Field(name, header, CODE, nullable=nullable, parent=table, width=38,
                 doc=f"所属记录的记录ID（{table}）")


# Technical columns every sheet carries (after the business columns).
META_FIELDS: tuple[Field, ...] = (
    _f("revision", "版本", INT, width=6, doc="修订号，每次保存加一"),
    _f("created_at", "创建时间", CODE, width=28, doc="UTC ISO-8601，原样文本"),
    _f("updated_at", "更新时间", CODE, width=28, doc="UTC ISO-8601，原样文本"),
    _f("author", "作者", CODE, width=16, doc="最初/最后保存者（检查人员记录ID或密钥ID）"),
    _f("deleted_at", "删除时间", CODE, nullable=True, width=28, doc="非空表示已删除（软删除）"),
)
LINEAGE_HEADERS = {
    "origin": "来源",
    "editor": "编辑方",
    "base": "基线版本",
    "ancestors": "祖先版本",
    "hash": "内容哈希",
    "empty": "空串列",
}
LINEAGE_DOC = {
    "origin": "记录最初来自哪个签名密钥（密钥ID）",
    "editor": "产生此版本的一方（密钥ID）",
    "base": "此版本所基于的、从他方接收的版本（修订号-哈希）",
    "ancestors": "已知祖先版本：版本|编辑方|基线，分号分隔",
    "hash": "业务字段与版本字段的 SHA-256 前 16 位，用于精确合并",
    "empty": "可空列中值为空字符串（而非空值）的列名，以 | 分隔",
}


@dataclass(frozen=True)
class SheetSpec:
    table: str
    sheet: str
    fields: tuple[Field, ...]

    @cached_property
    def data_fields(self) -> tuple[Field, ...]:
        """Fields hashed and compared: business fields then meta fields."""
        return self.fields + META_FIELDS

    @cached_property
    def data_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields + META_FIELDS)

    def columns(self) -> list[Column]:
        cols = [Column("记录ID", CODE, 38)]
        cols += [Column(f.header, f.kind, f.width) for f in self.data_fields]
        cols += [Column(h, CODE, 18 if k != "ancestors" else 30)
                 for k, h in LINEAGE_HEADERS.items()]
        return cols


SPECS: tuple[SheetSpec, ...] = (
    SheetSpec("inspector", "检查人员", (
        _f("name", "姓名"), _f("cert_no", "执法证号", CODE),
        _f("jurisdiction_code", "辖区代码", CODE), _f("active", "在职", INT))),
    SheetSpec("industry", "行业", (
        _f("name", "行业名称"), _f("jurisdiction_code", "辖区代码", CODE, nullable=True))),
    SheetSpec("enterprise", "企业", (
        _f("uscc", "统一社会信用代码", CODE, width=22), _f("name", "企业名称", width=30),
        _f("jurisdiction_code", "辖区代码", CODE), _f("address", "地址", width=30),
        _f("industry", "行业"), _f("main_products", "主要产品", width=20),
        _f("above_scale", "规上企业", INT), _f("in_improvement", "质量提升企业", INT),
        _f("demonstration", "示范企业", INT), _f("legal_representative", "法定代表人"),
        _f("contact_name", "联系人"), _f("contact_phone", "联系电话", CODE, width=16),
        _f("size_class", "企业规模"), _f("certifications", "认证"), _f("notes", "备注"))),
    SheetSpec("licence", "许可证", (
        _parent("enterprise_id", "企业记录ID", "enterprise"), _f("kind", "许可证类型"),
        _f("number", "许可证编号", CODE, width=22), _f("product", "产品"),
        _date("issued_on", "发证日期"), _date("expires_on", "有效期至"))),
    SheetSpec("certification", "认证", (
        _parent("enterprise_id", "企业记录ID", "enterprise"), _f("name", "认证名称"),
        _f("certificate_no", "证书编号", CODE), _date("expires_on", "有效期至"))),
    SheetSpec("contact", "联系人", (
        _parent("enterprise_id", "企业记录ID", "enterprise"), _f("name", "姓名"),
        _f("role", "职务"), _f("phone", "电话", CODE, width=16))),
    SheetSpec("visit", "检查记录", (
        _parent("enterprise_id", "企业记录ID", "enterprise"),
        _date("visit_date", "检查日期", nullable=False), _f("kind", "检查类型"),
        _f("inspectors", "检查人员记录ID", doc="JSON 数组"), _f("summary", "检查情况", width=30),
        _f("conclusion", "结论", width=20), _f("status", "状态"),
        _parent("rectification_id", "整改记录ID", "rectification", nullable=True),
        _f("locked_package", "锁定包", nullable=True))),
    SheetSpec("sample", "抽样", (
        _parent("visit_id", "检查记录ID", "visit"), _f("task_no", "任务编号", CODE),
        _f("organiser", "组织单位"), _f("product_name", "产品名称", width=20),
        _f("trademark", "商标"), _f("spec_model", "规格型号"), _f("batch_no", "批号", CODE),
        _date("production_date", "生产日期"), _f("grade", "等级"), _f("standard", "执行标准"),
        _f("unit_price", "单价", CODE), _f("lot_size", "抽样基数", CODE),
        _f("sample_qty", "抽样数量", CODE), _f("test_qty", "检验样品数量", CODE),
        _f("backup_qty", "备份样品数量", CODE), _f("licence_no", "许可证编号", CODE, width=22),
        _f("seal_state", "封样状态"), _f("sampling_place", "抽样地点"),
        _f("enterprise_size", "企业规模"), _f("samplers", "抽样人员", doc="JSON 数组"),
        _date("sampled_on", "抽样日期"), _f("remarks", "备注"),
        _f("refused_to_sign", "拒签", INT), _f("refusal_reason", "拒签理由"),
        _f("result", "检验结论"), _f("failed_items", "不合格项目"),
        _date("result_notified_on", "结果告知日期"))),
    SheetSpec("finding", "发现问题", (
        _parent("visit_id", "检查记录ID", "visit"), _f("category", "类别"),
        _f("description", "问题描述", width=40), _f("severity", "严重程度"),
        _f("basis", "依据", width=20))),
    SheetSpec("photo", "照片", (
        _parent("finding_id", "问题记录ID", "finding"), _f("sha256", "SHA-256", CODE, width=66),
        _f("file_name", "文件名"), _f("media_type", "类型"))),
    SheetSpec("rectification", "整改", (
        _parent("enterprise_id", "企业记录ID", "enterprise"),
        _parent("visit_id", "检查记录ID", "visit", nullable=True),
        _parent("finding_id", "问题记录ID", "finding", nullable=True),
        _parent("sample_id", "抽样记录ID", "sample", nullable=True),
        _f("requirement", "整改要求", width=30), _f("rule_set", "规则"),
        _date("ordered_on", "下达日期", nullable=False),
        _date("deadline", "整改期限", nullable=False),
        _date("recheck_due", "复查期限", nullable=False), _date("extended_to", "延期至"),
        _f("extension_reason", "延期理由"), _date("extension_requested_on", "延期申请日期"),
        _f("status", "状态"), _f("escalation", "处置升级"),
        _date("report_submitted_on", "整改报告日期"), _date("closed_on", "结案日期"),
        _parent("recheck_visit_id", "复查记录ID", "visit", nullable=True),
        _f("notice_no", "通知书编号", CODE))),
    SheetSpec("amendment", "更正记录", (
        _parent("visit_id", "检查记录ID", "visit"), _f("visit_uuid", "更正的检查记录", CODE, width=38),
        _f("visit_revision", "更正前版本", INT), _f("package_id", "原发送包", CODE, width=30),
        _f("reason", "更正原因", width=30),
        _f("changes", "更正内容", width=40, doc="JSON：字段 → [原值, 新值]"))),
    SheetSpec("draw_record", "抽查摇号", (
        _f("drawn_at", "摇号时间", CODE, width=28), _f("as_of", "名录截至", CODE, width=28),
        _f("seed", "随机种子", CODE, width=30), _f("algorithm", "算法", CODE),
        _f("parameters", "参数", doc="JSON"), _f("pool_hash", "名录哈希", CODE, width=66),
        _f("pool_size", "名录数量", INT),
        _f("pool_snapshot", "名录快照", doc="JSON；超长部分见“长文本续”"),
        _f("selection", "抽中企业", doc="JSON 数组"), _f("operator", "操作人"),
        _f("witnesses", "见证人", doc="JSON 数组"), _f("committed", "已确认", INT))),
    SheetSpec("demonstration_zone", "示范区项目", (
        _f("name", "名称", width=30), _f("kind", "类型"), _f("level", "级别"),
        _f("jurisdiction_code", "辖区代码", CODE), _f("lead_industry", "主导产业"),
        _f("members", "成员企业记录ID", doc="JSON 数组（企业记录ID）"),
        _f("milestones", "里程碑", doc="JSON 数组"), _f("status", "状态"), _f("notes", "备注"))),
    SheetSpec("recusal", "回避", (
        _parent("inspector_id", "检查人员记录ID", "inspector"),
        _parent("enterprise_id", "企业记录ID", "enterprise"), _f("reason", "回避理由", width=30))),
)
SPEC_BY_TABLE = {s.table: s for s in SPECS}
SPEC_BY_SHEET = {s.sheet: s for s in SPECS}


# -- record -> row --------------------------------------------------------------------------
def to_cells(spec: SheetSpec, values: dict[str, Any], lineage: dict[str, str]) -> list[Any]:
    """Cells of one row; ``values`` has the data fields (parents as uuids) plus 'uuid'.

    A value that does not fit its column's kind (e.g. '2024-13-01' in a date column) is
    written as text by the writer, so it still comes back exactly.
    """
    cells: list[Any] = [values["uuid"]]
    empty: list[str] = []
    for f in spec.data_fields:
        v = values.get(f.name)
        if v == "" and f.nullable:
            empty.append(f.header)
        cells.append(v)
    cells += [lineage.get(k, "") for k in LINEAGE_HEADERS if k != "empty"]
    cells.append(EMPTY_MARK_SEP.join(empty))
    return cells


# -- row -> record --------------------------------------------------------------------------
@dataclass
class SheetRow:
    spec: SheetSpec
    uuid: str
    values: dict[str, Any]  # data fields, parents as uuids
    lineage: dict[str, str]  # origin, editor, base, ancestors, hash
    where: str  # "sheet!row" for messages


class SheetFormatError(ValueError):
    """The spreadsheet does not have the expected layout."""


_ASK_MARKS = object()


def _cell_to_value(f: Field, cell: Any) -> Any:
    """A non-text cell as the stored value (text cells are handled inline by _read_sheet)."""
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if f.kind == DATE else cell.isoformat()
    if isinstance(cell, dt.date | dt.time):
        return cell.isoformat()
    if isinstance(cell, dt.timedelta):
        return str(cell)
    if isinstance(cell, bool):
        return int(cell)
    if isinstance(cell, float):
        return int(cell) if f.kind == INT and cell.is_integer() else cell
    return cell


def read_rows(path: Path, spec_filter: set[str] | None = None) -> Iterator[SheetRow]:
    """Yield the data rows of every known sheet (continuation sheets included), in sheet
    order, with long texts joined back and ``_xHHHH_`` decoded.

    calamine parses a whole sheet at once and lets go of the GIL meanwhile, so helper threads
    parse the next sheets while the caller still works through this one."""
    book = CalamineWorkbook.from_path(str(path))
    names = list(book.sheet_names)
    wanted: list[tuple[str, SheetSpec]] = []
    for name in names:
        spec = SPEC_BY_SHEET.get(re.sub(r"\(\d+\)$", "", name))
        if spec is not None and (spec_filter is None or spec.table in spec_filter):
            wanted.append((name, spec))
    # a calamine workbook serves one call at a time: each helper thread opens its own
    local = threading.local()

    def parse(name: str) -> Any:
        if not hasattr(local, "book"):
            local.book = CalamineWorkbook.from_path(str(path))
        return local.book.get_sheet_by_name(name)

    with ThreadPoolExecutor(max_workers=AHEAD, thread_name_prefix="qcdesk-xlsx") as pool:
        overflow: dict[tuple[str, int, int], str] = {}
        if OVERFLOW_SHEET in names:
            rows = book.get_sheet_by_name(OVERFLOW_SHEET).to_python()
            overflow = join_overflow(rows[1:])
        ahead = [pool.submit(parse, name) for name, _spec in wanted[:AHEAD]]
        for i, (name, spec) in enumerate(wanted):
            sheet = ahead.pop(0).result()
            if i + AHEAD < len(wanted):
                ahead.append(pool.submit(parse, wanted[i + AHEAD][0]))
            yield from _read_sheet(sheet, name, spec, overflow)
            del sheet  # a parsed sheet is large: at most AHEAD + 1 are held at once


def _read_sheet(sheet: Any, name: str, spec: SheetSpec,
                overflow: dict[tuple[str, int, int], str]) -> Iterator[SheetRow]:
    rows = sheet.iter_rows()
    try:
        header = [decode_after_reader(str(h)) for h in next(rows)]
    except StopIteration:
        return
    index = {h: i for i, h in enumerate(header)}
    if "记录ID" not in index:
        raise SheetFormatError(f"{name}: 缺少 记录ID 列")
    missing = [f.header for f in spec.data_fields if f.header not in index]
    missing += [h for h in LINEAGE_HEADERS.values() if h not in index]
    if missing:
        raise SheetFormatError(f"{name}: 缺少列 {'、'.join(missing)}")
    id_col = index["记录ID"]
    # what an empty cell means per field: None / "" decided now, or "ask the 空串列 marks"
    positions = [(f.name, index[f.header], f,
                  _ASK_MARKS if f.nullable else ("" if f.kind not in (INT,) else None))
                 for f in spec.data_fields]
    lin_pos = [(k, index[h]) for k, h in LINEAGE_HEADERS.items() if k != "empty"]
    empty_col = index[LINEAGE_HEADERS["empty"]]
    has_overflow = any(k[0] == name for k in overflow)
    width = len(header)
    for rownum, raw in enumerate(rows, start=2):
        row = [decode_after_reader(c) if type(c) is str and "_x" in c else c for c in raw]
        if len(row) < width:
            row += [""] * (width - len(row))
        if has_overflow:
            for col in range(len(row)):
                extra = overflow.get((name, rownum, col + 1))
                if extra is not None:
                    row[col] = str(row[col]) + extra
        uid = row[id_col]
        if not uid:
            continue
        lineage = {k: ("" if row[i] == "" else str(row[i])) for k, i in lin_pos}
        marks = row[empty_col]
        empty = set(str(marks).split(EMPTY_MARK_SEP)) if marks != "" else ()
        values = {}
        for key, i, f, blank in positions:
            c = row[i]
            if type(c) is not str:
                values[key] = _cell_to_value(f, c)
            elif c:
                values[key] = c
            elif blank is _ASK_MARKS:
                values[key] = "" if f.header in empty else None
            else:
                values[key] = blank
        yield SheetRow(spec, str(uid), values, lineage, f"{name}!{rownum}")
