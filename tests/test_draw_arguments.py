"""What `qcdesk draw` takes from the command line: `draw verify` finds a draw by its uuid only
(never by the local record id, which nothing shows), blank text options are refused rather than
read as "not given", and every CLI date option takes a date as the GUI's date fields do
(YYYY-MM-DD, 2026/11/30, 20261130…), never an ISO week or ordinal day."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from qcdesk.cli import main
from qcdesk.models.draw import DrawError, DrawParameters, commit_draw, find_draw, make_draw
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import save_inspector
from qcdesk.models.records import Enterprise, Inspector
from qcdesk.models.store import Store

pytestmark = pytest.mark.usefixtures("draw_today_fixed")  # its draws are dated 2026 (conftest)

DAY = date(2026, 11, 30)
ALL = dict.fromkeys("ABCD", "1")
WITNESSED = {"operator": "王科长", "witnesses": ["李四"]}
FIRMS = [("赤壁青砖茶厂", "421281", "91421281MA4KL5FE07"), ("赤壁电机厂", "421281", "93421281MA4NECRW8W"),
         ("咸安苎麻厂", "421202", "91421202MA4AEDKU8T")]


@pytest.fixture
def city(store: Store) -> Store:
    for name, code, uscc in FIRMS:
        save_enterprise(store, Enterprise(uscc=uscc, name=name, jurisdiction_code=code,
                                          main_products="青砖茶"))
    for name, code in (("王磊", "421281"), ("李娜", "421281"), ("咸安甲", "421202"), ("咸安乙", "421202")):
        save_inspector(store, Inspector(name=name, jurisdiction_code=code))
    return store


def _commit(store: Store, seed: str, jurisdiction: str) -> str:
    params = DrawParameters(jurisdiction=jurisdiction, ratios=ALL)
    return commit_draw(store, make_draw(store, seed=seed, params=params, as_of=DAY, **WITNESSED)).uuid


def _rows(store: Store) -> tuple[int, int]:
    conn = sqlite3.connect(store.path)
    try:
        return (conn.execute("SELECT count(*) FROM draw_record").fetchone()[0],
                conn.execute("SELECT count(*) FROM visit").fetchone()[0])
    finally:
        conn.close()


def test_a_short_key_is_never_taken_as_a_record_id(city: Store, capsys: pytest.CaptureFixture[str]) -> None:
    """`draw verify 2` verified draw id 2 (printing 一致) though another draw's uuid starts with 2."""
    db = str(city.path)
    first = _commit(city, "a", "421281")
    second = _commit(city, "b", "421202")
    city.db.execute("UPDATE draw_record SET uuid = '2' || substr(uuid, 2) WHERE uuid = ?", [first])
    first = "2" + first[1:]
    city.db.execute("UPDATE draw_record SET uuid = '1' || substr(uuid, 2) WHERE uuid = ?", [second])
    assert city.db.execute("SELECT id FROM draw_record WHERE uuid = ?", [first]).fetchone()[0] == 1
    capsys.readouterr()
    for key in ("2", "1", " 2 ", "123"):
        assert main(["draw", "verify", key, "--db", db]) == 2
        captured = capsys.readouterr()
        assert captured.out == "" and "一致" not in captured.err
        assert "至少 4 位" in captured.err and "记录序号" in captured.err and captured.err.count("\n") == 1
    with pytest.raises(DrawError, match="至少 4 位"):
        find_draw(city, "1")
    # a 4+-digit key is a uuid prefix only, even where it is also a record id
    city.db.execute("UPDATE draw_record SET id = 1234 WHERE uuid = ?", [first])
    assert main(["draw", "verify", "1234", "--db", db]) == 2
    assert "未找到抽取记录 1234" in capsys.readouterr().err
    assert main(["draw", "verify", first[:4], "--db", db]) == 0
    assert first in capsys.readouterr().out
    assert main(["draw", "verify", first.upper(), "--db", db]) == 0
    assert first in capsys.readouterr().out


def test_verify_help_says_a_record_number_is_not_taken(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["draw", "verify", "--help"])
    out = "".join(capsys.readouterr().out.split())  # as read, whatever the terminal's width wraps
    assert "至少4位" in out and "不接受记录序号" in out and "notarecordnumber" in out


@pytest.mark.parametrize(("option", "value", "words"), [
    ("--product", "  ", "--product 为空白"),
    ("--product", "\u3000", "--product 为空白"),
    ("--industry", " ", "--industry 为空白"),
    ("--jurisdiction", " ", "--jurisdiction 为空白"),
    ("--operator", " ", "--operator 为空白"),
    ("--witness", " ", "--witness 为空白"),
    ("--date", " ", "--date 为空白"),
    ("--seed", " ", "请用 --seed 给出随机种子"),
])
def test_a_blank_draw_option_is_refused_and_nothing_is_stored(
        city: Store, capsys: pytest.CaptureFixture[str], option: str, value: str, words: str) -> None:
    """`--product "  "` committed a city-wide draw (5 visits planned)."""
    args = ["draw", "--db", str(city.path), "--seed", "s", "--date", "2026-11-30", "--operator", "王科长",
            "--witness", "李四", "--commit"]
    at = args.index(option) if option in args else len(args)
    args[at:at + 2] = [option, value]
    before = _rows(city)
    assert main(args) == 2
    captured = capsys.readouterr()
    assert words in captured.err and captured.err.count("\n") == 1 and captured.out == ""
    assert "抽取范围" not in captured.err
    assert _rows(city) == before


def test_the_core_and_the_draw_dialog_refuse_a_blank_product(city: Store, qtbot) -> None:  # noqa: ANN001
    from qcdesk.ui.draw_dialog import DrawDialog

    with pytest.raises(DrawError, match="拟抽查产品为空白"):
        make_draw(city, seed="s", params=DrawParameters(product="  ", ratios=ALL), as_of=DAY)
    dialog = DrawDialog(city, today=DAY)
    qtbot.addWidget(dialog)
    dialog.seed.setText("s")
    dialog.product.setText("   ")
    assert not dialog.preview()
    assert "blank" in dialog.summary.text() or "空白" in dialog.summary.text()
    assert not dialog.commit_button.isEnabled()
    dialog.product.setText("")  # an empty field is "no product": the whole city, as the placeholder says
    assert dialog.preview()


@pytest.mark.parametrize("argv", [
    ["draw", "--seed", "s", "--date", "{day}"],
    ["warnings", "--date", "{day}"],
    ["risk", "--date", "{day}"],
    ["trust", "revoke", "0123456789ABCDEF", "--at", "{day}"],
])
@pytest.mark.parametrize("day", ["2026-W48-1", "2026-334", "30/11/2026"])  # 20261130: as the GUI
def test_date_options_take_yyyy_mm_dd_only(city: Store, capsys: pytest.CaptureFixture[str],
                                           argv: list[str], day: str) -> None:
    assert main([a.format(day=day) for a in argv] + ["--db", str(city.path)]) == 2
    err = capsys.readouterr().err
    assert "格式不正确" in err and "YYYY-MM-DD" in err and err.count("\n") == 1


def test_demo_today_takes_yyyy_mm_dd_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`demo --today 2026-W48-1` was accepted though the messages demand YYYY-MM-DD."""
    target = tmp_path / "demo.db"
    assert main(["demo", "--db", str(target), "--enterprises", "1", "--visits", "0",
                 "--today", "2026-W48-1"]) == 2
    err = capsys.readouterr().err
    assert "--today 日期格式不正确：2026-W48-1（应为 YYYY-MM-DD" in err and err.count("\n") == 1
    assert not target.exists()


def test_full_width_digits_are_read_as_half_width(city: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["draw", "--db", str(city.path), "--seed", "s", "--date", "２０２６－１１－３０",
                 "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["as_of"] == "2026-11-30"
