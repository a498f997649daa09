"""D13, issue 10 item 4: changing a client's aangiftetijdvak re-plans its work that nobody
started: processes of the old period are replaced by those of the new one (at the period
boundaries below), started work stays, due dates move, and the user reads what changed."""

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from relaties.forms import RelatieForm
from relaties.importers import VELDEN
from taken import services
from taken.models import Proces, Taak

pytestmark = pytest.mark.django_db

KOP = ";".join(["code", *VELDEN, "klantbeheerder", "aangiftetijdvak", "uitstelregeling"])


def labels(overeenkomst) -> list[str]:
    return sorted(overeenkomst.processen.values_list("periode_label", flat=True))


def wijzig(klant, tijdvak: str) -> None:
    """Saves the client with another aangiftetijdvak, as its page does."""
    klant.aangiftetijdvak = tijdvak
    klant.save()


def test_quarter_to_month_on_the_last_day_of_a_quarter_replaces_that_quarter(kantoor, klant, btw):
    """D13: on 31 March the first quarter has not ended: nobody started it, so it becomes
    January, February and March; January's return is overdue at once, and the message says so."""
    with time_machine.travel(date(2027, 3, 31), tick=False):
        services.genereer_processen(date(2027, 3, 31), kantoor)
        assert labels(btw) == ["2027-Q1"]
        wijzig(klant, "maand")
    assert labels(btw) == ["2027-01", "2027-02", "2027-03"]
    assert sorted(Taak.objects.filter(relatie=klant).values_list("vervaldatum", flat=True)) == [
        date(2027, 2, 28),
        date(2027, 3, 31),
        date(2027, 4, 30),
    ]
    assert klant.meldingen_na_opslaan == [
        "1 proces vervangen door 3 voor het nieuwe aangiftetijdvak, 0 vervaldatums verschoven. "
        "1 taak is nu te laat: controleer hem op Mijn taken."
    ]


def test_quarter_to_month_on_the_first_day_of_the_next_quarter_keeps_the_ended_quarter(
    kantoor, klant, btw
):
    """D13: on 1 April the first quarter has ended and is filed per quarter; the second becomes
    April, May and June."""
    with time_machine.travel(date(2027, 4, 1), tick=False):
        services.genereer_processen(date(2027, 4, 1), kantoor)
        assert labels(btw) == ["2027-Q1", "2027-Q2"]
        wijzig(klant, "maand")
        assert labels(btw) == ["2027-04", "2027-05", "2027-06", "2027-Q1"]
        # The generator, run again, makes nothing twice (idempotent with the re-planning).
        assert services.genereer_processen(date(2027, 6, 1), kantoor) == 0


def test_month_to_year_at_the_year_end_lets_december_end_as_a_month(kantoor, klant, btw):
    """D13: on 31 December a year would redo January to November: December stays a month."""
    wijzig(klant, "maand")
    with time_machine.travel(date(2027, 12, 31), tick=False):
        services.genereer_processen(date(2027, 12, 31), kantoor)
        assert len(labels(btw)) == 12
        wijzig(klant, "jaar")
    assert len(labels(btw)) == 12
    assert "2027" not in labels(btw)


def test_month_to_year_on_new_years_day_replaces_january_by_the_year(kantoor, klant, btw):
    """D13: on 1 January 2028 December 2027 has ended; January 2028 becomes the year 2028."""
    wijzig(klant, "maand")
    with time_machine.travel(date(2028, 1, 1), tick=False):
        services.genereer_processen(date(2028, 1, 1), kantoor)
        assert "2028-01" in labels(btw)
        wijzig(klant, "jaar")
    assert "2028-01" not in labels(btw)
    assert "2028" in labels(btw) and "2027-12" in labels(btw)
    jaar = Proces.objects.get(overeenkomst=btw, periode_label="2028")
    assert jaar.taken.get().vervaldatum == date(2029, 1, 31)


def test_started_work_stays(kantoor, klant, btw, medewerker):
    """D13: a process of which a task is picked up stays as it is, with its due date."""
    with time_machine.travel(date(2027, 4, 1), tick=False):
        services.genereer_processen(date(2027, 4, 1), kantoor)
        taak = Taak.objects.get(proces__periode_label="2027-Q2")
        taak.oppakken(medewerker)
        wijzig(klant, "maand")
    assert labels(btw) == ["2027-Q1", "2027-Q2"]
    taak.refresh_from_db()
    assert taak.opgepakt_door == medewerker


def test_a_process_started_by_hand_stays(kantoor, klant, btw, medewerker):
    """D13: Proces starten is someone's work begun: it is not replaced."""
    from taken.termijnen import periode_from_label

    with time_machine.travel(date(2027, 2, 1), tick=False):
        services.proces_starten(btw, periode_from_label("2027-Q1"), medewerker)
        wijzig(klant, "maand")
    assert labels(btw) == ["2027-Q1"]


def test_replanning_is_idempotent(kantoor, klant, btw):
    """D13: re-planning again with the same settings changes nothing."""
    with time_machine.travel(date(2027, 4, 1), tick=False):
        services.genereer_processen(date(2027, 4, 1), kantoor)
        wijzig(klant, "maand")
        voor = list(Taak.objects.order_by("pk").values_list("pk", "vervaldatum"))
        uitkomst = services.herplan(klant, ["aangiftetijdvak"], "test")
    assert not uitkomst
    assert list(Taak.objects.order_by("pk").values_list("pk", "vervaldatum")) == voor


def test_the_relation_page_says_what_changed(client, kantoor, klant, btw, medewerker):
    """D13/item 4: after saving, the relation page reads what was re-planned, with numbers."""
    from teams.models import Teamlid

    Teamlid.objects.create(
        kantoor=kantoor, relatie=klant, medewerker=medewerker, rol=kantoor.klantbeheerder_rol
    )
    form = RelatieForm(instance=klant, kantoor=kantoor)
    data = {
        naam: waarde
        for naam, waarde in ((n, form[n].value()) for n in form.fields)
        if waarde not in (None, False)
    }
    data["aangiftetijdvak"] = "maand"
    with time_machine.travel(date(2027, 4, 1), tick=False):
        services.genereer_processen(date(2027, 4, 1), kantoor)
        client.force_login(medewerker)  # the session starts on the pinned day
        response = client.post(
            reverse("relaties:relatie_update", args=[klant.pk]), data, follow=True
        )
    html = response.content.decode()
    assert "1 proces vervangen door 3 voor het nieuwe aangiftetijdvak" in html, [
        str(m) for m in response.context["messages"]
    ] or response.context["form"].errors


def test_uitstelregeling_change_counts_moved_due_dates(kantoor, klant, ib, medewerker):
    """D13: switching the uitstelregeling moves due dates and says how many."""
    from taken.termijnen import periode_from_label

    with time_machine.travel(date(2027, 6, 1), tick=False):
        services.proces_starten(ib, periode_from_label("2027"), medewerker)
        klant.uitstelregeling = True
        klant.save()
    assert klant.meldingen_na_opslaan == ["geen proces vervangen, 1 vervaldatum verschoven."]


def test_the_import_replans_the_same_way_and_its_summary_says_so(
    tmp_path: Path, kantoor, klant, beheerder, btw
):
    """D13: the relation import (bulk update, `relaties_bijgewerkt`) re-plans as a save does,
    and its summary counts what changed."""
    waarden = {v: str(getattr(klant, v)) for v in VELDEN}
    regel = ";".join([klant.code, *(waarden[v] for v in VELDEN), beheerder.code, "maand", ""])
    pad = tmp_path / "relaties.csv"
    pad.write_text(f"{KOP}\n{regel}\n", encoding="utf-8")
    out = StringIO()
    with time_machine.travel(date(2027, 4, 1), tick=False):
        services.genereer_processen(date(2027, 4, 1), kantoor)
        call_command("importeer_relaties", str(pad), "--kantoor", "testpraktijk", stdout=out)
    assert labels(btw) == ["2027-04", "2027-05", "2027-06", "2027-Q1"]
    assert "1 proces vervangen door 3 voor het nieuwe aangiftetijdvak" in out.getvalue()
