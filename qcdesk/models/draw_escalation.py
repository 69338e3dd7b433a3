"""Draw pool rule 4, part one: an enterprise out of business by a failed re-check is not drawn.

Product Quality Law art. 17 climbs one step per failing re-check of a failed sample (announced,
then 责令停业，限期整顿, then 吊销营业执照; `rules.ESCALATION_LADDER`), and the step is stored on the
order (`rectification.escalation`). A random spot check samples goods awaiting sale, so:

- licence revoked (``revoked``): the enterprise may no longer do business; it is out for good
  (the order is the record of it, whatever its status);
- suspended for rectification (``suspended``): it may neither produce nor sell while suspended, so
  a team sent there finds nothing to sample, and its check is the order's re-check (复查), a
  follow-up the order already plans. It is out until that order is closed by a passing re-check
  (``closed_on``), then back in the pool like any other enterprise;
- announced (``announced``): still producing and selling; it stays in the pool.

As of the draw date: the step counts from the failing re-check that climbed it (the order's last
failing re-check; the order's date when none is recorded), and an order closed after the draw
date was still open then, so a draw rebuilt later for `verify` sees the pool it was drawn from.
A withdrawn order (its sample passed its 复检, ``closing_reason``) never stood: none of its steps
count.
Only the order's current step is stored: a step climbed over an earlier one (suspended, then
revoked) is dated by the later re-check, so a draw dated between the two, rebuilt later, does not
see the earlier one (a difference `verify` reports as information only).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from qcdesk.models.clock_text import cn_date
from qcdesk.models.store import Store


@dataclass(frozen=True)
class Escalation:
    """Why an enterprise is out of a draw: its order's step, since when, and from what."""

    step: str  # 'suspended' or 'revoked'
    since: str  # ISO date of the failing re-check, else of the order
    rechecked: bool  # since = the failing re-check's date (False: the order's date)

    def words(self, lang: str = "zh") -> str:
        """Why, as the draw's output says it (the step as the order's window names it)."""
        from qcdesk.models.rectification_checks import ESCALATION_NAMES

        zh_step, en_step = ESCALATION_NAMES[self.step]
        if lang.startswith("en"):
            when = (f"failed its re-check on {self.since}" if self.rechecked
                    else f"order of {self.since}")
            still = "; not yet passed a re-check" if self.step == "suspended" else ""
            return f"{en_step} ({when}){still}"
        when = f"{cn_date(self.since)}复查不合格" if self.rechecked else f"{cn_date(self.since)}下达的整改"
        still = "，尚未复查合格" if self.step == "suspended" else ""
        return f"{when}，已{zh_step}{still}"


def escalated_enterprises(store: Store, as_of: date) -> dict[int, Escalation]:
    """enterprise id -> the step that keeps it out of a draw dated `as_of` (revoked before
    suspended, then the latest); enterprises with none are absent. One pass over the few orders
    that reached those steps, not a look at every enterprise's orders."""
    rows = store.db.execute(
        "SELECT enterprise_id, escalation, coalesce(failed, ordered_on) AS since, failed IS NOT NULL"
        f" FROM (SELECT r.*, ({_LAST_FAILED}) AS failed FROM rectification r"
        "  WHERE r.deleted_at IS NULL AND r.escalation IN ('suspended', 'revoked') AND r.closing_reason = ''"
        "  AND (r.escalation = 'revoked' OR r.status != 'closed' OR r.closed_on > :as_of))"
        " WHERE since <= :as_of ORDER BY enterprise_id, escalation = 'revoked', since, id",
        {"as_of": as_of.isoformat()}).fetchall()
    found: dict[int, Escalation] = {}
    for enterprise_id, step, since, rechecked in rows:  # the last one per enterprise wins
        found[enterprise_id] = Escalation(step, since, bool(rechecked))
    return found


# The order's step was climbed by its last failing re-check: the latest re-check visit linked to
# the order, but for the passing one that closed it (`recheck_visit_id` of a closed order); the
# order's own `recheck_visit_id` too, for a re-check stored before visits carried the link.
_LAST_FAILED = (
    "SELECT max(rv.visit_date) FROM visit rv INDEXED BY visit_enterprise"  # the firm's visits only
    " WHERE rv.enterprise_id = r.enterprise_id AND rv.deleted_at IS NULL AND rv.kind = 'recheck'"
    " AND (rv.rectification_id = r.id OR rv.id = r.recheck_visit_id)"
    " AND NOT (r.status = 'closed' AND rv.id = r.recheck_visit_id)")
