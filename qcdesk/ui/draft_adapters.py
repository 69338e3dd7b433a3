"""What a draft holds for each editor that keeps one (draft_keeper.py), and how it is put back.

The visit editor keeps the visit as it was loaded (`base`: its revisions) beside what is typed
in it and its samples' and findings' tabs: restored, the editor saves against the base's
revisions, so a record changed elsewhere since is refused as stale and compared
(stale_save.py), never overwritten. The order dialog (下达整改) keeps its four fields. The
enterprise editor (企业档案) keeps the file as loaded beside the form, in the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate

from qcdesk.models.drafts import DraftKey, DraftStore, bundle_from, bundle_values, draft_blocked, records_from
from qcdesk.models.editor_queries import Contact
from qcdesk.models.inspections import VisitBundle
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Enterprise, Finding, Licence, Photo, Rectification, Sample
from qcdesk.ui.forms import iso, set_combo_data

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from qcdesk.models.store import Store
    from qcdesk.paths import AppPaths
    from qcdesk.ui.draft_keeper import Adapter
    from qcdesk.ui.enterprise_editor import EnterpriseEditor
    from qcdesk.ui.order_dialog import OrderRectificationDialog
    from qcdesk.ui.visit_editor import VisitEditor


def adapter_for(dialog: QWidget) -> Adapter | None:
    from qcdesk.ui.enterprise_editor import EnterpriseEditor
    from qcdesk.ui.order_dialog import OrderRectificationDialog
    from qcdesk.ui.visit_editor import VisitEditor

    if isinstance(dialog, VisitEditor) and not dialog.bundle.visit.locked_package:
        return VisitDrafts(dialog)  # a sent visit is corrected (更正) with a reason, not drafted
    if isinstance(dialog, OrderRectificationDialog):
        return OrderDrafts(dialog)
    if isinstance(dialog, EnterpriseEditor) and not dialog.read_only:
        return EnterpriseDrafts(dialog)
    return None


def offer_stale(dialog: QWidget, drafts: DraftStore) -> None:
    """A locked visit opened with a draft a crash left before it was sent: shown read-only, to
    copy into a 更正, with 丢弃 (draft_stale.py); its editor keeps no drafts of its own."""
    from qcdesk.ui.draft_stale import show_stale_draft
    from qcdesk.ui.visit_editor import VisitEditor

    if not isinstance(dialog, VisitEditor) or not dialog.bundle.visit.uuid:
        return
    draft = drafts.load(DraftKey("visit", dialog.bundle.visit.uuid))
    blocked = draft_blocked(dialog.store, draft) if draft is not None else None
    if draft is not None and blocked is not None:
        show_stale_draft(drafts, draft, blocked, dialog)


def offer_stale_order(parent: QWidget, store: Store, paths: AppPaths, subject: Finding | Sample) -> None:
    """下达整改 on a finding or sample whose order came by another route while a crash left an
    order typed for it: that typing is shown read-only (to copy into the order) with 丢弃."""
    from qcdesk.ui.draft_stale import show_stale_draft

    if store.path is None:
        return
    drafts = DraftStore(paths.data_dir, store.path)
    kind = "finding" if isinstance(subject, Finding) else "sample"
    draft = drafts.load(DraftKey("order", parent_kind=kind, parent=subject.uuid))
    blocked = draft_blocked(store, draft) if draft is not None else None
    if draft is not None and blocked is not None:
        show_stale_draft(drafts, draft, blocked, parent)


class VisitDrafts:
    def __init__(self, editor: VisitEditor):
        self.editor = editor
        visit, store = editor.bundle.visit, editor.store
        parent: Enterprise | Rectification | None = None
        if visit.kind == "recheck" and visit.rectification_id:  # a new re-check of an order
            parent = fetch_record(store, Rectification, visit.rectification_id)
        elif visit.enterprise_id:
            parent = fetch_record(store, Enterprise, visit.enterprise_id)
        kind = "order" if isinstance(parent, Rectification) else "enterprise" if parent else ""
        self.new_key = DraftKey("visit", parent_kind=kind, parent=parent.uuid if parent else "")

    def key(self) -> DraftKey:
        uuid = self.editor.bundle.visit.uuid
        return DraftKey("visit", uuid) if uuid else self.new_key

    def title(self) -> str:
        return self.editor.windowTitle()

    def dirty(self) -> bool:
        return self.editor.is_dirty()

    def capture(self) -> dict[str, Any]:
        editor = self.editor
        return {"base": bundle_values(editor.bundle), "typed": bundle_values(editor.collect()),
                "removed_photos": [p.to_row() for p in editor.findings_tab.removed_photos],
                "recheck": editor.recheck_combo.currentData(), "outcome": editor.outcome_combo.currentData(),
                "tab": editor.tabs.currentIndex()}

    def moved(self, values: dict[str, Any]) -> bool:
        from qcdesk.ui.stale_save import revisions

        return revisions(bundle_from(values["base"])) != revisions(self.editor.bundle)

    def restore(self, values: dict[str, Any]) -> None:
        editor = self.editor
        typed = bundle_from(values["typed"])
        samples = [s for s in typed.samples if not s.deleted_at]
        findings = [f for f in typed.findings if not f.deleted_at]
        editor.bundle = VisitBundle(typed.visit, samples, findings, typed.photos)
        editor._load()  # the typed values shown as if loaded; saved against the base's revisions
        editor.bundle = bundle_from(values["base"])
        editor.samples_tab.removed = [s for s in typed.samples if s.deleted_at]
        editor.findings_tab.removed = [f for f in typed.findings if f.deleted_at]
        editor.findings_tab.removed_photos = records_from(Photo, values["removed_photos"])
        set_combo_data(editor.recheck_combo, values["recheck"])
        set_combo_data(editor.outcome_combo, values["outcome"])
        editor._kind_changed()
        editor.tabs.setCurrentIndex(int(values.get("tab", 0)))


class OrderDrafts:
    def __init__(self, dialog: OrderRectificationDialog):
        self.dialog = dialog
        subject = dialog.finding or dialog.sample
        kind = "finding" if dialog.finding is not None else "sample"
        self.new_key = DraftKey("order", parent_kind=kind, parent=subject.uuid if subject else "")
        self.base = self.capture()

    def key(self) -> DraftKey:
        return self.new_key

    def title(self) -> str:
        subject = self.dialog.finding.description if self.dialog.finding else \
            self.dialog.sample.product_name if self.dialog.sample else ""
        first = subject.splitlines()[0][:30] if subject else ""
        return f"{self.dialog.windowTitle()} — {first}" if first else self.dialog.windowTitle()

    def dirty(self) -> bool:
        return self.capture() != self.base

    def capture(self) -> dict[str, Any]:
        dialog = self.dialog
        return {"requirement": dialog.requirement_edit.toPlainText(), "ordered_on": iso(dialog.ordered_edit),
                "rule_set": dialog.rule_combo.currentData(), "rule_chosen": dialog.rule_chosen,
                "notice_no": dialog.notice_edit.text()}

    def moved(self, values: dict[str, Any]) -> bool:
        return False  # a new order: nothing stored to have moved

    def restore(self, values: dict[str, Any]) -> None:
        dialog = self.dialog
        dialog.ordered_edit.setDate(QDate.fromString(values["ordered_on"], "yyyy-MM-dd"))
        set_combo_data(dialog.rule_combo, values["rule_set"])
        dialog.rule_chosen = bool(values["rule_chosen"])
        dialog.requirement_edit.setPlainText(values["requirement"])
        dialog.notice_edit.setText(values["notice_no"])


class EnterpriseDrafts:
    """基本情况, licences, contacts and notes as typed, beside the file as loaded (`base`): restored,
    the editor saves against the base's revisions, so a file changed elsewhere since is compared
    (stale_save.resolve_enterprise), never overwritten. A new enterprise's draft has no parent:
    it is offered when 新建企业 is opened next."""

    def __init__(self, editor: EnterpriseEditor):
        self.editor = editor

    def key(self) -> DraftKey:
        uuid = self.editor.enterprise.uuid
        return DraftKey("enterprise", uuid) if uuid else DraftKey("enterprise")

    def title(self) -> str:
        return self.editor.windowTitle()

    def dirty(self) -> bool:
        return self.editor.is_dirty()

    def capture(self) -> dict[str, Any]:
        editor = self.editor
        enterprise, licences = editor.collect()
        contacts = [c for c in editor.collect_contacts() if not c.deleted_at]
        return {"base": {"enterprise": editor.enterprise.to_row(),
                         "licences": [x.to_row() for x in editor.licences + editor._removed],
                         "contacts": [c.to_row() for c in editor.contacts]},
                "typed": {"enterprise": enterprise.to_row(), "licences": [x.to_row() for x in licences],
                          "contacts": [c.to_row() for c in contacts]},
                "removed_licences": [x.uuid for x in editor._removed],
                "removed_contacts": [c.uuid for c in editor.contact_rows.removed],
                "tab": editor.tabs.currentIndex()}

    def moved(self, values: dict[str, Any]) -> bool:
        base = values["base"]
        then = {r["uuid"]: r["revision"] for r in (base["enterprise"], *base["licences"], *base["contacts"])}
        editor = self.editor
        now = {r.uuid: r.revision for r in (editor.enterprise, *editor.licences, *editor._removed,
                                              *editor.contacts)}
        return then != now

    def restore(self, values: dict[str, Any]) -> None:
        editor, base, typed = self.editor, values["base"], values["typed"]
        old_licences = {x.uuid: x for x in records_from(Licence, base["licences"]) if x.uuid}
        old_contacts = {c.uuid: c for c in records_from(Contact, base["contacts"]) if c.uuid}
        licences: list[Licence] = records_from(Licence, typed["licences"])
        contacts: list[Contact] = records_from(Contact, typed["contacts"])
        editor.enterprise = Enterprise.from_row(typed["enterprise"])
        editor.licences, editor.contacts = licences, contacts
        editor._load()  # the typed values shown as if loaded; saved against the base's revisions
        editor.enterprise = Enterprise.from_row(base["enterprise"])
        editor.licences = [old_licences.get(x.uuid, x) for x in licences if x.id is not None]
        editor._removed = [old_licences[u] for u in values["removed_licences"] if u in old_licences]
        editor.contacts = list(old_contacts.values())
        rows = editor.contact_rows
        rows.records = [old_contacts.get(c.uuid, c) for c in contacts if c.id is not None]
        rows.removed = [old_contacts[u] for u in values["removed_contacts"] if u in old_contacts]
        rows.removed_note.setVisible(bool(rows.removed) and bool(rows.removed_note.text()))
        editor._check_licence_cells()
        editor.tabs.setCurrentIndex(int(values.get("tab", 0)))
