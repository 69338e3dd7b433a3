"""Quality-improvement demonstration zones and projects (质量提升示范区/项目).

Target of the programme: 5–10 national demonstration zones/projects within five years. Members
are stored as enterprise uuids and milestones as a JSON list so a zone travels whole in an
exchange package.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlite_utils import Database

from qcdesk.models.enterprises import CHOICES_LIMIT
from qcdesk.models.enterprises import enterprise_choices as find_choices
from qcdesk.models.jurisdictions import area_codes, jurisdiction_by_code
from qcdesk.models.messages import Issue, ValidationFailed
from qcdesk.models.persistence import fetch_record, insert_record, soft_delete, update_record
from qcdesk.models.records import Record
from qcdesk.models.store import Store
from qcdesk.models.validation import check_choice, check_date, check_required

ZONE_KINDS = ("zone", "project")
ZONE_KIND_LABELS = {"zone": "示范区", "project": "示范项目"}
ZONE_LEVELS = ("national", "provincial", "city")
ZONE_LEVEL_LABELS = {"national": "国家级", "provincial": "省级", "city": "市级"}
ZONE_STATUSES = ("planning", "building", "accepted", "withdrawn")
ZONE_STATUS_LABELS = {
    "planning": "申报/筹建", "building": "创建中", "accepted": "已验收", "withdrawn": "已撤销"}
NATIONAL_TARGET = (5, 10)
# English words of the same, for core messages (the zones page has its own translated labels).
ZONE_WORDS_EN = {"zone": "zone", "project": "project", "national": "national", "provincial": "provincial",
                 "city": "city", "planning": "applied for", "building": "being built", "accepted": "accepted",
                 "withdrawn": "withdrawn"}


@dataclass(kw_only=True)
class DemonstrationZone(Record):
    TABLE = "demonstration_zone"
    JSON_FIELDS = ("members", "milestones")
    name: str = ""
    kind: str = "zone"
    level: str = "city"
    jurisdiction_code: str = ""
    lead_industry: str = ""
    members: list[str] = field(default_factory=list)  # enterprise uuids
    milestones: list[dict] = field(default_factory=list)  # {"title", "due_on", "done_on"}
    status: str = "building"
    notes: str = ""

    @property
    def progress(self) -> tuple[int, int]:
        """(milestones done, milestones planned); an accepted zone is complete by definition."""
        total = len(self.milestones)
        done = sum(1 for m in self.milestones if m.get("done_on"))
        if self.status == "accepted":
            return (max(total, 1), max(total, 1))
        return done, total

    @property
    def progress_percent(self) -> int:
        done, total = self.progress
        return round(100 * done / total) if total else 0


def validate_zone(store: Store, zone: DemonstrationZone) -> list[Issue]:
    issues: list[Issue] = []
    zone.name = zone.name.strip()
    check_required(issues, "name", "名称", zone.name)
    check_choice(issues, "kind", "类型", zone.kind, ZONE_KINDS)
    check_choice(issues, "level", "级别", zone.level, ZONE_LEVELS)
    check_choice(issues, "status", "状态", zone.status, ZONE_STATUSES)
    if jurisdiction_by_code(zone.jurisdiction_code) is None:
        issues.append(Issue("jurisdiction_code", "jurisdiction.unknown", {"value": zone.jurisdiction_code}))
    for i, m in enumerate(zone.milestones):
        check_required(issues, f"milestones.{i}.title", "节点名称", str(m.get("title", "")).strip())
        check_date(issues, f"milestones.{i}.due_on", "计划日期", m.get("due_on"))
        check_date(issues, f"milestones.{i}.done_on", "完成日期", m.get("done_on"))
    if zone.members:
        known = {r[0] for r in store.db.execute(
            "SELECT uuid FROM enterprise WHERE deleted_at IS NULL"
            " AND uuid IN (SELECT value FROM json_each(?))",
            [json.dumps(zone.members)])}
        for u in zone.members:
            if u not in known:
                issues.append(Issue("members", "record.not_found", {"value": u}))
    return issues


def save_zone(store: Store, zone: DemonstrationZone) -> DemonstrationZone:
    zone.members = list(dict.fromkeys(zone.members))
    issues = validate_zone(store, zone)
    if issues:
        raise ValidationFailed(issues)
    with store.transaction():
        return (update_record if zone.id else insert_record)(store, zone)


def delete_zone(store: Store, zone: DemonstrationZone) -> DemonstrationZone:
    """A soft delete: the zone keeps its members and milestones, so `restore_zone` brings it
    back whole (a 删除 clicked on the wrong row was otherwise lost to the page)."""
    with store.transaction():
        return soft_delete(store, zone)


def deleted_zones(store: Store, limit: int = 50) -> list[DemonstrationZone]:
    """Deleted zones/projects, the latest deletion first: what the zones page offers back."""
    return [DemonstrationZone.from_row(r) for r in store.db.query(
        "SELECT * FROM demonstration_zone WHERE deleted_at IS NOT NULL"
        " ORDER BY deleted_at DESC, id DESC LIMIT ?", [limit])]


def restore_zone(store: Store, key: int | str) -> DemonstrationZone | None:
    """Bring a deleted zone back as it was (one new revision, `deleted_at` cleared); None when
    there is no such zone. A live one is left as it is."""
    with store.transaction():
        zone = fetch_record(store, DemonstrationZone, key)
        if zone is None or zone.deleted_at is None:
            return zone
        zone.deleted_at = None
        return update_record(store, zone)


def load_zone(store: Store, key: int | str) -> DemonstrationZone | None:
    return fetch_record(store, DemonstrationZone, key)


def list_zones(store: Store, level: str | None = None, jurisdiction: str | None = None,
               status: str | None = None) -> list[DemonstrationZone]:
    """Live zones/projects, a jurisdiction taking in those under it (as the warnings count)."""
    where, args = ["deleted_at IS NULL"], []
    for column, value in (("level", level), ("status", status)):
        if value:
            where.append(f"{column} = ?")
            args.append(value)
    codes = area_codes(store.db, jurisdiction) if jurisdiction else None
    if codes:
        where.append("jurisdiction_code IN (SELECT value FROM json_each(?))")
        args.append(json.dumps(codes))
    return [DemonstrationZone.from_row(r) for r in store.db.query(
        f"SELECT * FROM demonstration_zone WHERE {' AND '.join(where)}"
        " ORDER BY level, name COLLATE pinyin", args)]


# A zone/project counts toward the 5–10 target once recognised (accepted, 已验收); one being
# built or applied for is shown apart, a withdrawn one not at all. Dashboard, report and the
# zones page all count with this rule.
COUNTED_ZONE_STATUS = "accepted"
PENDING_ZONE_STATUSES = ("building", "planning")


def zone_counts(store: Store) -> tuple[dict[str, int], dict[str, int]]:
    """(accepted, being built or applied for) live zones/projects per level."""
    counted, pending = dict.fromkeys(ZONE_LEVELS, 0), dict.fromkeys(ZONE_LEVELS, 0)
    for level, status, n in store.db.execute(
            "SELECT level, status, count(*) FROM demonstration_zone WHERE deleted_at IS NULL"
            " GROUP BY level, status"):
        if level in counted and status == COUNTED_ZONE_STATUS:
            counted[level] += n
        elif level in pending and status in PENDING_ZONE_STATUSES:
            pending[level] += n
    return counted, pending


def member_names(store: Store, zone: DemonstrationZone) -> list[tuple[str, str]]:
    """(uuid, name) of the members, in the zone's order."""
    names = dict(store.db.execute(
        "SELECT uuid, name FROM enterprise WHERE uuid IN (SELECT value FROM json_each(?))",
        [json.dumps(zone.members)]).fetchall())
    return [(u, names.get(u, u)) for u in zone.members]


def enterprise_choices(store: Store, text: str = "", limit: int = CHOICES_LIMIT) -> list[tuple[str, str]]:
    """(uuid, name) of live enterprises found by `text` (`enterprises.enterprise_choices`, the
    visit editor's picker's search too), for the member picker."""
    return [(c.uuid, c.name) for c in find_choices(store, text, limit)]


# Brackets of every width and shape: 咸宁市（赤壁）… and 咸宁市[赤壁]… and 咸宁市赤壁… are one name.
_BRACKETS = dict.fromkeys(map(ord, "()[]{}<>（）［］｛｝【】〔〕〖〗〈〉《》「」『』"), None)


def zone_name_key(name: str) -> str:
    """A zone's name as compared for likely duplicates, deliberately little forgiven: full-width
    letters, digits and signs as half-width (NFKC), Latin case, every space and every bracket
    dropped (their words kept). Nothing else: a name ending 示范区 and one ending 示范项目, or
    one without that ending, stay different names, so does any other word or punctuation."""
    folded = unicodedata.normalize("NFKC", name).casefold().translate(_BRACKETS)
    return "".join(folded.split())


@dataclass(frozen=True)
class ZoneEntry:
    """A live zone/project as the duplicate check compares and names it."""

    uuid: str
    name: str
    kind: str
    level: str
    status: str
    jurisdiction_code: str
    created_at: str


def duplicate_zone_groups(store: Store | Database) -> list[list[ZoneEntry]]:
    """Live zones/projects of the same kind whose names are the same by `zone_name_key`: likely
    one zone entered twice (by two counties, or a county and the city), which the city's merged
    database then counts twice toward the 5–10 target. Never merged or deleted here: the user
    decides which is extra and deletes it (soft delete). Each group in order of entry."""
    groups: dict[tuple[str, str], list[ZoneEntry]] = {}
    db = store.db if isinstance(store, Store) else store  # the quarterly report holds a bare Database
    for row in db.execute(
            "SELECT uuid, name, kind, level, status, jurisdiction_code, created_at"
            " FROM demonstration_zone WHERE deleted_at IS NULL ORDER BY created_at, id"):
        zone = ZoneEntry(*row)
        groups.setdefault((zone.kind, zone_name_key(zone.name)), []).append(zone)
    return [g for g in groups.values() if len(g) > 1]


def counted_duplicates(store: Store | Database, level: str = "national",
                       codes: Sequence[str] | None = None) -> int:
    """How many of the zones counted toward the target (accepted, at `level`, within `codes` when
    given) are a second entry of one counted already: the count less its distinct zones."""
    extra = 0
    for group in duplicate_zone_groups(store):
        counted = [z for z in group if z.status == COUNTED_ZONE_STATUS and z.level == level
                   and (codes is None or z.jurisdiction_code in codes)]
        extra += max(0, len(counted) - 1)
    return extra
