"""The office's relation code mask and the next free code it proposes."""

import pytest
from django.core.exceptions import ValidationError

from relaties.codes import Masker
from relaties.models import Relatie
from tests.relaties.factories import RelatieFactory


def test_mask_is_parsed_into_positions():
    masker = Masker.parse("L[0-9][A-C]")

    assert masker.posities == ("L", "0123456789", "ABC")
    assert masker.capaciteit == 30
    assert masker.prefix == "L"
    assert masker.past("L5B")
    assert not masker.past("L5D")
    assert not masker.past("X5B")


@pytest.mark.parametrize("masker", ["", "L[0-9", "[9-0]", "[]", "A B", "[0-9#]", "L001"])
def test_malformed_mask_is_refused(masker):
    """The same rules as the office setting's validator: one parser for both."""
    with pytest.raises(ValidationError):
        Masker.parse(masker)


def test_codes_count_like_numbers():
    masker = Masker.parse("[A-B][0-9]")

    assert masker.naar_code(0) == "A0"
    assert masker.naar_code(10) == "B0"
    assert masker.naar_getal("B3") == 13


def test_first_code_when_none_is_used():
    """Numbering starts at 1: an all-zero code is never proposed."""
    assert Masker.parse("L[0-9][0-9][0-9]").volgende_vrije([]) == "L001"
    assert Masker.parse("[A-Z][A-Z]").volgende_vrije([]) == "AA"
    assert Masker.parse("[A-Z][0-9]").volgende_vrije([]) == "A0"


def test_next_code_follows_the_highest_one_and_ignores_codes_outside_the_mask():
    masker = Masker.parse("L[0-9][0-9][0-9]")

    assert masker.volgende_vrije(["L001", "L009", "L005", "X999", "L1000"]) == "L010"


def test_when_the_last_code_is_used_the_first_gap_is_proposed():
    masker = Masker.parse("[0-9]")

    assert masker.volgende_vrije(["1", "3", "9"]) == "2"
    assert masker.volgende_vrije([str(i) for i in range(1, 10)]) is None


@pytest.mark.django_db
def test_next_free_code_of_an_office(kantoor, medewerker, ander_kantoor, vreemde):
    """The proposal looks at the office's own codes only (codes are unique per office)."""
    kantoor.relatiecode_masker = "L[0-9][0-9][0-9]"
    kantoor.save()
    for code in ["L001", "L002", "L007", "A999"]:
        RelatieFactory(kantoor=kantoor, code=code, aangemaakt_door=medewerker)
    RelatieFactory(kantoor=ander_kantoor, code="L500", aangemaakt_door=vreemde)

    assert Relatie.objects.volgende_code(kantoor) == "L008"


@pytest.mark.django_db
def test_next_free_code_with_a_broken_mask_is_none(kantoor):
    kantoor.relatiecode_masker = "L[0-9"

    assert Relatie.objects.volgende_code(kantoor) is None
