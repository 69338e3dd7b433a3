"""Indexes the list pages need (append-only migration set ``qcdesk.listing``).

Each index serves one keyset order of `qcdesk.models.listing` so that the first page of a
list is read from an index, never sorted from the whole table.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from qcdesk.models.schema import run_statements

listing_migrations = Migrations("qcdesk.listing")


@listing_migrations(name="0001_list_orders")
def list_order_indexes(db: Database) -> None:
    run_statements(
        db,
        """
CREATE INDEX IF NOT EXISTS listing_rect_effective_deadline
    ON rectification(coalesce(extended_to, deadline));
CREATE INDEX IF NOT EXISTS listing_rect_ordered_on ON rectification(ordered_on);
CREATE INDEX IF NOT EXISTS listing_rect_notice_no ON rectification(notice_no);
CREATE INDEX IF NOT EXISTS listing_enterprise_uscc ON enterprise(uscc);
CREATE INDEX IF NOT EXISTS listing_enterprise_updated ON enterprise(updated_at)
""",
    )


@listing_migrations(name="0002_search_paths")
def search_path_indexes(db: Database) -> None:
    # Covering (partial) indexes for searching visits by chunks of the date order, mapping visits
    # to their live findings, and rectifications to the finding they were ordered for.
    run_statements(
        db,
        """
CREATE INDEX IF NOT EXISTS listing_visit_live_date
    ON visit(visit_date, id, enterprise_id) WHERE deleted_at IS NULL;
CREATE INDEX IF NOT EXISTS listing_finding_live_visit ON finding(visit_id) WHERE deleted_at IS NULL;
CREATE INDEX IF NOT EXISTS listing_rect_finding ON rectification(finding_id)
""",
    )


@listing_migrations(name="0003_pinyin_order")
def pinyin_order(db: Database) -> None:
    # Enterprise names in pinyin order (models/name_order.py): a derived key per enterprise,
    # remade whenever the name it was made from changes. Not a record table: no uuid, no audit.
    run_statements(
        db,
        """
CREATE TABLE IF NOT EXISTS enterprise_name_key (
    enterprise_id INTEGER PRIMARY KEY REFERENCES enterprise(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    sort_key TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS enterprise_name_key_order ON enterprise_name_key(sort_key, enterprise_id)
""",
    )
    from qcdesk.models.name_order import make_name_keys

    make_name_keys(db.conn)


@listing_migrations(name="0004_full_width_search")
def full_width_search(db: Database) -> None:
    # Search reads full-width letters and digits (typed in an input method's full-width mode) as
    # ASCII, in the query and in the index; rows indexed before keep full-width terms until now.
    from qcdesk.models.search_text import reindex_full_width

    reindex_full_width(db.conn)


@listing_migrations(name="0005_pinyin_name_readings")
def pinyin_name_readings(db: Database) -> None:
    # Name keys read 长 as cháng and a closing 行 as háng (name_order._name_readings): keys made
    # before read 赤壁市长江 as 市长 and are remade; `refresh_name_keys` only remakes renamed ones.
    from qcdesk.models.name_order import make_name_keys

    make_name_keys(db.conn)


@listing_migrations(name="0006_search_what_is_on_the_wall")
def search_what_is_on_the_wall(db: Database) -> None:
    # A firm is found by its address, contacts, phones, legal representative, notes and licence
    # numbers (search_text.firm_tokens); a visit by its samples and its inspectors, in an index of
    # its own (search_index.reindex_visits). Rows indexed before hold none of these until now.
    run_statements(db, "CREATE VIRTUAL TABLE IF NOT EXISTS visit_fts"
                       " USING fts5(tokens, tokenize = 'unicode61')")
    from qcdesk.models.search_index import reindex_enterprises, reindex_visits

    reindex_enterprises(db.conn)
    reindex_visits(db.conn)


@listing_migrations(name="0007_blank_removed_contacts")
def blank_removed_contacts(db: Database) -> None:
    # Contacts removed before removals blanked them (and such tombstones received from laptops
    # not yet upgraded) still hold a name and phone that every full package carries again. Blank
    # them as a new revision: the audit trail logs the change like an edit (and keeps the old
    # values), and the change log puts the blank row in the next package. Author and time stay
    # those of the removal the blank completes, so the inspector's and the county's upgrades make
    # the very same version (one id) and the inspector's next package is no conflict at the
    # county. In this set because it is applied last, after the audit and exchange sets.
    from qcdesk.models.editor_queries import Contact

    blanks = ", ".join(f"{name} = ''" for name in Contact.PERSONAL_FIELDS)
    held = " OR ".join(f"coalesce({name}, '') <> ''" for name in Contact.PERSONAL_FIELDS)
    db.execute(f"UPDATE contact SET {blanks}, revision = revision + 1"
               f" WHERE deleted_at IS NOT NULL AND ({held})")
