"""Factories for team members. A member is normally added through teams.services; this factory
is for setting up a team quickly (it writes no history)."""

import factory

from teams.models import Teamlid
from tests.factories import InterneRolFactory, MedewerkerFactory
from tests.relaties.factories import RelatieFactory


class TeamlidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Teamlid

    relatie = factory.SubFactory(RelatieFactory)
    kantoor = factory.SelfAttribute("relatie.kantoor")
    medewerker = factory.SubFactory(MedewerkerFactory, kantoor=factory.SelfAttribute("..kantoor"))
    rol = factory.SubFactory(InterneRolFactory, kantoor=factory.SelfAttribute("..kantoor"))
