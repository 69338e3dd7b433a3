"""Packages kept in received/ moved to an archive folder (a USB stick) once they are old enough.

Why: received/ keeps every imported package as the evidence of who sent what (the audit's
baseline entry names the file), and with phone photos that is gigabytes a year on the county's
laptop. An office may move packages received more than N months ago to another disk; each one
leaves received/ only after its copy there has been written, read back and found to have the
package's SHA-256 as recorded at import (`received_package`). Nothing that is not archived
and verified is ever deleted; a file already at the target under that name with other content
is left alone (both kept, said). Each move is written, before the file goes, to
`received/archived.tsv` (what went where, when) and to the archive folder's own list, so the
trail from a record to its package still leads somewhere. The database is not changed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from qcdesk.exchange.package_build import file_sha256
from qcdesk.exchange.received_copy import RECEIVED_DIR
from qcdesk.models.clock_text import local_time
from qcdesk.models.free_space import Need, require_space
from qcdesk.models.os_errors import error_reason
from qcdesk.models.store import Store, StoreError

LOG_NAME = "archived.tsv"  # in received/ and in the archive folder: one line per package moved
_HEAD = "归档时间\t文件名\tSHA-256\t签名人密钥\t序号\t接收时间\t归档位置\n"


class Reason(str):
    """Why a package stayed in received/: the Chinese words (what the CLI prints), and `en`
    for a window in English."""

    en: str

    def __new__(cls, zh: str, en: str) -> Reason:
        made = super().__new__(cls, zh)
        made.en = en
        return made

    def text(self, lang: str) -> str:
        return self.en if lang.startswith("en") else str(self)


# Called before each package (done, total, file name) and once after the last; False stops the
# archive there, between packages: each one moved by then is verified at the target.
ArchiveProgress = Callable[[int, int, str], bool]


@dataclass(frozen=True)
class Candidate:
    """A package received before the cut-off, still in received/."""

    path: Path
    sha256: str
    key_id: str
    sequence: int
    received_at: datetime
    size: int


@dataclass
class ArchiveResult:
    moved: list[Candidate] = field(default_factory=list)  # verified at the target, gone from received/
    left: list[tuple[Candidate, Reason]] = field(default_factory=list)  # kept in received/, and why
    younger: int = 0  # packages received after the cut-off (stay)
    size: int = 0  # bytes of the packages moved (or to be moved, in a dry run)
    stopped: int = 0  # packages not tried because `progress` said stop (Cancel); still in received/


def months_back(now: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (the month's last day if shorter)."""
    month0 = now.year * 12 + now.month - 1 - months
    year, month = divmod(month0, 12)
    return now.replace(year=year, month=month + 1, day=min(now.day, monthrange(year, month + 1)[1]))


def candidates(store: Store, cutoff: datetime) -> tuple[list[Candidate], int]:
    """The packages recorded as received before `cutoff` whose copy is in received/ (found by
    the SHA-256 prefix that names it), and how many were received since."""
    from qcdesk.models import trust_store

    folder = Path(store.path).parent / RECEIVED_DIR
    names = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.endswith(".partial")
                   and not p.name.startswith(".")) if folder.is_dir() else []
    found, younger = [], 0
    for pkg in trust_store.received_packages(store):
        if pkg.received_at >= cutoff:
            younger += 1
            continue
        for path in names:
            if path.name.startswith(pkg.sha256[:16]) and path.name != LOG_NAME:
                found.append(Candidate(path, pkg.sha256, pkg.key_id, pkg.sequence, pkg.received_at,
                                       path.stat().st_size))
                break
    return found, younger


MOST_MONTHS = 1200


def archive_received(store: Store, target: Path, months: int, *, dry_run: bool = False,
                     now: datetime | None = None,
                     progress: ArchiveProgress | None = None) -> ArchiveResult:
    """Move the packages received more than `months` months ago from received/ to `target`
    (the CLI and the received packages window both call this)."""
    if not store.path:
        raise StoreError("内存中的数据库没有 received 文件夹，无需归档。",
                         "A database in memory has no received folder to archive.")
    if months < 1:
        raise StoreError("--older-than 至少为 1（个月）：最近收到的数据包留在 received/ 中，"
                         "以便撤销导入后重新导入。",
                         "--older-than must be at least 1 (month): recent packages stay in received/ "
                         "so that an undone import can be imported again.")
    if months > MOST_MONTHS:  # a calendar that far back does not exist (year -8331307)
        raise StoreError(f"--older-than 至多为 {MOST_MONTHS}（个月，即 100 年），请改小后重试。",
                         f"--older-than is at most {MOST_MONTHS} (months: 100 years); give fewer.")
    received = (Path(store.path).parent / RECEIVED_DIR).resolve()
    target = Path(target).absolute()
    if target.resolve() == received or received in target.resolve().parents:
        raise StoreError(f"归档文件夹 {target} 在 received 文件夹内，请选择另一个磁盘（如 U 盘）上的文件夹。",
                         f"The archive folder {target} is inside the received folder; choose a folder "
                         "on another disk (a USB stick).")
    now = now or datetime.now(UTC)
    found, younger = candidates(store, months_back(now, months))
    result = ArchiveResult(younger=younger)
    if dry_run or not found:
        result.moved = found if dry_run else []
        result.size = sum(c.size for c in result.moved)
        return result
    require_space([Need(target, sum(c.size for c in found), ("归档的数据包", "the packages archived"))],
                  ("归档收到的数据包", "archive the received packages"))
    _writable(target)
    for done, cand in enumerate(found):
        if progress is not None and not progress(done, len(found), cand.path.name):
            result.stopped = len(found) - done
            break
        try:
            reason = _copy_verified(cand, target / cand.path.name)
        except OSError as exc:  # a hash read back failed (the stick pulled out): the original stays
            reason = Reason(f"无法读回 {target / cand.path.name}：{error_reason(exc, 'zh')}",
                            f"{target / cand.path.name} could not be read back: {error_reason(exc, 'en')}")
        if reason:
            result.left.append((cand, reason))
            continue
        line = "\t".join([local_time(now, seconds=True), cand.path.name, cand.sha256, cand.key_id,
                          str(cand.sequence), local_time(cand.received_at, seconds=True),
                          str(target / cand.path.name)]) + "\n"
        try:  # written down before the file goes: the trail never misses a package
            _append(target / LOG_NAME, line)
            _append(received / LOG_NAME, line)
        except OSError as exc:
            result.left.append((cand, Reason(f"清单写不进：{error_reason(exc, 'zh', writing=True)}",
                                             f"the list could not be written: "
                                             f"{error_reason(exc, 'en', writing=True)}")))
            continue
        try:
            cand.path.unlink()
        except OSError as exc:  # verified and listed at the target; the original still here
            result.left.append((cand, Reason(
                "已复制到归档文件夹并核对一致，但无法从 received/ 删除："
                f"{error_reason(exc, 'zh', writing=True)}",
                f"copied to the archive folder and verified, but it could not be deleted from "
                f"received/: {error_reason(exc, 'en', writing=True)}")))
            continue
        result.moved.append(cand)
        result.size += cand.size
    else:
        if progress is not None:
            progress(len(found), len(found), "")
    return result


def archived_locations(db_path: Path) -> dict[str, str]:
    """SHA-256 -> where the package was archived, from received/archived.tsv (the latest move of
    each); empty when nothing was archived or the list cannot be read."""
    log = Path(db_path).parent / RECEIVED_DIR / LOG_NAME
    try:
        lines = log.read_text(encoding="utf-8").splitlines()[1:]
    except (OSError, UnicodeDecodeError):
        return {}
    found = {}
    for line in lines:
        cells = line.split("\t")
        if len(cells) >= 7 and len(cells[2]) == 64:
            found[cells[2]] = cells[6]
    return found


def _writable(target: Path) -> None:
    """Refuse, before any copy, a folder that cannot be made or written (a write-protected or
    pulled-out stick): one clear sentence instead of the same failure once per package."""
    probe = target / ".qcdesk-archive-check"
    try:
        target.mkdir(parents=True, exist_ok=True)
        with open(probe, "wb") as fh:
            fh.write(b"ok")
        probe.unlink()
    except OSError as exc:
        with contextlib.suppress(OSError):
            probe.unlink(missing_ok=True)
        raise StoreError(
            f"无法写入归档文件夹 {target}：{error_reason(exc, 'zh', writing=True)}。没有移动任何数据包，"
            "received/ 中的数据包都还在。请检查 U 盘是否插好、没有写保护，或选择另一个文件夹后再试。",
            f"The archive folder {target} cannot be written: {error_reason(exc, 'en', writing=True)}. "
            "No package was moved; every package is still in received/. Check that the USB stick "
            "is plugged in and not write-protected, or choose another folder, then try again.") from exc


def _copy_verified(cand: Candidate, dest: Path) -> Reason | None:
    """None when `dest` holds the package, read back and checked against its recorded SHA-256;
    else why it stays in received/ (nothing there is removed then)."""
    if file_sha256(cand.path) != cand.sha256:
        return Reason("received/ 中的文件与导入时记录的 SHA-256 不符，未移动（请联系维护人员）",
                      "the file in received/ does not match the SHA-256 recorded at import; not "
                      "moved (contact the maintainer)")
    if dest.exists():
        return None if file_sha256(dest) == cand.sha256 else Reason(
            f"归档文件夹中已有同名的其他文件 {dest}，未覆盖",
            f"the archive folder already holds another file named {dest}; not overwritten")
    part = dest.with_name(dest.name + ".part")
    try:
        shutil.copyfile(cand.path, part)
        with open(part, "rb+") as fh:
            os.fsync(fh.fileno())  # on the stick, not in a cache, before the original may go
        os.replace(part, dest)
    except OSError as exc:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
        return Reason(f"复制到 {dest} 失败：{error_reason(exc, 'zh', writing=True)}",
                      f"copying to {dest} failed: {error_reason(exc, 'en', writing=True)}")
    if file_sha256(dest) != cand.sha256:
        return Reason(f"{dest} 读回后与原包的 SHA-256 不符，原包保留在 received/ 中",
                      f"{dest} read back does not match the package's SHA-256; the package stays "
                      "in received/")
    return None


def _append(path: Path, line: str) -> None:
    new = not path.exists()
    with open(path, "a", encoding="utf-8") as fh:
        fh.write((_HEAD if new else "") + line)
        fh.flush()
        os.fsync(fh.fileno())
