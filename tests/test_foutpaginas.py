"""Our own Dutch 400/403/404/500 pages in the product's layout, with the way back (issue 10
item 6)."""

from __future__ import annotations

import re

import pytest
from django.template import loader
from django.test import RequestFactory
from django.views import defaults

from tests.relaties.factories import RelatieFactory

pytestmark = pytest.mark.django_db


def test_404_for_a_logged_in_employee_has_the_navigation_and_the_way_back(medewerker_client):
    """Issue 10 item 6: a missing page is ours, in Dutch, with the product's navigation."""
    response = medewerker_client.get("/relaties/999999/")

    assert response.status_code == 404
    tekst = response.content.decode()
    assert "Pagina niet gevonden" in tekst
    assert 'class="site-nav"' in tekst
    assert "Naar Mijn taken" in tekst
    assert "Not Found" not in tekst


def test_404_for_another_offices_relation_is_the_page_of_a_nonexistent_one(
    medewerker_client, ander_kantoor, vreemde
):
    """D9: another office's row answers byte for byte like a missing one."""
    vreemd = RelatieFactory(kantoor=ander_kantoor, aangemaakt_door=vreemde)

    eigen = medewerker_client.get(f"/relaties/{vreemd.pk}/")
    onbekend = medewerker_client.get("/relaties/999999/")

    assert eigen.status_code == onbekend.status_code == 404
    schoon = [
        r.content.decode().replace(str(vreemd.pk), "<id>").replace("999999", "<id>")
        for r in (eigen, onbekend)
    ]
    # The CSRF mask of the logout form differs per response.
    schoon = [re.sub(r'csrfmiddlewaretoken" value="[^"]+', "", s) for s in schoon]
    assert schoon[0] == schoon[1]


def test_404_for_an_anonymous_visitor_points_to_the_login(client):
    """Issue 10 item 6: no navigation for a visitor who is not logged in, but a way back."""
    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    tekst = response.content.decode()
    assert "Pagina niet gevonden" in tekst
    assert 'class="site-nav"' not in tekst
    assert "Naar de inlogpagina" in tekst


def test_403_is_ours_with_the_navigation(rf: RequestFactory, medewerker):
    """Issue 10 item 6: no bare English "403 Forbidden"."""
    request = rf.get("/relaties/")
    request.user = medewerker
    request.kantoor = medewerker.kantoor

    response = defaults.permission_denied(request, PermissionError("nee"))

    assert response.status_code == 403
    tekst = response.content.decode()
    assert "Geen toegang" in tekst
    assert 'class="site-nav"' in tekst
    assert "Forbidden" not in tekst


def test_500_renders_without_request_or_database(django_assert_num_queries):
    """Issue 10 item 6: Django renders 500.html with no context; it must need no database."""
    with django_assert_num_queries(0):
        tekst = loader.get_template("500.html").render()

    assert "Er is iets misgegaan" in tekst
    assert 'href="/"' in tekst
    assert "kantoor.css" in tekst


def test_500_view_answers_our_page(rf: RequestFactory):
    """Django's server_error view finds our template."""
    response = defaults.server_error(rf.get("/"))

    assert response.status_code == 500
    assert "Er is iets misgegaan" in response.content.decode()


def test_400_has_the_same_look():
    """Issue 10 item 6: 400 aligned with the other error pages."""
    tekst = loader.get_template("400.html").render()

    assert "foutpagina" in tekst
    assert "Ongeldig verzoek" in tekst or "Invalid request" not in tekst
