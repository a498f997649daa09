"""Dutch registration numbers, checked by python-stdnum (a well-kept validator), never by hand.

Each validator accepts the number as typed (spaces, dots, lower case); `Relatie.clean()` stores
the normalised form.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import iban
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import bsn, btw, postcode


def alleen_cijfers(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value)


def validate_bsn(value: str) -> None:
    """BSN: 9 digits that pass the 11-proef."""
    try:
        bsn.validate(value)
    except StdnumError as exc:
        raise ValidationError(_("This is not a valid BSN (9 digits, 11-proef)."), "bsn") from exc


def validate_rsin(value: str) -> None:
    """RSIN: like a BSN, 9 digits that pass the 11-proef."""
    try:
        bsn.validate(value)
    except StdnumError as exc:
        raise ValidationError(_("This is not a valid RSIN (9 digits, 11-proef)."), "rsin") from exc


def validate_btw_id(value: str) -> None:
    """Btw-identificatienummer: NL + 9 digits + B + 2 digits, old (11-proef) or new (mod 97)."""
    try:
        btw.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            _("This is not a valid VAT number (NL, 9 digits, B and 2 digits)."), "btw_id"
        ) from exc


def validate_iban(value: str) -> None:
    try:
        iban.validate(value)
    except StdnumError as exc:
        raise ValidationError(_("This is not a valid IBAN."), "iban") from exc


def validate_postcode(value: str) -> None:
    """A Dutch postcode: 4 digits (not starting with 0) and 2 letters, e.g. 1234 AB."""
    try:
        postcode.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            _("This is not a valid Dutch postcode (e.g. 1234 AB)."), "postcode"
        ) from exc


def validate_kvk_nummer(value: str) -> None:
    if not re.fullmatch(r"\d{8}", alleen_cijfers(value)):
        raise ValidationError(_("A KvK number has 8 digits."), "kvk_nummer")


def validate_vestigingsnummer(value: str) -> None:
    if not re.fullmatch(r"\d{12}", alleen_cijfers(value)):
        raise ValidationError(_("A branch number has 12 digits."), "vestigingsnummer")


def normaliseer_postcode(value: str) -> str:
    return postcode.validate(value)


def compact_btw_id(value: str) -> str:
    """Upper case without spaces or dots; NL is added when only the digits were typed."""
    compact = re.sub(r"[\s.\-]", "", value).upper()
    return f"NL{compact}" if compact[:1].isdigit() else compact


def normaliseer_iban(value: str) -> str:
    return iban.compact(value)


def formatteer_iban(value: str) -> str:
    return iban.format(value)
