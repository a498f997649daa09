from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from kantoor.models import Kantoor, Medewerker
from kantoor.services import controleer_deactivatie
from kantoor.uploads import lees_begrensd, te_groot_melding


class LoginForm(AuthenticationForm):
    """Employees log in with their e-mail address. It is unique per office, not globally: the
    backend checks every account with it (kantoor/backends.py, issue 9 item 6)."""

    label_suffix = ""
    # Django's own message ("Voer een juiste e-mailadres en wachtwoord in") has a grammar error in
    # Dutch and says both fields may be case-sensitive, while the address is not (issue 10).
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "This e-mail address and password do not match. The password is case-sensitive; "
            "the address is not."
        ),
    }

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )


class WachtwoordResetForm(PasswordResetForm):
    """Django's password reset, also for employees who never had a password.

    Imported employees get an unusable password and set their first one through this flow (R7);
    Django's own form skips them. Inactive employees still get nothing. An address is unique per
    office, not globally: each account with it gets its own mail and link, naming its office.
    """

    def get_users(self, email: str) -> Iterator[Medewerker]:
        return iter(
            Medewerker.objects.select_related("kantoor")
            .filter(email__iexact=email.strip(), is_active=True)
            .order_by("kantoor__naam", "pk")
        )


class ImportForm(forms.Form):
    """Upload of a Twinfield XML or CSV file with employees; a superuser also names the office."""

    bestand = forms.FileField(
        label=_("File"),
        help_text=_("Twinfield XML (users) or CSV (UTF-8; code, naam, korte naam, e-mail, ...)."),
    )
    kantoor = forms.ModelChoiceField(label=_("Office"), queryset=Kantoor.objects.none())
    inhoud: bytes = b""

    def __init__(
        self, *args: Any, kantoor: Kantoor | None, te_groot: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if kantoor is None:
            self.fields["kantoor"].queryset = Kantoor.objects.all()
        else:
            # An office admin imports into his own office only (D9).
            del self.fields["kantoor"]
        if te_groot:
            # The upload handler stopped the file (kantoor/uploads.py): it is missing because it
            # is too large, which is what the field says instead of "required".
            self.fields["bestand"].error_messages["required"] = te_groot_melding()

    def clean_bestand(self) -> UploadedFile:
        """Reads the file into `inhoud` only when it is within the limit (issue 9 item 3)."""
        bestand = self.cleaned_data["bestand"]
        data = lees_begrensd(bestand)
        if data is None:
            raise forms.ValidationError(te_groot_melding())
        self.inhoud = data
        return bestand


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
        email = (self.cleaned_data.get("email") or "").strip().lower() or None
        # Unique within the office only (issue 9 item 6): whether another office knows the
        # address is none of this office's business (D9), so only this office is asked.
        kantoor = self.cleaned_data.get("kantoor") or self.instance.kantoor
        if email and kantoor is not None:
            elders = Medewerker.objects.for_kantoor(kantoor).filter(email=email)
            if self.instance.pk is not None:
                elders = elders.exclude(pk=self.instance.pk)
            if elders.exists():
                raise forms.ValidationError(
                    _("This office already has an employee with this e-mail address."),
                    code="unique",
                )
        return email

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
