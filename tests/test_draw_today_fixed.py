"""`qcdesk draw` counts its --date rule from models/draw_dates.today(), the one day the draw tests
fix (conftest's draw_today_fixed: 2026-11-30). Before, the CLI read the clock itself: the ten
modules whose draws are dated 2026-11 would all be refused (over a year back) from December 2027
with no code change; under `faketime '2027-12-15'` 23 of their tests failed."""

from __future__ import annotations

import json
from datetime import date

import pytest

from qcdesk.cli import main
from qcdesk.models import draw_dates
from qcdesk.models.store import Store
from tests.test_draw_arguments import city as city  # noqa: F401 - fixture

pytestmark = pytest.mark.usefixtures("draw_today_fixed")


def test_the_draw_counts_from_the_fixed_today(city: Store, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    """Without --date the draw is as on the fixed today; its refusals name that today and the days
    counted from it, whatever the machine's clock says."""
    assert draw_dates.today() == date(2026, 11, 30)
    db = str(city.path)
    capsys.readouterr()
    assert main(["draw", "--db", db, "--seed", "s", "--json"]) == 0, capsys.readouterr().err
    assert json.loads(capsys.readouterr().out)["as_of"] == "2026-11-30"
    for day in ("2025-11-30", "2027-03-31"):  # a year back, the end of next quarter: taken
        code = main(["draw", "--db", db, "--seed", "s", "--date", day, "--json"])
        assert code == 0, capsys.readouterr().err
        assert json.loads(capsys.readouterr().out)["as_of"] == day
    assert main(["draw", "--db", db, "--seed", "s", "--date", "2027-04-01"]) == 2
    err = capsys.readouterr().err
    assert "抽取日期 2027-04-01 比今天（2026-11-30）晚，且晚于下一季度末（2027-03-31）" in err, err
    assert main(["draw", "--db", db, "--seed", "s", "--date", "2025-11-29"]) == 2
    err = capsys.readouterr().err
    assert "抽取日期 2025-11-29 比今天（2026-11-30）早一年以上（最早 2025-11-30）" in err, err
