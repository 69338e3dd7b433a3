"""Random draw: determinism and per-class ratios as properties, recusals, exclusions, verify."""

from __future__ import annotations

import hashlib
import hmac
import math
import uuid as uuidlib
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qcdesk.models.draw import (
    DrawError,
    DrawParameters,
    Pool,
    Recusal,
    check_draw,
    commit_draw,
    find_draw,
    make_draw,
    quota,
    save_recusal,
    select,
    verify_draw,
)
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.records import Enterprise, Inspector, Sample, Visit
from qcdesk.models.store import Store

TODAY = date(2026, 11, 1)
uuids = st.uuids(version=4).map(str)
classes = st.sampled_from("ABCD")
ratios = st.sampled_from(["0", "0.01", "0.05", "0.07", "0.2", "0.333", "0.6", "1"])


@st.composite
def pools(draw: st.DrawFn) -> Pool:
    ents = draw(st.lists(st.tuples(uuids, classes), max_size=60, unique_by=lambda t: t[0]))
    insp = draw(st.lists(uuids, min_size=4, max_size=8, unique=True))
    rec = draw(st.lists(st.tuples(st.sampled_from(insp), st.sampled_from([e[0] for e in ents] or ["x"])),
                        max_size=2, unique=True)) if ents else []  # ≥ 2 always left
    return Pool(sorted(ents), sorted(insp), sorted(rec))


@settings(max_examples=60, deadline=None)
@given(pools(), st.text(min_size=1, max_size=20), st.dictionaries(classes, ratios, min_size=4))
def test_selection_deterministic_and_ratios_exact(pool: Pool, seed: str, rs: dict[str, str]) -> None:
    params = DrawParameters(ratios=rs)
    first = select(pool, seed, params)
    # a pool rebuilt in another order (another machine, another query plan) gives the same result
    again = Pool(sorted(reversed(pool.enterprises)), sorted(pool.inspectors), sorted(pool.recusals))
    assert again.sha256() == pool.sha256()
    assert [p.to_json() for p in select(again, seed, params)] == [p.to_json() for p in first]
    for cls in "ABCD":
        n = sum(1 for _, c in pool.enterprises if c == cls)
        got = sum(1 for p in first if p.risk_class == cls)
        assert got == math.ceil(Fraction(rs[cls]) * n)
    recused = set(pool.recusals)
    for pick in first:
        assert len(set(pick.inspectors)) == 2
        assert not any((i, pick.enterprise) in recused for i in pick.inspectors)


@settings(max_examples=30, deadline=None)
@given(pools(), st.text(min_size=1, max_size=10))
def test_workload_is_balanced(pool: Pool, seed: str) -> None:
    everyone = DrawParameters(ratios=dict.fromkeys("ABCD", "1"))
    picks = select(Pool(pool.enterprises, pool.inspectors, []), seed, everyone)
    loads = [sum(i in p.inspectors for p in picks) for i in pool.inspectors]
    assert max(loads) - min(loads) <= 1


def test_quota_uses_exact_decimals() -> None:
    assert quota("0.07", 100) == 7
    assert quota("0.05", 1) == 1
    assert quota("0", 50) == 0
    with pytest.raises(DrawError):
        quota("1.5", 3)


def test_known_answer_for_other_machines() -> None:
    """Pinned values: any implementation of qcdesk-draw-v1 must reproduce them."""
    ents = [(str(uuidlib.UUID(int=i)), "ABCD"[i % 4]) for i in range(1, 21)]
    insp = [str(uuidlib.UUID(int=1000 + i)) for i in range(4)]
    pool = Pool(ents, insp, [])
    picks = select(pool, "2026-11-01 咸宁", DrawParameters())
    assert pool.sha256() == hashlib.sha256(pool.canonical()).hexdigest()
    assert pool.sha256() == "f6380322a369a8ea1e382bba6f19de87785f5d207150a8edf0f8e290775e80f6"
    summary = [(p.enterprise[-2:], p.risk_class, [i[-2:] for i in p.inspectors]) for p in picks]
    assert summary == [
        ("14", "A", ["ea", "eb"]), ("09", "B", ["e8", "e9"]), ("06", "C", ["e8", "eb"]),
        ("0a", "C", ["e9", "ea"]), ("02", "C", ["ea", "eb"]), ("0f", "D", ["e9", "e8"]),
        ("0b", "D", ["e9", "ea"]), ("13", "D", ["e8", "eb"]), ("03", "D", ["eb", "ea"]),
        ("07", "D", ["e8", "e9"]),
    ]
    # the class-A pick is the lowest HMAC among the five class-A uuids, computed independently
    a_uuids = [u for u, c in ents if c == "A"]
    key = "2026-11-01 咸宁".encode()
    lowest = min(a_uuids, key=lambda u: hmac.new(key, f"enterprise:{u}".encode(), hashlib.sha256).hexdigest())
    assert picks[0].enterprise == lowest


# --- against a real store -------------------------------------------------------------------

CODES = ["91421202MA4AEDKU8T", "91421221MA4E3XHX15", "91421222MA4PJ5BUX4", "91421223MA4059AK31",
         "91421224MA4CJGYT6P", "91421281MA4KL5FE07", "92421281MA4C3FYL02", "93421281MA4NECRW8W"]


@pytest.fixture
def county(store: Store) -> Store:
    for i, code in enumerate(CODES):
        save_enterprise(store, Enterprise(uscc=code, name=f"赤壁企业{i}", jurisdiction_code="421281",
                                          industry="砖茶" if i < 6 else "纺织服装"))
    for n in ("王磊", "李娜", "张伟", "刘洋"):
        save_inspector(store, Inspector(name=n, jurisdiction_code="421281"))
    save_inspector(store, Inspector(name="外县人员", jurisdiction_code="421221"))
    return store


def ids(store: Store) -> dict[str, int]:
    return dict(store.db.execute("SELECT name, id FROM enterprise").fetchall())


def spot_check(store: Store, enterprise_id: int, day: str, product: str, result: str = "pass") -> None:
    insp = [r[0] for r in store.db.execute("SELECT uuid FROM inspector LIMIT 2")]
    save_visit(store, VisitBundle(Visit(enterprise_id=enterprise_id, visit_date=day, status="done",
                                        inspectors=insp),
                                  [Sample(product_name=product, result=result,
                                          failed_items="x" if result == "fail" else "")]))


def test_draw_filters_excludes_recent_and_commits_planned_visits(county: Store) -> None:
    e = ids(county)
    spot_check(county, e["赤壁企业0"], "2026-07-01", "青砖茶")  # within six months: left out
    spot_check(county, e["赤壁企业1"], "2026-01-01", "青砖茶")  # older: stays in
    params = DrawParameters(jurisdiction="421281", industry="砖茶", product="青砖茶",
                            ratios=dict.fromkeys("ABCD", "1"))
    result = make_draw(county, seed="abc", params=params, operator="王科长", witnesses=["李四"], as_of=TODAY)
    assert result.pool.excluded == 1 and len(result.pool.enterprises) == 5
    assert len(result.pool.inspectors) == 4  # the other county's inspector is not in the pool
    record = commit_draw(county, result)
    planned = county.db.execute(
        "SELECT count(*) FROM visit WHERE status = 'planned' AND kind = 'spot_check'").fetchone()[0]
    assert planned == 5
    stored = find_draw(county, record.uuid)
    assert stored.witnesses == ["李四"] and stored.committed == 1 and stored.pool_hash == result.pool.sha256()
    assert verify_draw(county, stored) == []


def test_recusal_is_honoured(county: Store) -> None:
    e = ids(county)
    insp = county.db.execute("SELECT id, uuid FROM inspector WHERE jurisdiction_code = '421281'").fetchall()
    for iid, _ in insp[:3]:
        save_recusal(county, Recusal(inspector_id=iid, enterprise_id=e["赤壁企业2"], reason="亲属关系"))
    params = DrawParameters(jurisdiction="421281", ratios=dict.fromkeys("ABCD", "1"))
    with pytest.raises(DrawError, match="不足2名"):
        make_draw(county, seed="s", params=params, as_of=TODAY)
    county.db.execute("UPDATE recusal SET deleted_at = 'x' WHERE id = (SELECT max(id) FROM recusal)")
    result = make_draw(county, seed="s", params=params, as_of=TODAY)
    e2 = county.db.execute("SELECT uuid FROM enterprise WHERE name = '赤壁企业2'").fetchone()[0]
    pick = next(p for p in result.picks if p.enterprise == e2)
    assert insp[0][1] not in pick.inspectors and insp[1][1] not in pick.inspectors


def test_verify_names_the_difference(county: Store) -> None:
    params = DrawParameters(jurisdiction="421281", ratios={"A": "0.5", "B": "0.5", "C": "1", "D": "1"})
    record = commit_draw(county, make_draw(county, seed="seed-1", params=params, as_of=TODAY,
                                           operator="王科长", witnesses=["李四"]))
    assert verify_draw(county, record) == []
    e = ids(county)
    spot_check(county, e["赤壁企业5"], "2025-12-01", "米砖茶", "fail")
    spot_check(county, e["赤壁企业5"], "2025-12-02", "米砖茶", "fail")  # B → C
    # later visits move a class: information about today's register, not a fault of the record
    check = check_draw(county, find_draw(county, record.uuid))
    assert check.problems == []
    assert check.notes and "风险分类变化" in check.notes[0] and "赤壁企业5" in check.notes[0]
    tampered = find_draw(county, record.uuid)
    tampered.seed = "seed-2"
    assert any("结果与记录不同" in p or "重新抽取结果不同" in p for p in verify_draw(county, tampered))


def test_todays_pool_from_cache_equals_computed(county: Store) -> None:
    from qcdesk.models.draw import build_pool
    from qcdesk.models.risk import assess_all

    e = ids(county)
    today = date.today()  # the cache is used for today's pool only (draw_pool)
    # older than the 6 recent months, within the 24-month window (2025-01-01/02 left it in 2027)
    for days_ago in (400, 399):
        spot_check(county, e["赤壁企业3"], (today - timedelta(days=days_ago)).isoformat(), "青砖茶", "fail")
    pool = build_pool(county, DrawParameters(), today)  # classes from the cache
    computed = {a.enterprise_id: a.risk_class for a in assess_all(county, today)}
    uuids = dict(county.db.execute("SELECT id, uuid FROM enterprise").fetchall())
    assert dict(pool.enterprises) == {uuids[i]: c for i, c in computed.items()}
    assert "C" in dict(pool.enterprises).values()


def test_a_team_is_two_people_even_when_the_roster_runs_out_mid_team() -> None:
    """3 inspectors, teams of 2: the queue empties in the middle of a team and is refilled in a
    new random order, which may start with the inspector just drawn. 双随机 needs two people."""
    params = DrawParameters(ratios=dict.fromkeys("ABCD", "1"))
    pool = Pool([(f"e{i:02d}", "A") for i in range(12)], ["i1", "i2", "i3"], [])
    for seed in (f"seed-{n}" for n in range(40)):
        for pick in select(pool, seed, params):
            assert len(set(pick.inspectors)) == len(pick.inspectors) == 2, (seed, pick)


def test_teams_of_fewer_than_two_refused() -> None:
    pool = Pool([("u1", "D")], ["i1", "i2"], [])
    with pytest.raises(DrawError, match="至少两名"):
        select(pool, "s", DrawParameters(team_size=1))
