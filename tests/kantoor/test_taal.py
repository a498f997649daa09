"""The UI is Dutch by default; English is a choice the employee keeps, not a browser guess."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_login_page_is_dutch_even_for_an_english_browser(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert response.headers["Content-Language"] == "nl"
    assert "Inloggen" in response.text


def test_anonymous_visitor_switches_to_english_with_a_cookie(client):
    response = client.post(reverse("taal_kiezen"), {"taal": "en", "next": reverse("login")})

    assert response.status_code == 302
    assert response.url == reverse("login")
    assert "Log in" in client.get(reverse("login")).text


def test_employee_keeps_his_language_choice(medewerker_client, medewerker):
    medewerker_client.post(reverse("taal_kiezen"), {"taal": "en", "next": "/taken/"})

    medewerker.refresh_from_db()
    assert medewerker.taal == "en"
    medewerker_client.cookies.clear()
    medewerker_client.force_login(medewerker)
    assert "My tasks" in medewerker_client.get(reverse("taken:taak_list")).text


def test_unknown_language_and_foreign_next_url_are_ignored(medewerker_client, medewerker):
    response = medewerker_client.post(
        reverse("taal_kiezen"), {"taal": "xx", "next": "https://evil.example/"}
    )

    assert response.url == "/"
    medewerker.refresh_from_db()
    assert medewerker.taal == "nl"


def test_language_switch_is_post_only(client):
    assert client.get(reverse("taal_kiezen")).status_code == 405
