"""Relatie and Connectie: the rules the models and the database keep."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from relaties.models import Connectie, Relatie, Soort, Status, Type
from tests.relaties.factories import RelatieFactory

pytestmark = pytest.mark.django_db


def test_code_is_unique_per_office(kantoor, medewerker):
    """A code names one relation within its office (it is the ledger's debtor code)."""
    RelatieFactory(kantoor=kantoor, code="1001", aangemaakt_door=medewerker)

    with pytest.raises(IntegrityError), transaction.atomic():
        RelatieFactory(kantoor=kantoor, code="1001", aangemaakt_door=medewerker)


def test_two_offices_may_share_a_code(relatie, vreemde_relatie):
    """D9: offices are independent; each keeps its own codes."""
    assert relatie.code == vreemde_relatie.code


def test_duplicate_code_is_a_readable_error_in_full_clean(relatie, medewerker):
    dubbel = Relatie(kantoor=relatie.kantoor, code=relatie.code, naam="Dubbel")

    with pytest.raises(ValidationError) as exc:
        dubbel.full_clean()
    assert "Dit kantoor heeft al een relatie met deze code." in str(exc.value)


def build(**velden) -> Relatie:
    return Relatie(**{"code": "9001", "naam": "Test", **velden})


@pytest.mark.parametrize(
    ("veld", "waarde", "opgeslagen"),
    [
        ("bsn", "111222333", "111222333"),
        ("bsn", "1112.22.333", "111222333"),
        ("kvk_nummer", "12345678", "12345678"),
        ("kvk_nummer", "1234 5678", "12345678"),
        ("vestigingsnummer", "000012345678", "000012345678"),
        ("btw_id", "NL004495445B01", "NL004495445B01"),
        ("btw_id", "nl 0044.95.445.B01", "NL004495445B01"),
        ("btw_id", "NL000099998B57", "NL000099998B57"),  # new style: mod 97
        ("iban", "NL91 ABNA 0417 1643 00", "NL91ABNA0417164300"),
        ("postcode", "2601dc", "2601 DC"),
    ],
)
def test_valid_numbers_are_accepted_and_stored_normalised(kantoor, veld, waarde, opgeslagen):
    """Numbers are checked by python-stdnum and stored in one form."""
    type_ = Type.PARTICULIER if veld == "bsn" else Type.BEDRIJF
    relatie = build(kantoor=kantoor, type=type_, **{veld: waarde})

    relatie.full_clean()

    assert getattr(relatie, veld) == opgeslagen


def test_a_valid_rsin_is_accepted(kantoor):
    relatie = build(kantoor=kantoor, type=Type.BEDRIJF, rsin="004495445")

    relatie.full_clean()


@pytest.mark.parametrize(
    ("veld", "waarde", "melding"),
    [
        ("bsn", "111222334", "Dit is geen geldig BSN (9 cijfers, 11-proef)."),
        ("bsn", "12345", "Dit is geen geldig BSN (9 cijfers, 11-proef)."),
        ("rsin", "004495446", "Dit is geen geldig RSIN (9 cijfers, 11-proef)."),
        ("kvk_nummer", "1234567", "Een KvK-nummer heeft 8 cijfers."),
        ("kvk_nummer", "1234567A", "Een KvK-nummer heeft 8 cijfers."),
        ("vestigingsnummer", "12345678901", "Een vestigingsnummer heeft 12 cijfers."),
        ("btw_id", "NL004495446B01", "Dit is geen geldig btw-identificatienummer"),
        ("btw_id", "DE123456789", "Dit is geen geldig btw-identificatienummer"),
        ("iban", "NL92ABNA0417164300", "Dit is geen geldige IBAN."),
        ("postcode", "0123 AB", "Dit is geen geldige Nederlandse postcode"),
        ("postcode", "12345", "Dit is geen geldige Nederlandse postcode"),
    ],
)
def test_invalid_numbers_are_refused_at_their_field_in_dutch(kantoor, veld, waarde, melding):
    """Every validator reports at its own field, in Dutch."""
    type_ = Type.PARTICULIER if veld == "bsn" else Type.BEDRIJF
    relatie = build(kantoor=kantoor, type=type_, **{veld: waarde})

    with pytest.raises(ValidationError) as exc:
        relatie.full_clean()

    assert veld in exc.value.message_dict
    assert any(melding in m for m in exc.value.message_dict[veld])


def test_foreign_postcode_is_not_checked_as_dutch(kantoor):
    relatie = build(kantoor=kantoor, land="be", postcode="1000")

    relatie.full_clean()

    assert (relatie.land, relatie.postcode) == ("BE", "1000")


def test_a_company_has_no_bsn_and_a_private_person_no_rsin(kantoor):
    """BSN belongs to a particulier, RSIN to a bedrijf; the database refuses the mix too."""
    with pytest.raises(ValidationError) as exc:
        build(kantoor=kantoor, type=Type.BEDRIJF, bsn="111222333").full_clean()
    assert "bsn" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        build(kantoor=kantoor, type=Type.PARTICULIER, rsin="004495445").full_clean()
    assert "rsin" in exc.value.message_dict


def test_database_refuses_a_bsn_on_a_company(relatie):
    with pytest.raises(IntegrityError), transaction.atomic():
        Relatie.objects.filter(pk=relatie.pk).update(bsn="111222333")


def test_relations_are_never_deleted(relatie):
    with pytest.raises(ValidationError):
        relatie.delete()
    assert Relatie.objects.filter(pk=relatie.pk).exists()


def test_contact_becomes_client(kantoor, medewerker):
    relatie = RelatieFactory(kantoor=kantoor, soort=Soort.CONTACT, aangemaakt_door=medewerker)

    relatie.maak_klant()

    relatie.refresh_from_db()
    assert relatie.soort == Soort.KLANT


def test_a_client_cannot_be_made_client_again(relatie):
    with pytest.raises(ValidationError):
        relatie.maak_klant()


def test_deactivate_and_activate(relatie):
    relatie.deactiveer()
    assert Relatie.objects.get(pk=relatie.pk).status == Status.INACTIEF

    relatie.activeer()
    assert Relatie.objects.get(pk=relatie.pk).status == Status.ACTIEF


# --- Connecties ----------------------------------------------------------------------------


@pytest.fixture
def notaris(kantoor, medewerker):
    return RelatieFactory(
        kantoor=kantoor, code="2001", soort=Soort.CONTACT, aangemaakt_door=medewerker
    )


def test_connectie_shows_on_both_relations(relatie, notaris):
    """One row, shown on both sides."""
    connectie = Connectie.objects.create(
        kantoor=relatie.kantoor, relatie_a=notaris, relatie_b=relatie, omschrijving="notaris"
    )

    assert list(relatie.connecties()) == [connectie]
    assert list(notaris.connecties()) == [connectie]
    assert connectie.andere(relatie) == notaris
    assert connectie.andere(notaris) == relatie
    assert connectie.relatie_a_id < connectie.relatie_b_id


def test_connectie_is_refused_in_the_other_direction_too(relatie, notaris):
    """No duplicate in either direction: the pair is stored ordered and unique."""
    Connectie.objects.create(kantoor=relatie.kantoor, relatie_a=relatie, relatie_b=notaris)

    with pytest.raises(IntegrityError), transaction.atomic():
        Connectie.objects.create(kantoor=relatie.kantoor, relatie_a=notaris, relatie_b=relatie)


def test_connectie_to_itself_is_refused(relatie):
    connectie = Connectie(kantoor=relatie.kantoor, relatie_a=relatie, relatie_b=relatie)
    with pytest.raises(ValidationError):
        connectie.full_clean()

    with pytest.raises(IntegrityError), transaction.atomic():
        connectie.save()


def test_connectie_across_offices_is_refused(relatie, vreemde_relatie):
    """D9: never across offices."""
    connectie = Connectie(kantoor=relatie.kantoor, relatie_a=relatie, relatie_b=vreemde_relatie)

    with pytest.raises(ValidationError):
        connectie.full_clean()
    with pytest.raises(ValidationError):
        connectie.save()
    assert not Connectie.objects.exists()
