"""A name is a name, not a page (review: `settings --org-name` took 5,000 characters and printed
them over the report's title and sign-off). The CLI refuses a body's name, a report's addressee,
a signer's name and a draw's operator or witness longer than 40 characters, in one line on stderr
with a non-zero exit, before anything is written; 40 characters are taken. The GUI's fields stop
at the same length."""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_fixtures import sql_dump

from qcdesk.cli import main
from qcdesk.models.setup_queries import DOC_SETTING_MAX
from qcdesk.models.store import Store
from qcdesk.ui.settings_page import SettingsPage
from tests.test_draw_arguments import city as city  # noqa: F401 - fixture

LONG = "咸宁市市场监督管理局" * 4 + "局"  # 41 characters
LONGEST = LONG[:40]

pytestmark = pytest.mark.usefixtures("draw_today_fixed")


def _refused(argv: list[str], capsys: pytest.CaptureFixture[str], words: str) -> None:
    capsys.readouterr()
    assert main(argv) != 0
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and words in err and "最多 40 个字" in err, err


def test_a_body_and_an_addressee_of_41_characters_are_refused(
        store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(store.path)
    before = sql_dump(store.path)
    _refused(["settings", "--db", db, "--org-name", LONG], capsys, "本单位名称过长（41 个字）")
    _refused(["settings", "--db", db, "--report-to", LONG], capsys, "主送机关过长（41 个字）")
    assert sql_dump(store.path) == before
    assert main(["settings", "--db", db, "--org-name", LONGEST, "--report-to", LONGEST]) == 0
    assert f"本单位名称（组织单位）：{LONGEST}\n" in capsys.readouterr().out


def test_a_signers_name_of_41_characters_makes_no_key(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QCDESK_PASSPHRASE", "a long enough passphrase")
    _refused(["keygen", "--name", LONG, "--jurisdiction", "421202", "--out", str(tmp_path / "k")],
             capsys, "签名人姓名过长（41 个字）")
    assert not (tmp_path / "k").exists() or not any((tmp_path / "k").iterdir())


def test_a_draws_operator_or_witness_of_41_characters_commits_nothing(
        city: Store, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    db = str(city.path)
    before = sql_dump(city.path)
    common = ["draw", "--db", db, "--seed", "s", "--date", "2026-11-30", "--commit"]
    _refused([*common, "--operator", LONG, "--witness", "李四"], capsys, "操作人")
    _refused([*common, "--operator", "张三", "--witness", LONG], capsys, "见证人")
    assert sql_dump(city.path) == before


def test_the_settings_page_stops_at_the_same_length(qtbot, store: Store, settings, tmp_path: Path) -> None:  # noqa: ANN001
    page = SettingsPage(store, settings, "zh_CN", keys_dir=tmp_path / "keys")
    qtbot.addWidget(page)
    for key, limit in DOC_SETTING_MAX.items():
        page.edits[key].clear()
        page.edits[key].insert("名" * (limit + 5))  # as pasted
        assert len(page.edits[key].text()) == limit, key
