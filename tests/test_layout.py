"""The shell of every signed-in page: the office, the navigation and where you are in it."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def current_nav_link(html: str) -> list[str]:
    navigation = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a href="([^"]+)" aria-current="page">', navigation)


@pytest.mark.parametrize(
    ("page", "current"),
    [
        ("taken:taak_list", "taken:taak_list"),
        ("taken:niet_belegd", "taken:niet_belegd"),
        ("relaties:relatie_list", "relaties:relatie_list"),
    ],
)
def test_exactly_the_current_section_is_marked_in_the_navigation(medewerker_client, page, current):
    """A screen reader hears which section it is in; only one link says so."""
    response = medewerker_client.get(reverse(page))

    assert current_nav_link(response.text) == [reverse(current)]


def test_beheer_is_in_the_navigation_of_office_admins_only(client, medewerker, beheerder):
    client.force_login(medewerker)
    assert reverse("admin:index") not in client.get(reverse("taken:taak_list")).text
    client.force_login(beheerder)
    assert reverse("admin:index") in client.get(reverse("taken:taak_list")).text
