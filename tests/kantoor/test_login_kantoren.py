"""Issue 9 item 6 / row 14 (D9): an address is unique per office, not globally.

An office admin cannot tell whether another office knows an address; whoever logs in with an
address known at several offices chooses among the offices whose account took the password.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from kantoor.models import Medewerker
from tests.factories import WACHTWOORD, KantoorFactory, MedewerkerFactory

pytestmark = pytest.mark.django_db

ADRES = "sanne@gedeeld.example"
ANDER_WACHTWOORD = "ander-geheim-wachtwoord-456"


@pytest.fixture
def hier(kantoor):
    return MedewerkerFactory(kantoor=kantoor, code="SJ", naam="Sanne hier", email=ADRES)


@pytest.fixture
def daar(ander_kantoor):
    return MedewerkerFactory(kantoor=ander_kantoor, code="SJ", naam="Sanne daar", email=ADRES)


def ingelogd_als(client: Client) -> Medewerker | None:
    response = client.get(reverse("taken:taak_list"))
    return response.context["user"] if response.status_code == 200 else None


def inloggen(client: Client, wachtwoord: str = WACHTWOORD, adres: str = ADRES):
    return client.post(reverse("login"), {"username": adres, "password": wachtwoord})


# --- Beheer: no oracle -------------------------------------------------------------------------


def nieuw(email: str) -> dict[str, str]:
    return {"code": "NNIEUW", "naam": "Nina Nieuw", "email": email, "taal": "nl", "is_active": "on"}


def test_the_add_form_accepts_another_offices_address_without_a_word(
    beheerder_client, kantoor, daar
):
    response = beheerder_client.post(
        reverse("admin:kantoor_medewerker_add"), nieuw(ADRES.upper()), follow=True
    )

    assert response.status_code == 200
    assert Medewerker.objects.get(kantoor=kantoor, code="NNIEUW").email == ADRES
    assert "in gebruik" not in response.text
    assert "al een medewerker" not in response.text


def test_the_same_address_twice_in_one_office_is_refused_at_the_field(
    beheerder_client, kantoor, hier
):
    response = beheerder_client.post(reverse("admin:kantoor_medewerker_add"), nieuw(ADRES))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["email"] == [
        "Dit kantoor heeft al een medewerker met dit e-mailadres."
    ]
    assert not Medewerker.objects.filter(code="NNIEUW").exists()


# --- Logging in ------------------------------------------------------------------------------


def test_different_passwords_log_into_the_right_office(client, hier, daar):
    daar.set_password(ANDER_WACHTWOORD)
    daar.save()

    assert inloggen(client, ANDER_WACHTWOORD).status_code == 302
    assert ingelogd_als(client) == daar

    client.post(reverse("logout"))
    assert inloggen(client, WACHTWOORD).status_code == 302
    assert ingelogd_als(client) == hier


def test_the_same_password_at_two_offices_asks_which_office(client, hier, daar, kantoor):
    response = inloggen(client)

    assert response.status_code == 302
    assert response.url == reverse("kantoor_kiezen")
    assert ingelogd_als(client) is None
    keuze = client.get(reverse("kantoor_kiezen"))
    assert [a.kantoor for a in keuze.context["accounts"]] == sorted(
        [hier.kantoor, daar.kantoor], key=lambda k: k.naam
    )
    assert "Kies uw kantoor" in keuze.text

    response = client.post(reverse("kantoor_kiezen"), {"medewerker": hier.pk})

    assert response.status_code == 302
    assert response.url == reverse("taken:taak_list")
    assert ingelogd_als(client) == hier
    assert client.get(reverse("taken:taak_list")).wsgi_request.kantoor == kantoor


def test_the_choice_keeps_the_page_asked_for(client, hier, daar):
    client.post(reverse("login"), {"username": ADRES, "password": WACHTWOORD, "next": "/relaties/"})

    response = client.post(reverse("kantoor_kiezen"), {"medewerker": daar.pk})

    assert response.url == "/relaties/"


def test_the_choice_cannot_be_forged_to_an_office_whose_password_was_not_checked(
    client, hier, daar
):
    derde = MedewerkerFactory(
        kantoor=KantoorFactory(naam="Derde kantoor"), email=ADRES, password=ANDER_WACHTWOORD
    )
    inloggen(client)
    assert [a.pk for a in client.get(reverse("kantoor_kiezen")).context["accounts"]] == sorted(
        [hier.pk, daar.pk], key=lambda pk: Medewerker.objects.get(pk=pk).kantoor.naam
    )

    for vals in (derde.pk, "x", "", "9" * 30, "\x00"):
        response = client.post(reverse("kantoor_kiezen"), {"medewerker": vals})
        assert response.status_code == 400
        assert ingelogd_als(client) is None


def test_the_choice_page_without_a_checked_password_is_the_login_page(client, hier, daar):
    response = client.post(reverse("kantoor_kiezen"), {"medewerker": hier.pk})

    assert response.status_code == 302
    assert response.url == reverse("login")
    assert ingelogd_als(client) is None


def test_the_choice_expires_after_five_minutes(client, hier, daar):
    with time_machine.travel(datetime(2027, 3, 1, 9, tzinfo=ZoneInfo("Europe/Amsterdam"))) as k:
        inloggen(client)
        k.shift(timedelta(minutes=6))

        response = client.post(reverse("kantoor_kiezen"), {"medewerker": hier.pk})

    assert response.url == reverse("login")
    assert ingelogd_als(client) is None


def test_an_inactive_account_is_not_offered(client, hier, daar):
    daar.is_active = False
    daar.save()

    assert inloggen(client).url == reverse("taken:taak_list")
    assert ingelogd_als(client) == hier


def test_failures_are_still_counted_per_address(client, hier, daar):
    """django-axes counts the address, whichever office's account it means."""
    for _poging in range(5):
        inloggen(client, "fout-wachtwoord")

    assert inloggen(client).status_code == 429


# --- Password reset per account ----------------------------------------------------------------


def test_the_reset_sends_one_link_per_account_naming_its_office(client, hier, daar):
    client.post(reverse("password_reset"), {"email": ADRES})

    assert len(mail.outbox) == 2
    for bericht, account in zip(
        sorted(mail.outbox, key=lambda b: b.subject),
        sorted([hier, daar], key=lambda m: m.kantoor.naam),
        strict=True,
    ):
        assert bericht.to == [ADRES]
        assert account.kantoor.naam in bericht.subject
        assert account.kantoor.naam in bericht.body

    # Each link sets the password of its own account only.
    link = next(b for b in mail.outbox if hier.kantoor.naam in b.subject).body
    pad = next(regel for regel in link.splitlines() if "/wachtwoord/nieuw/" in regel)
    formulier = client.get(pad.split("://", 1)[1].split("/", 1)[1].join(["/", ""]), follow=True)
    client.post(
        formulier.request["PATH_INFO"],
        {"new_password1": "Zomer-in-Zwolle-2027", "new_password2": "Zomer-in-Zwolle-2027"},
    )
    assert Medewerker.objects.get(pk=hier.pk).check_password("Zomer-in-Zwolle-2027")
    assert Medewerker.objects.get(pk=daar.pk).check_password(WACHTWOORD)


def test_beheers_login_page_asks_which_office_too(client, hier, daar):
    """/beheer/login/ is the same login: no shortcut into the first matching office."""
    daar.is_beheerder = True
    daar.save()

    response = client.post(
        reverse("admin:login"), {"username": ADRES, "password": WACHTWOORD, "next": "/beheer/"}
    )
    assert response.url == reverse("kantoor_kiezen")
    client.post(reverse("kantoor_kiezen"), {"medewerker": daar.pk})

    assert client.get("/beheer/").status_code == 200
