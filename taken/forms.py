"""Forms of the task pages. Each receives the office and narrows every choice to it (D9)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kantoor.invoer import (
    DATUM_MAX,
    DATUM_MIN,
    DatumVeld,
    begrens_datumwidget,
    in_bereik,
    parse_id,
)
from kantoor.models import InterneRol, Kantoor, Medewerker
from kantoor.widgets import SnelleSelect
from taken.models import Overeenkomst, Taak, TaakQuerySet, Taaksjabloon
from taken.services import ACTIES
from taken.termijnen import DeadlineKind, periode_from_label


class Weergave:
    MIJN = "mijn"
    COLLEGA = "collega"
    ALLE = "alle"


# Sorting: the name in the URL -> the field the keyset follows (always ascending, then id).
SORTERINGEN = {"vervaldatum": "vervaldatum", "klant": "relatie__naam", "taak": "naam"}


class TaakFilterForm(forms.Form):
    """Mijn taken's switch, filters (which narrow each other) and sorting."""

    weergave = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            (Weergave.MIJN, _("My tasks")),
            (Weergave.COLLEGA, _("A colleague's tasks")),
            (Weergave.ALLE, _("All open tasks")),
        ],
    )
    # SnelleSelect: the office's employees without a template per <option> (issue 11).
    teamlid = forms.ModelChoiceField(
        label=_("Colleague"),
        queryset=Medewerker.objects.none(),
        required=False,
        widget=SnelleSelect,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("openstaand", _("Open")), ("gereed", _("Done")), ("alle", _("All"))],
    )
    vervalt = forms.ChoiceField(
        label=_("Due"),
        required=False,
        choices=[
            ("", _("Any time")),
            ("te_laat", _("Overdue")),
            ("deze_week", _("This week")),
            ("deze_maand", _("This month")),
        ],
    )
    van = DatumVeld(label=_("Due from"), required=False)
    tot = DatumVeld(label=_("Due until"), required=False)
    relatie = forms.CharField(label=_("Client code"), required=False, max_length=20)
    rol = forms.ModelChoiceField(
        label=_("Role"), queryset=InterneRol.objects.none(), required=False, widget=SnelleSelect
    )
    overeenkomst = forms.CharField(label=_("Agreement or process"), required=False, max_length=100)
    sorteer = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("vervaldatum", _("Due date")), ("klant", _("Client")), ("taak", _("Task"))],
    )

    def __init__(self, *args: Any, kantoor: Kantoor, medewerker: Medewerker, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.kantoor = kantoor
        self.medewerker = medewerker
        medewerkers = Medewerker.objects.for_kantoor(kantoor).filter(is_active=True)
        self.fields["teamlid"].queryset = medewerkers
        self.fields["rol"].queryset = InterneRol.objects.for_kantoor(kantoor)

    def waarde(self, naam: str, standaard: Any = None) -> Any:
        if not self.is_valid():
            return standaard
        return self.cleaned_data.get(naam) or standaard

    @property
    def sortering(self) -> str:
        return self.waarde("sorteer", "vervaldatum")

    def wie(self) -> Medewerker | None:
        """Whose list: mine, the chosen colleague's, or nobody's (all open tasks)."""
        weergave = self.waarde("weergave", Weergave.MIJN)
        if weergave == Weergave.ALLE:
            return None
        if weergave == Weergave.COLLEGA:
            return self.waarde("teamlid") or self.medewerker
        return self.medewerker

    def filter(self) -> TaakQuerySet:
        """The tasks of the current view; an invalid filter shows my open tasks."""
        vandaag = timezone.localdate()
        taken = Taak.objects.for_kantoor(self.kantoor)
        wie = self.wie()
        if wie is not None:
            taken = taken.voor_medewerker(wie)
        status = self.waarde("status", "openstaand")
        if status == "openstaand":
            taken = taken.open()
        elif status == "gereed":
            taken = taken.gereed()
        vervalt = self.waarde("vervalt")
        if vervalt == "te_laat":
            taken = taken.filter(vervaldatum__lt=vandaag)
        elif vervalt == "deze_week":
            begin = vandaag - timedelta(days=vandaag.weekday())
            taken = taken.filter(vervaldatum__range=(begin, begin + timedelta(days=6)))
        elif vervalt == "deze_maand":
            # A date range, which the due-date index serves (EXTRACT(MONTH) is not; issue 11).
            begin = vandaag.replace(day=1)
            einde = (begin + timedelta(days=32)).replace(day=1) - timedelta(days=1)
            taken = taken.filter(vervaldatum__range=(begin, einde))
        if van := self.waarde("van"):
            taken = taken.filter(vervaldatum__gte=van)
        if tot := self.waarde("tot"):
            taken = taken.filter(vervaldatum__lte=tot)
        if code := self.waarde("relatie"):
            taken = taken.filter(relatie__code__iexact=code.strip())
        if rol := self.waarde("rol"):
            taken = taken.filter(rol=rol)
        if naam := self.waarde("overeenkomst"):
            naam = naam.strip()
            taken = taken.filter(
                Q(proces__overeenkomst__naam__icontains=naam) | Q(proces__naam__icontains=naam)
            )
        return taken


def als_id(waarde: str) -> int:
    """A posted task or employee id; ValueError (an invalid choice) when it is none (row 1)."""
    getal = parse_id(waarde)
    if getal is None:
        raise ValueError(waarde)
    return getal


class ActieForm(forms.Form):
    """An action on one task or on the selected ones (bulk)."""

    actie = forms.ChoiceField(choices=[(a, a) for a in ACTIES])
    taken = forms.TypedMultipleChoiceField(coerce=als_id, required=False)
    datum = DatumVeld(label=_("New due date"), required=False)
    dagen = forms.IntegerField(
        label=_("or move by days"), required=False, min_value=-365, max_value=365
    )
    reden = forms.CharField(label=_("Reason"), required=False, max_length=300)
    naar = forms.TypedChoiceField(
        coerce=als_id, required=False, empty_value=None, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Any ids: services.voer_uit looks them up within the office (404 otherwise).
        self.fields["taken"].valid_value = lambda value: True  # type: ignore[attr-defined]
        self.fields["naar"].valid_value = lambda value: True  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("actie") == "verschuiven":
            if data.get("datum") is None and data.get("dagen") is None:
                self.add_error("datum", _("Enter a new due date or a number of days."))
            if not (data.get("reden") or "").strip():
                self.add_error("reden", _("Give a reason for moving the due date."))
        return data


class OvereenkomstForm(forms.ModelForm):
    class Meta:
        model = Overeenkomst
        fields = ["naam", "omschrijving", "startdatum", "einddatum", "status"]
        widgets = {
            "startdatum": forms.DateInput({"type": "date"}, format="%Y-%m-%d"),
            "einddatum": forms.DateInput({"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, kantoor: Kantoor, relatie: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for veld in ("startdatum", "einddatum"):
            begrens_datumwidget(self.fields[veld])
        self.instance.kantoor = kantoor
        self.instance.relatie = relatie
        if self.instance._state.adding and not self.is_bound:
            self.initial.setdefault("startdatum", timezone.localdate())


class TaaksjabloonForm(forms.ModelForm):
    class Meta:
        model = Taaksjabloon
        fields = [
            "naam",
            "mijlpaal",
            "voor_klant",
            "rol",
            "herhaling",
            "deadline_soort",
            "deadline_dagen",
            "deadline_maand",
            "deadline_dag",
            "deadline_jaren_na",
            "volgt_uitstelregeling",
            "volgorde",
        ]

    def __init__(self, *args: Any, kantoor: Kantoor, overeenkomst: Overeenkomst, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.instance.kantoor = kantoor
        self.instance.overeenkomst = overeenkomst
        # Narrowed to the office: a posted id of another office's role is not a valid choice.
        self.fields["rol"].queryset = InterneRol.objects.for_kantoor(kantoor).actief()
        self.fields["deadline_soort"].choices = DeadlineKind.choices


class ProcesStartenForm(forms.Form):
    periode = forms.CharField(
        label=_("Period"),
        max_length=10,
        help_text=_("A month (2027-03), quarter (2027-Q1) or year (2027)."),
    )

    def clean_periode(self) -> Any:
        try:
            periode = periode_from_label(self.cleaned_data["periode"].strip().upper())
        except ValueError:
            raise forms.ValidationError(
                _("Enter a month (2027-03), a quarter (2027-Q1) or a year (2027).")
            ) from None
        if not (in_bereik(periode.start) and in_bereik(periode.end)):
            raise forms.ValidationError(
                _("Enter a period in the years %(min)d to %(max)d.")
                % {"min": DATUM_MIN.year, "max": DATUM_MAX.year}
            )
        return periode


def standaard_periode(vandaag: date | None = None) -> str:
    vandaag = vandaag or timezone.localdate()
    return f"{vandaag.year}-Q{(vandaag.month - 1) // 3 + 1}"
