"""Periods and due dates of recurring work, as plain calendar rules (no database)."""

from datetime import date
from itertools import pairwise

import pytest
from django.utils import translation

from taken.termijnen import (
    Deadline,
    DeadlineKind,
    Herhaling,
    Periode,
    VasteDatum,
    periode_for,
    periode_from_label,
    periodes_between,
    periodes_due_until,
    resolve_herhaling,
    vervaldatum,
)

# The income-tax schedule as an office would set it: 1 May after the year, and under the
# uitstelregeling for belastingconsulenten 1 May of the year after that.
INKOMSTENBELASTING = Deadline.fixed(
    VasteDatum(month=5, day=1, years_after=1), uitstel_datum=VasteDatum(5, 1, years_after=2)
)
BTW = Deadline.end_of_next_month()


def labels(periodes: list[Periode]) -> list[str]:
    return [p.label for p in periodes]


# --- Herhaling and the client's aangiftetijdvak -----------------------------------------------


def test_recurrences_are_the_five_of_the_issue_with_dutch_labels():
    """Work that recurs: eenmalig, per maand, kwartaal, jaar, or as the client's VAT period."""
    assert Herhaling.values == ["eenmalig", "maand", "kwartaal", "jaar", "aangiftetijdvak"]
    with translation.override("nl"):
        assert [str(label) for label in Herhaling.labels] == [
            "Eenmalig",
            "Per maand",
            "Per kwartaal",
            "Per jaar",
            "Volgt het aangiftetijdvak van de klant",
        ]


@pytest.mark.parametrize(
    ("aangiftetijdvak", "expected"),
    [("maand", Herhaling.MAAND), ("kwartaal", Herhaling.KWARTAAL), ("jaar", Herhaling.JAAR)],
)
def test_work_following_the_vat_period_recurs_as_the_client_files(aangiftetijdvak, expected):
    """Deadlines are per client: the client's aangiftetijdvak decides how often VAT work recurs."""
    assert resolve_herhaling(Herhaling.AANGIFTETIJDVAK, aangiftetijdvak) == expected


def test_client_without_vat_period_gets_no_vat_work():
    """Deadlines are per client: aangiftetijdvak 'geen' means no process at all."""
    assert resolve_herhaling(Herhaling.AANGIFTETIJDVAK, "geen") is None
    assert resolve_herhaling("aangiftetijdvak", "geen") is None


@pytest.mark.parametrize("herhaling", ["eenmalig", "maand", "kwartaal", "jaar"])
@pytest.mark.parametrize("aangiftetijdvak", ["maand", "kwartaal", "jaar", "geen"])
def test_a_template_with_its_own_recurrence_ignores_the_vat_period(herhaling, aangiftetijdvak):
    """Work that recurs: payroll per month stays per month whatever the client's VAT period."""
    assert resolve_herhaling(herhaling, aangiftetijdvak) == Herhaling(herhaling)


def test_resolution_refuses_unknown_values():
    """Deadlines are per client: an unknown recurrence or VAT period is an error, not a guess."""
    with pytest.raises(ValueError, match="aangiftetijdvak"):
        resolve_herhaling(Herhaling.AANGIFTETIJDVAK, "week")
    with pytest.raises(ValueError):
        resolve_herhaling("wekelijks", "maand")


# --- Periods ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("herhaling", "day", "start", "end", "label"),
    [
        ("maand", date(2027, 3, 15), date(2027, 3, 1), date(2027, 3, 31), "2027-03"),
        ("maand", date(2027, 4, 30), date(2027, 4, 1), date(2027, 4, 30), "2027-04"),
        ("maand", date(2027, 2, 1), date(2027, 2, 1), date(2027, 2, 28), "2027-02"),
        ("maand", date(2028, 2, 29), date(2028, 2, 1), date(2028, 2, 29), "2028-02"),
        ("maand", date(2027, 12, 31), date(2027, 12, 1), date(2027, 12, 31), "2027-12"),
        ("kwartaal", date(2027, 1, 1), date(2027, 1, 1), date(2027, 3, 31), "2027-Q1"),
        ("kwartaal", date(2027, 5, 20), date(2027, 4, 1), date(2027, 6, 30), "2027-Q2"),
        ("kwartaal", date(2027, 9, 30), date(2027, 7, 1), date(2027, 9, 30), "2027-Q3"),
        ("kwartaal", date(2027, 10, 1), date(2027, 10, 1), date(2027, 12, 31), "2027-Q4"),
        ("jaar", date(2027, 6, 15), date(2027, 1, 1), date(2027, 12, 31), "2027"),
    ],
)
def test_period_containing_a_day_has_its_calendar_bounds_and_label(
    herhaling, day, start, end, label
):
    """Work that recurs: a month is '2027-03', a quarter '2027-Q1', a year '2027'."""
    periode = periode_for(herhaling, day)

    assert periode == Periode(start, end, label)
    assert day in periode
    assert str(periode) == label
    assert periode.herhaling == herhaling


@pytest.mark.parametrize("herhaling", [Herhaling.EENMALIG, Herhaling.AANGIFTETIJDVAK])
def test_once_and_unresolved_vat_period_have_no_periods(herhaling):
    """Work that recurs: eenmalig has no periods; the VAT period must be the client's first."""
    with pytest.raises(ValueError):
        periode_for(herhaling, date(2027, 3, 1))
    with pytest.raises(ValueError):
        periodes_between(herhaling, date(2027, 1, 1), date(2027, 12, 31))


@pytest.mark.parametrize(
    ("label", "following", "preceding"),
    [
        ("2027-03", "2027-04", "2027-02"),
        ("2027-12", "2028-01", "2027-11"),
        ("2027-01", "2027-02", "2026-12"),
        ("2027-Q4", "2028-Q1", "2027-Q3"),
        ("2027-Q1", "2027-Q2", "2026-Q4"),
        ("2027", "2028", "2026"),
    ],
)
def test_next_and_previous_period_cross_year_ends(label, following, preceding):
    """Work that recurs: December is followed by January, Q4 by Q1 of the next year."""
    periode = periode_from_label(label)

    assert periode.next().label == following
    assert periode.previous().label == preceding
    assert periode.next().previous() == periode


def test_period_rebuilt_from_stored_dates_knows_its_recurrence():
    """Work that recurs: a process stores start, end and label; that is enough to go on."""
    stored = Periode(date(2028, 2, 1), date(2028, 2, 29), "2028-02")

    assert stored.herhaling == Herhaling.MAAND
    assert stored.next() == Periode(date(2028, 3, 1), date(2028, 3, 31), "2028-03")


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2027, 1, 2), date(2027, 1, 31)),  # not from the first of the month
        (date(2027, 2, 1), date(2027, 4, 30)),  # three months, but not a quarter
        (date(2027, 1, 1), date(2027, 6, 30)),  # half a year
        (date(2027, 7, 1), date(2028, 6, 30)),  # a year, but not a calendar year
    ],
)
def test_a_span_that_is_no_month_quarter_or_year_has_no_recurrence(start, end):
    """Work that recurs: periods are calendar months, quarters and years only."""
    with pytest.raises(ValueError):
        _ = Periode(start, end, "?").herhaling


def test_a_period_cannot_end_before_it_starts():
    """Work that recurs: a period's end is on or after its start."""
    with pytest.raises(ValueError):
        Periode(date(2027, 2, 1), date(2027, 1, 31), "?")


def test_periods_order_by_their_dates():
    """Work that recurs: periods sort in calendar order, whatever their labels."""
    periodes = [periode_from_label(x) for x in ["2028-01", "2027-12", "2027-02"]]

    assert labels(sorted(periodes)) == ["2027-02", "2027-12", "2028-01"]


@pytest.mark.parametrize("label", ["2027-13", "2027-00", "2027-Q5", "2027-Q0", "27", "2027-3", ""])
def test_a_label_that_names_no_period_is_refused(label):
    """Work that recurs: only '2027-03', '2027-Q1' and '2027' name periods."""
    with pytest.raises(ValueError):
        periode_from_label(label)


@pytest.mark.parametrize("label", ["2027-01", "2027-12", "2027-Q1", "2027-Q4", "2027"])
def test_a_label_names_the_period_that_carries_it(label):
    """Work that recurs: a chosen period's label gives back the same period."""
    assert periode_from_label(label).label == label


def test_periods_between_cross_year_boundaries_in_order():
    """Work that recurs: the months from November to February span two years."""
    periodes = periodes_between("maand", date(2027, 11, 1), date(2028, 2, 29))

    assert labels(periodes) == ["2027-11", "2027-12", "2028-01", "2028-02"]
    assert periodes[-1].end == date(2028, 2, 29)


def test_periods_between_include_periods_only_partly_in_range():
    """Work that recurs: a range that begins and ends mid-quarter includes both quarters whole."""
    periodes = periodes_between("kwartaal", date(2027, 11, 15), date(2028, 4, 1))

    assert labels(periodes) == ["2027-Q4", "2028-Q1", "2028-Q2"]
    assert periodes[0].start == date(2027, 10, 1)


def test_periods_between_within_one_period_is_that_period():
    """Work that recurs: two days in one quarter give that one quarter."""
    assert labels(periodes_between("kwartaal", date(2027, 2, 3), date(2027, 2, 3))) == ["2027-Q1"]


def test_periods_between_years_and_a_long_run_of_months():
    """Work that recurs: years follow each other; three years hold 36 consecutive months."""
    assert labels(periodes_between("jaar", date(2026, 12, 31), date(2028, 1, 1))) == [
        "2026",
        "2027",
        "2028",
    ]
    months = periodes_between("maand", date(2027, 1, 31), date(2029, 12, 1))
    assert len(months) == 36
    assert all(a.next() == b for a, b in pairwise(months))


def test_periods_between_refuses_a_range_that_ends_before_it_starts():
    """Work that recurs: an inverted range is a mistake, not an empty answer."""
    with pytest.raises(ValueError):
        periodes_between("maand", date(2027, 3, 1), date(2027, 2, 1))


# --- Due dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "due"),
    [
        ("2027-01", date(2027, 2, 28)),
        ("2028-01", date(2028, 2, 29)),  # leap year
        ("2027-02", date(2027, 3, 31)),
        ("2027-03", date(2027, 4, 30)),  # 31 March -> a 30-day month
        ("2027-11", date(2027, 12, 31)),
        ("2027-12", date(2028, 1, 31)),  # across the year end
    ],
)
def test_monthly_vat_is_due_the_last_day_of_the_next_month(label, due):
    """Work that recurs: the Dutch VAT deadline is the last day of the month after the period."""
    assert vervaldatum(BTW, periode_from_label(label)) == due


@pytest.mark.parametrize(
    ("label", "due"),
    [
        ("2027-Q1", date(2027, 4, 30)),
        ("2027-Q2", date(2027, 7, 31)),
        ("2027-Q3", date(2027, 10, 31)),
        ("2027-Q4", date(2028, 1, 31)),  # across the year end
    ],
)
def test_quarterly_vat_is_due_the_last_day_of_the_month_after_the_quarter(label, due):
    """Work that recurs: Q1 -> 30 April, Q4 -> 31 January of the next year."""
    assert vervaldatum(BTW, periode_from_label(label)) == due


def test_yearly_vat_is_due_at_the_end_of_january_after_the_year():
    """Work that recurs: a VAT year 2027 is due 31 January 2028."""
    assert vervaldatum(BTW, periode_from_label("2027")) == date(2028, 1, 31)


def test_vat_due_date_ignores_the_uitstelregeling():
    """Deadlines are per client: the uitstelregeling is for income tax, not for VAT."""
    assert vervaldatum(BTW, periode_from_label("2027-Q1"), uitstel=True) == date(2027, 4, 30)


@pytest.mark.parametrize(
    ("days", "label", "due"),
    [
        (0, "2027-03", date(2027, 3, 31)),
        (15, "2027-03", date(2027, 4, 15)),
        (10, "2027-12", date(2028, 1, 10)),  # across the year end
        (31, "2027-01", date(2027, 3, 3)),  # February has 28 days in 2027
        (31, "2028-01", date(2028, 3, 2)),  # and 29 in 2028
        (30, "2027-Q4", date(2028, 1, 30)),
        (366, "2027", date(2028, 12, 31)),  # 2028 is a leap year: 366 days long
    ],
)
def test_due_n_days_after_the_period_counts_calendar_days(days, label, due):
    """Work that recurs: a rule of N days after the period's end counts every calendar day."""
    rule = Deadline.days_after(days)

    assert vervaldatum(rule, periode_from_label(label)) == due
    assert vervaldatum(rule, periode_from_label(label), uitstel=True) == due


def test_income_tax_is_due_on_1_may_after_the_year():
    """Deadlines are per client: income tax 2027 is due 1 May 2028 without uitstel."""
    assert vervaldatum(INKOMSTENBELASTING, periode_from_label("2027")) == date(2028, 5, 1)


def test_income_tax_under_the_uitstelregeling_uses_the_office_uitstel_date():
    """Deadlines are per client: with the uitstelregeling income tax 2027 is due 1 May 2029."""
    periode = periode_from_label("2027")

    assert vervaldatum(INKOMSTENBELASTING, periode, uitstel=True) == date(2029, 5, 1)


def test_uitstel_without_an_uitstel_date_keeps_the_ordinary_date():
    """Deadlines are per client: a fixed date without an uitstel schedule is not moved."""
    deponering = Deadline.fixed(VasteDatum(month=12, day=31, years_after=1))
    periode = periode_from_label("2027")

    assert vervaldatum(deponering, periode, uitstel=True) == date(2028, 12, 31)
    assert vervaldatum(deponering, periode, uitstel=False) == date(2028, 12, 31)


def test_fixed_date_counts_from_the_year_in_which_the_period_ends():
    """Work that recurs: a fixed date follows the period's year, for months and quarters too."""
    rule = Deadline.fixed(VasteDatum(month=3, day=1, years_after=1))

    assert vervaldatum(rule, periode_from_label("2027-12")) == date(2028, 3, 1)
    assert vervaldatum(rule, periode_from_label("2027-Q1")) == date(2028, 3, 1)
    same_year = Deadline.fixed(VasteDatum(month=12, day=1, years_after=0))
    assert vervaldatum(same_year, periode_from_label("2027-Q2")) == date(2027, 12, 1)


def test_fixed_29_february_falls_on_28_february_outside_leap_years():
    """Work that recurs: a month-end date that a year lacks becomes that month's last day."""
    rule = Deadline.fixed(VasteDatum(month=2, day=29, years_after=1))

    assert vervaldatum(rule, periode_from_label("2027")) == date(2028, 2, 29)
    assert vervaldatum(rule, periode_from_label("2028")) == date(2029, 2, 28)


@pytest.mark.parametrize(
    ("month", "day", "years_after"),
    [(4, 31, 1), (2, 30, 1), (13, 1, 1), (0, 1, 1), (5, 0, 1), (5, 1, -1)],
)
def test_a_fixed_date_that_no_year_has_is_refused(month, day, years_after):
    """Work that recurs: 31 April or month 13 is a typing error, not a due date."""
    with pytest.raises(ValueError):
        VasteDatum(month=month, day=day, years_after=years_after)


@pytest.mark.parametrize(
    "build",
    [
        lambda: Deadline(DeadlineKind.DAGEN_NA_PERIODE),
        lambda: Deadline.days_after(-1),
        lambda: Deadline(DeadlineKind.EINDE_VOLGENDE_MAAND, days=5),
        lambda: Deadline(DeadlineKind.EINDE_VOLGENDE_MAAND, datum=VasteDatum(5, 1)),
        lambda: Deadline(DeadlineKind.DAGEN_NA_PERIODE, days=5, uitstel_datum=VasteDatum(5, 1)),
        lambda: Deadline(DeadlineKind.VASTE_DATUM),
        lambda: Deadline(DeadlineKind.VASTE_DATUM, days=5, datum=VasteDatum(5, 1)),
        lambda: Deadline("elke_dinsdag"),
    ],
)
def test_a_rule_that_says_two_things_or_nothing_is_refused(build):
    """Work that recurs: a due-date rule has exactly the fields of its kind."""
    with pytest.raises(ValueError):
        build()


def test_a_rule_read_back_as_plain_strings_works_as_one_built_in_code():
    """Work that recurs: a template's stored rule ('einde_volgende_maand') gives the VAT date."""
    stored = Deadline("einde_volgende_maand")

    assert stored == BTW
    assert stored.kind is DeadlineKind.EINDE_VOLGENDE_MAAND
    assert vervaldatum(stored, periode_from_label("2027-Q4")) == date(2028, 1, 31)


def test_deadline_kinds_have_dutch_labels():
    """Work that recurs: the three due-date rules of the issue, named in Dutch in the UI."""
    assert DeadlineKind.values == ["dagen_na_periode", "einde_volgende_maand", "vaste_datum"]
    with translation.override("nl"):
        assert [str(label) for label in DeadlineKind.labels] == [
            "Een aantal dagen na de periode",
            "De laatste dag van de maand na de periode",
            "Een vaste datum in een later jaar",
        ]


# --- Periods due for an agreement ---------------------------------------------------------------


def test_periods_are_due_once_they_have_started():
    """Work that recurs: on 1 April the first quarter and the second (just begun) are due."""
    periodes = periodes_due_until("kwartaal", date(2027, 1, 1), None, until=date(2027, 4, 1))

    assert labels(periodes) == ["2027-Q1", "2027-Q2"]


def test_a_period_not_yet_started_is_not_due():
    """Work that recurs: on 31 March the second quarter is not due yet."""
    periodes = periodes_due_until("kwartaal", date(2027, 1, 1), None, until=date(2027, 3, 31))

    assert labels(periodes) == ["2027-Q1"]


def test_agreement_starting_mid_period_includes_that_period():
    """Work that recurs: a client taken on 15 February still has its first quarter's VAT."""
    periodes = periodes_due_until("kwartaal", date(2027, 2, 15), None, until=date(2027, 7, 1))

    assert labels(periodes) == ["2027-Q1", "2027-Q2", "2027-Q3"]


def test_agreement_ending_mid_period_includes_that_period_and_nothing_after():
    """Work that recurs: an agreement ended on 10 May has Q2's work but none of later quarters."""
    periodes = periodes_due_until(
        "kwartaal", date(2027, 1, 1), date(2027, 5, 10), until=date(2028, 6, 1)
    )

    assert labels(periodes) == ["2027-Q1", "2027-Q2"]


def test_agreement_ending_on_a_period_end_has_no_period_after_it():
    """Work that recurs: an agreement for 2027 ends with December's payroll."""
    periodes = periodes_due_until(
        "maand", date(2027, 1, 1), date(2027, 12, 31), until=date(2028, 3, 1)
    )

    assert labels(periodes) == [f"2027-{m:02d}" for m in range(1, 13)]


def test_monthly_agreement_runs_across_the_year_end_until_the_date():
    """Work that recurs: payroll per month from November to the generation date in January."""
    periodes = periodes_due_until("maand", date(2027, 11, 20), None, until=date(2028, 1, 1))

    assert labels(periodes) == ["2027-11", "2027-12", "2028-01"]


def test_yearly_work_is_due_from_the_start_of_its_year():
    """Work that recurs: income tax 2028 exists as a process from 1 January 2028."""
    periodes = periodes_due_until("jaar", date(2026, 6, 1), None, until=date(2028, 1, 1))

    assert labels(periodes) == ["2026", "2027", "2028"]


def test_agreement_that_has_not_started_has_nothing_due():
    """Work that recurs: an agreement starting next month has no processes yet."""
    assert periodes_due_until("maand", date(2027, 5, 1), None, until=date(2027, 4, 30)) == []


def test_agreement_that_ended_before_it_started_has_nothing_due():
    """Work that recurs: inverted agreement dates yield nothing rather than an error mid-run."""
    assert periodes_due_until("maand", date(2027, 5, 1), date(2027, 4, 1), date(2027, 6, 1)) == []


def test_once_work_is_never_due_by_recurrence():
    """Work that recurs: eenmalig work has no periods; it is started by hand."""
    assert periodes_due_until("eenmalig", date(2027, 1, 1), None, until=date(2028, 1, 1)) == []


def test_vat_period_must_be_resolved_before_asking_what_is_due():
    """Deadlines are per client: the generator resolves the client's aangiftetijdvak first."""
    with pytest.raises(ValueError, match="resolve_herhaling"):
        periodes_due_until("aangiftetijdvak", date(2027, 1, 1), None, until=date(2028, 1, 1))


def test_vat_work_for_a_client_filing_per_month_follows_the_months():
    """Deadlines are per client: VAT work on a monthly filer yields monthly periods and dates."""
    herhaling = resolve_herhaling(Herhaling.AANGIFTETIJDVAK, "maand")
    assert herhaling is not None

    periodes = periodes_due_until(herhaling, date(2027, 11, 1), None, until=date(2028, 1, 15))

    assert [(p.label, vervaldatum(BTW, p)) for p in periodes] == [
        ("2027-11", date(2027, 12, 31)),
        ("2027-12", date(2028, 1, 31)),
        ("2028-01", date(2028, 2, 29)),
    ]


def test_asking_twice_gives_the_same_periods():
    """Work that recurs: generating is idempotent, so the same question has the same answer."""
    first = periodes_due_until("kwartaal", date(2027, 2, 15), None, until=date(2028, 1, 1))

    assert periodes_due_until("kwartaal", date(2027, 2, 15), None, until=date(2028, 1, 1)) == first
