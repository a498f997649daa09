"""Every change to a team goes through here (R2, R3, R5, D2, D8), each in one transaction.

Each function first locks the relation's row (`select_for_update`), so that two requests changing
one team are serialised and the check "is another klantbeheerder left?" cannot be raced past.
Whoever is (or stays) klantbeheerder has his employee row locked as well, so that a concurrent
deactivation (kantoor.services.deactiveer_medewerkers, which locks the same rows) waits for us and
then sees our change. Every change writes its line in the history (TeamWijziging).

On PostgreSQL a deferred constraint trigger (migration 0003) keeps the rule even for writes that
bypass this module; its refusal (SQLSTATE 23K01) is turned into the same `LaatsteKlantbeheerder`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from kantoor.models import InterneRol, Kantoor, Medewerker
from relaties.models import Relatie
from teams.models import (
    SQLSTATE_GEEN_KLANTBEHEERDER,
    Actie,
    Bron,
    Teamlid,
    TeamWijziging,
    laatste_klantbeheerder,
)
from teams.signals import TakenOverdracht, taken_overdracht, taken_overdragen


class TeamFout(Exception):
    """A change to a team was refused; `meldingen` says why, in the user's language."""

    def __init__(self, meldingen: str | list[str]) -> None:
        self.meldingen = [meldingen] if isinstance(meldingen, str) else list(meldingen)
        super().__init__(" ".join(self.meldingen))

    @property
    def melding(self) -> str:
        return " ".join(self.meldingen)


class LaatsteKlantbeheerder(TeamFout):
    """R2/D2: the change would leave a relation without a klantbeheerder."""

    def __init__(self, meldingen: str | list[str] | None = None) -> None:
        super().__init__(meldingen or laatste_klantbeheerder())


class TeamlidGeweigerd(TeamFout):
    """The member cannot be added or changed: another office, inactive, already there."""


# The deferred triggers of migration 0003; checked at the end of every service call.
KLANTBEHEERDER_TRIGGERS = "teams_teamlid_klantbeheerder, teams_relatie_klantbeheerder"


def is_geen_klantbeheerder_fout(fout: BaseException) -> bool:
    """Whether a database error is the trigger's refusal of a relation without klantbeheerder."""
    oorzaak = fout.__cause__ or fout
    return getattr(oorzaak, "sqlstate", None) == SQLSTATE_GEEN_KLANTBEHEERDER


@contextmanager
def team_transactie() -> Iterator[None]:
    """One transaction for one change; the database's backstop speaks our words."""
    try:
        with transaction.atomic():
            yield
            if connection.vendor == "postgresql":
                # Run the deferred checks now, inside this call, rather than at a commit that may
                # belong to an outer transaction: the error then reaches our caller as ours.
                with connection.cursor() as cursor:
                    cursor.execute(f"SET CONSTRAINTS {KLANTBEHEERDER_TRIGGERS} IMMEDIATE")
                    cursor.execute(f"SET CONSTRAINTS {KLANTBEHEERDER_TRIGGERS} DEFERRED")
    except DatabaseError as fout:
        if is_geen_klantbeheerder_fout(fout):
            raise LaatsteKlantbeheerder from fout
        raise


def lock_relatie(relatie: Relatie) -> Relatie:
    """Locks the relation's row: every change to its team waits for the previous one."""
    return Relatie.objects.select_for_update().get(pk=relatie.pk)


def lock_actieve_medewerker(kantoor_id: int, medewerker: Medewerker) -> Medewerker:
    """Locks an employee who joins a team; refuses one who is inactive or of another office.

    The lock makes a concurrent deactivation wait (and then see the new membership, D8).
    """
    gevonden = (
        Medewerker.objects.select_for_update()
        .filter(pk=medewerker.pk, kantoor_id=kantoor_id, is_active=True)
        .first()
    )
    if gevonden is None:
        raise TeamlidGeweigerd(_("Only active employees of this office can join a team."))
    return gevonden


def lock_andere_klantbeheerders(
    teamleden: QuerySet[Teamlid], relatie: Relatie, *, ook: int | None = None
) -> None:
    """Locks the rows of the active klantbeheerders who stay, so that none of them can be
    deactivated while we count on him (D8), then checks that one stays (R2, D2).

    Employee rows are locked in id order in one statement, `ook` (another employee the caller
    locks) among them: the order in which the import locks them too, so that the two never wait
    for each other in a circle (issue 9 row 8).
    """
    blijvers = (
        Teamlid.objects.klantbeheerders()
        .filter(relatie=relatie)
        .exclude(pk__in=[t.pk for t in teamleden])
        .values("medewerker_id")
    )
    gekozen = Q(pk__in=blijvers, is_active=True)
    if ook is not None:
        gekozen |= Q(pk=ook)
    gelockt = list(
        Medewerker.objects.select_for_update()
        .filter(gekozen)
        .order_by("pk")
        .values_list("pk", "is_active")
    )
    if not any(actief and pk != ook for pk, actief in gelockt):
        # The office may have renamed the role (D1): the refusal uses its name.
        raise LaatsteKlantbeheerder(laatste_klantbeheerder(relatie.kantoor.klantbeheerder_naam))


def log(teamleden: Iterable[Teamlid], actie: str, door: Medewerker | None, bron: str) -> None:
    TeamWijziging.objects.bulk_create(TeamWijziging.van(t, actie, door, bron) for t in teamleden)


def nieuw_teamlid(
    relatie: Relatie, medewerker: Medewerker, rol: InterneRol, door: Medewerker | None
) -> Teamlid:
    """A validated, unsaved member (only active employees and roles of the office, R3, D9)."""
    teamlid = Teamlid(
        kantoor_id=relatie.kantoor_id,
        relatie=relatie,
        medewerker=medewerker,
        rol=rol,
        toegevoegd_door=door,
    )
    try:
        teamlid.full_clean()
    except ValidationError as fout:
        raise TeamlidGeweigerd(fout.messages) from fout
    return teamlid


def add_member(
    relatie: Relatie,
    medewerker: Medewerker,
    rol: InterneRol,
    *,
    door: Medewerker | None,
    bron: str = Bron.TAB,
) -> Teamlid:
    """R3/R5: puts `medewerker` on the team in `rol` (also as a further role of a member)."""
    with team_transactie():
        relatie = lock_relatie(relatie)
        medewerker = lock_actieve_medewerker(relatie.kantoor_id, medewerker)
        teamlid = nieuw_teamlid(relatie, medewerker, rol, door)
        try:
            with transaction.atomic():
                teamlid.save()
        except IntegrityError as fout:
            raise TeamlidGeweigerd(_("This employee already has this role on this team.")) from fout
        log([teamlid], Actie.TOEGEVOEGD, door, bron)
    return teamlid


def remove_role(teamlid: Teamlid, *, door: Medewerker | None, bron: str = Bron.TAB) -> None:
    """Takes one role of one member off the team; never the last klantbeheerder (R2, D2)."""
    with team_transactie():
        relatie = lock_relatie(teamlid.relatie)
        huidig = Teamlid.objects.select_related("rol").filter(pk=teamlid.pk).first()
        if huidig is None:
            return  # removed a moment ago by a colleague: the result is what was asked
        if huidig.is_klantbeheerder:
            lock_andere_klantbeheerders(Teamlid.objects.filter(pk=huidig.pk), relatie)
        huidig.delete()
        log([huidig], Actie.VERWIJDERD, door, bron)


def remove_member(
    relatie: Relatie, medewerker: Medewerker, *, door: Medewerker | None, bron: str = Bron.TAB
) -> int:
    """Takes a person off the team with all his roles; never the last klantbeheerder (R2)."""
    with team_transactie():
        relatie = lock_relatie(relatie)
        rollen = Teamlid.objects.filter(relatie=relatie, medewerker=medewerker)
        weg = list(rollen.select_related("rol"))
        if any(t.is_klantbeheerder for t in weg):
            lock_andere_klantbeheerders(rollen, relatie)
        rollen.delete()
        log(weg, Actie.VERWIJDERD, door, bron)
    return len(weg)


def change_role(
    teamlid: Teamlid, rol: InterneRol, *, door: Medewerker | None, bron: str = Bron.TAB
) -> Teamlid:
    """Gives a member another role in place of this one; the last klantbeheerder stays (R2)."""
    with team_transactie():
        relatie = lock_relatie(teamlid.relatie)
        huidig = Teamlid.objects.select_related("rol", "medewerker").filter(pk=teamlid.pk).first()
        if huidig is None:
            raise TeamlidGeweigerd(_("This team member has been removed in the meantime."))
        if huidig.rol_id == rol.pk:
            return huidig
        if huidig.is_klantbeheerder:
            lock_andere_klantbeheerders(
                Teamlid.objects.filter(pk=huidig.pk), relatie, ook=huidig.medewerker_id
            )
        lock_actieve_medewerker(relatie.kantoor_id, huidig.medewerker)
        vorige_rol_id = huidig.rol_id
        if not rol.actief or rol.kantoor_id != relatie.kantoor_id:
            raise TeamlidGeweigerd(_("Only active roles of this office can be assigned."))
        huidig.rol = rol
        huidig.toegevoegd_door = door
        try:
            huidig.validate_constraints()
            with transaction.atomic():
                huidig.save(update_fields=["rol", "toegevoegd_door"])
        except (ValidationError, IntegrityError) as fout:
            raise TeamlidGeweigerd(_("This employee already has this role on this team.")) from fout
        # One line in the history (issue 10): from the previous role to the new one.
        wijziging = TeamWijziging.van(huidig, Actie.GEWIJZIGD, door, bron)
        wijziging.vorige_rol_id = vorige_rol_id
        TeamWijziging.objects.bulk_create([wijziging])
    return huidig


# --- Bulk: one employee in one role on many relations ------------------------------------------


@dataclass(frozen=True)
class BulkResultaat:
    toegevoegd: int
    overgeslagen: int


def add_member_to_relations(
    kantoor: Kantoor,
    relaties: QuerySet[Relatie],
    medewerker: Medewerker,
    rol: InterneRol,
    *,
    door: Medewerker | None,
) -> BulkResultaat:
    """Puts `medewerker` in `rol` on every selected relation, skipping where he already holds
    it (R3, R5); all or nothing."""
    with team_transactie():
        # In id order, so that two bulk actions over overlapping selections cannot deadlock.
        gekozen = list(
            relaties.for_kantoor(kantoor).select_for_update().order_by("pk").only("pk", "kantoor")
        )
        medewerker = lock_actieve_medewerker(kantoor.pk, medewerker)
        if rol.kantoor_id != kantoor.pk or not rol.actief:
            raise TeamlidGeweigerd(_("Only active roles of this office can be assigned."))
        aanwezig = set(
            Teamlid.objects.filter(
                relatie__in=[r.pk for r in gekozen], medewerker=medewerker, rol=rol
            ).values_list("relatie_id", flat=True)
        )
        nieuw = [
            Teamlid(
                kantoor=kantoor, relatie=r, medewerker=medewerker, rol=rol, toegevoegd_door=door
            )
            for r in gekozen
            if r.pk not in aanwezig
        ]
        Teamlid.objects.bulk_create(nieuw, batch_size=1000)
        log(nieuw, Actie.TOEGEVOEGD, door, Bron.BULK)
    return BulkResultaat(toegevoegd=len(nieuw), overgeslagen=len(aanwezig))


# --- D8: replacing an employee on every team ---------------------------------------------------


@dataclass(frozen=True)
class Vervanging:
    """One line of the preview: `oud`'s role on `relatie` goes to `nieuw` (or he has it)."""

    teamlid: Teamlid
    heeft_al: bool

    @property
    def relatie(self) -> Relatie:
        return self.teamlid.relatie

    @property
    def rol(self) -> InterneRol:
        return self.teamlid.rol


def plan_replacement(
    kantoor: Kantoor,
    oud: Medewerker,
    nieuw: Medewerker,
    rollen: Iterable[InterneRol] | None = None,
) -> list[Vervanging]:
    """D8, the preview: every relation and role that replacing `oud` by `nieuw` will change."""
    teamleden = (
        Teamlid.objects.for_kantoor(kantoor)
        .filter(medewerker=oud)
        .select_related("relatie", "rol")
        .order_by("relatie__code", "rol__naam")
    )
    if rollen is not None:
        teamleden = teamleden.filter(rol__in=list(rollen))
    heeft = set(
        Teamlid.objects.for_kantoor(kantoor)
        .filter(medewerker=nieuw)
        .values_list("relatie_id", "rol_id")
    )
    return [Vervanging(t, (t.relatie_id, t.rol_id) in heeft) for t in teamleden]


def replace_employee(
    kantoor: Kantoor,
    oud: Medewerker,
    nieuw: Medewerker,
    rollen: Iterable[InterneRol] | None = None,
    *,
    door: Medewerker | None,
) -> list[Vervanging]:
    """D8: `nieuw` takes `oud`'s place (all roles, or the chosen ones) on every team, in one
    transaction, with history. `nieuw` joins before `oud` leaves, so R2 holds throughout.
    The open tasks `oud` picked up in those roles go to `nieuw` by name (D5, history kept);
    open role and client tasks follow the team by themselves (D4, D6)."""
    return vervang(kantoor, oud, nieuw, rollen, door=door)[0]


def vervang(
    kantoor: Kantoor,
    oud: Medewerker,
    nieuw: Medewerker,
    rollen: Iterable[InterneRol] | None = None,
    *,
    door: Medewerker | None,
) -> tuple[list[Vervanging], int]:
    """replace_employee, also returning how many picked-up tasks were handed over."""
    if oud.pk == nieuw.pk:
        raise TeamlidGeweigerd(_("Choose another employee as the replacement."))
    rollen = list(rollen) if rollen is not None else None
    with team_transactie():
        relatie_ids = sorted(
            Teamlid.objects.for_kantoor(kantoor)
            .filter(medewerker=oud)
            .values_list("relatie_id", flat=True)
        )
        list(
            Relatie.objects.for_kantoor(kantoor)
            .filter(pk__in=relatie_ids)
            .select_for_update()
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        nieuw = lock_actieve_medewerker(kantoor.pk, nieuw)
        plan = plan_replacement(kantoor, oud, nieuw, rollen)
        toevoegen = [
            Teamlid(
                kantoor=kantoor,
                relatie=v.relatie,
                medewerker=nieuw,
                rol=v.rol,
                toegevoegd_door=door,
            )
            for v in plan
            if not v.heeft_al
        ]
        Teamlid.objects.bulk_create(toevoegen, batch_size=1000)
        log(toevoegen, Actie.TOEGEVOEGD, door, Bron.VERVANGING)
        weg = [v.teamlid for v in plan]
        Teamlid.objects.filter(pk__in=[t.pk for t in weg]).delete()
        log(weg, Actie.VERWIJDERD, door, Bron.VERVANGING)
        overgedragen = taken_overdragen(
            **overdracht_argumenten(kantoor, oud, nieuw, plan, rollen), door=door
        )
    return plan, overgedragen


# --- D8: an employee leaves: replaced everywhere and deactivated, in one transaction -----------


@dataclass(frozen=True)
class Vertrek:
    """What the leaver flow changed: the team rows, the handed-over tasks, the deactivation."""

    plan: list[Vervanging]
    taken_overgedragen: int
    gedeactiveerd: int


def overdracht_argumenten(
    kantoor: Kantoor, oud: Medewerker, nieuw: Medewerker, plan: list[Vervanging], rollen: Any
) -> dict[str, Any]:
    """What taken needs to know about a replacement (teams.signals.overdracht_gevraagd)."""
    return {
        "kantoor": kantoor,
        "oud": oud,
        "nieuw": nieuw,
        "paren": sorted({(v.teamlid.relatie_id, v.teamlid.rol_id) for v in plan}),
        "klantbeheerder_van": sorted(
            {v.teamlid.relatie_id for v in plan if v.teamlid.is_klantbeheerder}
        ),
        "rollen": rollen,
    }


def preview_taken(
    kantoor: Kantoor,
    oud: Medewerker,
    nieuw: Medewerker,
    plan: list[Vervanging],
    rollen: Iterable[InterneRol] | None = None,
) -> TakenOverdracht:
    """D8 preview: the open and picked-up tasks that change hands with this plan."""
    rollen = list(rollen) if rollen is not None else None
    return taken_overdracht(**overdracht_argumenten(kantoor, oud, nieuw, plan, rollen))


def vertrek(
    kantoor: Kantoor, oud: Medewerker, nieuw: Medewerker, *, door: Medewerker | None
) -> Vertrek:
    """D8: `oud` leaves. `nieuw` takes all his roles on every team (one replacement for all),
    his picked-up open tasks are handed to `nieuw` with history (D5), and he is deactivated:
    all in one transaction, or nothing when any step is refused.

    Locks in the order every other path uses: the relations (id order, as replace_employee),
    then both employees in one statement in id order (as the import and lock_andere_klant-
    beheerders do), so that none of them can wait for us in a circle (issue 9 row 8).
    """
    from kantoor.services import deactiveer_medewerkers  # teams may import kantoor

    if oud.pk == nieuw.pk:
        raise TeamlidGeweigerd(_("Choose another employee as the replacement."))
    if door is not None and door.pk == oud.pk:
        raise TeamlidGeweigerd(_("You cannot deactivate yourself."))
    with team_transactie():
        relatie_ids = sorted(
            set(
                Teamlid.objects.for_kantoor(kantoor)
                .filter(medewerker=oud)
                .values_list("relatie_id", flat=True)
            )
        )
        list(
            Relatie.objects.for_kantoor(kantoor)
            .filter(pk__in=relatie_ids)
            .select_for_update()
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        gelockt = dict(
            Medewerker.objects.select_for_update()
            .filter(pk__in=[oud.pk, nieuw.pk], kantoor=kantoor)
            .order_by("pk")
            .values_list("pk", "is_active")
        )
        if not gelockt.get(oud.pk):
            raise TeamlidGeweigerd(_("%(naam)s is no longer active.") % {"naam": oud})
        if not gelockt.get(nieuw.pk):
            raise TeamlidGeweigerd(_("Only active employees of this office can join a team."))
        plan, overgedragen = vervang(kantoor, oud, nieuw, door=door)
        gedeactiveerd = deactiveer_medewerkers(kantoor, Medewerker.objects.filter(pk=oud.pk))
    return Vertrek(plan, overgedragen, gedeactiveerd)


def enige_klantbeheerder_van(kantoor: Kantoor, medewerker: Medewerker) -> list[Relatie]:
    """The relations whose only active klantbeheerder `medewerker` is (D8: why he cannot simply
    be deactivated)."""
    klantbeheerders = Teamlid.objects.for_kantoor(kantoor).klantbeheerders()
    andere = (
        klantbeheerders.filter(medewerker__is_active=True)
        .exclude(medewerker=medewerker)
        .values("relatie_id")
    )
    return list(
        Relatie.objects.for_kantoor(kantoor)
        .filter(pk__in=klantbeheerders.filter(medewerker=medewerker).values("relatie_id"))
        .exclude(pk__in=andere)
        .order_by("code")
    )
