"""The announced draw seed gives one draw however it is typed (review RA, A6).

The seed was hashed byte for byte: `２０２６－１２－０１　福彩３Ｄ　１２３` typed in full-width mode, a double
space, a tab or a space at the end of a paste each drew other enterprises than the announced
`2026-12-01 福彩3D 123`, and the CLI kept the spaces the GUI stripped. A new draw's seed is now
tidied where it is typed (CLI and GUI alike), stored tidied, and the user is told what was used.
A draw stored before keeps its seed exactly: it still verifies, full-width digits and all."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest

import qcdesk.models.draw as draw_module
from qcdesk.cli import main
from qcdesk.models.codes import org_code_check_character, uscc_check_character
from qcdesk.models.draw import DrawParameters, check_draw, commit_draw, find_draw, make_draw
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import save_inspector
from qcdesk.models.records import Enterprise, Inspector
from qcdesk.models.risk import load_rules
from qcdesk.models.store import Store
from qcdesk.ui.draw_dialog import DrawDialog

pytestmark = pytest.mark.usefixtures("draw_today_fixed")  # its draws are dated 2026 (conftest)

DAY = "2026-11-30"
ANNOUNCED = "2026-12-01 福彩3D 123"
SPELLINGS = ("２０２６－１２－０１　福彩３Ｄ　１２３",  # full-width mode, U+3000 between the words
             "2026-12-01  福彩3D 123",  # a double space
             " 2026-12-01 福彩3D 123 ",  # pasted with spaces around it
             "2026-12-01\u3000福彩3D\t123")  # an ideographic space and a tab


def _uscc(i: int) -> str:
    org = f"MA4K{i:04d}"
    first17 = "91421281" + org + org_code_check_character(org)
    return first17 + uscc_check_character(first17)


@pytest.fixture
def county(store: Store) -> Store:
    """Twelve firms and five officers in 赤壁市: a draw takes some, and the seed decides which."""
    for i in range(12):
        save_enterprise(store, Enterprise(uscc=_uscc(i), name=f"赤壁测试厂{i:02d}",
                                          jurisdiction_code="421281"))
    for name in ("王磊", "李娜", "张伟", "刘洋", "陈静"):
        save_inspector(store, Inspector(name=name, jurisdiction_code="421281"))
    return store


WITNESSED = ("--operator", "王科长", "--witness", "李四")


def _cli(store: Store, seed: str, *extra: str) -> list[str]:
    return ["draw", "--db", str(store.path), "--jurisdiction", "421281", "--date", DAY, "--seed", seed,
            *extra]


def _json_draw(store: Store, seed: str, capsys: pytest.CaptureFixture[str]) -> dict:
    capsys.readouterr()
    assert main([*_cli(store, seed), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _picks(out: dict) -> list[tuple[str, list[str]]]:
    return [(p["enterprise"], p["inspectors"]) for p in out["selection"]]


def _names(store: Store, uuids: list[str]) -> list[str]:
    """姓名 of these inspectors, as the draw's list shows them (no 执法证号 on file here)."""
    names = dict(store.db.execute("SELECT uuid, name FROM inspector").fetchall())
    return [names[u] for u in uuids]


def _counts(store: Store) -> tuple[int, int]:
    conn = sqlite3.connect(store.path)
    try:
        return (conn.execute("SELECT count(*) FROM draw_record").fetchone()[0],
                conn.execute("SELECT count(*) FROM visit").fetchone()[0])
    finally:
        conn.close()


def test_every_spelling_of_the_announced_seed_draws_the_same_on_the_command_line(
        county: Store, capsys: pytest.CaptureFixture[str]) -> None:
    announced = _json_draw(county, ANNOUNCED, capsys)
    assert announced["seed"] == ANNOUNCED and announced["seed_tidied"] is False
    assert announced["selection"]
    for typed in SPELLINGS:
        out = _json_draw(county, typed, capsys)
        assert out["seed"] == ANNOUNCED, typed  # what was drawn with, as the public re-draws it
        assert out["seed_typed"] == typed and out["seed_tidied"] is True
        assert _picks(out) == _picks(announced), typed
        assert out["pool_hash"] == announced["pool_hash"]
    # the text output says so in words, with the seed used
    assert main(_cli(county, SPELLINGS[0])) == 0
    text = capsys.readouterr().out
    assert f"随机种子已整理为“{ANNOUNCED}”" in text and "公示和复核请用这一写法" in text
    assert main(_cli(county, ANNOUNCED)) == 0
    assert "已整理" not in capsys.readouterr().out  # nothing to say when typed as announced


def test_a_cli_draw_pasted_with_spaces_is_the_announced_one_in_the_dialog(
        qtbot, chinese: None, county: Store, paths, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    """Committed from the CLI with the seed as pasted (a space before it), the draw stored the
    space: the dialog, previewing the announced seed, called it 'already committed' though the
    announced seed drew other enterprises. Now the record holds the announced seed."""
    announced = _json_draw(county, ANNOUNCED, capsys)
    assert main([*_cli(county, " " + ANNOUNCED), "--commit", *WITNESSED]) == 0
    assert f"随机种子已整理为“{ANNOUNCED}”" in capsys.readouterr().out
    record = county.db.execute("SELECT uuid, seed, selection FROM draw_record").fetchone()
    assert record[1] == ANNOUNCED
    assert [(p["enterprise"], p["inspectors"]) for p in json.loads(record[2])] == _picks(announced)
    assert main(["draw", "verify", record[0], "--db", str(county.path)]) == 0

    dialog = DrawDialog(county, paths, today=date.fromisoformat(DAY))
    qtbot.addWidget(dialog)
    dialog.jurisdiction.setCurrentIndex(dialog.jurisdiction.findData("421281"))
    dialog.seed.setText(ANNOUNCED)
    assert dialog.preview()
    summary = dialog.summary.text()
    assert record[0] in summary and "不能再次确认" in summary
    # the committed selection is the announced seed's
    assert [(r.enterprise_uuid, r.inspectors) for r in dialog.model.rows] == [
        (e, tuple(f"{n}" for n in _names(county, i))) for e, i in _picks(announced)]
    assert "写作" not in summary and "整理" not in summary  # the same seed, spelt the same


def test_the_dialog_draws_a_full_width_seed_as_announced_and_says_so(
        qtbot, chinese: None, county: Store, paths, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    announced = _json_draw(county, ANNOUNCED, capsys)
    dialog = DrawDialog(county, paths, today=date.fromisoformat(DAY))
    qtbot.addWidget(dialog)
    dialog.jurisdiction.setCurrentIndex(dialog.jurisdiction.findData("421281"))
    dialog.seed.setText(SPELLINGS[0])
    assert dialog.preview()
    summary = dialog.summary.text()
    assert f"随机种子已整理：按“{ANNOUNCED}”抽取" in summary and SPELLINGS[0] in summary
    assert f"公示和复核请用“{ANNOUNCED}”" in summary
    dialog.operator.setText("王科长")
    dialog.witnesses.setText("李四")
    uuid = dialog.commit()
    assert uuid is not None
    stored = find_draw(county, uuid)
    assert stored.seed == ANNOUNCED
    assert [(p["enterprise"], p["inspectors"]) for p in stored.selection] == _picks(announced)


def test_a_draw_stored_with_a_full_width_seed_still_verifies(
        qtbot, chinese: None, county: Store, paths, capsys: pytest.CaptureFixture[str],  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A record made before seeds were tidied holds `１２３` and was drawn with it: verifying it
    hashes `１２３` as stored, never the tidied `123`. Drawing `123` again for the same scope
    and day is refused as that announcement's draw, saying its seed was spelt otherwise."""
    params = DrawParameters.from_rules(load_rules(county), jurisdiction="421281")
    with monkeypatch.context() as older:  # the version before: the seed drawn as typed
        older.setattr(draw_module, "tidy_seed", lambda seed: seed)
        old = commit_draw(county, make_draw(county, seed="１２３", params=params, operator="王科长",
                                            witnesses=["李四"], as_of=date.fromisoformat(DAY)))
    assert find_draw(county, old.uuid).seed == "１２３"
    assert check_draw(county, find_draw(county, old.uuid)).problems == []
    capsys.readouterr()
    assert main(["draw", "verify", old.uuid, "--db", str(county.path)]) == 0
    assert "不一致" not in capsys.readouterr().out
    tidy = _json_draw(county, "123", capsys)
    assert _picks(tidy) != [(p["enterprise"], p["inspectors"]) for p in old.selection]  # 123 draws others
    assert tidy["committed_as"] == old.uuid and tidy["committed_seed"] == "１２３"
    assert main(_cli(county, "123")) == 0
    assert "该记录的随机种子写作“１２３”，与“123”写法不同" in capsys.readouterr().out
    before = _counts(county)
    assert main([*_cli(county, "123"), "--commit", *WITNESSED]) != 0
    err = capsys.readouterr().err
    assert old.uuid in err and err.count("\n") == 1
    assert _counts(county) == before

    dialog = DrawDialog(county, paths, today=date.fromisoformat(DAY))
    qtbot.addWidget(dialog)
    dialog.jurisdiction.setCurrentIndex(dialog.jurisdiction.findData("421281"))
    dialog.seed.setText("123")
    assert dialog.preview()
    summary = dialog.summary.text()
    assert old.uuid in summary and "写作“１２３”" in summary and not dialog.commit_button.isEnabled()
