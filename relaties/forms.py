"""Forms of the relation pages. Each receives the office and narrows every choice to it (D9)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kantoor.invoer import validate_enkele_regel
from kantoor.models import Kantoor, Medewerker
from relaties.models import (
    Aangiftetijdvak,
    Connectie,
    Relatie,
    RelatieQuerySet,
    Soort,
    Status,
    Type,
)


class RelatieForm(forms.ModelForm):
    """Create or edit a relation; a new one gets the next free code proposed (editable)."""

    website = forms.URLField(
        label=_("Website"), required=False, max_length=200, assume_scheme="https"
    )
    # D12: only an office admin gets this box; for anyone else it is not a field of the form, so
    # a forged value is never read.
    code_wijkt_af = forms.BooleanField(
        label=_("Code deviates from the mask"),
        required=False,
        help_text=_(
            "Only for a code that already exists in the ledger. The override is logged with "
            "your name."
        ),
    )

    class Meta:
        model = Relatie
        fields = [
            "code",
            "naam",
            "soort",
            "type",
            "email",
            "telefoon",
            "website",
            "straat",
            "huisnummer",
            "postcode",
            "plaats",
            "land",
            "kvk_nummer",
            "vestigingsnummer",
            "rsin",
            "bsn",
            "btw_id",
            "iban",
            "aangiftetijdvak",
            "uitstelregeling",
        ]
        widgets = {"soort": forms.RadioSelect, "type": forms.RadioSelect}

    def __init__(
        self, *args: Any, kantoor: Kantoor, medewerker: Medewerker | None = None, **kwargs: Any
    ) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.kantoor = kantoor
        self.medewerker = medewerker
        if not (medewerker is not None and medewerker.is_beheerder):
            del self.fields["code_wijkt_af"]
        self.fields["code"].help_text = _(
            "The client code, equal to the debtor code in the ledger; it follows the mask "
            "%(masker)s."
        ) % {"masker": kantoor.relatiecode_masker}
        # Set before validation, so that the model's rules know the office.
        self.instance.kantoor = kantoor
        if self.instance._state.adding and not self.is_bound:
            self.initial.setdefault("code", Relatie.objects.volgende_code(kantoor) or "")
        # Numbers are typed with spaces and dots; the model stores them compact.
        for naam in ("kvk_nummer", "vestigingsnummer", "rsin", "bsn", "btw_id", "postcode"):
            veld = self.fields[naam]
            veld.max_length = 20
            veld.validators = [v for v in veld.validators if not isinstance(v, MaxLengthValidator)]
            veld.widget.attrs.pop("maxlength", None)
        self.fields["bsn"].widget.attrs["autocomplete"] = "off"

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip().upper()
        bestaande = Relatie.objects.for_kantoor(self.kantoor).filter(code=code)
        if self.instance.pk:
            bestaande = bestaande.exclude(pk=self.instance.pk)
        if bestaande.exists():
            raise ValidationError(CODE_BEZET)
        return code

    def clean(self) -> dict[str, Any]:
        """D12: a new or changed code must fit the office's mask, unless an office admin
        explicitly overrides it. An unchanged code is left alone (it may predate the mask)."""
        data = super().clean()
        code = data.get("code")
        self.code_override = False
        if not code or (self.instance.pk and "code" not in self.changed_data):
            return data
        if Relatie(code=code).code_past(self.kantoor):
            return data
        if data.get("code_wijkt_af"):
            self.code_override = True
            return data
        melding = _(
            "This code does not fit the office's mask %(masker)s. The next free code is "
            "%(voorbeeld)s."
        ) % {
            "masker": self.kantoor.relatiecode_masker,
            "voorbeeld": Relatie.objects.volgende_code(self.kantoor) or "-",
        }
        if "code_wijkt_af" in self.fields:
            melding += " " + str(
                _("To keep a ledger's existing code, tick “Code deviates from the mask”.")
            )
        self.add_error("code", melding)
        return data

    def _post_clean(self) -> None:
        super()._post_clean()
        if "code" in self.changed_data or not self.instance.pk:
            override = getattr(self, "code_override", False)
            # The log of the override (D12): who allowed the deviating code, and when; a code
            # that fits clears an earlier override.
            self.instance.code_afwijking_door = self.medewerker if override else None
            self.instance.code_afwijking_op = timezone.now() if override else None

    def save_unless_code_taken(self) -> Relatie | None:
        """Saves the relation; or, when a colleague saved the same code between our check and
        our save, writes nothing and puts the check's own error at `code` (issue 9 row 7)."""
        try:
            return self.save()
        except IntegrityError as fout:
            # Relatie.save runs in its own transaction: it rolled back, nothing is written.
            if not is_dubbele_code(fout):
                raise
            self.add_error("code", CODE_BEZET)
            return None


CODE_BEZET = _("This office already has a relation with this code.")


def is_dubbele_code(fout: IntegrityError) -> bool:
    """Whether the database refused a code that the office already has."""
    constraint = getattr(getattr(fout.__cause__, "diag", None), "constraint_name", None)
    if constraint is not None:  # PostgreSQL names the constraint
        return constraint == "relaties_relatie_unique_code"
    return "relaties_relatie.code" in str(fout)  # SQLite names the columns


class ConnectieForm(forms.Form):
    """Link a relation to another one of the same office, named by its code."""

    code = forms.CharField(label=_("Code of the other relation"), max_length=20)
    omschrijving = forms.CharField(
        label=_("Description"),
        max_length=200,
        required=False,
        help_text=_("E.g. contact person, notary, bank."),
        validators=[validate_enkele_regel],
    )

    def __init__(self, *args: Any, relatie: Relatie, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.relatie = relatie

    def clean_code(self) -> Relatie:
        code = self.cleaned_data["code"].strip().upper()
        try:
            andere = Relatie.objects.for_kantoor(self.relatie.kantoor).get(code=code)
        except Relatie.DoesNotExist:
            raise ValidationError(_("There is no relation with this code.")) from None
        if andere.pk == self.relatie.pk:
            raise ValidationError(_("A relation cannot be linked to itself."))
        if self.relatie.connecties().filter(pk__in=andere.connecties().values("pk")).exists():
            raise ValidationError(_("These relations are already linked."))
        return andere

    def save(self) -> Connectie:
        connectie = Connectie(
            kantoor=self.relatie.kantoor,
            relatie_a=self.relatie,
            relatie_b=self.cleaned_data["code"],
            omschrijving=self.cleaned_data["omschrijving"],
        )
        connectie.full_clean()
        connectie.save()
        return connectie


STATUS_ALLE = "alle"
TEAMLID_MIJN = "mijn"
SORTERINGEN = {
    "code": ("code",),
    "-code": ("-code",),
    "naam": ("naam", "code"),
    "-naam": ("-naam", "-code"),
}


class RelatieFilterForm(forms.Form):
    """The list's search, filters and sorting (a GET form): every filter narrows the others."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[*Status.choices, (STATUS_ALLE, _("All"))],
    )
    soort = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *Soort.choices]
    )
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All")), *Type.choices]
    )
    teamlid = forms.ChoiceField(label=_("Team member"), required=False)
    aangiftetijdvak = forms.ChoiceField(
        label=_("VAT return period"),
        required=False,
        choices=[("", _("All")), *Aangiftetijdvak.choices],
    )
    sorteer = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("code", _("Code (ascending)")),
            ("-code", _("Code (descending)")),
            ("naam", _("Name (A-Z)")),
            ("-naam", _("Name (Z-A)")),
        ],
    )

    def __init__(self, *args: Any, kantoor: Kantoor, medewerker: Medewerker, **kwargs: Any):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.kantoor = kantoor
        self.medewerker = medewerker
        medewerkers = (
            Medewerker.objects.for_kantoor(kantoor).filter(is_active=True).values_list("pk", "naam")
        )
        self.fields["teamlid"].choices = [
            ("", _("Everyone")),
            (TEAMLID_MIJN, _("My relations")),
            # The office's own name of the system role (D1): the filter is on that role.
            (kantoor.klantbeheerder_naam, [(str(pk), naam) for pk, naam in medewerkers]),
        ]

    def filter(self) -> RelatieQuerySet:
        """The office's relations narrowed by every filter that is set; active by default."""
        qs = Relatie.objects.for_kantoor(self.kantoor)
        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("status") or Status.ACTIEF
        if status != STATUS_ALLE:
            qs = qs.filter(status=status)
        for veld in ("soort", "type", "aangiftetijdvak"):
            if data.get(veld):
                qs = qs.filter(**{veld: data[veld]})
        teamlid = data.get("teamlid")
        if teamlid == TEAMLID_MIJN:
            qs = qs.van_teamlid(self.medewerker)
        elif teamlid:
            qs = qs.met_klantbeheerder(int(teamlid))
        if data.get("q"):
            qs = qs.zoek(data["q"])
        return qs.order_by(*SORTERINGEN[data.get("sorteer") or "code"])


class BulkForm(forms.Form):
    """Deactivate or activate the selected relations of the office at once."""

    ACTIES = {"deactiveren": Status.INACTIEF, "activeren": Status.ACTIEF}

    actie = forms.ChoiceField(
        choices=[("deactiveren", _("Deactivate")), ("activeren", _("Activate"))]
    )
    relaties = forms.ModelMultipleChoiceField(
        queryset=Relatie.objects.none(),
        error_messages={"required": _("Select one or more relations first.")},
    )

    def __init__(self, *args: Any, kantoor: Kantoor, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        # Posted ids are re-checked against the office: another office's id is "not a choice".
        self.fields["relaties"].queryset = Relatie.objects.for_kantoor(kantoor)

    def save(self) -> int:
        status = self.ACTIES[self.cleaned_data["actie"]]
        pks = [r.pk for r in self.cleaned_data["relaties"]]
        return Relatie.objects.filter(pk__in=pks).zet_status(status)
