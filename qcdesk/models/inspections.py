"""Visits (检查记录) with their samples, findings and photos, saved as one unit.

A visit and everything recorded on it is written in a single transaction, so an editor never
leaves half a visit behind.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import ClassVar

from qcdesk.models import local_day
from qcdesk.models.cert_duplicates import person_cert
from qcdesk.models.held_files import opened
from qcdesk.models.message_labels import FIELD_LABELS
from qcdesk.models.messages import Issue, ValidationFailed, message
from qcdesk.models.order_basis import closing_date_issues, follow_recheck_date, removed_basis_issues
from qcdesk.models.os_errors import error_reason
from qcdesk.models.persistence import fetch_children, fetch_record, insert_record, update_record
from qcdesk.models.photo_files import clear_side_files, place_photo
from qcdesk.models.photo_formats import (
    JPEG,
    PNG,
    complete,
    other_image_format,
    taken_media_type,
)
from qcdesk.models.records import (
    KINDS_NEEDING_TWO_INSPECTORS,
    KINDS_WITH_SAMPLES,
    SAMPLE_RESULTS,
    SAMPLING_PLACES,
    SEVERITIES,
    VISIT_KIND_LABELS,
    VISIT_KINDS,
    VISIT_STATUSES,
    Enterprise,
    Finding,
    Inspector,
    Photo,
    Rectification,
    Sample,
    Visit,
)
from qcdesk.models.retest import check_retest, first_failed, settle_retest
from qcdesk.models.sample_checks import validate_sample_form
from qcdesk.models.search_index import reindex_visits
from qcdesk.models.search_text import tokens
from qcdesk.models.store import Store, StoreError
from qcdesk.models.typed_text import cert_number, person_name
from qcdesk.models.validation import check_choice, check_date, check_required
from qcdesk.models.visit_people import team_people, too_few_issue

# 合格 as a result (抽样1批次，合格; 检验合格), not 合格证 (the certificate of conformity)
_SAYS_PASSED = re.compile(r"(?<!不)合格(?!证)")


class VisitIssue(Issue):
    """Rules of the visit as a whole that decide what the published figures count (kept here)."""

    MESSAGES: ClassVar[dict[str, tuple[str, str]]] = {
        "visit.future": (
            "检查日期 {day} 晚于今天（{today}）：已进行的检查不能记在将来的日期。请核对年份是否写错，"
            "或本机的日期是否设置错误（核对后改正检查日期）；如这是尚未进行的计划检查，请把状态设为“计划”",
            "The visit date {day} is after today ({today}): a check carried out cannot be dated in "
            "the future. Check whether the year is wrong, or whether this computer's date is set "
            "wrong (then correct the visit date); if the check is planned and not made yet, set its "
            "status to Planned",
        ),
        "visit.future_amend": (
            "更正后的检查日期 {day} 晚于今天（{today}）：已进行的检查不能记在将来的日期。"
            "请在本次更正中把“检查日期”改为实际检查的日期（常见的是年份写错）；不清楚实际日期的，"
            "请向检查人员核实后再更正",
            "After this amendment the visit date {day} is after today ({today}): a check carried out "
            "cannot be dated in the future. Correct the visit date (检查日期) in this same amendment "
            "to the day the check was made (often the year is mistyped); if you do not know that "
            "day, ask the inspector first",
        ),
        "visit.conclusion_says_pass": (
            "提示：检查结论写的是“{conclusion}”，但样品“{product}”的检验结果为不合格；请核对并改正检查结论",
            "Note: the conclusion reads “{conclusion}”, but sample “{product}” failed; check and "
            "correct the conclusion",
        ),
        "visit.future_kept": (
            "提示：检查日期 {day} 晚于今天（{today}），本次更正没有改它；请检查人员核实后更正“检查日期”",
            "Note: the visit date {day} is after today ({today}) and this amendment leaves it as it "
            "is; the inspector should check it and correct the visit date (检查日期)",
        ),
        "visit.planned_result": (
            "状态为“计划”的检查尚未进行，样品“{product}”不能有检验结论：如检查已经进行，"
            "请先把检查记录的状态改为“已完成”，再保存检验结论；否则请把检验结论改回待检",
            "A Planned check has not been carried out, so the sample “{product}” cannot have a "
            "result: if the check was made, first set the visit's status to Completed, then save "
            "the result; otherwise set the result back to Pending",
        ),
        "visit.order_link": (
            "只有复查可以关联整改通知（{order}），本记录的检查类型是“{kind}”：请把检查类型改回“复查”；"
            "如这是另一次检查，请新建一条检查记录",
            "Only a re-check can be linked to a rectification order ({order}), and this visit is a "
            "“{kind}”: set the kind back to Re-check; if this is another check, add a new visit",
        ),
        "visit.recorded_recheck": (
            "这次复查已记为整改通知（{order}）的复查结论，检查类型不能改为“{kind}”：请把检查类型改回“复查”；"
            "如这是另一次检查，请新建一条检查记录",
            "This re-check is recorded as the re-check of the order ({order}), so its kind cannot "
            "become “{kind}”: set the kind back to Re-check; if this is another check, add a new visit",
        ),
    }


def _order_name(store: Store, rect_id: int) -> str | tuple[str, str]:
    """The order as the user knows it: its notice number, else the day it was ordered."""
    rect = fetch_record(store, Rectification, rect_id)
    if rect is None or not (rect.notice_no or rect.ordered_on):
        return str(rect_id)
    return rect.notice_no or (f"{rect.ordered_on}下达", f"ordered {rect.ordered_on}")


def _check_order_link(issues: list[Issue], store: Store, visit: Visit) -> None:
    """Only a re-check (复查) is linked to an order: a spot check carrying the link counted in the
    监督抽查合格率 but was left out of the publication as a follow-up. A link already stored on
    a non-re-check (before this rule; an amendment cannot change it) does not block other edits."""
    if visit.kind == "recheck" or visit.kind not in VISIT_KINDS:
        return
    saved = fetch_record(store, Visit, visit.id) if visit.id else None
    label = VISIT_KIND_LABELS[visit.kind]
    params = {"kind": (label, FIELD_LABELS.get(label, label))}
    if visit.rectification_id and not (
            saved and saved.kind != "recheck" and saved.rectification_id == visit.rectification_id):
        issues.append(VisitIssue("kind", "visit.order_link",
                                 {**params, "order": _order_name(store, visit.rectification_id)}))
    elif saved and saved.kind == "recheck":
        row = store.db.execute("SELECT id FROM rectification WHERE recheck_visit_id = ?"
                               " AND deleted_at IS NULL ORDER BY id LIMIT 1", [visit.id]).fetchone()
        if row:
            issues.append(VisitIssue("kind", "visit.recorded_recheck",
                                     {**params, "order": _order_name(store, row[0])}))


def _check_carried_out(issues: list[Issue], visit: Visit, samples: list[Sample], day: date | None,
                       today: date, amended: Collection[str] | None) -> None:
    """A visit not planned is a check made: never dated after today (a wrong year or a wrong
    computer date, counted by the reports as made); a planned one has no results yet (they
    counted in the pass rate of a check not made).

    An amendment (`amended`: the fields it changes) is held to the date rule only when it
    changes the date (told to correct it in the same amendment) or the status (a check newly
    said to be made: the editor's words fit): a sent visit already carries its date, and
    refusing a lab result until someone who may not know the right day invents one helps
    nobody (the warnings page lists such visits; here it is a note)."""
    if visit.status == "planned":
        concluded = next((s for s in samples if s.result in ("pass", "fail")), None)
        if concluded is not None:
            issues.append(VisitIssue("status", "visit.planned_result",
                                     {"product": concluded.product_name or "—"}))
    elif day is not None and day > today:
        params = {"day": day.isoformat(), "today": today.isoformat()}
        if amended is not None and "visit_date" in amended:
            issues.append(VisitIssue("visit_date", "visit.future_amend", params))
        elif amended is None or "status" in amended:
            issues.append(VisitIssue("visit_date", "visit.future", params))
        else:
            issues.append(VisitIssue("visit_date", "visit.future_kept", params, warning=True))


def organised_above(organiser: str, own: str) -> bool:
    """Whether a sample's organising body (组织单位) is above this office: the state (国抽,
    国家市场监督管理总局), the province (省局, 湖北省市场监督管理局), or the city bureau at a
    county office. Such a check is sampled by the testing institute the body sends, not by this
    office's inspectors. Words are read as `jurisdictions.organising_body` reads them."""
    from qcdesk.models.jurisdictions import body_above

    return body_above(organiser, own)


def sampled_for_higher_body(store: Store, visit: Visit, samples: list[Sample]) -> bool:
    """A 监督抽查 whose samples are all organised by a higher body (国抽, 省抽, a city check at a
    county): the two-inspector rule is for this office's own sampling, so fewer (none) of its
    inspectors may be named. It waives the rule in every state the rule applies to (a 草稿
    saved before the result is in, as well as 已完成). A visit without samples is this office's."""
    from qcdesk.models.editor_queries import doc_setting

    live = [s for s in samples if s.deleted_at is None]
    if visit.kind != "spot_check" or not live:
        return False
    own = doc_setting(store, "doc.org_name")
    return all(organised_above(s.organiser, own) for s in live)


@dataclass
class VisitBundle:
    """A visit with what was recorded on it; photos are keyed by the finding's position."""

    visit: Visit
    samples: list[Sample] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    photos: dict[int, list[Photo]] = field(default_factory=dict)


def _team_as_stored(store: Store, visit: Visit) -> bool:
    """Whether the stored visit names these same records: one person's two records saved before
    people were counted is a note (a sent visit's lab result is not held up), a new choice an error."""
    saved = fetch_record(store, Visit, visit.id) if visit.id else None
    return saved is not None and set(saved.inspectors) == set(visit.inspectors)


def validate_visit(store: Store, bundle: VisitBundle, today: date | None = None, *,
                   amended: Collection[str] | None = None) -> list[Issue]:
    """All problems at once (errors and warnings); field labels are Chinese words that
    `messages` gives in English too. Normalises the samples' licence numbers in place.
    `amended`: the fields an amendment (更正) of a locked visit changes (amendments.py)."""
    visit = bundle.visit
    issues: list[Issue] = []
    if visit.enterprise_id is None or fetch_record(store, Enterprise, visit.enterprise_id) is None:
        issues.append(Issue("enterprise_id", "required", {"field": "受检企业"}))
    day = check_date(issues, "visit_date", "检查日期", visit.visit_date, required=True)
    check_choice(issues, "kind", "检查类型", visit.kind, VISIT_KINDS)
    check_choice(issues, "status", "状态", visit.status, VISIT_STATUSES)
    _check_order_link(issues, store, visit)
    if visit.kind in KINDS_NEEDING_TWO_INSPECTORS and visit.status != "planned":
        count, shared = team_people(store, visit.inspectors)  # people, not records (visit_people)
        if count < 2 and not sampled_for_higher_body(store, visit, bundle.samples):
            issues.append(too_few_issue(VISIT_KIND_LABELS[visit.kind], count, shared,
                                        warning=bool(shared) and _team_as_stored(store, visit)))
    for inspector_uuid in visit.inspectors:
        if not store.db.execute("SELECT 1 FROM inspector WHERE uuid = ?", [inspector_uuid]).fetchone():
            issues.append(Issue("inspectors", "inspector.unknown", {"value": inspector_uuid}))
    live_samples = [s for s in bundle.samples if s.deleted_at is None]
    if live_samples and visit.kind not in KINDS_WITH_SAMPLES:
        issues.append(Issue("samples", "visit.kind_for_sample"))
    for i, sample in enumerate(bundle.samples):
        saved = fetch_record(store, Sample, sample.id) if sample.id else None  # before this save
        failed_first = first_failed(sample, saved)
        settle_retest(sample)
        check_required(issues, f"samples.{i}.product_name", "产品名称", sample.product_name)
        check_choice(issues, f"samples.{i}.result", "检验结果", sample.result, SAMPLE_RESULTS)
        check_choice(issues, f"samples.{i}.sampling_place", "抽样地点", sample.sampling_place,
                     SAMPLING_PLACES)
        check_date(issues, f"samples.{i}.production_date", "生产日期", sample.production_date)
        check_date(issues, f"samples.{i}.sampled_on", "抽样日期", sample.sampled_on)
        check_date(issues, f"samples.{i}.result_notified_on", "结果告知日期", sample.result_notified_on)
        if sample.result == "fail":
            check_required(issues, f"samples.{i}.failed_items", "不合格项目", sample.failed_items)
        check_retest(issues, f"samples.{i}.", sample, failed_first=failed_first)
        if sample.refused_to_sign:
            check_required(issues, f"samples.{i}.refusal_reason", "拒签理由", sample.refusal_reason)
        if sample.deleted_at is None:  # a sample being removed may keep what older versions took
            validate_sample_form(issues, f"samples.{i}.", sample, saved, visit.status == "planned")
    _check_carried_out(issues, visit, live_samples, day, today or local_day.today(), amended)
    said, failed = (visit.conclusion or "").strip(), [s for s in live_samples if s.result == "fail"]
    if failed and _SAYS_PASSED.search(said) and "不合格" not in said:  # a result corrected, the
        issues.append(VisitIssue("conclusion", "visit.conclusion_says_pass", {  # text left behind
            "conclusion": said[:40], "product": failed[0].product_name}, warning=True))
    from qcdesk.models.date_plausibility import date_warnings  # years, order of the 抽样单 dates

    issues += date_warnings(store, visit, bundle.samples, today or local_day.today())
    for i, finding in enumerate(bundle.findings):
        check_required(issues, f"findings.{i}.description", "问题描述", finding.description)
        check_choice(issues, f"findings.{i}.severity", "严重程度", finding.severity, SEVERITIES)
    return issues


def _index_finding(store: Store, finding: Finding) -> None:
    store.db.execute("DELETE FROM finding_fts WHERE rowid = ?", [finding.id])
    if finding.deleted_at is None:
        store.db.execute("INSERT INTO finding_fts(rowid, tokens) VALUES (?, ?)",
                         [finding.id, tokens(finding.category, finding.description)])


def save_visit(store: Store, bundle: VisitBundle, today: date | None = None) -> VisitBundle:
    """Validate and write the whole visit in one transaction; a locked visit is refused, and so is
    removing a sample or finding an issued order rests on (order_basis: a merge never comes here).
    A re-check that closed its order takes the order's closed_on along when its date is corrected."""
    issues = [i for i in validate_visit(store, bundle, today) if not i.warning]
    issues += removed_basis_issues(store, bundle.samples, bundle.findings)
    issues += closing_date_issues(store, bundle.visit)
    if issues:
        raise ValidationFailed(issues)
    visit = bundle.visit
    if visit.id:
        locked = store.db.execute("SELECT locked_package FROM visit WHERE id = ?", [visit.id]).fetchone()
        if locked and locked[0]:
            raise ValidationFailed([Issue("visit", "visit.locked")])
    with store.transaction():
        (update_record if visit.id else insert_record)(store, visit)
        follow_recheck_date(store, visit)  # the order this re-check closed: closed_on moves with it
        for sample in bundle.samples:
            sample.visit_id = visit.id
            if sample.result == "pass" and not sample.retest_result:  # a re-test keeps them
                sample.failed_items = ""
            (update_record if sample.id else insert_record)(store, sample)
        reindex_visits(store.db.conn, [visit.id])  # its samples and inspectors are searched
        for position, finding in enumerate(bundle.findings):
            finding.visit_id = visit.id
            (update_record if finding.id else insert_record)(store, finding)
            _index_finding(store, finding)
            for photo in bundle.photos.get(position, []):
                photo.finding_id = finding.id
                if not photo.id:
                    insert_record(store, photo)
    return bundle


def load_visit(store: Store, key: int | str) -> VisitBundle | None:
    visit = fetch_record(store, Visit, key)
    if visit is None:
        return None
    findings = fetch_children(store, Finding, "visit_id", visit.id)
    photos = {i: fetch_children(store, Photo, "finding_id", f.id) for i, f in enumerate(findings)}
    return VisitBundle(visit, fetch_children(store, Sample, "visit_id", visit.id), findings, photos)


def save_inspector(store: Store, inspector: Inspector) -> Inspector:
    """Name and 执法证号 stored as the roster import stores them (`typed_text`), so a number typed
    in full-width mode or with a space is the same officer, not a second record of him."""
    issues: list[Issue] = []
    inspector.name = person_name(inspector.name)
    inspector.cert_no = cert_number(inspector.cert_no)
    check_required(issues, "name", "姓名", inspector.name)
    check_required(issues, "jurisdiction_code", "所属单位", inspector.jurisdiction_code)
    _check_cert_unique(store, inspector, issues)
    if issues:
        raise ValidationFailed(issues)
    with store.transaction():
        return (update_record if inspector.id else insert_record)(store, inspector)


def _check_cert_unique(store: Store, inspector: Inspector, issues: list[Issue]) -> None:
    """A 执法证号 names one person: the same number twice printed the same officer twice on a
    visit. Only a number new to this record is checked, so duplicates already in a database
    can still be corrected one at a time. Numbers are compared as the draw compares them
    (`person_cert`: width, blanks and leading zeros folded), so rows stored before saves folded
    them (４２１２…, 4212 0220…) are still found."""
    if not inspector.cert_no or inspector.deleted_at is not None:
        return
    wanted = person_cert(inspector.cert_no)
    if inspector.id:
        stored = store.db.execute("SELECT cert_no FROM inspector WHERE id = ?", [inspector.id]).fetchone()
        if stored and person_cert(stored[0]) == wanted:
            return
    rows = store.db.execute(
        "SELECT i.cert_no, i.name, coalesce(j.name, i.jurisdiction_code) FROM inspector i "
        "LEFT JOIN jurisdiction j ON j.code = i.jurisdiction_code "
        "WHERE i.deleted_at IS NULL AND i.id IS NOT ? AND i.cert_no != '' ORDER BY i.id", [inspector.id])
    other = next((r for r in rows if person_cert(r[0]) == wanted), None)
    if other:
        issues.append(Issue("cert_no", "inspector.cert_taken",
                            {"value": inspector.cert_no, "name": other[1], "unit": other[2]}))


def roster(store: Store, active_only: bool = True) -> list[Inspector]:
    where = "deleted_at IS NULL" + (" AND active = 1" if active_only else "")
    return [Inspector.from_row(r) for r in store.db.query(
        f"SELECT * FROM inspector WHERE {where} ORDER BY jurisdiction_code, name COLLATE pinyin")]


def inspector_names(store: Store, uuids: list[str]) -> list[str]:
    names = []
    for u in uuids:
        row = store.db.execute("SELECT name FROM inspector WHERE uuid = ?", [u]).fetchone()
        names.append(row[0] if row else u)
    return names


class PhotoFileError(StoreError):
    """A photo could not be added: unreadable, no picture, or not written to the data folder."""


_SUFFIXES = {JPEG: (".jpg", ".jpeg"), PNG: (".png",)}


def _refusal(name: str, data: bytes) -> PhotoFileError | None:
    """Why a photo's bytes are not taken, or None: a file named .jpg that is empty, holds no
    picture, a picture format we don't show (HEIC…: said as such, with the way out) or a copy cut
    off half-way would be kept, sent in packages and never show whole (it is a finding's evidence)."""
    media = taken_media_type(data)
    if media is not None:
        return None if complete(data, media) else PhotoFileError(
            message("photo.incomplete", "zh", name=name), message("photo.incomplete", "en", name=name))
    kind = other_image_format(data)
    if kind is not None:
        return PhotoFileError(message("photo.unsupported_format", "zh", name=name, kind=kind),
                              message("photo.unsupported_format", "en", name=name, kind=kind))
    what_zh, what_en = ("是空文件（0 字节）", "is empty (0 bytes)") if not data else (
        "不是 JPEG 或 PNG 图片（文件内容不是图片）",
        "is no JPEG or PNG picture (its content is not an image)")
    return PhotoFileError(f"照片 {name} {what_zh}，未添加。请选择相机或手机拍摄的 .jpg/.png 照片。",
                          f"The photo {name} {what_en}; not added. Choose a .jpg/.png photo "
                          "taken with a camera or phone.")


def import_photo_file(photos_dir: Path, source: Path) -> Photo:
    """Copy a photo into the data folder once, named by its SHA-256 (duplicates cost nothing).

    PhotoFileError says why not (in zh and en): the source cannot be read, is empty or is no
    JPEG/PNG picture (another picture format is named), is cut off before its end, or the copy
    cannot be written (a full disk: its half copy is removed)."""
    try:
        with opened(source) as handle:  # the database chosen by mistake: keep its locks (held_files)
            data = handle.read()
    except OSError as exc:
        raise PhotoFileError(f"无法读取照片 {source}：{error_reason(exc)}。",
                             f"Cannot read the photo {source}: {error_reason(exc, 'en')}.") from exc
    refusal = _refusal(source.name, data)
    if refusal is not None:
        raise refusal
    media = taken_media_type(data) or JPEG
    digest = hashlib.sha256(data).hexdigest()
    # the name's suffix by content: a JPEG saved as .jfif (Windows) would be a member type a
    # package may not carry, and its export would fail
    suffix = source.suffix.lower() if source.suffix.lower() in _SUFFIXES[media] else _SUFFIXES[media][0]
    target = photos_dir / digest[:2] / f"{digest}{suffix}"
    try:  # side file, flushed, renamed; a damaged file of that name is replaced
        clear_side_files(photos_dir, shards=[digest[:2]])  # what killed adds left in its folder
        place_photo(target, digest, data)
    except OSError as exc:
        reason = error_reason(exc, writing=True)
        raise PhotoFileError(
            f"无法把照片 {source.name} 保存到数据文件夹 {photos_dir}：{reason}。",
            f"Cannot save the photo {source.name} into the data folder {photos_dir}: "
            f"{error_reason(exc, 'en', writing=True)}.") from exc
    return Photo(sha256=digest, file_name=source.name, media_type=media)


def photo_path(photos_dir: Path, photo: Photo) -> Path:
    matches = list((photos_dir / photo.sha256[:2]).glob(f"{photo.sha256}.*"))
    return matches[0] if matches else photos_dir / photo.sha256[:2] / photo.sha256
