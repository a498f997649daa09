"""Actions on one relation: contact -> klant, deactivate, activate (POST, then redirect)."""

import pytest
from django.urls import reverse

from relaties.models import Relatie, Soort, Status
from tests.relaties.factories import RelatieFactory

pytestmark = pytest.mark.django_db


def test_contact_is_converted_to_client(medewerker_client, kantoor, medewerker):
    relatie = RelatieFactory(kantoor=kantoor, soort=Soort.CONTACT, aangemaakt_door=medewerker)

    response = medewerker_client.post(reverse("relaties:relatie_maak_klant", args=[relatie.pk]))

    assert response.status_code == 302
    assert Relatie.objects.get(pk=relatie.pk).soort == Soort.KLANT


def test_converting_a_client_says_why_not(medewerker_client, relatie):
    url = reverse("relaties:relatie_maak_klant", args=[relatie.pk])

    response = medewerker_client.post(url)

    assert response.status_code == 400
    assert "is al een klant" in response.content.decode()


def test_deactivate_and_activate_one_relation(medewerker_client, relatie):
    medewerker_client.post(reverse("relaties:relatie_deactiveren", args=[relatie.pk]))
    assert Relatie.objects.get(pk=relatie.pk).status == Status.INACTIEF

    medewerker_client.post(reverse("relaties:relatie_activeren", args=[relatie.pk]))
    assert Relatie.objects.get(pk=relatie.pk).status == Status.ACTIEF
