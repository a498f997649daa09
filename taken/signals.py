"""taken listens to lower apps (dependencies point taken -> teams -> relaties):

- A client's aangiftetijdvak or uitstelregeling changed: its open tasks' due dates follow
  (domain: *Deadlines are per client*). relaties does not know about tasks, so the old values are
  remembered on the instance when it is loaded (post_init) and compared after it is saved.
- The Teamleden tab asks which roles are unstaffed (D7): answered with the same query as the
  *Niet belegde taken* page.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.db.models.signals import post_init, post_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from kantoor.models import InterneRol
from relaties.models import Relatie
from taken.models import Taak
from teams.signals import NietBelegdeRol, niet_belegde_rollen_gevraagd

FISCALE_VELDEN = ("aangiftetijdvak", "uitstelregeling")


@receiver(post_init, sender=Relatie, dispatch_uid="taken_relatie_onthoud_fiscaal")
def onthoud_fiscale_instellingen(sender: type[Relatie], instance: Relatie, **kwargs: Any) -> None:
    # Deferred fields are not read here (that would be a query per row).
    deferred = instance.get_deferred_fields()
    instance._taken_fiscaal = {  # type: ignore[attr-defined]
        veld: getattr(instance, veld) for veld in FISCALE_VELDEN if veld not in deferred
    }


@receiver(post_save, sender=Relatie, dispatch_uid="taken_relatie_herbereken")
def herbereken_na_wijziging(
    sender: type[Relatie], instance: Relatie, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    """A changed aangiftetijdvak or uitstelregeling recomputes the open tasks' due dates."""
    from taken.services import herbereken_vervaldatums

    oud = getattr(instance, "_taken_fiscaal", {})
    gewijzigd = [
        veld for veld in FISCALE_VELDEN if veld in oud and oud[veld] != getattr(instance, veld)
    ]
    instance._taken_fiscaal = {veld: getattr(instance, veld) for veld in FISCALE_VELDEN}  # type: ignore[attr-defined]
    if created or raw or not gewijzigd:
        return
    reden = _("Client setting changed: %(velden)s") % {
        "velden": ", ".join(str(Relatie._meta.get_field(v).verbose_name) for v in gewijzigd)
    }
    herbereken_vervaldatums(instance, reden)


def niet_belegd_per_rol(relatie: Relatie) -> list[NietBelegdeRol]:
    """D7 for one relation: its roles with open tasks that nobody on its team holds."""
    aantallen = dict(
        Taak.objects.filter(relatie=relatie)
        .niet_belegd()
        .values_list("rol")
        .annotate(aantal=Count("pk"))
        .values_list("rol", "aantal")
    )
    rollen = InterneRol.objects.filter(pk__in=aantallen).order_by("naam")
    return [NietBelegdeRol(rol=rol, aantal_taken=aantallen[rol.pk]) for rol in rollen]


@receiver(niet_belegde_rollen_gevraagd, sender=Relatie, dispatch_uid="taken_niet_belegd")
def beantwoord_niet_belegd(
    sender: type[Relatie], relatie: Relatie, **kwargs: Any
) -> list[NietBelegdeRol]:
    return niet_belegd_per_rol(relatie)
