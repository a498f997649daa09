"""teams.services: every change to a team, its rules and its history (R2, R3, R5, D2, D8)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from kantoor.models import Medewerker
from kantoor.services import DeactivatieGeweigerd, deactiveer_medewerkers
from teams import services
from teams.models import Actie, Bron, Teamlid, TeamWijziging, klantbeheerders_op
from tests.factories import InterneRolFactory, MedewerkerFactory
from tests.relaties.factories import RelatieFactory

pytestmark = pytest.mark.django_db


def rollen_van(relatie, medewerker) -> set[str]:
    return set(
        Teamlid.objects.filter(relatie=relatie, medewerker=medewerker).values_list(
            "rol__code", flat=True
        )
    )


def test_add_member_puts_the_employee_in_the_role_with_history(
    relatie, medewerker, collega, boekhouder
):
    """R3: a colleague joins the team in a role; the history says who, what, by what."""
    teamlid = services.add_member(relatie, collega, boekhouder, door=medewerker)

    assert teamlid.toegevoegd_door == medewerker
    wijziging = TeamWijziging.objects.van_relatie(relatie).latest("pk")
    assert (wijziging.medewerker, wijziging.rol, wijziging.actie, wijziging.bron) == (
        collega,
        boekhouder,
        Actie.TOEGEVOEGD,
        Bron.TAB,
    )
    assert wijziging.door == medewerker


def test_an_employee_can_hold_several_roles_on_one_team(
    relatie, medewerker, collega, boekhouder, fiscalist
):
    """R5: one employee, several roles on one team."""
    services.add_member(relatie, collega, boekhouder, door=medewerker)
    services.add_member(relatie, collega, fiscalist, door=medewerker)

    assert rollen_van(relatie, collega) == {"BOEK", "FIS"}


def test_the_same_role_twice_is_refused(relatie, medewerker, collega, boekhouder):
    """R5: the same employee in the same role twice on one team is refused."""
    services.add_member(relatie, collega, boekhouder, door=medewerker)
    with pytest.raises(services.TeamlidGeweigerd, match=r"heeft deze rol al"):
        services.add_member(relatie, collega, boekhouder, door=medewerker)


def test_inactive_employee_cannot_be_added(relatie, medewerker, boekhouder, kantoor):
    """R3/D8: only active employees join a team."""
    weg = MedewerkerFactory(kantoor=kantoor, is_active=False)
    with pytest.raises(services.TeamlidGeweigerd):
        services.add_member(relatie, weg, boekhouder, door=medewerker)
    assert not Teamlid.objects.filter(medewerker=weg).exists()


def test_inactive_role_cannot_be_assigned(relatie, medewerker, collega, kantoor):
    """R8: only active roles can be assigned."""
    oud = InterneRolFactory(kantoor=kantoor, actief=False)
    with pytest.raises(services.TeamlidGeweigerd):
        services.add_member(relatie, collega, oud, door=medewerker)


def test_employee_or_role_of_another_office_is_refused(
    relatie, medewerker, vreemde, ander_kantoor, collega
):
    """D9: nothing of another office joins a team."""
    with pytest.raises(services.TeamlidGeweigerd):
        services.add_member(relatie, vreemde, relatie.kantoor.klantbeheerder_rol, door=medewerker)
    with pytest.raises(services.TeamlidGeweigerd):
        services.add_member(relatie, collega, ander_kantoor.klantbeheerder_rol, door=medewerker)


def test_the_only_klantbeheerder_cannot_be_removed(relatie, medewerker):
    """R2/D2: removing the last klantbeheerder is refused with what to do instead."""
    teamlid = Teamlid.objects.get(relatie=relatie)
    with pytest.raises(services.LaatsteKlantbeheerder) as fout:
        services.remove_role(teamlid, door=medewerker)
    assert "voeg eerst een andere klantbeheerder toe" in fout.value.melding
    assert Teamlid.objects.filter(pk=teamlid.pk).exists()


def test_a_klantbeheerder_can_leave_once_another_is_added(
    relatie, medewerker, collega, klantbeheerder_rol
):
    """R2: add another klantbeheerder first, then the first can go; both steps in history."""
    services.add_member(relatie, collega, klantbeheerder_rol, door=medewerker)
    services.remove_role(Teamlid.objects.get(relatie=relatie, medewerker=medewerker), door=collega)

    assert [t.medewerker for t in Teamlid.objects.klantbeheerders().filter(relatie=relatie)] == [
        collega
    ]
    assert TeamWijziging.objects.van_relatie(relatie).filter(actie=Actie.VERWIJDERD).count() == 1


def test_an_inactive_klantbeheerder_does_not_count_as_the_other_one(
    relatie, medewerker, kantoor, klantbeheerder_rol
):
    """R2/D8: the klantbeheerder who stays must be an active employee."""
    oud = MedewerkerFactory(kantoor=kantoor)
    services.add_member(relatie, oud, klantbeheerder_rol, door=medewerker)
    Medewerker.objects.filter(pk=oud.pk).update(is_active=False)

    with pytest.raises(services.LaatsteKlantbeheerder):
        services.remove_role(
            Teamlid.objects.get(relatie=relatie, medewerker=medewerker), door=medewerker
        )


def test_remove_member_takes_all_his_roles(relatie, medewerker, collega, boekhouder, fiscalist):
    """R5: removing a person removes each of his roles, each in the history."""
    services.add_member(relatie, collega, boekhouder, door=medewerker)
    services.add_member(relatie, collega, fiscalist, door=medewerker)

    assert services.remove_member(relatie, collega, door=medewerker) == 2
    assert rollen_van(relatie, collega) == set()
    assert TeamWijziging.objects.filter(medewerker=collega, actie=Actie.VERWIJDERD).count() == 2


def test_the_only_klantbeheerder_cannot_be_removed_as_a_person(relatie, medewerker, boekhouder):
    """R2/D2: removing the person who is the last klantbeheerder is refused, all roles stay."""
    services.add_member(relatie, medewerker, boekhouder, door=medewerker)
    with pytest.raises(services.LaatsteKlantbeheerder):
        services.remove_member(relatie, medewerker, door=medewerker)
    assert rollen_van(relatie, medewerker) == {"KB", "BOEK"}


def test_change_role_moves_a_member_to_another_role(
    relatie, medewerker, collega, boekhouder, fiscalist
):
    """R3: a member's role changes; history shows it as one line, old role to new (issue 10)."""
    teamlid = services.add_member(relatie, collega, boekhouder, door=medewerker)
    services.change_role(teamlid, fiscalist, door=medewerker)

    assert rollen_van(relatie, collega) == {"FIS"}
    acties = list(
        TeamWijziging.objects.filter(medewerker=collega)
        .order_by("pk")
        .values_list("vorige_rol__code", "rol__code", "actie")
    )
    assert acties == [(None, "BOEK", "toegevoegd"), ("BOEK", "FIS", "gewijzigd")]


def test_change_role_of_the_only_klantbeheerder_is_refused(relatie, medewerker, boekhouder):
    """R2/D2: the last klantbeheerder cannot be changed into another role."""
    teamlid = Teamlid.objects.get(relatie=relatie)
    with pytest.raises(services.LaatsteKlantbeheerder):
        services.change_role(teamlid, boekhouder, door=medewerker)


def test_model_validation_refuses_changing_the_last_klantbeheerder(relatie, boekhouder):
    """R2: the model itself says it, in Dutch, when asked to validate."""
    teamlid = Teamlid.objects.get(relatie=relatie)
    teamlid.rol = boekhouder
    with pytest.raises(ValidationError, match="Een relatie heeft altijd een klantbeheerder"):
        teamlid.full_clean()


def test_model_validation_refuses_an_employee_of_another_office(relatie, vreemde, boekhouder):
    """D9: the model refuses an employee of another office, at the field."""
    teamlid = Teamlid(kantoor=relatie.kantoor, relatie=relatie, medewerker=vreemde, rol=boekhouder)
    with pytest.raises(ValidationError) as fout:
        teamlid.full_clean()
    assert "medewerker" in fout.value.message_dict


def test_who_was_klantbeheerder_on_a_past_date(relatie, medewerker, collega, klantbeheerder_rol):
    """Item 4: the history answers who was klantbeheerder of a relation at any moment."""
    begin = TeamWijziging.objects.get(relatie=relatie).op
    januari = begin + datetime.timedelta(days=1)
    maart = begin + datetime.timedelta(days=60)
    TeamWijziging.objects.filter(relatie=relatie).update(op=begin)
    services.add_member(relatie, collega, klantbeheerder_rol, door=medewerker)
    services.remove_role(Teamlid.objects.get(relatie=relatie, medewerker=medewerker), door=collega)
    # Dates the two later steps as if they happened in February and April.
    TeamWijziging.objects.filter(
        relatie=relatie, actie=Actie.TOEGEVOEGD, medewerker=collega
    ).update(op=begin + datetime.timedelta(days=30))
    TeamWijziging.objects.filter(relatie=relatie, actie=Actie.VERWIJDERD).update(
        op=begin + datetime.timedelta(days=90)
    )
    Medewerker.objects.filter(pk=medewerker.pk).update(is_active=False)

    assert klantbeheerders_op(relatie, begin - datetime.timedelta(days=1)) == []
    assert klantbeheerders_op(relatie, januari) == [medewerker]
    assert set(klantbeheerders_op(relatie, maart)) == {medewerker, collega}
    assert klantbeheerders_op(relatie, begin + datetime.timedelta(days=365)) == [collega]


def test_creating_a_relation_writes_its_first_history_line(kantoor, medewerker):
    """R4/D3 and item 4: the creator's joining is history too (source: new relation)."""
    relatie = RelatieFactory(kantoor=kantoor, aangemaakt_door=medewerker)
    wijziging = TeamWijziging.objects.get(relatie=relatie)
    assert (wijziging.medewerker, wijziging.actie, wijziging.bron) == (
        medewerker,
        Actie.TOEGEVOEGD,
        Bron.AANMAAK,
    )


# --- Bulk ---------------------------------------------------------------------------------------


def test_bulk_adds_one_employee_in_one_role_skipping_where_present(
    kantoor, medewerker, collega, boekhouder
):
    """R3: the bulk action adds where missing and reports the counts."""
    relaties = [RelatieFactory(kantoor=kantoor, aangemaakt_door=medewerker) for _ in range(3)]
    services.add_member(relaties[0], collega, boekhouder, door=medewerker)
    qs = relaties[0].__class__.objects.filter(pk__in=[r.pk for r in relaties])

    uitkomst = services.add_member_to_relations(kantoor, qs, collega, boekhouder, door=medewerker)

    assert (uitkomst.toegevoegd, uitkomst.overgeslagen) == (2, 1)
    assert Teamlid.objects.filter(medewerker=collega, rol=boekhouder).count() == 3
    assert TeamWijziging.objects.filter(bron=Bron.BULK).count() == 2


def test_bulk_ignores_relations_of_another_office(
    kantoor, medewerker, collega, boekhouder, vreemde_relatie
):
    """D9: another office's relation in the selection is never touched."""
    qs = vreemde_relatie.__class__.objects.filter(pk=vreemde_relatie.pk)
    uitkomst = services.add_member_to_relations(kantoor, qs, collega, boekhouder, door=medewerker)
    assert uitkomst.toegevoegd == 0
    assert not vreemde_relatie.teamleden.filter(medewerker=collega).exists()


# --- D8: replacing an employee ------------------------------------------------------------------


def test_replacement_preview_lists_every_relation_and_role(
    kantoor, medewerker, collega, boekhouder
):
    """D8: the preview names every relation and role that will change, without writing."""
    RelatieFactory(kantoor=kantoor, code="A1", aangemaakt_door=medewerker)
    b = RelatieFactory(kantoor=kantoor, code="B1", aangemaakt_door=medewerker)
    services.add_member(b, medewerker, boekhouder, door=medewerker)

    plan = services.plan_replacement(kantoor, medewerker, collega)

    assert [(v.relatie.code, v.rol.code) for v in plan] == [
        ("A1", "KB"),
        ("B1", "BOEK"),
        ("B1", "KB"),
    ]
    assert not Teamlid.objects.filter(medewerker=collega).exists()


def test_replacement_moves_every_role_in_one_go_with_history(
    kantoor, medewerker, collega, boekhouder
):
    """D8: X is replaced by Y on every team; the history says: by a replacement."""
    a = RelatieFactory(kantoor=kantoor, aangemaakt_door=medewerker)
    b = RelatieFactory(kantoor=kantoor, aangemaakt_door=medewerker)
    services.add_member(b, medewerker, boekhouder, door=medewerker)
    services.add_member(b, collega, boekhouder, door=medewerker)

    services.replace_employee(kantoor, medewerker, collega, door=medewerker)

    assert not Teamlid.objects.filter(medewerker=medewerker).exists()
    assert rollen_van(a, collega) == {"KB"}
    assert rollen_van(b, collega) == {"KB", "BOEK"}
    assert TeamWijziging.objects.filter(bron=Bron.VERVANGING, actie=Actie.VERWIJDERD).count() == 3
    assert TeamWijziging.objects.filter(bron=Bron.VERVANGING, actie=Actie.TOEGEVOEGD).count() == 2


def test_replacement_of_chosen_roles_only(
    kantoor, medewerker, collega, boekhouder, klantbeheerder_rol
):
    """D8: only the chosen roles change hands."""
    relatie = RelatieFactory(kantoor=kantoor, aangemaakt_door=medewerker)
    services.add_member(relatie, medewerker, boekhouder, door=medewerker)

    services.replace_employee(kantoor, medewerker, collega, [boekhouder], door=medewerker)

    assert rollen_van(relatie, medewerker) == {"KB"}
    assert rollen_van(relatie, collega) == {"BOEK"}


def test_replacement_by_an_inactive_employee_is_refused(kantoor, medewerker, relatie):
    """D8: the replacement must be an active employee; nothing changes."""
    weg = MedewerkerFactory(kantoor=kantoor, is_active=False)
    with pytest.raises(services.TeamlidGeweigerd):
        services.replace_employee(kantoor, medewerker, weg, door=medewerker)
    assert rollen_van(relatie, medewerker) == {"KB"}


# --- D8: the deactivation guard -----------------------------------------------------------------


def test_the_only_klantbeheerder_cannot_be_deactivated(kantoor, relatie, medewerker):
    """D8: deactivating the only klantbeheerder of a relation is refused, naming it."""
    with pytest.raises(DeactivatieGeweigerd) as fout:
        deactiveer_medewerkers(kantoor, Medewerker.objects.filter(pk=medewerker.pk))
    assert "1001 Bakkerij Jansen B.V." in fout.value.meldingen[0]
    assert "kies daar eerst zijn vervanger" in fout.value.meldingen[0]
    medewerker.refresh_from_db()
    assert medewerker.is_active


def test_a_klantbeheerder_with_an_active_colleague_can_be_deactivated(
    kantoor, relatie, medewerker, collega, klantbeheerder_rol
):
    """D8: with another active klantbeheerder on every team, he may leave."""
    services.add_member(relatie, collega, klantbeheerder_rol, door=medewerker)
    assert deactiveer_medewerkers(kantoor, Medewerker.objects.filter(pk=medewerker.pk)) == 1


def test_deactivating_both_klantbeheerders_together_is_refused(
    kantoor, relatie, medewerker, collega, klantbeheerder_rol
):
    """D8: two who leave together do not count as each other's replacement."""
    services.add_member(relatie, collega, klantbeheerder_rol, door=medewerker)
    with pytest.raises(DeactivatieGeweigerd):
        deactiveer_medewerkers(
            kantoor, Medewerker.objects.filter(pk__in=[medewerker.pk, collega.pk])
        )


def test_after_replacement_the_employee_can_be_deactivated(kantoor, relatie, medewerker, collega):
    """D8: Medewerker vervangen first, then deactivation passes; his history keeps his name."""
    services.replace_employee(kantoor, medewerker, collega, door=collega)
    assert deactiveer_medewerkers(kantoor, Medewerker.objects.filter(pk=medewerker.pk)) == 1
    assert TeamWijziging.objects.filter(medewerker=medewerker).count() == 2


def test_history_keeps_the_names_people_had_at_the_time(relatie, medewerker, collega, boekhouder):
    """Issue 10 item 6, D8: a later rename does not rewrite the history of the team."""
    services.add_member(relatie, collega, boekhouder, door=medewerker)
    Medewerker.objects.filter(pk=collega.pk).update(naam="Pieter Bakker-de Wit")
    Medewerker.objects.filter(pk=medewerker.pk).update(naam="Sanne de Boer")

    wijziging = TeamWijziging.objects.filter(medewerker=collega).get()

    assert wijziging.medewerker_naam_toen == "Pieter Bakker"
    assert wijziging.door_naam_toen == "Sanne Jansen"


def test_klantbeheerders_over_time_follow_a_role_change(relatie, medewerker, collega, boekhouder):
    """R2 over time: a role change out of and into the klantbeheerder role counts (issue 10)."""
    kb = relatie.kantoor.klantbeheerder_rol
    teamlid = services.add_member(relatie, collega, kb, door=medewerker)
    services.change_role(teamlid, boekhouder, door=medewerker)
    na = TeamWijziging.objects.filter(medewerker=collega).latest("pk").op

    assert klantbeheerders_op(relatie, na) == [medewerker]


def test_the_refusal_names_the_offices_own_role_name(relatie, medewerker):
    """D1/D2: the office renamed Klantbeheerder; the refusal uses the new name."""
    kb = relatie.kantoor.klantbeheerder_rol
    kb.naam = "Relatiebeheerder"
    kb.save()
    relatie.kantoor.__dict__.pop("klantbeheerder_naam", None)

    with pytest.raises(services.LaatsteKlantbeheerder) as fout:
        services.remove_member(relatie, medewerker, door=medewerker)

    assert "voeg eerst een andere relatiebeheerder toe" in fout.value.melding
