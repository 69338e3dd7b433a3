"""Supervision benchmark: dashboard refresh at 1M visits (≤ 300 ms), draw over 50,000 enterprises (≤ 1 s).

Each figure is printed beside the raw SQL time of the same question asked of the base tables in the
same run (the definitions the tests hold the fast paths to).

    uv run python bench/bench_supervision.py                       # builds /tmp/qcdesk-bench/1m.db once
    uv run python bench/bench_supervision.py --db PATH --repeat 5
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from qcdesk.models.dashboard_queries import (
    dashboard_figures,
    pass_rates,
    pass_rates_direct,
    quarter_of,
    year_of,
)
from qcdesk.models.demo import build_demo
from qcdesk.models.draw import DrawParameters, make_draw, verify_draw
from qcdesk.models.inspections import load_visit, save_visit
from qcdesk.models.risk import load_rules, months_after, refresh_risk
from qcdesk.models.rules import overdue_sql
from qcdesk.models.store import Store

RAW_COUNTS = {
    "rectifications open": "SELECT count(*) FROM rectification r JOIN enterprise e ON e.id = r.enterprise_id"
    " WHERE r.deleted_at IS NULL AND e.deleted_at IS NULL AND r.status != 'closed'",
    "rectifications overdue": "SELECT count(*) FROM rectification r"
    " JOIN enterprise e ON e.id = r.enterprise_id"
    f" WHERE r.deleted_at IS NULL AND e.deleted_at IS NULL AND {overdue_sql('r', ':t')}",  # the one rule
    "re-checks pending": "SELECT count(*) FROM rectification r WHERE r.deleted_at IS NULL"
    " AND r.status IN ('open', 'report_submitted', 'awaiting_recheck') AND r.recheck_due >= :t",
    "re-checks overdue": "SELECT count(*) FROM rectification r WHERE r.deleted_at IS NULL"
    " AND r.status IN ('open', 'report_submitted', 'awaiting_recheck') AND r.recheck_due < :t",
    "licences expiring": "SELECT count(*) FROM licence l JOIN enterprise e ON e.id = l.enterprise_id"
    " WHERE l.deleted_at IS NULL AND e.deleted_at IS NULL AND l.expires_on BETWEEN :t AND :u",
    "in improvement": "SELECT count(*) FROM enterprise WHERE deleted_at IS NULL AND in_improvement = 1",
    "risk classes": "SELECT risk_class, count(*) FROM risk_cache GROUP BY risk_class",
}


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    """Median wall time in ms over `repeat` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), result


def raw_dashboard(store: Store, today: date) -> None:
    """The dashboard's questions asked of the base tables (pass rates over sample ⋈ visit ⋈ enterprise)."""
    p = {"t": today.isoformat(), "u": months_after(today, 6).isoformat()}
    pass_rates_direct(store, quarter_of(today))
    pass_rates_direct(store, year_of(today))
    for sql in RAW_COUNTS.values():
        store.db.execute(sql, p).fetchall()


def raw_pool(store: Store, today: date) -> None:
    """The draw's SQL without the selection: live enterprises minus recent spot checks, classes, roster."""
    start = date(today.year - (1 if today.month <= 6 else 0), (today.month - 7) % 12 + 1, 1).isoformat()
    store.db.execute(
        "SELECT e.id, e.uuid, rc.risk_class FROM enterprise e JOIN risk_cache rc ON rc.enterprise_id = e.id"
        " WHERE e.deleted_at IS NULL AND e.id NOT IN (SELECT v.enterprise_id FROM visit v JOIN sample s"
        " ON s.visit_id = v.id WHERE v.kind = 'spot_check' AND v.visit_date >= ? AND v.deleted_at IS NULL"
        " AND s.deleted_at IS NULL)", [start]).fetchall()
    store.db.execute("SELECT uuid FROM inspector WHERE deleted_at IS NULL AND active = 1").fetchall()
    store.db.execute("SELECT inspector_id, enterprise_id FROM recusal WHERE deleted_at IS NULL").fetchall()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/qcdesk-bench/1m.db"))
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--enterprises", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    today = date.today()
    if not args.db.exists():
        print(f"building demo database {args.db} ({args.enterprises} enterprises, {args.visits} visits)…")
        t = time.perf_counter()
        build_demo(args.db, seed=11, enterprises=args.enterprises, visits=args.visits, today=today)
        print(f"  built in {time.perf_counter() - t:.0f} s")
    work = args.db.with_name(args.db.stem + "-work.db")
    for suffix in ("", "-wal", "-shm"):
        Path(str(work) + suffix).unlink(missing_ok=True)
    shutil.copyfile(args.db, work)
    t = time.perf_counter()
    store = Store.open(work, author="bench", backup_dir=work.parent / "bench-backups")
    shutil.rmtree(work.parent / "bench-backups", ignore_errors=True)
    counts = {t_: store.db.execute(f"SELECT count(*) FROM {t_}").fetchone()[0]
              for t_ in ("enterprise", "visit", "sample", "rectification")}
    print(f"opened (incl. pending migrations) in {time.perf_counter() - t:.1f} s; rows: {counts}")
    rows: list[tuple[str, float, str, float]] = []

    t = time.perf_counter()
    n = refresh_risk(store, today, full=True)
    full_risk = (time.perf_counter() - t) * 1000
    vid = store.db.execute("SELECT id FROM visit WHERE deleted_at IS NULL AND locked_package IS NULL"
                           " AND kind = 'spot_check' LIMIT 1").fetchone()[0]
    bundle = load_visit(store, vid)
    bundle.visit.summary += "（复核）"
    save_ms, _ = timed(lambda: save_visit(store, bundle), 1)  # the triggers mark its enterprise
    inc_ms, _ = timed(lambda: refresh_risk(store, today), 1)
    print(f"risk classes: full recompute of {n} enterprises {full_risk:.0f} ms (once a day / after rule"
          f" changes); incremental after one visit save {inc_ms:.1f} ms (the save itself {save_ms:.1f} ms)")

    fig_ms, figures = timed(lambda: dashboard_figures(store, today), args.repeat)
    core_ms, _ = timed(lambda: dashboard_figures(store, today, with_risk=False), args.repeat)
    raw_ms, _ = timed(lambda: raw_dashboard(store, today), max(1, args.repeat // 2))
    rows.append(("dashboard refresh (all tiles incl. risk + warnings)", fig_ms,
                 "raw SQL, same figures", raw_ms))
    rows.append(("dashboard refresh (targets, rectifications, licences)", core_ms, "", 0.0))
    q = quarter_of(today)
    yq_ms, _ = timed(lambda: (pass_rates(store, q), pass_rates(store, year_of(today))), args.repeat)
    yd_ms, _ = timed(lambda: (pass_rates_direct(store, q), pass_rates_direct(store, year_of(today))), 1)
    rows.append(("pass rates quarter + year (roll-up)", yq_ms,
                 "raw SQL over sample ⋈ visit ⋈ enterprise", yd_ms))

    params = DrawParameters.from_rules(load_rules(store))
    draw_ms, result = timed(lambda: make_draw(store, seed="bench-seed", params=params, as_of=today),
                            args.repeat)
    pool_ms, _ = timed(lambda: raw_pool(store, today), args.repeat)
    rows.append((f"draw over {len(result.pool.enterprises) + result.pool.excluded} enterprises "
                 f"(pool {len(result.pool.enterprises)}, drawn {len(result.picks)})", draw_ms,
                 "raw SQL of the pool", pool_ms))
    verify_ms, problems = timed(lambda: verify_draw(store, result.record), 1)
    rows.append(("draw verify (re-run incl. risk as of the draw date)", verify_ms, "", 0.0))
    assert problems == [], problems

    print()
    print(f"{'measure':62} {'ms':>9}   {'beside':44} {'ms':>9}")
    for name, ms, raw_name, raw in rows:
        print(f"{name:62} {ms:9.1f}   {raw_name:44} {raw if raw_name else float('nan'):9.1f}")
    print()
    print(f"targets: dashboard ≤ 300 ms → {'OK' if fig_ms <= 300 else 'MISSED'}; "
          f"draw ≤ 1000 ms → {'OK' if draw_ms <= 1000 else 'MISSED'}")
    print(f"pass rate this year: {figures.year.total.passed}/{figures.year.total.tested}")
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
