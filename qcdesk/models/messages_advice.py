"""What to do next, after a refusal or before a document goes out under a wrong name (zh, en).

Kept beside `messages` (which looks them up by rule key like its own) so that it stays
under 500 lines; `message()` is the way to read them.
"""

from __future__ import annotations

ADVICE_MESSAGES: dict[str, tuple[str, str]] = {
    # the receiver refused a package for its signer's role or jurisdiction (package_rules codes
    # role_mismatch, jurisdiction_mismatch); the sender counted its records as sent already
    "import.signer_refused": (
        "请发送方在导出时按信任列表登记的签名人改正（见上一行：角色或辖区），然后完整导出"
        "（勾选“全部数据”，命令行 qcdesk export --full）并发送新的数据包：这次被拒收的记录在发送方"
        "已算作发出，只含变更的数据包不会再带上它们",
        "Ask the sender to correct the signer as your trust list has it (the line above: role or "
        "jurisdiction) and send a FULL package (“Everything” ticked, qcdesk export --full on the "
        "command line): the sender counted the refused records as sent, and a package of changes "
        "only will not carry them again",
    ),
}
