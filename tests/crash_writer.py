"""Helper process for the crash harness (tests/test_crash.py); POSIX only (uses fork).

``crash_writer.py DB burst N SEED`` instead writes N times and exits (concurrency test).

Started once as a "zygote": it imports QCDesk (seconds, because of sqlite-utils) and then, for
every ``go <seed>`` line on stdin, forks a writer child. The child announces ``ready <pid>``,
opens the database through `Store.open` (so kills also land in open/migrate/seal) and writes
for ever through the app's own code paths, printing ``ok <uuid> <revision>`` after each commit
(``os.write`` of one short line to a pipe is atomic and unbuffered). When the parent has killed
the child, the zygote reaps it and prints ``dead <pid>``: everything the child acknowledged
is before that line in the pipe.
"""

from __future__ import annotations

import os
import random
import sys
import time


def _say(line: str) -> None:
    os.write(1, (line + "\n").encode("utf-8"))


def write_forever(db_path: str, seed: int) -> None:
    from qcdesk.models.inspections import save_inspector
    from qcdesk.models.persistence import fetch_record, insert_record
    from qcdesk.models.records import Inspector
    from qcdesk.models.store import Store

    rng = random.Random(seed)
    _say(f"ready {os.getpid()}")
    store = Store.open(db_path, author="crash-writer")
    store.db.execute("PRAGMA wal_autocheckpoint = 64")  # checkpoints often, so kills hit them too
    mine: list[str] = []
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        choice = rng.random()
        if choice < 0.5 or not mine:
            inspector = save_inspector(store, Inspector(name=f"检查员{rng.randrange(10**6)}",
                                                        # unique (two live inspectors may not
                                                        # share one), of varying length
                                                        cert_no=f"{seed}-{len(mine)}-"
                                                        + "x" * rng.randrange(0, 400),
                                                        jurisdiction_code="421281"))
            mine.append(inspector.uuid)
            _say(f"ok {inspector.uuid} {inspector.revision}")
        elif choice < 0.75:
            batch = [Inspector(name=f"批量{i}", jurisdiction_code="421221")
                     for i in range(rng.randrange(2, 6))]
            with store.transaction():
                for inspector in batch:
                    insert_record(store, inspector)
            mine.extend(i.uuid for i in batch)
            for inspector in batch:
                _say(f"ok {inspector.uuid} {inspector.revision}")
        else:
            inspector = fetch_record(store, Inspector, rng.choice(mine))
            inspector.name = f"改名{rng.randrange(10**6)}"
            save_inspector(store, inspector)
            _say(f"ok {inspector.uuid} {inspector.revision}")
    os._exit(0)


def burst(db_path: str, count: int, seed: int) -> None:
    """One of several processes writing at once: transactions, autocommit writes, reopening."""
    from qcdesk.models.inspections import save_inspector
    from qcdesk.models.records import Inspector
    from qcdesk.models.store import Store

    rng = random.Random(seed)
    store = Store.open(db_path, author=f"burst-{seed}")
    mine: list[tuple[str, int]] = []
    for _ in range(count):
        choice = rng.random()
        if choice < 0.6 or not mine:
            inspector = save_inspector(store, Inspector(name=f"并发{seed}", jurisdiction_code="421281"))
            mine.append((inspector.uuid, inspector.revision))
            _say(f"ok {inspector.uuid} {inspector.revision}")
        elif choice < 0.9:  # a write outside Store.transaction(): sealed by whoever comes next
            uuid, revision = rng.choice(mine)
            store.db.execute("UPDATE inspector SET cert_no = ? WHERE uuid = ?", [str(rng.random()), uuid])
        else:
            store.close()
            store = Store.open(db_path, author=f"burst-{seed}")
    store.close()
    _say("done")


def main() -> None:
    db_path = sys.argv[1]
    if sys.argv[2:3] == ["burst"]:
        burst(db_path, int(sys.argv[3]), int(sys.argv[4]))
        return
    import qcdesk.models.audit  # noqa: F401 - import once, before forking
    import qcdesk.models.inspections  # noqa: F401
    from qcdesk.models.schema_sets import migration_sets

    migration_sets()  # imports every area's schema module

    _say("zygote")
    for line in sys.stdin:
        command, _, arg = line.strip().partition(" ")
        if command != "go":
            break
        pid = os.fork()
        if pid == 0:
            try:
                write_forever(db_path, int(arg or 0))
            except BaseException as exc:  # a refusal the harness should see, not a silent death
                _say(f"error {type(exc).__name__}: {exc}")
            finally:
                os._exit(3)
        _pid, status = os.waitpid(pid, 0)
        _say(f"dead {pid} {status}")


if __name__ == "__main__":
    main()
