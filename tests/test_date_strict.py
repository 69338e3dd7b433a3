"""Dates are stored as typed and compared as text, so only the exact form 2026-11-15 is taken.

Python 3.11's `date.fromisoformat` also reads 20261115 and 2026W47; stored as typed, such a
value sorts and compares wrongly everywhere (an expired licence shown as "剩-15天"). They are
refused, with a message that shows the form to use, and nothing is written.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from qcdesk.cli import main
from qcdesk.models.amendments import lock_visits
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_visit
from qcdesk.models.messages import ValidationFailed
from qcdesk.models.records import Enterprise, Licence, Visit
from qcdesk.models.rectifications import order_rectification, submit_report
from qcdesk.models.store import Store
from qcdesk.models.validation import check_date
from tests.test_audit import make_visit

# forms Python 3.11 reads as dates but that are not YYYY-MM-DD text
NOT_THE_FORM = ["20261115", "2026W47", "2026-W47", "2026-W47-1", "2026W471", "2026-319", "2026319",
                "2026/11/15", "2026.11.15", "2026-11-5", "2026-1-15", " 2026-11-15", "2026-11-15 ",
                "２０２６-１１-１５", "2026-11-15T00:00"]


def _dump(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [line for line in conn.iterdump() if "risk_" not in line]
    finally:
        conn.close()


@pytest.fixture
def sent_visit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    """A database with one visit (2026-09-01) that went out in a package."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    db = tmp_path / "qcdesk.db"
    store = Store.open(db, author="tester")
    bundle = make_visit(store)
    lock_visits(store, [bundle.visit.id], "pkg-421281-0001")
    store.close()
    return db, bundle.visit.uuid


@pytest.mark.parametrize("typed", ["20261102", "2026W45", "2026/11/02"])
def test_amend_refuses_a_visit_date_not_written_year_month_day(
        sent_visit: tuple[Path, str], typed: str, capsys: pytest.CaptureFixture[str]) -> None:
    db, uuid = sent_visit
    before = _dump(db)
    capsys.readouterr()
    code = main(["amend", "--db", str(db), "--set", f"visit_date={typed}", "--reason", "抄错", uuid])
    err = capsys.readouterr().err
    assert code != 0
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("qcdesk"), err
    assert "检查日期应写成 2026-11-15 这样的格式（年-月-日）" in err, err
    assert "Traceback" not in err and "内部错误" not in err
    assert _dump(db) == before  # no amendment, the date is still 2026-09-01


def test_amend_with_a_proper_date_still_works(sent_visit: tuple[Path, str],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    db, uuid = sent_visit
    assert main(["amend", "--db", str(db), "--set", "visit_date=2026-11-02", "--reason", "抄错", uuid]) == 0
    conn = sqlite3.connect(db)
    try:
        row = conn.execute("SELECT visit_date FROM visit WHERE uuid = ?", [uuid]).fetchone()
        assert row == ("2026-11-02",)
    finally:
        conn.close()


@pytest.mark.parametrize("typed", NOT_THE_FORM)
def test_new_visit_with_a_date_in_another_form_is_not_saved(store: Store, typed: str) -> None:
    bundle = make_visit(store)
    visit = Visit(enterprise_id=bundle.visit.enterprise_id, visit_date=typed, kind="assistance",
                  inspectors=bundle.visit.inspectors)
    with pytest.raises(ValidationFailed) as info:
        save_visit(store, VisitBundle(visit))
    assert info.value.text() == "检查日期应写成 2026-11-15 这样的格式（年-月-日）"
    assert "2026-11-15" in info.value.text("en") and "year-month-day" in info.value.text("en")
    assert store.db.execute("SELECT count(*) FROM visit").fetchone()[0] == 1


def test_a_day_the_calendar_lacks_is_named_as_such(store: Store) -> None:
    bundle = make_visit(store)
    visit = Visit(enterprise_id=bundle.visit.enterprise_id, visit_date="2026-02-30", kind="assistance",
                  inspectors=bundle.visit.inspectors)
    with pytest.raises(ValidationFailed) as info:
        save_visit(store, VisitBundle(visit))
    assert "2026-02-30" in info.value.text() and "没有这一天" in info.value.text()
    assert "no such day" in info.value.text("en")
    assert store.db.execute("SELECT count(*) FROM visit").fetchone()[0] == 1


def test_new_visit_with_year_month_day_is_saved_as_typed(store: Store) -> None:
    bundle = make_visit(store)
    saved = save_visit(store, VisitBundle(Visit(enterprise_id=bundle.visit.enterprise_id,
                                                visit_date="2026-11-15", kind="assistance",
                                                inspectors=bundle.visit.inspectors)))
    row = store.db.execute("SELECT visit_date FROM visit WHERE id = ?", [saved.visit.id]).fetchone()
    assert row == ("2026-11-15",)


def test_licence_expiry_in_compact_form_is_refused(store: Store) -> None:
    with pytest.raises(ValidationFailed) as info:
        save_enterprise(store, Enterprise(uscc="91421224MA4CJGYT6P", name="通山县石材厂",
                                          jurisdiction_code="421224"),
                        [Licence(number="(鄂)XK13-006-00123", expires_on="20261115")])
    assert info.value.text() == "许可证有效期应写成 2026-11-15 这样的格式（年-月-日）"
    assert store.db.execute("SELECT count(*) FROM licence").fetchone()[0] == 0


def test_rectification_report_date_in_week_form_is_refused(store: Store) -> None:
    bundle = make_visit(store)
    rect = order_rectification(store, visit=bundle.visit, requirement="完善温湿度记录",
                               ordered_on="2026-09-02", rule_set="samr18")
    with pytest.raises(ValidationFailed) as info:
        submit_report(store, rect, "2026W40")
    assert "提交日期应写成 2026-11-15 这样的格式" in info.value.text()
    row = store.db.execute("SELECT status, report_submitted_on FROM rectification WHERE id = ?",
                           [rect.id]).fetchone()
    assert row == ("open", None)


def test_check_date_returns_the_day_for_the_exact_form() -> None:
    issues: list = []
    assert check_date(issues, "visit_date", "检查日期", "2026-11-15").isoformat() == "2026-11-15"
    assert check_date(issues, "visit_date", "检查日期", "", required=False) is None
    assert issues == []


def test_sample_result_notice_date_in_compact_form_is_refused(store: Store) -> None:
    from qcdesk.models.records import Sample

    bundle = make_visit(store)
    visit = Visit(enterprise_id=bundle.visit.enterprise_id, visit_date="2026-11-02", kind="spot_check",
                  inspectors=bundle.visit.inspectors)
    sample = Sample(product_name="PE给水管", result="pass", result_notified_on="20261110")
    with pytest.raises(ValidationFailed) as info:
        save_visit(store, VisitBundle(visit, samples=[sample]))
    assert info.value.text() == "结果告知日期应写成 2026-11-15 这样的格式（年-月-日）"
    assert store.db.execute("SELECT count(*) FROM sample WHERE result_notified_on = '20261110'"
                            ).fetchone()[0] == 0
