"""Password reset at /wachtwoord/: how imported employees set their first password (R7)."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from kantoor.models import Medewerker
from kantoor.uitnodigingen import stuur_uitnodigingen
from tests.factories import MedewerkerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def geimporteerd(kantoor):
    """An employee as the import creates him: no usable password."""
    medewerker = MedewerkerFactory(
        kantoor=kantoor, code="NNIEUW", naam="Nina Nieuw", email="nina@kantoor.example"
    )
    medewerker.set_unusable_password()
    medewerker.save()
    return medewerker


def link_uit(body: str) -> str:
    return re.search(r"https?://[^/\s]+(/wachtwoord/nieuw/\S+/)", body).group(1)


def test_the_reset_pages_need_no_login_and_use_our_templates(client):
    response = client.get(reverse("password_reset"))

    assert response.status_code == 200
    assert "registration/password_reset_form.html" in [t.name for t in response.templates]
    assert "base.html" in [t.name for t in response.templates]
    assert "Wachtwoord vergeten?" in response.content.decode()


def test_the_login_page_links_to_the_reset(client):
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()


def test_an_imported_employee_without_a_password_can_ask_for_a_link(client, geimporteerd):
    """Django's own form skips unusable passwords; ours does not (R7)."""
    response = client.post(reverse("password_reset"), {"email": "NINA@kantoor.example"})

    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["nina@kantoor.example"]]
    assert mail.outbox[0].subject == (
        "Kies een nieuw wachtwoord voor Administratiekantoor Testpraktijk"
    )


def test_an_inactive_employee_gets_no_link(client, geimporteerd):
    geimporteerd.is_active = False
    geimporteerd.save()

    client.post(reverse("password_reset"), {"email": "nina@kantoor.example"})

    assert mail.outbox == []


def test_the_invitation_link_sets_the_first_password_and_he_logs_in(client, geimporteerd):
    """R7: the mail of the import leads to a usable password and a login."""
    assert stuur_uitnodigingen([geimporteerd], "https://kantoor.example.nl") == 1
    bericht = mail.outbox[0]
    assert bericht.subject == "Uw account bij Administratiekantoor Testpraktijk: kies uw wachtwoord"
    assert "https://kantoor.example.nl/wachtwoord/nieuw/" in bericht.body

    formulier = client.get(link_uit(bericht.body), follow=True)
    assert formulier.status_code == 200
    assert "Kies een wachtwoord" in formulier.content.decode()
    response = client.post(
        formulier.request["PATH_INFO"],
        {"new_password1": "Zomer-in-Zwolle-2027", "new_password2": "Zomer-in-Zwolle-2027"},
        follow=True,
    )

    assert "Wachtwoord opgeslagen" in response.content.decode()
    assert Medewerker.objects.get(pk=geimporteerd.pk).check_password("Zomer-in-Zwolle-2027")
    assert client.login(username="nina@kantoor.example", password="Zomer-in-Zwolle-2027")


def test_a_used_or_wrong_link_says_so(client, geimporteerd):
    response = client.get("/wachtwoord/nieuw/MQ/ongeldig-token/", follow=True)

    assert "Deze link is niet meer geldig" in response.content.decode()


def test_inactive_employees_and_those_without_address_get_no_invitation(kantoor):
    zonder = MedewerkerFactory(kantoor=kantoor, email=None)
    weg = MedewerkerFactory(kantoor=kantoor, is_active=False)

    assert stuur_uitnodigingen([zonder, weg], "https://kantoor.example.nl") == 0
    assert mail.outbox == []
