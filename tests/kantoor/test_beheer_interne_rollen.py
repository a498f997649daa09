"""Interne rollen in Beheer (R8): list, search, add, edit, deactivate; the system role (D1)."""

import pytest
from django.urls import reverse

from kantoor.models import InterneRol
from tests.factories import InterneRolFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def boekhouder(kantoor):
    return InterneRolFactory(kantoor=kantoor, naam="Boekhouder", code="BOEK")


def lijst():
    return reverse("admin:kantoor_internerol_changelist")


def wijzig(rol):
    return reverse("admin:kantoor_internerol_change", args=[rol.pk])


def test_the_list_shows_name_code_active_and_marks_the_system_role(
    beheerder_client, kantoor, boekhouder
):
    response = beheerder_client.get(lijst())

    content = response.content.decode()
    assert "Klantbeheerder" in content and "Boekhouder" in content
    assert "Systeemrol" in content and "Kantoorrol" in content
    rijen = {r.naam: r for r in response.context["cl"].result_list}
    assert set(rijen) == {"Klantbeheerder", "Boekhouder"}


def test_search_finds_roles_by_name_or_code(beheerder_client, boekhouder):
    response = beheerder_client.get(lijst(), {"q": "boek"})

    assert list(response.context["cl"].result_list) == [boekhouder]


def test_an_admin_adds_and_edits_a_role(beheerder_client, kantoor):
    """R8: the office's admins define the internal roles."""
    beheerder_client.post(
        reverse("admin:kantoor_internerol_add"),
        {"naam": "Fiscalist", "code": "FIS", "omschrijving": "Aangiften IB/VPB", "actief": "on"},
    )
    rol = kantoor.interne_rollen.get(code="FIS")

    response = beheerder_client.post(
        wijzig(rol), {"naam": "Belastingadviseur", "code": "FIS", "actief": "on"}
    )

    assert response.status_code == 302
    rol.refresh_from_db()
    assert rol.naam == "Belastingadviseur"


def test_an_ordinary_role_is_deactivated_from_its_page(beheerder_client, boekhouder):
    response = beheerder_client.post(wijzig(boekhouder), {"naam": "Boekhouder", "code": "BOEK"})

    assert response.status_code == 302
    boekhouder.refresh_from_db()
    assert not boekhouder.actief


def test_roles_are_deactivated_in_bulk(beheerder_client, kantoor, boekhouder):
    ander = InterneRolFactory(kantoor=kantoor, code="SAL")

    beheerder_client.post(
        lijst(), {"action": "deactiveer_rollen", "_selected_action": [boekhouder.pk, ander.pk]}
    )

    assert not InterneRol.objects.filter(pk__in=[boekhouder.pk, ander.pk], actief=True).exists()


def test_an_unused_ordinary_role_can_be_deleted_from_its_page(beheerder_client, boekhouder):
    response = beheerder_client.post(
        reverse("admin:kantoor_internerol_delete", args=[boekhouder.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not InterneRol.objects.filter(pk=boekhouder.pk).exists()


def test_there_is_no_bulk_delete_of_roles(beheerder_client, boekhouder):
    """A role in use is deactivated, not deleted: the list offers no delete action."""
    response = beheerder_client.get(lijst())

    acties = [naam for naam, _ in response.context["action_form"].fields["action"].choices]
    assert "delete_selected" not in acties
    assert "deactiveer_rollen" in acties


# --- The system role (D1) ----------------------------------------------------------------------


def test_the_system_role_page_has_no_delete_button_and_no_active_checkbox(
    beheerder_client, kantoor
):
    """D1: shown as the system role; no way to delete or deactivate it in the UI."""
    response = beheerder_client.get(wijzig(kantoor.klantbeheerder_rol))

    content = response.content.decode()
    assert response.status_code == 200
    assert (
        reverse("admin:kantoor_internerol_delete", args=[kantoor.klantbeheerder_rol.pk])
        not in content
    )
    assert 'name="actief"' not in content
    assert "Klantbeheerder" in content
    assert response.context["has_delete_permission"] is False


def test_the_system_role_can_be_renamed(beheerder_client, kantoor):
    """D1: the office may rename its label."""
    rol = kantoor.klantbeheerder_rol

    response = beheerder_client.post(wijzig(rol), {"naam": "Relatiebeheerder", "code": "KB"})

    assert response.status_code == 302
    rol.refresh_from_db()
    assert (rol.naam, rol.actief, rol.is_systeemrol) == ("Relatiebeheerder", True, True)


def test_a_forged_post_cannot_deactivate_the_system_role(beheerder_client, kantoor):
    """D1: `actief` is not read for the system role, whatever is posted."""
    rol = kantoor.klantbeheerder_rol

    beheerder_client.post(wijzig(rol), {"naam": "Klantbeheerder", "code": "KB", "actief": ""})

    rol.refresh_from_db()
    assert rol.actief


def test_a_forged_delete_of_the_system_role_is_refused(beheerder_client, kantoor):
    """D1: the delete URL refuses, with or without confirmation."""
    rol = kantoor.klantbeheerder_rol
    url = reverse("admin:kantoor_internerol_delete", args=[rol.pk])

    assert beheerder_client.get(url).status_code == 403
    assert beheerder_client.post(url, {"post": "yes"}).status_code == 403
    assert InterneRol.objects.filter(pk=rol.pk).exists()


def test_a_forged_bulk_delete_of_the_system_role_is_refused(beheerder_client, kantoor):
    rol = kantoor.klantbeheerder_rol

    beheerder_client.post(
        lijst(), {"action": "delete_selected", "_selected_action": [rol.pk], "post": "yes"}
    )

    assert InterneRol.objects.filter(pk=rol.pk, actief=True).exists()


def test_bulk_deactivation_including_the_system_role_changes_nothing(
    beheerder_client, kantoor, boekhouder
):
    """D1: the system role stays active, and the selection is refused as a whole."""
    rol = kantoor.klantbeheerder_rol

    response = beheerder_client.post(
        lijst(),
        {"action": "deactiveer_rollen", "_selected_action": [rol.pk, boekhouder.pk]},
        follow=True,
    )

    assert "Klantbeheerder is een systeemrol en blijft actief; er is niets gewijzigd." in (
        response.content.decode()
    )
    assert InterneRol.objects.filter(pk__in=[rol.pk, boekhouder.pk], actief=True).count() == 2


def test_the_platform_superuser_cannot_delete_the_system_role_either(superuser_client, kantoor):
    url = reverse("admin:kantoor_internerol_delete", args=[kantoor.klantbeheerder_rol.pk])

    assert superuser_client.post(url, {"post": "yes"}).status_code == 403
