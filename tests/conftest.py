"""Test configuration: Qt runs offscreen, and stores are real SQLite files in tmp_path."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from qcdesk.models.store import Store  # noqa: E402


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A migrated store in a real file, closed after the test."""
    s = Store.open(tmp_path / "qcdesk.db", author="test-inspector")
    yield s
    s.close()
