"""Issue 9 item 5: passwords are hashed with Argon2; older hashes upgrade at the next login."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import make_password
from django.urls import reverse

from config import settings as projectinstellingen
from kantoor.models import Medewerker
from tests.factories import WACHTWOORD, MedewerkerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def echte_hashers(settings):
    """The project's own hashers (the other tests use a fast one)."""
    settings.PASSWORD_HASHERS = projectinstellingen.PASSWORD_HASHERS


def test_argon2_is_the_first_hasher():
    assert projectinstellingen.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_a_new_password_is_hashed_with_argon2(echte_hashers, medewerker):
    medewerker.set_password("Zomer-in-Zwolle-2027")

    assert medewerker.password.startswith("argon2$")


def test_a_pbkdf2_hash_is_upgraded_to_argon2_at_login(echte_hashers, client, kantoor):
    oud = MedewerkerFactory(kantoor=kantoor)
    Medewerker.objects.filter(pk=oud.pk).update(
        password=make_password(WACHTWOORD, hasher="pbkdf2_sha256")
    )
    oud.refresh_from_db()
    assert oud.password.startswith("pbkdf2_sha256$")

    response = client.post(reverse("login"), {"username": oud.email, "password": WACHTWOORD})

    assert response.status_code == 302
    opgeslagen = Medewerker.objects.get(pk=oud.pk).password
    assert opgeslagen.startswith("argon2$")
    assert Medewerker.objects.get(pk=oud.pk).check_password(WACHTWOORD)
    assert client.get(reverse("taken:taak_list")).status_code == 200
