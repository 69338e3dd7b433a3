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
    """Both files are created, never overwritten (FileExistsError), the secret key readable by
    its owner only. Should either write fail (a full disk), the files this call created are
    removed: half a key pair would block every retry, and a file it did not create is never
    touched."""
    key_path.parent.mkdir(parents=True, exist_ok=True)
    created: list[Path] = []
    try:
        for path, text, mode in ((key_path, secret_text, 0o600),
                                 (pub_path, public_key.to_file_text(), 0o644)):
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
            created.append(path)
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
    except BaseException:
        for path in created:
            path.unlink(missing_ok=True)
        raise
