from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from kantoor.models import Kantoor
from kantoor.uploads import max_bytes, te_groot_melding
from relaties.importers import KOLOMMEN, ImportFout, importeer_relaties


class Command(BaseCommand):
    help = (
        "Imports relations from a CSV file (';' or ',' separated, UTF-8) with the columns "
        + ";".join(KOLOMMEN)
        + ". Upsert by code; all or nothing; a new relation needs its klantbeheerder's "
        "employee code."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("bestand", type=Path)
        parser.add_argument("--kantoor", required=True, help="The office's code.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report, write nothing."
        )

    def handle(self, *args, bestand: Path, kantoor: str, dry_run: bool, **options) -> None:
        # The office works in Dutch; so do its error reports.
        with translation.override(settings.LANGUAGE_CODE):
            self.importeer(bestand, kantoor, dry_run)

    def importeer(self, pad: Path, kantoor_code: str, dry_run: bool) -> None:
        try:
            kantoor = Kantoor.objects.get(code=kantoor_code)
        except Kantoor.DoesNotExist:
            raise CommandError(
                _("No office with code %(code)s.") % {"code": kantoor_code}
            ) from None
        try:
            if pad.stat().st_size > max_bytes():
                # Refused before it is read (issue 9 item 3).
                raise CommandError(te_groot_melding())
            with pad.open(encoding="utf-8-sig", newline="") as bestand:
                resultaat = importeer_relaties(
                    bestand, kantoor, dry_run=dry_run, voortgang=self.voortgang
                )
        except OSError as fout:
            raise CommandError(
                _("The file cannot be read: %(fout)s") % {"fout": fout.strerror}
            ) from None
        except UnicodeDecodeError:
            raise CommandError(_("The file is not UTF-8 encoded.")) from None
        except ImportFout as fout:
            for regel in fout.fouten:
                self.stderr.write(regel)
            raise CommandError(
                _("%(aantal)d error(s): nothing was imported.") % {"aantal": len(fout.fouten)}
            ) from None
        samenvatting = _(
            "%(aangemaakt)d created, %(bijgewerkt)d updated, %(ongewijzigd)d unchanged."
        ) % {
            "aangemaakt": resultaat.aangemaakt,
            "bijgewerkt": resultaat.bijgewerkt,
            "ongewijzigd": resultaat.ongewijzigd,
        }
        for gevolg in resultaat.gevolgen:
            samenvatting += " " + gevolg
        if dry_run:
            samenvatting += " " + _("Dry run: nothing was written.")
        self.stdout.write(self.style.SUCCESS(samenvatting))

    def voortgang(self, gedaan: int, totaal: int | None) -> None:
        if totaal is None:
            # The file is read as it is checked: its length is known at the end.
            self.stdout.write(_("%(gedaan)d lines checked") % {"gedaan": gedaan})
        else:
            self.stdout.write(
                _("%(gedaan)d of %(totaal)d lines checked") % {"gedaan": gedaan, "totaal": totaal}
            )
