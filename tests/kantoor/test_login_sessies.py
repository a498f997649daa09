"""Issue 9 item 5 / row 15: sessions end after 2 hours idle and 10 hours in all, and
deactivation ends every session and calendar URL of the employee, also after a reactivation."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from kantoor.importers import importeer
from kantoor.models import Medewerker
from kantoor.services import deactiveer_medewerkers
from taken.models import Agendatoken
from tests.kantoor.bestanden import twinfield_user, twinfield_xml

pytestmark = pytest.mark.django_db

MAANDAG = datetime(2027, 3, 1, 8, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))


def ingelogd(client: Client) -> bool:
    response = client.get(reverse("taken:taak_list"))
    if response.status_code == 302:
        assert response.url.startswith(reverse("login"))
        return False
    assert response.status_code == 200
    return True


# --- Idle and absolute limits ----------------------------------------------------------------


def test_a_session_ends_after_two_hours_without_a_request(client, medewerker):
    with time_machine.travel(MAANDAG, tick=False) as klok:
        client.force_login(medewerker)
        klok.shift(timedelta(hours=1, minutes=59))
        assert ingelogd(client)
        klok.shift(timedelta(hours=2, minutes=1))

        assert not ingelogd(client)


def test_activity_keeps_a_session_alive_until_ten_hours_after_login(client, medewerker):
    with time_machine.travel(MAANDAG, tick=False) as klok:
        client.force_login(medewerker)
        for _uur in range(10):
            klok.shift(timedelta(minutes=59))
            assert ingelogd(client)
        klok.shift(timedelta(minutes=11))  # 10 h 1 min after logging in

        assert not ingelogd(client)
        assert "_auth_user_id" not in client.session


def test_the_limits_are_settings(client, medewerker, settings):
    settings.SESSION_MAX_HOURS = 1
    with time_machine.travel(MAANDAG, tick=False) as klok:
        client.force_login(medewerker)
        klok.shift(timedelta(minutes=59))
        assert ingelogd(client)
        klok.shift(timedelta(minutes=2))

        assert not ingelogd(client)


def test_a_session_without_a_login_time_is_ended(client, medewerker):
    """Sessions from before the rule (no login time) do not live on without a limit."""
    client.force_login(medewerker)
    sessie = client.session
    del sessie["kantoor_ingelogd_op"]
    sessie.save()

    assert not ingelogd(client)


# --- Deactivation ends sessions and the calendar URL -------------------------------------------


def via_service(medewerker, kantoor, beheerder):
    deactiveer_medewerkers(kantoor, Medewerker.objects.filter(pk=medewerker.pk))


def via_save(medewerker, kantoor, beheerder):
    medewerker = Medewerker.objects.get(pk=medewerker.pk)
    medewerker.is_active = False
    medewerker.save()


def via_beheer_form(medewerker, kantoor, beheerder):
    beheer = Client()
    beheer.force_login(beheerder)
    response = beheer.post(
        reverse("admin:kantoor_medewerker_change", args=[medewerker.pk]),
        {
            "code": medewerker.code,
            "naam": medewerker.naam,
            "email": medewerker.email,
            "taal": medewerker.taal,
        },
    )
    assert response.status_code == 302


def via_bulk_actie(medewerker, kantoor, beheerder):
    beheer = Client()
    beheer.force_login(beheerder)
    beheer.post(
        reverse("admin:kantoor_medewerker_changelist"),
        {"action": "deactiveer", "_selected_action": [medewerker.pk]},
    )


def via_import(medewerker, kantoor, beheerder):
    data = twinfield_xml(
        twinfield_user(medewerker.code, medewerker.naam, email=medewerker.email, status="deleted"),
        twinfield_user(beheerder.code, beheerder.naam, email=beheerder.email),
    )
    importeer(kantoor, data)


@pytest.mark.parametrize(
    "deactiveer", [via_service, via_save, via_beheer_form, via_bulk_actie, via_import]
)
def test_deactivation_ends_sessions_and_calendar_url_and_reactivation_revives_neither(
    deactiveer, kantoor, medewerker, beheerder
):
    """Issue 9 row 15, for every path that deactivates an employee."""
    browser, telefoon = Client(), Client()
    browser.force_login(medewerker)
    telefoon.force_login(medewerker)
    oude_feed = reverse("taken:agenda_feed", args=[Agendatoken.voor(medewerker).token])
    assert ingelogd(browser) and ingelogd(telefoon)
    assert Client().get(oude_feed).status_code == 200

    deactiveer(medewerker, kantoor, beheerder)
    Medewerker.objects.filter(pk=medewerker.pk).update(is_active=True)

    assert not ingelogd(browser)
    assert not ingelogd(telefoon)
    assert Client().get(oude_feed).status_code == 404
    nieuwe_feed = reverse("taken:agenda_feed", args=[Agendatoken.voor(medewerker).token])
    assert Client().get(nieuwe_feed).status_code == 200


def test_other_employees_keep_their_sessions(kantoor, medewerker, collega):
    browser = Client()
    browser.force_login(collega)

    deactiveer_medewerkers(kantoor, Medewerker.objects.filter(pk=medewerker.pk))

    assert ingelogd(browser)


def test_after_reactivation_the_employee_logs_in_afresh(client, kantoor, medewerker):
    from tests.factories import WACHTWOORD

    deactiveer_medewerkers(kantoor, Medewerker.objects.filter(pk=medewerker.pk))
    Medewerker.objects.filter(pk=medewerker.pk).update(is_active=True)

    response = client.post(reverse("login"), {"username": medewerker.email, "password": WACHTWOORD})

    assert response.status_code == 302
    assert ingelogd(client)
