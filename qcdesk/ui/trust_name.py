"""The name a key goes on the trust list under, when its description's name cannot be recorded.

A key made before keygen refused control characters can carry a name such as 王<Tab>五 in its
.json description. The trust list refuses it (`trust.trust_name_refusal`, the export's rule);
the office still needs a way to trust an old inspector key, so it types the name confirmed on
the phone call, as `qcdesk trust add --name` does on the command line.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from qcdesk.exchange.package_rules import signer_name_refusal
from qcdesk.exchange.trust import trust_name_refusal
from qcdesk.models import trust_store
from qcdesk.models.store import Store
from qcdesk.ui.workers import ui_lang


def name_for_trust(parent: QWidget, title: str, name: str) -> str | None:
    """`name` if the trust list can record it; else the name the user types instead (None:
    cancelled or refused again, nothing added)."""
    refused = trust_name_refusal(name, ui_lang())
    if refused is None:
        return name
    typed, ok = QInputDialog.getText(parent, title, refused + "\n\n" + QCoreApplication.translate(
        "TrustDialog", "The name comes from the key's description file, made by an older QCDesk. "
        "Enter the owner's name as confirmed on the phone, or cancel and ask them to make the key "
        "again."))
    if not ok:
        return None
    typed = typed.strip()
    again = signer_name_refusal(typed, ui_lang())
    if again is not None:
        QMessageBox.warning(parent, title, again)
        return None
    return typed


def same_signer_text(store: Store, name: str, jurisdiction: str, role: str) -> str:
    """Said before a key is trusted beside a live one of the same name, jurisdiction and role:
    usually its replacement (forgotten passphrase, new computer), whose old key is then revoked;
    else a namesake, told apart by the name. "" when there is none."""
    texts = []
    for k in trust_store.same_signer_keys(store, name, jurisdiction, role):
        last = trust_store.signer_receipts(store, k.key_id).last_sequence
        texts.append(QCoreApplication.translate(
            "TrustDialog", "The trust list already has a key for the same name, jurisdiction and "
            "role: %1 (fingerprint %2, last sequence %3). Is this a new key replacing it? If so, "
            "revoke the old key after adding this one. If it is another person of the same name, "
            "add it as well: the Key id column tells the two apart.").replace("%1", k.key_id).replace(
            "%2", k.fingerprint).replace("%3", "-" if last is None else str(last)))
    return "\n\n".join(texts)
