"""One way to obtain the secret key's passphrase, shared by every command that needs it.

Order: `--passphrase-file F`, then env `QCDESK_PASSPHRASE`, then an interactive prompt
(getpass; asked twice when a new key is made). The passphrase is never written anywhere.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from qcdesk.exchange.minisign import MinisignError, SecretKey

MIN_PASSPHRASE_LENGTH = 10
ENV_VAR = "QCDESK_PASSPHRASE"


class PassphraseError(MinisignError):
    """The passphrase could not be obtained or breaks the rules."""


def check_passphrase_rules(passphrase: str) -> None:
    """Only length is enforced: long passphrases beat clever rules, and scrypt does the rest.
    Spaces alone are no passphrase: ten of them passed, the first thing a thief of the laptop
    tries (review, field inspector)."""
    if passphrase and not passphrase.strip():
        raise PassphraseError("passphrase_blank", "口令不能只有空格：请输入文字或字符",
                              "A passphrase of spaces only is refused: type words or characters")
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise PassphraseError(
            "passphrase_too_short",
            f"口令太短：至少需要 {MIN_PASSPHRASE_LENGTH} 个字符",
            f"Passphrase too short: at least {MIN_PASSPHRASE_LENGTH} characters",
        )


def obtain_passphrase(
    *,
    new: bool,
    passphrase_file: Path | None = None,
    env: Mapping[str, str] | None = None,
    prompt: Callable[[str], str] = getpass.getpass,
    interactive: bool | None = None,
) -> str:
    """Return the passphrase from the file, the environment, or the terminal.

    `new=True` (key generation) applies the length rule and asks twice on a terminal.
    """
    env = os.environ if env is None else env
    if passphrase_file is not None:
        try:
            text = Path(passphrase_file).read_text(encoding="utf-8-sig")  # Notepad adds a BOM
        except (OSError, UnicodeDecodeError) as exc:
            raise _unreadable(Path(passphrase_file), exc) from exc
        passphrase = text.splitlines()[0] if text.splitlines() else ""
    elif env.get(ENV_VAR):
        passphrase = env[ENV_VAR]
    else:
        if interactive is None:
            interactive = sys.stdin is not None and sys.stdin.isatty()
        if not interactive:
            raise PassphraseError(
                "passphrase_missing",
                f"需要口令：请在终端中运行，或使用 --passphrase-file 或环境变量 {ENV_VAR}",
                f"A passphrase is needed: run in a terminal, or use --passphrase-file or {ENV_VAR}",
            )
        passphrase = prompt("口令 Passphrase: ")
        if new:
            check_passphrase_rules(passphrase)
            if prompt("再次输入口令 Passphrase again: ") != passphrase:
                raise PassphraseError(
                    "passphrase_mismatch", "两次输入的口令不一致", "The passphrases do not match"
                )
    if new:
        check_passphrase_rules(passphrase)
    elif not passphrase:
        raise PassphraseError(
            "passphrase_missing", "口令为空：请在口令文件的第一行（或环境变量 "
            f"{ENV_VAR}）写上私钥的口令", f"The passphrase is empty: put the secret key's "
            f"passphrase on the first line of the passphrase file (or in {ENV_VAR})")
    return passphrase


def _unreadable(path: Path, exc: Exception) -> PassphraseError:
    """Why the passphrase file cannot be read, and what to do: one message said "cannot read"
    for a missing file, a folder and a file not saved as text (review, command line)."""
    from qcdesk.models.os_errors import os_error_reason

    if isinstance(exc, UnicodeDecodeError):
        zh, en = "不是 UTF-8 文本，请用记事本另存为 UTF-8 编码", "is not UTF-8 text: save it as UTF-8"
    elif path.is_dir():
        zh, en = "是文件夹，请给出其中的口令文件", "is a folder: give the passphrase file in it"
    else:
        zh = f"无法读取（{os_error_reason(exc)}），请检查路径"
        en = f"cannot be read ({os_error_reason(exc, 'en')}): check the path"
    return PassphraseError("passphrase_file", f"口令文件 {path} {zh}", f"Passphrase file {path} {en}")


def unlock_secret_key(
    key_path: Path,
    *,
    passphrase_file: Path | None = None,
    env: Mapping[str, str] | None = None,
    prompt: Callable[[str], str] = getpass.getpass,
    interactive: bool | None = None,
) -> SecretKey:
    """Open a secret key file for signing, asking for the passphrase only if it is encrypted.

    Raises MinisignError (WrongPassphrase, PassphraseError, …) with a one-line reason.
    """
    from qcdesk.exchange.minisign import (
        WrongPassphrase,
        decode_secret_key,
        read_key_text,
        secret_key_needs_passphrase,
    )

    text = read_key_text(Path(key_path), "私钥文件", "Secret key file")
    passphrase = None
    if secret_key_needs_passphrase(text):
        passphrase = obtain_passphrase(
            new=False, passphrase_file=passphrase_file, env=env, prompt=prompt,
            interactive=interactive,
        )
    try:
        return decode_secret_key(text, passphrase)
    except WrongPassphrase as exc:  # a forgotten one has no way back: say the way on (review s8 B2)
        exc.reason_zh += FORGOTTEN_ZH
        exc.reason_en += FORGOTTEN_EN
        exc.args = (exc.reason_en,)
        raise


# Said after a wrong passphrase (CLI and the export dialog's worker; the dialog shows its own words).
FORGOTTEN_ZH = ("；口令无法找回：如已忘记，请生成新密钥（设置 > 签名密钥 > 生成新密钥，或 qcdesk keygen），"
                "并把新公钥 .pub 交给接收方")
FORGOTTEN_EN = ("; a forgotten passphrase cannot be recovered: make a new key (Settings > Signing key >"
                " Make a new key, or qcdesk keygen) and give its .pub to the receiving office")
