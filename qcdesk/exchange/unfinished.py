"""Packages an export recorded but did not get to name, and side files no export will name.

Why: an export commits its record of package N first and only then renames the package from
its hidden side name (`.<name>.<random>.part`) to its name. A process that dies in between
leaves package N recorded (its visits count as sent) but only as a side file, which the user
does not see, and the receiver would later find a gap at N. The export therefore notes, in its
own transaction, where the package waits (exchange_store.note_unpublished) and drops the note
once it has its name. Every later export (and the window at start-up) reads the notes: it
finishes a package that waits in its own output folder and names it, and says where one
waits elsewhere. A complete side file signed with this key under a number already recorded
is no package anyone can send any more: it is removed at once.
"""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from qcdesk.exchange.work_folder import remove_left_over
from qcdesk.models import exchange_store as xs
from qcdesk.models.file_replace import replace_into_place
from qcdesk.models.store import Store, StoreError

_SIDE_FILE = re.compile(r"^\.(?P<name>.+\.qcpkg\.zip)\.[^./]+\.part$")
_STALE_SECONDS = 3600  # an unrecorded side file this old is no export running


@dataclass(frozen=True)
class Unfinished:
    """A recorded package whose file did not get its name in time: `finished` when this export
    named it now, else it waits as `side` (None: its folder cannot be reached, or it is gone)."""

    sequence: int
    final: Path
    side: Path | None
    finished: bool = False
    gone: bool = False  # its folder is there but neither the side file nor the package is

    def text(self, lang: str = "zh") -> str:
        n, folder, name = f"{self.sequence:06d}", self.final.parent, self.final.name
        if self.finished:
            return (f"Package {n} was recorded by an earlier export whose file was not finished: "
                    f"it is finished now as {self.final} — send it as well" if lang == "en" else
                    f"数据包 {n} 此前已记录但文件未完成命名，现已完成：{self.final}，请一并发送")
        if self.gone:
            return (f"Package {n} was recorded but its unfinished file is no longer in {folder} "
                    "(moved or deleted): if the receiver misses it, export all records (full)"
                    if lang == "en" else
                    f"数据包 {n} 已记录，但其未完成命名的文件已不在 {folder} 中（已被移走或删除）；"
                    "如接收方缺少该数据包，请导出全部数据（完整数据包）")
        if self.side is None:
            return (f"Package {n} was recorded but its file was not finished in {folder}, which "
                    "cannot be reached now (plug in the USB stick): export into that folder again "
                    "to finish it" if lang == "en" else
                    f"数据包 {n} 已记录但文件仍在 {folder} 中未完成命名（该文件夹现在无法访问，"
                    "如为U盘请插上）；再次导出到该文件夹即自动完成")
        return (f"Package {n} was recorded but its file was not finished in {folder}: it waits as "
                f"{self.side.name}; export into that folder again to finish it, or rename it to "
                f"{name}" if lang == "en" else
                f"数据包 {n} 已记录但文件仍在 {folder} 中未完成命名：{self.side.name}；"
                f"再次导出到该文件夹即自动完成，也可手动改名为 {name}")


def interrupted_exports(store: Store, out_dir: Path, signer: str, *, sent: int = 0
                        ) -> list[Unfinished]:
    """Before an export into `out_dir`: the recorded packages it finished there (named now)
    and those still waiting elsewhere, to be said. `sent`: the last number the key's own
    record knows (sequence_record), side files up to it are superseded too."""
    finished = finish_interrupted(store, out_dir, signer, sent=sent)
    said = [Unfinished(xs.recorded_sequence(store, p.name), p.absolute(), None, finished=True)
            for p in finished]
    here = {str(u.final) for u in said}
    return said + [u for u in waiting(store) if str(u.final) not in here]


def waiting(store: Store) -> list[Unfinished]:
    """The recorded packages still under a side name (or unreachable), from the notes; a note
    whose package has its name now is dropped, and so is one whose file is gone (said once)."""
    found: list[Unfinished] = []
    settled: list[str] = []
    for note in xs.unpublished_notes(store):
        try:
            final, side = Path(note["final"]), Path(note["side"])
            sequence = int(note["sequence"])
        except (KeyError, TypeError, ValueError):
            continue
        if _is(side, Path.is_file):
            found.append(Unfinished(sequence, final, side))
        elif _is(final, Path.is_file):
            settled.append(str(final))  # named (by an export, or by hand)
        elif _is(final.parent, Path.is_dir):
            found.append(Unfinished(sequence, final, None, gone=True))
            settled.append(str(final))
        else:
            found.append(Unfinished(sequence, final, None))
    _drop(store, settled)
    return found


def finish_interrupted(store: Store, out_dir: Path, signer: str, *, sent: int = 0) -> list[Path]:
    """What an export killed in its last steps left in `out_dir`: a package this database
    recorded but that still has its side name is renamed into place (returned). A side file
    signed with `signer` that this database never recorded is removed when its number is
    already taken (recorded here, or up to `sent`), or once it is stale (its export was rolled
    back; the number will be signed again); so are the work folders of exports no longer
    running (`work_folder.remove_left_over`). Anything else — another database's side file, an
    incomplete one, an entry that vanishes meanwhile — is left alone."""
    from qcdesk.exchange.package_build import file_sha256

    finished: list[Path] = []
    try:
        entries = list(out_dir.iterdir())
    except OSError:
        return finished
    now = time.time()
    remove_left_over(out_dir, now)  # work folders of exports killed or long gone (no package)
    last = xs.last_export(store, signer)
    taken = max(sent, 0 if last is None else int(last["sequence"]))
    for entry in entries:
        try:
            match = _SIDE_FILE.match(entry.name)
            if match is None or not entry.is_file():
                continue
            final = out_dir / match["name"]
            sha256 = file_sha256(entry)
            if xs.export_recorded(store, final.name, sha256):
                if not final.exists():
                    replace_into_place(entry, final)
                    finished.append(final)
                elif final.is_file() and file_sha256(final) == sha256:
                    entry.unlink()  # the same bytes (a killed export's twin made in the same second)
                continue
            key, sequence = _signature(entry)
            if key == signer and (0 < sequence <= taken or now - entry.stat().st_mtime > _STALE_SECONDS):
                entry.unlink()
        except OSError:
            continue
    _drop(store, [str(p.absolute()) for p in finished])
    return finished


def _is(path: Path, test: Callable[[Path], bool]) -> bool:
    """`test(path)`, False when the path cannot be looked at (a folder refused to this user)."""
    try:
        return test(path)
    except OSError:
        return False


def _drop(store: Store, finals: list[str]) -> None:
    """Forget the notes: never fails an export that is done (a busy database keeps them)."""
    if finals:
        with contextlib.suppress(sqlite3.Error, StoreError):
            xs.drop_unpublished(store, finals)


def _signature(package: Path) -> tuple[str, int]:
    """The signer key id and sequence its manifest names (("", 0) when it cannot be read: an
    incomplete file)."""
    try:
        with zipfile.ZipFile(package) as zf:
            manifest = json.loads(zf.read("manifest.json"))
        return str(manifest.get("signer_key_id", "")), int(manifest.get("sequence") or 0)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, TypeError, AttributeError):
        return "", 0
