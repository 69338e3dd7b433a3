"""The export dialog's "nothing new since the last package?" check (export.unchanged_since) on the
GUI thread: the right answer, and found without picking every changed record first (it stops at
the first record a package would carry), so a large pending change set does not freeze the
dialog before its worker starts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from test_export_empty import _change_a_visit, exported  # noqa: F401 - the fixture is used by name

from qcdesk.exchange.export import unchanged_since
from qcdesk.models import exchange_store as xs
from qcdesk.models.risk import refresh_risk
from qcdesk.models.store import Store


def _signer(store: Store) -> str:
    return store.db.execute("SELECT signer FROM exchange_export").fetchone()[0]


def test_nothing_changed_names_the_last_package(exported: tuple[Path, Path, Path]) -> None:  # noqa: F811
    store = Store.open(exported[0], author="x")
    try:
        assert unchanged_since(store, _signer(store)) == 1
        assert xs.count_changed(store, int(xs.last_export(store, _signer(store))["change_seq"])) == 0
    finally:
        store.close()


def test_one_change_to_an_exported_record_is_something_new(exported: tuple[Path, Path, Path]) -> None:  # noqa: F811
    _change_a_visit(exported[0])
    store = Store.open(exported[0], author="x")
    try:
        assert unchanged_since(store, _signer(store)) is None
        since = int(xs.last_export(store, _signer(store))["change_seq"])
        assert xs.any_changed(store, since) and xs.count_changed(store, since) > 0  # the count is kept
    finally:
        store.close()


def test_a_change_only_to_tables_no_package_carries_is_nothing_new(
        exported: tuple[Path, Path, Path]) -> None:  # noqa: F811
    store = Store.open(exported[0], author="x")
    try:
        store.set_setting("org.name", "嘉鱼县市场监督管理局")  # settings, risk classes: never sent
        refresh_risk(store, date.today(), full=True)
        assert unchanged_since(store, _signer(store)) == 1
    finally:
        store.close()


def test_a_large_change_set_is_answered_from_its_first_record(exported: tuple[Path, Path, Path]) -> None:  # noqa: F811
    """SQLite's own step count (in thousands), not the clock: the answer takes about a thousand
    steps whatever is pending; picking every changed record (and its parents) first took some
    135 000 here, and about a second on a 100 000-visit demo database."""
    store = Store.open(exported[0], author="x")
    try:
        with store.db.atomic():  # 10 000 changes pending, as after a re-import
            for _ in range(1000):
                for table in ("enterprise", "visit", "sample", "finding", "rectification"):
                    store.db.execute(f"UPDATE {table} SET updated_at = updated_at")
        steps = [0]

        def count() -> int:
            steps[0] += 1
            return 0

        store.db.conn.set_progress_handler(count, 1000)
        try:
            assert unchanged_since(store, _signer(store)) is None
        finally:
            store.db.conn.set_progress_handler(None, 1000)
        assert steps[0] < 20, steps[0]
    finally:
        store.close()
