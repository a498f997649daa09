"""Issue 11 row 5: no N+1 by accident. Every list page takes the same number of queries for 5
and for 50 rows (the rows built in bulk, so the 50-row cases are quick), and django-zeal, which
conftest.py puts around every request of the suite, fails a test whose page reads a lazily
loaded relation in a loop."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from zeal import NPlusOneError, zeal_context

from kantoor.models import InterneRol, Medewerker
from relaties.models import Relatie
from taken.models import Overeenkomst, Proces, Taak
from teams.models import Teamlid
from tests.factories import InterneRolFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def boekhouder(kantoor):
    return InterneRolFactory(kantoor=kantoor, naam="Boekhouder", code="BH")


def relaties(kantoor, medewerker, aantal: int, rollen: list[InterneRol]) -> list[Relatie]:
    """`aantal` clients with `medewerker` as klantbeheerder and in `rollen`, in bulk."""
    nieuw = [
        Relatie(kantoor=kantoor, code=f"{i + 1:04d}", naam=f"Klant {i}") for i in range(aantal)
    ]
    for relatie in nieuw:
        relatie.bijwerken_zoektekst()
    gemaakt = Relatie.objects.bulk_create(nieuw)
    Teamlid.objects.bulk_create(
        Teamlid(kantoor=kantoor, relatie=r, medewerker=medewerker, rol=rol)
        for r in gemaakt
        for rol in [kantoor.klantbeheerder_rol, *rollen]
    )
    return gemaakt


def taken(kantoor, relaties_: list[Relatie], per_relatie: int, rol: InterneRol) -> None:
    """Per relation one agreement and process with `per_relatie` open tasks on `rol`, in bulk."""
    overeenkomsten = Overeenkomst.objects.bulk_create(
        Overeenkomst(kantoor=kantoor, relatie=r, naam="Btw", startdatum=date(2027, 1, 1))
        for r in relaties_
    )
    processen = Proces.objects.bulk_create(
        Proces(
            kantoor=kantoor,
            overeenkomst=o,
            naam="Btw 2027-Q1",
            periode_start=date(2027, 1, 1),
            periode_eind=date(2027, 3, 31),
            periode_label="2027-Q1",
        )
        for o in overeenkomsten
    )
    Taak.objects.bulk_create(
        Taak(
            kantoor=kantoor,
            proces=p,
            relatie_id=p.overeenkomst.relatie_id,
            rol=rol,
            naam=f"Taak {i}",
            periode_label="2027-Q1",
            vervaldatum=date(2027, 4, 30),
        )
        for p in processen
        for i in range(per_relatie)
    )


def aantal_queries(client, url: str) -> int:
    client.get(url)  # first use creates per-office rows (task settings) once
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("aantal", [5, 50])
def test_mijn_taken_query_count(aantal, medewerker_client, kantoor, medewerker, boekhouder):
    """Issue 11 row 5: Mijn taken, 5 or 50 rows (D4)."""
    taken(kantoor, relaties(kantoor, medewerker, aantal, [boekhouder]), 1, boekhouder)
    # session, user, colleagues and his roles/relations for the filters, tasks, permissions,
    # settings; no COUNT while the view fits one page (issue 10 item 1)
    assert aantal_queries(medewerker_client, reverse("taken:taak_list")) == 7


@pytest.mark.parametrize("aantal", [5, 50])
def test_relation_list_query_count(aantal, medewerker_client, kantoor, medewerker):
    """Issue 11 row 5: Relaties, 5 or 50 rows with their klantbeheerders."""
    relaties(kantoor, medewerker, aantal, [])
    # +1 since issue 10: the office's own name of the klantbeheerder role (D1), once per request
    assert aantal_queries(medewerker_client, reverse("relaties:relatie_list")) == 7


@pytest.mark.parametrize("aantal", [5, 50])
def test_team_tab_query_count(aantal, medewerker_client, kantoor, medewerker, boekhouder):
    """Issue 11 row 5: Teamleden with 5 or 50 members (R1)."""
    relatie = relaties(kantoor, medewerker, 1, [])[0]
    leden = Medewerker.objects.bulk_create(
        Medewerker(kantoor=kantoor, code=f"M{i}", naam=f"Lid {i}", email=f"lid{i}@x.example")
        for i in range(aantal - 1)
    )
    Teamlid.objects.bulk_create(
        Teamlid(kantoor=kantoor, relatie=relatie, medewerker=m, rol=boekhouder) for m in leden
    )
    assert aantal_queries(medewerker_client, reverse("teams:teamlid_list", args=[relatie.pk])) == 8


@pytest.mark.parametrize("aantal", [5, 50])
def test_work_tab_query_count(aantal, medewerker_client, kantoor, medewerker, boekhouder):
    """Issue 11 row 5: Overeenkomsten & taken with 5 or 50 open tasks (D6, D7)."""
    relatie = relaties(kantoor, medewerker, 1, [boekhouder])[0]
    taken(kantoor, [relatie], aantal, boekhouder)
    url = reverse("taken_relatie:relatie_werk", args=[relatie.pk])
    # session, user, relation, agreements, their templates, processes, tasks with is_belegd
    assert aantal_queries(medewerker_client, url) == 7


@pytest.mark.parametrize("aantal", [5, 50])
def test_niet_belegd_query_count(aantal, medewerker_client, kantoor, medewerker, boekhouder):
    """Issue 11 row 5: Niet belegde taken with 5 or 50 unstaffed relations (D7)."""
    taken(kantoor, relaties(kantoor, medewerker, aantal, []), 1, boekhouder)
    # session, user, the grouped anti-join, and the names of its relations and roles
    assert aantal_queries(medewerker_client, reverse("taken:niet_belegd")) == 5


def test_the_suite_fails_on_an_n_plus_one(kantoor, medewerker, boekhouder):
    """Issue 11 row 5: reading a lazily loaded relation in a loop raises under django-zeal,
    which every request of the suite runs under (conftest.py)."""
    relaties(kantoor, medewerker, 3, [boekhouder])

    with zeal_context(), pytest.raises(NPlusOneError):
        [lid.medewerker.naam for lid in Teamlid.objects.filter(rol=boekhouder)]

    with zeal_context():  # the same, loaded in the query: fine
        [
            lid.medewerker.naam
            for lid in Teamlid.objects.filter(rol=boekhouder).select_related("medewerker")
        ]


def test_every_request_runs_under_zeal(settings):
    """Issue 11 row 5: the guard is on for the whole suite."""
    assert "zeal.middleware.zeal_middleware" in settings.MIDDLEWARE
    assert settings.ZEAL_RAISE is True
