"""Beheer (Django admin at /beheer/): Kantoorinstellingen, scoped to the admin's own office (D9).

Office admins (`is_beheerder`) keep their own office's internal roles (R8), employees (R7, D8)
and settings; a platform superuser (no office) keeps every office, with an office filter. Access
is deny by default (kantoor/access.py): office admins have no Django permission rows.
"""

from __future__ import annotations

import base64
import zlib
from typing import Any

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Model, QuerySet, Sum
from django.forms import ModelForm
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from kantoor import access
from kantoor.forms import ImportForm, MedewerkerAdminForm
from kantoor.importers import ImportGeweigerd, Plan, importeer, lees_bestand, maak_plan
from kantoor.models import InterneRol, Kantoor, Medewerker
from kantoor.services import (
    DeactivatieGeweigerd,
    bezwaren_tegen,
    deactiveer_medewerkers,
    meldingen_van,
)
from kantoor.uitnodigingen import stuur_uitnodigingen
from kantoor.uploads import max_bytes, te_groot_geweigerd

admin.site.site_header = gettext_lazy("Administration")
admin.site.site_title = gettext_lazy("Administration")
admin.site.index_title = gettext_lazy("Office settings")
# Django's own success messages, spoken in our words (issue 10 item 6). Django's Dutch says
# "De {name} ... is met succes gewijzigd", which gives "De kantoor"; ours needs no article. Our
# catalogue (LOCALE_PATHS) comes before Django's, and naming the ids here keeps them in it.
DJANGO_MELDINGEN = [
    gettext_noop("The {name} “{obj}” was added successfully."),
    gettext_noop("The {name} “{obj}” was added successfully. You may add another {name} below."),
    gettext_noop("The {name} “{obj}” was changed successfully."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may edit it again below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may add another {name} below."),
    gettext_noop("The %(name)s “%(obj)s” was deleted successfully."),
    # The titles of the buttons beside a chosen row ("Geselecteerde kantoor" in Django's Dutch).
    gettext_noop("Change selected %(model)s"),
    gettext_noop("View selected %(model)s"),
    gettext_noop("Delete selected %(model)s"),
]

IMPORT_SALT = "kantoor.importeer_medewerkers"
IMPORT_GELDIG = 60 * 60  # seconds between preview and confirmation
VOORBEELD_MAX = 200  # rows per list on the preview page


class KantoorScopedAdmin(admin.ModelAdmin):
    """Deny by default; an office admin sees, chooses and saves only his own office's rows (D9).

    Another office's change URL answers 404 (not Django's redirect, and never a 403 that would
    confirm that the row exists).
    """

    def scope(self, queryset: QuerySet, kantoor: Kantoor) -> QuerySet:
        return queryset.filter(kantoor=kantoor)

    def kantoor_id_van(self, obj: Model) -> int | None:
        return obj.kantoor_id

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)
        if access.is_platformbeheerder(request.user):
            return queryset
        kantoor = access.beheerd_kantoor(request.user)
        return self.scope(queryset, kantoor) if kantoor else queryset.none()

    def has_module_permission(self, request: HttpRequest) -> bool:
        return access.mag_beheren(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._mag(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._mag(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return access.mag_beheren(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def _mag(self, request: HttpRequest, obj: Model | None) -> bool:
        if obj is None:
            return access.mag_beheren(request.user)
        return access.mag_rij_beheren(request.user, self.kantoor_id_van(obj))

    def delete_view(self, request: HttpRequest, object_id: str, extra_context=None):
        # Django checks the permission before the row's existence: out of scope is a 404 (D9).
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404
        return super().delete_view(request, object_id, extra_context)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Django redirects to the index with "doesn't exist"; outside the office's scope a row
        # must simply not exist (D9).
        raise Http404

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and access.is_platformbeheerder(request.user):
            # D9: a row stays in its office (an office admin's field is disabled already); the
            # database refuses a move that would leave its teams, tasks or history behind.
            readonly.append("kantoor")
        return readonly

    def get_list_display(self, request: HttpRequest):
        display = list(super().get_list_display(request))
        return [*display, "kantoor"] if access.is_platformbeheerder(request.user) else display

    def get_list_filter(self, request: HttpRequest):
        filters = list(super().get_list_filter(request))
        return ["kantoor", *filters] if access.is_platformbeheerder(request.user) else filters

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs: Any):
        if db_field.name == "kantoor" and not access.is_platformbeheerder(request.user):
            # His own office, shown but not choosable: a posted other office is ignored.
            kantoor = access.beheerd_kantoor(request.user)
            kwargs["queryset"] = Kantoor.objects.filter(pk=kantoor.pk if kantoor else None)
            kwargs["disabled"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request: HttpRequest, obj: Model | None = None, change: bool = False, **kw):
        form = super().get_form(request, obj, change=change, **kw)
        kantoor = access.beheerd_kantoor(request.user)
        if kantoor is None:
            return form
        model = self.model

        class InKantoorForm(form):  # type: ignore[misc, valid-type]
            """A new row starts in the admin's office, so that validation (unique codes per
            office) sees the office it will be saved in."""

            def __init__(self, *args: Any, **kwargs: Any) -> None:
                if kwargs.get("instance") is None:
                    kwargs["instance"] = model(kantoor=kantoor)
                super().__init__(*args, **kwargs)

        return InKantoorForm

    def save_model(self, request: HttpRequest, obj: Model, form: ModelForm, change: bool):
        kantoor = access.beheerd_kantoor(request.user)
        if kantoor is not None:
            obj.kantoor = kantoor
        super().save_model(request, obj, form, change)


# --- Kantoor -------------------------------------------------------------------------------------


@admin.register(Kantoor)
class KantoorAdmin(KantoorScopedAdmin):
    """An office admin edits his own office's settings; a superuser keeps all offices."""

    list_display = ["naam", "code", "relatiecode_masker"]
    search_fields = ["naam", "code"]
    fields = ["naam", "code", "relatiecode_masker"]

    def scope(self, queryset: QuerySet, kantoor: Kantoor) -> QuerySet:
        return queryset.filter(pk=kantoor.pk)

    def kantoor_id_van(self, obj: Model) -> int | None:
        return obj.pk

    def get_list_display(self, request: HttpRequest):
        return self.list_display

    def get_list_filter(self, request: HttpRequest):
        return []

    def has_add_permission(self, request: HttpRequest) -> bool:
        return access.is_platformbeheerder(request.user)

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None):
        # The code names the office on the command line; the platform hands it out.
        return [] if access.is_platformbeheerder(request.user) else ["code"]

    def get_form(self, request: HttpRequest, obj: Model | None = None, change: bool = False, **kw):
        return admin.ModelAdmin.get_form(self, request, obj, change=change, **kw)

    def save_model(self, request: HttpRequest, obj: Model, form: ModelForm, change: bool):
        admin.ModelAdmin.save_model(self, request, obj, form, change)

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):
        """An office admin has one office: the list is his office's settings page."""
        kantoor = access.beheerd_kantoor(request.user)
        if kantoor is not None and not access.is_platformbeheerder(request.user):
            return redirect("admin:kantoor_kantoor_change", kantoor.pk)
        return super().changelist_view(request, extra_context)


# --- Interne rollen ------------------------------------------------------------------------------


@admin.register(InterneRol)
class InterneRolAdmin(KantoorScopedAdmin):
    """R8: the office's internal roles. The system role Klantbeheerder is renamed, never deleted or
    deactivated (D1); a role in use is deactivated rather than deleted.

    The number of team members holding a role is counted through the reverse relation
    `teamleden` (Teamlid.rol), so kantoor needs no import of teams; one query for the page.
    """

    list_display = ["naam", "code", "actief", "soort", "aantal_teamleden"]
    list_filter = ["actief"]
    search_fields = ["naam", "code", "omschrijving"]
    fields = ["kantoor", "naam", "code", "omschrijving", "actief", "systeemrol"]
    readonly_fields = ["systeemrol"]
    actions = ["deactiveer_rollen", "activeer_rollen"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(aantal_teamleden=Count("teamleden"))

    @admin.display(description=gettext_lazy("team members"), ordering="aantal_teamleden")
    def aantal_teamleden(self, rol: InterneRol) -> int:
        return rol.aantal_teamleden

    @admin.display(description=gettext_lazy("kind"))
    def soort(self, rol: InterneRol) -> str:
        return _("System role") if rol.is_systeemrol else _("Office role")

    def get_readonly_fields(self, request: HttpRequest, obj: InterneRol | None = None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.is_systeemrol:
            # D1: the system role stays active; a posted `actief` is not even read.
            readonly.append("actief")
        return readonly

    def has_delete_permission(self, request: HttpRequest, obj: InterneRol | None = None) -> bool:
        """Only one unused ordinary role at a time, from its own page; never the system role (D1).

        No bulk delete: a role in use is deactivated, so its assignments stay visible.
        """
        return obj is not None and not obj.is_systeemrol and self._mag(request, obj)

    @admin.action(description=gettext_lazy("Deactivate selected roles"))
    def deactiveer_rollen(self, request: HttpRequest, queryset: QuerySet) -> None:
        systeem = [str(rol) for rol in queryset.filter(systeemrol__isnull=False)]
        if systeem:
            self.message_user(
                request,
                _("%(naam)s is a system role and stays active; nothing was changed.")
                % {"naam": ", ".join(systeem)},
                messages.ERROR,
            )
            return
        aantal = queryset.filter(actief=True).update(actief=False)
        self.message_user(request, _("Roles deactivated: %(n)s.") % {"n": aantal})

    @admin.action(description=gettext_lazy("Activate selected roles"))
    def activeer_rollen(self, request: HttpRequest, queryset: QuerySet) -> None:
        aantal = queryset.filter(actief=False).update(actief=True)
        self.message_user(request, _("Roles activated: %(n)s.") % {"n": aantal})


# --- Medewerkers ---------------------------------------------------------------------------------


def vergrendelde_adressen() -> QuerySet:
    """Addresses django-axes locks now: enough failures from one client within the cool-off."""
    cool_off = get_cool_off()
    pogingen = AccessAttempt.objects.all()
    if cool_off is not None:
        pogingen = pogingen.filter(attempt_time__gte=timezone.now() - cool_off)
    return (
        pogingen.values("username", "ip_address")
        .annotate(mislukt=Sum("failures_since_start"))
        .filter(mislukt__gte=settings.AXES_FAILURE_LIMIT)
        .values("username")
    )


class VergrendeldFilter(admin.SimpleListFilter):
    """Whom to unlock (issue 9 row 13): employees whose address is locked after failed logins."""

    title = gettext_lazy("login lock")
    parameter_name = "vergrendeld"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin):
        return [("ja", gettext_lazy("Locked after failed logins"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "ja":
            return queryset.filter(email__in=vergrendelde_adressen())
        return queryset


@admin.register(Medewerker)
class MedewerkerAdmin(KantoorScopedAdmin):
    """R7, D8: the office's employees; never deleted, deactivated through one service."""

    form = MedewerkerAdminForm
    list_display = ["code", "naam", "email", "is_active", "is_beheerder"]
    list_filter = ["is_active", "is_beheerder", "taal", VergrendeldFilter]
    search_fields = ["code", "naam", "korte_naam", "email"]
    fields = ["kantoor", "code", "naam", "korte_naam", "email", "taal", "is_active", "is_beheerder"]
    actions = ["deactiveer", "activeer", "maak_beheerder", "ontgrendel"]
    change_list_template = "admin/kantoor/medewerker/change_list.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("kantoor")

    def get_form(self, request: HttpRequest, obj: Model | None = None, change: bool = False, **kw):
        form = super().get_form(request, obj, change=change, **kw)
        form.gebruiker = request.user
        return form

    def save_model(self, request: HttpRequest, obj: Medewerker, form: ModelForm, change: bool):
        # A platform superuser (no office) has no teams to ask about: saved as he is.
        deactiveren = (
            change and "is_active" in form.changed_data and not obj.is_active and obj.kantoor_id
        )
        if deactiveren:
            # Saved active first; the one deactivation path below asks teams (D8, item 4).
            obj.is_active = True
        if not change:
            # A new employee sets his own password through the mail (R7).
            obj.set_unusable_password()
        super().save_model(request, obj, form, change)
        if deactiveren:
            deactiveer_medewerkers(obj.kantoor, Medewerker.objects.filter(pk=obj.pk))
            obj.is_active = False
        if not change:
            basis_url = request.build_absolute_uri("/")
            nieuw = obj
            transaction.on_commit(lambda: stuur_uitnodigingen([nieuw], basis_url))

    def changeform_view(
        self, request: HttpRequest, object_id=None, form_url="", extra_context=None
    ):
        if (naar := self.vertrek_gevraagd(request, object_id)) is not None:
            return naar
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DeactivatieGeweigerd as fout:
            # Raised inside the admin's transaction, which rolled everything back.
            return self.naar_vertrek(request, fout) or HttpResponseRedirect(request.path)

    def vertrek_gevraagd(self, request: HttpRequest, object_id: str | None) -> HttpResponse | None:
        """D8, issue 10 item 3: unticking *active* of an employee who is the only klantbeheerder
        somewhere leads straight into the leaver flow instead of a refusal at the field."""
        kantoor = access.beheerd_kantoor(request.user)
        if request.method != "POST" or object_id is None or kantoor is None:
            return None
        if request.POST.get("is_active") or "is_active" not in self.get_fields(request):
            return None
        medewerker = self.get_object(request, unquote(object_id))
        if medewerker is None or not medewerker.is_active or medewerker.pk == request.user.pk:
            return None
        bezwaren = bezwaren_tegen(kantoor, Medewerker.objects.filter(pk=medewerker.pk))
        if not bezwaren:
            return None
        return self.naar_vertrek(
            request, DeactivatieGeweigerd(meldingen_van(bezwaren), [medewerker.pk])
        )

    def naar_vertrek(self, request: HttpRequest, fout: DeactivatieGeweigerd) -> HttpResponse | None:
        """D8: a refused deactivation leads into the leaver flow (teams, by URL name: kantoor
        does not import teams) where one replacement is chosen and both happen at once. With
        several refused, each message links to his own flow; None when there is no such flow
        (a platform superuser has no office of his own)."""
        if access.beheerd_kantoor(request.user) is None or not request.user.is_beheerder:
            for melding in fout.meldingen:
                self.message_user(request, melding, messages.ERROR)
            return None
        if len(fout.medewerker_ids) == 1:
            self.message_user(request, fout.meldingen[0], messages.WARNING)
            return redirect("teams:medewerker_vertrek", medewerker_pk=fout.medewerker_ids[0])
        self.meld_vertrek(request, fout)
        return None

    def meld_vertrek(self, request: HttpRequest, fout: DeactivatieGeweigerd) -> None:
        """Each refusal with a link to that employee's leaver flow (D8)."""
        if access.beheerd_kantoor(request.user) is None:
            for melding in fout.meldingen:
                self.message_user(request, melding, messages.ERROR)
            return
        for melding, medewerker_id in zip(fout.meldingen, fout.medewerker_ids, strict=False):
            self.message_user(
                request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    melding,
                    reverse("teams:medewerker_vertrek", args=[medewerker_id]),
                    _("Choose a replacement and deactivate"),
                ),
                messages.ERROR,
            )

    @admin.action(description=gettext_lazy("Deactivate selected employees"))
    def deactiveer(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        """D8: employees leave by deactivation, all selected or none."""
        kantoor = access.beheerd_kantoor(request.user)
        if queryset.filter(pk=request.user.pk).exists():
            self.message_user(request, _("You cannot deactivate yourself."), messages.ERROR)
            return None
        kantoren = (
            [kantoor]
            if kantoor
            else list(Kantoor.objects.filter(pk__in=queryset.values("kantoor_id")))
        )
        try:
            with transaction.atomic():  # a superuser's selection may span offices: all or none
                aantal = sum(deactiveer_medewerkers(k, queryset) for k in kantoren)
        except DeactivatieGeweigerd as fout:
            # Only a lone leaver goes straight into his flow: with others selected, the message
            # links to each one's flow and says that nobody left.
            if queryset.count() == 1 and (naar := self.naar_vertrek(request, fout)) is not None:
                return naar
            if queryset.count() != 1:
                self.meld_vertrek(request, fout)
            self.message_user(request, _("Nobody was deactivated."), messages.ERROR)
            return None
        self.message_user(request, _("Employees deactivated: %(n)s.") % {"n": aantal})
        return None

    @admin.action(description=gettext_lazy("Activate selected employees"))
    def activeer(self, request: HttpRequest, queryset: QuerySet) -> None:
        aantal = queryset.filter(is_active=False).update(is_active=True)
        self.message_user(request, _("Employees activated: %(n)s.") % {"n": aantal})

    @admin.action(description=gettext_lazy("Make selected employees office admins"))
    def maak_beheerder(self, request: HttpRequest, queryset: QuerySet) -> None:
        aantal = queryset.filter(is_beheerder=False, kantoor__isnull=False).update(
            is_beheerder=True
        )
        self.message_user(request, _("Office admins added: %(n)s.") % {"n": aantal})

    @admin.action(description=gettext_lazy("Lift the login lock of selected employees"))
    def ontgrendel(self, request: HttpRequest, queryset: QuerySet) -> None:
        """Issue 9 row 13: lift the login lock of the selected employees before the cool-off ends.

        The queryset is this admin's own office (get_queryset): another office's employees cannot
        be selected. django-axes counts per address, so the address is unlocked from every client.
        """
        adressen = sorted(set(queryset.exclude(email=None).values_list("email", flat=True)))
        ontgrendeld = sum(1 for adres in adressen if axes_reset(username=adres))
        self.message_user(
            request,
            _("Login locks lifted: %(n)s. They can log in again at once.") % {"n": ontgrendeld},
        )

    # Import ------------------------------------------------------------------------------------

    def get_urls(self):
        return [
            path(
                "importeren/",
                self.admin_site.admin_view(self.importeer_view),
                name="kantoor_medewerker_importeren",
            ),
            *super().get_urls(),
        ]

    def importeer_view(self, request: HttpRequest) -> HttpResponse:
        """Upload, preview of what will change, confirm (R7). Nothing is written before confirm;
        the confirmation reads the same file again and applies it all or nothing."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        eigen_kantoor = access.beheerd_kantoor(request.user)
        if request.method == "POST" and "bevestigen" in request.POST:
            return self._bevestig_import(request, eigen_kantoor)
        gepost = request.method == "POST"
        form = ImportForm(
            request.POST if gepost else None,
            request.FILES if gepost else None,
            kantoor=eigen_kantoor,
            te_groot="bestand" in te_groot_geweigerd(request),
        )
        if not gepost or not form.is_valid():
            return self._import_pagina(
                request,
                "admin/kantoor/medewerker/import_form.html",
                form=form,
                status=400 if gepost else 200,
            )
        kantoor = eigen_kantoor or form.cleaned_data["kantoor"]
        data = form.inhoud
        plan = maak_plan(kantoor, lees_bestand(data))
        # The file travels back with the confirmation, compressed and signed: no state is kept
        # on the server between preview and confirmation. A plain string is signed, so that the
        # data is base64-encoded once (DATA_UPLOAD_MAX_MEMORY_SIZE leaves room for it).
        token = signing.TimestampSigner(salt=IMPORT_SALT).sign(
            f"{kantoor.pk}:{request.user.pk}:"
            + base64.urlsafe_b64encode(zlib.compress(data)).decode("ascii")
        )
        return self._import_pagina(
            request,
            "admin/kantoor/medewerker/import_preview.html",
            plan=plan,
            kantoor=kantoor,
            token=token,
            bestandsnaam=form.cleaned_data["bestand"].name,
            status=400 if plan.geweigerd else 200,
        )

    def _bevestig_import(self, request: HttpRequest, eigen_kantoor: Kantoor | None):
        try:
            inhoud = signing.TimestampSigner(salt=IMPORT_SALT).unsign(
                request.POST["token"], max_age=IMPORT_GELDIG
            )
            kantoor_pk, gebruiker_pk, gecomprimeerd = inhoud.split(":", 2)
            # Signed by us, yet decompressed no further than the limit.
            data = zlib.decompressobj().decompress(
                base64.urlsafe_b64decode(gecomprimeerd), max_bytes() + 1
            )
            kantoor_pk, gebruiker_pk = int(kantoor_pk), int(gebruiker_pk)
        except (KeyError, signing.BadSignature, ValueError, zlib.error):
            self.message_user(
                request, _("The preview has expired; upload the file again."), messages.ERROR
            )
            return redirect("admin:kantoor_medewerker_importeren")
        if gebruiker_pk != request.user.pk or not access.mag_rij_beheren(request.user, kantoor_pk):
            raise Http404
        kantoor = Kantoor.objects.get(pk=kantoor_pk)
        basis_url = request.build_absolute_uri("/")
        try:
            plan = importeer(
                kantoor, data, na_aanmaken=lambda nieuwe: stuur_uitnodigingen(nieuwe, basis_url)
            )
        except ImportGeweigerd as fout:
            return self._import_pagina(
                request,
                "admin/kantoor/medewerker/import_preview.html",
                plan=fout.plan,
                kantoor=kantoor,
                token=None,
                status=400,
            )
        niveau = messages.SUCCESS if plan.schrijft_iets else messages.INFO
        titel = _("Import complete.") if plan.schrijft_iets else _("Nothing was written.")
        self.message_user(request, f"{titel} {' · '.join(plan.verslag())}", niveau)
        return redirect("admin:kantoor_medewerker_changelist")

    def _import_pagina(self, request: HttpRequest, template: str, status: int = 200, **context):
        plan: Plan | None = context.get("plan")
        if plan is not None:
            context["voorbeeld"] = {
                "nieuw": plan.nieuw[:VOORBEELD_MAX],
                "bijgewerkt": plan.bijgewerkt[:VOORBEELD_MAX],
                "gedeactiveerd": plan.gedeactiveerd[:VOORBEELD_MAX],
                "problemen": plan.problemen[:VOORBEELD_MAX],
                "max": VOORBEELD_MAX,
            }
        return TemplateResponse(
            request,
            template,
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": _("Import employees"),
                "changelist_url": reverse("admin:kantoor_medewerker_changelist"),
                **context,
            },
            status=status,
        )
