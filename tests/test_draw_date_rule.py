"""One rule for how far a 双随机 draw may be dated, in `qcdesk draw --date` and the draw dialog.

Before, the CLI refused a date more than 31 days ahead (so next quarter's list, drawn in early
October and dated 1 January, was refused) while the dialog took any date: 2062-12-01 or 2016-12-01
typed there planned visits for that day. Now both take a date from a year back to the end of next
quarter (models/draw_dates.py), refuse any other with the same words, and change nothing."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from exchange_fixtures import sql_dump
from PySide6.QtCore import Qt

from qcdesk.cli import main
from qcdesk.models.draw import find_draw
from qcdesk.models.draw_dates import check_draw_day
from qcdesk.models.draw_errors import DrawError
from qcdesk.models.store import Store
from qcdesk.ui.draw_dialog import DrawDialog
from tests.test_draw_arguments import city as city  # noqa: F401 - fixture


def _next_quarter_end(today: date) -> date:
    """Written out apart from the app's arithmetic: the last day of the quarter after today's."""
    ends = {1: (6, 30), 2: (9, 30), 3: (12, 31), 4: (3, 31)}
    month, day = ends[(today.month - 1) // 3 + 1]
    return date(today.year + (month == 3), month, day)


def _year_back(today: date) -> date:
    return date(today.year - 1, today.month, min(today.day, 28) if today.month == 2 else today.day)


def test_the_rule_knows_the_quarters() -> None:
    for today, latest in ((date(2026, 10, 1), date(2027, 3, 31)), (date(2026, 12, 31), date(2027, 3, 31)),
                          (date(2026, 1, 1), date(2026, 6, 30)), (date(2026, 6, 30), date(2026, 9, 30)),
                          (date(2026, 7, 1), date(2026, 12, 31))):
        check_draw_day(latest, today)  # the last day of next quarter is taken
        with pytest.raises(DrawError) as refused:
            check_draw_day(latest + timedelta(days=1), today)
        assert f"晚于下一季度末（{latest}）" in str(refused.value)
    check_draw_day(date(2027, 2, 28), date(2028, 2, 29))  # a year back from 29 February
    with pytest.raises(DrawError):
        check_draw_day(date(2027, 2, 27), date(2028, 2, 29))


def _refused_words(day: date, today: date) -> str:
    with pytest.raises(DrawError) as refused:
        check_draw_day(day, today)
    return str(refused.value)


def _dialog(qtbot, store: Store, paths, today: date) -> DrawDialog:  # noqa: ANN001
    dialog = DrawDialog(store, paths, today=today)
    qtbot.addWidget(dialog)
    dialog.seed.setText("20261202-福彩3D")
    dialog.operator.setText("王科长")
    dialog.witnesses.setText("李四")
    return dialog


def _type_date(qtbot, dialog: DrawDialog, day: date) -> None:  # noqa: ANN001
    dialog.draw_date.setFocus()
    dialog.draw_date.selectAll()
    qtbot.keyClicks(dialog.draw_date, day.isoformat())
    qtbot.keyClick(dialog.draw_date, Qt.Key.Key_Return)


@pytest.mark.parametrize("when", ["after next quarter", "over a year back", "mistyped year"])
def test_the_dialog_refuses_what_the_cli_refuses(
        qtbot, chinese: None, city: Store, paths, capsys: pytest.CaptureFixture[str],  # noqa: ANN001, F811
        when: str) -> None:
    today = date.today()  # the CLI's today
    day = {"after next quarter": _next_quarter_end(today) + timedelta(days=1),
           "over a year back": _year_back(today) - timedelta(days=1),
           "mistyped year": today.replace(year=today.year - 10, day=min(today.day, 28))}[when]
    words = _refused_words(day, today)
    assert words.endswith("请核对年份") and f"抽取日期 {day}" in words
    before = sql_dump(city.path)
    capsys.readouterr()
    assert main(["draw", "--db", str(city.path), "--seed", "20261202-福彩3D", "--date", day.isoformat(),
                 "--operator", "王科长", "--witness", "李四", "--commit"]) == 2
    err = capsys.readouterr().err
    assert err == f"qcdesk: {words}，或去掉 --date 按今天抽取\n"
    assert sql_dump(city.path) == before

    dialog = _dialog(qtbot, city, paths, today)
    _type_date(qtbot, dialog, day)
    assert dialog.draw_day() == day
    assert not dialog.preview()
    assert dialog.summary.text() == f"无法抽取：{words}"
    assert dialog.result is None and not dialog.commit_button.isEnabled() and dialog.commit() is None
    assert sql_dump(city.path) == before


@pytest.mark.parametrize("edge", ["end of next quarter", "a year back"])
def test_the_edge_days_are_drawn_in_both(
        qtbot, city: Store, paths, capsys: pytest.CaptureFixture[str],  # noqa: ANN001, F811
        edge: str) -> None:
    today = date.today()
    day = _next_quarter_end(today) if edge == "end of next quarter" else _year_back(today)
    capsys.readouterr()
    assert main(["draw", "--db", str(city.path), "--seed", "s", "--date", day.isoformat(), "--json"]) == 0, \
        capsys.readouterr().err
    assert json.loads(capsys.readouterr().out)["as_of"] == day.isoformat()

    dialog = _dialog(qtbot, city, paths, today)
    _type_date(qtbot, dialog, day)
    assert dialog.preview(), dialog.summary.text()
    uuid = dialog.commit()
    assert uuid is not None and find_draw(city, uuid).as_of == day.isoformat()
    planned = {r[0] for r in city.db.execute(
        "SELECT visit_date FROM visit WHERE status = 'planned' AND summary LIKE ?", [f"%{uuid}%"])}
    assert planned == {day.isoformat()}
