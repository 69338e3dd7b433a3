"""Supervision-intelligence schema: demonstration zones, recusals, draw records, risk cache, summaries.

Append-only like every set. Record tables (`demonstration_zone`, `recusal`, `draw_record`) carry the
merge columns and travel in exchange packages; `risk_cache`, `risk_dirty` and `spot_month` are
derived, local-only tables kept current by triggers so that dashboards and lists never rescan the
visit history (1M visits) on every refresh.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from qcdesk.models.schema import RECORD_COLUMNS

supervision_migrations = Migrations("qcdesk.supervision")

# A sample counts towards the spot-check pass rate when it and its visit are live, the visit is a
# spot check and the result is final. The triggers below add/subtract exactly that contribution to
# `spot_month` (per enterprise, live or not); `spot_group` takes live enterprises' months only (0005).
_UPSERT = (
    " ON CONFLICT(month, enterprise_id) DO UPDATE SET"
    " passed = passed + excluded.passed, failed = failed + excluded.failed"
)


def _sample_delta(row: str, sign: str) -> str:
    return (
        "INSERT INTO spot_month(month, enterprise_id, passed, failed)"
        f" SELECT substr(v.visit_date, 1, 7), v.enterprise_id, {sign}({row}.result = 'pass'),"
        f" {sign}({row}.result = 'fail') FROM visit v WHERE v.id = {row}.visit_id"
        f" AND v.deleted_at IS NULL AND v.kind = 'spot_check' AND {row}.deleted_at IS NULL"
        f" AND {row}.result IN ('pass', 'fail')" + _UPSERT
    )


def _visit_delta(row: str, sign: str) -> str:
    return (
        "INSERT INTO spot_month(month, enterprise_id, passed, failed)"
        f" SELECT substr({row}.visit_date, 1, 7), {row}.enterprise_id,"
        f" {sign}sum(s.result = 'pass'), {sign}sum(s.result = 'fail') FROM sample s"
        f" WHERE s.visit_id = {row}.id AND s.deleted_at IS NULL AND s.result IN ('pass', 'fail')"
        f" AND {row}.deleted_at IS NULL AND {row}.kind = 'spot_check' GROUP BY s.visit_id" + _UPSERT
    )


def _dirty(select: str) -> str:
    return f"INSERT OR IGNORE INTO risk_dirty(enterprise_id) {select}"


def _statements() -> list[str]:
    r = RECORD_COLUMNS
    tables = [
        f"""CREATE TABLE demonstration_zone (
    id INTEGER PRIMARY KEY, {r},
    name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'zone',
    level TEXT NOT NULL DEFAULT 'city',
    jurisdiction_code TEXT NOT NULL REFERENCES jurisdiction(code),
    lead_industry TEXT NOT NULL DEFAULT '',
    members TEXT NOT NULL DEFAULT '[]',
    milestones TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL DEFAULT 'building',
    notes TEXT NOT NULL DEFAULT ''
)""",
        "CREATE INDEX demonstration_zone_level ON demonstration_zone(level, status)",
        f"""CREATE TABLE recusal (
    id INTEGER PRIMARY KEY, {r},
    inspector_id INTEGER NOT NULL REFERENCES inspector(id),
    enterprise_id INTEGER NOT NULL REFERENCES enterprise(id),
    reason TEXT NOT NULL
)""",
        "CREATE INDEX recusal_enterprise ON recusal(enterprise_id, inspector_id)",
        f"""CREATE TABLE draw_record (
    id INTEGER PRIMARY KEY, {r},
    drawn_at TEXT NOT NULL,
    as_of TEXT NOT NULL,
    seed TEXT NOT NULL,
    algorithm TEXT NOT NULL,
    parameters TEXT NOT NULL DEFAULT '{{}}',
    pool_hash TEXT NOT NULL,
    pool_size INTEGER NOT NULL DEFAULT 0,
    pool_snapshot TEXT NOT NULL DEFAULT '',
    selection TEXT NOT NULL DEFAULT '[]',
    operator TEXT NOT NULL DEFAULT '',
    witnesses TEXT NOT NULL DEFAULT '[]',
    committed INTEGER NOT NULL DEFAULT 0
)""",
        "CREATE INDEX draw_record_drawn ON draw_record(drawn_at)",
        """CREATE TABLE risk_cache (
    enterprise_id INTEGER PRIMARY KEY REFERENCES enterprise(id),
    risk_class TEXT NOT NULL,
    score INTEGER NOT NULL,
    reasons TEXT NOT NULL DEFAULT '[]',
    as_of TEXT NOT NULL,
    rules_hash TEXT NOT NULL,
    computed_at TEXT NOT NULL
)""",
        "CREATE INDEX risk_cache_class ON risk_cache(risk_class, enterprise_id)",
        "CREATE TABLE risk_dirty (enterprise_id INTEGER PRIMARY KEY)",
        """CREATE TABLE spot_month (
    month TEXT NOT NULL,
    enterprise_id INTEGER NOT NULL,
    passed INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, enterprise_id)
) WITHOUT ROWID""",
        # Last real visit per enterprise (risk "time since last visit") without touching the table.
        "CREATE INDEX visit_live_last ON visit(enterprise_id, visit_date)"
        " WHERE deleted_at IS NULL AND status != 'planned'",
        "CREATE INDEX sample_fail_visit ON sample(visit_id) WHERE result = 'fail' AND deleted_at IS NULL",
        "CREATE INDEX visit_spot_enterprise ON visit(enterprise_id, visit_date, id)"
        " WHERE deleted_at IS NULL AND kind = 'spot_check'",
    ]
    triggers = [
        ("spot_sample_ins", "AFTER INSERT ON sample", [_sample_delta("NEW", "+")]),
        ("spot_sample_upd", "AFTER UPDATE OF result, deleted_at, visit_id ON sample",
         [_sample_delta("OLD", "-"), _sample_delta("NEW", "+")]),
        ("spot_sample_del", "AFTER DELETE ON sample", [_sample_delta("OLD", "-")]),
        ("spot_visit_upd", "AFTER UPDATE OF visit_date, enterprise_id, kind, deleted_at ON visit"
         " WHEN OLD.visit_date IS NOT NEW.visit_date OR OLD.enterprise_id IS NOT NEW.enterprise_id"
         " OR OLD.kind IS NOT NEW.kind OR OLD.deleted_at IS NOT NEW.deleted_at",
         [_visit_delta("OLD", "-"), _visit_delta("NEW", "+")]),
        ("risk_dirty_enterprise_ins", "AFTER INSERT ON enterprise", [_dirty("VALUES (NEW.id)")]),
        ("risk_dirty_enterprise_upd", "AFTER UPDATE OF deleted_at ON enterprise",
         [_dirty("VALUES (NEW.id)")]),
        ("risk_dirty_visit_ins", "AFTER INSERT ON visit", [_dirty("VALUES (NEW.enterprise_id)")]),
        ("risk_dirty_visit_upd", "AFTER UPDATE ON visit",
         [_dirty("VALUES (OLD.enterprise_id)"), _dirty("VALUES (NEW.enterprise_id)")]),
        ("risk_dirty_sample_ins", "AFTER INSERT ON sample",
         [_dirty("SELECT enterprise_id FROM visit WHERE id = NEW.visit_id")]),
        ("risk_dirty_sample_upd", "AFTER UPDATE ON sample",
         [_dirty("SELECT enterprise_id FROM visit WHERE id = NEW.visit_id")]),
        ("risk_dirty_finding_ins", "AFTER INSERT ON finding",
         [_dirty("SELECT enterprise_id FROM visit WHERE id = NEW.visit_id")]),
        ("risk_dirty_finding_upd", "AFTER UPDATE ON finding",
         [_dirty("SELECT enterprise_id FROM visit WHERE id = NEW.visit_id")]),
        ("risk_dirty_rect_ins", "AFTER INSERT ON rectification", [_dirty("VALUES (NEW.enterprise_id)")]),
        ("risk_dirty_rect_upd", "AFTER UPDATE ON rectification", [_dirty("VALUES (NEW.enterprise_id)")]),
        ("risk_dirty_licence_ins", "AFTER INSERT ON licence", [_dirty("VALUES (NEW.enterprise_id)")]),
        ("risk_dirty_licence_upd", "AFTER UPDATE ON licence", [_dirty("VALUES (NEW.enterprise_id)")]),
    ]
    for name, when, body in triggers:
        tables.append(f"CREATE TRIGGER {name} {when} BEGIN " + "; ".join(body) + "; END")
    return tables


@supervision_migrations(name="0001_supervision_tables")
def create_supervision_tables(db: Database) -> None:
    for statement in _statements():
        db.execute(statement)
    # Backfill the summary from whatever history the store already holds.
    db.execute(
        "INSERT INTO spot_month(month, enterprise_id, passed, failed)"
        " SELECT substr(v.visit_date, 1, 7), v.enterprise_id, sum(s.result = 'pass'),"
        " sum(s.result = 'fail') FROM sample s JOIN visit v ON v.id = s.visit_id"
        " WHERE s.deleted_at IS NULL AND v.deleted_at IS NULL AND v.kind = 'spot_check'"
        " AND s.result IN ('pass', 'fail') GROUP BY 1, 2"
    )
    db.execute("INSERT INTO risk_dirty(enterprise_id) SELECT id FROM enterprise")


def _group_delta(sign: str, passed: str, failed: str, enterprise: str = "NEW.enterprise_id",
                 month: str = "NEW.month") -> str:
    return (
        "INSERT INTO spot_group(month, jurisdiction_code, industry, passed, failed)"
        f" SELECT {month}, e.jurisdiction_code, e.industry, {sign}({passed}), {sign}({failed})"
        f" FROM enterprise e WHERE e.id = {enterprise}"
        " ON CONFLICT(month, jurisdiction_code, industry) DO UPDATE SET"
        " passed = passed + excluded.passed, failed = failed + excluded.failed"
    )


@supervision_migrations(name="0002_dashboard_rollup_and_covering_indexes")
def add_rollup(db: Database) -> None:
    """A second, tiny summary (month × jurisdiction × industry) fed by `spot_month`'s changes.

    At 1M visits a year of `spot_month` is ~100k rows; the roll-up is a few thousand, so the
    dashboard's pass rates cost milliseconds. An enterprise moving jurisdiction or industry moves
    its months across groups. Covering indexes keep risk and dashboard counts off the big tables.
    """
    statements = [
        """CREATE TABLE spot_group (
    month TEXT NOT NULL,
    jurisdiction_code TEXT NOT NULL,
    industry TEXT NOT NULL,
    passed INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, jurisdiction_code, industry)
) WITHOUT ROWID""",
        "CREATE INDEX spot_month_enterprise ON spot_month(enterprise_id, month)",
        "CREATE TRIGGER spot_group_ins AFTER INSERT ON spot_month BEGIN "
        + _group_delta("+", "NEW.passed", "NEW.failed") + "; END",
        "CREATE TRIGGER spot_group_upd AFTER UPDATE ON spot_month BEGIN "
        + _group_delta("-", "OLD.passed", "OLD.failed", "OLD.enterprise_id", "OLD.month") + "; "
        + _group_delta("+", "NEW.passed", "NEW.failed") + "; END",
        "CREATE TRIGGER spot_group_move AFTER UPDATE OF jurisdiction_code, industry ON enterprise"
        " WHEN OLD.jurisdiction_code IS NOT NEW.jurisdiction_code OR OLD.industry IS NOT NEW.industry BEGIN"
        " INSERT INTO spot_group(month, jurisdiction_code, industry, passed, failed)"
        " SELECT month, OLD.jurisdiction_code, OLD.industry, -passed, -failed FROM spot_month"
        " WHERE enterprise_id = OLD.id AND true"
        " ON CONFLICT(month, jurisdiction_code, industry) DO UPDATE SET"
        " passed = passed + excluded.passed, failed = failed + excluded.failed;"
        " INSERT INTO spot_group(month, jurisdiction_code, industry, passed, failed)"
        " SELECT month, NEW.jurisdiction_code, NEW.industry, passed, failed FROM spot_month"
        " WHERE enterprise_id = NEW.id AND true"
        " ON CONFLICT(month, jurisdiction_code, industry) DO UPDATE SET"
        " passed = passed + excluded.passed, failed = failed + excluded.failed; END",
        "CREATE INDEX rectification_live_state ON rectification(status, deadline, extended_to, recheck_due)"
        " WHERE deleted_at IS NULL",
        "CREATE INDEX rectification_live_enterprise ON rectification(enterprise_id, status, ordered_on,"
        " deadline, extended_to) WHERE deleted_at IS NULL",
        "CREATE INDEX enterprise_improving ON enterprise(in_improvement) WHERE deleted_at IS NULL",
        "CREATE INDEX visit_live_cover ON visit(id, enterprise_id, visit_date) WHERE deleted_at IS NULL",
        "INSERT INTO spot_group(month, jurisdiction_code, industry, passed, failed)"
        " SELECT m.month, e.jurisdiction_code, e.industry, sum(m.passed), sum(m.failed)"
        " FROM spot_month m JOIN enterprise e ON e.id = m.enterprise_id GROUP BY 1, 2, 3",
    ]
    for statement in statements:
        db.execute(statement)


@supervision_migrations(name="0003_warning_indexes_and_last_visit")
def add_warning_indexes(db: Database) -> None:
    """Index-only counts for the dashboard's warning tile; the cache keeps each enterprise's last visit."""
    for statement in (
        "DROP INDEX rectification_live_state",
        "CREATE INDEX rectification_live_state ON rectification(status, deadline, extended_to, recheck_due,"
        " enterprise_id) WHERE deleted_at IS NULL",
        "CREATE INDEX enterprise_live_cover ON enterprise(id, jurisdiction_code) WHERE deleted_at IS NULL",
        "ALTER TABLE risk_cache ADD COLUMN last_visit TEXT",
        "ALTER TABLE risk_cache ADD COLUMN failed_samples INTEGER NOT NULL DEFAULT 0",
        "CREATE INDEX risk_cache_failed ON risk_cache(failed_samples) WHERE failed_samples > 0",
        "DELETE FROM risk_cache",
        "DELETE FROM settings WHERE key = 'supervision.risk_cache_state'",
    ):
        db.execute(statement)


_DIRTY_TRIGGERS = (
    ("risk_dirty_enterprise_ins", "AFTER INSERT ON enterprise", ["VALUES (NEW.id)"]),
    ("risk_dirty_enterprise_upd", "AFTER UPDATE OF deleted_at ON enterprise", ["VALUES (NEW.id)"]),
    ("risk_dirty_visit_ins", "AFTER INSERT ON visit", ["VALUES (NEW.enterprise_id)"]),
    ("risk_dirty_visit_upd", "AFTER UPDATE ON visit",
     ["VALUES (OLD.enterprise_id)", "VALUES (NEW.enterprise_id)"]),
    ("risk_dirty_sample_ins", "AFTER INSERT ON sample",
     ["SELECT enterprise_id FROM visit WHERE id = NEW.visit_id"]),
    ("risk_dirty_sample_upd", "AFTER UPDATE ON sample",
     ["SELECT enterprise_id FROM visit WHERE id = NEW.visit_id"]),
    ("risk_dirty_finding_ins", "AFTER INSERT ON finding",
     ["SELECT enterprise_id FROM visit WHERE id = NEW.visit_id"]),
    ("risk_dirty_finding_upd", "AFTER UPDATE ON finding",
     ["SELECT enterprise_id FROM visit WHERE id = NEW.visit_id"]),
    ("risk_dirty_rect_ins", "AFTER INSERT ON rectification", ["VALUES (NEW.enterprise_id)"]),
    ("risk_dirty_rect_upd", "AFTER UPDATE ON rectification", ["VALUES (NEW.enterprise_id)"]),
    ("risk_dirty_licence_ins", "AFTER INSERT ON licence", ["VALUES (NEW.enterprise_id)"]),
    ("risk_dirty_licence_upd", "AFTER UPDATE ON licence", ["VALUES (NEW.enterprise_id)"]),
)


@supervision_migrations(name="0004_risk_dirty_generations")
def count_dirty_marks(db: Database) -> None:
    """Each mark counts changes, so a refresh computed outside its short write transaction only
    clears the marks it saw (a change made meanwhile bumps the count and stays marked)."""
    db.execute("ALTER TABLE risk_dirty ADD COLUMN n INTEGER NOT NULL DEFAULT 1")
    for name, when, selects in _DIRTY_TRIGGERS:
        db.execute(f"DROP TRIGGER {name}")
        body = "; ".join(
            f"INSERT INTO risk_dirty(enterprise_id) {s} ON CONFLICT(enterprise_id) DO UPDATE SET n = n + 1"
            for s in selects)
        db.execute(f"CREATE TRIGGER {name} {when} BEGIN {body}; END")


def _live_group_delta(sign: str, passed: str, failed: str, enterprise: str, month: str) -> str:
    """`_group_delta`, counting only a live enterprise's months (a soft-deleted one's are not)."""
    return (
        "INSERT INTO spot_group(month, jurisdiction_code, industry, passed, failed)"
        f" SELECT {month}, e.jurisdiction_code, e.industry, {sign}({passed}), {sign}({failed})"
        f" FROM enterprise e WHERE e.id = {enterprise} AND e.deleted_at IS NULL"
        " ON CONFLICT(month, jurisdiction_code, industry) DO UPDATE SET"
        " passed = passed + excluded.passed, failed = failed + excluded.failed"
    )


def _enterprise_months(side: str, sign: str) -> str:
    """Add (`+`) or take away (`-`) all of enterprise `side`'s months in its group, if it is live."""
    return (
        "INSERT INTO spot_group(month, jurisdiction_code, industry, passed, failed)"
        f" SELECT month, {side}.jurisdiction_code, {side}.industry, {sign}passed, {sign}failed"
        f" FROM spot_month WHERE enterprise_id = {side}.id AND {side}.deleted_at IS NULL"
        " ON CONFLICT(month, jurisdiction_code, industry) DO UPDATE SET"
        " passed = passed + excluded.passed, failed = failed + excluded.failed"
    )


@supervision_migrations(name="0005_rollup_leaves_out_deleted_enterprises")
def rollup_live_enterprises(db: Database) -> None:
    """A soft-deleted enterprise's samples are not counted in any figure (the quarterly report and
    the warnings read live enterprises only), so the roll-up leaves them out too.

    Such an enterprise comes in by import (a package's 删除时间), with its visits and samples.
    `spot_month` stays per enterprise, whatever its state; `spot_group` takes an enterprise's
    months only while it is live: deleting it takes them out, un-deleting puts them back, the way
    `spot_group_move` moves them on a change of jurisdiction or industry (one trigger for both, so
    an update changing both at once is counted once). Rebuilt here so existing databases agree.
    """
    live_or_was = "(OLD.deleted_at IS NULL OR NEW.deleted_at IS NULL)"
    changed = ("(OLD.jurisdiction_code IS NOT NEW.jurisdiction_code OR OLD.industry IS NOT NEW.industry"
               " OR (OLD.deleted_at IS NULL) != (NEW.deleted_at IS NULL))")
    for statement in (
        "DROP TRIGGER spot_group_ins",
        "DROP TRIGGER spot_group_upd",
        "DROP TRIGGER spot_group_move",
        "CREATE TRIGGER spot_group_ins AFTER INSERT ON spot_month BEGIN "
        + _live_group_delta("+", "NEW.passed", "NEW.failed", "NEW.enterprise_id", "NEW.month") + "; END",
        "CREATE TRIGGER spot_group_upd AFTER UPDATE ON spot_month BEGIN "
        + _live_group_delta("-", "OLD.passed", "OLD.failed", "OLD.enterprise_id", "OLD.month") + "; "
        + _live_group_delta("+", "NEW.passed", "NEW.failed", "NEW.enterprise_id", "NEW.month") + "; END",
        "CREATE TRIGGER spot_group_move AFTER UPDATE OF jurisdiction_code, industry, deleted_at ON enterprise"
        f" WHEN {live_or_was} AND {changed} BEGIN "
        + _enterprise_months("OLD", "-") + "; " + _enterprise_months("NEW", "") + "; END",
        "DELETE FROM spot_group",
        "INSERT INTO spot_group(month, jurisdiction_code, industry, passed, failed)"
        " SELECT m.month, e.jurisdiction_code, e.industry, sum(m.passed), sum(m.failed)"
        " FROM spot_month m JOIN enterprise e ON e.id = m.enterprise_id WHERE e.deleted_at IS NULL"
        " GROUP BY 1, 2, 3",
    ):
        db.execute(statement)
