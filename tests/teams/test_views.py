"""The Teamleden tab, the bulk action and Medewerker vervangen (R1-R5, R9, D2, D7, D8, D9)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from relaties.models import Relatie
from teams import services
from teams.models import Bron, Teamlid, TeamWijziging
from teams.signals import NietBelegdeRol, niet_belegde_rollen_gevraagd
from tests.factories import MedewerkerFactory
from tests.relaties.factories import RelatieFactory

pytestmark = pytest.mark.django_db


def tab(relatie) -> str:
    return reverse("teams:teamlid_list", args=[relatie.pk])


# --- Access -------------------------------------------------------------------------------------


def post_urls(relatie, teamlid) -> list[str]:
    return [
        reverse("teams:teamlid_create", args=[relatie.pk]),
        reverse("teams:teamlid_delete", args=[relatie.pk, teamlid.pk]),
        reverse("teams:teamlid_rol_wijzigen", args=[relatie.pk, teamlid.pk]),
        reverse("teams:medewerker_delete", args=[relatie.pk, teamlid.medewerker_id]),
    ]


def test_anonymous_is_sent_to_login(client, relatie):
    """D9: nothing of a team is shown or changed without logging in."""
    teamlid = Teamlid.objects.get(relatie=relatie)
    for url in [
        tab(relatie),
        *post_urls(relatie, teamlid),
        reverse("teams:teamlid_bulk"),
        reverse("teams:medewerker_vervangen"),
    ]:
        response = client.post(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login"))


def test_another_offices_relation_is_a_404(medewerker_client, vreemde_relatie):
    """D9: another office's team cannot be seen or changed, nor guessed."""
    teamlid = Teamlid.objects.get(relatie=vreemde_relatie)
    assert medewerker_client.get(tab(vreemde_relatie)).status_code == 404
    for url in post_urls(vreemde_relatie, teamlid):
        assert medewerker_client.post(url).status_code == 404, url
    assert Teamlid.objects.filter(pk=teamlid.pk).exists()


def test_another_offices_team_member_is_a_404_on_our_relation(
    medewerker_client, relatie, vreemde_relatie
):
    """D9: a team member id of another relation is not found through ours."""
    vreemd = Teamlid.objects.get(relatie=vreemde_relatie)
    url = reverse("teams:teamlid_delete", args=[relatie.pk, vreemd.pk])
    assert medewerker_client.post(url).status_code == 404


def test_get_on_post_only_urls_is_405(medewerker_client, relatie):
    """Mutations are POST-only; the removals answer GET with their confirmation (issue 10
    item 3), which changes nothing."""
    teamlid = Teamlid.objects.get(relatie=relatie)
    for url in post_urls(relatie, teamlid):
        verwacht = 200 if url.endswith("/verwijderen/") else 405
        assert medewerker_client.get(url).status_code == verwacht, url
    assert Teamlid.objects.filter(pk=teamlid.pk).exists()


# --- The tab ------------------------------------------------------------------------------------


def test_tab_shows_each_person_once_with_his_roles(
    medewerker_client, relatie, medewerker, collega, boekhouder, fiscalist
):
    """R1/R5: one row per person, listing his roles; the klantbeheerder is marked."""
    services.add_member(relatie, collega, boekhouder, door=medewerker)
    services.add_member(relatie, collega, fiscalist, door=medewerker)

    response = medewerker_client.get(tab(relatie))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count(f'id="persoon-{collega.pk}"') == 1
    assert "Boekhouder" in html and "Fiscalist" in html
    assert "badge--klantbeheerder" in html
    assert "Teamlid toevoegen" in html
    assert "Wijzigingen" in html


def test_tab_query_count_is_the_same_for_2_and_20_members(
    medewerker_client, kantoor, medewerker, boekhouder, django_assert_num_queries
):
    """The tab's queries do not grow with the team (nor with its history)."""
    klein = RelatieFactory(kantoor=kantoor, aangemaakt_door=medewerker)
    services.add_member(klein, MedewerkerFactory(kantoor=kantoor), boekhouder, door=medewerker)
    groot = RelatieFactory(kantoor=kantoor, aangemaakt_door=medewerker)
    for _ in range(19):
        services.add_member(groot, MedewerkerFactory(kantoor=kantoor), boekhouder, door=medewerker)
    assert klein.teamleden.count() == 2 and groot.teamleden.count() == 20

    with CaptureQueriesContext(connection) as klein_queries:
        assert medewerker_client.get(tab(klein)).status_code == 200
    with django_assert_num_queries(len(klein_queries)):
        assert medewerker_client.get(tab(groot)).status_code == 200
    # Session, user, relation, team, the form's employees, the office's active roles (shared by
    # the add form and every row's Rol wijzigen), history, and taken's one query for the roles
    # nobody holds (D7). The relation's office is request.kantoor: no query of its own.
    assert len(klein_queries) == 8


def test_adding_a_member_redirects_back_to_the_tab(
    medewerker_client, relatie, collega, boekhouder, medewerker
):
    """R3/R9: the role is chosen while composing the team; POST, redirect, GET."""
    response = medewerker_client.post(
        reverse("teams:teamlid_create", args=[relatie.pk]),
        {"medewerker": collega.pk, "rol": boekhouder.pk},
    )
    assert response.status_code == 302
    assert response.url == tab(relatie)
    teamlid = Teamlid.objects.get(relatie=relatie, medewerker=collega)
    assert (teamlid.rol, teamlid.toegevoegd_door) == (boekhouder, medewerker)


def test_posted_employee_of_another_office_is_refused_at_the_field(
    medewerker_client, relatie, vreemde, boekhouder
):
    """D9: a posted id outside the office's choices is refused, nothing written, a 400."""
    response = medewerker_client.post(
        reverse("teams:teamlid_create", args=[relatie.pk]),
        {"medewerker": vreemde.pk, "rol": boekhouder.pk},
    )
    assert response.status_code == 400
    assert not Teamlid.objects.filter(medewerker=vreemde, relatie=relatie).exists()


def test_inactive_employees_and_roles_are_not_offered(
    medewerker_client, relatie, kantoor, boekhouder
):
    """R3/D8: only the office's active employees and roles are choices."""
    weg = MedewerkerFactory(kantoor=kantoor, naam="Oud Collega", is_active=False)
    boekhouder.actief = False
    boekhouder.save()
    html = medewerker_client.get(tab(relatie)).content.decode()
    assert f'value="{weg.pk}"' not in html
    assert f'<option value="{boekhouder.pk}"' not in html


def test_the_same_role_twice_shows_the_reason_at_the_form(
    medewerker_client, relatie, medewerker, klantbeheerder_rol
):
    """R5: the same employee in the same role twice is refused with a 400 and the reason."""
    response = medewerker_client.post(
        reverse("teams:teamlid_create", args=[relatie.pk]),
        {"medewerker": medewerker.pk, "rol": klantbeheerder_rol.pk},
    )
    assert response.status_code == 400
    assert "heeft deze rol al" in response.content.decode()


def test_removing_the_only_klantbeheerder_shows_why_next_to_it(medewerker_client, relatie):
    """R2/D2: refused with 409; the reason is in the row of the role that was to be removed."""
    teamlid = Teamlid.objects.get(relatie=relatie)
    response = medewerker_client.post(
        reverse("teams:teamlid_delete", args=[relatie.pk, teamlid.pk])
    )

    assert response.status_code == 409
    html = response.content.decode()
    rij = html[html.index(f'id="teamlid-{teamlid.pk}"') :]
    rij = rij[: rij.index("</li>")]
    assert "voeg eerst een andere klantbeheerder toe" in rij
    assert Teamlid.objects.filter(pk=teamlid.pk).exists()


def test_removing_the_person_who_is_the_only_klantbeheerder_shows_why(
    medewerker_client, relatie, medewerker
):
    """R2/D2: removing the person is refused too, with the reason at his row."""
    response = medewerker_client.post(
        reverse("teams:medewerker_delete", args=[relatie.pk, medewerker.pk])
    )
    assert response.status_code == 409
    assert "voeg eerst een andere klantbeheerder toe" in response.content.decode()


def test_removing_a_role_and_a_person(
    medewerker_client, relatie, medewerker, collega, boekhouder, fiscalist
):
    """R5: one role goes, then the person with his remaining role; history has each step."""
    boek = services.add_member(relatie, collega, boekhouder, door=medewerker)
    services.add_member(relatie, collega, fiscalist, door=medewerker)

    assert (
        medewerker_client.post(
            reverse("teams:teamlid_delete", args=[relatie.pk, boek.pk])
        ).status_code
        == 302
    )
    assert (
        medewerker_client.post(
            reverse("teams:medewerker_delete", args=[relatie.pk, collega.pk])
        ).status_code
        == 302
    )

    assert not Teamlid.objects.filter(relatie=relatie, medewerker=collega).exists()
    html = medewerker_client.get(tab(relatie)).content.decode()
    assert html.count("team-actie--verwijderd") == 2


def test_fragment_request_gets_the_team_fragment(medewerker_client, relatie, collega, boekhouder):
    """The script's request gets the same fragment the page includes, not a redirect."""
    response = medewerker_client.post(
        reverse("teams:teamlid_create", args=[relatie.pk]),
        {"medewerker": collega.pk, "rol": boekhouder.pk},
        headers={"X-Team-Fragment": "1"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section class="tab-panel team" id="team"')
    assert f'id="persoon-{collega.pk}"' in html


def test_unstaffed_roles_are_shown_loudly(medewerker_client, relatie, fiscalist):
    """D7: the roles with open tasks that nobody on the team holds are shown as a warning."""

    def receiver(sender, relatie, **kwargs):
        return [NietBelegdeRol(rol=fiscalist, aantal_taken=3)]

    niet_belegde_rollen_gevraagd.connect(receiver, weak=False, dispatch_uid="test-niet-belegd")
    try:
        html = medewerker_client.get(tab(relatie)).content.decode()
    finally:
        niet_belegde_rollen_gevraagd.disconnect(dispatch_uid="test-niet-belegd")
    assert "team-niet-belegd" in html
    assert "Fiscalist: 3 openstaande taken" in html


# --- Bulk ---------------------------------------------------------------------------------------


def test_bulk_page_lists_the_selection(medewerker_client, kantoor, medewerker):
    """R3: the list's button leads to a page naming the selected relations."""
    relaties = [RelatieFactory(kantoor=kantoor, aangemaakt_door=medewerker) for _ in range(2)]
    response = medewerker_client.post(
        reverse("teams:teamlid_bulk"), {"relaties": [r.pk for r in relaties], "terug": "q=x"}
    )
    assert response.status_code == 200
    assert (
        not Teamlid.objects.filter(relatie__in=relaties)
        .exclude(rol__systeemrol="klantbeheerder")
        .exists()
    )
    for relatie in relaties:
        assert f'name="relaties" value="{relatie.pk}"' in response.content.decode()


def test_bulk_without_selection_says_so(medewerker_client):
    """Bad input is a 400 with the reason."""
    response = medewerker_client.get(reverse("teams:teamlid_bulk"))
    assert response.status_code == 400
    assert "Selecteer eerst" in response.content.decode()


def test_bulk_adds_and_reports_the_counts(
    medewerker_client, kantoor, medewerker, collega, boekhouder
):
    """R3: one employee in one role on all selected relations, skipping where present."""
    relaties = [RelatieFactory(kantoor=kantoor, aangemaakt_door=medewerker) for _ in range(3)]
    services.add_member(relaties[0], collega, boekhouder, door=medewerker)

    response = medewerker_client.post(
        reverse("teams:teamlid_bulk"),
        {
            "relaties": [r.pk for r in relaties],
            "medewerker": collega.pk,
            "rol": boekhouder.pk,
            "terug": "status=actief",
        },
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("relaties:relatie_list") + "?status=actief"
    assert (
        "2 relaties" in response.content.decode() and "1 overgeslagen" in response.content.decode()
    )
    assert Teamlid.objects.filter(medewerker=collega, rol=boekhouder).count() == 3
    assert TeamWijziging.objects.filter(bron=Bron.BULK).count() == 2


def test_bulk_refuses_another_offices_relation(
    medewerker_client, collega, boekhouder, vreemde_relatie
):
    """D9: a posted relation of another office is refused; nothing written."""
    response = medewerker_client.post(
        reverse("teams:teamlid_bulk"),
        {"relaties": [vreemde_relatie.pk], "medewerker": collega.pk, "rol": boekhouder.pk},
    )
    assert response.status_code == 400
    assert not vreemde_relatie.teamleden.filter(medewerker=collega).exists()


def test_relation_list_offers_the_bulk_button(medewerker_client, relatie):
    """The Relaties list's bulk bar has the button that leads to the teams page."""
    html = medewerker_client.get(reverse("relaties:relatie_list")).content.decode()
    assert reverse("teams:teamlid_bulk") in html


# --- D8: Medewerker vervangen -------------------------------------------------------------------


@pytest.fixture
def beheerder_client(client, beheerder):
    client.force_login(beheerder)
    return client


def test_replace_is_for_office_admins_only(medewerker_client):
    """D8: an ordinary employee gets 403."""
    assert medewerker_client.get(reverse("teams:medewerker_vervangen")).status_code == 403
    assert medewerker_client.post(reverse("teams:medewerker_vervangen")).status_code == 403


def test_replace_preview_lists_every_change_and_writes_nothing(
    beheerder_client, relatie, medewerker, collega
):
    """D8: the preview lists each relation and role; nothing changes yet."""
    response = beheerder_client.post(
        reverse("teams:medewerker_vervangen"),
        {"oud": medewerker.pk, "nieuw": collega.pk, "voorbeeld": ""},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert relatie.naam in html and "Klantbeheerder" in html
    assert not Teamlid.objects.filter(medewerker=collega).exists()


def test_replace_applies_in_one_go(beheerder_client, relatie, medewerker, collega):
    """D8: confirming replaces him everywhere, with history (source: replacement)."""
    response = beheerder_client.post(
        reverse("teams:medewerker_vervangen"),
        {"oud": medewerker.pk, "nieuw": collega.pk, "bevestigen": ""},
    )
    assert response.status_code == 302
    assert list(Teamlid.objects.filter(relatie=relatie).values_list("medewerker", flat=True)) == [
        collega.pk
    ]
    assert TeamWijziging.objects.filter(bron=Bron.VERVANGING).count() == 2


def test_replace_by_another_offices_employee_is_refused(
    beheerder_client, medewerker, vreemde, relatie
):
    """D9: the replacement must be of the own office; a 400, nothing written."""
    response = beheerder_client.post(
        reverse("teams:medewerker_vervangen"),
        {"oud": medewerker.pk, "nieuw": vreemde.pk, "bevestigen": ""},
    )
    assert response.status_code == 400
    assert Teamlid.objects.filter(relatie=relatie, medewerker=medewerker).exists()


def test_replace_by_himself_is_refused(beheerder_client, medewerker):
    response = beheerder_client.post(
        reverse("teams:medewerker_vervangen"),
        {"oud": medewerker.pk, "nieuw": medewerker.pk, "voorbeeld": ""},
    )
    assert response.status_code == 400


def test_relation_list_links_replace_for_admins(beheerder_client):
    """D8: office admins find Medewerker vervangen in the Relaties list's header."""
    url = reverse("teams:medewerker_vervangen")
    assert url in beheerder_client.get(reverse("relaties:relatie_list")).content.decode()


def test_tab_is_reachable_from_the_relation_header(medewerker_client, relatie):
    """R1: every relation's header links its Teamleden tab."""
    html = medewerker_client.get(
        reverse("relaties:relatie_detail", args=[relatie.pk])
    ).content.decode()
    assert tab(relatie) in html


def test_relation_created_through_the_page_has_history(medewerker_client, kantoor):
    """R4/D3: the creator's joining shows on the tab's Wijzigingen."""
    medewerker_client.post(
        reverse("relaties:relatie_create"),
        {
            "code": "5001",
            "naam": "Nieuw B.V.",
            "soort": "klant",
            "type": "bedrijf",
            "land": "NL",
            "aangiftetijdvak": "kwartaal",
        },
    )
    relatie = Relatie.objects.get(code="5001")
    html = medewerker_client.get(tab(relatie)).content.decode()
    assert "nieuwe relatie" in html
