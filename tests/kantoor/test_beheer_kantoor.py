"""Kantoor in Beheer: an office admin edits his own office's name and relation-code mask."""

import pytest
from django.urls import reverse

from kantoor.models import Kantoor

pytestmark = pytest.mark.django_db


def wijzig(kantoor):
    return reverse("admin:kantoor_kantoor_change", args=[kantoor.pk])


def test_the_office_list_is_the_admin_s_own_office_page(beheerder_client, kantoor):
    response = beheerder_client.get(reverse("admin:kantoor_kantoor_changelist"))

    assert response.status_code == 302
    assert response.url == wijzig(kantoor)


def test_an_admin_edits_name_and_mask_but_not_the_code(beheerder_client, kantoor):
    response = beheerder_client.post(
        wijzig(kantoor),
        {"naam": "Testpraktijk & Co", "code": "gekaapt", "relatiecode_masker": "L[0-9][0-9][0-9]"},
    )

    assert response.status_code == 302
    kantoor.refresh_from_db()
    assert (kantoor.naam, kantoor.code, kantoor.relatiecode_masker) == (
        "Testpraktijk & Co",
        "testpraktijk",
        "L[0-9][0-9][0-9]",
    )


@pytest.mark.parametrize(
    ("masker", "melding"),
    [
        ("L[0-9", "De [ op positie 2 wordt nergens gesloten met ]."),
        ("L0-9]", "Voor de ] op positie 5 staat geen [."),
        ("LLL", "Een masker heeft minstens één tekenklasse nodig, zoals [0-9]."),
        ("L[]9", "De klasse op positie 2 is leeg."),
        ("L[9-0]", "Het bereik 9-0 op positie 2 is ongeldig."),
        ("L[0-Z]", "Het bereik 0-Z op positie 2 is ongeldig."),
        ("L [0-9]", "Het teken ' ' op positie 2 kan geen deel van een code zijn."),
    ],
)
def test_a_malformed_mask_is_refused_next_to_the_field(beheerder_client, kantoor, masker, melding):
    response = beheerder_client.post(
        wijzig(kantoor), {"naam": kantoor.naam, "relatiecode_masker": masker}
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["relatiecode_masker"] == [melding]
    kantoor.refresh_from_db()
    assert kantoor.relatiecode_masker == "[0-9][0-9][0-9][0-9]"


def test_no_office_is_added_or_deleted_by_an_office_admin(beheerder_client, kantoor):
    assert beheerder_client.get(reverse("admin:kantoor_kantoor_add")).status_code == 403
    url = reverse("admin:kantoor_kantoor_delete", args=[kantoor.pk])
    assert beheerder_client.post(url, {"post": "yes"}).status_code == 403
    assert Kantoor.objects.filter(pk=kantoor.pk).exists()


def test_the_platform_superuser_adds_an_office(superuser_client):
    response = superuser_client.post(
        reverse("admin:kantoor_kantoor_add"),
        {"naam": "Kantoor Noord", "code": "noord", "relatiecode_masker": "N[0-9][0-9][0-9]"},
    )

    assert response.status_code == 302
    assert Kantoor.objects.get(code="noord").klantbeheerder_rol.is_systeemrol
