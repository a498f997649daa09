"""History with the names of the moment and a role change as one line (issue 10).

`vorige_rol` names a role of the office like `rol` does, so the D9 guards of 0004 learn it: a
change row may only name a role of its own office, and a role named there cannot move. On SQLite
the constraint change remakes the table, which drops its triggers; they are made again here.
Rows from before this migration get today's names (the best that is known).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


KIND = "teams_teamwijziging"
KOPPELINGEN = [
    ("relatie_id", "relaties_relatie"),
    ("medewerker_id", "kantoor_medewerker"),
    ("rol_id", "kantoor_internerol"),
    ("vorige_rol_id", "kantoor_internerol"),
]
# trigger -> (parent, [(table, column)]), as in 0004, with the new column.
OUDERS = {
    "teams_relatie_kantoor_vast": (
        "relaties_relatie",
        [("teams_teamlid", "relatie_id"), ("teams_teamwijziging", "relatie_id")],
    ),
    "teams_medewerker_kantoor_vast": (
        "kantoor_medewerker",
        [("teams_teamlid", "medewerker_id"), ("teams_teamwijziging", "medewerker_id")],
    ),
    "teams_internerol_kantoor_vast": (
        "kantoor_internerol",
        [
            ("teams_teamlid", "rol_id"),
            ("teams_teamwijziging", "rol_id"),
            ("teams_teamwijziging", "vorige_rol_id"),
        ],
    ),
}


def zonder_vorige_rol(ouders):
    return {
        naam: (ouder, [k for k in kinderen if k[1] != "vorige_rol_id"])
        for naam, (ouder, kinderen) in ouders.items()
    }


def pg(koppelingen, ouders) -> list[str]:
    naam = f"{KIND}_zelfde_kantoor"
    controles = "\n".join(
        f"    IF NEW.{kolom} IS NOT NULL AND NOT EXISTS ("
        f"SELECT 1 FROM {ouder} WHERE id = NEW.{kolom} AND kantoor_id = NEW.kantoor_id) THEN\n"
        f"        RAISE EXCEPTION '{naam}: {KIND}.{kolom} names a row of {ouder} of another office'"
        f" USING ERRCODE = '23514';\n"
        f"    END IF;"
        for kolom, ouder in koppelingen
    )
    kolommen = ", ".join(["kantoor_id", *(kolom for kolom, _ouder in koppelingen)])
    statements = [
        f"DROP TRIGGER IF EXISTS {naam} ON {KIND}",
        f"DROP FUNCTION IF EXISTS {naam}()",
        f"CREATE FUNCTION {naam}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n{controles}\n"
        f"    RETURN NEW;\nEND $$",
        f"CREATE TRIGGER {naam} BEFORE INSERT OR UPDATE OF {kolommen} ON {KIND}\n"
        f"    FOR EACH ROW EXECUTE FUNCTION {naam}()",
    ]
    for ouder_naam, (ouder, kinderen) in ouders.items():
        ouder_controles = "\n".join(
            f"    IF EXISTS (SELECT 1 FROM {tabel} WHERE {kolom} = NEW.id "
            f"AND kantoor_id IS DISTINCT FROM NEW.kantoor_id) THEN\n"
            f"        RAISE EXCEPTION '{ouder_naam}: {ouder} % is named by {tabel}.{kolom} in its "
            f"office', NEW.id USING ERRCODE = '23514';\n"
            f"    END IF;"
            for tabel, kolom in kinderen
        )
        statements += [
            f"DROP TRIGGER IF EXISTS {ouder_naam} ON {ouder}",
            f"DROP FUNCTION IF EXISTS {ouder_naam}()",
            f"CREATE FUNCTION {ouder_naam}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
            f"{ouder_controles}\n    RETURN NEW;\nEND $$",
            f"CREATE TRIGGER {ouder_naam} BEFORE UPDATE OF kantoor_id ON {ouder}\n"
            f"    FOR EACH ROW WHEN (OLD.kantoor_id IS DISTINCT FROM NEW.kantoor_id)\n"
            f"    EXECUTE FUNCTION {ouder_naam}()",
        ]
    return statements


def sqlite_ouders_weg() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {naam}" for naam in OUDERS]


def sqlite(koppelingen, ouders) -> list[str]:
    naam = f"{KIND}_zelfde_kantoor"
    voorwaarde = " OR ".join(
        f"(NEW.{kolom} IS NOT NULL AND NOT EXISTS ("
        f"SELECT 1 FROM {ouder} WHERE id = NEW.{kolom} AND kantoor_id = NEW.kantoor_id))"
        for kolom, ouder in koppelingen
    )
    kolommen = ", ".join(["kantoor_id", *(kolom for kolom, _ouder in koppelingen)])
    fout = f"SELECT RAISE(ABORT, '{naam}: {KIND} names a row of another office');"
    statements = [
        f"DROP TRIGGER IF EXISTS {naam}_insert",
        f"DROP TRIGGER IF EXISTS {naam}_update",
        f"CREATE TRIGGER {naam}_insert BEFORE INSERT ON {KIND} FOR EACH ROW "
        f"WHEN {voorwaarde} BEGIN {fout} END",
        f"CREATE TRIGGER {naam}_update BEFORE UPDATE OF {kolommen} ON {KIND} FOR EACH ROW "
        f"WHEN {voorwaarde} BEGIN {fout} END",
        *sqlite_ouders_weg(),
    ]
    for ouder_naam, (ouder, kinderen) in ouders.items():
        ouder_voorwaarde = " OR ".join(
            f"EXISTS (SELECT 1 FROM {tabel} WHERE {kolom} = NEW.id "
            f"AND kantoor_id IS NOT NEW.kantoor_id)"
            for tabel, kolom in kinderen
        )
        statements.append(
            f"CREATE TRIGGER {ouder_naam} BEFORE UPDATE OF kantoor_id ON {ouder} FOR EACH ROW "
            f"WHEN OLD.kantoor_id IS NOT NEW.kantoor_id AND ({ouder_voorwaarde}) "
            f"BEGIN SELECT RAISE(ABORT, '{ouder_naam}: {ouder} is named by rows in its office'); "
            f"END"
        )
    return statements


def voer_uit(schema_editor, statements: list[str]) -> None:
    for statement in statements:
        schema_editor.execute(statement, params=None)


def maak_bewaking(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        voer_uit(schema_editor, pg(KOPPELINGEN, OUDERS))
    elif vendor == "sqlite":
        voer_uit(schema_editor, sqlite(KOPPELINGEN, OUDERS))


def maak_oude_bewaking(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    oud = zonder_vorige_rol(OUDERS)
    if vendor == "postgresql":
        voer_uit(schema_editor, pg(KOPPELINGEN[:3], oud))
    elif vendor == "sqlite":
        voer_uit(schema_editor, sqlite(KOPPELINGEN[:3], oud))


def sqlite_ouders_los(apps, schema_editor):
    """SQLite remakes the table below; triggers of other tables that name it must go first,
    or the remake fails ("no such table"). They come back at the end."""
    if schema_editor.connection.vendor == "sqlite":
        voer_uit(schema_editor, sqlite_ouders_weg())


def namen_van_nu(apps, schema_editor):
    TeamWijziging = apps.get_model("teams", "TeamWijziging")
    Medewerker = apps.get_model("kantoor", "Medewerker")
    naam = Medewerker.objects.filter(pk=models.OuterRef("medewerker_id")).values("naam")[:1]
    door = Medewerker.objects.filter(pk=models.OuterRef("door_id")).values("naam")[:1]
    TeamWijziging.objects.update(medewerker_naam=models.Subquery(naam))
    TeamWijziging.objects.filter(door__isnull=False).update(door_naam=models.Subquery(door))


class Migration(migrations.Migration):

    dependencies = [
        ('kantoor', '0004_email_uniek_per_kantoor_sessie_versie'),
        ('relaties', '0003_cross_office_guards'),
        ('teams', '0005_teamlid_relatie_rol_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(sqlite_ouders_los, maak_oude_bewaking),
        migrations.RemoveConstraint(
            model_name='teamwijziging',
            name='teams_teamwijziging_actie_valid',
        ),
        migrations.AddField(
            model_name='teamwijziging',
            name='door_naam',
            field=models.CharField(blank=True, max_length=200, verbose_name='name of the changer then'),
        ),
        migrations.AddField(
            model_name='teamwijziging',
            name='medewerker_naam',
            field=models.CharField(blank=True, max_length=200, verbose_name="employee's name then"),
        ),
        migrations.AddField(
            model_name='teamwijziging',
            name='vorige_rol',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='kantoor.internerol', verbose_name='previous role'),
        ),
        migrations.AlterField(
            model_name='teamwijziging',
            name='actie',
            field=models.CharField(choices=[('toegevoegd', 'added'), ('verwijderd', 'removed'), ('gewijzigd', 'role changed')], max_length=12, verbose_name='action'),
        ),
        migrations.AddConstraint(
            model_name='teamwijziging',
            constraint=models.CheckConstraint(condition=models.Q(('actie__in', ['toegevoegd', 'verwijderd', 'gewijzigd'])), name='teams_teamwijziging_actie_valid', violation_error_message='Unknown action.'),
        ),
        migrations.RunPython(namen_van_nu, migrations.RunPython.noop),
        migrations.RunPython(maak_bewaking, sqlite_ouders_los),
    ]
