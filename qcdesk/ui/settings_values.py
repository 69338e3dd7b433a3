"""Values read from qcdesk.ini, each of the type its use needs, or nothing.

Why: qcdesk.ini is a text file a user, a sync tool or a full disk can damage. A line cut in the
middle of ``geometry=@ByteArray(…`` reads back as text, ``[ui] state=abc`` as a string and
``[lists] visit\\header=12345`` as a number; handed to restoreGeometry/restoreState these
raised TypeError, and the window did not start or no database would open. A value of the
wrong type is ignored (the default applies), so a damaged settings file never blocks work.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings


def stored_bytes(settings: QSettings, key: str) -> QByteArray | None:
    """The saved geometry/state under `key`, or None when missing or not bytes."""
    try:
        value = settings.value(key)
    except Exception:  # noqa: BLE001 - a value Qt cannot even convert is as good as none
        return None
    if isinstance(value, QByteArray):
        return value if not value.isEmpty() else None
    if isinstance(value, bytes | bytearray) and value:
        return QByteArray(bytes(value))
    return None


def stored_text(settings: QSettings, key: str, default: str = "") -> str:
    """The text under `key`, or `default` when missing or not text (a list, a number…)."""
    try:
        value = settings.value(key, default)
    except Exception:  # noqa: BLE001 - see stored_bytes
        return default
    return value if isinstance(value, str) else default
