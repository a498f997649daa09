"""`manage.py seed`: a large invented office for load benchmarks (issue 11); see taken/seed.py."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from taken import seed


def datum(tekst: str) -> date:
    try:
        gelezen = date.fromisoformat(tekst)
    except ValueError:
        raise CommandError(f"--vandaag: not a date (YYYY-MM-DD): {tekst!r}") from None
    if not date(2000, 1, 1) <= gelezen <= date(2099, 12, 31):
        raise CommandError("--vandaag: a date between 2000 and 2099 (D14).")
    return gelezen


class Command(BaseCommand):
    help = (
        "Seeds an invented office the size of the largest ones (20,000 relations, 200 employees, "
        "about 500,000 tasks) and a small second one, for load benchmarks. Refuses a database "
        "that holds other offices; does nothing when the seed is there already."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--schaal", type=float, default=1.0, help="Size factor (0.01 = 200 relations)."
        )
        parser.add_argument(
            "--vandaag",
            type=str,
            default=None,
            help="The day the data is relative to (YYYY-MM-DD); default today. "
            "A fixed day makes a benchmark reproducible.",
        )
        parser.add_argument("--willekeur", type=int, default=1, help="Random seed.")
        parser.add_argument(
            "--wachtwoord",
            default=None,
            help="A password for every seeded employee; without it they cannot log in by form.",
        )
        parser.add_argument(
            "--ook-met-bestaande-kantoren",
            action="store_true",
            help="Seed even though the database holds other offices (never on production).",
        )

    def handle(self, *args, **options) -> None:
        if not 0 < options["schaal"] <= 10:
            raise CommandError("--schaal: a factor above 0 and at most 10.")
        vandaag = datum(options["vandaag"]) if options["vandaag"] else timezone.localdate()
        try:
            seed.seed(
                schaal=options["schaal"],
                vandaag=vandaag,
                willekeur=options["willekeur"],
                wachtwoord=options["wachtwoord"],
                ook_met_bestaande=options["ook_met_bestaande_kantoren"],
                melding=lambda tekst: self.stdout.write(tekst),
            )
        except seed.SeedGeweigerd as exc:
            raise CommandError(str(exc)) from None
