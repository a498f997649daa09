"""The iCalendar feed of an employee's open tasks (RFC 5545), written by hand: one all-day
VEVENT per task on its due date. Text is escaped (section 3.3.11) and lines are folded at 75
octets (section 3.1), so that Outlook and Google Calendar read it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.utils import timezone

from taken.models import Taak


def escape(tekst: str) -> str:
    """TEXT values: backslash, semicolon, comma and newlines are escaped."""
    return (
        tekst.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def vouw(regel: str) -> str:
    """Folds a content line at 75 octets, never inside a UTF-8 character (section 3.1)."""
    data = regel.encode()
    if len(data) <= 75:
        return regel
    delen: list[str] = []
    begin = 0
    limiet = 75
    while begin < len(data):
        eind = min(begin + limiet, len(data))
        # Step back to the start of a character: continuation bytes are 10xxxxxx.
        while eind < len(data) and (data[eind] & 0xC0) == 0x80:
            eind -= 1
        delen.append(data[begin:eind].decode())
        begin = eind
        limiet = 74  # Continuation lines start with a space.
    return "\r\n ".join(delen)


def kalender(taken: Iterable[Taak], naam: str, domein: str) -> str:
    nu = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    regels = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//kantoor//Mijn taken//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(naam)}",
    ]
    for taak in taken:
        dag = taak.vervaldatum
        samenvatting = f"{taak.naam} {taak.periode_label} - {taak.relatie.code} {taak.relatie.naam}"
        omschrijving = f"{taak.proces.overeenkomst.naam} / {taak.proces.naam}"
        regels += [
            "BEGIN:VEVENT",
            f"UID:taak-{taak.pk}@{domein}",
            f"DTSTAMP:{nu}",
            f"DTSTART;VALUE=DATE:{dag:%Y%m%d}",
            f"DTEND;VALUE=DATE:{dag + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{escape(samenvatting)}",
            f"DESCRIPTION:{escape(omschrijving)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    regels.append("END:VCALENDAR")
    return "".join(vouw(r) + "\r\n" for r in regels)
