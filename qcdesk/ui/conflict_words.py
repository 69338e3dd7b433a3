"""A merge conflict's fields and values in the UI's language, for the conflict dialog.

The core (`exchange.conflict_view`) words a conflict in Chinese, since the reconciliation
workbook and the resolution note are Chinese. With English selected the dialog showed those
Chinese sheet headers (地址, 联系电话) and coded values (监督抽查, 是) among English text. Here a
field is named as the record's history names it (`history_dialog.field_name`, one English name
across the app) and a coded value by the labels the lists and editors use; what users typed
(names, addresses, descriptions) is shown as typed. In Chinese every text is the core's, as before.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from qcdesk.exchange.conflict_view import YES_NO, FieldRow
from qcdesk.models.clock_text import local_date
from qcdesk.models.conflict_names import RecordNames
from qcdesk.ui.workers import ui_lang

translate = QCoreApplication.translate


def english() -> bool:
    return ui_lang() == "en"


def field_label(table: str, row: FieldRow) -> str:
    """The field's name: the sheet's header in Chinese, the history's name in English."""
    from qcdesk.ui.resolution_words import field_words

    return field_words(table, row.name, row.header)


def group_label(group: str) -> str:
    """A group of fields taken together (`conflict_view.FIELD_GROUPS`), in the UI's language."""
    if not english():
        return group
    return {
        "整改对象": translate("ConflictDialog", "what the order is about"),
        "整改期限与延期": translate("ConflictDialog", "deadlines and extension"),
        "整改进展": translate("ConflictDialog", "progress of the order"),
        "检验结论": translate("ConflictDialog", "test result and re-test"),
        "拒签": translate("ConflictDialog", "refusal to sign"),
        "许可证": translate("ConflictDialog", "licence"),
        "认证证书": translate("ConflictDialog", "certificate"),
    }.get(group, group)


def _coded(table: str, name: str) -> dict[Any, str] | None:
    """English labels of a coded field's stored values, where the app has them."""
    from qcdesk.ui import labels
    from qcdesk.ui.history_dialog import code_texts
    from qcdesk.ui.rectification_texts import escalation_steps, rule_set_text

    tables = {("visit", "kind"): labels.visit_kinds, ("visit", "status"): labels.visit_statuses,
              ("rectification", "status"): labels.rectification_statuses}
    if (table, name) in tables:
        return dict(tables[(table, name)]())
    if (table, name) == ("rectification", "escalation"):
        return dict(escalation_steps())
    if (table, name) == ("rectification", "rule_set"):
        from qcdesk.models.rules import RULE_SETS

        return {key: rule_set_text(key) for key in RULE_SETS}
    if name in YES_NO:
        return code_texts("active")
    if (table, name) == ("enterprise", "size_class"):  # stored as 大型…, as the sample's size
        return dict(labels.enterprise_sizes())
    if table == "demonstration_zone" and name in ("kind", "level", "status"):
        from qcdesk.ui.zones_page import labels as zone_labels

        return dict(zone_labels()[name])
    if table in ("sample", "finding", "enterprise", "inspector"):
        return code_texts(name)
    return None


def value_label(table: str, name: str, value: Any, text: str) -> str:
    """A stored value as shown: `text` (the core's words) in Chinese; in English the app's
    English label of a code, a blank's meaning, a deletion's date, else `text` (typed data)."""
    if not english() or value is None:
        return text
    if value == "":
        if (table, name) == ("sample", "retest_result"):
            return translate("ConflictDialog", "No re-test requested")
        words = _coded(table, name) if name == "escalation" else None
        return words.get("", text) if words else text
    if name == "deleted_at":
        return translate("ConflictDialog", "Deleted (%1)").replace("%1", local_date(value))
    if text.startswith("（本机没有此记录"):
        return translate("ConflictDialog", "(not in this database: %1…)").replace("%1", str(value)[:8])
    words = _coded(table, name)
    if words is not None and isinstance(value, (str, int)) and value in words:
        return words[value]
    return text


class EnglishNames(RecordNames):
    """Record titles with the program's words in English (a visit's kind, brackets, names
    listed with commas); the names users typed stay as typed."""

    OPEN, CLOSE, COLON, LIST_SEP = " (", ")", ": ", ", "

    def visit_kind(self, code: str) -> str:
        from qcdesk.ui import labels

        return labels.label(labels.visit_kinds(), code)

    def draw_title(self, drawn_at: Any) -> str:
        return translate("ConflictDialog", "Random draw %1").replace("%1", local_date(drawn_at))


def record_names(store: Any) -> RecordNames:
    """The names a conflict list is worded with, in the UI's language."""
    return EnglishNames(store) if english() else RecordNames(store)


def coded_value(table: str, name: str, value: Any) -> str | None:
    """A coded stored value (a zone's level, an order's escalation, an enterprise's size) as the
    record's history shows it: in English by the app's English label, in Chinese by the official
    words the exchange sheet writes; None when `value` is no code of that field."""
    if not isinstance(value, (str, int)) or isinstance(value, bool) or value == "":
        return None
    if english():
        words = _coded(table, name)
        return words.get(value) if words else None
    from qcdesk.exchange.workbook import SPEC_BY_TABLE

    spec = SPEC_BY_TABLE.get(table)
    found = next((f for f in spec.data_fields if f.name == name), None) if spec else None
    return found.to_label.get(str(value)) if found is not None and found.labels else None
