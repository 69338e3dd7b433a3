"""Who signs a package and who signed one, as the exchange dialogs show them.

Why apart from the dialogs: the export's signer fields come from one place, the description
beside the key (`exchange.key_files`), whether the key was found in the keys folder or picked
by path; the import names the signer as the trust list does. Neither needs a translated word.
Also how many photo files a signer has not sent yet, named by the export's "nothing new" question.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QLineEdit

from qcdesk.exchange.key_files import key_info
from qcdesk.models.jurisdictions import resolve_jurisdiction
from qcdesk.models.store import Store


def described_signer(key_path: Path) -> dict[str, str]:
    """Name, jurisdiction and role the secret key `key_path` was made for (its `.pub`'s
    description); {} when the path is no file or no description names that key."""
    if key_path.suffix != ".key":  # an empty field, a .pub, a half-typed path
        return {}
    pub = key_path.with_suffix(".pub")
    try:
        return key_info(pub) if pub.is_file() else {}
    except OSError:  # unreadable: as if undescribed; the export says why the key cannot be used
        return {}


def preselect_jurisdiction(combo: QComboBox, text: str) -> None:
    """The key's jurisdiction, given as a code or a name; nothing if unknown."""
    known = resolve_jurisdiction(text or "")
    if known is not None:
        combo.setCurrentIndex(combo.findData(known.code))


def fill_signer(info: dict[str, str], name: QLineEdit, jurisdiction: QComboBox, role: QComboBox) -> None:
    """Put what the key was made for into the export's fields (the receivers' trust lists hold
    it): a field the description leaves empty keeps what the clerk chose."""
    if info.get("name"):
        name.setText(info["name"])
    preselect_jurisdiction(jurisdiction, info.get("jurisdiction", ""))
    index = role.findData(info.get("role"))
    if index >= 0:
        role.setCurrentIndex(index)


def signer_info(store: Store, key_id: str) -> dict[str, str]:
    """Who signed, as the trust list names them (runs in the import's worker, with its store)."""
    from qcdesk.models import trust_store
    from qcdesk.models.enterprises import jurisdictions

    key = trust_store.get_key(store, key_id)
    if key is None:  # checked against a given public key rather than the trust list
        return {}
    names = dict(jurisdictions(store))
    return {"name": key.name, "jurisdiction": names.get(key.jurisdiction, key.jurisdiction),
            "role": key.role, "fingerprint": key.fingerprint}


def unsent_photo_count(store: Store, signer: str, photos_dir: Path | None) -> int:
    """Photo files held here that no package of `signer` carried: what “Include photo files”
    would send. The export's "nothing new" question names them when that box is unticked, for
    an empty package made then leaves them waiting (`export.unsent_photo_files`)."""
    from qcdesk.exchange.export import photo_finder, unsent_photo_files

    if photos_dir is None:
        return 0
    return sum(1 for _ in unsent_photo_files(store, signer, photo_finder(photos_dir)))
