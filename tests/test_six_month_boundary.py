"""The six-month rule (SAMR order No. 18) has one boundary for the repeat-check warning and the
双随机 draw pool, counted as 民法典 counts a period (arts. 201, 203): a check on 2026-05-30 counts
through 2026-11-30, and the firm may be checked (and drawn) again from 2026-12-01; one on 02-28
counts through 08-28, not to the month's end. Before, the warning went quiet on 11-30 while the
draw still left the firm out, and both kept a 02-28 check until 08-31."""

from __future__ import annotations

from datetime import date

import pytest

from qcdesk.models.draw import DrawParameters, build_pool
from qcdesk.models.records import Sample, Visit
from qcdesk.models.repeat_checks import repeat_check_warnings
from qcdesk.models.store import Store
from tests.test_draw_rules import ALL, city, spot_check  # noqa: F401 (fixture)

CHECKED = "2026-05-30"
FIRM, PRODUCT = "赤壁电机厂", "三相异步电动机"


@pytest.mark.parametrize(("day", "still_counts"), [
    ("2026-11-29", True),   # the day before the period's last day
    ("2026-11-30", True),   # its last day: the same day of the sixth month (art. 203)
    ("2026-12-01", False),  # the day after: allowed again
])
def test_warning_and_draw_agree_on_the_last_day_of_the_six_months(
        city: Store, day: str, still_counts: bool) -> None:  # noqa: F811
    spot_check(city, FIRM, CHECKED, PRODUCT)
    eid, uuid = city.db.execute("SELECT id, uuid FROM enterprise WHERE name = ?", [FIRM]).fetchone()
    staff = [r[0] for r in city.db.execute("SELECT uuid FROM inspector LIMIT 2")]
    new = Visit(enterprise_id=eid, visit_date=day, status="done", inspectors=staff)
    warned = repeat_check_warnings(city, new, [Sample(product_name=PRODUCT, result="pass")])
    pool = build_pool(city, DrawParameters(jurisdiction="421281", industry="机电", ratios=ALL),
                      date.fromisoformat(day))
    assert bool(warned) is still_counts, warned
    assert (uuid not in {u for u, _ in pool.enterprises}) is still_counts
    if still_counts:
        assert "2026年5月30日" in warned[0].text("zh")


@pytest.mark.parametrize(("day", "still_counts"), [
    ("2026-08-28", True),   # the same day of the sixth month: the period's last day
    ("2026-08-29", False),  # 08-31 minus 6 months clamps to 02-28, but that period ended 08-28
    ("2026-08-31", False),
])
def test_at_a_month_end_the_period_ends_on_the_same_day_not_the_clamped_one(
        city: Store, day: str, still_counts: bool) -> None:  # noqa: F811
    spot_check(city, FIRM, "2026-02-28", PRODUCT)
    eid, uuid = city.db.execute("SELECT id, uuid FROM enterprise WHERE name = ?", [FIRM]).fetchone()
    staff = [r[0] for r in city.db.execute("SELECT uuid FROM inspector LIMIT 2")]
    new = Visit(enterprise_id=eid, visit_date=day, status="done", inspectors=staff)
    warned = repeat_check_warnings(city, new, [Sample(product_name=PRODUCT, result="pass")])
    params = DrawParameters(jurisdiction="421281", industry="机电", ratios=ALL)
    pool = build_pool(city, params, date.fromisoformat(day))
    assert bool(warned) is still_counts, warned
    assert (uuid not in {u for u, _ in pool.enterprises}) is still_counts
    # a draw committed under rule 6 is rebuilt as it was made (the 02-28 check kept it out)
    old = build_pool(city, DrawParameters(jurisdiction="421281", industry="机电", ratios=ALL, pool_rule=6),
                     date.fromisoformat(day))
    assert uuid not in {u for u, _ in old.enterprises}
