"""The demo's work: every demo login has open tasks, some overdue, some picked up; idempotent."""

from io import StringIO

import pytest
from django.core.management import call_command

from kantoor import demo
from kantoor.models import Medewerker
from taken.models import Proces, Taak, TaakGebeurtenis

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    return {
        "processen": list(Proces.objects.values_list("pk", "periode_label").order_by("pk")),
        "taken": list(Taak.objects.values().order_by("pk")),
        "gebeurtenissen": TaakGebeurtenis.objects.count(),
    }


def test_demo_work_looks_like_a_monday_morning_and_is_idempotent(settings):
    settings.DEBUG = True
    call_command("demo", stdout=StringIO())
    eerste = snapshot()
    call_command("demo", stdout=StringIO())

    assert snapshot() == eerste
    taken = Taak.objects.filter(kantoor__code=demo.KANTOOR_CODE)
    assert taken.gereed().exists()
    assert taken.open().filter(opgepakt_door__isnull=False).exists()
    assert taken.niet_belegd().exists()
    for medewerker in Medewerker.objects.filter(kantoor__code=demo.KANTOOR_CODE):
        assert taken.open().voor_medewerker(medewerker).exists(), medewerker
