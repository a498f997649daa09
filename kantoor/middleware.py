"""Every request knows its office in one obvious place (`request.kantoor`) and its language."""

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from kantoor.models import Taal


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
