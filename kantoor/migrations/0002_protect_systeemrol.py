"""D1 in the database: the system role Klantbeheerder can be neither deleted nor demoted.

The model refuses this too (with a readable message); these triggers also stop raw SQL, bulk
queryset deletes and any other path around the model. Deactivation is a CheckConstraint.

SQLite gets only the trigger against demotion: Django empties SQLite tables with DELETE (between
tests, in `flush`), which a delete trigger would block; PostgreSQL empties them with TRUNCATE.
"""

from django.db import migrations

POSTGRES_FORWARD = """
CREATE FUNCTION kantoor_internerol_protect_systeemrol() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'De systeemrol % kan niet worden verwijderd.', OLD.naam
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW.systeemrol IS DISTINCT FROM OLD.systeemrol OR NEW.kantoor_id <> OLD.kantoor_id THEN
        RAISE EXCEPTION 'De systeemrol % kan niet worden gewijzigd in een gewone rol.', OLD.naam
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER kantoor_internerol_protect_systeemrol
    BEFORE UPDATE OR DELETE ON kantoor_internerol
    FOR EACH ROW WHEN (OLD.systeemrol IS NOT NULL)
    EXECUTE FUNCTION kantoor_internerol_protect_systeemrol();
"""

POSTGRES_REVERSE = """
DROP TRIGGER kantoor_internerol_protect_systeemrol ON kantoor_internerol;
DROP FUNCTION kantoor_internerol_protect_systeemrol();
"""

SQLITE_FORWARD = [
    """
    CREATE TRIGGER kantoor_internerol_no_demote_systeemrol
    BEFORE UPDATE OF systeemrol, kantoor_id ON kantoor_internerol
    FOR EACH ROW WHEN OLD.systeemrol IS NOT NULL
        AND (NEW.systeemrol IS NOT OLD.systeemrol OR NEW.kantoor_id <> OLD.kantoor_id)
    BEGIN
        SELECT RAISE(ABORT, 'De systeemrol kan niet worden gewijzigd in een gewone rol.');
    END;
    """,
]

SQLITE_REVERSE = [
    "DROP TRIGGER kantoor_internerol_no_demote_systeemrol;",
]


def forward(apps, schema_editor):
    statements = {
        "postgresql": [POSTGRES_FORWARD],
        "sqlite": SQLITE_FORWARD,
    }.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement, params=None)


def reverse(apps, schema_editor):
    statements = {
        "postgresql": [POSTGRES_REVERSE],
        "sqlite": SQLITE_REVERSE,
    }.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("kantoor", "0001_initial")]

    operations = [migrations.RunPython(forward, reverse)]
