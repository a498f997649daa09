"""`manage.py demo`: the demo office, idempotent, never with DEBUG off."""

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from kantoor import demo
from kantoor.importers import importeer
from kantoor.models import InterneRol, Kantoor, Medewerker
from teams.services import replace_employee

# The demo plans its work around today and imports ledger users disabled from a date: a fixed
# Monday morning keeps every run the same on any day (D14). tests/taken/test_demo.py runs the
# demo on the calendar's edges.
MAANDAG = datetime(2027, 3, 1, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(MAANDAG, tick=False)]


@pytest.fixture(autouse=True)
def importmap(settings, tmp_path):
    """The sample import files land in a folder of the test's own."""
    settings.DEMO_IMPORT_DIR = tmp_path / "demo-import"
    return settings.DEMO_IMPORT_DIR


def snapshot() -> dict:
    """Everything the demo writes, so that a second run can be compared row by row."""
    return {
        "kantoren": list(Kantoor.objects.values().order_by("pk")),
        "rollen": list(InterneRol.objects.values().order_by("pk")),
        "medewerkers": list(Medewerker.objects.values().order_by("pk")),
    }


def run_demo() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_demo_creates_the_office_with_roles_employees_and_an_admin(settings):
    settings.DEBUG = True
    output = run_demo()

    kantoor = Kantoor.objects.get(code=demo.KANTOOR_CODE)
    assert kantoor.naam == "Administratiekantoor De Vries & Partners"
    assert set(kantoor.interne_rollen.values_list("naam", flat=True)) == {
        "Klantbeheerder",
        "Boekhouder",
        "Salarisadministrateur",
        "Fiscalist",
        "Controleur",
        "Partner",
    }
    medewerkers = kantoor.medewerkers.all()
    assert 6 <= len(medewerkers) <= 12
    assert [m.naam for m in medewerkers if m.is_beheerder] == ["Jan de Vries"]
    for medewerker in medewerkers:
        assert medewerker.email in output
        assert medewerker.check_password(demo.DEMO_WACHTWOORD)
    assert demo.DEMO_WACHTWOORD in output


def test_demo_is_idempotent(settings):
    settings.DEBUG = True
    run_demo()
    first = snapshot()

    run_demo()

    assert snapshot() == first


def test_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        run_demo()
    assert not Kantoor.objects.exists()


def test_demo_writes_sample_import_files_and_says_where(settings, importmap):
    """Issue 3: an admin can try the import with the demo's own files."""
    settings.DEBUG = True
    output = run_demo()

    xml, csv = importmap / "medewerkers-twinfield.xml", importmap / "medewerkers.csv"
    assert str(xml) in output and str(csv) in output
    eerst = (xml.read_bytes(), csv.read_bytes())
    run_demo()
    assert (xml.read_bytes(), csv.read_bytes()) == eerst
    assert csv.read_bytes().startswith(b"\xef\xbb\xbfcode;naam;korte naam;e-mail;taal;actief")


def test_the_sample_files_import_into_the_demo_office(settings, importmap):
    settings.DEBUG = True
    run_demo()
    kantoor = Kantoor.objects.get(code=demo.KANTOOR_CODE)
    # D8: the XML deactivates Bram Mulder, klantbeheerder of demo relations; he is replaced
    # first (Medewerker vervangen), or the import refuses (tests/teams/test_deactivatie.py).
    vertrekker, opvolger = (Medewerker.objects.get(code=c) for c in ("BMULDER", "EDEBOER"))
    replace_employee(kantoor, vertrekker, opvolger, door=None)

    xml = importeer(kantoor, (importmap / "medewerkers-twinfield.xml").read_bytes())
    csv = importeer(kantoor, (importmap / "medewerkers.csv").read_bytes())

    assert xml.verslag() == [
        "Aangemaakt: 3",
        "Bijgewerkt: 1",
        "Gedeactiveerd: 1",
        "Ongewijzigd: 2",
        "Overgeslagen: 1",
        "  type “user” is geen eigen medewerker (accountant): 1",
    ]
    assert csv.verslag()[:3] == ["Aangemaakt: 2", "Bijgewerkt: 1", "Gedeactiveerd: 0"]
