"""The database's own guards for teams (R2, D2, D9), and history for the teams that exist already.

1. A team member's relation, employee and role belong to the member's office: a trigger on
   PostgreSQL and on SQLite refuses anything else, whatever path writes the row.
2. PostgreSQL only: a deferrable, initially deferred constraint trigger refuses to commit a
   transaction that leaves a relation without a klantbeheerder (after a team member is deleted or
   changed, and after a relation is inserted). It first locks the relation's row, so that two
   concurrent transactions that each remove one of two klantbeheerders are serialised: the second
   one to commit sees the first's removal and fails with SQLSTATE 23K01. SQLite serialises writers
   itself, and there the service layer (teams/services.py) carries the rule.
3. Every existing team member gets an "added" line in the history, so that the history is complete.
"""

from django.db import migrations

PG_KANTOOR = """
CREATE FUNCTION teams_teamlid_zelfde_kantoor() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM relaties_relatie WHERE id = NEW.relatie_id AND kantoor_id = NEW.kantoor_id)
       OR NOT EXISTS (SELECT 1 FROM kantoor_medewerker WHERE id = NEW.medewerker_id AND kantoor_id = NEW.kantoor_id)
       OR NOT EXISTS (SELECT 1 FROM kantoor_internerol WHERE id = NEW.rol_id AND kantoor_id = NEW.kantoor_id)
    THEN
        RAISE EXCEPTION 'teams_teamlid_zelfde_kantoor: relation, employee and role of a team member belong to its office'
            USING ERRCODE = '23514';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER teams_teamlid_zelfde_kantoor
    BEFORE INSERT OR UPDATE ON teams_teamlid
    FOR EACH ROW EXECUTE FUNCTION teams_teamlid_zelfde_kantoor();
"""

PG_KLANTBEHEERDER = """
CREATE FUNCTION teams_klantbeheerder_verplicht() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    rel bigint;
BEGIN
    IF TG_TABLE_NAME = 'relaties_relatie' THEN
        rel := NEW.id;
    ELSE
        rel := OLD.relatie_id;
    END IF;
    -- Lock the relation first: a concurrent transaction checking the same relation waits here
    -- until we commit, and then (a new statement, a new snapshot) sees what we did.
    PERFORM 1 FROM relaties_relatie WHERE id = rel FOR UPDATE;
    IF NOT FOUND THEN
        RETURN NULL;  -- the relation itself is gone in this transaction: nothing to keep
    END IF;
    IF NOT EXISTS (
        SELECT 1 FROM teams_teamlid t JOIN kantoor_internerol r ON r.id = t.rol_id
        WHERE t.relatie_id = rel AND r.systeemrol = 'klantbeheerder'
    ) THEN
        RAISE EXCEPTION 'teams_klantbeheerder_verplicht: relation % has no klantbeheerder', rel
            USING ERRCODE = '23K01';
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER teams_teamlid_klantbeheerder
    AFTER DELETE OR UPDATE OF relatie_id, rol_id ON teams_teamlid
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION teams_klantbeheerder_verplicht();
CREATE CONSTRAINT TRIGGER teams_relatie_klantbeheerder
    AFTER INSERT ON relaties_relatie
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION teams_klantbeheerder_verplicht();
"""

PG_TERUG = """
DROP TRIGGER IF EXISTS teams_relatie_klantbeheerder ON relaties_relatie;
DROP TRIGGER IF EXISTS teams_teamlid_klantbeheerder ON teams_teamlid;
DROP FUNCTION IF EXISTS teams_klantbeheerder_verplicht();
DROP TRIGGER IF EXISTS teams_teamlid_zelfde_kantoor ON teams_teamlid;
DROP FUNCTION IF EXISTS teams_teamlid_zelfde_kantoor();
"""

SQLITE_VOORWAARDE = """
    WHEN NOT EXISTS (SELECT 1 FROM relaties_relatie WHERE id = NEW.relatie_id AND kantoor_id = NEW.kantoor_id)
      OR NOT EXISTS (SELECT 1 FROM kantoor_medewerker WHERE id = NEW.medewerker_id AND kantoor_id = NEW.kantoor_id)
      OR NOT EXISTS (SELECT 1 FROM kantoor_internerol WHERE id = NEW.rol_id AND kantoor_id = NEW.kantoor_id)
    BEGIN
        SELECT RAISE(ABORT, 'teams_teamlid_zelfde_kantoor: relation, employee and role of a team member belong to its office');
    END
"""
SQLITE_KANTOOR = [
    f"CREATE TRIGGER teams_teamlid_zelfde_kantoor_{wanneer.split()[0].lower()} "
    f"BEFORE {wanneer} ON teams_teamlid FOR EACH ROW {SQLITE_VOORWAARDE}"
    for wanneer in ("INSERT", "UPDATE")
]
SQLITE_TERUG = [
    "DROP TRIGGER IF EXISTS teams_teamlid_zelfde_kantoor_insert",
    "DROP TRIGGER IF EXISTS teams_teamlid_zelfde_kantoor_update",
]


def maak_bewaking(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_KANTOOR, params=None)
        schema_editor.execute(PG_KLANTBEHEERDER, params=None)
    elif schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_KANTOOR:
            schema_editor.execute(sql)


def verwijder_bewaking(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_TERUG, params=None)
    elif schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_TERUG:
            schema_editor.execute(sql)


def geschiedenis_van_bestaande_teams(apps, schema_editor):
    Teamlid = apps.get_model("teams", "Teamlid")
    TeamWijziging = apps.get_model("teams", "TeamWijziging")
    TeamWijziging.objects.bulk_create(
        (
            TeamWijziging(
                kantoor_id=t.kantoor_id,
                relatie_id=t.relatie_id,
                medewerker_id=t.medewerker_id,
                rol_id=t.rol_id,
                actie="toegevoegd",
                door_id=t.toegevoegd_door_id,
                op=t.toegevoegd_op,
                bron="aanmaak",
            )
            for t in Teamlid.objects.iterator(chunk_size=2000)
        ),
        batch_size=2000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("teams", "0002_teamwijziging"),
    ]

    operations = [
        migrations.RunPython(maak_bewaking, verwijder_bewaking),
        migrations.RunPython(geschiedenis_van_bestaande_teams, migrations.RunPython.noop),
    ]
