"""The exchange spreadsheet: sheets, columns, and record <-> row mapping (both directions).

One sheet per record kind.  Column 1 is 记录ID (uuid); business columns follow with Chinese
headers; technical columns that make merges exact come last.  Parent links are written as
the parent's 记录ID, never as local integer ids.  Reading goes by header text, so a person
may reorder columns.  Coded columns (检查类型, 状态, 严重程度 …) hold the Chinese label a
person reads in the app, not the stored English code; the reader maps labels back, and still
accepts codes (packages written before labels).  Display-only columns (企业名称 beside
企业记录ID, 检查人员姓名) are written for people and never read (`Field.display`).  Format
documentation: docs/exchange-spreadsheet.md.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from qcdesk.export.xlsx_writer import (
    CODE,
    DATE,
    INT,
    TEXT,
    Column,
)
from qcdesk.models.demonstration import ZONE_KIND_LABELS, ZONE_LEVEL_LABELS, ZONE_STATUS_LABELS
from qcdesk.models.records import (
    RECTIFICATION_STATUS_LABELS,
    RETEST_RESULT_LABELS,
    SAMPLE_RESULT_LABELS,
    SAMPLING_PLACES,
    SEVERITY_LABELS,
    VISIT_KIND_LABELS,
    VISIT_STATUS_LABELS,
)
from qcdesk.models.rules import ESCALATION_LADDER, RULE_SETS

FORMAT_VERSION = "qcdesk-exchange-sheet/1"
SUMMARY_SHEET = "汇总"
NOTES_SHEET = "说明"
EMPTY_MARK_SEP = "|"
AHEAD = 1  # sheets parsed ahead of the reader, in parallel
# A package file name (锁定包, 原发送包), e.g. 421221_嘉鱼县局_000001_20261130.qcpkg.zip: 41
# columns (CJK counts double); a longer signer name or 421202-HTZ still fits.
PACKAGE_NAME_WIDTH = 46
# Tabs as a clerk meets them: the records people read first, then 汇总 (the workbook opens
# on it) and 说明, then the rest. Readers find sheets by name, but QCDesk merges record
# sheets in tab order and needs parents first: every sheet here follows the sheets it links
# to (tests/test_exchange_presentation.py checks it against SheetSpec links).
TAB_ORDER = ("企业", "检查记录", "抽样", "发现问题", "整改", "汇总", "说明", "检查人员", "行业",
             "许可证", "认证", "联系人", "照片", "更正记录", "抽查摇号", "示范区项目", "回避")
OPENS_ON = "汇总"
# A value shaped like a stored code (spot_check, samr18): in a coded column, one this version
# does not know is kept as it is, as before labels (the writer writes it so, the app shows it
# raw); any other unknown value (a mistyped or unknown word, a number) is refused on import.
CODE_SHAPE = re.compile(r"[a-z][a-z0-9_]*")


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
    # A coded column: (stored code, Chinese label written in the cell) for every code.
    labels: tuple[tuple[str, str], ...] = ()
    blank: bool = False  # a coded column whose '' (an empty cell) is a valid stored value
    # A LATER ADDITION (a column packages written before it do not have): a sheet without it
    # reads `default`, and a row holding every later column's default is hashed without them,
    # so versions made before the column existed keep their hashes (docs/exchange-format.md).
    later: bool = False
    default: Any = None
    # DISPLAY-ONLY (`_shown`): written for a person (the enterprise's name beside its 记录ID),
    # never read, hashed or compared; `name` says where the export takes it from.
    display: bool = False

    @cached_property
    def to_label(self) -> dict[str, str]:
        return dict(self.labels)

    @cached_property
    def to_code(self) -> dict[str, str]:
        """What a cell of this coded column may hold -> the stored code: each label, and each
        code itself (packages written before labels)."""
        blank = {"": ""} if self.blank else {}
        return {**blank, **{c: c for c, _l in self.labels}, **{lb: c for c, lb in self.labels}}


def _f(name: str, header: str, kind: str = TEXT, **kw: Any) -> Field:
    return Field(name, header, kind, **kw)


def _date(name: str, header: str, nullable: bool = True) -> Field:
    return Field(name, header, DATE, nullable=nullable, width=12)


def _parent(name: str, header: str, table: str, nullable: bool = False) -> Field:
    return Field(name, header, CODE, nullable=nullable, parent=table, width=38,
                 doc=f"所属记录的记录ID（{table}）")


def _coded(name: str, header: str, labels: Mapping[str, str], *, blank: str = "",
           later: bool = False, width: float | None = None) -> Field:
    """A column holding one of a fixed set of codes, written as its label. `blank`: what an
    empty cell means, when '' is a valid value."""
    listed = "、".join(f"{lb}（{code}）" for code, lb in labels.items())
    doc = f"取值：{listed}" + (f"；空＝{blank}" if blank else "")
    return Field(name, header, TEXT, labels=tuple(labels.items()), blank=bool(blank),
                 doc=f"{doc}。旧版数据包中的英文代码也可读取", later=later,
                 default="" if blank else None, width=width)


def _shown(source: str, header: str, width: float) -> Field:
    """A display-only column (`Field.display`) filled by the export's query from `source`
    (table.column, the 说明 sheet's 字段名): not in `data_fields`, so not hashed, and the
    reader does not look for it, so a package without it (older) reads alike, an older
    QCDesk skips it as a column it does not know, and an edited cell changes nothing."""
    return Field(source, header, TEXT, width=width, display=True)


def _later_date(name: str, header: str) -> Field:
    """A nullable date column added after packages were first exchanged (`Field.later`)."""
    return Field(name, header, DATE, nullable=True, width=12, later=True)


# Technical columns every sheet carries (after the business columns).
META_FIELDS: tuple[Field, ...] = (
    _f("revision", "版本", INT, width=6, doc="修订号，每次保存加一"),
    _f("created_at", "创建时间", CODE, width=28, doc="UTC ISO-8601，原样文本"),
    _f("updated_at", "更新时间", CODE, width=28, doc="UTC ISO-8601，原样文本"),
    _f("author", "作者", CODE, width=38, doc="最初/最后保存者（检查人员记录ID或密钥ID）"),
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
        """Fields hashed and compared: business fields, meta fields, then the later additions
        (last, so that leaving them out of a hash leaves the payload of a version made before
        them byte for byte: `merge.content_hash_of`)."""
        return (tuple(f for f in self.fields if not f.later and not f.display) + META_FIELDS
                + tuple(f for f in self.fields if f.later))

    @cached_property
    def sheet_fields(self) -> tuple[Field, ...]:
        """The data fields in the order of the sheet's columns: business fields (later
        additions in their place among them) then meta fields; display-only columns left out."""
        return tuple(f for f in self.fields if not f.display) + META_FIELDS

    @cached_property
    def written_fields(self) -> tuple[Field, ...]:
        """Every column after 记录ID as written, display-only columns in their place."""
        return self.fields + META_FIELDS

    @cached_property
    def display_names(self) -> tuple[str, ...]:
        """Sources (`Field.name`) of the display-only columns, for the export's query."""
        return tuple(f.name for f in self.fields if f.display)

    @cached_property
    def later_cut(self) -> tuple[int, tuple[Any, ...]]:
        """(where the later additions begin in data_names, their defaults): a row whose
        `data[cut:]` equals the defaults is hashed as `data[:cut]`."""
        later = tuple(f for f in self.data_fields if f.later)
        return len(self.data_fields) - len(later), tuple(f.default for f in later)

    @cached_property
    def data_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.data_fields)

    @cached_property
    def parent_slots(self) -> tuple[tuple[int, Field], ...]:
        """(position in data_names, field) of every link to a parent record."""
        return tuple((i, f) for i, f in enumerate(self.data_fields) if f.parent)

    @cached_property
    def label_slots(self) -> tuple[tuple[int, dict[str, str]], ...]:
        """(position in the row `to_cells` makes, code -> label) of every coded column."""
        return tuple((i + 1, f.to_label) for i, f in enumerate(self.written_fields) if f.labels)

    @cached_property
    def coded_slots(self) -> tuple[tuple[int, dict[str, str], frozenset[str]], ...]:
        """(position in data_names, cell -> code, valid stored values) of every coded column."""
        return tuple((i, f.to_code, frozenset(f.to_code.values()))
                     for i, f in enumerate(self.data_fields) if f.labels)

    @cached_property
    def required_slots(self) -> tuple[int, ...]:
        """Positions in data_names of the fields that may not be NULL."""
        return tuple(i for i, f in enumerate(self.data_fields) if not f.nullable)

    def columns(self) -> list[Column]:
        cols = [Column("记录ID", CODE, 38)]
        cols += [Column(f.header, f.kind, f.width) for f in self.written_fields]
        cols += [Column(h, CODE, 18 if k != "ancestors" else 30)
                 for k, h in LINEAGE_HEADERS.items()]
        return cols


RULE_SET_LABELS = {key: rule.name for key, rule in RULE_SETS.items()}
SPECS: tuple[SheetSpec, ...] = (
    SheetSpec("inspector", "检查人员", (
        _f("name", "姓名"), _f("cert_no", "执法证号", CODE),
        _f("jurisdiction_code", "辖区代码", CODE), _f("active", "在职", INT))),
    SheetSpec("industry", "行业", (
        _f("name", "行业名称"), _f("jurisdiction_code", "辖区代码", CODE, nullable=True))),
    SheetSpec("enterprise", "企业", (
        _f("uscc", "统一社会信用代码", CODE, width=22), _f("name", "企业名称", width=30),
        _f("jurisdiction_code", "辖区代码", CODE), _f("address", "地址", width=30),
        _f("industry", "行业", width=14), _f("main_products", "主要产品", width=30),
        _f("above_scale", "规上企业", INT), _f("in_improvement", "质量提升企业", INT),
        _f("demonstration", "示范企业", INT), _f("legal_representative", "法定代表人"),
        _f("contact_name", "联系人"), _f("contact_phone", "联系电话", CODE, width=16),
        _f("size_class", "企业规模"), _f("certifications", "认证", width=30),
        _f("notes", "备注", width=30))),
    SheetSpec("licence", "许可证", (
        _parent("enterprise_id", "企业记录ID", "enterprise"), _f("kind", "许可证类型"),
        _f("number", "许可证编号", CODE, width=22), _f("product", "产品", width=30),
        _date("issued_on", "发证日期"), _date("expires_on", "有效期至"))),
    SheetSpec("certification", "认证", (
        _parent("enterprise_id", "企业记录ID", "enterprise"), _f("name", "认证名称"),
        _f("certificate_no", "证书编号", CODE, width=18), _date("expires_on", "有效期至"))),
    SheetSpec("contact", "联系人", (
        _parent("enterprise_id", "企业记录ID", "enterprise"), _f("name", "姓名"),
        _f("role", "职务"), _f("phone", "电话", CODE, width=16))),
    SheetSpec("visit", "检查记录", (
        _parent("enterprise_id", "企业记录ID", "enterprise"),
        _shown("enterprise.name", "企业名称", 30),
        _date("visit_date", "检查日期", nullable=False),
        _coded("kind", "检查类型", VISIT_KIND_LABELS, width=20),
        _f("inspectors", "检查人员记录ID", doc="JSON 数组"),
        _shown("inspector.name", "检查人员姓名", 24), _f("summary", "检查情况", width=30),
        _f("conclusion", "结论", width=30), _coded("status", "状态", VISIT_STATUS_LABELS),
        _parent("rectification_id", "整改记录ID", "rectification", nullable=True),
        _f("locked_package", "锁定包", nullable=True, width=PACKAGE_NAME_WIDTH))),
    SheetSpec("sample", "抽样", (
        _parent("visit_id", "检查记录ID", "visit"), _shown("enterprise.name", "企业名称", 30),
        _f("task_no", "任务编号", CODE, width=24),
        _f("organiser", "组织单位", width=26), _f("product_name", "产品名称", width=20),
        _f("trademark", "商标"), _f("spec_model", "规格型号", width=18), _f("batch_no", "批号", CODE),
        _date("production_date", "生产日期"), _f("grade", "等级"), _f("standard", "执行标准", width=18),
        _f("unit_price", "单价", CODE, width=16), _f("lot_size", "抽样基数", CODE),
        _f("sample_qty", "抽样数量", CODE), _f("test_qty", "检验样品数量", CODE),
        _f("backup_qty", "备份样品数量", CODE), _f("licence_no", "许可证编号", CODE, width=22),
        _f("seal_state", "封样状态", width=30), _coded("sampling_place", "抽样地点", SAMPLING_PLACES),
        _f("enterprise_size", "企业规模"), _f("samplers", "抽样人员", width=30, doc="JSON 数组"),
        _date("sampled_on", "抽样日期"), _f("remarks", "备注", width=30),
        _f("refused_to_sign", "拒签", INT), _f("refusal_reason", "拒签理由", width=30),
        _coded("result", "检验结论", SAMPLE_RESULT_LABELS), _f("failed_items", "不合格项目"),
        _date("result_notified_on", "结果告知日期"),
        _later_date("retest_requested_on", "复检申请日期"),
        _coded("retest_result", "复检结论", RETEST_RESULT_LABELS, blank="未申请复检", later=True),
        _later_date("retest_on", "复检日期"))),
    SheetSpec("finding", "发现问题", (
        _parent("visit_id", "检查记录ID", "visit"), _f("category", "类别", width=16),
        _f("description", "问题描述", width=40), _coded("severity", "严重程度", SEVERITY_LABELS),
        _f("basis", "依据", width=30))),
    SheetSpec("photo", "照片", (
        _parent("finding_id", "问题记录ID", "finding"), _f("sha256", "SHA-256", CODE, width=66),
        _f("file_name", "文件名", width=24), _f("media_type", "类型"))),
    SheetSpec("rectification", "整改", (
        _parent("enterprise_id", "企业记录ID", "enterprise"),
        _shown("enterprise.name", "企业名称", 30),
        _parent("visit_id", "检查记录ID", "visit", nullable=True),
        _parent("finding_id", "问题记录ID", "finding", nullable=True),
        _parent("sample_id", "抽样记录ID", "sample", nullable=True),
        _f("requirement", "整改要求", width=30),
        _coded("rule_set", "规则", RULE_SET_LABELS, width=30),
        _date("ordered_on", "下达日期", nullable=False),
        _date("deadline", "整改期限", nullable=False),
        _date("recheck_due", "复查期限", nullable=False), _date("extended_to", "延期至"),
        _f("extension_reason", "延期理由"), _date("extension_requested_on", "延期申请日期"),
        _coded("status", "状态", RECTIFICATION_STATUS_LABELS, width=16),
        _coded("escalation", "处置升级", dict(ESCALATION_LADDER), blank="未升级（责令整改）",
               width=22),
        _date("report_submitted_on", "整改报告日期"), _date("closed_on", "结案日期"),
        _parent("recheck_visit_id", "复查记录ID", "visit", nullable=True),
        _f("notice_no", "通知书编号", CODE, width=26),
        Field("closing_reason", "结案理由", width=30, later=True, default=""),
        Field("reopen_reason", "重新打开理由", width=30, later=True, default=""))),
    SheetSpec("amendment", "更正记录", (
        _parent("visit_id", "检查记录ID", "visit"), _f("visit_uuid", "更正的检查记录", CODE, width=38),
        _f("visit_revision", "更正前版本", INT), _f("package_id", "原发送包", CODE, width=PACKAGE_NAME_WIDTH),
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
        _f("name", "名称", width=30), _coded("kind", "类型", ZONE_KIND_LABELS, width=12),
        _coded("level", "级别", ZONE_LEVEL_LABELS),
        _f("jurisdiction_code", "辖区代码", CODE), _f("lead_industry", "主导产业"),
        _f("members", "成员企业记录ID", doc="JSON 数组（企业记录ID）"),
        _f("milestones", "里程碑", width=40, doc="JSON 数组"),
        _coded("status", "状态", ZONE_STATUS_LABELS, width=12),
        _f("notes", "备注", width=30))),
    SheetSpec("recusal", "回避", (
        _parent("inspector_id", "检查人员记录ID", "inspector"),
        _parent("enterprise_id", "企业记录ID", "enterprise"), _f("reason", "回避理由", width=30))),
)
SPEC_BY_TABLE = {s.table: s for s in SPECS}
SPEC_BY_SHEET = {s.sheet: s for s in SPECS}

# how a kind's records are counted in Chinese (企业 3 家); a kind not named here counts 条
MEASURE_WORDS = {"enterprise": "家", "inspector": "名", "contact": "名", "industry": "个",
                 "licence": "张", "certification": "项", "photo": "张", "demonstration_zone": "个"}


def record_count_words(counts: Mapping[str, Any], english: Mapping[str, str] | None = None) -> str:
    """``企业 2 家、检查记录 4 条``: kinds by their sheet names, in the package's sheet order,
    kinds without records left out ('' when none). With `english` (table → English name):
    ``Enterprises 2, Visits 4``. One wording for `qcdesk verify` / `received` and the GUI's
    received list, which showed table names (certification 16, contact 33) in Chinese too."""
    order = [s.table for s in SPECS] + sorted(k for k in counts if k not in SPEC_BY_TABLE)
    shown = [k for k in order if isinstance(counts.get(k), int) and counts[k] > 0]
    if english is not None:
        return ", ".join(f"{english.get(k, k)} {counts[k]}" for k in shown)
    return "、".join(f"{SPEC_BY_TABLE[k].sheet if k in SPEC_BY_TABLE else k} {counts[k]} "
                    f"{MEASURE_WORDS.get(k, '条')}" for k in shown)


# -- record -> row --------------------------------------------------------------------------
def to_cells(spec: SheetSpec, values: dict[str, Any], lineage: dict[str, str]) -> list[Any]:
    """Cells of one row; ``values`` has the data fields (parents as uuids) plus 'uuid'.

    A value that does not fit its column's kind (e.g. '2024-13-01' in a date column) is
    written as text by the writer, so it still comes back exactly.
    """
    cells: list[Any] = [values["uuid"]]
    empty: list[str] = []
    for f in spec.written_fields:
        v = values.get(f.name)
        if v == "" and f.nullable:
            empty.append(f.header)
        cells.append(v)
    for i, labels in spec.label_slots:  # a code this version does not know stays as it is
        v = cells[i]
        cells[i] = labels.get(v, v)
    cells += [lineage.get(k, "") for k in LINEAGE_HEADERS if k != "empty"]
    cells.append(EMPTY_MARK_SEP.join(empty))
    return cells


# -- row -> record (reading: exchange/sheet_reader.py) ---------------------------------------
class SheetFormatError(ValueError):
    """The spreadsheet does not have the expected layout."""
