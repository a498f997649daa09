"""A new office in production: the office, its system role and its first office admin (issue 14)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kantoor.models import Kantoor, Medewerker


@transaction.atomic
def kantoor_aanmaken(
    *, naam: str, code: str, beheerder_naam: str, beheerder_email: str, beheerder_code: str
) -> tuple[Kantoor, Medewerker]:
    """Creates the office (with its system role Klantbeheerder, D1: `Kantoor.save`) and its first
    office admin, who has no password yet; all or nothing.

    Raises ValidationError with the fields of both, prefixed `kantoor.` and `beheerder.`.
    """
    kantoor = Kantoor(naam=naam, code=code)
    try:
        kantoor.full_clean()
    except ValidationError as fout:
        raise ValidationError({f"kantoor.{k}": v for k, v in fout.message_dict.items()}) from None
    kantoor.save()
    if not beheerder_email.strip():
        raise ValidationError(
            {"beheerder.email": [_("The office admin needs an e-mail address for his password.")]}
        )
    beheerder = Medewerker(
        kantoor=kantoor,
        code=beheerder_code,
        naam=beheerder_naam,
        email=beheerder_email.strip().lower(),
        is_beheerder=True,
    )
    beheerder.set_unusable_password()  # he chooses it through the link in his mail
    try:
        beheerder.full_clean()
    except ValidationError as fout:
        raise ValidationError({f"beheerder.{k}": v for k, v in fout.message_dict.items()}) from None
    beheerder.save()
    return kantoor, beheerder
