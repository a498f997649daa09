"""The mail with which a new employee sets his first password (R7: imported without one)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from kantoor.models import Medewerker


def stuur_uitnodigingen(medewerkers: Iterable[Medewerker], basis_url: str) -> int:
    """Mails every active employee with an address a link to set his password; returns how many.

    The link is Django's password-reset link (`/wachtwoord/nieuw/...`), valid for
    PASSWORD_RESET_TIMEOUT; after that he asks for a new one on the login page. All mails go
    through one connection of the configured backend.
    """
    berichten = []
    for medewerker in medewerkers:
        if not (medewerker.is_active and medewerker.email):
            continue
        link = basis_url.rstrip("/") + reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(medewerker.pk)),
                "token": default_token_generator.make_token(medewerker),
            },
        )
        context = {"medewerker": medewerker, "kantoor": medewerker.kantoor, "link": link}
        with translation.override(medewerker.taal):
            onderwerp = render_to_string("kantoor/uitnodiging_onderwerp.txt", context)
            tekst = render_to_string("kantoor/uitnodiging_email.txt", context)
        berichten.append(
            EmailMessage(
                " ".join(onderwerp.split()),
                tekst,
                settings.DEFAULT_FROM_EMAIL,
                [medewerker.email],
            )
        )
    if not berichten:
        return 0
    with get_connection() as verbinding:
        return verbinding.send_messages(berichten) or 0


def basis_url_zonder_request() -> str:
    """Where the app lives, for links in mails sent from the command line.

    The first of ALLOWED_HOSTS over HTTPS in production; the development server otherwise.
    """
    hosts = [h for h in settings.ALLOWED_HOSTS if h not in {"*", ".localhost"}]
    if settings.DEBUG or not hosts:
        return "http://127.0.0.1:8000"
    return f"https://{hosts[0].lstrip('.')}"
