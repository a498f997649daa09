"""Periods and due dates of recurring work: the calendar arithmetic behind processes and tasks.

Offices run the same work every period (domain.md, *Work that recurs*): VAT returns per month,
quarter or year, payroll per month, annual accounts and income tax per year. A task template says
how often its work recurs (`Herhaling`) and when it is due (`Deadline`); a client's own fiscal
settings decide the rest (*Deadlines are per client*): its aangiftetijdvak for VAT and whether its
income-tax return falls under the uitstelregeling.

Nothing here touches the database, so a generator can call it for many agreements cheaply and the
rules can be tested as plain functions. The client's aangiftetijdvak is taken as a plain string
("maand", "kwartaal", "jaar" or "geen"): it belongs to the relation, and relaties cannot import
taken (dependencies point taken -> relaties).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _


class Herhaling(models.TextChoices):
    """How often a task template's work recurs.

    `AANGIFTETIJDVAK` is not a period of its own: it follows the client's VAT period and is turned
    into month, quarter or year (or nothing) by `resolve_herhaling` before any period is computed.
    """

    EENMALIG = "eenmalig", _("Once")
    MAAND = "maand", _("Every month")
    KWARTAAL = "kwartaal", _("Every quarter")
    JAAR = "jaar", _("Every year")
    AANGIFTETIJDVAK = "aangiftetijdvak", _("Follows the client's VAT period")


# The recurrences that divide the calendar into periods.
PERIODIEK = (Herhaling.MAAND, Herhaling.KWARTAAL, Herhaling.JAAR)

# A client's aangiftetijdvak (as the relation stores it) -> the recurrence it stands for.
# "geen": the client files no VAT returns, so work that follows the VAT period does not exist.
_AANGIFTETIJDVAK_HERHALING: dict[str, Herhaling | None] = {
    "maand": Herhaling.MAAND,
    "kwartaal": Herhaling.KWARTAAL,
    "jaar": Herhaling.JAAR,
    "geen": None,
}

_MONTHS_PER_PERIOD = {Herhaling.MAAND: 1, Herhaling.KWARTAAL: 3, Herhaling.JAAR: 12}


def resolve_herhaling(herhaling: str, aangiftetijdvak: str) -> Herhaling | None:
    """The recurrence a template has for one client.

    A template that follows the aangiftetijdvak recurs per month, quarter or year as the client
    files VAT; a client without a VAT period ("geen") gets no such work at all (None: no process).
    Every other recurrence is the template's own and ignores the client's VAT period.
    Raises ValueError for an unknown recurrence or aangiftetijdvak.
    """
    if aangiftetijdvak not in _AANGIFTETIJDVAK_HERHALING:
        raise ValueError(f"Unknown aangiftetijdvak: {aangiftetijdvak!r}")
    resolved = Herhaling(herhaling)
    if resolved != Herhaling.AANGIFTETIJDVAK:
        return resolved
    return _AANGIFTETIJDVAK_HERHALING[aangiftetijdvak]


def _periodiek(herhaling: str) -> Herhaling:
    """The recurrence as one that has periods; eenmalig and an unresolved one have none."""
    resolved = Herhaling(herhaling)
    if resolved == Herhaling.EENMALIG:
        raise ValueError("Work that happens once has no periods.")
    if resolved == Herhaling.AANGIFTETIJDVAK:
        raise ValueError("Resolve the client's aangiftetijdvak first (resolve_herhaling).")
    return resolved


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    """(year, month) shifted by a number of months, across year ends."""
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


@dataclass(frozen=True, order=True)
class Periode:
    """One period of recurring work: from `start` to `end`, both inclusive, shown as `label`.

    A period is a whole calendar month ("2027-03"), quarter ("2027-Q1") or year ("2027"). Its
    recurrence follows from its dates, so a period rebuilt from a stored process's start, end and
    label behaves as the one first computed. Periods order by their dates.
    """

    start: date
    end: date
    label: str

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"A period cannot end ({self.end}) before it starts ({self.start}).")

    def __str__(self) -> str:
        return self.label

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def herhaling(self) -> Herhaling:
        """Month, quarter or year, as the dates say; ValueError when they are none of these."""
        start, end = self.start, self.end
        if start.day == 1 and end.day == _last_day(end.year, end.month):
            months = (end.year - start.year) * 12 + end.month - start.month + 1
            if months == 1:
                return Herhaling.MAAND
            if months == 3 and start.month % 3 == 1:
                return Herhaling.KWARTAAL
            if months == 12 and start.month == 1:
                return Herhaling.JAAR
        raise ValueError(f"{start}..{end} is not a whole month, quarter or year.")

    def next(self) -> Periode:
        """The period of the same recurrence that follows this one (Q4 2027 -> Q1 2028)."""
        return periode_for(self.herhaling, self.end + timedelta(days=1))

    def previous(self) -> Periode:
        """The period of the same recurrence before this one (January 2028 -> December 2027)."""
        return periode_for(self.herhaling, self.start - timedelta(days=1))


def periode_for(herhaling: str, day: date) -> Periode:
    """The period of a recurrence that contains a day.

    Months are labelled "2027-03", quarters "2027-Q1" (January-March, April-June, July-September,
    October-December) and years "2027". Eenmalig work has no periods, and the aangiftetijdvak
    must be resolved to the client's own period first: both raise ValueError.
    """
    resolved = _periodiek(herhaling)
    if resolved == Herhaling.MAAND:
        return Periode(
            date(day.year, day.month, 1),
            date(day.year, day.month, _last_day(day.year, day.month)),
            f"{day.year}-{day.month:02d}",
        )
    if resolved == Herhaling.KWARTAAL:
        quarter = (day.month - 1) // 3 + 1
        first, last = quarter * 3 - 2, quarter * 3
        return Periode(
            date(day.year, first, 1),
            date(day.year, last, _last_day(day.year, last)),
            f"{day.year}-Q{quarter}",
        )
    return Periode(date(day.year, 1, 1), date(day.year, 12, 31), f"{day.year}")


_LABEL_PATTERNS = (
    (re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$"), Herhaling.MAAND),
    (re.compile(r"^(\d{4})-Q([1-4])$"), Herhaling.KWARTAAL),
    (re.compile(r"^(\d{4})$"), Herhaling.JAAR),
)


def periode_from_label(label: str) -> Periode:
    """The period a label names ("2027-03", "2027-Q1", "2027"), e.g. for *Proces starten*.

    The inverse of a period's label; ValueError for anything else.
    """
    for pattern, herhaling in _LABEL_PATTERNS:
        match = pattern.match(label)
        if match is None:
            continue
        year = int(match[1])
        if herhaling == Herhaling.MAAND:
            return periode_for(herhaling, date(year, int(match[2]), 1))
        if herhaling == Herhaling.KWARTAAL:
            return periode_for(herhaling, date(year, int(match[2]) * 3, 1))
        return periode_for(herhaling, date(year, 1, 1))
    raise ValueError(f"Not a period label: {label!r}")


def periodes_between(herhaling: str, start: date, end: date) -> list[Periode]:
    """Every period of a recurrence that overlaps the days `start` to `end` (inclusive), in order.

    A range that begins or ends inside a period includes that whole period. ValueError when `end`
    is before `start`, for eenmalig, and for an unresolved aangiftetijdvak.
    """
    if end < start:
        raise ValueError(f"The range cannot end ({end}) before it starts ({start}).")
    resolved = _periodiek(herhaling)
    first = periode_for(resolved, start)
    # Stepping by whole months from the first period's start never lands inside a month end.
    periodes: list[Periode] = []
    year, month = first.start.year, first.start.month
    while date(year, month, 1) <= end:
        periodes.append(periode_for(resolved, date(year, month, 1)))
        year, month = _add_months(year, month, _MONTHS_PER_PERIOD[resolved])
    return periodes


def periodes_due_until(
    herhaling: str,
    start_of_agreement: date,
    end_of_agreement: date | None,
    until: date,
) -> list[Periode]:
    """The periods whose processes should exist by `until` for one agreement, in order.

    A period is due once it has started (its start is on or before `until`), and belongs to the
    agreement when it overlaps the agreement's dates: an agreement that starts or ends halfway a
    period still has that period's work. An agreement without an end runs on. Eenmalig work has
    no periods and is started by hand, so nothing is due by recurrence. The aangiftetijdvak must be
    resolved first (ValueError). The result depends only on its arguments, so a generator that
    creates the missing processes is idempotent.
    """
    if Herhaling(herhaling) == Herhaling.EENMALIG:
        return []
    last = until if end_of_agreement is None else min(until, end_of_agreement)
    if last < start_of_agreement:
        return []
    return periodes_between(herhaling, start_of_agreement, last)


class DeadlineKind(models.TextChoices):
    """The kinds of due-date rule a task template can have."""

    DAGEN_NA_PERIODE = "dagen_na_periode", _("A number of days after the period")
    EINDE_VOLGENDE_MAAND = "einde_volgende_maand", _("The last day of the month after the period")
    VASTE_DATUM = "vaste_datum", _("A fixed date in a later year")


@dataclass(frozen=True)
class VasteDatum:
    """A fixed day and month, `years_after` years after the year in which a period ends.

    1 May after the year (income tax) is VasteDatum(month=5, day=1, years_after=1). 29 February
    falls on 28 February in a year that is not a leap year; a day that no month has is refused.
    """

    month: int
    day: int
    years_after: int = 1

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"No month {self.month}.")
        # 2000 is a leap year, so 29 February is allowed here and moved in other years.
        if not 1 <= self.day <= _last_day(2000, self.month):
            raise ValueError(f"Month {self.month} has no day {self.day}.")
        if self.years_after < 0:
            raise ValueError("A fixed date cannot fall in a year before the period's.")

    def in_year_after(self, periode: Periode) -> date:
        """This day and month in the period's last year plus `years_after`."""
        year = periode.end.year + self.years_after
        return date(year, self.month, min(self.day, _last_day(year, self.month)))


@dataclass(frozen=True)
class Deadline:
    """A due-date rule: how a period's tasks get their vervaldatum.

    - DAGEN_NA_PERIODE: `days` (0 or more) calendar days after the period's last day.
    - EINDE_VOLGENDE_MAAND: the last day of the month after the period, the Dutch VAT deadline
      (Q1 -> 30 April, December -> 31 January, the year 2027 -> 31 January 2028).
    - VASTE_DATUM: the fixed `datum` after the period's year (income tax: 1 May); when the client
      uses the uitstelregeling, `uitstel_datum` instead (an office setting, as the schedule
      changes). Without an `uitstel_datum` the uitstelregeling does not move the date.

    Build one with `days_after`, `end_of_next_month` or `fixed`; fields that do not belong to the
    kind are refused, so a stored rule cannot say two things.
    """

    kind: DeadlineKind
    days: int | None = None
    datum: VasteDatum | None = None
    uitstel_datum: VasteDatum | None = None

    def __post_init__(self) -> None:
        kind = DeadlineKind(self.kind)
        # A kind read back from the database is a plain string; keep the enum from here on.
        object.__setattr__(self, "kind", kind)
        if kind == DeadlineKind.DAGEN_NA_PERIODE:
            if self.days is None or self.days < 0:
                raise ValueError("A rule in days after the period needs 0 or more days.")
        elif self.days is not None:
            raise ValueError(f"A {kind.value} rule has no number of days.")
        if kind == DeadlineKind.VASTE_DATUM:
            if self.datum is None:
                raise ValueError("A fixed-date rule needs its date.")
        elif self.datum is not None or self.uitstel_datum is not None:
            raise ValueError(f"A {kind.value} rule has no fixed date.")

    @classmethod
    def days_after(cls, days: int) -> Deadline:
        """Due `days` calendar days after the period's last day."""
        return cls(DeadlineKind.DAGEN_NA_PERIODE, days=days)

    @classmethod
    def end_of_next_month(cls) -> Deadline:
        """Due on the last day of the month after the period (Dutch VAT)."""
        return cls(DeadlineKind.EINDE_VOLGENDE_MAAND)

    @classmethod
    def fixed(cls, datum: VasteDatum, uitstel_datum: VasteDatum | None = None) -> Deadline:
        """Due on a fixed date after the period's year, another one under the uitstelregeling."""
        return cls(DeadlineKind.VASTE_DATUM, datum=datum, uitstel_datum=uitstel_datum)


def vervaldatum(rule: Deadline, periode: Periode, uitstel: bool = False) -> date:
    """The due date of a period's task under a rule (domain.md, *Deadlines are per client*).

    `uitstel` says whether the client uses the uitstelregeling; it only changes a fixed-date rule
    that has an uitstel date. Month ends are exact: 31 days after 31 January is 3 March (2 March
    in a leap year), the month after January ends on 28 or 29 February.
    """
    if rule.kind == DeadlineKind.DAGEN_NA_PERIODE:
        assert rule.days is not None  # Deadline refuses this rule without days.
        return periode.end + timedelta(days=rule.days)
    if rule.kind == DeadlineKind.EINDE_VOLGENDE_MAAND:
        year, month = _add_months(periode.end.year, periode.end.month, 1)
        return date(year, month, _last_day(year, month))
    assert rule.datum is not None  # Deadline refuses a fixed-date rule without its date.
    datum = rule.uitstel_datum if uitstel and rule.uitstel_datum is not None else rule.datum
    return datum.in_year_after(periode)
