"""Beheer > Kantoorinstellingen: the office's task settings (due-soon days, the uitstel date),
scoped to the admin's own office like every other office setting (D9)."""

from django.contrib import admin

from kantoor.admin import KantoorScopedAdmin
from taken.models import Takeninstellingen


@admin.register(Takeninstellingen)
class TakeninstellingenAdmin(KantoorScopedAdmin):
    list_display = ["kantoor", "binnenkort_dagen", "uitstel_dag", "uitstel_maand"]
    fields = ["kantoor", "binnenkort_dagen", "uitstel_dag", "uitstel_maand", "uitstel_jaren_na"]
