"""Medewerkers in Beheer (R7, D8): list, search, filter, edit, deactivate, make admin; no delete."""

import pytest
from django.core import mail
from django.urls import reverse

from kantoor.models import Medewerker
from tests.factories import MedewerkerFactory

pytestmark = pytest.mark.django_db


def lijst():
    return reverse("admin:kantoor_medewerker_changelist")


def wijzig(medewerker):
    return reverse("admin:kantoor_medewerker_change", args=[medewerker.pk])


def formulier(medewerker, **wijzigingen):
    data = {
        "code": medewerker.code,
        "naam": medewerker.naam,
        "korte_naam": medewerker.korte_naam,
        "email": medewerker.email or "",
        "taal": medewerker.taal,
        "is_active": "on" if medewerker.is_active else "",
        "is_beheerder": "on" if medewerker.is_beheerder else "",
    }
    data.update(wijzigingen)
    return {k: v for k, v in data.items() if v != ""}


def test_the_list_shows_code_name_email_active_and_admin(beheerder_client, medewerker):
    response = beheerder_client.get(lijst())

    assert response.context["cl"].list_display[1:] == [
        "code",
        "naam",
        "email",
        "is_active",
        "is_beheerder",
    ]
    assert "SJANSEN" in response.content.decode()


def test_search_by_code_name_or_email(beheerder_client, medewerker, collega):
    for zoek in ("SJANSEN", "Sanne", medewerker.email):
        response = beheerder_client.get(lijst(), {"q": zoek})
        assert list(response.context["cl"].result_list) == [medewerker], zoek


def test_filters_by_active_and_admin(beheerder_client, beheerder, medewerker, kantoor):
    oud = MedewerkerFactory(kantoor=kantoor, is_active=False)

    inactief = beheerder_client.get(lijst(), {"is_active__exact": "0"})
    beheerders = beheerder_client.get(lijst(), {"is_beheerder__exact": "1"})

    assert list(inactief.context["cl"].result_list) == [oud]
    assert list(beheerders.context["cl"].result_list) == [beheerder]


def test_an_admin_edits_an_employee(beheerder_client, medewerker):
    response = beheerder_client.post(
        wijzig(medewerker), formulier(medewerker, naam="Sanne de Jong")
    )

    assert response.status_code == 302
    medewerker.refresh_from_db()
    assert medewerker.naam == "Sanne de Jong"


def test_an_email_address_differing_only_in_case_is_taken(beheerder_client, medewerker, collega):
    response = beheerder_client.post(
        wijzig(collega), formulier(collega, email=medewerker.email.upper())
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["email"] == [
        "Dit kantoor heeft al een medewerker met dit e-mailadres."
    ]


def test_an_admin_deactivates_an_employee_from_his_page(beheerder_client, medewerker):
    """D8: an employee who leaves is deactivated."""
    response = beheerder_client.post(wijzig(medewerker), formulier(medewerker, is_active=""))

    assert response.status_code == 302
    medewerker.refresh_from_db()
    assert not medewerker.is_active


def test_employees_are_deactivated_in_bulk(beheerder_client, medewerker, collega):
    response = beheerder_client.post(
        lijst(),
        {"action": "deactiveer", "_selected_action": [medewerker.pk, collega.pk]},
        follow=True,
    )

    assert "Medewerkers gedeactiveerd: 2." in response.content.decode()
    assert not Medewerker.objects.filter(
        pk__in=[medewerker.pk, collega.pk], is_active=True
    ).exists()


def test_an_admin_makes_an_employee_office_admin(beheerder_client, medewerker):
    beheerder_client.post(
        lijst(), {"action": "maak_beheerder", "_selected_action": [medewerker.pk]}
    )

    medewerker.refresh_from_db()
    assert medewerker.is_beheerder


def test_an_admin_cannot_lock_himself_out(beheerder_client, beheerder):
    response = beheerder_client.post(
        wijzig(beheerder), formulier(beheerder, is_active="", is_beheerder="")
    )

    assert response.status_code == 200
    fouten = response.context["adminform"].form.errors
    assert fouten["is_active"] == ["U kunt uzelf niet deactiveren."]
    assert fouten["is_beheerder"] == ["U kunt uw eigen beheerrechten niet intrekken."]
    beheerder.refresh_from_db()
    assert beheerder.is_active and beheerder.is_beheerder


def test_employees_are_never_deleted(beheerder_client, medewerker):
    """D8: no delete button, no delete action, and the URL refuses."""
    pagina = beheerder_client.get(wijzig(medewerker))
    acties = [
        n for n, _ in beheerder_client.get(lijst()).context["action_form"].fields["action"].choices
    ]
    url = reverse("admin:kantoor_medewerker_delete", args=[medewerker.pk])

    assert pagina.context["has_delete_permission"] is False
    assert "delete_selected" not in acties
    assert beheerder_client.post(url, {"post": "yes"}).status_code == 403
    assert beheerder_client.post(
        lijst(), {"action": "delete_selected", "_selected_action": [medewerker.pk], "post": "yes"}
    ).status_code in {200, 302}
    assert Medewerker.objects.filter(pk=medewerker.pk).exists()


def test_a_new_employee_added_by_hand_gets_a_mail_to_set_his_password(
    beheerder_client, kantoor, django_capture_on_commit_callbacks
):
    """R7: no usable password; he chooses one through the link in the mail."""
    with django_capture_on_commit_callbacks(execute=True):
        beheerder_client.post(
            reverse("admin:kantoor_medewerker_add"),
            {
                "code": "NNIEUW",
                "naam": "Nina Nieuw",
                "email": "nina@kantoor.example",
                "taal": "nl",
                "is_active": "on",
            },
        )

    nina = Medewerker.objects.get(code="NNIEUW")
    assert not nina.has_usable_password()
    assert [m.to for m in mail.outbox] == [["nina@kantoor.example"]]
    assert "/wachtwoord/nieuw/" in mail.outbox[0].body


def test_the_platform_superuser_deactivates_an_employee_of_any_office(superuser_client, vreemde):
    response = superuser_client.post(
        wijzig(vreemde), {**formulier(vreemde, is_active=""), "kantoor": vreemde.kantoor_id}
    )

    assert response.status_code == 302
    vreemde.refresh_from_db()
    assert not vreemde.is_active
