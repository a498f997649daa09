"""`manage.py kantoor_aanmaken`: a new office, its system role and its first admin (issue 14, 5)."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kantoor.models import InterneRol, Kantoor, Medewerker, Systeemrol
from tests.factories import KantoorFactory, MedewerkerFactory

pytestmark = pytest.mark.django_db


def aanmaken(**overrides: str) -> str:
    opties = {
        "code": "jansen",
        "naam": "Jansen Administraties",
        "beheerder_code": "PJANSEN",
        "beheerder_naam": "Petra Jansen",
        "beheerder_email": "Petra@Jansen.example",
        "basis_url": "https://kantoor.example.nl",
        **overrides,
    }
    out = StringIO()
    call_command("kantoor_aanmaken", stdout=out, **opties)
    return out.getvalue()


def test_creates_the_office_its_system_role_and_its_admin_who_gets_a_password_mail(
    mailoutbox, client
):
    """Issue 14, 5: production onboarding without the shell; the admin chooses his password."""
    output = aanmaken()

    kantoor = Kantoor.objects.get(code="jansen")
    assert kantoor.naam == "Jansen Administraties"
    assert kantoor.interne_rollen.get().systeemrol == Systeemrol.KLANTBEHEERDER
    beheerder = Medewerker.objects.get(kantoor=kantoor)
    assert (beheerder.code, beheerder.naam, beheerder.email) == (
        "PJANSEN",
        "Petra Jansen",
        "petra@jansen.example",
    )
    assert beheerder.is_beheerder and beheerder.is_staff
    assert not beheerder.has_usable_password()
    assert "petra@jansen.example" in output
    assert [m.to for m in mailoutbox] == [["petra@jansen.example"]]
    link = re.search(r"https://kantoor\.example\.nl(/\S+)", mailoutbox[0].body).group(1)
    assert client.get(link, follow=True).status_code == 200


def test_an_existing_code_is_refused_in_one_line_and_nothing_is_written(mailoutbox):
    """Issue 14, 5: a clear error for an existing code; no admin for the other office."""
    KantoorFactory(code="jansen")

    with pytest.raises(CommandError, match=r"--code: Er bestaat al een Kantoor met eenzelfde Code"):
        aanmaken()

    assert not Medewerker.objects.filter(code="PJANSEN").exists()
    assert mailoutbox == []


def test_a_refused_admin_leaves_no_office_behind(mailoutbox):
    """Issue 14, 5: one transaction: a bad admin leaves no office and no system role behind."""
    with pytest.raises(CommandError, match=r"--beheerder-code: "):
        aanmaken(beheerder_code="X" * 40)

    assert not Kantoor.objects.filter(code="jansen").exists()
    assert not InterneRol.objects.filter(kantoor__code="jansen").exists()
    assert mailoutbox == []


def test_an_address_used_in_another_office_is_accepted(mailoutbox):
    """D9 (issue 9 row 14): addresses are unique per office, so another office's is no refusal."""
    MedewerkerFactory(email="petra@jansen.example")

    aanmaken()

    assert Medewerker.objects.filter(kantoor__code="jansen", email="petra@jansen.example").exists()
    assert len(mailoutbox) == 1


@pytest.mark.parametrize(
    ("overrides", "optie"),
    [
        ({"code": "met spatie"}, "--code"),
        ({"beheerder_email": "geen-adres"}, "--beheerder-email"),
        ({"beheerder_email": " "}, "--beheerder-email"),
        ({"beheerder_code": "X" * 40}, "--beheerder-code"),
        ({"naam": ""}, "--naam"),
    ],
)
def test_bad_values_name_the_option_and_write_nothing(overrides, optie):
    """Issue 14, 5: every refusal names the option to change."""
    with pytest.raises(CommandError, match=f"^Het kantoor is niet aangemaakt: .*{optie}: "):
        aanmaken(**overrides)

    assert not Kantoor.objects.exists()
