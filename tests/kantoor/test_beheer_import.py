"""The admin page Medewerkers importeren: upload, preview of what will change, confirm (R7)."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kantoor.models import Medewerker
from tests.factories import MedewerkerFactory
from tests.kantoor.bestanden import csv_bestand, twinfield_user, twinfield_xml

pytestmark = pytest.mark.django_db

URL = reverse("admin:kantoor_medewerker_importeren")


def upload(client, data: bytes, naam: str = "gebruikers.xml", **extra):
    return client.post(URL, {"bestand": SimpleUploadedFile(naam, data), **extra})


def token(response) -> str:
    return re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)


def test_the_upload_page_needs_an_admin(medewerker_client):
    assert medewerker_client.get(URL).status_code == 302


def test_the_changelist_links_to_the_import(beheerder_client):
    response = beheerder_client.get(reverse("admin:kantoor_medewerker_changelist"))

    assert URL in response.content.decode()
    assert "Medewerkers importeren" in response.content.decode()


def test_the_preview_shows_what_will_change_and_writes_nothing(beheerder_client, kantoor):
    MedewerkerFactory(
        kantoor=kantoor, code="PBAKKER", naam="Piet Bakker", email="pbakker@kantoor.example"
    )
    data = twinfield_xml(
        twinfield_user("NIEUW", "Nina Nieuw"),
        twinfield_user("PBAKKER", "Pieter Bakker"),
        twinfield_user("KLANT", type="user"),
    )

    response = upload(beheerder_client, data)

    content = response.content.decode()
    assert response.status_code == 200
    for tekst in (
        "Aangemaakt: 1",
        "Bijgewerkt: 1",
        "Overgeslagen: 1",
        "Nina Nieuw",
        "naam: Piet Bakker → Pieter Bakker",
        "Import bevestigen",
    ):
        assert tekst in content, tekst
    assert not Medewerker.objects.filter(code="NIEUW").exists()
    assert Medewerker.objects.get(code="PBAKKER").naam == "Piet Bakker"


def test_confirming_applies_the_file_and_mails_the_new_employees(
    beheerder_client, kantoor, django_capture_on_commit_callbacks
):
    """R7: confirm writes it all; new employees get the mail to set their password."""
    preview = upload(
        beheerder_client,
        csv_bestand(["NIEUW", "Nina Nieuw", "Nina", "nina@kantoor.example", "nl", "ja"]),
        "lijst.csv",
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = beheerder_client.post(
            URL, {"token": token(preview), "bevestigen": "1"}, follow=True
        )

    assert response.redirect_chain[-1][0] == reverse("admin:kantoor_medewerker_changelist")
    assert "Import voltooid. Aangemaakt: 1" in response.content.decode()
    nina = Medewerker.objects.get(code="NIEUW")
    assert nina.kantoor == kantoor
    assert not nina.has_usable_password()
    assert [m.to for m in mail.outbox] == [["nina@kantoor.example"]]


def test_a_file_that_changes_nothing_offers_no_confirmation(beheerder_client, kantoor):
    MedewerkerFactory(kantoor=kantoor, code="A1", naam="Anna", email=None, korte_naam="")

    response = upload(beheerder_client, csv_bestand(["A1", "Anna"], kop=["code", "naam"]), "a.csv")

    content = response.content.decode()
    assert "Niets te wijzigen: het kantoor komt al overeen met het bestand." in content
    assert "Import bevestigen" not in content


def test_a_bad_file_is_refused_with_every_problem_and_no_confirmation(beheerder_client):
    data = csv_bestand(["", "Jan", "", "", "", ""], ["B2", "Bert", "", "bert@", "", ""])

    response = upload(beheerder_client, data, "fout.csv")

    content = response.content.decode()
    assert response.status_code == 400
    assert "Het bestand is geweigerd: 2 problemen. Er is niets weggeschreven." in content
    assert "Regel 2: de code ontbreekt." in content
    assert "Regel 3: het e-mailadres “bert@” is ongeldig." in content
    assert 'name="token"' not in content


def test_an_upload_without_a_file_is_a_form_error(beheerder_client):
    """Bad input is a 4xx with the error at the field (issue 9)."""
    response = beheerder_client.post(URL, {})

    assert response.status_code == 400
    assert response.context["form"].errors["bestand"]


def test_a_tampered_token_writes_nothing(beheerder_client):
    response = beheerder_client.post(URL, {"token": "vervalst", "bevestigen": "1"}, follow=True)

    assert "Het voorbeeld is verlopen; upload het bestand opnieuw." in response.content.decode()
    assert Medewerker.objects.count() == 1


def test_a_token_from_another_office_s_admin_is_a_404(beheerder_client, ander_beheerder, client):
    """D9: a preview made by the admin of office B cannot be confirmed by the admin of A."""
    from django.test import Client

    ander = Client()
    ander.force_login(ander_beheerder)
    preview = upload(ander, twinfield_xml(twinfield_user("B1")))

    response = beheerder_client.post(URL, {"token": token(preview), "bevestigen": "1"})

    assert response.status_code == 404
    assert not Medewerker.objects.filter(code="B1").exists()


def test_the_platform_superuser_chooses_the_office(superuser_client, ander_kantoor):
    preview = upload(
        superuser_client, twinfield_xml(twinfield_user("B1")), kantoor=ander_kantoor.pk
    )

    superuser_client.post(URL, {"token": token(preview), "bevestigen": "1"})

    assert Medewerker.objects.get(code="B1").kantoor == ander_kantoor


def test_a_refusal_at_confirmation_shows_the_problems(
    beheerder_client, kantoor, medewerker, klantbeheerders
):
    """The office may change between preview and confirmation; the confirmation checks again."""
    preview = upload(
        beheerder_client,
        twinfield_xml(
            twinfield_user("SJANSEN", "Sanne Jansen", status="deleted", email=medewerker.email)
        ),
    )
    klantbeheerders[medewerker.pk] = ["Bakkerij Jansen"]

    response = beheerder_client.post(URL, {"token": token(preview), "bevestigen": "1"})

    assert response.status_code == 400
    assert "Sanne Jansen kan niet worden gedeactiveerd: klantbeheerder van Bakkerij Jansen." in (
        response.content.decode()
    )
    medewerker.refresh_from_db()
    assert medewerker.is_active
