"""Agreements, their task templates, processes (one run per period) and tasks (R3, R6, R9, D4-D7).

A task is assigned to the client or to a role, never to a person: who sees it is worked out when
the list is read (D4), with `Exists()` over the relation's team, so that a change to the team
re-routes the open work at once. Period and due-date arithmetic lives in `taken.termijnen`.
"""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kantoor.invoer import datum_bereik_q, in_bereik, validate_datum, validate_enkele_regel
from kantoor.models import InterneRol, Kantoor, KantoorScopedQuerySet, Medewerker, Systeemrol
from relaties.models import Relatie, Soort
from taken.termijnen import Deadline, DeadlineKind, Herhaling, Periode, VasteDatum, vervaldatum
from teams.models import Teamlid


class Takeninstellingen(models.Model):
    """The office's settings for work (kantoorinstellingen): kept in taken, because kantoor
    cannot know about tasks (dependencies point taken -> kantoor). One per office, created
    with the defaults the first time it is read (`voor`)."""

    kantoor = models.OneToOneField(
        Kantoor, on_delete=models.PROTECT, related_name="takeninstellingen"
    )
    binnenkort_dagen = models.PositiveSmallIntegerField(
        _("due soon within (days)"),
        default=7,
        help_text=_("Tasks due within this many days are marked orange in My tasks."),
    )
    # The uitstelregeling belastingconsulenten moves the income-tax deadline; the schedule
    # changes from year to year, so the office sets it (1 May without, 1 May a year on with).
    uitstel_maand = models.PositiveSmallIntegerField(_("extension month"), default=5)
    uitstel_dag = models.PositiveSmallIntegerField(_("extension day"), default=1)
    uitstel_jaren_na = models.PositiveSmallIntegerField(
        _("extension years after"), default=2, validators=[MaxValueValidator(5)]
    )

    class Meta:
        verbose_name = _("task settings")
        verbose_name_plural = _("task settings")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(uitstel_maand__gte=1, uitstel_maand__lte=12)
                & Q(uitstel_dag__gte=1, uitstel_dag__lte=31),
                name="taken_takeninstellingen_uitstel_valid",
                violation_error_message=_("The extension date is not a valid day and month."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.kantoor)

    @classmethod
    def voor(cls, kantoor: Kantoor | int) -> Takeninstellingen:
        """The office's settings, created with the defaults on first use."""
        kantoor_id = kantoor if isinstance(kantoor, int) else kantoor.pk
        instellingen, _created = cls.objects.get_or_create(kantoor_id=kantoor_id)
        return instellingen

    @property
    def uitstel_datum(self) -> VasteDatum:
        return VasteDatum(self.uitstel_maand, self.uitstel_dag, self.uitstel_jaren_na)

    def clean(self) -> None:
        super().clean()
        try:
            self.uitstel_datum  # noqa: B018 (VasteDatum validates the day of the month)
        except ValueError as exc:
            raise ValidationError({"uitstel_dag": str(exc)}) from exc


class OvereenkomstStatus(models.TextChoices):
    ACTIEF = "actief", _("Active")
    BEEINDIGD = "beeindigd", _("Ended")


class OvereenkomstQuerySet(KantoorScopedQuerySet):
    def actief(self) -> OvereenkomstQuerySet:
        return self.filter(status=OvereenkomstStatus.ACTIEF)


class Overeenkomst(models.Model):
    """An agreement with a client (never a contact), holding templates and processes."""

    kantoor = models.ForeignKey(
        Kantoor, on_delete=models.PROTECT, related_name="overeenkomsten", verbose_name=_("office")
    )
    relatie = models.ForeignKey(
        Relatie,
        on_delete=models.PROTECT,
        related_name="overeenkomsten",
        verbose_name=_("client"),
    )
    naam = models.CharField(_("name"), max_length=200, validators=[validate_enkele_regel])
    omschrijving = models.TextField(_("description"), blank=True)
    startdatum = models.DateField(_("start date"), validators=[validate_datum])
    einddatum = models.DateField(_("end date"), null=True, blank=True, validators=[validate_datum])
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=OvereenkomstStatus.choices,
        default=OvereenkomstStatus.ACTIEF,
    )

    objects = OvereenkomstQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["naam"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True) | Q(einddatum__gte=models.F("startdatum")),
                name="taken_overeenkomst_eind_na_start",
                violation_error_message=_("An agreement cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=OvereenkomstStatus.values),
                name="taken_overeenkomst_status_valid",
                violation_error_message=_("Unknown status."),
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    def clean(self) -> None:
        """An agreement is with a client of the same office (domain: *overeenkomst*)."""
        super().clean()
        # Not tied to the field: the relation is fixed by the page, never a form field.
        if self.relatie_id is not None:
            if self.relatie.kantoor_id != self.kantoor_id:
                raise ValidationError(_("Choose a relation of your own office."))
            if self.relatie.soort != Soort.KLANT:
                raise ValidationError(_("Agreements are made with clients, not with contacts."))
        if self.einddatum and self.startdatum and self.einddatum < self.startdatum:
            raise ValidationError({"einddatum": _("An agreement cannot end before it starts.")})


TOEWIJZING_CONSTRAINT = Q(voor_klant=True, rol__isnull=True) | Q(
    voor_klant=False, rol__isnull=False
)


class Taaksjabloon(models.Model):
    """A template on an agreement: what recurs, for whom, and when it is due (R3)."""

    kantoor = models.ForeignKey(
        Kantoor, on_delete=models.PROTECT, related_name="taaksjablonen", verbose_name=_("office")
    )
    overeenkomst = models.ForeignKey(
        Overeenkomst,
        on_delete=models.CASCADE,
        related_name="sjablonen",
        verbose_name=_("agreement"),
    )
    naam = models.CharField(_("name"), max_length=200, validators=[validate_enkele_regel])
    mijlpaal = models.CharField(
        _("milestone"), max_length=100, blank=True, validators=[validate_enkele_regel]
    )
    voor_klant = models.BooleanField(
        _("assigned to the client"),
        default=False,
        help_text=_("Work the client owes the office, such as delivering documents (D6)."),
    )
    rol = models.ForeignKey(
        InterneRol,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="taaksjablonen",
        verbose_name=_("role"),
    )
    herhaling = models.CharField(
        _("recurrence"), max_length=20, choices=Herhaling.choices, default=Herhaling.KWARTAAL
    )
    deadline_soort = models.CharField(
        _("due-date rule"),
        max_length=30,
        choices=DeadlineKind.choices,
        default=DeadlineKind.EINDE_VOLGENDE_MAAND,
    )
    # Bounded, so that every due date a template makes stays within the product's range (D14).
    deadline_dagen = models.PositiveSmallIntegerField(
        _("days after the period"), null=True, blank=True, validators=[MaxValueValidator(366)]
    )
    deadline_maand = models.PositiveSmallIntegerField(_("fixed month"), null=True, blank=True)
    deadline_dag = models.PositiveSmallIntegerField(_("fixed day"), null=True, blank=True)
    deadline_jaren_na = models.PositiveSmallIntegerField(
        _("years after the period"), default=1, validators=[MaxValueValidator(5)]
    )
    volgt_uitstelregeling = models.BooleanField(
        _("follows the tax extension"),
        default=False,
        help_text=_("For clients with the tax extension, use the office's extension date instead."),
    )
    volgorde = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("task template")
        verbose_name_plural = _("task templates")
        ordering = ["volgorde", "pk"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=TOEWIJZING_CONSTRAINT,
                name="taken_taaksjabloon_klant_of_rol",
                violation_error_message=_("Assign the task to the client or to a role, not both."),
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    def deadline(self, instellingen: Takeninstellingen | None = None) -> Deadline:
        """The template's due-date rule; a fixed date gets the office's uitstel date when the
        template follows the uitstelregeling. ValueError when the fields do not make a rule."""
        if self.deadline_soort == DeadlineKind.DAGEN_NA_PERIODE:
            return Deadline.days_after(self.deadline_dagen if self.deadline_dagen else 0)
        if self.deadline_soort == DeadlineKind.EINDE_VOLGENDE_MAAND:
            return Deadline.end_of_next_month()
        datum = VasteDatum(self.deadline_maand or 0, self.deadline_dag or 0, self.deadline_jaren_na)
        uitstel = None
        if self.volgt_uitstelregeling:
            instellingen = instellingen or Takeninstellingen.voor(self.kantoor_id)
            uitstel = instellingen.uitstel_datum
        return Deadline.fixed(datum, uitstel)

    def clean(self) -> None:
        super().clean()
        if self.voor_klant and self.rol_id is not None:
            raise ValidationError(
                {"rol": _("Assign the task to the client or to a role, not both.")}
            )
        if not self.voor_klant and self.rol_id is None:
            raise ValidationError({"rol": _("Choose a role, or assign the task to the client.")})
        if self.rol_id is not None and self.rol.kantoor_id != self.kantoor_id:
            raise ValidationError({"rol": _("Choose a role of your own office.")})
        if self.deadline_soort == DeadlineKind.DAGEN_NA_PERIODE and self.deadline_dagen is None:
            raise ValidationError({"deadline_dagen": _("Enter the number of days.")})
        if self.deadline_soort == DeadlineKind.VASTE_DATUM:
            try:
                VasteDatum(self.deadline_maand or 0, self.deadline_dag or 0, 0)
            except ValueError:
                raise ValidationError(
                    {"deadline_dag": _("Enter a valid day and month for the fixed date.")}
                ) from None


class Proces(models.Model):
    """One run of an agreement's work for one period ("Btw-aangifte 2027-Q1").

    Unique per agreement and period, so that generating twice creates nothing twice.
    """

    kantoor = models.ForeignKey(
        Kantoor, on_delete=models.PROTECT, related_name="processen", verbose_name=_("office")
    )
    overeenkomst = models.ForeignKey(
        Overeenkomst,
        on_delete=models.PROTECT,
        related_name="processen",
        verbose_name=_("agreement"),
    )
    naam = models.CharField(_("name"), max_length=250, validators=[validate_enkele_regel])
    periode_start = models.DateField(_("period start"), validators=[validate_datum])
    periode_eind = models.DateField(_("period end"), validators=[validate_datum])
    periode_label = models.CharField(_("period"), max_length=10)
    gestart_op = models.DateTimeField(_("started at"), default=timezone.now)
    gestart_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )

    objects = KantoorScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("process")
        verbose_name_plural = _("processes")
        ordering = ["-periode_start", "naam"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["overeenkomst", "periode_label"],
                name="taken_proces_unique_periode",
                violation_error_message=_("This agreement already has a process for this period."),
            ),
            models.CheckConstraint(
                condition=Q(periode_eind__gte=models.F("periode_start")),
                name="taken_proces_periode_valid",
                violation_error_message=_("A period cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    @property
    def periode(self) -> Periode:
        return Periode(self.periode_start, self.periode_eind, self.periode_label)


class TaakStatus(models.TextChoices):
    OPENSTAAND = "openstaand", _("Open")
    GEREED = "gereed", _("Done")


class TaakQuerySet(KantoorScopedQuerySet):
    def open(self) -> TaakQuerySet:
        return self.filter(status=TaakStatus.OPENSTAAND)

    def gereed(self) -> TaakQuerySet:
        return self.filter(status=TaakStatus.GEREED)

    def op_rol_van(self, medewerker: Medewerker | int) -> TaakQuerySet:
        """D4: tasks on a role that `medewerker` holds on the task's relation's team *now*."""
        return self.filter(rol_van_medewerker(medewerker))

    def voor_medewerker(self, medewerker: Medewerker | int) -> TaakQuerySet:
        """Mijn taken (R6, D4-D6): tasks on roles the employee holds on the relation's team,
        tasks he picked up or took over, and client tasks of relations he is klantbeheerder of.
        Computed in the query, never copied per person."""
        return self.filter(
            rol_van_medewerker(medewerker)
            | Q(opgepakt_door=medewerker)
            | (Q(voor_klant=True) & klantbeheerder_is(medewerker))
        )

    def via_team_van(self, medewerker: Medewerker, status: str | None = None) -> TaakQuerySet:
        """Narrows to `medewerker`'s tasks (as `voor_medewerker`) through a union of its three
        arms, each computed from the employee's own team rows and picked-up tasks, so that the
        planner starts there instead of walking the office's tasks (issue 11): the OR of the
        EXISTS in `voor_medewerker` cannot be turned into a join. `status` narrows the arms too.
        The result is a subset of `voor_medewerker(medewerker)`, so adding it changes nothing."""
        # His tasks are all in his office (D9); saying so lets the arms use taken_taak_open_rol.
        basis = Taak.objects.filter(kantoor_id=medewerker.kantoor_id).order_by()
        if status is not None:
            basis = basis.filter(status=status)
        armen = [
            basis.filter(rol_van_medewerker(medewerker)),
            # rol IS NULL is what voor_klant means (taken_taak_klant_of_rol); it fits the index.
            basis.filter(voor_klant=True, rol__isnull=True).filter(klantbeheerder_is(medewerker)),
            basis.filter(opgepakt_door=medewerker),
        ]
        eerste, *rest = (arm.values("pk") for arm in armen)
        return self.filter(pk__in=eerste.union(*rest))

    def niet_belegd(self) -> TaakQuerySet:
        """D7: open tasks on a role that nobody on the relation's team holds."""
        return self.open().filter(
            Q(rol__isnull=False)
            & ~Exists(Teamlid.objects.filter(relatie=OuterRef("relatie"), rol=OuterRef("rol")))
        )

    def niet_belegd_groepen(self, limiet: int = 1000) -> list[dict[str, Any]]:
        """D7 office-wide: per relation and role the number of unstaffed open tasks, ordered by
        relation name and role name, with `relatie__code`, `relatie__naam` and `rol__naam`.

        Counted first, named after (issue 11): grouped on (relatie, rol) alone, the count is a
        merge anti-join of two index-only scans (taken_taak_open_rol, teams_teamlid_relatie_rol)
        in index order; joined to the names in the same query, the planner (which cannot tell
        how few tasks are unstaffed) sorted all open role tasks by name first. The names are
        two small queries for the few relations and roles that remain."""
        aantallen = list(
            self.niet_belegd().order_by().values("relatie", "rol").annotate(aantal=Count("pk"))
        )
        relaties = {
            r["pk"]: r
            for r in Relatie.objects.filter(pk__in={a["relatie"] for a in aantallen}).values(
                "pk", "code", "naam"
            )
        }
        rollen = dict(
            InterneRol.objects.filter(pk__in={a["rol"] for a in aantallen}).values_list(
                "pk", "naam"
            )
        )
        rijen = [
            {
                **a,
                "relatie__code": relaties[a["relatie"]]["code"],
                "relatie__naam": relaties[a["relatie"]]["naam"],
                "rol__naam": rollen[a["rol"]],
            }
            for a in aantallen
        ]
        rijen.sort(key=lambda r: (r["relatie__naam"], r["relatie"], r["rol__naam"]))
        return rijen[:limiet]

    def met_belegd(self) -> TaakQuerySet:
        """Annotates `is_belegd`: someone on the team holds the task's role (D7)."""
        return self.annotate(
            is_belegd=Exists(
                Teamlid.objects.filter(relatie=OuterRef("relatie"), rol=OuterRef("rol"))
            )
        )

    def voor_lijst(self) -> TaakQuerySet:
        """What a list row shows, in the same query."""
        return self.select_related(
            "relatie", "rol", "proces", "proces__overeenkomst", "opgepakt_door"
        )


def rol_van_medewerker(medewerker: Medewerker | int) -> Q:
    """The task's role is held by `medewerker` on the task's relation's team (D4)."""
    return Q(
        Exists(
            Teamlid.objects.filter(
                relatie=OuterRef("relatie"), rol=OuterRef("rol"), medewerker=medewerker
            )
        )
    )


def klantbeheerder_is(medewerker: Medewerker | int) -> Q:
    """`medewerker` is klantbeheerder on the task's relation's team (D6)."""
    return Q(
        Exists(
            Teamlid.objects.filter(
                relatie=OuterRef("relatie"),
                medewerker=medewerker,
                rol__systeemrol=Systeemrol.KLANTBEHEERDER,
            )
        )
    )


class Taak(models.Model):
    """A task of a process, assigned to the client or to a role (R3), never to a person.

    Whoever holds the role on the relation's team sees it (D4); one of them can pick it up (D5)
    and a colleague in the same role can take it over (R9). State changes go through the
    methods below, which keep the history (`TaakGebeurtenis`).
    """

    kantoor = models.ForeignKey(
        Kantoor, on_delete=models.PROTECT, related_name="taken", verbose_name=_("office")
    )
    proces = models.ForeignKey(
        Proces, on_delete=models.PROTECT, related_name="taken", verbose_name=_("process")
    )
    sjabloon = models.ForeignKey(
        Taaksjabloon,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="taken",
        verbose_name=_("template"),
    )
    relatie = models.ForeignKey(
        Relatie, on_delete=models.PROTECT, related_name="taken", verbose_name=_("client")
    )
    naam = models.CharField(_("task"), max_length=200, validators=[validate_enkele_regel])
    mijlpaal = models.CharField(
        _("milestone"), max_length=100, blank=True, validators=[validate_enkele_regel]
    )
    periode_label = models.CharField(_("period"), max_length=10)
    vervaldatum = models.DateField(_("due date"), validators=[validate_datum])
    # A due date moved by hand is the team's decision: a settings change does not undo it.
    vervaldatum_handmatig = models.BooleanField(default=False, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=TaakStatus.choices, default=TaakStatus.OPENSTAAND
    )
    voor_klant = models.BooleanField(_("assigned to the client"), default=False)
    rol = models.ForeignKey(
        InterneRol,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="taken",
        verbose_name=_("role"),
    )
    opgepakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opgepakte_taken",
        verbose_name=_("picked up by"),
    )
    gereed_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("completed by"),
    )
    gereed_op = models.DateTimeField(_("completed at"), null=True, blank=True)

    objects = TaakQuerySet.as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["vervaldatum", "pk"]
        indexes: ClassVar = [
            # The lists: an office's open tasks in due-date order (keyset pagination).
            models.Index(
                fields=["kantoor", "status", "vervaldatum", "id"], name="taken_taak_lijst"
            ),
            # The resolution join (D4, D7): a relation's tasks on one role.
            models.Index(fields=["relatie", "rol", "status"], name="taken_taak_relatie_rol"),
            models.Index(fields=["opgepakt_door", "status"], name="taken_taak_opgepakt"),
            # Open work by relation and role, read from the index alone (issue 11): Niet belegde
            # taken walks it in (relatie, rol) order beside teams_teamlid_relatie_rol (a merge
            # anti-join, no sort), and an employee's tasks are probed from his team rows.
            models.Index(
                fields=["kantoor", "relatie", "rol"],
                include=["id"],
                condition=Q(status="openstaand"),
                name="taken_taak_open_rol",
            ),
        ]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=TOEWIJZING_CONSTRAINT,
                name="taken_taak_klant_of_rol",
                violation_error_message=_("A task is assigned to the client or to a role."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=TaakStatus.values),
                name="taken_taak_status_valid",
                violation_error_message=_("Unknown status."),
            ),
            models.CheckConstraint(
                condition=Q(status=TaakStatus.OPENSTAAND, gereed_op__isnull=True)
                | Q(status=TaakStatus.GEREED, gereed_op__isnull=False),
                name="taken_taak_gereed_op",
                violation_error_message=_("A completed task has its completion time."),
            ),
            # D14: whichever path writes a due date, it lies in 2000-2099, so that every page,
            # export and calendar feed can compute with it (issue 9 rows 4 and 5).
            models.CheckConstraint(
                condition=datum_bereik_q("vervaldatum"),
                name="taken_taak_vervaldatum_bereik",
                violation_error_message=_("A due date lies in the years 2000 to 2099."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.naam} {self.periode_label}"

    @property
    def is_open(self) -> bool:
        return self.status == TaakStatus.OPENSTAAND

    @property
    def wacht_op_klant(self) -> bool:
        """D6: client work that the klantbeheerder chases."""
        return self.voor_klant and self.is_open

    def _log(self, soort: str, door: Medewerker | None, **velden: Any) -> TaakGebeurtenis:
        return TaakGebeurtenis.objects.create(
            kantoor_id=self.kantoor_id, taak=self, soort=soort, door=door, **velden
        )

    def _moet_open_zijn(self) -> None:
        if not self.is_open:
            raise ValidationError(_("This task is already done."), code="gereed")

    def oppakken(self, door: Medewerker) -> None:
        """D5: picks the task up; it shows `door`'s name and stays visible to the role.

        A task someone else picked up is taken over instead (R9), so that nobody's work is
        silently snatched.
        """
        self._moet_open_zijn()
        if self.voor_klant:
            raise ValidationError(_("Client tasks are not picked up."), code="voor_klant")
        if self.opgepakt_door_id == door.pk:
            raise ValidationError(_("You already picked up this task."), code="al_opgepakt")
        if self.opgepakt_door_id is not None:
            raise ValidationError(
                _("%(naam)s picked up this task; take it over instead.")
                % {"naam": self.opgepakt_door},
                code="door_ander",
            )
        self.opgepakt_door = door
        self.save(update_fields=["opgepakt_door"])
        self._log(TaakGebeurtenis.Soort.OPGEPAKT, door, naar_medewerker=door)

    def overnemen(self, door: Medewerker, naar: Medewerker | None = None) -> None:
        """R9/D5: `naar` (by default `door`) takes the task over; from whom is kept.

        Who may act and whether `naar` is on the team is checked in `taken.services`.
        """
        naar = naar or door
        self._moet_open_zijn()
        if self.voor_klant:
            raise ValidationError(_("Client tasks are not picked up."), code="voor_klant")
        if self.opgepakt_door_id == naar.pk:
            raise ValidationError(
                _("%(naam)s already has this task.") % {"naam": naar}, code="al_opgepakt"
            )
        van = self.opgepakt_door
        self.opgepakt_door = naar
        self.save(update_fields=["opgepakt_door"])
        self._log(TaakGebeurtenis.Soort.OVERGENOMEN, door, van_medewerker=van, naar_medewerker=naar)

    def gereed_melden(self, door: Medewerker) -> None:
        """The task is done, by whom and when."""
        self._moet_open_zijn()
        self.status = TaakStatus.GEREED
        self.gereed_door = door
        self.gereed_op = timezone.now()
        self.save(update_fields=["status", "gereed_door", "gereed_op"])
        self._log(TaakGebeurtenis.Soort.GEREED, door)

    def heropenen(self, door: Medewerker) -> None:
        """A done task is open again; who completed it stays in the history."""
        if self.is_open:
            raise ValidationError(_("This task is still open."), code="open")
        self.status = TaakStatus.OPENSTAAND
        self.gereed_door = None
        self.gereed_op = None
        self.save(update_fields=["status", "gereed_door", "gereed_op"])
        self._log(TaakGebeurtenis.Soort.HEROPEND, door)

    def vervaldatum_verschuiven(self, door: Medewerker, nieuwe: date, reden: str) -> None:
        """Moves the due date (holidays, illness), with the reason; kept in the history."""
        self._moet_open_zijn()
        if not reden.strip():
            raise ValidationError(_("Give a reason for moving the due date."), code="reden")
        validate_datum(nieuwe)
        if nieuwe == self.vervaldatum:
            raise ValidationError(_("The task is already due on that date."), code="zelfde")
        oud = self.vervaldatum
        self.vervaldatum = nieuwe
        self.vervaldatum_handmatig = True
        self.save(update_fields=["vervaldatum", "vervaldatum_handmatig"])
        self._log(
            TaakGebeurtenis.Soort.VERSCHOVEN,
            door,
            oude_vervaldatum=oud,
            nieuwe_vervaldatum=nieuwe,
            reden=reden.strip(),
        )

    def herbereken_vervaldatum(
        self, sjabloon: Taaksjabloon, instellingen: Takeninstellingen, reden: str
    ) -> bool:
        """Recomputes the due date from the template and the client's settings; True when it
        moved (and the history says so). A date moved by hand is left alone."""
        if not self.is_open or self.vervaldatum_handmatig:
            return False
        periode = self.proces.periode
        nieuwe = vervaldatum(
            sjabloon.deadline(instellingen), periode, uitstel=self.relatie.uitstelregeling
        )
        if nieuwe == self.vervaldatum or not in_bereik(nieuwe):
            # Out of range (D14): the task keeps its date rather than get one nobody can use.
            return False
        oud = self.vervaldatum
        self.vervaldatum = nieuwe
        self.save(update_fields=["vervaldatum"])
        self._log(
            TaakGebeurtenis.Soort.HERBEREKEND,
            None,
            oude_vervaldatum=oud,
            nieuwe_vervaldatum=nieuwe,
            reden=reden,
        )
        return True


class TaakGebeurtenis(models.Model):
    """The history of a task (D5): who picked it up, took it over from whom, completed,
    reopened or moved it, and when. Employees are never deleted (D8), so names stay."""

    class Soort(models.TextChoices):
        OPGEPAKT = "opgepakt", _("Picked up")
        OVERGENOMEN = "overgenomen", _("Taken over")
        GEREED = "gereed", _("Completed")
        HEROPEND = "heropend", _("Reopened")
        VERSCHOVEN = "verschoven", _("Due date moved")
        HERBEREKEND = "herberekend", _("Due date recomputed")

    kantoor = models.ForeignKey(Kantoor, on_delete=models.PROTECT, related_name="+")
    taak = models.ForeignKey(
        Taak, on_delete=models.CASCADE, related_name="gebeurtenissen", verbose_name=_("task")
    )
    soort = models.CharField(_("event"), max_length=20, choices=Soort.choices)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    van_medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("from"),
    )
    naar_medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("to"),
    )
    oude_vervaldatum = models.DateField(_("old due date"), null=True)
    nieuwe_vervaldatum = models.DateField(_("new due date"), null=True)
    reden = models.CharField(_("reason"), max_length=300, blank=True)
    op = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("task event")
        verbose_name_plural = _("task events")
        ordering = ["op", "pk"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.taak_id}"


def nieuw_agenda_token() -> str:
    return secrets.token_urlsafe(32)


class Agendatoken(models.Model):
    """The secret in an employee's iCalendar feed URL; renewing it kills the old URL."""

    kantoor = models.ForeignKey(Kantoor, on_delete=models.PROTECT, related_name="+")
    medewerker = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="agendatoken"
    )
    token = models.CharField(max_length=64, unique=True, default=nieuw_agenda_token)
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("calendar token")
        verbose_name_plural = _("calendar tokens")

    def __str__(self) -> str:
        return f"{self.medewerker}"

    @classmethod
    def voor(cls, medewerker: Medewerker) -> Agendatoken:
        token, _created = cls.objects.get_or_create(
            medewerker=medewerker, defaults={"kantoor_id": medewerker.kantoor_id}
        )
        return token

    def vernieuw(self) -> None:
        self.token = nieuw_agenda_token()
        self.aangemaakt_op = timezone.now()
        self.save(update_fields=["token", "aangemaakt_op"])
