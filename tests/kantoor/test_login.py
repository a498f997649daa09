"""Logging in and out at /inloggen/ and /uitloggen/, and where an employee lands."""

import pytest
from django.urls import reverse

from tests.factories import WACHTWOORD

pytestmark = pytest.mark.django_db


def test_login_page_is_public(client):
    response = client.get(reverse("login"))

    assert response.status_code == 200
    assert 'name="username"' in response.text


def test_employee_logs_in_with_email_and_lands_on_mijn_taken(client, medewerker):
    response = client.post(
        reverse("login"), {"username": medewerker.email.upper(), "password": WACHTWOORD}
    )

    assert response.status_code == 302
    assert response.url == reverse("taken:taak_list")
    assert client.get(reverse("taken:taak_list")).context["user"] == medewerker


def test_wrong_password_is_refused_with_a_message(client, medewerker):
    response = client.post(reverse("login"), {"username": medewerker.email, "password": "fout"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert "_auth_user_id" not in client.session


def test_the_refusal_is_grammatical_and_true_about_capitals(client, medewerker):
    """Issue 10 item 6: Django's "Voer een juiste e-mailadres en wachtwoord in. Let op dat beide
    velden hoofdlettergevoelig zijn." is ungrammatical and wrong: the address is not
    case-sensitive (it logs in upper-cased, see above)."""
    response = client.post(reverse("login"), {"username": medewerker.email, "password": "fout"})

    fouten = response.context["form"].non_field_errors()
    assert fouten == [
        "Dit e-mailadres en dit wachtwoord horen niet bij elkaar. Let op hoofdletters in het "
        "wachtwoord; bij het e-mailadres maken ze niet uit."
    ]


def test_inactive_employee_cannot_log_in(client, medewerker):
    """D8: a deactivated employee keeps his history but no access."""
    medewerker.is_active = False
    medewerker.save()

    client.post(reverse("login"), {"username": medewerker.email, "password": WACHTWOORD})

    assert "_auth_user_id" not in client.session


def test_logout_is_post_only(medewerker_client):
    assert medewerker_client.get(reverse("logout")).status_code == 405


def test_logout_ends_the_session(medewerker_client):
    response = medewerker_client.post(reverse("logout"))

    assert response.status_code == 302
    assert response.url == reverse("login")
    assert "_auth_user_id" not in medewerker_client.session


def test_platform_superuser_without_office_is_sent_to_the_admin(client, django_user_model):
    superuser = django_user_model.objects.create_superuser(
        "root@platform.example", "w8woord-lang", naam="Platformbeheer"
    )
    client.force_login(superuser)

    response = client.get(reverse("relaties:relatie_list"))

    assert response.status_code == 302
    assert response.url == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200


def test_every_page_knows_the_employees_office(medewerker_client, kantoor):
    response = medewerker_client.get(reverse("taken:taak_list"))

    assert response.wsgi_request.kantoor == kantoor
    assert kantoor.naam in response.text
