"""The office, its system role and its employees, as the models and the database keep them."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from kantoor.models import InterneRol, Kantoor, Medewerker, Systeemrol
from tests.factories import InterneRolFactory, KantoorFactory, MedewerkerFactory

pytestmark = pytest.mark.django_db


def test_creating_an_office_creates_exactly_one_klantbeheerder_role():
    """D1: every office has the system role Klantbeheerder from the moment it exists."""
    kantoor = Kantoor.objects.create(naam="Kantoor Noord", code="noord")

    rollen = InterneRol.objects.filter(kantoor=kantoor)
    assert [(r.systeemrol, r.naam, r.actief) for r in rollen] == [
        (Systeemrol.KLANTBEHEERDER, "Klantbeheerder", True)
    ]
    assert kantoor.klantbeheerder_rol == rollen.get()


def test_saving_an_office_again_adds_no_second_role():
    """D1: the system role exists exactly once per office."""
    kantoor = KantoorFactory()
    kantoor.naam = "Nieuwe naam"
    kantoor.save()

    assert InterneRol.objects.filter(kantoor=kantoor).count() == 1


def test_klantbeheerder_cannot_be_deleted_through_the_model():
    """D1: the system role is never deleted; the model says so in words."""
    rol = KantoorFactory().klantbeheerder_rol

    with pytest.raises(ValidationError, match="kan niet worden verwijderd"):
        rol.delete()
    assert InterneRol.objects.filter(pk=rol.pk).exists()


@pytest.mark.postgres_only
def test_klantbeheerder_cannot_be_deleted_by_the_database():
    """D1: a queryset delete, which skips the model, is refused by the database's trigger."""
    rol = KantoorFactory().klantbeheerder_rol

    with pytest.raises(IntegrityError), transaction.atomic():
        InterneRol.objects.filter(pk=rol.pk).delete()
    assert InterneRol.objects.filter(pk=rol.pk).exists()


@pytest.mark.postgres_only
def test_klantbeheerder_cannot_be_deleted_with_raw_sql():
    """D1: not even raw SQL around the ORM removes the system role."""
    rol = KantoorFactory().klantbeheerder_rol

    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM kantoor_internerol WHERE id = %s", [rol.pk])
    assert InterneRol.objects.filter(pk=rol.pk).exists()


def test_klantbeheerder_cannot_be_deactivated():
    """D1: model validation explains, and the check constraint refuses the write."""
    rol = KantoorFactory().klantbeheerder_rol
    rol.actief = False

    with pytest.raises(ValidationError) as excinfo:
        rol.full_clean()
    assert "actief" in excinfo.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        rol.save()
    rol.refresh_from_db()
    assert rol.actief


def test_klantbeheerder_cannot_be_turned_into_an_ordinary_role():
    """D1: the database refuses to drop the system marker, which would leave the office without."""
    rol = KantoorFactory().klantbeheerder_rol

    with pytest.raises(IntegrityError), transaction.atomic():
        InterneRol.objects.filter(pk=rol.pk).update(systeemrol=None)
    rol.refresh_from_db()
    assert rol.systeemrol == Systeemrol.KLANTBEHEERDER


def test_klantbeheerder_cannot_be_duplicated():
    """D1: a second Klantbeheerder system role in one office is refused."""
    kantoor = KantoorFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        InterneRol.objects.create(
            kantoor=kantoor, naam="Tweede", code="KB2", systeemrol=Systeemrol.KLANTBEHEERDER
        )
    duplicate = InterneRol(
        kantoor=kantoor, naam="Tweede", code="KB2", systeemrol=Systeemrol.KLANTBEHEERDER
    )
    with pytest.raises(ValidationError, match="heeft deze systeemrol al"):
        duplicate.full_clean()


def test_klantbeheerder_can_be_renamed():
    """D1: the office may rename its label."""
    rol = KantoorFactory().klantbeheerder_rol
    rol.naam = "Relatiebeheerder"
    rol.full_clean()
    rol.save()

    rol.refresh_from_db()
    assert rol.naam == "Relatiebeheerder"
    assert rol.systeemrol == Systeemrol.KLANTBEHEERDER


def test_ordinary_roles_can_be_deactivated_and_deleted():
    rol = InterneRolFactory(naam="Boekhouder", code="BOEK")
    rol.actief = False
    rol.full_clean()
    rol.save()
    rol.delete()

    assert not InterneRol.objects.filter(pk=rol.pk).exists()


def test_role_codes_are_unique_per_office_only():
    kantoor, ander = KantoorFactory(), KantoorFactory()
    InterneRolFactory(kantoor=kantoor, code="BOEK")
    InterneRolFactory(kantoor=ander, code="BOEK")

    with pytest.raises(ValidationError, match="heeft al een rol met deze code"):
        InterneRol(kantoor=kantoor, naam="Nog een", code="BOEK").full_clean()


@pytest.mark.parametrize("code", ["A", "JDEVRIES", "USER_01", "A-B+C", "X" * 16, "0123456789"])
def test_valid_employee_codes_pass(code):
    """The ledger's user code: at most 16 of A-Z, 0-9, _, - and +."""
    MedewerkerFactory.build(kantoor=KantoorFactory(), code=code).full_clean(exclude=["password"])


@pytest.mark.parametrize("code", ["", "jdevries", "J DE VRIES", "X" * 17, "JAN.DE.VRIES", "JOSÉ"])
def test_invalid_employee_codes_are_refused(code):
    medewerker = MedewerkerFactory.build(kantoor=KantoorFactory(), code=code)

    with pytest.raises(ValidationError) as excinfo:
        medewerker.full_clean(exclude=["password"])
    assert "code" in excinfo.value.message_dict


def test_employee_codes_are_unique_per_office_only():
    kantoor, ander = KantoorFactory(), KantoorFactory()
    MedewerkerFactory(kantoor=kantoor, code="JDV")
    MedewerkerFactory(kantoor=ander, code="JDV")

    with pytest.raises(IntegrityError), transaction.atomic():
        MedewerkerFactory(kantoor=kantoor, code="JDV")


def test_office_staff_need_an_office_but_a_platform_superuser_does_not():
    with pytest.raises(IntegrityError), transaction.atomic():
        MedewerkerFactory(kantoor=None)
    superuser = Medewerker.objects.create_superuser(
        "root@platform.example", "lang-wachtwoord-1", naam="Platformbeheer"
    )

    assert superuser.kantoor is None
    assert superuser.is_staff


def test_email_is_stored_lower_case_and_unique_in_its_office_regardless_of_case():
    sanne = MedewerkerFactory(email="Sanne.Jansen@Kantoor.example")

    assert Medewerker.objects.filter(email="sanne.jansen@kantoor.example").exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        MedewerkerFactory(kantoor=sanne.kantoor, email="SANNE.JANSEN@kantoor.example")


def test_another_office_may_use_the_same_address():
    """Issue 9 item 6 (D9): an address is unique per office, not globally."""
    MedewerkerFactory(email="sanne@kantoor.example")
    MedewerkerFactory(email="SANNE@kantoor.example")

    assert Medewerker.objects.filter(email="sanne@kantoor.example").count() == 2


def test_two_platform_accounts_cannot_share_an_address():
    Medewerker.objects.create_superuser("root@platform.example", "lang-wachtwoord-1", naam="A")

    with pytest.raises(IntegrityError), transaction.atomic():
        Medewerker(email="root@platform.example", naam="B", is_superuser=True).save()


def test_employees_without_email_do_not_collide():
    kantoor = KantoorFactory()
    MedewerkerFactory(kantoor=kantoor, email="")
    MedewerkerFactory(kantoor=kantoor, email=None)

    assert Medewerker.objects.filter(kantoor=kantoor, email__isnull=True).count() == 2


def test_employees_are_never_deleted():
    """D8: an employee who leaves is deactivated; history keeps his name."""
    medewerker = MedewerkerFactory()

    with pytest.raises(ValidationError, match="nooit verwijderd"):
        medewerker.delete()
    assert Medewerker.objects.filter(pk=medewerker.pk).exists()


def test_only_active_office_admins_and_superusers_are_staff():
    assert MedewerkerFactory(is_beheerder=True).is_staff
    assert not MedewerkerFactory(is_beheerder=False).is_staff
    assert not MedewerkerFactory(is_beheerder=True, is_active=False).is_staff
