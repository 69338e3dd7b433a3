"""Inspector registers (执法人员名录) from a spreadsheet: the people a 双随机 draw picks from.

The enterprise list's machinery does the work: `roster_files` opens xlsx/xls/ods/CSV (GBK or
UTF-8), `roster_reading` finds the header (synonyms, merged two-row headers, title rows) and
skips totals rows, `roster_writing` writes all good rows in ONE transaction after a snapshot.
What differs is the row: a person is matched by 执法证号, since two people may share a name.
A 执法证号 names one person, so a row giving the number of another live inspector (a different
name) is refused, as `save_inspector` refuses it, and so is a number given twice in the file.
Leading zeros do not make another number (`person_cert`): a number cell drops the 0 of
04212220002, so the row gets a warning, and 4212220002 and 04212220002 of one name are one person,
updated, keeping the form with the zeros (Excel loses zeros, never adds them); of another name,
refused. A unit below the county (…市场监督管理所, 通城县局) is the county its name begins with.
An empty cell means "not given", never "clear".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qcdesk.models import roster
from qcdesk.models.cert_duplicates import person_cert
from qcdesk.models.inspections import save_inspector
from qcdesk.models.jurisdictions import (
    BUREAUS,
    JURISDICTIONS,
    Jurisdiction,
    jurisdiction_by_code,
    resolve_jurisdiction,
)
from qcdesk.models.messages import own_message
from qcdesk.models.records import Inspector
from qcdesk.models.roster import (
    RosterColumn,
    RosterFileError,
    RosterIssue,
    RosterPlan,
    RosterResult,
    refuse_empty_file,
    roster_message,
)
from qcdesk.models.roster_files import pick_sheet
from qcdesk.models.roster_fold import row_at
from qcdesk.models.roster_reading import cell_text, first_given, totals_text
from qcdesk.models.roster_writing import PROGRESS_EVERY
from qcdesk.models.setup_queries import office_county
from qcdesk.models.store import Store
from qcdesk.models.typed_text import cert_number, person_name

COLUMNS: tuple[RosterColumn, ...] = (
    # not 执法人员 alone: it is the merged parent over 姓名 / 执法证号 in two-row headers
    RosterColumn("name", "姓名", ("姓名", "执法人员姓名", "人员姓名", "名字"), True, "必填"),
    RosterColumn("cert_no", "执法证号",
                 ("执法证号", "执法证件号", "执法证件号码", "执法证编号", "执法证件编号", "行政执法证号",
                  "行政执法证件号", "执法证号码", "证号"), True,
                 "必填；按文本填写（按执法证号识别人员，同一证号只属于一人）"),
    RosterColumn("unit", "所属单位",
                 ("所属单位", "单位", "工作单位", "所在单位", "执法单位", "县（市、区）", "所属县（市、区）",
                  "所属县市区", "县市区", "行政区划", "行政区划代码", "区划代码"), True,
                 "必填；县市区名称（如 嘉鱼县）、市场监督管理局或以县市区名称开头的市场监管所名称"
                 "（如 通城县市场监督管理局隽水市场监督管理所）、或行政区划代码（如 421221）"),
    RosterColumn("active", "状态", ("状态", "在岗", "是否在岗", "在岗状态", "人员状态", "在岗情况"), False,
                 "在岗 或 不在岗；空白：新增人员为在岗，已有人员不变"),
)
LABELS = {c.key: c.header for c in COLUMNS}
FIELD_LABELS = {"name": "姓名", "cert_no": "执法证号", "unit": "所属单位", "active": "状态"}
ON_DUTY = {"在岗", "是", "在职", "正常", "有效", "启用", "1", "y", "yes", "true", "√", "✓", "在"}
OFF_DUTY = {"不在岗", "离岗", "否", "调离", "退休", "离职", "停用", "注销", "无效", "借调", "0", "n", "no",
            "false", "×", "✗", "不在"}
_BUREAU_WORDS = re.compile(r"(市场监督管理局|市场监管局|质量技术监督局|质监局|市监局)(.*分局)?$")
# a unit below the county: 隽水市场监督管理所, 隽水所, 通城县局, 稽查大队 (after the county's name)
_UNIT_WORDS = re.compile(r"(所|局|队|科|股|室|站|中心)$")
# the city bureau's branch for a district or the zone: 咸宁市市场监督管理局高新区分局, …咸安(区)分局
_CITY_BRANCH = re.compile(r"(湖北省)?咸宁市(市场监督管理局|市场监管局|质量技术监督局|质监局|市监局)(.+)分局")
_SCIENTIFIC = re.compile(r"[0-9](\.[0-9]+)?[eE]\+?[0-9]+")
_CERT_LIKE = re.compile(r"[0-9A-Za-z-]+")

_MESSAGES: dict[str, tuple[str, str]] = {
    "inspector_roster.no_header": (
        "{path} 中找不到执法人员名录的表头（应含“姓名”“执法证号”“所属单位”等列）",
        "No header row of an inspector register found in {path} (expected 姓名, 执法证号, 所属单位 …)"),
    "inspector_roster.missing_column": (
        "{path} 缺少必需的列：{columns}。请把表头改为可识别的名称（{accepted}），或在执法人员名录模板"
        "（命令 qcdesk roster template --kind inspectors）中填写",
        "{path} lacks required columns: {columns}. Rename the header to a name that is recognised "
        "({accepted}), or fill in the blank inspector template (qcdesk roster template --kind inspectors)"),
    "inspector_roster.cert_required": (
        "执法证号为空：名录按执法证号识别人员，请填写后再导入",
        "The certificate number is empty: the register matches people by it; fill it in and import again"),
    "inspector_roster.cert_number": (
        "执法证号被存成了数字（{value}），末几位已丢失；请将该列设为文本后重新填写",
        "The certificate number was stored as a number ({value}) and lost digits; format the column "
        "as text and enter it again"),
    "inspector_roster.cert_zeros_lost": (
        "执法证号被存成了数字，开头的0可能已丢失；请把该列设为文本后重新填写（读到的是 {value}）",
        "The certificate number was stored as a number, so a leading 0 may have been lost; format "
        "the column as text and enter it again (read: {value})"),
    "inspector_roster.cert_zeros_same": (
        "执法证号 {value} 与系统中 {name}（{unit}）的执法证号 {stored} 只差开头的0，按同一人处理，"
        "执法证号记为 {kept}",
        "Certificate no. {value} differs from {stored} of {name} ({unit}) here only by leading "
        "zeros: taken as the same person, with the number {kept}"),
    "inspector_roster.cert_zeros_taken": (
        "执法证号 {value} 与系统中 {name}（{unit}）的执法证号 {stored} 只差开头的0，是同一个证号："
        "一个执法证号只属于一人，本行未导入。请核对证号；若确是同一人改了姓名，请在“执法人员名录”中修改",
        "Certificate no. {value} differs from {stored} of {name} ({unit}) here only by leading "
        "zeros, so it is the same number: a certificate number belongs to one person, so this row "
        "was not imported. Check the number; if the same person changed name, correct it in the "
        "inspector roster"),
    "inspector_roster.duplicate_in_file": (
        "执法证号 {value} 与第{first}行重复：一个执法证号只属于一人，本行未导入",
        "Certificate no. {value} is also on row {first}: a certificate number belongs to one person, "
        "so this row was not imported"),
    "inspector_roster.cert_taken": (
        "执法证号 {value} 在系统中属于 {name}（{unit}）：一个执法证号只属于一人，本行未导入。请核对证号；"
        "若确是同一人改了姓名，请在“执法人员名录”中修改",
        "Certificate no. {value} belongs to {name} ({unit}) here: a certificate number belongs to one "
        "person, so this row was not imported. Check the number; if the same person changed name, "
        "correct it in the inspector roster"),
    "inspector_roster.cert_shared": (
        "执法证号 {value} 在系统中有多名执法人员（{names}），本行未导入；请先在“执法人员名录”中更正",
        "Certificate no. {value} is held by several inspectors here ({names}); this row was not "
        "imported. Correct them in the inspector roster first"),
    "inspector_roster.unit_unknown": (
        "所属单位“{value}”无法识别：请填写县市区名称（如 嘉鱼县）、市场监督管理局名称或行政区划代码"
        "（如 421221）",
        "Unit “{value}” is not recognised: give a county name (e.g. 嘉鱼县), its market supervision "
        "bureau's name or its GB/T 2260 code (e.g. 421221)"),
    "inspector_roster.unit_no_county": (
        "所属单位“{value}”中没有咸宁市的县市区名称，无法确定所属县市区：请写成以县市区名称开头的全称"
        "（如 通城县市场监督管理局隽水市场监督管理所），或直接填写县市区名称（如 通城县）或行政区划代码；"
        "本单位名称（设置 ▸ 首选项… ▸ 组织单位，或 qcdesk settings --org-name）填为县市区局后，"
        "未写县市区的所按本单位所在的县市区导入",
        "Unit “{value}” names no county of Xianning, so its jurisdiction is unknown: write its full name "
        "beginning with the county (e.g. 通城县市场监督管理局隽水市场监督管理所), or give the "
        "county's name (e.g. 通城县) or its code; once this office's name (Settings ▸ Preferences… ▸ "
        "organising body, or qcdesk settings --org-name) is a county bureau's, a unit naming no county "
        "is taken as this office's county"),
    "inspector_roster.unit_office_county": (
        "所属单位“{value}”中没有县市区名称，按本单位（{org}）所在的{county}导入；"
        "如此人不属{county}，请把所属单位写成以县市区名称开头的全称",
        "Unit “{value}” names no county, so it was taken as {county}, where this office ({org}) is; "
        "if this person is not of {county}, write the unit's full name beginning with its county"),
    "inspector_roster.status_unknown": (
        "状态“{value}”无法识别（应为 在岗 或 不在岗），状态未导入（新增人员按在岗）",
        "Status “{value}” is not recognised (在岗 or 不在岗 expected) and was left out (a new "
        "inspector counts as on duty)"),
    "inspector_roster.totals_row": ("“{text}”是合计行，不是执法人员，已跳过",
                                    "“{text}” is a totals row, not an inspector; skipped"),
}


def inspector_message(rule: str, lang: str = "zh", **params: object) -> str:
    own = _MESSAGES.get(rule)
    return own_message(own, lang, params) if own else roster_message(rule, lang, **params)


class InspectorFileError(RosterFileError):
    """The file could not be read as an inspector register; one line for the user."""

    words = staticmethod(inspector_message)
    renamed = {"roster.no_header": "inspector_roster.no_header",
               "roster.missing_column": "inspector_roster.missing_column"}


@dataclass(frozen=True)
class InspectorIssue(RosterIssue):
    words = staticmethod(inspector_message)


@dataclass
class InspectorRow:
    """One good row: the inspector as it will be saved, and what changes (shown as words)."""

    row: int
    action: str  # "add" | "update" | "unchanged"
    inspector: Inspector
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)


@dataclass
class InspectorPlan(RosterPlan):
    """The enterprise plan's counts and problems; a row is known by (执法证号, 姓名)."""

    def item_identity(self, item: Any) -> tuple[str, str]:
        return item.inspector.cert_no, item.inspector.name


def resolve_unit(text: str) -> Jurisdiction | None:
    """A unit as registers write it: 嘉鱼县, 嘉鱼, 421221, 嘉鱼县市场监督管理局, 咸宁市咸安区市场监管局."""
    text = re.sub(r"\s+", "", text or "")
    found = resolve_jurisdiction(text)
    if found is not None or not text:
        return found
    for code, bureau in BUREAUS.items():
        if text == bureau.name:
            return jurisdiction_by_code(code)
    branch = _CITY_BRANCH.fullmatch(text)  # the district's or zone's, not the city's
    if branch is not None and (found := resolve_jurisdiction(branch.group(3))) is not None:
        return found
    short = _BUREAU_WORDS.sub("", text)
    if short and short != text:
        if short.startswith("咸宁市") and len(short) > 3:  # 咸宁市咸安区 → 咸安区
            short = short[3:]
        if (found := resolve_jurisdiction(short)) is not None:
            return found
    return _county_of_unit(text)


def _county_of_unit(text: str) -> Jurisdiction | None:
    """A unit below the county is in the county its name begins with (通城县市场监督管理局隽水
    市场监督管理所, 通城县局, 通城隽水所 → 通城县); None when it names none (隽水所)."""
    if not _UNIT_WORDS.search(text):
        return None
    text = re.sub(r"^(湖北省)?(咸宁市)?", "", text)
    prefixes = [(name, j) for j in JURISDICTIONS if j.parent_code is not None
                for name in (j.name, j.name[:-1]) if len(name) >= 2]
    for name, j in sorted(prefixes, key=lambda p: -len(p[0])):
        if text.startswith(name) and len(text) > len(name):
            return j
    return None


def _person_name(value: Any) -> str:
    """As the register's dialog stores it (`typed_text.person_name`): 张　三 → 张三."""
    return person_name(cell_text(value))


def _cert(value: Any) -> str:
    """Half-width, without spaces, as the register's dialog stores it: ４２１２ 0019 → 42120019."""
    return cert_number(cell_text(value))


def _status(text: str) -> int | None:
    key = re.sub(r"\s+", "", text).lower()
    return 1 if key in ON_DUTY else 0 if key in OFF_DUTY else None


@dataclass
class _Register:
    """Live inspectors by 执法证号, and by the number without leading zeros (`person_cert`)."""

    exact: dict[str, list[Inspector]] = field(default_factory=dict)
    by_person: dict[str, list[Inspector]] = field(default_factory=dict)

    def holders(self, cert: str) -> list[Inspector]:
        """Who holds this number: exactly, else in a form differing only by leading zeros."""
        return (self.exact.get(cert) or self.by_person.get(person_cert(cert), [])) if cert else []


def _live_by_cert(store: Store) -> _Register:
    found = _Register()
    for row in store.db.query("SELECT * FROM inspector WHERE deleted_at IS NULL AND cert_no != '' "
                              "ORDER BY id"):
        person = Inspector.from_row(row)
        found.exact.setdefault(row["cert_no"], []).append(person)
        found.by_person.setdefault(person_cert(row["cert_no"]), []).append(person)
    return found


def _number_cell(value: Any) -> bool:
    """An int, or a float without a fraction: the cell was a number, and leading zeros are gone."""
    return (isinstance(value, int) and not isinstance(value, bool)
            or isinstance(value, float) and value.is_integer())


def _unit_name(code: str) -> str:
    j = jurisdiction_by_code(code)
    return j.name if j else code


def plan_inspector_import(store: Store, path: Path, progress: Callable[[int, int], object] | None = None
                          ) -> InspectorPlan:
    """Read and check the whole register; nothing is written. Raises RosterFileError.

    `progress(done, total)` is called every few hundred rows and may raise to stop."""
    refuse_empty_file(Path(path), InspectorFileError)
    sheet, header, first_data, rows = pick_sheet(Path(path), COLUMNS, InspectorFileError)
    plan = InspectorPlan(Path(path), sheet)
    stored = _live_by_cert(store)
    taken: dict[str, int] = {}  # 执法证号 without leading zeros (person_cert) -> row imported
    copies: dict[tuple[str, ...], int] = {}  # an imported row's cells -> its row (a copy is a 提示)
    office = office_county(store)
    total = len(rows) - first_data
    for offset, raw in enumerate(rows[first_data:]):
        if progress is not None and offset % PROGRESS_EVERY == 0:
            progress(offset, total)
        row_no = first_data + 1 + offset
        values = {k: first_given(raw, indexes) for k, indexes in header.items()}
        if all(cell_text(v) == "" for v in values.values()):
            continue
        totals = totals_text(raw)
        if totals and not _CERT_LIKE.fullmatch(_cert(values.get("cert_no"))):  # 合计 12人: nobody
            plan.issues.append(InspectorIssue(row_no, "", "inspector_roster.totals_row",
                                              {"text": totals}, True))
            continue
        plan.total_rows += 1
        cells = _row_cells(values)
        if cells in copies:  # the same person typed twice: as the enterprise list, ignored
            plan.issues.append(InspectorIssue(row_no, "", "roster.duplicate_same",
                                              {"at": row_at(copies[cells], "", "")}, True))
            plan.folded[row_no] = (_cert(values.get("cert_no")), _person_name(values.get("name")))
            continue
        issues: list[RosterIssue] = []
        planned = _plan_row(row_no, values, issues, stored, taken, office)
        plan.issues.extend(issues)
        if planned is None:
            plan.bad_rows[row_no] = (_cert(values.get("cert_no")), _person_name(values.get("name")))
        else:
            plan.rows.append(planned)
            copies[cells] = row_no
    return plan


def _row_cells(values: dict[str, Any]) -> tuple[str, ...]:
    """A row's cells as read (spaces aside): two rows alike in these are one row typed twice."""
    return (_person_name(values.get("name")), _cert(values.get("cert_no")),
            *(re.sub(r"\s+", "", cell_text(values.get(k))) for k in ("unit", "active")))


def _plan_row(row_no: int, values: dict[str, Any], issues: list[RosterIssue],
              stored: _Register, taken: dict[str, int], office: str = "") -> InspectorRow | None:
    """`office`: this office's county (setup_queries.office_county), for a 所 naming none."""
    def bad(key: str, rule: str, warning: bool = False, **params: Any) -> None:
        issues.append(InspectorIssue(row_no, LABELS[key], rule, params, warning))

    name = _person_name(values.get("name"))
    if not name:
        bad("name", "required", field=LABELS["name"])
    cert = _cert(values.get("cert_no"))
    raw_cert = values.get("cert_no")
    if not cert:
        bad("cert_no", "inspector_roster.cert_required")
    elif isinstance(raw_cert, float) and not raw_cert.is_integer() or _SCIENTIFIC.fullmatch(cert):
        bad("cert_no", "inspector_roster.cert_number", value=cert)
    elif _number_cell(raw_cert):
        bad("cert_no", "inspector_roster.cert_zeros_lost", warning=True, value=cert)
    unit_text = cell_text(values.get("unit"))
    unit = resolve_unit(unit_text)
    unit_like = _UNIT_WORDS.search(re.sub(r"\s+", "", unit_text))
    if unit is None and unit_like and office:  # 隽水所 in 通城县市场监督管理局's own register
        unit = jurisdiction_by_code(office)
        bad("unit", "inspector_roster.unit_office_county", warning=True, value=unit_text,
            org=BUREAUS[office].name, county=_unit_name(office))
    if unit is None:
        if unit_text:
            bad("unit", "inspector_roster.unit_no_county" if unit_like else "inspector_roster.unit_unknown",
                value=unit_text)
        else:
            bad("unit", "required", field=LABELS["unit"])
    status_text = cell_text(values.get("active"))
    active = _status(status_text) if status_text else None
    if status_text and active is None:
        bad("active", "inspector_roster.status_unknown", warning=True, value=status_text)
    holders = stored.holders(cert)
    zeros = len(holders) == 1 and holders[0].cert_no != cert  # 4212220002 for 04212220002
    if person_cert(cert) in taken:
        bad("cert_no", "inspector_roster.duplicate_in_file", value=cert, first=taken[person_cert(cert)])
    elif len(holders) > 1:
        bad("cert_no", "inspector_roster.cert_shared", value=cert,
            names="、".join(f"{h.name}（{_unit_name(h.jurisdiction_code)}）" for h in holders))
    elif holders and name and holders[0].name != name:
        bad("cert_no", "inspector_roster.cert_zeros_taken" if zeros else "inspector_roster.cert_taken",
            value=cert, name=holders[0].name, unit=_unit_name(holders[0].jurisdiction_code),
            stored=holders[0].cert_no)
    if any(not i.warning for i in issues):
        return None
    taken[person_cert(cert)] = row_no
    existing = holders[0] if holders else None
    person = existing or Inspector(name=name, cert_no=cert, jurisdiction_code=unit.code,
                                   active=1 if active is None else active)
    changes: dict[str, tuple[Any, Any]] = {}
    if existing is not None and zeros:
        kept = max(cert, existing.cert_no, key=len)  # a number cell loses zeros, never adds them
        bad("cert_no", "inspector_roster.cert_zeros_same", warning=True, value=cert, name=existing.name,
            unit=_unit_name(existing.jurisdiction_code), stored=existing.cert_no, kept=kept)
        if kept != existing.cert_no:
            changes["cert_no"] = (existing.cert_no, kept)
            person.cert_no = kept
    if existing is not None:
        if unit.code != existing.jurisdiction_code:
            changes["unit"] = (_unit_name(existing.jurisdiction_code), unit.name)
            person.jurisdiction_code = unit.code
        if active is not None and active != existing.active:
            changes["active"] = ("在岗" if existing.active else "不在岗", "在岗" if active else "不在岗")
            person.active = active
    action = "add" if existing is None else ("update" if changes else "unchanged")
    return InspectorRow(row_no, action, person, changes)


def apply_inspector_plan(store: Store, plan: InspectorPlan,
                         progress: Callable[[int, int], object] | None = None,
                         committing: Callable[[], object] | None = None) -> RosterResult:
    """Write every good row in one transaction after a snapshot: all of them or none."""
    from qcdesk.models.roster_writing import write_plan

    return write_plan(store, plan, lambda item: save_inspector(store, item.inspector), progress, committing)


def summary_line(plan: InspectorPlan, result: RosterResult | None, dry_run: bool = False) -> str:
    return roster.summary_line(plan, result, dry_run, unit="人")


def write_report(path: Path, plan: InspectorPlan, result: RosterResult | None) -> Path:
    from qcdesk.models.roster_sheets import write_import_report

    return write_import_report(path, plan, applied=result is not None, heads=("执法证号", "姓名"),
                               field_labels=FIELD_LABELS)


def write_template(path: Path) -> Path:
    """The blank register: 执法证号 as text, units and status offered in drop-down lists."""
    from openpyxl import Workbook

    from qcdesk.models.roster_sheets import dropdown, save_book, template_header, template_notes

    book = Workbook()
    sheet = book.active
    sheet.title = "执法人员名录"
    template_header(sheet, COLUMNS, ("cert_no", "unit"), (), ("cert_no", "unit"))
    units = [j.name for j in JURISDICTIONS]
    dropdown(sheet, COLUMNS, "unit", units)  # a bureau's name or a code is accepted too
    dropdown(sheet, COLUMNS, "active", ["在岗", "不在岗"])
    rules = (
        "导入规则：",
        "1. 按执法证号匹配：系统中已有的人员，所属单位或状态不同则更新，相同则计为“无变化”，不会重复添加。",
        "2. 一个执法证号只属于一人：与文件中前面的行重复、或在系统中属于另一姓名人员的行不导入。",
        "3. 空白单元格表示“未提供”，不会清除系统中已有的内容。",
        "4. 有问题的行不导入，导入结果按“行号、列、原因”逐条列出，其余行正常导入。",
        "5. 所属单位：" + "、".join(units) + "；也可填写市场监督管理局名称、以县市区名称开头的"
        "市场监管所名称（如 通城县市场监督管理局隽水市场监督管理所）或行政区划代码。",
        "6. 执法证号列已设为文本格式，请勿改为数字格式。列的顺序可以调整，可以有其他列（导入时忽略）。",
    )
    template_notes(book, COLUMNS, rules)
    return save_book(book, path)
