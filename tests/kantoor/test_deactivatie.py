"""Issue 3 item 4 (D8): nobody leaves a relation without its klantbeheerder.

kantoor does not know teams; it asks through the `deactivatie_gevraagd` signal. Here a receiver
connected inside the test (the `klantbeheerders` fixture) stands in for teams.
"""

import pytest
from django.urls import reverse

from kantoor.importers import ImportGeweigerd, importeer
from kantoor.models import Medewerker
from kantoor.services import DeactivatieGeweigerd, deactiveer_medewerkers
from tests.kantoor.bestanden import csv_bestand, twinfield_user, twinfield_xml

pytestmark = pytest.mark.django_db

MELDING = (
    "Sanne Jansen kan niet worden gedeactiveerd: klantbeheerder van Bakkerij Jansen, Garage Smit."
)


def test_the_service_refuses_with_a_message_naming_the_relations(
    kantoor, medewerker, collega, klantbeheerders
):
    klantbeheerders[medewerker.pk] = ["Bakkerij Jansen", "Garage Smit"]

    with pytest.raises(DeactivatieGeweigerd) as excinfo:
        deactiveer_medewerkers(
            kantoor, Medewerker.objects.filter(pk__in=[medewerker.pk, collega.pk])
        )

    assert excinfo.value.meldingen == [MELDING]
    assert (
        Medewerker.objects.filter(pk__in=[medewerker.pk, collega.pk], is_active=True).count() == 2
    )


def test_the_receiver_hears_the_office_and_only_the_active_employees_at_stake(
    kantoor, medewerker, collega, vreemde, klantbeheerders
):
    collega.is_active = False
    collega.save()

    deactiveer_medewerkers(
        kantoor, Medewerker.objects.filter(pk__in=[medewerker.pk, collega.pk, vreemde.pk])
    )

    assert klantbeheerders.gevraagd == [{"kantoor": kantoor, "medewerkers": [medewerker.pk]}]
    vreemde.refresh_from_db()
    assert vreemde.is_active


def test_without_objections_the_employees_are_deactivated(kantoor, medewerker, klantbeheerders):
    assert deactiveer_medewerkers(kantoor, Medewerker.objects.filter(pk=medewerker.pk)) == 1
    medewerker.refresh_from_db()
    assert not medewerker.is_active


def test_the_admin_change_form_refuses_and_changes_nothing(
    beheerder_client, medewerker, klantbeheerders
):
    klantbeheerders[medewerker.pk] = ["Bakkerij Jansen", "Garage Smit"]

    response = beheerder_client.post(
        reverse("admin:kantoor_medewerker_change", args=[medewerker.pk]),
        {"code": "SJANSEN", "naam": "Sanne Jansen-Vos", "taal": "nl", "email": medewerker.email},
    )

    # Issue 10 item 3: refused here, the admin is led into the leaver flow to choose a
    # replacement; nothing of this form is saved.
    assert response.status_code == 302
    assert response["Location"] == reverse("teams:medewerker_vertrek", args=[medewerker.pk])
    medewerker.refresh_from_db()
    assert (medewerker.is_active, medewerker.naam) == (True, "Sanne Jansen")


def test_the_admin_bulk_action_refuses_all_and_says_why(
    beheerder_client, medewerker, collega, klantbeheerders
):
    klantbeheerders[medewerker.pk] = ["Bakkerij Jansen", "Garage Smit"]

    response = beheerder_client.post(
        reverse("admin:kantoor_medewerker_changelist"),
        {"action": "deactiveer", "_selected_action": [medewerker.pk, collega.pk]},
        follow=True,
    )

    content = response.content.decode()
    assert MELDING in content
    assert "Er is niemand gedeactiveerd." in content
    assert (
        Medewerker.objects.filter(pk__in=[medewerker.pk, collega.pk], is_active=True).count() == 2
    )


@pytest.mark.parametrize("formaat", ["xml", "csv"])
def test_the_import_refuses_the_whole_file(kantoor, medewerker, klantbeheerders, formaat):
    """All or nothing: the new employee in the same file is not created either."""
    klantbeheerders[medewerker.pk] = ["Bakkerij Jansen", "Garage Smit"]
    if formaat == "xml":
        data = twinfield_xml(
            twinfield_user("SJANSEN", "Sanne Jansen", email=medewerker.email, status="deleted"),
            twinfield_user("NIEUW", "Nina Nieuw"),
        )
    else:
        data = csv_bestand(
            ["SJANSEN", "Sanne Jansen", "", "", "", "nee"], ["NIEUW", "Nina", "", "", "", "ja"]
        )

    with pytest.raises(ImportGeweigerd) as excinfo:
        importeer(kantoor, data)

    assert [str(p) for p in excinfo.value.plan.problemen] == [MELDING]
    medewerker.refresh_from_db()
    assert medewerker.is_active
    assert not Medewerker.objects.filter(code="NIEUW").exists()
