"""The CLI reads dates and codes as the GUI does (review RA B5): `draw --date`, `publish --from/--to`
refused 2026/11/30, 2026.11.30, 20261130 and 2026年11月30日, which every date field of the window
takes; `--jurisdiction ４２１２８１` and `report --period ２０２６Ｑ３` were refused although the app
half-widths codes elsewhere. And `draw --date 2062-12-01` previewed a draw "as on 2062" without a
word: a draw after the end of next quarter is refused, saying why and what to do
(models/draw_dates.py)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from exchange_fixtures import sql_dump

from qcdesk.cli import main
from qcdesk.models.store import Store
from tests.test_draw_arguments import city as city  # noqa: F401 - fixture

pytestmark = pytest.mark.usefixtures("draw_today_fixed")  # its draws are dated 2026 (conftest)


@pytest.mark.parametrize("day", ["2026/11/30", "2026.11.30", "20261130", "2026年11月30日",
                                 "2026/11/30 10:30"])
def test_draw_date_takes_what_a_date_field_takes(
        city: Store, capsys: pytest.CaptureFixture[str], day: str) -> None:  # noqa: F811
    assert main(["draw", "--db", str(city.path), "--seed", "s", "--date", day, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["as_of"] == "2026-11-30"


def test_publish_period_takes_what_a_date_field_takes(city: Store, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "期间.xlsx"
    assert main(["publish", "--db", str(city.path), "--from", "2026.7.1", "--to", "2026/9/30",
                 "--out", str(out)]) == 0
    assert openpyxl.load_workbook(out)["公示"] is not None


def test_full_width_jurisdiction_and_period_are_read(city: Store, capsys: pytest.CaptureFixture[str],  # noqa: F811
                                                     tmp_path: Path) -> None:
    assert main(["draw", "--db", str(city.path), "--seed", "s", "--date", "2026-11-30",
                 "--jurisdiction", "４２１２８１", "--json"]) == 0
    drawn = json.loads(capsys.readouterr().out)
    assert drawn["pool_size"] == 2  # the two 赤壁 firms, not the city's three
    out = tmp_path / "r.pdf"
    assert main(["report", "quarterly", "--db", str(city.path), "--period", "２０２６Ｑ３",
                 "--jurisdiction", "４２１２８１", "--out", str(out)]) == 0, capsys.readouterr().err
    assert out.stat().st_size > 0


def test_a_draw_years_ahead_is_refused_in_one_line(
        city: Store, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    before = sql_dump(city.path)
    capsys.readouterr()
    assert main(["draw", "--db", str(city.path), "--seed", "s", "--date", "2062-12-01",
                 "--operator", "王科长", "--witness", "李四", "--commit"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "抽取日期 2062-12-01 比今天" in err and "晚于下一季度末" in err, err
    assert "请核对年份，或去掉 --date 按今天抽取" in err
    assert sql_dump(city.path) == before


def test_an_impossible_or_unreadable_date_is_still_refused(city: Store,  # noqa: F811
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["draw", "--db", str(city.path), "--seed", "s", "--date", "2026/2/30"]) == 2
    assert "日期 2026/2/30 不存在" in capsys.readouterr().err
    assert main(["draw", "--db", str(city.path), "--seed", "s", "--date", "30/11/2026"]) == 2
    err = capsys.readouterr().err
    assert "--date 日期格式不正确：30/11/2026（应为 YYYY-MM-DD" in err and err.count("\n") == 1
