"""The ordered list of migration sets applied when a store opens.

Each area of the app owns one append-only set; add yours at the end of `migration_sets()`.
"""

from __future__ import annotations

from sqlite_utils.migrations import Migrations


def migration_sets() -> list[Migrations]:
    """Imported lazily so that importing the store stays cheap and side-effect free."""
    from qcdesk.models.schema import core_migrations

    sets = [core_migrations]
    # --- area sets below, one line each, in this order ---
    sets.append(__import__("qcdesk.models.schema_exchange", fromlist=["x"]).exchange_migrations)
    sets.append(__import__("qcdesk.models.schema_trust", fromlist=["x"]).trust_migrations)
    sets.append(__import__("qcdesk.models.schema_supervision", fromlist=["x"]).supervision_migrations)
    sets.append(__import__("qcdesk.models.schema_audit", fromlist=["x"]).audit_migrations)
    sets.append(__import__("qcdesk.models.schema_listing", fromlist=["x"]).listing_migrations)
    return sets
