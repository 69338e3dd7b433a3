"""The demo is what an inspector opening it would believe: it keeps the rules it teaches and
prints no nonsense on official forms. It checked 通城县广旺磨具's 砂布 on 19 August, 11 September
and 9 October (SAMR order No. 18's six-month rule, models/repeat_checks.py), and those checks went
into the publication file and the quarter's figures; it ran a 节前食品安全专项检查 at a pipe maker,
listed one finding twice on a visit, and wrote 已责令限期整改 on drafts with no order on file."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from qcdesk.models.demo import build_demo


def test_no_product_is_spot_checked_twice_within_six_months(tmp_path: Path) -> None:
    db = build_demo(tmp_path / "demo.db", seed=11, today=date(2026, 11, 30), enterprises=60, visits=3000)
    conn = sqlite3.connect(db)
    checks = conn.execute(
        "SELECT v.enterprise_id, s.product_name, julianday(v.visit_date) FROM sample s"
        " JOIN visit v ON v.id = s.visit_id WHERE v.kind = 'spot_check' AND v.status != 'planned'"
        " AND v.deleted_at IS NULL AND s.deleted_at IS NULL"
        " AND v.id NOT IN (SELECT recheck_visit_id FROM rectification WHERE recheck_visit_id IS NOT NULL)"
        " ORDER BY 1, 2, 3").fetchall()
    conn.close()
    assert len(checks) > 300  # 60 firms, 3000 visits: many firms are checked often
    repeats = [(a, b) for a, b in zip(checks, checks[1:], strict=False)
               if a[:2] == b[:2] and b[2] - a[2] <= 184]
    assert repeats == [], repeats[:5]


def test_the_demo_prints_no_nonsense_on_a_firms_records(tmp_path: Path) -> None:
    """A 节前食品安全专项检查 of a pipe maker printed on its 现场检查笔录 (156 in the demo), and one
    visit listing the same finding twice (29): both end on official forms."""
    db = build_demo(tmp_path / "demo.db", seed=11, today=date(2026, 11, 30), enterprises=60, visits=3000)
    conn = sqlite3.connect(db)
    food_checks = conn.execute(
        "SELECT count(*), sum(v.enterprise_id IN (SELECT enterprise_id FROM licence WHERE kind = 'SC'))"
        " FROM visit v WHERE v.summary LIKE '%食品%'").fetchone()
    twice = conn.execute(
        "SELECT count(*) FROM (SELECT visit_id FROM finding GROUP BY visit_id, description"
        " HAVING count(*) > 1)").fetchone()[0]
    findings = conn.execute("SELECT count(*) FROM finding").fetchone()[0]
    conn.close()
    assert food_checks[0] == food_checks[1], food_checks
    assert findings > 200 and twice == 0


def test_a_visits_conclusion_says_what_became_of_its_findings(tmp_path: Path) -> None:
    """草稿 visits read 已责令限期整改 with no order on file; a done visit's words follow its orders."""
    db = build_demo(tmp_path / "demo.db", seed=1, today=date(2026, 11, 30), enterprises=60, visits=3000)
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT v.status, v.conclusion, (SELECT count(*) FROM finding f WHERE f.visit_id = v.id),"
        " (SELECT count(*) FROM rectification r WHERE r.visit_id = v.id AND r.finding_id IS NOT NULL)"
        " FROM visit v WHERE EXISTS (SELECT 1 FROM finding f WHERE f.visit_id = v.id)").fetchall()
    conn.close()
    assert any(status == "draft" for status, *_ in rows)
    for status, conclusion, found, orders in rows:
        said = "已责令限期整改" in conclusion
        assert said == (orders > 0), (status, conclusion, found, orders)
        assert status == "done" or orders == 0
