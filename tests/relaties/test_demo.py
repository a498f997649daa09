"""The demo's relations: valid numbers, a klantbeheerder each, idempotent."""

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from kantoor import demo
from relaties.models import Connectie, Relatie, Soort, Type
from teams.models import Teamlid

# The demo plans its work around today and imports ledger users disabled from a date: a fixed
# Monday morning keeps every run the same on any day (D14). tests/taken/test_demo.py runs the
# demo on the calendar's edges.
MAANDAG = datetime(2027, 3, 1, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(MAANDAG, tick=False)]


def snapshot() -> dict:
    return {
        "relaties": list(Relatie.objects.values().order_by("pk")),
        "connecties": list(Connectie.objects.values().order_by("pk")),
        "teamleden": list(Teamlid.objects.values().order_by("pk")),
    }


def test_demo_relations_are_valid_and_each_has_its_klantbeheerder(settings):
    """R2/R4: each demo relation was created by a demo employee, its klantbeheerder."""
    settings.DEBUG = True
    call_command("demo", stdout=StringIO())

    relaties = Relatie.objects.filter(kantoor__code=demo.KANTOOR_CODE)
    assert 35 <= relaties.count() <= 45
    assert {r.soort for r in relaties} == {Soort.KLANT, Soort.CONTACT}
    assert {r.type for r in relaties} == {Type.BEDRIJF, Type.PARTICULIER}
    for relatie in relaties:
        relatie.full_clean()  # every invented number passes its check digits
        beheerders = Teamlid.objects.klantbeheerders().filter(relatie=relatie)
        assert [t.medewerker for t in beheerders] == [relatie.aangemaakt_door]
    assert Connectie.objects.count() >= 8


def test_demo_relations_are_idempotent(settings):
    settings.DEBUG = True
    call_command("demo", stdout=StringIO())
    first = snapshot()

    call_command("demo", stdout=StringIO())

    assert snapshot() == first
