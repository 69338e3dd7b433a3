"""A package this database exported, given back to it to import (a county clerk picking the
county's own outgoing package): refused as its own, never as an untrusted key. Why: the trust
refusal (签名密钥 … 不在信任列表中，请先核对指纹并添加) sent the clerk to trust their own key,
after which the import would have merged the county's records into themselves."""

from __future__ import annotations

from pathlib import Path

from qcdesk.exchange.package_build import file_sha256
from qcdesk.exchange.package_rules import PackageRejected
from qcdesk.models import exchange_store
from qcdesk.models.store import Store


def exported_here(store: Store, package: Path) -> int | None:
    """The sequence number this database exported `package` under, or None (not its own)."""
    try:
        sha256 = file_sha256(package)
    except OSError:
        return None
    return exchange_store.exported_sequence(store, sha256)  # the models own the SQL


def own_package_refusal(sequence: int) -> PackageRejected:
    return PackageRejected(
        f"这是本数据库自己导出的数据包（第 {sequence} 号），不需要导入本数据库：请把它报送上级"
        "（检查员报县级局，县级局报市质强办）",
        f"This is a package this database exported itself (no. {sequence}); it is not imported "
        "here: send it on (an inspector's to the county office, a county's to the city office)",
        "own_package")
