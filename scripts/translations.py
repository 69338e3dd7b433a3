"""Update and compile the Simplified Chinese translations, one file pair per area of the UI.

    uv run python scripts/translations.py shell            # lupdate + lrelease for one area
    uv run python scripts/translations.py --all            # every area
    uv run python scripts/translations.py --release-only --all
    uv run python scripts/translations.py --check          # unfinished messages / stale .qm?

An area's source files are listed in AREAS; an area not listed there uses the files its
existing `resources/translations/<area>_zh_CN.ts` already refers to (plus any --files).
After `lupdate`, translate the new messages (Qt Linguist, or by editing the .ts) and run
again so that the .qm is rebuilt; tests/test_translations.py fails on unfinished messages
and on a .qm that does not match its .ts.
"""

from __future__ import annotations

import argparse
import filecmp
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS_DIR = ROOT / "resources" / "translations"
LANG = "zh_CN"

AREAS: dict[str, list[str]] = {
    "shell": [
        "qcdesk/ui/app.py",
        "qcdesk/ui/main_window.py",
        "qcdesk/ui/list_pages.py",
        "qcdesk/ui/list_deleted.py",
        "qcdesk/ui/export_list.py",
        "qcdesk/ui/list_empty.py",
        "qcdesk/ui/getting_started.py",
        "qcdesk/ui/labels.py",
        "qcdesk/ui/workers.py",
        "qcdesk/ui/settings_page.py",
        "qcdesk/ui/missing_database.py",
        "qcdesk/ui/error_box.py",
        "qcdesk/ui/record_removal.py",
        "qcdesk/ui/removal_reason.py",
    ],
}


def ts_path(area: str) -> Path:
    return TS_DIR / f"{area}_{LANG}.ts"


def qm_path(area: str) -> Path:
    return TS_DIR / f"{area}_{LANG}.qm"


def known_areas() -> list[str]:
    found = {p.name[: -len(f"_{LANG}.ts")] for p in TS_DIR.glob(f"*_{LANG}.ts")}
    return sorted(found | set(AREAS))


def area_files(area: str, extra: list[str]) -> list[Path]:
    """Source files of an area: AREAS, else those its .ts refers to; plus `extra`."""
    names = list(AREAS.get(area, []))
    if not names and ts_path(area).exists():
        text = ts_path(area).read_text(encoding="utf-8")
        for rel in sorted(set(re.findall(r'<location filename="([^"]+)"', text))):
            names.append(str((TS_DIR / rel).resolve().relative_to(ROOT)))
    names += extra
    files = [ROOT / n for n in dict.fromkeys(names)]
    missing = [str(f) for f in files if not f.exists()]
    if missing:
        raise SystemExit(f"translations: missing source files for {area}: {', '.join(missing)}")
    if not files:
        raise SystemExit(f"translations: no source files known for area {area!r}; pass --files")
    return files


def tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if not found:
        raise SystemExit(f"translations: {name} not found (install pyside6-essentials)")
    return found


def lupdate(area: str, extra: list[str]) -> None:
    TS_DIR.mkdir(parents=True, exist_ok=True)
    files = [str(f) for f in area_files(area, extra)]
    subprocess.run([tool("pyside6-lupdate"), "-no-obsolete", "-locations", "relative", *files,
                    "-ts", str(ts_path(area))], check=True, cwd=ROOT)


def lrelease(area: str, target: Path | None = None) -> Path:
    out = target or qm_path(area)
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts_path(area)), "-qm", str(out)],
                   check=True, cwd=ROOT)
    return out


def problems(area: str) -> list[str]:
    """Unfinished or empty translations, and a .qm that differs from what its .ts compiles to."""
    from xml.etree import ElementTree

    out = []
    root = ElementTree.parse(ts_path(area)).getroot()
    for context in root.iter("context"):
        ctx = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source")
            tr = message.find("translation")
            if tr is not None and tr.get("type") in ("vanished", "obsolete"):
                continue  # no longer in the sources; lupdate -no-obsolete drops them
            numerus = tr.findall("numerusform") if tr is not None else []
            texts = [n.text for n in numerus] if numerus else [tr.text if tr is not None else None]
            if tr is None or tr.get("type") == "unfinished" or not all(t and t.strip() for t in texts):
                out.append(f"{area}: untranslated [{ctx}] {source!r}")
    with tempfile.TemporaryDirectory() as tmp:
        fresh = lrelease(area, Path(tmp) / "fresh.qm")
        if not qm_path(area).exists():
            out.append(f"{area}: {qm_path(area).name} missing; run scripts/translations.py {area}")
        elif not filecmp.cmp(fresh, qm_path(area), shallow=False):
            out.append(f"{area}: {qm_path(area).name} is older than its .ts; run lrelease")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("areas", nargs="*")
    parser.add_argument("--all", action="store_true", help="every area (listed or with a .ts)")
    parser.add_argument("--files", nargs="*", default=[], help="extra source files for the area")
    parser.add_argument("--release-only", action="store_true", help="only compile .ts to .qm")
    parser.add_argument("--check", action="store_true", help="report unfinished messages and stale .qm")
    args = parser.parse_args(argv)
    areas = known_areas() if args.all or (args.check and not args.areas) else args.areas
    if not areas:
        parser.error("name an area (e.g. shell) or use --all")
    if args.check:
        found = [p for area in areas for p in problems(area)]
        print("\n".join(found) or "translations: all complete and compiled")
        return 1 if found else 0
    for area in areas:
        if not args.release_only:
            lupdate(area, args.files)
        lrelease(area)
        print(f"translations: {area}: {ts_path(area).relative_to(ROOT)} -> {qm_path(area).name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
