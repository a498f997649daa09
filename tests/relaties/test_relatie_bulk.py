"""Bulk actions on the list: deactivate and activate the selected relations."""

import pytest
from django.urls import reverse

from relaties.models import Relatie, Status
from tests.relaties.factories import RelatieFactory

pytestmark = pytest.mark.django_db

URL = reverse("relaties:relatie_bulk")


@pytest.fixture
def drie(kantoor, medewerker):
    return [
        RelatieFactory(kantoor=kantoor, code=f"100{i}", aangemaakt_door=medewerker)
        for i in range(3)
    ]


def statussen(relaties) -> list[str]:
    return [Relatie.objects.get(pk=r.pk).status for r in relaties]


def test_selected_relations_are_deactivated_and_activated(medewerker_client, drie):
    """Relations are never deleted; many at once are deactivated."""
    response = medewerker_client.post(
        URL,
        {
            "actie": "deactiveren",
            "relaties": [drie[0].pk, drie[2].pk],
            "terug": "soort=klant",
            "bevestigd": "1",  # the confirmation page's own form (issue 10 item 3)
        },
    )

    assert response.status_code == 302
    assert response.url == reverse("relaties:relatie_list") + "?soort=klant"
    assert statussen(drie) == [Status.INACTIEF, Status.ACTIEF, Status.INACTIEF]

    medewerker_client.post(URL, {"actie": "activeren", "relaties": [drie[0].pk]})

    assert statussen(drie) == [Status.ACTIEF, Status.ACTIEF, Status.INACTIEF]


def test_another_offices_relation_in_the_selection_changes_nothing(
    medewerker_client, drie, vreemde_relatie
):
    """D9: every posted id is re-checked against the office; one foreign id refuses all."""
    response = medewerker_client.post(
        URL, {"actie": "deactiveren", "relaties": [drie[0].pk, vreemde_relatie.pk]}
    )

    assert response.status_code == 400
    assert statussen([*drie, vreemde_relatie]) == [Status.ACTIEF] * 4


def test_nothing_selected_says_so(medewerker_client, drie):
    response = medewerker_client.post(URL, {"actie": "deactiveren", "terug": "soort=klant"})

    assert response.status_code == 400
    assert "Selecteer eerst een of meer relaties." in response.content.decode()
    # The same filtered list again.
    assert response.context["form"].data["soort"] == "klant"


def test_return_address_is_only_a_query_string(medewerker_client, drie):
    response = medewerker_client.post(
        URL, {"actie": "activeren", "relaties": [drie[0].pk], "terug": "https://evil.example/"}
    )

    assert response.url.startswith(reverse("relaties:relatie_list"))
