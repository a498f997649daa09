"""manage.py genereer_processen --tot YYYY-MM-DD [--kantoor CODE]

Creates every process due up to a date for every active agreement, with its tasks. Idempotent
and transactional (see taken.services.genereer_processen); prints progress per batch.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from kantoor.invoer import DATUM_MAX, DATUM_MIN, in_bereik
from kantoor.models import Kantoor
from taken.services import genereer_processen


def datum(waarde: str) -> date:
    """Read in handle(), not as the argument's type: a CommandError raised while argparse reads the
    arguments escapes manage.py's handling and prints a traceback (issue 14, 2)."""
    try:
        gekozen = date.fromisoformat(waarde)
    except ValueError:
        raise CommandError(
            _("Not a date: %(waarde)s. Write it as YYYY-MM-DD, e.g. 2027-12-31.")
            % {"waarde": waarde}
        ) from None
    if not in_bereik(gekozen):
        raise CommandError(
            _("Choose a date from %(min)s to %(max)s: %(waarde)s.")
            % {"min": DATUM_MIN, "max": DATUM_MAX, "waarde": waarde}
        )
    return gekozen


class Command(BaseCommand):
    help = "Create the processes (and tasks) due up to a date for every active agreement."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tot", required=True, help="YYYY-MM-DD")
        parser.add_argument("--kantoor", help="Only this office (its code).")

    def handle(self, *args: Any, tot: str, kantoor: str | None, **options: Any) -> None:
        tot_datum = datum(tot)
        gevonden = None
        if kantoor:
            gevonden = Kantoor.objects.filter(code=kantoor).first()
            if gevonden is None:
                raise CommandError(_("No office with code %(code)s.") % {"code": kantoor})

        def voortgang(gedaan: int, totaal: int) -> None:
            self.stdout.write(f"{gedaan}/{totaal} agreements")

        aantal = genereer_processen(tot_datum, kantoor=gevonden, voortgang=voortgang)
        self.stdout.write(self.style.SUCCESS(f"{aantal} processes created up to {tot_datum}."))
