"""D9 in Beheer: an office admin sees, chooses and saves only his own office's rows."""

import pytest
from django.urls import reverse

from kantoor.models import InterneRol, Medewerker
from tests.factories import InterneRolFactory, MedewerkerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def andere_rol(ander_kantoor):
    return InterneRolFactory(kantoor=ander_kantoor, naam="Fiscalist Elders", code="FIS")


@pytest.mark.parametrize("actie", ["change", "history", "delete"])
def test_another_office_s_role_answers_404(beheerder_client, andere_rol, actie):
    """D9: another office's change URL answers 404, never a 403 or a redirect."""
    response = beheerder_client.get(
        reverse(f"admin:kantoor_internerol_{actie}", args=[andere_rol.pk])
    )

    assert response.status_code == 404


@pytest.mark.parametrize("actie", ["change", "history", "delete"])
def test_another_office_s_employee_answers_404(beheerder_client, vreemde, actie):
    response = beheerder_client.get(reverse(f"admin:kantoor_medewerker_{actie}", args=[vreemde.pk]))

    assert response.status_code == 404


def test_another_office_s_settings_answer_404(beheerder_client, ander_kantoor):
    response = beheerder_client.get(
        reverse("admin:kantoor_kantoor_change", args=[ander_kantoor.pk])
    )

    assert response.status_code == 404


def test_a_row_that_does_not_exist_answers_404_too(beheerder_client):
    response = beheerder_client.get(reverse("admin:kantoor_medewerker_change", args=[999999]))

    assert response.status_code == 404


def test_posting_to_another_office_s_role_changes_nothing(beheerder_client, andere_rol):
    response = beheerder_client.post(
        reverse("admin:kantoor_internerol_change", args=[andere_rol.pk]),
        {"naam": "Overgenomen", "code": "FIS", "omschrijving": "", "actief": "on"},
    )

    assert response.status_code == 404
    andere_rol.refresh_from_db()
    assert andere_rol.naam == "Fiscalist Elders"


def test_lists_show_only_the_own_office(beheerder_client, kantoor, andere_rol, vreemde):
    InterneRolFactory(kantoor=kantoor, naam="Boekhouder", code="BOEK")

    rollen = beheerder_client.get(reverse("admin:kantoor_internerol_changelist"))
    medewerkers = beheerder_client.get(reverse("admin:kantoor_medewerker_changelist"))

    assert list(rollen.context["cl"].result_list) == list(kantoor.interne_rollen.order_by("naam"))
    assert vreemde not in medewerkers.context["cl"].result_list
    assert "Fiscalist Elders" not in rollen.content.decode()
    assert "Eva Vreemd" not in medewerkers.content.decode()


def test_an_office_filter_in_the_url_does_not_open_another_office(
    beheerder_client, ander_kantoor, vreemde
):
    response = beheerder_client.get(
        reverse("admin:kantoor_medewerker_changelist"),
        {"kantoor__id__exact": ander_kantoor.pk},
        follow=True,
    )

    assert "Eva Vreemd" not in response.content.decode()


def test_the_office_field_offers_only_the_own_office_and_ignores_a_posted_other(
    beheerder_client, kantoor, ander_kantoor
):
    """D9: no other office can be chosen; saving sets the admin's office."""
    add = reverse("admin:kantoor_internerol_add")
    form = beheerder_client.get(add).context["adminform"].form
    assert list(form.fields["kantoor"].queryset) == [kantoor]
    assert form.fields["kantoor"].disabled

    response = beheerder_client.post(
        add, {"kantoor": ander_kantoor.pk, "naam": "Boekhouder", "code": "BOEK", "actief": "on"}
    )

    assert response.status_code == 302
    assert InterneRol.objects.get(code="BOEK").kantoor == kantoor


def test_a_new_employee_is_saved_in_the_admin_s_office(beheerder_client, kantoor, ander_kantoor):
    response = beheerder_client.post(
        reverse("admin:kantoor_medewerker_add"),
        {
            "kantoor": ander_kantoor.pk,
            "code": "NIEUW",
            "naam": "Nina Nieuw",
            "taal": "nl",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    assert Medewerker.objects.get(code="NIEUW").kantoor == kantoor


def test_a_duplicate_role_code_in_the_own_office_is_a_form_error(beheerder_client, kantoor):
    InterneRolFactory(kantoor=kantoor, code="BOEK")

    response = beheerder_client.post(
        reverse("admin:kantoor_internerol_add"), {"naam": "Tweede", "code": "BOEK", "actief": "on"}
    )

    assert response.status_code == 200
    assert "Dit kantoor heeft al een rol met deze code." in response.content.decode()


def test_a_role_code_used_by_another_office_is_free_here(beheerder_client, kantoor, andere_rol):
    response = beheerder_client.post(
        reverse("admin:kantoor_internerol_add"),
        {"naam": "Fiscalist", "code": "FIS", "actief": "on"},
    )

    assert response.status_code == 302
    assert kantoor.interne_rollen.filter(code="FIS").exists()


def test_a_bulk_action_on_another_office_s_ids_touches_nothing(beheerder_client, vreemde):
    beheerder_client.post(
        reverse("admin:kantoor_medewerker_changelist"),
        {"action": "deactiveer", "_selected_action": [vreemde.pk]},
    )

    vreemde.refresh_from_db()
    assert vreemde.is_active


def test_the_platform_superuser_sees_every_office_with_an_office_filter(
    superuser_client, kantoor, ander_kantoor, medewerker, vreemde
):
    response = superuser_client.get(reverse("admin:kantoor_medewerker_changelist"))

    assert {medewerker, vreemde} <= set(response.context["cl"].result_list)
    assert "kantoor" in response.context["cl"].list_filter
    filtered = superuser_client.get(
        reverse("admin:kantoor_medewerker_changelist"), {"kantoor__id__exact": ander_kantoor.pk}
    )
    assert list(filtered.context["cl"].result_list) == [vreemde]


def test_the_platform_superuser_chooses_the_office_of_a_new_role(superuser_client, ander_kantoor):
    response = superuser_client.post(
        reverse("admin:kantoor_internerol_add"),
        {"kantoor": ander_kantoor.pk, "naam": "Boekhouder", "code": "BOEK", "actief": "on"},
    )

    assert response.status_code == 302
    assert InterneRol.objects.get(code="BOEK").kantoor == ander_kantoor


@pytest.mark.parametrize("aantal", [5, 50])
def test_the_role_list_takes_a_fixed_number_of_queries(
    beheerder_client, kantoor, aantal, django_assert_num_queries
):
    InterneRolFactory.create_batch(aantal, kantoor=kantoor)

    with django_assert_num_queries(7):
        response = beheerder_client.get(reverse("admin:kantoor_internerol_changelist"))
    assert response.context["cl"].result_count == aantal + 1


@pytest.mark.parametrize("aantal", [5, 50])
def test_the_employee_list_takes_a_fixed_number_of_queries(
    beheerder_client, kantoor, aantal, django_assert_num_queries
):
    MedewerkerFactory.create_batch(aantal, kantoor=kantoor)

    with django_assert_num_queries(7):
        response = beheerder_client.get(reverse("admin:kantoor_medewerker_changelist"))
    assert response.context["cl"].result_count == aantal + 1


def test_the_admin_s_autocomplete_offers_only_the_own_office(
    beheerder_client, kantoor, ander_kantoor
):
    """D9: not even the admin's JSON endpoint lets another office be chosen."""
    response = beheerder_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "kantoor", "model_name": "medewerker", "field_name": "kantoor", "term": ""},
    )

    assert [r["text"] for r in response.json()["results"]] == [kantoor.naam]
