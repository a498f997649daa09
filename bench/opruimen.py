"""Removes a benchmark's own office and every row that carries it, leaving the database as found.

The app itself never deletes an office (every foreign key to it is PROTECT), so the benches do it
here with raw deletes, all in one transaction: foreign keys are checked at commit on PostgreSQL
and SQLite alike, and on PostgreSQL a team must never lose its klantbeheerder in a commit of its
own (the deferred trigger of teams, R2). The system role Klantbeheerder is protected by a trigger
on PostgreSQL (D1); for the office's own removal that trigger is switched off inside the same
transaction (ALTER TABLE is transactional there), so no other session ever runs without it.
"""

from __future__ import annotations

from django.apps import apps
from django.db import connection, transaction

from kantoor.models import Kantoor

# The system role's guard (kantoor/migrations/0002).
TRIGGER = "kantoor_internerol_protect_systeemrol"


def verwijder_kantoor(code: str) -> None:
    kantoor = Kantoor.objects.filter(code=code).first()
    if kantoor is None:
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"ALTER TABLE kantoor_internerol DISABLE TRIGGER {TRIGGER}")
        for model in apps.get_models():
            velden = [
                veld.name
                for veld in model._meta.concrete_fields
                if veld.is_relation and veld.related_model is Kantoor
            ]
            for naam in velden:
                model._base_manager.filter(**{naam: kantoor})._raw_delete(connection.alias)
        Kantoor.objects.filter(pk=kantoor.pk)._raw_delete(connection.alias)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # The deferred checks run now (all rows are gone), so the table may be altered.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute(f"ALTER TABLE kantoor_internerol ENABLE TRIGGER {TRIGGER}")
