"""What "today" means at the calendar's edges, in Europe/Amsterdam (D14): late on 31 December and
early on 1 January (when the UTC date is still the old year's), 29 February, the last day of a
quarter, and the two nights the clocks change. Each test pins the moment it needs."""

from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from relaties.models import Relatie
from taken import services
from taken.models import Agendatoken, Proces, Taak
from tests.taken.factories import OvereenkomstFactory, TaakFactory, TaaksjabloonFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
URL = reverse("taken:taak_list")


def amsterdam(*args: int, fold: int = 0) -> datetime:
    return datetime(*args, tzinfo=AMSTERDAM, fold=fold)


# Moments at the edges; 00:30 on a day is still the day before in UTC.
OUDJAAR_LAAT = amsterdam(2027, 12, 31, 23, 30)
NIEUWJAAR_VROEG = amsterdam(2028, 1, 1, 0, 30)  # 2027-12-31 23:30 UTC
SCHRIKKELDAG_VROEG = amsterdam(2028, 2, 29, 0, 30)  # 2028-02-28 23:30 UTC
ZOMERTIJD = date(2027, 3, 28)  # last Sunday of March: 02:00 becomes 03:00
WINTERTIJD = date(2027, 10, 31)  # last Sunday of October: 03:00 becomes 02:00


@pytest.fixture
def op(client, medewerker):
    """GETs a page as `medewerker` at a moment; he logs in at that moment, so that his session
    (two weeks at most) has not expired whichever moment a test picks."""

    def get(moment: datetime, url: str, params: dict[str, str] | None = None):
        with time_machine.travel(moment, tick=False):
            client.force_login(medewerker)
            response = client.get(url, params or {})
        assert response.status_code == 200, response
        return response

    return get


@pytest.fixture
def urgentie(op):
    def lees(moment: datetime) -> dict[str, str]:
        taken = op(moment, URL, {"weergave": "alle"}).context["taken"]
        return {t.naam: t.urgentie for t in taken}

    return lees


@pytest.fixture
def namen(op):
    def lees(moment: datetime, **params: str) -> set[str]:
        response = op(moment, URL, {"weergave": "alle", **params})
        return {t.naam for t in response.context["taken"]}

    return lees


@pytest.fixture
def op_dag(kantoor, klant, boekhouder):
    """Creates an open task due on a day, named after that day."""

    def maak(dag: date) -> Taak:
        return TaakFactory(
            kantoor=kantoor, relatie=klant, rol=boekhouder, naam=dag.isoformat(), vervaldatum=dag
        )

    return maak


# --- Mijn taken: overdue red, due soon orange ------------------------------------------------


@pytest.mark.parametrize(
    "dag",
    [
        date(2027, 12, 31),
        date(2028, 1, 1),
        date(2028, 2, 29),
        date(2027, 3, 31),
        date(2027, 6, 30),
        date(2027, 9, 30),
        ZOMERTIJD,
        WINTERTIJD,
    ],
    ids=str,
)
def test_a_task_due_today_is_due_soon_all_day_and_overdue_from_the_next_midnight(
    urgentie, op_dag, dag
):
    """D14: overdue and due soon follow the local date at 00:30 and 23:30, on DST days too."""
    op_dag(dag)
    op_dag(dag + timedelta(days=8))
    vandaag, over_acht = dag.isoformat(), (dag + timedelta(days=8)).isoformat()

    for uur, minuut in [(0, 30), (23, 30)]:
        moment = amsterdam(dag.year, dag.month, dag.day, uur, minuut)
        assert urgentie(moment) == {vandaag: "binnenkort", over_acht: ""}, moment

    volgende = dag + timedelta(days=1)
    moment = amsterdam(volgende.year, volgende.month, volgende.day, 0, 30)
    assert urgentie(moment) == {vandaag: "te-laat", over_acht: "binnenkort"}


def test_in_the_repeated_hour_of_the_autumn_night_the_date_is_still_that_sunday(urgentie, op_dag):
    """D14: 02:30 happens twice on the last Sunday of October; both are that Sunday."""
    op_dag(WINTERTIJD - timedelta(days=1))
    op_dag(WINTERTIJD)
    zaterdag, zondag = (WINTERTIJD - timedelta(days=1)).isoformat(), WINTERTIJD.isoformat()

    for fold in (0, 1):
        moment = amsterdam(2027, 10, 31, 2, 30, fold=fold)
        assert urgentie(moment) == {zaterdag: "te-laat", zondag: "binnenkort"}


def test_on_1_january_just_after_midnight_new_years_eve_is_overdue(urgentie, op_dag):
    """D14: at 00:30 on 1 January the UTC date is still 31 December; Amsterdam's date counts."""
    op_dag(date(2027, 12, 31))

    assert urgentie(OUDJAAR_LAAT) == {"2027-12-31": "binnenkort"}
    assert urgentie(NIEUWJAAR_VROEG) == {"2027-12-31": "te-laat"}


# --- Mijn taken: the due-date filters ----------------------------------------------------------


def test_the_overdue_filter_turns_over_at_local_midnight(namen, op_dag):
    """D14: vervalt=te_laat at 23:30 on 31 December and at 00:30 on 1 January."""
    op_dag(date(2027, 12, 31))
    op_dag(date(2028, 1, 1))

    assert namen(OUDJAAR_LAAT, vervalt="te_laat") == set()
    assert namen(NIEUWJAAR_VROEG, vervalt="te_laat") == {"2027-12-31"}


def test_this_month_is_the_local_month_at_a_year_end_and_on_29_february(namen, op_dag):
    """D14: vervalt=deze_maand is January from the first minute of 1 January, local time."""
    for dag in [date(2027, 12, 31), date(2028, 1, 1), date(2028, 2, 29), date(2028, 3, 1)]:
        op_dag(dag)

    assert namen(OUDJAAR_LAAT, vervalt="deze_maand") == {"2027-12-31"}
    assert namen(NIEUWJAAR_VROEG, vervalt="deze_maand") == {"2028-01-01"}
    assert namen(SCHRIKKELDAG_VROEG, vervalt="deze_maand") == {"2028-02-29"}


def test_this_week_runs_monday_to_sunday_across_the_dst_nights(namen, op_dag):
    """D14: vervalt=deze_week on the Sundays the clocks change, late, and the Monday after."""
    for zondag in (ZOMERTIJD, WINTERTIJD):
        maandag = zondag + timedelta(days=1)
        op_dag(zondag - timedelta(days=6))
        op_dag(zondag)
        op_dag(maandag)
        week = {(zondag - timedelta(days=6)).isoformat(), zondag.isoformat()}

        laat = amsterdam(zondag.year, zondag.month, zondag.day, 23, 30)
        vroeg = amsterdam(maandag.year, maandag.month, maandag.day, 0, 30)
        assert namen(laat, vervalt="deze_week") == week
        assert namen(vroeg, vervalt="deze_week") == {maandag.isoformat()}


# --- Starting work: the defaults that come from today -----------------------------------------


@pytest.mark.parametrize(
    ("moment", "periode"),
    [
        (OUDJAAR_LAAT, "2027-Q4"),
        (NIEUWJAAR_VROEG, "2028-Q1"),
        (amsterdam(2027, 6, 30, 23, 30), "2027-Q2"),
        (amsterdam(2027, 7, 1, 0, 30), "2027-Q3"),
        (SCHRIKKELDAG_VROEG, "2028-Q1"),
    ],
    ids=str,
)
def test_proces_starten_proposes_the_local_quarter(op, klant, moment, periode):
    """D14: the proposed period is the quarter of the local date, also just after midnight."""
    response = op(moment, reverse("taken_relatie:relatie_werk", args=[klant.pk]))

    assert response.context["proces_form"].initial["periode"] == periode


@pytest.mark.parametrize(
    ("moment", "startdatum"),
    [(NIEUWJAAR_VROEG, date(2028, 1, 1)), (SCHRIKKELDAG_VROEG, date(2028, 2, 29))],
    ids=str,
)
def test_a_new_agreement_starts_on_the_local_date(op, klant, moment, startdatum):
    """D14: the proposed start date is today in Amsterdam, not the UTC date."""
    response = op(moment, reverse("taken_relatie:overeenkomst_create", args=[klant.pk]))

    assert response.context["form"].initial["startdatum"] == startdatum


# --- Generating processes across the year end --------------------------------------------------


@pytest.fixture
def werk(kantoor, klant, boekhouder):
    """Monthly, quarterly and yearly work on one agreement, from November 2027."""
    overeenkomst = OvereenkomstFactory(
        kantoor=kantoor, relatie=klant, naam="Werk", startdatum=date(2027, 11, 1)
    )
    for herhaling, dagen in [("maand", 0), ("kwartaal", 10), ("jaar", 150)]:
        TaaksjabloonFactory(
            overeenkomst=overeenkomst,
            kantoor=kantoor,
            rol=boekhouder,
            herhaling=herhaling,
            deadline_soort="dagen_na_periode",
            deadline_dagen=dagen,
            naam=herhaling,
        )
    return overeenkomst


def test_generation_on_new_years_eve_and_just_after_midnight_is_idempotent(werk):
    """D14: the new year's periods come once, from 1 January on; running again adds nothing."""
    with time_machine.travel(OUDJAAR_LAAT, tick=False):
        call_command("genereer_processen", "--tot", "2027-12-31", stdout=StringIO())
        assert services.genereer_processen(date(2027, 12, 31)) == 0
    oud = set(werk.processen.values_list("periode_label", flat=True))
    assert oud == {"2027-11", "2027-12", "2027-Q4", "2027"}

    with time_machine.travel(NIEUWJAAR_VROEG, tick=False):
        assert services.genereer_processen(date(2028, 1, 1)) == 3
        assert services.genereer_processen(date(2028, 1, 1)) == 0

    nieuw = werk.processen.exclude(periode_label__in=oud)
    assert set(nieuw.values_list("periode_label", flat=True)) == {"2028-01", "2028-Q1", "2028"}
    assert {p.gestart_op for p in nieuw} == {NIEUWJAAR_VROEG}
    assert dict(
        Taak.objects.filter(proces__in=nieuw).values_list("periode_label", "vervaldatum")
    ) == {"2028-01": date(2028, 1, 31), "2028-Q1": date(2028, 4, 10), "2028": date(2029, 5, 30)}


def test_generation_up_to_29_february_makes_february_due_that_day(werk):
    """D14: a monthly task due 0 days after February 2028 is due on 29 February."""
    with time_machine.travel(SCHRIKKELDAG_VROEG, tick=False):
        services.genereer_processen(date(2028, 2, 29))
        services.genereer_processen(date(2028, 2, 29))

    februari = Proces.objects.get(overeenkomst=werk, periode_label="2028-02")
    assert februari.taken.get().vervaldatum == date(2028, 2, 29)
    assert Proces.objects.filter(overeenkomst=werk, periode_label="2028-02").count() == 1


def test_a_changed_aangiftetijdvak_after_new_year_follows_the_new_period(
    kantoor, klant, boekhouder
):
    """D13/D14: switching to monthly VAT just after midnight on 1 January plans January 2028."""
    overeenkomst = OvereenkomstFactory(
        kantoor=kantoor, relatie=klant, naam="Btw", startdatum=date(2027, 10, 1)
    )
    TaaksjabloonFactory(
        overeenkomst=overeenkomst,
        kantoor=kantoor,
        rol=boekhouder,
        herhaling="aangiftetijdvak",
        deadline_soort="einde_volgende_maand",
    )
    with time_machine.travel(OUDJAAR_LAAT, tick=False):
        services.genereer_processen(date(2027, 12, 31))
    Relatie.objects.filter(pk=klant.pk).update(aangiftetijdvak="maand")

    with time_machine.travel(NIEUWJAAR_VROEG, tick=False):
        services.genereer_processen(date(2028, 1, 1))

    assert list(
        overeenkomst.processen.order_by("periode_start").values_list("periode_label", flat=True)
    ) == ["2027-Q4", "2028-01"]


# --- The calendar feed and the export ----------------------------------------------------------


def test_the_feed_stamps_utc_and_keeps_a_29_february_task_on_its_day(
    client, medewerker, klant, boekhouder, in_team, op_dag
):
    """D14: all-day events on the local due date; DTSTAMP is the same moment in UTC."""
    in_team(klant, medewerker, boekhouder)
    op_dag(date(2028, 2, 29))
    op_dag(date(2027, 12, 31))
    token = Agendatoken.voor(medewerker)

    with time_machine.travel(NIEUWJAAR_VROEG, tick=False):
        response = client.get(reverse("taken:agenda_feed", args=[token.token]))

    events = {
        str(e["SUMMARY"]).split()[0]: e
        for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    }
    schrikkeldag, oudjaar = events["2028-02-29"], events["2027-12-31"]
    assert schrikkeldag.decoded("DTSTART") == date(2028, 2, 29)
    assert schrikkeldag.decoded("DTEND") == date(2028, 3, 1)
    assert oudjaar.decoded("DTEND") == date(2028, 1, 1)
    assert schrikkeldag.decoded("DTSTAMP") == NIEUWJAAR_VROEG


def test_the_export_is_named_after_the_local_date_and_time(op, op_dag):
    """D14: a download just after midnight on 1 January carries 1 January, not 31 December."""
    op_dag(date(2028, 1, 1))

    response = op(NIEUWJAAR_VROEG, reverse("taken:taak_export"), {"weergave": "alle"})

    assert "-20280101-0030.csv" in response["Content-Disposition"]
