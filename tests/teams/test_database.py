"""The database keeps the team rules itself (R2, D2, D9), whatever path writes the rows.

The races run on PostgreSQL with a thread per connection; the cross-office refusal on both
PostgreSQL and SQLite.
"""

from __future__ import annotations

import threading

import psycopg
import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from kantoor.models import InterneRol, Medewerker
from kantoor.services import DeactivatieGeweigerd, deactiveer_medewerkers
from relaties.models import Relatie
from teams import services
from teams.models import SQLSTATE_GEEN_KLANTBEHEERDER, Teamlid
from tests.factories import MedewerkerFactory
from tests.relaties.factories import RelatieFactory

RONDES = 200


def insert_teamlid(kantoor_id: int, relatie_id: int, medewerker_id: int, rol_id: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO teams_teamlid (kantoor_id, relatie_id, medewerker_id, rol_id, "
            "toegevoegd_op) VALUES (%s, %s, %s, %s, CURRENT_TIMESTAMP)",
            [kantoor_id, relatie_id, medewerker_id, rol_id],
        )


@pytest.mark.django_db
def test_database_refuses_an_employee_of_another_office(kantoor, relatie, vreemde):
    """D9: a team member whose employee belongs to another office is refused in raw SQL."""
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_teamlid(kantoor.pk, relatie.pk, vreemde.pk, kantoor.klantbeheerder_rol.pk)


@pytest.mark.django_db
def test_database_refuses_a_role_of_another_office(kantoor, relatie, collega, ander_kantoor):
    """D9: a team member in another office's role is refused in raw SQL."""
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_teamlid(kantoor.pk, relatie.pk, collega.pk, ander_kantoor.klantbeheerder_rol.pk)


@pytest.mark.django_db
def test_database_refuses_a_relation_of_another_office(
    kantoor, collega, vreemde_relatie, ander_kantoor
):
    """D9: a team member of office A on office B's relation is refused in raw SQL."""
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_teamlid(kantoor.pk, vreemde_relatie.pk, collega.pk, kantoor.klantbeheerder_rol.pk)


@pytest.mark.django_db
def test_database_refuses_moving_a_member_to_another_office(relatie, ander_kantoor):
    """D9: an update that makes the office disagree is refused as well."""
    teamlid = Teamlid.objects.get(relatie=relatie)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE teams_teamlid SET kantoor_id = %s WHERE id = %s",
            [ander_kantoor.pk, teamlid.pk],
        )


@pytest.mark.django_db
def test_database_accepts_a_member_of_the_same_office(kantoor, relatie, collega):
    """R3: the trigger lets a consistent row through."""
    insert_teamlid(kantoor.pk, relatie.pk, collega.pk, kantoor.klantbeheerder_rol.pk)
    assert relatie.teamleden.count() == 2


# --- PostgreSQL: the deferred klantbeheerder trigger and the races ------------------------------


def in_thread(werk, *args):
    """Runs `werk` in a thread with its own database connection; returns (result, error)."""
    uitkomst: dict = {}

    def run() -> None:
        try:
            uitkomst["resultaat"] = werk(*args)
        except Exception as fout:
            uitkomst["fout"] = fout
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, uitkomst


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_colleagues_removing_both_klantbeheerders_at_once_leave_one(kantoor):
    """D2: two concurrent removals of a relation's two klantbeheerders: exactly one succeeds,
    the other gets the friendly error, and no relation is ever left without one (x200)."""
    a = MedewerkerFactory(kantoor=kantoor, code="KBA")
    b = MedewerkerFactory(kantoor=kantoor, code="KBB")
    rol = kantoor.klantbeheerder_rol

    for ronde in range(RONDES):
        relatie = RelatieFactory(kantoor=kantoor, code=f"R{ronde:04d}", aangemaakt_door=a)
        services.add_member(relatie, b, rol, door=a)
        leden = list(Teamlid.objects.filter(relatie=relatie).order_by("pk"))
        barrier = threading.Barrier(2)

        runs = [
            in_thread(verwijder, barrier, leden[0], b),
            in_thread(verwijder, barrier, leden[1], a),
        ]
        for thread, _uitkomst in runs:
            thread.join(timeout=30)
        fouten = [u.get("fout") for _t, u in runs if "fout" in u]
        assert len(fouten) == 1, (ronde, fouten)
        assert isinstance(fouten[0], services.LaatsteKlantbeheerder), (ronde, fouten)
        assert "voeg eerst een andere klantbeheerder toe" in str(fouten[0].melding).lower() or (
            "add another client manager first" in fouten[0].melding
        )
        assert Teamlid.objects.klantbeheerders().filter(relatie=relatie).count() == 1

    zonder = Relatie.objects.for_kantoor(kantoor).exclude(
        pk__in=Teamlid.objects.klantbeheerders().values("relatie_id")
    )
    assert not zonder.exists()


def verwijder(barrier: threading.Barrier, teamlid: Teamlid, door: Medewerker) -> None:
    barrier.wait(timeout=10)
    services.remove_role(teamlid, door=door)


def commit_na(
    barrier: threading.Barrier, fouten: list, verbinding: psycopg.Connection, teamlid_id: int
) -> None:
    verbinding.execute("DELETE FROM teams_teamlid WHERE id = %s", [teamlid_id])
    barrier.wait(timeout=10)
    try:
        verbinding.commit()
    except psycopg.Error as fout:
        fouten.append(fout)


def raw_connectie() -> psycopg.Connection:
    """A psycopg connection of its own, bypassing Django altogether."""
    instellingen = connection.settings_dict
    return psycopg.connect(
        dbname=instellingen["NAME"],
        user=instellingen["USER"],
        password=instellingen["PASSWORD"] or None,
        host=instellingen["HOST"] or None,
        port=instellingen["PORT"] or None,
    )


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_raw_sql_race_second_commit_fails(kantoor, medewerker, collega):
    """D2 in the database itself: two raw connections each delete one of the two
    klantbeheerders; the first COMMIT passes, the second fails with SQLSTATE 23K01."""
    relatie = RelatieFactory(kantoor=kantoor, aangemaakt_door=medewerker)
    services.add_member(relatie, collega, kantoor.klantbeheerder_rol, door=medewerker)
    ids = list(Teamlid.objects.filter(relatie=relatie).order_by("pk").values_list("pk", flat=True))

    eerste, tweede = raw_connectie(), raw_connectie()
    try:
        eerste.execute("DELETE FROM teams_teamlid WHERE id = %s", [ids[0]])
        tweede.execute("DELETE FROM teams_teamlid WHERE id = %s", [ids[1]])
        eerste.commit()
        with pytest.raises(psycopg.Error) as fout:
            tweede.commit()
        assert fout.value.sqlstate == SQLSTATE_GEEN_KLANTBEHEERDER
    finally:
        eerste.close()
        tweede.close()
    assert Teamlid.objects.filter(relatie=relatie).count() == 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_raw_sql_race_with_simultaneous_commits_lets_exactly_one_through(
    kantoor, medewerker, collega
):
    """D2: the trigger locks the relation's row, so even commits at the same moment serialise."""
    for ronde in range(20):
        relatie = RelatieFactory(kantoor=kantoor, code=f"S{ronde:03d}", aangemaakt_door=medewerker)
        services.add_member(relatie, collega, kantoor.klantbeheerder_rol, door=medewerker)
        ids = Teamlid.objects.filter(relatie=relatie).order_by("pk").values_list("pk", flat=True)
        verbindingen = [raw_connectie(), raw_connectie()]
        barrier = threading.Barrier(2)
        fouten: list[psycopg.Error] = []

        threads = [
            threading.Thread(target=commit_na, args=(barrier, fouten, v, i))
            for v, i in zip(verbindingen, ids, strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        for verbinding in verbindingen:
            verbinding.close()
        assert [f.sqlstate for f in fouten] == [SQLSTATE_GEEN_KLANTBEHEERDER], ronde
        assert Teamlid.objects.filter(relatie=relatie).count() == 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_swapping_the_klantbeheerder_in_one_transaction_succeeds(kantoor, medewerker, collega):
    """D2 is checked at commit: removing the only klantbeheerder and adding another one in the
    same transaction is fine."""
    relatie = RelatieFactory(kantoor=kantoor, aangemaakt_door=medewerker)
    with transaction.atomic():
        Teamlid.objects.filter(relatie=relatie).delete()
        Teamlid.objects.create(
            kantoor=kantoor, relatie=relatie, medewerker=collega, rol=kantoor.klantbeheerder_rol
        )
    assert list(
        Teamlid.objects.klantbeheerders()
        .filter(relatie=relatie)
        .values_list("medewerker", flat=True)
    ) == [collega.pk]


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_removing_the_only_klantbeheerder_fails_at_commit(kantoor, medewerker):
    """D2: the ORM bypassing the services cannot commit a relation without klantbeheerder."""
    relatie = RelatieFactory(kantoor=kantoor, aangemaakt_door=medewerker)
    with pytest.raises(DatabaseError) as fout, transaction.atomic():
        Teamlid.objects.filter(relatie=relatie).delete()
    assert services.is_geen_klantbeheerder_fout(fout.value)
    assert Teamlid.objects.filter(relatie=relatie).count() == 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_raw_insert_of_a_relation_without_klantbeheerder_fails_at_commit(kantoor, medewerker):
    """R2/D3: a relation committed without a klantbeheerder is refused by the database."""
    bron = RelatieFactory(kantoor=kantoor, code="1001", aangemaakt_door=medewerker)
    kolommen = [f.column for f in Relatie._meta.concrete_fields if f.column not in {"id", "code"}]
    lijst = ", ".join(kolommen)
    verbinding = raw_connectie()
    try:
        verbinding.execute(
            f"INSERT INTO relaties_relatie (code, {lijst}) "
            f"SELECT 'ZONDER', {lijst} FROM relaties_relatie WHERE id = %s",
            [bron.pk],
        )
        with pytest.raises(psycopg.Error) as fout:
            verbinding.commit()
        assert fout.value.sqlstate == SQLSTATE_GEEN_KLANTBEHEERDER
    finally:
        verbinding.close()
    assert not Relatie.objects.filter(code="ZONDER").exists()


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_relation_created_with_its_creator_passes_the_insert_trigger(kantoor, medewerker):
    """D3: the creator joins in the same transaction, so the deferred check on insert passes."""
    relatie = Relatie.objects.create(
        kantoor=kantoor, code="2001", naam="Nieuw", aangemaakt_door=medewerker
    )
    assert Teamlid.objects.klantbeheerders().filter(relatie=relatie).exists()


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_services_map_the_triggers_refusal_to_the_friendly_error(kantoor, medewerker, collega):
    """D2: when the trigger refuses (here after a write that bypassed the services in the same
    transaction), the service raises LaatsteKlantbeheerder rather than a database error."""
    relatie = RelatieFactory(kantoor=kantoor, aangemaakt_door=medewerker)
    boekhouder = InterneRol.objects.create(kantoor=kantoor, naam="Boekhouder", code="BOEK")
    with pytest.raises(services.LaatsteKlantbeheerder), transaction.atomic():
        Teamlid.objects.filter(relatie=relatie).delete()
        services.add_member(relatie, collega, boekhouder, door=medewerker)
    assert Teamlid.objects.klantbeheerders().filter(relatie=relatie).count() == 1


def deactiveer(barrier: threading.Barrier, kantoor, medewerker: Medewerker) -> None:
    barrier.wait(timeout=10)
    deactiveer_medewerkers(kantoor, Medewerker.objects.filter(pk=medewerker.pk))


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_deactivation_and_removal_of_the_other_klantbeheerder_serialise(kantoor):
    """D2/D8: while one colleague removes klantbeheerder A, an admin deactivates klantbeheerder
    B at the same moment: exactly one succeeds, so the relation keeps an active one (x50)."""
    for ronde in range(50):
        a = MedewerkerFactory(kantoor=kantoor, code=f"A{ronde}")
        b = MedewerkerFactory(kantoor=kantoor, code=f"B{ronde}")
        relatie = RelatieFactory(kantoor=kantoor, code=f"D{ronde:03d}", aangemaakt_door=a)
        services.add_member(relatie, b, kantoor.klantbeheerder_rol, door=a)
        teamlid_a = Teamlid.objects.get(relatie=relatie, medewerker=a)
        barrier = threading.Barrier(2)

        runs = [
            in_thread(verwijder, barrier, teamlid_a, b),
            in_thread(deactiveer, barrier, kantoor, b),
        ]
        for thread, _uitkomst in runs:
            thread.join(timeout=30)
        fouten = [u["fout"] for _t, u in runs if "fout" in u]
        assert len(fouten) == 1, (ronde, fouten)
        assert isinstance(fouten[0], services.LaatsteKlantbeheerder | DeactivatieGeweigerd), fouten
        actief = Teamlid.objects.klantbeheerders().filter(
            relatie=relatie, medewerker__is_active=True
        )
        assert actief.exists(), ronde
