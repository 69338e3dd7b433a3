"""Gather what the official documents print, as plain dataclasses (all SQL for them is here).

Documents are handed to the enterprise, so `Party` deliberately has no risk class: the class
is never selected, so no template can print it by mistake.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlite_utils import Database

from qcdesk.models.jurisdictions import CITY_CODE
from qcdesk.models.paper_issuer import order_issuer, visit_issuer
from qcdesk.models.persistence import row_id
from qcdesk.models.record_as_of import (
    NO_MOMENT,
    Moment,
    as_printed_note,
    paper_moment,
    row_as_of,
    rows_as_of,
    state_unknown,
)
from qcdesk.models.records import SAMPLING_PLACES, SEVERITY_LABELS, VISIT_KIND_LABELS

# Settings keys (settings table) the documents read, with their defaults.
DOC_SETTING_DEFAULTS: dict[str, str] = {
    "doc.org_name": "咸宁市市场监督管理局",
    "doc.notice_prefix": "咸市监质改",
    "doc.recheck_prefix": "咸市监质复",
    "doc.seal_text": "",  # GB/T 9704: the seal is pressed on the name and date, no text under it
    "doc.report_to": "咸宁市质量强市工作委员会办公室",  # a report's 主送机关: the counties report to 市质强办
}
FONT_SETTING_PREFIX = "doc.font."  # doc.font.title / body / heading / subheading = path[#index]


class RecordNotFound(LookupError):
    """No live record has this id or uuid; the CLI turns it into one line on stderr."""

    def __init__(self, kind: str, ident: str):
        self.kind = kind
        self.ident = ident
        super().__init__(f"{kind} {ident}")


@dataclass(frozen=True)
class DocSettings:
    org_name: str = DOC_SETTING_DEFAULTS["doc.org_name"]
    notice_prefix: str = DOC_SETTING_DEFAULTS["doc.notice_prefix"]
    recheck_prefix: str = DOC_SETTING_DEFAULTS["doc.recheck_prefix"]
    seal_text: str = DOC_SETTING_DEFAULTS["doc.seal_text"]
    report_to: str = DOC_SETTING_DEFAULTS["doc.report_to"]
    fonts: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Party:
    """The enterprise as printed on documents handed to it (no risk class, by design)."""

    name: str = ""
    uscc: str = ""
    address: str = ""
    legal_representative: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    size_class: str = ""
    as_printed: bool = False  # today's file: no state logged before the paper's time (F7)


@dataclass(frozen=True)
class Officer:
    name: str
    cert_no: str = ""
    as_printed: bool = False  # as Party.as_printed


@dataclass(frozen=True)
class SampleLine:
    task_no: str = ""
    organiser: str = ""
    product_name: str = ""
    trademark: str = ""
    spec_model: str = ""
    batch_no: str = ""
    production_date: str = ""
    grade: str = ""
    standard: str = ""
    unit_price: str = ""
    lot_size: str = ""
    sample_qty: str = ""
    test_qty: str = ""
    backup_qty: str = ""
    licence_no: str = ""
    seal_state: str = ""
    sampling_place: str = ""  # already the Chinese label
    enterprise_size: str = ""
    samplers: tuple[Officer, ...] = ()
    sampled_on: str = ""
    remarks: str = ""
    refused_to_sign: bool = False
    refusal_reason: str = ""
    result: str = "pending"  # the FINAL conclusion: the re-test's once it has one (models/retest.py)
    failed_items: str = ""
    retest_requested_on: str = ""  # 复检: asked for by the enterprise; "" when none
    retest_result: str = ""  # pending / pass / fail
    retest_on: str = ""


@dataclass(frozen=True)
class FindingLine:
    description: str
    category: str = ""
    severity: str = ""  # Chinese label
    basis: str = ""


@dataclass(frozen=True)
class VisitDoc:
    """现场检查笔录."""

    uuid: str
    visit_date: str
    kind: str  # Chinese label
    enterprise: Party
    inspectors: tuple[Officer, ...] = ()
    summary: str = ""
    conclusion: str = ""
    samples: tuple[SampleLine, ...] = ()
    findings: tuple[FindingLine, ...] = ()
    order_no: str = ""  # number of the order this visit led to or re-checked (its bureau heads it)
    crew_area: str = ""  # jurisdiction all its inspectors share; "" when mixed, unknown or ordered
    note: str = ""  # `as_printed_note`: people printed from today's file


@dataclass(frozen=True)
class SampleDoc:
    """抽样单."""

    uuid: str
    enterprise: Party
    sample: SampleLine
    visit_date: str = ""
    order_no: str = ""  # as VisitDoc: the visit's order and crew decide the bureau
    crew_area: str = ""
    note: str = ""  # as VisitDoc.note


@dataclass(frozen=True)
class NoticeDoc:
    """责令整改通知书."""

    uuid: str
    notice_no: str  # as stored; empty → prefix〔year〕＿＿号, the number left for the registry
    enterprise: Party
    requirement: str
    rule_set: str
    ordered_on: str
    deadline: str
    recheck_due: str
    extended_to: str = ""
    visit_date: str = ""
    sample: SampleLine | None = None
    finding: FindingLine | None = None
    withdrawn_on: str = ""  # closed after a passed 复检 (closing_reason): no rectification due
    withdrawal_reason: str = ""
    note: str = ""  # as VisitDoc.note
    crew_area: str = ""  # not numbered yet: the jurisdiction of the crew that found the failure


@dataclass(frozen=True)
class RecheckDoc:
    """复查意见书."""

    uuid: str
    notice: NoticeDoc
    status: str  # rectification status code
    recheck_date: str = ""
    inspectors: tuple[Officer, ...] = ()
    summary: str = ""
    conclusion: str = ""
    report_submitted_on: str = ""
    closed_on: str = ""
    escalation: str = ""  # the step of Product Quality Law art. 17 reached: rules.ESCALATION_LADDER


def doc_settings(db: Database) -> DocSettings:
    """Organising body, number prefixes, seal text and font overrides from the settings table."""
    rows = dict(db.execute("SELECT key, value FROM settings WHERE key LIKE 'doc.%'").fetchall())
    values = {k: (rows.get(k) or "").strip() or v for k, v in DOC_SETTING_DEFAULTS.items()}
    fonts = {k[len(FONT_SETTING_PREFIX):]: v for k, v in rows.items()
             if k.startswith(FONT_SETTING_PREFIX) and v}
    return DocSettings(**{k.removeprefix("doc."): v for k, v in values.items()}, fonts=fonts)  # doc.x → x


def default_signer_note(db: Database, jurisdiction: str | None, lang: str = "zh",
                        command_line: bool = False) -> str:
    """A warning when a report of one county would go out signed by the default organising body,
    or '' (s7/r2 F9: 咸安区's planner, 本单位名称 never filled in, got a report signed
    咸宁市市场监督管理局（印章） and 本报告由咸宁市市场监督管理局编制). Not a refusal: the city office
    does analyse one county under its own (the default) name."""
    from qcdesk.models.jurisdictions import jurisdiction_by_code
    from qcdesk.models.messages import message

    org = doc_settings(db).org_name
    if not jurisdiction or jurisdiction == CITY_CODE or org != DOC_SETTING_DEFAULTS["doc.org_name"]:
        return ""
    place = jurisdiction_by_code(jurisdiction)
    key = "report.org_name_default_cli" if command_line else "report.org_name_default"  # where to set it
    return message(key, lang, org=org, scope=place.name if place else jurisdiction)


def _s(value: object) -> str:
    return "" if value is None else str(value).strip()


def _find_row(db: Database, table: str, ident: str | int) -> dict:
    """A live row by integer id or uuid; tables are our fixed names, never user input."""
    assert table in ("visit", "sample", "rectification")
    text = str(ident).strip()
    rid = row_id(text)
    cur = db.execute(
        f"SELECT * FROM {table} WHERE (uuid = ? OR id = ?) AND deleted_at IS NULL",
        [text, -1 if rid is None else rid],
    )
    row = cur.fetchone()
    if row is None:
        raise RecordNotFound(table, text)
    return dict(zip([d[0] for d in cur.description], row, strict=True))


_PARTY = ("name", "uscc", "address", "legal_representative", "contact_name", "contact_phone", "size_class")


def _party(db: Database, enterprise_id: int, at: Moment = NO_MOMENT) -> Party:
    """The enterprise as it was at `at` (`paper_moment`: the paper's save), so a reprint
    names the legal representative and contact of that day, not today's (s9 privacy F2)."""
    cur = db.execute(f"SELECT uuid, updated_at, {', '.join(_PARTY)} FROM enterprise WHERE id = ?",
                     [enterprise_id])
    row = cur.fetchone()
    if row is None:
        return Party()
    current = dict(zip([d[0] for d in cur.description], row, strict=True))
    state = row_as_of(db, "enterprise", current, at)
    return Party(*(_s(state[k]) for k in _PARTY), state_unknown(db, "enterprise", current, at))


def _officer_by_name(db: Database, name: str, at: Moment = NO_MOMENT) -> Officer:
    """A sampler typed as a name gets the 执法证号 of the one live inspector of that name (as of
    `at`); a name two people share, or nobody on the roster has, keeps the blank to fill in by hand."""
    rows = [r for r in rows_as_of(db, "inspector", "name", name, at) if r.get("deleted_at") is None]
    if len(rows) != 1:
        return Officer(name)
    return Officer(_s(rows[0]["name"]), _s(rows[0]["cert_no"]),
                   state_unknown(db, "inspector", rows[0], at))


def _officers(db: Database, raw: str | None, at: Moment = NO_MOMENT) -> tuple[Officer, ...]:
    """Inspectors are stored as a JSON list of uuids, samplers mostly as names typed in; their
    执法证号 as of `at`, the paper's record time."""
    try:
        items = json.loads(raw or "[]")
    except (TypeError, ValueError):
        items = [raw] if raw else []
    out = []
    for item in items if isinstance(items, list) else [items]:
        if isinstance(item, dict):
            out.append(Officer(_s(item.get("name")), _s(item.get("cert_no"))))
            continue
        row = db.execute(
            "SELECT uuid, name, cert_no, updated_at FROM inspector WHERE uuid = ? OR id = ?",
            [str(item), str(item)]
        ).fetchone()
        if row is None:
            out.append(_officer_by_name(db, _s(item), at))
            continue
        current = {"uuid": row[0], "name": row[1], "cert_no": row[2], "updated_at": row[3]}
        state = row_as_of(db, "inspector", current, at)
        out.append(Officer(_s(state["name"]), _s(state["cert_no"]),
                           state_unknown(db, "inspector", current, at)))
    return tuple(o for o in out if o.name)


def _sample_line(db: Database, row: dict, at: Moment = NO_MOMENT) -> SampleLine:
    return SampleLine(
        task_no=_s(row.get("task_no")),
        organiser=_s(row.get("organiser")),
        product_name=_s(row.get("product_name")),
        trademark=_s(row.get("trademark")),
        spec_model=_s(row.get("spec_model")),
        batch_no=_s(row.get("batch_no")),
        production_date=_s(row.get("production_date")),
        grade=_s(row.get("grade")),
        standard=_s(row.get("standard")),
        unit_price=_s(row.get("unit_price")),
        lot_size=_s(row.get("lot_size")),
        sample_qty=_s(row.get("sample_qty")),
        test_qty=_s(row.get("test_qty")),
        backup_qty=_s(row.get("backup_qty")),
        licence_no=_s(row.get("licence_no")),
        seal_state=_s(row.get("seal_state")),
        sampling_place=SAMPLING_PLACES.get(_s(row.get("sampling_place")), _s(row.get("sampling_place"))),
        enterprise_size=_s(row.get("enterprise_size")),
        samplers=_officers(db, row.get("samplers"), at),
        sampled_on=_s(row.get("sampled_on")),
        remarks=_s(row.get("remarks")),
        refused_to_sign=bool(row.get("refused_to_sign")),
        refusal_reason=_s(row.get("refusal_reason")),
        result=_s(row.get("result")) or "pending",
        failed_items=_s(row.get("failed_items")),
        retest_requested_on=_s(row.get("retest_requested_on")),
        retest_result=_s(row.get("retest_result")),
        retest_on=_s(row.get("retest_on")),
    )


def _rows(db: Database, sql: str, params: list) -> list[dict]:
    cur = db.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _finding_line(row: dict) -> FindingLine:
    return FindingLine(
        description=_s(row.get("description")),
        category=_s(row.get("category")),
        severity=SEVERITY_LABELS.get(_s(row.get("severity")), _s(row.get("severity"))),
        basis=_s(row.get("basis")),
    )


def visit_doc(db: Database, ident: str | int) -> VisitDoc:
    v = _find_row(db, "visit", ident)
    samples = _rows(db, "SELECT * FROM sample WHERE visit_id = ? AND deleted_at IS NULL ORDER BY id",
                    [v["id"]])
    findings = _rows(db, "SELECT * FROM finding WHERE visit_id = ? AND deleted_at IS NULL ORDER BY id",
                     [v["id"]])
    order_no, crew_area = visit_issuer(db, v["id"], v.get("inspectors"))
    at = paper_moment(db, "visit", v, "updated_at")  # the people of its last save, not today's
    party, officers = _party(db, v["enterprise_id"], at), _officers(db, v.get("inspectors"), at)
    lines = tuple(_sample_line(db, s, at) for s in samples)
    return VisitDoc(
        uuid=v["uuid"],
        visit_date=_s(v.get("visit_date")),
        kind=VISIT_KIND_LABELS.get(_s(v.get("kind")), _s(v.get("kind"))),
        enterprise=party,
        inspectors=officers,
        summary=_s(v.get("summary")),
        conclusion=_s(v.get("conclusion")),
        samples=lines,
        findings=tuple(_finding_line(f) for f in findings),
        order_no=order_no,
        crew_area=crew_area,
        note=_note(party, officers + tuple(o for s in lines for o in s.samplers)),
    )


def _note(party: Party, officers: tuple[Officer, ...]) -> str:
    return as_printed_note(party.as_printed, any(o.as_printed for o in officers))


def sample_doc(db: Database, ident: str | int) -> SampleDoc:
    s = _find_row(db, "sample", ident)
    v = db.execute("SELECT enterprise_id, visit_date, inspectors, updated_at, uuid FROM visit "
                   "WHERE id = ?", [s["visit_id"]]).fetchone()
    order_no, crew_area = visit_issuer(db, s["visit_id"], v[2]) if v else ("", "")
    at = paper_moment(db, "visit", {"uuid": v[4], "updated_at": v[3]}, "updated_at") if v else NO_MOMENT
    party, line = _party(db, v[0], at) if v else Party(), _sample_line(db, s, at)
    return SampleDoc(
        uuid=s["uuid"],
        enterprise=party,
        sample=line,
        visit_date=_s(v[1]) if v else "",
        order_no=order_no,
        crew_area=crew_area,
        note=_note(party, line.samplers),
    )


def _notice_from_row(db: Database, r: dict) -> NoticeDoc:
    sample = finding = None
    visit_date = ""
    at = paper_moment(db, "rectification", r, "created_at")  # the party when it was issued
    if r.get("sample_id"):
        rows = _rows(db, "SELECT * FROM sample WHERE id = ?", [r["sample_id"]])
        sample = _sample_line(db, rows[0], at) if rows else None
    if r.get("finding_id"):
        rows = _rows(db, "SELECT * FROM finding WHERE id = ?", [r["finding_id"]])
        finding = _finding_line(rows[0]) if rows else None
    if r.get("visit_id"):
        row = db.execute("SELECT visit_date FROM visit WHERE id = ?", [r["visit_id"]]).fetchone()
        visit_date = _s(row[0]) if row else ""
    # withdrawn (rectifications.withdraw_for_retest): closed with a reason, no re-check visit
    withdrawn = _s(r.get("status")) == "closed" and bool(_s(r.get("closing_reason")))
    party = _party(db, r["enterprise_id"], at)
    notice_no, crew_area = order_issuer(db, r)
    return NoticeDoc(
        uuid=r["uuid"],
        notice_no=notice_no,
        crew_area=crew_area,
        enterprise=party,
        requirement=_s(r.get("requirement")),
        rule_set=_s(r.get("rule_set")),
        ordered_on=_s(r.get("ordered_on")),
        deadline=_s(r.get("deadline")),
        recheck_due=_s(r.get("recheck_due")),
        extended_to=_s(r.get("extended_to")),
        visit_date=visit_date,
        sample=sample,
        finding=finding,
        withdrawn_on=_s(r.get("closed_on")) if withdrawn else "",
        withdrawal_reason=_s(r.get("closing_reason")) if withdrawn else "",
        note=_note(party, ()),
    )


def notice_doc(db: Database, ident: str | int) -> NoticeDoc:
    return _notice_from_row(db, _find_row(db, "rectification", ident))


def recheck_doc(db: Database, ident: str | int) -> RecheckDoc:
    """ID is the rectification's (or, failing that, the re-check visit's) id or uuid."""
    try:
        r = _find_row(db, "rectification", ident)
    except RecordNotFound:
        text = str(ident).strip()
        rows = _rows(
            db,
            "SELECT r.* FROM rectification r JOIN visit v ON v.id = r.recheck_visit_id"
            " WHERE (v.uuid = ? OR v.id = ?) AND r.deleted_at IS NULL",
            [text, -1 if row_id(text) is None else row_id(text)],
        )
        if not rows:
            raise
        r = rows[0]
    visit: dict = {}
    if r.get("recheck_visit_id"):
        rows = _rows(db, "SELECT * FROM visit WHERE id = ?", [r["recheck_visit_id"]])
        visit = rows[0] if rows else {}
    return RecheckDoc(
        uuid=r["uuid"],
        notice=_notice_from_row(db, r),
        status=_s(r.get("status")),
        recheck_date=_s(visit.get("visit_date")),
        inspectors=(_officers(db, visit.get("inspectors"),
                              paper_moment(db, "visit", visit, "updated_at")) if visit else ()),
        summary=_s(visit.get("summary")),
        conclusion=_s(visit.get("conclusion")),
        report_submitted_on=_s(r.get("report_submitted_on")),
        closed_on=_s(r.get("closed_on")),
        escalation=_s(r.get("escalation")),
    )
