"""The settings page's PDF fonts: which face prints each GB/T 9704 role, and a choice per role.

The automatic choice goes by family names; a PC whose 方正小标宋 or 仿宋_GB2312 carries an odd name,
or an office that prefers another face, picks it here (stored as `doc.font.<role>` in the
database, which the document writers read). Listing the faces means opening every Chinese font
file, seconds on a PC with many, so the list is filled by a background job.
"""

from __future__ import annotations

import ntpath  # a file name out of a Windows or a POSIX path
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QWidget

from qcdesk.export.pdf.fonts import FontChoice, font_roles, usable_fonts
from qcdesk.models.document_data import FONT_SETTING_PREFIX
from qcdesk.models.store import Store
from qcdesk.ui.workers import Job, start_job

_RUNNING: set[Job] = set()  # face-list jobs whose Preferences may already be closed


def font_value(path: str, index: int) -> str:
    """The `doc.font.*` value of a face: "path", or "path#index" inside a collection."""
    return f"{path}#{index}" if index else path


class FontRolesBox(QGroupBox):
    """Per role: a face chooser (Automatic, or any face reportlab can embed) and what prints."""

    def __init__(self, store: Store | None, role_names: Mapping[str, str], parent: QWidget | None = None):
        super().__init__(self.tr("PDF fonts (found on this computer)"), parent)
        self.store = store
        self.combos: dict[str, QComboBox] = {}
        self.font_labels: dict[str, QLabel] = {}
        self.ready = False  # the face lists are filled
        self._automatic_roles: dict[str, FontChoice] | None = None  # font_roles() with no face stored
        form = QFormLayout(self)
        self.stored = {role: store.setting(FONT_SETTING_PREFIX + role, "") if store is not None else ""
                       for role in role_names}
        try:
            overrides = {k: v for k, v in self.stored.items() if v}
            self.roles = font_roles(overrides)  # what prints now
        except Exception as exc:  # fonts only inform here: the rest of the page must still open
            form.addRow(QLabel(self.tr("Fonts could not be checked: %1").replace("%1", str(exc)), self))
            return
        for role, name in role_names.items():
            combo = QComboBox(self)
            combo.setObjectName(f"fontCombo_{role}")
            combo.addItem(self.tr("Looking for fonts…"), self.stored[role])
            combo.setEnabled(False)
            # Long family names must not widen the dialog past a small screen.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
            label = QLabel(self._describe(self.roles[role]), self)
            label.setObjectName(f"font_{role}")
            label.setWordWrap(True)
            label.setToolTip(self.roles[role].path or "")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            row = QHBoxLayout()
            row.addWidget(combo, 1)
            row.addWidget(label, 1)
            form.addRow(name, row)
            self.combos[role] = combo
            self.font_labels[role] = label
            combo.activated.connect(lambda _i, r=role: self._chosen(r))
        # Not a child of the box: Preferences closed before the list is in must not delete the
        # job under its worker; it is kept until it finishes.
        self.job = start_job(lambda _store, _progress: usable_fonts(), db_path=None)
        _RUNNING.add(self.job)
        self.job.finished.connect(lambda job=self.job: _RUNNING.discard(job))
        self.job.succeeded.connect(self._fill)
        self.job.failed.connect(self._not_listed)

    def _describe(self, choice: FontChoice) -> str:
        text = choice.family
        if choice.path is None:
            text += " " + self.tr("(built-in, not embedded)")
        elif choice.substitute:
            text += " " + self.tr("(stand-in: the proper font is not installed)")
        return text

    def _not_listed(self, why: str) -> None:
        """The faces could not be listed: the automatic choices still print; nothing to choose."""
        for combo in self.combos.values():
            combo.setItemText(0, self.tr("Fonts could not be checked: %1").replace("%1", why))
            combo.setItemData(0, why, Qt.ItemDataRole.ToolTipRole)

    def _fill(self, faces: list[FontChoice]) -> None:
        """Offer every embeddable face; the stored choice stays selected, or is shown as unusable."""
        faces = sorted(faces, key=lambda f: (f.family, f.path, f.index))
        families = [f.family for f in faces]
        for role, combo in self.combos.items():
            combo.clear()
            combo.addItem(self.tr("Automatic"), "")
            for face in faces:
                text = face.family
                if families.count(face.family) > 1:
                    text += f" ({Path(face.path).name})"
                combo.addItem(text, font_value(face.path, face.index))
                combo.setItemData(combo.count() - 1, face.path, Qt.ItemDataRole.ToolTipRole)
            stored = self.stored[role]
            if stored and combo.findData(stored) < 0:  # file gone or unusable: fonts.py ignores it
                combo.addItem(self.tr("%1 (not usable: the automatic choice prints)")
                              .replace("%1", ntpath.basename(stored.partition("#")[0])), stored)
            combo.setCurrentIndex(max(combo.findData(stored), 0))
            combo.setEnabled(self.store is not None)
        self.ready = True

    def _chosen(self, role: str) -> None:
        """Say what will print once the choice is saved."""
        combo = self.combos[role]
        value = combo.currentData()
        label = self.font_labels[role]
        if value == self.stored[role]:
            label.setText(self._describe(self.roles[role]))
            label.setToolTip(self.roles[role].path or "")
        elif not value:
            automatic = self._automatic()[role]
            label.setText(self._describe(automatic))
            label.setToolTip(automatic.path or "")
        else:
            label.setText(combo.currentText())
            label.setToolTip(value.partition("#")[0])

    def _automatic(self) -> dict[str, FontChoice]:
        """What "Automatic" prints: the same as now unless a face is stored, else worked out when
        first asked (each `font_roles` reads the system's font list: once on opening is enough)."""
        if not any(self.stored.values()):
            return self.roles
        if self._automatic_roles is None:
            self._automatic_roles = font_roles()
        return self._automatic_roles

    def save(self) -> None:
        """Store the faces the user chose (in the settings page's transaction); untouched until the
        list is in. A role left as loaded is not written: another program may have set it since."""
        if self.store is None or not self.ready:
            return
        for role, combo in self.combos.items():
            if (combo.currentData() or "") != self.stored[role]:
                self.store.set_setting(FONT_SETTING_PREFIX + role, combo.currentData() or "")
