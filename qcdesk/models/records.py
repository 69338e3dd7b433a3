"""Domain records as plain dataclasses; field names equal column names in the store.

Codes (kind, status, result…) are stored in English; `*_LABELS` give the official Chinese
wording used on documents and spreadsheets. The UI translates codes itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

VISIT_KINDS = ("spot_check", "licence_followup", "assistance", "recheck", "special")
VISIT_KIND_LABELS = {
    "spot_check": "监督抽查",
    "licence_followup": "生产许可证后续监管",
    "assistance": "质量帮扶/指导",
    "recheck": "复查",
    "special": "专项检查",
}
KINDS_NEEDING_TWO_INSPECTORS = ("spot_check", "recheck")
KINDS_WITH_SAMPLES = ("spot_check", "special")
VISIT_STATUSES = ("planned", "draft", "done")
VISIT_STATUS_LABELS = {"planned": "计划", "draft": "草稿", "done": "已完成"}
SAMPLE_RESULTS = ("pending", "pass", "fail")
SAMPLE_RESULT_LABELS = {"pending": "待检", "pass": "合格", "fail": "不合格"}
# 复检 (re-test on the backup sample): '' = none asked. Once it concludes, `Sample.result`
# holds its conclusion (final), see qcdesk/models/retest.py.
RETEST_RESULTS = ("", "pending", "pass", "fail")
RETEST_RESULT_LABELS = {"pending": "复检中", "pass": "复检合格", "fail": "复检不合格"}
SAMPLING_PLACES = {"warehouse": "成品仓库", "market": "市场"}
SEVERITIES = ("minor", "major", "critical")
SEVERITY_LABELS = {"minor": "一般", "major": "较重", "critical": "严重"}
RECTIFICATION_STATUSES = ("open", "report_submitted", "awaiting_recheck", "closed", "recheck_failed")
RECTIFICATION_STATUS_LABELS = {
    "open": "待整改",
    "report_submitted": "已提交整改报告",
    "awaiting_recheck": "待复查",
    "closed": "已完成",
    "recheck_failed": "复查不合格",
}
CERTIFICATION_CHOICES = ("ISO 9001", "ISO 14001", "ISO 45001", "卓越绩效", "标准化良好行为", "3C")
# Enterprise size (企业规模) is stored as these words, which the sampling form prints as they are;
# the UI shows translated labels for them. Other text (from older files or a package) is kept.
ENTERPRISE_SIZES = ("大型", "中型", "小型", "微型")
# Seal state (封样状态) of a sample, offered in the sampling form and printed as these words;
# the UI shows translated labels for them, and other wording typed in is kept as typed.
SEAL_STATES = ("已封样（检验样品、备用样品）", "未封样")


@dataclass(kw_only=True)
class Record:
    """Columns every record has so that copies edited offline can be merged later."""

    id: int | None = None
    uuid: str = ""
    created_at: str = ""
    updated_at: str = ""
    author: str = ""
    revision: int = 0
    deleted_at: str | None = None
    origin: str = "local"

    TABLE: ClassVar[str] = ""
    JSON_FIELDS: ClassVar[tuple[str, ...]] = ()
    # Fields about a person that a deleted row no longer needs: blanked in the revision that
    # deletes it, so the tombstone every later package carries names no one (persistence.py).
    PERSONAL_FIELDS: ClassVar[tuple[str, ...]] = ()

    def to_row(self) -> dict[str, Any]:
        row = {f.name: getattr(self, f.name) for f in fields(self)}
        for name in self.JSON_FIELDS:
            row[name] = json.dumps(row[name], ensure_ascii=False)
        return row

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Any:
        names = {f.name for f in fields(cls)}
        values = {k: v for k, v in row.items() if k in names}
        for name in cls.JSON_FIELDS:
            if isinstance(values.get(name), str):
                values[name] = json.loads(values[name] or "[]")
        return cls(**values)


@dataclass(kw_only=True)
class Inspector(Record):
    TABLE = "inspector"
    name: str = ""
    cert_no: str = ""
    jurisdiction_code: str = ""
    active: int = 1


@dataclass(kw_only=True)
class Enterprise(Record):
    TABLE = "enterprise"
    uscc: str = ""
    name: str = ""
    jurisdiction_code: str = ""
    address: str = ""
    industry: str = ""
    main_products: str = ""
    above_scale: int = 0
    in_improvement: int = 0
    demonstration: int = 0
    legal_representative: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    size_class: str = ""
    certifications: str = ""  # names separated by '；'
    notes: str = ""


@dataclass(kw_only=True)
class Licence(Record):
    TABLE = "licence"
    enterprise_id: int | None = None
    kind: str = ""
    number: str = ""
    product: str = ""
    issued_on: str | None = None
    expires_on: str | None = None


@dataclass(kw_only=True)
class Visit(Record):
    TABLE = "visit"
    JSON_FIELDS = ("inspectors",)
    enterprise_id: int | None = None
    visit_date: str = ""
    kind: str = "spot_check"
    inspectors: list[str] = field(default_factory=list)  # inspector uuids
    summary: str = ""
    conclusion: str = ""
    status: str = "draft"
    rectification_id: int | None = None
    locked_package: str | None = None


@dataclass(kw_only=True)
class Sample(Record):
    TABLE = "sample"
    JSON_FIELDS = ("samplers",)
    visit_id: int | None = None
    task_no: str = ""
    organiser: str = ""
    product_name: str = ""
    trademark: str = ""
    spec_model: str = ""
    batch_no: str = ""
    production_date: str | None = None
    grade: str = ""
    standard: str = ""
    unit_price: str = ""
    lot_size: str = ""
    sample_qty: str = ""
    test_qty: str = ""
    backup_qty: str = ""
    licence_no: str = ""
    seal_state: str = ""
    sampling_place: str = "warehouse"
    enterprise_size: str = ""
    samplers: list[str] = field(default_factory=list)
    sampled_on: str | None = None
    remarks: str = ""
    refused_to_sign: int = 0
    refusal_reason: str = ""
    result: str = "pending"
    failed_items: str = ""
    result_notified_on: str | None = None
    retest_requested_on: str | None = None
    retest_result: str = ""
    retest_on: str | None = None


@dataclass(kw_only=True)
class Finding(Record):
    TABLE = "finding"
    visit_id: int | None = None
    category: str = ""
    description: str = ""
    severity: str = "minor"
    basis: str = ""


@dataclass(kw_only=True)
class Photo(Record):
    TABLE = "photo"
    finding_id: int | None = None
    sha256: str = ""
    file_name: str = ""
    media_type: str = "image/jpeg"


@dataclass(kw_only=True)
class Rectification(Record):
    TABLE = "rectification"
    enterprise_id: int | None = None
    visit_id: int | None = None
    finding_id: int | None = None
    sample_id: int | None = None
    requirement: str = ""
    rule_set: str = "samr18"
    ordered_on: str = ""
    deadline: str = ""
    recheck_due: str = ""
    extended_to: str | None = None
    extension_reason: str = ""
    extension_requested_on: str | None = None
    status: str = "open"
    escalation: str = ""
    report_submitted_on: str | None = None
    closed_on: str | None = None
    recheck_visit_id: int | None = None
    notice_no: str = ""
    closing_reason: str = ""  # set when closed without a re-check visit (复检合格: withdrawn)
    reopen_reason: str = ""  # why it was last reopened after a close made by mistake

    @property
    def effective_deadline(self) -> str:
        return self.extended_to or self.deadline
