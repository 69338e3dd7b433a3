"""Unlock a secret key without freezing the window (the export dialog).

scrypt with the default parameters takes seconds and up to 1 GiB: run on the GUI thread, it
left the export dialog frozen (not repainted, not answering) until it was done. Here it runs in
the pool while a local event loop keeps the window drawing; the caller still gets the key, or
the same exception, as a plain call would give it, so its checks after the unlock (jurisdiction,
role, the empty-package question) stay where they are.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QWidget

from qcdesk.ui.workers import attach_progress, start_job

if TYPE_CHECKING:
    from qcdesk.exchange.minisign import SecretKey


def unlock_off_gui(parent: QWidget, key_path: Path, passphrase: str, busy: QWidget | None = None
                   ) -> SecretKey:
    """`unlock_secret_key` in a worker; `busy` (the button that started it) is disabled until it
    is done, so it cannot start a second unlock meanwhile. Raises what the unlock raised."""
    from qcdesk.exchange.passphrase import ENV_VAR, unlock_secret_key

    outcome: dict[str, Any] = {}

    def work(_store: Any, _progress: Any) -> None:
        outcome["thread"] = threading.get_ident()  # tests: never the GUI thread
        try:
            outcome["key"] = unlock_secret_key(key_path, env={ENV_VAR: passphrase}, interactive=False)
        except Exception as exc:  # noqa: BLE001 - handed back to the caller's own handling
            outcome["error"] = exc

    if busy is not None:
        busy.setEnabled(False)
    loop = QEventLoop()
    try:
        job = start_job(work, db_path=None, parent=parent)
        job.finished.connect(loop.quit)
        attach_progress(job, parent, QCoreApplication.translate("KeyUnlock", "Secret key"),
                        QCoreApplication.translate("KeyUnlock", "Unlocking the secret key…"),
                        cancellable=False)
        loop.exec()
    finally:
        if busy is not None:
            busy.setEnabled(True)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["key"]


def unlock_refusal(exc: Exception, lang: str) -> str:
    """Why the key did not unlock, then what to do, for the export dialog's status line. A wrong
    passphrase also says that a forgotten one cannot be recovered and the way on: a new key,
    its .pub to the receiving office (before, only "type it again", however often it failed)."""
    from qcdesk.models.os_errors import os_error_reason

    if getattr(exc, "code", "") == "wrong_passphrase":
        return "\n".join((
            QCoreApplication.translate("KeyUnlock", "Wrong passphrase: the secret key cannot be unlocked."),
            QCoreApplication.translate("ExportDialog", "Type the passphrase again (check Caps Lock and "
                                       "the input method)."),
            QCoreApplication.translate(
                "KeyUnlock", "A forgotten passphrase cannot be recovered: make a new key under "
                "Settings ▸ Signing key ▸ Make a new key, and give its public key (.pub) to the "
                "receiving office.")))
    if getattr(exc, "code", "") == "passphrase_missing":  # the field left empty: no terminal
        return QCoreApplication.translate(  # and no key file to blame (review, field inspector)
            "KeyUnlock", "Type the passphrase of your secret key, then export again.")
    text = getattr(exc, "text", None)
    reason = text(lang) if callable(text) else os_error_reason(exc, lang) if isinstance(
        exc, OSError) else str(exc)
    return reason + "\n" + QCoreApplication.translate(
        "ExportDialog", "Choose your own secret key file (.key), made under Settings ▸ Signing "
        "key…; a public key (.pub) cannot sign.")
