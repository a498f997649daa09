"""The period and due-date rules at the calendar's edges (D14): year ends, 29 February, the last
day of every quarter. Plain functions: no clock is involved, so these hold on any day."""

from datetime import date, timedelta

import pytest

from taken.termijnen import (
    Deadline,
    Herhaling,
    VasteDatum,
    periode_for,
    periode_from_label,
    periodes_due_until,
    resolve_herhaling,
    vervaldatum,
)

# --- Year end ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("herhaling", "oud", "nieuw"),
    [
        (Herhaling.MAAND, "2027-12", "2028-01"),
        (Herhaling.KWARTAAL, "2027-Q4", "2028-Q1"),
        (Herhaling.JAAR, "2027", "2028"),
    ],
)
def test_31_december_and_1_january_lie_in_periods_of_different_years(herhaling, oud, nieuw):
    """D14: the last day of a year is in that year's last period, the next day in the new one."""
    assert periode_for(herhaling, date(2027, 12, 31)).label == oud
    assert periode_for(herhaling, date(2028, 1, 1)).label == nieuw
    assert periode_for(herhaling, date(2027, 12, 31)).next().label == nieuw
    assert periode_for(herhaling, date(2028, 1, 1)).previous().label == oud


@pytest.mark.parametrize(
    ("aangiftetijdvak", "tot", "labels"),
    [
        ("maand", date(2027, 12, 31), ["2027-11", "2027-12"]),
        ("maand", date(2028, 1, 1), ["2027-11", "2027-12", "2028-01"]),
        ("kwartaal", date(2027, 12, 31), ["2027-Q4"]),
        ("kwartaal", date(2028, 1, 1), ["2027-Q4", "2028-Q1"]),
        ("jaar", date(2027, 12, 31), ["2027"]),
        ("jaar", date(2028, 1, 1), ["2027", "2028"]),
    ],
)
def test_the_new_years_periods_are_due_from_1_january_not_before(aangiftetijdvak, tot, labels):
    """Work that follows the aangiftetijdvak: a new year's period is due on its first day."""
    herhaling = resolve_herhaling(Herhaling.AANGIFTETIJDVAK, aangiftetijdvak)

    periodes = periodes_due_until(herhaling, date(2027, 11, 1), None, tot)

    assert [p.label for p in periodes] == labels


@pytest.mark.parametrize(
    ("label", "rule", "due"),
    [
        ("2027-12", Deadline.end_of_next_month(), date(2028, 1, 31)),
        ("2027-Q4", Deadline.end_of_next_month(), date(2028, 1, 31)),
        ("2027", Deadline.end_of_next_month(), date(2028, 1, 31)),
        ("2027-12", Deadline.days_after(0), date(2027, 12, 31)),
        ("2027-12", Deadline.days_after(1), date(2028, 1, 1)),
        ("2027", Deadline.days_after(150), date(2028, 5, 29)),
        ("2027-Q4", Deadline.fixed(VasteDatum(5, 1)), date(2028, 5, 1)),
    ],
)
def test_due_dates_of_the_last_period_of_a_year_fall_in_the_next(label, rule, due):
    """Every deadline kind counts across the year end."""
    assert vervaldatum(rule, periode_from_label(label)) == due


# --- 29 February -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("herhaling", "label", "start", "end"),
    [
        (Herhaling.MAAND, "2028-02", date(2028, 2, 1), date(2028, 2, 29)),
        (Herhaling.KWARTAAL, "2028-Q1", date(2028, 1, 1), date(2028, 3, 31)),
        (Herhaling.JAAR, "2028", date(2028, 1, 1), date(2028, 12, 31)),
    ],
)
def test_29_february_lies_in_february_the_first_quarter_and_its_year(herhaling, label, start, end):
    periode = periode_for(herhaling, date(2028, 2, 29))

    assert (periode.label, periode.start, periode.end) == (label, start, end)
    assert periode_from_label(label) == periode
    assert periode.herhaling == herhaling


def test_february_of_a_leap_year_ends_on_the_29th_and_of_another_year_on_the_28th():
    assert periode_from_label("2028-02").end == date(2028, 2, 29)
    assert periode_from_label("2027-02").end == date(2027, 2, 28)
    assert periode_from_label("2100-02").end == date(2100, 2, 28)  # no leap year: century
    assert periode_from_label("2000-02").end == date(2000, 2, 29)  # leap year: 400


@pytest.mark.parametrize(
    ("label", "rule", "due"),
    [
        ("2028-01", Deadline.end_of_next_month(), date(2028, 2, 29)),
        ("2027-01", Deadline.end_of_next_month(), date(2027, 2, 28)),
        ("2028-02", Deadline.days_after(0), date(2028, 2, 29)),
        ("2028-01", Deadline.days_after(29), date(2028, 2, 29)),
        ("2028-01", Deadline.days_after(30), date(2028, 3, 1)),
        ("2027-01", Deadline.days_after(29), date(2027, 3, 1)),
        ("2028-02", Deadline.end_of_next_month(), date(2028, 3, 31)),
    ],
)
def test_deadlines_around_29_february(label, rule, due):
    assert vervaldatum(rule, periode_from_label(label)) == due


@pytest.mark.parametrize(
    ("label", "uitstel", "due"),
    [
        ("2027", False, date(2028, 2, 29)),  # the year after 2027 is a leap year
        ("2028", False, date(2029, 2, 28)),  # 2029 is not: the last day of February
        ("2027", True, date(2029, 2, 28)),  # uitstel two years on: 2029
        ("2026", True, date(2028, 2, 29)),
    ],
)
def test_a_yearly_rule_anchored_on_29_february_falls_on_28_february_in_other_years(
    label, uitstel, due
):
    """A fixed date of 29 February, also as the uitstelregeling's date, in and out of leap years."""
    rule = Deadline.fixed(VasteDatum(2, 29), uitstel_datum=VasteDatum(2, 29, years_after=2))

    assert vervaldatum(rule, periode_from_label(label), uitstel=uitstel) == due


# --- The last day of each quarter --------------------------------------------------------------


@pytest.mark.parametrize(
    ("laatste_dag", "kwartaal", "volgend", "btw_vervaldatum"),
    [
        (date(2028, 3, 31), "2028-Q1", "2028-Q2", date(2028, 4, 30)),
        (date(2028, 6, 30), "2028-Q2", "2028-Q3", date(2028, 7, 31)),
        (date(2028, 9, 30), "2028-Q3", "2028-Q4", date(2028, 10, 31)),
        (date(2028, 12, 31), "2028-Q4", "2029-Q1", date(2029, 1, 31)),
    ],
)
def test_the_last_day_of_a_quarter_closes_it_and_the_next_day_opens_the_next(
    laatste_dag, kwartaal, volgend, btw_vervaldatum
):
    """Quarterly VAT: due the last day of the month after the quarter (30 or 31 days)."""
    periode = periode_for(Herhaling.KWARTAAL, laatste_dag)

    assert periode.label == kwartaal and periode.end == laatste_dag
    assert periode_for(Herhaling.KWARTAAL, laatste_dag + timedelta(days=1)).label == volgend
    assert vervaldatum(Deadline.end_of_next_month(), periode) == btw_vervaldatum
    assert [
        p.label for p in periodes_due_until(Herhaling.KWARTAAL, periode.start, None, laatste_dag)
    ] == [kwartaal]
    assert [
        p.label
        for p in periodes_due_until(
            Herhaling.KWARTAAL, periode.start, None, laatste_dag + timedelta(days=1)
        )
    ] == [kwartaal, volgend]


def test_an_agreement_ending_on_the_last_day_of_a_quarter_has_nothing_after_it():
    periodes = periodes_due_until(
        Herhaling.MAAND, date(2028, 1, 1), date(2028, 3, 31), date(2029, 1, 1)
    )

    assert [p.label for p in periodes] == ["2028-01", "2028-02", "2028-03"]
