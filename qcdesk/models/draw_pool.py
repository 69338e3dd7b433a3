"""Step 1 of the draw: the pool, under the pool rule the draw was made with.

Pool rules (`DrawParameters.pool_rule`, stored in a draw's parameters; absent = 1):

- Rule 1 (draws made before rule 2): the jurisdiction is its own code only (咸安区 without
  咸宁高新区); a product leaves the pool as it is and excludes only enterprises with a sample of
  exactly that name in the exclusion window.
- Rule 2 (every new draw): the jurisdiction is an area — the code and every jurisdiction under it in
  the stored table (咸安区 with 咸宁高新区, as reports and warnings count it) — for enterprises and
  inspectors alike. With a product word, the pool holds the enterprises that make it: the word
  appears in their main products, their industry contains it or is contained in it (砖茶 for
  青砖茶), or a sample of theirs dated before the draw names it; and the exclusion window leaves
  out those with a sample whose name contains the word (青砖茶 and 米砖茶 for 砖茶). Without a
  product, any spot check in the window excludes the enterprise, whatever was sampled.
- Rule 3 (every new draw): as rule 2, but the exclusion follows the six-month rule of SAMR order
  No. 18 (the same product not checked twice by the same bureau, follow-up checks excepted), so
  that county checks merged at the city no longer empty the city's draw:
  * same bureau: the sample's organising body (``sample.organiser``, 组织单位) is the drawing
    office's (`DrawParameters.bureau`: the desk's organising body when the draw was made). A
    sample with no organiser is this desk's when its visit was entered here (its 抽样单 prints
    this desk's body), else its inspectors' unit (所属单位) decides, and a visit whose inspectors
    are unknown is counted (as repeat_checks.py does: a repeated check missed is worse);
  * same product: with a product word, a sample whose name contains it (as rule 2); with only an
    industry, a sample of a product in that industry: its name contains the industry word or is
    contained in it (青砖茶 / 砖茶), or it is among the enterprise's main products (the enterprise
    is filed under the industry); with neither, any spot check (nothing says what will be sampled);
  * follow-up checks do not count: re-checks (复查) are not spot checks, and a spot check linked
    to a rectification order (跟踪抽查, ``visit.rectification_id``) is left aside.
  The latest such check is kept per excluded enterprise (`Pool.recent`) so the draw says why.
- Rule 4 (every new draw): as rule 3, and
  * only checks carried out count: a spot check still planned (计划, status 'planned') is no
    check made, whatever its date; a draw's visit never carried out used to keep its enterprise
    out for six months as 接受过监督抽查. It still keeps it out as a check to come (below), which
    ends when the visit is done (then the six months run from its date) or deleted. A check
    counts once recorded (status 'draft' or 'done', as repeat_checks and the reports count
    them) before the draw was made (see "Recorded before the draw" below);
  * an enterprise whose order climbed to 责令停业，限期整顿 (until a passing re-check closes the
    order) or to 吊销营业执照 is out (`draw_escalation.py` says why), `Pool.escalated`.

- Rule 5 (every new draw): as rule 4, and an inspector is a person, one per 执法证号: live
  roster records sharing a non-empty 执法证号 (the same 张伟 typed in on two laptops, or one
  名录 imported into two databases, meet at the county as two records) enter the pool once, as
  the oldest record, and a recusal recorded on any of them bars that person. Before it, one
  person could be drawn as both members of a two-person team.
- Rule 6 (every new draw): as rule 5, and leading zeros do not split a 执法证号
  (`cert_duplicates.person_cert`): 4212220002, the 04212220002 an Excel number cell lost its 0
  from, is the same person. Before it, such a pair was drawn as two people.
- Rule 7 (every new draw): as rule 6, and the exclusion window ends as 民法典 art. 203 ends a
  period in months (`risk.period_start`, as repeat_checks.py warns): a check on 02-28 counts through
  08-28, so a draw on 08-29 to 08-31 no longer leaves its enterprise out (before it, the window
  started on the 02-28 `months_before` clamps 08-31 to). Other days draw as rule 6.
- Rule 8 (every new draw): as rule 7, and width and blanks do not split a 执法证号 either
  (`person_cert` folds them as saves now store them): ４２１２２２０００２ or 4212 220002, typed in
  before the register's dialog folded them, is 4212220002. Before it, one officer so typed twice
  was drawn as both members of a team.

"Recorded before the draw" (rule 4's checks made, and the checks to come) is, for every new draw, a
visit row present in the drawing database when the draw was made: its local id at most the draw's
`DrawParameters.last_visit_id` (ids only grow: nothing deletes a visit row, an import appends), what
ever its ``created_at`` says. Before it (records without the key, and a draw rebuilt in another
database, whose ids are not the drawing one's), ``created_at`` before ``drawn_at`` decided, so a visit
saved on a laptop whose clock ran ahead (created_at 2027) counted as not yet recorded, and a firm
spot-checked days before stayed in the pool.

A committed draw is re-run with its own rule, so a new rule never makes an old draw fail `verify`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date

from qcdesk.models import local_day
from qcdesk.models.cert_duplicates import person_cert
from qcdesk.models.clock_text import cn_date
from qcdesk.models.draw_errors import DrawError
from qcdesk.models.draw_escalation import Escalation, escalated_enterprises
from qcdesk.models.jurisdictions import AREA_CODES_SQL, CITY_CODE, bureau_code_named, jurisdiction_by_code
from qcdesk.models.risk import SupervisionRules, assess_all, months_before, period_start
from qcdesk.models.store import Store, now_utc

ALGORITHM = "qcdesk-draw-v1"
POOL_RULE = 8  # the rule new draws are made with


@dataclass(frozen=True)
class DrawParameters:
    jurisdiction: str | None = None
    industry: str | None = None
    product: str | None = None
    ratios: dict[str, str] = field(default_factory=lambda: dict(SupervisionRules().draw_ratios))
    team_size: int = 2
    exclusion_months: int = 6
    exclude_planned: bool = True  # False only for records made before the rule (key absent)
    pool_rule: int = POOL_RULE  # 1 for records made before rule 2 (key absent)
    bureau: str | None = None  # rule 3: the drawing office's organising body (make_draw fills it in)
    # the last visit row (local id) in the drawing database at the draw (make_draw fills it in): the
    # visits "recorded before the draw"; None for records made before it (created_at decides)
    last_visit_id: int | None = None

    def to_json(self) -> dict:
        data = {"jurisdiction": self.jurisdiction, "industry": self.industry, "product": self.product,
                "ratios": dict(sorted(self.ratios.items())), "team_size": self.team_size,
                "exclusion_months": self.exclusion_months, "exclude_planned": self.exclude_planned,
                "pool_rule": self.pool_rule}
        if self.bureau is not None:
            data["bureau"] = self.bureau
        return {**data, "last_visit_id": self.last_visit_id} if self.last_visit_id is not None else data

    @classmethod
    def from_json(cls, data: dict) -> DrawParameters:
        return cls(jurisdiction=data.get("jurisdiction"), industry=data.get("industry"),
                   product=data.get("product"), ratios=dict(data.get("ratios", {})),
                   team_size=int(data.get("team_size", 2)),
                   exclusion_months=int(data.get("exclusion_months", 6)),
                   exclude_planned=bool(data.get("exclude_planned", False)),
                   pool_rule=int(data.get("pool_rule", 1)), bureau=data.get("bureau"),
                   last_visit_id=None if data.get("last_visit_id") is None else int(data["last_visit_id"]))

    def same_draw(self, other: DrawParameters) -> bool:
        """Same scope, ratios, team size and window (whole city either way; 0.05 equals 0.050).

        The pool rule is not part of it: a draw committed under an older rule is the same draw."""
        from fractions import Fraction

        from qcdesk.models.risk import RISK_CLASSES

        def key(p: DrawParameters) -> tuple:
            ratios = {}
            for cls in sorted({*p.ratios, *RISK_CLASSES}):  # a class left out draws none: ratio 0
                ratio = p.ratios.get(cls, "0")
                try:
                    ratios[cls] = Fraction(str(ratio).strip())
                except (ValueError, ZeroDivisionError):
                    ratios[cls] = str(ratio).strip()
            whole = p.jurisdiction in (None, "", CITY_CODE)
            return (None if whole else p.jurisdiction, p.industry or None, (p.product or "").strip() or None,
                    ratios, p.team_size, p.exclusion_months)
        return key(self) == key(other)

    @classmethod
    def from_rules(cls, rules: SupervisionRules, **filters: str | None) -> DrawParameters:
        return cls(ratios=dict(rules.draw_ratios), team_size=rules.draw_team_size,
                   exclusion_months=rules.draw_exclusion_months, **filters)

    @property
    def word(self) -> str:
        """The product word, blank-stripped ('' when none)."""
        return (self.product or "").strip()


@dataclass(frozen=True)
class RecentCheck:
    """The spot check that keeps an enterprise out of a draw: when, what, by whom."""

    visit_date: str
    product: str
    organiser: str

    def words(self, bureau: str, lang: str = "zh") -> str:
        """Why, as the draw's output says it (a blank organiser is the drawing office's)."""
        by = self.organiser.strip() or bureau
        if lang.startswith("en"):
            what = f"“{self.product}”" if self.product else "a spot check"
            return f"{what} checked on {self.visit_date} by {by}"
        what = f"抽查“{self.product}”" if self.product else "监督抽查"
        return f"{cn_date(self.visit_date)}经{by}{what}"


def drawing_bureau(store: Store) -> str:
    """The office making a draw: this desk's organising body (what its 抽样单 carry as 组织单位)."""
    from qcdesk.models.editor_queries import doc_setting

    return doc_setting(store, "doc.org_name").strip()


@dataclass
class Pool:
    enterprises: list[tuple[str, str]]  # (uuid, class), sorted
    inspectors: list[str]
    recusals: list[tuple[str, str]]  # (inspector uuid, enterprise uuid)
    excluded: int = 0  # left out for any reason
    planned: list[str] = field(default_factory=list)  # of those: left out for a spot check to come
    # rule 3, of those left out for a recent check: uuid -> the latest check counted (why)
    recent: dict[str, RecentCheck] = field(default_factory=dict)
    # rule 4, of those left out: uuid -> the order's step that took it out of business (why)
    escalated: dict[str, Escalation] = field(default_factory=dict)

    def recent_count(self) -> int:
        """How many were left out for a recent check (a firm is counted under one reason only)."""
        return self.excluded - len(self.planned) - len(self.escalated)

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


def _area(params: DrawParameters, column: str) -> str:
    """The jurisdiction condition on `column` under the draw's pool rule ('' for the whole city)."""
    if not params.jurisdiction or params.jurisdiction == CITY_CODE:
        return ""
    if params.pool_rule < 2:
        return f"{column} = :jurisdiction"
    return f"{column} IN ({AREA_CODES_SQL.replace(':area', ':jurisdiction')})"


def _makes_product(params: DrawParameters) -> str:
    """Rule 2: the enterprise makes the product word ('' without a product or under rule 1)."""
    if not params.word or params.pool_rule < 2:
        return ""
    return ("(instr(e.main_products, :product) > 0 OR instr(e.industry, :product) > 0"
            " OR (e.industry != '' AND instr(:product, e.industry) > 0)"
            " OR EXISTS (SELECT 1 FROM visit pv JOIN sample ps ON ps.visit_id = pv.id"
            " WHERE pv.enterprise_id = e.id AND pv.deleted_at IS NULL AND ps.deleted_at IS NULL"
            " AND pv.visit_date < :as_of AND instr(ps.product_name, :product) > 0))")


def last_visit_id(store: Store) -> int:
    """The newest visit row here: what a draw made now finds recorded (see the module docstring)."""
    return int(store.db.execute("SELECT coalesce(max(id), 0) FROM visit").fetchone()[0])


def build_pool(store: Store, params: DrawParameters, as_of: date, drawn_at: str | None = None,
               *, here: bool = True) -> Pool:
    """Step 1: the pool as the database shows it on `as_of` (classes computed for that day), with
    the spot checks to come as they stood at `drawn_at` (default now). `here`: the draw was made in
    this database, so its `last_visit_id` names our rows (elsewhere created_at must do). A pool
    built now without one takes every visit this database holds, whatever its created_at."""
    window = period_start if params.pool_rule >= 7 else months_before  # rule 7: 民法典 art. 203
    start = window(as_of, params.exclusion_months).isoformat()
    product = params.word if params.pool_rule >= 2 else params.product
    named = {"start": start, "as_of": as_of.isoformat(), "product": product,
             "jurisdiction": params.jurisdiction, "industry": params.industry, "cut": drawn_at or now_utc(),
             "seen": params.last_visit_id if params.last_visit_id is not None or drawn_at
             else last_visit_id(store)}
    # recorded before the draw: present in this database then, not "created before" by some clock
    recorded = "v.id <= :seen" if here and named["seen"] is not None else "v.created_at < :cut"
    where = ["e.deleted_at IS NULL"]
    if area := _area(params, "e.jurisdiction_code"):
        where.append(area)
    if params.industry:
        where.append("e.industry = :industry")
    if makes := _makes_product(params):
        where.append(makes)
    # One index seek per enterprise (visit_spot_enterprise), not a pass over all visits. Dates are
    # strictly before the draw date, so the visits a committed draw plans do not exclude its own picks.
    same = "instr(s.product_name, :product) > 0" if params.pool_rule >= 2 else "s.product_name = :product"
    sampled = (" AND EXISTS (SELECT 1 FROM sample s WHERE s.visit_id = v.id AND s.deleted_at IS NULL"
               f" AND {same})") if product else ""
    # A planned visit is a check to come, not one made: since `exclude_planned` it counts only if it
    # was entered before the draw, so a later draw's visits (dated in the window) do not shrink this
    # draw's pool when it is rebuilt. At the draw itself every planned visit is older: same pool.
    then = f" AND (v.status != 'planned' OR {recorded})" if params.exclude_planned else ""
    recent = (
        "EXISTS (SELECT 1 FROM visit v INDEXED BY visit_spot_enterprise"
        " WHERE v.enterprise_id = e.id AND v.deleted_at IS NULL AND v.kind = 'spot_check'"
        f" AND v.visit_date >= :start AND v.visit_date < :as_of{then}{sampled})"
    )
    if params.pool_rule >= 3:  # rule 4: a check carried out and recorded before the draw
        recent = _recent_rule_3(params, f" AND v.status != 'planned' AND {recorded}"
                                if params.pool_rule >= 4 else then)
        bureau = params.bureau if params.bureau is not None else drawing_bureau(store)
        named.update(bureau="".join(bureau.split()), bureau_code=bureau_code_named(bureau) or "",
                     own=int("".join(bureau.split()) == "".join(drawing_bureau(store).split())))
    # Spot checks to come, as of the draw: entered before it, not deleted by then, still planned or
    # dated from the draw date on. One pass over the planned and the future-dated visits (indexes
    # visit_status, visit_date), not a look at every enterprise's visits.
    as_then = (f"kind = 'spot_check' AND {recorded.replace('v.', '')}"
               " AND (deleted_at IS NULL OR deleted_at > :cut)")
    coming = (f"e.id IN (SELECT enterprise_id FROM visit WHERE status = 'planned' AND {as_then}"
              f" UNION SELECT enterprise_id FROM visit WHERE visit_date >= :as_of AND {as_then})"
              if params.exclude_planned else "0")
    rows = store.db.execute(
        f"SELECT e.id, e.uuid, {recent}, {coming} FROM enterprise e WHERE {' AND '.join(where)}",
        named).fetchall()
    out = escalated_enterprises(store, as_of) if params.pool_rule >= 4 else {}
    escalated = {r[1]: out[r[0]] for r in rows if r[0] in out}  # the first reason, then a recent check
    ids = [r[0] for r in rows if not r[2] and not r[3] and r[0] not in out]
    planned = sorted(r[1] for r in rows if r[3] and not r[2] and r[0] not in out)
    recent_checks = {r[1]: RecentCheck(*json.loads(r[2])) for r in rows
                     if params.pool_rule >= 3 and r[2] and r[0] not in out}
    classes = _classes(store, ids, as_of)
    uuids = {r[0]: r[1] for r in rows}
    enterprises = sorted((uuids[i], classes[i]) for i in ids)
    inspectors, recusals = _people(store, params)
    pool_set = {u for u, _ in enterprises}
    recusals = [r for r in recusals if r[1] in pool_set and r[0] in inspectors]
    return Pool(enterprises, inspectors, recusals, excluded=len(rows) - len(ids), planned=planned,
                recent=recent_checks, escalated=escalated)


def _people(store: Store, params: DrawParameters) -> tuple[list[str], list[tuple[str, str]]]:
    """The pool's inspectors (sorted uuids) and all live recusals as (inspector, enterprise uuid);
    from rule 5 one uuid per person: the oldest live record of each 执法证号 stands for them all
    (from rule 6 with leading zeros dropped, from rule 8 width and blanks folded too)."""
    iwhere = "deleted_at IS NULL AND active = 1"
    if area := _area(params, "jurisdiction_code"):
        iwhere += f" AND {area}"
    rows = store.db.execute(f"SELECT uuid, trim(cert_no) FROM inspector WHERE {iwhere}"
                            " ORDER BY created_at, uuid", {"jurisdiction": params.jurisdiction}).fetchall()
    # rule 6: 0421… and 421… are one number; rule 8: ４２１… and 421 … too
    key = person_cert if params.pool_rule >= 8 else _zeros_only if params.pool_rule >= 6 else str
    first: dict[str, str] = {}  # 执法证号 -> the record standing for the person
    if params.pool_rule >= 5:
        for uuid, cert in rows:
            if cert and (params.pool_rule < 8 or key(cert)):  # rule 8: blanks only are no number
                first.setdefault(key(cert), uuid)
    inspectors = sorted({first.get(key(cert), uuid) for uuid, cert in rows})
    recusals = [(first.get(key(r[2]), r[0]) if r[2] else r[0], r[1]) for r in store.db.execute(
        "SELECT i.uuid, e.uuid, trim(i.cert_no) FROM recusal r JOIN inspector i ON i.id = r.inspector_id"
        " JOIN enterprise e ON e.id = r.enterprise_id WHERE r.deleted_at IS NULL")]
    # rule 5: the person's recusals once each (two records' recusals of one firm are one); before
    # it the list stays as it was built, so an older draw's pool is rebuilt byte for byte
    return inspectors, sorted(set(recusals) if params.pool_rule >= 5 else recusals)


def _zeros_only(cert: str) -> str:
    """Rules 6 and 7's number: leading zeros dropped, width and blanks inside kept as stored."""
    cert = (cert or "").strip()
    return cert.lstrip("0") or cert


# Rule 3's "same bureau" (see the module docstring); :bureau is the name with its blanks removed.
_INSPECTORS = ("json_each(CASE WHEN json_valid(v.inspectors) THEN v.inspectors ELSE '[]' END) j"
               " JOIN inspector i ON i.uuid = j.value")
_SAME_BUREAU = (
    "(CASE WHEN trim(coalesce(s.organiser, '')) != ''"
    " THEN replace(replace(s.organiser, ' ', ''), char(12288), '') = :bureau"
    " WHEN v.origin = 'local' THEN :own"
    f" ELSE EXISTS (SELECT 1 FROM {_INSPECTORS} WHERE i.jurisdiction_code = :bureau_code)"
    f" OR NOT EXISTS (SELECT 1 FROM {_INSPECTORS} WHERE i.jurisdiction_code != '') END)")


def _recent_rule_3(params: DrawParameters, then: str) -> str:
    """The latest counted check as JSON [date, product, organiser], NULL when none (rule 3)."""
    if params.word:
        product = "s.id IS NOT NULL AND instr(s.product_name, :product) > 0"
    elif params.industry:
        product = ("s.id IS NOT NULL AND (instr(s.product_name, :industry) > 0 OR (s.product_name != ''"
                   " AND (instr(:industry, s.product_name) > 0"
                   " OR instr(e.main_products, s.product_name) > 0)))")
    else:
        product = "1"
    return ("(SELECT json_array(v.visit_date, coalesce(s.product_name, ''), coalesce(s.organiser, ''))"
            " FROM visit v INDEXED BY visit_spot_enterprise"
            " LEFT JOIN sample s ON s.visit_id = v.id AND s.deleted_at IS NULL"
            " WHERE v.enterprise_id = e.id AND v.deleted_at IS NULL AND v.kind = 'spot_check'"
            f" AND v.rectification_id IS NULL AND v.visit_date >= :start AND v.visit_date < :as_of{then}"
            f" AND {product} AND {_SAME_BUREAU} ORDER BY v.visit_date DESC, v.id DESC LIMIT 1)")


def _classes(store: Store, ids: list[int], as_of: date) -> dict[int, str]:
    """Today's classes from the cache (refreshed incrementally); another day's computed for that day.

    Both paths run the same rules over the same facts (risk.assess_all), so they agree.
    """
    if as_of == local_day.today():
        from qcdesk.models.risk import cached_classes

        return cached_classes(store, as_of)
    subset = ids if len(ids) <= 500 else None  # one grouped pass beats many index walks
    return {a.enterprise_id: a.risk_class for a in assess_all(store, as_of, enterprise_ids=subset)}


def known_industries(store: Store) -> list[str]:
    """The industries a draw may name: the industry list and those enterprises are filed under."""
    return [r[0] for r in store.db.execute(
        "SELECT name FROM (SELECT name, id AS o FROM industry WHERE deleted_at IS NULL"
        " UNION ALL SELECT industry, 1e12 FROM enterprise WHERE deleted_at IS NULL AND industry != '')"
        " GROUP BY name ORDER BY min(o), name COLLATE pinyin")]


def check_industry(store: Store, params: DrawParameters) -> None:
    """Refuse an industry nobody knows (a typo drew from an empty pool), naming the known ones."""
    if not params.industry:
        return
    known = known_industries(store)
    if params.industry in known:
        return
    if not known:
        raise DrawError("draw.industry_none", industry=params.industry)
    raise DrawError("draw.industry_unknown", industry=params.industry, known="、".join(known))


def scope_name(params: DrawParameters, parts: list[str] | None = None) -> str:
    """The draw's scope in words: 赤壁市, 赤壁市“砖茶”行业 (names, the same in either language);
    with `parts` (area_parts) 咸安区（含咸宁高新区）, as the lists name an area whose firms it counts."""
    j = jurisdiction_by_code(params.jurisdiction or CITY_CODE)
    name = j.name if j else str(params.jurisdiction)
    if parts:
        name = f"{name}（含{'、'.join(parts)}）"
    return f"{name}“{params.industry}”行业" if params.industry else name


def empty_pool_error(store: Store, params: DrawParameters, pool: Pool) -> DrawError:
    """Why this pool is empty, as the refusal the user sees."""
    if not store.db.execute("SELECT 1 FROM enterprise WHERE deleted_at IS NULL LIMIT 1").fetchone():
        return DrawError("draw.pool_no_enterprises")
    named = {"jurisdiction": params.jurisdiction, "industry": params.industry}
    where = ["e.deleted_at IS NULL"]
    if area := _area(params, "e.jurisdiction_code"):
        where.append(area)
    if params.industry:
        where.append("e.industry = :industry")
    scope = scope_name(params, area_parts(store, params))
    if not store.db.execute(f"SELECT 1 FROM enterprise e WHERE {' AND '.join(where)} LIMIT 1",
                            named).fetchone():
        return DrawError("draw.pool_no_scope", scope=scope)
    if pool.excluded == 0 and params.word and params.pool_rule >= 2:
        return DrawError("draw.pool_no_product", scope=scope, product=params.word)
    word = params.word
    return DrawError("draw.pool_all_excluded_closed" if pool.escalated else "draw.pool_all_excluded",
                     scope=scope, candidates=pool.excluded, months=params.exclusion_months,
                     recent=pool.recent_count(), planned=len(pool.planned), escalated=len(pool.escalated),
                     what=f"抽查过名称含“{word}”的产品" if word else "接受过监督抽查",
                     what_en=f"checked for a product named “{word}”" if word else "spot-checked")


def area_parts(store: Store, params: DrawParameters) -> list[str]:
    """Names of the jurisdictions under the draw's one (咸宁高新区 for 咸安区) that rule 2 takes in."""
    if params.pool_rule < 2 or not params.jurisdiction or params.jurisdiction == CITY_CODE:
        return []
    return [r[0] for r in store.db.execute(
        f"SELECT name FROM jurisdiction WHERE code != :area AND code IN ({AREA_CODES_SQL})"
        " ORDER BY code", {"area": params.jurisdiction})]


def exclusion_rule(params: DrawParameters, lang: str = "zh") -> str:
    """Which recent checks keep an enterprise out, in words (rule 3; the CLI and the dialog)."""
    by, n = params.bureau or "本单位", params.exclusion_months
    if lang.startswith("en"):
        what = (f"a product named with “{params.word}”" if params.word else
                f"a product of the “{params.industry}” industry" if params.industry else "any product")
        if params.pool_rule >= 4:
            return (f"left out: enterprises spot-checked by {by} for {what} within {n} months (only checks "
                    "carried out count: planned ones not yet made, other offices' checks, follow-up checks "
                    "and re-checks do not); enterprises suspended for rectification (until a re-check "
                    "passes) or with their business licence revoked")
        return (f"left out: enterprises spot-checked by {by} for {what} within {n} months "
                "(other offices' checks, follow-up checks and re-checks do not count)")
    what = (f"抽查过名称含“{params.word}”的产品" if params.word else
            f"抽查过“{params.industry}”行业的产品（名称含该词或为企业主要产品）" if params.industry else
            "监督抽查过（不论抽查的是什么产品）")
    if params.pool_rule >= 4:
        return (f"{n}个月内经{by}{what}的企业不参加（只计已实施的抽查；尚未实施的计划抽查、其他单位组织的"
                "抽查、跟踪抽查和复查不计）；责令停业整顿（复查合格前）或被吊销营业执照的企业不参加")
    return f"{n}个月内经{by}{what}的企业不参加（其他单位组织的抽查、跟踪抽查和复查不计）"


def recent_lines(store: Store, params: DrawParameters, pool: Pool, lang: str = "zh") -> list[str]:
    """One line per enterprise left out for a recent check: its name and the check (rule 3)."""
    return _named_lines(store, {u: c.words(params.bureau or "", lang) for u, c in pool.recent.items()}, lang)


def escalated_lines(store: Store, pool: Pool, lang: str = "zh") -> list[str]:
    """One line per enterprise left out as suspended or with its licence revoked (rule 4)."""
    return _named_lines(store, {u: step.words(lang) for u, step in pool.escalated.items()}, lang)


def _named_lines(store: Store, why: dict[str, str], lang: str) -> list[str]:
    """'name（why）' per enterprise uuid, in pinyin order of name."""
    if not why:
        return []
    names = dict(store.db.execute(
        "SELECT uuid, name FROM enterprise WHERE uuid IN (SELECT value FROM json_each(?))",
        [json.dumps(sorted(why))]).fetchall())
    from qcdesk.models.name_order import name_sort_key

    form = "{} ({})" if lang.startswith("en") else "{}（{}）"
    rows = sorted(((names.get(u, u), reason) for u, reason in why.items()), key=lambda r: name_sort_key(r[0]))
    return [form.format(name, reason) for name, reason in rows]
