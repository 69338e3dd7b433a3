"""The import's 文号 check reads only what it needs: the numbers the package's own orders carry
here before the merge (looked up by uuid) and, after it, the numbers two live orders share (from
the notice_no index). It read every live order's number twice, before and after, so a county or
city database paid two passes over all its orders for a package of one order. The report is the
same as that full comparison's, which the check here is run against on every import."""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_fixtures import populate

import qcdesk.exchange.importer as importer
import qcdesk.models.notice_numbers as notice_numbers
from qcdesk.exchange.notice_duplicates import DuplicateNotice, NoticeNumberCheck
from qcdesk.models.notice_numbers import number_groups, orders_by_uuid
from qcdesk.models.persistence import soft_delete, update_record
from qcdesk.models.records import Rectification
from qcdesk.models.store import Store
from tests.test_import_notice_duplicates import NUMBER, _import, _inspector, _receiver

OTHER = "嘉市监质改〔2024〕13号"


class _AgainstFullComparison(NoticeNumberCheck):
    """The check as the import runs it, compared with the earlier one: every live order's number
    before and after the merge, a number reported when two live orders carry it after, one of
    them the package's, and created unless all of them carried it before."""

    reports: list[list[DuplicateNotice]] = []

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        self.full_before = number_groups(store)

    def found(self, store: Store) -> list[DuplicateNotice]:
        found = super().found(store)
        after = number_groups(store)
        shared = {k: u for k, u in after.items() if len(u) > 1 and u & self.uuids}
        orders = orders_by_uuid(store, {u for uuids in shared.values() for u in uuids})
        expected = []
        for key in sorted(shared):
            listed = tuple(sorted((orders[u] for u in shared[key]),
                                  key=lambda o: (o.ordered_on, o.id)))
            expected.append(DuplicateNotice(listed[0].notice_no, listed,
                                            frozenset(shared[key] & self.uuids),
                                            not shared[key] <= self.full_before.get(key, frozenset())))
        assert found == expected
        self.reports.append(found)
        return found


def _numbered_order(db: Path) -> tuple[Store, Rectification]:
    store = Store.open(db)
    return store, Rectification.from_row(next(store.db.query(
        "SELECT * FROM rectification WHERE notice_no != ''")))


def test_reports_equal_the_full_comparison(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Created, already so, renumbered into a taken number, deleted: the same report each time."""
    monkeypatch.setattr(importer, "NoticeNumberCheck", _AgainstFullComparison)
    _AgainstFullComparison.reports = []
    zhang = _inspector(tmp_path, "张三", 0, NUMBER, "标签不规范")
    li = _inspector(tmp_path, "李四", 1, OTHER, "配料表不规范")
    county = _receiver(tmp_path, "county", zhang, li)

    def li_changes(step: str, change) -> list[DuplicateNotice]:  # noqa: ANN001
        store, rect = _numbered_order(li.db)
        change(store, rect)
        store.close()
        return _import(county, li.export(tmp_path / step, full=False)).duplicate_notices

    def renumber(store: Store, rect: Rectification) -> None:
        rect.notice_no = "嘉市监质改[2024]012号"
        update_record(store, rect)

    def report(store: Store, rect: Rectification) -> None:
        rect.status, rect.report_submitted_on = "report_submitted", "2024-02-01"
        update_record(store, rect)

    assert _import(county, zhang.export(tmp_path / "z")).duplicate_notices == []
    assert _import(county, li.export(tmp_path / "l")).duplicate_notices == []  # 13号: no clash
    [renumbered] = li_changes("l2", renumber)  # 李四's order, here with 13号, now says 12号
    assert renumbered.created and len(renumbered.orders) == 2
    [again] = li_changes("l3", report)
    assert not again.created
    assert li_changes("l4", lambda store, rect: soft_delete(store, rect)) == []
    assert len(_AgainstFullComparison.reports) == 5


def test_the_import_keys_each_stored_number_once(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A county holding 45 numbered orders receives one order: its numbers are keyed once (the
    shared ones read after the merge), not twice (all of them before and again after)."""
    zhang = _inspector(tmp_path, "张三", 0, NUMBER, "标签不规范")
    county = _receiver(tmp_path, "county", zhang)
    store = Store.open(county)
    populate(store, 5, 9, uscc_offset=1)
    store.db.execute("UPDATE rectification SET notice_no = '咸市监质改〔2023〕' || id || '号'")
    held = store.db.execute("SELECT count(*) FROM rectification WHERE notice_no != ''").fetchone()[0]
    store.close()
    assert held == 45
    keyed: list[str] = []
    key = notice_numbers.notice_key
    monkeypatch.setattr(notice_numbers, "notice_key", lambda n: keyed.append(n) or key(n))
    result = _import(county, zhang.export(tmp_path / "z"))
    assert result.counts["rectification"]["new"] == 1 and result.duplicate_notices == []
    assert held < len(keyed) <= held + 2, len(keyed)  # was 2 × 45 + 1
