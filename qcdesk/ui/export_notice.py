"""A package an export recorded but did not get to name (the process killed, a dead battery
between the commit and the rename) is said when the window shows a database, with where it
waits: it still has to be sent, and the receiver would find a gap at its number
(exchange/unfinished.py; review "crash" 2)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from qcdesk.models.store import Store


def show_unfinished(window: QMainWindow, store: Store | None) -> None:
    """In the status bar for two minutes. A settings read and a look at a path or two on the
    GUI thread; never in the way of opening."""
    if store is None or store.path is None:
        return
    from qcdesk.exchange.unfinished import waiting
    from qcdesk.ui.workers import ui_lang

    try:
        said = [unfinished.text(ui_lang()) for unfinished in waiting(store)]
    except Exception:  # noqa: BLE001 - a note only
        return
    if said:
        window.statusBar().showMessage("\n".join(said), 120000)
