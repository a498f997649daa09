"""Issue 9 item 7 / row 16: what a logged-in employee sees is stored by no cache.

GeenCacheMiddleware sets `Cache-Control: private, no-store` on every response to a logged-in
request; the walk over every URL pattern proves that no page, export or fragment is left out,
whatever it answers (200, 302, 404 or 405).
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from taken.models import Agendatoken
from tests.kantoor.test_access import concrete_paths
from tests.relaties.factories import RelatieFactory

pytestmark = pytest.mark.django_db


def niet_bewaard(response) -> bool:
    waarden = {w.strip() for w in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= waarden or "no-store" in waarden


@pytest.mark.parametrize("path", concrete_paths())
def test_every_url_answers_a_logged_in_employee_with_no_store(client, beheerder, path):
    client.force_login(beheerder)

    for response in (client.get(path), client.post(path)):
        assert niet_bewaard(response), (path, response.status_code, response.get("Cache-Control"))


@pytest.fixture
def relatie(kantoor, beheerder):
    return RelatieFactory(
        kantoor=kantoor, aangemaakt_door=beheerder, type="particulier", bsn="111222333"
    )


@pytest.mark.parametrize(
    "url",
    [
        lambda r: reverse("relaties:relatie_detail", args=[r.pk]),
        lambda r: reverse("relaties:relatie_export"),
        lambda r: reverse("taken:taak_export"),
        lambda r: reverse("relaties:relatie_list"),
        lambda r: reverse("taken:taak_list"),
    ],
)
def test_pages_and_exports_with_personal_data_are_not_stored(client, beheerder, relatie, url):
    """Row 16: the relation with its BSN, and both exports, with real rows."""
    client.force_login(beheerder)

    response = client.get(url(relatie))

    assert response.status_code == 200
    assert niet_bewaard(response)


def test_the_calendar_feed_is_not_stored(medewerker):
    token = Agendatoken.voor(medewerker).token

    response = Client().get(reverse("taken:agenda_feed", args=[token]))

    assert response.status_code == 200
    assert niet_bewaard(response)


def test_static_files_are_left_alone(client, beheerder):
    """They hold no personal data and are served before the middleware (WhiteNoise)."""
    client.force_login(beheerder)

    assert "no-store" not in client.get("/static/css/kantoor.css").get("Cache-Control", "")


def test_a_view_that_chose_its_own_cache_control_keeps_it(client, beheerder):
    """The health check is never cached by its own decorator; the middleware leaves it be."""
    client.force_login(beheerder)

    response = client.get(reverse("gezond"))

    assert "max-age=0" in response["Cache-Control"]
