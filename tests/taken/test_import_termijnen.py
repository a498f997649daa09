"""*Deadlines are per client* after `manage.py importeer_relaties`: the import updates relations in
bulk (no post_save), announces it with `relaties_bijgewerkt`, and taken recomputes the open due
dates exactly as when the client is saved on its own page."""

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from relaties.importers import VELDEN
from relaties.models import Relatie
from relaties.signals import relaties_bijgewerkt
from taken import services
from taken.models import Taak, TaakGebeurtenis
from taken.termijnen import periode_from_label

pytestmark = pytest.mark.django_db

KOP = ";".join(["code", *VELDEN, "klantbeheerder", "aangiftetijdvak", "uitstelregeling"])


def regel(relatie: Relatie, beheerder, *, tijdvak: str = "", uitstel: str = "", **velden) -> str:
    """The relation's line as it stands, with the given columns changed."""
    waarden = {v: str(getattr(relatie, v)) for v in VELDEN} | velden
    return ";".join([relatie.code, *(waarden[v] for v in VELDEN), beheerder.code, tijdvak, uitstel])


def importeer(tmp_path: Path, *regels: str, dry_run: bool = False) -> str:
    pad = tmp_path / "relaties.csv"
    pad.write_text("\n".join([KOP, *regels]) + "\n", encoding="utf-8")
    out = StringIO()
    args = ["--dry-run"] if dry_run else []
    call_command("importeer_relaties", str(pad), "--kantoor", "testpraktijk", *args, stdout=out)
    return out.getvalue()


def test_imported_uitstelregeling_moves_open_income_tax_deadlines_with_history(
    tmp_path, klant, beheerder, ib, medewerker
):
    """Deadlines are per client: the import turns the uitstelregeling on; 1 May moves a year."""
    taak = services.proces_starten(ib, periode_from_label("2027"), medewerker).taken.get()
    assert taak.vervaldatum == date(2028, 5, 1)

    out = importeer(tmp_path, regel(klant, beheerder, uitstel="ja"))

    assert "0 aangemaakt, 1 bijgewerkt, 0 ongewijzigd." in out
    klant.refresh_from_db()
    taak.refresh_from_db()
    assert klant.uitstelregeling is True
    assert taak.vervaldatum == date(2029, 5, 1)
    g = TaakGebeurtenis.objects.get(taak=taak)
    assert (g.soort, g.oude_vervaldatum, g.nieuwe_vervaldatum, g.reden) == (
        "herberekend",
        date(2028, 5, 1),
        date(2029, 5, 1),
        "Klantinstelling gewijzigd: uitstelregeling",
    )


def test_imported_uitstelregeling_leaves_done_tasks_and_dates_moved_by_hand(
    tmp_path, klant, beheerder, ib, medewerker
):
    """Deadlines are per client, as on save: a done task and a date moved by hand stay."""
    services.proces_starten(ib, periode_from_label("2027"), medewerker)
    services.proces_starten(ib, periode_from_label("2028"), medewerker)
    services.proces_starten(ib, periode_from_label("2029"), medewerker)
    gereed, verschoven, open_ = Taak.objects.order_by("periode_label")
    gereed.gereed_melden(medewerker)
    verschoven.vervaldatum_verschuiven(medewerker, date(2029, 6, 1), "Afspraak")
    geschiedenis = TaakGebeurtenis.objects.count()

    importeer(tmp_path, regel(klant, beheerder, uitstel="ja"))

    gereed.refresh_from_db()
    verschoven.refresh_from_db()
    open_.refresh_from_db()
    assert gereed.vervaldatum == date(2028, 5, 1)
    assert verschoven.vervaldatum == date(2029, 6, 1)
    assert open_.vervaldatum == date(2031, 5, 1)
    assert TaakGebeurtenis.objects.count() == geschiedenis + 1


def test_imported_aangiftetijdvak_recomputes_the_open_vat_deadlines(
    tmp_path, klant, beheerder, btw, medewerker
):
    """Deadlines are per client: a changed aangiftetijdvak recomputes the tasks that follow it.
    A started quarter keeps its period, so its rule date stands; a stored date that no longer
    matches the rule (not moved by hand) is put right, with history naming the setting."""
    taak = services.proces_starten(btw, periode_from_label("2027-Q1"), medewerker).taken.get()
    Taak.objects.filter(pk=taak.pk).update(vervaldatum=date(2027, 5, 15))

    importeer(tmp_path, regel(klant, beheerder, tijdvak="maand"))

    klant.refresh_from_db()
    taak.refresh_from_db()
    assert klant.aangiftetijdvak == "maand"
    assert taak.vervaldatum == date(2027, 4, 30)
    g = TaakGebeurtenis.objects.get(taak=taak)
    assert (g.soort, g.oude_vervaldatum, g.nieuwe_vervaldatum, g.reden) == (
        "herberekend",
        date(2027, 5, 15),
        date(2027, 4, 30),
        "Klantinstelling gewijzigd: Aangiftetijdvak",
    )


def test_dry_run_changes_neither_the_client_nor_its_deadlines(
    tmp_path, klant, beheerder, ib, medewerker
):
    """Deadlines are per client; a dry run writes nothing, also not what taken would write."""
    taak = services.proces_starten(ib, periode_from_label("2027"), medewerker).taken.get()

    out = importeer(tmp_path, regel(klant, beheerder, uitstel="ja", tijdvak="maand"), dry_run=True)

    assert "1 bijgewerkt" in out
    klant.refresh_from_db()
    taak.refresh_from_db()
    assert (klant.uitstelregeling, klant.aangiftetijdvak) == (False, "kwartaal")
    assert taak.vervaldatum == date(2028, 5, 1)
    assert not TaakGebeurtenis.objects.exists()


def test_import_without_fiscal_change_recomputes_nothing(
    tmp_path, klant, beheerder, ib, btw, medewerker
):
    """Deadlines are per client: other columns changing (or the same settings) move nothing."""
    services.proces_starten(ib, periode_from_label("2027"), medewerker)
    btw_taak = services.proces_starten(btw, periode_from_label("2027-Q1"), medewerker)
    # A stale date would be put right by any recomputation: it must stay.
    Taak.objects.filter(proces=btw_taak).update(vervaldatum=date(2027, 5, 15))

    out = importeer(
        tmp_path, regel(klant, beheerder, tijdvak="kwartaal", uitstel="nee", plaats="Zeist")
    )

    assert "0 aangemaakt, 1 bijgewerkt, 0 ongewijzigd." in out
    klant.refresh_from_db()
    assert klant.plaats == "Zeist"
    assert Taak.objects.get(proces=btw_taak).vervaldatum == date(2027, 5, 15)
    assert not TaakGebeurtenis.objects.exists()


def test_a_file_without_the_fiscal_columns_keeps_the_settings(tmp_path, klant, beheerder, ib):
    """Deadlines are per client: files from before these columns leave the settings alone."""
    Relatie.objects.filter(pk=klant.pk).update(aangiftetijdvak="maand", uitstelregeling=True)
    klant.refresh_from_db()
    pad = tmp_path / "oud.csv"
    kop = ";".join(["code", *VELDEN, "klantbeheerder"])
    pad.write_text(kop + "\n" + regel(klant, beheerder).rsplit(";", 2)[0] + "\n", encoding="utf-8")

    out = StringIO()
    call_command("importeer_relaties", str(pad), "--kantoor", "testpraktijk", stdout=out)

    klant.refresh_from_db()
    assert "1 ongewijzigd" in out.getvalue()
    assert (klant.aangiftetijdvak, klant.uitstelregeling) == ("maand", True)


def test_an_unknown_uitstelregeling_refuses_the_file(tmp_path, klant, beheerder, ib):
    """All or nothing: 'misschien' is not ja or nee; the line is reported, nothing written."""
    pad = tmp_path / "relaties.csv"
    pad.write_text(KOP + "\n" + regel(klant, beheerder, uitstel="misschien") + "\n")
    err = StringIO()

    with pytest.raises(CommandError):
        call_command("importeer_relaties", str(pad), "--kantoor", "testpraktijk", stderr=err)
    assert "regel 2: uitstelregeling misschien is geen ja of nee" in err.getvalue()
    klant.refresh_from_db()
    assert klant.uitstelregeling is False


def test_relations_updated_without_fiscal_change_cost_no_query(klant, django_assert_num_queries):
    """Deadlines are per client: taken tells from the signal alone which clients to recompute."""
    with django_assert_num_queries(0):
        relaties_bijgewerkt.send(
            sender=Relatie, relaties=[klant] * 50, oude_waarden={klant.pk: {"plaats": "Utrecht"}}
        )
