"""Which bureau a paper speaks for: the one that numbered its order, else the bureau of the
inspectors who went, else this office.

Why: a database at the city holds every county's cases. A notice numbered 通城市监质改〔2024〕
2号 was issued by 通城, and its notice, record, 抽样单, re-check and 公示 row carry 通城's name,
never the city's. An order saved before the registry gave it a number follows the crew of the
visit that found the failure: printed at the city, a 赤壁 case otherwise became the city's
(review, documents), and its 抽样单 changed its organising body once the order existed. The
notice of such an order made here is this office's, whose registry gives the number
(`order_issuer`); its field papers stay the crew's.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from qcdesk.models.jurisdictions import BUREAUS, CITY_CODE, bureau_numbering

if TYPE_CHECKING:
    from qcdesk.models.document_data import DocSettings


def issuing_settings(settings: DocSettings, number: str) -> DocSettings:
    """The settings a stored notice was issued under. A notice numbered by another bureau (a
    county's order read at the city, 通城市监质改〔2024〕2号) is headed, signed and re-checked
    in that bureau's name, never in this office's: only the bureau that numbered it issued it."""
    if not number or number.startswith(settings.notice_prefix):
        return settings
    bureau = bureau_numbering(number)
    if bureau is None:  # a prefix nobody here knows: this office's name, as before
        return settings
    return replace(settings, org_name=bureau.name, notice_prefix=bureau.notice_prefix,
                   recheck_prefix=bureau.recheck_prefix)


def visit_settings(settings: DocSettings, order_no: str, crew_area: str) -> DocSettings:
    """The bureau a visit's (or an order's) papers speak for: the one that numbered the order
    (so a case's record, notice and re-check carry one name), else the bureau of the inspectors
    who went (county inspectors at a county firm write in their county's name), else this office."""
    if not crew_area:
        return issuing_settings(settings, order_no)
    if crew_area == CITY_CODE:  # also the unit every inspector got by default before 2026-11-30:
        return settings         # it proves nothing about a county office's crew, so this office
    bureau = BUREAUS.get(crew_area)
    if bureau is None or bureau.notice_prefix == settings.notice_prefix:
        return settings
    return replace(settings, org_name=bureau.name, notice_prefix=bureau.notice_prefix,
                   recheck_prefix=bureau.recheck_prefix)


def visit_issuer(db: Database, visit_id: int, raw_inspectors: str | None) -> tuple[str, str]:
    """(order_no, crew_area) of a visit (its 抽样单, record and 公示 row), for `visit_settings`.
    A visit with a numbered order follows the order: one case, one bureau. With an order not
    numbered yet, the crew of the order's own visit (the one that found the failure): a paper
    signed in the field keeps its bureau when an order is saved, here or elsewhere (review)."""
    row = db.execute(
        "SELECT notice_no, visit_id FROM rectification WHERE deleted_at IS NULL"
        " AND (visit_id = ? OR recheck_visit_id = ? OR id = (SELECT rectification_id FROM visit"
        " WHERE id = ?)) ORDER BY notice_no = '', ordered_on, id LIMIT 1",
        [visit_id, visit_id, visit_id],
    ).fetchone()
    if row and _text(row[0]):
        return _text(row[0]), ""
    if row and row[1] is not None and row[1] != visit_id:
        return "", _visit_crew_area(db, row[1])
    return "", crew_area(db, raw_inspectors)


def order_issuer(db: Database, order: dict[str, Any]) -> tuple[str, str]:
    """(notice_no, crew_area) of a stored order (a rectification row), for `visit_settings`."""
    number = _text(order.get("notice_no"))
    if number or _made_here(order.get("origin")) or order.get("visit_id") is None:
        return number, ""
    return "", _visit_crew_area(db, order["visit_id"])


def _made_here(origin: object) -> bool:
    """An order made in this database: its registry numbers it, so a blank number is this
    office's (the notice prints its prefix, as the number's advice says: rectification_checks)."""
    return _text(origin) in ("", "local")


def crew_area(db: Database, raw_inspectors: str | None) -> str:
    """The one jurisdiction all of a visit's inspectors belong to, or ""."""
    try:
        items = json.loads(raw_inspectors or "[]")
    except (TypeError, ValueError):
        items = []
    areas = {r[0] for item in (items if isinstance(items, list) else []) if isinstance(item, str | int)
             for r in db.execute("SELECT jurisdiction_code FROM inspector WHERE uuid = ? OR id = ?",
                                 [str(item), str(item)]).fetchall()}
    return areas.pop() if len(areas) == 1 else ""


def _visit_crew_area(db: Database, visit_id: int) -> str:
    row = db.execute("SELECT inspectors FROM visit WHERE id = ?", [visit_id]).fetchone()
    return crew_area(db, row[0]) if row else ""


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()
