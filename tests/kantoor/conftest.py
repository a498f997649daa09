"""Personas and hooks for Beheer (the office admin, his counterpart elsewhere, the platform)."""

from __future__ import annotations

import pytest

from kantoor.models import Medewerker
from kantoor.signals import Bezwaar, deactivatie_gevraagd
from tests.factories import MedewerkerFactory


@pytest.fixture
def beheerder_client(client, beheerder):
    client.force_login(beheerder)
    return client


@pytest.fixture
def ander_beheerder(ander_kantoor):
    """The office admin of another office: must never see `kantoor`'s rows (D9)."""
    return MedewerkerFactory(
        kantoor=ander_kantoor, naam="Anton Elders", code="AELDERS", is_beheerder=True
    )


@pytest.fixture
def platformbeheerder(db):
    """A platform superuser: no office, keeps every office."""
    return Medewerker.objects.create_superuser(
        "platform@kantoor.example", "platform-wachtwoord-123", naam="Platformbeheer"
    )


@pytest.fixture
def superuser_client(client, platformbeheerder):
    client.force_login(platformbeheerder)
    return client


class Klantbeheerders(dict):
    """employee pk -> names of the relations he is klantbeheerder of; `gevraagd` logs the calls."""

    def __init__(self) -> None:
        super().__init__()
        self.gevraagd: list[dict] = []


@pytest.fixture
def klantbeheerders():
    """Stands in for teams: a receiver of `deactivatie_gevraagd`, connected inside the test, that
    objects for the employees put in the returned dict."""
    relaties = Klantbeheerders()
    gevraagd = relaties.gevraagd

    def receiver(sender, kantoor, medewerkers, **kwargs):
        gevraagd.append({"kantoor": kantoor, "medewerkers": sorted(m.pk for m in medewerkers)})
        return [
            Bezwaar(m.pk, "klantbeheerder van " + ", ".join(relaties[m.pk]))
            for m in medewerkers
            if m.pk in relaties
        ]

    deactivatie_gevraagd.connect(receiver, weak=False, dispatch_uid="test-klantbeheerders")
    yield relaties
    deactivatie_gevraagd.disconnect(dispatch_uid="test-klantbeheerders")


@pytest.fixture(autouse=True)
def snelle_wachtwoorden(settings):
    """Hashing passwords properly takes time that these tests do not need to spend."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
