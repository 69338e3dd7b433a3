"""Codes stored in the database (kinds, statuses…) shown as translated labels.

Source strings are English; the Chinese wording comes from the shell translation file and
matches the official labels in `qcdesk.models.records`. Tables are rebuilt after a language
switch (`clear_cache`).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox

from qcdesk.models.jurisdictions import CITY_CODE, JURISDICTIONS, parts_of, place_name
from qcdesk.models.records import SEAL_STATES
from qcdesk.models.rules import Clock
from qcdesk.ui.workers import ui_lang


@cache
def visit_kinds() -> dict[str, str]:
    return {
        "spot_check": QCoreApplication.translate("Labels", "Supervision spot check"),
        "licence_followup": QCoreApplication.translate("Labels", "Licence follow-up"),
        "assistance": QCoreApplication.translate("Labels", "Quality assistance"),
        "recheck": QCoreApplication.translate("Labels", "Re-check"),
        "special": QCoreApplication.translate("Labels", "Special inspection"),
    }


@cache
def visit_statuses() -> dict[str, str]:
    return {
        "planned": QCoreApplication.translate("Labels", "Planned"),
        "draft": QCoreApplication.translate("Labels", "Draft"),
        "done": QCoreApplication.translate("Labels", "Completed"),
    }


@cache
def rectification_statuses() -> dict[str, str]:
    return {
        "open": QCoreApplication.translate("Labels", "Open"),
        "report_submitted": QCoreApplication.translate("Labels", "Report submitted"),
        "awaiting_recheck": QCoreApplication.translate("Labels", "Awaiting re-check"),
        "closed": QCoreApplication.translate("Labels", "Closed"),
        "recheck_failed": QCoreApplication.translate("Labels", "Re-check failed"),
        # shown, never stored: closed with a reason after a passed 复检 (listing.WITHDRAWN)
        "withdrawn": QCoreApplication.translate("Labels", "Withdrawn"),  # the reason: its tooltip
        # filter choices, never stored (order_search): several statuses at once, due this week
        "unfinished": QCoreApplication.translate("Labels", "All unfinished"),
        "due_soon": QCoreApplication.translate("Labels", "Due within 7 days"),
        "overdue": QCoreApplication.translate("Labels", "Overdue"),
    }


def withdrawn_on(day: str) -> str:
    """When an order was withdrawn after its sample passed the 复检 (the clock's place in the
    order dialog): 已于…撤销, never the 已于…完成 of an order closed by its re-check."""
    return QCoreApplication.translate("Labels", "withdrawn on %1").replace("%1", day)


def retest_passed_clock() -> str:
    """The clock of a running order whose sample passed its 复检, in the warnings' words
    (复检合格待撤销): no deadline runs on it, it waits to be withdrawn (`rules.order_clock`)."""
    return QCoreApplication.translate("Labels", "Re-test passed: withdraw")


def place(row: dict[str, Any]) -> str:
    """A list row's jurisdiction in the UI's language: the lists get the stored Chinese name
    (嘉鱼县) and showed it among English words while their filters said Jiayu County. A name of
    no known jurisdiction is shown as stored."""
    name = row.get("jurisdiction") or ""
    code = next((j.code for j in JURISDICTIONS if j.name == name), "")
    return place_name(code, name, ui_lang()) if code else name


def jurisdiction_filter(code: str, name: str) -> str:
    """A jurisdiction as the list filters take it, so that the clerk knows what a count covers:
    咸安区（含咸宁高新区） (the parts lying in it are listed with it, as the warnings and the report
    count them), 咸宁市（全市）, 嘉鱼县; in English by their romanisation (Jiayu County)."""
    name = place_name(code, name, ui_lang())
    if code == CITY_CODE:
        return QCoreApplication.translate("Labels", "%1 (whole city)").replace("%1", name)
    parts = parts_of(code, ui_lang())
    text = QCoreApplication.translate("Labels", "%1 (incl. %2)")
    return text.replace("%1", name).replace("%2", joined(parts)) if parts else name


@cache
def risk_classes() -> dict[str, str]:
    return {
        "A": QCoreApplication.translate("Labels", "A (low risk)"),
        "B": QCoreApplication.translate("Labels", "B (lower risk)"),
        "C": QCoreApplication.translate("Labels", "C (higher risk)"),
        "D": QCoreApplication.translate("Labels", "D (high risk)"),
    }


@cache
def certification_labels() -> dict[str, str]:
    """Keys are the stored words (`records.CERTIFICATION_CHOICES`); ISO 9001 and 3C need none."""
    return {
        "卓越绩效": QCoreApplication.translate("Labels", "Performance excellence"),
        "标准化良好行为": QCoreApplication.translate("Labels", "Good standardisation practice"),
    }


@cache
def enterprise_sizes() -> dict[str, str]:
    """Keys are the stored words (`records.ENTERPRISE_SIZES`), in the same order."""
    return {
        "大型": QCoreApplication.translate("Labels", "Large"),
        "中型": QCoreApplication.translate("Labels", "Medium"),
        "小型": QCoreApplication.translate("Labels", "Small"),
        "微型": QCoreApplication.translate("Labels", "Micro"),
    }


@cache
def seal_states() -> dict[str, str]:
    """Keys are the stored words (`records.SEAL_STATES`), in the same order."""
    sealed, not_sealed = SEAL_STATES
    return {
        sealed: QCoreApplication.translate("Labels", "Sealed (test and backup samples)"),
        not_sealed: QCoreApplication.translate("Labels", "Not sealed"),
    }


def fit_filter(combo: QComboBox, places: bool = False) -> None:
    """A list's filter as wide as its choices; a jurisdiction filter (`places`) no wider in
    English than in Chinese (`place_names.fit_places`)."""
    from qcdesk.ui.place_names import fit_places

    if places:
        fit_places(combo)
    else:
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)


def label(table: dict[str, str], code: str) -> str:
    """The label, or the raw code if it is one this version does not know (e.g. from a newer peer)."""
    return table.get(code, code)


def _days(n: int, one: str, many: str) -> str:
    """1 day / 21 days: English has no translation file to give %n its plural forms, so a %n
    source showed "21 day(s) overdue"; Chinese translates both forms alike."""
    return (one if n == 1 else many).replace("%1", str(n))


def clock_text(clock: Clock | None) -> str:
    """An order's clock (`rules.order_clock`) in words: one state, one wording on the 整改跟踪
    list, the enterprise page and the order dialog — the warnings' 已逾期 N 天 / N days overdue
    (the list said 逾期 21 天 while the page said 已逾期 21 天). The exported list's Chinese
    (`export.list_words.clock_words`) is held to the Chinese of this by a test."""
    if clock is None or not clock.kind:
        return ""
    if clock.kind == "retest_passed":  # the sample passed its 复检: late for nobody, to withdraw
        return retest_passed_clock()
    if clock.kind == "recheck_failed":  # no deadline runs, but the order is work still to do
        return QCoreApplication.translate("Labels", "Re-check failed: act on it")
    if clock.kind == "report_late":
        return _days(clock.days_late, QCoreApplication.translate("Labels", "Report 1 day late"),
                     QCoreApplication.translate("Labels", "Report %1 days late"))
    if clock.kind == "correct":
        if clock.days < 0:
            return _days(-clock.days, QCoreApplication.translate("Labels", "1 day overdue"),
                         QCoreApplication.translate("Labels", "%1 days overdue"))
        if clock.days == 0:
            return QCoreApplication.translate("Labels", "Due today")
        return _days(clock.days, QCoreApplication.translate("Labels", "1 day left"),
                     QCoreApplication.translate("Labels", "%1 days left"))
    if clock.days < 0:  # "recheck": the report is in, the bureau's re-check counts
        return _days(-clock.days, QCoreApplication.translate("Labels", "Re-check 1 day overdue"),
                     QCoreApplication.translate("Labels", "Re-check %1 days overdue"))
    if clock.days == 0:
        return QCoreApplication.translate("Labels", "Re-check due today")
    return _days(clock.days, QCoreApplication.translate("Labels", "Re-check due in 1 day"),
                 QCoreApplication.translate("Labels", "Re-check due in %1 days"))


def tool_texts() -> dict[str, str]:
    """Menu texts of the dialogs the shell opens from other modules (`qcdesk.ui.shell_tools`)."""
    return {
        "backup": QCoreApplication.translate("Labels", "&Backup and restore…"),
        "export": QCoreApplication.translate("Labels", "&Export data package…"),
        "import": QCoreApplication.translate("Labels", "&Import data package…"),
        "roster_import": QCoreApplication.translate("Labels", "Import enterprise &list…"),
        "inspector_import": QCoreApplication.translate("Labels", "Import i&nspector register…"),
        "check_import": QCoreApplication.translate("Labels", "Import spot-check le&dger…"),
        "order_import": QCoreApplication.translate("Labels", "Import recti&fication ledger…"),
        "report": QCoreApplication.translate("Labels", "&Quarterly quality analysis report…"),
        "amend": QCoreApplication.translate("Labels", "&Amend…"),
        "history": QCoreApplication.translate("Labels", "View &history…"),
        "delete": QCoreApplication.translate("Labels", "De&lete…"),
        "deleted": QCoreApplication.translate("Labels", "Dele&ted records…"),
        "conflicts": QCoreApplication.translate("Labels", "Resolve merge &conflicts…"),
        "draw": QCoreApplication.translate("Labels", "Random &draw for spot checks…"),
        "keys": QCoreApplication.translate("Labels", "Signing &key…"),
        "trust": QCoreApplication.translate("Labels", "&Trusted public keys…"),
    }


def amend_texts() -> dict[str, str]:
    """Why Record ▸ Amend… can or cannot correct what is selected (its tooltip and status tip)."""
    return {
        "ready": QCoreApplication.translate(
            "Labels", "Correct the selected visit, which went out in a signed package, with a reason "
                      "(e.g. enter a lab result)"),
        "not_visits": QCoreApplication.translate(
            "Labels", "Only a visit is amended: select a visit that was sent on the Visits list"),
        "no_row": QCoreApplication.translate(
            "Labels", "Select the visit to correct on the list first (only a visit that was sent)"),
        "not_sent": QCoreApplication.translate(
            "Labels", "This visit is not locked (not sent yet, or sent as a draft): open it and "
            "change it directly"),
    }


def missing_tool_text() -> str:
    return QCoreApplication.translate("Labels",
                                      "Not available in this version (the module is not installed).")


def select_row_text() -> str:
    return QCoreApplication.translate("Labels", "Select a row first.")


def clear_cache() -> None:
    for fn in (visit_kinds, visit_statuses, rectification_statuses, risk_classes, enterprise_sizes,
               certification_labels, seal_states, _record_kinds_en):
        fn.cache_clear()


def joined(items: Iterable[str]) -> str:
    """Names listed in the UI's language: 、 in Chinese, ', ' in English (an English page put
    Chinese punctuation between names, the only Chinese left that was not data)."""
    return (", " if ui_lang() == "en" else "、").join(items)


def bracketed(text: str) -> str:
    """（text） in Chinese, (text) in English: the brackets are the program's, not the data's."""
    return f"({text})" if ui_lang() == "en" else f"（{text}）"


@cache
def _record_kinds_en() -> dict[str, str]:
    return {
        "inspector": QCoreApplication.translate("Labels", "Inspectors"),
        "industry": QCoreApplication.translate("Labels", "Industries"),
        "enterprise": QCoreApplication.translate("Labels", "Enterprises"),
        "licence": QCoreApplication.translate("Labels", "Licences"),
        "certification": QCoreApplication.translate("Labels", "Certifications"),
        "contact": QCoreApplication.translate("Labels", "Contacts"),
        "visit": QCoreApplication.translate("Labels", "Visits"),
        "sample": QCoreApplication.translate("Labels", "Samples"),
        "finding": QCoreApplication.translate("Labels", "Findings"),
        "photo": QCoreApplication.translate("Labels", "Photos"),
        "rectification": QCoreApplication.translate("Labels", "Rectification orders"),
        "amendment": QCoreApplication.translate("Labels", "Corrections"),
        "draw_record": QCoreApplication.translate("Labels", "Random draws"),
        "demonstration_zone": QCoreApplication.translate("Labels", "Demonstration zones"),
        "recusal": QCoreApplication.translate("Labels", "Recusals"),
    }


def record_counts(counts: dict[str, int]) -> str:
    """A package's record counts as `qcdesk received` words them (检查人员 62 名、企业 20 家…),
    in English by the English kind names (Inspectors 62, Enterprises 20…)."""
    from qcdesk.exchange.workbook import record_count_words

    return record_count_words(counts, _record_kinds_en() if ui_lang() == "en" else None)


def record_kind(table: str) -> str:
    """A kind of record as the import dialog counts it: in Chinese the package's sheet name
    (企业, 检查记录 …, what the sender sees), in English its English name."""
    from qcdesk.exchange.workbook import SPEC_BY_TABLE

    if ui_lang() == "en":
        return _record_kinds_en().get(table, table)
    spec = SPEC_BY_TABLE.get(table)
    return spec.sheet if spec is not None else table


def restore_interrupted() -> str:
    """Said once, in the status bar, when the file opens after a restore that was killed."""
    return QCoreApplication.translate(
        "Labels", "The last restore was interrupted before it changed anything: the database is as "
        "it was. Restore again if you still need that backup.")
