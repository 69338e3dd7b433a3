"""What a new office has not set up yet, for the dashboard's "Getting started" checklist.

A first day starts on an empty database: the checklist asks for the few things every later
step needs (the office's name on documents, the inspectors on the roster, the enterprises).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qcdesk.models.store import Store

ORG_NAME_SETTING = "doc.org_name"
HIDDEN_SETTING = "ui.getting_started_hidden"  # "1": the office chose not to see the checklist
MIN_INSPECTORS = 2  # a spot check is made by at least two inspectors (双随机: at least two per check)


@dataclass(frozen=True)
class SetupState:
    """Counts behind each step of the checklist."""

    org_named: bool
    inspectors: int
    enterprises: int
    hidden: bool


def setup_state(store: Store) -> SetupState:
    """The database's side of the checklist (the signing key lives in the keys folder)."""
    inspectors = store.db.execute(
        "SELECT count(*) FROM inspector WHERE deleted_at IS NULL AND active = 1").fetchone()[0]
    enterprises = store.db.execute(
        "SELECT count(*) FROM (SELECT 1 FROM enterprise WHERE deleted_at IS NULL LIMIT 1)").fetchone()[0]
    return SetupState(org_named=bool(store.setting(ORG_NAME_SETTING, "").strip()),
                      inspectors=int(inspectors), enterprises=int(enterprises),
                      hidden=store.setting(HIDDEN_SETTING, "") == "1")


def hide_checklist(store: Store) -> None:
    """Remember (in this database) that the office no longer wants the checklist."""
    store.set_setting(HIDDEN_SETTING, "1")
