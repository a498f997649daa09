"""Beheer > Interne rollen shows how many team members hold each role (R8), at a constant cost."""

import pytest
from django.urls import reverse

from teams import services
from tests.factories import InterneRolFactory, MedewerkerFactory

pytestmark = pytest.mark.django_db

URL = reverse("admin:kantoor_internerol_changelist")


@pytest.fixture
def beheerder_client(client, beheerder):
    client.force_login(beheerder)
    return client


def test_role_list_counts_the_team_members_holding_each_role(
    beheerder_client, relatie, medewerker, collega, boekhouder
):
    """R8: the count column says how many team members hold the role."""
    services.add_member(relatie, collega, boekhouder, door=medewerker)
    services.add_member(relatie, medewerker, boekhouder, door=medewerker)

    response = beheerder_client.get(URL)

    rollen = {rol.code: rol.aantal_teamleden for rol in response.context["cl"].result_list}
    assert rollen == {"KB": 1, "BOEK": 2}
    assert "Teamleden" in response.content.decode()


@pytest.mark.parametrize("aantal", [5, 50])
def test_role_list_query_count_does_not_grow_with_the_roles(
    beheerder_client, kantoor, medewerker, relatie, aantal, django_assert_num_queries
):
    """The count is one annotated query, whatever the number of roles."""
    for _ in range(aantal):
        rol = InterneRolFactory(kantoor=kantoor)
        services.add_member(relatie, MedewerkerFactory(kantoor=kantoor), rol, door=medewerker)
    with django_assert_num_queries(7):
        assert beheerder_client.get(URL).status_code == 200
