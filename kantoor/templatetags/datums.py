"""One date format for the whole product (issue 10 item 6): `1 dec. 2026` in tables and
`1 december 2026` in text, through one filter:

    {% load datums %}
    {{ taak.vervaldatum|datum }}          1 dec. 2026
    {{ taak.vervaldatum|datum:"lang" }}   1 december 2026
    {{ wijziging.op|datum:"kort tijd" }}  1 dec. 2026 14:05 (a moment, in the office's time zone)

Month names come from Django's own locale data (its translated MONTHS_3 and MONTHS), so that
English reads `1 Dec 2026` and no name is spelled here.
"""

from __future__ import annotations

import datetime

from django import template
from django.utils import dateformat, timezone, translation
from django.utils.dates import MONTHS, MONTHS_3

register = template.Library()


def maand_kort(maand: int) -> str:
    """The Dutch abbreviation with its period (`dec.`), none where the name is short (`mei`)."""
    kort, vol = str(MONTHS_3[maand]), str(MONTHS[maand])
    if (translation.get_language() or "nl").startswith("en"):
        return kort.capitalize()
    return kort if kort == vol else f"{kort}."


@register.filter(expects_localtime=True)
def datum(waarde: datetime.date | datetime.datetime | None, stijl: str = "kort") -> str:
    """`1 dec. 2026` (kort, default) or `1 december 2026` (lang); add " tijd" for the time."""
    if waarde in (None, ""):
        return ""
    if not isinstance(waarde, datetime.date):
        return str(waarde)
    delen = stijl.split()
    if isinstance(waarde, datetime.datetime) and timezone.is_aware(waarde):
        waarde = timezone.localtime(waarde)
    maand = str(MONTHS[waarde.month]) if "lang" in delen else maand_kort(waarde.month)
    tekst = f"{waarde.day} {maand} {waarde.year}"
    if "tijd" in delen and isinstance(waarde, datetime.datetime):
        tekst += " " + dateformat.format(waarde, "H:i")
    return tekst
