"""Setup for every test under tests/."""

import pytest


@pytest.fixture(autouse=True)
def snelle_wachtwoorden(settings):
    """Argon2 (production's hasher) takes time the tests need not spend; the tests of hashing
    itself (tests/kantoor/test_login_wachtwoord.py) set it back."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
