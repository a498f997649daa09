"""Beheer (Django admin). The office-scoped Kantoorinstellingen arrive with their own issue;
until then only platform superusers manage offices here."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kantoor.models import InterneRol, Kantoor, Medewerker

admin.site.site_header = _("Administration")
admin.site.site_title = _("Administration")
admin.site.index_title = _("Office settings")


@admin.register(Kantoor)
class KantoorAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "relatiecode_masker"]
    search_fields = ["naam", "code"]
    fields = ["naam", "code", "relatiecode_masker"]


@admin.register(InterneRol)
class InterneRolAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "kantoor", "actief", "systeemrol"]
    list_filter = ["kantoor", "actief"]
    search_fields = ["naam", "code"]
    fields = ["kantoor", "naam", "code", "omschrijving", "actief"]


@admin.register(Medewerker)
class MedewerkerAdmin(admin.ModelAdmin):
    list_display = ["code", "naam", "email", "kantoor", "is_active", "is_beheerder"]
    list_filter = ["kantoor", "is_active", "is_beheerder"]
    search_fields = ["code", "naam", "email"]
    fields = ["kantoor", "code", "naam", "korte_naam", "email", "taal", "is_active", "is_beheerder"]
