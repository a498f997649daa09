"""Who may act (R9, D5, D6) and bulk actions that are all or nothing."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taken import services
from taken.models import TaakGebeurtenis, TaakStatus
from tests.taken.factories import TaakFactory

pytestmark = pytest.mark.django_db


def test_holding_the_role_allows_acting(taak, medewerker, in_team, boekhouder):
    """R9: holding the task's role on the relation's team."""
    assert not services.mag_handelen(medewerker, taak)
    in_team(taak.relatie, medewerker, boekhouder)
    assert services.mag_handelen(medewerker, taak)


def test_the_klantbeheerder_may_act_on_every_task_of_his_client(taak, beheerder):
    """D6 and issue 6 §5: the klantbeheerder may act too."""
    assert services.mag_handelen(beheerder, taak)


def test_someone_outside_the_role_is_refused_and_nothing_changes(taak, medewerker):
    """§5: others may see but not act."""
    with pytest.raises(PermissionDenied):
        services.voer_uit(medewerker, [taak.pk], "oppakken")

    taak.refresh_from_db()
    assert taak.opgepakt_door is None
    assert not TaakGebeurtenis.objects.exists()


def test_a_colleague_in_the_same_role_takes_over(taak, medewerker, collega, in_team, boekhouder):
    """R9/D5: taking over within the same role on the same team; from whom is kept."""
    in_team(taak.relatie, medewerker, boekhouder)
    in_team(taak.relatie, collega, boekhouder)
    services.voer_uit(medewerker, [taak.pk], "oppakken")

    services.voer_uit(collega, [taak.pk], "overnemen")

    taak.refresh_from_db()
    assert taak.opgepakt_door == collega
    assert taak.gebeurtenissen.get(soort="overgenomen").van_medewerker == medewerker


def test_the_klantbeheerder_hands_a_task_to_someone_in_the_role(
    taak, beheerder, medewerker, derde, in_team, boekhouder
):
    """§5: the klantbeheerder may hand a task to someone on his client's team, in its role."""
    in_team(taak.relatie, medewerker, boekhouder)

    services.voer_uit(beheerder, [taak.pk], "overnemen", naar_id=medewerker.pk)
    taak.refresh_from_db()
    assert taak.opgepakt_door == medewerker

    with pytest.raises(services.BulkFout):
        services.voer_uit(beheerder, [taak.pk], "overnemen", naar_id=derde.pk)
    taak.refresh_from_db()
    assert taak.opgepakt_door == medewerker


def test_bulk_is_all_or_nothing(kantoor, klant, medewerker, in_team, boekhouder):
    """§4: one refused task leaves every selected task as it was, with the reason per line."""
    in_team(klant, medewerker, boekhouder)
    a = TaakFactory(kantoor=kantoor, relatie=klant, rol=boekhouder)
    b = TaakFactory(
        kantoor=kantoor,
        relatie=klant,
        rol=boekhouder,
        status=TaakStatus.GEREED,
        gereed_op="2027-01-01T00:00Z",
    )

    with pytest.raises(services.BulkFout) as exc:
        services.voer_uit(medewerker, [a.pk, b.pk], "gereed_melden")

    assert set(exc.value.fouten) == {b.pk}
    a.refresh_from_db()
    assert a.status == TaakStatus.OPENSTAAND
    assert not TaakGebeurtenis.objects.exists()


def test_bulk_moves_due_dates_by_days(kantoor, klant, medewerker, in_team, boekhouder):
    in_team(klant, medewerker, boekhouder)
    taken = [TaakFactory(kantoor=kantoor, relatie=klant, rol=boekhouder) for _ in range(3)]

    services.voer_uit(medewerker, [t.pk for t in taken], "verschuiven", dagen=7, reden="Ziek")

    for taak in taken:
        taak.refresh_from_db()
        assert taak.vervaldatum == date(2027, 5, 7)


def test_a_bulk_with_one_forbidden_task_is_refused_whole(
    kantoor, klant, medewerker, in_team, boekhouder
):
    """§5: a forged POST that includes a task I may not act on changes nothing."""
    in_team(klant, medewerker, boekhouder)
    mag = TaakFactory(kantoor=kantoor, relatie=klant, rol=boekhouder)
    niet = TaakFactory(kantoor=kantoor, rol=boekhouder)

    with pytest.raises(PermissionDenied):
        services.voer_uit(medewerker, [mag.pk, niet.pk], "oppakken")
    mag.refresh_from_db()
    assert mag.opgepakt_door is None


def test_another_offices_task_is_not_found(taak, vreemde):
    """D9."""
    with pytest.raises(taak.DoesNotExist):
        services.voer_uit(vreemde, [taak.pk], "oppakken")


def test_an_empty_selection_is_refused(medewerker):
    with pytest.raises(ValidationError):
        services.voer_uit(medewerker, [], "oppakken")
