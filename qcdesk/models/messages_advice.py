"""What to do next, after a refusal or before a document goes out under a wrong name (zh, en).

Kept beside `messages` (which looks them up by rule key like its own) so that it stays
under 500 lines; `message()` is the way to read them.
"""

from __future__ import annotations

ADVICE_MESSAGES: dict[str, tuple[str, str]] = {
    # the receiver refused a package for its signer's role or jurisdiction (package_rules codes
    # role_mismatch, jurisdiction_mismatch); the sender counted its records as sent already
    "import.signer_refused": (
        "请发送方在导出时按信任列表登记的签名人改正（见上文所说的角色或辖区），然后完整导出"
        "（勾选“全部数据”，命令行 qcdesk export --full）并发送新的数据包：这次被拒收的记录在发送方"
        "已算作发出，只含变更的数据包不会再带上它们",
        "Ask the sender to correct the signer as your trust list has it (the role or "
        "jurisdiction named above) and send a FULL package (“Everything” ticked, qcdesk export --full on the "
        "command line): the sender counted the refused records as sent, and a package of changes "
        "only will not carry them again",
    ),
    # the receiver refused a package whose number an earlier, different package from the same
    # key took (package_rules code replayed_sequence): a fork, not a forgery, as a rule; the
    # refusal itself names the usual causes, this says what to do
    "import.sequence_taken": (
        "两个文件可能都是对的，"
        "请不要丢弃任何一个：请发送方在生成这个被拒数据包的电脑上重新导出，勾选“全部数据”"
        "（命令行 qcdesk export --full），并发送新的数据包。它带上该电脑上的全部记录，"
        "本机已有的记录导入时显示为“未变”，不会丢失或重复；这次被拒收的记录在发送方已算作发出，"
        "只含变更的数据包不会再带上它们",
        "Both files may be right; throw neither away. Ask the sender to "
        "export again on the computer that made the refused package, with “Everything” ticked "
        "(qcdesk export --full on the command line), and send the new package: it carries every "
        "record of that computer, and what you already have imports as unchanged, nothing lost "
        "or doubled. The sender counted the refused records as sent: a package of changes only "
        "will not carry them again",
    ),
    # a county's report signed with the default organising body (document_data.DOC_SETTING_DEFAULTS)
    "report.org_name_default": (
        "本单位名称尚未填写，报告将以默认的“{org}”署名和盖章（“本报告由{org}编制”），而统计范围是{scope}。"
        "如由{scope}编制，请先在“设置 ▸ 首选项… ▸ 组织单位”中填写本单位名称",
        "Your office's name is not set: the report will be signed and sealed by the default "
        "“{org}” (“本报告由{org}编制”) while it covers {scope}. If {scope}'s office makes it, first "
        "enter your office's name under Settings ▸ Preferences… ▸ Organising body",
    ),
    "report.org_name_default_cli": (
        "本单位名称尚未填写，报告将以默认的“{org}”署名和盖章（“本报告由{org}编制”），而统计范围是{scope}。"
        "如由{scope}编制，请先用 qcdesk settings --org-name 填写本单位名称",
        "Your office's name is not set: the report will be signed and sealed by the default "
        "“{org}” while it covers {scope}. If {scope}'s office makes it, first set the name with "
        "qcdesk settings --org-name",
    ),
}

# package_rules refusal code → the advice above that follows the one-line reason (CLI and GUI)
REFUSAL_ADVICE: dict[str, str] = {
    "role_mismatch": "import.signer_refused",
    "jurisdiction_mismatch": "import.signer_refused",
    "replayed_sequence": "import.sequence_taken",
}
