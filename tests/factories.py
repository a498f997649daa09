"""factory_boy factories for the rows every app's tests need: offices and their people."""

import factory

from kantoor.models import InterneRol, Kantoor, Medewerker

WACHTWOORD = "geheim-wachtwoord-123"


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
    password = factory.django.Password(WACHTWOORD)
