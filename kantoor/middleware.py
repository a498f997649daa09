"""Every request knows its office in one obvious place (`request.kantoor`) and its language."""

import logging
import re
import time
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers

from kantoor import logboek
from kantoor.models import Taal

toegang = logging.getLogger("kantoor.request")


class TaalMiddleware:
    """The UI speaks the employee's own language, else the one chosen on the login page, else Dutch.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: the office works
    in Dutch even where a browser is set to English; English is a choice, not a guess.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            taal = request.user.taal
        else:
            taal = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if taal not in Taal.values:
            taal = settings.LANGUAGE_CODE
        translation.activate(taal)
        request.LANGUAGE_CODE = taal
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", taal)
        return response


class KantoorMiddleware:
    """Sets `request.kantoor` to the logged-in employee's office (None for anonymous visitors).

    A platform superuser belongs to no office; the office pages mean nothing to him, so he is sent
    to the admin.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        request.kantoor = user.kantoor if user.is_authenticated else None
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if request.kantoor is None and request.user.is_authenticated:
            public = getattr(view_func, "login_required", True) is False
            in_admin = request.path.startswith(reverse("admin:index"))
            if not (public or in_admin or request.path == reverse("logout")):
                return redirect("admin:index")
        return None


# --- Sessions and caching (issue 9 items 5 and 7) ---------------------------------------------

INGELOGD_OP = "kantoor_ingelogd_op"
ACTIEF_OP = "kantoor_actief_op"
# Renewing the idle timer writes the session; once a minute is precise enough for hours.
VERNIEUW_NA = 60


def onthoud_inlogtijd(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """Receiver of user_logged_in: the absolute session limit counts from here."""
    nu = timezone.now().timestamp()
    request.session[INGELOGD_OP] = nu
    request.session[ACTIEF_OP] = nu


class SessieMiddleware:
    """A session ends SESSION_MAX_HOURS after logging in, however busy (issue 9 row 15).

    The idle limit is Django's own: the stored session and its cookie expire SESSION_COOKIE_AGE
    after the session was last saved. Rather than saving on every request
    (SESSION_SAVE_EVERY_REQUEST: a write per page), the session is touched at most once a minute,
    which renews both. A session without a login time predates this rule and ends too.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            nu = timezone.now().timestamp()
            ingelogd_op = request.session.get(INGELOGD_OP)
            if (
                not isinstance(ingelogd_op, int | float)
                or nu - ingelogd_op > settings.SESSION_MAX_HOURS * 3600
            ):
                # Anonymous from here on: LoginRequiredMiddleware sends him to the login page.
                logout(request)
            else:
                actief_op = request.session.get(ACTIEF_OP)
                if not isinstance(actief_op, int | float) or nu - actief_op >= VERNIEUW_NA:
                    request.session[ACTIEF_OP] = nu
        return self.get_response(request)


class GeenCacheMiddleware:
    """What a logged-in employee sees (relations with a BSN, exports) is kept by no cache, not
    even the browser's own on a shared computer: `Cache-Control: private, no-store` on every
    response to a logged-in request whose view did not choose its own (issue 9 row 16).

    no-store rather than no-cache: no-cache would still let the browser write the page to disk and
    only revalidate it. Static files never reach this middleware (WhiteNoise answers them first).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response


class GezondMiddleware:
    """Answers the health check (`/gezond/`) before anything reads the Host header.

    Load balancers probe by IP address, a host that ALLOWED_HOSTS rightly refuses; this
    middleware comes first in MIDDLEWARE, so that `request.get_host()` is never called for the
    health check (issue 14, 3). Exactly that path: every other request, also `/gezond` or
    `/gezond/x`, goes through host validation as before.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from kantoor.views import gezond

        if request.path == reverse("gezond"):
            return gezond(request)
        return self.get_response(request)


class RequestIdMiddleware:
    """Gives every request an id for its log lines and its response header `X-Request-ID`, and
    logs one line per request (method, path, status, duration) with it (issue 14, 6).

    A sane incoming X-Request-ID (from the proxy) is kept, so that proxy and app logs line up;
    anything else is replaced by a fresh one. A path with a secret in it (the calendar feed, the
    password link) is logged as its route, without the secret.
    """

    SANE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,99}")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming if self.SANE.fullmatch(incoming) else uuid.uuid4().hex
        id_token = logboek.request_id.set(request.request_id)
        kantoor_token = logboek.kantoor_code.set(logboek.GEEN)
        begin = time.monotonic()
        try:
            response = self.get_response(request)
            response.headers["X-Request-ID"] = request.request_id
            path = logboek.veilig_pad(request)
            duur = round((time.monotonic() - begin) * 1000)
            toegang.info(
                "%s %s %s %sms",
                request.method,
                path,
                response.status_code,
                duur,
                extra={
                    "method": request.method,
                    "path": path,
                    "status_code": response.status_code,
                    "duration_ms": duur,
                },
            )
            return response
        finally:
            logboek.kantoor_code.reset(kantoor_token)
            logboek.request_id.reset(id_token)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        # The office is known once authentication and KantoorMiddleware have run.
        kantoor = getattr(request, "kantoor", None)
        if kantoor is not None:
            logboek.kantoor_code.set(kantoor.code)
        return None


class NulTekenMiddleware:
    """Answers 400 to a request with a NUL character in its path, query string, cookies or
    form data (issue 9 row 3).

    PostgreSQL refuses NUL in text, so a NUL that reaches a query is a 500. Django's form fields
    refuse it already, but the admin's filters, path converters (`<str:token>`) and values the
    views read by hand do not; one guard in front of them all is simpler and safer than a check
    in each. No browser sends a NUL in a form; only a crafted request does. The views that read
    values by hand parse them strictly as well (`kantoor.invoer.parse_id`, the task cursor).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or self.bevat_nul(request.GET) or self.bevat_nul(request.COOKIES):
            raise BadRequest("NUL character in the request")
        formulier = request.content_type == "application/x-www-form-urlencoded"
        if request.method == "POST" and formulier and self.bevat_nul(request.POST):
            raise BadRequest("NUL character in the form data")
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        """Multipart form data is checked only where CsrfViewMiddleware reads it anyway: a
        csrf_exempt view may set its own upload handlers (e.g. a size limit) before parsing."""
        if (
            request.method == "POST"
            and request.content_type == "multipart/form-data"
            and not getattr(view_func, "csrf_exempt", False)
            and self.bevat_nul(request.POST)
        ):
            raise BadRequest("NUL character in the form data")

    @staticmethod
    def bevat_nul(waarden: QueryDict | dict[str, str]) -> bool:
        if isinstance(waarden, QueryDict):
            paren = ((sleutel, w) for sleutel, lijst in waarden.lists() for w in lijst)
        else:
            paren = waarden.items()
        return any("\x00" in sleutel or "\x00" in waarde for sleutel, waarde in paren)
