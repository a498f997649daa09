from __future__ import annotations

from typing import Any

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kantoor.forms import LoginForm
from kantoor.models import Medewerker, Taal

# The offices whose account accepted the password, kept in the (server-side) session between the
# password and the choice of office; minutes it stays valid.
KANTOOR_KEUZE = "kantoor_keuze"
KANTOOR_KEUZE_GELDIG = 5 * 60


class LoginView(auth_views.LoginView):
    """Logging in by address and password; an address with accounts in several offices whose
    password matched more than one of them then chooses the office (issue 9 item 6, D9)."""

    form_class = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: LoginForm) -> HttpResponse:
        user = form.get_user()
        keuze = getattr(user, "kantoor_keuze", [user.pk])
        if len(keuze) == 1:
            return super().form_valid(form)
        # Only the accounts whose password was just checked; the choice is read back from the
        # session, never from the form, so no other office can be chosen.
        self.request.session[KANTOOR_KEUZE] = {
            "medewerkers": keuze,
            "sinds": timezone.now().timestamp(),
            "next": self.get_success_url(),
        }
        return redirect("kantoor_kiezen")


def _keuze(request: HttpRequest) -> tuple[list[Medewerker], str] | None:
    """The pending choice of office: the accounts still active, and where to go afterwards."""
    keuze = request.session.get(KANTOOR_KEUZE)
    if not isinstance(keuze, dict):
        return None
    if timezone.now().timestamp() - keuze.get("sinds", 0) > KANTOOR_KEUZE_GELDIG:
        del request.session[KANTOOR_KEUZE]
        return None
    accounts = list(
        Medewerker.objects.select_related("kantoor")
        .filter(pk__in=keuze.get("medewerkers", []), is_active=True)
        .order_by("kantoor__naam", "pk")
    )
    return (accounts, keuze.get("next") or settings.LOGIN_REDIRECT_URL) if accounts else None


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
@login_not_required
def kantoor_kiezen(request: HttpRequest) -> HttpResponse:
    """Second step of logging in with an address used in several offices: choose the office.

    Lists only the accounts whose password was checked in the first step (issue 9 item 6); a
    posted account outside that list is not logged in. Without a pending choice: the login page.
    """
    gevonden = _keuze(request)
    if gevonden is None:
        return redirect("login")
    accounts, volgende = gevonden
    fout = False
    if request.method == "POST":
        gekozen = next((m for m in accounts if str(m.pk) == request.POST.get("medewerker")), None)
        if gekozen is not None:
            del request.session[KANTOOR_KEUZE]
            login(request, gekozen, backend="kantoor.backends.MedewerkerBackend")
            if not url_has_allowed_host_and_scheme(
                volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            ):
                volgende = settings.LOGIN_REDIRECT_URL
            return redirect(volgende)
        fout = True
    return render(
        request,
        "registration/kantoor_kiezen.html",
        {"accounts": accounts, "fout": fout},
        status=400 if fout else 200,
    )


def vergrendeld(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any = None
) -> HttpResponse:
    """django-axes' lockout answer (AXES_LOCKOUT_CALLABLE): our own login page, in the user's
    language, saying why and for how long, with 429 Too Many Requests (issue 9 row 13)."""
    cool_off = get_cool_off(request)
    minuten = max(1, round(cool_off.total_seconds() / 60)) if cool_off else 0
    form = LoginForm(request, initial={"username": request.POST.get("username", "")})
    return render(
        request,
        "registration/login.html",
        {
            "form": form,
            "next": request.POST.get("next", ""),
            "vergrendeld": ngettext(
                "Too many failed attempts to log in with this address. Try again in %(n)s "
                "minute, or ask your office admin to unlock your account.",
                "Too many failed attempts to log in with this address. Try again in %(n)s "
                "minutes, or ask your office admin to unlock your account.",
                minuten,
            )
            % {"n": minuten},
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def start(request: HttpRequest) -> HttpResponse:
    """The root sends an employee to where his day starts: Mijn taken."""
    return redirect("taken:taak_list")


@require_POST
@login_not_required
def taal_kiezen(request: HttpRequest) -> HttpResponse:
    """Switch the UI language; an employee keeps his choice for next time."""
    taal = request.POST.get("taal", "")
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if taal in Taal.values and check_for_language(taal):
        if request.user.is_authenticated:
            request.user.taal = taal
            request.user.save(update_fields=["taal"])
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            taal,
            max_age=365 * 24 * 60 * 60,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
        )
    return response


@never_cache
@require_GET
@login_not_required
def gezond(request: HttpRequest) -> HttpResponse:
    """Health check for load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "database unavailable"}, status=503)
    return JsonResponse({"status": "ok"})
