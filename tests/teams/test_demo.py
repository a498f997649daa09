"""The demo gives every relation a realistic team, through the services, idempotently."""

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from kantoor import demo
from relaties.models import Relatie
from teams.models import Bron, Teamlid, TeamWijziging

# The demo plans its work around today and imports ledger users disabled from a date: a fixed
# Monday morning keeps every run the same on any day (D14). tests/taken/test_demo.py runs the
# demo on the calendar's edges.
MAANDAG = datetime(2027, 3, 1, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(MAANDAG, tick=False)]


def snapshot() -> dict:
    return {
        "teamleden": list(Teamlid.objects.values().order_by("pk")),
        "wijzigingen": list(TeamWijziging.objects.values().order_by("pk")),
    }


def test_every_demo_relation_has_its_klantbeheerder_and_colleagues(settings):
    """R1/R2/R5: a klantbeheerder plus colleagues in other roles (one to three from the teams
    demo, and a holder for each role its demo work needs), all with history."""
    settings.DEBUG = True
    call_command("demo", stdout=StringIO())

    for relatie in Relatie.objects.filter(kantoor__code=demo.KANTOOR_CODE):
        leden = Teamlid.objects.filter(relatie=relatie)
        assert leden.klantbeheerders().count() == 1
        assert 1 <= leden.exclude(rol__systeemrol="klantbeheerder").count() <= len(demo.ROLLEN)
    assert (
        TeamWijziging.objects.filter(bron=Bron.IMPORT).count()
        == Teamlid.objects.exclude(rol__systeemrol="klantbeheerder").count()
    )


def test_demo_teams_are_idempotent(settings):
    """Running the demo twice adds nothing the second time."""
    settings.DEBUG = True
    call_command("demo", stdout=StringIO())
    eerst = snapshot()
    call_command("demo", stdout=StringIO())
    assert snapshot() == eerst
