"""D8, issue 10 item 3: the leaver flow in one place. Deactivating the only klantbeheerder leads
into choosing one replacement; the preview lists relations, roles and the tasks that change
hands; confirming replaces and deactivates in one transaction, or does neither."""

import pytest
from django.urls import reverse

from kantoor.models import Medewerker
from taken.models import TaakGebeurtenis
from teams import services
from teams.models import Teamlid
from tests.relaties.factories import RelatieFactory
from tests.taken.factories import TaakFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder_client(client, beheerder):
    client.force_login(beheerder)
    return client


@pytest.fixture
def twee_relaties(kantoor, medewerker):
    """Two relations whose only klantbeheerder is `medewerker`."""
    return [
        RelatieFactory(
            kantoor=kantoor, code="1001", naam="Bakkerij Jansen", aangemaakt_door=medewerker
        ),
        RelatieFactory(
            kantoor=kantoor, code="1002", naam="Garage Smit", aangemaakt_door=medewerker
        ),
    ]


@pytest.fixture
def taken(kantoor, twee_relaties, medewerker, boekhouder):
    """On 1001: a Boekhouder task picked up by `medewerker`, an open one, a client task."""
    relatie = twee_relaties[0]
    services.add_member(relatie, medewerker, boekhouder, door=None)
    opgepakt = TaakFactory(kantoor=kantoor, relatie=relatie, rol=boekhouder, naam="Btw Q1")
    opgepakt.oppakken(medewerker)
    open_taak = TaakFactory(kantoor=kantoor, relatie=relatie, rol=boekhouder, naam="Btw Q2")
    klant = TaakFactory(
        kantoor=kantoor, relatie=relatie, rol=None, voor_klant=True, naam="Stukken aanleveren"
    )
    return {"opgepakt": opgepakt, "open": open_taak, "klant": klant}


def url(medewerker):
    return reverse("teams:medewerker_vertrek", args=[medewerker.pk])


def heeft_klantbeheerder(relatie) -> bool:
    return (
        Teamlid.objects.klantbeheerders()
        .filter(relatie=relatie, medewerker__is_active=True)
        .exists()
    )


def test_admin_deactivation_of_the_only_klantbeheerder_leads_to_the_leaver_flow(
    beheerder_client, twee_relaties, medewerker
):
    """D8 item 3: Beheer's action does not stop at a refusal; it opens the replacement flow."""
    response = beheerder_client.post(
        reverse("admin:kantoor_medewerker_changelist"),
        {"action": "deactiveer", "_selected_action": [medewerker.pk]},
    )
    assert response.status_code == 302
    assert response["Location"] == url(medewerker)
    medewerker.refresh_from_db()
    assert medewerker.is_active


def test_admin_change_form_deactivation_leads_to_the_leaver_flow(
    beheerder_client, twee_relaties, medewerker
):
    """D8 item 3: unticking *active* on the employee's page leads into the same flow."""
    data = {
        "code": medewerker.code,
        "naam": medewerker.naam,
        "korte_naam": medewerker.korte_naam,
        "email": medewerker.email or "",
        "taal": medewerker.taal,
    }
    response = beheerder_client.post(
        reverse("admin:kantoor_medewerker_change", args=[medewerker.pk]), data
    )
    assert response.status_code == 302
    assert response["Location"] == url(medewerker)
    medewerker.refresh_from_db()
    assert medewerker.is_active


def test_the_flow_names_the_relations_he_alone_manages(beheerder_client, twee_relaties, medewerker):
    """D8: the page says why a replacement is needed, naming the relations."""
    response = beheerder_client.get(url(medewerker))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bakkerij Jansen" in html and "Garage Smit" in html


def test_preview_lists_relations_roles_and_the_tasks_that_change_hands(
    beheerder_client, twee_relaties, medewerker, collega, taken
):
    """D8 item 3: the preview shows each relation and role, the picked-up task handed over by
    name and the open role and client tasks that reach the replacement; nothing is written."""
    response = beheerder_client.post(url(medewerker), {"nieuw": collega.pk, "voorbeeld": ""})
    assert response.status_code == 200
    plan = response.context["plan"]
    assert {(v.relatie.code, v.rol.naam) for v in plan} == {
        ("1001", "Klantbeheerder"),
        ("1001", "Boekhouder"),
        ("1002", "Klantbeheerder"),
    }
    overdracht = response.context["taken"]
    assert [t.pk for t in overdracht.opgepakt] == [taken["opgepakt"].pk]
    assert {t.pk for t in overdracht.open_taken} == {taken["open"].pk, taken["klant"].pk}
    html = response.content.decode()
    assert "Btw Q1" in html and "Btw Q2" in html and "Stukken aanleveren" in html
    medewerker.refresh_from_db()
    assert medewerker.is_active
    assert not Teamlid.objects.filter(medewerker=collega).exists()


def test_confirming_replaces_and_deactivates_in_one_step(
    beheerder_client, beheerder, twee_relaties, medewerker, collega, taken
):
    """D8: the replacement is klantbeheerder everywhere, the picked-up task carries his name
    with history, and the leaver is inactive; the message says what happened, with numbers."""
    response = beheerder_client.post(
        url(medewerker), {"nieuw": collega.pk, "bevestigen": ""}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("admin:kantoor_medewerker_changelist")
    medewerker.refresh_from_db()
    assert not medewerker.is_active
    for relatie in twee_relaties:
        assert (
            Teamlid.objects.klantbeheerders().filter(relatie=relatie, medewerker=collega).exists()
        )
        assert not Teamlid.objects.filter(relatie=relatie, medewerker=medewerker).exists()
    taak = taken["opgepakt"]
    taak.refresh_from_db()
    assert taak.opgepakt_door == collega
    laatste = TaakGebeurtenis.objects.filter(taak=taak).last()
    assert (laatste.soort, laatste.van_medewerker, laatste.naar_medewerker, laatste.door) == (
        TaakGebeurtenis.Soort.OVERGENOMEN,
        medewerker,
        collega,
        beheerder,
    )
    html = response.content.decode()
    assert "3 rollen" in html and "2 relaties" in html and "1 opgepakte taak" in html


def test_refused_deactivation_leaves_the_teams_unchanged(
    kantoor, twee_relaties, medewerker, collega, taken, beheerder
):
    """D8: one transaction: when the deactivation is refused, nobody was replaced either."""
    from kantoor.services import DeactivatieGeweigerd
    from kantoor.signals import Bezwaar, deactivatie_gevraagd

    def bezwaar(sender, medewerkers, **kwargs):
        return [Bezwaar(m.pk, "test") for m in medewerkers]

    deactivatie_gevraagd.connect(bezwaar, dispatch_uid="test_bezwaar")
    try:
        with pytest.raises(DeactivatieGeweigerd):
            services.vertrek(kantoor, medewerker, collega, door=beheerder)
    finally:
        deactivatie_gevraagd.disconnect(dispatch_uid="test_bezwaar")
    medewerker.refresh_from_db()
    assert medewerker.is_active
    assert not Teamlid.objects.filter(medewerker=collega).exists()
    taken["opgepakt"].refresh_from_db()
    assert taken["opgepakt"].opgepakt_door == medewerker
    assert all(heeft_klantbeheerder(r) for r in twee_relaties)


def test_an_inactive_replacement_is_refused_and_nothing_changes(
    beheerder_client, twee_relaties, medewerker, collega
):
    """D8/D2: the replacement must be active; a refusal writes nothing."""
    Medewerker.objects.filter(pk=collega.pk).update(is_active=False)
    response = beheerder_client.post(url(medewerker), {"nieuw": collega.pk, "bevestigen": ""})
    assert response.status_code == 400
    medewerker.refresh_from_db()
    assert medewerker.is_active
    assert all(heeft_klantbeheerder(r) for r in twee_relaties)


def test_the_leaver_cannot_replace_himself(beheerder_client, twee_relaties, medewerker):
    """D8: the replacement is someone else (not even offered)."""
    response = beheerder_client.post(url(medewerker), {"nieuw": medewerker.pk, "bevestigen": ""})
    assert response.status_code == 400
    medewerker.refresh_from_db()
    assert medewerker.is_active


def test_the_admin_cannot_deactivate_himself_through_the_flow(
    kantoor, beheerder, collega, twee_relaties
):
    """Beheer's rule holds here too: nobody deactivates himself."""
    with pytest.raises(services.TeamFout):
        services.vertrek(kantoor, beheerder, collega, door=beheerder)
    beheerder.refresh_from_db()
    assert beheerder.is_active


def test_only_office_admins_may_use_the_flow(client, medewerker, collega, twee_relaties):
    """D8: an employee without admin rights gets a 403 and changes nothing."""
    client.force_login(collega)
    assert client.get(url(medewerker)).status_code == 403
    assert client.post(url(medewerker), {"nieuw": collega.pk, "bevestigen": ""}).status_code == 403
    medewerker.refresh_from_db()
    assert medewerker.is_active


def test_another_offices_employee_is_a_404(beheerder_client, vreemde):
    """D9: the leaver of another office does not exist here."""
    assert beheerder_client.get(url(vreemde)).status_code == 404


def test_another_offices_replacement_is_refused(
    beheerder_client, twee_relaties, medewerker, vreemde
):
    """D9: a posted id of another office is not a choice."""
    response = beheerder_client.post(url(medewerker), {"nieuw": vreemde.pk, "bevestigen": ""})
    assert response.status_code == 400
    medewerker.refresh_from_db()
    assert medewerker.is_active


def test_replace_employee_page_links_to_the_leaver_flow_and_lists_tasks(
    beheerder_client, twee_relaties, medewerker, collega, taken
):
    """Item 3: from Relaties (Medewerker vervangen) the preview shows the tasks and leads to
    the same leaver flow."""
    response = beheerder_client.post(
        reverse("teams:medewerker_vervangen"),
        {"oud": medewerker.pk, "nieuw": collega.pk, "voorbeeld": ""},
    )
    html = response.content.decode()
    assert url(medewerker) in html
    assert "Btw Q1" in html


def test_replace_employee_hands_over_picked_up_tasks(
    kantoor, twee_relaties, medewerker, collega, taken
):
    """D5/D8: replacing (without leaving) hands the picked-up tasks over as well."""
    services.replace_employee(kantoor, medewerker, collega, door=None)
    taken["opgepakt"].refresh_from_db()
    assert taken["opgepakt"].opgepakt_door == collega


def test_every_relation_keeps_an_active_klantbeheerder_after_the_flow(
    kantoor, twee_relaties, medewerker, collega, beheerder
):
    """D2 throughout: after the leaver flow every relation has an active klantbeheerder."""
    services.vertrek(kantoor, medewerker, collega, door=beheerder)
    assert all(heeft_klantbeheerder(r) for r in twee_relaties)
