"""R4/D3: creating a relation puts its creator on its team as klantbeheerder, atomically."""

import pytest
from django.core.exceptions import ValidationError

from relaties.models import Relatie
from relaties.signals import relaties_aangemaakt
from teams.models import Teamlid
from tests.relaties.factories import RelatieFactory

pytestmark = pytest.mark.django_db


def test_creator_becomes_klantbeheerder_of_the_new_relation(kantoor, medewerker):
    """R4/D3: the creator joins the team in the klantbeheerder system role."""
    relatie = RelatieFactory(kantoor=kantoor, aangemaakt_door=medewerker)

    teamlid = Teamlid.objects.get(relatie=relatie)
    assert teamlid.medewerker == medewerker
    assert teamlid.rol == kantoor.klantbeheerder_rol
    assert teamlid.kantoor == kantoor
    assert teamlid.toegevoegd_door == medewerker
    assert list(Teamlid.objects.for_kantoor(kantoor).klantbeheerders()) == [teamlid]


def test_saving_an_existing_relation_adds_no_second_member(kantoor, medewerker):
    """D3: only creation adds the creator; later saves leave the team alone."""
    relatie = RelatieFactory(kantoor=kantoor, aangemaakt_door=medewerker)

    relatie.naam = "Nieuwe naam"
    relatie.save()

    assert Teamlid.objects.filter(relatie=relatie).count() == 1


def test_creator_of_another_office_leaves_no_relation(kantoor, vreemde):
    """D3/D9: when the klantbeheerder cannot be added, the relation is rolled back too."""
    with pytest.raises(ValidationError):
        Relatie.objects.create(
            kantoor=kantoor, code="2001", naam="Zonder team", aangemaakt_door=vreemde
        )

    assert not Relatie.objects.exists()
    assert not Teamlid.objects.exists()


def test_relation_without_creator_is_not_created(kantoor):
    """R2/D3: no creator means no klantbeheerder, so no relation."""
    with pytest.raises(ValidationError):
        Relatie.objects.create(kantoor=kantoor, code="2002", naam="Niemands klant")

    assert not Relatie.objects.exists()


def test_bulk_created_relations_get_their_creators_as_klantbeheerder(kantoor, medewerker, collega):
    """R4/D3 for the import: relations created in bulk are announced and get their team."""
    relaties = Relatie.objects.bulk_create(
        [
            Relatie(kantoor=kantoor, code="3001", naam="Een", aangemaakt_door=medewerker),
            Relatie(kantoor=kantoor, code="3002", naam="Twee", aangemaakt_door=collega),
        ]
    )

    relaties_aangemaakt.send(sender=Relatie, relaties=relaties)

    assert set(Teamlid.objects.klantbeheerders().values_list("relatie__code", "medewerker")) == {
        ("3001", medewerker.pk),
        ("3002", collega.pk),
    }


@pytest.mark.django_db(transaction=True)
def test_failing_handler_leaves_no_relation_after_a_real_commit(kantoor, vreemde):
    """D3 with real transactions (no test savepoint): the relation is never committed."""
    with pytest.raises(ValidationError):
        Relatie.objects.create(
            kantoor=kantoor, code="2003", naam="Zonder team", aangemaakt_door=vreemde
        )

    assert not Relatie.objects.filter(code="2003").exists()
