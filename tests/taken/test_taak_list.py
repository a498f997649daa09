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


def test_one_control_chooses_a_colleague(medewerker_client, taak, collega, in_team, boekhouder):
    """Issue 10 item 1: the switch's value is the colleague himself (one control)."""
    in_team(taak.relatie, collega, boekhouder)

    response = medewerker_client.get(URL, {"weergave": collega.pk})

    assert response.status_code == 200
    assert response.context["wie"] == collega
    assert namen(response) == ["Btw-aangifte"]
    assert f"Taken van {collega.naam}" in response.content.decode()


@pytest.mark.parametrize("waarde", ["vreemde", "onbekend", "²", "collega-zonder-teamlid"])
def test_a_colleague_who_cannot_be_chosen_is_refused_not_my_list(
    waarde, medewerker_client, medewerker, vreemde, taak, in_team, boekhouder
):
    """Issue 10 item 1: another office's employee, a nonexistent or malformed id is refused
    with a message at the switch (400), never answered with my own tasks (D9: the same words)."""
    in_team(taak.relatie, medewerker, boekhouder)
    params = {
        "vreemde": {"weergave": vreemde.pk},
        "onbekend": {"weergave": 999999},
        "²": {"weergave": "²"},
        "collega-zonder-teamlid": {"weergave": "collega", "teamlid": vreemde.pk},
    }[waarde]

    response = medewerker_client.get(URL, params)

    assert response.status_code == 400
    assert namen(response) == []
    assert response.context["wie"] is None
    assert "Er is geen collega met dit nummer in uw kantoor." in response.content.decode()


def test_an_inactive_colleague_is_refused_by_name(
    medewerker_client, taak, collega, in_team, boekhouder
):
    """Issue 10 item 1: a colleague who left is refused, saying so."""
    in_team(taak.relatie, collega, boekhouder)
    collega.is_active = False
    collega.save()

    response = medewerker_client.get(URL, {"weergave": collega.pk})

    assert response.status_code == 400
    assert namen(response) == []
    assert f"{collega.naam} is niet meer actief" in response.content.decode()


def test_the_chooser_lists_active_colleagues_on_a_team(
    medewerker_client, kantoor, taak, collega, derde, in_team, boekhouder
):
    """Issue 10 item 1: only active employees with a role on some team can have a list."""
    in_team(taak.relatie, collega, boekhouder)  # `derde` is on no team

    collegas = medewerker_client.get(URL).context["form"].collegas

    assert collega in collegas and derde not in collegas
    # The klantbeheerder of `klant` (its creator) is on a team too; I am not offered to myself.
    assert all(c.is_active for c in collegas)


def test_choosing_a_colleague_narrows_roles_and_relations(
    medewerker_client, kantoor, klant, collega, in_team, boekhouder
):
    """domain.md, Mijn taken: choosing a teamlid narrows the other filters to his roles and
    relations."""
    fiscalist = InterneRolFactory(kantoor=kantoor, naam="Fiscalist")
    andere = RelatieFactory(kantoor=kantoor, code="2002", naam="Andere BV")
    in_team(klant, collega, boekhouder)
    in_team(andere, collega, boekhouder)

    form = medewerker_client.get(URL, {"weergave": collega.pk}).context["form"]

    assert [naam for _pk, naam in form.fields["rol"].choices][1:] == ["Boekhouder"]
    assert form.relaties == [("1001", "Bakkerij Jansen B.V."), ("2002", "Andere BV")]
    alle = medewerker_client.get(URL, {"weergave": "alle"}).context["form"]
    assert "Fiscalist" in [naam for _pk, naam in alle.fields["rol"].choices]
    assert fiscalist.pk


def test_a_role_outside_the_colleagues_roles_is_refused_at_the_field(
    medewerker_client, kantoor, klant, collega, in_team, boekhouder
):
    """Issue 10 item 1: a refused choice says why, at its field (400)."""
    fiscalist = InterneRolFactory(kantoor=kantoor, naam="Fiscalist")
    in_team(klant, collega, boekhouder)

    response = medewerker_client.get(URL, {"weergave": collega.pk, "rol": fiscalist.pk})

    assert response.status_code == 400
    assert "rol" in response.context["form"].errors


def test_a_date_outside_the_range_is_refused_at_the_field(medewerker_client):
    """D14: at the field, with a 4xx."""
    response = medewerker_client.get(URL, {"van": "1999-12-31"})

    assert response.status_code == 400
    assert "Vul een datum in de jaren 2000 tot en met 2099 in." in response.content.decode()


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


def volg(medewerker_client, querystring: str):
    return medewerker_client.get(f"{URL}?{querystring}")


def test_keyset_pages_follow_each_other_forward_and_back(
    medewerker_client, kantoor, klant, boekhouder
):
    """Issue 10 item 1: *Volgende* and *Vorige* by keyset (no OFFSET), without gaps, with the
    count of the whole view on every page."""
    for i in range(120):
        TaakFactory(
            kantoor=kantoor,
            relatie=klant,
            rol=boekhouder,
            naam=f"T{i:03d}",
            vervaldatum=date(2027, 1, 1) + timedelta(days=i % 7),
        )
    paginas = []
    response = medewerker_client.get(URL, {"weergave": "alle"})
    while True:
        assert response.context["aantal"] == 120
        paginas.append(namen(response))
        if not response.context["volgende"]:
            break
        response = volg(medewerker_client, response.context["volgende"])

    gezien = [n for p in paginas for n in p]
    assert sorted(gezien) == sorted(f"T{i:03d}" for i in range(120))
    assert [len(p) for p in paginas] == [50, 50, 20]
    assert "120 taken" in response.content.decode()

    terug = []
    while response.context["vorige"]:
        response = volg(medewerker_client, response.context["vorige"])
        terug.append(namen(response))
    assert terug == [paginas[1], paginas[0]]
    assert not response.context["vorige"]


def test_a_backward_cursor_before_the_first_row_shows_the_first_page(
    medewerker_client, kantoor, klant, boekhouder
):
    """Issue 10 item 1: *Vorige* from a page whose earlier rows went away lands on page 1."""
    eerste = TaakFactory(kantoor=kantoor, relatie=klant, rol=boekhouder, naam="Eerste")
    TaakFactory(kantoor=kantoor, relatie=klant, rol=boekhouder, naam="Tweede")

    response = medewerker_client.get(URL, {"weergave": "alle", "voor": f"2000-01-01|{eerste.pk}"})

    assert namen(response) == ["Eerste", "Tweede"]
    assert not response.context["vorige"]


def test_a_page_past_the_end_offers_the_first_page(medewerker_client, taak):
    response = medewerker_client.get(URL, {"weergave": "alle", "na": "2099-12-31|1"})

    assert namen(response) == [] and response.context["naar_begin"]
    assert "Eerste pagina" in response.content.decode()


def test_the_count_is_one_cheap_query_only_when_there_are_more_pages(
    medewerker_client, kantoor, klant, boekhouder, django_assert_num_queries
):
    """Issue 10 item 1: a view that fits on one page is counted from its rows; a longer one
    takes one COUNT of the same filtered tasks."""
    for i in range(51):
        TaakFactory(kantoor=kantoor, relatie=klant, rol=boekhouder, naam=f"T{i:03d}")
    medewerker_client.get(URL)

    # session, user, colleagues, roles, tasks, COUNT, permissions, settings
    with django_assert_num_queries(8):
        response = medewerker_client.get(URL, {"weergave": "alle"})
    assert response.context["aantal"] == 51


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

    # session, user, colleagues and his roles/relations for the filters, tasks, permissions,
    # settings (no COUNT: one page holds the whole view)
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
