"""Writes on tasks and processes that span rows: who may act (R9, D5, D6), actions on one task or
many (all or nothing), starting processes from templates, and recomputing due dates."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kantoor.invoer import DATUM_MAX, DATUM_MIN, in_bereik, verschoven
from kantoor.models import Kantoor, Medewerker, Systeemrol
from relaties.models import Relatie
from taken.models import (
    Overeenkomst,
    Proces,
    Taak,
    TaakGebeurtenis,
    Taaksjabloon,
    TaakStatus,
    Takeninstellingen,
)
from taken.termijnen import (
    DeadlineKind,
    Herhaling,
    Periode,
    periodes_between,
    periodes_due_until,
    resolve_herhaling,
    vervaldatum,
)
from teams.models import Teamlid
from teams.signals import TakenOverdracht

ACTIES = ("oppakken", "overnemen", "gereed_melden", "heropenen", "verschuiven")


@dataclass
class Bevoegdheid:
    """What one employee holds on the teams of some relations: enough to decide, without a
    query per task, whether he may act on each of them (R9, D5, D6)."""

    rollen: set[tuple[int, int]] = field(default_factory=set)  # (relatie_id, rol_id)
    klantbeheerder_van: set[int] = field(default_factory=set)  # relatie_id

    @classmethod
    def van(cls, medewerker: Medewerker, relatie_ids: Iterable[int]) -> Bevoegdheid:
        bevoegdheid = cls()
        rijen = Teamlid.objects.filter(
            medewerker=medewerker, relatie_id__in=set(relatie_ids)
        ).values_list("relatie_id", "rol_id", "rol__systeemrol")
        for relatie_id, rol_id, systeemrol in rijen:
            bevoegdheid.rollen.add((relatie_id, rol_id))
            if systeemrol == Systeemrol.KLANTBEHEERDER:
                bevoegdheid.klantbeheerder_van.add(relatie_id)
        return bevoegdheid

    def mag_handelen(self, taak: Taak) -> bool:
        """Holding the task's role on the relation's team, or being its klantbeheerder."""
        if taak.relatie_id in self.klantbeheerder_van:
            return True
        return taak.rol_id is not None and (taak.relatie_id, taak.rol_id) in self.rollen


def mag_handelen(medewerker: Medewerker, taak: Taak) -> bool:
    """May `medewerker` pick up, take over, complete, reopen or move `taak`? (R9, D5, D6)"""
    if medewerker.kantoor_id != taak.kantoor_id:
        return False
    return Bevoegdheid.van(medewerker, [taak.relatie_id]).mag_handelen(taak)


class BulkFout(Exception):
    """Some tasks of a bulk action were refused; nothing was changed. `fouten` maps task id to
    the reason."""

    def __init__(self, fouten: dict[int, str]) -> None:
        super().__init__(fouten)
        self.fouten = fouten


def naar_medewerker(kantoor: Kantoor, taak: Taak, naar_id: int | None) -> Medewerker | None:
    """The colleague a klantbeheerder hands a task to: he must hold the task's role on the
    relation's team (or, for a client task, be its klantbeheerder). None: `door` himself."""
    if naar_id is None:
        return None
    naar = Medewerker.objects.for_kantoor(kantoor).filter(pk=naar_id, is_active=True).first()
    if naar is None or not Bevoegdheid.van(naar, [taak.relatie_id]).mag_handelen(taak):
        raise ValidationError(
            _("%(naam)s cannot take over this task: not in its role on the client's team.")
            % {"naam": naar or naar_id},
            code="naar_niet_in_team",
        )
    return naar


def voer_uit(
    door: Medewerker,
    taak_ids: Sequence[int],
    actie: str,
    *,
    datum: date | None = None,
    dagen: int | None = None,
    reden: str = "",
    naar_id: int | None = None,
) -> list[Taak]:
    """Runs one action on one or many tasks of `door`'s office, all or nothing.

    Tasks of another office are not found (`Taak.DoesNotExist`, a 404 for the view, D9). A task
    `door` may not act on raises PermissionDenied (a 403) before anything changes; a task the
    action does not fit (already done, picked up by someone else) ends in a `BulkFout` with the
    reason per task, and the transaction is rolled back.
    """
    if actie not in ACTIES:
        raise ValidationError(_("Unknown action."), code="actie")
    ids = list(dict.fromkeys(int(i) for i in taak_ids))
    if not ids:
        raise ValidationError(_("Select at least one task."), code="leeg")
    if actie == "verschuiven" and datum is None and dagen is None:
        raise ValidationError(_("Enter a new due date or a number of days."), code="datum")
    with transaction.atomic():
        # Locked in id order, so that two bulk actions on overlapping tasks cannot deadlock.
        taken = list(
            Taak.objects.for_kantoor(door.kantoor)
            .filter(pk__in=ids)
            .select_related("opgepakt_door")
            .select_for_update(of=("self",))
            .order_by("pk")
        )
        if len(taken) != len(ids):
            raise Taak.DoesNotExist
        bevoegdheid = Bevoegdheid.van(door, {t.relatie_id for t in taken})
        if not all(bevoegdheid.mag_handelen(t) for t in taken):
            raise PermissionDenied(_("You may not act on one or more of these tasks."))
        fouten: dict[int, str] = {}
        for taak in taken:
            try:
                _voer_uit_op(door, taak, actie, datum, dagen, reden, naar_id)
            except ValidationError as exc:
                fouten[taak.pk] = " ".join(exc.messages)
        if fouten:
            transaction.set_rollback(True)
            raise BulkFout(fouten)
    return taken


def _voer_uit_op(
    door: Medewerker,
    taak: Taak,
    actie: str,
    datum: date | None,
    dagen: int | None,
    reden: str,
    naar_id: int | None,
) -> None:
    if actie == "oppakken":
        taak.oppakken(door)
    elif actie == "overnemen":
        taak.overnemen(door, naar_medewerker(door.kantoor, taak, naar_id))
    elif actie == "gereed_melden":
        taak.gereed_melden(door)
    elif actie == "heropenen":
        taak.heropenen(door)
    else:
        nieuwe = datum if datum is not None else verschoven(taak.vervaldatum, dagen or 0)
        taak.vervaldatum_verschuiven(door, nieuwe, reden)


# --- Starting work ---------------------------------------------------------------------------


def sjablonen_voor(
    overeenkomst: Overeenkomst, sjablonen: Iterable[Taaksjabloon], periode: Periode
) -> list[Taaksjabloon]:
    """The templates whose work falls in a period for this client: those that recur with the
    period's own recurrence (after following the client's aangiftetijdvak), and one-off work."""
    herhaling = periode.herhaling
    gekozen = []
    for sjabloon in sjablonen:
        if sjabloon.herhaling == Herhaling.EENMALIG:
            gekozen.append(sjabloon)
            continue
        eigen = resolve_herhaling(sjabloon.herhaling, overeenkomst.relatie.aangiftetijdvak)
        if eigen == herhaling:
            gekozen.append(sjabloon)
    return gekozen


def nieuw_proces(
    overeenkomst: Overeenkomst,
    periode: Periode,
    sjablonen: Sequence[Taaksjabloon],
    instellingen: Takeninstellingen,
    door: Medewerker | None,
) -> tuple[Proces, list[Taak]]:
    """An unsaved process and its tasks from the templates (bulk inserts are the caller's)."""
    relatie = overeenkomst.relatie
    vervaldatums = [
        vervaldatum_van(sjabloon, instellingen, periode, relatie) for sjabloon in sjablonen
    ]
    proces = Proces(
        kantoor_id=overeenkomst.kantoor_id,
        overeenkomst=overeenkomst,
        naam=f"{overeenkomst.naam} {periode.label}",
        periode_start=periode.start,
        periode_eind=periode.end,
        periode_label=periode.label,
        gestart_door=door,
    )
    taken = [
        Taak(
            kantoor_id=overeenkomst.kantoor_id,
            proces=proces,
            sjabloon=sjabloon,
            relatie=relatie,
            naam=sjabloon.naam,
            mijlpaal=sjabloon.mijlpaal,
            periode_label=periode.label,
            vervaldatum=datum,
            voor_klant=sjabloon.voor_klant,
            rol_id=sjabloon.rol_id,
        )
        for sjabloon, datum in zip(sjablonen, vervaldatums, strict=True)
    ]
    return proces, taken


def vervaldatum_van(
    sjabloon: Taaksjabloon, instellingen: Takeninstellingen, periode: Periode, relatie: Relatie
) -> date:
    """The due date of a template's task in a period for this client; a ValidationError when
    the template makes no date or one outside the product's range (D14)."""
    try:
        datum = vervaldatum(
            sjabloon.deadline(instellingen), periode, uitstel=relatie.uitstelregeling
        )
    except (ValueError, OverflowError):
        datum = None
    if datum is None or not in_bereik(datum):
        raise ValidationError(
            _(
                "The task %(taak)s of period %(periode)s would be due outside the years "
                "%(min)d to %(max)d."
            )
            % {
                "taak": sjabloon,
                "periode": periode.label,
                "min": DATUM_MIN.year,
                "max": DATUM_MAX.year,
            },
            code="datum_bereik",
        )
    return datum


def proces_starten(overeenkomst: Overeenkomst, periode: Periode, door: Medewerker) -> Proces:
    """*Proces starten*: the process of one period with its tasks from the templates, in one
    transaction. Refused (ValidationError) when it exists already, when the agreement has
    ended, or when no template has work in that period."""
    if overeenkomst.status != "actief":
        raise ValidationError(_("This agreement has ended."), code="beeindigd")
    sjablonen = sjablonen_voor(overeenkomst, overeenkomst.sjablonen.all(), periode)
    if not sjablonen:
        raise ValidationError(
            _("No template of this agreement has work in period %(periode)s.")
            % {"periode": periode.label},
            code="geen_sjablonen",
        )
    instellingen = Takeninstellingen.voor(overeenkomst.kantoor_id)
    with transaction.atomic():
        if overeenkomst.processen.filter(periode_label=periode.label).exists():
            raise ValidationError(
                _("This agreement already has a process for %(periode)s.")
                % {"periode": periode.label},
                code="bestaat",
            )
        proces, taken = nieuw_proces(overeenkomst, periode, sjablonen, instellingen, door)
        proces.save()
        Taak.objects.bulk_create(taken)
    return proces


def genereer_processen(
    tot: date,
    kantoor: Kantoor | None = None,
    voortgang: Callable[[int, int], Any] | None = None,
    batch: int = 500,
) -> int:
    """Creates every process due up to `tot` for every active agreement (every office, or one),
    following each client's aangiftetijdvak where a template says so. Idempotent: existing
    processes are skipped (and the unique constraint backs that up), so a second run creates
    nothing. One transaction for the whole run: it creates all or nothing. Returns the number
    of processes created; `voortgang(done, total)` is called after every batch of agreements.
    """
    overeenkomsten = Overeenkomst.objects.actief().select_related("relatie").order_by("pk")
    if kantoor is not None:
        overeenkomsten = overeenkomsten.for_kantoor(kantoor)
    totaal = overeenkomsten.count()
    instellingen: dict[int, Takeninstellingen] = {}
    aangemaakt = 0
    with transaction.atomic():
        for gedaan, deel in _in_delen(overeenkomsten, batch):
            aangemaakt += _genereer_deel(deel, tot, instellingen)
            if voortgang is not None:
                voortgang(gedaan, totaal)
    return aangemaakt


def _in_delen(overeenkomsten: Any, batch: int) -> Iterator[tuple[int, list[Overeenkomst]]]:
    gedaan = 0
    laatste = 0
    while True:
        deel = list(overeenkomsten.filter(pk__gt=laatste)[:batch])
        if not deel:
            return
        gedaan += len(deel)
        laatste = deel[-1].pk
        yield gedaan, deel


def _genereer_deel(
    deel: list[Overeenkomst], tot: date, instellingen: dict[int, Takeninstellingen]
) -> int:
    """Three queries per batch of agreements: templates, existing periods, inserts."""
    sjablonen: dict[int, list[Taaksjabloon]] = defaultdict(list)
    for sjabloon in Taaksjabloon.objects.filter(overeenkomst__in=deel).order_by("volgorde", "pk"):
        sjablonen[sjabloon.overeenkomst_id].append(sjabloon)
    bestaand = set(
        Proces.objects.filter(overeenkomst__in=deel).values_list("overeenkomst_id", "periode_label")
    )
    # The calendar each template already covers: after a client changes its aangiftetijdvak
    # (quarter -> month), the months of a quarter already started are not made again.
    gedekt: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for sjabloon_id, start, eind in (
        Taak.objects.filter(proces__overeenkomst__in=deel, sjabloon__isnull=False)
        .values_list("sjabloon_id", "proces__periode_start", "proces__periode_eind")
        .distinct()
    ):
        gedekt[sjabloon_id].append((start, eind))
    processen: list[Proces] = []
    taken: list[Taak] = []
    for overeenkomst in deel:
        eigen = sjablonen.get(overeenkomst.pk, [])
        if not eigen:
            continue
        if overeenkomst.kantoor_id not in instellingen:
            instellingen[overeenkomst.kantoor_id] = Takeninstellingen.voor(overeenkomst.kantoor_id)
        per_herhaling: dict[Herhaling, list[Taaksjabloon]] = defaultdict(list)
        for sjabloon in eigen:
            if sjabloon.herhaling == Herhaling.EENMALIG:
                continue  # Started by hand (Proces starten); it has no periods of its own.
            herhaling = resolve_herhaling(sjabloon.herhaling, overeenkomst.relatie.aangiftetijdvak)
            if herhaling is not None:
                per_herhaling[herhaling].append(sjabloon)
        for herhaling, groep in per_herhaling.items():
            for periode in periodes_due_until(
                herhaling, overeenkomst.startdatum, overeenkomst.einddatum, tot
            ):
                if (overeenkomst.pk, periode.label) in bestaand:
                    continue
                open_werk = [
                    s
                    for s in groep
                    if not any(a <= periode.end and periode.start <= b for a, b in gedekt[s.pk])
                ]
                if not open_werk:
                    continue
                try:
                    proces, nieuwe = nieuw_proces(
                        overeenkomst,
                        periode,
                        open_werk,
                        instellingen[overeenkomst.kantoor_id],
                        None,
                    )
                except ValidationError:
                    # Its work would fall due beyond the product's range (D14): not generated.
                    continue
                bestaand.add((overeenkomst.pk, periode.label))
                processen.append(proces)
                taken.extend(nieuwe)
    Proces.objects.bulk_create(processen, batch_size=1000)
    for taak in taken:
        taak.proces_id = taak.proces.pk  # bulk_create set the processes' ids
    Taak.objects.bulk_create(taken, batch_size=2000)
    return len(processen)


# --- A client's fiscal settings changed ------------------------------------------------------


def herbereken_vervaldatums(relatie: Relatie, reden: str) -> int:
    """Recomputes the due dates of the client's open tasks whose rule depends on its settings
    (a template that follows the aangiftetijdvak, or a fixed date with the uitstelregeling),
    with history. Returns how many moved; dates moved by hand stay."""
    return len(_herbereken(relatie, reden))


# --- D8: the tasks that change hands when an employee is replaced ------------------------------

OVERDRACHT_VOORBEELD_MAX = 100  # rows per list on the preview; the counts are exact


def _overdracht_querysets(
    kantoor: Kantoor,
    oud: Medewerker,
    paren: Sequence[tuple[int, int]],
    klantbeheerder_van: Sequence[int],
    rollen: Sequence[Any] | None,
) -> tuple[Any, Any]:
    """(open tasks that follow the team, tasks `oud` picked up that are handed over)."""
    per_rol: dict[int, list[int]] = defaultdict(list)
    for relatie_id, rol_id in paren:
        per_rol[rol_id].append(relatie_id)
    volgen = Q(pk__in=[])
    for rol_id, relatie_ids in per_rol.items():
        volgen |= Q(rol_id=rol_id, relatie_id__in=relatie_ids)
    if klantbeheerder_van:
        volgen |= Q(voor_klant=True, relatie_id__in=list(klantbeheerder_van))
    basis = Taak.objects.for_kantoor(kantoor).open()
    open_taken = basis.filter(volgen).filter(opgepakt_door__isnull=True)
    opgepakt = basis.filter(opgepakt_door=oud)
    if rollen is not None:
        opgepakt = opgepakt.filter(rol__in=[r.pk for r in rollen])
    return open_taken, opgepakt


def overdracht_voorbeeld(
    kantoor: Kantoor,
    oud: Medewerker,
    paren: Sequence[tuple[int, int]],
    klantbeheerder_van: Sequence[int],
    rollen: Sequence[Any] | None,
) -> TakenOverdracht:
    """D8 preview: which open tasks reach the replacement through the team (D4, D6) and which
    picked-up tasks of `oud` are handed to him by name (D5)."""
    open_taken, opgepakt = _overdracht_querysets(kantoor, oud, paren, klantbeheerder_van, rollen)
    volgorde = ("vervaldatum", "pk")
    return TakenOverdracht(
        open_taken=list(open_taken.voor_lijst().order_by(*volgorde)[:OVERDRACHT_VOORBEELD_MAX]),
        open_aantal=open_taken.count(),
        opgepakt=list(opgepakt.voor_lijst().order_by(*volgorde)[:OVERDRACHT_VOORBEELD_MAX]),
        opgepakt_aantal=opgepakt.count(),
    )


def draag_opgepakte_taken_over(
    kantoor: Kantoor,
    oud: Medewerker,
    nieuw: Medewerker,
    rollen: Sequence[Any] | None,
    door: Medewerker | None,
) -> int:
    """D8/D5: the open tasks `oud` picked up (in the replaced roles) now carry `nieuw`'s name;
    each one's history says who handed it from whom. Called inside the replacement's
    transaction, after the team rows (locks: relations, employees, then these tasks)."""
    _open, opgepakt = _overdracht_querysets(kantoor, oud, [], [], rollen)
    taken = list(opgepakt.select_for_update(of=("self",)).order_by("pk"))
    for taak in taken:
        taak.overnemen(door or nieuw, naar=nieuw)
    return len(taken)


# --- D13: a client's settings re-plan its work that has not started --------------------------


@dataclass
class Herplanning:
    """What a settings change did to one client's work (or several clients', summed)."""

    vervangen: int = 0  # old-period processes removed
    aangemaakt: int = 0  # new-period processes made in their place
    verschoven: int = 0  # open tasks whose due date moved
    in_verleden: int = 0  # moved or new tasks now due before today

    def __add__(self, ander: Herplanning) -> Herplanning:
        return Herplanning(
            self.vervangen + ander.vervangen,
            self.aangemaakt + ander.aangemaakt,
            self.verschoven + ander.verschoven,
            self.in_verleden + ander.in_verleden,
        )

    def __bool__(self) -> bool:
        return bool(self.vervangen or self.aangemaakt or self.verschoven)

    def __str__(self) -> str:
        return self.melding()

    def melding(self) -> str:
        """In words, with numbers: "2 processes replaced by 3, 3 due dates moved"."""
        delen = [
            ngettext(
                "%(n)d process replaced by %(m)d for the new VAT period",
                "%(n)d processes replaced by %(m)d for the new VAT period",
                self.vervangen,
            )
            % {"n": self.vervangen, "m": self.aangemaakt}
            if self.vervangen
            else _("no process replaced"),
            ngettext("%(n)d due date moved", "%(n)d due dates moved", self.verschoven)
            % {"n": self.verschoven},
        ]
        tekst = ", ".join(delen) + "."
        if self.in_verleden:
            tekst += " " + ngettext(
                "%(n)d task is now overdue: check it on Mijn taken.",
                "%(n)d tasks are now overdue: check them on Mijn taken.",
                self.in_verleden,
            ) % {"n": self.in_verleden}
        return tekst


def herplan(
    relatie: Relatie, gewijzigd: Iterable[str], reden: str, vandaag: date | None = None
) -> Herplanning:
    """D13: after a change of the client's aangiftetijdvak or uitstelregeling (`gewijzigd`: the
    changed field names), its work that nobody started follows the new settings.

    - aangiftetijdvak: a process of the old period whose period has not ended yet and that
      nobody started (no task picked up or done, no history but recomputed dates) is replaced by
      the processes of the new period that cover the same days, where those do not overlap work
      that stays (so nothing is done twice and no day is left out; otherwise the old process
      stays and its period ends in the old rhythm). A process someone started by hand (Proces
      starten), like any started work, stays.
    - then the open tasks' due dates are recomputed (uitstelregeling, aangiftetijdvak), counting
      those that now lie before today.

    Idempotent: a second call with the same settings changes nothing.
    """
    gewijzigd = set(gewijzigd)
    vandaag = vandaag or timezone.localdate()
    uitkomst = Herplanning()
    with transaction.atomic():
        if "aangiftetijdvak" in gewijzigd:
            uitkomst = _vervang_processen(relatie, vandaag)
        if gewijzigd & {"aangiftetijdvak", "uitstelregeling"}:
            verschoven = _herbereken(relatie, reden)
            uitkomst.verschoven = len(verschoven)
            uitkomst.in_verleden += sum(1 for t in verschoven if t.vervaldatum < vandaag)
    return uitkomst


def _niet_gestart(proces_ids: Iterable[int]) -> set[int]:
    """The processes of which no task is picked up or done, nor has history of a person."""
    ids = set(proces_ids)
    gestart = set(
        Taak.objects.filter(proces_id__in=ids)
        .filter(
            Q(opgepakt_door__isnull=False)
            | Q(status=TaakStatus.GEREED)
            | Q(
                gebeurtenissen__in=TaakGebeurtenis.objects.exclude(
                    soort=TaakGebeurtenis.Soort.HERBEREKEND
                )
            )
        )
        .values_list("proces_id", flat=True)
    )
    return ids - gestart


def _vervang_processen(relatie: Relatie, vandaag: date) -> Herplanning:
    nieuw_herhaling = resolve_herhaling(Herhaling.AANGIFTETIJDVAK, relatie.aangiftetijdvak)
    instellingen = Takeninstellingen.voor(relatie.kantoor_id)
    taken = list(
        Taak.objects.filter(relatie=relatie, sjabloon__herhaling=Herhaling.AANGIFTETIJDVAK)
        .select_related("proces", "proces__overeenkomst", "sjabloon")
        .select_for_update(of=("self",))
        .order_by("pk")
    )
    # Per agreement: the candidate processes and every period its VAT templates cover.
    processen: dict[int, Proces] = {}
    sjablonen_van: dict[int, set[int]] = defaultdict(set)
    for taak in taken:
        processen[taak.proces_id] = taak.proces
        sjablonen_van[taak.proces_id].add(taak.sjabloon_id)
    kandidaten = {
        pk
        for pk in _niet_gestart(
            pk
            for pk, p in processen.items()
            if p.periode_eind >= vandaag
            and p.periode.herhaling != nieuw_herhaling
            and p.gestart_door_id is None  # started by hand (Proces starten): someone's work
        )
        if processen[pk].overeenkomst.status == "actief"
    }
    # One query each, not one per process: the templates, the periods that exist, and the
    # candidates that also hold other work (they stay, without the VAT tasks).
    overeenkomst_ids = {processen[pk].overeenkomst_id for pk in kandidaten}
    sjablonen_per: dict[int, list[Taaksjabloon]] = defaultdict(list)
    for sjabloon in Taaksjabloon.objects.filter(overeenkomst_id__in=overeenkomst_ids).order_by(
        "volgorde", "pk"
    ):
        sjablonen_per[sjabloon.overeenkomst_id].append(sjabloon)
    bestaande = {
        (p.overeenkomst_id, p.periode_label): p
        for p in Proces.objects.filter(overeenkomst_id__in=overeenkomst_ids)
    }
    gemengd = set(
        Taak.objects.filter(proces_id__in=kandidaten)
        .exclude(sjabloon__herhaling=Herhaling.AANGIFTETIJDVAK)
        .values_list("proces_id", flat=True)
    )
    uitkomst = Herplanning()
    for proces_id in sorted(kandidaten, key=lambda pk: processen[pk].periode_start):
        proces = processen[proces_id]
        overeenkomst = proces.overeenkomst
        eigen = sjablonen_van[proces_id]
        blijvend = [
            (p.periode_start, p.periode_eind)
            for pk, p in processen.items()
            if pk not in kandidaten and sjablonen_van[pk] & eigen
        ]
        nieuwe_periodes = (
            periodes_between(nieuw_herhaling, proces.periode_start, proces.periode_eind)
            if nieuw_herhaling is not None
            else []
        )
        if any(
            n.start <= eind and start <= n.end for n in nieuwe_periodes for start, eind in blijvend
        ):
            continue  # the new periods would do again what stays: this period ends as it began
        sjablonen = [s for s in sjablonen_per[overeenkomst.pk] if s.pk in eigen]
        weg = [t for t in taken if t.proces_id == proces_id]
        Taak.objects.filter(pk__in=[t.pk for t in weg]).delete()
        if proces_id not in gemengd:
            proces.delete()
            bestaande.pop((overeenkomst.pk, proces.periode_label), None)
        uitkomst.vervangen += 1
        for periode in nieuwe_periodes:
            try:
                nieuw_proces_, nieuwe_taken = nieuw_proces(
                    overeenkomst, periode, sjablonen, instellingen, None
                )
            except ValidationError:
                continue  # due beyond the product's range (D14), as the generator skips it
            bestaand = bestaande.get((overeenkomst.pk, periode.label))
            if bestaand is None:
                nieuw_proces_.save()
                uitkomst.aangemaakt += 1
                bestaand = bestaande[(overeenkomst.pk, periode.label)] = nieuw_proces_
            for taak in nieuwe_taken:
                taak.proces = bestaand
            Taak.objects.bulk_create(nieuwe_taken)
            uitkomst.in_verleden += sum(1 for t in nieuwe_taken if t.vervaldatum < vandaag)
    return uitkomst


def _herbereken(relatie: Relatie, reden: str) -> list[Taak]:
    """The open tasks whose due date moved (see herbereken_vervaldatums)."""
    instellingen = Takeninstellingen.voor(relatie.kantoor_id)
    taken = (
        Taak.objects.filter(relatie=relatie, status=TaakStatus.OPENSTAAND)
        .filter(
            Q(sjabloon__herhaling=Herhaling.AANGIFTETIJDVAK)
            | Q(sjabloon__deadline_soort=DeadlineKind.VASTE_DATUM)
        )
        .select_related("sjabloon", "proces", "relatie")
    )
    verschoven = []
    with transaction.atomic():
        for taak in taken.select_for_update(of=("self",)).order_by("pk"):
            taak.relatie = relatie
            if taak.herbereken_vervaldatum(taak.sjabloon, instellingen, reden):
                verschoven.append(taak)
    return verschoven
