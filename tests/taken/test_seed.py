"""Issue 11 row 1: `manage.py seed` builds a valid, invented office at any scale, refuses a
database with real offices, and does nothing the second time."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Q
from stdnum.nl import btw

from kantoor.models import InterneRol, Kantoor, Medewerker
from relaties.codes import Masker
from relaties.models import Relatie
from taken.models import Proces, Taak, TaakStatus
from taken.seed import GROOT, KLEIN
from teams.models import Teamlid, TeamWijziging

pytestmark = pytest.mark.django_db

VANDAAG = date(2026, 12, 1)


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed", "--schaal", "0.005", "--vandaag", VANDAAG.isoformat(), *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def geseed(db):
    seed()
    return Kantoor.objects.get(code=GROOT)


def test_seed_builds_two_offices_of_the_asked_size(geseed):
    """Issue 11 row 1: 20,000 x schaal relations (at least 20), 15 roles, a small second office."""
    assert Relatie.objects.for_kantoor(geseed).count() == 100
    assert InterneRol.objects.for_kantoor(geseed).count() == 15
    assert Medewerker.objects.for_kantoor(geseed).count() == 6
    assert Kantoor.objects.filter(code=KLEIN).exists()
    taken = Taak.objects.for_kantoor(geseed)
    assert taken.count() > 1000
    assert taken.open().count() < taken.gereed().count()  # past work is mostly done
    assert taken.open().exclude(opgepakt_door=None).exists()  # some is picked up (D5)


def test_every_relation_has_a_team_of_two_to_five_with_a_klantbeheerder(geseed):
    """R2 and issue 11 row 1: teams of 2-5 employees with one or two klantbeheerders."""
    teams = (
        Relatie.objects.for_kantoor(geseed)
        .annotate(
            leden=Count("teamleden__medewerker", distinct=True),
            kbs=Count("teamleden", filter=Q(teamleden__rol__systeemrol="klantbeheerder")),
        )
        .values_list("leden", "kbs")
    )
    for leden, kbs in teams:
        assert 2 <= leden <= 5
        assert 1 <= kbs <= 2
    # The history is complete: one "added" line per team member.
    assert (
        TeamWijziging.objects.for_kantoor(geseed).count()
        == Teamlid.objects.for_kantoor(geseed).count()
    )


def test_seeded_relations_are_valid(geseed):
    """Issue 11 row 1: invented but valid: codes fit the mask, numbers pass python-stdnum."""
    masker = Masker.parse(geseed.relatiecode_masker)
    for relatie in Relatie.objects.for_kantoor(geseed):
        relatie.full_clean()
        assert masker.past(relatie.code)
        if relatie.btw_id:
            assert btw.is_valid(relatie.btw_id)


def test_processes_cover_two_years_relative_to_vandaag(geseed):
    """Dates follow --vandaag (D14): monthly, quarterly and yearly periods from last January."""
    labels = set(Proces.objects.for_kantoor(geseed).values_list("periode_label", flat=True))
    assert {"2025", "2026", "2025-Q1", "2026-Q4", "2025-01", "2026-12"} <= labels
    assert not any(label.startswith("2027") for label in labels)
    assert (
        not Taak.objects.for_kantoor(geseed)
        .filter(status=TaakStatus.GEREED, gereed_op__date__gt=VANDAAG)
        .exists()
    )


def test_second_run_writes_nothing(geseed):
    """Issue 11 row 1: idempotent: a seeded database is left as it is, with a clear line."""
    voor = Taak.objects.count()

    uitvoer = seed()

    assert "Already seeded" in uitvoer
    assert Taak.objects.count() == voor


def test_refuses_a_database_with_other_offices(kantoor):
    """Issue 11 row 1: a database that holds real offices is refused unless told so."""
    with pytest.raises(CommandError, match="other office"):
        seed()
    assert not Kantoor.objects.filter(code=GROOT).exists()

    seed("--ook-met-bestaande-kantoren")

    assert Kantoor.objects.filter(code=GROOT).exists()
