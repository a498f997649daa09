"""Issue 11 rows 3-4: the faster query shapes return exactly what the plain ones did, on a small
seeded office (every employee, every status), and exports stream."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
import time_machine
from django.core.management import call_command
from django.http import QueryDict
from django.urls import reverse

from kantoor.models import Kantoor, Medewerker
from taken.forms import TaakFilterForm
from taken.models import Taak, TaakStatus
from taken.seed import GROOT

pytestmark = pytest.mark.django_db

VANDAAG = date(2026, 12, 1)


@pytest.fixture
def seedkantoor(db) -> Kantoor:
    call_command(
        "seed", "--schaal", "0.005", "--vandaag", VANDAAG.isoformat(), stdout=io.StringIO()
    )
    return Kantoor.objects.get(code=GROOT)


def test_via_team_gives_the_same_tasks_as_voor_medewerker(seedkantoor):
    """Issue 11 row 3: the union of arms from the team rows is the same set, per status."""
    taken = Taak.objects.for_kantoor(seedkantoor)
    for medewerker in Medewerker.objects.for_kantoor(seedkantoor):
        for status in (TaakStatus.OPENSTAAND, TaakStatus.GEREED, None):
            oud = taken.voor_medewerker(medewerker)
            if status is not None:
                oud = oud.filter(status=status)
            nieuw = oud.via_team_van(medewerker, status=status)
            assert set(nieuw.values_list("pk", flat=True)) == set(oud.values_list("pk", flat=True))
            assert oud.exists()


def test_deze_maand_is_the_calendar_month(seedkantoor):
    """Issue 11 row 3: the date range gives what EXTRACT(MONTH) gave, on the last day too."""
    medewerker = Medewerker.objects.for_kantoor(seedkantoor).first()
    for dag in (date(2026, 12, 1), date(2026, 11, 30), date(2026, 2, 28)):
        with time_machine.travel(dag.isoformat() + " 12:00 +01:00", tick=False):
            form = TaakFilterForm(
                QueryDict("weergave=alle&status=alle&vervalt=deze_maand"),
                kantoor=seedkantoor,
                medewerker=medewerker,
            )
            nieuw = set(form.filter().values_list("pk", flat=True))
        oud = set(
            Taak.objects.for_kantoor(seedkantoor)
            .filter(vervaldatum__year=dag.year, vervaldatum__month=dag.month)
            .values_list("pk", flat=True)
        )
        assert nieuw == oud


def test_task_export_streams_the_same_rows(seedkantoor, client):
    """Issue 11 row 3: the export streams (constant memory) and holds the employee's open tasks,
    in due-date order, as the list shows them."""
    medewerker = Medewerker.objects.for_kantoor(seedkantoor).order_by("pk").first()
    client.force_login(medewerker)

    response = client.get(reverse("taken:taak_export"))

    assert response.streaming
    rijen = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig")), delimiter=";"))
    verwacht = list(
        Taak.objects.for_kantoor(seedkantoor)
        .voor_medewerker(medewerker)
        .open()
        .order_by("vervaldatum", "pk")
        .values_list("vervaldatum", "naam")
    )
    assert [(r[0], r[4]) for r in rijen[1:]] == [(d.isoformat(), n) for d, n in verwacht]


def test_relation_export_streams(seedkantoor, client):
    """Issue 11 row 3: all relations export as a stream, one line each."""
    medewerker = Medewerker.objects.for_kantoor(seedkantoor).first()
    client.force_login(medewerker)

    response = client.get(reverse("relaties:relatie_export"), {"status": "alle"})

    assert response.streaming
    regels = response.getvalue().decode("utf-8-sig").splitlines()
    assert len(regels) == 1 + seedkantoor.relaties.count()


def test_niet_belegd_groepen_are_the_single_query_s_rows(seedkantoor):
    """Issue 11 row 3 (D7): counted first and named after, the rows and their order are those
    of the one query that joined the names."""
    from django.db.models import Count

    oud = list(
        Taak.objects.for_kantoor(seedkantoor)
        .niet_belegd()
        .values("relatie", "relatie__code", "relatie__naam", "rol", "rol__naam")
        .annotate(aantal=Count("pk"))
        .order_by("relatie__naam", "relatie", "rol__naam")
    )

    nieuw = Taak.objects.for_kantoor(seedkantoor).niet_belegd_groepen()

    assert oud
    assert nieuw == oud
