"""Issue 10 item 3: Deactiveren (one relation and in bulk) and Omzetten naar klant say what
follows before they happen; GET (or the list's first post) asks, the confirmation posts."""

import pytest
from django.urls import reverse

from relaties.models import Soort, Status
from tests.relaties.factories import RelatieFactory

pytestmark = pytest.mark.django_db


def test_deactivating_asks_first_and_changes_nothing(medewerker_client, relatie):
    """A relation is never deleted: the question says so; GET writes nothing."""
    url = reverse("relaties:relatie_deactiveren", args=[relatie.pk])
    html = medewerker_client.get(url).content.decode()
    assert "Nothing is deleted" in html or "Er wordt niets verwijderd" in html
    assert f'action="{url}"' in html
    relatie.refresh_from_db()
    assert relatie.status == Status.ACTIEF


def test_converting_asks_first(medewerker_client, kantoor, medewerker):
    """Omzetten naar klant cannot be undone: the question says so."""
    contact = RelatieFactory(
        kantoor=kantoor, code="2001", soort=Soort.CONTACT, aangemaakt_door=medewerker
    )
    url = reverse("relaties:relatie_maak_klant", args=[contact.pk])
    html = medewerker_client.get(url).content.decode()
    assert "niet meer terug" in html
    contact.refresh_from_db()
    assert contact.soort == Soort.CONTACT


def test_bulk_deactivation_asks_first_listing_the_relations(medewerker_client, kantoor, medewerker):
    """Bulk: the list's button shows the question with the selection; only its form acts,
    and the message counts what changed."""
    drie = [
        RelatieFactory(
            kantoor=kantoor, code=f"300{i}", naam=f"Klant {i}", aangemaakt_door=medewerker
        )
        for i in range(3)
    ]
    data = {"actie": "deactiveren", "relaties": [drie[0].pk, drie[1].pk]}
    response = medewerker_client.post(reverse("relaties:relatie_bulk"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Klant 0" in html and "Klant 1" in html and "Klant 2" not in html
    assert all(
        r.status == Status.ACTIEF for r in type(drie[0]).objects.filter(pk__in=[r.pk for r in drie])
    )

    response = medewerker_client.post(
        reverse("relaties:relatie_bulk"), {**data, "bevestigd": "1"}, follow=True
    )
    assert "2 relaties gedeactiveerd." in response.content.decode()
    assert [type(r).objects.get(pk=r.pk).status for r in drie] == [
        Status.INACTIEF,
        Status.INACTIEF,
        Status.ACTIEF,
    ]


def test_another_offices_relation_gets_no_question(medewerker_client, vreemde_relatie):
    """D9: a 404, as for a relation that does not exist."""
    url = reverse("relaties:relatie_deactiveren", args=[vreemde_relatie.pk])
    assert medewerker_client.get(url).status_code == 404
