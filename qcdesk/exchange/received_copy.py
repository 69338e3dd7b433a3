"""The kept copy of every imported package (received/ next to the database): the evidence of
the first content of the rows an import adds, which the audit's one baseline entry names."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from qcdesk.models.store import Store

RECEIVED_DIR = "received"  # next to the database: every imported package, as received


def _received_path(store: Store, package: Path, sha256: str) -> Path | None:
    """Where `keep_received` keeps the package (None for a database in memory)."""
    if not store.path:
        return None
    name = f"{sha256[:16]}_{package.name}"
    if len(name.encode("utf-8")) > 200:  # file systems allow 255 bytes; keep room for ".partial"
        name = f"{sha256[:16]}.qcpkg.zip"
    return Path(store.path).parent / RECEIVED_DIR / name


def already_received(store: Store, package: Path, sha256: str) -> bool:
    """The package is in received/ already (imported before): a failed import keeps it there."""
    from qcdesk.exchange.package import file_sha256

    target = _received_path(store, package, sha256)
    return target is not None and target.is_file() and file_sha256(target) == sha256


def keep_received(store: Store, package: Path, sha256: str) -> Path | None:
    """Keep the signed package an import's new rows came from: it is the evidence of their
    first content (the audit adopts them with one entry that names this file). Written
    before the merge, so an import that cannot keep it (disk full) changes nothing; removed
    again by `importer.import_package` if the merge then fails, so received/ holds imported packages only."""
    from qcdesk.exchange.package import file_sha256

    target = _received_path(store, package, sha256)
    if target is None:
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() and file_sha256(target) == sha256:
        return target
    partial = target.with_name(target.name + ".partial")
    try:
        try:
            shutil.copyfile(package, partial)
        except OSError as exc:  # name the copy (a full disk here), not the package read from
            raise OSError(exc.errno, exc.strerror, str(partial)) from exc
        if file_sha256(partial) != sha256:  # the file changed since it was verified
            raise OSError(f"{package} changed while it was being imported; import it again")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target
