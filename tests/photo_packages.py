"""An inspector's package carrying photo files, whose key the county already trusts.

Why one function: the import tests about photos (a package that does not fit on the disk, one
imported again to bring its photos back, an import killed while copying them) each built it alike.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from exchange_fixtures import populate

from qcdesk.exchange.export import export_package, photo_finder
from qcdesk.exchange.minisign import generate_secret_key
from qcdesk.models import trust_store
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Photo
from qcdesk.models.store import Store


def photo_package(tmp_path: Path, county_db: Path, photos: dict[int, bytes], *, name: str = "张三",
                  enterprises: int = 1, visits_each: int = 1, uscc_offset: int = 0, tag: str = "") -> Path:
    """A full package of a new inspector's database (`populate(enterprises, visits_each)`) whose
    first finding has one photo per item of `photos` (现场<i>.jpg: its bytes), exported signed
    by `name` (421202) into tmp_path/usb<tag>; the county's database trusts the key. `tag` keeps
    the sender's files of several packages apart."""
    key = generate_secret_key()
    sender_photos = tmp_path / f"sender-photos{tag}"
    inspector = Store.open(tmp_path / f"inspector{tag}.db")
    populate(inspector, enterprises, visits_each, uscc_offset=uscc_offset)
    finding = inspector.db.execute("SELECT id FROM finding ORDER BY id LIMIT 1").fetchone()[0]
    with inspector.db.atomic():
        for i, data in photos.items():
            sha = hashlib.sha256(data).hexdigest()
            (sender_photos / sha[:2]).mkdir(parents=True, exist_ok=True)
            (sender_photos / sha[:2] / f"{sha}.jpg").write_bytes(data)
            insert_record(inspector, Photo(finding_id=finding, sha256=sha, file_name=f"现场{i}.jpg"))
    out = tmp_path / f"usb{tag}"
    out.mkdir()
    package = export_package(inspector, out, key, signer_name=name, jurisdiction="421202",
                             role="inspector", full=True, photo_files=photo_finder(sender_photos))
    inspector.close()
    county = Store.open(county_db)
    trust_store.add_key(county, key.public_key, name=name, jurisdiction="421202", role="inspector")
    county.close()
    return package
