"""The office's relation-code mask: literal characters and character classes such as [0-9]."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# The characters a relation code may hold: letters, digits and a few separators, like the
# ledger's debtor codes.
LETTERLIJK = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_./+")


def parse_masker(masker: str) -> list[frozenset[str]]:
    """Splits a mask into positions: each the set of characters allowed there.

    `L[0-9][0-9]` gives [{"L"}, {"0".."9"}, {"0".."9"}]. A class holds single characters and
    ranges (`[A-Z]`, `[0-9A-F]`, `[AB]`). Raises ValidationError saying what is wrong and where.
    """
    posities: list[frozenset[str]] = []
    i = 0
    while i < len(masker):
        teken = masker[i]
        if teken == "[":
            einde = masker.find("]", i + 1)
            if einde == -1:
                raise ValidationError(
                    _("The [ at position %(positie)s is never closed with ].") % {"positie": i + 1},
                    code="masker_open",
                )
            posities.append(_parse_klasse(masker[i + 1 : einde], i + 1))
            i = einde + 1
            continue
        if teken == "]":
            raise ValidationError(
                _("The ] at position %(positie)s has no [ before it.") % {"positie": i + 1},
                code="masker_sluit",
            )
        if teken not in LETTERLIJK:
            raise ValidationError(
                _("The character %(teken)r at position %(positie)s cannot be part of a code.")
                % {"teken": teken, "positie": i + 1},
                code="masker_teken",
            )
        posities.append(frozenset(teken))
        i += 1
    if not any(len(positie) > 1 for positie in posities):
        raise ValidationError(
            _("A mask needs at least one character class such as [0-9]."), code="masker_vast"
        )
    return posities


def _parse_klasse(inhoud: str, start: int) -> frozenset[str]:
    if not inhoud:
        raise ValidationError(
            _("The class at position %(positie)s is empty.") % {"positie": start},
            code="masker_leeg",
        )
    tekens: set[str] = set()
    j = 0
    while j < len(inhoud):
        van = inhoud[j]
        if van not in LETTERLIJK or van == "-":
            raise ValidationError(
                _("The class at position %(positie)s holds %(teken)r, which cannot be in a code.")
                % {"positie": start, "teken": van},
                code="masker_klasse",
            )
        if j + 2 < len(inhoud) and inhoud[j + 1] == "-":
            tot = inhoud[j + 2]
            if tot not in LETTERLIJK or not _zelfde_soort(van, tot) or tot < van:
                raise ValidationError(
                    _("The range %(van)s-%(tot)s at position %(positie)s is not valid.")
                    % {"van": van, "tot": tot, "positie": start},
                    code="masker_bereik",
                )
            tekens.update(chr(c) for c in range(ord(van), ord(tot) + 1))
            j += 3
        else:
            tekens.add(van)
            j += 1
    return frozenset(tekens)


def _zelfde_soort(van: str, tot: str) -> bool:
    """A range runs within digits, upper-case or lower-case letters: [0-9], [A-Z], [a-f]."""
    return any(van in soort and tot in soort for soort in ("0123456789", _HOOFD, _KLEIN))


_HOOFD = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_KLEIN = _HOOFD.lower()


def valideer_relatiecode_masker(masker: str) -> None:
    """Validator for `Kantoor.relatiecode_masker`."""
    parse_masker(masker)
