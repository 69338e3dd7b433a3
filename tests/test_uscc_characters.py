"""A credit code with a look-alike letter (Cyrillic А, Greek Ο pasted from a web page or typed
with another keyboard layout): the enterprise-list import and the editor say which position
holds which character, instead of "不使用 I、O、S、V、Z", which the user cannot act on — the
character looks exactly like an allowed Latin letter."""

from __future__ import annotations

from pathlib import Path

from test_roster import GOOD, make_roster

from qcdesk.models.codes import check_uscc
from qcdesk.models.enterprises import validate_enterprise
from qcdesk.models.records import Enterprise
from qcdesk.models.roster import plan_roster_import
from qcdesk.models.store import Store

CYRILLIC = "91421281M\u0410" + "4KL5FE07"  # 10th character: CYRILLIC CAPITAL LETTER A
GREEK = "91421221MA4E3XHX1" + "\u039f"  # 18th: GREEK CAPITAL LETTER OMICRON


def test_the_import_names_the_position_and_the_foreign_character(store: Store, tmp_path: Path) -> None:
    rows = [(CYRILLIC, *GOOD[0][1:]), (GREEK, *GOOD[1][1:]),
            ("91421222MA4PJ5BUXO", *GOOD[2][1:])]  # a Latin O, which codes leave out
    plan = plan_roster_import(store, make_roster(tmp_path / "a.xlsx", rows))
    by_row = {i.row: i for i in plan.issues if not i.warning}
    assert set(by_row) == {2, 3, 4}
    cyr = by_row[2].text()
    assert "第10位“\u0410”不是代码字符（可能是全角或外文字母）" in cyr, cyr
    assert "I、O、S、V、Z" not in cyr and "{" not in cyr
    assert "第18位“\u039f”不是代码字符" in by_row[3].text()
    latin = by_row[4].text()
    assert "第18位“O”" in latin and "I、O、S、V、Z" in latin, latin
    english = by_row[2].text("en")
    assert "Character 10" in english and "\u0410" in english and "{" not in english, english
    assert not plan.rows


def test_the_editor_says_the_same(store: Store) -> None:
    issues = validate_enterprise(store, Enterprise(uscc=CYRILLIC, name="赤壁市洞庄茶业有限公司",
                                                   jurisdiction_code="421281"))
    texts = [i.text() for i in issues if i.field == "uscc"]
    assert texts == ["统一社会信用代码第10位“\u0410”不是代码字符（可能是全角或外文字母），"
                     "请用半角数字或大写英文字母重新输入这一位"], texts


def test_a_good_code_and_a_short_one_keep_their_messages() -> None:
    assert check_uscc(GOOD[0][0]).ok
    short = check_uscc("91421281MA4KL5FE0")
    assert short.errors == ["uscc.length"] and short.params["length"] == 17
