"""`manage.py demo`: the demo office, idempotent, never with DEBUG off."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kantoor import demo
from kantoor.models import InterneRol, Kantoor, Medewerker

pytestmark = pytest.mark.django_db


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
