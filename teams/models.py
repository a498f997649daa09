"""The members of a relation's team (R1, R3, R5): who serves it, in which internal role.

Minimal for now: the Teamleden issue adds the tab, the services and the database guard that a
team always keeps a klantbeheerder (R2, D2).
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kantoor.models import Kantoor, KantoorScopedQuerySet, Systeemrol


class TeamlidQuerySet(KantoorScopedQuerySet):
    def klantbeheerders(self) -> TeamlidQuerySet:
        """Members in the system role Klantbeheerder (R2), whatever the office calls it (D1)."""
        return self.filter(rol__systeemrol=Systeemrol.KLANTBEHEERDER)


class Teamlid(models.Model):
    """One employee in one role on one relation's team; several roles per employee (R5)."""

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
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["relatie", "medewerker", "rol"],
                name="teams_teamlid_unique_rol",
                violation_error_message=_("This employee already has this role on this team."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.medewerker} ({self.rol})"
