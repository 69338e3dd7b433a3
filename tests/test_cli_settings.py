"""A CLI-only county names its organising body, and `publish` says when nobody has (R5 F5).

Before: no command set 本单位名称, so a county working from the CLI published its own 县抽
results over 咸宁市市场监督管理局 without a word. Now `qcdesk settings --org-name` sets it (with
the county bureau's number prefixes), prints the values without an option, refuses an empty name
in one line, and `publish` warns on stderr while the name is still the default."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from qcdesk.cli import main
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.records import Enterprise, Inspector, Sample, Visit
from qcdesk.models.store import Store

COUNTY = "通城县市场监督管理局"


@pytest.fixture
def checked(store: Store) -> Store:
    """One 通城 firm checked by this office in November 2026, the result notified (publishable)."""
    firm = save_enterprise(store, Enterprise(uscc="91421222MA46GFBP29", name="通城县鑫磊砂布厂",
                                             jurisdiction_code="421222", industry="涂附磨具",
                                             main_products="砂布"))
    staff = [save_inspector(store, Inspector(name=n, jurisdiction_code="421222")).uuid
             for n in ("刘芳", "王强")]
    save_visit(store, VisitBundle(
        visit=Visit(enterprise_id=firm.id, visit_date="2026-11-10", status="done", inspectors=staff),
        samples=[Sample(product_name="砂布", result="pass", result_notified_on="2026-11-12")]))
    return store


def _publish(store: Store, out: Path) -> int:
    return main(["publish", "--db", str(store.path), "--from", "2026-11-01", "--to", "2026-11-30",
                 "--out", str(out)])


def _organisers(path: Path) -> set[str]:
    sheet = openpyxl.load_workbook(path)["公示"]
    column = [c.value for c in sheet[1]].index("检查机关")
    return {row[column] for row in sheet.iter_rows(min_row=2, values_only=True)}


def test_publish_warns_while_the_organising_body_was_never_set(
        checked: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Only when rows went out under the default name: a check by 通城's inspectors is published
    under their bureau whatever this office is called, and a warning then was untrue (review)."""
    out = tmp_path / "公示.xlsx"
    capsys.readouterr()
    assert _publish(checked, out) == 0
    assert capsys.readouterr().err == ""
    # made by 通城's inspectors: published under their bureau, as its 抽样单 is headed, not the
    # default name (tests/test_publication_area.py)
    assert _organisers(out) == {COUNTY}
    firm = checked.db.execute("SELECT id FROM enterprise").fetchone()[0]
    own = [save_inspector(checked, Inspector(name=n, jurisdiction_code="421200")).uuid
           for n in ("赵敏", "钱进")]  # the unit every inspector got by default: this office
    save_visit(checked, VisitBundle(
        visit=Visit(enterprise_id=firm, visit_date="2026-11-20", status="done", inspectors=own),
        samples=[Sample(product_name="砂纸", result="pass", result_notified_on="2026-11-25")]))
    assert _publish(checked, out) == 0  # a warning, not a refusal: the exit code is unchanged
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert "本单位名称尚未设置，其中 1 条以默认的咸宁市市场监督管理局作为检查机关公示" in err
    assert "qcdesk settings --org-name" in err
    assert _organisers(out) == {COUNTY, "咸宁市市场监督管理局"}


def test_an_office_not_in_the_bureau_table_sets_its_own_prefixes(
        checked: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Review (domain): a 分局 whose name is no known bureau's kept the city's 咸市监质改, and the
    CLI had no way to change it; the settings page did. A prefix holding the year's 〔〕 is
    refused in one line and nothing (not even a name given with it) is written."""
    db = str(checked.path)
    branch = "咸宁市市场监督管理局高新区分局"
    assert main(["settings", "--db", db, "--org-name", branch, "--notice-prefix", "咸高新市监质改",
                 "--recheck-prefix", " 咸高新市监质复 "]) == 0
    shown = capsys.readouterr().out
    assert f"本单位名称（组织单位）：{branch}\n" in shown
    assert "整改通知书编号前缀：咸高新市监质改\n复查意见书编号前缀：咸高新市监质复\n" in shown
    for bad in ("咸高新市监质改〔2026〕", " "):
        assert main(["settings", "--db", db, "--org-name", COUNTY, "--notice-prefix", bad]) != 0
        err = capsys.readouterr().err.strip()
        assert err.count("\n") == 0 and "整改通知书编号前缀须写编号中〔年份〕之前的部分" in err, err
    assert main(["settings", "--db", db]) == 0
    assert f"本单位名称（组织单位）：{branch}\n整改通知书编号前缀：咸高新市监质改" in capsys.readouterr().out


def test_settings_names_the_county_and_publish_then_signs_with_it(
        checked: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(checked.path)
    capsys.readouterr()
    assert main(["settings", "--db", db]) == 0
    shown = capsys.readouterr().out
    assert "本单位名称（组织单位）：咸宁市市场监督管理局（默认，尚未设置" in shown
    assert main(["settings", "--db", db, "--org-name", f" {COUNTY} "]) == 0
    assert main(["settings", "--db", db]) == 0
    shown = capsys.readouterr().out
    assert f"本单位名称（组织单位）：{COUNTY}\n" in shown
    assert "整改通知书编号前缀：通城市监质改" in shown and "复查意见书编号前缀：通城市监质复" in shown
    out = tmp_path / "公示.xlsx"
    assert _publish(checked, out) == 0
    assert capsys.readouterr().err == ""
    assert _organisers(out) == {COUNTY}


def test_an_empty_name_is_refused_in_one_line_and_nothing_changes(
        checked: Store, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(checked.path)
    assert main(["settings", "--db", db, "--org-name", COUNTY]) == 0
    capsys.readouterr()
    for name in ("", "　 "):
        assert main(["settings", "--db", db, "--org-name", name]) != 0
        err = capsys.readouterr().err.strip()
        assert err.count("\n") == 0 and "本单位名称不能为空" in err
    assert main(["settings", "--db", db]) == 0
    assert f"本单位名称（组织单位）：{COUNTY}\n" in capsys.readouterr().out


def test_prefixes_given_for_a_known_bureau_are_confirmed(checked: Store,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """Review: 通城县市场监督管理局 with its own --notice-prefix was stored, yet the first-run
    checklist went on warning that the prefixes differ from the bureau's."""
    from qcdesk.models.setup_queries import setup_state

    assert main(["settings", "--db", str(checked.path), "--org-name", COUNTY,
                 "--notice-prefix", "通市监质改"]) == 0
    assert "整改通知书编号前缀：通市监质改" in capsys.readouterr().out
    assert setup_state(checked).prefix_mismatch is None


def test_own_prefixes_stay_when_the_name_changes(checked: Store, capsys: pytest.CaptureFixture[str]) -> None:
    checked.set_setting("doc.notice_prefix", "通市监质改")  # this office's own numbering
    assert main(["settings", "--db", str(checked.path), "--org-name", COUNTY]) == 0
    assert "整改通知书编号前缀：通市监质改" in capsys.readouterr().out


def test_name_report_to_and_prefixes_are_written_together_or_not_at_all(
        checked: Store, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure while writing the prefixes (a full disk) left the new name and 主送机关 written
    beside the old prefixes: a 分局 then numbered its notices under the city's prefix."""
    import qcdesk.models.setup_queries as setup_queries
    from qcdesk.models.store import StoreError

    def full_disk(*_args: object) -> None:
        raise StoreError("磁盘已满", "disk full")

    db = str(checked.path)
    monkeypatch.setattr(setup_queries, "set_prefixes", full_disk)
    assert main(["settings", "--db", db, "--org-name", "咸宁市市场监督管理局高新区分局",
                 "--report-to", "咸宁高新区管委会", "--notice-prefix", "咸高新市监质改"]) != 0
    assert capsys.readouterr().err.strip().count("\n") == 0
    monkeypatch.undo()
    assert main(["settings", "--db", db]) == 0
    shown = capsys.readouterr().out
    assert "本单位名称（组织单位）：咸宁市市场监督管理局（默认，尚未设置" in shown
    assert "报告主送机关：咸宁高新区管委会" not in shown


def test_a_database_made_by_a_mistyped_path_is_said_to_be_new(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Review (command line): `settings --org-name … --db typo/x.db` made a new database, stored
    the name in it and reported success without a word; the office's real one was unchanged."""
    typo = tmp_path / "typo" / "qcdesk.db"
    assert main(["settings", "--db", str(typo), "--org-name", COUNTY]) == 0
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and f"{typo} 原来不存在，已新建数据库" in err, err
    assert main(["settings", "--db", str(typo), "--org-name", COUNTY]) == 0
    assert capsys.readouterr().err == ""  # the second time it is there: nothing to say
