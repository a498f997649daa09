"""manage.py genereer_processen --tot YYYY-MM-DD [--kantoor CODE]

Creates every process due up to a date for every active agreement, with its tasks. Idempotent
and transactional (see taken.services.genereer_processen); prints progress per batch.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kantoor.invoer import DATUM_MAX, DATUM_MIN, in_bereik
from kantoor.models import Kantoor
from taken.services import genereer_processen


def datum(waarde: str) -> date:
    try:
        gekozen = date.fromisoformat(waarde)
    except ValueError:
        raise CommandError(f"Not a date (YYYY-MM-DD): {waarde!r}") from None
    if not in_bereik(gekozen):
        raise CommandError(f"Choose a date from {DATUM_MIN} to {DATUM_MAX} (D14): {waarde!r}")
    return gekozen


class Command(BaseCommand):
    help = "Create the processes (and tasks) due up to a date for every active agreement."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tot", required=True, type=datum, help="YYYY-MM-DD")
        parser.add_argument("--kantoor", help="Only this office (its code).")

    def handle(self, *args: Any, tot: date, kantoor: str | None, **options: Any) -> None:
        gevonden = None
        if kantoor:
            gevonden = Kantoor.objects.filter(code=kantoor).first()
            if gevonden is None:
                raise CommandError(f"No office with code {kantoor!r}.")

        def voortgang(gedaan: int, totaal: int) -> None:
            self.stdout.write(f"{gedaan}/{totaal} agreements")

        aantal = genereer_processen(tot, kantoor=gevonden, voortgang=voortgang)
        self.stdout.write(self.style.SUCCESS(f"{aantal} processes created up to {tot}."))
