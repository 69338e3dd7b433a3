"""Demo build time beside a bare `sqlite3.executemany` of the same rows, in the same run.

    uv run python bench/bench_core.py                  # 1,000,000 visits (default)
    uv run python bench/bench_core.py --visits 200000  # quicker look

The baseline inserts exactly the rows the build writes (same generator, same seed and day,
generated beforehand and not timed) into a freshly migrated file, one transaction per batch:
  * "strict": same PRAGMAs as the build and the same audit triggers suspended, indexes kept
    as migrated — what the build costs on top of just inserting;
  * "plain": the migrated file as it is (WAL, default synchronous, every trigger firing).
Target: build ≤ 3 × strict baseline.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qcdesk.models.demo import (  # noqa: E402
    DemoGenerator,
    _bulk_suspended,
    build_demo,
    load_batch,
    open_bulk_connection,
)
from qcdesk.models.store import Store  # noqa: E402

TODAY = date(2026, 6, 30)


def baseline(path: Path, args: argparse.Namespace, strict: bool) -> tuple[float, int]:
    """Seconds spent in executemany/COMMIT only, and the number of rows inserted."""
    Store.open(path).close()
    if strict:
        conn = open_bulk_connection(path)
        for kind, name, _sql in _bulk_suspended(conn):
            if kind == "trigger":
                conn.execute(f'DROP TRIGGER "{name}"')
    else:
        conn = sqlite3.connect(str(path), isolation_level=None)
    generator = DemoGenerator(seed=args.seed, enterprises=args.enterprises, visits=args.visits,
                              today=TODAY)
    spent, rows = 0.0, 0
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for batch in generator.batches():  # generating is not timed
        start = time.perf_counter()
        conn.execute("BEGIN")
        rows += load_batch(conn, batch, tables)
        conn.execute("COMMIT")
        spent += time.perf_counter() - start
    conn.close()
    return spent, rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--enterprises", type=int, default=6000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", type=Path, default=None, help="folder for the files (default: a temp dir)")
    parser.add_argument("--skip-plain", action="store_true", help="only the strict baseline")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        built = build_demo(folder / "demo.db", seed=args.seed, enterprises=args.enterprises,
                           visits=args.visits, today=TODAY)
        build_s = time.perf_counter() - start
        size_mb = built.stat().st_size / 1e6
        strict_s, rows = baseline(folder / "strict.db", args, strict=True)
        print(f"visits={args.visits:,} enterprises={args.enterprises:,} rows={rows:,} file={size_mb:.0f} MB")
        print(f"demo build (generate + load + indexes): {build_s:8.2f} s")
        print(f"bare executemany, strict baseline:       {strict_s:8.2f} s   ratio {build_s / strict_s:.2f}")
        if not args.skip_plain:
            plain_s, _ = baseline(folder / "plain.db", args, strict=False)
            ratio = build_s / plain_s
            print(f"bare executemany, plain migrated file:   {plain_s:8.2f} s   ratio {ratio:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
