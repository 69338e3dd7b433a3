"""Trust list tables (append-only migration set ``qcdesk.trust``).

* ``trusted_key``: public keys whose packages are accepted, with an optional revocation time.
* ``received_package``: every package accepted from a key, by sequence number, so a replay
  is refused and gaps are reported.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from qcdesk.models.schema import RECORD_COLUMNS, run_statements

trust_migrations = Migrations("qcdesk.trust")


@trust_migrations(name="0001_trust_tables")
def create_trust_tables(db: Database) -> None:
    r = RECORD_COLUMNS
    run_statements(
        db,
        f"""
CREATE TABLE trusted_key (
    id INTEGER PRIMARY KEY, {r},
    key_id TEXT NOT NULL,
    public_key TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    jurisdiction TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT '' CHECK (role IN ('', 'inspector', 'county')),
    added_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE UNIQUE INDEX trusted_key_live ON trusted_key(key_id) WHERE deleted_at IS NULL;
CREATE TABLE received_package (
    id INTEGER PRIMARY KEY, {r},
    key_id TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    package_sha256 TEXT NOT NULL,
    received_at TEXT NOT NULL,
    manifest_json TEXT NOT NULL DEFAULT '{{}}'
);
CREATE UNIQUE INDEX received_package_live ON received_package(key_id, sequence)
    WHERE deleted_at IS NULL;
CREATE INDEX received_package_sha ON received_package(package_sha256)
""",
    )
