"""The draw seed as typed, tidied to the one spelling that is drawn, stored and announced.

The seed is hashed byte for byte (HMAC key), so `１２３`, `123`, a double space, U+3000 or a
trailing space from a paste each gave another draw, and a member of the public re-drawing from the
announced seed got another list. A NEW draw's seed is therefore tidied where it is typed (CLI and
GUI alike, through `make_draw`): NFKC (full-width letters, digits and spaces to half-width), every
run of whitespace to one space, the ends stripped. The tidied seed is what the record stores and
the publication shows; it is hashed as it is.

A stored seed is never tidied again: `check_draw` hashes the record's seed exactly as stored, so a
draw made before this rule (e.g. with full-width digits) still verifies."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


def tidy_seed(seed: str) -> str:
    """The seed a new draw uses: half-width (NFKC), whitespace runs as one space, ends stripped."""
    return " ".join(unicodedata.normalize("NFKC", seed).split())


def same_seed(stored: str, typed: str) -> bool:
    """Whether a stored seed and a typed one are the same announced seed, spelling aside.

    Only for finding a draw already committed (one announcement is drawn once); never for hashing."""
    return tidy_seed(stored) == tidy_seed(typed)


@dataclass(frozen=True)
class SeedTidied:
    """A typed seed that was not drawn as typed: what was typed and what was used instead."""

    typed: str
    used: str

    def text_zh(self) -> str:
        """The CLI's note (Chinese, like its other output)."""
        return (f"注意：随机种子已整理为“{self.used}”（输入为“{self.typed}”：全角改为半角，"
                f"连续空白并为一个空格，去掉首尾空白）；本次按“{self.used}”抽取，公示和复核请用这一写法")


def seed_tidied(typed: str, used: str) -> SeedTidied | None:
    """The note to give when the seed drawn differs from the one typed (None when it does not)."""
    return None if typed == used else SeedTidied(typed, used)
