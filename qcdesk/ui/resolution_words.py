"""A merge conflict's versions and its resolution in words: the conflict dialog's question and
the record's 修改历史 line say the same thing, in the UI's language.

The resolution note (`conflict_view.resolution_note`) keeps field names, stored values and each
version's key ids, not sentences: the record kind, field names, punctuation and the people's and
keys' names are worded here when shown, so an English UI reads English and a key named on the
trust list after the resolution is shown by that name. Versions' sources are worded without
brackets of their own, since the sentences around them put them in brackets.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from PySide6.QtCore import QCoreApplication

from qcdesk.exchange.conflict_view import VersionSource
from qcdesk.models.conflict_history import NotTaken, ResolvedConflict
from qcdesk.models.store import Store
from qcdesk.ui.workers import ui_lang

translate = QCoreApplication.translate  # in the conflict dialog's context: its words


NO_PERSON = ("cli", "system")  # authors of saves made without an inspector chosen


def author_words(text: str) -> str:
    """The audit's stand-ins for nobody in words: "cli" (a command run without an inspector
    chosen), "system" (QCDesk itself: an import's baseline, a migration); others as they are."""
    if text == "cli":
        return translate("ConflictDialog", "command line")
    if text == "system":
        return translate("ConflictDialog", "QCDesk (system)")
    return text


def version_by(store: Store, author: Any, source: VersionSource) -> str:
    """Who a conflicting version is by: its inspector; for one saved with no inspector chosen
    (a `qcdesk amend` on the laptop) the person whose key made or sent it, not "cli"."""
    if str(author or "") in NO_PERSON and not source.local:
        key, noted = ((source.editor, source.editor_name) if source.editor
                      else (source.signer, source.signer_name))
        words, named = _key_words(store, key, noted)
        if named:
            return words
    return person_words(store, author)


def person_words(store: Store, author: Any) -> str:
    """An inspector's name for an author uuid (or a signer's name for a key id): the words the
    conflict dialog names a version by, which the record's history repeats."""
    from qcdesk.models.inspections import inspector_names

    text = str(author or "")
    if not text:
        return translate("ConflictDialog", "unknown")
    if text in NO_PERSON:
        return author_words(text)
    name = inspector_names(store, [text])[0]
    if name != text:
        return name
    if key_name(store, text) or len(text) <= 16:
        return key_name(store, text) or text
    return translate("ConflictDialog", "unknown (%1…)").replace("%1", text[:8])


def key_name(store: Store, key_id: str) -> str:
    """A key id's name: the trust list's, else the one a package signed with it or listing it
    gave (`record_source.signer_info`); "" when none has one."""
    from qcdesk.models.record_source import signer_info

    return signer_info(store, key_id).name if key_id else ""


def _key_words(store: Store | None, key_id: str, noted: str) -> tuple[str, bool]:
    """(words, named) for a key: the trust list's name now, else the name noted with the
    version, else the bare key id (named False)."""
    name = key_name(store, key_id) if store is not None and key_id else ""
    name = name or (noted if noted and noted != key_id else "")
    return (name, True) if name else (key_id, False)


def source_words(source: VersionSource, store: Store | None = None) -> str:
    """Where a version came from: typed here, or the package (signer and number) it came in,
    and who changed it when not the signer; a key without a name is called a key."""
    if source.local:
        return translate("ConflictDialog", "typed on this computer")
    editor, named = _key_words(store, source.editor, source.editor_name)
    changed = ""
    if source.editor and source.editor != source.signer:
        changed = (translate("ConflictDialog", ", changed by %1") if named
                   else translate("ConflictDialog", ", changed with key %1")).replace("%1", editor)
    if not source.signer:
        return translate("ConflictDialog", "from a package") + changed
    signer = _key_words(store, source.signer, source.signer_name)[0]
    return (translate("ConflictDialog", "from package no. %2 signed by %1").replace("%1", signer)
            .replace("%2", str(source.sequence)) + changed)


def field_words(table: str, name: str, header: str = "") -> str:
    """A field's name in the UI's language: in Chinese the exchange sheet's header the conflict
    dialog shows (`header` as noted), in English the word the history's rows use."""
    from qcdesk.exchange.conflict_view import header as sheet_header
    from qcdesk.exchange.workbook import SPEC_BY_TABLE
    from qcdesk.ui.history_dialog import field_name

    if ui_lang() == "en":
        return field_name(table, name)
    if header and header != name:
        return header
    spec = SPEC_BY_TABLE.get(table)
    found = next((f for f in spec.data_fields if f.name == name), None) if spec else None
    return sheet_header(found) if found is not None else header or name


def joined(items: list[str]) -> str:
    return (", " if ui_lang() == "en" else "、").join(items)


def record_words(table: str, title: str) -> str:
    """The record a question is about: 企业“嘉鱼县鱼岳食品有限公司” / the enterprise “…”."""
    from qcdesk.exchange.workbook import SPEC_BY_TABLE

    if ui_lang() != "en":
        spec = SPEC_BY_TABLE.get(table)
        return f"{spec.sheet if spec else table}“{title}”"
    kinds = {
        "inspector": translate("ConflictDialog", "the inspector"),
        "industry": translate("ConflictDialog", "the industry"),
        "enterprise": translate("ConflictDialog", "the enterprise"),
        "licence": translate("ConflictDialog", "the licence"),
        "certification": translate("ConflictDialog", "the certification"),
        "contact": translate("ConflictDialog", "the contact"),
        "visit": translate("ConflictDialog", "the visit"),
        "sample": translate("ConflictDialog", "the sample"),
        "finding": translate("ConflictDialog", "the finding"),
        "photo": translate("ConflictDialog", "the photo"),
        "rectification": translate("ConflictDialog", "the rectification order"),
        "amendment": translate("ConflictDialog", "the correction"),
        "draw_record": translate("ConflictDialog", "the random draw"),
        "demonstration_zone": translate("ConflictDialog", "the demonstration zone"),
        "recusal": translate("ConflictDialog", "the recusal"),
    }
    return f"{kinds.get(table, table)} “{title}”"


def resolution_words(store: Store, done: ResolvedConflict, table: str) -> str:
    """A resolved conflict as the record's history tells it, in the conflict dialog's words:
    which version was kept (by its author and package), and each value not taken, whose it was."""
    if not done.noted:
        return _older_resolution_words(done, table)
    kept = person_words(store, done.kept_author)
    aside = person_words(store, done.aside_author)
    kept_from, aside_from = (source_words(_version_source(s), store)
                             for s in (done.kept_source, done.aside_source))
    if done.resolution == "reviewed":
        text = translate("ConflictDialog", "Checked, kept as it is")
    elif done.resolution == "combined":
        text = translate("ConflictDialog", "Combined: kept the version by %1 (%2), with values of "
                                           "the version by %3 (%4).")
    else:
        text = translate("ConflictDialog", "Kept the version by %1 (%2); did not use the version by %3 (%4).")
    text = text.replace("%1", kept).replace("%2", kept_from).replace("%3", aside) \
        .replace("%4", aside_from)
    for of, who in (("aside", aside), ("kept", kept)):
        values = values_text([v for v in done.not_taken if v.of == of], table)
        if values:
            text += " " + translate("ConflictDialog", "Values not taken, of the version by %1: %2.").replace(
                "%1", who).replace("%2", values)
    if not done.not_taken:
        return text + " " + translate("ConflictDialog", "The two versions had the same values.")
    return text + " " + translate("ConflictDialog", "To restore one, type it back in the record.")


def _older_resolution_words(done: ResolvedConflict, table: str) -> str:
    """A conflict resolved before the choice was noted: what was done, and the other version's
    values that differ from the record now."""
    texts = {"local": translate("ConflictDialog", "Resolved: the current version was kept."),
             "incoming": translate("ConflictDialog", "Resolved: the other version was used."),
             "combined": translate("ConflictDialog", "Resolved: the two versions were combined."),
             "reviewed": translate("ConflictDialog", "Checked, kept as it is")}
    text = texts.get(done.resolution, done.resolution)
    values = values_text(list(done.not_taken), table)
    if values:
        text += " " + translate("ConflictDialog", "Values of the other version that differ from "
                                                  "the record now: %1.").replace("%1", values)
    return text


def values_text(values: list[NotTaken], table: str) -> str:
    """地址：工业园1号；联系电话：… / Address: 工业园1号; Contact phone: …; a coded value (是,
    监督抽查, 已完成) by the English label the lists use when English is selected: the note keeps
    the core's Chinese words and the stored value (`conflict_words.value_label`)."""
    from qcdesk.ui.conflict_words import value_label

    none = translate("ConflictDialog", "(none)")
    colon, separator = (": ", "; ") if ui_lang() == "en" else ("：", "；")
    return separator.join(
        f"{field_words(table, v.field, v.header)}{colon}"
        f"{value_label(table, v.field, v.value, v.text) or none}" for v in values)


def _version_source(data: dict[str, Any]) -> VersionSource:
    """A version's source as noted at the resolution (`conflict_view.resolution_note`)."""
    names = {f.name for f in fields(VersionSource)}
    return VersionSource(**{k: v for k, v in data.items() if k in names})
