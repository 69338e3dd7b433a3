"""What "双随机、一公开" publishes: the enterprises checked and the results, nothing internal.

Why a list of its own: every other list of the desk (draw preview, warnings, enterprise list) shows
the risk class, inspectors' names or internal notes, and classes are never published to enterprises
(domain brief). A published row holds only: enterprise name, 统一社会信用代码, product, checking office,
date and result. Two sources:

- a committed draw (`draw_rows`): each drawn enterprise with the spot check made on it since the
  draw date (its first live spot check dated on or after the draw, follow-up checks aside, which is
  the visit the draw planned once done); one row per sample, or one row saying it is not checked yet;
- a period (`period_rows`): every sample the 监督抽查合格率 counts (`SPOT_SAMPLE` with a final
  result) of visits dated in the period, in an area, and the pending samples of the checks carried
  out, so that the published list and the reported rate hold the same samples (less those whose
  result is not final yet, which the 说明 sheet counts).

The checking office is the sample's organising body (组织单位), else the office that made the draw,
else, for a period, the bureau the visit's 抽样单 speaks for (its order's, its inspectors' county
bureau, this desk's organising body).

Only a result that is final and notified is published (`result_word`): the enterprise may object
(复检) within 15 days of receiving its result, and the 复检's conclusion is final, so a result under
复检, or one the enterprise has not been told yet (pass or fail alike: withholding only the fails
would itself tell the public which ones failed), is 结果待定. A period leaves such samples out and
counts them (`PeriodRows.withheld`); a draw lists every drawn firm, so it shows the 结果待定 word, and
marks a firm deleted from the register since the draw rather than drop it from the draw's list.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from qcdesk.models.document_data import doc_settings
from qcdesk.models.draw import DrawRecord
from qcdesk.models.editor_queries import doc_setting
from qcdesk.models.jurisdictions import AREA_CODES_SQL
from qcdesk.models.paper_issuer import visit_issuer, visit_settings
from qcdesk.models.store import Store

RESULT_WORDS = {"pass": "合格", "fail": "不合格", "pending": "检验中"}
NOT_CHECKED = "尚未检查"
UNDER_RETEST = "结果待定（复检中）"  # the enterprise asked for a 复检, no conclusion yet
NOT_NOTIFIED = "结果待定（尚未送达）"  # the result was not yet notified to the enterprise
NOT_FINAL = (UNDER_RETEST, NOT_NOTIFIED)
DELETED = "已从名录删除"  # a drawn enterprise deleted from the register since the draw


@dataclass(frozen=True)
class PublishedRow:
    """One published line; nothing else of the enterprise or the check is carried."""

    enterprise: str
    uscc: str
    product: str
    office: str
    checked_on: str  # ISO date, '' when not checked yet
    result: str  # 合格 / 不合格 / 检验中 / 尚未检查 / 结果待定（…） / 已从名录删除

    def cells(self) -> tuple[str, str, str, str, str, str]:
        return (self.enterprise, self.uscc, self.product, self.office, self.checked_on, self.result)


def result_word(result: str | None, retest_result: str | None, retest_requested_on: str | None = None,
                notified_on: str | None = None) -> str:
    """The published result: a 复检 (the enterprise's objection) decides, its conclusion is final.
    `result` already holds that final conclusion (retest.settle_retest), so the 复检's own says
    which label: a passed 复检 left `result` 'pass', never 'fail'. A 复检 asked for and not
    concluded, or a result not yet notified to the enterprise, is not final: 结果待定."""
    if retest_result == "pass":
        return "合格（复检）"
    if retest_result == "fail":
        return "不合格（复检维持）"
    if retest_result == "pending" or retest_requested_on:
        return UNDER_RETEST
    if result in ("pass", "fail") and not notified_on:
        return NOT_NOTIFIED
    return RESULT_WORDS.get(result or "", result or "")


@dataclass(frozen=True)
class PeriodRows:
    """A period's published rows, and the samples left out because their result is not final."""

    rows: list[PublishedRow]
    withheld: dict[str, int] = field(default_factory=dict)  # NOT_FINAL word → samples left out


def not_final_words(counts: dict[str, int]) -> str:
    """Why results are not published yet, as the 说明 sheet and the CLI say it ('' when none)."""
    retest, unsent = counts.get(UNDER_RETEST, 0), counts.get(NOT_NOTIFIED, 0)
    parts = [f"{retest} 个样品正在复检（企业已申请，尚无结论）" if retest else "",
             f"{unsent} 个样品的检验结果尚未送达企业" if unsent else ""]
    return "；".join(p for p in parts if p)


# A live sample of a live spot-check visit (监督抽查, of any status, linked to an order or not)
# of a live enterprise: the samples the 监督抽查合格率 takes (report_queries.quarterly_data, the
# spot_month roll-up's triggers, both spelling it in their own SQL) when their result is final.
SPOT_SAMPLE = ("v.deleted_at IS NULL AND v.kind = 'spot_check' AND s.deleted_at IS NULL"
               " AND e.deleted_at IS NULL")

_SAMPLES = ("SELECT s.product_name, s.organiser, s.result, s.retest_result, s.retest_requested_on,"
            " s.result_notified_on FROM sample s"
            " WHERE s.visit_id = ? AND s.deleted_at IS NULL ORDER BY s.id")


def draw_rows(store: Store, record: DrawRecord) -> list[PublishedRow]:
    """The drawn enterprises in the draw's order, each with the check made since the draw; one
    deleted from the register since is kept (the list stays the draw's, checkable against a
    re-draw) and marked 已从名录删除, without any check."""
    office = str(record.parameters.get("bureau") or doc_setting(store, "doc.org_name"))
    product = str(record.parameters.get("product") or "")
    uuids = [str(p["enterprise"]) for p in record.selection]
    firms = {r[0]: r[1:] for r in store.db.execute(
        "SELECT uuid, id, name, uscc, deleted_at FROM enterprise"
        " WHERE uuid IN (SELECT value FROM json_each(?))",
        [json.dumps(uuids)])}
    out: list[PublishedRow] = []
    for uuid in uuids:
        if uuid not in firms:
            continue  # not in this database (another office's draw, enterprise not received)
        eid, name, uscc, deleted_at = firms[uuid]
        if deleted_at:
            out.append(PublishedRow(name, uscc, product, office, "", DELETED))
            continue
        visit = store.db.execute(
            "SELECT id, visit_date, status FROM visit WHERE enterprise_id = ? AND deleted_at IS NULL"
            " AND kind = 'spot_check' AND rectification_id IS NULL AND visit_date >= ?"
            " ORDER BY status = 'planned', visit_date, id LIMIT 1", [eid, record.as_of]).fetchone()
        if visit is None or visit[2] == "planned":
            out.append(PublishedRow(name, uscc, product, office, "", NOT_CHECKED))
            continue
        samples = store.db.execute(_SAMPLES, [visit[0]]).fetchall()
        out.extend(PublishedRow(name, uscc, p, o.strip() or office, visit[1], result_word(*words))
                   for p, o, *words in samples)
        if not samples:
            out.append(PublishedRow(name, uscc, product, office, visit[1], RESULT_WORDS["pending"]))
    return out


def period_rows(store: Store, start: date, end: date, jurisdiction: str | None = None) -> list[PublishedRow]:
    """The rows a period publishes (`period_publication`'s)."""
    return period_publication(store, start, end, jurisdiction).rows


def period_publication(store: Store, start: date, end: date, jurisdiction: str | None = None) -> PeriodRows:
    """The spot-check samples of visits dated from `start` to `end` (inclusive), in the area
    (the jurisdiction and all under it; everything when None), by date then enterprise: each one
    the pass rate counts, and the pending ones of checks carried out (not of a planned visit);
    those whose result is not final yet (under 复检, not notified) left out and counted."""
    office = _CheckingOffice(store)
    area = f" AND e.jurisdiction_code IN ({AREA_CODES_SQL})" if jurisdiction else ""
    rows = store.db.execute(
        "SELECT e.name, e.uscc, s.product_name, s.organiser, v.visit_date, v.id, v.inspectors,"
        " s.result, s.retest_result, s.retest_requested_on, s.result_notified_on"
        " FROM visit v JOIN enterprise e ON e.id = v.enterprise_id"
        " JOIN sample s ON s.visit_id = v.id"
        f" WHERE {SPOT_SAMPLE} AND (s.result IN ('pass', 'fail') OR v.status != 'planned')"
        f" AND v.visit_date >= :start AND v.visit_date <= :end{area}"
        " ORDER BY v.visit_date, e.name COLLATE pinyin, s.id",
        {"start": start.isoformat(), "end": end.isoformat(), "area": jurisdiction}).fetchall()
    out = PeriodRows([])
    for n, u, p, o, d, visit_id, crew, *words in rows:
        word = result_word(*words)
        if word in NOT_FINAL:
            out.withheld[word] = out.withheld.get(word, 0) + 1
        else:
            out.rows.append(PublishedRow(n, u, p, o.strip() or office.of(visit_id, crew), d, word))
    return out


class _CheckingOffice:
    """The office a visit's check is published under when its samples name no 组织单位: the
    one its 抽样单 and notice speak for (`paper_issuer.visit_settings`: the bureau that
    numbered its order, else its inspectors' county bureau, else this office). Why: at the
    city, every county's check was published as the city bureau's (review, city office)."""

    def __init__(self, store: Store) -> None:
        self.db = store.db
        self.settings = doc_settings(store.db)
        self.known: dict[int, str] = {}

    def of(self, visit_id: int, crew: str | None) -> str:
        if visit_id not in self.known:
            self.known[visit_id] = visit_settings(self.settings,
                                                  *visit_issuer(self.db, visit_id, crew)).org_name
        return self.known[visit_id]
