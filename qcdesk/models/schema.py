"""Core schema as an append-only sqlite-utils migration set.

Never edit a migration that has shipped: append a new one. Every record table carries the
columns offline merging needs (uuid, times, author, revision, soft delete, origin).
"""

from __future__ import annotations

import uuid

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from qcdesk.models.jurisdictions import JURISDICTIONS, LEADING_INDUSTRIES

core_migrations = Migrations("qcdesk.core")
SEED_NAMESPACE = uuid.UUID("6f1d7c1e-0c55-4a59-9d2b-7b1c2f0a4212")

RECORD_COLUMNS = """
    uuid TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    revision INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    origin TEXT NOT NULL DEFAULT 'local'
"""

RECORD_TABLES = (
    "industry",
    "inspector",
    "enterprise",
    "licence",
    "certification",
    "contact",
    "visit",
    "sample",
    "finding",
    "photo",
    "rectification",
)


def run_statements(db: Database, sql: str) -> None:
    """Run ';'-separated DDL one statement at a time (executescript would commit mid-migration)."""
    for statement in sql.split(";\n"):
        if statement.strip():
            db.execute(statement)


@core_migrations(name="0001_core_tables")
def create_core_tables(db: Database) -> None:
    r = RECORD_COLUMNS
    run_statements(
        db,
        f"""
CREATE TABLE jurisdiction (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    parent_code TEXT REFERENCES jurisdiction(code),
    official INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE industry (
    id INTEGER PRIMARY KEY, {r},
    name TEXT NOT NULL,
    jurisdiction_code TEXT REFERENCES jurisdiction(code)
);
CREATE TABLE inspector (
    id INTEGER PRIMARY KEY, {r},
    name TEXT NOT NULL,
    cert_no TEXT NOT NULL DEFAULT '',
    jurisdiction_code TEXT NOT NULL REFERENCES jurisdiction(code),
    active INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE enterprise (
    id INTEGER PRIMARY KEY, {r},
    uscc TEXT NOT NULL,
    name TEXT NOT NULL,
    jurisdiction_code TEXT NOT NULL REFERENCES jurisdiction(code),
    address TEXT NOT NULL DEFAULT '',
    industry TEXT NOT NULL DEFAULT '',
    main_products TEXT NOT NULL DEFAULT '',
    above_scale INTEGER NOT NULL DEFAULT 0,
    in_improvement INTEGER NOT NULL DEFAULT 0,
    demonstration INTEGER NOT NULL DEFAULT 0,
    legal_representative TEXT NOT NULL DEFAULT '',
    contact_name TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    size_class TEXT NOT NULL DEFAULT '',
    certifications TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX enterprise_uscc_live ON enterprise(uscc) WHERE deleted_at IS NULL;
CREATE INDEX enterprise_name ON enterprise(name);
CREATE INDEX enterprise_jurisdiction ON enterprise(jurisdiction_code, name);
CREATE INDEX enterprise_industry ON enterprise(industry, name);
CREATE TABLE licence (
    id INTEGER PRIMARY KEY, {r},
    enterprise_id INTEGER NOT NULL REFERENCES enterprise(id),
    kind TEXT NOT NULL,
    number TEXT NOT NULL,
    product TEXT NOT NULL DEFAULT '',
    issued_on TEXT,
    expires_on TEXT
);
CREATE INDEX licence_enterprise ON licence(enterprise_id);
CREATE INDEX licence_expiry ON licence(expires_on);
CREATE TABLE certification (
    id INTEGER PRIMARY KEY, {r},
    enterprise_id INTEGER NOT NULL REFERENCES enterprise(id),
    name TEXT NOT NULL,
    certificate_no TEXT NOT NULL DEFAULT '',
    expires_on TEXT
);
CREATE INDEX certification_enterprise ON certification(enterprise_id);
CREATE TABLE contact (
    id INTEGER PRIMARY KEY, {r},
    enterprise_id INTEGER NOT NULL REFERENCES enterprise(id),
    name TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT ''
);
CREATE INDEX contact_enterprise ON contact(enterprise_id);
CREATE TABLE visit (
    id INTEGER PRIMARY KEY, {r},
    enterprise_id INTEGER NOT NULL REFERENCES enterprise(id),
    visit_date TEXT NOT NULL,
    kind TEXT NOT NULL,
    inspectors TEXT NOT NULL DEFAULT '[]',
    summary TEXT NOT NULL DEFAULT '',
    conclusion TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'draft',
    rectification_id INTEGER REFERENCES rectification(id),
    locked_package TEXT
);
CREATE INDEX visit_date ON visit(visit_date, id);
CREATE INDEX visit_enterprise ON visit(enterprise_id, visit_date);
CREATE INDEX visit_kind ON visit(kind, visit_date);
CREATE INDEX visit_status ON visit(status, visit_date);
CREATE INDEX visit_updated ON visit(updated_at);
CREATE TABLE sample (
    id INTEGER PRIMARY KEY, {r},
    visit_id INTEGER NOT NULL REFERENCES visit(id),
    task_no TEXT NOT NULL DEFAULT '',
    organiser TEXT NOT NULL DEFAULT '',
    product_name TEXT NOT NULL,
    trademark TEXT NOT NULL DEFAULT '',
    spec_model TEXT NOT NULL DEFAULT '',
    batch_no TEXT NOT NULL DEFAULT '',
    production_date TEXT,
    grade TEXT NOT NULL DEFAULT '',
    standard TEXT NOT NULL DEFAULT '',
    unit_price TEXT NOT NULL DEFAULT '',
    lot_size TEXT NOT NULL DEFAULT '',
    sample_qty TEXT NOT NULL DEFAULT '',
    test_qty TEXT NOT NULL DEFAULT '',
    backup_qty TEXT NOT NULL DEFAULT '',
    licence_no TEXT NOT NULL DEFAULT '',
    seal_state TEXT NOT NULL DEFAULT '',
    sampling_place TEXT NOT NULL DEFAULT 'warehouse',
    enterprise_size TEXT NOT NULL DEFAULT '',
    samplers TEXT NOT NULL DEFAULT '[]',
    sampled_on TEXT,
    remarks TEXT NOT NULL DEFAULT '',
    refused_to_sign INTEGER NOT NULL DEFAULT 0,
    refusal_reason TEXT NOT NULL DEFAULT '',
    result TEXT NOT NULL DEFAULT 'pending',
    failed_items TEXT NOT NULL DEFAULT '',
    result_notified_on TEXT
);
CREATE INDEX sample_visit ON sample(visit_id);
CREATE INDEX sample_result ON sample(result);
CREATE TABLE finding (
    id INTEGER PRIMARY KEY, {r},
    visit_id INTEGER NOT NULL REFERENCES visit(id),
    category TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL,
    severity TEXT NOT NULL DEFAULT 'minor',
    basis TEXT NOT NULL DEFAULT ''
);
CREATE INDEX finding_visit ON finding(visit_id);
CREATE TABLE photo (
    id INTEGER PRIMARY KEY, {r},
    finding_id INTEGER NOT NULL REFERENCES finding(id),
    sha256 TEXT NOT NULL,
    file_name TEXT NOT NULL DEFAULT '',
    media_type TEXT NOT NULL DEFAULT 'image/jpeg'
);
CREATE INDEX photo_finding ON photo(finding_id);
CREATE TABLE rectification (
    id INTEGER PRIMARY KEY, {r},
    enterprise_id INTEGER NOT NULL REFERENCES enterprise(id),
    visit_id INTEGER REFERENCES visit(id),
    finding_id INTEGER REFERENCES finding(id),
    sample_id INTEGER REFERENCES sample(id),
    requirement TEXT NOT NULL,
    rule_set TEXT NOT NULL,
    ordered_on TEXT NOT NULL,
    deadline TEXT NOT NULL,
    recheck_due TEXT NOT NULL,
    extended_to TEXT,
    extension_reason TEXT NOT NULL DEFAULT '',
    extension_requested_on TEXT,
    status TEXT NOT NULL DEFAULT 'open',
    escalation TEXT NOT NULL DEFAULT '',
    report_submitted_on TEXT,
    closed_on TEXT,
    recheck_visit_id INTEGER REFERENCES visit(id),
    notice_no TEXT NOT NULL DEFAULT ''
);
CREATE INDEX rectification_enterprise ON rectification(enterprise_id);
CREATE INDEX rectification_status ON rectification(status, deadline);
CREATE INDEX rectification_deadline ON rectification(deadline, id);
CREATE INDEX rectification_visit ON rectification(visit_id);
CREATE VIRTUAL TABLE enterprise_fts USING fts5(tokens, tokenize = 'unicode61');
CREATE VIRTUAL TABLE finding_fts USING fts5(tokens, tokenize = 'unicode61')
""",
    )
    for j in JURISDICTIONS:
        db.execute(
            "INSERT INTO jurisdiction(code, name, parent_code, official) VALUES (?, ?, ?, ?)",
            [j.code, j.name, j.parent_code, int(j.official)],
        )


@core_migrations(name="0002_seed_industries")
def seed_industries(db: Database) -> None:
    # Deterministic ids and times: every laptop seeds the same rows, so merges see no duplicates.
    stamp = "2017-01-01T00:00:00.000000Z"
    for code, names in LEADING_INDUSTRIES.items():
        for name in names:
            seeded_id = str(uuid.uuid5(SEED_NAMESPACE, f"industry/{code}/{name}"))
            db.execute(
                "INSERT INTO industry(uuid, created_at, updated_at, author, name, jurisdiction_code)"
                " VALUES (?, ?, ?, 'system', ?, ?)",
                [seeded_id, stamp, stamp, name, code],
            )


@core_migrations(name="0003_sample_retest")
def add_sample_retest(db: Database) -> None:
    """复检: the enterprise's objection to a failed result, tested on the backup sample.

    `result` stays the sample's FINAL conclusion (the re-test's once it has one), so the
    pass-rate triggers, the bulk import's trigger replays and every query on `result` keep
    counting the right thing; the first test's conclusion was 不合格 by rule (only a failed
    sample can be re-tested). See qcdesk/models/retest.py.
    """
    for statement in (
        "ALTER TABLE sample ADD COLUMN retest_requested_on TEXT",
        "ALTER TABLE sample ADD COLUMN retest_result TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE sample ADD COLUMN retest_on TEXT",
    ):
        db.execute(statement)


@core_migrations(name="0004_rectification_closing_reason")
def add_rectification_closing_reason(db: Database) -> None:
    """Why an order was closed other than by a passing re-check visit: an order withdrawn because
    its sample passed its 复检 keeps status 'closed' (a value every QCDesk reads) and says so
    here. '' = closed by the re-check (or still open). See rectifications.withdraw_for_retest."""
    db.execute("ALTER TABLE rectification ADD COLUMN closing_reason TEXT NOT NULL DEFAULT ''")


@core_migrations(name="0005_rectification_reopen_reason")
def add_rectification_reopen_reason(db: Database) -> None:
    """Why a closed order was reopened (更正：重新打开): a close made by mistake is put right on
    the record, never edited around. '' = never reopened. See order_reopen.reopen_order."""
    db.execute("ALTER TABLE rectification ADD COLUMN reopen_reason TEXT NOT NULL DEFAULT ''")
