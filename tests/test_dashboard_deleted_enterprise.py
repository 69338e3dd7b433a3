"""A soft-deleted enterprise (it comes in deleted by import) is counted in no figure: the dashboard
then shows what the quarterly report shows (review s8 "numbers" A1: 92.8 % on the dashboard,
93.9 % in the report, for the same quarter of the same database).

Deleting takes its samples out of the `spot_group` roll-up, un-deleting puts them back, and the
migration that brought this rebuilds the roll-up of a database made before it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from exchange_fixtures import export_to, merge

from qcdesk.models.dashboard_queries import (
    dashboard_figures,
    pass_rates,
    pass_rates_direct,
    quarter_of,
    records_behind,
)
from qcdesk.models.persistence import fetch_record, insert_record, soft_delete, update_record
from qcdesk.models.records import Enterprise, Licence, Rectification, Sample, Visit
from qcdesk.models.report_queries import quarterly_data
from qcdesk.models.schema_supervision import supervision_migrations
from qcdesk.models.store import Store

TODAY = date(2026, 11, 30)
TONGSHAN = "421224"
MIGRATION = "0005_rollup_leaves_out_deleted_enterprises"


def _firm(store: Store, name: str, code: str, uscc: str) -> Enterprise:
    return insert_record(store, Enterprise(uscc=uscc, name=name, jurisdiction_code=code, industry="石材"))


def _visit(store: Store, ent: Enterprise, day: str, results: list[str]) -> Visit:
    v = insert_record(store, Visit(enterprise_id=ent.id, visit_date=day, kind="spot_check", status="done"))
    for i, result in enumerate(results):
        insert_record(store, Sample(visit_id=v.id, product_name=f"产品{i}", result=result, sampled_on=day,
                                    failed_items="标签" if result == "fail" else ""))
    return v


def _order(store: Store, ent: Enterprise, notice: str) -> Rectification:
    """Ordered in 2026 Q4, still open past its deadline: the enterprise is late (逾期整改)."""
    return insert_record(store, Rectification(
        enterprise_id=ent.id, requirement="整改", ordered_on="2026-10-16", deadline="2026-11-10",
        recheck_due="2026-12-30", status="open", notice_no=notice))


def awkward(store: Store) -> Enterprise:
    """The reviewer's awk.db in small: 232 passed and 15 failed samples of live firms in 2026 Q4,
    and 3 failed samples plus a late order of a 通山县 firm that is then soft-deleted."""
    with store.db.atomic():
        chibi = _firm(store, "赤壁市青砖茶有限公司", "421281", "91421281MA4KL5FE01")
        _visit(store, chibi, "2026-10-10", ["pass"] * 232 + ["fail"] * 13)
        _order(store, chibi, "赤市监质改〔2026〕1号")
        live = _firm(store, "通山县石材有限公司", TONGSHAN, "91421224MA4KL5FE02")
        _visit(store, live, "2026-11-15", ["fail", "fail"])
        gone = _firm(store, "通山县已注销石材厂", TONGSHAN, "91421224MA4KL5FE03")
        _visit(store, gone, "2026-10-15", ["fail", "fail", "fail"])
        _order(store, gone, "通市监质改〔2026〕9号")
    return gone


def counted(store: Store, area: str | None = None) -> tuple:
    """What the dashboard shows: the quarter's rate (passed, failed), open and late orders, and the
    lists the tiles open (the quarter's visits, the late orders)."""
    f = dashboard_figures(store, TODAY, with_risk=False, area=area)
    q = quarter_of(TODAY)
    scope = {"jurisdiction": area} if area else {}
    visits = records_behind(store, "visits", {"date_from": q.start.isoformat(), "date_to": q.end.isoformat(),
                                              **scope}, TODAY)
    late = records_behind(store, "rectifications", {"state": "overdue", **scope}, TODAY)
    return (f.quarter.total.passed, f.quarter.total.failed), f.rectifications_open, \
        f.rectifications_overdue, len(visits), len(late)


def reported(store: Store, area: str | None = None) -> tuple:
    """The same figures in the quarterly report (every order here is of the quarter)."""
    d = quarterly_data(store.db, 2026, 4, jurisdiction=area, as_of=TODAY)
    return (d.total.passed, d.total.failed), d.rect_open, d.rect_overdue, d.spot_visits, d.rect_overdue


def reported_failures(store: Store) -> list:
    """The report's 不合格样品 list for the quarter."""
    return quarterly_data(store.db, 2026, 4, as_of=TODAY).failed_samples


def test_a_deleted_enterprise_leaves_the_dashboard_equal_to_the_report(store: Store) -> None:
    gone = awkward(store)
    assert counted(store)[0] == (232, 18)  # 92.8 %, all firms live
    soft_delete(store, fetch_record(store, Enterprise, gone.id))

    assert counted(store) == reported(store) == ((232, 15), 1, 1, 2, 1)  # 93.9 %, as the report
    assert counted(store, TONGSHAN) == reported(store, TONGSHAN) == ((0, 2), 0, 0, 1, 0)  # not 0/5
    q = quarter_of(TODAY)
    assert pass_rates(store, q) == pass_rates_direct(store, q)
    tongshan = {r.key: r for r in pass_rates(store, q).by_jurisdiction}[TONGSHAN]
    assert (tongshan.passed, tongshan.failed) == (0, 2)


def test_the_reports_failed_samples_do_not_name_a_deleted_enterprise(store: Store) -> None:
    """The report's 不合格样品 list must match the rate above it: a deleted firm's failures are
    left out of both, not named in a report to the government while uncounted."""
    gone = awkward(store)
    assert "通山县已注销石材厂" in {f.enterprise for f in reported_failures(store)}
    soft_delete(store, fetch_record(store, Enterprise, gone.id))
    assert {f.enterprise for f in reported_failures(store)} == {"赤壁市青砖茶有限公司", "通山县石材有限公司"}


def test_a_deleted_enterprises_licences_are_in_no_licence_tile(store: Store) -> None:
    """A closed-down or duplicate firm keeps live licence rows: 许可证即将到期/已过期 must not
    count them, as the report and the warnings do not."""
    firm = _firm(store, "通山县已注销石材厂", TONGSHAN, "91421224MA4KL5FE03")
    insert_record(store, Licence(enterprise_id=firm.id, number="(鄂)XK13-006-00123", product="石材",
                                 expires_on="2026-10-31"))
    insert_record(store, Licence(enterprise_id=firm.id, number="(鄂)XK13-006-00124", product="石材",
                                 expires_on="2026-12-15"))
    before = dashboard_figures(store, TODAY, with_risk=False)
    assert (before.licences_expiring, before.licences_expired) == (1, 1)
    soft_delete(store, fetch_record(store, Enterprise, firm.id))
    after = dashboard_figures(store, TODAY, with_risk=False)
    assert (after.licences_expiring, after.licences_expired) == (0, 0)
    assert records_behind(store, "licences", {"state": "expired"}, TODAY) == []


def test_undeleting_the_enterprise_counts_it_again(store: Store) -> None:
    gone = awkward(store)
    before = counted(store), counted(store, TONGSHAN)
    ent = soft_delete(store, fetch_record(store, Enterprise, gone.id))
    assert counted(store) == ((232, 15), 1, 1, 2, 1)
    ent.deleted_at = None
    update_record(store, ent)

    assert (counted(store), counted(store, TONGSHAN)) == before
    assert counted(store) == reported(store) == ((232, 18), 2, 2, 3, 2)
    q = quarter_of(TODAY)
    assert pass_rates(store, q) == pass_rates_direct(store, q)


def test_deleted_and_moved_at_once_and_deleted_while_its_samples_change(store: Store) -> None:
    """One update deleting and moving the firm counts its months once; samples added or changed
    while it is deleted stay out, and are all there when it comes back (in its new county)."""
    gone = awkward(store)
    ent = fetch_record(store, Enterprise, gone.id)
    ent.deleted_at, ent.jurisdiction_code = "2026-11-20T00:00:00.000000Z", "421281"
    update_record(store, ent)
    _visit(store, ent, "2026-11-02", ["pass"])
    q = quarter_of(TODAY)
    assert pass_rates(store, q) == pass_rates_direct(store, q)
    assert (pass_rates(store, q).total.passed, pass_rates(store, q).total.failed) == (232, 15)
    ent.deleted_at, ent.industry = None, "砖茶"
    update_record(store, ent)
    assert pass_rates(store, q) == pass_rates_direct(store, q)
    assert (pass_rates(store, q).total.passed, pass_rates(store, q).total.failed) == (233, 18)


def test_an_enterprise_received_deleted_in_a_package_is_not_counted(tmp_path: Path) -> None:
    """How such firms really arrive: county A's package carries the firm with its 删除时间."""
    a = Store.open(tmp_path / "A.db", author="甲")
    b = Store.open(tmp_path / "B.db", author="乙")
    gone = awkward(a)
    soft_delete(a, fetch_record(a, Enterprise, gone.id))
    export_to(a, tmp_path / "a.xlsx", "AAAAAAAAAAAAAAAA")
    merge(b, tmp_path / "a.xlsx", "AAAAAAAAAAAAAAAA")
    assert b.db.execute(  # the deleted firm came with its failed samples
        "SELECT sum(m.failed) FROM spot_month m JOIN enterprise e ON e.id = m.enterprise_id"
        " WHERE e.deleted_at IS NOT NULL").fetchone()[0] == 3
    assert counted(b) == reported(b) == counted(a) == ((232, 15), 1, 1, 2, 1)
    q = quarter_of(TODAY)
    assert pass_rates(b, q) == pass_rates_direct(b, q)
    a.close()
    b.close()


def test_the_migration_rebuilds_the_rollup_of_an_existing_database(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A database made before the fix counted the deleted firm; opening it again corrects it."""
    path = tmp_path / "old.db"
    with monkeypatch.context() as m:  # the QCDesk of before: migrations up to the fix, not it
        apply = supervision_migrations.apply
        m.setattr(supervision_migrations, "apply", lambda db, **kw: apply(db, stop_before=MIGRATION))
        old = Store.open(path, author="旧")
        gone = awkward(old)
        soft_delete(old, fetch_record(old, Enterprise, gone.id))
        q = quarter_of(TODAY)
        assert (pass_rates(old, q).total.passed, pass_rates(old, q).total.failed) == (232, 18)
        old.close()
    store = Store.open(path, author="新", backup_dir=tmp_path / "backups")
    assert not supervision_migrations.pending(store.db)
    assert counted(store) == reported(store) == ((232, 15), 1, 1, 2, 1)
    assert pass_rates(store, q) == pass_rates_direct(store, q)
    assert counted(store, TONGSHAN)[0] == (0, 2)
    store.close()
