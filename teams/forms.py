"""Forms of the team pages. Each receives the office, narrows every choice to its active
employees and roles, and so re-checks every posted id (D9)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kantoor.models import InterneRol, Kantoor, Medewerker
from kantoor.widgets import SnelleSelect
from relaties.models import Relatie
from teams.models import Teamlid


def actieve_medewerkers(kantoor: Kantoor):
    return Medewerker.objects.for_kantoor(kantoor).filter(is_active=True).order_by("naam", "pk")


def actieve_rollen(kantoor: Kantoor):
    return InterneRol.objects.for_kantoor(kantoor).actief().order_by("naam", "pk")


class TeamlidForm(forms.Form):
    """Teamlid toevoegen: an active employee in an active role of the office (R3, R5, R9)."""

    # SnelleSelect: the office's employees without a template per <option> (issue 11).
    medewerker = forms.ModelChoiceField(
        label=_("Employee"), queryset=Medewerker.objects.none(), widget=SnelleSelect
    )
    rol = forms.ModelChoiceField(
        label=_("Role"), queryset=InterneRol.objects.none(), widget=SnelleSelect
    )

    def __init__(self, *args: Any, kantoor: Kantoor, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["medewerker"].queryset = actieve_medewerkers(kantoor)
        self.fields["rol"].queryset = actieve_rollen(kantoor)


class RolWijzigenForm(forms.Form):
    """Rol wijzigen: another active role of the office in place of this one (R3, R5, R9).

    A role the member already holds on this team (this one included) is refused here, with a
    reason; the tab does not offer it either. R2/D2 is the service's to check, under its lock.
    """

    rol = forms.ModelChoiceField(
        label=_("New role"),
        queryset=InterneRol.objects.none(),
        error_messages={"invalid_choice": _("Choose one of this office's active roles.")},
    )

    def __init__(self, *args: Any, kantoor: Kantoor, teamlid: Teamlid, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.teamlid = teamlid
        self.fields["rol"].queryset = actieve_rollen(kantoor)

    def clean_rol(self) -> InterneRol:
        rol = self.cleaned_data["rol"]
        if Teamlid.objects.filter(
            relatie_id=self.teamlid.relatie_id, medewerker_id=self.teamlid.medewerker_id, rol=rol
        ).exists():
            raise ValidationError(
                _("%(medewerker)s already has the role %(rol)s on this team."),
                params={"medewerker": self.teamlid.medewerker, "rol": rol},
            )
        return rol


class BulkTeamlidForm(TeamlidForm):
    """One employee in one role on each selected relation of the office."""

    relaties = forms.ModelMultipleChoiceField(
        label=_("Relations"),
        queryset=Relatie.objects.none(),
        widget=forms.MultipleHiddenInput,
        error_messages={"required": _("Select one or more relations first.")},
    )

    def __init__(self, *args: Any, kantoor: Kantoor, **kwargs: Any) -> None:
        super().__init__(*args, kantoor=kantoor, **kwargs)
        self.fields["relaties"].queryset = Relatie.objects.for_kantoor(kantoor)


class VervangForm(forms.Form):
    """D8: who leaves (any employee of the office), who takes over (an active one), and which
    roles (none chosen: all)."""

    oud = forms.ModelChoiceField(label=_("Replace"), queryset=Medewerker.objects.none())
    nieuw = forms.ModelChoiceField(label=_("By"), queryset=Medewerker.objects.none())
    rollen = forms.ModelMultipleChoiceField(
        label=_("Roles"),
        queryset=InterneRol.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: all his roles."),
    )

    def __init__(self, *args: Any, kantoor: Kantoor, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["oud"].queryset = Medewerker.objects.for_kantoor(kantoor).order_by("naam")
        self.fields["nieuw"].queryset = actieve_medewerkers(kantoor)
        self.fields["rollen"].queryset = InterneRol.objects.for_kantoor(kantoor).order_by("naam")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("oud") and data.get("oud") == data.get("nieuw"):
            self.add_error(
                "nieuw", ValidationError(_("Choose another employee as the replacement."))
            )
        return data

    @property
    def gekozen_rollen(self) -> list[InterneRol] | None:
        return list(self.cleaned_data["rollen"]) or None


class VertrekForm(forms.Form):
    """D8: who replaces the leaver on every team (one replacement for all): an active employee
    of the office other than the leaver."""

    nieuw = forms.ModelChoiceField(
        label=_("Replacement"),
        queryset=Medewerker.objects.none(),
        error_messages={
            "required": _("Choose who takes over his place."),
            "invalid_choice": _("Choose one of this office's active employees."),
        },
    )

    def __init__(self, *args: Any, kantoor: Kantoor, oud: Medewerker, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["nieuw"].queryset = actieve_medewerkers(kantoor).exclude(pk=oud.pk)
