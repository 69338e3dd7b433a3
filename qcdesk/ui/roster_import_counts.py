"""The import dialog's words for each list kind: its title, file and intro (a county's own
ledger is not the city's list), counts in its units (firms 家, people 人, visits and samples of
a spot-check ledger, orders of a rectification ledger), and what tells its new rows apart.

One sentence for every kind said "新增 7 家，更新 0 家" of a ledger whose 11 rows were 7 samples
of 6 firms, and whose rows are never updated; the CLI already counted each kind in its own words.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from qcdesk.models.roster import RosterPlan, RosterResult
from qcdesk.models.roster_plan import partly_imported


def _fill(text: str, *values: object) -> str:
    for i, value in enumerate(values, start=1):
        text = text.replace(f"%{i}", str(value))
    return text


def plan_counts(kind: str, plan: RosterPlan) -> str | None:
    """The preview's first line for a ledger or the inspector register; None: the firms' own."""
    bad, add, unchanged = len(plan.bad_rows), plan.count("add"), plan.count("unchanged")
    if kind == "checks":
        text = QCoreApplication.translate(
            "RosterImportDialog",
            "%1 rows: %2 visits to add (%3 samples), %4 rows already on "
            "file, %5 with problems (not imported).")
        return _fill(text, plan.total_rows, len(plan.visits()), add, unchanged, bad)
    if kind == "orders":
        text = QCoreApplication.translate(
            "RosterImportDialog",
            "%1 rows: %2 orders to add, %3 rows already on file, %4 with problems (not imported).")
        return _fill(text, plan.total_rows, add, unchanged, bad)
    if kind == "inspectors":
        text = QCoreApplication.translate(
            "RosterImportDialog",
            "%1 rows: %2 inspectors new, %3 to update, %4 unchanged, %5 with problems (not imported).")
        return _fill(text, plan.total_rows, add, plan.count("update"), unchanged, bad)
    return None


def result_counts(kind: str, plan: RosterPlan, result: RosterResult) -> str | None:
    """What an import wrote, in the same words; None: the firms' own sentence."""
    if kind == "checks":
        from qcdesk.models.check_ledger import assumed_notified

        text = _fill(QCoreApplication.translate(
            "RosterImportDialog",
            "Imported: %1 visits (%2 samples), %3 rows already on file; "
            "%4 rows with problems were left out."),
            len(plan.visits()), result.added, result.unchanged, result.skipped)
        assumed = assumed_notified(plan)
        if assumed:  # 公示 lists them from now on: the clerk is told on what ground
            text += " " + _fill(QCoreApplication.translate(
                "RosterImportDialog",
                "%1 samples without a result notification date were recorded "
                "as notified on their check day."),
                assumed)
        return text
    if kind == "orders":
        text = QCoreApplication.translate(
            "RosterImportDialog",
            "Imported: %1 orders, %2 rows already on file; %3 rows with problems were left out.")
        return _fill(text, result.added, result.unchanged, result.skipped)
    if kind == "inspectors":
        text = QCoreApplication.translate(
            "RosterImportDialog",
            "Imported: %1 inspectors new, %2 updated, %3 unchanged; %4 rows with problems were left out.")
        return _fill(text, result.added, result.updated, result.unchanged, result.skipped)
    return None


def partial_note(plan: RosterPlan) -> str:
    """Rows that go in without some of their cells, after the counts ("" when none): the
    counts alone said 0 with problems of a list whose every row lost its phone."""
    count = partly_imported(plan)
    if not count:
        return ""
    return " " + _fill(QCoreApplication.translate(
        "RosterImportDialog",
        "%1 rows partly imported: some of their cells have problems and are left out (see the list)."),
        count)


def kind_words(kind: str) -> dict[str, str]:
    """What differs between the list kinds: titles, file and intro, the row's key and name, the
    template. A 抽查台账 or 整改台账 is the county's own record: its dialog spoke of the city's
    list (市局发来的电子表格, 请选择要导入的名录). Each call is written out for lupdate."""
    translate = QCoreApplication.translate
    if kind == "orders":
        return {
            "title": translate("RosterImportDialog", "Import rectification ledger"),
            "key": translate("RosterImportDialog", "Credit code"),
            "who": translate("RosterImportDialog", "Enterprise"),
            "choose": translate("RosterImportDialog", "Choose rectification ledger"),
            "list": translate("RosterImportDialog", "Rectification ledger"),
            "reading": translate("RosterImportDialog", "Reading and checking the ledger…"),
            "save_template": translate("RosterImportDialog", "Save blank rectification ledger"),
            "template": "整改台账模板.xlsx",
            "file": translate("RosterImportDialog",
                              "This county's rectification ledger (xlsx, xls, et, ods, csv)"),
            "intro": translate("RosterImportDialog", "Choose the rectification ledger to import. "
                               "Nothing is written before you press Import.")}
    if kind == "checks":
        return {
            "title": translate("RosterImportDialog", "Import spot-check ledger"),
            "key": translate("RosterImportDialog", "Credit code"),
            "who": translate("RosterImportDialog", "Enterprise"),
            "choose": translate("RosterImportDialog", "Choose spot-check ledger"),
            "list": translate("RosterImportDialog", "Spot-check ledger"),
            "reading": translate("RosterImportDialog", "Reading and checking the ledger…"),
            "save_template": translate("RosterImportDialog", "Save blank spot-check ledger"),
            "template": "抽查台账模板.xlsx",
            "file": translate("RosterImportDialog",
                              "This county's spot-check ledger (xlsx, xls, et, ods, csv)"),
            "intro": translate("RosterImportDialog", "Choose the spot-check ledger to import. "
                               "Nothing is written before you press Import.")}
    words = {
        "file": translate("RosterImportDialog", "Spreadsheet from the city (xlsx, xls, et, ods, csv)"),
        "intro": translate("RosterImportDialog",
                           "Choose the list to import. Nothing is written before you press Import.")}
    if kind == "inspectors":
        return {
            **words,
            "title": translate("RosterImportDialog", "Import inspector register"),
            "key": translate("RosterImportDialog", "Certificate no."),
            "who": translate("RosterImportDialog", "Inspector"),
            "choose": translate("RosterImportDialog", "Choose inspector register"),
            "list": translate("RosterImportDialog", "Inspector register"),
            "reading": translate("RosterImportDialog", "Reading and checking the register…"),
            "save_template": translate("RosterImportDialog", "Save blank inspector register"),
            "template": "执法人员名录模板.xlsx"}
    return {
        **words,
        "title": translate("RosterImportDialog", "Import enterprise list"),
        "key": translate("RosterImportDialog", "Credit code"),
        "who": translate("RosterImportDialog", "Enterprise"),
        "choose": translate("RosterImportDialog", "Choose enterprise list"),
        "list": translate("RosterImportDialog", "Enterprise list"),
        "reading": translate("RosterImportDialog", "Reading and checking the list…"),
        "save_template": translate("RosterImportDialog", "Save blank enterprise list"),
        "template": "企业名录模板.xlsx"}


def row_details(kind: str, item: Any) -> str:
    """What tells a ledger's rows of one firm apart in the preview: the check day and product
    (抽查台账; a new row also its result and the organiser it was read as, what the clerk checks
    before importing), the notice number and deadline (整改台账); "" for a list's rows."""
    if kind == "checks":
        base = f"{item.visit.visit_date} {item.sample.product_name}".strip()
        if item.action != "add":
            return base
        sample = item.sample
        result = {"pass": QCoreApplication.translate("RosterImportDialog", "pass"),
                  "fail": _fill(QCoreApplication.translate("RosterImportDialog", "fail: %1"),
                                sample.failed_items),
                  "pending": QCoreApplication.translate("RosterImportDialog", "pending test")
                  }.get(sample.result, sample.result)
        return _fill(QCoreApplication.translate("RosterImportDialog", "%1, %2, organised by %3"),
                     base, result, item.body)
    if kind == "orders" and item.action == "add":
        due = item.deadline()
        if item.notice_no:
            return _fill(QCoreApplication.translate("RosterImportDialog", "%1, due %2"), item.notice_no, due)
        return _fill(QCoreApplication.translate("RosterImportDialog", "Due %1"), due)
    return ""
