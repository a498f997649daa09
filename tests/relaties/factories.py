"""Factories for relations and their links. Relations get a creator of their own office, who
joins the team as klantbeheerder through the teams app's receiver (R4, D3)."""

import factory

from relaties.models import Connectie, Relatie, Soort, Type
from tests.factories import KantoorFactory, MedewerkerFactory


class RelatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Relatie

    kantoor = factory.SubFactory(KantoorFactory)
    code = factory.Sequence(lambda n: f"R{n:05d}")
    naam = factory.Faker("company", locale="nl_NL")
    soort = Soort.KLANT
    type = Type.BEDRIJF
    plaats = "Utrecht"
    aangemaakt_door = factory.LazyAttribute(lambda o: MedewerkerFactory(kantoor=o.kantoor))


class ConnectieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Connectie

    kantoor = factory.SubFactory(KantoorFactory)
    relatie_a = factory.SubFactory(RelatieFactory, kantoor=factory.SelfAttribute("..kantoor"))
    relatie_b = factory.SubFactory(RelatieFactory, kantoor=factory.SelfAttribute("..kantoor"))
