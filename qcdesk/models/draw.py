"""Random draw of enterprises and inspectors (双随机), reproducible on any machine.

Algorithm `qcdesk-draw-v1`, documented so the city can re-run a county's draw:

1. Pool: live enterprises matching the filters (jurisdiction, industry, product), each with its
   risk class as of the draw date; enterprises with a spot-check visit in the `exclusion_months`
   before the draw date (visit date >= that many months back and < the draw date; with
   `exclude_planned`, a still planned one only if entered before the draw) are left out —
   with a product given, only those where a sample of that product was taken. What "jurisdiction"
   and "product" match is the draw's pool rule (`draw_pool.py`: rule 2 takes 咸安区 with
   咸宁高新区 and 砖茶 as part of 青砖茶; rule 3 counts only the drawing office's checks of
   that product, follow-up checks aside; rule 4 counts only checks carried out, never a planned
   one, and leaves out enterprises suspended or with their business licence revoked by their
   orders, `draw_escalation.py`; older draws keep their own rule). With the parameter
   `exclude_planned` (every draw since it was added; absent in older records), an enterprise that
   already has a spot check coming is left out too, so no enterprise is drawn twice: a spot-check
   visit entered before the draw was made (in this database then: its row id at most the draw's
   `last_visit_id`, whatever clock stamped its created_at; for older records and in another
   database created_at < drawn_at; and not deleted by then) that is still planned or is dated on
   or after the draw date. The cut-off lets anyone rebuild the pool as of the draw: the visits the
   draw itself planned, and later ones, do not count. Inspectors: active roster of the
   jurisdiction (all when none given); from rule 5 one per person: records sharing a 执法证号
   count once, as the oldest (its recusals are the person's), so no team holds one person twice
   (from rule 6 leading zeros do not split a number). Recusals: (inspector uuid, enterprise uuid) pairs.
2. Snapshot = canonical JSON (sorted keys, no spaces, UTF-8) of
   {"algorithm", "enterprises": sorted [uuid, class], "inspectors": sorted uuids,
   "recusals": sorted pairs}; pool hash = SHA-256 of those bytes.
   The seed is the record's, hashed as stored (UTF-8); a new draw's seed is tidied when typed
   (`draw_seed.py`: half-width, one space between words, no spaces at the ends), older ones never.
3. Enterprises: within each class, rank = HMAC-SHA256(key=seed, "enterprise:" + uuid) as hex,
   ascending; take ceil(ratio × n) where ratio is an exact decimal. Selection order: class A→D,
   then rank.
4. Inspectors are dealt from a queue. Round r (0, 1, …) appends every inspector ordered by
   HMAC-SHA256(seed, "inspector:" + r + ":" + uuid). For each selected enterprise in that order, walk
   the queue from the front and take the first `team_size` entries that are not recused for it and
   not already on its team; taken entries leave the queue, skipped ones keep their places; when the
   queue runs out, the next round is appended. Workloads stay within one team of each other (bar
   recusals), and the cost is linear in the number of teams.

Verifying a draw (`check_draw`) re-draws from the record's own snapshot and seed: that, and the
snapshot matching its hash, is the verdict. The pool rebuilt from the verifying database is compared
too, but only as information: another database (the city's) never holds the register as it stood.

A draw is refused when its industry is unknown or its pool is empty (saying why), and a pool
whose ratios draw nobody is refused too: an empty draw plans nothing and only looks like a check.
Committing a draw stores it as a record and plans its visits. It needs the operator and at least
one witness, and the same draw (seed, scope, ratios, date) is committed once only.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
from collections import deque
from dataclasses import dataclass, field, replace
from datetime import date
from fractions import Fraction
from functools import partial

from qcdesk.models import local_day
from qcdesk.models.clock_text import local_time
from qcdesk.models.draw_diff import compare_picks, pool_difference
from qcdesk.models.draw_errors import DrawError as DrawError
from qcdesk.models.draw_errors import draw_message as draw_message
from qcdesk.models.draw_pool import ALGORITHM as ALGORITHM
from qcdesk.models.draw_pool import POOL_RULE as POOL_RULE
from qcdesk.models.draw_pool import DrawParameters as DrawParameters
from qcdesk.models.draw_pool import Pool as Pool
from qcdesk.models.draw_pool import build_pool as build_pool
from qcdesk.models.draw_pool import check_industry, drawing_bureau, empty_pool_error, last_visit_id
from qcdesk.models.draw_seed import same_seed, tidy_seed
from qcdesk.models.inspections import VisitBundle, save_visit
from qcdesk.models.messages import message
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Record, Visit
from qcdesk.models.risk import RISK_CLASSES
from qcdesk.models.store import Store, now_utc


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


PERSON_NAME_MAX = 40  # characters of an operator's or a witness's name


def ratio_percent(ratio: str) -> str | None:
    """A share as people say it: "0.05" reads "5%", "0.125" "12.5%" (at most two decimals);
    None for text that is not a share from 0 to 1, as `quota` would refuse it."""
    try:
        value = Fraction(str(ratio).strip())
    except (ValueError, ZeroDivisionError, OverflowError):
        return None
    if not 0 <= value <= 1:
        return None
    percent = f"{float(value * 100):.2f}".rstrip("0").rstrip(".")
    return f"{percent}%"


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
    if chosen and len(pool.inspectors) < params.team_size:  # nobody to recuse: the roster is short
        raise DrawError("draw.too_few_active", active=len(pool.inspectors), team=params.team_size)
    for uuid, cls in chosen:
        barred = recused.get(uuid, set())
        eligible = len(set(pool.inspectors) - barred)
        if eligible < params.team_size:
            raise DrawError("draw.too_few_inspectors", enterprise=uuid, team=params.team_size,
                            eligible=eligible, active=len(pool.inspectors),
                            recused=len(pool.inspectors) - eligible)
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


@dataclass
class DrawResult:
    record: DrawRecord
    pool: Pool
    picks: list[Pick]


def make_draw(store: Store, *, seed: str, params: DrawParameters, operator: str = "",
              witnesses: list[str] | None = None, as_of: date | None = None) -> DrawResult:
    """Build the pool, select, and return an unsaved record (the preview).

    The seed is tidied first (`tidy_seed`): the record holds, and the draw hashes, that spelling."""
    seed = tidy_seed(seed)
    as_of = as_of or local_day.today()
    drawn_at = now_utc()
    select(Pool([], [], []), seed, params)  # seed, team size and ratios first: they are the user's to fix
    for given, rule in ((params.product, "draw.product_blank"), (params.industry, "draw.industry_blank")):
        if given is not None and not given.strip():  # blank is not "all": say so, draw nothing
            raise DrawError(rule)
    check_industry(store, params)
    if params.pool_rule >= 3 and params.bureau is None:  # the office drawing, stored with the draw
        params = replace(params, bureau=drawing_bureau(store))
    # what is recorded before the draw is what this database holds now, not what a clock says
    params = replace(params, last_visit_id=last_visit_id(store))
    pool = build_pool(store, params, as_of, drawn_at)
    if not pool.enterprises:
        raise empty_pool_error(store, params, pool)
    picks = _named(store, pool, seed, params)
    if not picks:
        raise DrawError("draw.nothing_drawn", pool=len(pool.enterprises))
    record = DrawRecord(drawn_at=drawn_at, as_of=as_of.isoformat(), seed=seed, parameters=params.to_json(),
                        pool_hash=pool.sha256(), pool_size=len(pool.enterprises),
                        pool_snapshot=pool.canonical().decode("utf-8"),
                        selection=[p.to_json() for p in picks], operator=operator,
                        witnesses=list(witnesses or []))
    return DrawResult(record, pool, picks)


def _named(store: Store, pool: Pool, seed: str, params: DrawParameters) -> list[Pick]:
    """`select`, its refusal naming the enterprise by name, not uuid."""
    try:
        return select(pool, seed, params)
    except DrawError as exc:
        if "enterprise" not in exc.params:
            raise
        uuid = str(exc.params["enterprise"])
        name = enterprise_names(store, [uuid])[uuid]
        raise DrawError(exc.rule, **{**exc.params, "enterprise": name}) from exc


def committed_twin(store: Store, seed: str, params: DrawParameters, as_of: str) -> DrawRecord | None:
    """The committed draw with this seed, scope, ratios and date, if any (made here or imported).

    Seeds are compared tidied: an older record may spell the announced seed otherwise (a space at
    the end, full-width digits), and one announcement is committed once."""
    for row in store.db.query(
            "SELECT * FROM draw_record WHERE as_of = ? AND committed = 1 AND deleted_at IS NULL"
            " ORDER BY created_at", [as_of]):
        record = DrawRecord.from_row(row)
        if same_seed(record.seed, seed) and params.same_draw(  # one announced seed, however spelt
                DrawParameters.from_json(record.parameters)):
            return record
    return None


def check_people(operator: str, witnesses: list[str]) -> None:
    """The operator and a witness other than the operator a public draw needs, each a name of
    at most PERSON_NAME_MAX characters; raises DrawError saying what is missing. The command
    line asks before it draws (a draw refreshes the risk classes it reads)."""
    operator = operator.strip()
    witnesses = [w.strip() for w in witnesses if w.strip()]
    if not operator:
        raise DrawError("draw.operator_required")
    if not [w for w in witnesses if w != operator]:
        raise DrawError("draw.witness_required")
    for who, who_en, name in (("操作人", "operator", operator),
                              *(("见证人", "witness", w) for w in witnesses)):
        if len(name) > PERSON_NAME_MAX:  # a name, stored and published with the draw
            raise DrawError("draw.name_long", who=who, who_en=who_en, name=name[:10], length=len(name),
                            limit=PERSON_NAME_MAX)


def _check_commit(store: Store, result: DrawResult) -> None:
    """What a public draw needs before it is stored; raises DrawError saying what is missing."""
    record = result.record
    record.operator = record.operator.strip()
    record.witnesses = [w.strip() for w in record.witnesses if w.strip()]
    twin = committed_twin(store, record.seed, DrawParameters.from_json(record.parameters), record.as_of)
    if twin is not None:
        raise DrawError("draw.already_committed", record=twin.uuid, committed_at=local_time(twin.created_at),
                        operator=twin.operator or "—")
    if not result.picks:  # an empty draw checks nobody: it is not stored as if it did
        raise DrawError("draw.nothing_drawn", pool=len(result.pool.enterprises))
    check_people(record.operator, record.witnesses)
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
                          summary=f"双随机抽取（抽取记录 {record.uuid}）",
                          created_at=record.created_at)  # the draw's stamp: removal_rules.planning_draw
            save_visit(store, VisitBundle(visit))
    return record


def find_draw(store: Store, key: str) -> DrawRecord | None:
    """By uuid or a uuid prefix of at least 4 characters (what people read out from a printout).

    Never by the local record id: no screen or printout shows it, and `draw verify 2` verified
    draw id 2 though the clerk meant the draw whose uuid starts with 2. A key under 4 characters
    and a prefix several draws share are refused (DrawError), the latter naming them."""
    key = str(key).strip().lower()
    if len(key) < 4:
        raise DrawError("draw.key_too_short", key=key)
    rows = store.db.execute("SELECT * FROM draw_record WHERE uuid >= ? AND uuid < ? ORDER BY uuid LIMIT 6",
                            [key, key + "\uffff"])
    columns = [d[0] for d in rows.description]
    matches = [dict(zip(columns, r, strict=True)) for r in rows.fetchall()]
    exact = [m for m in matches if m["uuid"] == key]
    if len(matches) > 1 and not exact:
        items = "、".join(f"{m['uuid']}（{m['as_of']}）" for m in matches[:5])
        raise DrawError("draw.prefix_ambiguous", key=key, items=items + ("…" if len(matches) > 5 else ""))
    return DrawRecord.from_row((exact or matches)[0]) if matches else None


def list_draws(store: Store) -> list[DrawRecord]:
    return [DrawRecord.from_row(r) for r in store.db.query(
        "SELECT * FROM draw_record WHERE deleted_at IS NULL ORDER BY drawn_at DESC")]


@dataclass
class DrawCheck:
    """What verifying a draw found: `problems` decide the verdict (不一致), `notes` only inform.

    A draw is verified by what it carries: re-drawn from its own stored pool snapshot and seed it
    must give its stored result, and the snapshot must match its recorded hash. This database's
    register today is another matter: the city holds other counties' enterprises and inspectors,
    later visits move risk classes, and records made elsewhere before the draw may arrive after
    it, so no database can rebuild the register exactly as the drawing one held it. How today's
    register differs is listed as information. Tampering with the record (team, seed, ratios,
    snapshot) shows in the re-run or the hash check, also in the database that made the draw."""

    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def verify_draw(store: Store, record: DrawRecord, lang: str = "zh") -> list[str]:
    """The problems of `check_draw` (empty when the record is self-consistent)."""
    return check_draw(store, record, lang).problems


def check_draw(store: Store, record: DrawRecord, lang: str = "zh") -> DrawCheck:
    """Re-run a stored draw on its own snapshot (the verdict) and on this database's register
    (information), worded in `lang` (the CLI's Chinese, or the UI's language)."""
    if record.algorithm != ALGORITHM:
        return DrawCheck([message("draw.verify.algorithm", lang, algorithm=record.algorithm)])
    params = DrawParameters.from_json(record.parameters)
    stored = [Pick(p["enterprise"], p["class"], list(p["inspectors"])) for p in record.selection]
    if not record.pool_snapshot:  # a record without its pool: today's register is all there is
        return DrawCheck(_against_register(store, record, params, stored, None, lang, verdict=True))
    try:
        snap = Pool.from_canonical(record.pool_snapshot)
    except (ValueError, KeyError, TypeError):  # not even JSON of a pool: altered by hand
        return DrawCheck([message("draw.verify.snapshot_hash", lang)])
    problems: list[str] = []
    if snap.sha256() != record.pool_hash:
        problems.append(message("draw.verify.snapshot_hash", lang))
    else:
        if len(snap.enterprises) != record.pool_size:
            problems.append(draw_message("draw.verify.snapshot_size", lang, size=record.pool_size,
                                         snapshot=len(snap.enterprises)))
        try:  # a record from elsewhere may hold a ratio or seed this version refuses
            diff = compare_picks(_named(store, snap, record.seed, params), stored, lang,
                                 partial(enterprise_names, store))
        except DrawError as exc:
            diff = exc.text(lang)
        if diff:
            problems.append(message("draw.verify.snapshot_rerun", lang, diff=diff))
    return DrawCheck(problems, _against_register(store, record, params, stored, snap, lang, verdict=False))


def _against_register(store: Store, record: DrawRecord, params: DrawParameters, stored: list[Pick],
                      old: Pool | None, lang: str, *, verdict: bool) -> list[str]:
    """How the pool rebuilt from this database (as of the draw) and its re-run differ from the
    record: the verdict for a record without a snapshot, information for one with it."""
    pool = build_pool(store, params, date.fromisoformat(record.as_of), record.drawn_at,
                      here=record.origin == "local")  # elsewhere our visit ids mean other rows
    found: list[str] = []
    if pool.sha256() != record.pool_hash:
        diff = pool_difference(store, record.pool_size, old, pool, lang)
        found.append(message("draw.verify.pool_hash", lang, diff=diff) if verdict
                     else draw_message("draw.verify.register_pool", lang, diff=diff))
    try:
        rerun = _named(store, pool, record.seed, params)
    except DrawError as exc:
        found.append(draw_message("draw.verify.rerun_failed" if verdict else "draw.verify.register_failed",
                                  lang, reason=exc.text(lang)))
    else:
        diff = compare_picks(rerun, stored, lang, partial(enterprise_names, store))
        if diff:
            found.append(draw_message("draw.verify.rerun_differs" if verdict
                                      else "draw.verify.register_rerun", lang, diff=diff))
    return found


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
    inspectors: tuple[str, ...]  # 姓名（执法证号）, the number when the roster has one


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
    # 姓名（执法证号）: two 张伟 in one county are told apart on the list and the printout
    names = {r[0]: f"{r[1]}（{r[2]}）" if r[2] else r[1] for r in store.db.execute(
        "SELECT uuid, name, trim(cert_no) FROM inspector")}
    return [PickRow(p.enterprise, *ents.get(p.enterprise, (p.enterprise, "")), p.risk_class,
                    tuple(names.get(i, i) for i in p.inspectors)) for p in picks]
