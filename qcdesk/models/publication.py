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
  out, so that the published list and the reported rate hold the same samples.

The checking office is the sample's organising body (组织单位), else the office that made the draw,
else this desk's organising body (as the 抽样单 prints it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from qcdesk.models.draw import DrawRecord
from qcdesk.models.editor_queries import doc_setting
from qcdesk.models.jurisdictions import AREA_CODES_SQL
from qcdesk.models.store import Store

RESULT_WORDS = {"pass": "合格", "fail": "不合格", "pending": "检验中"}
NOT_CHECKED = "尚未检查"


@dataclass(frozen=True)
class PublishedRow:
    """One published line; nothing else of the enterprise or the check is carried."""

    enterprise: str
    uscc: str
    product: str
    office: str
    checked_on: str  # ISO date, '' when not checked yet
    result: str  # 合格 / 不合格 / 检验中 / 尚未检查

    def cells(self) -> tuple[str, str, str, str, str, str]:
        return (self.enterprise, self.uscc, self.product, self.office, self.checked_on, self.result)


def result_word(result: str | None, retest_result: str | None) -> str:
    """The published result: a 复检 (the enterprise's objection) decides, its conclusion is final.
    `result` already holds that final conclusion (retest.settle_retest), so the 复检's own says
    which label: a passed 复检 left `result` 'pass', never 'fail'."""
    if retest_result == "pass":
        return "合格（复检）"
    if retest_result == "fail":
        return "不合格（复检维持）"
    return RESULT_WORDS.get(result or "", result or "")


# A live sample of a live spot-check visit (监督抽查, of any status, linked to an order or not)
# of a live enterprise: the samples the 监督抽查合格率 takes (report_queries.quarterly_data, the
# spot_month roll-up's triggers, both spelling it in their own SQL) when their result is final.
SPOT_SAMPLE = ("v.deleted_at IS NULL AND v.kind = 'spot_check' AND s.deleted_at IS NULL"
               " AND e.deleted_at IS NULL")

_SAMPLES = ("SELECT s.product_name, s.organiser, s.result, s.retest_result FROM sample s"
            " WHERE s.visit_id = ? AND s.deleted_at IS NULL ORDER BY s.id")


def draw_rows(store: Store, record: DrawRecord) -> list[PublishedRow]:
    """The drawn enterprises in the draw's order, each with the check made since the draw."""
    office = str(record.parameters.get("bureau") or doc_setting(store, "doc.org_name"))
    product = str(record.parameters.get("product") or "")
    uuids = [str(p["enterprise"]) for p in record.selection]
    firms = {r[0]: r[1:] for r in store.db.execute(
        "SELECT uuid, id, name, uscc FROM enterprise WHERE uuid IN (SELECT value FROM json_each(?))",
        [json.dumps(uuids)])}
    out: list[PublishedRow] = []
    for uuid in uuids:
        if uuid not in firms:
            continue  # not in this database (another office's draw, enterprise not received)
        eid, name, uscc = firms[uuid]
        visit = store.db.execute(
            "SELECT id, visit_date, status FROM visit WHERE enterprise_id = ? AND deleted_at IS NULL"
            " AND kind = 'spot_check' AND rectification_id IS NULL AND visit_date >= ?"
            " ORDER BY status = 'planned', visit_date, id LIMIT 1", [eid, record.as_of]).fetchone()
        if visit is None or visit[2] == "planned":
            out.append(PublishedRow(name, uscc, product, office, "", NOT_CHECKED))
            continue
        samples = store.db.execute(_SAMPLES, [visit[0]]).fetchall()
        out.extend(PublishedRow(name, uscc, p, o.strip() or office, visit[1], result_word(r, rr))
                   for p, o, r, rr in samples)
        if not samples:
            out.append(PublishedRow(name, uscc, product, office, visit[1], RESULT_WORDS["pending"]))
    return out


def period_rows(store: Store, start: date, end: date, jurisdiction: str | None = None) -> list[PublishedRow]:
    """The spot-check samples of visits dated from `start` to `end` (inclusive), in the area
    (the jurisdiction and all under it; everything when None), by date then enterprise: each one
    the pass rate counts, and the pending ones of checks carried out (not of a planned visit)."""
    office = doc_setting(store, "doc.org_name")
    area = f" AND e.jurisdiction_code IN ({AREA_CODES_SQL})" if jurisdiction else ""
    rows = store.db.execute(
        "SELECT e.name, e.uscc, s.product_name, s.organiser, v.visit_date, s.result, s.retest_result"
        " FROM visit v JOIN enterprise e ON e.id = v.enterprise_id"
        " JOIN sample s ON s.visit_id = v.id"
        f" WHERE {SPOT_SAMPLE} AND (s.result IN ('pass', 'fail') OR v.status != 'planned')"
        f" AND v.visit_date >= :start AND v.visit_date <= :end{area}"
        " ORDER BY v.visit_date, e.name COLLATE pinyin, s.id",
        {"start": start.isoformat(), "end": end.isoformat(), "area": jurisdiction}).fetchall()
    return [PublishedRow(n, u, p, o.strip() or office, d, result_word(r, rr))
            for n, u, p, o, d, r, rr in rows]
