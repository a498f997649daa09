"""Forms of the task pages. Each receives the office and narrows every choice to it (D9)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.db.models import Exists, OuterRef, Q
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
from teams.models import Teamlid


class Weergave:
    MIJN = "mijn"
    COLLEGA = "collega"  # the old two-field form (weergave=collega&teamlid=<id>), still read
    ALLE = "alle"


# Sorting: the name in the URL -> the field the keyset follows (always ascending, then id).
SORTERINGEN = {"vervaldatum": "vervaldatum", "klant": "relatie__naam", "taak": "naam"}

# The filters that do not depend on whose list it is: switching person keeps them, and drops
# `rol` and `relatie`, which are narrowed to that person (domain.md: Mijn taken).
ALGEMENE_FILTERS = ("status", "vervalt", "van", "tot", "overeenkomst", "sorteer")


class TaakFilterForm(forms.Form):
    """Mijn taken's one switch (mine, a colleague's, all open), the filters (narrowed to the
    chosen person's roles and relations) and sorting.

    The colleagues offered are the office's active employees who hold a role on some team:
    only they can have tasks on a list (R6, D4). Any other id is refused at the switch (400),
    never answered with my own list (issue 10 item 1).
    """

    weergave = forms.CharField(label=_("View"), required=False, max_length=30)
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
    rol = forms.ChoiceField(label=_("Role"), required=False, widget=SnelleSelect)
    overeenkomst = forms.CharField(label=_("Agreement or process"), required=False, max_length=100)
    sorteer = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("vervaldatum", _("Due date")), ("klant", _("Client")), ("taak", _("Task"))],
    )

    def __init__(self, *args: Any, kantoor: Kantoor, medewerker: Medewerker, **kwargs: Any):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.kantoor = kantoor
        self.medewerker = medewerker
        self.fields["rol"].error_messages["invalid_choice"] = _(
            "This role is not among the roles of this list; choose one from the list."
        )
        # One query: the colleagues a list can be shown for (see the class docstring).
        self.collegas = list(
            Medewerker.objects.for_kantoor(kantoor)
            .filter(is_active=True)
            .filter(Exists(Teamlid.objects.filter(medewerker=OuterRef("pk"))))
            .exclude(pk=medewerker.pk)
            .order_by("naam", "pk")
            .only("pk", "naam", "kantoor_id")
        )
        self.gekozen = self._kies_wie()
        # One query: the roles (and, for a person, the relations) his list can hold.
        self.relaties: list[tuple[str, str]] = []
        if self.gekozen is None:
            rollen = list(
                InterneRol.objects.for_kantoor(kantoor).order_by("naam").values_list("pk", "naam")
            )
        else:
            rijen = (
                Teamlid.objects.filter(medewerker=self.gekozen)
                .order_by("relatie__code")
                .values_list("rol_id", "rol__naam", "relatie__code", "relatie__naam")
            )
            namen: dict[int, str] = {}
            relaties: dict[str, str] = {}
            for rol_id, rol_naam, code, naam in rijen:
                namen[rol_id] = rol_naam
                relaties[code] = naam
            rollen = sorted(namen.items(), key=lambda r: (r[1], r[0]))
            self.relaties = list(relaties.items())
        self.fields["rol"].choices = [("", _("All roles"))] + [
            (str(pk), naam) for pk, naam in rollen
        ]

    def _kies_wie(self) -> Medewerker | None:
        """Whose list the URL asks for: me, a colleague, or nobody's (all open tasks). A
        colleague who cannot be chosen leaves the choice unset and the refusal in
        `self.weigering` (shown at the switch by `clean_weergave`)."""
        self.weigering = ""
        data = self.data if self.is_bound else {}
        waarde = (data.get("weergave") or Weergave.MIJN).strip()
        if waarde == Weergave.COLLEGA:
            waarde = data.get("teamlid") or ""
        if waarde == Weergave.MIJN:
            self.keuze = Weergave.MIJN
            return self.medewerker
        if waarde == Weergave.ALLE:
            self.keuze = Weergave.ALLE
            return None
        self.keuze = waarde
        pk = parse_id(waarde)
        if pk == self.medewerker.pk:
            self.keuze = Weergave.MIJN
            return self.medewerker
        for collega in self.collegas:
            if collega.pk == pk:
                self.keuze = str(pk)
                return collega
        self.weigering = self._reden(pk)
        return None

    def _reden(self, pk: int | None) -> str:
        """Why a colleague cannot be chosen; the same words for another office's employee as
        for an id that does not exist (D9)."""
        persoon = (
            Medewerker.objects.for_kantoor(self.kantoor).filter(pk=pk).only("naam", "is_active")
            if pk is not None
            else Medewerker.objects.none()
        ).first()
        if persoon is None:
            return str(_("There is no colleague with this number in your office."))
        if not persoon.is_active:
            return str(
                _("%(naam)s is no longer active; choose another colleague.") % {"naam": persoon}
            )
        return str(
            _("%(naam)s holds no role on any client team, so has no task list.") % {"naam": persoon}
        )

    def clean_weergave(self) -> str:
        if self.weigering:
            raise forms.ValidationError(self.weigering, code="collega")
        return self.keuze

    @property
    def keuzes_weergave(self) -> list[tuple[str, str]]:
        return [(Weergave.MIJN, str(_("My tasks"))), (Weergave.ALLE, str(_("All open tasks")))]

    def waarde(self, naam: str, standaard: Any = None) -> Any:
        """A filter's value when it is valid (an invalid one is ignored and shown at its field)."""
        self.is_valid()
        return self.cleaned_data.get(naam) or standaard

    @property
    def sortering(self) -> str:
        return self.waarde("sorteer", "vervaldatum")

    @property
    def geweigerd(self) -> bool:
        """The switch names a colleague who cannot be chosen: the list shows nothing."""
        return bool(self.weigering)

    def wie(self) -> Medewerker | None:
        """Whose list: mine, the chosen colleague's, or nobody's (all open tasks)."""
        return self.gekozen

    @property
    def fouten_in_filters(self) -> bool:
        """A refused filter other than the switch: the folded filters open to show it."""
        return any(naam != "weergave" for naam in self.errors)

    def actieve_filters(self) -> int:
        return sum(
            1
            for naam in ("status", "vervalt", "van", "tot", "relatie", "rol", "overeenkomst")
            if self.waarde(naam) and not (naam == "status" and self.waarde(naam) == "openstaand")
        )

    def filter(self) -> TaakQuerySet:
        """The tasks of the current view; a refused colleague shows none."""
        vandaag = timezone.localdate()
        taken = Taak.objects.for_kantoor(self.kantoor)
        if self.geweigerd:
            return taken.none()
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
            taken = taken.filter(rol_id=int(rol))
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


class TaakDetailActieForm(forms.Form):
    """An action from the task page: a new due date with its reason (verschuiven), or the
    colleague a task is handed to (overdragen). The rules are the service's (taken.services)."""

    datum = DatumVeld(label=_("New due date"), required=False)
    reden = forms.CharField(label=_("Reason"), required=False, max_length=300)
    naar = forms.TypedChoiceField(
        label=_("Hand over to"), coerce=als_id, required=False, empty_value=None
    )

    def __init__(self, *args: Any, actie: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actie = actie
        # Any id: services.naar_medewerker checks it against the task's team.
        self.fields["naar"].valid_value = lambda value: True  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.actie == "verschuiven":
            if data.get("datum") is None and "datum" not in self.errors:
                self.add_error("datum", _("Enter a new due date."))
            if not (data.get("reden") or "").strip():
                self.add_error("reden", _("Give a reason for moving the due date."))
        overdragen = self.actie == "overnemen" and "naar" in self.data
        if overdragen and data.get("naar") is None and "naar" not in self.errors:
            self.add_error("naar", _("Choose the colleague to hand the task to."))
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
