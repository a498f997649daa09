"""D9 in the database itself: raw SQL cannot link rows of two offices (issue 9 item 8).

Every link between office rows is tried in raw SQL, as an INSERT and as an UPDATE, with a row of
office A pointing at office B: the database refuses it (on PostgreSQL with SQLSTATE 23514 and
the trigger's name). The same link within one office is accepted. And a row that others name
cannot move to another office, which would leave them behind in the old one.

The triggers are in relaties 0002, teams 0003/0004 and taken 0002; SQLite has them too.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction

from kantoor.models import Medewerker
from teams.models import Teamlid
from tests.factories import InterneRolFactory, MedewerkerFactory
from tests.relaties.factories import RelatieFactory
from tests.taken.factories import OvereenkomstFactory
from tests.wereld import Wereld, gedeelde_wereld

pytestmark = pytest.mark.django_db

SQLSTATE_CHECK = "23514"

# Which row of the world a table's rows are: the child row of office A, and the parent of B.
RIJ_VAN_TABEL = {
    "relaties_relatie": "relatie",
    "relaties_connectie": "connectie",
    "kantoor_medewerker": "medewerker",
    "kantoor_internerol": "rol",
    "teams_teamlid": "teamlid",
    "teams_teamwijziging": "teamwijziging",
    "taken_overeenkomst": "overeenkomst",
    "taken_taaksjabloon": "taaksjabloon",
    "taken_proces": "proces",
    "taken_taak": "taak",
    "taken_taakgebeurtenis": "taakgebeurtenis",
    "taken_agendatoken": "agendatoken",
}

# Every link between office rows that the database guards: (table, column, parent table).
KOPPELINGEN = [
    ("relaties_connectie", "relatie_a_id", "relaties_relatie"),
    ("relaties_connectie", "relatie_b_id", "relaties_relatie"),
    ("teams_teamlid", "relatie_id", "relaties_relatie"),
    ("teams_teamlid", "medewerker_id", "kantoor_medewerker"),
    ("teams_teamlid", "rol_id", "kantoor_internerol"),
    ("teams_teamwijziging", "relatie_id", "relaties_relatie"),
    ("teams_teamwijziging", "medewerker_id", "kantoor_medewerker"),
    ("teams_teamwijziging", "rol_id", "kantoor_internerol"),
    ("taken_overeenkomst", "relatie_id", "relaties_relatie"),
    ("taken_taaksjabloon", "overeenkomst_id", "taken_overeenkomst"),
    ("taken_taaksjabloon", "rol_id", "kantoor_internerol"),
    ("taken_proces", "overeenkomst_id", "taken_overeenkomst"),
    ("teams_teamwijziging", "vorige_rol_id", "kantoor_internerol"),
    ("taken_taak", "proces_id", "taken_proces"),
    ("taken_taak", "relatie_id", "relaties_relatie"),
    ("taken_taak", "rol_id", "kantoor_internerol"),
    ("taken_taak", "sjabloon_id", "taken_taaksjabloon"),
    ("taken_taak", "opgepakt_door_id", "kantoor_medewerker"),
    ("taken_taak", "gereed_door_id", "kantoor_medewerker"),
    ("taken_taakgebeurtenis", "taak_id", "taken_taak"),
    ("taken_agendatoken", "medewerker_id", "kantoor_medewerker"),
]
TABELLEN = sorted({tabel for tabel, _kolom, _ouder in KOPPELINGEN})


@pytest.fixture(scope="module")
def wereld(django_db_setup, django_db_blocker):
    with gedeelde_wereld(django_db_blocker) as wereld:
        yield wereld


def kolommen(tabel: str) -> list[str]:
    with connection.cursor() as cursor:
        beschrijving = connection.introspection.get_table_description(cursor, tabel)
    return [k.name for k in beschrijving if k.name != "id"]


def kopieer(tabel: str, rij_id: int, anders: dict[str, Any]) -> None:
    """INSERT a copy of row `rij_id` of `tabel` with the columns in `anders` replaced."""
    namen = kolommen(tabel)
    waarden = [("%s" if naam in anders else naam) for naam in namen]
    params = [anders[naam] for naam in namen if naam in anders]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {tabel} ({', '.join(namen)}) "
            f"SELECT {', '.join(waarden)} FROM {tabel} WHERE id = %s",
            [*params, rij_id],
        )


def wijzig(tabel: str, rij_id: int, kolom: str, waarde: Any) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {tabel} SET {kolom} = %s WHERE id = %s", [waarde, rij_id])


def geweigerd(fout: pytest.ExceptionInfo, trigger: str | None) -> None:
    """The refusal is the trigger's own: its name in the message, SQLSTATE 23514 on PG."""
    if trigger is not None:
        assert trigger in str(fout.value), str(fout.value)
    if connection.vendor == "postgresql":
        assert fout.value.__cause__.sqlstate == SQLSTATE_CHECK, fout.value.__cause__


def aantal(tabel: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {tabel}")
        return cursor.fetchone()[0]


@pytest.mark.parametrize(("tabel", "kolom", "ouder"), KOPPELINGEN)
def test_raw_insert_linking_another_office_is_refused(wereld: Wereld, tabel, kolom, ouder):
    """D9: a row of office A whose column names a row of office B cannot be inserted."""
    rij = wereld.a[RIJ_VAN_TABEL[tabel]]
    vreemd = wereld.b[RIJ_VAN_TABEL[ouder]]
    voor = aantal(tabel)

    with pytest.raises(IntegrityError) as fout, transaction.atomic():
        kopieer(tabel, rij.pk, {kolom: vreemd.pk})

    geweigerd(fout, f"{tabel}_zelfde_kantoor")
    assert aantal(tabel) == voor


@pytest.mark.parametrize(("tabel", "kolom", "ouder"), KOPPELINGEN)
def test_raw_update_linking_another_office_is_refused(wereld: Wereld, tabel, kolom, ouder):
    """D9: an existing row of office A cannot be pointed at a row of office B."""
    rij = wereld.a[RIJ_VAN_TABEL[tabel]]
    vreemd = wereld.b[RIJ_VAN_TABEL[ouder]]

    with pytest.raises(IntegrityError) as fout, transaction.atomic():
        wijzig(tabel, rij.pk, kolom, vreemd.pk)

    geweigerd(fout, f"{tabel}_zelfde_kantoor")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {kolom} FROM {tabel} WHERE id = %s", [rij.pk])
        assert cursor.fetchone()[0] == getattr(rij, kolom)


@pytest.mark.parametrize("tabel", TABELLEN)
def test_raw_update_moving_a_row_to_another_office_is_refused(wereld: Wereld, tabel):
    """D9: a row cannot change office while it names rows of its old one."""
    rij = wereld.a[RIJ_VAN_TABEL[tabel]]

    with pytest.raises(IntegrityError) as fout, transaction.atomic():
        wijzig(tabel, rij.pk, "kantoor_id", wereld.b.kantoor.pk)

    geweigerd(fout, None)


def zelfde_kantoor_kopie(wereld: Wereld, tabel: str) -> dict[str, Any]:
    """What a copy of office A's row changes to be a new, valid row of office A."""
    a = wereld.a
    nieuw_paar = sorted([a["relatie"].pk, a["derde"].pk])
    return {
        "relaties_connectie": {"relatie_a_id": nieuw_paar[0], "relatie_b_id": nieuw_paar[1]},
        "teams_teamlid": {
            "medewerker_id": a["collega"].pk,
            "rol_id": a["klantbeheerder_rol"].pk,
        },
        "taken_proces": {"periode_label": "2027-Q2"},
        "taken_agendatoken": {"medewerker_id": a["collega"].pk, "token": "een-ander-geheim"},
        "taken_taak": {"opgepakt_door_id": a["collega"].pk, "gereed_door_id": a["medewerker"].pk},
    }.get(tabel, {})


@pytest.mark.parametrize("tabel", TABELLEN)
def test_raw_insert_within_one_office_is_accepted(wereld: Wereld, tabel):
    """R3/D9: the triggers let every consistent row through."""
    rij = wereld.a[RIJ_VAN_TABEL[tabel]]
    voor = aantal(tabel)

    kopieer(tabel, rij.pk, zelfde_kantoor_kopie(wereld, tabel))

    assert aantal(tabel) == voor + 1


# --- A row that others name cannot move to another office ------------------------------------


def relatie_met_overeenkomst(a) -> Any:
    """A client named by an agreement (and by its team), but by no connectie."""
    relatie = RelatieFactory(kantoor=a.kantoor, code="Z009", aangemaakt_door=a["beheerder"])
    OvereenkomstFactory(kantoor=a.kantoor, relatie=relatie)
    return relatie


def rol_in_team(a) -> Any:
    """An ordinary role that a team member holds and no task or template uses."""
    rol = InterneRolFactory(kantoor=a.kantoor, code="TEAM")
    Teamlid.objects.create(kantoor=a.kantoor, relatie=a["derde"], medewerker=a["collega"], rol=rol)
    return rol


# The trigger that refuses -> a row of office A named by only that trigger's kind of rows (or by
# others whose triggers fire after it: PostgreSQL fires a table's BEFORE triggers by name).
NAAMGEVERS = {
    # Named by the connectie (and by its team: teams_ fires later).
    "relaties_relatie_kantoor_vast": lambda a: a["contact"],
    "taken_relatie_kantoor_vast": relatie_met_overeenkomst,
    "teams_relatie_kantoor_vast": lambda a: a["derde"],
    # On a team, with no task picked up and no calendar link.
    "teams_medewerker_kantoor_vast": lambda a: a["collega"],
    # Picked up a task and has a calendar link.
    "taken_medewerker_kantoor_vast": lambda a: a["medewerker"],
    "teams_internerol_kantoor_vast": rol_in_team,
    "taken_internerol_kantoor_vast": lambda a: a["rol"],
    "taken_overeenkomst_kantoor_vast": lambda a: a["overeenkomst"],
    "taken_proces_kantoor_vast": lambda a: a["proces"],
    "taken_taaksjabloon_kantoor_vast": lambda a: a["taaksjabloon"],
    "taken_taak_kantoor_vast": lambda a: a["taak"],
}


def verhuis(tabel: str, rij_id: int, kantoor_id: int) -> None:
    wijzig(tabel, rij_id, "kantoor_id", kantoor_id)


@pytest.mark.parametrize("trigger", NAAMGEVERS)
def test_a_named_row_cannot_move_to_another_office(wereld: Wereld, trigger):
    """D9 (issue 9's predecessor: moving an employee was not guarded): moving a relation,
    employee, role, agreement, process, template or task to another office is refused while
    rows of its old office name it, so that none is left behind."""
    naamgever = NAAMGEVERS[trigger](wereld.a)

    with pytest.raises(IntegrityError) as fout, transaction.atomic():
        verhuis(naamgever._meta.db_table, naamgever.pk, wereld.b.kantoor.pk)

    # SQLite's order of triggers is its own: there only the refusal itself is checked.
    geweigerd(fout, trigger if connection.vendor == "postgresql" else None)


def test_a_row_nobody_names_may_move(wereld: Wereld):
    """The guards refuse only what would leave rows behind: a new employee and a new role,
    named by nothing yet, can still be moved by the platform."""
    medewerker = MedewerkerFactory(kantoor=wereld.a.kantoor, code="NIEUW", password=None)
    rol = InterneRolFactory(kantoor=wereld.a.kantoor, code="NIEUW")

    verhuis("kantoor_medewerker", medewerker.pk, wereld.b.kantoor.pk)
    verhuis("kantoor_internerol", rol.pk, wereld.b.kantoor.pk)

    medewerker.refresh_from_db()
    rol.refresh_from_db()
    assert medewerker.kantoor_id == rol.kantoor_id == wereld.b.kantoor.pk


@pytest.mark.parametrize("model", ["medewerker", "internerol"])
def test_beheer_keeps_an_employee_or_role_in_its_office(client, wereld: Wereld, model):
    """D9, no 500: in Beheer the platform sees a saved employee's or role's office but cannot
    change it (the database would refuse the move); the rest of the form still saves."""
    platform = Medewerker.objects.create_superuser(
        "platform@kantoor.example", None, naam="Platformbeheer"
    )
    rij = wereld.a["medewerker" if model == "medewerker" else "rol"]
    velden = {
        "medewerker": {"code": rij.code, "naam": "Nieuwe naam", "taal": "nl", "is_active": "on"},
        "internerol": {"code": rij.code, "naam": "Nieuwe naam", "actief": "on"},
    }[model]
    client.force_login(platform)

    response = client.post(
        f"/beheer/kantoor/{model}/{rij.pk}/change/", {**velden, "kantoor": wereld.b.kantoor.pk}
    )

    assert response.status_code == 302
    rij.refresh_from_db()
    assert (rij.naam, rij.kantoor_id) == ("Nieuwe naam", wereld.a.kantoor.pk)
