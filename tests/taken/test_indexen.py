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


# --- Issue 11 row 4: the key queries on a reduced seed -------------------------------------------


def plan_json(queryset) -> list[dict]:
    """Every node of the plan (EXPLAIN (FORMAT JSON)), depth first."""
    import json

    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        uitleg = cursor.fetchone()[0]
    uitleg = json.loads(uitleg) if isinstance(uitleg, str) else uitleg
    nodes, stapel = [], [uitleg[0]["Plan"]]
    while stapel:
        node = stapel.pop()
        nodes.append(node)
        stapel.extend(node.get("Plans", []))
    return nodes


def seq_scans(nodes: list[dict]) -> set[str]:
    return {n["Relation Name"] for n in nodes if n["Node Type"] == "Seq Scan"}


def indexen(nodes: list[dict]) -> set[str]:
    return {n["Index Name"] for n in nodes if "Index Name" in n}


@pytest.fixture
def seed_plannen(transactional_db):
    """A reduced seed (2,000 relations, ~50,000 tasks), committed so that it is VACUUMed and
    ANALYZEd as the real seed is: enough rows for the planner to choose as at full size."""
    from io import StringIO

    from django.core.management import call_command

    from kantoor.models import Kantoor

    call_command("seed", "--schaal", "0.1", "--vandaag", "2026-12-01", stdout=StringIO())
    # ANALYZE samples 300 rows per statistics target step: at the default (100) it reads a random
    # 30,000 of the ~50,000 tasks, so the statistics, and with them a borderline plan, differed
    # from run to run. A larger target reads every row: the same statistics, the same plan.
    with connection.cursor() as cursor:
        cursor.execute("SET default_statistics_target = 1000")
        cursor.execute("ANALYZE taken_taak, teams_teamlid, relaties_relatie, taken_proces")
        cursor.execute("RESET default_statistics_target")
    return Kantoor.objects.get(code="seed-groot")


@pytest.mark.django_db(transaction=True)
def test_key_queries_use_their_indexes_on_a_seeded_office(seed_plannen):
    """Issue 11 row 4: Mijn taken (default, filtered, a colleague's), the relation search, the
    team tab and Niet belegde taken use indexes and never seq-scan tasks or team members."""
    import time_machine
    from django.db.models import Count
    from django.http import QueryDict

    from kantoor.models import Medewerker
    from taken.forms import SORTERINGEN, TaakFilterForm

    kantoor = seed_plannen
    medewerkers = list(
        Medewerker.objects.for_kantoor(kantoor)
        .annotate(teams=Count("teamlidmaatschappen"))
        .order_by("-teams", "pk")
    )
    meeste, minste = medewerkers[0], medewerkers[-1]
    relatie = Relatie.objects.for_kantoor(kantoor).filter(soort="klant").first()

    def mijn_taken(query: str, wie):
        form = TaakFilterForm(QueryDict(query), kantoor=kantoor, medewerker=wie)
        return form.filter().voor_lijst().order_by(SORTERINGEN[form.sortering], "pk")[:51]

    def telling(query: str, wie):
        """The COUNT of Mijn taken's view (issue 10 item 1), as the page runs it."""
        from taken.views import te_tellen

        form = TaakFilterForm(QueryDict(query), kantoor=kantoor, medewerker=wie)
        return te_tellen(form).order_by().values("pk")

    with time_machine.travel("2026-12-01 10:00 +01:00", tick=False):
        queries = {
            "Mijn taken, most teams": (mijn_taken("", meeste), {"taken_taak_lijst"}),
            "Mijn taken, fewest teams": (mijn_taken("", minste), {"taken_taak_lijst"}),
            "Mijn taken, this month": (mijn_taken("vervalt=deze_maand", meeste), set()),
            "Mijn taken, overdue": (mijn_taken("vervalt=te_laat", minste), set()),
            "a colleague's tasks": (
                mijn_taken(f"weergave=collega&teamlid={minste.pk}", meeste),
                set(),
            ),
            "the count of Mijn taken": (telling("", meeste), {"taken_taak_open_rol"}),
            "the count of a colleague's tasks": (telling(f"weergave={minste.pk}", meeste), set()),
            "the export's query": (
                Taak.objects.for_kantoor(kantoor)
                .voor_medewerker(meeste)
                .open()
                .via_team_van(meeste, status="openstaand")
                .order_by("vervaldatum", "pk"),
                {"taken_taak_open_rol"},
            ),
            "relation search": (Relatie.objects.for_kantoor(kantoor).zoek("bakkerij")[:50], set()),
            "the team tab": (Teamlid.objects.van_relatie(relatie).voor_tab(), set()),
            "the D7 warning of one relation": (
                Taak.objects.filter(relatie=relatie)
                .niet_belegd()
                .values_list("rol")
                .annotate(aantal=Count("pk")),
                set(),
            ),
            "Niet belegde taken": (
                Taak.objects.for_kantoor(kantoor)
                .niet_belegd()
                .order_by()
                .values("relatie", "rol")
                .annotate(aantal=Count("pk")),
                {"taken_taak_open_rol", "teams_teamlid_relatie_rol"},
            ),
        }
        fouten = []
        for naam, (queryset, verwacht) in queries.items():
            nodes = plan_json(queryset)
            if scans := seq_scans(nodes) & {"taken_taak", "teams_teamlid"}:
                fouten.append(f"{naam}: Seq Scan on {sorted(scans)}")
            if missend := verwacht - indexen(nodes):
                fouten.append(f"{naam}: does not use {sorted(missend)} ({sorted(indexen(nodes))})")
    assert not fouten, "\n".join(fouten)
