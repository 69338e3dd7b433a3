"""The six-month rule of supervision spot checks (SAMR order No. 18): the same bureau may not
check the same product of an enterprise twice within 6 months, follow-up checks excepted.

Only a warning: the inspector may have a reason (a complaint, a task from the province), and
data is never blocked. How the rule is read from the data:

- *check*: a visit of kind ``spot_check`` (监督抽查) that is not planned, not deleted and not
  linked to a rectification order. Re-checks (``recheck``, 复查) and spot checks linked to an
  order are the follow-up checks the rule excepts; special inspections are not spot checks.
- *same product*: the same enterprise (``visit.enterprise_id``) and the same product name after
  `normalise_product` (trimmed, full-width forms folded to half-width, inner spaces collapsed).
- *same bureau*: a sample's organiser (组织单位, ``sample.organiser``: 省抽 imported from a ledger
  names 湖北省市场监督管理局) is its bureau when set; blank is this office (``doc.org_name``). A
  check organised by another body does not count (the clerk gets a softer note naming that body
  and the date). Between two checks of this office, the bureau is the unit
  (``inspector.jurisdiction_code``, 所属单位) of the inspectors; two visits are by the same
  bureau when they share a unit. A visit whose inspectors are not known yet (none ticked, or
  not on this roster) may be by the same bureau, so it is counted: a warning too many is
  cheaper than a repeated check missed.
- *within 6 months*: counted as 民法典 counts a period (art. 201: the check's own day is not
  counted; art. 203: a period of months ends on the same day of the last month), so a check on
  2025-05-14 counts through 2025-11-14 and a new check is allowed from 2025-11-15; one of
  2026-02-28 counts through 2026-08-28 (`period_start`). The draw pool (rule 7) draws the same line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

from qcdesk.models.jurisdictions import organising_body
from qcdesk.models.messages import Issue
from qcdesk.models.records import Sample, Visit
from qcdesk.models.risk import period_start
from qcdesk.models.store import Store

WINDOW_MONTHS = 6
SPOT_CHECK = "spot_check"
_SPACES = re.compile(r"\s+")


def normalise_product(name: str) -> str:
    """The product name as compared: full-width ASCII forms and the ideographic space folded
    to half-width (ＡＢＣ１２ → ABC12), trimmed, runs of spaces made one."""
    folded = "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else (" " if c == "\u3000" else c)
                     for c in name or "")
    return _SPACES.sub(" ", folded).strip()


@dataclass(frozen=True)
class EarlierCheck:
    """The spot check that already took a sample of the product."""

    visit_id: int
    visit_date: str
    product_name: str
    other_body: str = ""  # the organiser, when another body than the new sample's made the check


_MESSAGES = {
    "sample.checked_within_6_months": (
        "该企业的同一产品已于{date}监督抽查（6个月内），除跟踪抽查外不应重复抽查",
        "This enterprise's same product was already spot-checked on {date} (within 6 months); "
        "apart from follow-up checks it should not be checked again",
    ),
    "sample.checked_by_other_body": (
        "{body}已于{date}抽查过该企业的同一产品（6个月内）；不是本单位组织的抽查，不受6个月内不重复抽查的限制",
        "{body} already checked this enterprise's same product on {date} (within 6 months); it was "
        "not this office's check, so the six-month rule does not stop this one",
    ),
}


@dataclass(frozen=True)
class RepeatCheckIssue(Issue):
    """A warning whose text is the six-month rule's message above."""

    MESSAGES = _MESSAGES


def date_words(iso_day: str) -> tuple[str, str]:
    """A date as the message says it: (2025年5月14日, 2025-05-14)."""
    day = date.fromisoformat(iso_day)
    return f"{day.year}年{day.month}月{day.day}日", day.isoformat()


def earlier_checks(store: Store, visit: Visit, samples: list[Sample]) -> dict[int, EarlierCheck]:
    """Position in `samples` → the latest earlier spot check of that product by the same bureau
    within the six months before `visit`'s date, else the latest by another organising body
    (`EarlierCheck.other_body` set); positions without one are left out.

    One query per visit, on an index of live visits by enterprise and date."""
    if visit.kind != SPOT_CHECK or visit.rectification_id or visit.enterprise_id is None:
        return {}
    try:
        day = date.fromisoformat(visit.visit_date)
    except (TypeError, ValueError):
        return {}
    wanted = {i: normalise_product(s.product_name) for i, s in enumerate(samples) if s.deleted_at is None}
    wanted = {i: name for i, name in wanted.items() if name}
    if not wanted:
        return {}
    rows = store.db.execute(
        "SELECT v.id, v.visit_date, v.inspectors, s.product_name, s.organiser FROM visit v "
        "JOIN sample s ON s.visit_id = v.id "
        # by enterprise and date (the partial index visit_live_last matches the deleted/planned
        # terms); "+" keeps the planner off the index by kind, which spans every enterprise
        # ">=": 民法典 arts. 201/203, a check on 05-14 still counts on 11-14 (as the draw pool)
        "WHERE v.enterprise_id = ? AND v.visit_date >= ? AND v.visit_date <= ? "
        "AND +v.kind = 'spot_check' AND v.deleted_at IS NULL AND v.status != 'planned' "
        "AND v.rectification_id IS NULL AND v.id IS NOT ? AND s.deleted_at IS NULL "
        "ORDER BY v.visit_date DESC, v.id DESC",
        [visit.enterprise_id, period_start(day, WINDOW_MONTHS).isoformat(), day.isoformat(),
         visit.id]).fetchall()
    if not rows:
        return {}
    people = {visit_id: _uuids(inspectors) for visit_id, _d, inspectors, _p, _o in rows}
    units = _units(store, set(visit.inspectors).union(*people.values()))
    ours = {units[u] for u in visit.inspectors if u in units}
    mine = _own_body(store)
    new_bodies = {i: _body(samples[i].organiser, mine) for i in wanted}
    found: dict[int, EarlierCheck] = {}
    for visit_id, visit_date, _inspectors, product, organiser in rows:
        theirs = {units[u] for u in people[visit_id] if u in units}
        body = _body(organiser, mine)
        name = normalise_product(product)
        for i, wanted_name in wanted.items():
            if wanted_name != name:
                continue
            if body != new_bodies[i]:  # organised by another body: a note, not the rule
                if i not in found:
                    found[i] = EarlierCheck(visit_id, visit_date, product, body)
                continue
            if body == mine and ours and theirs and not ours & theirs:
                continue  # another bureau's inspectors
            if i not in found or found[i].other_body:  # rows come latest first
                found[i] = EarlierCheck(visit_id, visit_date, product)
    return found


def repeat_check_warnings(store: Store, visit: Visit, samples: list[Sample]) -> list[Issue]:
    """Warnings at ``samples.<i>.product_name`` for samples the six-month rule is about; a
    check another body organised is named in a softer note (the rule is per bureau)."""
    return [RepeatCheckIssue(f"samples.{i}.product_name", "sample.checked_by_other_body",
                             {"date": date_words(check.visit_date), "body": check.other_body}, warning=True)
            if check.other_body else
            RepeatCheckIssue(f"samples.{i}.product_name", "sample.checked_within_6_months",
                             {"date": date_words(check.visit_date)}, warning=True)
            for i, check in sorted(earlier_checks(store, visit, samples).items())]


def _own_body(store: Store) -> str:
    """This office's organising body as compared (the documents' default when unset)."""
    from qcdesk.models.editor_queries import doc_setting

    own = doc_setting(store, "doc.org_name")
    return organising_body(own) or _SPACES.sub("", own)


def _body(organiser: str | None, mine: str) -> str:
    """The body a sample's organiser names, as compared: blank (or 本局, 县抽) is this office."""
    body = organising_body(organiser or "")
    if body is None:
        body = _SPACES.sub("", organiser or "")
    return _SPACES.sub("", body) or mine


def _uuids(text: str | None) -> list[str]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return []
    return [u for u in value if isinstance(u, str)] if isinstance(value, list) else []


def _units(store: Store, uuids: set[str]) -> dict[str, str]:
    """Inspector uuid → unit (jurisdiction code), for those on this roster."""
    if not uuids:
        return {}
    marks = ", ".join("?" for _ in uuids)
    return {u: code for u, code in store.db.execute(
        f"SELECT uuid, jurisdiction_code FROM inspector WHERE uuid IN ({marks}) "
        "AND jurisdiction_code != ''", sorted(uuids)).fetchall()}
