"""Starting work: Proces starten, genereer_processen, and due dates that follow the client's
fiscal settings (domain.md, *Work that recurs*, *Deadlines are per client*)."""

from datetime import date
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from relaties.models import Relatie
from taken import services
from taken.models import Proces, Taak, TaakGebeurtenis
from taken.termijnen import periode_from_label
from tests.taken.factories import OvereenkomstFactory, TaaksjabloonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def btw(kantoor, klant, boekhouder):
    """VAT that follows the client's aangiftetijdvak, due the last day of the next month."""
    overeenkomst = OvereenkomstFactory(
        kantoor=kantoor, relatie=klant, naam="Btw", startdatum=date(2027, 1, 1)
    )
    TaaksjabloonFactory(
        overeenkomst=overeenkomst,
        kantoor=kantoor,
        rol=boekhouder,
        herhaling="aangiftetijdvak",
        deadline_soort="einde_volgende_maand",
        naam="Btw-aangifte",
    )
    TaaksjabloonFactory(
        overeenkomst=overeenkomst,
        kantoor=kantoor,
        rol=None,
        voor_klant=True,
        herhaling="aangiftetijdvak",
        deadline_soort="dagen_na_periode",
        deadline_dagen=10,
        naam="Stukken aanleveren",
    )
    return overeenkomst


def test_proces_starten_creates_the_tasks_from_the_templates(btw, medewerker):
    """VAT per quarter (the client's aangiftetijdvak): Q1 is due 30 April."""
    proces = services.proces_starten(btw, periode_from_label("2027-Q1"), medewerker)

    taken = {t.naam: t for t in proces.taken.all()}
    assert taken["Btw-aangifte"].vervaldatum == date(2027, 4, 30)
    assert taken["Stukken aanleveren"].vervaldatum == date(2027, 4, 10)
    assert taken["Stukken aanleveren"].voor_klant
    assert proces.naam == "Btw 2027-Q1" and proces.gestart_door == medewerker


def test_proces_starten_twice_is_refused(btw, medewerker):
    services.proces_starten(btw, periode_from_label("2027-Q1"), medewerker)
    with pytest.raises(ValidationError):
        services.proces_starten(btw, periode_from_label("2027-Q1"), medewerker)


def test_a_period_the_client_does_not_file_in_is_refused(btw, medewerker):
    """A quarterly client has no monthly VAT work."""
    with pytest.raises(ValidationError):
        services.proces_starten(btw, periode_from_label("2027-03"), medewerker)


@pytest.mark.parametrize(
    ("tijdvak", "labels", "laatste_vervaldatum"),
    [
        ("maand", ["2027-11", "2027-12", "2028-01"], date(2028, 2, 29)),
        ("kwartaal", ["2027-Q4", "2028-Q1"], date(2028, 4, 30)),
        ("jaar", ["2027", "2028"], date(2029, 1, 31)),
    ],
)
def test_generation_follows_the_aangiftetijdvak_across_year_ends(
    kantoor, klant, btw, tijdvak, labels, laatste_vervaldatum
):
    """VAT per month, quarter and year, across the year end (2028 is a leap year)."""
    btw.startdatum = date(2027, 11, 1)
    btw.save()
    Relatie.objects.filter(pk=klant.pk).update(aangiftetijdvak=tijdvak)

    services.genereer_processen(date(2028, 1, 15))

    assert (
        list(btw.processen.order_by("periode_start").values_list("periode_label", flat=True))
        == labels
    )
    laatste = Taak.objects.filter(naam="Btw-aangifte").order_by("-vervaldatum").first()
    assert laatste.vervaldatum == laatste_vervaldatum


def test_a_client_without_vat_gets_no_vat_processes(klant, btw):
    Relatie.objects.filter(pk=klant.pk).update(aangiftetijdvak="geen")

    assert services.genereer_processen(date(2027, 12, 31)) == 0


def test_generation_is_idempotent(btw, ib):
    """Running it twice creates nothing twice."""
    eerste = services.genereer_processen(date(2027, 12, 31))
    aantal_taken = Taak.objects.count()

    assert eerste == 4 + 1
    assert services.genereer_processen(date(2027, 12, 31)) == 0
    assert Taak.objects.count() == aantal_taken


def test_the_command_shows_progress_and_is_idempotent(btw):
    out = StringIO()
    call_command("genereer_processen", "--tot", "2027-06-30", stdout=out)
    call_command("genereer_processen", "--tot", "2027-06-30", stdout=out)

    assert "1/1 agreements" in out.getvalue()
    assert Proces.objects.count() == 2


def test_ended_agreements_generate_nothing(btw):
    btw.status = "beeindigd"
    btw.save()

    assert services.genereer_processen(date(2027, 12, 31)) == 0


def test_income_tax_is_due_1_may_or_the_uitstel_date(kantoor, klant, ib, medewerker):
    """IB: 1 May after the year; with uitstelregeling the office's date (1 May, a year later)."""
    proces = services.proces_starten(ib, periode_from_label("2027"), medewerker)
    taak = proces.taken.get()
    assert taak.vervaldatum == date(2028, 5, 1)

    klant.refresh_from_db()
    klant.uitstelregeling = True
    klant.save()

    taak.refresh_from_db()
    assert taak.vervaldatum == date(2029, 5, 1)
    g = TaakGebeurtenis.objects.get(taak=taak)
    assert (g.soort, g.oude_vervaldatum, g.nieuwe_vervaldatum) == (
        "herberekend",
        date(2028, 5, 1),
        date(2029, 5, 1),
    )


def test_recomputation_leaves_done_tasks_and_dates_moved_by_hand(kantoor, klant, ib, medewerker):
    services.proces_starten(ib, periode_from_label("2027"), medewerker)
    services.proces_starten(ib, periode_from_label("2028"), medewerker)
    gereed, verschoven = Taak.objects.order_by("periode_label")
    gereed.gereed_melden(medewerker)
    verschoven.vervaldatum_verschuiven(medewerker, date(2029, 6, 1), "Afspraak")

    klant.refresh_from_db()
    klant.uitstelregeling = True
    klant.save()

    gereed.refresh_from_db()
    verschoven.refresh_from_db()
    assert gereed.vervaldatum == date(2028, 5, 1)
    assert verschoven.vervaldatum == date(2029, 6, 1)


def test_saving_a_client_without_fiscal_change_writes_no_history(klant, ib, medewerker):
    services.proces_starten(ib, periode_from_label("2027"), medewerker)
    klant.refresh_from_db()
    klant.naam = "Nieuwe naam"
    klant.save()

    assert not TaakGebeurtenis.objects.exists()


def test_a_changed_aangiftetijdvak_keeps_started_periods_and_new_ones_follow(
    klant, btw, medewerker
):
    """A started quarter keeps its deadline (the period does not change); generation after the
    change follows the new aangiftetijdvak without doing the quarter's months again."""
    services.proces_starten(btw, periode_from_label("2027-Q1"), medewerker)
    klant.refresh_from_db()
    klant.aangiftetijdvak = "maand"
    klant.save()

    assert Taak.objects.get(naam="Btw-aangifte").vervaldatum == date(2027, 4, 30)
    services.genereer_processen(date(2027, 4, 30))
    labels = set(btw.processen.values_list("periode_label", flat=True))
    assert labels == {"2027-Q1", "2027-04"}
