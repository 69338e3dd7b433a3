"""Why a passphrase cannot be had, and what to do (review, command line): one message, 无法读取
口令文件, served a missing file, a folder and a file not saved as text; 口令为空 said nothing more."""

from __future__ import annotations

from pathlib import Path

import pytest

from qcdesk.exchange.passphrase import PassphraseError, obtain_passphrase


@pytest.mark.parametrize(("make", "words"), [
    (lambda p: None, "无法读取（"),
    (lambda p: p.mkdir(), "是文件夹，请给出其中的口令文件"),
    (lambda p: p.write_bytes("长口令 long passphrase".encode("gbk")), "不是 UTF-8 文本"),
    (lambda p: p.write_text("\n", encoding="utf-8"), "口令为空：请在口令文件的第一行"),
])
def test_each_reason_is_told_with_what_to_do(tmp_path: Path, make, words: str) -> None:  # noqa: ANN001
    path = tmp_path / "pw.txt"
    make(path)
    with pytest.raises(PassphraseError) as refused:
        obtain_passphrase(new=False, passphrase_file=path, env={})
    text = refused.value.text("zh")
    assert words in text and "\n" not in text, text
    assert refused.value.text("en")
