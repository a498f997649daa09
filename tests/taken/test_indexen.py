"""§4: at 500,000 tasks the resolution join must use indexes. On PostgreSQL, with enough rows
and fresh statistics (ANALYZE), the plan of Mijn taken and of Niet belegd uses them."""

from datetime import date, timedelta

import pytest
from django.db import connection

from kantoor.models import InterneRol
from relaties.models import Relatie
from taken.models import Taak
from teams.models import Teamlid
from tests.factories import KantoorFactory, MedewerkerFactory
from tests.relaties.factories import RelatieFactory
from tests.taken.factories import ProcesFactory

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db]


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(r[0] for r in cursor.fetchall())


@pytest.fixture
def veel_taken(medewerker):
    """Ten offices of 2,000 tasks each over 100 relations and 5 roles; `medewerker` holds one
    role on a few relations of his office."""
    kantoren = [medewerker.kantoor] + [KantoorFactory() for _ in range(9)]
    taken = []
    for kantoor in kantoren:
        maker = medewerker if kantoor == medewerker.kantoor else MedewerkerFactory(kantoor=kantoor)
        rollen = [
            InterneRol.objects.create(kantoor=kantoor, naam=f"Rol {i}", code=f"R{i}")
            for i in range(5)
        ]
        relaties = [
            RelatieFactory(kantoor=kantoor, code=f"{i:04d}", aangemaakt_door=maker)
            for i in range(100)
        ]
        proces = ProcesFactory(
            overeenkomst__kantoor=kantoor, overeenkomst__relatie=relaties[0], kantoor=kantoor
        )
        for i in range(2000):
            taken.append(
                Taak(
                    kantoor=kantoor,
                    proces=proces,
                    relatie=relaties[i % 100],
                    rol=rollen[i % 5],
                    naam=f"Taak {i}",
                    periode_label="2027-Q1",
                    vervaldatum=date(2027, 1, 1) + timedelta(days=i % 365),
                    status="openstaand" if i % 4 else "gereed",
                    gereed_op=None if i % 4 else "2027-01-01T00:00Z",
                )
            )
        if kantoor == medewerker.kantoor:
            for relatie in relaties[:5]:
                Teamlid.objects.create(
                    kantoor=kantoor, relatie=relatie, medewerker=medewerker, rol=rollen[0]
                )
    Taak.objects.bulk_create(taken, batch_size=5000)
    with connection.cursor() as cursor:
        for tabel in (Taak, Teamlid, Relatie):
            cursor.execute(f"ANALYZE {tabel._meta.db_table}")
    return medewerker


def test_my_tasks_use_the_indexes(veel_taken):
    """D4: the list query walks the office's open tasks in due-date order through an index
    (stopping after one page), and reads the employee's team rows once, through an index on
    teams_teamlid, into a hashed set that each task is checked against."""
    medewerker = veel_taken
    query = (
        Taak.objects.for_kantoor(medewerker.kantoor)
        .open()
        .voor_medewerker(medewerker)
        .order_by("vervaldatum", "pk")[:51]
    )

    uitleg = plan(query)

    assert "Seq Scan on taken_taak" not in uitleg, uitleg
    assert "taken_taak_lijst" in uitleg, uitleg
    assert "Index Scan using teams_teamlid" in uitleg, uitleg
    assert "Seq Scan on teams_teamlid" not in uitleg, uitleg


def test_niet_belegd_uses_the_resolution_index(veel_taken):
    """D7: open tasks whose role nobody holds, through the team index."""
    medewerker = veel_taken
    query = Taak.objects.for_kantoor(medewerker.kantoor).niet_belegd().order_by("relatie")

    uitleg = plan(query)

    assert "Seq Scan on taken_taak" not in uitleg, uitleg
