"""Actions on Mijn taken: one task or many, all or nothing, 403 for those who may not act
(R9, D5, §5), 404 for another office (D9), 405 for GET."""

import pytest
from django.urls import reverse

from taken.models import TaakGebeurtenis, TaakStatus
from tests.taken.factories import TaakFactory

pytestmark = pytest.mark.django_db


def actie_url(actie):
    return reverse("taken:taak_actie", args=[actie])


def test_picking_up_redirects_back_to_the_list(
    medewerker_client, taak, medewerker, in_team, boekhouder
):
    """D5."""
    in_team(taak.relatie, medewerker, boekhouder)

    response = medewerker_client.post(
        actie_url("oppakken"), {"taken": [taak.pk], "terug": "status=alle"}
    )

    assert response.status_code == 302
    assert response.url == reverse("taken:taak_list") + "?status=alle"
    taak.refresh_from_db()
    assert taak.opgepakt_door == medewerker


def test_a_forged_post_is_403_and_changes_nothing(medewerker_client, taak):
    """§5: others may see but not act."""
    response = medewerker_client.post(actie_url("gereed_melden"), {"taken": [taak.pk]})

    assert response.status_code == 403
    taak.refresh_from_db()
    assert taak.status == TaakStatus.OPENSTAAND
    assert not TaakGebeurtenis.objects.exists()


def test_another_offices_task_is_a_404(medewerker_client, vreemde):
    """D9."""
    vreemd = TaakFactory(kantoor=vreemde.kantoor)

    response = medewerker_client.post(actie_url("oppakken"), {"taken": [vreemd.pk]})

    assert response.status_code == 404


def test_get_on_an_action_is_405(medewerker_client):
    assert medewerker_client.get(actie_url("oppakken")).status_code == 405


def test_an_unknown_action_is_a_404(medewerker_client, taak):
    assert medewerker_client.post(actie_url("wissen"), {"taken": [taak.pk]}).status_code == 404


def test_a_refused_bulk_shows_the_reason_per_line_and_changes_nothing(
    medewerker_client, kantoor, klant, medewerker, in_team, boekhouder
):
    """§4: all or nothing, with the error on the task's own line (400)."""
    in_team(klant, medewerker, boekhouder)
    open_taak = TaakFactory(kantoor=kantoor, relatie=klant, rol=boekhouder, naam="Open")
    klaar = TaakFactory(kantoor=kantoor, relatie=klant, rol=boekhouder, naam="Klaar")
    klaar.gereed_melden(medewerker)

    response = medewerker_client.post(
        actie_url("gereed_melden"), {"taken": [open_taak.pk, klaar.pk], "terug": "status=alle"}
    )

    assert response.status_code == 400
    assert response.context["fouten"] == {klaar.pk: "Deze taak is al gereed."}
    assert "Er is niets gewijzigd" in response.content.decode()
    open_taak.refresh_from_db()
    assert open_taak.status == TaakStatus.OPENSTAAND


def test_moving_due_dates_in_bulk_needs_a_reason(
    medewerker_client, taak, medewerker, in_team, boekhouder
):
    in_team(taak.relatie, medewerker, boekhouder)

    response = medewerker_client.post(actie_url("verschuiven"), {"taken": [taak.pk], "dagen": "3"})
    assert response.status_code == 400

    response = medewerker_client.post(
        actie_url("verschuiven"), {"taken": [taak.pk], "dagen": "3", "reden": "Vakantie"}
    )
    assert response.status_code == 302
    taak.refresh_from_db()
    assert taak.vervaldatum.day == 3


def test_an_empty_selection_is_a_400(medewerker_client):
    assert medewerker_client.post(actie_url("oppakken"), {}).status_code == 400


def test_task_detail_shows_the_history(medewerker_client, taak, medewerker, in_team, boekhouder):
    """D5: who did what, when."""
    in_team(taak.relatie, medewerker, boekhouder)
    taak.oppakken(medewerker)

    response = medewerker_client.get(reverse("taken:taak_detail", args=[taak.pk]))

    assert response.status_code == 200
    assert "Opgepakt" in response.content.decode()


def test_another_offices_task_detail_is_a_404(medewerker_client, vreemde):
    vreemd = TaakFactory(kantoor=vreemde.kantoor)
    assert medewerker_client.get(reverse("taken:taak_detail", args=[vreemd.pk])).status_code == 404
