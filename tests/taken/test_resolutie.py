"""Live role resolution (D4), client tasks (D6), unstaffed tasks (D7)."""

import pytest

from taken.models import Taak
from taken.signals import niet_belegd_per_rol
from teams.signals import niet_belegde_rollen
from tests.factories import InterneRolFactory
from tests.taken.factories import TaakFactory

pytestmark = pytest.mark.django_db


def mijn(medewerker):
    return set(Taak.objects.for_kantoor(medewerker.kantoor).open().voor_medewerker(medewerker))


def test_adding_a_role_to_the_team_shows_the_task_at_once(taak, medewerker, in_team, boekhouder):
    """D4: a task on a role is on the list of whoever holds the role now."""
    assert taak not in mijn(medewerker)

    teamlid = in_team(taak.relatie, medewerker, boekhouder)
    assert taak in mijn(medewerker)

    teamlid.delete()
    assert taak not in mijn(medewerker)


def test_every_holder_of_the_role_sees_the_task(taak, medewerker, collega, in_team, boekhouder):
    """D4/R9: all employees in the role see it, also after one picked it up (D5)."""
    in_team(taak.relatie, medewerker, boekhouder)
    in_team(taak.relatie, collega, boekhouder)
    taak.oppakken(medewerker)

    assert taak in mijn(medewerker)
    assert taak in mijn(collega)


def test_a_role_on_another_relations_team_does_not_count(
    kantoor, taak, medewerker, in_team, boekhouder
):
    """D4: the role must be held on the task's own relation's team."""
    ander = TaakFactory(kantoor=kantoor, rol=boekhouder).relatie
    in_team(ander, medewerker, boekhouder)

    assert taak not in mijn(medewerker)


def test_several_roles_each_bring_their_tasks(kantoor, klant, medewerker, in_team, boekhouder):
    """R5: an employee with several roles sees the tasks of each."""
    fiscalist = InterneRolFactory(kantoor=kantoor, naam="Fiscalist")
    controleur = InterneRolFactory(kantoor=kantoor, naam="Controleur")
    a = TaakFactory(kantoor=kantoor, relatie=klant, rol=boekhouder)
    b = TaakFactory(kantoor=kantoor, relatie=klant, rol=fiscalist)
    c = TaakFactory(kantoor=kantoor, relatie=klant, rol=controleur)
    in_team(klant, medewerker, boekhouder)
    in_team(klant, medewerker, fiscalist)

    assert mijn(medewerker) == {a, b}
    assert c not in mijn(medewerker)


def test_client_tasks_show_for_the_klantbeheerder(kantoor, klant, beheerder, medewerker):
    """D6: client tasks land on the klantbeheerder's list, marked wacht op klant."""
    taak = TaakFactory(kantoor=kantoor, relatie=klant, rol=None, voor_klant=True)

    assert taak in mijn(beheerder)
    assert taak not in mijn(medewerker)
    assert taak.wacht_op_klant


def test_a_picked_up_task_stays_on_the_list_after_leaving_the_role(
    taak, medewerker, in_team, boekhouder
):
    """D5: a task I picked up stays mine even when the team changes."""
    teamlid = in_team(taak.relatie, medewerker, boekhouder)
    taak.oppakken(medewerker)
    teamlid.delete()

    assert taak in mijn(medewerker)


def test_unstaffed_tasks_are_found_and_reported_to_the_team_tab(
    kantoor, taak, medewerker, in_team, boekhouder
):
    """D7: a role with open tasks that nobody holds is niet belegd; the Teamleden tab asks the
    same query through the teams signal."""
    assert list(Taak.objects.for_kantoor(kantoor).niet_belegd()) == [taak]
    rollen = niet_belegde_rollen(taak.relatie)
    assert [(r.rol, r.aantal_taken) for r in rollen] == [(boekhouder, 1)]
    assert niet_belegd_per_rol(taak.relatie) == rollen

    in_team(taak.relatie, medewerker, boekhouder)

    assert not Taak.objects.for_kantoor(kantoor).niet_belegd().exists()
    assert niet_belegde_rollen(taak.relatie) == []


def test_client_tasks_are_never_unstaffed(kantoor, klant):
    """D7 is about roles; a client task belongs to the client."""
    TaakFactory(kantoor=kantoor, relatie=klant, rol=None, voor_klant=True)

    assert not Taak.objects.for_kantoor(kantoor).niet_belegd().exists()
