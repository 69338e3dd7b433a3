"""A further contact (其他联系人) of an enterprise, checked as the enterprise's own contact is.

The 联系电话 field refused `abc电话号码不对`, a 12-digit number and a mobile cut short, and stored
full-width digits half-width, while the same text in the 其他联系人 table below it was saved as
typed. Its phone now goes through the same `enterprise_checks` rules, with the message at the
row; its name and role are one-line fields (`typed_text.one_line`).

A phone the database already holds for this contact is not refused (nor said), so contacts saved
before this rule still save unchanged; warnings (no area code) are not returned: the save keeps
errors only, as `save_enterprise_file` does for the enterprise's own fields.
"""

from __future__ import annotations

from typing import Any

from qcdesk.models.enterprise_checks import normalise_phone, phone_issues
from qcdesk.models.messages import Issue
from qcdesk.models.store import Store
from qcdesk.models.typed_text import one_line
from qcdesk.models.validation import check_required


def contact_issues(store: Store, contact: Any, prefix: str) -> list[Issue]:
    """Errors of one contact row (`prefix` "contacts.<row>."), normalising it in place; a removed
    contact, and a phone as the database holds it, are not checked."""
    contact.name, contact.role = one_line(contact.name), one_line(contact.role)
    contact.phone = normalise_phone(contact.phone)
    issues: list[Issue] = []
    if contact.deleted_at is not None:
        return issues
    check_required(issues, prefix + "name", "联系人姓名", contact.name)
    found = phone_issues(prefix + "phone", contact.phone)
    if found and contact.id:
        stored = store.db.execute("SELECT phone FROM contact WHERE id = ?", [contact.id]).fetchone()
        if stored and normalise_phone(stored[0]) == contact.phone:
            found = []  # as saved before the rule: kept, not refused
    return issues + [i for i in found if not i.warning]
