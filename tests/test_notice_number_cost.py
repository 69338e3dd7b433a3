"""The warnings page keys every notice number on every refresh (文号重复), so keying must stay cheap
on a large database: a number in the form a save stores it is its own key (less 号) without being
taken apart, and the shared numbers are read from the notice_no index, only the shared ones in
full. Same answers as before: `shared_numbers` is `number_groups`' shared part."""

from __future__ import annotations

import re

import pytest
from withdrawn_orders import build_orders

import qcdesk.models.notice_numbers as notice_numbers
from qcdesk.models.notice_numbers import notice_key, number_groups, shared_numbers
from qcdesk.models.persistence import fetch_record, soft_delete, update_record
from qcdesk.models.records import Rectification
from qcdesk.models.store import Store


class _Counted:
    """A compiled pattern that counts how often a number is taken apart with it."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern, self.calls = pattern, 0

    def fullmatch(self, text: str) -> re.Match[str] | None:
        self.calls += 1
        return self.pattern.fullmatch(text)


def test_stored_numbers_are_keyed_without_being_taken_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    parse = _Counted(notice_numbers.WHOLE_NUMBER)
    monkeypatch.setattr(notice_numbers, "WHOLE_NUMBER", parse)
    keys = [notice_key(f"嘉市监质改〔2026〕{i}号") for i in range(1, 2001)]
    assert parse.calls == 0
    assert keys[11] == "嘉市监质改〔2026〕12" and keys[111] == "嘉市监质改〔2026〕112"
    assert notice_key("嘉市监质改〔2026〕12") == "嘉市监质改〔2026〕12"  # 号 optional
    # every other spelling is still taken apart, to the same key as before
    for spelt, key in [("嘉市监质改[2026]012号", "嘉市监质改〔2026〕12"),
                       (" 嘉市监质改〔2026〕 12 号", "嘉市监质改〔2026〕12"),
                       ("嘉市监质改〔２０２６〕１２号", "嘉市监质改〔2026〕12"),  # full-width digits
                       ("(鄂)市监质改(2026)7号", "(鄂)市监质改〔2026〕7"),
                       ("市监质改〔2026〕0号", "市监质改〔2026〕0"),
                       ("第12号", "第12"), ("", "")]:
        assert notice_key(spelt) == key, spelt
    assert parse.calls > 0


def test_shared_numbers_are_the_shared_part_of_number_groups(store: Store) -> None:
    orders = build_orders(store)  # 赤市监质改〔2026〕1号 … 4号
    for rect, number in ((orders.late, "赤市监质改[2026]003号"),  # = 3号 (to_withdraw)
                         (orders.withdrawn, " 赤市监质改〔2026〕1 号")):  # = 1号 (rechecked), deleted below
        rect = fetch_record(store, Rectification, rect.id)
        rect.notice_no = number
        update_record(store, rect)
    soft_delete(store, fetch_record(store, Rectification, orders.rechecked.id))
    expected = {"赤市监质改〔2026〕3": frozenset({orders.to_withdraw.uuid, orders.late.uuid})}
    assert shared_numbers(store) == expected
    assert {k: v for k, v in number_groups(store).items() if len(v) > 1} == expected
