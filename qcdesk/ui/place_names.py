"""Jurisdictions named in the UI's language for the dialogs' choices and pages.

The store keeps the Chinese names (咸宁市, 嘉鱼县), which documents and exported sheets print as
official papers; an English UI showed them among English words. Here they are named by their
official romanisation (Xianning City, Jiayu County) when English is selected
(`jurisdictions.place_name`), and as stored in Chinese. The codes stay what is chosen and saved.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from qcdesk.models import enterprises
from qcdesk.models.jurisdictions import place_name
from qcdesk.models.store import Store
from qcdesk.ui.workers import ui_lang


def jurisdictions(store: Store) -> list[tuple[str, str]]:
    """(code, name) of every jurisdiction, named in the UI's language."""
    lang = ui_lang()
    return [(code, place_name(code, name, lang)) for code, name in enterprises.jurisdictions(store)]


def jurisdiction_name(code: str, name: str = "") -> str:
    """One jurisdiction's name in the UI's language (`name`: as stored, when known)."""
    return place_name(code, name, ui_lang())


# The most a jurisdiction filter takes in English, in widths of "x": what 咸安区 (incl. 咸宁高新区)
# took there before; a 1280 px window keeps the enterprise list's filters on one line.
PLACE_CHARS = 20


def fit_places(combo: QComboBox) -> None:
    """A jurisdiction filter as wide as its choices, but in English no wider than PLACE_CHARS:
    "Xian'an District (incl. Xianning High-tech Zone)" sized the combo to itself and widened the
    main window past a 1366 px laptop at 125 %. Only the closed combo cuts a longer name short
    (its tooltip shows it whole); the list that drops down shows every name whole (Qt widens it
    to its widest item). Kept fitted as the choices are refilled (a language switch); Chinese
    as wide as before."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

    def refit(*_args: object) -> None:
        metrics = combo.fontMetrics()
        widest = max((metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count())),
                     default=0)
        chars = -(-widest // max(1, metrics.horizontalAdvance("x")))
        combo.setMinimumContentsLength(min(chars, PLACE_CHARS) if ui_lang() == "en" else chars)

    def tip(text: str) -> None:  # the chosen name whole, where the closed combo cuts it short
        combo.setToolTip(text if ui_lang() == "en" else "")

    combo.model().rowsInserted.connect(refit)
    combo.model().modelReset.connect(refit)
    combo.currentTextChanged.connect(tip)
    refit()
