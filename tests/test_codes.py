"""Code validators on the real and synthetic codes of the domain brief, and on mutated ones."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qcdesk.models.codes import USCC_ALPHABET, check_licence, check_uscc, iso7064_mod11_10

REAL = ["91110000600037341L", "91110108551385082Q", "91420684MA4927PJ7B", "914212003523203074",
        "92340602MA2PBMEM24"]
SYNTHETIC = ["91421202MA4AEDKU8T", "91421221MA4E3XHX15", "91421222MA4PJ5BUX4", "91421223MA4059AK31",
             "91421224MA4CJGYT6P", "91421281MA4KL5FE07", "92421281MA4C3FYL02", "93421281MA4NECRW8W"]


@pytest.mark.parametrize("code", REAL + SYNTHETIC)
def test_valid_codes_pass_both_checks(code: str) -> None:
    result = check_uscc(code)
    assert result.ok and not result.warnings and result.value == code


@pytest.mark.parametrize("code", ["91421202MA4AED0C30", "91421202MA4AED232Y"])
def test_codes_whose_check_character_is_0_or_y_are_valid(code: str) -> None:
    """Check values 0 and 30 (about 2 firms in 31): such a firm must be fileable and importable."""
    assert check_uscc(code).errors == []


def test_input_is_normalised() -> None:
    assert check_uscc(" 9142-1202ma4aedku8t ").value == "91421202MA4AEDKU8T"
    assert check_uscc(" 9142-1202ma4aedku8t ").ok


@given(st.sampled_from(REAL + SYNTHETIC), st.integers(0, 17), st.sampled_from(USCC_ALPHABET))
def test_any_single_substitution_is_caught(code: str, pos: int, ch: str) -> None:
    mutated = code[:pos] + ch + code[pos + 1:]
    if mutated == code:
        return
    result = check_uscc(mutated)
    # GB 32100's mod-31 check catches every single-character substitution.
    assert not result.ok


@pytest.mark.parametrize("code", ["91421202MA4AEDKU8", "91421202MA4AEDKU8TT", "91421202MA4AEDKUOT",
                                  "9142120ZMA4AEDKU8T", ""])
def test_malformed_codes_are_errors(code: str) -> None:
    assert not check_uscc(code).ok


def test_embedded_org_code_mismatch_is_only_a_warning() -> None:
    from qcdesk.models.codes import uscc_check_character

    body = "91421202MA4AEDKU9"  # last org-code character changed from 8 to 9
    code = body + uscc_check_character(body)
    result = check_uscc(code)
    assert result.ok and result.warnings == ["uscc.org_check"]


@pytest.mark.parametrize("number", ["SC11834020305037", "SC11432010400101", "SC11442128100017",
                                    "SC12442120200076", "XK13-006-00123", "(鄂)XK13-006-00123",
                                    "（鄂）XK13-006-00123", "xk13-006-00123"])
def test_valid_licences(number: str) -> None:
    assert check_licence(number).ok


@pytest.mark.parametrize("number", ["SC12345678901234", "SC1183402030503", "XK13-06-00123",
                                    "XK1300600123", "ABC", "SC31834020305030"])
def test_invalid_licences(number: str) -> None:
    assert not check_licence(number).ok


@given(st.sampled_from(["SC11834020305037", "SC11432010400101", "SC11442128100017"]),
       st.integers(2, 15), st.integers(1, 9))
def test_sc_single_digit_change_is_caught(number: str, pos: int, delta: int) -> None:
    digit = (int(number[pos]) + delta) % 10
    mutated = number[:pos] + str(digit) + number[pos + 1:]
    assert not check_licence(mutated).ok


def test_mod11_10_known_value() -> None:
    assert iso7064_mod11_10("1183402030503") == "7"


def test_qs_is_historical_warning() -> None:
    result = check_licence("QS420106010001")
    assert result.ok and result.warnings == ["licence.qs_historical"]
