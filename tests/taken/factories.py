"""Factories for agreements, templates, processes and tasks."""

from datetime import date

import factory

from taken.models import Overeenkomst, Proces, Taak, Taaksjabloon
from tests.factories import InterneRolFactory, KantoorFactory
from tests.relaties.factories import RelatieFactory


class OvereenkomstFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Overeenkomst

    kantoor = factory.SubFactory(KantoorFactory)
    relatie = factory.SubFactory(RelatieFactory, kantoor=factory.SelfAttribute("..kantoor"))
    naam = "Btw-aangifte"
    startdatum = date(2027, 1, 1)


class TaaksjabloonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Taaksjabloon

    overeenkomst = factory.SubFactory(OvereenkomstFactory)
    kantoor = factory.SelfAttribute("overeenkomst.kantoor")
    naam = "Btw-aangifte indienen"
    rol = factory.SubFactory(InterneRolFactory, kantoor=factory.SelfAttribute("..kantoor"))
    herhaling = "kwartaal"
    deadline_soort = "einde_volgende_maand"


class ProcesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proces

    overeenkomst = factory.SubFactory(OvereenkomstFactory)
    kantoor = factory.SelfAttribute("overeenkomst.kantoor")
    naam = factory.LazyAttribute(lambda o: f"{o.overeenkomst.naam} {o.periode_label}")
    periode_start = date(2027, 1, 1)
    periode_eind = date(2027, 3, 31)
    periode_label = factory.Sequence(lambda n: f"P{n}")


class TaakFactory(factory.django.DjangoModelFactory):
    """An open task on a role of its relation (pass `rol`, or voor_klant=True and rol=None)."""

    class Meta:
        model = Taak

    kantoor = factory.SubFactory(KantoorFactory)
    relatie = factory.SubFactory(RelatieFactory, kantoor=factory.SelfAttribute("..kantoor"))
    proces = factory.SubFactory(
        ProcesFactory,
        overeenkomst=factory.SubFactory(
            OvereenkomstFactory,
            kantoor=factory.SelfAttribute("...kantoor"),
            relatie=factory.SelfAttribute("...relatie"),
        ),
    )
    naam = factory.Sequence(lambda n: f"Taak {n}")
    periode_label = "2027-Q1"
    vervaldatum = date(2027, 4, 30)
    rol = factory.SubFactory(InterneRolFactory, kantoor=factory.SelfAttribute("..kantoor"))
