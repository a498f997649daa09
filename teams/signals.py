"""R4/D3: whoever creates a relation joins its team as klantbeheerder, in the same transaction;
D8: nobody who is the only klantbeheerder of a relation is deactivated; D7: the unstaffed roles.

relaties never imports teams (dependencies point `teams -> relaties`); it announces new
relations and this module answers. `Relatie.save()` and the bulk import run inside
`transaction.atomic()`, so an exception raised here rolls the new relation back as well: no
relation ever exists without its first klantbeheerder (R2).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.db.models.signals import post_save
from django.dispatch import Signal, receiver
from django.utils.translation import gettext as _

from kantoor.models import InterneRol, Kantoor, Medewerker, Systeemrol
from kantoor.signals import Bezwaar
from relaties.models import Relatie
from relaties.signals import relaties_aangemaakt
from teams.models import Actie, Bron, Teamlid, TeamWijziging


def klantbeheerder_teamleden(relaties: Iterable[Relatie]) -> list[Teamlid]:
    """The first team member of each new relation: its creator as klantbeheerder (R4, D3).

    Raises ValidationError when a relation has no creator of its own office: R2 could not be
    met, so the relation must not be created at all.
    """
    relaties = list(relaties)
    rollen = {
        rol.kantoor_id: rol
        for rol in InterneRol.objects.filter(
            kantoor_id__in={r.kantoor_id for r in relaties},
            systeemrol=Systeemrol.KLANTBEHEERDER,
        )
    }
    teamleden = []
    for relatie in relaties:
        maker = relatie.aangemaakt_door
        if maker is None or maker.kantoor_id != relatie.kantoor_id:
            raise ValidationError(
                _(
                    "Relation %(code)s needs a creator of its own office, who becomes its "
                    "client manager."
                )
                % {"code": relatie.code},
                code="geen_klantbeheerder",
            )
        teamleden.append(
            Teamlid(
                kantoor_id=relatie.kantoor_id,
                relatie=relatie,
                medewerker=maker,
                rol=rollen[relatie.kantoor_id],
                toegevoegd_door=maker,
            )
        )
    return teamleden


@receiver(post_save, sender=Relatie, dispatch_uid="teams_relatie_klantbeheerder")
def add_creator_as_klantbeheerder(
    sender: type[Relatie], instance: Relatie, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    """R4/D3: a relation created one at a time gets its creator as klantbeheerder."""
    if created and not raw:
        teamleden = Teamlid.objects.bulk_create(klantbeheerder_teamleden([instance]))
        log_toegevoegd(teamleden, Bron.AANMAAK)


@receiver(relaties_aangemaakt, sender=Relatie, dispatch_uid="teams_relaties_klantbeheerder")
def add_creators_as_klantbeheerder(
    sender: type[Relatie], relaties: list[Relatie], **kwargs: Any
) -> None:
    """R4/D3 for relations created in bulk (the import), in one insert."""
    teamleden = Teamlid.objects.bulk_create(klantbeheerder_teamleden(relaties), batch_size=2000)
    log_toegevoegd(teamleden, Bron.IMPORT)


def log_toegevoegd(teamleden: list[Teamlid], bron: str) -> None:
    """The first klantbeheerder is history too: who created the relation, when (item 4)."""
    TeamWijziging.objects.bulk_create(
        (
            TeamWijziging(
                kantoor_id=t.kantoor_id,
                relatie_id=t.relatie_id,
                medewerker_id=t.medewerker_id,
                rol_id=t.rol_id,
                actie=Actie.TOEGEVOEGD,
                door_id=t.toegevoegd_door_id,
                op=t.toegevoegd_op,
                bron=bron,
            )
            for t in teamleden
        ),
        batch_size=2000,
    )


@dataclass(frozen=True)
class NietBelegdeRol:
    """D7: a role with open tasks on a relation that nobody on its team holds."""

    rol: InterneRol
    aantal_taken: int


# Sent (sender=Relatie, relatie=<Relatie>) by the Teamleden tab to learn which roles are unstaffed
# (D7). teams cannot import taken (dependencies point `taken -> teams`), so taken answers: each
# receiver returns a list of NietBelegdeRol.
niet_belegde_rollen_gevraagd = Signal()


def niet_belegde_rollen(relatie: Relatie) -> list[NietBelegdeRol]:
    """The roles with open tasks on `relatie` that nobody on its team holds (D7)."""
    rollen: list[NietBelegdeRol] = []
    for _receiver, antwoord in niet_belegde_rollen_gevraagd.send(sender=Relatie, relatie=relatie):
        rollen.extend(antwoord or [])
    return rollen


def enige_klantbeheerder_bezwaren(
    sender: type, kantoor: Kantoor, medewerkers: QuerySet[Medewerker], **kwargs: Any
) -> list[Bezwaar]:
    """D8: objects to deactivating employees who are the only active klantbeheerder of any
    relation (counting the others deactivated together as gone), naming those relations.

    Connected in TeamsConfig.ready(). kantoor.services.deactiveer_medewerkers has locked the
    employees' rows; teams.services locks the rows of klantbeheerders it counts on, so the two
    serialise and neither can leave a relation with no active klantbeheerder.
    """
    vertrekkers = set(medewerkers.values_list("pk", flat=True))
    if not vertrekkers:
        return []
    betrokken = Teamlid.objects.for_kantoor(kantoor).klantbeheerders()
    relatie_ids = betrokken.filter(medewerker__in=vertrekkers).values("relatie_id")
    blijvend = set(
        betrokken.filter(relatie_id__in=relatie_ids, medewerker__is_active=True)
        .exclude(medewerker__in=vertrekkers)
        .values_list("relatie_id", flat=True)
    )
    per_medewerker: dict[int, list[str]] = {}
    for medewerker_id, code, naam in (
        betrokken.filter(medewerker__in=vertrekkers)
        .exclude(relatie_id__in=blijvend)
        .order_by("relatie__code")
        .values_list("medewerker_id", "relatie__code", "relatie__naam")
    ):
        per_medewerker.setdefault(medewerker_id, []).append(f"{code} {naam}")
    return [
        Bezwaar(
            medewerker_id,
            _("he is the only client manager of %(relaties)s; choose his replacement there first")
            % {"relaties": opsomming(relaties)},
        )
        for medewerker_id, relaties in per_medewerker.items()
    ]


def opsomming(namen: list[str], maximum: int = 10) -> str:
    """A list of names for a message; a long one ends in "and N more"."""
    if len(namen) <= maximum:
        return ", ".join(namen)
    return _("%(namen)s and %(aantal)d more") % {
        "namen": ", ".join(namen[:maximum]),
        "aantal": len(namen) - maximum,
    }


# --- D8: the tasks that change hands when an employee is replaced ------------------------------
#
# teams cannot import taken (dependencies point `taken -> teams`), so the replacement asks and
# taken answers.
#
# `overdracht_gevraagd` (the preview): sender=Medewerker, kantoor, oud, nieuw, paren (the
# (relatie_id, rol_id) pairs `nieuw` takes over), klantbeheerder_van (relation ids where `oud`
# was klantbeheerder) and rollen (the chosen roles, or None for all). A receiver returns a
# `TakenOverdracht`.
#
# `overdracht_uitvoeren`: the same arguments and `door`, sent inside the replacement's
# transaction: the receiver hands `oud`'s picked-up open tasks to `nieuw`, with history, and
# returns how many it handed over.
overdracht_gevraagd = Signal()
overdracht_uitvoeren = Signal()


@dataclass(frozen=True)
class TakenOverdracht:
    """D8 preview: open tasks that follow the team to the replacement (D4, D6: role and client
    tasks resolve live) and the tasks `oud` picked up, which are handed over by name (D5)."""

    open_taken: list[Any]
    open_aantal: int
    opgepakt: list[Any]
    opgepakt_aantal: int


def taken_overdracht(**argumenten: Any) -> TakenOverdracht:
    """Asks taken which tasks a replacement moves; empty when nobody answers."""
    for _receiver, antwoord in overdracht_gevraagd.send(sender=Medewerker, **argumenten):
        if antwoord is not None:
            return antwoord
    return TakenOverdracht([], 0, [], 0)


def taken_overdragen(**argumenten: Any) -> int:
    """Has taken hand the leaver's picked-up tasks to the replacement; returns how many."""
    return sum(
        antwoord or 0
        for _receiver, antwoord in overdracht_uitvoeren.send(sender=Medewerker, **argumenten)
    )


# Sent (sender=Relatie, relatie=<Relatie>, rol_ids=[...]) by the confirmation of *Uit team
# verwijderen* to learn how many open tasks each role has on the relation (D7: what becomes
# unstaffed). taken answers with a dict rol_id -> count.
open_taken_gevraagd = Signal()


def open_taken_per_rol(relatie: Relatie, rol_ids: Iterable[int]) -> dict[int, int]:
    """How many open tasks `relatie` has on each of these roles (0 when nobody answers)."""
    aantallen: dict[int, int] = {}
    for _receiver, antwoord in open_taken_gevraagd.send(
        sender=Relatie, relatie=relatie, rol_ids=list(rol_ids)
    ):
        for rol_id, aantal in (antwoord or {}).items():
            aantallen[rol_id] = aantallen.get(rol_id, 0) + aantal
    return aantallen
