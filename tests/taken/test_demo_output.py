"""What `manage.py demo` prints about its work is what it did (issue 14, 2)."""

import re
from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from kantoor import demo
from taken.models import Taak

pytestmark = pytest.mark.django_db


def test_demo_prints_the_real_numbers_of_done_overdue_and_picked_up_tasks(settings, tmp_path):
    """Issue 14, 2: the demo said tasks were picked up when none were; it prints counts now."""
    settings.DEBUG = True
    settings.DEMO_IMPORT_DIR = tmp_path / "demo-import"
    moment = datetime(2027, 3, 1, 8, tzinfo=ZoneInfo("Europe/Amsterdam"))
    with time_machine.travel(moment, tick=False):
        out = StringIO()
        call_command("demo", stdout=out)

    regel = re.search(r"of (\d+) tasks (\d+) done, (\d+) overdue, (\d+) picked up", out.getvalue())
    assert regel is not None, out.getvalue()
    taken = Taak.objects.filter(kantoor__code=demo.KANTOOR_CODE)
    assert [int(g) for g in regel.groups()] == [
        taken.count(),
        taken.gereed().count(),
        taken.open().filter(vervaldatum__lt=moment.date()).count(),
        taken.open().filter(opgepakt_door__isnull=False).count(),
    ]
