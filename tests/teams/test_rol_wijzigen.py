"""Rol wijzigen on the Teamleden tab (R2, R3, R5, R9, D2, D9)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from teams import services
from teams.models import Bron, Teamlid, TeamWijziging
from tests.factories import InterneRolFactory

pytestmark = pytest.mark.django_db


def url(teamlid: Teamlid) -> str:
    return reverse("teams:teamlid_rol_wijzigen", args=[teamlid.relatie_id, teamlid.pk])


def rij(html: str, teamlid: Teamlid) -> str:
    """The list item of one role on the tab."""
    rest = html[html.index(f'id="teamlid-{teamlid.pk}"') :]
    return rest[: rest.index("</li>")]


def test_changing_a_role_redirects_and_writes_history(
    medewerker_client, relatie, medewerker, collega, boekhouder, fiscalist
):
    """R3: the role changes in place; history holds it as one line, old role to new (issue 10)."""
    teamlid = services.add_member(relatie, collega, boekhouder, door=medewerker)

    response = medewerker_client.post(url(teamlid), {"rol": fiscalist.pk})

    assert response.status_code == 302
    assert response.url == reverse("teams:teamlid_list", args=[relatie.pk])
    teamlid.refresh_from_db()
    assert (teamlid.rol, teamlid.toegevoegd_door) == (fiscalist, medewerker)
    regels = list(
        TeamWijziging.objects.filter(medewerker=collega)
        .order_by("pk")
        .values_list("vorige_rol__code", "rol__code", "actie", "bron")
    )
    assert regels[1:] == [("BOEK", "FIS", "gewijzigd", Bron.TAB)]
    html = medewerker_client.get(response.url).content.decode()
    assert "is nu Fiscalist in plaats van Boekhouder" in html
    assert "Pieter Bakker van Boekhouder naar Fiscalist, door Sanne Jansen" in html


def test_changing_a_role_through_the_script_returns_the_fragment(
    medewerker_client, relatie, medewerker, collega, boekhouder, fiscalist
):
    """teams.js: the same form, answered with the fresh fragment instead of a redirect."""
    teamlid = services.add_member(relatie, collega, boekhouder, door=medewerker)
    response = medewerker_client.post(
        url(teamlid), {"rol": fiscalist.pk}, headers={"X-Team-Fragment": "1"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section class="tab-panel team"')
    assert "Fiscalist" in rij(html, teamlid)


def test_the_tab_offers_only_roles_he_does_not_hold(
    medewerker_client, relatie, medewerker, collega, boekhouder, fiscalist, klantbeheerder_rol
):
    """R5/R9: the select lists the office's active roles, minus those he holds on this team."""
    boek = services.add_member(relatie, collega, boekhouder, door=medewerker)
    services.add_member(relatie, collega, fiscalist, door=medewerker)
    InterneRolFactory(kantoor=relatie.kantoor, naam="Oude rol", code="OUD", actief=False)

    html = rij(
        medewerker_client.get(reverse("teams:teamlid_list", args=[relatie.pk])).content.decode(),
        boek,
    )

    select = html[html.index(f'<select name="rol" id="rol-{boek.pk}"') :]
    select = select[: select.index("</select>")]
    assert f'value="{klantbeheerder_rol.pk}"' in select
    assert f'value="{boekhouder.pk}"' not in select
    assert f'value="{fiscalist.pk}"' not in select
    assert "Oude rol" not in select
    assert f'<label for="rol-{boek.pk}" class="visually-hidden">' in html


def test_the_last_klantbeheerder_cannot_be_changed_away(medewerker_client, relatie, boekhouder):
    """R2/D2: refused with 409, the reason at that role, nothing changed or logged."""
    teamlid = Teamlid.objects.get(relatie=relatie)
    voor = TeamWijziging.objects.count()

    response = medewerker_client.post(url(teamlid), {"rol": boekhouder.pk})

    assert response.status_code == 409
    assert "voeg eerst een andere klantbeheerder toe" in rij(response.content.decode(), teamlid)
    teamlid.refresh_from_db()
    assert teamlid.rol == relatie.kantoor.klantbeheerder_rol
    assert TeamWijziging.objects.count() == voor


def test_a_role_he_already_holds_is_refused_in_place(
    medewerker_client, relatie, medewerker, collega, boekhouder, fiscalist
):
    """R5: the same employee in the same role twice: a 400 with the reason at that role."""
    boek = services.add_member(relatie, collega, boekhouder, door=medewerker)
    services.add_member(relatie, collega, fiscalist, door=medewerker)

    for rol in (fiscalist, boekhouder):
        response = medewerker_client.post(url(boek), {"rol": rol.pk})
        assert response.status_code == 400
        assert f"heeft de rol {rol.naam} al in dit team" in rij(response.content.decode(), boek)
    boek.refresh_from_db()
    assert boek.rol == boekhouder


def test_an_inactive_role_is_refused(
    medewerker_client, relatie, medewerker, collega, boekhouder, fiscalist
):
    """R9: only the office's active roles can be assigned; 400, nothing changed."""
    teamlid = services.add_member(relatie, collega, boekhouder, door=medewerker)
    fiscalist.actief = False
    fiscalist.save()

    response = medewerker_client.post(url(teamlid), {"rol": fiscalist.pk})

    assert response.status_code == 400
    assert "Kies een van de actieve rollen van dit kantoor" in rij(
        response.content.decode(), teamlid
    )
    teamlid.refresh_from_db()
    assert teamlid.rol == boekhouder


def test_a_role_of_another_office_is_refused(
    medewerker_client, relatie, medewerker, collega, boekhouder, ander_kantoor
):
    """D9: a posted role id of another office is not a choice; 400, nothing changed."""
    teamlid = services.add_member(relatie, collega, boekhouder, door=medewerker)
    vreemde_rol = InterneRolFactory(kantoor=ander_kantoor, naam="Vreemd", code="VR")

    for waarde in (vreemde_rol.pk, "", "geen-getal"):
        response = medewerker_client.post(url(teamlid), {"rol": waarde})
        assert response.status_code == 400, waarde
    teamlid.refresh_from_db()
    assert teamlid.rol == boekhouder


def test_another_offices_team_member_is_a_404(
    medewerker_client, relatie, vreemde_relatie, ander_kantoor
):
    """D9: another office's team member is not found, through its relation nor through ours."""
    vreemd = Teamlid.objects.get(relatie=vreemde_relatie)
    vreemde_rol = InterneRolFactory(kantoor=ander_kantoor, naam="Vreemd", code="VR")
    for relatie_pk in (vreemde_relatie.pk, relatie.pk):
        response = medewerker_client.post(
            reverse("teams:teamlid_rol_wijzigen", args=[relatie_pk, vreemd.pk]),
            {"rol": vreemde_rol.pk},
        )
        assert response.status_code == 404
    vreemd.refresh_from_db()
    assert vreemd.rol == ander_kantoor.klantbeheerder_rol


def test_get_is_405(medewerker_client, relatie):
    """Mutations are POST-only."""
    teamlid = Teamlid.objects.get(relatie=relatie)
    assert medewerker_client.get(url(teamlid)).status_code == 405


def test_anonymous_goes_to_login(relatie):
    """D9: nothing of a team changes without logging in."""
    teamlid = Teamlid.objects.get(relatie=relatie)
    response = Client().post(url(teamlid), {"rol": teamlid.rol_id})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
