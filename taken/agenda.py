"""The iCalendar feed of an employee's open tasks (RFC 5545): one all-day VEVENT per task on its
due date. Written with the maintained `icalendar` library, which escapes text (section 3.3.11)
and folds lines at 75 octets (section 3.1), so that Outlook and Google Calendar read it and no
stored name can add a line of its own (issue 9 item 4, row 12)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

import icalendar
from django.utils import timezone

from kantoor.invoer import in_bereik, zonder_stuurtekens
from taken.models import Taak


def tekst(waarde: str) -> str:
    """Names are single lines (their validator refuses control characters); a name stored before
    that rule still shows as one line here, as RFC 5545 TEXT allows no control characters."""
    return zonder_stuurtekens(waarde)


def kalender(taken: Iterable[Taak], naam: str, domein: str) -> bytes:
    nu = timezone.now()
    cal = icalendar.Calendar()
    cal.add("prodid", "-//kantoor//Mijn taken//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", tekst(naam))
    for taak in taken:
        dag = taak.vervaldatum
        if not in_bereik(dag):
            continue  # D14: the database refuses such a date; a feed never fails on one.
        event = icalendar.Event()
        event.add("uid", f"taak-{taak.pk}@{domein}")
        event.add("dtstamp", nu)
        event.add("dtstart", dag)
        event.add("dtend", dag + timedelta(days=1))
        event.add(
            "summary",
            tekst(f"{taak.naam} {taak.periode_label} - {taak.relatie.code} {taak.relatie.naam}"),
        )
        event.add("description", tekst(f"{taak.proces.overeenkomst.naam} / {taak.proces.naam}"))
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()
