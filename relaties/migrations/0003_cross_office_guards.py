"""D9 in the database: a connectie links two relations of its own office, and a relation named by
a connectie cannot move to another office and leave the link behind (issue 9 item 8).

Triggers rather than composite foreign keys on (id, kantoor_id): the same refusal as the
teams trigger (teams 0003, SQLSTATE 23514), no new unique constraints on the parents and no
change to any model field, so the ORM and its migrations stay as they are. Only PostgreSQL is
required; SQLite gets the same rules (its triggers go with a table that SQLite remakes, which
the tests would show).

Actors in history columns (who created, started, added or did something) are left out: they
grant no visibility, and a platform superuser without an office may be one.
"""

from django.db import migrations

# table -> [(column, parent table)]: the column must name a row of the same office.
KINDEREN = {
    "relaties_connectie": [
        ("relatie_a_id", "relaties_relatie"),
        ("relatie_b_id", "relaties_relatie"),
    ],
}

# trigger -> (parent table, [(table, column)]): the parent cannot move to another office while
# these rows name it.
OUDERS = {
    "relaties_relatie_kantoor_vast": (
        "relaties_relatie",
        [("relaties_connectie", "relatie_a_id"), ("relaties_connectie", "relatie_b_id")],
    ),
}

# --- Generated SQL (the same few lines in relaties, teams and taken: migrations import nothing) ---


def pg_kind(tabel: str, koppelingen: list[tuple[str, str]]) -> tuple[str, str]:
    """A row of `tabel` may only name rows of its own office (checked on insert, and on an
    update of the office or of a linking column)."""
    naam = f"{tabel}_zelfde_kantoor"
    controles = "\n".join(
        f"    IF NEW.{kolom} IS NOT NULL AND NOT EXISTS ("
        f"SELECT 1 FROM {ouder} WHERE id = NEW.{kolom} AND kantoor_id = NEW.kantoor_id) THEN\n"
        f"        RAISE EXCEPTION '{naam}: {tabel}.{kolom} names a row of {ouder} of another office'"
        f" USING ERRCODE = '23514';\n"
        f"    END IF;"
        for kolom, ouder in koppelingen
    )
    kolommen = ", ".join(["kantoor_id", *(kolom for kolom, _ouder in koppelingen)])
    maak = (
        f"CREATE FUNCTION {naam}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n{controles}\n"
        f"    RETURN NEW;\nEND $$;\n"
        f"CREATE TRIGGER {naam} BEFORE INSERT OR UPDATE OF {kolommen} ON {tabel}\n"
        f"    FOR EACH ROW EXECUTE FUNCTION {naam}();"
    )
    return maak, f"DROP TRIGGER IF EXISTS {naam} ON {tabel};\nDROP FUNCTION IF EXISTS {naam}();"


def pg_ouder(naam: str, ouder: str, kinderen: list[tuple[str, str]]) -> tuple[str, str]:
    """A row of `ouder` cannot move to another office while rows of `kinderen` name it."""
    controles = "\n".join(
        f"    IF EXISTS (SELECT 1 FROM {tabel} WHERE {kolom} = NEW.id "
        f"AND kantoor_id IS DISTINCT FROM NEW.kantoor_id) THEN\n"
        f"        RAISE EXCEPTION '{naam}: {ouder} % is named by {tabel}.{kolom} in its office', NEW.id"
        f" USING ERRCODE = '23514';\n"
        f"    END IF;"
        for tabel, kolom in kinderen
    )
    maak = (
        f"CREATE FUNCTION {naam}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n{controles}\n"
        f"    RETURN NEW;\nEND $$;\n"
        f"CREATE TRIGGER {naam} BEFORE UPDATE OF kantoor_id ON {ouder}\n"
        f"    FOR EACH ROW WHEN (OLD.kantoor_id IS DISTINCT FROM NEW.kantoor_id)\n"
        f"    EXECUTE FUNCTION {naam}();"
    )
    return maak, f"DROP TRIGGER IF EXISTS {naam} ON {ouder};\nDROP FUNCTION IF EXISTS {naam}();"


def sqlite_kind(tabel: str, koppelingen: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
    naam = f"{tabel}_zelfde_kantoor"
    voorwaarde = " OR ".join(
        f"(NEW.{kolom} IS NOT NULL AND NOT EXISTS ("
        f"SELECT 1 FROM {ouder} WHERE id = NEW.{kolom} AND kantoor_id = NEW.kantoor_id))"
        for kolom, ouder in koppelingen
    )
    kolommen = ", ".join(["kantoor_id", *(kolom for kolom, _ouder in koppelingen)])
    fout = f"SELECT RAISE(ABORT, '{naam}: {tabel} names a row of another office');"
    return (
        [
            f"CREATE TRIGGER {naam}_insert BEFORE INSERT ON {tabel} FOR EACH ROW "
            f"WHEN {voorwaarde} BEGIN {fout} END",
            f"CREATE TRIGGER {naam}_update BEFORE UPDATE OF {kolommen} ON {tabel} FOR EACH ROW "
            f"WHEN {voorwaarde} BEGIN {fout} END",
        ],
        [f"DROP TRIGGER IF EXISTS {naam}_insert", f"DROP TRIGGER IF EXISTS {naam}_update"],
    )


def sqlite_ouder(
    naam: str, ouder: str, kinderen: list[tuple[str, str]]
) -> tuple[list[str], list[str]]:
    voorwaarde = " OR ".join(
        f"EXISTS (SELECT 1 FROM {tabel} WHERE {kolom} = NEW.id AND kantoor_id IS NOT NEW.kantoor_id)"
        for tabel, kolom in kinderen
    )
    return (
        [
            f"CREATE TRIGGER {naam} BEFORE UPDATE OF kantoor_id ON {ouder} FOR EACH ROW "
            f"WHEN OLD.kantoor_id IS NOT NEW.kantoor_id AND ({voorwaarde}) "
            f"BEGIN SELECT RAISE(ABORT, '{naam}: {ouder} is named by rows in its office'); END"
        ],
        [f"DROP TRIGGER IF EXISTS {naam}"],
    )


def sql(vendor: str) -> tuple[list[str], list[str]]:
    """(create, drop) statements for this database; nothing for other vendors."""
    maak: list[str] = []
    terug: list[str] = []
    if vendor == "postgresql":
        delen = [pg_kind(t, k) for t, k in KINDEREN.items()]
        delen += [pg_ouder(n, o, k) for n, (o, k) in OUDERS.items()]
        maak, terug = [d[0] for d in delen], [d[1] for d in delen]
    elif vendor == "sqlite":
        for t, k in KINDEREN.items():
            m, d = sqlite_kind(t, k)
            maak += m
            terug += d
        for n, (o, k) in OUDERS.items():
            m, d = sqlite_ouder(n, o, k)
            maak += m
            terug += d
    return maak, list(reversed(terug))


def maak_bewaking(apps, schema_editor):
    for statement in sql(schema_editor.connection.vendor)[0]:
        schema_editor.execute(statement, params=None)


def verwijder_bewaking(apps, schema_editor):
    for statement in sql(schema_editor.connection.vendor)[1]:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        # After the field changes: on SQLite a table rebuild would drop these triggers.
        ("relaties", "0002_namen_enkele_regel"),
    ]

    operations = [
        migrations.RunPython(maak_bewaking, verwijder_bewaking),
    ]
