"""`manage.py importeer_medewerkers FILE --kantoor CODE [--dry-run]` (R7)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from kantoor.importers import ImportGeweigerd, Plan, importeer
from kantoor.models import Kantoor, Medewerker
from kantoor.uitnodigingen import basis_url_zonder_request, stuur_uitnodigingen
from kantoor.uploads import lees_begrensd, te_groot_melding


class Command(BaseCommand):
    help = (
        "Imports an office's employees from a Twinfield XML file (users) or a CSV file. "
        "All or nothing: a file with any problem is refused as a whole and nothing is written. "
        "New employees get a mail to set their password."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("bestand", type=Path, help="Twinfield XML or CSV file")
        parser.add_argument("--kantoor", required=True, help="code of the office")
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would change, write nothing"
        )
        parser.add_argument(
            "--basis-url",
            default=None,
            help="address of the app for the links in the mails (default: from ALLOWED_HOSTS)",
        )

    def handle(self, *args, **options) -> None:
        try:
            kantoor = Kantoor.objects.get(code=options["kantoor"])
        except Kantoor.DoesNotExist:
            raise CommandError(
                _("There is no office with code %(code)s.") % {"code": options["kantoor"]}
            ) from None
        try:
            with options["bestand"].open("rb") as bestand:
                data = lees_begrensd(bestand)
        except OSError as fout:
            raise CommandError(
                _("The file cannot be read: %(fout)s") % {"fout": fout.strerror}
            ) from None
        if data is None:
            raise CommandError(te_groot_melding())
        basis_url = options["basis_url"] or basis_url_zonder_request()
        self._terminal = self.stdout.isatty()

        def uitnodigen(nieuwe: list[Medewerker]) -> None:
            aantal = stuur_uitnodigingen(nieuwe, basis_url)
            self.stdout.write(_("Password mails sent: %(n)s") % {"n": aantal})

        try:
            plan = importeer(
                kantoor,
                data,
                dry_run=options["dry_run"],
                voortgang=self._voortgang if self._terminal else None,
                na_aanmaken=uitnodigen,
            )
        except ImportGeweigerd as fout:
            self._einde_voortgang()
            for probleem in fout.plan.problemen:
                self.stderr.write(str(probleem))
            raise CommandError(
                _("The file was refused: %(n)s problem(s); nothing was written.")
                % {"n": len(fout.plan.problemen)}
            ) from None
        self._einde_voortgang()
        self._verslag(kantoor, plan, options["dry_run"])

    def _verslag(self, kantoor: Kantoor, plan: Plan, dry_run: bool) -> None:
        self.stdout.write(
            _("%(formaat)s for %(kantoor)s:")
            % {"formaat": plan.inlezing.formaat, "kantoor": kantoor}
        )
        for regel in plan.verslag():
            self.stdout.write(f"  {regel}")
        if dry_run:
            self.stdout.write(self.style.WARNING(_("Dry run: nothing was written.")))
        elif plan.schrijft_iets:
            self.stdout.write(self.style.SUCCESS(_("Import complete.")))

    def _voortgang(self, stap: str, gedaan: int, totaal: int) -> None:
        self.stdout.write(f"\r{stap}: {gedaan}/{totaal}", ending="")
        self.stdout.flush()
        self._open = True

    def _einde_voortgang(self) -> None:
        if getattr(self, "_open", False):
            self.stdout.write("")
            self._open = False
