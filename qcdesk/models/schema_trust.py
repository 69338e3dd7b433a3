"""Trust list tables (append-only migration set ``qcdesk.trust``).

* ``trusted_key``: public keys whose packages are accepted, with an optional revocation time.
* ``received_package``: every package accepted from a key, by sequence number, so a replay
  is refused and gaps are reported; ``chain_broken`` (0003) keeps the warning that its previous
  package was not the one received here (a key on two computers, an old backup restored).
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


@trust_migrations(name="0002_city_role")
def allow_city_role(db: Database) -> None:
    """Role ``city`` (市级局, the city office 市质强办): SQLite cannot change a CHECK constraint,
    so the table is rebuilt from its own CREATE statement (any column added since included) with
    its rows, ids and index as they were. Dropping it drops its audit triggers without firing
    them; `audit.attach` puts them back when the store opens, and the rows' sealed digests still
    match (same ids, same columns, same values)."""
    old_check = "CHECK (role IN ('', 'inspector', 'county'))"
    (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'trusted_key'"
                        ).fetchone()
    if old_check not in sql:  # a schema this migration does not know: leave it as it is
        raise RuntimeError("trusted_key has an unexpected role constraint")
    new_sql = sql.replace(old_check, "CHECK (role IN ('', 'inspector', 'county', 'city'))").replace(
        "CREATE TABLE trusted_key", "CREATE TABLE trusted_key_city", 1)
    run_statements(db, ";\n".join([
        new_sql,
        "INSERT INTO trusted_key_city SELECT * FROM trusted_key",
        "DROP TABLE trusted_key",
        "ALTER TABLE trusted_key_city RENAME TO trusted_key",
        "CREATE UNIQUE INDEX trusted_key_live ON trusted_key(key_id) WHERE deleted_at IS NULL",
    ]))


@trust_migrations(name="0003_received_chain_broken")
def received_chain_broken(db: Database) -> None:
    """The chain warning ("数据包声明的上一个包与本机收到的不一致") was said once at import and
    then forgotten: it is the only trace that a signer's packages forked, and `qcdesk received`
    and the received-packages list show it from this column. 1: warned; 0: not (or imported
    before this column, when it was not kept)."""
    db.execute("ALTER TABLE received_package ADD COLUMN chain_broken INTEGER NOT NULL DEFAULT 0")
