"""The relation-code mask: literal characters and character classes such as [0-9], [A-Z]."""

import pytest
from django.core.exceptions import ValidationError

from kantoor.masker import parse_masker

CIJFERS = frozenset("0123456789")


def test_literals_and_classes_become_positions():
    assert parse_masker("L[0-9][0-9]") == [frozenset("L"), CIJFERS, CIJFERS]


def test_a_class_holds_ranges_and_single_characters():
    assert parse_masker("[A-CX][0-9a-b]") == [frozenset("ABCX"), CIJFERS | frozenset("ab")]


@pytest.mark.parametrize("masker", ["[0-9][0-9][0-9][0-9]", "K-[A-Z][0-9]", "2027.[0-9]"])
def test_valid_masks_pass(masker):
    parse_masker(masker)


@pytest.mark.parametrize(
    "masker", ["", "L", "[0-9", "0-9]", "[]", "[9-0]", "[a-Z]", "[-]", "L [0-9]", "[0-9]é"]
)
def test_malformed_masks_are_refused(masker):
    with pytest.raises(ValidationError):
        parse_masker(masker)
