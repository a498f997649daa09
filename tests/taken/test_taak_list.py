"""Mijn taken at /taken/ (R6, D4-D6): the switch, filters, sorting, keyset pages, colours and
a constant number of queries."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from tests.factories import InterneRolFactory
from tests.relaties.factories import RelatieFactory
from tests.taken.factories import TaakFactory

pytestmark = pytest.mark.django_db
URL = reverse("taken:taak_list")


def namen(response):
    return [t.naam for t in response.context["taken"]]


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_my_tasks_show_tasks_on_my_roles(medewerker_client, taak, medewerker, in_team, boekhouder):
    """R6/D4."""
    assert namen(medewerker_client.get(URL)) == []
    in_team(taak.relatie, medewerker, boekhouder)

    response = medewerker_client.get(URL)

    assert namen(response) == ["Btw-aangifte"]
    assert "Bakkerij Jansen B.V." in response.content.decode()


def test_client_tasks_are_marked_waiting_for_client(client, kantoor, klant, beheerder):
    """D6: on the klantbeheerder's list, marked wacht op klant."""
    TaakFactory(kantoor=kantoor, relatie=klant, rol=None, voor_klant=True, naam="Stukken")
    client.force_login(beheerder)

    response = client.get(URL)

    assert namen(response) == ["Stukken"]
    assert "wacht op klant" in response.content.decode()


def test_a_colleagues_list_is_resolved_the_same_way(
    medewerker_client, taak, collega, in_team, boekhouder
):
    """Switch: taken van een collega."""
    in_team(taak.relatie, collega, boekhouder)

    response = medewerker_client.get(URL, {"weergave": "collega", "teamlid": collega.pk})

    assert namen(response) == ["Btw-aangifte"]


def test_another_offices_employee_is_not_a_valid_colleague(medewerker_client, vreemde, taak):
    """D9: the choice is narrowed to the office; an invalid filter shows my own list."""
    response = medewerker_client.get(URL, {"weergave": "collega", "teamlid": vreemde.pk})

    assert response.status_code == 200
    assert response.context["wie"].pk != vreemde.pk


def test_all_open_tasks_of_the_office(medewerker_client, kantoor, taak, vreemde):
    TaakFactory(kantoor=vreemde.kantoor, naam="Elders")

    assert namen(medewerker_client.get(URL, {"weergave": "alle"})) == ["Btw-aangifte"]


def test_filters_narrow_each_other(medewerker_client, kantoor, klant, boekhouder, vandaag):
    fiscalist = InterneRolFactory(kantoor=kantoor)
    andere = RelatieFactory(kantoor=kantoor, code="2002")
    TaakFactory(
        kantoor=kantoor,
        relatie=klant,
        rol=boekhouder,
        naam="Te laat",
        vervaldatum=vandaag - timedelta(days=3),
    )
    TaakFactory(
        kantoor=kantoor,
        relatie=klant,
        rol=fiscalist,
        naam="Fiscaal",
        vervaldatum=vandaag + timedelta(days=60),
    )
    TaakFactory(
        kantoor=kantoor,
        relatie=andere,
        rol=boekhouder,
        naam="Ander",
        vervaldatum=vandaag + timedelta(days=60),
    )

    alle = {"weergave": "alle"}
    assert namen(medewerker_client.get(URL, {**alle, "vervalt": "te_laat"})) == ["Te laat"]
    assert set(namen(medewerker_client.get(URL, {**alle, "relatie": "1001"}))) == {
        "Te laat",
        "Fiscaal",
    }
    assert namen(medewerker_client.get(URL, {**alle, "relatie": "1001", "rol": fiscalist.pk})) == [
        "Fiscaal"
    ]
    bereik = {
        **alle,
        "van": (vandaag + timedelta(days=1)).isoformat(),
        "tot": (vandaag + timedelta(days=90)).isoformat(),
    }
    assert set(namen(medewerker_client.get(URL, bereik))) == {"Fiscaal", "Ander"}


def test_status_filter_shows_done_tasks(medewerker_client, kantoor, taak, beheerder):
    taak.gereed_melden(beheerder)

    assert namen(medewerker_client.get(URL, {"weergave": "alle"})) == []
    assert namen(medewerker_client.get(URL, {"weergave": "alle", "status": "gereed"})) == [
        "Btw-aangifte"
    ]


def test_overdue_is_red_and_due_soon_orange(medewerker_client, kantoor, klant, boekhouder, vandaag):
    """Overdue red; due within the office's days (7 by default) orange."""
    TaakFactory(
        kantoor=kantoor, relatie=klant, rol=boekhouder, vervaldatum=vandaag - timedelta(days=1)
    )
    TaakFactory(
        kantoor=kantoor, relatie=klant, rol=boekhouder, vervaldatum=vandaag + timedelta(days=7)
    )
    TaakFactory(
        kantoor=kantoor, relatie=klant, rol=boekhouder, vervaldatum=vandaag + timedelta(days=8)
    )

    taken = medewerker_client.get(URL, {"weergave": "alle"}).context["taken"]

    assert [t.urgentie for t in taken] == ["te-laat", "binnenkort", ""]


def test_sorting_on_client_and_task(medewerker_client, kantoor, boekhouder):
    a = RelatieFactory(kantoor=kantoor, naam="Aardbei BV", code="3")
    z = RelatieFactory(kantoor=kantoor, naam="Zuivel BV", code="4")
    TaakFactory(
        kantoor=kantoor, relatie=z, rol=boekhouder, naam="A-taak", vervaldatum=date(2027, 1, 1)
    )
    TaakFactory(
        kantoor=kantoor, relatie=a, rol=boekhouder, naam="B-taak", vervaldatum=date(2027, 2, 1)
    )

    assert namen(medewerker_client.get(URL, {"weergave": "alle", "sorteer": "klant"})) == [
        "B-taak",
        "A-taak",
    ]
    assert namen(medewerker_client.get(URL, {"weergave": "alle", "sorteer": "taak"})) == [
        "A-taak",
        "B-taak",
    ]


def test_keyset_pages_follow_each_other_without_gaps(medewerker_client, kantoor, klant, boekhouder):
    """No COUNT(*) and no OFFSET: the next page starts after the last row's key."""
    for i in range(120):
        TaakFactory(
            kantoor=kantoor,
            relatie=klant,
            rol=boekhouder,
            naam=f"T{i:03d}",
            vervaldatum=date(2027, 1, 1) + timedelta(days=i % 7),
        )
    gezien = []
    params = {"weergave": "alle"}
    while True:
        response = medewerker_client.get(URL, params)
        gezien += namen(response)
        if not response.context["volgende"]:
            break
        params = dict(p.split("=", 1) for p in response.context["volgende"].split("&"))
        params = {k: v.replace("%7C", "|").replace("%2F", "/") for k, v in params.items()}

    assert sorted(gezien) == sorted(f"T{i:03d}" for i in range(120))
    assert len(gezien) == 120


@pytest.mark.parametrize("aantal", [5, 50])
def test_query_count_is_constant(
    aantal, medewerker_client, medewerker, kantoor, boekhouder, in_team, django_assert_num_queries
):
    """§4: a constant number of queries, pinned for 5 and 50 rows."""
    for i in range(aantal):
        relatie = RelatieFactory(kantoor=kantoor)
        in_team(relatie, medewerker, boekhouder)
        taak = TaakFactory(kantoor=kantoor, relatie=relatie, rol=boekhouder)
        if i % 2:
            taak.oppakken(medewerker)
    medewerker_client.get(URL)  # creates the office's task settings once

    # session, user, tasks, permissions, settings, roles and colleagues in the filter form
    with django_assert_num_queries(7):
        response = medewerker_client.get(URL)
    assert len(response.context["taken"]) == aantal


def test_filter_on_agreement_or_process(medewerker_client, kantoor, klant, boekhouder):
    from tests.taken.factories import OvereenkomstFactory, ProcesFactory

    salaris = ProcesFactory(
        overeenkomst=OvereenkomstFactory(kantoor=kantoor, relatie=klant, naam="Salaris"),
        kantoor=kantoor,
    )
    TaakFactory(kantoor=kantoor, relatie=klant, rol=boekhouder, proces=salaris, naam="Loon")
    TaakFactory(kantoor=kantoor, relatie=klant, rol=boekhouder, naam="Btw")

    response = medewerker_client.get(URL, {"weergave": "alle", "overeenkomst": "salaris"})

    assert namen(response) == ["Loon"]
