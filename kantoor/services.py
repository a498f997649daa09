"""Writes that need more than one model's say, each in one transaction."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils.translation import gettext as _

from kantoor.models import Kantoor, Medewerker
from kantoor.signals import Bezwaar, deactivatie_gevraagd, medewerkers_gedeactiveerd


class DeactivatieGeweigerd(Exception):
    """Deactivation refused because a receiver of `deactivatie_gevraagd` objected (D8)."""

    def __init__(self, meldingen: list[str], medewerker_ids: list[int] | None = None) -> None:
        super().__init__("\n".join(meldingen))
        self.meldingen = meldingen
        # Who was objected to: Beheer leads to the leaver flow for him (D8).
        self.medewerker_ids = medewerker_ids or []


def bezwaren_tegen(kantoor: Kantoor, medewerkers: QuerySet[Medewerker]) -> list[Bezwaar]:
    """The objections of the higher apps to deactivating these employees (D8)."""
    actief = medewerkers.filter(kantoor=kantoor, is_active=True)
    bezwaren: list[Bezwaar] = []
    for _receiver, antwoord in deactivatie_gevraagd.send(
        sender=Medewerker, kantoor=kantoor, medewerkers=actief
    ):
        bezwaren.extend(antwoord or [])
    return bezwaren


def controleer_deactivatie(kantoor: Kantoor, medewerkers: QuerySet[Medewerker]) -> list[str]:
    """Asks the higher apps whether these employees may leave; returns the refusals in words.

    Issue 3 item 4 / D8: nobody leaves a relation without its klantbeheerder. kantoor does not know
    teams, so it asks through the `deactivatie_gevraagd` signal (see kantoor/signals.py).
    """
    return meldingen_van(bezwaren_tegen(kantoor, medewerkers))


def meldingen_van(bezwaren: list[Bezwaar]) -> list[str]:
    """The objections in words, each naming the employee."""
    if not bezwaren:
        return []
    namen = dict(
        Medewerker.objects.filter(pk__in={b.medewerker_id for b in bezwaren}).values_list(
            "pk", "naam"
        )
    )
    return [
        _("%(naam)s cannot be deactivated: %(reden)s.")
        % {"naam": namen.get(b.medewerker_id, b.medewerker_id), "reden": b.reden}
        for b in bezwaren
    ]


def deactiveer_medewerkers(kantoor: Kantoor, medewerkers: QuerySet[Medewerker]) -> int:
    """Deactivates these employees of `kantoor`, all or none; returns how many changed (D8).

    The one place where employees are deactivated: the admin's change form, its bulk action and
    the import all come here. Raises `DeactivatieGeweigerd` when any receiver objects.
    """
    with transaction.atomic():
        # Lock the rows: a receiver's check and our write must see the same state. teams can
        # serialise with us by locking the employee's row when it makes him a klantbeheerder.
        # In id order, as everyone locks employees (no circle of waits, issue 9 row 8); FOR NO
        # KEY UPDATE, so that rows that merely point at an employee need not wait for us.
        ids = list(
            medewerkers.filter(kantoor=kantoor, is_active=True)
            .select_for_update(of=("self",), no_key=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if not ids:
            return 0
        doel = Medewerker.objects.filter(pk__in=ids)
        bezwaren = bezwaren_tegen(kantoor, doel)
        if bezwaren:
            raise DeactivatieGeweigerd(
                meldingen_van(bezwaren), sorted({b.medewerker_id for b in bezwaren})
            )
        # Raising the session version ends every session of theirs (issue 9 item 5).
        aantal = doel.update(is_active=False, sessie_versie=F("sessie_versie") + 1)
        medewerkers_gedeactiveerd.send(sender=Medewerker, medewerker_ids=ids)
        return aantal
