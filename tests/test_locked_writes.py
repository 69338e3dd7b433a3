"""Writes that manage their own transaction (trust list, rules, audit acceptance, baseline) tell
the user the database is in use by another program — as every other write does — instead of
SQLite's bare "database is locked" (which the GUI could only show as an internal error)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator

import pytest

from qcdesk.exchange.minisign import generate_secret_key
from qcdesk.models import audit, trust_store
from qcdesk.models.risk import SupervisionRules, save_rules
from qcdesk.models.store import Store, StoreError


@pytest.fixture
def locked(store: Store) -> Iterator[Store]:
    """`store` while another connection holds the write lock (and a short wait for it)."""
    store.db.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(store.path)
    other.execute("BEGIN IMMEDIATE")
    yield store
    other.rollback()
    other.close()


WRITES: dict[str, Callable[[Store], object]] = {
    "trust add": lambda s: trust_store.add_key(s, generate_secret_key().public_key, name="张三"),
    "rules": lambda s: save_rules(s, SupervisionRules(window_months=12)),
    "audit accept": lambda s: audit.accept_changes(s, "核对无误"),
    "audit baseline": lambda s: audit.baseline(s, "baseline"),
}


@pytest.mark.parametrize("name", list(WRITES))
def test_a_write_while_another_program_writes_says_so(locked: Store, name: str) -> None:
    with pytest.raises(StoreError) as info:
        WRITES[name](locked)
    assert "正被其他程序占用" in info.value.text("zh") and "in use" in info.value.text("en")
