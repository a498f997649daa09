"""Database rules and state changes of tasks, with their history (R3, R9, D5)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from relaties.models import Soort, Type
from taken.models import Overeenkomst, TaakGebeurtenis, TaakStatus, Takeninstellingen
from tests.relaties.factories import RelatieFactory
from tests.taken.factories import OvereenkomstFactory, ProcesFactory, TaakFactory

pytestmark = pytest.mark.django_db


def test_a_task_is_for_the_client_or_for_a_role_never_both(kantoor, klant, boekhouder):
    """R3: exactly one of client or role, as a database constraint."""
    with transaction.atomic(), pytest.raises(IntegrityError):
        TaakFactory(kantoor=kantoor, relatie=klant, rol=boekhouder, voor_klant=True)
    with transaction.atomic(), pytest.raises(IntegrityError):
        TaakFactory(kantoor=kantoor, relatie=klant, rol=None, voor_klant=False)


def test_a_process_is_unique_per_agreement_and_period(kantoor, klant):
    """Idempotent generation rests on one process per agreement and period."""
    proces = ProcesFactory(overeenkomst=OvereenkomstFactory(kantoor=kantoor, relatie=klant))
    with transaction.atomic(), pytest.raises(IntegrityError):
        ProcesFactory(overeenkomst=proces.overeenkomst, periode_label=proces.periode_label)


def test_agreements_are_made_with_clients_only(kantoor, beheerder):
    """domain.md: an overeenkomst is with a client, never a contact."""
    contact = RelatieFactory(kantoor=kantoor, soort=Soort.CONTACT, aangemaakt_door=beheerder)
    overeenkomst = Overeenkomst(
        kantoor=kantoor, relatie=contact, naam="X", startdatum=date(2027, 1, 1)
    )
    with pytest.raises(ValidationError):
        overeenkomst.full_clean()


def test_an_agreement_cannot_end_before_it_starts(kantoor, klant):
    with transaction.atomic(), pytest.raises(IntegrityError):
        OvereenkomstFactory(
            kantoor=kantoor, relatie=klant, startdatum=date(2027, 2, 1), einddatum=date(2027, 1, 1)
        )


def test_picking_up_is_kept_in_the_history(taak, medewerker):
    """D5: picked up, by whom and when."""
    taak.oppakken(medewerker)

    taak.refresh_from_db()
    assert taak.opgepakt_door == medewerker
    g = taak.gebeurtenissen.get()
    assert (g.soort, g.door, g.naar_medewerker) == ("opgepakt", medewerker, medewerker)


def test_a_task_picked_up_by_someone_else_is_taken_over_not_picked_up(taak, medewerker, collega):
    """D5/R9: nobody's work is silently snatched; taking over keeps from whom."""
    taak.oppakken(medewerker)
    with pytest.raises(ValidationError):
        taak.oppakken(collega)

    taak.overnemen(collega)

    g = taak.gebeurtenissen.get(soort="overgenomen")
    assert (g.van_medewerker, g.naar_medewerker, g.door) == (medewerker, collega, collega)


def test_completing_and_reopening(taak, medewerker):
    taak.gereed_melden(medewerker)
    taak.refresh_from_db()
    assert (taak.status, taak.gereed_door) == (TaakStatus.GEREED, medewerker)
    with pytest.raises(ValidationError):
        taak.gereed_melden(medewerker)

    taak.heropenen(medewerker)
    taak.refresh_from_db()
    assert taak.status == TaakStatus.OPENSTAAND and taak.gereed_op is None
    assert list(taak.gebeurtenissen.values_list("soort", flat=True)) == ["gereed", "heropend"]


def test_moving_a_due_date_needs_a_reason_and_keeps_from_and_to(taak, medewerker):
    with pytest.raises(ValidationError):
        taak.vervaldatum_verschuiven(medewerker, date(2027, 5, 15), " ")

    taak.vervaldatum_verschuiven(medewerker, date(2027, 5, 15), "Vakantie")

    g = TaakGebeurtenis.objects.get(taak=taak)
    assert (g.oude_vervaldatum, g.nieuwe_vervaldatum, g.reden) == (
        date(2027, 4, 30),
        date(2027, 5, 15),
        "Vakantie",
    )


def test_office_task_settings_are_created_with_defaults(kantoor):
    """The due-soon window is 7 days unless the office sets another."""
    assert Takeninstellingen.voor(kantoor).binnenkort_dagen == 7
    assert Takeninstellingen.voor(kantoor).pk == Takeninstellingen.voor(kantoor).pk


def test_a_company_becomes_private_only_without_active_agreement(kantoor, klant):
    """domain.md: a bedrijf becomes particulier only while it has no active agreement."""
    overeenkomst = OvereenkomstFactory(kantoor=kantoor, relatie=klant)
    klant.type = Type.PARTICULIER
    with pytest.raises(ValidationError) as exc:
        klant.full_clean()
    assert "type" in exc.value.message_dict

    overeenkomst.status = "beeindigd"
    overeenkomst.save()
    klant.full_clean()
