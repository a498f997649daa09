"""Logging in with an e-mail address that may belong to employees of several offices (D9)."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from kantoor.models import Medewerker


def normaliseer_adres(adres: str | None) -> str:
    """Addresses are stored lower-cased (Medewerker.save); compare them the same way."""
    return Medewerker.objects.normalize_email((adres or "").strip()).lower()


def axes_adres(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """django-axes counts failures per address (AXES_USERNAME_CALLABLE): the address lower-cased,
    so that changing its case gives no fresh attempts; one count for all offices using it."""
    if credentials and credentials.get("username") is not None:
        return normaliseer_adres(credentials["username"])
    return normaliseer_adres(request.POST.get("username") if request is not None else None)


class DrempelBackend(AxesStandaloneBackend):
    """django-axes' throttle (issue 9 row 13), for logins through a request only.

    Every login over HTTP passes a request and is counted. Code that checks a password without
    one (the test client's login(), a management command) is not a client that can be throttled;
    axes itself would refuse it with an error.
    """

    def authenticate(self, request: HttpRequest | None, *args: Any, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)


class MedewerkerBackend(ModelBackend):
    """Django's backend for an address that is unique per office, not globally (issue 9 item 6).

    The password is checked against every active account with the address. The first match is
    returned with `kantoor_keuze`: the pks of all accounts whose password matched, so that the
    login view lets the person choose among exactly those offices, never another one.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Medewerker | None:
        if username is None or password is None:
            return None
        accounts = list(
            Medewerker.objects.select_related("kantoor")
            .filter(email=normaliseer_adres(username))
            .order_by("kantoor__naam", "pk")
        )
        if not accounts:
            # As Django's ModelBackend does: hash anyway, so that timing tells no address apart.
            Medewerker().set_password(password)
            return None
        geslaagd = [
            m for m in accounts if m.check_password(password) and self.user_can_authenticate(m)
        ]
        if not geslaagd:
            return None
        gekozen = geslaagd[0]
        gekozen.kantoor_keuze = [m.pk for m in geslaagd]  # type: ignore[attr-defined]
        return gekozen

    def get_user(self, user_id: int) -> Medewerker | None:
        # Loads the employee's office with him: every page needs it.
        try:
            user = Medewerker.objects.select_related("kantoor").get(pk=user_id)
        except Medewerker.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
