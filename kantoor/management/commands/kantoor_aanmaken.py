"""`manage.py kantoor_aanmaken`: the first office and its office admin in production (issue 14)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from kantoor.inrichting import kantoor_aanmaken
from kantoor.uitnodigingen import basis_url_zonder_request, stuur_uitnodigingen

# The option that gave each field, so that an error names what to change on the command line.
OPTIES = {
    "kantoor.naam": "--naam",
    "kantoor.code": "--code",
    "beheerder.naam": "--beheerder-naam",
    "beheerder.email": "--beheerder-email",
    "beheerder.code": "--beheerder-code",
}


class Command(BaseCommand):
    help = (
        "Creates an office with its system role Klantbeheerder and its first office admin, who "
        "gets a mail with a link to choose his password. All or nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--code", required=True, help="short unique code of the office")
        parser.add_argument("--naam", required=True, help="name of the office")
        parser.add_argument("--beheerder-code", required=True, help="the admin's employee code")
        parser.add_argument("--beheerder-naam", required=True, help="the admin's name")
        parser.add_argument("--beheerder-email", required=True, help="the admin's e-mail address")
        parser.add_argument(
            "--basis-url",
            default=None,
            help="address of the app for the link in the mail (default: from ALLOWED_HOSTS)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            kantoor, beheerder = kantoor_aanmaken(
                naam=options["naam"],
                code=options["code"],
                beheerder_naam=options["beheerder_naam"],
                beheerder_email=options["beheerder_email"],
                beheerder_code=options["beheerder_code"],
            )
        except ValidationError as fout:
            problemen = "; ".join(
                f"{OPTIES.get(veld, veld)}: {' '.join(berichten)}"
                for veld, berichten in fout.message_dict.items()
            )
            raise CommandError(
                _("The office was not created: %(problemen)s") % {"problemen": problemen}
            ) from None
        self.stdout.write(
            _("Office %(naam)s (%(code)s) created with its office admin %(beheerder)s.")
            % {"naam": kantoor.naam, "code": kantoor.code, "beheerder": beheerder.email}
        )
        basis_url = options["basis_url"] or basis_url_zonder_request()
        try:
            verstuurd = stuur_uitnodigingen([beheerder], basis_url)
        except OSError as fout:
            raise CommandError(
                _(
                    "The password mail could not be sent (%(fout)s); he can ask for a new link "
                    "on the login page (Forgot your password?)."
                )
                % {"fout": fout}
            ) from None
        if verstuurd:
            self.stdout.write(
                self.style.SUCCESS(
                    _("A mail with a link to choose a password was sent to %(email)s.")
                    % {"email": beheerder.email}
                )
            )
