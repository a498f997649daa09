"""The demo's work: every demo login has open tasks, some overdue, some picked up; idempotent."""

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from kantoor import demo
from kantoor.models import Kantoor, Medewerker
from taken.models import Proces, Taak, TaakGebeurtenis, Takeninstellingen

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    return {
        "processen": list(Proces.objects.values_list("pk", "periode_label").order_by("pk")),
        "taken": list(Taak.objects.values().order_by("pk")),
        "gebeurtenissen": TaakGebeurtenis.objects.count(),
    }


# A day the old pk-based choice missed (2026-12-01), a Monday with nothing due in the coming week
# unless the demo moves something there (2026-12-14), both sides of a year's last midnight, a leap
# day just after midnight (in UTC still 28 February) and the Sunday the clocks go forward, late.
@pytest.mark.parametrize(
    "dag",
    [
        "2026-12-01T08:00",
        "2026-12-14T08:00",
        "2027-12-31T23:30",
        "2028-01-01T00:30",
        "2028-02-29T00:30",
        "2027-03-28T23:30",
    ],
)
def test_demo_work_looks_like_a_monday_morning_and_is_idempotent(settings, dag):
    """D14: the demo's picture (done, overdue, picked up, unstaffed) holds on any date."""
    settings.DEBUG = True
    moment = datetime.fromisoformat(dag).replace(tzinfo=ZoneInfo("Europe/Amsterdam"))
    with time_machine.travel(moment, tick=False):
        call_command("demo", stdout=StringIO())
        eerste = snapshot()
        call_command("demo", stdout=StringIO())

        assert snapshot() == eerste
        vandaag = moment.date()
        kantoor = Kantoor.objects.get(code=demo.KANTOOR_CODE)
        taken = Taak.objects.filter(kantoor__code=demo.KANTOOR_CODE)
        assert taken.gereed().exists()
        assert taken.open().filter(vervaldatum__lt=vandaag).exists()
        assert taken.open().filter(opgepakt_door__isnull=False).exists()
        binnenkort = vandaag + timedelta(days=Takeninstellingen.voor(kantoor).binnenkort_dagen)
        assert taken.open().filter(voor_klant=False, vervaldatum__range=(vandaag, binnenkort))
        assert taken.open().filter(voor_klant=True, vervaldatum__gte=vandaag).exists()
        assert taken.niet_belegd().exists()
        for medewerker in Medewerker.objects.filter(kantoor__code=demo.KANTOOR_CODE):
            assert taken.open().voor_medewerker(medewerker).exists(), medewerker
