"""docs/exchange-format.md is what the city's IT staff write their own verifier from. Its worked
example was once three different keys (fingerprint, file name, manifest), and its lists of what
is compared left out what QCDesk refuses (review R3): the facts it states are computed here from
its own example text and from the code, so the page cannot drift again."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from qcdesk.exchange.minisign import PublicKey, Signature, blake2b_512, verify_signature
from qcdesk.exchange.package_build import safe_name_component
from qcdesk.exchange.package_rules import (
    PackageRejected,
    check_manifest,
    check_trusted_comment,
    is_expected_name,
    parse_trusted_comment,
)

DOC = (Path(__file__).resolve().parents[1] / "docs" / "exchange-format.md").read_text(
    encoding="utf-8")
FILE_NAME = re.compile(r"(\d{6})_([^_\s`]+)_([0-9A-F]{8})_(\d{6})_(\d{8})\.qcpkg\.zip")


def _section(title: str) -> str:
    start = DOC.index(f"## {title}")
    return DOC[start:DOC.index("\n## ", start + 3)]


def _fence(text: str, lang: str = "") -> str:
    """The first fenced block (```lang) of `text`, without the fences, lines ending in LF."""
    return re.search(rf"```{lang}\n(.*?)```", text, re.S).group(1)


def _example() -> tuple[PublicKey, Signature, bytes, dict]:
    """The page's key (§1), the manifest's signature (§2) and the manifest itself (§3)."""
    pub_text = re.search(r"untrusted comment: minisign public key [0-9A-F]+\n\S+\n", DOC).group(0)
    signature = Signature.parse(_fence(_section("2. Signatures")))
    manifest_text = _fence(_section("3. The package"), "json")
    return (PublicKey.from_file_text(pub_text), signature, manifest_text.encode("utf-8"),
            json.loads(manifest_text))


def test_the_worked_example_is_one_key_one_package() -> None:
    """Key id, fingerprint, file names, signature and manifest of the page all belong to one
    real export: what a city programmer tests their code on first."""
    key, signature, manifest_bytes, manifest = _example()
    raw = base64.b64decode(DOC.split("minisign public key ")[1].split("\n")[1])
    key_id = f"{int.from_bytes(raw[2:10], 'little'):016X}"  # the page's recipe, by hand
    fingerprint = hashlib.sha256(raw).hexdigest()[:20].upper()
    grouped = " ".join(fingerprint[i:i + 4] for i in range(0, 20, 4))
    assert key_id == key.key_id and grouped == key.fingerprint
    assert f"public key {key_id}" in DOC and f"key\nid is `{key_id}`" in DOC
    assert set(re.findall(r"`((?:[0-9A-F]{4} ){4}[0-9A-F]{4})`", DOC)) == {grouped}
    # every file name with a key prefix is this package's
    names = FILE_NAME.findall(DOC)
    assert names and {n[2] for n in names} == {key_id[:8]}
    assert {(n[0], n[1], int(n[3]), n[4]) for n in names} == {(
        manifest["jurisdiction"], safe_name_component(manifest["signer_name"]),
        manifest["sequence"], manifest["period_to"].replace("-", ""))}
    # the signature shown is the manifest's, by this key, over these exact bytes
    comment = verify_signature(key, signature, digest=blake2b_512(manifest_bytes))
    check_trusted_comment(comment, "manifest.json", manifest)
    created = dt.datetime.fromisoformat(manifest["created_at"].replace("Z", "+00:00"))
    assert parse_trusted_comment(comment)["timestamp"] == str(int(created.timestamp()))
    assert manifest["signer_key_id"] == key_id and key_id not in manifest["signers"]
    assert manifest["previous_package_sha256"] and manifest["full"] is False
    assert re.findall(r"trust revoke ([0-9A-F]{16})", DOC) == [key_id]
    assert "minisign -Vm manifest.json -P " + key.to_base64() + " -H" in DOC


def test_a_signature_file_saved_with_crlf_reads_the_same() -> None:
    """The page says a CR before the LF is dropped, as minisign does."""
    text = _fence(_section("2. Signatures"))
    assert "a CR before it is dropped" in DOC
    assert Signature.parse(text.replace("\n", "\r\n")) == Signature.parse(text)


def test_step_4_names_exactly_the_trusted_comment_fields_compared() -> None:
    """Each field of the example comment, changed, is refused by QCDesk exactly when step 4
    names it; the page says timestamp and `hashed` are not compared."""
    _key, signature, _bytes, manifest = _example()
    fields = signature.trusted_comment.split("\t")
    refused = set()
    for i, field in enumerate(fields):
        name = field.partition(":")[0] if ":" in field else field
        changed = "\t".join([*fields[:i], field + "X", *fields[i + 1:]])
        try:
            check_trusted_comment(changed, "manifest.json", manifest)
        except PackageRejected:
            refused.add(name)
    step = DOC[DOC.index("4. Manifest: supported"):DOC.index("\n5. The zip holds")]
    must = step[step.index("trusted comment must hold"):step.index("Nothing else in it")]
    assert refused == set(re.findall(r"`([a-z]+)`", must))
    assert "not `timestamp`, not the word `hashed`" in step
    assert {"timestamp", "hashed"}.isdisjoint(refused)


def test_the_file_name_rule_example_is_what_the_code_does() -> None:
    raw, made = re.search(r"So `([^`]+)` gives\n`([^`]+)`", DOC).groups()
    assert safe_name_component(raw) == made


def test_hashes_and_photo_names_are_lower_case_as_documented() -> None:
    """An upper-case hash or photo extension is refused; the page says so."""
    _key, _sig, manifest_bytes, manifest = _example()
    assert "64 lower-case hex digits" in DOC and "an extension in lower case" in DOC
    upper = dict(manifest, previous_package_sha256=manifest["previous_package_sha256"].upper())
    with pytest.raises(PackageRejected):
        check_manifest(json.dumps(upper).encode(), manifest["signer_key_id"])
    check_manifest(manifest_bytes, manifest["signer_key_id"])
    name = "photos/" + "ab" * 32
    assert is_expected_name(name + ".jpg")
    assert not is_expected_name(name + ".JPG") and not is_expected_name(name.upper() + ".jpg")


def _package(tmp_path: Path, role: str, jurisdiction: str) -> tuple[Path, Path]:
    """A real signed package (no photos) and its signer's public key file."""
    from exchange_fixtures import populate

    from qcdesk.exchange.export import export_package
    from qcdesk.exchange.minisign import generate_secret_key
    from qcdesk.models.store import Store

    store = Store.memory("o")
    populate(store, 2, 2)
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    key = generate_secret_key()
    path = export_package(store, out, key, signer_name="张三", jurisdiction=jurisdiction,
                          role=role)
    store.close()
    pub = tmp_path / f"{role}.pub"
    pub.write_text(key.public_key.to_file_text(), encoding="utf-8")
    return path, pub


@pytest.mark.parametrize(("role", "jurisdiction", "version"),
                         [("inspector", "421221", 1), ("city", "421200", 2)])
def test_the_notes_sheet_shows_the_package_format_version(
        tmp_path: Path, role: str, jurisdiction: str, version: int) -> None:
    """A clerk holding only data.xlsx read 格式 qcdesk-exchange-sheet/1 in a version-2 package
    and took it for version 1: 说明 now also names the manifest's format version."""
    import zipfile

    package, _pub = _package(tmp_path, role, jurisdiction)
    with zipfile.ZipFile(package) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        zf.extract("data.xlsx", tmp_path)
    notes = CalamineWorkbook.from_path(str(tmp_path / "data.xlsx")).get_sheet_by_name(
        "说明").to_python()
    info = {row[0]: row[2] for row in notes[1:] if row[1] == ""}
    assert manifest["format_version"] == version
    assert info["数据包格式"] == f"qcdesk-exchange/{version}"
    assert info["格式"] == "qcdesk-exchange-sheet/1"  # the sheet layout's id, unchanged
    assert "数据包格式 `qcdesk-exchange/1` or `/2`" in (
        Path(__file__).resolve().parents[1] / "docs" / "exchange-spreadsheet.md").read_text(
            encoding="utf-8")


@pytest.mark.skipif(not all(shutil.which(t) for t in ("bash", "minisign", "unzip", "sha256sum")),
                    reason="needs bash, minisign, unzip and sha256sum")
def test_the_by_hand_recipe_runs_on_a_package_without_photos(tmp_path: Path) -> None:
    """§5's commands, as written, on a real package without photos (the CLI's default): each
    succeeds (the old `sha256sum … photos/*` failed there) and prints what is to be compared."""
    package, pub = _package(tmp_path, "inspector", "421221")
    recipe = re.search(r"<!-- by-hand -->\n```sh\n(.*?)```", DOC, re.S).group(1)
    recipe = re.sub(r"^P=.*$", f"P='{package}'", recipe, count=1, flags=re.M)
    recipe = re.sub(r"^K=.*$", f"K='{pub}'", recipe, count=1, flags=re.M)
    work = tmp_path / "check"
    work.mkdir()
    run = subprocess.run(["bash", "-e", "-c", recipe], cwd=work, capture_output=True,
                         text=True, encoding="utf-8", timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("Signature and comment signature verified") == 2
    assert "file:manifest.json" in run.stdout and "file:data.xlsx" in run.stdout
    assert '"signer_key_id"' in run.stdout and "./data.xlsx.minisig" in run.stdout
    assert "not its hash" not in run.stdout
    assert hashlib.sha256(package.read_bytes()).hexdigest() in run.stdout


def test_date_cells_start_on_1900_03_01_as_documented(tmp_path: Path) -> None:
    """exchange-spreadsheet.md: date cells from 1900-03-01 (serial 61), earlier dates as text
    (Excel's 1900-02-29 would put them a day off); a reader needs no leap-bug handling."""
    from qcdesk.export.xlsx_writer import DATE, Column, XlsxWriter

    sheet_doc = (Path(__file__).resolve().parents[1] / "docs" / "exchange-spreadsheet.md"
                 ).read_text(encoding="utf-8")
    assert "exact ISO date from 1900-03-01 on (serial 61" in " ".join(sheet_doc.split())
    path = tmp_path / "dates.xlsx"
    with XlsxWriter(path) as book:
        book.write_sheet("S", [Column("d", DATE)], [["1900-02-28"], ["1900-03-01"]])
    early, first = (r[0] for r in CalamineWorkbook.from_path(str(path)).get_sheet_by_name(
        "S").to_python()[1:])
    assert early == "1900-02-28" and first == dt.date(1900, 3, 1)
    assert (first - dt.date(1899, 12, 30)).days == 61
