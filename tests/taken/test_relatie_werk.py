"""The relation's tab Overeenkomsten & taken, and the office-wide Niet belegde taken (D7)."""

from datetime import date

import pytest
from django.urls import reverse

from taken.models import Overeenkomst, Proces, Taaksjabloon
from tests.factories import InterneRolFactory
from tests.taken.factories import OvereenkomstFactory, TaakFactory, TaaksjabloonFactory

pytestmark = pytest.mark.django_db


def test_the_tab_lists_agreements_processes_and_tasks(medewerker_client, kantoor, klant, taak):
    """Client tasks and unstaffed tasks included (D6, D7)."""
    TaakFactory(kantoor=kantoor, relatie=klant, rol=None, voor_klant=True, naam="Stukken")

    response = medewerker_client.get(reverse("taken_relatie:relatie_werk", args=[klant.pk]))

    inhoud = response.content.decode()
    assert response.status_code == 200
    assert "Stukken" in inhoud and "Btw-aangifte" in inhoud
    assert "niet belegd" in inhoud
    assert "wacht op klant" in inhoud


@pytest.mark.parametrize("naam", ["relatie_werk", "overeenkomst_create"])
def test_another_offices_relation_is_a_404(medewerker_client, vreemde, naam):
    """D9."""
    from tests.relaties.factories import RelatieFactory

    vreemd = RelatieFactory(kantoor=vreemde.kantoor, aangemaakt_door=vreemde)
    assert (
        medewerker_client.get(reverse(f"taken_relatie:{naam}", args=[vreemd.pk])).status_code == 404
    )


def test_anonymous_is_sent_to_login(client, klant):
    response = client.get(reverse("taken_relatie:relatie_werk", args=[klant.pk]))
    assert response.status_code == 302


def test_creating_an_agreement_and_a_template_and_starting_a_process(
    medewerker_client, kantoor, klant, boekhouder, medewerker
):
    response = medewerker_client.post(
        reverse("taken_relatie:overeenkomst_create", args=[klant.pk]),
        {"naam": "Btw", "startdatum": "2027-01-01", "status": "actief"},
    )
    assert response.status_code == 302
    overeenkomst = Overeenkomst.objects.get(relatie=klant)

    response = medewerker_client.post(
        reverse("taken_relatie:taaksjabloon_create", args=[klant.pk, overeenkomst.pk]),
        {
            "naam": "Btw-aangifte",
            "rol": boekhouder.pk,
            "herhaling": "kwartaal",
            "deadline_soort": "einde_volgende_maand",
            "deadline_jaren_na": "1",
            "volgorde": "1",
        },
    )
    assert response.status_code == 302
    assert Taaksjabloon.objects.filter(overeenkomst=overeenkomst).count() == 1

    response = medewerker_client.post(
        reverse("taken_relatie:proces_starten", args=[klant.pk, overeenkomst.pk]),
        {"periode": "2027-Q2"},
    )
    assert response.status_code == 302
    proces = Proces.objects.get()
    assert proces.gestart_door == medewerker
    assert proces.taken.get().vervaldatum == date(2027, 7, 31)

    again = medewerker_client.post(
        reverse("taken_relatie:proces_starten", args=[klant.pk, overeenkomst.pk]),
        {"periode": "2027-Q2"},
    )
    assert again.status_code == 400
    assert Proces.objects.count() == 1


def test_a_template_refuses_another_offices_role(medewerker_client, kantoor, klant, vreemde):
    """D9: posted ids are re-checked against the office."""
    overeenkomst = OvereenkomstFactory(kantoor=kantoor, relatie=klant)
    vreemde_rol = InterneRolFactory(kantoor=vreemde.kantoor)

    response = medewerker_client.post(
        reverse("taken_relatie:taaksjabloon_create", args=[klant.pk, overeenkomst.pk]),
        {
            "naam": "X",
            "rol": vreemde_rol.pk,
            "herhaling": "kwartaal",
            "deadline_soort": "einde_volgende_maand",
            "deadline_jaren_na": "1",
            "volgorde": "0",
        },
    )

    assert response.status_code == 400
    assert not Taaksjabloon.objects.filter(naam="X").exists()


def test_a_template_needs_a_role_or_the_client(medewerker_client, kantoor, klant):
    overeenkomst = OvereenkomstFactory(kantoor=kantoor, relatie=klant)
    response = medewerker_client.post(
        reverse("taken_relatie:taaksjabloon_create", args=[klant.pk, overeenkomst.pk]),
        {
            "naam": "X",
            "herhaling": "kwartaal",
            "deadline_soort": "einde_volgende_maand",
            "deadline_jaren_na": "1",
            "volgorde": "0",
        },
    )
    assert response.status_code == 400


def test_editing_a_template_of_another_agreement_is_a_404(
    medewerker_client, kantoor, klant, vreemde
):
    overeenkomst = OvereenkomstFactory(kantoor=kantoor, relatie=klant)
    vreemd = TaaksjabloonFactory(overeenkomst=OvereenkomstFactory(kantoor=vreemde.kantoor))
    url = reverse("taken_relatie:taaksjabloon_update", args=[klant.pk, overeenkomst.pk, vreemd.pk])
    assert medewerker_client.get(url).status_code == 404


def test_proces_starten_is_post_only(medewerker_client, kantoor, klant):
    overeenkomst = OvereenkomstFactory(kantoor=kantoor, relatie=klant)
    url = reverse("taken_relatie:proces_starten", args=[klant.pk, overeenkomst.pk])
    assert medewerker_client.get(url).status_code == 405


def test_niet_belegd_groups_by_relation_and_role_and_links_to_the_team(
    medewerker_client, kantoor, taak, boekhouder, vreemde
):
    """D7: the office-wide page, linking to the Teamleden tab."""
    TaakFactory(kantoor=kantoor, relatie=taak.relatie, rol=boekhouder)
    TaakFactory(kantoor=vreemde.kantoor, naam="Elders")

    response = medewerker_client.get(reverse("taken:niet_belegd"))

    groepen = response.context["groepen"]
    assert len(groepen) == 1
    assert groepen[0]["rollen"][0]["aantal"] == 2
    assert reverse("teams:teamlid_list", args=[taak.relatie_id]) in response.content.decode()


def test_no_agreement_with_a_contact(medewerker_client, kantoor, beheerder):
    """domain.md: agreements are with clients; a forged POST for a contact is a 400."""
    from relaties.models import Soort
    from tests.relaties.factories import RelatieFactory

    contact = RelatieFactory(kantoor=kantoor, soort=Soort.CONTACT, aangemaakt_door=beheerder)

    response = medewerker_client.post(
        reverse("taken_relatie:overeenkomst_create", args=[contact.pk]),
        {"naam": "Btw", "startdatum": "2027-01-01", "status": "actief"},
    )

    assert response.status_code == 400
    assert "niet met contacten" in response.content.decode()
    assert not Overeenkomst.objects.exists()


def test_the_office_admin_keeps_the_task_settings(client, beheerder, vreemde):
    """Beheer: the due-soon days are an office setting, scoped to the office (D9)."""
    from taken.models import Takeninstellingen

    eigen = Takeninstellingen.voor(beheerder.kantoor)
    ander = Takeninstellingen.voor(vreemde.kantoor)
    client.force_login(beheerder)

    url = reverse("admin:taken_takeninstellingen_change", args=[eigen.pk])
    assert client.get(url).status_code == 200
    vreemd = reverse("admin:taken_takeninstellingen_change", args=[ander.pk])
    assert client.get(vreemd).status_code == 404


@pytest.mark.parametrize("naam", ["overeenkomst_update", "taaksjabloon_create", "proces_starten"])
def test_another_offices_agreement_is_a_404(medewerker_client, kantoor, klant, vreemde, naam):
    """D9: an agreement of another office, even under one's own relation's URL."""
    vreemd = OvereenkomstFactory(kantoor=vreemde.kantoor)
    url = reverse(f"taken_relatie:{naam}", args=[klant.pk, vreemd.pk])

    assert medewerker_client.post(url, {"periode": "2027-Q1"}).status_code == 404
