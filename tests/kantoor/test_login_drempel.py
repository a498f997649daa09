"""Issue 9 item 5 / row 13: after 5 wrong passwords for one address from one client, logging in
is refused (even with the right password) with a clear Dutch message, until the cool-off ends or
an office admin of the employee's own office lifts the lock in Beheer."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from tests.factories import WACHTWOORD

pytestmark = pytest.mark.django_db

MAANDAG = datetime(2027, 3, 1, 8, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))
MELDING = "Te veel mislukte pogingen om met dit e-mailadres in te loggen."


def inloggen(client: Client, adres: str, wachtwoord: str, ip: str = "192.0.2.10"):
    return client.post(
        reverse("login"), {"username": adres, "password": wachtwoord}, REMOTE_ADDR=ip
    )


def vergrendel(client: Client, adres: str, ip: str = "192.0.2.10") -> None:
    for _poging in range(5):
        inloggen(client, adres, "fout-wachtwoord", ip)


def test_four_failures_do_not_lock(client, medewerker):
    for _poging in range(4):
        assert inloggen(client, medewerker.email, "fout").status_code == 200

    assert inloggen(client, medewerker.email, WACHTWOORD).status_code == 302


def test_five_failures_lock_and_the_right_password_is_then_refused_in_dutch(client, medewerker):
    vergrendel(client, medewerker.email)

    response = inloggen(client, medewerker.email, WACHTWOORD)

    assert response.status_code == 429
    assert MELDING in response.text
    assert "Probeer het over 30 minuten opnieuw" in response.text
    assert 'name="username"' in response.text  # our own login page, not a bare text
    assert "_auth_user_id" not in client.session


def test_changing_the_case_of_the_address_gives_no_fresh_attempts(client, medewerker):
    adres = medewerker.email
    for variant in (adres.upper(), adres.title(), adres.capitalize(), adres.swapcase(), adres):
        inloggen(client, f" {variant} ", "fout")

    assert inloggen(client, medewerker.email, WACHTWOORD).status_code == 429


def test_another_client_is_not_locked_out(client, medewerker):
    """The lock is per address and client: a colleague's wrong guesses elsewhere do not lock him."""
    vergrendel(client, medewerker.email, ip="192.0.2.66")

    assert inloggen(Client(), medewerker.email, WACHTWOORD, ip="192.0.2.10").status_code == 302


def test_the_lock_ends_after_the_cool_off(client, medewerker):
    with time_machine.travel(MAANDAG, tick=False) as klok:
        vergrendel(client, medewerker.email)
        klok.shift(timedelta(minutes=29))
        assert inloggen(client, medewerker.email, WACHTWOORD).status_code == 429
        klok.shift(timedelta(minutes=2))

        assert inloggen(client, medewerker.email, WACHTWOORD).status_code == 302


def test_the_limit_and_cool_off_are_settings(client, medewerker, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = timedelta(minutes=5)
    with time_machine.travel(MAANDAG, tick=False) as klok:
        inloggen(client, medewerker.email, "fout")
        inloggen(client, medewerker.email, "fout")
        response = inloggen(client, medewerker.email, WACHTWOORD)
        assert response.status_code == 429
        assert "Probeer het over 5 minuten opnieuw" in response.text
        klok.shift(timedelta(minutes=6))

        assert inloggen(client, medewerker.email, WACHTWOORD).status_code == 302


def lijst() -> str:
    return reverse("admin:kantoor_medewerker_changelist")


def test_an_office_admin_lifts_the_lock_in_beheer(client, medewerker, beheerder):
    vergrendel(client, medewerker.email)
    beheer = Client()
    beheer.force_login(beheerder)

    response = beheer.post(
        lijst(), {"action": "ontgrendel", "_selected_action": [medewerker.pk]}, follow=True
    )

    assert "Inlogblokkades opgeheven: 1." in response.text
    assert not AccessAttempt.objects.filter(username=medewerker.email).exists()
    assert inloggen(client, medewerker.email, WACHTWOORD).status_code == 302


def test_another_offices_admin_cannot_lift_the_lock(client, medewerker, ander_beheerder):
    """D9: the action only reaches the admin's own office's employees."""
    vergrendel(client, medewerker.email)
    beheer = Client()
    beheer.force_login(ander_beheerder)

    beheer.post(lijst(), {"action": "ontgrendel", "_selected_action": [medewerker.pk]})

    assert AccessAttempt.objects.filter(username=medewerker.email).exists()
    assert inloggen(client, medewerker.email, WACHTWOORD).status_code == 429


def test_beheer_filters_the_employees_that_are_locked(client, medewerker, collega, beheerder):
    """The office admin finds whom to unlock: only his office's locked employees."""
    vergrendel(client, medewerker.email)
    inloggen(client, collega.email, "fout")  # one failure is no lock
    beheer = Client()
    beheer.force_login(beheerder)

    response = beheer.get(lijst(), {"vergrendeld": "ja"})

    assert list(response.context["cl"].result_list) == [medewerker]
