"""Where a new signing key pair's files go, and writing them (`qcdesk keygen`, the keys dialog)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from qcdesk.exchange.package import safe_name_component


def key_pair_paths(folder: Path, name: str, jurisdiction: str) -> tuple[Path, Path]:
    """(public key, secret key) files, named ``<jurisdiction>_<name>.pub/.key``."""
    base = f"{safe_name_component(jurisdiction)}_{safe_name_component(name)}"
    return folder / f"{base}.pub", folder / f"{base}.key"


def write_key_pair(pub_path: Path, key_path: Path, public_key: Any, secret_text: str) -> None:
    """The secret key file is created, never overwritten (FileExistsError), readable by its
    owner only; then the public key file beside it."""
    key_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(secret_text)
    pub_path.write_text(public_key.to_file_text(), encoding="utf-8", newline="\n")
