"""Enterprise lists (企业名录) from the city as spreadsheets: read, check, plan, apply.

The whole file is read and checked before anything is written (`plan_roster_import`), so the GUI
can preview it and a file that breaks half-way changes nothing; `apply_roster_plan` then writes all
good rows in ONE transaction through `save_enterprise` (revisions, validation and the search index
as for a record edited by hand). Rows match by USCC; an empty cell means "not given", never "clear".

Every sheet whose header names the required columns is read. A clerk's rules: rows sharing a
credit code are one enterprise (`roster_fold`: a copy is ignored, agreeing rows add their
licences, differing rows are refused); a licence number belongs to one enterprise, so a row
giving another's (earlier in the file, or in the database) is refused.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from qcdesk.models.codes import check_licence, check_uscc, licence_kind
from qcdesk.models.enterprise_checks import as_stored_only_warns, text_field_issues
from qcdesk.models.enterprises import (
    enterprise_licences,
    find_enterprise_by_name,
    find_enterprise_by_uscc,
    save_enterprise,
)
from qcdesk.models.jurisdictions import jurisdiction_by_code, jurisdiction_matches
from qcdesk.models.messages import message
from qcdesk.models.name_order import refresh_name_keys
from qcdesk.models.records import Enterprise, Licence
from qcdesk.models.roster_cells import fill_dittos, roster_licence, roster_phone
from qcdesk.models.roster_files import pick_sheet, pick_sheets, sheet_lines
from qcdesk.models.roster_fold import FirstRow, fold_row
from qcdesk.models.roster_plan import (  # noqa: F401 - the list kinds' shared names, kept here too
    RosterFileError,
    RosterIssue,
    RosterPlan,
    RosterResult,
    RosterRow,
    listed,
    partly_imported,
    roster_message,
    row_key,
    sheet_notes,
)
from qcdesk.models.roster_reading import (
    NoSuchDay,
    cell_text,
    end_date,
    first_given,
    line_cell,
    totals_text,
)
from qcdesk.models.roster_shape import shifted_columns
from qcdesk.models.store import Store


@dataclass(frozen=True)
class RosterColumn:
    key: str
    header: str  # the template's header
    aliases: tuple[str, ...]
    required: bool = False
    note: str = ""


COLUMNS: tuple[RosterColumn, ...] = (
    RosterColumn("uscc", "统一社会信用代码", (
        "统一社会信用代码", "社会信用代码", "信用代码", "uscc", "社会统一信用代码", "统一社会信用代码/注册号",
        "统一社会信用代码或注册号"), True,
                 "18位，必填；按文本填写，勿用数字格式（否则Excel会丢失末几位）"),
    RosterColumn("name", "企业名称", (
        "企业名称", "单位名称", "企业(单位)名称", "名称", "企业", "生产企业名称", "受检单位名称",
        "生产单位名称", "受检企业名称"), True,
                 "必填；与营业执照一致"),
    RosterColumn("jurisdiction", "所属县市区",
                 ("所属县市区", "县（市、区）", "所在县（市、区）", "所属县（市、区）", "县市区", "所属区域",
                  "所属地区", "行政区划代码", "行政区划", "区划代码", "所在县市区", "辖区", "县区",
                  "所属县区", "所在县区", "县市区名称"), True,
                 "必填；下拉选择，或填写行政区划代码（如 421221）；整个名录同属一个县市区时可留空，"
                 "导入时指定（对话框“未填写所属县市区的企业”，或 --jurisdiction）"),
    RosterColumn("industry", "行业", ("行业", "所属行业", "产业", "行业类别", "产品类别"), False,
                 "如 砖茶、管材、涂附磨具；可填写其他行业"),
    RosterColumn("address", "地址", ("地址", "企业地址", "生产地址", "住所", "注册地址", "经营地址")),
    RosterColumn("contact_name", "联系人", ("联系人", "企业联系人", "联系人姓名")),
    RosterColumn("contact_phone", "联系电话", ("联系电话", "电话", "手机", "联系方式", "手机号码")),
    RosterColumn("licence_no", "生产许可证编号",
                 ("生产许可证编号", "许可证编号", "生产许可证号", "许可证号", "生产许可证", "许可证证号",
                  "生产许可证证号", "生产许可证证书编号", "证书编号", "许可证书编号",
                  "许可证证书编号"), False,
                 "XK+dd-ddd-ddddd（可带“(鄂)”）或 SC+14位数字；没有则留空；一企两证写成两行"),
    RosterColumn("licence_expires", "许可证有效期至",
                 ("许可证有效期至", "有效期至", "许可证有效期", "有效期", "许可证到期日",
                  "生产许可证有效期至", "生产许可证有效期", "有效期截止日期",
                  "许可证到期日期", "有效期限", "证书有效期", "证书有效期至", "有效期截止",
                  "有效期截至"), False,
                 "日期，如 2027-05-31；写成起止日期（2022.6.1-2027.5.31）时按截止日期导入"),
    RosterColumn("legal_representative", "法定代表人",
                 ("法定代表人", "法人代表", "法定代表人（负责人）", "法人"), False, "抽样单需要"),
    RosterColumn("main_products", "主要产品", ("主要产品", "主导产品", "主要产品名称"), False,
                 "如 青砖茶、砂带；抽样单需要"),
)
LABELS = {c.key: c.header for c in COLUMNS}
UPDATABLE = ("name", "jurisdiction_code", "address", "industry", "contact_name", "contact_phone",
             "legal_representative", "main_products")
TEXT_KEYS = ("address", "industry", "contact_name", "contact_phone", "legal_representative", "main_products")

# --- reading -------------------------------------------------------------------------------

def read_sheet(path: Path) -> tuple[str, dict[str, list[int]], int, list[list[Any]]]:
    """(sheet name, header map, index of the first data row, all rows) of the sheet whose header
    names the most columns; a two-row header (merged parent over sub-headers) counts as one."""
    refuse_empty_file(Path(path), RosterFileError)
    return pick_sheet(Path(path), COLUMNS, RosterFileError)


def refuse_empty_file(path: Path, error: Callable[..., Exception]) -> None:
    """A 0-byte file is said to be empty: read as a CSV it was "找不到表头", which sent the
    clerk looking for a header in a file that holds nothing."""
    try:
        empty = path.is_file() and path.stat().st_size == 0
    except OSError:
        return  # reading it says what is wrong
    if empty:
        raise error("roster.empty_file", path=path)


def _licence_owners(store: Store) -> dict[str, tuple[str, str]]:
    """licence number -> (USCC, name) of the enterprise that holds it, as filed."""
    rows = store.db.execute(
        "SELECT l.number, e.uscc, e.name FROM licence l JOIN enterprise e ON e.id = l.enterprise_id "
        "WHERE l.deleted_at IS NULL AND e.deleted_at IS NULL")
    return {number: (uscc, name) for number, uscc, name in rows}


class MissingCounty(RosterFileError):
    """The list lacks its 所属县市区 column (still roster.missing_column): the refusal says how a
    county's own ledger, which has none, is imported (--jurisdiction, the dialog's choice)."""

    def __init__(self, **params: object):
        super().__init__("roster.missing_column", **params)
        self.args = (self.text(),)

    def text(self, lang: str = "zh") -> str:
        return roster_message("roster.missing_county", lang, **self.params)


@dataclass
class _Seen:
    """What earlier rows of the file settled: which row each credit code and licence went to."""

    licence_owners: dict[str, tuple[str, str]]  # in the database: number -> (USCC, name)
    firsts: dict[str, FirstRow] = field(default_factory=dict)  # USCC -> the row it was planned from
    rejected: dict[str, int] = field(default_factory=dict)  # USCC -> first row refused
    licences: dict[str, tuple[int, str]] = field(default_factory=dict)  # number -> (row, USCC)
    place: str = ""  # jurisdiction code of rows that give none (--jurisdiction, the dialog's choice)
    placed: int = 0  # rows that took it


# --- planning ------------------------------------------------------------------------------

EXPIRY_RANGE = (date(1985, 1, 1), date(2099, 12, 31))  # licences (XK) date from 1984
_SCIENTIFIC = re.compile(r"[0-9](\.[0-9]+)?[eE]\+?[0-9]+")
_FOLDED = object()  # a row taken into an earlier row's enterprise
_SAID_ONCE = ("roster.licence_left_out", "roster.expiry_unreadable", "roster.expiry_no_such_day")  # once


def plan_roster_import(store: Store, path: Path, progress: Callable[[int, int], object] | None = None,
                       jurisdiction: str = "") -> RosterPlan:
    """Read and check the whole file, every sheet holding the list; nothing is written. Raises
    RosterFileError.

    `progress(done, total)` is called every few hundred rows; to stop, it raises (the GUI's
    Cancel), and nothing has been written. `jurisdiction` (a code) is given to rows without
    one: a county's own ledger has no 所属县市区 column, every firm being the county's."""
    refuse_empty_file(Path(path), RosterFileError)
    columns = COLUMNS if not jurisdiction else tuple(
        replace(c, required=False) if c.key == "jurisdiction" else c for c in COLUMNS)
    try:
        sheets, others = pick_sheets(Path(path), columns, RosterFileError)
    except RosterFileError as exc:  # say how a county's own ledger is imported without that column
        if exc.rule == "roster.missing_column" and LABELS["jurisdiction"] in str(exc.params["columns"]):
            _refuse_ledger(Path(path))
            raise MissingCounty(**exc.params) from exc
        raise
    shifted = shifted_columns(sheets, LABELS)  # refused whole: row by row it overwrote good data
    if shifted:
        raise RosterFileError("roster.columns_shifted", path=path, columns=(
            "；".join(zh for zh, _en in shifted), "; ".join(en for _zh, en in shifted)))
    plan = RosterPlan(Path(path), sheets[0].name, sheets=[s.name for s in sheets])
    _file_notes(plan, sheets, others)
    seen = _Seen(_licence_owners(store), place=jurisdiction)
    for row_no, raw, header, tag in fill_dittos(sheet_lines(sheets, progress), plan, LABELS):
        _plan_line(store, plan, seen, row_no, raw, header, tag)
    if seen.placed:
        place = jurisdiction_by_code(jurisdiction)
        plan.notes.append(RosterIssue(0, "", "roster.county_given", {
            "count": seen.placed, "name": place.name if place else jurisdiction}, True))
    return plan


def _looks_like_ledger(sheets: list[Any]) -> tuple[str, list[str]]:
    """("checks" or "orders", the columns that make the file that ledger: 抽样日期, 检验结论… /
    下达日期, 整改要求…), or ("", []): given to the enterprise import it only brings in the firms,
    and the clerk must hear of the right import."""
    from qcdesk.models import check_ledger_rows, order_ledger_rows
    from qcdesk.models.roster_reading import header_map

    shown = {"checks": ("visit_date", "product", "result", "failed_items"),
             "orders": ("ordered_on", "requirement", "deadline", "days", "notice_no")}
    for kind, columns in (("checks", check_ledger_rows.COLUMNS), ("orders", order_ledger_rows.COLUMNS)):
        for sheet in sheets:
            found = header_map([(text,) for text in sheet.unread], columns)
            ledger = ("visit_date" in found and "result" in found if kind == "checks"
                      else "ordered_on" in found and len(found.keys() & set(shown[kind])) > 1)
            if ledger:
                return kind, [sheet.unread[i] for key in shown[kind] for i in found.get(key, ())]
    return "", []


def _refuse_ledger(path: Path) -> None:
    """Refuse a 抽查台账 or 整改台账 (no 所属县市区 column either) as what it is: "lacks 所属县市区,
    name the county with --jurisdiction" sent the clerk to import only its firms."""
    relaxed = tuple(replace(c, required=False) if c.key == "jurisdiction" else c for c in COLUMNS)
    try:
        sheets, _others = pick_sheets(path, relaxed, RosterFileError)
    except RosterFileError:
        return
    kind, columns = _looks_like_ledger(sheets)
    if kind:
        raise RosterFileError(f"roster.{kind}_not_list", columns=listed(columns, True))


def _file_notes(plan: RosterPlan, sheets: list[Any], others: list[tuple[str, list[str]]]) -> None:
    """What the clerk must know about the whole file: the file looks like a ledger, the sheets
    read (when the workbook has more than one list sheet or others that look like one), sheets
    left out, columns not read."""
    kind, ledger = _looks_like_ledger(sheets)
    if kind:
        plan.other_kind = kind
        plan.notes.append(RosterIssue(0, "", f"roster.looks_like_{kind}",
                                      {"columns": listed(ledger, True)}, True))
    plan.notes.extend(sheet_notes(RosterIssue, sheets, others, "roster.sheet_lacking"))


def _plan_line(store: Store, plan: RosterPlan, seen: _Seen, row_no: int, raw: list[Any],
               header: dict[str, list[int]], sheet: str) -> None:
    values = {k: first_given(raw, indexes) for k, indexes in header.items()}
    if all(cell_text(v) == "" for v in values.values()):
        return
    totals = totals_text(raw)
    if totals and not check_uscc(cell_text(values.get("uscc"))).ok:  # 合计 4家: no enterprise
        plan.issues.append(RosterIssue(row_no, "", "roster.totals_row", {"text": totals}, True, sheet))
        return
    plan.total_rows += 1
    issues: list[RosterIssue] = []
    planned = _plan_row(store, row_no, values, issues, seen, sheet)
    plan.issues.extend(RosterIssue(i.row, i.column, i.rule, i.params, i.warning, sheet) if sheet else i
                       for i in issues)
    identity = (cell_text(values.get("uscc")), cell_text(values.get("name")))
    if planned is _FOLDED:
        plan.folded[row_key(row_no, sheet)] = identity
    elif planned is None or any(not i.warning for i in issues):
        plan.bad_rows[row_key(row_no, sheet)] = identity
    else:
        plan.rows.append(planned)


def _licence_expiry(row_no: int, values: dict[str, Any], has_licence: bool,
                    issues: list[RosterIssue]) -> date | None:
    """The licence's validity date, or None; every value that cannot be used is reported. A
    value that is no date at all (长期, 2027.5) leaves the date out with a note, not the firm."""
    label = LABELS["licence_expires"]
    raw = values.get("licence_expires")
    text = cell_text(raw)
    if not text:
        return None
    if not has_licence:
        issues.append(RosterIssue(row_no, label, "roster.expiry_without_licence", {"value": text}, True))
        return None
    try:
        expires = end_date(raw)
    except NoSuchDay:  # like an unreadable date: the firm goes in, the cell is reported
        issues.append(RosterIssue(row_no, label, "roster.expiry_no_such_day", {"value": text}, True))
        return None
    except ValueError:
        issues.append(RosterIssue(row_no, label, "roster.expiry_unreadable", {"value": text}, True))
        return None
    if not EXPIRY_RANGE[0] <= expires <= EXPIRY_RANGE[1]:
        issues.append(RosterIssue(row_no, label, "roster.expiry_range", {"value": expires.isoformat()}))
        return None
    return expires


def _named_code(store: Store, rule: str, name: str, params: dict) -> tuple[str, dict]:
    """A wrong check character on a firm filed under that very name: its stored code, to copy."""
    known = find_enterprise_by_name(store, name) if rule == "uscc.check" and name else None
    if known is None:
        return rule, params
    return "roster.uscc_check_known", {**params, "name": known.name, "stored": known.uscc}


def _plan_row(store: Store, row_no: int, values: dict[str, Any], issues: list[RosterIssue],
              seen: _Seen, sheet: str = "") -> Any:
    """The row's RosterRow; None when refused; _FOLDED when it went into an earlier row's firm."""
    def bad(key: str, rule: str, **params: Any) -> None:
        issues.append(RosterIssue(row_no, LABELS[key], rule, params))

    raw_uscc = values.get("uscc")
    check = check_uscc(cell_text(raw_uscc))
    as_number = isinstance(raw_uscc, int | float) and not isinstance(raw_uscc, bool)
    if as_number or _SCIENTIFIC.fullmatch(cell_text(raw_uscc)):  # 15 digits kept: refused even if it passes
        bad("uscc", "roster.uscc_number", value=cell_text(raw_uscc))
        check = check_uscc("")  # nothing more to say about digits that are not the firm's
    else:
        for rule in check.errors:
            shown, params = _named_code(store, rule, line_cell(values.get("name")), check.params)
            bad("uscc", shown, **params)
    for rule in check.warnings:
        issues.append(RosterIssue(row_no, LABELS["uscc"], rule, warning=True))
    name = line_cell(values.get("name"))
    if not name:
        bad("name", "required", field=LABELS["name"])
    place_text = cell_text(values.get("jurisdiction"))
    places = jurisdiction_matches(place_text or seen.place)
    place = places[0] if len(places) == 1 else None
    if len(places) > 1:
        bad("jurisdiction", "roster.county_ambiguous", value=place_text,
            names="、".join(p.name for p in places))
    elif place is None:
        if place_text:
            bad("jurisdiction", "jurisdiction.unknown", value=place_text)
        else:
            bad("jurisdiction", "roster.county_missing")
    elif not place_text:
        seen.placed += 1
    licence_no = roster_licence(cell_text(values.get("licence_no")))  # 鄂XK… as (鄂)XK…
    lcheck = check_licence(licence_no) if licence_no else None
    if lcheck is not None and lcheck.errors:
        # the enterprise matters more than one mistyped licence: it is imported, the licence
        # (never stored wrong) is left out with a warning saying why and what to do
        rule = lcheck.errors[0]
        issues.append(RosterIssue(row_no, LABELS["licence_no"], "roster.licence_left_out",
                                  {"number": licence_no,
                                   "reason": (message(rule, "zh"), message(rule, "en"))}, True))
        lcheck = None
        values = {**values, "licence_expires": None}  # a date of no licence: left out with it
    if lcheck is not None and check.ok:
        _check_licence_owner(lcheck.value, check.value, seen, bad)
    expires = _licence_expiry(row_no, values, lcheck is not None, issues)
    existing = find_enterprise_by_uscc(store, check.value) if check.ok else None
    texts = _text_cells(row_no, values, existing, issues)
    if any(not i.warning for i in issues):
        if check.ok and check.value not in seen.firsts:
            seen.rejected.setdefault(check.value, row_no)
        return None
    incoming = {"name": name, "jurisdiction_code": place.code, **texts}
    licence = (lcheck.value, expires.isoformat() if expires else None) if lcheck is not None else None
    if lcheck is not None:
        seen.licences.setdefault(lcheck.value, (row_no, check.value))
    first = seen.firsts.get(check.value)
    if first is not None:
        cells = tuple(cell_text(v) for v in values.values())
        folded = fold_row(first, row_no, sheet, incoming, licence, cells, issues, LABELS["uscc"],
                          lambda item, number, when: _add_licence(store, item, number, when))
        return _FOLDED if folded else None
    if check.value in seen.rejected:  # the first row with this code was refused: this one counts
        issues.append(RosterIssue(row_no, LABELS["uscc"], "roster.duplicate_after_rejected",
                                  {"first": seen.rejected[check.value]}, True))
    enterprise = existing or Enterprise(uscc=check.value)
    if existing is not None and name != existing.name:  # a wrong code would rename another firm
        issues.append(RosterIssue(row_no, LABELS["name"], "roster.name_changed",
                                  {"old": existing.name, "new": name}, True))
    changes: dict[str, tuple[Any, Any]] = {}
    for key in UPDATABLE:
        new = incoming[key]
        old = getattr(enterprise, key)
        if new and new != old:  # an empty cell never clears a stored value
            changes[key] = (old, new)
            setattr(enterprise, key, new)
    item = RosterRow(row_no, "add" if existing is None else "unchanged", enterprise, [], changes, sheet)
    if licence is not None:
        _add_licence(store, item, *licence)
    if existing is not None and item.changes:
        item.action = "update"
    if item.action == "unchanged":  # nothing written: "企业已导入；请核对许可证原件" was said the first time
        issues[:] = [i for i in issues if i.rule not in _SAID_ONCE]
    seen.firsts[check.value] = FirstRow(item, dict(incoming),
                                        tuple(cell_text(v) for v in values.values()),
                                        dict([licence]) if licence else {})
    return item


def _add_licence(store: Store, item: RosterRow, number: str, expires: str | None) -> None:
    """Put licence `number` (valid until `expires`) on the row's enterprise: new, or the stored
    one with its new date; a second row of the same firm adds its own licence this way."""
    current = next((lic for lic in item.licences if lic.number == number), None)
    if current is None and item.enterprise.id is not None:
        current = next((lic for lic in enterprise_licences(store, item.enterprise.id)
                        if lic.number == number), None)
        if current is not None and expires and current.expires_on != expires:
            item.licences.append(current)
    if current is None:
        item.licences.append(Licence(kind=licence_kind(number) or "", number=number, expires_on=expires))
        old = item.changes.get("licence", (None, ""))[1]
        item.changes["licence"] = (None, f"{old}、{number}" if old else number)
    elif expires and current.expires_on != expires:
        item.changes["licence_expires"] = (current.expires_on, expires)
        current.expires_on = expires


def _text_cells(row_no: int, values: dict[str, Any], stored: Enterprise | None,
                issues: list[RosterIssue]) -> dict[str, str]:
    """The free-text cells as they will be stored, checked as the enterprise file checks them
    (`enterprise_checks`, a value the file already holds only warned of): a text too long refuses
    the row; a phone that is no phone number is left out with a warning, since the enterprise
    matters more than its phone and one messy cell must not keep it out of the register."""
    texts = {k: line_cell(values.get(k)) for k in TEXT_KEYS}
    texts["contact_phone"] = roster_phone(texts["contact_phone"])  # 手机：139… as 139…
    raw_phone = values.get("contact_phone")
    as_number = isinstance(raw_phone, int | float) and not isinstance(raw_phone, bool)
    probe = copy.copy(stored) if stored else Enterprise()
    for key, text in (("name", line_cell(values.get("name"))), *texts.items()):
        if text:
            setattr(probe, key, text)
    for issue in as_stored_only_warns(text_field_issues(probe), probe, stored):
        if issue.field == "contact_phone" and not issue.warning:
            rule = "roster.phone_zero_lost" if as_number else "roster.phone_left_out"  # 0715… → 715…
            rule, params = (("roster.phone_short_mobile", issue.params) if issue.rule == "phone.short_mobile"
                            else (rule, {"value": texts["contact_phone"]}))  # 1390715: a mobile cut short
            issues.append(RosterIssue(row_no, LABELS["contact_phone"], rule, params, True))
            probe.contact_phone = texts["contact_phone"] = ""
        else:
            issues.append(RosterIssue(row_no, LABELS.get(issue.field, ""), issue.rule, issue.params,
                                      issue.warning))
    if texts["contact_phone"]:
        texts["contact_phone"] = probe.contact_phone  # half-width, as saving stores it
    return texts


def _check_licence_owner(number: str, uscc: str, seen: _Seen, bad) -> None:
    """A licence number belongs to one enterprise: refuse a row that gives it to another."""
    owner = seen.licence_owners.get(number)
    if owner is not None and owner[0] != uscc:
        bad("licence_no", "roster.licence_taken", number=number, uscc=owner[0], name=owner[1])
        return
    first = seen.licences.get(number)
    if first is not None and first[1] != uscc:
        bad("licence_no", "roster.licence_in_file", number=number, first=first[0], uscc=first[1])


# --- applying ------------------------------------------------------------------------------

def apply_roster_plan(store: Store, plan: RosterPlan, progress: Callable[[int, int], object] | None = None,
                      committing: Callable[[], object] | None = None) -> RosterResult:
    """Write every good row in one transaction: all of them or, on any failure, none.

    `progress(done, total)` may raise to stop (everything is rolled back); `committing()` is
    called just before the commit, the point after which stopping is no longer possible."""
    from qcdesk.models.roster_writing import write_plan

    def save(item: RosterRow) -> None:
        save_enterprise(store, item.enterprise, item.licences)

    # the list shows the new names in order at once
    return write_plan(store, plan, save, progress, committing, finish=refresh_name_keys)


def summary_line(plan: RosterPlan, result: RosterResult | None, dry_run: bool = False,
                 unit: str = "家") -> str:
    """The CLI's last line; `unit` counts what the list holds (家 enterprises, 人 inspectors).
    Rows folded into an earlier row of the same firm are counted, so the numbers add up."""
    folded = len(getattr(plan, "folded", ()))
    same = f"，与前面的行属同一{'企业' if unit == '家' else '人'} {folded} 行" if folded else ""
    partly = partly_imported(plan)
    part = f"，部分导入 {partly} 行（有单元格有问题未导入，见上）" if partly else ""
    if result is None or dry_run:
        return (f"检查完成（未写入）：共 {plan.total_rows} 行，将新增 {plan.count('add')} {unit}，"
                f"更新 {plan.count('update')} {unit}，无变化 {plan.count('unchanged')} {unit}{same}，"
                f"有问题未导入 {len(plan.bad_rows)} 行{part}")
    return (f"导入完成：共 {plan.total_rows} 行，新增 {result.added} {unit}，更新 {result.updated} {unit}，"
            f"无变化 {result.unchanged} {unit}{same}，有问题未导入 {result.skipped} 行{part}")


def write_report(path: Path, plan: RosterPlan, result: RosterResult | None) -> Path:
    from qcdesk.models.roster_sheets import write_import_report

    return write_import_report(path, plan, applied=result is not None)


def write_template(path: Path) -> Path:
    from qcdesk.models.roster_sheets import write_blank_template

    return write_blank_template(path)
