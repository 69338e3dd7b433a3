"""`report`, `warnings` and `draw` answer `--jurisdiction 咸宁` as keygen and trust do (review):
咸宁 can mean 咸宁市 or 咸宁高新区, and the answer says so and names both, instead of calling it
unknown (report, warnings) or printing no hint at all (draw). One line, exit 2, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_fixtures import sql_dump

from qcdesk.cli import main
from qcdesk.models.store import Store
from tests.test_draw_arguments import city as city  # noqa: F401 - fixture

pytestmark = pytest.mark.usefixtures("draw_today_fixed")


@pytest.mark.parametrize("command", [
    ["report", "quarterly", "--period", "2026Q4", "--out", "{tmp}/r.pdf"],
    ["warnings"],
    ["draw", "--seed", "s", "--date", "2026-11-30"],
])
def test_xianning_alone_is_called_ambiguous_naming_both(
        city: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]) -> None:  # noqa: F811
    argv = [part.replace("{tmp}", str(tmp_path)) for part in command]
    before = sql_dump(city.path)
    capsys.readouterr()
    assert main([*argv, "--db", str(city.path), "--jurisdiction", "咸宁"]) == 2
    err = capsys.readouterr().err
    assert "“咸宁”可以指 咸宁市、咸宁高新区" in err and "未知" not in err and err.count("\n") == 1, err
    assert main([*argv, "--db", str(city.path), "--jurisdiction", "咸宁县"]) == 2
    err = capsys.readouterr().err
    assert "未知的行政区划“咸宁县”" in err and "421281 赤壁市" in err and err.count("\n") == 1, err
    assert sql_dump(city.path) == before
    assert not (tmp_path / "r.pdf").exists()
    assert main([*argv, "--db", str(city.path), "--jurisdiction", "赤壁"]) == 0  # one match: taken
