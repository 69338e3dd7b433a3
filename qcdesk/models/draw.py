"""Random draw of enterprises and inspectors (双随机), reproducible on any machine.

Algorithm `qcdesk-draw-v1`, documented so the city can re-run a county's draw:

1. Pool: live enterprises matching the filters (jurisdiction, industry), each with its risk class
   as of the draw date; enterprises with a spot-check visit in the `exclusion_months` before the
   draw date (visit date >= that many months back and < the draw date) are left out — with a
   product given, only those where a sample of that product was taken. With the parameter
   `exclude_planned` (every draw since it was added; absent in older records), an enterprise that
   already has a spot check coming is left out too, so no enterprise is drawn twice: a spot-check
   visit entered before the draw was made (created_at < drawn_at, and not deleted by then) that is
   still planned or is dated on or after the draw date. The cut-off at `drawn_at` lets anyone
   rebuild the pool as of the draw: the visits the draw itself planned, and later ones, do not
   count. Inspectors: active roster of the jurisdiction (all when none given). Recusals:
   (inspector uuid, enterprise uuid) pairs.
2. Snapshot = canonical JSON (sorted keys, no spaces, UTF-8) of
   {"algorithm", "enterprises": sorted [uuid, class], "inspectors": sorted uuids,
   "recusals": sorted pairs}; pool hash = SHA-256 of those bytes.
3. Enterprises: within each class, rank = HMAC-SHA256(key=seed, "enterprise:" + uuid) as hex,
   ascending; take ceil(ratio × n) where ratio is an exact decimal. Selection order: class A→D,
   then rank.
4. Inspectors are dealt from a queue. Round r (0, 1, …) appends every inspector ordered by
   HMAC-SHA256(seed, "inspector:" + r + ":" + uuid). For each selected enterprise in that order, walk
   the queue from the front and take the first `team_size` entries that are not recused for it and
   not already on its team; taken entries leave the queue, skipped ones keep their places; when the
   queue runs out, the next round is appended. Workloads stay within one team of each other (bar
   recusals), and the cost is linear in the number of teams.

Committing a draw stores it as a record and plans its visits. It needs the operator and at least
one witness, and the same draw (seed, scope, ratios, date) is committed once only.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
from collections import deque
from dataclasses import dataclass, field
from datetime import date, datetime
from fractions import Fraction

from qcdesk.models.draw_diff import compare_picks, pool_difference
from qcdesk.models.inspections import VisitBundle, save_visit
from qcdesk.models.messages import message
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Record, Visit
from qcdesk.models.risk import RISK_CLASSES, SupervisionRules, assess_all, months_before
from qcdesk.models.store import Store, now_utc

ALGORITHM = "qcdesk-draw-v1"

# Texts of the rules added here (messages.py holds the older ones): (zh, en).
_MESSAGES: dict[str, tuple[str, str]] = {
    "draw.operator_required": (
        "请填写操作人（主持本次抽取的人员），公开抽取须记录操作人",
        "Enter the operator (the person who ran the draw): a public draw records them"),
    "draw.witness_required": (
        "请至少填写一名见证人（操作人以外的人员），公开抽取须有见证",
        "Enter at least one witness other than the operator: a public draw is witnessed"),
    "draw.already_committed": (
        "同一抽取（种子、范围、比例、日期均相同）已于 {committed_at} 确认，抽取记录 {record}"
        "（操作人：{operator}），不能重复确认；如需核对，请验证该记录",
        "This draw (same seed, scope, ratios and date) was already committed on {committed_at} as draw "
        "record {record} (operator: {operator}); it cannot be committed again — verify that record instead"),
    "draw.planned_since_preview": (
        "预览之后，以下企业已有计划抽查：{items}；请重新预览",
        "Since the preview these enterprises got a planned spot check: {items}; preview again"),
}


def draw_message(rule: str, lang: str = "zh", **params: object) -> str:
    """A draw rule's text in `lang`: the rules above, else messages.py's."""
    zh_en = _MESSAGES.get(rule)
    if zh_en is None:
        return message(rule, lang, **params)
    return (zh_en[1] if lang.startswith("en") else zh_en[0]).format(**params)


class DrawError(Exception):
    """The draw cannot be made or a recusal saved; `text(lang)` says why in the user's language.

    `str()` stays Chinese: the CLI prints it, and a verification report quotes it.
    """

    def __init__(self, rule: str, **params: object):
        self.rule, self.params = rule, params
        super().__init__(draw_message(rule, "zh", **params))

    def text(self, lang: str = "zh") -> str:
        return draw_message(self.rule, lang, **self.params)


@dataclass(kw_only=True)
class Recusal(Record):
    TABLE = "recusal"
    inspector_id: int | None = None
    enterprise_id: int | None = None
    reason: str = ""


@dataclass(kw_only=True)
class DrawRecord(Record):
    TABLE = "draw_record"
    JSON_FIELDS = ("parameters", "selection", "witnesses")
    drawn_at: str = ""
    as_of: str = ""
    seed: str = ""
    algorithm: str = ALGORITHM
    parameters: dict = field(default_factory=dict)
    pool_hash: str = ""
    pool_size: int = 0
    pool_snapshot: str = ""
    selection: list = field(default_factory=list)
    operator: str = ""
    witnesses: list = field(default_factory=list)
    committed: int = 0


@dataclass(frozen=True)
class DrawParameters:
    jurisdiction: str | None = None
    industry: str | None = None
    product: str | None = None
    ratios: dict[str, str] = field(default_factory=lambda: dict(SupervisionRules().draw_ratios))
    team_size: int = 2
    exclusion_months: int = 6
    exclude_planned: bool = True  # False only for records made before the rule (key absent)

    def to_json(self) -> dict:
        return {"jurisdiction": self.jurisdiction, "industry": self.industry, "product": self.product,
                "ratios": dict(sorted(self.ratios.items())), "team_size": self.team_size,
                "exclusion_months": self.exclusion_months, "exclude_planned": self.exclude_planned}

    @classmethod
    def from_json(cls, data: dict) -> DrawParameters:
        return cls(jurisdiction=data.get("jurisdiction"), industry=data.get("industry"),
                   product=data.get("product"), ratios=dict(data.get("ratios", {})),
                   team_size=int(data.get("team_size", 2)),
                   exclusion_months=int(data.get("exclusion_months", 6)),
                   exclude_planned=bool(data.get("exclude_planned", False)))

    def same_draw(self, other: DrawParameters) -> bool:
        """Same scope, ratios, team size and window (whole city either way; 0.05 equals 0.050)."""
        def key(p: DrawParameters) -> tuple:
            ratios = {}
            for cls in sorted({*p.ratios, *RISK_CLASSES}):  # a class left out draws none: ratio 0
                ratio = p.ratios.get(cls, "0")
                try:
                    ratios[cls] = Fraction(str(ratio).strip())
                except (ValueError, ZeroDivisionError):
                    ratios[cls] = str(ratio).strip()
            whole = p.jurisdiction in (None, "", "421200")
            return (None if whole else p.jurisdiction, p.industry or None, (p.product or "").strip() or None,
                    ratios, p.team_size, p.exclusion_months)
        return key(self) == key(other)

    @classmethod
    def from_rules(cls, rules: SupervisionRules, **filters: str | None) -> DrawParameters:
        return cls(ratios=dict(rules.draw_ratios), team_size=rules.draw_team_size,
                   exclusion_months=rules.draw_exclusion_months, **filters)


@dataclass
class Pool:
    enterprises: list[tuple[str, str]]  # (uuid, class), sorted
    inspectors: list[str]
    recusals: list[tuple[str, str]]  # (inspector uuid, enterprise uuid)
    excluded: int = 0  # left out for any reason
    planned: list[str] = field(default_factory=list)  # of those: left out for a spot check to come

    def canonical(self) -> bytes:
        data = {"algorithm": ALGORITHM, "enterprises": [list(e) for e in self.enterprises],
                "inspectors": self.inspectors, "recusals": [list(r) for r in self.recusals]}
        return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")

    def sha256(self) -> str:
        return hashlib.sha256(self.canonical()).hexdigest()

    @classmethod
    def from_canonical(cls, text: str) -> Pool:
        data = json.loads(text)
        return cls([tuple(e) for e in data["enterprises"]], list(data["inspectors"]),
                   [tuple(r) for r in data["recusals"]])


@dataclass
class Pick:
    enterprise: str
    risk_class: str
    inspectors: list[str]

    def to_json(self) -> dict:
        return {"enterprise": self.enterprise, "class": self.risk_class, "inspectors": self.inspectors}


def _rank(seed: str, message: str) -> str:
    return hmac.new(seed.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).hexdigest()


def quota(ratio: str, n: int) -> int:
    """ceil(ratio × n) with the ratio as an exact decimal, so 0.07 × 100 is 7 on every machine."""
    try:  # the ratio comes from a form, the command line or stored rules: say what is wrong in words
        value = Fraction(str(ratio).strip())
    except (ValueError, ZeroDivisionError, OverflowError) as exc:
        raise DrawError("draw.ratio_invalid", ratio=ratio) from exc
    if not 0 <= value <= 1:
        raise DrawError("draw.ratio_range", ratio=ratio)
    return min(n, math.ceil(value * n))


def select(pool: Pool, seed: str, params: DrawParameters) -> list[Pick]:
    """Steps 3 and 4 of the algorithm: a pure function of pool, seed and parameters."""
    if not seed:
        raise DrawError("draw.seed_required")
    if params.team_size < 2:
        raise DrawError("draw.team_size")
    by_class: dict[str, list[str]] = {c: [] for c in RISK_CLASSES}
    for uuid, cls in pool.enterprises:
        by_class.setdefault(cls, []).append(uuid)
    chosen: list[tuple[str, str]] = []
    for cls in RISK_CLASSES:
        members = sorted(by_class[cls], key=lambda u: _rank(seed, "enterprise:" + u))
        chosen.extend((u, cls) for u in members[: quota(params.ratios.get(cls, "0"), len(members))])
    recused: dict[str, set[str]] = {}
    for inspector, enterprise in pool.recusals:
        recused.setdefault(enterprise, set()).add(inspector)
    queue: deque[str] = deque()
    rounds = 0
    picks = []
    for uuid, cls in chosen:
        barred = recused.get(uuid, set())
        eligible = len(set(pool.inspectors) - barred)
        if eligible < params.team_size:
            raise DrawError("draw.too_few_inspectors", enterprise=uuid, team=params.team_size,
                            eligible=eligible)
        team: list[str] = []
        skipped: list[str] = []
        while len(team) < params.team_size:
            if not queue:
                queue.extend(sorted(pool.inspectors,
                                    key=lambda i, r=rounds: _rank(seed, f"inspector:{r}:{i}")))
                rounds += 1
            i = queue.popleft()
            (team if i not in barred and i not in team else skipped).append(i)
        queue.extendleft(reversed(skipped))
        picks.append(Pick(uuid, cls, team))
    return picks


def build_pool(store: Store, params: DrawParameters, as_of: date, drawn_at: str | None = None) -> Pool:
    """Step 1: the pool as the database shows it on `as_of` (classes computed for that day), with
    the spot checks to come as they stood at `drawn_at` (default now)."""
    start = months_before(as_of, params.exclusion_months).isoformat()
    named = {"start": start, "as_of": as_of.isoformat(), "product": params.product,
             "jurisdiction": params.jurisdiction, "industry": params.industry, "cut": drawn_at or now_utc()}
    where = ["e.deleted_at IS NULL"]
    if params.jurisdiction and params.jurisdiction != "421200":
        where.append("e.jurisdiction_code = :jurisdiction")
    if params.industry:
        where.append("e.industry = :industry")
    # One index seek per enterprise (visit_spot_enterprise), not a pass over all visits. Dates are
    # strictly before the draw date, so the visits a committed draw plans do not exclude its own picks.
    sampled = (" AND EXISTS (SELECT 1 FROM sample s WHERE s.visit_id = v.id AND s.deleted_at IS NULL"
               " AND s.product_name = :product)") if params.product else ""
    recent = (
        "EXISTS (SELECT 1 FROM visit v INDEXED BY visit_spot_enterprise"
        " WHERE v.enterprise_id = e.id AND v.deleted_at IS NULL AND v.kind = 'spot_check'"
        f" AND v.visit_date >= :start AND v.visit_date < :as_of{sampled})"
    )
    # Spot checks to come, as of the draw: entered before it, not deleted by then, still planned or
    # dated from the draw date on. One pass over the planned and the future-dated visits (indexes
    # visit_status, visit_date), not a look at every enterprise's visits.
    as_then = ("kind = 'spot_check' AND created_at < :cut AND (deleted_at IS NULL OR deleted_at > :cut)")
    coming = (f"e.id IN (SELECT enterprise_id FROM visit WHERE status = 'planned' AND {as_then}"
              f" UNION SELECT enterprise_id FROM visit WHERE visit_date >= :as_of AND {as_then})"
              if params.exclude_planned else "0")
    rows = store.db.execute(
        f"SELECT e.id, e.uuid, {recent}, {coming} FROM enterprise e WHERE {' AND '.join(where)}",
        named).fetchall()
    ids = [r[0] for r in rows if not r[2] and not r[3]]
    planned = sorted(r[1] for r in rows if r[3] and not r[2])  # a recent check is the first reason
    classes = _classes(store, ids, as_of)
    uuids = {r[0]: r[1] for r in rows}
    enterprises = sorted((uuids[i], classes[i]) for i in ids)
    iwhere, iargs = "deleted_at IS NULL AND active = 1", []
    if params.jurisdiction and params.jurisdiction != "421200":
        iwhere += " AND jurisdiction_code = ?"
        iargs.append(params.jurisdiction)
    inspectors = sorted(r[0] for r in store.db.execute(f"SELECT uuid FROM inspector WHERE {iwhere}", iargs))
    recusals = sorted(
        (r[0], r[1]) for r in store.db.execute(
            "SELECT i.uuid, e.uuid FROM recusal r JOIN inspector i ON i.id = r.inspector_id"
            " JOIN enterprise e ON e.id = r.enterprise_id WHERE r.deleted_at IS NULL"))
    pool_set = {u for u, _ in enterprises}
    recusals = [r for r in recusals if r[1] in pool_set and r[0] in inspectors]
    return Pool(enterprises, inspectors, recusals, excluded=len(rows) - len(ids), planned=planned)


def _classes(store: Store, ids: list[int], as_of: date) -> dict[int, str]:
    """Today's classes from the cache (refreshed incrementally); another day's computed for that day.

    Both paths run the same rules over the same facts (risk.assess_all), so they agree.
    """
    if as_of == date.today():
        from qcdesk.models.risk import cached_classes

        return cached_classes(store, as_of)
    subset = ids if len(ids) <= 500 else None  # one grouped pass beats many index walks
    return {a.enterprise_id: a.risk_class for a in assess_all(store, as_of, enterprise_ids=subset)}


@dataclass
class DrawResult:
    record: DrawRecord
    pool: Pool
    picks: list[Pick]


def make_draw(store: Store, *, seed: str, params: DrawParameters, operator: str = "",
              witnesses: list[str] | None = None, as_of: date | None = None) -> DrawResult:
    """Build the pool, select, and return an unsaved record (the preview)."""
    as_of = as_of or date.today()
    drawn_at = now_utc()
    pool = build_pool(store, params, as_of, drawn_at)
    picks = select(pool, seed, params)
    record = DrawRecord(drawn_at=drawn_at, as_of=as_of.isoformat(), seed=seed, parameters=params.to_json(),
                        pool_hash=pool.sha256(), pool_size=len(pool.enterprises),
                        pool_snapshot=pool.canonical().decode("utf-8"),
                        selection=[p.to_json() for p in picks], operator=operator,
                        witnesses=list(witnesses or []))
    return DrawResult(record, pool, picks)


def committed_twin(store: Store, seed: str, params: DrawParameters, as_of: str) -> DrawRecord | None:
    """The committed draw with this seed, scope, ratios and date, if any (made here or imported)."""
    for row in store.db.query(
            "SELECT * FROM draw_record WHERE as_of = ? AND committed = 1 AND deleted_at IS NULL"
            " ORDER BY created_at", [as_of]):
        record = DrawRecord.from_row(row)
        if record.seed.strip() == seed.strip() and params.same_draw(
                DrawParameters.from_json(record.parameters)):
            return record
    return None


def local_time(stamp: str) -> str:
    """A stored UTC stamp as the user's clock shows it, to the minute."""
    try:
        return datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


def _check_commit(store: Store, result: DrawResult) -> None:
    """What a public draw needs before it is stored; raises DrawError saying what is missing."""
    record = result.record
    record.operator = record.operator.strip()
    record.witnesses = [w.strip() for w in record.witnesses if w.strip()]
    twin = committed_twin(store, record.seed, DrawParameters.from_json(record.parameters), record.as_of)
    if twin is not None:
        raise DrawError("draw.already_committed", record=twin.uuid, committed_at=local_time(twin.created_at),
                        operator=twin.operator or "—")
    if not record.operator:
        raise DrawError("draw.operator_required")
    if not [w for w in record.witnesses if w != record.operator]:
        raise DrawError("draw.witness_required")
    later = [r[0] for r in store.db.execute(  # planned by another draw since this preview
        "SELECT DISTINCT e.name FROM visit v JOIN enterprise e ON e.id = v.enterprise_id"
        " WHERE v.kind = 'spot_check' AND v.status = 'planned' AND v.deleted_at IS NULL"
        " AND e.uuid IN (SELECT value FROM json_each(?)) ORDER BY e.name COLLATE pinyin",
        [json.dumps([p.enterprise for p in result.picks])])]
    if later and record.parameters.get("exclude_planned"):
        raise DrawError("draw.planned_since_preview", items="、".join(later[:5]))


def commit_draw(store: Store, result: DrawResult, visit_date: str | None = None) -> DrawRecord:
    """Store the record and plan one spot-check visit per drawn enterprise, all or nothing.

    Refused (DrawError) without an operator and a witness, for a draw already committed, and when
    a drawn enterprise got a planned spot check since the preview."""
    record = result.record
    ids = dict(store.db.execute(
        "SELECT uuid, id FROM enterprise WHERE uuid IN (SELECT value FROM json_each(?))",
        [json.dumps([p.enterprise for p in result.picks])]).fetchall())
    with store.transaction():
        _check_commit(store, result)
        record.committed = 1
        insert_record(store, record)
        for pick in result.picks:
            visit = Visit(enterprise_id=ids[pick.enterprise], visit_date=visit_date or record.as_of,
                          kind="spot_check", status="planned", inspectors=list(pick.inspectors),
                          summary=f"双随机抽取（抽取记录 {record.uuid}）")
            save_visit(store, VisitBundle(visit))
    return record


def find_draw(store: Store, key: str) -> DrawRecord | None:
    from qcdesk.models.persistence import fetch_record

    return fetch_record(store, DrawRecord, key)


def list_draws(store: Store) -> list[DrawRecord]:
    return [DrawRecord.from_row(r) for r in store.db.query(
        "SELECT * FROM draw_record WHERE deleted_at IS NULL ORDER BY drawn_at DESC")]


def verify_draw(store: Store, record: DrawRecord, lang: str = "zh") -> list[str]:
    """Re-run a stored draw; an empty list means the same pool hash and selection, else the
    differences, worded in `lang` (the CLI's Chinese, or the UI's language)."""
    problems: list[str] = []
    params = DrawParameters.from_json(record.parameters)
    stored = [Pick(p["enterprise"], p["class"], list(p["inspectors"])) for p in record.selection]
    if record.algorithm != ALGORITHM:
        return [message("draw.verify.algorithm", lang, algorithm=record.algorithm)]
    if record.pool_snapshot:
        snap = Pool.from_canonical(record.pool_snapshot)
        if snap.sha256() != record.pool_hash:
            problems.append(message("draw.verify.snapshot_hash", lang))
        else:
            try:  # a record from elsewhere may hold a ratio or seed this version refuses
                diff = compare_picks(select(snap, record.seed, params), stored, lang)
            except DrawError as exc:
                diff = exc.text(lang)
            if diff:
                problems.append(message("draw.verify.snapshot_rerun", lang, diff=diff))
    pool = build_pool(store, params, date.fromisoformat(record.as_of), record.drawn_at)
    if pool.sha256() != record.pool_hash:
        old = Pool.from_canonical(record.pool_snapshot) if record.pool_snapshot else None
        diff = pool_difference(store, record.pool_size, old, pool, lang)
        problems.append(message("draw.verify.pool_hash", lang, diff=diff))
    try:
        rerun = select(pool, record.seed, params)
    except DrawError as exc:
        problems.append(message("draw.verify.rerun_failed", lang, reason=exc.text(lang)))
    else:
        diff = compare_picks(rerun, stored, lang)
        if diff:
            problems.append(message("draw.verify.rerun_differs", lang, diff=diff))
    return problems


def save_recusal(store: Store, recusal: Recusal) -> Recusal:
    """A recusal (回避) needs both parties and a reason; the same pair is recorded once."""
    from qcdesk.models.persistence import fetch_record
    from qcdesk.models.records import Enterprise, Inspector

    recusal.reason = recusal.reason.strip()
    if not recusal.reason:
        raise DrawError("draw.recusal_reason")
    if recusal.inspector_id is None or fetch_record(store, Inspector, recusal.inspector_id) is None:
        raise DrawError("draw.inspector_unknown", value=recusal.inspector_id)
    if recusal.enterprise_id is None or fetch_record(store, Enterprise, recusal.enterprise_id) is None:
        raise DrawError("draw.enterprise_unknown", value=recusal.enterprise_id)
    if store.db.execute("SELECT 1 FROM recusal WHERE inspector_id = ? AND enterprise_id = ?"
                        " AND deleted_at IS NULL", [recusal.inspector_id, recusal.enterprise_id]).fetchone():
        raise DrawError("draw.recusal_duplicate")
    with store.transaction():
        return insert_record(store, recusal)


def list_recusals(store: Store) -> list[tuple[str, str, str, str]]:
    """(uuid, inspector name, enterprise name, reason) of live recusals."""
    return [tuple(r) for r in store.db.execute(
        "SELECT r.uuid, i.name, e.name, r.reason FROM recusal r JOIN inspector i ON i.id = r.inspector_id"
        " JOIN enterprise e ON e.id = r.enterprise_id WHERE r.deleted_at IS NULL"
        " ORDER BY i.name COLLATE pinyin, e.name COLLATE pinyin")]


@dataclass(frozen=True)
class PickRow:
    """A drawn enterprise as the draw dialog and printouts show it (names, not uuids)."""

    enterprise_uuid: str
    enterprise_name: str
    jurisdiction_code: str
    risk_class: str
    inspectors: tuple[str, ...]


def enterprise_names(store: Store, uuids: list[str]) -> dict[str, str]:
    """uuid → name of these enterprises (e.g. those a draw left out), in pinyin order of name."""
    names = dict(store.db.execute(
        "SELECT uuid, name FROM enterprise WHERE uuid IN (SELECT value FROM json_each(?))"
        " ORDER BY name COLLATE pinyin", [json.dumps(uuids)]).fetchall())
    return names | {u: u for u in uuids if u not in names}


def pick_rows(store: Store, picks: list[Pick]) -> list[PickRow]:
    wanted = json.dumps([p.enterprise for p in picks])
    ents = {r[0]: (r[1], r[2]) for r in store.db.execute(
        "SELECT uuid, name, jurisdiction_code FROM enterprise WHERE uuid IN (SELECT value FROM json_each(?))",
        [wanted])}
    names = dict(store.db.execute("SELECT uuid, name FROM inspector").fetchall())
    return [PickRow(p.enterprise, *ents.get(p.enterprise, (p.enterprise, "")), p.risk_class,
                    tuple(names.get(i, i) for i in p.inspectors)) for p in picks]
