"""The members of a relation's team (R1, R3, R5) and the history of every change to it.

The rule that every relation always has a klantbeheerder (R2, D2) is kept in three layers: the
model says it in words (`Teamlid.controleer_verwijderen`, `clean`), `teams/services.py` takes a
lock on the relation's row before every change, and on PostgreSQL a deferred constraint trigger
(migration 0002) refuses to commit a transaction that leaves a relation without one.
"""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kantoor.models import Kantoor, KantoorScopedQuerySet, Medewerker, Systeemrol

# The SQLSTATE with which the PostgreSQL trigger refuses a relation without a klantbeheerder
# (class 23: integrity constraint violation), so services can tell it from any other error.
SQLSTATE_GEEN_KLANTBEHEERDER = "23K01"


def laatste_klantbeheerder(rol_naam: str | None = None) -> str:
    """The D2 refusal, in the words of the office: its current name of the system role (D1)."""
    naam = (rol_naam or str(Systeemrol.KLANTBEHEERDER.label)).lower()
    return gettext("A relation always has a %(rol)s; add another %(rol)s first.") % {"rol": naam}


class TeamlidQuerySet(KantoorScopedQuerySet):
    def klantbeheerders(self) -> TeamlidQuerySet:
        """Members in the system role Klantbeheerder (R2), whatever the office calls it (D1)."""
        return self.filter(rol__systeemrol=Systeemrol.KLANTBEHEERDER)

    def van_relatie(self, relatie: Any) -> TeamlidQuerySet:
        return self.filter(relatie=relatie)

    def voor_tab(self) -> TeamlidQuerySet:
        """What the Teamleden tab shows, in one query: person, role, who added it."""
        return self.select_related("medewerker", "rol", "toegevoegd_door").order_by(
            "medewerker__naam", "medewerker_id", "rol__naam"
        )


class Teamlid(models.Model):
    """One employee in one role on one relation's team; several roles per employee (R5).

    Employee, role and relation belong to one office; the database refuses anything else (a
    trigger, migration 0002, on PostgreSQL and SQLite alike).
    """

    kantoor = models.ForeignKey(
        Kantoor, on_delete=models.PROTECT, related_name="teamleden", verbose_name=_("office")
    )
    relatie = models.ForeignKey(
        "relaties.Relatie",
        on_delete=models.PROTECT,
        related_name="teamleden",
        verbose_name=_("relation"),
    )
    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="teamlidmaatschappen",
        verbose_name=_("employee"),
    )
    rol = models.ForeignKey(
        "kantoor.InterneRol",
        on_delete=models.PROTECT,
        related_name="teamleden",
        verbose_name=_("role"),
    )
    toegevoegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    toegevoegd_op = models.DateTimeField(_("added at"), default=timezone.now)

    objects = TeamlidQuerySet.as_manager()

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        # Who holds a role on a relation (D4, D7): the anti-join of Niet belegde taken (issue 11).
        indexes: ClassVar = [
            models.Index(fields=["relatie", "rol"], name="teams_teamlid_relatie_rol")
        ]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["relatie", "medewerker", "rol"],
                name="teams_teamlid_unique_rol",
                violation_error_message=_("This employee already has this role on this team."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.medewerker} ({self.rol})"

    @property
    def is_klantbeheerder(self) -> bool:
        return self.rol.systeemrol == Systeemrol.KLANTBEHEERDER

    def clean(self) -> None:
        """Only active employees and active roles of the relation's own office (R3, D9); and
        an existing klantbeheerder cannot be changed into another role when he is the last."""
        super().clean()
        errors: dict[str, str] = {}
        kantoor_id = self.relatie.kantoor_id if self.relatie_id else self.kantoor_id
        if self.medewerker_id:
            if self.medewerker.kantoor_id != kantoor_id:
                errors["medewerker"] = _("Choose an employee of this office.")
            elif self._state.adding and not self.medewerker.is_active:
                errors["medewerker"] = _("Only active employees can join a team.")
        if self.rol_id:
            if self.rol.kantoor_id != kantoor_id:
                errors["rol"] = _("Choose a role of this office.")
            elif self._state.adding and not self.rol.actief:
                errors["rol"] = _("Only active roles can be assigned.")
        if errors:
            raise ValidationError(errors)
        if not self._state.adding and self.pk:
            vorig = Teamlid.objects.select_related("rol").get(pk=self.pk)
            if vorig.is_klantbeheerder and not self.is_klantbeheerder:
                vorig.controleer_verwijderen()

    def controleer_verwijderen(self) -> None:
        """R2/D2: the last active klantbeheerder of a relation cannot leave its team in that
        role; another one must be added first. Callers lock the relation's row first."""
        if not self.is_klantbeheerder:
            return
        andere = (
            Teamlid.objects.klantbeheerders()
            .filter(relatie_id=self.relatie_id, medewerker__is_active=True)
            .exclude(pk=self.pk)
        )
        if not andere.exists():
            raise ValidationError(
                laatste_klantbeheerder(self.rol.naam), code="laatste_klantbeheerder"
            )


class Actie(models.TextChoices):
    TOEGEVOEGD = "toegevoegd", _("added")
    VERWIJDERD = "verwijderd", _("removed")
    # One line for a role change (issue 10): `vorige_rol` -> `rol`.
    GEWIJZIGD = "gewijzigd", _("role changed")


class Bron(models.TextChoices):
    """By what a team changed: the tab, a new relation, a replacement, an import, a bulk action."""

    TAB = "tab", _("Team members tab")
    AANMAAK = "aanmaak", _("new relation")
    VERVANGING = "vervanging", _("replacement")
    IMPORT = "import", _("import")
    BULK = "bulk", _("bulk action")


class TeamWijzigingQuerySet(KantoorScopedQuerySet):
    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[TeamWijziging]:
        """Every way history is written (services, signals) passes here: the names of the
        employee and the changer are stored as they are now (issue 10), in one query."""
        objs = list(objs)
        ids = {
            pk
            for o in objs
            for pk, naam in ((o.medewerker_id, o.medewerker_naam), (o.door_id, o.door_naam))
            if pk is not None and not naam
        }
        namen = dict(Medewerker.objects.filter(pk__in=ids).values_list("pk", "naam")) if ids else {}
        for o in objs:
            o.medewerker_naam = o.medewerker_naam or namen.get(o.medewerker_id, "")
            if o.door_id is not None:
                o.door_naam = o.door_naam or namen.get(o.door_id, "")
        return super().bulk_create(objs, *args, **kwargs)

    def van_relatie(self, relatie: Any) -> TeamWijzigingQuerySet:
        return self.filter(relatie=relatie)

    def voor_tab(self) -> TeamWijzigingQuerySet:
        """Newest first, with the names, in one query."""
        return self.select_related("medewerker", "rol", "vorige_rol", "door").order_by("-op", "-pk")


class TeamWijziging(models.Model):
    """One change to a team: who added or removed which role of whom, when, and by what.

    Kept for good (employees and relations are never deleted, D8), so that the team of any past
    moment can be told (`klantbeheerders_op`).
    """

    kantoor = models.ForeignKey(
        Kantoor, on_delete=models.PROTECT, related_name="teamwijzigingen", verbose_name=_("office")
    )
    relatie = models.ForeignKey(
        "relaties.Relatie",
        on_delete=models.PROTECT,
        related_name="teamwijzigingen",
        verbose_name=_("relation"),
    )
    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="teamwijzigingen",
        verbose_name=_("employee"),
    )
    rol = models.ForeignKey(
        "kantoor.InterneRol",
        on_delete=models.PROTECT,
        related_name="teamwijzigingen",
        verbose_name=_("role"),
    )
    # For a role change (Actie.GEWIJZIGD): the role he held before, `rol` being the new one.
    vorige_rol = models.ForeignKey(
        "kantoor.InterneRol",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("previous role"),
    )
    actie = models.CharField(_("action"), max_length=12, choices=Actie.choices)
    # The names at the moment of the change (issue 10): history keeps what people were called
    # then, not what they are called now (D8). Empty only in rows from before these fields.
    medewerker_naam = models.CharField(_("employee's name then"), max_length=200, blank=True)
    door_naam = models.CharField(_("name of the changer then"), max_length=200, blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    op = models.DateTimeField(_("at"), default=timezone.now)
    bron = models.CharField(_("source"), max_length=12, choices=Bron.choices)

    objects = TeamWijzigingQuerySet.as_manager()

    class Meta:
        verbose_name = _("team change")
        verbose_name_plural = _("team changes")
        indexes: ClassVar = [models.Index(fields=["relatie", "op"], name="teams_wijziging_rel_op")]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=models.Q(actie__in=Actie.values),
                name="teams_teamwijziging_actie_valid",
                violation_error_message=_("Unknown action."),
            ),
            models.CheckConstraint(
                condition=models.Q(bron__in=Bron.values),
                name="teams_teamwijziging_bron_valid",
                violation_error_message=_("Unknown source."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.op:%Y-%m-%d %H:%M} {self.actie} {self.medewerker} ({self.rol})"

    @property
    def medewerker_naam_toen(self) -> str:
        return self.medewerker_naam or self.medewerker.naam

    @property
    def door_naam_toen(self) -> str:
        if self.door_id is None:
            return ""
        return self.door_naam or self.door.naam

    @classmethod
    def van(
        cls,
        teamlid: Teamlid,
        actie: str,
        door: Medewerker | None,
        bron: str,
        vorige_rol: Any = None,
    ) -> TeamWijziging:
        return cls(
            kantoor_id=teamlid.kantoor_id,
            relatie_id=teamlid.relatie_id,
            medewerker_id=teamlid.medewerker_id,
            rol_id=teamlid.rol_id,
            vorige_rol=vorige_rol,
            actie=actie,
            door=door,
            bron=bron,
        )


def klantbeheerders_op(relatie: Any, moment: datetime.datetime) -> list[Medewerker]:
    """R2 over time: who was klantbeheerder of `relatie` at `moment`, read from its history.

    Replays the additions, removals and role changes in the klantbeheerder role up to and
    including `moment`.
    """
    aanwezig: dict[int, Medewerker] = {}
    kb = Systeemrol.KLANTBEHEERDER
    wijzigingen = (
        TeamWijziging.objects.filter(
            models.Q(rol__systeemrol=kb) | models.Q(vorige_rol__systeemrol=kb),
            relatie=relatie,
            op__lte=moment,
        )
        .select_related("medewerker", "rol")
        .order_by("op", "pk")
    )
    for wijziging in wijzigingen:
        # A role change into the role adds him; out of it removes him.
        erbij = wijziging.actie == Actie.TOEGEVOEGD or (
            wijziging.actie == Actie.GEWIJZIGD and wijziging.rol.systeemrol == kb
        )
        if erbij:
            aanwezig[wijziging.medewerker_id] = wijziging.medewerker
        else:
            aanwezig.pop(wijziging.medewerker_id, None)
    return sorted(aanwezig.values(), key=lambda m: (m.naam, m.pk))
