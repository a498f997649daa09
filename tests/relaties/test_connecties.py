"""The Connecties tab: link relations of the same office; one link shows on both sides."""

import pytest
from django.urls import reverse

from relaties.models import Connectie, Soort
from tests.relaties.factories import RelatieFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def notaris(kantoor, medewerker):
    return RelatieFactory(
        kantoor=kantoor,
        code="2001",
        naam="Notariskantoor Smit",
        soort=Soort.CONTACT,
        aangemaakt_door=medewerker,
    )


def add(client, relatie, code, omschrijving=""):
    url = reverse("relaties:connectie_create", args=[relatie.pk])
    return client.post(url, {"code": code, "omschrijving": omschrijving})


def test_link_shows_on_both_relations(medewerker_client, relatie, notaris):
    response = add(medewerker_client, relatie, "2001", "notaris")

    assert response.status_code == 302
    assert Connectie.objects.count() == 1
    van_klant = medewerker_client.get(reverse("relaties:relatie_connecties", args=[relatie.pk]))
    van_notaris = medewerker_client.get(reverse("relaties:relatie_connecties", args=[notaris.pk]))
    assert "Notariskantoor Smit" in van_klant.content.decode()
    assert "notaris" in van_klant.content.decode()
    assert "Bakkerij Jansen B.V." in van_notaris.content.decode()


def test_link_in_the_other_direction_is_a_duplicate(medewerker_client, relatie, notaris):
    add(medewerker_client, relatie, "2001")

    response = add(medewerker_client, notaris, relatie.code)

    assert response.status_code == 400
    assert "Deze relaties zijn al gekoppeld." in response.context["form"].errors["code"]
    assert Connectie.objects.count() == 1


def test_link_to_itself_is_refused(medewerker_client, relatie):
    response = add(medewerker_client, relatie, relatie.code)

    assert response.status_code == 400
    assert not Connectie.objects.exists()


def test_link_to_another_offices_relation_is_refused(medewerker_client, relatie, vreemde):
    """D9: another office's code is unknown here."""
    RelatieFactory(kantoor=vreemde.kantoor, code="7777", aangemaakt_door=vreemde)

    response = add(medewerker_client, relatie, "7777")

    assert response.status_code == 400
    assert "Er is geen relatie met deze code." in response.context["form"].errors["code"]
    assert not Connectie.objects.exists()


def test_link_is_removed_from_either_side(medewerker_client, relatie, notaris):
    add(medewerker_client, relatie, "2001")
    connectie = Connectie.objects.get()

    url = reverse("relaties:connectie_delete", args=[notaris.pk, connectie.pk])
    response = medewerker_client.post(url)

    assert response.status_code == 302
    assert not Connectie.objects.exists()
