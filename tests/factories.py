"""factory_boy factories for the rows every app's tests need: offices and their people."""

from functools import cache

import factory
from django.conf import settings
from django.contrib.auth.hashers import make_password

from kantoor.models import InterneRol, Kantoor, Medewerker

WACHTWOORD = "geheim-wachtwoord-123"


def snel_hash(wachtwoord: str) -> str:
    """A password's hash, made once per password and hasher setting, not once per employee: list
    fixtures create dozens of employees (every relation's creator), and each hash costs the
    hasher's full work factor (issue 14, 8)."""
    return _hash(wachtwoord, tuple(settings.PASSWORD_HASHERS))


@cache
def _hash(wachtwoord: str, hashers: tuple[str, ...]) -> str:
    return make_password(wachtwoord)


class KantoorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kantoor
        django_get_or_create = ("code",)

    naam = factory.Sequence(lambda n: f"Administratiekantoor {n}")
    code = factory.Sequence(lambda n: f"kantoor-{n}")


class InterneRolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterneRol

    kantoor = factory.SubFactory(KantoorFactory)
    naam = factory.Sequence(lambda n: f"Rol {n}")
    code = factory.Sequence(lambda n: f"R{n}")


class MedewerkerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Medewerker
        skip_postgeneration_save = True

    kantoor = factory.SubFactory(KantoorFactory)
    code = factory.Sequence(lambda n: f"MW{n}")
    naam = factory.Faker("name", locale="nl_NL")
    korte_naam = factory.LazyAttribute(lambda o: o.naam.split()[0])
    email = factory.Sequence(lambda n: f"medewerker{n}@kantoor.example")
    password = factory.django.Password(WACHTWOORD, transform=snel_hash)
