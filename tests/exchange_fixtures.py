"""Small hand-made databases for the exchange tests (no demo generator needed)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from qcdesk.exchange.export import plan_export, write_workbook
from qcdesk.exchange.importer import ImportResult, merge_workbook
from qcdesk.models.persistence import insert_record, update_record
from qcdesk.models.records import Enterprise, Finding, Inspector, Rectification, Sample, Visit
from qcdesk.models.store import Store

USCCS = ["91421202MA4AEDKU8T", "91421221MA4E3XHX15", "91421222MA4PJ5BUX4",
         "91421223MA4059AK31", "91421224MA4CJGYT6P", "91421281MA4KL5FE07"]


def populate(store: Store, n_enterprises: int = 2, visits_each: int = 2,
             text: str = "标签不规范", uscc_offset: int = 0) -> None:
    """Enterprises with visits, samples, findings and a rectification each."""
    with store.db.atomic():
        insp = insert_record(store, Inspector(name="张三", cert_no="0042",
                                              jurisdiction_code="421202"))
        for i in range(n_enterprises):
            e = insert_record(store, Enterprise(
                uscc=USCCS[(i + uscc_offset) % len(USCCS)], name=f"咸宁企业{i}{text[:20]}",
                jurisdiction_code="421202", contact_phone="07155550001", notes=text))
            for j in range(visits_each):
                v = insert_record(store, Visit(enterprise_id=e.id, visit_date=f"2024-0{1 + j}-15",
                                               kind="spot_check", inspectors=[insp.uuid],
                                               summary=text, status="done"))
                s = insert_record(store, Sample(visit_id=v.id, product_name="砖茶", result="fail",
                                                sampled_on="2024-01-15", remarks=text,
                                                production_date=None))
                f = insert_record(store, Finding(visit_id=v.id, description=text))
                r = insert_record(store, Rectification(
                    enterprise_id=e.id, visit_id=v.id, finding_id=f.id, sample_id=s.id,
                    requirement=text, ordered_on="2024-01-16", deadline="2024-03-16",
                    recheck_due="2024-03-31"))
                v.rectification_id = r.id
                update_record(store, v)


def dump(store: Store) -> dict[str, Any]:
    """Every record table by uuid, with local ids replaced by parent uuids; conflicts too."""
    from qcdesk.exchange.workbook import SPECS

    out: dict[str, Any] = {}
    for spec in SPECS:
        rows = {}
        for row in store.db.query(f"SELECT * FROM {spec.table}"):
            for f in spec.fields:
                if f.parent and row[f.name] is not None:
                    row[f.name] = store.db.execute(
                        f"SELECT uuid FROM {f.parent} WHERE id = ?", [row[f.name]]).fetchone()[0]
            row.pop("id")
            rows[row["uuid"]] = row
        out[spec.table] = rows
    out["conflicts"] = sorted(
        (r["kind"], r["uuid"], r["version"], r["reason"], r["row_json"])
        for r in store.db.query("SELECT * FROM exchange_conflict"))
    return out


def file_dump(path: Path) -> dict[str, Any]:
    """`dump` of the database file at `path`, the file closed again: what "database unchanged" is
    checked against around a CLI call or a window that opens the file itself."""
    store = Store.open(path)
    try:
        return dump(store)
    finally:
        store.close()


def sql_dump(path: Path) -> list[str]:
    """The database file at `path` as SQL statements (sqlite3's iterdump): every byte of every
    table, also those `dump` leaves out (settings, the audit trail, received packages)."""
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def export_to(store: Store, path: Path, signer: str, *, full: bool = True) -> dict[str, int]:
    plan = plan_export(store, signer, full=full)
    counts = write_workbook(store, path, plan, {})
    from qcdesk.models import exchange_store as xs

    xs.record_export(store, signer=signer, sequence=plan.sequence, package_sha256="0" * 64,
                     file_name=path.name, change_seq=plan.change_seq, full=plan.full,
                     counts=counts)
    return counts


def merge(store: Store, path: Path, signer: str) -> ImportResult:
    return merge_workbook(store, path, signer=signer)


def edit_cells(path: Path, sheet_name: str, edits: dict[tuple[int, str], Any]) -> None:
    """What a person does in Excel: set cells of one sheet, by row number and column header."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheet = book[sheet_name]
    headers = [c.value for c in sheet[1]]
    for (row, header), value in edits.items():
        sheet.cell(row, headers.index(header) + 1).value = value
    book.save(path)


# --- comparing the import's fast paths with its general ones ------------------------------

FIXTURE_SIGNER = "A1A1A1A1A1A1A1A1"
# what an import fills besides the records: change log, risk and spot-check marks, lineage,
# search index, aliases of duplicate enterprises
IMPORT_SIDE_TABLES = ("exchange_log", "risk_dirty", "spot_month", "spot_group",
                      "exchange_lineage", "enterprise_fts", "finding_fts", "exchange_alias")


def exported_sheet(tmp_path: Path, signer: str = FIXTURE_SIGNER, **populate_args: Any) -> Path:
    """A full export of a freshly `populate`d database."""
    store = Store.open(tmp_path / "source.db", author="inspector")
    populate(store, **populate_args)
    path = tmp_path / "full.xlsx"
    export_to(store, path, signer)
    store.close()
    return path


def everything(store: Store, extra: tuple[str, ...] = ()) -> dict[str, Any]:
    """Records (by uuid), the tables an import fills (and `extra`), local ids and the schema."""
    from qcdesk.exchange.workbook import SPECS

    out = dump(store)
    for table in IMPORT_SIDE_TABLES + extra:
        rowid = "rowid, " if table.endswith("_fts") else ""  # an index row's record id
        out[table] = sorted(store.db.execute(f"SELECT {rowid}* FROM {table}").fetchall())
    for spec in SPECS:
        out[f"ids:{spec.table}"] = store.db.execute(
            f"SELECT id, uuid FROM {spec.table} ORDER BY id").fetchall()
    out["schema"] = store.db.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
        "ORDER BY type, name").fetchall()
    return out


def in_chunks_of(size: int, real: Any) -> Any:
    """`importer.fed_chunks` cut into chunks of `size` rows (a chunk's error on its last
    piece), so that links and batches cross chunk boundaries in a small sheet."""
    def chunks(path: Path, signer: str, reading: Any = None) -> Any:
        for table, sheet, rows, search, error in real(path, signer, reading):
            for k in range(0, len(rows), size):
                yield (table, sheet, rows[k:k + size],
                       None if search is None else search[k:k + size],
                       error if k + size >= len(rows) else None)
            if not rows and error:
                yield table, sheet, rows, search, error
    return chunks


def replayed_tables(monkeypatch: Any) -> list[str]:
    """The tables whose insert triggers the import replays from now on, one entry a batch."""
    from qcdesk.models import bulk_insert

    replayed: list[str] = []
    real = bulk_insert.TriggerReplay.inserted

    def spy(self: Any, table: str, first: int, last: int) -> None:
        replayed.append(table)
        real(self, table, first, last)

    monkeypatch.setattr(bulk_insert.TriggerReplay, "inserted", spy)
    return replayed
