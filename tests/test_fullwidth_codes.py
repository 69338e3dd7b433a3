"""Codes typed with a Chinese input method in full-width mode (９１４２…, ＳＣ…, （鄂）ＸＫ…) are the
same codes: accepted and filed half-width, not refused as "含有不允许的字符"."""

from __future__ import annotations

import pytest

from qcdesk.models.codes import check_licence, check_uscc
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.messages import ValidationFailed
from qcdesk.models.records import Enterprise, Licence
from qcdesk.models.store import Store

FULL_WIDTH_USCC = "９１４２１２０２ＭＡ４ＡＥＤＫＵ８Ｔ"


@pytest.mark.parametrize("typed", [FULL_WIDTH_USCC, "９１４２１２０２ｍａ４ａｅｄｋｕ８ｔ",
                                   "９１４２－１２０２ＭＡ４Ａ　ＥＤＫＵ８Ｔ", "91421202ＭＡ4AEDKU8T",
                                   "　91421202MA4AEDKU8T　"])
def test_full_width_credit_code_is_accepted_half_width(typed: str) -> None:
    result = check_uscc(typed)
    assert result.ok and not result.warnings and result.value == "91421202MA4AEDKU8T"


def test_full_width_credit_code_is_filed_half_width(store: Store) -> None:
    e = save_enterprise(store, Enterprise(uscc=FULL_WIDTH_USCC, name="咸安区苎麻纺织有限公司",
                                          jurisdiction_code="421202"),
                        [Licence(number="（鄂）ＸＫ１３－００６－００１２３", expires_on="2027-03-01")])
    assert store.db.execute("SELECT uscc FROM enterprise WHERE id = ?", [e.id]).fetchone() == (
        "91421202MA4AEDKU8T",)
    licence = store.db.execute("SELECT kind, number FROM licence WHERE enterprise_id = ?", [e.id]).fetchone()
    assert licence == ("XK", "(鄂)XK13-006-00123")
    # the same code typed half-width is the same enterprise: a second file is refused by name
    with pytest.raises(ValidationFailed) as info:
        save_enterprise(store, Enterprise(uscc="91421202MA4AEDKU8T", name="另一家",
                                          jurisdiction_code="421202"))
    assert "咸安区苎麻纺织有限公司" in info.value.text()


def test_a_wrong_full_width_code_gets_the_message_of_its_real_fault(store: Store) -> None:
    with pytest.raises(ValidationFailed) as info:  # last character mistyped (8Ｓ for 8Ｔ)
        save_enterprise(store, Enterprise(uscc="９１４２１２０２ＭＡ４ＡＥＤＫＵ８Ｕ", name="X",
                                          jurisdiction_code="421202"))
    assert "校验位不正确" in info.value.text() and "不允许的字符" not in info.value.text()


@pytest.mark.parametrize(("typed", "stored"), [
    ("ＳＣ１１４４２１２８１０００１７", "SC11442128100017"),
    ("ｓｃ１１４４２１２８１０００１７", "SC11442128100017"),
    ("（鄂）ＸＫ１３－００６－００１２３", "(鄂)XK13-006-00123"),
    ("（鄂）XK13－006－00123", "(鄂)XK13-006-00123"),
    ("(鄂)XK13–006–00123", "(鄂)XK13-006-00123"),
    ("ＸＫ１３－００６－００１２３　", "XK13-006-00123"),
])
def test_full_width_licence_numbers_are_accepted_half_width(typed: str, stored: str) -> None:
    result = check_licence(typed)
    assert result.ok and result.value == stored


@pytest.mark.parametrize("typed", ["SC١١٤٤٢١٢٨١٠٠٠١٧", "XK١٣-٠٠٦-٠٠١٢٣"])
def test_digits_of_other_scripts_are_not_a_licence(typed: str) -> None:
    assert not check_licence(typed).ok
