"""What an exported list says in Chinese: its columns, its cells, its filter and its file name.

Why here and not in the UI: the export runs headless (a worker, tests) and always writes
Chinese, whatever language the window shows. The column titles are the zh translations of the
list pages' titles (`qcdesk.ui.list_pages.columns_for`, `qcdesk.ui.warnings_page`); a test holds
them together, so the workbook a county office prints reads like the list it saw.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from qcdesk.export.xlsx_fit import display_units
from qcdesk.export.xlsx_writer import CODE, DATE, INT, TEXT
from qcdesk.models.jurisdictions import area_words, jurisdiction_by_code
from qcdesk.models.listing import ENTERPRISES, OVERDUE, RECTIFICATIONS, VISITS, WITHDRAWN, ListRequest
from qcdesk.models.order_search import DUE_SOON, UNFINISHED
from qcdesk.models.records import RECTIFICATION_STATUS_LABELS, VISIT_KIND_LABELS, VISIT_STATUS_LABELS
from qcdesk.models.rectification_checks import WITHDRAWN_NAME
from qcdesk.models.risk import RISK_CLASS_LABELS
from qcdesk.models.rules import Clock
from qcdesk.models.warnings import WARNING_KIND_LABELS

LIST_TITLES = {ENTERPRISES: "企业档案", VISITS: "检查记录", RECTIFICATIONS: "整改跟踪"}
FILE_STEMS = {ENTERPRISES: "企业列表", VISITS: "检查记录", RECTIFICATIONS: "整改列表"}
WARNINGS_TITLE, WARNINGS_STEM = "风险预警", "风险预警"
# 已撤销（复检合格）: withdrawn because the sample passed the 复检 — never 已完成, which reads as a
# defect the enterprise corrected.
STATUS_WORDS = {**RECTIFICATION_STATUS_LABELS, OVERDUE: "已逾期", WITHDRAWN: WITHDRAWN_NAME[0],
                UNFINISHED: "全部未完成", DUE_SOON: "7日内到期"}


@dataclass(frozen=True)
class ListColumn:
    """One exported column: the listing key, the Chinese title, the cell kind, width, value."""

    key: str
    title: str
    kind: str = TEXT
    width: float = 14
    value: Callable[[dict[str, Any]], Any] | None = None

    def cell(self, row: dict[str, Any]) -> Any:
        return self.value(row) if self.value is not None else row.get(self.key)


def clock_words(clock: Clock | None) -> str:
    """An order's clock as the 整改跟踪 list, the enterprise page and the order dialog word it in
    Chinese (`ui.labels.clock_text`, held together by a test): 已逾期 N 天, as the warnings say."""
    if clock is None or not clock.kind:
        return ""
    if clock.kind == "correct":
        if clock.days < 0:
            return f"已逾期 {-clock.days} 天"
        return "今日到期" if clock.days == 0 else f"剩余 {clock.days} 天"
    if clock.kind == "retest_passed":  # late for nobody: the warnings' words
        return WARNING_KIND_LABELS["retest_withdraw"]
    if clock.kind == "recheck_failed":
        return "复查不合格，待处理"
    if clock.kind == "report_late":
        return f"报告逾期 {clock.days_late} 天"
    if clock.days < 0:
        return f"复查已逾期 {-clock.days} 天"
    return "今日复查到期" if clock.days == 0 else f"距复查期限 {clock.days} 天"


def _word(table: dict[str, str], key: str) -> Callable[[dict[str, Any]], str]:
    return lambda row: table.get(row.get(key) or "", row.get(key) or "")


LIST_COLUMNS: dict[str, tuple[ListColumn, ...]] = {
    ENTERPRISES: (
        ListColumn("name", "企业", TEXT, 32),
        ListColumn("uscc", "统一社会信用代码", CODE, 22),
        ListColumn("jurisdiction", "辖区", TEXT, 12),
        ListColumn("industry", "行业", TEXT, 14),
        ListColumn("risk_class", "风险分类", TEXT, 15, _word(RISK_CLASS_LABELS, "risk_class")),
        ListColumn("main_products", "主要产品", TEXT, 30),
        ListColumn("contact", "联系人", TEXT, 24),
        ListColumn("updated_at", "更新日期", DATE, 12),
    ),
    VISITS: (
        ListColumn("visit_date", "检查日期", DATE, 12),
        ListColumn("enterprise", "企业", TEXT, 32),
        ListColumn("jurisdiction", "辖区", TEXT, 12),
        ListColumn("kind", "检查类型", TEXT, 20, _word(VISIT_KIND_LABELS, "kind")),
        ListColumn("status", "状态", TEXT, 9, _word(VISIT_STATUS_LABELS, "status")),
        ListColumn("inspectors", "检查人员", TEXT, 20),
        ListColumn("conclusion", "结论", TEXT, 50),
    ),
    RECTIFICATIONS: (
        ListColumn("notice_no", "通知书编号", CODE, 26),
        ListColumn("enterprise", "企业", TEXT, 32),
        ListColumn("requirement", "整改要求", TEXT, 44),
        ListColumn("ordered_on", "下达日期", DATE, 12),
        ListColumn("deadline", "整改期限", DATE, 12),
        # The list shows "（已延期）" beside the date; a date cell cannot, so it has its own column.
        ListColumn("extended", "延期", TEXT, 8, lambda r: "已延期" if r.get("extended") else ""),
        ListColumn("days_left", "剩余天数", TEXT, 16, lambda r: clock_words(r.get("clock"))),
        ListColumn("status", "状态", TEXT, 18, _word(STATUS_WORDS, "status")),
        # The list shows the reason as the status's tooltip; a cell cannot, so it has its own column.
        ListColumn("closing_reason", "撤销理由", TEXT, 40),
    ),
}

# Whom to call, after 企业 in the 整改跟踪 workbook (s7/r2 F6: a planner chasing the overdue orders
# opened each firm to find them). Export only: the screen list has no room beside its dates and
# statuses; its rows carry them from enterprises.chase_details.
CHASE_COLUMNS: tuple[ListColumn, ...] = (
    ListColumn("uscc", "统一社会信用代码", CODE, 22),
    ListColumn("jurisdiction", "辖区", TEXT, 12),
    ListColumn("contact", "联系人", TEXT, 12),
    ListColumn("contact_phone", "联系电话", CODE, 16),
)


def export_columns(kind: str) -> tuple[ListColumn, ...]:
    """The workbook's columns of a list: the list's own, and for 整改跟踪 whom to call after 企业."""
    columns = LIST_COLUMNS[kind]
    if kind != RECTIFICATIONS:
        return columns
    at = [c.key for c in columns].index("enterprise") + 1
    return (*columns[:at], *CHASE_COLUMNS, *columns[at:])


# The warnings page's columns (`WarningsModel.COLUMNS`), cells from an `EarlyWarning`; the one
# warnings workbook (the page's export and `qcdesk warnings --xlsx`). The page's signed 天数
# (−28 = 28 days left) is two columns here, so that no reader takes a deadline to come for one
# missed: days gone since the date, and days left until it. The code is for filtering by area.
WARNING_COLUMNS: tuple[ListColumn, ...] = (
    ListColumn("kind", "预警类型", TEXT, max(display_units(k) for k in WARNING_KIND_LABELS.values()) + 2,
               lambda w: WARNING_KIND_LABELS.get(w.kind, w.kind)),
    ListColumn("enterprise", "企业名称", TEXT, 32, lambda w: w.enterprise_name),
    ListColumn("uscc", "统一社会信用代码", CODE, 22, lambda w: w.uscc),
    ListColumn("jurisdiction_code", "行政区划代码", CODE, 12, lambda w: w.jurisdiction_code),
    ListColumn("jurisdiction", "行政区划", TEXT, 12, lambda w: w.jurisdiction_name),
    ListColumn("subject", "相关事项", TEXT, 36, lambda w: w.subject_text("zh")),  # wraps (≥ 30)
    ListColumn("due", "日期", DATE, 12, lambda w: w.due or None),
    ListColumn("days", "已过天数", INT, 10, lambda w: w.days if w.due and w.days >= 0 else None),
    ListColumn("days_left", "剩余天数", INT, 10, lambda w: -w.days if w.due and w.days < 0 else None),
    ListColumn("reason", "预警原因", TEXT, 60, lambda w: w.reason_text("zh")),
)
# What the two day columns count, for the 说明 sheet.
WARNING_DAYS_WORDS = (
    "已过天数：截至日期当天距“日期”已过去的天数——整改逾期、复查逾期、许可证已过期为逾期天数，"
    "复检合格待撤销为距复检合格（复检日期）的天数，文号重复为距该整改下达日期的天数，"
    "多次抽查不合格为距最近一次不合格的天数，高风险企业长期未检查为距最近一次检查的天数。"
    "剩余天数：距“日期”（许可证到期日）还有的天数，尚未逾期。两列只填其一。"
)

# Sort keys of `LIST_SPECS` in words (the enterprise name sorts in pinyin order).
_SORT_WORDS = {"name": "企业（按拼音）", "enterprise": "企业（按拼音）"}


def _filter_parts(request: ListRequest) -> list[str]:
    f = request.filters
    parts = []
    if f.jurisdiction:  # what the filter took in: 咸安区（含咸宁高新区）, 咸宁市（全市）
        parts.append(f"辖区：{area_words(f.jurisdiction)}")
    if f.industry:
        parts.append(f"行业：{f.industry}")
    if f.risk_class:
        parts.append(f"风险分类：{RISK_CLASS_LABELS.get(f.risk_class, f.risk_class)}")
    if f.kind:
        parts.append(f"检查类型：{VISIT_KIND_LABELS.get(f.kind, f.kind)}")
    if f.status:
        words = VISIT_STATUS_LABELS if request.kind == VISITS else STATUS_WORDS
        parts.append(f"状态：{words.get(f.status, f.status)}")
    if f.date_from or f.date_to:
        label = "检查日期" if request.kind == VISITS else "下达日期"
        parts.append(f"{label}：{f.date_from or '不限'} 至 {f.date_to or '不限'}")
    if f.ids is not None:
        parts.append(f"仅看板所选数字对应的记录（{len(f.ids)} 条）")
    return parts


def filter_words(request: ListRequest) -> str:
    """The filter bar in words, e.g. "风险分类：D类（高风险）；辖区：赤壁市", or 无."""
    return "；".join(_filter_parts(request)) or "无（全部记录）"


def search_words(text: str) -> str:
    text = (text or "").strip()
    return f"“{text}”（空格分开的词须全部找到）" if text else "无"


def sort_words(kind: str, sort: str, descending: bool | None) -> str:
    if kind == "warnings" and sort == "days":  # the page's one signed column, two columns here
        return ("最紧急的在前：已过天数多的在前，其后剩余天数少的在前" if descending else
                "最不紧急的在前：剩余天数多的在前，其后已过天数少的在前")
    columns = {c.key: c.title for c in (WARNING_COLUMNS if kind == "warnings" else LIST_COLUMNS[kind])}
    name = _SORT_WORDS.get(sort) or columns.get(sort, sort)
    return f"{name}，{'降序' if descending else '升序'}"


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def _file_part(text: str) -> str:
    return _UNSAFE.sub("", text).strip(" .")[:16]


def suggested_name(request: ListRequest, day: date) -> str:
    """A file name saying what the list holds: 企业列表_D类_赤壁市_20261130.xlsx."""
    f = request.filters
    parts = [FILE_STEMS[request.kind]]
    if f.risk_class:
        parts.append(f"{f.risk_class}类")
    if f.jurisdiction:
        found = jurisdiction_by_code(f.jurisdiction)
        parts.append(found.name if found else f.jurisdiction)
    if f.industry:
        parts.append(f.industry)
    if f.kind:
        parts.append(VISIT_KIND_LABELS.get(f.kind, f.kind))
    if f.status:
        words = VISIT_STATUS_LABELS if request.kind == VISITS else STATUS_WORDS
        parts.append(words.get(f.status, f.status))
    if f.search.strip():
        parts.append(f"搜索{f.search.strip()}")
    return _joined(parts, day)


def suggested_warnings_name(kind: str, day: date) -> str:
    """风险预警_整改逾期_20261130.xlsx (kind '' = every warning)."""
    return _joined([WARNINGS_STEM, WARNING_KIND_LABELS.get(kind, "")], day)


def _joined(parts: list[str], day: date) -> str:
    kept = [p for p in (_file_part(x) for x in parts) if p]
    return "_".join([*kept, day.strftime("%Y%m%d")]) + ".xlsx"
