from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from kantoor.forms import LoginForm
from kantoor.models import Taal


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


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
