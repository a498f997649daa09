"""The mail with which a new employee sets his first password (R7: imported without one)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

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
        with translation.override(medewerker.taal):
            onderwerp, tekst = _uitnodiging(medewerker, link)
        berichten.append(
            EmailMessage(onderwerp, tekst, settings.DEFAULT_FROM_EMAIL, [medewerker.email])
        )
    if not berichten:
        return 0
    with get_connection() as verbinding:
        return verbinding.send_messages(berichten) or 0


def _uitnodiging(medewerker: Medewerker, link: str) -> tuple[str, str]:
    """Subject and text, composed here rather than rendered from a template: an import of
    20,000 employees sends 20,000 of them, and template rendering was most of that time."""
    kantoor = medewerker.kantoor.naam
    onderwerp = _("Your account at %(naam)s: set your password") % {"naam": kantoor}
    tekst = "\n\n".join(
        [
            _("Dear %(naam)s,") % {"naam": medewerker.naam},
            _("%(kantoor)s has given you an account. Choose your password with this link:")
            % {"kantoor": kantoor},
            link,
            _("After that you log in with this e-mail address and your password.")
            + "\n"
            + _(
                "The link works once and expires after a few days; on the login page you can "
                "ask for a new one (Forgot your password?)."
            ),
        ]
    )
    return onderwerp, tekst + "\n"


def basis_url_zonder_request() -> str:
    """Where the app lives, for links in mails sent from the command line.

    The first of ALLOWED_HOSTS over HTTPS in production; the development server otherwise.
    """
    hosts = [h for h in settings.ALLOWED_HOSTS if h not in {"*", ".localhost"}]
    if settings.DEBUG or not hosts:
        return "http://127.0.0.1:8000"
    return f"https://{hosts[0].lstrip('.')}"
