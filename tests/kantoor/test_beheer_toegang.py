"""Who enters Beheer (/beheer/): office admins and platform superusers only."""

import pytest
from django.urls import reverse

from tests.factories import MedewerkerFactory

pytestmark = pytest.mark.django_db

PAGINAS = [
    "admin:index",
    "admin:kantoor_internerol_changelist",
    "admin:kantoor_medewerker_changelist",
    "admin:kantoor_medewerker_importeren",
    "admin:kantoor_kantoor_changelist",
]


def test_beheer_is_titled_beheer_with_the_section_kantoorinstellingen(beheerder_client):
    response = beheerder_client.get(reverse("admin:index"))

    assert response.status_code == 200
    content = response.content.decode()
    # The product's title style (issue 10 item 6): page · Beheer · office.
    titel = "Kantoorinstellingen · Beheer · Administratiekantoor Testpraktijk"
    assert f"<title>{titel}</title>" in content
    assert "Kantoorinstellingen" in content
    for link in ("Interne rollen", "Medewerkers", "Kantoren"):
        assert link in content


@pytest.mark.parametrize("pagina", PAGINAS)
def test_an_employee_who_is_not_an_admin_cannot_enter(medewerker_client, pagina):
    """Employees who are not admins cannot enter /beheer/: they get the admin's login page."""
    response = medewerker_client.get(reverse(pagina))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.parametrize("pagina", PAGINAS)
def test_an_office_admin_enters_every_page(beheerder_client, pagina):
    response = beheerder_client.get(reverse(pagina), follow=True)

    assert response.status_code == 200


def test_an_inactive_admin_cannot_enter(client, kantoor):
    oud = MedewerkerFactory(kantoor=kantoor, is_beheerder=True, is_active=False)
    client.force_login(oud)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302


def test_a_posted_admin_flag_is_not_a_django_permission(beheerder):
    """Office admins have no permission rows; the admin classes decide (deny by default)."""
    assert not beheerder.has_perm("kantoor.change_medewerker")
    assert beheerder.is_staff
