"""Issue 10 item 3 (D7): *Uit team verwijderen* and *Rol verwijderen* say their consequence
before they happen (which roles become unstaffed, with how many open tasks) and confirm after,
with numbers. GET asks and changes nothing; POST does it."""

import pytest
from django.urls import reverse

from teams import services
from teams.models import Teamlid
from tests.taken.factories import TaakFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def boekhouder_met_taken(kantoor, relatie, collega, boekhouder, medewerker):
    """`collega` is the only Boekhouder of `relatie`, which has 2 open Boekhouder tasks."""
    teamlid = services.add_member(relatie, collega, boekhouder, door=medewerker)
    TaakFactory.create_batch(2, kantoor=kantoor, relatie=relatie, rol=boekhouder)
    TaakFactory(
        kantoor=kantoor,
        relatie=relatie,
        rol=boekhouder,
        status="gereed",
        gereed_op="2027-01-01T00:00Z",
    )
    return teamlid


def test_removing_a_person_asks_first_naming_the_roles_that_become_unstaffed(
    medewerker_client, relatie, collega, boekhouder_met_taken
):
    """D7: the question names Boekhouder and its 2 open tasks; nothing is removed yet."""
    url = reverse("teams:medewerker_delete", args=[relatie.pk, collega.pk])
    response = medewerker_client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Boekhouder: 2 openstaande taken" in html
    assert f'action="{url}"' in html and 'method="post"' in html
    assert Teamlid.objects.filter(relatie=relatie, medewerker=collega).exists()


def test_removing_a_role_asks_first(medewerker_client, relatie, boekhouder_met_taken):
    """D7: the same question for one role."""
    url = reverse("teams:teamlid_delete", args=[relatie.pk, boekhouder_met_taken.pk])
    html = medewerker_client.get(url).content.decode()
    assert "Boekhouder: 2 openstaande taken" in html
    assert Teamlid.objects.filter(pk=boekhouder_met_taken.pk).exists()


def test_a_role_someone_else_holds_becomes_nothing_unstaffed(
    medewerker_client, relatie, medewerker, boekhouder, boekhouder_met_taken
):
    """D7: with another Boekhouder left, the question says that no work becomes unstaffed."""
    services.add_member(relatie, medewerker, boekhouder, door=medewerker)
    url = reverse("teams:teamlid_delete", args=[relatie.pk, boekhouder_met_taken.pk])
    html = medewerker_client.get(url).content.decode()
    assert "geen werk onbelegd" in html


def test_the_question_says_at_once_that_the_last_klantbeheerder_stays(
    medewerker_client, relatie, medewerker
):
    """R2/D2: removing the only klantbeheerder is refused on the question page already."""
    url = reverse("teams:medewerker_delete", args=[relatie.pk, medewerker.pk])
    response = medewerker_client.get(url)
    html = response.content.decode()
    assert "voeg eerst een andere klantbeheerder toe" in html
    assert 'method="post"' not in html.split('id="bevestig-kop"')[1]


def test_after_removal_the_message_says_what_became_unstaffed(
    medewerker_client, relatie, collega, boekhouder_met_taken
):
    """D7: confirmed after, with numbers."""
    url = reverse("teams:medewerker_delete", args=[relatie.pk, collega.pk])
    response = medewerker_client.post(url, follow=True)
    html = response.content.decode()
    assert "Boekhouder is nu onbelegd, met 2 openstaande taken." in html
    assert not Teamlid.objects.filter(relatie=relatie, medewerker=collega).exists()


def test_another_offices_team_is_a_404_for_the_question(medewerker_client, vreemde_relatie):
    """D9: the question leaks nothing of another office."""
    teamlid = Teamlid.objects.get(relatie=vreemde_relatie)
    url = reverse("teams:teamlid_delete", args=[vreemde_relatie.pk, teamlid.pk])
    assert medewerker_client.get(url).status_code == 404
