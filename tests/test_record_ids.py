"""A record number as a person types it (CLI `doc`, `amend`, lookups): too long, full-width or
not a number at all is "not found" or the record, never an internal error."""

from __future__ import annotations

import pytest

from qcdesk.models.document_data import RecordNotFound, notice_doc, recheck_doc
from qcdesk.models.persistence import fetch_record, row_id
from qcdesk.models.records import Visit
from qcdesk.models.store import Store


@pytest.mark.parametrize(("key", "expected"), [
    ("12", 12), (" 12 ", 12), ("１２", 12), (12, 12), ("9223372036854775807", 2**63 - 1),
    ("9223372036854775808", None), ("99999999999999999999999", None), (2**64, None),
    ("²", None), ("12a", None), ("", None), (True, None)])
def test_row_id(key: object, expected: int | None) -> None:
    assert row_id(key) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("key", ["99999999999999999999999", "²", "-1"])
def test_lookups_of_impossible_numbers_are_not_found(store: Store, key: str) -> None:
    assert fetch_record(store, Visit, key) is None
    with pytest.raises(RecordNotFound):
        notice_doc(store.db, key)
    with pytest.raises(RecordNotFound):
        recheck_doc(store.db, key)
