"""The import dialog's counts in the words of each list: firms (家), people (人), visits and
samples of a spot-check ledger, orders of a rectification ledger.

One sentence for every kind said "新增 7 家，更新 0 家" of a ledger whose 11 rows were 7 samples
of 6 firms, and whose rows are never updated; the CLI already counted each kind in its own words.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from qcdesk.models.roster import RosterPlan, RosterResult


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
