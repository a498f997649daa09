"""`manage.py importeer_relaties`: upsert by code, idempotent, all or nothing, in Dutch."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from relaties.importers import KOLOMMEN
from relaties.models import Relatie, Soort, Type
from teams.models import Teamlid
from tests.relaties.factories import RelatieFactory

pytestmark = pytest.mark.django_db

KOP = ";".join(KOLOMMEN)


def bestand(tmp_path: Path, *regels: str, kop: str = KOP) -> Path:
    pad = tmp_path / "relaties.csv"
    # Other packages write a BOM; the import reads it.
    pad.write_text("\ufeff" + "\n".join([kop, *regels]) + "\n", encoding="utf-8")
    return pad


def importeer(pad: Path, *args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(
        "importeer_relaties", str(pad), "--kantoor", "testpraktijk", *args, stdout=out, stderr=err
    )
    return out.getvalue(), err.getvalue()


GOED = [
    "L001;Café de Zon B.V.;klant;bedrijf;12345678;NL004495445B01;info@dezon.example;"
    "030-1234567;Oudegracht;12;3511ab;Utrecht;NL;SJANSEN",
    "L002;Anna Admiraal;Contact;Particulier;;;anna@example.nl;;;;;Amsterdam;;PBAKKER",
]


def test_import_creates_relations_with_their_klantbeheerder(tmp_path, kantoor, medewerker, collega):
    """R2/R4: each new relation gets the named employee as creator and klantbeheerder."""
    out, _ = importeer(bestand(tmp_path, *GOED))

    zon = Relatie.objects.get(kantoor=kantoor, code="L001")
    anna = Relatie.objects.get(kantoor=kantoor, code="L002")
    assert (zon.naam, zon.postcode, zon.kvk_nummer) == ("Café de Zon B.V.", "3511 AB", "12345678")
    assert (anna.soort, anna.type, anna.land) == (Soort.CONTACT, Type.PARTICULIER, "NL")
    assert Teamlid.objects.klantbeheerders().get(relatie=zon).medewerker == medewerker
    assert Teamlid.objects.klantbeheerders().get(relatie=anna).medewerker == collega
    assert "2 aangemaakt, 0 bijgewerkt, 0 ongewijzigd." in out
    assert "2 van 2 regels gecontroleerd" in out


def test_import_is_idempotent_and_updates_by_code(tmp_path, kantoor, medewerker, collega):
    importeer(bestand(tmp_path, *GOED))
    out, _ = importeer(bestand(tmp_path, *GOED))
    assert "0 aangemaakt, 0 bijgewerkt, 2 ongewijzigd." in out

    gewijzigd = GOED[0].replace("Utrecht", "Zeist")
    out, _ = importeer(bestand(tmp_path, gewijzigd, GOED[1]))

    assert "0 aangemaakt, 1 bijgewerkt, 1 ongewijzigd." in out
    assert Relatie.objects.get(code="L001").plaats == "Zeist"
    assert Relatie.objects.count() == 2
    assert Teamlid.objects.count() == 2


def test_existing_relation_needs_no_klantbeheerder(tmp_path, kantoor, relatie):
    """R2 holds already for an existing relation; its team is kept as it is."""
    out, _ = importeer(bestand(tmp_path, f"{relatie.code};Nieuwe naam;;;;;;;;;;;;"))

    assert "1 bijgewerkt" in out
    assert Relatie.objects.get(pk=relatie.pk).naam == "Nieuwe naam"


def test_every_bad_line_is_reported_and_nothing_is_written(tmp_path, kantoor, medewerker):
    """All or nothing: one report with every bad line by number and reason, in Dutch."""
    pad = bestand(
        tmp_path,
        GOED[0],
        "L003;Zonder beheerder;klant;bedrijf;;;;;;;;;;",
        "L004;Foute KvK;klant;bedrijf;123;;;;;;;;;SJANSEN",
        "L005;Onbekende beheerder;klant;bedrijf;;;;;;;;;;NIEMAND",
        "L001;Dubbel;klant;bedrijf;;;;;;;;;;SJANSEN",
        "L006;Vreemd soort;leverancier;bedrijf;;;;;;;9999 XX;;;SJANSEN",
    )

    err = StringIO()
    with pytest.raises(CommandError, match="5 fout"):
        call_command(
            "importeer_relaties",
            str(pad),
            "--kantoor",
            "testpraktijk",
            stdout=StringIO(),
            stderr=err,
        )

    assert not Relatie.objects.exists()
    rapport = err.getvalue()
    assert (
        "regel 3: een nieuwe relatie heeft de medewerkerscode van haar klantbeheerder nodig"
        in rapport
    )
    assert "regel 4: KvK-nummer: Een KvK-nummer heeft 8 cijfers." in rapport
    assert "regel 5: klantbeheerder NIEMAND is geen actieve medewerker van dit kantoor" in rapport
    assert "regel 6: code L001 staat ook op regel 2" in rapport
    assert "regel 7: soort:" in rapport


def test_missing_columns_are_reported(tmp_path, kantoor):
    with pytest.raises(CommandError):
        importeer(bestand(tmp_path, "L001;x", kop="code;naam"))
    assert not Relatie.objects.exists()


def test_dry_run_writes_nothing(tmp_path, kantoor, medewerker, collega):
    out, _ = importeer(bestand(tmp_path, *GOED), "--dry-run")

    assert "2 aangemaakt" in out
    assert "Proefdraai: er is niets weggeschreven." in out
    assert not Relatie.objects.exists()
    assert not Teamlid.objects.exists()


def test_unknown_office_is_refused(tmp_path):
    with pytest.raises(CommandError, match="Geen kantoor"):
        call_command("importeer_relaties", str(bestand(tmp_path)), "--kantoor", "nergens")


def test_comma_separated_files_are_read_too(tmp_path, kantoor, medewerker):
    pad = bestand(
        tmp_path, "L010,Komma B.V.,klant,bedrijf,,,,,,,,,,SJANSEN", kop=KOP.replace(";", ",")
    )

    importeer(pad)

    assert Relatie.objects.filter(code="L010").exists()


def test_codes_of_another_office_are_not_touched(tmp_path, kantoor, medewerker, vreemde_relatie):
    """D9: the import only reads and writes the named office's relations."""
    importeer(bestand(tmp_path, f"{vreemde_relatie.code};Eigen relatie;;;;;;;;;;;;SJANSEN"))

    vreemde_relatie.refresh_from_db()
    assert vreemde_relatie.naam != "Eigen relatie"
    assert Relatie.objects.filter(kantoor=kantoor, code=vreemde_relatie.code).exists()
    assert RelatieFactory._meta.model.objects.count() == 2


# --- Bounds (issue 9 item 3) -------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path, settings, kantoor, medewerker):
    """Issue 9 item 3: the relation import refuses a file over IMPORT_MAX_BYTES in one line."""
    settings.IMPORT_MAX_BYTES = 1000
    pad = bestand(tmp_path, *GOED * 10)

    with pytest.raises(CommandError, match="groter dan 1000\xa0bytes"):
        importeer(pad)
    assert not Relatie.objects.filter(code="L001").exists()


def test_a_line_longer_than_the_bound_is_refused_with_its_number(tmp_path, kantoor, medewerker):
    """Issue 9 item 3: a huge single line is refused when it is reached, not read whole."""
    out, err = StringIO(), StringIO()
    pad = bestand(tmp_path, GOED[0], "L003;" + "x" * 20_000)

    with pytest.raises(CommandError):
        call_command(
            "importeer_relaties", str(pad), "--kantoor", "testpraktijk", stdout=out, stderr=err
        )
    assert err.getvalue().strip() == "regel 3: langer dan 10000 tekens"


def test_more_relations_than_the_bound_are_refused(tmp_path, monkeypatch, kantoor, collega):
    """Issue 9 item 3: what is kept is bounded by the number of relations."""
    monkeypatch.setattr("relaties.importers.MAX_RELATIES", 1)
    out, err = StringIO(), StringIO()

    with pytest.raises(CommandError):
        call_command(
            "importeer_relaties",
            str(bestand(tmp_path, *GOED)),
            "--kantoor",
            "testpraktijk",
            stdout=out,
            stderr=err,
        )
    assert "meer dan 1 relaties" in err.getvalue()
    assert not Relatie.objects.filter(code="L001").exists()


def test_import_keeps_ledger_codes_outside_the_mask_and_logs_them(
    tmp_path, kantoor, medewerker, collega
):
    """D12 (issue 10 item 5): the file is the ledger's own data; a code outside the mask is kept
    and logged as an override by the import (no person), a fitting one is not."""
    kantoor.relatiecode_masker = "L[0-9][0-9][0-9]"
    kantoor.save()
    afwijkend = GOED[1].replace("L002;", "1999;")

    importeer(bestand(tmp_path, GOED[0], afwijkend))

    oud = Relatie.objects.get(kantoor=kantoor, code="1999")
    assert oud.code_afwijking_op is not None and oud.code_afwijking_door is None
    past = Relatie.objects.get(kantoor=kantoor, code="L001")
    assert past.code_afwijking_op is None
