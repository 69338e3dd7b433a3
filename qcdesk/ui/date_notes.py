"""Unlikely dates in the visit editor (a visit in 1926, a 生产日期 of 2062, a product made after
it was sampled…) pointed out in yellow at their fields while the form is filled in.

Warnings only (`qcdesk.models.date_plausibility`, the core's thresholds): saving goes ahead, so
a date that is right after all is simply saved. Before, these dates were saved without a word.
Worked out from the form as it stands when a sample is shown or edited and when the visit's
date or status changes; a field showing an error (red) or an unfinished entry keeps it.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from qcdesk.models import local_day
from qcdesk.models.date_plausibility import date_warnings
from qcdesk.models.records import Sample
from qcdesk.ui.forms import FieldErrors, iso

if TYPE_CHECKING:
    from qcdesk.ui.visit_editor import VisitEditor

SAMPLE_DATES = ("sampled_on", "production_date", "result_notified_on")


class DateNotes(QObject):
    """The date warnings at the visit date and at the current sample's date fields."""

    def __init__(self, editor: VisitEditor):
        super().__init__(editor)
        self.editor = editor
        self._ours: set[tuple[int, str]] = set()  # (id of the FieldErrors, field) we marked
        tab = editor.samples_tab
        tab.current_changed.connect(self.refresh)
        tab.changed.connect(self.refresh)
        editor.date_edit.dateChanged.connect(self.refresh)
        editor.status_combo.currentIndexChanged.connect(self.refresh)

    def refresh(self, *_args: object) -> None:
        e = self.editor
        tab = e.samples_tab
        visit = copy.copy(e.bundle.visit)
        visit.visit_date = iso(e.date_edit)
        visit.status = e.status_combo.currentData()
        samples = [s for s in tab.collect() if isinstance(s, Sample)]  # live rows first, as listed
        found: dict[tuple[FieldErrors, str], list[str]] = {}
        row = tab.list.currentRow()
        for issue in date_warnings(e.store, visit, samples, local_day.today()):
            head, _, rest = issue.field.partition(".")
            index, _, field = rest.partition(".")
            if head == "visit_date":
                found.setdefault((e.errors, "visit_date"), []).append(issue.text(e.lang))
            elif head == "samples" and index == str(row) and field in SAMPLE_DATES:
                found.setdefault((tab.errors, field), []).append(issue.text(e.lang))
        places = [(e.errors, "visit_date")] + [(tab.errors, f) for f in SAMPLE_DATES]
        for errors, field in places:
            widget = errors.widget(field)
            if widget is None or widget.property("fieldState") == "error" or _unfinished(widget):
                continue
            key = (id(errors), field)
            texts = found.get((errors, field))
            if texts:
                errors.set(field, "\n".join(texts), warning=True)
                self._ours.add(key)
            elif key in self._ours and widget.property("fieldState") == "warning":
                errors.clear(field)
                self._ours.discard(key)


def _unfinished(widget: object) -> bool:
    """A date field holding an entry that names no date says so itself (date_field.py)."""
    unfinished = getattr(widget, "unfinished", None)
    return bool(unfinished()) if callable(unfinished) else False
