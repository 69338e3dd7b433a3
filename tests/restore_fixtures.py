"""Edits a clerk makes between a backup and a restore (for the restore preview tests)."""

from __future__ import annotations

from qcdesk.models.persistence import fetch_record, update_record
from qcdesk.models.records import Rectification
from qcdesk.models.store import Store


def number_orders(store: Store) -> list[int]:
    """Notice numbers on every order, as a clerk would recognise them."""
    ids = [r[0] for r in store.db.execute("SELECT id FROM rectification ORDER BY id")]
    with store.transaction():
        for n, rid in enumerate(ids, 1):
            rect = fetch_record(store, Rectification, rid)
            rect.notice_no = f"咸市监质改〔2026〕{n}号"
            update_record(store, rect)
    return ids


def mark_reported(store: Store, ids: list[int]) -> list[str]:
    """已提交整改报告 on these orders; their notice numbers."""
    notices = []
    with store.transaction():
        for rid in ids:
            rect = fetch_record(store, Rectification, rid)
            rect.status, rect.report_submitted_on = "report_submitted", "2026-11-29"
            update_record(store, rect)
            notices.append(rect.notice_no)
    return notices
