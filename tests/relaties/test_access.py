"""Every relation page: anonymous -> login, another office -> 404, GET on a POST-only URL -> 405."""

import pytest
from django.urls import reverse

from tests.relaties.factories import ConnectieFactory

pytestmark = pytest.mark.django_db

LIJST_GET = ["relatie_list", "relatie_create", "relatie_export"]
RELATIE_GET = [
    "relatie_detail",
    "relatie_update",
    "relatie_connecties",
]
RELATIE_POST = [
    "connectie_create",
    "relatie_maak_klant",
    "relatie_deactiveren",
    "relatie_activeren",
]


@pytest.mark.parametrize("naam", [*LIJST_GET, "relatie_bulk"])
def test_anonymous_is_sent_to_login(client, naam):
    url = reverse(f"relaties:{naam}")

    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("naam", RELATIE_GET + RELATIE_POST)
def test_anonymous_is_sent_to_login_from_a_relation(client, relatie, naam):
    response = client.post(reverse(f"relaties:{naam}", args=[relatie.pk]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("naam", LIJST_GET)
def test_list_pages_work(medewerker_client, relatie, naam):
    assert medewerker_client.get(reverse(f"relaties:{naam}")).status_code == 200


@pytest.mark.parametrize("naam", RELATIE_GET)
def test_relation_pages_work(medewerker_client, relatie, naam):
    response = medewerker_client.get(reverse(f"relaties:{naam}", args=[relatie.pk]))

    assert response.status_code == 200
    assert relatie.naam in response.content.decode()


@pytest.mark.parametrize("naam", RELATIE_GET)
def test_another_offices_relation_is_a_404(medewerker_client, vreemde_relatie, naam):
    """D9: another office's relation cannot be seen or guessed."""
    response = medewerker_client.get(reverse(f"relaties:{naam}", args=[vreemde_relatie.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize("naam", RELATIE_POST)
def test_another_offices_relation_cannot_be_changed(medewerker_client, vreemde_relatie, naam):
    """D9: posting to another office's relation is a 404 and changes nothing."""
    response = medewerker_client.post(
        reverse(f"relaties:{naam}", args=[vreemde_relatie.pk]), {"code": "1001"}
    )

    assert response.status_code == 404
    vreemde_relatie.refresh_from_db()
    assert vreemde_relatie.is_actief


def test_another_offices_connectie_cannot_be_removed(medewerker_client, relatie, vreemde):
    connectie = ConnectieFactory(
        kantoor=vreemde.kantoor,
        relatie_a__aangemaakt_door=vreemde,
        relatie_b__aangemaakt_door=vreemde,
    )

    for pk in (relatie.pk, connectie.relatie_a_id):
        url = reverse("relaties:connectie_delete", args=[pk, connectie.pk])
        assert medewerker_client.post(url).status_code == 404
    assert type(connectie).objects.filter(pk=connectie.pk).exists()


# Deactivating and converting answer GET with their confirmation (issue 10 item 3).
BEVESTIGD = {"relatie_maak_klant", "relatie_deactiveren"}


@pytest.mark.parametrize("naam", RELATIE_POST)
def test_post_only_actions_refuse_get(medewerker_client, relatie, naam):
    response = medewerker_client.get(reverse(f"relaties:{naam}", args=[relatie.pk]))

    assert response.status_code == (200 if naam in BEVESTIGD else 405)
    relatie.refresh_from_db()
    assert (relatie.status, relatie.soort) == ("actief", "klant")


def test_bulk_and_connectie_delete_refuse_get(medewerker_client, relatie):
    assert medewerker_client.get(reverse("relaties:relatie_bulk")).status_code == 405
    url = reverse("relaties:connectie_delete", args=[relatie.pk, 1])
    assert medewerker_client.get(url).status_code == 405


def test_another_offices_relation_cannot_be_edited(medewerker_client, vreemde_relatie):
    """D9: editing another office's relation is a 404 and changes nothing."""
    url = reverse("relaties:relatie_update", args=[vreemde_relatie.pk])

    response = medewerker_client.post(url, {"code": "X1", "naam": "Overgenomen"})

    assert response.status_code == 404
    vreemde_relatie.refresh_from_db()
    assert vreemde_relatie.naam != "Overgenomen"
