"""Deny by default: every URL but login, health and static files needs a logged-in employee.

What another office's employee and office admin get on every URL pattern is the isolation
matrix in tests/test_isolatie.py (D9, issue 9 item 8)."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

PUBLIC = {
    "/inloggen/",
    "/gezond/",
    "/taal/",
    "/beheer/login/",
    # Password reset (issue 3): whoever forgot his password is not logged in.
    "/wachtwoord/vergeten/",
    "/wachtwoord/vergeten/verstuurd/",
    "/wachtwoord/nieuw/1/1/",
    "/wachtwoord/nieuw/klaar/",
    # The iCalendar feed (issue 6): calendar programs cannot log in; the secret token is the key.
    "/taken/agenda/1.ics",
}


def concrete_paths(patterns=None, prefix: str = "") -> list[str]:
    """Every URL of the project, with 1 in place of each parameter."""
    paths = []
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            paths += concrete_paths(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            route = re.sub(r"<(?:\w+:)?\w+>", "1", route).lstrip("^").rstrip("$").replace("\\", "")
            if not re.search(r"[()\[\]?*+]", route):
                paths.append("/" + route)
    return paths


def test_the_walk_finds_the_pages():
    paths = concrete_paths()

    assert {"/", "/relaties/", "/taken/", "/beheer/"} <= set(paths)


@pytest.mark.parametrize("path", [p for p in concrete_paths() if p not in PUBLIC])
def test_anonymous_visitor_is_sent_to_login(client, path):
    response = client.get(path, follow=True)

    assert response.redirect_chain, f"{path} answered without a redirect"
    assert response.request["PATH_INFO"] in {reverse("login"), reverse("admin:login")}, path


def test_health_needs_no_login(client):
    assert client.get(reverse("gezond")).status_code == 200


def test_static_files_need_no_login(client):
    response = client.get("/static/css/kantoor.css")

    assert response.status_code == 200
