"""taken listens to lower apps (dependencies point taken -> teams -> relaties):

- A client's aangiftetijdvak or uitstelregeling changed: its open tasks' due dates follow
  (domain: *Deadlines are per client*). relaties does not know about tasks, so the old values are
  remembered on the instance when it is loaded (post_init) and compared after it is saved; the
  import's bulk update sends no post_save and announces `relaties_bijgewerkt` with the old
  values instead. Both paths end in `herbereken_na_fiscale_wijziging`.
- The Teamleden tab asks which roles are unstaffed (D7): answered with the same query as the
  *Niet belegde taken* page.
- Employees were deactivated: their calendar URLs stop working at once and stay dead after a
  reactivation (issue 9 item 5).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db.models import Count
from django.db.models.signals import post_init, post_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from kantoor.models import InterneRol
from kantoor.signals import medewerkers_gedeactiveerd
from relaties.models import Relatie
from relaties.signals import relaties_bijgewerkt
from taken.models import Agendatoken, Taak
from teams.signals import (
    NietBelegdeRol,
    TakenOverdracht,
    niet_belegde_rollen_gevraagd,
    open_taken_gevraagd,
    overdracht_gevraagd,
    overdracht_uitvoeren,
)

if TYPE_CHECKING:
    from taken.services import Herplanning

FISCALE_VELDEN = ("aangiftetijdvak", "uitstelregeling")


@receiver(post_init, sender=Relatie, dispatch_uid="taken_relatie_onthoud_fiscaal")
def onthoud_fiscale_instellingen(sender: type[Relatie], instance: Relatie, **kwargs: Any) -> None:
    # Deferred fields are not read here (that would be a query per row).
    deferred = instance.get_deferred_fields()
    instance._taken_fiscaal = {  # type: ignore[attr-defined]
        veld: getattr(instance, veld) for veld in FISCALE_VELDEN if veld not in deferred
    }


def onthoud(instance: Relatie) -> None:
    """The current fiscal settings become the ones a later save is compared with."""
    instance._taken_fiscaal = {veld: getattr(instance, veld) for veld in FISCALE_VELDEN}  # type: ignore[attr-defined]


def herbereken_na_fiscale_wijziging(relatie: Relatie, gewijzigd: Iterable[str]) -> Herplanning:
    """D13 and *Deadlines are per client*: when `gewijzigd` (names of changed fields) holds the
    aangiftetijdvak or the uitstelregeling, the client's work that nobody started is re-planned
    (taken.services.herplan): processes of the old VAT period replaced by those of the new one,
    open due dates recomputed with history naming the changed settings. Done tasks, started
    processes and dates moved by hand stay. The one place both the save and the import use."""
    from taken.services import Herplanning, herplan

    velden = [veld for veld in FISCALE_VELDEN if veld in set(gewijzigd)]
    if not velden:
        return Herplanning()
    reden = _("Client setting changed: %(velden)s") % {
        "velden": ", ".join(str(Relatie._meta.get_field(v).verbose_name) for v in velden)
    }
    return herplan(relatie, velden, reden)


@receiver(post_save, sender=Relatie, dispatch_uid="taken_relatie_herbereken")
def herbereken_na_wijziging(
    sender: type[Relatie], instance: Relatie, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    """D13: a saved change of aangiftetijdvak or uitstelregeling re-plans the client's work;
    what changed is left on the instance (`meldingen_na_opslaan`) for the page that saved it
    (relaties cannot import taken, so it reads the words, not our types)."""
    oud = getattr(instance, "_taken_fiscaal", {})
    gewijzigd = [
        veld for veld in FISCALE_VELDEN if veld in oud and oud[veld] != getattr(instance, veld)
    ]
    onthoud(instance)
    if created or raw or not gewijzigd:
        return
    uitkomst = herbereken_na_fiscale_wijziging(instance, gewijzigd)
    instance.meldingen_na_opslaan = [uitkomst.melding()]  # type: ignore[attr-defined]


@receiver(relaties_bijgewerkt, sender=Relatie, dispatch_uid="taken_relaties_herbereken")
def herbereken_na_import(
    sender: type[Relatie],
    relaties: list[Relatie],
    oude_waarden: dict[int, dict[str, Any]],
    **kwargs: Any,
) -> Herplanning:
    """D13 for relations updated in bulk (the import): the same re-planning as a save, only for
    the relations whose fiscal settings changed; the others cost no query. Returns the sum,
    which the import's summary reports."""
    from taken.services import Herplanning

    totaal = Herplanning()
    for relatie in relaties:
        gewijzigd = oude_waarden.get(relatie.pk, {})
        onthoud(relatie)
        totaal = totaal + herbereken_na_fiscale_wijziging(relatie, gewijzigd)
    return totaal


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


@receiver(medewerkers_gedeactiveerd, dispatch_uid="taken_agendatoken_vernieuwen")
def vernieuw_agendatokens(sender: Any, medewerker_ids: list[int], **kwargs: Any) -> None:
    """Issue 9 item 5: a deactivated employee's calendar URL dies with his sessions; a new secret
    (not a deleted row) so that even a reactivation cannot bring the old URL back."""
    for token in Agendatoken.objects.filter(medewerker_id__in=medewerker_ids):
        token.vernieuw()


@receiver(overdracht_gevraagd, dispatch_uid="taken_overdracht_voorbeeld")
def beantwoord_overdracht(
    sender: Any,
    kantoor: Any,
    oud: Any,
    paren: list[tuple[int, int]],
    klantbeheerder_van: list[int],
    rollen: Any,
    **kwargs: Any,
) -> TakenOverdracht:
    """D8: the replacement's preview lists the tasks that change hands."""
    from taken.services import overdracht_voorbeeld

    return overdracht_voorbeeld(kantoor, oud, paren, klantbeheerder_van, rollen)


@receiver(overdracht_uitvoeren, dispatch_uid="taken_overdracht_uitvoeren")
def voer_overdracht_uit(
    sender: Any, kantoor: Any, oud: Any, nieuw: Any, rollen: Any, door: Any, **kwargs: Any
) -> int:
    """D8/D5: the leaver's picked-up tasks go to his replacement by name, with history."""
    from taken.services import draag_opgepakte_taken_over

    return draag_opgepakte_taken_over(kantoor, oud, nieuw, rollen, door)


@receiver(open_taken_gevraagd, sender=Relatie, dispatch_uid="taken_open_per_rol")
def beantwoord_open_taken(
    sender: Any, relatie: Relatie, rol_ids: list[int], **kwargs: Any
) -> dict[int, int]:
    """D7: the open tasks per role on a relation, for the removal's confirmation."""
    return dict(
        Taak.objects.filter(relatie=relatie, rol_id__in=rol_ids)
        .open()
        .values_list("rol")
        .annotate(aantal=Count("pk"))
        .values_list("rol", "aantal")
    )
