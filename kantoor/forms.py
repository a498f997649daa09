from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from kantoor.models import Kantoor, Medewerker
from kantoor.services import controleer_deactivatie


class LoginForm(AuthenticationForm):
    """Employees log in with their e-mail address, which is unique across offices."""

    label_suffix = ""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )


class WachtwoordResetForm(PasswordResetForm):
    """Django's password reset, also for employees who never had a password.

    Imported employees get an unusable password and set their first one through this flow (R7);
    Django's own form skips them. Inactive employees still get nothing.
    """

    def get_users(self, email: str) -> Iterator[Medewerker]:
        return iter(Medewerker.objects.filter(email__iexact=email.strip(), is_active=True))


class ImportForm(forms.Form):
    """Upload of a Twinfield XML or CSV file with employees; a superuser also names the office."""

    bestand = forms.FileField(
        label=_("File"),
        help_text=_("Twinfield XML (users) or CSV (UTF-8; code, naam, korte naam, e-mail, ...)."),
    )
    kantoor = forms.ModelChoiceField(label=_("Office"), queryset=Kantoor.objects.none())

    def __init__(self, *args: Any, kantoor: Kantoor | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kantoor is None:
            self.fields["kantoor"].queryset = Kantoor.objects.all()
        else:
            # An office admin imports into his own office only (D9).
            del self.fields["kantoor"]


class MedewerkerAdminForm(forms.ModelForm):
    """An employee in Beheer. The admin class sets `gebruiker` (who edits) on the form class."""

    gebruiker: Medewerker | None = None

    class Meta:
        model = Medewerker
        fields = [
            "kantoor",
            "code",
            "naam",
            "korte_naam",
            "email",
            "taal",
            "is_active",
            "is_beheerder",
        ]

    def clean_email(self) -> str | None:
        # Stored lower-cased (see Medewerker.save): compare the same way, so that the unique
        # check here catches what the database would refuse.
        return (self.cleaned_data.get("email") or "").strip().lower() or None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        medewerker = self.instance
        if medewerker.pk is None:
            return cleaned
        if self.gebruiker is not None and medewerker.pk == self.gebruiker.pk:
            # An admin who locks himself out needs another admin to get back in.
            if cleaned.get("is_active") is False:
                self.add_error("is_active", _("You cannot deactivate yourself."))
            if cleaned.get("is_beheerder") is False:
                self.add_error("is_beheerder", _("You cannot take away your own admin rights."))
        if medewerker.is_active and cleaned.get("is_active") is False and medewerker.kantoor_id:
            # D8, issue 3 item 4: ask before saving, so the reason shows next to the field.
            for melding in controleer_deactivatie(
                medewerker.kantoor, Medewerker.objects.filter(pk=medewerker.pk)
            ):
                self.add_error("is_active", melding)
        return cleaned
