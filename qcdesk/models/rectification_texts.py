"""The wording an order starts from: Chinese, because it is printed in a Chinese legal document.

The requirement is stored as typed and printed under 整改要求 in the 责令整改通知书
(`export/pdf/documents._notice_story`), whatever language the app is shown in. The notice already
prints the duties every failed sample brings — stop producing and selling the same product, find
the cause, correct it (SAMR order 18), or sell nothing of the model until the re-check passes (2010
rules) — and asks for the report by the deadline; a default that said them again would make the
notice say them twice. So the default names only what is particular to this order.
"""

from __future__ import annotations

from qcdesk.models.records import Finding, Sample


def default_requirement(*, sample: Sample | None = None, finding: Finding | None = None) -> str:
    """The requirement a new order starts from (the user may rewrite it), or "" for neither."""
    if sample is not None:
        return sample_requirement(sample.product_name, sample.failed_items)
    if finding is not None:
        return finding_requirement(finding.description)
    return ""


def sample_requirement(product_name: str, failed_items: str) -> str:
    """The default for an order on a failed sample; the demo stores it too, so both read alike."""
    product = product_name.strip()
    items = failed_items.strip()
    what = f"产品“{product}”的不合格项目" if product else "不合格项目"
    return f"针对{what}（{items}）逐项整改。" if items else f"针对{what}逐项整改。"


FINDING_LEAD = "对检查发现的以下问题进行整改："


def finding_requirement(description: str) -> str:
    """The default for an order on a site-check finding."""
    return f"{FINDING_LEAD}{description.strip()}"


def requirement_gist(requirement: str) -> str:
    """What tells an order apart in a list: its requirement without the default's lead-in, which
    most orders on a finding share (the list showed 对检查发现的以下… on nearly every row)."""
    text = (requirement or "").strip()
    return text.removeprefix(FINDING_LEAD).strip() or text
