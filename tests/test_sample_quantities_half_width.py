"""抽样单 quantities typed in full-width mode are stored half-width (review RA, C3).

`１２件` stayed full-width while the licence and phone were half-widthed, so exports mixed
`12件` and `１２件`. Digits, Latin letters, ． ％ ／ and a thousands comma are now stored half-width;
Chinese marks (（）) stay as written."""

from __future__ import annotations

import pytest

from tests.test_sample_record import editor, fill, save, saved  # noqa: F401 - the fixture

pytestmark = pytest.mark.usefixtures("chinese_core_no_boxes")


def test_full_width_quantities_are_stored_half_width(qtbot, editor, store) -> None:  # noqa: F811
    fill(editor, lot_size="１，０００箱", sample_qty="１２件（５００ｇ／件）", test_qty="６件",
         backup_qty="６　件", unit_price="１２．５元／件")
    save(qtbot, editor)
    assert saved(store) == [("1,000箱", "12件（500g/件）", "6件", "6 件", "12.5元/件", "")]
